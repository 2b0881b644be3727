// `gate`: compare a candidate version with the policy and the champion, decide, record
// the decision in the registry, and report it where the team works. Everything up to the
// decision only reads; an error there means nothing is written.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { servedPackageArn } from '../registry/served.js'
import { errorMessage, UserError } from '../errors.js'
import { upsertStickyComment } from '../github/comment.js'
import { evaluatePolicy, policyMetrics, policySha256 } from '../policy/index.js'
import type { Decision } from '../policy/index.js'
import { commentMarker, renderReport, reportJson } from '../report/index.js'
import type { BaselineReport, GateReport, HistoryEntry, VersionReport } from '../report/index.js'
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
  metricsFromMetadata,
  sanitizeMetadataText
} from '../registry/metadata.js'
import { readVersionMetrics } from '../registry/metrics.js'
import { PROVENANCE_KEYS } from '../registry/provenance.js'
import {
  APPROVAL_DESCRIPTION_MAX,
  describeNamedVersion,
  describeVersion,
  isInGroup,
  listVersions,
  namedOrPendingArn,
  resolvePackageArn,
  singleLine,
  versionFromArn,
  type PackageDescription
} from '../registry/versions.js'
import type { ApprovalStatus, BaselineSpec, GateSettings, SettingsOf } from '../settings.js'

/** Describes each version once per run: the candidate and baseline often reappear in the history. */
class VersionCache {
  private readonly byArn = new Map<string, Promise<PackageDescription>>()
  private readonly ctx: RunContext
  constructor(ctx: RunContext) {
    this.ctx = ctx
  }
  /** `input` names the input that chose this version, for a message when it does not exist. */
  get(arn: string, input?: string): Promise<PackageDescription> {
    let found = this.byArn.get(arn)
    if (!found) {
      found = input
        ? describeNamedVersion(this.ctx.aws.sagemaker, arn, input)
        : describeVersion(this.ctx.aws.sagemaker, arn)
      this.byArn.set(arn, found)
    }
    return found
  }
}

/** A version from another group would be compared with the wrong champion and written to the wrong group's history. */
function assertInGroup(pkg: PackageDescription, settings: SettingsOf<'gate'>, input: string): void {
  if (!isInGroup(pkg, settings.group)) {
    throw new UserError(
      `Input "${input}": ${pkg.ModelPackageArn} belongs to group "${pkg.ModelPackageGroupName}", not to "${settings.group.name}" named in "model-package-group".`
    )
  }
}

function baselineLabel(spec: BaselineSpec): string {
  switch (spec.kind) {
    case 'latest-approved':
      return 'latest approved'
    case 'endpoint':
      return `live on ${spec.endpointName}`
    case 'version':
      return `version ${spec.version}`
    case 'none':
      return 'none'
  }
}

/** The baseline's ARN, or undefined when there is none (no approved version yet is normal). */
async function resolveBaseline(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  spec: BaselineSpec,
  candidateArn: string
): Promise<string | undefined> {
  const sagemaker = ctx.aws.sagemaker
  let arn: string | undefined
  switch (spec.kind) {
    case 'none':
      return undefined
    case 'latest-approved': {
      // One call in the common case; a second only when the candidate is itself the newest approved.
      const [first, second] = await listVersions(sagemaker, settings.group, {
        status: 'Approved',
        limit: 1
      }).then(async found =>
        found[0]?.arn === candidateArn
          ? listVersions(sagemaker, settings.group, { status: 'Approved', limit: 2 })
          : found
      )
      arn = first?.arn === candidateArn ? second?.arn : first?.arn
      break
    }
    case 'endpoint':
      arn = await servedPackageArn(sagemaker, spec.endpointName)
      if (!arn) {
        throw new UserError(
          `Input "baseline": endpoint "${spec.endpointName}" does not exist or serves no model package. Use "latest-approved", "version:N" or "none".`
        )
      }
      break
    case 'version':
      arn = await resolvePackageArn(sagemaker, settings.group, {
        kind: 'version',
        version: spec.version
      })
      break
  }
  if (arn === candidateArn) {
    throw new UserError(
      `Input "baseline": ${baselineLabel(spec)} is the candidate itself (v${versionFromArn(candidateArn)}); a version cannot be its own baseline.`
    )
  }
  return arn
}

