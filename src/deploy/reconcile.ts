// The post step's half of a deployment its main step could not conclude (the job was
// cancelled, or the step died after sending the endpoint change): wait for the endpoint,
// read what it really serves (endpoint -> config -> models -> packages), make its tags say
// so, delete what the run made that nothing serves, and close the GitHub deployment with
// what happened. Like every post step here, it only ever warns.
import type { RunContext } from '../context.js'
import { setGitHubDeploymentStatus, type DeploymentState } from '../github/deployments.js'
import { versionFromArn } from '../registry/versions.js'
import {
  describeEndpoint,
  livePackageArn,
  readLiveEndpoint,
  type EndpointDescription,
  type LiveEndpoint
} from '../registry/served.js'
import { discardCreated, type Created } from './cleanup.js'
import type { InFlightDeployment } from './inflight.js'
import { tagValue, TAGS, writeTags } from '../registry/tags.js'
import { waitForEndpoint, WaitTimeoutError } from './waiter.js'
import { errorMessage } from '../errors.js'

/**
 * How long the post step waits for a busy endpoint: five minutes after a cancellation,
 * GitHub forcibly ends the job's steps that still run ("Workflow cancellation reference").
 */
export const POST_WAIT_MAX_SECONDS = 240

type Ctx = Pick<RunContext, 'aws' | 'out' | 'octokit' | 'now' | 'sleep'>

export interface Reconciled {
  state: DeploymentState
  description: string
  /** The config the endpoint serves after the post step, if it exists. */
  servingConfig?: string
}

/** `v7`: GitHub cuts status descriptions at 140 characters, so no ARN and no config name. */
function served(live: LiveEndpoint): string {
  const arn = livePackageArn(live)
  let label = arn ?? 'no versioned package'
  try {
    if (arn) label = `v${versionFromArn(arn)}`
  } catch {
    // An unversioned package keeps its ARN.
  }
  return label
}

/** What the GitHub deployment's last status says, from what the endpoint turned out to do. */
function verdict(
  record: InFlightDeployment,
  live: LiveEndpoint | undefined,
  settled: boolean,
  waited: number
): Reconciled {
  const name = record.endpointName
  if (!live) {
    return record.changeSent
      ? { state: 'failure', description: `Job cancelled; endpoint ${name} does not exist.` }
      : { state: 'inactive', description: `Job cancelled before endpoint ${name} was created.` }
  }
  const reason = live.failureReason ? ` SageMaker: ${live.failureReason}` : ''
  if (!settled) {
    return {
      state: 'failure',
      description: `Job cancelled while ${name} was ${live.status}; not awaited after ${waited} s. Serving ${served(live)}.`,
      servingConfig: live.configName
    }
  }
  if (live.status === 'InService' && live.configName === record.configName) {
    return {
      state: 'success',
      description: `Job cancelled, but SageMaker finished the change: serving ${served(live)}.`,
      servingConfig: live.configName
    }
  }
  if (live.status === 'InService' && !record.changeSent) {
    return {
      state: 'inactive',
      description: `Job cancelled before the endpoint was changed: it still serves ${served(live)}.`,
      servingConfig: live.configName
    }
  }
  return {
    state: 'failure',
    description:
      live.status === 'InService'
        ? `Job cancelled; ${name} is InService serving ${served(live)}, not v${record.version}.${reason}`
        : `Job cancelled; ${name} is ${live.status}.${reason}`,
    servingConfig: live.configName
  }
}

/** Makes the endpoint's tags name what it serves. */
async function reconcileTags(
  ctx: Ctx,
  record: InFlightDeployment,
  live: LiveEndpoint,
  ours: boolean
): Promise<void> {
  if (ours) {
    await writeTags(ctx.aws.sagemaker, live.arn, record.tags)
    ctx.out.info(`Tagged endpoint ${live.name} with what it serves: ${record.packageArn}.`)
    return
  }
  const serving = livePackageArn(live)
  const tagged = live.tags[TAGS.packageArn]
  if (!serving || tagged === undefined || tagged === serving) return
  await writeTags(ctx.aws.sagemaker, live.arn, [{ Key: TAGS.packageArn, Value: tagValue(serving) }])
  ctx.out.info(
    `Endpoint ${live.name}'s tag ${TAGS.packageArn} named ${tagged}, which it does not serve; it now names ${serving}.`
  )
}

export async function reconcileInterrupted(
  ctx: Ctx,
  record: InFlightDeployment,
  maxWaitSeconds = POST_WAIT_MAX_SECONDS
): Promise<Reconciled> {
  const name = record.endpointName
  ctx.out.info(
    `The ${record.kind} to endpoint ${name} stopped at: ${record.step}. Reconciling what it left.`
  )
  const waited = Math.min(record.waitTimeoutSeconds, maxWaitSeconds)
  let description: EndpointDescription | undefined
  let settled = true
  try {
    description = await waitForEndpoint(ctx, name, {
      timeoutSeconds: waited,
      purpose: 'to settle after the interrupted deployment'
    })
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error
    ctx.out.warning(error.message)
    settled = false
    description = await describeEndpoint(ctx.aws.sagemaker, name)
  }
  const live = description ? await readLiveEndpoint(ctx.aws.sagemaker, description) : undefined
  const ours = settled && live?.status === 'InService' && live.configName === record.configName
  if (live?.arn) {
    try {
      await reconcileTags(ctx, record, live, ours)
    } catch (error) {
      ctx.out.warning(`Could not tag endpoint ${name}: ${errorMessage(error)}`)
    }
  }
  const keep: Created = ours
    ? {
        configs: [record.configName],
        models: live.variants.map(v => v.modelName ?? '').filter(Boolean)
      }
    : { configs: [], models: [] }
  await discardCreated(
    ctx,
    name,
    record.created,
    keep,
    `The interrupted ${record.kind} to ${name} made models or configs that nothing serves`
  )
  const result = verdict(record, live, settled, waited)
  await setGitHubDeploymentStatus(ctx, record.github, result.state, result.description)
  ctx.out.info(result.description)
  return result
}
