export type {
  Comparator,
  Decision,
  MetricDirection,
  MetricSet,
  Policy,
  PolicyInput,
  RegressionRule,
  Rule,
  RuleResult,
  ThresholdRule,
  Verdict
} from './types.js'
export { LIVE_PREFIX } from './types.js'
export { inferDirection } from './direction.js'
export {
  PolicyError,
  normalisePolicy,
  parsePolicy,
  policyMetrics,
  policySha256,
  ruleText
} from './parse.js'
export { evaluatePolicy, type EvaluateOptions } from './evaluate.js'
export { formatDelta, formatNumber, formatPercent } from './format.js'
