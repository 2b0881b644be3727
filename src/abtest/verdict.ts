// The verdict of an A/B test, from the comparisons, the policy and the operational figures.
//
// 1. Each variant must satisfy every threshold on its own: `live:<metric>` on its joined
//    requests, `ops:<figure>` on its CloudWatch figures. A variant that fails one cannot
//    win; when exactly one variant fails, the other wins on the policy.
// 2. Otherwise the primary metric decides (the first `live:` metric the policy names, else
//    auc, accuracy or rmse by task): a difference with p < alpha makes the better variant
//    the winner, unless it is significantly worse on another `live:` metric the policy
//    names (then the test is inconclusive).
// 3. Without a significant difference, the variants are the same when the whole interval
//    of the primary delta lies within the smallest difference that matters: the metric's
//    `max-regression` limit, else 1% of the control's value. Otherwise the test is
//    inconclusive, and the requests it needs are estimated: the standard error shrinks
//    as 1/sqrt(n), so a test at alpha with 80% power against the observed effect d needs
//    n * ((z(1 - alpha/2) + z(0.8)) * se / |d|)^2 labelled requests per variant.
import { normalQuantile } from '../evaluation/distributions.js'
import type { Task } from '../evaluation/dataset.js'
import { evaluatePolicy, inferDirection } from '../policy/index.js'
import type { MetricDirection, Policy, RuleResult } from '../policy/types.js'
import type { VariantComparison } from './independent.js'

export const VERDICTS = ['winner', 'no-difference', 'inconclusive'] as const
export type AbVerdict = (typeof VERDICTS)[number]

/** The power the required-sample estimate plans for. */
export const POWER = 0.8
/** The smallest relative difference that matters when `max-regression` gives none. */
export const DEFAULT_MARGIN_PERCENT = 1

export const DEFAULT_PRIMARY: Record<Task, string> = {
  binary: 'auc',
  multiclass: 'accuracy',
  regression: 'rmse'
}

/** One variant as the verdict sees it. */
export interface VariantFigures {
  variantName: string
  /** `live:<metric>` and `ops:<figure>` values. */
  metrics: Record<string, number>
}

export interface Estimate {
  metric: string
  /** The effect the estimate plans for: the observed delta, else the margin. */
  effect: number
  /** Labelled requests per variant the test needs in all. */
  perVariant: number
  /** Labelled requests still to collect, both variants together. */
  more: number
}

export interface AbDecision {
  verdict: AbVerdict
  /** Set with `winner`. */
  winner?: 'control' | 'challenger'
  primaryMetric: string
  /** Threshold results per side. */
  rules: { control: RuleResult[]; challenger: RuleResult[] }
  /** Why, in sentences. */
  reasons: string[]
  estimate?: Estimate
  margin: number
}

/** The metric names the policy gives with `live:`, without the prefix, in order. */
export function liveMetrics(policy: Policy): string[] {
  const names = [...policy.thresholds, ...policy.regressions].map(rule => rule.metric)
  return [...new Set(names.filter(n => n.startsWith('live:')).map(n => n.slice(5)))]
}

function directionOf(policy: Policy, metric: string): MetricDirection {
  return policy.directions[`live:${metric}`] ?? inferDirection(metric) ?? 'higher'
}

function marginOf(policy: Policy, metric: string, control: number): number {
  const rule = policy.regressions.find(r => r.metric === `live:${metric}`)
  if (!rule) return (Math.abs(control) * DEFAULT_MARGIN_PERCENT) / 100
  return rule.relative ? (Math.abs(control) * rule.limit) / 100 : rule.limit
}

function significant(c: VariantComparison | undefined): boolean {
  return c?.p_value != null && c.p_value < c.alpha
}

/** Labelled requests per variant for a test at alpha with POWER against `effect`. */
export function requiredPerVariant(c: VariantComparison, effect: number): number | undefined {
  if (c.standard_error === null || effect === 0) return undefined
  const n = (c.rows[0] + c.rows[1]) / 2
  const z = normalQuantile(1 - c.alpha / 2) + normalQuantile(POWER)
  return Math.ceil(n * ((z * c.standard_error) / Math.abs(effect)) ** 2)
}

function thresholdsOn(policy: Policy, side: VariantFigures): RuleResult[] {
  if (policy.thresholds.length === 0) return []
  const only: Policy = { thresholds: policy.thresholds, regressions: [], directions: {} }
  return evaluatePolicy(only, { metrics: side.metrics }, undefined).rules
}

function failures(rules: RuleResult[]): string[] {
  return rules.filter(r => r.verdict === 'fail').map(r => r.explanation)
}