const PROVENANCE_LABELS: [string, string][] = [
  [PROVENANCE_KEYS.commit, 'commit'],
  [PROVENANCE_KEYS.pullRequest, 'pull request'],
  [PROVENANCE_KEYS.actor, 'actor'],
  [PROVENANCE_KEYS.trainingJob, 'training job'],
  [PROVENANCE_KEYS.tuningJob, 'tuning job'],
  [PROVENANCE_KEYS.modelData, 'model data'],
  [KEYS.gateDecision, 'last gate decision']
]

function provenanceOf(pkg: PackageDescription): Record<string, string> {
  const provenance: Record<string, string> = {}
  const meta = pkg.MetadataProperties
  if (meta?.Repository) provenance.repository = meta.Repository
  if (meta?.CommitId) provenance.commit = meta.CommitId
  if (meta?.GeneratedBy) provenance['workflow run'] = meta.GeneratedBy
  if (meta?.ProjectId) provenance.project = meta.ProjectId
  for (const [key, label] of PROVENANCE_LABELS) {
    const value = pkg.CustomerMetadataProperties?.[key]
    if (value && !(label in provenance)) provenance[label] = value
  }
  return provenance
}

function versionReport(pkg: PackageDescription, metrics: Record<string, number>): VersionReport {
  return {
    version: pkg.ModelPackageVersion,
    arn: pkg.ModelPackageArn,
    status: pkg.ModelApprovalStatus,
    description: pkg.ModelPackageDescription,
    metrics,
    provenance: provenanceOf(pkg),
    creationTime: pkg.CreationTime
  }
}

/** The last `history` versions with their mirrored metrics, oldest first, for the trend charts. */
async function readHistory(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  cache: VersionCache,
  known: Map<string, Record<string, number>>
): Promise<HistoryEntry[]> {
  try {
    const versions = await listVersions(ctx.aws.sagemaker, settings.group, {
      limit: settings.history
    })
    const entries = await Promise.all(
      versions.map(async summary => {
        const metrics =
          known.get(summary.arn) ??
          metricsFromMetadata((await cache.get(summary.arn)).CustomerMetadataProperties)
        return { version: summary.version, status: summary.status, metrics }
      })
    )
    return entries.reverse()
  } catch (error) {
    // The trend chart is context, not evidence: a version deleted between the list and its
    // describe must not keep a decision that is already made from being recorded.
    ctx.out.warning(
      `The version history for the trend chart could not be read: ${errorMessage(error)}`
    )
    return []
  }
}

/**
 * Verdict, failing rules and run link in at most 1,024 characters. The reasons are what
 * gets shortened: the verdict and the link to the run that explains everything must survive.
 */
export function approvalDescription(
  decision: Decision,
  version: number,
  sha: string,
  url: string,
  note = ''
): string {
  const verdict = decision.decision === 'pass' ? 'passed' : 'failed'
  const head = `sagemaker-model-gate: v${version} ${verdict} the gate (policy sha256 ${sha.slice(0, 12)}).${note ? ` ${note}` : ''}`
  const tail = url ? ` Run: ${singleLine(url)}` : ''
  if (decision.reasons.length === 0) return `${head}${tail}`.slice(0, APPROVAL_DESCRIPTION_MAX)
  const room = APPROVAL_DESCRIPTION_MAX - head.length - tail.length
  let reasons = ` Failing rules: ${singleLine(decision.reasons.join(' '))}`
  if (reasons.length > room) reasons = room > 1 ? `${reasons.slice(0, room - 1)}…` : ''
  return `${head}${reasons}${tail}`.slice(0, APPROVAL_DESCRIPTION_MAX)
}

