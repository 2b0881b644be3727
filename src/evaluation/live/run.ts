// Live evaluation: the gate measures the candidate (and the baseline, on the same rows)
// itself. In order:
//   1. the request is checked, then the data, every row, before any AWS resource exists
//      (a bad row fails with its line and column); the data's sha256 and row count are
//      taken on the way;
//   2. the versions are read (status, containers, content types);
//   3. the method serves them and collects every prediction: temporary endpoints
//      (endpoint.ts) or transform jobs (transform.ts), each resource recorded in the
//      step's state before it is created;
//   4. `finally`, whatever happened: the temporary resources are deleted (transform jobs
//      stopped); a problem there is a warning with the command that finishes the job;
//   5. the metrics, and with a baseline the paired comparisons, from the engine.
// A candidate that cannot be served is a result (`outcome: 'candidate-failed'`, with
// SageMaker's reason): the gate fails on it. A baseline that cannot be served is an error.
import { cleanupCommand } from '../../cleanup.js'
import { UserError } from '../../errors.js'
import { TASKS } from '../dataset.js'
import { hashing } from '../evaluate.js'
import { statisticsDocument } from '../statistics-json.js'
import {
  DEFAULT_ROWS_PER_REQUEST,
  INSTANCE_PAYLOAD_BYTES,
  SERVERLESS_PAYLOAD_BYTES
} from './batches.js'
import { checkLiveData } from './data.js'
import { predictOnEndpoints } from './endpoint.js'
import { liveNames } from './names.js'
import { describeVersion, TemporaryResources } from './resources.js'
import { DEFAULT_RETRY } from './retry.js'
import {
  CandidateFailure,
  type CheckedData,
  type LiveRun,
  type MethodOutcome,
  type ResolvedRequest
} from './run-context.js'
import { openData, workLocation } from './sources.js'
import { predictWithTransform, TRANSFORM_PAYLOAD_BYTES } from './transform.js'
import {
  LIVE_DEFAULTS,
  LIVE_METHODS,
  type LiveDeps,
  type LiveRequest,
  type LiveResult,
  type LiveTimings
} from './types.js'

/** SageMaker's serverless memory sizes: 1024-6144 MB "in 1 GB increments". */
const SERVERLESS_MEMORY = [1024, 2048, 3072, 4096, 5120, 6144]

function wholeNumber(name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UserError(
      `Live evaluation: ${name} must be a whole number ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}; got ${value}.`
    )
  return value
}

/** The request with its defaults, or a UserError naming the first bad field. */
export function resolveRequest(request: LiveRequest): ResolvedRequest {
  const fail = (message: string): never => {
    throw new UserError(`Live evaluation: ${message}`)
  }
  if (!LIVE_METHODS.includes(request.method))
    fail(`method must be ${LIVE_METHODS.join(' or ')}; got ${JSON.stringify(request.method)}.`)
  if (!TASKS.includes(request.task))
    fail(`task must be ${TASKS.join(', ')}; got ${JSON.stringify(request.task)}.`)
  if (!request.data?.trim()) fail('no validation data was given.')
  if (!request.candidate?.packageArn) fail('no candidate version was given.')
  if (!request.executionRoleArn?.trim())
    fail('an execution role is needed: SageMaker assumes it to run the models.')
  if (!request.runId?.trim()) fail('a run id is needed to name the temporary resources.')
  const threshold = request.decisionThreshold ?? LIVE_DEFAULTS.decisionThreshold
  if (!Number.isFinite(threshold))
    fail(`the decision threshold must be a number; got ${threshold}.`)
  const alpha = request.alpha ?? LIVE_DEFAULTS.alpha
  if (!(alpha > 0 && alpha < 0.5)) fail(`alpha must be between 0 and 0.5; got ${alpha}.`)
  const memory = request.serverlessMemoryMb ?? LIVE_DEFAULTS.serverlessMemoryMb
  if (!SERVERLESS_MEMORY.includes(memory))
    fail(`serverless memory must be one of ${SERVERLESS_MEMORY.join(', ')} MB; got ${memory}.`)
  if (request.instanceType !== undefined && request.serverlessMemoryMb !== undefined)
    fail('an instance type and a serverless memory size exclude each other: give one.')
  for (const [name, value] of [
    ['the wait timeout', request.waitTimeoutSeconds],
    ['the poll interval', request.pollSeconds]
  ] as const)
    if (value !== undefined && !(value > 0 && Number.isFinite(value)))
      fail(`${name} must be a positive number of seconds; got ${value}.`)
  const transform = request.method === 'batch-transform'
  if (transform && (request.serverlessMemoryMb ?? request.serverlessMaxConcurrency) !== undefined)
    fail('serverless settings apply to the endpoint method; batch transform runs on instances.')
  if (transform) {
    if (!request.workS3Uri) fail('batch transform needs a work S3 prefix for its input and output.')
    workLocation(request.workS3Uri!)
  }
  return {
    ...request,
    source: request.source ?? request.data,
    decisionThreshold: threshold,
    alpha,
    instanceCount: wholeNumber(
      'the instance count',
      request.instanceCount ?? LIVE_DEFAULTS.instanceCount,
      1
    ),
    serverlessMemoryMb: memory,
    serverlessMaxConcurrency: wholeNumber(
      'the serverless max concurrency',
      request.serverlessMaxConcurrency ?? LIVE_DEFAULTS.serverlessMaxConcurrency,
      1,
      200
    ),
    maxConcurrency: wholeNumber(
      'the max concurrency',
      request.maxConcurrency ?? LIVE_DEFAULTS.maxConcurrency,
      1
    ),
    rowsPerRequest: wholeNumber(
      'the rows per request',
      request.rowsPerRequest ?? DEFAULT_ROWS_PER_REQUEST,
      1
    ),
    keepInMemoryBytes: request.keepInMemoryBytes ?? LIVE_DEFAULTS.keepInMemoryBytes,
    waitTimeoutSeconds: request.waitTimeoutSeconds ?? LIVE_DEFAULTS.waitTimeoutSeconds,
    pollSeconds: request.pollSeconds ?? LIVE_DEFAULTS.pollSeconds,
    retry: request.retry ?? DEFAULT_RETRY
  }
}

