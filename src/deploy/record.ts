// The plan's calls after the verified change, in order: the endpoint's tags, the versions'
// `deployed:<endpoint>` metadata, the cleanup of old configs and models, and for a rollback
// with `reject-current` the rejection. Recording and cleanup only warn: the endpoint serves
// what was asked either way. A failed rejection fails the step, saying how to finish it.
import type { RunContext } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import type { LiveEndpoint } from '../registry/served.js'
import { writeTags } from '../registry/tags.js'
import { updateVersion } from '../registry/versions.js'
import { applyCleanup, findCleanup, type CleanupPlan } from './cleanup.js'
import type { InFlightRecorder } from './inflight.js'
import type { DeployPlan, PlannedCall } from './plan.js'
import { changeCall } from './apply.js'
import { CLEANUP_PERMISSIONS, cleanupScope } from './prepare.js'

type Call<O extends PlannedCall['operation']> = Extract<PlannedCall, { operation: O }>

interface Recording {
  ctx: RunContext
  plan: DeployPlan
  endpointArn: string
  /** Cleanup reads again, once, just before its first delete. */
  stillUnused: () => Promise<CleanupPlan | undefined>
}

async function tag(r: Recording, call: Call<'AddTags'>): Promise<void> {
  try {
    await writeTags(r.ctx.aws.sagemaker, r.endpointArn, call.tags)
    r.ctx.steps.changed(`tagged endpoint ${r.plan.endpointName} with what it serves`)
  } catch (error) {
    r.ctx.out.warning(
      `Could not tag endpoint ${r.plan.endpointName}: ${errorMessage(error)}. Rollback falls back to the newest Approved version older than the live one.`
    )
  }
}

async function recordOnVersion(r: Recording, call: Call<'UpdateModelPackage'>): Promise<void> {
  try {
    await updateVersion(r.ctx.aws.sagemaker, call.packageArn, call.update)
    r.ctx.steps.changed(`recorded the deployment on v${call.version}`)
  } catch (error) {
    r.ctx.out.warning(`Could not record the deployment on v${call.version}: ${errorMessage(error)}`)
  }
}

async function reject(r: Recording, call: Call<'UpdateModelPackage'>): Promise<void> {
  const { ctx, plan } = r
  await ctx.steps.run(`marking v${call.version} Rejected`, async () => {
    try {
      await updateVersion(ctx.aws.sagemaker, call.packageArn, call.update)
    } catch (error) {
      throw new UserError(
        `Endpoint ${plan.endpointName} was rolled back to ${plan.primary.packageArn}, but marking ${call.packageArn} Rejected failed: ${errorMessage(error)}. Reject it with mode "reject" (model-package: ${call.packageArn}) and the same reason.`
      )
    }
  })
  ctx.steps.changed(`marked v${call.version} Rejected`)
  ctx.out.info(`Marked ${call.packageArn} Rejected: ${call.update.approvalDescription}`)
  ctx.out.setOutput('approval-status', 'Rejected')
}

/** Deletes an old config or model the plan found unused, unless something uses it now. */
async function remove(
  r: Recording,
  call: Call<'DeleteEndpointConfig'> | Call<'DeleteModel'>
): Promise<void> {
  const unused = await r.stillUnused()
  if (!unused) return
  const model = call.operation === 'DeleteModel'
  const name = (model ? call.input.ModelName : call.input.EndpointConfigName) ?? ''
  if (!(model ? unused.models : unused.configs).includes(name)) {
    r.ctx.out.warning(
      `Not deleting ${model ? 'model' : 'endpoint config'} ${name} after all: since the plan was made, an endpoint or a newer config of ours uses it.`
    )
    return
  }
  const { deleted } = await applyCleanup(r.ctx, {
    configs: model ? [] : [name],
    models: model ? [name] : []
  })
  for (const label of deleted) r.ctx.steps.changed(`deleted the old ${label}`)
}

/** Makes the plan's calls that come after the endpoint change, in their order. */
export async function recordDeployment(
  ctx: RunContext,
  plan: DeployPlan,
  live: LiveEndpoint | undefined,
  endpointArn: string,
  inflight: InFlightRecorder
): Promise<void> {
  const change = changeCall(plan)
  const after = plan.calls.slice(change ? plan.calls.indexOf(change) + 1 : 0)
  // Cleanup checks again, just before its first delete, that what the plan found is still
  // unused: the deployment took minutes, and it only ever deletes less than it planned.
  let confirmed: Promise<CleanupPlan | undefined> | undefined
  const stillUnused = () =>
    (confirmed ??= (async () => {
      try {
        return live
          ? await findCleanup(ctx.aws.sagemaker, cleanupScope(plan, live))
          : { configs: [], models: [] }
      } catch (error) {
        ctx.out.warning(
          `Cleanup of old models and configs of ${plan.endpointName} was skipped, nothing was deleted: ${errorMessage(error)}. ${CLEANUP_PERMISSIONS}`
        )
        return undefined
      }
    })())
  const recording: Recording = { ctx, plan, endpointArn, stillUnused }
  for (const call of after) {
    inflight.before(call)
    if (call.operation === 'AddTags') await tag(recording, call)
    else if (call.operation === 'UpdateModelPackage' && call.purpose === 'record')
      await recordOnVersion(recording, call)
    else if (call.operation === 'UpdateModelPackage') await reject(recording, call)
    else if (call.operation === 'DeleteEndpointConfig' || call.operation === 'DeleteModel')
      await remove(recording, call)
    else throw new Error(`${call.operation} cannot come after the endpoint change`)
  }
}
