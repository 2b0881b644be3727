// `deploy`: an Approved version (default: the newest one), or several with A/B weights,
// onto an endpoint, verified and recorded. Anything not Approved is refused before the
// first mutating call.
import type { ModeRunner } from '../context.js'
import {
  approvedTarget,
  runDeployment,
  settledEndpoint,
  type ApprovedTarget
} from '../deploy/execute.js'
import { UserError } from '../errors.js'
import { forNamedVersion, latestVersion, resolvePackageArn } from '../registry/versions.js'
import type { SettingsOf } from '../settings.js'
import type { RunContext } from '../context.js'

export async function resolveDeployTargets(
  ctx: RunContext,
  settings: SettingsOf<'deploy'>
): Promise<ApprovedTarget[]> {
  const deploy = settings.deploy
  const sagemaker = ctx.aws.sagemaker
  if (deploy.traffic.length > 0) {
    const targets: ApprovedTarget[] = []
    for (const { version, weight } of deploy.traffic) {
      const arn = await resolvePackageArn(sagemaker, settings.group, { kind: 'version', version })
      targets.push(await forNamedVersion('traffic', arn, () => approvedTarget(ctx, arn, weight)))
    }
    return targets
  }
  if (deploy.modelPackage) {
    const arn = await resolvePackageArn(sagemaker, settings.group, deploy.modelPackage)
    return [await forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))]
  }
  const newest = await latestVersion(sagemaker, settings.group, 'Approved')
  if (!newest) {
    throw new UserError(
      `Model package group "${settings.group.name}" has no Approved version to deploy: approve one (mode: approve, or gate with on-pass: Approved), or name one with "model-package".`
    )
  }
  ctx.out.info(`Deploying the newest Approved version: v${newest.version} (${newest.arn})`)
  return [await approvedTarget(ctx, newest.arn, 1)]
}

export const runDeploy: ModeRunner<'deploy'> = async (ctx, settings) => {
  const deploy = settings.deploy
  const targets = await resolveDeployTargets(ctx, settings)
  const live = await settledEndpoint(ctx, deploy, settings.dryRun)
  const outcome = await runDeployment(ctx, settings, { kind: 'deploy', targets, live })
  return outcome.failed ? { failed: outcome.failed } : {}
}
