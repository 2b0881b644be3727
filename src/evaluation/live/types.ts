// The contract of live evaluation: what the caller asks for, what it lends (clients, log,
// state, clock), and what comes back.
import type { S3Client } from '@aws-sdk/client-s3'
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import { UserError } from '../../errors.js'
import type { ColumnRef } from '../csv.js'
import type { Task } from '../dataset.js'
import { DEFAULT_ALPHA, type Evaluation } from '../evaluate.js'
import type { Comparison } from '../paired.js'
import type { StatisticsDocument, TaskReport } from '../statistics-json.js'
import type { PredictionRef } from './answers.js'
import type { RetryPolicy } from './retry.js'

export const LIVE_METHODS = ['endpoint', 'batch-transform'] as const
export type LiveMethod = (typeof LIVE_METHODS)[number]

/** Defaults, each chosen for a reason the README can repeat. */
export const LIVE_DEFAULTS = {
  /** The SageMaker Python SDK's ServerlessInferenceConfig defaults: 2048 MB, 5 concurrent. */
  serverlessMemoryMb: 2048,
  serverlessMaxConcurrency: 5,
  /** Requests in flight per version: within the serverless default, and gentle on one instance. */
  maxConcurrency: 4,
  /** Instances per version, for an instance endpoint's variants and a transform job. */
  instanceCount: 1,
  /** Endpoint data kept in memory between the check and the requests, at most. */
  keepInMemoryBytes: 256 * 1024 * 1024,
  /** A transform job's instance when neither the request nor the version names one. */
  transformInstanceType: 'ml.m5.large',
  /** Endpoints take minutes to create; transform jobs as long as the data needs. */
  waitTimeoutSeconds: 3600,
  pollSeconds: 10,
  decisionThreshold: 0.5,
  alpha: DEFAULT_ALPHA
} as const

export interface LiveVersionRef {
  /** The model package (version) ARN. */
  packageArn: string
}

export interface LiveRequest {
  candidate: LiveVersionRef
  /** Evaluated on the same rows for the paired comparison; none: the candidate alone. */
  baseline?: LiveVersionRef
  /** The validation data: a local CSV path or an `s3://bucket/key` URI. */
  data: string
  /** Names the data in messages; the path or URI by default. */
  source?: string
  task: Task
  /** The label column: a 0-based index or a header name; the first column by default. */
  labelColumn?: ColumnRef
  /** Whether the data's first line is a header; decided from its label field by default. */
  header?: boolean | 'auto'
  /** Which value of a model's answer is the prediction (see answers.ts); all of it by default. */
  predictionColumn?: PredictionRef
  /** Binary: scores at or above it are positive; 0.5 by default. */
  decisionThreshold?: number
  /** The paired tests' level; 0.05 by default. */
  alpha?: number
  /** The bootstrap's seed and resamples (the engine's defaults otherwise). */
  seed?: number
  resamples?: number
  method: LiveMethod
  /** The role SageMaker assumes to run the models. */
  executionRoleArn: string
  /**
   * Endpoint method: an instance endpoint of this type (one endpoint, a variant per
   * version); serverless without it. Batch transform: the jobs' instance type.
   */
  instanceType?: string
  /** Instances per version (instance endpoints and transform jobs); 1 by default. */
  instanceCount?: number
  serverlessMemoryMb?: number
  serverlessMaxConcurrency?: number
  /** Requests in flight at once per version (endpoint method); 4 by default. */
  maxConcurrency?: number
  /** At most this many rows in one request (endpoint method); 1,000 by default. */
  rowsPerRequest?: number
  /**
   * Endpoint method: data whose features take at most this many bytes (256 MiB by default)
   * is kept in memory from the check and sent from there; larger data (or any, with 0) is
   * read a second time and must have the same sha256.
   */
  keepInMemoryBytes?: number
  /**
   * `s3://bucket/prefix`: where batch transform reads uploaded or rewritten data and writes
   * its output, under `<prefix>/<run>/`. Required for batch transform.
   */
  workS3Uri?: string
  /** Unique per run and attempt: the temporary resources are named after it. */
  runId: string
  /** How long to wait for endpoints to serve or transform jobs to finish; 3,600 s by default. */
  waitTimeoutSeconds?: number
  /** Between two looks at an endpoint or job; 10 s by default. */
  pollSeconds?: number
  /** Retries of throttled requests (retry.ts's DEFAULT_RETRY otherwise). */
  retry?: RetryPolicy
}