interface PlannedRecord {
  /** Undefined when the gate writes nothing: the version is already decided. */
  write?: DecisionWrite
  /** What the run did, for the log and the report. */
  written: string
  /** The same, as a dry run says it. */
  preview: string
}

/**
 * What the gate writes to the candidate, the same for a dry run and a real one. The gate
 * decides versions pending approval, and writes its whole decision in one call: the status
 * (on-pass/on-fail, or PendingManualApproval again when that is "none"), the
 * ApprovalDescription and the gate:* keys, so that a later writer replaces all of them. A
 * version already Approved or Rejected was decided by someone (a person, or another gate):
 * the gate writes nothing to it, so its status, description and keys keep agreeing.
 */
export function plannedRecord(
  candidate: PackageDescription,
  decision: Decision,
  gate: GateSettings,
  policyHash: string,
  url: string
): PlannedRecord & { dropped: string[] } {
  const arn = candidate.ModelPackageArn as string
  const version = candidate.ModelPackageVersion ?? versionFromArn(arn)
  const current = (candidate.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus
  if (current !== 'PendingManualApproval') {
    const why = `it is already ${current}, and the gate records its decision only on versions pending approval (use mode "approve" or "reject" to change a decided version)`
    return {
      written: `nothing recorded on v${version}: ${why}`,
      preview: `would record nothing on v${version}: ${why}`,
      dropped: []
    }
  }
  const setting = decision.decision === 'pass' ? 'on-pass' : 'on-fail'
  const wanted = decision.decision === 'pass' ? gate.onPass : gate.onFail
  const status: ApprovalStatus = wanted === 'none' ? 'PendingManualApproval' : wanted
  const entries: [string, string][] = [
    [KEYS.gateDecision, decision.decision],
    [KEYS.gatePolicy, policyHash],
    ...(url
      ? [[KEYS.gateRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)] as [string, string]]
      : [])
  ]
  // Other keys on the version are someone else's: SageMaker merges what we send, and a
  // version already holding 50 entries must not make the status write fail.
  const existing = candidate.CustomerMetadataProperties ?? {}
  const { kept, dropped } = fitMetadata(entries, existing)
  const remove = [KEYS.gateDecision, KEYS.gatePolicy, KEYS.gateRun].filter(
    key => !(key in kept) && key in existing
  )
  const left = `status left PendingManualApproval (${setting}: none)`
  const recorded =
    KEYS.gateDecision in kept
      ? `gate:decision=${decision.decision}`
      : 'the ApprovalDescription (no room for gate:decision in customer metadata)'
  const what = wanted === 'none' ? recorded : `${status} and ${recorded}`
  return {
    write: {
      status,
      approvalDescription: approvalDescription(
        decision,
        version,
        policyHash,
        url,
        wanted === 'none' ? `Status left PendingManualApproval (${setting}: none).` : ''
      ),
      metadata: kept,
      remove
    },
    written: `${what} written to v${version}${wanted === 'none' ? `; ${left}` : ''}`,
    preview: `would write ${what} to v${version}${wanted === 'none' ? `; ${left}` : ''}`,
    dropped
  }
}

