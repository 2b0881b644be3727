// `rollback`: puts the previous version back on the endpoint through the same path as
// `deploy` (src/deploy/run.ts). The target is `model-package`, else the previous package
// recorded on the endpoint, else the newest Approved version older than the live one
// (src/deploy/targets.ts). With `reject-current`, the version it replaced is marked
// Rejected, as the plan's last call, only once the rollback is verified.
import type { ModeRunner } from '../context.js'
import { UserError } from '../errors.js'
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
  const { arn, source } = await ctx.steps.run('finding the version to roll back to', () =>
    resolveRollbackTarget(ctx, settings, live, current)
  )
  if (arn === current && live.variants.length === 1) {
    throw new UserError(
      `Endpoint ${live.name} already serves ${arn} (${source}): there is nothing to roll back.`
    )
  }
  ctx.out.info(
    `Rolling endpoint ${live.name} back from ${current ?? 'an unknown package'} to ${arn} (${source})`
  )
  // A version named in "model-package" that does not exist is the input's mistake, said so.
  const target = await ctx.steps.run(`reading ${arn}`, () =>
    deploy.modelPackage
      ? forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))
      : approvedTarget(ctx, arn, 1)
  )
  const replaced = deploy.rejectCurrent && current !== target.arn ? current : undefined
  const reject = replaced
    ? rejectRequest(
        ctx,
        await ctx.steps.run(`reading ${replaced}`, () =>
          describeVersion(ctx.aws.sagemaker, replaced)
        ),
        replaced,
        deploy.endpointName,
        deploy.reason ?? ''
      )
    : undefined
  // Plan, write, publish: the same path as deploy.
  const outcome = await runDeployment(ctx, settings, {
    kind: 'rollback',
    targets: [target],
    live,
    reject
  })
  const audit = deploymentAudit(outcome, live, 'rolled-back', current ? [current] : [])
  if (deploy.reason) audit.reason = `${audit.reason}; ${deploy.reason}`
  return outcome.failed ? { failed: outcome.failed, audit } : { audit }
}
