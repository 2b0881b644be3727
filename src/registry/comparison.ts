// What the gate compares a candidate with, read from the registry: the baseline the
// `baseline` input names, and the recent versions for the trend charts. Each version is
// described at most once per run, since the candidate and the baseline are usually in the
// history too.
import type { RunContext } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import type { BaselineSpec, GroupRef } from '../settings.js'
import { describeJobOnce, readTrainingLineage, type LineageData } from './lineage.js'
import { metricsFromMetadata } from './metadata.js'
import { readVersionMetrics, type VersionMetrics } from './metrics.js'
import { servedPackageArn } from './served.js'
import {
  describeNamedVersion,
  describeVersion,
  isInGroup,
  listVersions,
  resolvePackageArn,
  versionFromArn,
  type PackageDescription
} from './versions.js'

/** Describes each version once per run. */
export class VersionCache {
  private readonly byArn = new Map<string, Promise<PackageDescription>>()
  constructor(private readonly sagemaker: RunContext['aws']['sagemaker']) {}

  /** `input` names the input that chose this version, for a message when it does not exist. */
  get(arn: string, input?: string): Promise<PackageDescription> {
    let found = this.byArn.get(arn)
    if (!found) {
      found = input
        ? describeNamedVersion(this.sagemaker, arn, input)
        : describeVersion(this.sagemaker, arn)
      this.byArn.set(arn, found)
    }
    return found
  }
}

/** What the gate reads of a described version: its metrics and the training job it records. */
export interface SideReading {
  metrics: VersionMetrics
  lineage: Pick<LineageData, 'package' | 'story' | 'trainingJob' | 'notes'>
}

/**
 * The metrics `needed` with their standard deviations, and the training job (one call when
 * one is recorded) whose hyperparameters and data the report compares.
 */
export async function readSide(
  clients: Pick<RunContext['aws'], 'sagemaker' | 's3'>,
  pkg: PackageDescription,
  needed: string[]
): Promise<SideReading> {
  const describeJob = describeJobOnce(clients.sagemaker)
  const [metrics, lineage] = await Promise.all([
    readVersionMetrics(clients, pkg, needed, { deviations: true, describeJob }),
    readTrainingLineage(clients.sagemaker, pkg, describeJob)
  ])
  return { metrics, lineage }
}

/**
 * How the report and the messages name the baseline; a version of another group (an
 * endpoint serving another model family) says so.
 */
export function baselineLabel(
  spec: BaselineSpec,
  baseline?: PackageDescription,
  group?: GroupRef
): string {
  const label = specLabel(spec)
  if (!baseline || !group || isInGroup(baseline, group)) return label
  return `${label}, of group ${baseline.ModelPackageGroupName}`
}

function specLabel(spec: BaselineSpec): string {
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

/**
 * The warning for a baseline of another group: comparing with another group's model can be
 * deliberate (a new model family against what serves now), but it is never what "the
 * champion" means, so it is said loudly.
 */
export function foreignBaseline(
  baseline: PackageDescription,
  spec: BaselineSpec,
  group: GroupRef
): string | undefined {
  if (isInGroup(baseline, group)) return undefined
  return `Input "baseline": endpoint "${spec.kind === 'endpoint' ? spec.endpointName : ''}" serves ${baseline.ModelPackageArn}, version ${baseline.ModelPackageVersion} of group "${baseline.ModelPackageGroupName}", not a version of "${group.name}". The gate compares the candidate with that version, as asked; for this group's champion use "latest-approved" or "version:N".`
}

async function latestApprovedOtherThan(
  sagemaker: RunContext['aws']['sagemaker'],
  group: GroupRef,
  candidateArn: string
): Promise<string | undefined> {
  // One call in the common case; a second only when the candidate is itself the newest approved.
  const newest = await listVersions(sagemaker, group, { status: 'Approved', limit: 1 })
  const [first, second] =
    newest[0]?.arn === candidateArn
      ? await listVersions(sagemaker, group, { status: 'Approved', limit: 2 })
      : newest
  return first?.arn === candidateArn ? second?.arn : first?.arn
}

/** The baseline's ARN, or undefined when there is none (no approved version yet is normal). */
export async function resolveBaseline(
  sagemaker: RunContext['aws']['sagemaker'],
  group: GroupRef,
  spec: BaselineSpec,
  candidateArn: string
): Promise<string | undefined> {
  let arn: string | undefined
  switch (spec.kind) {
    case 'none':
      return undefined
    case 'latest-approved':
      return latestApprovedOtherThan(sagemaker, group, candidateArn)
    case 'endpoint':
      arn = await servedPackageArn(sagemaker, spec.endpointName)
      if (!arn) {
        throw new UserError(
          `Input "baseline": endpoint "${spec.endpointName}" does not exist or serves no model package. Use "latest-approved", "version:N" or "none".`
        )
      }
      break
    case 'version':
      arn = await resolvePackageArn(sagemaker, group, { kind: 'version', version: spec.version })
      break
  }
  if (arn === candidateArn) {
    throw new UserError(
      `Input "baseline": ${specLabel(spec)} is the candidate itself (v${versionFromArn(candidateArn)}); a version cannot be its own baseline.`
    )
  }
  return arn
}

export interface HistoryEntry {
  version: number
  status?: string
  metrics: Record<string, number>
}

/**
 * The last `limit` versions with their mirrored metrics, oldest first, for the trend charts;
 * `known` are metrics already read (the candidate's, the baseline's). The chart is context,
 * not evidence: a history that cannot be read is a warning and an empty chart, so that a
 * version deleted between the list and its describe cannot keep a decision from being recorded.
 */
export async function readHistory(
  ctx: Pick<RunContext, 'aws' | 'out'>,
  group: GroupRef,
  limit: number,
  cache: VersionCache,
  known: Map<string, Record<string, number>>
): Promise<HistoryEntry[]> {
  try {
    const versions = await listVersions(ctx.aws.sagemaker, group, { limit })
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
    ctx.out.warning(
      `The version history for the trend chart could not be read: ${errorMessage(error)}`
    )
    return []
  }
}
