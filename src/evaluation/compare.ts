// Paired comparisons for each task: which test each metric gets, and the bootstrap's
// per-resample arithmetic. Rows carry integer weights (how often the resample drew them),
// and every metric is recomputed from weighted sums, the same formulas as for the full
// data (binaryValues, multiclassValues, forceFinite).
import {
  BINARY_METRICS,
  type BinaryMetric,
  type BinaryReport,
  type BinaryTotals,
  binaryValues,
  logLossTerms,
  type SortedScores
} from './binary.js'
import { MACHINE_EPSILON } from './metric-report.js'
import {
  MULTICLASS_METRICS,
  type MulticlassMetric,
  type MulticlassReport,
  multiclassValues
} from './multiclass.js'
import {
  bootstrapComparison,
  bootstrapDeltas,
  type BootstrapOptions,
  type Comparison,
  delong,
  mcnemar,
  type PairedTable
} from './paired.js'
import {
  forceFinite,
  REGRESSION_METRICS,
  type RegressionMetric,
  type RegressionReport
} from './regression.js'
import { distinctValues, lowerBound, sortAscending } from './sorting.js'

export interface CompareOptions {
  /** Intervals (two-sided) and bounds (one-sided) at confidence 1 - alpha. */
  alpha: number
  /** Bootstrap resamples (1,000 by default in the engine's callers). */
  resamples: number
  seed: number
}

export type Comparisons<M extends string> = Partial<Record<M, Comparison>>

/** The metrics a bootstrap compares: defined for both models, and not tested otherwise. */
type Values<M extends string> = { values: Partial<Record<M, number>> }

/**
 * The paired bootstrap for every metric of `all` but those in `skip` (compared by their
 * own tests) that both models have a value for.
 */
function runBootstrap<M extends string>(
  all: readonly M[],
  skip: readonly string[],
  rows: number,
  values: { candidate: Values<M>; baseline: Values<M> },
  options: BootstrapOptions,
  measure: Resample<M>
): Comparisons<M> {
  const reports = { candidate: values.candidate.values, baseline: values.baseline.values }
  const names = all.filter(
    n =>
      !skip.includes(n) && reports.candidate[n] !== undefined && reports.baseline[n] !== undefined
  )
  const out: Comparisons<M> = {}
  if (names.length === 0) return out
  const deltas = bootstrapDeltas(rows, names.length, options, weights => {
    const [c, b] = measure(weights)
    return names.map(n => (c[n] ?? NaN) - (b[n] ?? NaN))
  })
  names.forEach((name, m) => {
    out[name] = bootstrapComparison(
      reports.candidate[name]!,
      reports.baseline[name]!,
      deltas[m]!,
      options
    )
  })
  return out
}

export interface PairedBinaryData {
  labels: Uint8Array
  candidate: Float64Array
  baseline: Float64Array
}

/** Binary: DeLong for auc, McNemar for accuracy, the bootstrap for the rest. */
export function compareBinary(
  data: PairedBinaryData,
  reports: { candidate: BinaryReport; baseline: BinaryReport },
  sorted: { candidate: SortedScores; baseline: SortedScores },
  options: CompareOptions & { threshold: number }
): Comparisons<BinaryMetric> {
  const { labels, candidate, baseline } = data
  const out: Comparisons<BinaryMetric> = {}
  const auc = delong(labels, candidate, baseline, sorted, options.alpha, {
    candidate: reports.candidate.values.auc ?? NaN,
    baseline: reports.baseline.values.auc ?? NaN
  })
  if (auc) out.auc = auc
  const table: PairedTable = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 }
  for (let i = 0; i < labels.length; i++) {
    const positive = labels[i] === 1
    tally(
      table,
      candidate[i]! >= options.threshold === positive,
      baseline[i]! >= options.threshold === positive
    )
  }
  out.accuracy = mcnemar(table, options.alpha)
  const measure = binaryResample(data, options.threshold)
  const rest = runBootstrap(
    BINARY_METRICS,
    ['auc', 'accuracy'],
    labels.length,
    reports,
    options,
    measure
  )
  return { ...out, ...rest }
}

