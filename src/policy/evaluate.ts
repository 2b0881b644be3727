import type { Comparison } from '../evaluation/paired.js'
import { readRegression, type RegressionTest } from '../evaluation/readings.js'
import { formatNumber, formatPercent } from './format.js'
import { assertHasRules, ruleText } from './parse.js'
import type {
  Decision,
  MetricSet,
  Policy,
  RegressionRule,
  Rule,
  RuleResult,
  ThresholdRule
} from './types.js'

export interface EvaluateOptions {
  /**
   * Fail regression rules that have nothing to compare with, instead of skipping them.
   * Off by default so that the first version of a group can pass on its thresholds.
   */
  requireBaseline?: boolean
  /**
   * Paired comparisons of metrics both versions were measured on live, keyed by the
   * policy's name (`live:auc`), and how a regression limit is read against them.
   */
  live?: { comparisons: Readonly<Record<string, Comparison>>; test: RegressionTest }
}

// Metric values pass through JSON, S3 statistics files and subtraction; a boundary value
// (0.85 - 0.84 = 0.010000000000000009 against a 0.01 limit) must not flip the decision.
function tolerance(...values: number[]): number {
  return 1e-9 * Math.max(1, ...values.map(Math.abs))
}

function versionName(set: MetricSet | undefined, fallback: string): string {
  return set?.version !== undefined ? `v${set.version}` : fallback
}

function compare(value: number, op: ThresholdRule['op'], limit: number): boolean {
  const eps = tolerance(value, limit)
  switch (op) {
    case '>=':
      return value >= limit - eps
    case '>':
      return value > limit + eps
    case '<=':
      return value <= limit + eps
    case '<':
      return value < limit - eps
    case '==':
      return Math.abs(value - limit) <= eps
  }
}

const OP_WORDS: Record<ThresholdRule['op'], string> = {
  '>=': 'at least',
  '>': 'above',
  '<=': 'at most',
  '<': 'below',
  '==': 'exactly'
}

function deltaOf(candidate: number | undefined, baseline: number | undefined): number | undefined {
  if (candidate === undefined || baseline === undefined) return undefined
  if (!Number.isFinite(candidate) || !Number.isFinite(baseline)) return undefined
  return candidate - baseline
}

type Common = Omit<RuleResult, 'verdict' | 'explanation'>

/** A candidate value a rule can be applied to, and the fields every result of the rule shares. */
interface Checked {
  common: Common
  value: number
  base: number | undefined
}

/**
 * The fields every result of `rule` shares, or the failed result when the candidate's value
 * is missing or not a finite number: no rule can pass on a value it cannot compare.
 */
function checkCandidate(
  rule: Rule,
  candidate: MetricSet,
  baseline: MetricSet | undefined
): { failed: RuleResult } | Checked {
  const value = candidate.metrics[rule.metric]
  const base = baseline?.metrics[rule.metric]
  const common: Common = {
    metric: rule.metric,
    kind: rule.kind,
    rule: ruleText(rule),
    candidate: value,
    baseline: base,
    delta: deltaOf(value, base)
  }
  const who = versionName(candidate, 'the candidate')
  if (value === undefined) {
    return {
      failed: {
        ...common,
        verdict: 'fail',
        explanation: `${rule.metric} is missing on candidate ${who}, and a metric named in the policy must be present.`
      }
    }
  }
  if (!Number.isFinite(value)) {
    return {
      failed: {
        ...common,
        verdict: 'fail',
        explanation: `${rule.metric} on candidate ${who} is ${formatNumber(value)}, not a finite number.`
      }
    }
  }
  return { common, value, base }
}

/** The interval and p-value of a paired comparison, as a rule result carries them. */
function statistics(
  comparison: Comparison | undefined
): Pick<RuleResult, 'ci' | 'ciLevel' | 'pValue'> {
  if (!comparison) return {}
  return {
    ...(comparison.ci ? { ci: comparison.ci, ciLevel: 1 - comparison.alpha } : {}),
    ...(comparison.p_value !== null ? { pValue: comparison.p_value } : {})
  }
}

/** One rule's result: the candidate's value checked once, then the rule of its kind. */
function evaluateRule(
  rule: Rule,
  candidate: MetricSet,
  baseline: MetricSet | undefined,
  options: EvaluateOptions
): RuleResult {
  const checked = checkCandidate(rule, candidate, baseline)
  if ('failed' in checked) return checked.failed
  return rule.kind === 'threshold'
    ? evaluateThreshold(rule, checked, options)
    : evaluateRegression(rule, checked, baseline, options)
}

