// Binary classification metrics, as scikit-learn 1.2 computes them, from labels 0/1 and
// one score per row (a probability of class 1, or any score for the ranking metrics).
// A row is predicted positive when its score is >= the decision threshold.
//
// All metrics come from one pass over the scores, from the highest down, a group of equal
// scores at a time (binary-scan.ts):
// - auc: the Mann-Whitney statistic, P(score of a positive > score of a negative) with
//   ties counting one half. It equals scikit-learn's trapezoidal area under the ROC curve,
//   where a group of tied scores is one point of the curve;
// - average_precision: sum over distinct scores, from the top, of
//   (recall step) x (precision at that score): scikit-learn's step-wise definition, no
//   interpolation;
// - logloss: each probability clipped to [eps, 1 - eps] with eps = 2^-52 (float64's
//   machine epsilon, scikit-learn 1.2's eps="auto"), the pair (1 - p, p) renormalised to
//   sum 1 as scikit-learn does, then -log of the true class's probability, averaged;
// - brier: mean of (p - y)^2;
// - the threshold metrics from the confusion counts (binary-values.ts, which also lists
//   how degenerate data is reported).
import { scanScores, type SortedScores } from './binary-scan.js'
import {
  BINARY_METRICS,
  type BinaryConfusion,
  type BinaryMetric,
  binaryValues
} from './binary-values.js'
import {
  DEFAULT_SEED,
  deviations,
  type MetricReport,
  SUBSAMPLES,
  wantsDeviation
} from './metric-report.js'
import { sortAscending } from './sorting.js'

export type { SortedScores } from './binary-scan.js'
export {
  BINARY_METRICS,
  type BinaryConfusion,
  type BinaryMetric,
  type BinaryTotals,
  binaryValues,
  fBeta,
  LOGLOSS_EPS,
  logLossTerms,
  matthews
} from './binary-values.js'

export interface BinaryReport extends MetricReport<BinaryMetric> {
  threshold: number
  positives: number
  negatives: number
  confusion: BinaryConfusion
}

export interface BinaryOptions {
  /** Scores >= this are predicted positive; 0.5 by default. */
  threshold?: number
  /** Seeds the subsamples behind the standard deviations. */
  seed?: number
}

/** Splits row-ordered labels (0/1) and scores into sorted positive and negative scores. */
export function sortScores(labels: Uint8Array, scores: Float64Array): SortedScores {
  let positives = 0
  for (let i = 0; i < labels.length; i++) positives += labels[i]!
  const pos = new Float64Array(positives)
  const neg = new Float64Array(labels.length - positives)
  for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i]!
    else neg[q++] = scores[i]!
  }
  return { positives: [sortAscending(pos)], negatives: [sortAscending(neg)] }
}

/** The scores of one class as one ascending array (merging runs when there are several). */
export function contiguous(runs: Float64Array[]): Float64Array {
  if (runs.length === 1) return runs[0]!
  const out = new Float64Array(runs.reduce((n, run) => n + run.length, 0))
  let offset = 0
  for (const run of runs) {
    out.set(run, offset)
    offset += run.length
  }
  return sortAscending(out)
}

function count(runs: Float64Array[]): number {
  return runs.reduce((n, run) => n + run.length, 0)
}

/** The metrics of one data set, with Model Monitor's standard deviations. */
export function binaryMetrics(scores: SortedScores, options: BinaryOptions = {}): BinaryReport {
  const threshold = options.threshold ?? 0.5
  const rows = count(scores.positives) + count(scores.negatives)
  const replicates = wantsDeviation(rows) ? 1 + SUBSAMPLES : 1
  const totals = scanScores(scores, threshold, replicates, options.seed ?? DEFAULT_SEED)
  const full = binaryValues(totals[0]!, threshold)
  const subsamples = totals.slice(1).map(t => binaryValues(t, threshold).values)
  const { tp, fp, positives, negatives } = totals[0]!
  return {
    rows,
    threshold,
    positives,
    negatives,
    confusion: { tp, fp, tn: negatives - fp, fn: positives - tp },
    values: full.values,
    standardDeviations: deviations(BINARY_METRICS, subsamples),
    warnings: full.warnings
  }
}
