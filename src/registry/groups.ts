// The model package group itself: created when missing (register), described with what it
// holds (group describe), and deleted with its versions, which is the one operation that can
// lose work and so refuses unless every version it would take was asked for, and none is
// recorded as deployed or still served by an endpoint.
import {
  CreateModelPackageGroupCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  type CreateModelPackageGroupCommandInput,
  type DescribeModelPackageGroupCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import type { Reporter, RunContext } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import type { GroupRef } from '../settings.js'
import { isAlreadyExists, isNotFound } from '../aws-errors.js'
import type { DeployedVersion } from './served.js'
import { readGroupPolicy, SHARE_SID, sharedAccounts } from './sharing.js'
import { readTags, tagList } from './tags.js'
import { describeGroup, listVersions, type VersionSummary } from './versions.js'

/** `describe` counts at most this many versions; beyond it the counts say "at least". */
export const COUNT_LIMIT = 1000
/** `delete` takes at most this many versions in one run; a bigger group is deleted by hand. */
export const DELETE_LIMIT = 500
/** ListTags pages read for `describe` and `update-tags` (50 tags is SageMaker's own limit). */
export const TAG_PAGES = 5

export interface EnsuredGroup {
  /** Absent only in a dry run for a group that does not exist yet. */
  arn?: string
  created: boolean
  /** False when the group is missing and a dry run did not create it. */
  exists: boolean
}

export function createGroupInput(
  group: GroupRef,
  description: string | undefined,
  tags: Record<string, string>
): CreateModelPackageGroupCommandInput {
  const input: CreateModelPackageGroupCommandInput = { ModelPackageGroupName: group.name }
  if (description) input.ModelPackageGroupDescription = description
  if (Object.keys(tags).length > 0) input.Tags = tagList(tags)
  return input
}

/**
 * Makes sure the group exists. A group given as an ARN belongs to another account and is
 * never created here; a group that exists is used as is, and a description that differs
 * from `group-description` is only a warning (changing it is the `group` mode's job).
 */
export async function ensureGroup(
  sagemaker: SageMakerClient,
  group: GroupRef,
  description: string | undefined,
  tags: Record<string, string>,
  out: Reporter,
  dryRun: boolean
): Promise<EnsuredGroup> {
  if (group.arn) {
    if (description || Object.keys(tags).length > 0) {
      out.warning(
        `Group "${group.name}" was given as an ARN (a shared group): "group-description" and "group-tags" are ignored; its owner manages them.`
      )
    }
    return { arn: group.arn, created: false, exists: true }
  }
  try {
    const existing = await sagemaker.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group.name })
    )
    const current = existing.ModelPackageGroupDescription ?? ''
    if (description !== undefined && description !== current) {
      out.warning(
        `Group "${group.name}" already exists with description "${current}", not the "group-description" given; it is used as is.`
      )
    }
    return { arn: existing.ModelPackageGroupArn, created: false, exists: true }
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  const input = createGroupInput(group, description, tags)
  if (dryRun) {
    out.info(
      `Dry run: group "${group.name}" does not exist; would call CreateModelPackageGroup with:\n${JSON.stringify(input, null, 2)}`
    )
    return { created: false, exists: false }
  }
  try {
    const created = await sagemaker.send(new CreateModelPackageGroupCommand(input))
    out.info(`Created model package group "${group.name}".`)
    return { arn: created.ModelPackageGroupArn, created: true, exists: true }
  } catch (error) {
    // Another job registering into the same new group may have won the race.
    if (!isAlreadyExists(error)) throw error
    const existing = await sagemaker.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group.name })
    )
    return { arn: existing.ModelPackageGroupArn, created: false, exists: true }
  }
}

/** What `group describe` reports: the group, its versions by status, its tags and sharing. */
export interface GroupFacts {
  described: DescribeModelPackageGroupCommandOutput
  arn: string
  /** Newest first, at most COUNT_LIMIT. */
  versions: VersionSummary[]
  /** True when there may be more versions than were counted. */
  capped: boolean
  counts: Record<string, number>
  tags: Record<string, string>
  sharedWith: string[]
  /** Statements in the resource policy that this action did not write. */
  otherStatements: number
  /** What could not be read (tags, the policy): said in the report instead of failing it. */
  notes: string[]
}

