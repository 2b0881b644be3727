// `deploy`: an Approved version (default: the newest one), or several with A/B weights,
// onto an endpoint, verified and recorded (src/deploy/run.ts). Anything not Approved is
// refused before the first mutating call.
import type { ModeRunner } from '../context.js'
import { settledEndpoint } from '../deploy/prepare.js'
import { runDeployment } from '../deploy/run.js'
import { resolveDeployTargets } from '../deploy/targets.js'

export const runDeploy: ModeRunner<'deploy'> = async (ctx, settings) => {
  const { deploy, dryRun } = settings
  const targets = await ctx.steps.run('finding the versions to deploy', () =>
    resolveDeployTargets(ctx, settings)
  )
  const live = await ctx.steps.run(`reading endpoint ${deploy.endpointName}`, () =>
    settledEndpoint(ctx, deploy, dryRun)
  )
  const outcome = await runDeployment(ctx, settings, { kind: 'deploy', targets, live })
  return outcome.failed ? { failed: outcome.failed } : {}
}