/** Where live evaluation reports progress. The action's Reporter fits. */
export interface LiveLog {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export interface LiveDeps {
  sagemaker: SageMakerClient
  runtime: SageMakerRuntimeClient
  s3: S3Client
  log: LiveLog
  /** Saves a value for the post step (cleanup.ts's TEMPORARY_STATE). */
  saveState(name: string, value: string): void
  sleep(ms: number): Promise<void>
  now(): Date
  /** Where a rewritten copy of local data is written before upload; the OS's by default. */
  tempDir?: string
}

/** The data as evaluated, for the audit trail. */
export interface LiveDataFacts {
  source: string
  /** sha256 of the data's bytes, as given (hex). */
  sha256: string
  bytes: number
  rows: number
  header?: string[]
  labelColumn: { index: number; name?: string }
}

/** What the run created (and deleted again), by kind; S3 objects are kept. */
export interface LiveResources {
  models: string[]
  endpointConfigs: string[]
  endpoints: string[]
  transformJobs: string[]
  /** Objects written under the work prefix (uploaded data, manifest); outputs are under `outputs`. */
  s3Objects: string[]
  /** Transform output prefixes, per version. */
  outputs: string[]
}

export interface LiveTimings {
  /** Reading and checking the data, describing the versions. */
  checkMs: number
  /** Models, uploads, endpoints until they serve. */
  provisionMs: number
  /** Invocations, or transform jobs until they finish and their output is read. */
  predictMs: number
  /** The metrics and paired tests once every prediction is in. */
  evaluateMs: number
  /** Deleting (and waiting for) the temporary resources. */
  cleanupMs: number
  totalMs: number
}

/** How the rows travelled to an endpoint. */
export interface LiveTraffic {
  /** Requests per version (first tries). */
  requests: number
  /** Retries after throttling or a busy endpoint, all versions. */
  retries: number
  /** The most rows and bytes one request carried. */
  largestRequestRows: number
  largestRequestBytes: number
  /** Requests in flight per version at most. */
  concurrency: number
  payloadLimitBytes: number
}

export interface LiveVersionResult {
  packageArn: string
  report: TaskReport
  /** Model Monitor model-quality statistics, ready to register. */
  statistics: StatisticsDocument
}

interface LiveCommon {
  method: LiveMethod
  task: Task
  data: LiveDataFacts
  resources: LiveResources
  /** Ill-defined metrics, cleanup problems (with the commands to finish by hand), notes. */
  warnings: string[]
  timings: LiveTimings
  traffic?: LiveTraffic
}

export interface LiveEvaluated extends LiveCommon {
  outcome: 'evaluated'
  candidate: LiveVersionResult
  baseline?: LiveVersionResult
  /** With a baseline: each metric compared on the same rows (engine's paired tests). */
  comparison?: Record<string, Comparison>
  evaluation: Evaluation
}

/** The candidate could not be served: the gate fails on it, with SageMaker's reason. */
export interface LiveCandidateFailed extends LiveCommon {
  outcome: 'candidate-failed'
  candidate: {
    packageArn: string
    failureReason: string
    /**
     * Where it failed: its endpoint never served (`endpoint`), its transform job failed
     * (`transform-job`), or it served but answered rows with an error (`invocation`: with a
     * baseline that answered the same rows, the fault is the candidate's).
     */
    failedAt: 'endpoint' | 'transform-job' | 'invocation'
    /** The resource: `endpoint gate-...-candidate`, `transform job gate-...-candidate`. */
    resource: string
  }
}

export type LiveResult = LiveEvaluated | LiveCandidateFailed

/** The baseline could not be served: an error, not a decision. */
export class BaselineServingError extends UserError {
  constructor(
    message: string,
    readonly failureReason: string
  ) {
    super(message)
    this.name = 'BaselineServingError'
  }
}
