// Everything a deployment reads before its first mutating call: the packages (Approved
// ones only), the endpoint once no other deployment is changing it, and then the plan,
// with which of its models and config exist already and which old ones cleanup deletes.
import type { RunContext } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import { describeEndpoint, readLiveEndpoint, type LiveEndpoint } from '../registry/served.js'
import { describeVersion, versionFromArn } from '../registry/versions.js'
import type { DeploySettings, SettingsOf } from '../settings.js'
import { findCleanup, type CleanupPlan, type CleanupScope } from './cleanup.js'
import { findExisting } from './endpoint.js'
import { buildPlan, type DeployPlan, type RejectRequest, type Target } from './plan.js'
import { BUSY_STATES, waitForEndpoint } from './waiter.js'

/** The settings of a deployment: those of `deploy` or of `rollback`. */
export type DeploymentSettings = SettingsOf<'deploy' | 'rollback'>

export interface ApprovedTarget extends Target {
  metadata: Record<string, string>
}

/** What a mode asks a deployment to do. */
export interface DeploymentRequest {
  kind: 'deploy' | 'rollback'
  targets: ApprovedTarget[]
  live: LiveEndpoint | undefined
  /** `reject-current`: the version to mark Rejected once the rollback is verified. */
  reject?: RejectRequest
  /** The package an earlier attempt of this workflow run rolled the endpoint back from. */
  rolledBackFrom?: string
  /** Part of another mode's change (an A/B promotion): that mode sets the run's outputs. */
  within?: 'ab-test'
}

/** Describes the package and refuses it unless it is Approved; never mutates anything. */
export async function approvedTarget(
  ctx: Pick<RunContext, 'aws'>,
  arn: string,
  weight: number
): Promise<ApprovedTarget> {
  const description = await describeVersion(ctx.aws.sagemaker, arn)
  const version = description.ModelPackageVersion ?? versionFromArn(arn)
  const status = description.ModelApprovalStatus ?? 'PendingManualApproval'
  if (status !== 'Approved') {
    throw new UserError(
      `Version ${version} (${arn}) is ${status}: only Approved versions can be deployed. Approve it first (mode: approve), or name an Approved version with "model-package".`
    )
  }
  return {
    arn: description.ModelPackageArn ?? arn,
    version,
    weight,
    metadata: description.CustomerMetadataProperties ?? {}
  }
}

function failedEndpoint(live: LiveEndpoint): UserError {
  return new UserError(
    `Endpoint ${live.name} is ${live.status}${live.failureReason ? ` (${live.failureReason})` : ''}: SageMaker cannot update it. Delete it (aws sagemaker delete-endpoint --endpoint-name ${live.name}) and deploy again.`
  )
}

/**
 * What the endpoint serves once no other deployment is changing it: waits (up to
 * `wait-timeout`) while it is busy, except in dry-run, which only reads.
 */
export async function settledEndpoint(
  ctx: RunContext,
  settings: DeploySettings,
  dryRun: boolean,
  timeoutSeconds = settings.waitTimeoutSeconds
): Promise<LiveEndpoint | undefined> {
  const name = settings.endpointName
  let description = await describeEndpoint(ctx.aws.sagemaker, name)
  if (!description) return undefined
  const status = description.EndpointStatus ?? 'unknown'
  if (BUSY_STATES.has(status) && dryRun) {
    ctx.out.info(`Endpoint ${name} is ${status}: a real run would wait for it first.`)
  } else if (BUSY_STATES.has(status)) {
    ctx.out.info(
      `Endpoint ${name} is ${status}: waiting for that to finish, never updating underneath another deployment.`
    )
    description = await waitForEndpoint(ctx, name, {
      timeoutSeconds,
      purpose: 'to finish what it is doing before this deployment starts'
    })
    if (!description) return undefined
  }
  const live = await readLiveEndpoint(ctx.aws.sagemaker, description)
  if (live.status === 'Failed' || live.status === 'OutOfService') throw failedEndpoint(live)
  if (live.status === 'UpdateRollbackFailed') {
    ctx.out.warning(
      `Endpoint ${live.name} is UpdateRollbackFailed: it serves a mix of two configs. This deployment replaces both.`
    )
  }
  return live
}

/** Old configs and models of ours that go once the new config serves; see cleanup.ts. */
export function cleanupScope(plan: DeployPlan, live: LiveEndpoint): CleanupScope {
  return {
    endpointName: plan.endpointName,
    keepConfigs: [plan.endpointConfigName, live.configName],
    keepModels: plan.variants.map(v => v.modelName),
    cutoff: live.configCreationTime
  }
}

export const CLEANUP_PERMISSIONS =
  'Cleanup proves that no endpoint in the account uses what it deletes, which needs sagemaker:ListEndpoints and DescribeEndpoint, DescribeEndpointConfig, ListTags on them; grant those, or delete old configs and models by hand.'

/**
 * The plan with everything it depends on read first: which of its models and config exist
 * already (used, not created) and which old ones cleanup deletes. Reads only.
 */
export async function makePlan(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  live: LiveEndpoint | undefined
): Promise<DeployPlan> {
  const input = {
    settings: settings.deploy,
    region: settings.region,
    run: ctx.github,
    targets: request.targets,
    live,
    kind: request.kind,
    now: ctx.now(),
    reject: request.reject,
    rolledBackFrom: request.rolledBackFrom
  }
  const draft = buildPlan(input)
  if (draft.action === 'none') return draft
  const existing = await findExisting(ctx.aws.sagemaker, draft)
  let cleanup: CleanupPlan = { configs: [], models: [] }
  if (live && live.configName !== draft.endpointConfigName) {
    try {
      cleanup = await findCleanup(ctx.aws.sagemaker, cleanupScope(draft, live))
    } catch (error) {
      ctx.out.warning(
        `This deployment deletes no old models or configs of ${draft.endpointName}: reading what they are failed (${errorMessage(error)}). ${CLEANUP_PERMISSIONS}`
      )
    }
  }
  return buildPlan({ ...input, facts: { existing, cleanup } })
}