/** The largest row a method can send, and why, for the data check. */
function rowLimit(request: ResolvedRequest): { bytes: number; reason: string } {
  if (request.method === 'batch-transform')
    return { bytes: TRANSFORM_PAYLOAD_BYTES, reason: `a transform job's MaxPayloadInMB (6 MB)` }
  return request.instanceType === undefined
    ? { bytes: SERVERLESS_PAYLOAD_BYTES, reason: `a serverless endpoint's payload limit (4 MB)` }
    : { bytes: INSTANCE_PAYLOAD_BYTES, reason: `an endpoint's payload limit (6 MB)` }
}

async function* counted(chunks: AsyncIterable<Uint8Array>, into: { bytes: number }) {
  for await (const chunk of chunks) {
    into.bytes += chunk.length
    yield chunk
  }
}

/** Reads the data once, checking every row; nothing in AWS exists yet. */
async function checkData(deps: LiveDeps, request: ResolvedRequest): Promise<CheckedData> {
  const opened = await openData(deps.s3, request.data, request.source)
  const size = { bytes: 0 }
  const hashed = hashing(counted(opened.chunks, size))
  const limit = rowLimit(request)
  const summary = await checkLiveData(
    hashed.chunks,
    {
      task: request.task,
      source: request.source,
      label: request.labelColumn,
      header: request.header,
      maxRowBytes: limit.bytes,
      maxRowBytesReason: limit.reason
    },
    // Kept, the rows are sent from memory: no second read (of S3, perhaps), and nothing
    // can change between the check and the predictions.
    request.method === 'endpoint' ? request.keepInMemoryBytes : 0
  )
  return {
    summary,
    sha256: hashed.digest(),
    bytes: size.bytes,
    location: opened.location,
    etag: opened.etag
  }
}

