// Queries and updates on the versions of one model package group. Every list call
// passes SortOrder and ModelPackageType=Versioned: SageMaker sorts ascending and lists
// unversioned packages only unless told otherwise.
import {
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
  type DescribeModelPackageCommandOutput,
  type ModelPackageSummary,
  type SageMakerClient,
  type UpdateModelPackageCommandInput
} from '@aws-sdk/client-sagemaker'
import { isNotFound } from '../aws-errors.js'
import { UserError } from '../errors.js'
import { groupNameOf, parsePackageArn } from './names.js'
import type { ApprovalStatus, GroupRef, PackageRef } from '../settings.js'

export interface VersionSummary {
  arn: string
  version: number
  status: ApprovalStatus
  creationTime?: Date
  description?: string
}

export type PackageDescription = DescribeModelPackageCommandOutput

/** The version number at the end of a versioned package ARN (`.../model-package/group/7`). */
export function versionFromArn(arn: string): number {
  const parts = parsePackageArn(arn)
  if (!parts) throw new Error(`"${arn}" is not the ARN of a versioned model package`)
  return parts.version
}

async function regionOf(sagemaker: SageMakerClient): Promise<string> {
  const region = sagemaker.config.region
  return typeof region === 'function' ? await region() : String(region ?? '')
}

// One style for every "not found", whatever the mode: the input that named the thing, what
// is missing, where it was looked for, and what to check.
const CHECK = 'Check the name, the region and the AWS account the credentials belong to.'

export async function groupNotFound(
  sagemaker: SageMakerClient,
  group: GroupRef
): Promise<UserError> {
  return new UserError(
    `Input "model-package-group": group "${group.name}" does not exist in ${await regionOf(sagemaker)}. ${CHECK}`
  )
}

function notFoundMessage(
  input: string,
  versions: readonly string[],
  group: string,
  where: string
): UserError {
  return new UserError(
    `Input "${input}": ${versions.join(', ')} of group "${group}" ${versions.length === 1 ? 'does' : 'do'} not exist in ${where}. Check the version number, the group, the region and the AWS account the credentials belong to.`
  )
}

/** `input` named version(s) of the group that SageMaker does not know. */
export function versionsNotFound(input: string, arns: readonly string[]): UserError {
  const parts = arns.map(parsePackageArn)
  const { region, name: group } = parts[0] ?? {}
  const versions = parts.map((found, i) => (found ? `v${found.version}` : (arns[i] as string)))
  return notFoundMessage(
    input,
    versions,
    group ?? '?',
    `${region ?? 'this region'} (${arns.join(', ')})`
  )
}

async function versionNumbersNotFound(
  sagemaker: SageMakerClient,
  input: string,
  group: GroupRef,
  versions: readonly number[]
): Promise<UserError> {
  const where = await regionOf(sagemaker)
  return notFoundMessage(
    input,
    versions.map(v => `v${v}`),
    group.name,
    where
  )
}

/** Runs `read` on a version that input `input` named; "no such version" becomes one message naming the input. */
export async function forNamedVersion<T>(
  input: string,
  arn: string,
  read: () => Promise<T>
): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (isNotFound(error)) throw versionsNotFound(input, [arn])
    throw error
  }
}

/** Describes the group; a missing one is the not-found error naming "model-package-group". */
export async function describeGroup(sagemaker: SageMakerClient, group: GroupRef) {
  try {
    return await sagemaker.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group.nameOrArn })
    )
  } catch (error) {
    if (isNotFound(error)) throw await groupNotFound(sagemaker, group)
    throw error
  }
}

/** The group's ARN, from the input when given as one, else from one DescribeModelPackageGroup. */
export async function readGroupArn(sagemaker: SageMakerClient, group: GroupRef): Promise<string> {
  const arn = group.arn ?? (await describeGroup(sagemaker, group)).ModelPackageGroupArn
  if (!arn) throw new Error(`SageMaker returned no ARN for group "${group.name}"`)
  return arn
}

/** Resolves a package named by ARN or by version number to its ARN. */
export async function resolvePackageArn(
  sagemaker: SageMakerClient,
  group: GroupRef,
  ref: PackageRef
): Promise<string> {
  if (ref.kind === 'arn') return ref.arn
  const [arn] = await versionArns(sagemaker, group, [ref.version], 'model-package')
  return arn as string
}

