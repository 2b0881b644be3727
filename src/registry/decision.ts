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
import { UserError } from '../errors.js'
import type { ApprovalStatus } from '../settings.js'
import { KEYS } from './metadata.js'
import {
  APPROVAL_DESCRIPTION_MAX,
  describeVersion,
  singleLine,
  truncate,
  updateVersion,
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

/** A version's decision fields, in a form two reads can be compared by. */
export function decisionState(pkg: PackageDescription): Record<string, string> {
  const metadata = pkg.CustomerMetadataProperties ?? {}
  const state: Record<string, string> = {
    status: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
    ApprovalDescription: pkg.ApprovalDescription ?? ''
  }
  for (const key of DECISION_KEYS) state[key] = metadata[key] ?? ''
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

/** The ApprovalDescription as SageMaker stores what `updateVersion` sends. */
function storedDescription(text: string): string {
  return truncate(singleLine(text), APPROVAL_DESCRIPTION_MAX)
}

/** Writes status, ApprovalDescription and the decision keys in one UpdateModelPackage call. */
export async function writeDecision(
  sagemaker: SageMakerClient,
  arn: string,
  write: DecisionWrite
): Promise<void> {
  await updateVersion(sagemaker, arn, {
    status: write.status,
    approvalDescription: write.approvalDescription,
    metadata: write.metadata,
    metadataToRemove: write.remove,
    lifecycle: write.lifecycle
  })
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
    ApprovalDescription: storedDescription(write.approvalDescription),
    ...Object.fromEntries(write.remove.map(key => [key, ''])),
    ...write.metadata
  }
  const overwritten = Object.keys(expected).filter(key => state[key] !== expected[key])
  if (overwritten.length > 0) {
    throw new UserError(
      `${label} was changed by another writer right after this run wrote its decision (${describeDecision({ ...state, ...expected })}): it now holds ${describeDecision(state)}. The version is consistent with that other decision, not with this run's; run again if this one should stand.`
    )
  }
  return after
}
