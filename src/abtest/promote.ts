// `on-verdict: promote`: the winner takes the endpoint. In order, each step only once the
// one before it held: the winner is approved if it still waits for approval; all traffic
// moves to it in place (UpdateEndpointWeightsAndCapacities, the loser's weight 0) so the
// loser stops answering at once; the endpoint then gets a clean single-variant config
// through the deploy path (plan, verify, record, GitHub deployment); and only when that
// deployment is verified is the loser rejected, with the test's evidence as the reason.
import { UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker'
import type { RunContext } from '../context.js'
import { approvedTarget, settledEndpoint, type DeploymentSettings } from '../deploy/prepare.js'
import { runDeployment } from '../deploy/run.js'
import { waitForEndpoint } from '../deploy/waiter.js'
import { fitDescription, personDecision, recordDecision, runSuffix } from '../registry/decision.js'
import type { LiveEndpoint } from '../registry/served.js'
import { describeVersion, singleLine } from '../registry/versions.js'
import type { SettingsOf } from '../settings.js'

export interface Sides {
  winner: { variantName: string; packageArn: string; version: number }
  loser: { variantName: string; packageArn: string; version: number }
}

/** The deploy settings of the promotion: the test's, with the endpoint's own data capture. */
function deploymentSettings(
  settings: SettingsOf<'ab-test'>,
  live: LiveEndpoint
): DeploymentSettings {
  const { abTest, ...common } = settings
  return {
    ...common,
    mode: 'deploy',
    deploy: {
      ...abTest.promote,
      dataCaptureS3Uri: live.dataCaptureS3Uri,
      dataCaptureSamplingPercentage: live.dataCaptureSamplingPercentage ?? 100
    }
  }
}

async function decide(
  ctx: RunContext,
  arn: string,
  status: 'Approved' | 'Rejected',
  reason: string
): Promise<void> {
  const pkg = await ctx.steps.run(`reading ${arn}`, () => describeVersion(ctx.aws.sagemaker, arn))
  const { write, dropped } = personDecision(ctx.github, {
    status,
    reason,
    describe: (actor, url) =>
      fitDescription(`${status} by the A/B test of ${singleLine(actor)}: `, reason, runSuffix(url)),
    existing: pkg.CustomerMetadataProperties
  })
  for (const entry of dropped) ctx.out.warning(`Not recorded in customer metadata: ${entry}`)
  const from = pkg.ModelApprovalStatus ?? 'PendingManualApproval'
  await recordDecision(ctx, pkg, write, `set ${arn} from ${from} to ${status}`)
}

/** Carries out the promotion; returns what happened in one sentence, or throws. */
export async function promoteWinner(
  ctx: RunContext,
  settings: SettingsOf<'ab-test'>,
  live: LiveEndpoint,
  sides: Sides,
  evidence: string
): Promise<{ summary: string; failed?: string }> {
  const { winner, loser } = sides
  const deployment = deploymentSettings(settings, live)
  const name = live.name
  if (settings.dryRun) {
    ctx.out.info(
      `Dry run: would approve v${winner.version} if pending, set the weights of ${name} to ${winner.variantName}=1, ${loser.variantName}=0, deploy v${winner.version} alone (plan below) and reject v${loser.version}.`
    )
    const target = await approvedTarget(ctx, winner.packageArn, 1).catch(() => ({
      arn: winner.packageArn,
      version: winner.version,
      weight: 1,
      metadata: {}
    }))
    await runDeployment(ctx, deployment, { kind: 'deploy', targets: [target], live })
    return {
      summary: `Dry run: v${winner.version} would take all traffic; v${loser.version} would be rejected.`
    }
  }
  const pkg = await describeVersion(ctx.aws.sagemaker, winner.packageArn)
  if (pkg.ModelApprovalStatus !== 'Approved') {
    await decide(ctx, winner.packageArn, 'Approved', evidence)
  }
  await ctx.steps.run(`moving all traffic of ${name} to ${winner.variantName}`, async () => {
    await ctx.aws.sagemaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: name,
        DesiredWeightsAndCapacities: [
          { VariantName: winner.variantName, DesiredWeight: 1 },
          { VariantName: loser.variantName, DesiredWeight: 0 }
        ]
      })
    )
    await waitForEndpoint(ctx, name, {
      timeoutSeconds: deployment.deploy.waitTimeoutSeconds,
      purpose: 'to take the new weights'
    })
  })
  ctx.steps.changed(`moved all traffic of ${name} to ${winner.variantName} (v${winner.version})`)
  const settled = await ctx.steps.run(`reading endpoint ${name}`, () =>
    settledEndpoint(ctx, deployment.deploy, false)
  )
  const target = await approvedTarget(ctx, winner.packageArn, 1)
  const outcome = await runDeployment(ctx, deployment, {
    kind: 'deploy',
    targets: [target],
    live: settled
  })
  if (!outcome.succeeded) {
    return {
      summary: `v${winner.version} takes all traffic, but its single-variant deployment did not take effect; v${loser.version} was not rejected.`,
      failed: outcome.failed
    }
  }
  await decide(ctx, loser.packageArn, 'Rejected', evidence)
  return {
    summary: `v${winner.version} promoted: all traffic on ${name}, served alone; v${loser.version} rejected with the evidence.`
  }
}
