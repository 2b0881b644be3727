// Live evaluation's public surface: run it, and the types it takes and returns.
export { runLiveEvaluation, resolveRequest } from './run.js'
export {
  BaselineServingError,
  LIVE_DEFAULTS,
  LIVE_METHODS,
  type LiveCandidateFailed,
  type LiveDataFacts,
  type LiveDeps,
  type LiveEvaluated,
  type LiveLog,
  type LiveMethod,
  type LiveRequest,
  type LiveResources,
  type LiveResult,
  type LiveTimings,
  type LiveTraffic,
  type LiveVersionRef,
  type LiveVersionResult
} from './types.js'
export { liveNames, runSlug, type LiveNames, type LiveRole } from './names.js'
export type { PredictionRef } from './answers.js'
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js'
export {
  DEFAULT_ROWS_PER_REQUEST,
  INSTANCE_PAYLOAD_BYTES,
  SERVERLESS_PAYLOAD_BYTES
} from './batches.js'
