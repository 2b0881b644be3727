// `rollback`: puts the previous version back on the endpoint through the same path as
// `deploy` (src/deploy/run.ts). The target is `model-package`, else the previous package
// recorded on the endpoint, else the newest Approved version older than the live one
// (src/deploy/targets.ts). With `reject-current`, the version it replaced is marked
// Rejected, as the plan's last call, only once the rollback is verified. A re-run of a
// workflow run whose rollback took effect finds it done: it changes nothing (but a
// rejection the earlier attempt did not reach) and says what that attempt did.
import type { ModeRunner } from '../context.js'
import { UserError } from '../errors.js'
import { runLabel } from '../deploy/plan.js'
import { approvedTarget, settledEndpoint } from '../deploy/prepare.js'
import { runDeployment } from '../deploy/run.js'
import { deploymentAudit } from './deploy.js'
import { rejectRequest, resolveRollbackTarget } from '../deploy/targets.js'
import { currentPackageArn } from '../registry/served.js'
import { describeVersion, forNamedVersion } from '../registry/versions.js'

export const runRollback: ModeRunner<'rollback'> = async (ctx, settings) => {
  const { deploy, dryRun } = settings
  if (deploy.traffic.length > 0) {
    throw new UserError(
      'Input "traffic" does not apply to mode "rollback": use mode "deploy" to change weights.'
    )
  }
  // Resolve and read: what the endpoint serves, what to go back to, what to reject.
  const live = await ctx.steps.run(`reading endpoint ${deploy.endpointName}`, () =>
    settledEndpoint(ctx, deploy, dryRun)
  )
  if (!live) {
    throw new UserError(
      `Endpoint ${deploy.endpointName} does not exist in ${settings.region}: there is nothing to roll back.`
    )
  }
  const current = currentPackageArn(live)
  const { arn, source, rolledBackFrom } = await ctx.steps.run(
    'finding the version to roll back to',
    () => resolveRollbackTarget(ctx, settings, live, current)
  )
  if (!rolledBackFrom && arn === current && live.variants.length === 1) {
    throw new UserError(
      `Endpoint ${live.name} already serves ${arn} (${source}): there is nothing to roll back.`
    )
  }
  // A version named in "model-package" that does not exist is the input's mistake, said so.
  const target = await ctx.steps.run(`reading ${arn}`, () =>
    deploy.modelPackage
      ? forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))
      : approvedTarget(ctx, arn, 1)
  )
  const from = rolledBackFrom ?? current
  const replaced = deploy.rejectCurrent && from !== target.arn ? from : undefined
  const description = replaced
    ? await ctx.steps.run(`reading ${replaced}`, () => describeVersion(ctx.aws.sagemaker, replaced))
    : undefined
  // On a re-run, a version already Rejected is the earlier attempt's decision: not made twice.
  const rejected = rolledBackFrom !== undefined && description?.ModelApprovalStatus === 'Rejected'
  const reject =
    replaced && description && !rejected
      ? rejectRequest(ctx, description, replaced, deploy.endpointName, deploy.reason ?? '')
      : undefined
  ctx.out.info(
    rolledBackFrom
      ? `Endpoint ${live.name} already serves ${arn}: this workflow run (${runLabel(ctx.github)}) rolled it back from ${rolledBackFrom}. ${reject ? `What is left: marking ${rolledBackFrom} Rejected.` : 'Nothing to do.'}`
      : `Rolling endpoint ${live.name} back from ${current ?? 'an unknown package'} to ${arn} (${source})`
  )
  // Plan, write, publish: the same path as deploy.
  const outcome = await runDeployment(ctx, settings, {
    kind: 'rollback',
    targets: [target],
    live,
    reject,
    rolledBackFrom
  })
  if (rejected) ctx.out.setOutput('approval-status', 'Rejected')
  const audit = deploymentAudit(outcome, live, 'rolled-back', from ? [from] : [])
  if (deploy.reason) audit.reason = `${audit.reason}; ${deploy.reason}`
  return outcome.failed ? { failed: outcome.failed, audit } : { audit }
}
