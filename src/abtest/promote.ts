// `on-verdict: promote`: the winner takes the endpoint. Everything is read and planned
// before the first write (promotion-plan.ts), and the plan is printed, in a dry run and
// before a real one alike. Then, in order, each step only once the one before it held: the
// winner is approved if it is still pending (a Rejected winner stops the promotion before
// any write: a rejection stands until a person approves); all traffic moves to it in place
// (UpdateEndpointWeightsAndCapacities, the loser's weight 0) so the loser stops answering at
// once; the endpoint gets a clean single-variant config through the deploy path (plan,
// verify, record, GitHub deployment); only when that deployment is verified is the loser
// rejected, with the test's evidence as the reason; and the run's audit action records
// what was approved and rejected, and why (src/registry/audit.ts).
import { UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker'
import type { RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import {
  approvedTarget,
  makePlan,
  settledEndpoint,
  type ApprovedTarget,
  type DeploymentSettings
} from '../deploy/prepare.js'
import { runDeployment } from '../deploy/run.js'
import { waitForEndpoint } from '../deploy/waiter.js'
import { auditActionName, recordAudit, type AuditEntry } from '../registry/audit.js'
import { fitDescription, personDecision, recordDecision, runSuffix } from '../registry/decision.js'
import { KEYS, METADATA_MAX_VALUE, sanitizeMetadataText } from '../registry/metadata.js'
import type { LiveEndpoint } from '../registry/served.js'
import {
  describeVersion,
  singleLine,
  versionFromArn,
  type PackageDescription
} from '../registry/versions.js'
import type { SettingsOf } from '../settings.js'
import {
  formatPromotion,
  promotionCalls,
  type PromotionCall,
  type PromotionDecision,
  type PromotionPlan
} from './promotion-plan.js'

export interface Sides {
  winner: { variantName: string; packageArn: string; version: number }
  loser: { variantName: string; packageArn: string; version: number }
}

export interface Promoted {
  summary: string
  failed?: string
  /** The plan's calls, for the report. */
  calls: PromotionCall[]
  audit: AuditEntry
}

/** How the promotion's decisions begin their ApprovalDescription: `Approved by the A/B test of <actor>: `. */
const BY_TEST = 'by the A/B test of'

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

/** The decision the promotion writes on `pkg`, worded with who decided and the evidence. */
export function decisionOn(
  ctx: RunContext,
  pkg: PackageDescription,
  status: 'Approved' | 'Rejected',
  evidence: string
): PromotionDecision {
  const arn = pkg.ModelPackageArn ?? ''
  const { write, dropped } = personDecision(ctx.github, {
    status,
    reason: evidence,
    describe: (actor, url) =>
      fitDescription(`${status} ${BY_TEST} ${singleLine(actor)}: `, evidence, runSuffix(url)),
    existing: pkg.CustomerMetadataProperties
  })
  for (const entry of dropped) ctx.out.warning(`Not recorded in customer metadata: ${entry}`)
  const version = pkg.ModelPackageVersion ?? versionFromArn(arn)
  return {
    packageArn: arn,
    version,
    from: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
    write
  }
}

/** True when an earlier attempt of this workflow run's promotion approved the version. */
function approvedByThisRun(ctx: RunContext, pkg: PackageDescription): boolean {
  const url = runUrl(ctx.github)
  return (
    url !== '' &&
    pkg.ModelApprovalStatus === 'Approved' &&
    (pkg.ApprovalDescription ?? '').startsWith(`Approved ${BY_TEST} `) &&
    pkg.CustomerMetadataProperties?.[KEYS.decisionRun] ===
      sanitizeMetadataText(url, METADATA_MAX_VALUE)
  )
}

/** The winner as the deployment will find it: Approved, with the metadata the approval writes. */
function promotedTarget(pkg: PackageDescription, approve?: PromotionDecision): ApprovedTarget {
  const metadata = { ...pkg.CustomerMetadataProperties }
  for (const key of approve?.write.remove ?? []) delete metadata[key]
  Object.assign(metadata, approve?.write.metadata)
  const arn = pkg.ModelPackageArn ?? ''
  return { arn, version: pkg.ModelPackageVersion ?? versionFromArn(arn), weight: 1, metadata }
}

/** The endpoint as the traffic shift leaves it: the same config, all weight on the winner. */
function shiftedEndpoint(live: LiveEndpoint, winnerVariant: string): LiveEndpoint {
  return {
    ...live,
    status: 'InService',
    variants: live.variants.map(v => ({ ...v, weight: v.variantName === winnerVariant ? 1 : 0 }))
  }
}

/** What the run's audit action says, for what was done so far. */
export function promotionAudit(
  sides: Sides,
  evidence: string,
  live: LiveEndpoint,
  done: { approved: boolean; rejected: boolean; configName: string; failed?: string }
): AuditEntry {
  const { winner, loser } = sides
  return {
    decision: done.failed ? 'failed' : 'promoted',
    reason: evidence,
    packages: [winner.packageArn, loser.packageArn],
    endpoint: { name: live.name, arn: live.arn },
    failed: done.failed !== undefined,
    properties: {
      verdict: 'winner',
      winner: winner.packageArn,
      loser: loser.packageArn,
      approved: done.approved ? winner.packageArn : undefined,
      rejected: done.rejected ? loser.packageArn : undefined,
      'endpoint-config': done.configName,
      failure: done.failed
    }
  }
}

/** What was read and planned before the first write. */
interface Planned {
  plan: PromotionPlan
  winner: PackageDescription
  loser: PackageDescription
  /** This workflow run approved the winner already (an earlier attempt). */
  approvedEarlier: boolean
}

/** A promotion that must not happen, found before any write: the report says why, the job fails. */
export class PromotionRefused extends UserError {}

/** Reads both versions and plans every call, the deployment on the endpoint as the shift leaves it. */
async function planPromotion(
  ctx: RunContext,
  deployment: DeploymentSettings,
  live: LiveEndpoint,
  sides: Sides,
  evidence: string
): Promise<Planned> {
  const sagemaker = ctx.aws.sagemaker
  const [winner, loser] = await ctx.steps.run('reading the winner and the loser', () =>
    Promise.all([
      describeVersion(sagemaker, sides.winner.packageArn),
      describeVersion(sagemaker, sides.loser.packageArn)
    ])
  )
  if (winner.ModelApprovalStatus === 'Rejected') {
    // A person's (or a gate's) rejection stands until a person approves: the test reports.
    throw new PromotionRefused(
      `The A/B test's winner v${sides.winner.version} (${sides.winner.packageArn}) is Rejected: the test does not overturn a rejection. Nothing was changed. To promote it, approve it with a reason (mode approve), then run the test again; the verdict above stands either way.`
    )
  }
  const approve =
    winner.ModelApprovalStatus === 'Approved'
      ? undefined
      : decisionOn(ctx, winner, 'Approved', evidence)
  const shifted = shiftedEndpoint(live, sides.winner.variantName)
  const request = {
    kind: 'deploy' as const,
    targets: [promotedTarget(winner, approve)],
    live: shifted
  }
  const deploymentPlan = await ctx.steps.run('planning the deployment of the winner alone', () =>
    makePlan(ctx, deployment, request, shifted)
  )
  const approvedEarlier = approvedByThisRun(ctx, winner)
  const audit = promotionAudit(sides, evidence, live, {
    approved: approve !== undefined || approvedEarlier,
    rejected: true,
    configName: deploymentPlan.endpointConfigName
  })
  const plan: PromotionPlan = {
    endpointName: live.name,
    endpointArn: live.arn,
    region: deployment.region,
    approve,
    shift: {
      EndpointName: live.name,
      DesiredWeightsAndCapacities: [
        { VariantName: sides.winner.variantName, DesiredWeight: 1 },
        { VariantName: sides.loser.variantName, DesiredWeight: 0 }
      ]
    },
    deployment: deploymentPlan,
    reject: decisionOn(ctx, loser, 'Rejected', evidence),
    audit: {
      name: ctx.github.runId ? auditActionName('ab-test', ctx.github, audit) : '',
      decision: audit.decision,
      targets: [...audit.packages, live.arn]
    }
  }
  return { plan, winner, loser, approvedEarlier }
}

/** How far a real run got: what it wrote, and the config the endpoint was to serve. */
interface Progress {
  approved: boolean
  rejected: boolean
  configName: string
  failed?: string
}

/** The real run of the plan, from the approval to the rejection, noting each write in `progress`. */
async function carryOut(
  ctx: RunContext,
  deployment: DeploymentSettings,
  planned: Planned,
  progress: Progress
): Promise<void> {
  const { plan, winner, loser } = planned
  const { approve, reject } = plan
  const name = plan.endpointName
  const variant = plan.shift.DesiredWeightsAndCapacities?.[0]?.VariantName ?? ''
  if (approve) {
    const changed = `set v${approve.version} from ${approve.from} to Approved`
    await recordDecision(ctx, winner, approve.write, changed)
    progress.approved = true
  }
  await ctx.steps.run(`moving all traffic of ${name} to ${variant}`, async () => {
    await ctx.aws.sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand(plan.shift))
    await waitForEndpoint(ctx, name, {
      timeoutSeconds: deployment.deploy.waitTimeoutSeconds,
      purpose: 'to take the new weights'
    })
  })
  ctx.steps.changed(
    `moved all traffic of ${name} to ${variant} (v${plan.deployment.primary.version})`
  )
  const settled = await ctx.steps.run(`reading endpoint ${name}`, () =>
    settledEndpoint(ctx, deployment.deploy, false)
  )
  const target = await approvedTarget(ctx, plan.deployment.primary.packageArn, 1)
  const outcome = await runDeployment(ctx, deployment, {
    kind: 'deploy',
    targets: [target],
    live: settled,
    within: 'ab-test'
  })
  progress.configName = outcome.plan.endpointConfigName
  if (!outcome.succeeded) {
    progress.failed = outcome.failed ?? 'The deployment of the winner did not take effect.'
    return
  }
  const changed = `set v${reject.version} from ${reject.from} to Rejected`
  await recordDecision(ctx, loser, reject.write, changed)
  progress.rejected = true
}

/** Plans the promotion, prints the plan and, unless a dry run, carries it out. */
export async function promoteWinner(
  ctx: RunContext,
  settings: SettingsOf<'ab-test'>,
  live: LiveEndpoint,
  sides: Sides,
  evidence: string
): Promise<Promoted> {
  const { winner, loser } = sides
  const deployment = deploymentSettings(settings, live)
  const planned = await planPromotion(ctx, deployment, live, sides, evidence)
  const { plan } = planned
  const calls = promotionCalls(plan)
  const intent = `v${winner.version} takes all traffic, served alone; v${loser.version} is rejected.`
  ctx.out.info(formatPromotion(plan, calls, intent))
  const progress: Progress = {
    approved: planned.approvedEarlier,
    rejected: false,
    configName: plan.deployment.endpointConfigName
  }
  const audit = () => promotionAudit(sides, evidence, live, progress)
  if (settings.dryRun) {
    for (const note of plan.deployment.notes) ctx.out.warning(note)
    ctx.out.info('Dry run: nothing was approved, moved, deployed, rejected or recorded.')
    return {
      summary: `Dry run: v${winner.version} would take all traffic, served alone; v${loser.version} would be rejected.`,
      calls,
      audit: promotionAudit(sides, evidence, live, {
        ...progress,
        approved: plan.approve !== undefined || progress.approved,
        rejected: true
      })
    }
  }
  const before = ctx.steps.changedSoFar.length
  try {
    await carryOut(ctx, deployment, planned, progress)
  } catch (error) {
    // Stopped after a write: the trail still says what this run did, as a failed promotion.
    if (ctx.steps.changedSoFar.length > before) {
      progress.failed = `Stopped: ${errorMessage(error)}`
      const scope = { mode: 'ab-test' as const, dryRun: false, group: settings.group.name }
      await recordAudit(ctx, scope, audit())
    }
    throw error
  }
  if (progress.failed) {
    return {
      summary: `v${winner.version} takes all traffic, but its single-variant deployment did not take effect; v${loser.version} was not rejected.`,
      failed: progress.failed,
      calls,
      audit: audit()
    }
  }
  return {
    summary: `v${winner.version} promoted: all traffic on ${live.name}, served alone; v${loser.version} rejected with the evidence.`,
    calls,
    audit: audit()
  }
}
