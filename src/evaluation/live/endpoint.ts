// Live evaluation on temporary endpoints. Serverless by default: a serverless endpoint has
// one production variant, so with a baseline each version gets its own endpoint. With an
// instance type, one endpoint serves both versions as two variants, and each request names
// its variant (TargetVariant). The rows go out without their label, packed into requests
// under the payload limit (4 MB serverless, 6 MB on instances), `maxConcurrency` requests
// in flight per version; every batch goes to both versions, so the predictions pair up row
// by row.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  type ProductionVariant,
  type ProductionVariantInstanceType
} from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import { UserError } from '../../errors.js'
import { hashing } from '../evaluate.js'
import type { Predictions } from '../predictions.js'
import { readAnswer } from './answers.js'
import {
  INSTANCE_PAYLOAD_BYTES,
  packRequests,
  type RequestBatch,
  SERVERLESS_PAYLOAD_BYTES
} from './batches.js'
import { LiveCollector } from './collect.js'
import { LiveDataReader, type RowBlock } from './data.js'
import { createModel, CSV, type ServedVersion, waitUntilSettled } from './resources.js'
import { forEachConcurrently, readAhead, withRetries } from './retry.js'
import {
  CandidateFailure,
  collectorOptions,
  type LiveRun,
  type MethodOutcome,
  type ResolvedRequest
} from './run-context.js'
import { openData } from './sources.js'
import { BaselineServingError, type LiveTraffic } from './types.js'

/** States in which SageMaker is still making the endpoint. */
const CREATING = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack'])

/** Where one version's requests go. */
interface Target {
  version: ServedVersion
  endpoint: string
  /** The variant to name in each request, when the endpoint serves two. */
  variant?: string
}

export function isServerless(request: Pick<ResolvedRequest, 'instanceType'>): boolean {
  return request.instanceType === undefined
}

/** The payload limit and requests in flight per version for a request. */
export function endpointLimits(request: ResolvedRequest): {
  payloadBytes: number
  concurrency: number
} {
  return isServerless(request)
    ? {
        payloadBytes: SERVERLESS_PAYLOAD_BYTES,
        // More requests than the endpoint's MaxConcurrency are throttled, not served.
        concurrency: Math.min(request.maxConcurrency, request.serverlessMaxConcurrency)
      }
    : { payloadBytes: INSTANCE_PAYLOAD_BYTES, concurrency: request.maxConcurrency }
}

/** Creates the endpoints (after their models and configs) and says where each version is. */
async function provision(run: LiveRun): Promise<Target[]> {
  const { deps, request, names, resources } = run
  const versions = run.baseline ? [run.candidate, run.baseline] : [run.candidate]
  for (const version of versions)
    await createModel(deps, resources, version, names.model(version.role), request.executionRoleArn)
  const configure = async (name: string, variants: ProductionVariant[]) => {
    await resources.create('endpoint-config', name, () =>
      deps.sagemaker.send(
        new CreateEndpointConfigCommand({ EndpointConfigName: name, ProductionVariants: variants })
      )
    )
    await resources.create('endpoint', name, () =>
      deps.sagemaker.send(
        new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name })
      )
    )
  }
  if (isServerless(request)) {
    const targets: Target[] = []
    for (const version of versions) {
      const name = names.endpoint(version.role)
      await configure(name, [
        {
          VariantName: version.role,
          ModelName: names.model(version.role),
          ServerlessConfig: {
            MemorySizeInMB: request.serverlessMemoryMb,
            MaxConcurrency: request.serverlessMaxConcurrency
          }
        }
      ])
      targets.push({ version, endpoint: name })
    }
    return targets
  }
  const name = run.baseline ? names.pairedEndpoint() : names.endpoint('candidate')
  await configure(
    name,
    versions.map(version => ({
      VariantName: version.role,
      ModelName: names.model(version.role),
      InstanceType: request.instanceType as ProductionVariantInstanceType,
      InitialInstanceCount: request.instanceCount,
      InitialVariantWeight: 1
    }))
  )
  return versions.map(version => ({
    version,
    endpoint: name,
    variant: run.baseline ? version.role : undefined
  }))
}

