// Writing a decision (gate, approve, reject) so that a version's approval status, its
// ApprovalDescription and the decision keys in its customer metadata always tell one story.
//
// SageMaker has no conditional update, so two runs deciding on one version at once cannot
// be serialised. Instead: every decision is one UpdateModelPackage call that sets all three
// together (so whichever write lands last, the version holds one writer's whole decision),
// the version is read again just before that write (a run never writes over a decision it
// has not seen), and read again after it (a run whose decision was overwritten by another
// writer fails and says what the version holds now, rather than reporting a status that is
// no longer true). The read-back waits DECISION_SETTLE_MS first: another run that passed its
// own check just before this write lands its write a round trip later, and a read-back
// made at once would miss it, leaving two runs that each report their own decision.
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { runUrl, type GitHubRun, type RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { LIVE_PREFIX, type Decision } from '../policy/types.js'
import type { ApprovalStatus, GateSettings, GroupRef } from '../settings.js'
import {
  fitMetadata,
  KEYS,
  METADATA_MAX_VALUE,
  readableMetadataText,
  sanitizeMetadataText
} from './metadata.js'
import {
  APPROVAL_DESCRIPTION_MAX,
  describeVersion,
  isInGroup,
  storedApprovalDescription,
  singleLine,
  updateVersion,
  versionFromArn,
  type PackageDescription,
  type VersionUpdate
} from './versions.js'

/** How long a run waits after writing its decision before reading it back. */
export const DECISION_SETTLE_MS = 1000

/** The customer metadata keys that belong to a decision. */
export const DECISION_KEYS: readonly string[] = [
  KEYS.gateDecision,
  KEYS.gatePolicy,
  KEYS.gateRun,
  KEYS.decisionBy,
  KEYS.decisionReason,
  KEYS.decisionRun
]

export interface DecisionWrite {
  status: ApprovalStatus
  approvalDescription: string
  /** The decision keys this write sets. */
  metadata: Record<string, string>
  /** Decision keys of the same writer kind this write does not set: removed, so that an earlier writer's value cannot stay next to this decision. */
  remove: string[]
  lifecycle?: VersionUpdate['lifecycle']
}

/** The keys each kind of writer owns: a write sets some and removes the rest it finds. */
const WRITER_KEYS = {
  gate: [KEYS.gateDecision, KEYS.gatePolicy, KEYS.gateRun],
  person: [KEYS.decisionBy, KEYS.decisionReason, KEYS.decisionRun]
} as const

function label(pkg: PackageDescription): string {
  const arn = pkg.ModelPackageArn ?? ''
  return `v${pkg.ModelPackageVersion ?? versionFromArn(arn)}`
}

/**
 * The check before any decision: the version belongs to the group (a decision recorded on
 * another group's version is one nobody looks for, and the gate would compare it with the
 * wrong champion), and its creation completed (a Failed or InProgress version has nothing
 * trustworthy to decide on). `action` completes "only a Completed version can be ...".
 */
export function assertDecidable(pkg: PackageDescription, group: GroupRef, action: string): void {
  if (!isInGroup(pkg, group)) {
    throw new UserError(
      `Input "model-package": ${pkg.ModelPackageArn} belongs to group "${pkg.ModelPackageGroupName}", not to "${group.name}" named in "model-package-group".`
    )
  }
  if (pkg.ModelPackageStatus && pkg.ModelPackageStatus !== 'Completed') {
    throw new UserError(
      `${label(pkg)} is ${pkg.ModelPackageStatus}; only a Completed version can be ${action}.`
    )
  }
}

/**
 * An ApprovalDescription of `head`, `body` and `tail` in at most 1,024 characters: the body
 * (reasons, a person's words) is what gets shortened, so that who decided, the verdict and
 * the link to the run that explains everything survive.
 */
export function fitDescription(head: string, body: string, tail = ''): string {
  const room = APPROVAL_DESCRIPTION_MAX - head.length - tail.length
  let text = singleLine(body)
  if (text.length > room) text = room > 1 ? `${text.slice(0, room - 1)}…` : ''
  return `${head}${text}${tail}`.slice(0, APPROVAL_DESCRIPTION_MAX)
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

/** A person's decision in customer metadata: who, why (kept readable) and, when known, the run. */
export function personEntries(actor: string, reason: string, url: string): [string, string][] {
  return [
    [KEYS.decisionBy, sanitizeMetadataText(actor, METADATA_MAX_VALUE)],
    // The full reason is in ApprovalDescription; the metadata copy stays readable.
    [KEYS.decisionReason, readableMetadataText(reason, METADATA_MAX_VALUE)],
    ...(url
      ? [[KEYS.decisionRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)] as [string, string]]
      : [])
  ]
}

/** ` Run: <url>` at the end of an ApprovalDescription, or nothing when there is no run link. */
export function runSuffix(url: string): string {
  return url ? ` Run: ${singleLine(url)}` : ''
}

/**
 * A person's decision as one write: who decided (the run's actor, see `deciderOf`) and why,
 * in the ApprovalDescription that `describe` words and in the decision:* keys. The actor and
 * the run link are returned too, for the report.
 */
export function personDecision(
  run: GitHubRun,
  decision: {
    status: Extract<ApprovalStatus, 'Approved' | 'Rejected'>
    reason: string
    describe: (actor: string, url: string) => string
    existing: Record<string, string> | undefined
    lifecycle?: VersionUpdate['lifecycle']
  }
): { write: DecisionWrite; dropped: string[]; actor: string; url: string } {
  const actor = deciderOf(run)
  const url = runUrl(run)
  const { dropped, ...write } = decisionWrite({
    writer: 'person',
    status: decision.status,
    approvalDescription: decision.describe(actor, url),
    entries: personEntries(actor, decision.reason, url),
    existing: decision.existing,
    lifecycle: decision.lifecycle
  })
  return { write, dropped, actor, url }
}

/**
 * A decision as one write: the entries are merged next to the keys already on the version
 * (one holding 50 entries still gets its status and description), and the keys of the same
 * writer this decision does not set are removed, so an earlier decision's cannot stay next
 * to it. `dropped` says which entries did not fit.
 */
export function decisionWrite(options: {
  writer: keyof typeof WRITER_KEYS
  status: ApprovalStatus
  approvalDescription: string
  entries: [string, string][]
  existing: Record<string, string> | undefined
  lifecycle?: VersionUpdate['lifecycle']
}): DecisionWrite & { dropped: string[] } {
  const existing = options.existing ?? {}
  const { kept, dropped } = fitMetadata(options.entries, existing)
  // The gate's live facts belong to the gate's decision too: an earlier gate's cannot stay.
  const owned = [
    ...WRITER_KEYS[options.writer],
    ...(options.writer === 'gate'
      ? Object.keys(existing).filter(key => key.startsWith(LIVE_PREFIX))
      : [])
  ]
  const remove = owned.filter(key => !(key in kept) && key in existing)
  return {
    status: options.status,
    approvalDescription: options.approvalDescription,
    metadata: kept,
    remove,
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    dropped
  }
}

/** The same write as UpdateModelPackage takes it. */
export function asVersionUpdate(write: DecisionWrite): VersionUpdate {
  return {
    status: write.status,
    approvalDescription: write.approvalDescription,
    metadata: write.metadata,
    metadataToRemove: write.remove,
    lifecycle: write.lifecycle
  }
}

/** A version's decision fields, in a form two reads can be compared by. */
export function decisionState(pkg: PackageDescription): Record<string, string> {
  const metadata = pkg.CustomerMetadataProperties ?? {}
  const state: Record<string, string> = {
    status: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
    ApprovalDescription: pkg.ApprovalDescription ?? ''
  }
  for (const key of DECISION_KEYS) state[key] = metadata[key] ?? ''
  for (const key of Object.keys(metadata))
    if (key.startsWith(LIVE_PREFIX)) state[key] = metadata[key] ?? ''
  return state
}

function differences(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after)
    .filter(key => before[key] !== after[key])
    .map(key =>
      key === 'ApprovalDescription'
        ? 'ApprovalDescription changed'
        : `${key} ${before[key] || '(none)'} -> ${after[key] || '(none)'}`
    )
}

