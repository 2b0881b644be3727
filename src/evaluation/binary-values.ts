// Binary classification metrics from the sums one pass over the scores produces, with
// scikit-learn 1.2's conventions for degenerate data (we report the same values, and say
// so in `warnings`):
// - one class only: roc_auc_score raises ("Only one class present"): auc is absent;
//   average_precision_score warns and returns 0 when there is no positive;
// - no predicted positive: precision_score warns and returns 0 (zero_division="warn");
//   no positive label: recall_score warns and returns 0; F-scores are 0 when precision
//   and recall are both 0, with a warning when there is neither a positive label nor a
//   positive prediction; the four rates (TPR, TNR, FPR, FNR) follow the same rule: 0/0 is
//   reported as 0 with a warning;
// - balanced accuracy averages the recall of the classes present in the labels, and
//   warns when a predicted class never occurs in the labels;
// - mcc is 0 when its denominator is 0 (no warning, as in scikit-learn);
// - log_loss without `labels` raises on one class; we always pass labels=[0, 1], which
//   is defined. Scores outside [0, 1] are not probabilities: brier_score_loss raises,
//   log_loss would silently clip them; both are absent, with a warning.
import { MACHINE_EPSILON } from './metric-report.js'

export const BINARY_METRICS = [
  'auc',
  'average_precision',
  'logloss',
  'brier',
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f0_5',
  'f1',
  'f2',
  'mcc',
  'true_positive_rate',
  'true_negative_rate',
  'false_positive_rate',
  'false_negative_rate'
] as const
export type BinaryMetric = (typeof BINARY_METRICS)[number]

/** scikit-learn 1.2 clips probabilities to [eps, 1 - eps] for log loss. */
export const LOGLOSS_EPS = MACHINE_EPSILON

/** Counts at the decision threshold. */
export interface BinaryConfusion {
  tp: number
  fp: number
  tn: number
  fn: number
}

/** The sums every binary metric is computed from (rows may carry weights). */
export interface BinaryTotals {
  positives: number
  negatives: number
  /** True and false positives at the decision threshold. */
  tp: number
  fp: number
  /** Positive-negative pairs ranked correctly, ties counting one half. */
  rankSum: number
  /** Sum over distinct scores of (new true positives) x (precision there). */
  precisionSum: number
  logLoss: number
  brier: number
  /** Whether every score lies in [0, 1]. */
  probabilities: boolean
}

/** -log of the clipped, renormalised probability of class 1 and of class 0 (scikit-learn 1.2). */
export function logLossTerms(score: number): [number, number] {
  const p = Math.min(Math.max(score, LOGLOSS_EPS), 1 - LOGLOSS_EPS)
  const total = 1 - p + p
  return [-Math.log(p / total), -Math.log((1 - p) / total)]
}

/** 0/0 as scikit-learn's zero_division="warn" reports it: 0, with a warning. */
function ratio(numerator: number, denominator: number, warn: () => void): number {
  if (denominator === 0) {
    warn()
    return 0
  }
  return numerator / denominator
}

/** F-beta from precision and recall, as scikit-learn 1.2 computes it (0 when both are 0). */
export function fBeta(precision: number, recall: number, beta: number): number {
  const beta2 = beta * beta
  const denominator = beta2 * precision + recall
  return denominator === 0 ? 0 : ((1 + beta2) * precision * recall) / denominator
}

/** Matthews correlation from a confusion matrix's sums, scikit-learn's formula (0 when undefined). */
export function matthews(
  correct: number,
  total: number,
  trueCounts: number[],
  predictedCounts: number[]
): number {
  let dotTruePredicted = 0
  let dotPredicted = 0
  let dotTrue = 0
  for (let k = 0; k < trueCounts.length; k++) {
    dotTruePredicted += trueCounts[k]! * predictedCounts[k]!
    dotPredicted += predictedCounts[k]! * predictedCounts[k]!
    dotTrue += trueCounts[k]! * trueCounts[k]!
  }
  const covTruePredicted = correct * total - dotTruePredicted
  const covPredicted = total * total - dotPredicted
  const covTrue = total * total - dotTrue
  return covPredicted * covTrue === 0 ? 0 : covTruePredicted / Math.sqrt(covTrue * covPredicted)
}

