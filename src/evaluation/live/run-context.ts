// What the two methods (endpoint, batch transform) share while one live evaluation runs.
import type { LiveCollector } from './collect.js'
import type { LiveDataSummary } from './data.js'
import type { LiveNames } from './names.js'
import type { ServedVersion, TemporaryResources } from './resources.js'
import type { S3Location } from '../../registry/s3.js'
import type { RetryPolicy } from './retry.js'
import type { LiveCandidateFailed, LiveDeps, LiveRequest, LiveTraffic } from './types.js'

/** The request with every default filled in. */
export type ResolvedRequest = LiveRequest &
  Required<
    Pick<
      LiveRequest,
      | 'decisionThreshold'
      | 'alpha'
      | 'instanceCount'
      | 'serverlessMemoryMb'
      | 'serverlessMaxConcurrency'
      | 'maxConcurrency'
      | 'rowsPerRequest'
      | 'keepInMemoryBytes'
      | 'waitTimeoutSeconds'
      | 'pollSeconds'
    >
  > & { retry: RetryPolicy; source: string }

export interface CheckedData {
  summary: LiveDataSummary
  sha256: string
  bytes: number
  /** S3 data: the object and its ETag when it was checked. */
  location?: S3Location
  etag?: string
}

export interface LiveRun {
  deps: LiveDeps
  request: ResolvedRequest
  names: LiveNames
  resources: TemporaryResources
  candidate: ServedVersion
  baseline?: ServedVersion
  data: CheckedData
  warnings: string[]
  /** deps.now() when the versions started being served (models, uploads...) and predicting. */
  marks: { predicting?: number }
  /** S3 objects written and transform output prefixes, for the result. */
  written: { s3Objects: string[]; outputs: string[] }
}

/** A method either has every prediction (in the collector) or the candidate failed. */
export type MethodOutcome =
  | { kind: 'predicted'; collector: LiveCollector; traffic?: LiveTraffic }
  | {
      kind: 'candidate-failed'
      failureReason: string
      failedAt: LiveCandidateFailed['candidate']['failedAt']
      resource: string
    }

/** Thrown where the candidate turns out unservable deep inside a method. */
export class CandidateFailure extends Error {
  constructor(
    readonly failureReason: string,
    readonly failedAt: LiveCandidateFailed['candidate']['failedAt'],
    readonly resource: string
  ) {
    super(`the candidate cannot be served (${resource}): ${failureReason}`)
    this.name = 'CandidateFailure'
  }
}

/** The collector's settings for a run. */
export function collectorOptions(run: LiveRun, source: string) {
  const { request, data } = run
  return {
    task: request.task,
    source,
    threshold: request.decisionThreshold,
    alpha: request.alpha,
    seed: request.seed,
    resamples: request.resamples,
    labelColumn: data.summary.layout.label.index,
    labelName: data.summary.layout.label.name,
    fieldCount: data.summary.layout.fieldCount,
    paired: run.baseline !== undefined
  }
}
