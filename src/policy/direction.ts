import type { MetricDirection } from './types.js'

// Words, not whole names, so that `f1_score`, `balanced_accuracy`, `val_loss` and
// `mean_absolute_error` are recognised; the XGBoost spellings (aucpr, merror, mlogloss)
// are included because SageMaker's built-in algorithm emits them. `mcc`, `f0_5`, `f2` and
// `brier` are what live evaluation measures.
const HIGHER = new Set([
  'auc',
  'aucpr',
  'prauc',
  'accuracy',
  'f1',
  'f05',
  'f2',
  'mcc',
  'precision',
  'recall',
  'r2',
  'tpr',
  'tnr',
  'sensitivity',
  'specificity'
])
const LOWER = new Set([
  'brier',
  'fpr',
  'fnr',
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

// Names whose words mean nothing alone ("true", "rate", "variance"): matched as phrases.
const PHRASES: [string, MetricDirection][] = [
  ['true_positive_rate', 'higher'],
  ['true_negative_rate', 'higher'],
  ['false_positive_rate', 'lower'],
  ['false_negative_rate', 'lower'],
  ['explained_variance', 'higher']
]

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
    .replace(/f0[._]5/g, 'f05')
    .split(/[^a-z0-9]+/)
    .filter(word => word !== '')
  const joined = `_${words.join('_')}_`
  const phrases = PHRASES.filter(([phrase]) => joined.includes(`_${phrase}_`))
  const higher = words.some(word => HIGHER.has(word)) || phrases.some(([, way]) => way === 'higher')
  const lower = words.some(word => LOWER.has(word)) || phrases.some(([, way]) => way === 'lower')
  if (higher === lower) return undefined
  return higher ? 'higher' : 'lower'
}