/**
 * The ARNs of versions `versions`, as SageMaker's listing spells them. Whether SageMaker
 * lower-cases a group's name inside its package ARNs is not documented, so an ARN formed
 * from the group's name or ARN could name nothing (or be refused by IAM). The listing goes
 * newest first and stops at the oldest version asked for. Versions that do not exist are
 * one error naming them and `input`.
 */
export async function versionArns(
  sagemaker: SageMakerClient,
  group: GroupRef,
  versions: readonly number[],
  input: string
): Promise<string[]> {
  const wanted = new Set(versions)
  const oldest = Math.min(...wanted)
  const found = new Map<number, string>()
  let listed = 0
  for await (const summaries of newestFirst(sagemaker, group, {})) {
    listed += summaries.length
    for (const summary of summaries)
      if (wanted.has(summary.version)) found.set(summary.version, summary.arn)
    if (summaries.some(summary => summary.version <= oldest)) break
  }
  // Listing a group that does not exist answers with no versions: tell the two apart.
  if (listed === 0) await describeGroup(sagemaker, group)
  const missing = [...wanted].filter(version => !found.has(version))
  if (missing.length > 0) throw await versionNumbersNotFound(sagemaker, input, group, missing)
  return versions.map(version => found.get(version) as string)
}

/**
 * Whether a described version is in `group`. SageMaker names the group of a package shared
 * from another account either way, so a name and an ARN are both compared by name.
 */
export function isInGroup(pkg: PackageDescription, group: GroupRef): boolean {
  const named = pkg.ModelPackageGroupName
  return named === undefined || groupNameOf(named) === group.name
}

/** Describes at most this many versions at once: enough to be quick, few enough not to be throttled. */
export const DESCRIBE_CONCURRENCY = 4

/** Runs `task` over `items` with at most `limit` in flight; results keep the order of `items`. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  return results
}

/**
 * DescribeModelPackage for each ARN, a few at a time. BatchDescribeModelPackage would be
 * one call, but its summaries carry no CustomerMetadataProperties, where the metrics live.
 */
export function describeVersions(
  sagemaker: SageMakerClient,
  arns: readonly string[],
  concurrency = DESCRIBE_CONCURRENCY
): Promise<PackageDescription[]> {
  return mapBounded(arns, concurrency, arn => describeVersion(sagemaker, arn))
}

export async function describeVersion(
  sagemaker: SageMakerClient,
  arn: string
): Promise<PackageDescription> {
  return sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
}

/** Describes a version a person named through `input`; a missing one is an error naming it. */
export async function describeNamedVersion(
  sagemaker: SageMakerClient,
  arn: string,
  input: string
): Promise<PackageDescription> {
  return forNamedVersion(input, arn, () => describeVersion(sagemaker, arn))
}

function toSummary(item: ModelPackageSummary): VersionSummary {
  const arn = item.ModelPackageArn ?? ''
  return {
    arn,
    version: item.ModelPackageVersion ?? versionFromArn(arn),
    status: (item.ModelApprovalStatus ?? 'PendingManualApproval') as ApprovalStatus,
    creationTime: item.CreationTime,
    description: item.ModelPackageDescription
  }
}

/**
 * The group's versions newest first, a ListModelPackages page at a time, for as long as the
 * caller reads on. `pageSize` is asked before each call (at most 100 by default).
 */
async function* newestFirst(
  sagemaker: SageMakerClient,
  group: GroupRef,
  options: { status?: ApprovalStatus; pageSize?: () => number }
): AsyncGenerator<VersionSummary[]> {
  let nextToken: string | undefined
  do {
    const page = await sagemaker.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group.nameOrArn,
        ModelPackageType: 'Versioned',
        ModelApprovalStatus: options.status,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: options.pageSize?.() ?? 100,
        NextToken: nextToken
      })
    )
    yield (page.ModelPackageSummaryList ?? []).map(toSummary)
    nextToken = page.NextToken
  } while (nextToken)
}

export interface ListOptions {
  status?: ApprovalStatus
  /** Stop after this many versions. */
  limit: number
  /** Stop paging once a version older than this is seen (newest-first listing). */
  olderThanVersion?: number
}

/**
 * Versions of the group, newest first, paging with NextToken only as far as needed: the
 * cost is O(limit) calls, whatever the size of the group.
 */
