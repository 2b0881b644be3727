// A live evaluation's request checked field by field, with every default filled in.
import { UserError } from '../../errors.js'
import { SERVERLESS_MEMORY_SIZES } from '../../inputs/table.js'
import { TASKS } from '../dataset.js'
import { DEFAULT_ROWS_PER_REQUEST } from './batches.js'
import { DEFAULT_RETRY } from './retry.js'
import type { ResolvedRequest } from './run-context.js'
import { workLocation } from './sources.js'
import { LIVE_DEFAULTS, LIVE_METHODS, type LiveRequest } from './types.js'

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
  if (!(SERVERLESS_MEMORY_SIZES as readonly number[]).includes(memory))
    fail(
      `serverless memory must be one of ${SERVERLESS_MEMORY_SIZES.join(', ')} MB; got ${memory}.`
    )
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