function countsByStatus(versions: VersionSummary[]): Record<string, number> {
  const counts: Record<string, number> = { Approved: 0, PendingManualApproval: 0, Rejected: 0 }
  for (const version of versions) counts[version.status] = (counts[version.status] ?? 0) + 1
  return counts
}

export async function readGroupFacts(
  ctx: Pick<RunContext, 'aws' | 'steps'>,
  group: GroupRef
): Promise<GroupFacts> {
  const sagemaker = ctx.aws.sagemaker
  const described = await ctx.steps.run('reading the group', () => describeGroup(sagemaker, group))
  const arn = described.ModelPackageGroupArn ?? group.arn ?? ''
  const versions = await ctx.steps.run('listing its versions', () =>
    listVersions(sagemaker, group, { limit: COUNT_LIMIT })
  )
  const notes: string[] = []
  let tags: Record<string, string> = {}
  try {
    tags = arn ? await readTags(sagemaker, arn, TAG_PAGES) : {}
  } catch (error) {
    notes.push(`Tags could not be read: ${errorMessage(error)}`)
  }
  let sharedWith: string[] = []
  let otherStatements = 0
  // Policy calls act on a group of the credentials' own account only.
  if (!group.arn) {
    try {
      const policy = await readGroupPolicy(sagemaker, group.name)
      sharedWith = sharedAccounts(policy)
      otherStatements = (policy?.Statement ?? []).filter(entry => entry.Sid !== SHARE_SID).length
    } catch (error) {
      notes.push(`The resource policy could not be read: ${errorMessage(error)}`)
    }
  }
  const capped = versions.length >= COUNT_LIMIT
  const counts = countsByStatus(versions)
  return { described, arn, versions, capped, counts, tags, sharedWith, otherStatements, notes }
}

function versionList(versions: VersionSummary[]): string {
  return versions.map(version => `v${version.version} (${version.status})`).join(', ')
}

/** Refuses to delete more than DELETE_LIMIT versions, or any version without `force`. */
export function assertDeletable(name: string, versions: VersionSummary[], force: boolean): void {
  if (versions.length > DELETE_LIMIT) {
    throw new UserError(
      `Group "${name}" holds more than ${DELETE_LIMIT} versions; this action deletes at most ${DELETE_LIMIT} in one run. Delete versions in batches (DeleteModelPackage), then run the group deletion again.`
    )
  }
  if (versions.length > 0 && !force) {
    throw new UserError(
      `Group "${name}" still holds ${versions.length} version${versions.length === 1 ? '' : 's'}: ${versionList(versions)}. Deleting the group deletes them all; set "force: true" to do that, or keep the group.`
    )
  }
}

/** Refuses, whatever `force` says, while versions are recorded as deployed or still served. */
export function assertNotDeployed(name: string, deployed: DeployedVersion[]): void {
  if (deployed.length === 0) return
  const which = deployed
    .map(entry =>
      entry.serving.length > 0
        ? `v${entry.version} (served by ${entry.serving.join(', ')} now)`
        : `v${entry.version} (deployed to ${entry.endpoints.join(', ')})`
    )
    .join('; ')
  throw new UserError(
    `Group "${name}" was not deleted: versions are recorded as deployed: ${which}. An endpoint may still serve them. Deploy another version to those endpoints (or delete them), and reject what they served (mode "reject") first; "force" does not override this.`
  )
}

/** The calls a deletion makes, newest version first, then the group. */
export function deletionCalls(group: GroupRef, versions: VersionSummary[]): string[] {
  return [
    ...versions.map(version => `DeleteModelPackage ${version.arn} (${version.status})`),
    `DeleteModelPackageGroup ${group.nameOrArn}`
  ]
}

/** Deletes the versions newest first, then the group; each a step, each recorded as done. */
export async function deleteGroupAndVersions(
  ctx: Pick<RunContext, 'aws' | 'out' | 'steps'>,
  group: GroupRef,
  versions: VersionSummary[]
): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  for (const version of versions) {
    await ctx.steps.run(`deleting v${version.version}`, () =>
      sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: version.arn }))
    )
    ctx.steps.changed(`deleted v${version.version}`)
    ctx.out.info(`Deleted v${version.version}`)
  }
  await ctx.steps.run(`deleting group "${group.name}"`, () =>
    sagemaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: group.nameOrArn }))
  )
  ctx.steps.changed(`deleted group "${group.name}"`)
  ctx.out.info(`Deleted group "${group.name}"`)
}
