// `approve` and `reject`: a person's decision with a reason, recorded in the registry with
// who made it and from which run. Approving a version whose last gate failed needs `force`.
import type { GitHubRun, ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import { escapeCell, escapeText } from '../report/index.js'
import {
  assertUnchanged,
  DECISION_SETTLE_MS,
  verifyDecision,
  writeDecision,
  type DecisionWrite
} from '../registry/decision.js'
import {
  KEYS,
  METADATA_MAX_VALUE,
  fitMetadata,
  readableMetadataText,
  sanitizeMetadataText
} from '../registry/metadata.js'
import {
  APPROVAL_DESCRIPTION_MAX,
  describeNamedVersion,
  isInGroup,
  namedOrPendingArn,
  singleLine,
  versionFromArn,
  type PackageDescription
} from '../registry/versions.js'
import type { ApprovalStatus, SettingsOf } from '../settings.js'

type Verdict = Extract<ApprovalStatus, 'Approved' | 'Rejected'>

function lifecycleStatus(verdict: Verdict): string {
  return verdict === 'Approved' ? 'Approved' : 'Rejected'
}

async function describeTarget(
  ctx: RunContext,
  settings: SettingsOf<'approve' | 'reject'>,
  arn: string
): Promise<PackageDescription> {
  const pkg = await describeNamedVersion(ctx.aws.sagemaker, arn, 'model-package')
  // A decision recorded on another group's version would be a decision nobody looks for.
  if (!isInGroup(pkg, settings.group)) {
    throw new UserError(
      `Input "model-package": ${arn} belongs to group "${pkg.ModelPackageGroupName}", not to "${settings.group.name}" named in "model-package-group".`
    )
  }
  return pkg
}

/**
 * Who decided, as recorded: the GitHub actor in a workflow run; from the CLI without
 * GITHUB_ACTOR, the local user, marked as such so nobody takes it for a GitHub login.
 */
export function deciderOf(run: GitHubRun): string {
  if (run.actor) return run.actor
  if (run.localUser) return `local user ${run.localUser}`
  return 'unknown (no GITHUB_ACTOR and no local user name)'
}

/**
 * Who decided, why, and the run, in at most 1,024 characters: the reason is what gets
 * shortened, so the actor and the link to the run survive.
 */
export function decisionDescription(
  verdict: Verdict,
  actor: string,
  reason: string,
  url: string,
  forced: boolean
): string {
  const head = `${verdict} by ${singleLine(actor)}${forced ? ' (forced over a failed gate)' : ''}: `
  const tail = url ? ` Run: ${singleLine(url)}` : ''
  const room = APPROVAL_DESCRIPTION_MAX - head.length - tail.length
  let text = singleLine(reason)
  if (text.length > room) text = room > 1 ? `${text.slice(0, room - 1)}…` : ''
  return `${head}${text}${tail}`.slice(0, APPROVAL_DESCRIPTION_MAX)
}

async function decide(
  ctx: RunContext,
  settings: SettingsOf<'approve' | 'reject'>,
  verdict: Verdict
): Promise<ModeOutcome> {
  const decision = settings.decision
  if (decision.reason.trim() === '') {
    throw new UserError(
      `Input "reason" is required for mode "${verdict === 'Approved' ? 'approve' : 'reject'}": the justification recorded on the version with your decision; got an empty value.`
    )
  }
  const arn = await ctx.steps.run('finding the version', () =>
    namedOrPendingArn(
      ctx.aws.sagemaker,
      settings.group,
      decision.modelPackage,
      `Group "${settings.group.name}" has no version waiting for approval; name the version with "model-package".`
    )
  )
  const pkg = await ctx.steps.run(`reading v${arn.split('/').pop()}`, () =>
    describeTarget(ctx, settings, arn)
  )
  const version = pkg.ModelPackageVersion ?? versionFromArn(arn)
  const current = (pkg.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus
  const gateDecision = pkg.CustomerMetadataProperties?.[KEYS.gateDecision]

  if (verdict === 'Approved' && gateDecision === 'fail' && !decision.force) {
    throw new UserError(
      `v${version} failed its last gate (gate:decision=fail); approving it needs "force: true" and a reason that says why.`
    )
  }
  if (pkg.ModelPackageStatus && pkg.ModelPackageStatus !== 'Completed') {
    throw new UserError(
      `v${version} is ${pkg.ModelPackageStatus}; only a Completed version can be ${verdict.toLowerCase()}.`
    )
  }

  const actor = deciderOf(ctx.github)
  const url = runUrl(ctx.github)
  const forced = verdict === 'Approved' && gateDecision === 'fail'
  const description = decisionDescription(verdict, actor, decision.reason, url, forced)
  const entries: [string, string][] = [
    [KEYS.decisionBy, sanitizeMetadataText(actor, METADATA_MAX_VALUE)],
    // The full reason is in ApprovalDescription; the metadata copy stays readable.
    [KEYS.decisionReason, readableMetadataText(decision.reason, METADATA_MAX_VALUE)],
    ...(url
      ? [[KEYS.decisionRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)] as [string, string]]
      : [])
  ]
  // Merged next to the keys already there; a version holding 50 entries keeps its decision.
  const existing = pkg.CustomerMetadataProperties ?? {}
  const { kept: metadata, dropped } = fitMetadata(entries, existing)
  for (const reason of dropped) ctx.out.warning(`Not recorded in customer metadata: ${reason}`)
  const lifecycle = decision.modelLifecycleStage
    ? {
        stage: decision.modelLifecycleStage,
        stageStatus: lifecycleStatus(verdict),
        description: decision.reason
      }
    : undefined

  // An earlier decision's keys this one does not set would otherwise stay next to it.
  const remove = [KEYS.decisionBy, KEYS.decisionReason, KEYS.decisionRun].filter(
    key => !(key in metadata) && key in existing
  )
  const write: DecisionWrite = {
    status: verdict,
    approvalDescription: description,
    metadata,
    remove,
    lifecycle
  }
  const label = `v${version}`
  if (settings.dryRun) {
    ctx.out.info(
      `dry run: would set ${label} from ${current} to ${verdict} with ApprovalDescription ${JSON.stringify(description)} and metadata ${JSON.stringify(metadata)}${remove.length > 0 ? `, removing ${remove.join(', ')}` : ''}`
    )
  } else {
    const sagemaker = ctx.aws.sagemaker
    await ctx.steps.run(`checking that ${label} is still as read`, () =>
      assertUnchanged(sagemaker, pkg, label)
    )
    await ctx.steps.run(`recording the decision on ${label}`, () =>
      writeDecision(sagemaker, arn, write)
    )
    ctx.steps.changed(`set ${label} from ${current} to ${verdict}`)
    await ctx.sleep(DECISION_SETTLE_MS)
    await ctx.steps.run(`reading ${label} back after recording the decision`, () =>
      verifyDecision(sagemaker, arn, label, write)
    )
    ctx.out.info(`${label}: ${current} -> ${verdict}`)
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

export const runApprove: ModeRunner<'approve'> = (ctx, settings) =>
  decide(ctx, settings, 'Approved')
export const runReject: ModeRunner<'reject'> = (ctx, settings) => decide(ctx, settings, 'Rejected')