/** What a version's decision says, for messages: status and the decision keys set. */
export function describeDecision(state: Record<string, string>): string {
  const keys = DECISION_KEYS.filter(key => state[key]).map(key => `${key}=${state[key]}`)
  return [state.status, ...keys].join(', ')
}

/**
 * Reads the version again right before a decision is written and refuses to write when its
 * decision changed since `seen` was read: the decision was made on what `seen` held.
 */
export async function assertUnchanged(
  sagemaker: SageMakerClient,
  seen: PackageDescription,
  label: string
): Promise<PackageDescription> {
  const arn = seen.ModelPackageArn as string
  const now = await describeVersion(sagemaker, arn)
  const changed = differences(decisionState(seen), decisionState(now))
  if (changed.length > 0) {
    throw new UserError(
      `${label} was changed by another writer while this run was deciding (${changed.join('; ')}); it now holds ${describeDecision(decisionState(now))}. Nothing was written: run again to decide on what it holds now.`
    )
  }
  return now
}

/** Writes status, ApprovalDescription and the decision keys in one UpdateModelPackage call. */
export async function writeDecision(
  sagemaker: SageMakerClient,
  arn: string,
  write: DecisionWrite
): Promise<void> {
  await updateVersion(sagemaker, arn, asVersionUpdate(write))
}

/**
 * Reads the version back after `writeDecision`. When another writer's decision landed
 * after this one, throws a UserError that says what the version holds now; the version is
 * then consistent with that other writer.
 */
export async function verifyDecision(
  sagemaker: SageMakerClient,
  arn: string,
  label: string,
  write: DecisionWrite
): Promise<PackageDescription> {
  const after = await describeVersion(sagemaker, arn)
  const state = decisionState(after)
  const expected: Record<string, string> = {
    status: write.status,
    ApprovalDescription: storedApprovalDescription(write.approvalDescription),
    ...Object.fromEntries(write.remove.map(key => [key, ''])),
    ...write.metadata
  }
  const overwritten = Object.keys(expected).filter(key => (state[key] ?? '') !== expected[key])
  if (overwritten.length > 0) {
    throw new UserError(
      `${label} was changed by another writer right after this run wrote its decision (${describeDecision({ ...state, ...expected })}): it now holds ${describeDecision(state)}. The version is consistent with that other decision, not with this run's; run again if this one should stand.`
    )
  }
  return after
}