function tally(table: PairedTable, candidateRight: boolean, baselineRight: boolean): void {
  if (candidateRight && baselineRight) table.both++
  else if (candidateRight) table.candidateOnly++
  else if (baselineRight) table.baselineOnly++
  else table.neither++
}

/** Per-row facts about one model's scores that every resample reuses. */
interface ScoredRows {
  predicted: Uint8Array
  loss: Float64Array
  brier: Float64Array
  /** Index of the row's score among the model's distinct scores, ascending. */
  group: Uint32Array
  groups: number
  probabilities: boolean
  /** Weighted positives and negatives per distinct score, reused by every resample. */
  positivesAt: Float64Array
  negativesAt: Float64Array
}

function scoredRows(labels: Uint8Array, scores: Float64Array, threshold: number): ScoredRows {
  const n = labels.length
  const distinct = distinctValues(sortAscending(scores.slice()))
  const rows: ScoredRows = {
    predicted: new Uint8Array(n),
    loss: new Float64Array(n),
    brier: new Float64Array(n),
    group: new Uint32Array(n),
    groups: distinct.length,
    probabilities: true,
    positivesAt: new Float64Array(distinct.length),
    negativesAt: new Float64Array(distinct.length)
  }
  for (let i = 0; i < n; i++) {
    const s = scores[i]!
    const positive = labels[i] === 1
    const [lossPositive, lossNegative] = logLossTerms(s)
    rows.predicted[i] = s >= threshold ? 1 : 0
    rows.loss[i] = positive ? lossPositive : lossNegative
    rows.brier[i] = positive ? (1 - s) * (1 - s) : s * s
    rows.group[i] = lowerBound(distinct, s)
    if (s < 0 || s > 1) rows.probabilities = false
  }
  return rows
}

/** One model's totals on a resample. */
function weightedBinaryTotals(
  labels: Uint8Array,
  rows: ScoredRows,
  weights: Uint32Array
): BinaryTotals {
  const { positivesAt, negativesAt } = rows
  positivesAt.fill(0)
  negativesAt.fill(0)
  const totals: BinaryTotals = {
    positives: 0,
    negatives: 0,
    tp: 0,
    fp: 0,
    rankSum: 0,
    precisionSum: 0,
    logLoss: 0,
    brier: 0,
    probabilities: rows.probabilities
  }
  for (let i = 0; i < labels.length; i++) {
    const w = weights[i]!
    if (w === 0) continue
    const predicted = rows.predicted[i] === 1
    if (labels[i] === 1) {
      totals.positives += w
      positivesAt[rows.group[i]!]! += w
      if (predicted) totals.tp += w
    } else {
      totals.negatives += w
      negativesAt[rows.group[i]!]! += w
      if (predicted) totals.fp += w
    }
    totals.logLoss += w * rows.loss[i]!
    totals.brier += w * rows.brier[i]!
  }
  let tp = 0
  let fp = 0
  for (let g = rows.groups - 1; g >= 0; g--) {
    tp += positivesAt[g]!
    fp += negativesAt[g]!
    if (positivesAt[g]! > 0) totals.precisionSum += (positivesAt[g]! * tp) / (tp + fp)
  }
  return totals
}

/** Both models' metrics on one resample: `weights[i]` is how often row i was drawn. */
export type Resample<M extends string> = (
  weights: Uint32Array
) => [Partial<Record<M, number>>, Partial<Record<M, number>>]

/** The binary metrics of both models on a resample (everything but auc and accuracy is used). */
export function binaryResample(data: PairedBinaryData, threshold: number): Resample<BinaryMetric> {
  const candidate = scoredRows(data.labels, data.candidate, threshold)
  const baseline = scoredRows(data.labels, data.baseline, threshold)
  return weights => [
    binaryValues(weightedBinaryTotals(data.labels, candidate, weights), threshold).values,
    binaryValues(weightedBinaryTotals(data.labels, baseline, weights), threshold).values
  ]
}

/** One model's per-row multiclass predictions: the class, and the log loss when probabilities were given. */
export interface MulticlassPredictions {
  predicted: Float64Array
  losses?: Float64Array
}

export interface PairedMulticlassData {
  labels: Float64Array
  classes: number
  candidate: MulticlassPredictions
  baseline: MulticlassPredictions
}