async function regionOf(deps: LiveDeps): Promise<string | undefined> {
  const region: unknown = deps.sagemaker.config.region
  try {
    const value = typeof region === 'function' ? await (region as () => Promise<string>)() : region
    return typeof value === 'string' && value ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Evaluates the candidate (and the baseline) live on the validation data. Throws a
 * UserError (DataError for the data, BaselineServingError for the baseline) when no
 * decision can be made; in every case the temporary resources are gone, or a warning
 * says how to remove them, by the time it returns or throws.
 */
export async function runLiveEvaluation(deps: LiveDeps, request: LiveRequest): Promise<LiveResult> {
  const started = deps.now().getTime()
  const resolved = resolveRequest(request)
  const names = liveNames(resolved.runId)
  const data = await checkData(deps, resolved)
  deps.log.info(
    `Checked ${resolved.source}: ${data.summary.rows} rows, ${data.summary.layout.fieldCount - 1} feature columns, label in column ${data.summary.layout.label.index}${data.summary.layout.label.name ? ` ("${data.summary.layout.label.name}")` : ''}, sha256 ${data.sha256}.`
  )
  const candidate = await describeVersion(
    deps,
    'candidate',
    resolved.candidate.packageArn,
    resolved.method
  )
  const baseline = resolved.baseline
    ? await describeVersion(deps, 'baseline', resolved.baseline.packageArn, resolved.method)
    : undefined
  const checked = deps.now().getTime()
  const run: LiveRun = {
    deps,
    request: resolved,
    names,
    resources: new TemporaryResources(deps, await regionOf(deps)),
    candidate,
    baseline,
    data,
    warnings: [],
    marks: {},
    written: { s3Objects: [], outputs: [] }
  }
  let outcome: MethodOutcome | undefined
  let failure: { error: unknown } | undefined
  let predicted = checked
  let cleanupWarnings: string[] = []
  let cleaned = checked
  try {
    outcome =
      resolved.method === 'endpoint'
        ? await predictOnEndpoints(run)
        : await predictWithTransform(run)
  } catch (error) {
    if (error instanceof CandidateFailure)
      outcome = {
        kind: 'candidate-failed',
        failureReason: error.failureReason,
        failedAt: error.failedAt,
        resource: error.resource
      }
    else failure = { error }
  } finally {
    predicted = deps.now().getTime()
    cleanupWarnings = await cleanUp(run)
    cleaned = deps.now().getTime()
  }
  if (failure) throw failure.error
  const common = {
    method: resolved.method,
    task: resolved.task,
    data: {
      source: resolved.source,
      sha256: data.sha256,
      bytes: data.bytes,
      rows: data.summary.rows,
      header: data.summary.layout.header,
      labelColumn: data.summary.layout.label
    },
    resources: { ...run.resources.listing(), ...run.written }
  }
  const timings = (evaluated: number): LiveTimings => ({
    checkMs: checked - started,
    provisionMs: (run.marks.predicting ?? predicted) - checked,
    predictMs: predicted - (run.marks.predicting ?? predicted),
    evaluateMs: evaluated - cleaned,
    cleanupMs: cleaned - predicted,
    totalMs: evaluated - started
  })
  if (outcome!.kind === 'candidate-failed') {
    deps.log.warning(
      `The candidate ${candidate.label} cannot be served (${outcome!.resource}): ${outcome!.failureReason}`
    )
    return {
      ...common,
      outcome: 'candidate-failed',
      candidate: {
        packageArn: candidate.packageArn,
        failureReason: outcome!.failureReason,
        failedAt: outcome!.failedAt,
        resource: outcome!.resource
      },
      warnings: [...run.warnings, ...cleanupWarnings],
      timings: timings(cleaned)
    }
  }
  const evaluation = outcome!.collector.finish()
  const evaluated = deps.now().getTime()
  return {
    ...common,
    outcome: 'evaluated',
    candidate: {
      packageArn: candidate.packageArn,
      report: evaluation.candidate,
      statistics: statisticsDocument(evaluation.candidate)
    },
    baseline:
      baseline && evaluation.baseline
        ? {
            packageArn: baseline.packageArn,
            report: evaluation.baseline,
            statistics: statisticsDocument(evaluation.baseline)
          }
        : undefined,
    comparison: evaluation.comparison,
    evaluation,
    warnings: [...run.warnings, ...evaluation.warnings, ...cleanupWarnings],
    timings: timings(evaluated),
    traffic: outcome!.traffic
  }
}

/** Deletes what the run created; never throws: a problem is a warning with the commands. */
async function cleanUp(run: LiveRun): Promise<string[]> {
  const { deps, request } = run
  let warnings: string[]
  try {
    warnings = await run.resources.cleanup({
      sleep: deps.sleep,
      now: deps.now,
      waitSeconds: request.waitTimeoutSeconds,
      pollSeconds: request.pollSeconds
    })
  } catch (error) {
    warnings = [
      `Cleaning up the temporary resources failed: ${(error as Error).message}. Remove them with: ${run.resources.pending.map(cleanupCommand).join('; ')}`
    ]
  }
  for (const warning of warnings) deps.log.warning(warning)
  return warnings
}