/**
 * Records a decision on `pkg`, each part a step of the run: the version is checked to be
 * as it was read, written in one call, and read back after DECISION_SETTLE_MS. `changed`
 * says what the write did, for any later error.
 */
export async function recordDecision(
  ctx: Pick<RunContext, 'aws' | 'steps' | 'sleep'>,
  pkg: PackageDescription,
  write: DecisionWrite,
  changed: string
): Promise<void> {
  const arn = pkg.ModelPackageArn ?? ''
  const version = label(pkg)
  const sagemaker = ctx.aws.sagemaker
  await ctx.steps.run(`checking that ${version} is still as read`, () =>
    assertUnchanged(sagemaker, pkg, version)
  )
  await ctx.steps.run(`recording the decision on ${version}`, () =>
    writeDecision(sagemaker, arn, write)
  )
  ctx.steps.changed(changed)
  await ctx.sleep(DECISION_SETTLE_MS)
  await ctx.steps.run(`reading ${version} back after recording the decision`, () =>
    verifyDecision(sagemaker, arn, version, write)
  )
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
  const tail = runSuffix(url)
  if (decision.reasons.length === 0) return fitDescription(head, '', tail)
  return fitDescription(`${head} `, `Failing rules: ${decision.reasons.join(' ')}`, tail)
}

/** What the gate records on a candidate, and how the log says it (done, or in a dry run). */
export interface GateRecord {
  /** Undefined when the gate writes nothing: the version is already decided. */
  write?: DecisionWrite
  written: string
  preview: string
  /** Entries that did not fit the customer metadata. */
  dropped: string[]
}

/**
 * What the gate writes to the candidate, the same for a dry run and a real one. The gate
 * decides versions pending approval, and writes its whole decision in one call: the status
 * (on-pass/on-fail, or PendingManualApproval again when that is "none"), the
 * ApprovalDescription and the gate:* keys, so that a later writer replaces all of them. A
 * version already Approved or Rejected was decided by someone (a person, or another gate):
 * the gate writes nothing to it, so its status, description and keys keep agreeing.
 */
export function gateRecord(
  candidate: PackageDescription,
  decision: Decision,
  gate: Pick<GateSettings, 'onPass' | 'onFail'>,
  policyHash: string,
  url: string,
  live: [string, string][] = []
): GateRecord {
  const version = candidate.ModelPackageVersion ?? versionFromArn(candidate.ModelPackageArn ?? '')
  const current = candidate.ModelApprovalStatus ?? 'PendingManualApproval'
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
  const left = wanted === 'none' ? `Status left PendingManualApproval (${setting}: none).` : ''
  const { dropped, ...write } = decisionWrite({
    writer: 'gate',
    status: wanted === 'none' ? 'PendingManualApproval' : wanted,
    approvalDescription: approvalDescription(decision, version, policyHash, url, left),
    entries: [
      [KEYS.gateDecision, decision.decision],
      [KEYS.gatePolicy, policyHash],
      ...(url
        ? [[KEYS.gateRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)] as [string, string]]
        : []),
      // Measured live, with the data's sha256 and rows, so the decision can be audited.
      ...live
    ],
    existing: candidate.CustomerMetadataProperties
  })
  const recorded =
    KEYS.gateDecision in write.metadata
      ? `gate:decision=${decision.decision}`
      : 'the ApprovalDescription (no room for gate:decision in customer metadata)'
  const what = wanted === 'none' ? recorded : `${write.status} and ${recorded}`
  const after = wanted === 'none' ? `; status left PendingManualApproval (${setting}: none)` : ''
  return {
    write,
    written: `${what} written to v${version}${after}`,
    preview: `would write ${what} to v${version}${after}`,
    dropped
  }
}

/**
 * The gate's write: its decision (and live metrics) on the candidate in one call, none in
 * a dry run. Returns the status the version has after it, and what was (or would be) written.
 */
export async function writeGateDecision(
  ctx: RunContext,
  settings: { gate: Pick<GateSettings, 'onPass' | 'onFail'>; dryRun: boolean },
  pkg: PackageDescription,
  decision: Decision,
  facts: { policySha256: string; liveEntries: [string, string][] }
): Promise<{ status: string; written: string }> {
  const url = runUrl(ctx.github)
  const record = gateRecord(
    pkg,
    decision,
    settings.gate,
    facts.policySha256,
    url,
    facts.liveEntries
  )
  for (const reason of record.dropped)
    ctx.out.warning(`Not recorded in customer metadata: ${reason}`)
  const before = pkg.ModelApprovalStatus ?? 'PendingManualApproval'
  if (settings.dryRun) return { status: before, written: `dry run: ${record.preview}` }
  if (record.write) await recordDecision(ctx, pkg, record.write, record.written)
  return { status: record.write?.status ?? before, written: record.written }
}
