import type { MetricDirection } from './types.js'

// Words, not whole names, so that `f1_score`, `balanced_accuracy`, `val_loss` and
// `mean_absolute_error` are recognised; the XGBoost spellings (aucpr, merror, mlogloss)
// are included because SageMaker's built-in algorithm emits them.
const HIGHER = new Set(['auc', 'aucpr', 'prauc', 'accuracy', 'f1', 'precision', 'recall', 'r2'])
const LOWER = new Set([
  'loss',
  'error',
  'rmse',
  'mae',
  'mse',
  'mape',
  'logloss',
  'rmsle',
  'merror',
  'mlogloss'
])

/**
 * Which way is better for a metric, judged by the last segment of its name
 * (`validation:auc` -> `auc`). Undefined when the name says nothing, or says both
 * (`accuracy_error`): guessing wrong would turn a regression into an improvement.
 */
export function inferDirection(metric: string): MetricDirection | undefined {
  const segment = metric.split(/[:/]/).pop() ?? ''
  const words = segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word !== '')
  const higher = words.some(word => HIGHER.has(word))
  const lower = words.some(word => LOWER.has(word))
  if (higher === lower) return undefined
  return higher ? 'higher' : 'lower'
}
