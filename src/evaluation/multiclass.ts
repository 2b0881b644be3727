// Multiclass classification metrics, as scikit-learn 1.2 computes them, streamed: labels
// are classes 0..K-1, and each row's prediction is a class or K probabilities (then the
// predicted class is the first most probable one, as numpy's argmax picks).
//
// - accuracy: the share of rows predicted right;
// - precision, recall and F-beta per class, averaged two ways: `macro` (plain mean) and
//   `weighted` (by each class's number of rows), over the classes that occur in the
//   labels or the predictions: scikit-learn's default `labels`;
// - logloss (only with probabilities): each probability clipped to [eps, 1 - eps]
//   (eps = 2^-52), the row renormalised to sum 1 (scikit-learn 1.2 does so silently; we
//   also warn when rows are far from summing to 1), then -log of the true class's share,
//   averaged; with labels=range(K), so classes absent from the labels are allowed.
//
// Degenerate data, as scikit-learn 1.2: a class that occurs but is never predicted has
// precision 0/0, reported as 0 with a warning; a class predicted but absent from the
// labels has recall 0/0, reported as 0 with a warning; F-beta is 0 where precision and
// recall are both 0.
import { fBeta, LOGLOSS_EPS } from './binary.js'
import {
  deviations,
  type MetricReport,
  DEFAULT_SEED,
  SUBSAMPLES,
  wantsDeviation
} from './metric-report.js'
import { KEEP_16, Random } from './random.js'

export const MULTICLASS_METRICS = [
  'accuracy',
  'weighted_precision',
  'weighted_recall',
  'weighted_f0_5',
  'weighted_f1',
  'weighted_f2',
  'macro_precision',
  'macro_recall',
  'macro_f1',
  'logloss'
] as const
export type MulticlassMetric = (typeof MULTICLASS_METRICS)[number]

/** Confusion matrices hold K x K counts: more classes than this is not a classification. */
export const MAX_CLASSES = 1000

export interface MulticlassReport extends MetricReport<MulticlassMetric> {
  classes: number
  /** confusion[t][p]: rows labelled t predicted p. */
  confusion: number[][]
}

/** The predicted class of a probability row: the first largest value (numpy's argmax). */
export function argmax(row: ArrayLike<number>): number {
  let best = 0
  for (let k = 1; k < row.length; k++) if (row[k]! > row[best]!) best = k
  return best
}

/** A row's log loss as scikit-learn 1.2 computes it: clip, renormalise, -log. */
export function rowLogLoss(row: ArrayLike<number>, label: number): number {
  let total = 0
  for (let k = 0; k < row.length; k++) {
    total += Math.min(Math.max(row[k]!, LOGLOSS_EPS), 1 - LOGLOSS_EPS)
  }
  const own = Math.min(Math.max(row[label]!, LOGLOSS_EPS), 1 - LOGLOSS_EPS)
  return -Math.log(own / total)
}

/** Counts of one replicate: a K x K confusion matrix and the summed log loss. */
class Counts {
  confusion: Float64Array
  loss = 0
  lossError = 0

  constructor(public classes: number) {
    this.confusion = new Float64Array(classes * classes)
  }

  add(label: number, predicted: number, loss: number): void {
    this.confusion[label * this.classes + predicted]!++
    const t = this.loss + loss
    this.lossError +=
      Math.abs(this.loss) >= Math.abs(loss) ? this.loss - t + loss : loss - t + this.loss
    this.loss = t
  }

  resize(classes: number): void {
    const next = new Float64Array(classes * classes)
    for (let t = 0; t < this.classes; t++) {
      next.set(this.confusion.subarray(t * this.classes, (t + 1) * this.classes), t * classes)
    }
    this.confusion = next
    this.classes = classes
  }
}

/**
 * Streams rows into the metrics. `classes` is K when known (probability columns, or
 * given); otherwise it grows to the largest class seen + 1.
 */
export class MulticlassAccumulator {
  private readonly replicas: Counts[]
  private readonly randoms: Random[]
  private rows = 0
  private farFromOne = 0
  /** The classes the report has: at least the K given, and every class seen. */
  private reported: number

  constructor(
    private classes: number,
    private readonly probabilities: boolean,
    seed = DEFAULT_SEED
  ) {
    this.reported = classes
    this.replicas = Array.from({ length: 1 + SUBSAMPLES }, () => new Counts(classes))
    this.randoms = Array.from({ length: 1 + SUBSAMPLES }, (_, r) => new Random(seed, r))
  }

  /** One row: its label, its predicted class and (with probabilities) its log loss. */
  add(label: number, predicted: number, loss = 0): void {
    const needed = Math.max(label, predicted) + 1
    if (needed > this.reported) {
      this.reported = needed
      if (needed > this.classes) this.grow(needed)
    }
    this.rows++
    this.replicas[0]!.add(label, predicted, loss)
    for (let r = 1; r <= SUBSAMPLES; r++) {
      if (this.randoms[r]!.next() >>> 16 < KEEP_16) this.replicas[r]!.add(label, predicted, loss)
    }
  }