export async function listVersions(
  sagemaker: SageMakerClient,
  group: GroupRef,
  options: ListOptions
): Promise<VersionSummary[]> {
  const found: VersionSummary[] = []
  // MaxResults has a floor of 1: asking SageMaker for "none" would still return one.
  if (options.limit <= 0) return found
  const pages = newestFirst(sagemaker, group, {
    status: options.status,
    pageSize: () => Math.min(100, Math.max(1, options.limit - found.length))
  })
  for await (const summaries of pages) {
    for (const summary of summaries) {
      if (options.olderThanVersion !== undefined && summary.version >= options.olderThanVersion)
        continue
      found.push(summary)
      if (found.length >= options.limit) return found
    }
  }
  return found
}

/** The newest version (optionally with a given status): one ListModelPackages call. */
export async function latestVersion(
  sagemaker: SageMakerClient,
  group: GroupRef,
  status?: ApprovalStatus
): Promise<VersionSummary | undefined> {
  const [newest] = await listVersions(sagemaker, group, { status, limit: 1 })
  return newest
}

/**
 * Versions `versions` of the group, described; versions that do not exist are one error
 * naming them all and the input that asked for them.
 */
export async function describeNamedVersions(
  sagemaker: SageMakerClient,
  group: GroupRef,
  versions: number[],
  input: string
): Promise<PackageDescription[]> {
  const arns = await versionArns(sagemaker, group, [...new Set(versions)], input)
  return describeVersions(sagemaker, arns)
}

/** The newest `limit` versions, newest first; a group that does not exist is an error, not an empty list. */
export async function listExistingVersions(
  sagemaker: SageMakerClient,
  group: GroupRef,
  limit: number
): Promise<VersionSummary[]> {
  const found = await listVersions(sagemaker, group, { limit })
  // Listing a group that does not exist answers with no versions: tell the two apart.
  if (found.length === 0) await describeGroup(sagemaker, group)
  return found
}

/**
 * The ARN of the version `ref` names or, without a name, of the group's newest version
 * waiting for approval; `noneWaiting` is the message when there is none to decide on.
 */
export async function namedOrPendingArn(
  sagemaker: SageMakerClient,
  group: GroupRef,
  ref: PackageRef | undefined,
  noneWaiting: string
): Promise<string> {
  if (ref) return resolvePackageArn(sagemaker, group, ref)
  const pending = await latestVersion(sagemaker, group, 'PendingManualApproval')
  if (!pending) {
    // Listing a group that does not exist answers with no versions: tell the two apart.
    await describeGroup(sagemaker, group)
    throw new UserError(noneWaiting)
  }
  return pending.arn
}

export interface VersionUpdate {
  status?: ApprovalStatus
  approvalDescription?: string
  metadata?: Record<string, string>
  metadataToRemove?: string[]
  lifecycle?: { stage: string; stageStatus: string; description?: string }
}

/** SageMaker caps ApprovalDescription at 1,024 characters. */
export const APPROVAL_DESCRIPTION_MAX = 1024
/** ModelLifeCycle.StageDescription has the same cap. */
export const STAGE_DESCRIPTION_MAX = 1024

/**
 * Text as one line: SageMaker's description fields accept letters, marks, spaces, symbols,
 * digits and punctuation only, so line breaks and other control characters become spaces.
 */
export function singleLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim()
}

/** Updates only the given fields; customer metadata is merged by SageMaker, never replaced. */
export async function updateVersion(
  sagemaker: SageMakerClient,
  arn: string,
  update: VersionUpdate
): Promise<void> {
  const input: UpdateModelPackageCommandInput = { ModelPackageArn: arn }
  if (update.status) input.ModelApprovalStatus = update.status
  if (update.approvalDescription !== undefined) {
    input.ApprovalDescription = storedApprovalDescription(update.approvalDescription)
  }
  if (update.metadata && Object.keys(update.metadata).length > 0) {
    input.CustomerMetadataProperties = update.metadata
  }
  if (update.metadataToRemove?.length)
    input.CustomerMetadataPropertiesToRemove = update.metadataToRemove
  if (update.lifecycle) {
    input.ModelLifeCycle = {
      Stage: update.lifecycle.stage,
      StageStatus: update.lifecycle.stageStatus,
      StageDescription:
        update.lifecycle.description === undefined
          ? undefined
          : truncate(singleLine(update.lifecycle.description), STAGE_DESCRIPTION_MAX)
    }
  }
  await sagemaker.send(new UpdateModelPackageCommand(input))
}

/** The ApprovalDescription SageMaker stores for `text`: one line, at most 1,024 characters. */
export function storedApprovalDescription(text: string): string {
  return truncate(singleLine(text), APPROVAL_DESCRIPTION_MAX)
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
