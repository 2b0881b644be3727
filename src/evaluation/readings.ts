// How a regression limit ("the candidate may lose at most 0.01 auc to the baseline") is
// read against a paired comparison. Three readings:
//
// - `non-inferiority` (the default for live metrics): pass only when the one-sided
//   (1 - alpha) bound of the delta on the worse side is within the limit, that is, when
//   the data shows with confidence 1 - alpha that the candidate is not worse by more
//   than the limit. Little data gives a wide interval and fails: the data must earn a pass.
// - `significant-drop`: fail only when the one-sided (1 - alpha) bound on the better side
//   is beyond the limit, that is, when the data shows with confidence 1 - alpha that the
//   candidate is worse by more than the limit. Noise never fails a candidate; a real,
//   large drop does. Pick it when rejecting a good model costs more than shipping a
//   slightly worse one.
// - `point`: compare the delta itself with the limit, ignoring uncertainty (the only
//   reading possible for metrics read from the registry).
//
// A comparison without bounds (too few rows of a class for DeLong, a metric undefined on
// most resamples) fails under both statistical readings: the gate fails closed.
import { formatNumber } from '../policy/format.js'
import type { Comparison } from './paired.js'

export const REGRESSION_TESTS = ['non-inferiority', 'significant-drop', 'point'] as const
export type RegressionTest = (typeof REGRESSION_TESTS)[number]

/** A regression limit: the policy's `RegressionRule` has these fields. */
export interface RegressionLimit {
  /** The allowed drop as a non-negative magnitude: 0.01, or 1 for 1%. */
  limit: number
  /** Whether `limit` is a percentage of the baseline's value. */
  relative: boolean
  /** Which way is better for the metric. */
  direction: 'higher' | 'lower'
}

export interface Reading {
  verdict: 'pass' | 'fail'
  test: RegressionTest
  /** The worst delta the limit accepts, signed: -0.01 when auc may drop 0.01, +0.02 for a loss. */
  allowedDelta: number
  /** What was compared with allowedDelta: the delta, or a one-sided bound; null when missing. */
  statistic: number | null
  /** One sentence saying why. */
  explanation: string
}

// As in the policy: a value that passed through JSON and subtraction must not flip a
// decision at the boundary.
function tolerance(...values: number[]): number {
  return 1e-9 * Math.max(1, ...values.map(Math.abs))
}

/** Whether `value` is on the acceptable side of `allowed` for the metric's direction. */
function within(value: number, allowed: number, direction: RegressionLimit['direction']): boolean {
  const eps = tolerance(value, allowed)
  return direction === 'higher' ? value >= allowed - eps : value <= allowed + eps
}

function percent(alpha: number): string {
  return `${formatNumber((1 - alpha) * 100)}%`
}

/** Reads a regression limit against a comparison; `metric` names it in the explanation. */
export function readRegression(
  comparison: Comparison,
  rule: RegressionLimit,
  test: RegressionTest,
  metric = 'the metric'
): Reading {
  const margin = rule.relative ? (rule.limit / 100) * Math.abs(comparison.baseline) : rule.limit
  const allowedDelta = rule.direction === 'higher' ? -margin : margin
  const allowedText = `${rule.direction === 'higher' ? 'drop' : 'rise'} of ${formatNumber(margin)}${rule.relative ? ` (${formatNumber(rule.limit)}% of the baseline's ${formatNumber(comparison.baseline)})` : ''}`
  const deltaText = `delta ${formatNumber(comparison.delta)}`
  if (test === 'point') {
    const ok = within(comparison.delta, allowedDelta, rule.direction)
    return {
      verdict: ok ? 'pass' : 'fail',
      test,
      allowedDelta,
      statistic: comparison.delta,
      explanation: `${metric}: ${deltaText} is ${ok ? 'within' : 'beyond'} the allowed ${allowedText} (point estimate).`
    }
  }
  const worse = rule.direction === 'higher' ? comparison.lower_bound : comparison.upper_bound
  const better = rule.direction === 'higher' ? comparison.upper_bound : comparison.lower_bound
  const confidence = percent(comparison.alpha)
  const bound = test === 'non-inferiority' ? worse : better
  if (bound === null) {
    return {
      verdict: 'fail',
      test,
      allowedDelta,
      statistic: null,
      explanation: `${metric}: the data gives no confidence bound for the delta (${(comparison.note ?? 'not enough rows').replace(/\.$/, '')}), so ${test === 'non-inferiority' ? 'non-inferiority cannot be shown' : 'a drop cannot be tested'}; failing closed.`
    }
  }
  const boundText = `one-sided ${confidence} bound ${formatNumber(bound)}`
  if (test === 'non-inferiority') {
    const ok = within(bound, allowedDelta, rule.direction)
    return {
      verdict: ok ? 'pass' : 'fail',
      test,
      allowedDelta,
      statistic: bound,
      explanation: ok
        ? `${metric}: non-inferior: ${deltaText}, ${boundText}, within the allowed ${allowedText}.`
        : `${metric}: non-inferiority not shown: ${deltaText}, ${boundText}, beyond the allowed ${allowedText}.`
    }
  }
  const significant = !within(bound, allowedDelta, rule.direction)
  return {
    verdict: significant ? 'fail' : 'pass',
    test,
    allowedDelta,
    statistic: bound,
    explanation: significant
      ? `${metric}: significant drop: ${deltaText}, and even the ${boundText} is beyond the allowed ${allowedText}.`
      : `${metric}: no significant drop beyond the allowed ${allowedText}: ${deltaText}, ${boundText}.`
  }
}
