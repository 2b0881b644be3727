// `deploy`: an Approved version (default: the newest one), or several with A/B weights,
// onto an endpoint, verified and recorded (src/deploy/run.ts). Anything not Approved is
// refused before the first mutating call.
import type { ModeRunner } from '../context.js'
import { settledEndpoint } from '../deploy/prepare.js'
import { runDeployment, type DeploymentOutcome } from '../deploy/run.js'
import { resolveDeployTargets } from '../deploy/targets.js'
import type { AuditEntry } from '../registry/audit.js'
import type { LiveEndpoint } from '../registry/served.js'

/** A deployment's audit entry: the versions it put on the endpoint, and how it ended. */
export function deploymentAudit(
  outcome: DeploymentOutcome,
  live: LiveEndpoint | undefined,
  done: string,
  also: string[] = []
): AuditEntry {
  const { plan } = outcome
  const serving = plan.variants.map(v => `v${v.version} (weight ${v.weight})`).join(', ')
  const others = plan.variants.map(v => v.packageArn).filter(a => a !== plan.primary.packageArn)
  return {
    decision: outcome.failed ? 'failed' : done,
    // The same words whether this run changed the endpoint or found it done by an earlier attempt.
    reason: outcome.failed ?? `serving ${serving} on ${plan.endpointConfigName}`,
    packages: [...new Set([plan.primary.packageArn, ...others, ...also])],
    endpoint: { name: plan.endpointName, arn: live?.arn },
    failed: outcome.failed !== undefined,
    properties: { 'endpoint-config': plan.endpointConfigName }
  }
}

export const runDeploy: ModeRunner<'deploy'> = async (ctx, settings) => {
  const { deploy, dryRun } = settings
  const targets = await ctx.steps.run('finding the versions to deploy', () =>
    resolveDeployTargets(ctx, settings)
  )
  const live = await ctx.steps.run(`reading endpoint ${deploy.endpointName}`, () =>
    settledEndpoint(ctx, deploy, dryRun)
  )
  const outcome = await runDeployment(ctx, settings, { kind: 'deploy', targets, live })
  const audit = deploymentAudit(outcome, live, 'deployed')
  return outcome.failed ? { failed: outcome.failed, audit } : { audit }
}
