// The gate's rule results regrouped the way a reviewer reads them: one row per metric,
// its rules under it, failing metrics first. Shared by the Markdown and the text report.
import type { Comparator, MetricDirection, RuleResult, Verdict } from '../policy/types.js'
import { directionOf, metricDecimals } from './format.js'

/** A rule as drawn in a chart: a fixed threshold, or a limit relative to the baseline. */
export type RuleShape =
  | { kind: 'threshold'; op: Comparator; value: number }
  | { kind: 'regression'; limit: number; relative: boolean }

export interface RuleLine {
  /** How the rule reads: `≥ 0.85`, `max drop 0.01`, `max rise 5%`. */
  text: string
  verdict: Verdict
  explanation: string
  shape?: RuleShape
}

export interface MetricRow {
  metric: string
  direction?: MetricDirection
  /** `fail` when any rule fails; `skipped` when every rule was skipped; else `pass`. */
  verdict: Verdict
  rules: RuleLine[]
  baseline?: number
  candidate?: number
  delta?: number
  /** Standard deviations, where the statistics carry them. */
  baselineSd?: number
  candidateSd?: number
  /** The decimals every value of this metric is shown with. */
  decimals: number
  ci?: [number, number]
  /** The confidence of `ci`: 1 - alpha. */
  ciLevel?: number
  pValue?: number
}

const OPERATORS: Record<string, Comparator> = {
  '>=': '>=',
  '>': '>',
  '<=': '<=',
  '<': '<',
  '==': '=='
}

/** The rule behind `ruleText` (`>= 0.85`, `max drop 5%`), for the words and the chart line. */
export function ruleShape(result: Pick<RuleResult, 'kind' | 'rule'>): RuleShape | undefined {
  if (result.kind === 'threshold') {
    const match = /^(>=|<=|==|>|<)\s*(-?[\d.]+(?:e[-+]?\d+)?)$/i.exec(result.rule.trim())
    const op = match ? OPERATORS[match[1] as string] : undefined
    return op && match ? { kind: 'threshold', op, value: Number(match[2]) } : undefined
  }
  const match = /^max drop\s+([\d.]+(?:e[-+]?\d+)?)(%?)$/i.exec(result.rule.trim())
  return match
    ? { kind: 'regression', limit: Number(match[1]), relative: match[2] === '%' }
    : undefined
}

// Signs and words that need no escaping in Markdown and read the same on a terminal.
const OP_SIGNS: Record<Comparator, string> = {
  '>=': '≥',
  '>': 'above',
  '<=': '≤',
  '<': 'below',
  '==': '='
}

/** Words that match what the rule limits: a lower-is-better metric is limited in its rise. */
export function ruleWords(
  shape: RuleShape | undefined,
  direction: MetricDirection | undefined,
  raw: string
): string {
  if (!shape) return raw
  if (shape.kind === 'threshold') return `${OP_SIGNS[shape.op]} ${shape.value}`
  const amount = `${shape.limit}${shape.relative ? '%' : ''}`
  return direction === 'lower' ? `max rise ${amount}` : `max drop ${amount}`
}

/** The verdict of a metric from the verdicts of its rules. */
function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail'
  return verdicts.includes('pass') ? 'pass' : 'skipped'
}

/** Standard deviation per metric of each version, where known. */
export interface Deviations {
  baseline?: Readonly<Record<string, number>>
  candidate?: Readonly<Record<string, number>>
}

const ORDER: Record<Verdict, number> = { fail: 0, pass: 1, skipped: 2 }

/**
 * One row per metric named in the policy, in policy order within each verdict: failing
 * metrics first, then passing, then those whose every rule was skipped. `directions`
 * overrides what the metric's name implies, as `metric-directions` does in the policy.
 */
export function metricRows(
  results: readonly RuleResult[],
  directions?: Readonly<Record<string, MetricDirection>>,
  deviations: Deviations = {}
): MetricRow[] {
  const byMetric = new Map<string, RuleResult[]>()
  for (const result of results) {
    const list = byMetric.get(result.metric) ?? []
    list.push(result)
    byMetric.set(result.metric, list)
  }
  return [...byMetric.entries()]
    .map(([metric, list], index) => ({
      row: metricRow(metric, list, directions, deviations),
      index
    }))
    .sort((a, b) => ORDER[a.row.verdict] - ORDER[b.row.verdict] || a.index - b.index)
    .map(({ row }) => row)
}

function metricRow(
  metric: string,
  list: readonly RuleResult[],
  directions: Readonly<Record<string, MetricDirection>> | undefined,
  deviations: Deviations
): MetricRow {
  const direction = directionOf(metric, directions)
  const withValues = list.find(result => result.candidate !== undefined) ?? list[0]
  const statistical = list.find(result => result.ci !== undefined || result.pValue !== undefined)
  const rules = list.map(result => {
    const shape = ruleShape(result)
    return {
      text: ruleWords(shape, direction, result.rule),
      verdict: result.verdict,
      explanation: result.explanation,
      shape
    }
  })
  const thresholds = rules.flatMap(rule =>
    rule.shape?.kind === 'threshold' ? [rule.shape.value] : []
  )
  const [baselineSd, candidateSd] = [deviations.baseline?.[metric], deviations.candidate?.[metric]]
  return {
    metric,
    direction,
    verdict: overall(list.map(result => result.verdict)),
    rules,
    baseline: withValues?.baseline,
    candidate: withValues?.candidate,
    delta: withValues?.delta,
    baselineSd,
    candidateSd,
    // A standard deviation shown with fewer decimals than it has would read as 0.
    decimals: metricDecimals([
      withValues?.baseline,
      withValues?.candidate,
      ...thresholds,
      baselineSd,
      candidateSd
    ]),
    ci: statistical?.ci,
    ciLevel: statistical?.ciLevel,
    pValue: statistical?.pValue
  }
}

/** How many metrics fail, as the headline says it. */
export function failureCount(rows: readonly MetricRow[]): string {
  const failed = rows.filter(row => row.verdict === 'fail').length
  if (rows.length === 0) return 'no rules'
  if (failed === 0) return `all ${rows.length} metric${rows.length === 1 ? '' : 's'} pass`
  return `${failed} of ${rows.length} metric${rows.length === 1 ? '' : 's'} fail${failed === 1 ? 's' : ''}`
}
