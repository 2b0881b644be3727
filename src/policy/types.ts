export type MetricDirection = 'higher' | 'lower'

/** Metrics the gate measured itself on validation data are named `live:<metric>`. */
export const LIVE_PREFIX = 'live:'
export type Comparator = '>=' | '>' | '<=' | '<' | '=='

/** The policy inputs, by the name the user wrote them under. */
export type PolicyInput = 'thresholds' | 'max-regression' | 'metric-directions'

/** `validation:auc >= 0.85`: the candidate alone must satisfy it. */
export interface ThresholdRule {
  kind: 'threshold'
  metric: string
  op: Comparator
  value: number
  /** 1-based line in the `thresholds` input, for messages. */
  line: number
}

/** `validation:auc -0.01` or `validation:auc -1%`: the most the candidate may lose to the baseline. */
export interface RegressionRule {
  kind: 'regression'
  metric: string
  /** The allowed drop as a non-negative magnitude: 0.01, or 1 for 1 %. */
  limit: number
  relative: boolean
  direction: MetricDirection
  /** Whether `direction` came from `metric-directions` or from the metric's name. */
  directionSource: 'override' | 'inferred'
  line: number
}

export type Rule = ThresholdRule | RegressionRule

export interface Policy {
  thresholds: ThresholdRule[]
  regressions: RegressionRule[]
  /** Overrides from `metric-directions`, also for metrics without a regression rule. */
  directions: Record<string, MetricDirection>
}

/** One model version's metrics, as the gate sees them. */
export interface MetricSet {
  version?: number
  arn?: string
  metrics: Record<string, number>
}

export type Verdict = 'pass' | 'fail' | 'skipped'

export interface RuleResult {
  metric: string
  kind: Rule['kind']
  /** The rule as a person reads it: `>= 0.85`, `max drop 0.01`, `max drop 1%`. */
  rule: string
  candidate?: number
  baseline?: number
  /** candidate − baseline, when both are finite. */
  delta?: number
  verdict: Verdict
  /** One sentence saying why the verdict is what it is. */
  explanation: string
  /** Confidence interval of the paired difference, when the comparison was statistical. */
  ci?: [number, number]
  /** The confidence of `ci`: 1 - alpha. */
  ciLevel?: number
  pValue?: number
}

export interface Decision {
  decision: 'pass' | 'fail'
  rules: RuleResult[]
  /** The explanations of the failed rules, in rule order. */
  reasons: string[]
}