/** Every binary metric from the totals, with warnings for the ill-defined ones. */
export function binaryValues(
  totals: BinaryTotals,
  threshold: number
): { values: Partial<Record<BinaryMetric, number>>; warnings: string[] } {
  const warnings: string[] = []
  const { positives: P, negatives: N, tp, fp } = totals
  const fn = P - tp
  const tn = N - fp
  const rows = P + N
  const at = `at decision threshold ${threshold}`
  const noPositiveLabel = () =>
    warnings.push(
      `recall, true_positive_rate, false_negative_rate: there is no row labelled 1, so these are 0/0; reported as 0 (scikit-learn's zero_division).`
    )
  const noNegativeLabel = () =>
    warnings.push(
      `true_negative_rate, false_positive_rate: there is no row labelled 0, so these are 0/0; reported as 0 (scikit-learn's zero_division).`
    )
  const precision = ratio(tp, tp + fp, () =>
    warnings.push(
      `precision: no row is predicted positive ${at}, so precision is 0/0; reported as 0 (scikit-learn's zero_division).`
    )
  )
  const recall = ratio(tp, P, noPositiveLabel)
  const values: Partial<Record<BinaryMetric, number>> = {
    accuracy: (tp + tn) / rows,
    precision,
    recall,
    f0_5: fBeta(precision, recall, 0.5),
    f1: fBeta(precision, recall, 1),
    f2: fBeta(precision, recall, 2),
    mcc: matthews(tp + tn, rows, [N, P], [tn + fn, tp + fp]),
    true_positive_rate: recall,
    false_negative_rate: P === 0 ? 0 : fn / P,
    true_negative_rate: ratio(tn, N, noNegativeLabel),
    false_positive_rate: N === 0 ? 0 : fp / N,
    balanced_accuracy: balancedAccuracy(totals, warnings, at)
  }
  if (P === 0 && tp + fp === 0) {
    warnings.push(
      `f0_5, f1, f2: there is neither a row labelled 1 nor a positive prediction ${at}, so the F-scores are 0/0; reported as 0 (scikit-learn's zero_division).`
    )
  }
  rankingMetrics(totals, values, warnings)
  return { values, warnings }
}

function balancedAccuracy(totals: BinaryTotals, warnings: string[], at: string): number {
  const { positives: P, negatives: N, tp, fp } = totals
  const recalls: number[] = []
  if (N > 0) recalls.push((N - fp) / N)
  if (P > 0) recalls.push(tp / P)
  const predictedWithoutLabel = (P === 0 && tp + fp > 0) || (N === 0 && P - tp + (N - fp) > 0)
  if (predictedWithoutLabel) {
    warnings.push(
      `balanced_accuracy: a class is predicted ${at} that never occurs in the labels; it is left out of the average, as scikit-learn does.`
    )
  }
  return recalls.reduce((a, b) => a + b, 0) / recalls.length
}

function rankingMetrics(
  totals: BinaryTotals,
  values: Partial<Record<BinaryMetric, number>>,
  warnings: string[]
): void {
  const { positives: P, negatives: N } = totals
  const rows = P + N
  if (P > 0 && N > 0) values.auc = totals.rankSum / (P * N)
  else {
    warnings.push(
      `auc: only one class occurs in the labels, so ROC AUC is not defined (scikit-learn raises); it is left out.`
    )
  }
  if (P > 0) values.average_precision = totals.precisionSum / P
  else {
    values.average_precision = 0
    warnings.push(
      `average_precision: there is no row labelled 1; reported as 0, as scikit-learn does.`
    )
  }
  if (totals.probabilities) {
    values.logloss = totals.logLoss / rows
    values.brier = totals.brier / rows
  } else {
    warnings.push(
      `logloss, brier: some scores lie outside [0, 1], so they are not probabilities (scikit-learn's brier_score_loss raises); both are left out.`
    )
  }
}
