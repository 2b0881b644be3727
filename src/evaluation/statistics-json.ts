// The SageMaker Model Monitor model-quality statistics document, built from a metrics
// report: what ModelMetrics.ModelQuality.Statistics points at, so the registry and
// SageMaker Studio show the metrics.
//
// Shape, as the Model Monitor documentation shows it ("Model quality metrics and Amazon
// CloudWatch monitoring"):
//   {"version": 0.0,
//    "dataset": {"item_count": 1000},
//    "binary_classification_metrics": {
//      "confusion_matrix": {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}},
//      "recall": {"value": 1.0, "standard_deviation": "NaN"}, ...}}
// - `confusion_matrix[actual][predicted]`: the outer key is the label, the inner one the
//   prediction (in the documented example, recall 1.0 and precision 1/3 only fit that way);
// - `standard_deviation` is the standard deviation over five 80% subsamples, written as
//   the string "NaN" when Model Monitor would give none (fewer than 200 rows) or when the
//   metric is undefined on a subsample;
// - a metric undefined on the data (auc with one class) is left out, not written as NaN.
// Keys follow Model Monitor's names where it has the metric (auc, f0_5, true_positive_rate,
// weighted_f1, mae, r2, ...), and scikit-learn's otherwise (average_precision, logloss,
// brier, balanced_accuracy, mcc, macro_f1, mape, explained_variance).
import { BINARY_METRICS, type BinaryReport } from './binary.js'
import type { MetricReport } from './metric-report.js'
import { MULTICLASS_METRICS, type MulticlassReport } from './multiclass.js'
import { REGRESSION_METRICS, type RegressionReport } from './regression.js'

export type TaskReport =
  | { task: 'binary'; report: BinaryReport }
  | { task: 'multiclass'; report: MulticlassReport }
  | { task: 'regression'; report: RegressionReport }

export interface StatisticValue {
  value: number
  standard_deviation: number | 'NaN'
}

/** confusion_matrix[actual][predicted] = rows. */
export type ConfusionMatrix = Record<string, Record<string, number>>

export type StatisticsSection = Record<string, StatisticValue | ConfusionMatrix>

export interface StatisticsDocument {
  version: number
  dataset: { item_count: number }
  binary_classification_metrics?: StatisticsSection
  multiclass_classification_metrics?: StatisticsSection
  regression_metrics?: StatisticsSection
}

const SECTION = {
  binary: 'binary_classification_metrics',
  multiclass: 'multiclass_classification_metrics',
  regression: 'regression_metrics'
} as const

function confusionMatrix(matrix: number[][]): ConfusionMatrix {
  const out: ConfusionMatrix = {}
  matrix.forEach((row, actual) => {
    out[String(actual)] = Object.fromEntries(
      row.map((count, predicted) => [String(predicted), count])
    )
  })
  return out
}

function metricEntries<M extends string>(
  names: readonly M[],
  report: MetricReport<M>
): StatisticsSection {
  const section: StatisticsSection = {}
  for (const name of names) {
    const value = report.values[name]
    if (value === undefined) continue
    const sd = report.standardDeviations[name]
    section[name] = { value, standard_deviation: sd === undefined ? 'NaN' : sd }
  }
  return section
}

/** The statistics document of one model's report. */
export function statisticsDocument(result: TaskReport): StatisticsDocument {
  let section: StatisticsSection
  if (result.task === 'binary') {
    const { tp, fp, tn, fn } = result.report.confusion
    section = {
      confusion_matrix: confusionMatrix([
        [tn, fp],
        [fn, tp]
      ]),
      ...metricEntries(BINARY_METRICS, result.report)
    }
  } else if (result.task === 'multiclass') {
    section = {
      confusion_matrix: confusionMatrix(result.report.confusion),
      ...metricEntries(MULTICLASS_METRICS, result.report)
    }
  } else {
    section = metricEntries(REGRESSION_METRICS, result.report)
  }
  return {
    version: 0.0,
    dataset: { item_count: result.report.rows },
    [SECTION[result.task]]: section
  }
}

/**
 * The document as stored: two-space JSON with a final newline, keys in a fixed order, so
 * equal reports give equal bytes (and an equal ContentDigest when registered).
 */
export function statisticsText(document: StatisticsDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
