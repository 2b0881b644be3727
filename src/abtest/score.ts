// Each variant's joined requests through the metrics engine (the same Evaluator live
// evaluation uses), then the two variants compared as independent samples: accuracy by
// the two-proportion z-test, AUC by DeLong's independent variance, every other metric by
// the independent bootstrap.
import { BINARY_METRICS } from '../evaluation/binary-values.js'
import { sortScores } from '../evaluation/binary.js'
import { binaryResample, multiclassResample, regressionResample } from '../evaluation/compare.js'
import type { DataColumns, Task } from '../evaluation/dataset.js'
import { Evaluator } from '../evaluation/evaluate.js'
import { MULTICLASS_METRICS } from '../evaluation/multiclass.js'
import { REGRESSION_METRICS } from '../evaluation/regression.js'
import type { TaskReport } from '../evaluation/statistics-json.js'
import {
  independentBootstrap,
  independentDelong,
  twoProportion,
  type Measure,
  type VariantComparison
} from './independent.js'
import type { JoinedVariant } from './join.js'

export interface ScoreOptions {
  task: Task
  threshold: number
  alpha: number
  resamples: number
  seed: number
}

const COLUMNS: DataColumns = {
  label: { index: 0, role: 'label' },
  prediction: [{ index: 1, role: 'prediction' }]
}

/** One variant's metrics from the engine; undefined when no request was labelled. */
export function scoreVariant(joined: JoinedVariant, options: ScoreOptions): TaskReport | undefined {
  if (joined.labels.length === 0) return undefined
  const evaluator = new Evaluator(
    {
      task: options.task,
      source: `variant ${joined.variantName}`,
      threshold: options.threshold,
      alpha: options.alpha,
      resamples: options.resamples,
      seed: options.seed,
      ...(options.task === 'multiclass'
        ? { classes: classesOf(joined.labels, joined.predictions) }
        : {})
    },
    COLUMNS
  )
  evaluator.batch([joined.labels, joined.predictions], joined.labels.length)
  return evaluator.finish().candidate
}

function classesOf(...columns: Float64Array[]): number {
  let top = 1
  for (const column of columns)
    for (let i = 0; i < column.length; i++) top = Math.max(top, column[i]!)
  return top + 1
}

/** How many requests each variant got right, for the accuracy rate. */
function correct(task: Task, joined: JoinedVariant, threshold: number): number {
  let n = 0
  const { labels, predictions } = joined
  for (let i = 0; i < labels.length; i++) {
    const predicted = task === 'binary' ? (predictions[i]! >= threshold ? 1 : 0) : predictions[i]
    if (predicted === labels[i]) n++
  }
  return n
}

/** One variant's metric values on a bootstrap resample. */
function measure(
  task: Task,
  joined: JoinedVariant,
  threshold: number,
  classes: number
): Measure<string> {
  const { labels, predictions } = joined
  if (task === 'binary') {
    const resample = binaryResample(
      { labels: Uint8Array.from(labels), candidate: predictions, baseline: predictions },
      threshold
    )
    return weights => resample(weights)[0]
  }
  if (task === 'multiclass') {
    const model = { predicted: predictions }
    const resample = multiclassResample({ labels, classes, candidate: model, baseline: model })
    return weights => resample(weights)[0]
  }
  const resample = regressionResample({ labels, candidate: predictions, baseline: predictions })
  return weights => resample(weights)[0]
}

const METRICS: Record<Task, readonly string[]> = {
  binary: BINARY_METRICS,
  multiclass: MULTICLASS_METRICS,
  regression: REGRESSION_METRICS
}

/** Every metric both variants define, compared: challenger - control. */
export function compareVariants(
  joined: { control: JoinedVariant; challenger: JoinedVariant },
  reports: { control: TaskReport; challenger: TaskReport },
  options: ScoreOptions
): Record<string, VariantComparison> {
  const { task, threshold, alpha } = options
  const { control, challenger } = joined
  const out: Record<string, VariantComparison> = {}
  if (task !== 'regression') {
    out.accuracy = twoProportion(
      { count: correct(task, control, threshold), rows: control.labels.length },
      { count: correct(task, challenger, threshold), rows: challenger.labels.length },
      alpha
    )
  }
  if (task === 'binary') {
    const auc = independentDelong(
      sortScores(Uint8Array.from(control.labels), control.predictions),
      sortScores(Uint8Array.from(challenger.labels), challenger.predictions),
      alpha
    )
    if (auc) out.auc = auc
  }
  const classes = classesOf(
    control.labels,
    control.predictions,
    challenger.labels,
    challenger.predictions
  )
  const names = METRICS[task].filter(name => !(name in out))
  const points = {
    control: reports.control.report.values as Record<string, number>,
    challenger: reports.challenger.report.values as Record<string, number>
  }
  const sides = {
    control: { rows: control.labels.length, measure: measure(task, control, threshold, classes) },
    challenger: {
      rows: challenger.labels.length,
      measure: measure(task, challenger, threshold, classes)
    }
  }
  const bootstrapped = independentBootstrap(names, points, sides, options)
  for (const name of names) if (bootstrapped[name]) out[name] = bootstrapped[name]
  return out
}
