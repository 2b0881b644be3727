// `approve` and `reject`: a person's decision with a reason, recorded in the registry with
// who made it and from which run. Approving a version whose last gate failed needs `force`.
import type { ModeOutcome, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import { escapeCell, escapeText } from '../report/index.js'
import { KEYS, METADATA_MAX_VALUE, sanitizeMetadataText } from '../registry/metadata.js'
import {
  describeVersion,
  latestVersion,
  resolvePackageArn,
  updateVersion,
  versionFromArn
} from '../registry/versions.js'
import type { ApprovalStatus, DecisionSettings, Settings } from '../settings.js'

type Verdict = Extract<ApprovalStatus, 'Approved' | 'Rejected'>

async function resolveTarget(ctx: RunContext, settings: Settings, decision: DecisionSettings): Promise<string> {
  if (decision.modelPackage) return resolvePackageArn(ctx.aws.sagemaker, settings.group, decision.modelPackage)
  const pending = await latestVersion(ctx.aws.sagemaker, settings.group, 'PendingManualApproval')
  if (!pending) {
    throw new UserError(
      `Group "${settings.group.name}" has no version waiting for approval; name the version with "model-package".`
    )
  }
  return pending.arn
}

function lifecycleStatus(verdict: Verdict): string {
  return verdict === 'Approved' ? 'Approved' : 'Rejected'
}

async function decide(ctx: RunContext, settings: Settings, verdict: Verdict): Promise<ModeOutcome> {
  const decision = settings.decision as DecisionSettings
  const arn = await resolveTarget(ctx, settings, decision)
  const pkg = await describeVersion(ctx.aws.sagemaker, arn)
  const version = pkg.ModelPackageVersion ?? versionFromArn(arn)
  const current = (pkg.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus
  const gateDecision = pkg.CustomerMetadataProperties?.[KEYS.gateDecision]

  if (verdict === 'Approved' && gateDecision === 'fail' && !decision.force) {
    throw new UserError(
      `v${version} failed its last gate (gate:decision=fail); approving it needs "force: true" and a reason that says why.`
    )
  }
  if (pkg.ModelPackageStatus && pkg.ModelPackageStatus !== 'Completed') {
    throw new UserError(`v${version} is ${pkg.ModelPackageStatus}; only a Completed version can be ${verdict.toLowerCase()}.`)
  }

  const actor = ctx.github.actor || 'unknown'
  const url = runUrl(ctx.github)
  const forced = verdict === 'Approved' && gateDecision === 'fail' ? ' (forced over a failed gate)' : ''
  const description = `${verdict} by ${actor}${forced}: ${decision.reason}${url ? ` Run: ${url}` : ''}`
  const metadata: Record<string, string> = {
    [KEYS.decisionBy]: sanitizeMetadataText(actor, METADATA_MAX_VALUE),
    [KEYS.decisionReason]: sanitizeMetadataText(decision.reason, METADATA_MAX_VALUE),
    ...(url ? { [KEYS.decisionRun]: sanitizeMetadataText(url, METADATA_MAX_VALUE) } : {})
  }
  const lifecycle = decision.modelLifecycleStage
    ? { stage: decision.modelLifecycleStage, stageStatus: lifecycleStatus(verdict), description: decision.reason }
    : undefined

  if (settings.dryRun) {
    ctx.out.info(
      `dry run: would set v${version} from ${current} to ${verdict} with ApprovalDescription ${JSON.stringify(description)} and metadata ${JSON.stringify(metadata)}`
    )
  } else {
    await updateVersion(ctx.aws.sagemaker, arn, { status: verdict, approvalDescription: description, metadata, lifecycle })
    ctx.out.info(`v${version}: ${current} -> ${verdict}`)
  }

  ctx.out.setOutput('model-package-arn', arn)
  ctx.out.setOutput('model-package-version', version)
  ctx.out.setOutput('approval-status', settings.dryRun ? current : verdict)
  ctx.out.setOutput('decision', 'none')
  await ctx.out.summary(
    [
      `### ${verdict === 'Approved' ? '✅' : '❌'} ${escapeText(settings.group.name)} v${version} ${settings.dryRun ? `would be ${verdict.toLowerCase()}` : verdict.toLowerCase()}`,
      '',
      '| | |',
      '|---|---|',
      `| previous status | ${current} |`,
      `| decided by | ${escapeCell(actor)} |`,
      `| reason | ${escapeCell(decision.reason)} |`,
      ...(forced ? ['| note | approved over a failed gate (`force: true`) |'] : []),
      ...(url ? [`| run | ${url} |`] : []),
      ''
    ].join('\n')
  )
  return {}
}

export const runApprove = (ctx: RunContext, settings: Settings) => decide(ctx, settings, 'Approved')
export const runReject = (ctx: RunContext, settings: Settings) => decide(ctx, settings, 'Rejected')
