// `approve` and `reject`: a person's decision with a reason, recorded in the registry with
// who made it and from which run. Approving a version whose last gate failed needs `force`.
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { publish } from '../publish.js'
import {
  assertDecidable,
  fitDescription,
  personDecision,
  recordDecision,
  runSuffix
} from '../registry/decision.js'
import { KEYS } from '../registry/metadata.js'
import {
  describeNamedVersion,
  namedOrPendingArn,
  singleLine,
  versionFromArn
} from '../registry/versions.js'
import { renderDecision } from '../report/decision.js'
import type { ApprovalStatus, SettingsOf } from '../settings.js'

type Verdict = Extract<ApprovalStatus, 'Approved' | 'Rejected'>

/** Who decided, why, and the run; the reason is what gets shortened to fit. */
export function decisionDescription(
  verdict: Verdict,
  actor: string,
  reason: string,
  url: string,
  forced: boolean
): string {
  const head = `${verdict} by ${singleLine(actor)}${forced ? ' (forced over a failed gate)' : ''}: `
  return fitDescription(head, reason, runSuffix(url))
}

async function decide(
  ctx: RunContext,
  settings: SettingsOf<'approve' | 'reject'>,
  verdict: Verdict
): Promise<ModeOutcome> {
  const { decision, group, dryRun } = settings
  const action = verdict === 'Approved' ? 'approve' : 'reject'
  if (decision.reason.trim() === '') {
    throw new UserError(
      `Input "reason" is required for mode "${action}": the justification recorded on the version with your decision; got an empty value.`
    )
  }
  // Resolve and read.
  const arn = await ctx.steps.run('finding the version', () =>
    namedOrPendingArn(
      ctx.aws.sagemaker,
      group,
      decision.modelPackage,
      `Group "${group.name}" has no version waiting for approval; name the version with "model-package".`
    )
  )
  const pkg = await ctx.steps.run(`reading v${arn.split('/').pop()}`, () =>
    describeNamedVersion(ctx.aws.sagemaker, arn, 'model-package')
  )
  // Decide (pure): may this decision be made, and what does it write.
  assertDecidable(pkg, group, verdict.toLowerCase())
  const version = pkg.ModelPackageVersion ?? versionFromArn(arn)
  const current = pkg.ModelApprovalStatus ?? 'PendingManualApproval'
  const failedGate = pkg.CustomerMetadataProperties?.[KEYS.gateDecision] === 'fail'
  if (verdict === 'Approved' && failedGate && !decision.force) {
    throw new UserError(
      `v${version} failed its last gate (gate:decision=fail); approving it needs "force: true" and a reason that says why.`
    )
  }
  const forced = verdict === 'Approved' && failedGate
  const { write, dropped, actor, url } = personDecision(ctx.github, {
    status: verdict,
    reason: decision.reason,
    describe: (who, link) => decisionDescription(verdict, who, decision.reason, link, forced),
    existing: pkg.CustomerMetadataProperties,
    lifecycle: decision.modelLifecycleStage
      ? { stage: decision.modelLifecycleStage, stageStatus: verdict, description: decision.reason }
      : undefined
  })
  for (const reason of dropped) ctx.out.warning(`Not recorded in customer metadata: ${reason}`)
  // Write.
  if (dryRun) {
    ctx.out.info(
      `dry run: would set v${version} from ${current} to ${verdict} with ApprovalDescription ${JSON.stringify(write.approvalDescription)} and metadata ${JSON.stringify(write.metadata)}${write.remove.length > 0 ? `, removing ${write.remove.join(', ')}` : ''}`
    )
  } else {
    await recordDecision(ctx, pkg, write, `set v${version} from ${current} to ${verdict}`)
    ctx.out.info(`v${version}: ${current} -> ${verdict}`)
  }
  // Publish.
  ctx.out.setOutput('model-package-arn', arn)
  ctx.out.setOutput('model-package-version', version)
  ctx.out.setOutput('approval-status', dryRun ? current : verdict)
  ctx.out.setOutput('decision', 'none')
  const view = {
    group: group.name,
    version,
    verdict,
    previous: current,
    actor,
    forced,
    runUrl: url
  }
  await publish(ctx, { markdown: renderDecision({ ...view, reason: decision.reason, dryRun }) })
  const properties = { forced: forced ? 'true' : undefined, previous: current }
  return { audit: { decision: verdict, reason: decision.reason, packages: [arn], properties } }
}

export const runApprove: ModeRunner<'approve'> = (ctx, settings) =>
  decide(ctx, settings, 'Approved')
export const runReject: ModeRunner<'reject'> = (ctx, settings) => decide(ctx, settings, 'Rejected')