/** A verdict from the limits alone, when a variant fails one. */
function byPolicy(
  failed: { control: string[]; challenger: string[] },
  name: (side: 'control' | 'challenger') => string,
  base: Base
): AbDecision | undefined {
  if (failed.control.length === 0 && failed.challenger.length === 0) return undefined
  const lines = (side: 'control' | 'challenger') => failed[side].map(r => `${name(side)}: ${r}`)
  if (failed.control.length > 0 && failed.challenger.length > 0) {
    return {
      ...base,
      verdict: 'inconclusive',
      reasons: ['Both variants fail the policy.', ...lines('control'), ...lines('challenger')]
    }
  }
  const loser = failed.control.length > 0 ? 'control' : 'challenger'
  const winner = loser === 'control' ? 'challenger' : 'control'
  return {
    ...base,
    verdict: 'winner',
    winner,
    reasons: [`${name(winner)} wins: ${name(loser)} fails the policy.`, ...lines(loser)]
  }
}

export function decideAbTest(options: {
  policy: Policy
  task: Task
  comparisons: Record<string, VariantComparison>
  control: VariantFigures
  challenger: VariantFigures
}): AbDecision {
  const { policy, comparisons, control, challenger } = options
  const named = liveMetrics(policy)
  const primaryMetric = named[0] ?? DEFAULT_PRIMARY[options.task]
  const rules = {
    control: thresholdsOn(policy, control),
    challenger: thresholdsOn(policy, challenger)
  }
  const failed = { control: failures(rules.control), challenger: failures(rules.challenger) }
  const primary = comparisons[primaryMetric]
  const margin = primary ? marginOf(policy, primaryMetric, primary.control) : 0
  const base = { primaryMetric, rules, margin }
  const name = (side: 'control' | 'challenger') => options[side].variantName
  const onPolicy = byPolicy(failed, name, base)
  if (onPolicy) return onPolicy
  if (!primary || primary.ci === null || primary.p_value === null) {
    return {
      ...base,
      verdict: 'inconclusive',
      reasons: [
        `The primary metric ${primaryMetric} could not be compared${primary?.note ? `: ${primary.note}` : ' (no labelled requests on one side, or the metric is undefined there).'}`
      ]
    }
  }
  const sign = directionOf(policy, primaryMetric) === 'higher' ? 1 : -1
  if (significant(primary)) {
    const winner = primary.delta * sign > 0 ? 'challenger' : 'control'
    const winnerSign = winner === 'challenger' ? 1 : -1
    const harmed = named.slice(1).filter(metric => {
      const c = comparisons[metric]
      if (!c || !significant(c)) return false
      const better = directionOf(policy, metric) === 'higher' ? 1 : -1
      return c.delta * better * winnerSign < 0
    })
    const said = `${name(winner)} is better on ${primaryMetric} (${describe(primary)})`
    if (harmed.length === 0) return { ...base, verdict: 'winner', winner, reasons: [`${said}.`] }
    return {
      ...base,
      verdict: 'inconclusive',
      reasons: [`${said}, but significantly worse on ${harmed.join(', ')}.`]
    }
  }
  return undecided(primary, primary.ci, base)
}

type Base = Pick<AbDecision, 'primaryMetric' | 'rules' | 'margin'>

/** Without a significant difference: the same within the margin, else how many more requests. */
function undecided(primary: VariantComparison, ci: [number, number], base: Base): AbDecision {
  const { primaryMetric, margin } = base
  const [low, high] = ci
  if (low >= -margin && high <= margin) {
    return {
      ...base,
      verdict: 'no-difference',
      reasons: [
        `The ${primaryMetric} difference is within ±${round(margin)} with confidence ${1 - primary.alpha} (${describe(primary)}).`
      ]
    }
  }
  const effect = primary.delta !== 0 ? primary.delta : margin
  const perVariant = requiredPerVariant(primary, effect)
  const have = primary.rows[0] + primary.rows[1]
  const estimate =
    perVariant === undefined
      ? undefined
      : { metric: primaryMetric, effect, perVariant, more: Math.max(0, 2 * perVariant - have) }
  return {
    ...base,
    verdict: 'inconclusive',
    reasons: [
      `No significant difference on ${primaryMetric} yet (${describe(primary)}).`,
      estimate
        ? `About ${estimate.more} more labelled requests (${estimate.perVariant} per variant) would detect a difference of ${round(Math.abs(effect))} at alpha ${primary.alpha} with ${POWER * 100}% power.`
        : 'The required sample cannot be estimated from these requests.'
    ],
    ...(estimate ? { estimate } : {})
  }
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

function describe(c: VariantComparison): string {
  const ci = c.ci
    ? `, ${Math.round((1 - c.alpha) * 100)}% CI [${round(c.ci[0])}, ${round(c.ci[1])}]`
    : ''
  return `delta ${round(c.delta)}${ci}, p = ${c.p_value === null ? 'n/a' : c.p_value.toPrecision(3)}, ${c.test}`
}