/**
 * Which version a failed endpoint's reason is about, when one endpoint serves both: the
 * reason names the variant ("production variant candidate") or the model data's URL.
 */
function blamed(reason: string, versions: ServedVersion[]): ServedVersion | undefined {
  const named = versions.filter(
    v =>
      new RegExp(`\\bvariant ${v.role}\\b`).test(reason) ||
      v.artifacts.some(uri => reason.includes(uri))
  )
  return named.length === 1 ? named[0] : undefined
}

/** Waits until every endpoint serves; a failed one ends the run as the reason decides. */
async function waitForEndpoints(
  run: LiveRun,
  targets: Target[]
): Promise<MethodOutcome | undefined> {
  const { deps, request } = run
  const endpoints = [...new Set(targets.map(t => t.endpoint))]
  const settled = await Promise.allSettled(
    endpoints.map(name =>
      waitUntilSettled(
        deps,
        `endpoint ${name}`,
        CREATING,
        async () => {
          const d = await deps.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))
          return { name, status: d.EndpointStatus ?? 'unknown', reason: d.FailureReason }
        },
        { timeoutSeconds: request.waitTimeoutSeconds, pollSeconds: request.pollSeconds }
      )
    )
  )
  const rejected = settled.find(s => s.status === 'rejected')
  if (rejected) throw (rejected as PromiseRejectedResult).reason
  const failures = settled
    .map(
      s => (s as PromiseFulfilledResult<{ name: string; status: string; reason?: string }>).value
    )
    .filter(state => state.status !== 'InService')
  let baselineFailure: string | undefined
  for (const state of failures) {
    const reason = state.reason ?? `the endpoint is ${state.status}`
    const served = targets.filter(t => t.endpoint === state.name).map(t => t.version)
    const version = served.length === 1 ? served[0] : blamed(reason, served)
    if (!version)
      throw new UserError(
        `Endpoint ${state.name}, serving the candidate and the baseline, is ${state.status}, and its reason does not say which version failed: ${reason}`
      )
    if (version.role === 'candidate')
      return {
        kind: 'candidate-failed',
        failureReason: reason,
        failedAt: 'endpoint',
        resource: `endpoint ${state.name}`
      }
    baselineFailure = `The baseline ${version.label} cannot be served: endpoint ${state.name} is ${state.status}: ${reason}`
  }
  if (baselineFailure)
    throw new BaselineServingError(
      `${baselineFailure}. This is an error, not a decision: without the baseline there is no comparison.`,
      baselineFailure
    )
  return undefined
}

function describeTarget(target: Target): string {
  return `the ${target.version.role} ${target.version.label} (endpoint ${target.endpoint}${target.variant ? `, variant ${target.variant}` : ''})`
}

/** Sends one batch to one version and reads its answer. */
async function invoke(
  run: LiveRun,
  target: Target,
  batch: RequestBatch,
  traffic: LiveTraffic
): Promise<Predictions> {
  const { deps, request } = run
  let response
  try {
    response = await withRetries(
      () =>
        deps.runtime.send(
          new InvokeEndpointCommand({
            EndpointName: target.endpoint,
            TargetVariant: target.variant,
            ContentType: CSV,
            Accept: target.version.accept,
            Body: batch.body
          })
        ),
      request.retry,
      deps.sleep,
      (error, attempt, delay) => {
        traffic.retries++
        deps.log.debug(
          `${describeTarget(target)}: ${(error as Error).name} on try ${attempt} for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]}; again in ${delay} ms`
        )
      }
    )
  } catch (error) {
    if (error instanceof Error && error.name === 'ModelError') {
      const reason = `the model answered an error for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]}: ${error.message}`
      if (target.version.role === 'candidate')
        throw new CandidateFailure(reason, 'invocation', `endpoint ${target.endpoint}`)
      throw new BaselineServingError(
        `The baseline ${target.version.label} cannot be served: ${reason} This is an error, not a decision.`,
        reason
      )
    }
    throw error
  }
  if (target.variant && response.InvokedProductionVariant !== target.variant)
    throw new Error(
      `${describeTarget(target)}: the answer came from variant ${response.InvokedProductionVariant ?? '(not named)'}, not ${target.variant}`
    )
  return readAnswer(response.Body ?? new Uint8Array(), response.ContentType, {
    task: request.task,
    rows: batch.rows,
    source: describeTarget(target),
    predictionColumn: request.predictionColumn
  })
}