  /** Counts a probability row whose sum is far from 1, for the warning. */
  noteRowSum(sum: number): void {
    if (Math.abs(sum - 1) > 1e-3) this.farFromOne++
  }

  private grow(needed: number): void {
    this.classes = Math.max(needed, Math.min(MAX_CLASSES, this.classes * 2))
    for (const counts of this.replicas) counts.resize(this.classes)
  }

  /** The report; `atLeast` widens the confusion matrix to K classes when fewer were seen. */
  finish(atLeast = 0): MulticlassReport {
    const classes = Math.max(atLeast, this.reported)
    if (classes > this.classes) this.grow(classes)
    const full = multiclassValues(this.replicas[0]!, this.probabilities)
    const subsamples = wantsDeviation(this.rows)
      ? this.replicas.slice(1).map(counts => multiclassValues(counts, this.probabilities).values)
      : []
    const warnings = [...full.warnings]
    if (this.farFromOne > 0) {
      warnings.push(
        `logloss: ${this.farFromOne} row${this.farFromOne === 1 ? '' : 's'} of probabilities sum${this.farFromOne === 1 ? 's' : ''} to more than 0.001 away from 1; each row was renormalised, as scikit-learn 1.2 does.`
      )
    }
    // Classes past `classes` exist only from growing by doubling, and hold no rows.
    const stride = this.replicas[0]!.classes
    const matrix = this.replicas[0]!.confusion
    return {
      rows: this.rows,
      classes,
      confusion: Array.from({ length: classes }, (_, t) =>
        Array.from(matrix.subarray(t * stride, t * stride + classes))
      ),
      values: full.values,
      standardDeviations: deviations(MULTICLASS_METRICS, subsamples),
      warnings
    }
  }
}

/** Per-class precision, recall and F-scores, averaged, from a confusion matrix (and log loss). */
export function multiclassValues(
  counts: { classes: number; confusion: Float64Array; loss: number; lossError?: number },
  probabilities: boolean
): { values: Partial<Record<MulticlassMetric, number>>; warnings: string[] } {
  const K = counts.classes
  const m = counts.confusion
  const truth = new Float64Array(K)
  const predicted = new Float64Array(K)
  let correct = 0
  let rows = 0
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const c = m[t * K + p]!
      truth[t]! += c
      predicted[p]! += c
      rows += c
    }
    correct += m[t * K + t]!
  }
  const present: number[] = []
  for (let k = 0; k < K; k++) if (truth[k]! > 0 || predicted[k]! > 0) present.push(k)
  const warnings: string[] = []
  const neverPredicted = present.filter(k => predicted[k] === 0)
  const neverTrue = present.filter(k => truth[k] === 0)
  if (neverPredicted.length > 0) {
    warnings.push(
      `macro_precision, weighted_precision: class${neverPredicted.length === 1 ? '' : 'es'} ${neverPredicted.join(', ')} never predicted, so precision is 0/0 there; reported as 0 (scikit-learn's zero_division).`
    )
  }
  if (neverTrue.length > 0) {
    warnings.push(
      `macro_recall, weighted_recall: class${neverTrue.length === 1 ? '' : 'es'} ${neverTrue.join(', ')} predicted but absent from the labels, so recall is 0/0 there; reported as 0 (scikit-learn's zero_division).`
    )
  }
  const precision = present.map(k => (predicted[k]! > 0 ? m[k * K + k]! / predicted[k]! : 0))
  const recall = present.map(k => (truth[k]! > 0 ? m[k * K + k]! / truth[k]! : 0))
  const weights = present.map(k => truth[k]!)
  const f = (beta: number) => precision.map((p, i) => fBeta(p, recall[i]!, beta))
  const values: Partial<Record<MulticlassMetric, number>> = {
    accuracy: correct / rows,
    weighted_precision: weightedMean(precision, weights),
    weighted_recall: weightedMean(recall, weights),
    weighted_f0_5: weightedMean(f(0.5), weights),
    weighted_f1: weightedMean(f(1), weights),
    weighted_f2: weightedMean(f(2), weights),
    macro_precision: mean(precision),
    macro_recall: mean(recall),
    macro_f1: mean(f(1))
  }
  if (probabilities) values.logloss = (counts.loss + (counts.lossError ?? 0)) / rows
  return { values, warnings }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

function weightedMean(values: number[], weights: number[]): number {
  let total = 0
  let weight = 0
  for (let i = 0; i < values.length; i++) {
    total += values[i]! * weights[i]!
    weight += weights[i]!
  }
  return total / weight
}