/** The multiclass metrics of both models on a resample. */
export function multiclassResample(data: PairedMulticlassData): Resample<MulticlassMetric> {
  const { labels, classes } = data
  const one = (model: MulticlassPredictions, weights: Uint32Array) => {
    const confusion = new Float64Array(classes * classes)
    let loss = 0
    for (let i = 0; i < labels.length; i++) {
      const w = weights[i]!
      if (w === 0) continue
      confusion[labels[i]! * classes + model.predicted[i]!]! += w
      if (model.losses) loss += w * model.losses[i]!
    }
    return multiclassValues({ classes, confusion, loss }, model.losses !== undefined).values
  }
  return weights => [one(data.candidate, weights), one(data.baseline, weights)]
}

/** Multiclass: McNemar for accuracy, the bootstrap for the rest. */
export function compareMulticlass(
  data: PairedMulticlassData,
  reports: { candidate: MulticlassReport; baseline: MulticlassReport },
  options: CompareOptions
): Comparisons<MulticlassMetric> {
  const { labels, candidate, baseline } = data
  const table: PairedTable = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 }
  for (let i = 0; i < labels.length; i++) {
    tally(table, candidate.predicted[i] === labels[i], baseline.predicted[i] === labels[i])
  }
  const measure = multiclassResample(data)
  const rest = runBootstrap(
    MULTICLASS_METRICS,
    ['accuracy'],
    labels.length,
    reports,
    options,
    measure
  )
  return { accuracy: mcnemar(table, options.alpha), ...rest }
}

export interface PairedRegressionData {
  labels: Float64Array
  candidate: Float64Array
  baseline: Float64Array
}

/** One model's regression metrics on a resample, from shifted weighted sums. */
function weightedRegression(
  labels: Float64Array,
  predictions: Float64Array,
  weights: Uint32Array,
  centers: { label: number; error: number }
): Partial<Record<RegressionMetric, number>> {
  let W = 0,
    absolute = 0,
    squared = 0,
    percentage = 0,
    dy = 0,
    dy2 = 0,
    de = 0,
    de2 = 0
  for (let i = 0; i < labels.length; i++) {
    const w = weights[i]!
    if (w === 0) continue
    const y = labels[i]!
    const e = y - predictions[i]!
    W += w
    absolute += w * Math.abs(e)
    squared += w * e * e
    percentage += (w * Math.abs(e)) / Math.max(Math.abs(y), MACHINE_EPSILON)
    dy += w * (y - centers.label)
    dy2 += w * (y - centers.label) ** 2
    de += w * (e - centers.error)
    de2 += w * (e - centers.error) ** 2
  }
  const spreadY = Math.max(0, dy2 - (dy * dy) / W)
  const spreadE = Math.max(0, de2 - (de * de) / W)
  return {
    mae: absolute / W,
    mse: squared / W,
    rmse: Math.sqrt(squared / W),
    mape: percentage / W,
    r2: forceFinite(squared, spreadY),
    explained_variance: forceFinite(spreadE, spreadY)
  }
}

/** The regression metrics of both models on a resample. */
export function regressionResample(data: PairedRegressionData): Resample<RegressionMetric> {
  const { labels, candidate, baseline } = data
  const n = labels.length
  let meanLabel = 0
  for (let i = 0; i < n; i++) meanLabel += labels[i]! / n
  const center = (predictions: Float64Array) => {
    let mean = 0
    for (let i = 0; i < n; i++) mean += (labels[i]! - predictions[i]!) / n
    return { label: meanLabel, error: mean }
  }
  const centers = [center(candidate), center(baseline)] as const
  return weights => [
    weightedRegression(labels, candidate, weights, centers[0]),
    weightedRegression(labels, baseline, weights, centers[1])
  ]
}

/** Regression: the bootstrap for every metric. */
export function compareRegression(
  data: PairedRegressionData,
  reports: { candidate: RegressionReport; baseline: RegressionReport },
  options: CompareOptions
): Comparisons<RegressionMetric> {
  return runBootstrap(
    REGRESSION_METRICS,
    [],
    data.labels.length,
    reports,
    options,
    regressionResample(data)
  )
}