/** Sends every row to every version and collects the predictions. */
async function predict(run: LiveRun, targets: Target[]): Promise<MethodOutcome> {
  const { deps, request, data } = run
  const { payloadBytes, concurrency } = endpointLimits(request)
  const traffic: LiveTraffic = {
    requests: 0,
    retries: 0,
    largestRequestRows: 0,
    largestRequestBytes: 0,
    concurrency,
    payloadLimitBytes: payloadBytes
  }
  deps.log.info(
    `Sending ${data.summary.rows} rows to ${targets.length === 1 ? 'the candidate' : 'both versions'}: up to ${request.rowsPerRequest} rows and ${payloadBytes} bytes a request, ${concurrency} request${concurrency === 1 ? '' : 's'} in flight per version.`
  )
  const collector = new LiveCollector(collectorOptions(run, request.source))
  const rows = await rowsAgain(run)
  const batches = packRequests(rows.blocks, {
    maxBytes: payloadBytes,
    maxRows: request.rowsPerRequest
  })
  // Batches are cut ahead, so a request that ends finds the next one ready.
  await forEachConcurrently(readAhead(batches, 2 * concurrency), concurrency, async batch => {
    traffic.requests++
    traffic.largestRequestRows = Math.max(traffic.largestRequestRows, batch.rows)
    traffic.largestRequestBytes = Math.max(traffic.largestRequestBytes, batch.body.length)
    // Both answers settle before a failure is thrown: nothing of this batch is left in flight.
    const answers = await Promise.allSettled(
      targets.map(target => invoke(run, target, batch, traffic))
    )
    const failures = answers.flatMap(a => (a.status === 'rejected' ? [a.reason as unknown] : []))
    const [candidateError, baselineError] = failures
    if (candidateError instanceof CandidateFailure && baselineError instanceof BaselineServingError)
      throw new UserError(
        `Both versions answered an error for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]} of ${request.source}: the rows, not the candidate, are the likely cause. The candidate: ${candidateError.failureReason} The baseline: ${baselineError.failureReason}`
      )
    if (failures.length > 0) throw failures[0]
    const [candidate, baseline] = answers.map(a => (a as PromiseFulfilledResult<Predictions>).value)
    collector.add(batch.index, batch, candidate!, baseline)
  })
  rows.verify()
  // The rows kept from the check are in the engine now.
  data.summary.blocks = undefined
  return { kind: 'predicted', collector, traffic }
}

/**
 * The rows the check read: from memory when they were kept, else read again, and then
 * proved the same bytes by their sha256 once the last one has been read.
 */
async function rowsAgain(
  run: LiveRun
): Promise<{ blocks: AsyncIterable<RowBlock>; verify: () => void }> {
  const { deps, request, data } = run
  const kept = data.summary.blocks
  if (kept) {
    return {
      blocks: (async function* () {
        yield* kept
      })(),
      verify: () => {}
    }
  }
  const opened = await openData(deps.s3, request.data, request.source)
  const hashed = hashing(opened.chunks)
  const reader = new LiveDataReader({
    task: request.task,
    source: request.source,
    label: request.labelColumn,
    header: request.header
  })
  return {
    blocks: reader.blocks(hashed.chunks),
    verify: () => {
      if (hashed.digest() !== data.sha256)
        throw new UserError(
          `${request.source} changed while it was being evaluated (its sha256 is not the one checked before): the metrics would not describe one data set. Run again on data that stays put.`
        )
    }
  }
}

/** The endpoint method: provision, wait, predict. Cleanup is the caller's `finally`. */
export async function predictOnEndpoints(run: LiveRun): Promise<MethodOutcome> {
  const targets = await provision(run)
  const failed = await waitForEndpoints(run, targets)
  if (failed) return failed
  run.marks.predicting = run.deps.now().getTime()
  return predict(run, targets)
}