/** Writes the planned record: checked unchanged first, verified after (src/registry/decision.ts). */
async function recordDecision(
  ctx: RunContext,
  candidate: PackageDescription,
  planned: PlannedRecord
): Promise<ApprovalStatus> {
  const current = (candidate.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus
  const write = planned.write
  if (!write) return current
  const arn = candidate.ModelPackageArn as string
  const label = `v${candidate.ModelPackageVersion ?? versionFromArn(arn)}`
  const sagemaker = ctx.aws.sagemaker
  await ctx.steps.run(`checking that ${label} is still as read`, () =>
    assertUnchanged(sagemaker, candidate, label)
  )
  await ctx.steps.run(`recording the decision on ${label}`, () =>
    writeDecision(sagemaker, arn, write)
  )
  ctx.steps.changed(planned.written)
  await ctx.sleep(DECISION_SETTLE_MS)
  await ctx.steps.run(`reading ${label} back after recording the decision`, () =>
    verifyDecision(sagemaker, arn, label, write)
  )
  return write.status
}

async function publish(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  report: GateReport
): Promise<void> {
  const markdown = renderReport(report)
  await ctx.out.summary(markdown)

  const path = join(
    ctx.workDir,
    `sagemaker-model-gate-${settings.group.name}-v${report.candidate.version ?? 'unknown'}.json`
  )
  await writeFile(path, `${JSON.stringify(reportJson(report), null, 2)}\n`)
  ctx.out.setOutput('report-path', path)

  if (!settings.comment) return
  const { pullRequest, repository } = ctx.github
  if (pullRequest === undefined || !repository.includes('/')) {
    ctx.out.info('No pull request in this event: the report is in the job summary only.')
    return
  }
  if (!ctx.octokit) {
    ctx.out.warning(
      'No "github-token": the pull request comment was skipped. The report is in the job summary.'
    )
    return
  }
  const [owner, repo] = repository.split('/') as [string, string]
  try {
    const comment = await upsertStickyComment(ctx.octokit, {
      owner,
      repo,
      issueNumber: pullRequest,
      marker: commentMarker(settings.group.name),
      body: markdown,
      out: ctx.out
    })
    if (comment) {
      ctx.out.setOutput('comment-id', comment.id)
      ctx.out.info(
        `${comment.created ? 'Created' : 'Updated'} the pull request comment ${comment.url ?? comment.id}`
      )
    }
  } catch (error) {
    // The decision is already made and recorded; a comment that fails must not change it.
    ctx.out.warning(`Could not write the pull request comment: ${errorMessage(error)}`)
  }
}

// The number of SageMaker calls is counted and printed for every mode by `executeMode`
// (src/runner.ts); the gate keeps it O(history) whatever the size of the group.
export const runGate: ModeRunner<'gate'> = async (ctx, settings): Promise<ModeOutcome> => {
  const gate = settings.gate
  if (gate.validationData) {
    // Refused rather than ignored: a gate that silently skipped the evaluation it was
    // given would pass on registry metrics the user meant to double-check.
    throw new UserError(
      'Input "validation-data": live evaluation on a temporary endpoint or batch transform is not available in this release. Remove the input to gate on the metrics recorded in the registry.'
    )
  }
  const policy = gate.policy
  const needed = policyMetrics(policy)
  const hash = policySha256(policy)
  const cache = new VersionCache(ctx)

  const candidateArn = await ctx.steps.run('finding the candidate', () =>
    namedOrPendingArn(
      ctx.aws.sagemaker,
      settings.group,
      gate.modelPackage,
      `Group "${settings.group.name}" has no version waiting for approval (PendingManualApproval). Register one first, or name the candidate with "model-package".`
    )
  )
  const baselineArn = await ctx.steps.run('finding the baseline', () =>
    resolveBaseline(ctx, settings, gate.baseline, candidateArn)
  )
  const [candidate, baseline] = await ctx.steps.run('reading the candidate and the baseline', () =>
    Promise.all([
      cache.get(candidateArn, 'model-package'),
      baselineArn ? cache.get(baselineArn, 'baseline') : undefined
    ])
  )
  assertInGroup(candidate, settings, 'model-package')
  if (baseline && !isInGroup(baseline, settings.group)) {
    // Comparing with another group's model can be deliberate (a new model family against
    // what serves now), but it is never what "the champion" means: say so, loudly.
    ctx.out.warning(
      `Input "baseline": endpoint "${gate.baseline.kind === 'endpoint' ? gate.baseline.endpointName : ''}" serves ${baseline.ModelPackageArn}, version ${baseline.ModelPackageVersion} of group "${baseline.ModelPackageGroupName}", not a version of "${settings.group.name}". The gate compares the candidate with that version, as asked; for this group's champion use "latest-approved" or "version:N".`
    )
  }
  // A version whose creation failed or is still running has nothing trustworthy to judge.
  if (candidate.ModelPackageStatus && candidate.ModelPackageStatus !== 'Completed') {
    throw new UserError(
      `v${candidate.ModelPackageVersion ?? versionFromArn(candidateArn)} is ${candidate.ModelPackageStatus}; only a Completed version can be gated.`
    )
  }
  const clients = { sagemaker: ctx.aws.sagemaker, s3: ctx.aws.s3 }
  const [candidateMetrics, baselineMetrics] = await ctx.steps.run('reading the metrics', () =>
    Promise.all([
      readVersionMetrics(clients, candidate, needed),
      baseline ? readVersionMetrics(clients, baseline, needed) : undefined
    ])
  )
  for (const note of [...candidateMetrics.notes, ...(baselineMetrics?.notes ?? [])])
    ctx.out.warning(note)

  const candidateVersion = candidate.ModelPackageVersion ?? versionFromArn(candidateArn)
  const decision = evaluatePolicy(
    policy,
    { version: candidateVersion, arn: candidateArn, metrics: candidateMetrics.metrics },
    baseline && baselineMetrics
      ? {
          version: baseline.ModelPackageVersion,
          arn: baselineArn,
          metrics: baselineMetrics.metrics
        }
      : undefined
  )
  ctx.out.info(
    `Gate ${decision.decision} for v${candidateVersion}${baseline ? ` against v${baseline.ModelPackageVersion}` : ' (no baseline)'}`
  )
  for (const reason of decision.reasons) ctx.out.info(`  - ${reason}`)
  ctx.steps.done(`computing the verdict (${decision.decision})`)

  const known = new Map<string, Record<string, number>>([[candidateArn, candidateMetrics.metrics]])
  if (baselineArn && baselineMetrics) known.set(baselineArn, baselineMetrics.metrics)
  const history = await readHistory(ctx, settings, cache, known)

  let status = (candidate.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus
  const planned = plannedRecord(candidate, decision, gate, hash, runUrl(ctx.github))
  for (const reason of planned.dropped)
    ctx.out.warning(`Not recorded in customer metadata: ${reason}`)
  const written = settings.dryRun ? `dry run: ${planned.preview}` : planned.written
  if (!settings.dryRun) status = await recordDecision(ctx, candidate, planned)
  ctx.out.info(written)

  const baselineReport: BaselineReport | undefined =
    baseline && baselineMetrics
      ? {
          ...versionReport(baseline, baselineMetrics.metrics),
          label: isInGroup(baseline, settings.group)
            ? baselineLabel(gate.baseline)
            : `${baselineLabel(gate.baseline)}, of group ${baseline.ModelPackageGroupName}`
        }
      : undefined
  const report: GateReport = {
    group: settings.group.name,
    region: settings.region,
    candidate: { ...versionReport(candidate, candidateMetrics.metrics), status },
    baseline: baselineReport,
    decision,
    history,
    runUrl: runUrl(ctx.github) || undefined,
    dryRun: settings.dryRun,
    written,
    policySha256: hash
  }

  ctx.out.setOutput('decision', decision.decision)
  ctx.out.setOutput('model-package-arn', candidateArn)
  ctx.out.setOutput('model-package-version', candidateVersion)
  ctx.out.setOutput('approval-status', status)
  ctx.out.setOutput('baseline-model-package-arn', baselineArn ?? '')
  await ctx.steps.run('publishing the report', () => publish(ctx, settings, report))

  if (decision.decision === 'fail' && gate.failOnReject) {
    return { failed: `Gate failed for v${candidateVersion}: ${decision.reasons.join(' ')}` }
  }
  return {}
}