function evaluateThreshold(
  rule: ThresholdRule,
  checked: Checked,
  options: EvaluateOptions
): RuleResult {
  const common = { ...checked.common, ...statistics(options.live?.comparisons[rule.metric]) }
  const { value } = checked
  const ok = compare(value, rule.op, rule.value)
  return {
    ...common,
    verdict: ok ? 'pass' : 'fail',
    explanation: ok
      ? `${rule.metric} ${formatNumber(value)} meets the threshold ${rule.op} ${formatNumber(rule.value)}.`
      : `${rule.metric} ${formatNumber(value)} is not ${OP_WORDS[rule.op]} ${formatNumber(rule.value)} (threshold ${rule.op} ${formatNumber(rule.value)}).`
  }
}

function evaluateRegression(
  rule: RegressionRule,
  checked: Checked,
  baseline: MetricSet | undefined,
  options: EvaluateOptions
): RuleResult {
  const { common, value, base } = checked
  const baseName = versionName(baseline, 'the baseline')
  const unavailable =
    baseline === undefined
      ? 'there is no baseline to compare with'
      : base === undefined
        ? `baseline ${baseName} has no ${rule.metric}`
        : undefined
  if (unavailable !== undefined) {
    return options.requireBaseline
      ? {
          ...common,
          verdict: 'fail',
          explanation: `The regression limit on ${rule.metric} cannot be checked: ${unavailable}, and a baseline is required.`
        }
      : {
          ...common,
          verdict: 'skipped',
          explanation: `Skipped: ${unavailable}.`
        }
  }
  if (base === undefined || !Number.isFinite(base)) {
    return {
      ...common,
      verdict: 'fail',
      explanation: `${rule.metric} on baseline ${baseName} is ${formatNumber(base ?? NaN)}, so the candidate cannot be compared with it.`
    }
  }
  const comparison = options.live?.comparisons[rule.metric]
  if (comparison && options.live) {
    // Both measured on the same rows: the limit is read against the paired comparison.
    const reading = readRegression(comparison, rule, options.live.test, rule.metric)
    return {
      ...common,
      ...statistics(comparison),
      verdict: reading.verdict,
      explanation: reading.explanation
    }
  }
  // Positive `drop` means the candidate is worse, whichever way is better for the metric.
  const drop = rule.direction === 'higher' ? base - value : value - base
  const allowed = rule.relative ? (rule.limit / 100) * Math.abs(base) : rule.limit
  const allowedText = rule.relative
    ? `${formatNumber(rule.limit)}% (${formatNumber(allowed)})`
    : formatNumber(allowed)
  const relativeText =
    base !== 0 ? ` (${formatPercent(((value - base) / Math.abs(base)) * 100)})` : ''
  const worse = rule.direction === 'higher' ? 'dropped' : 'rose'
  if (drop <= 0) {
    return {
      ...common,
      verdict: 'pass',
      explanation: `${rule.metric} did not get worse than baseline ${baseName}: ${formatNumber(base)} -> ${formatNumber(value)}${relativeText}.`
    }
  }
  const ok = drop <= allowed + tolerance(base, value)
  return {
    ...common,
    verdict: ok ? 'pass' : 'fail',
    explanation: ok
      ? `${rule.metric} ${worse} by ${formatNumber(drop)}${relativeText} from baseline ${baseName}, within the allowed ${allowedText}.`
      : `${rule.metric} ${worse} by ${formatNumber(drop)}${relativeText} from baseline ${baseName} (${formatNumber(base)} -> ${formatNumber(value)}), more than the allowed ${allowedText}.`
  }
}

/**
 * Applies the policy to the candidate, and to the baseline where a rule compares the two.
 * Fails closed: a metric the policy names but the candidate lacks, or a value that is not
 * a finite number, fails its rule.
 */
export function evaluatePolicy(
  policy: Policy,
  candidate: MetricSet,
  baseline: MetricSet | undefined,
  options: EvaluateOptions = {}
): Decision {
  assertHasRules(policy)
  const rules: RuleResult[] = [...policy.thresholds, ...policy.regressions].map(rule =>
    evaluateRule(rule, candidate, baseline, options)
  )
  const failed = rules.filter(result => result.verdict === 'fail')
  return {
    decision: failed.length === 0 ? 'pass' : 'fail',
    rules,
    reasons: failed.map(result => result.explanation)
  }
}
