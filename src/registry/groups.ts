// The model package group a version goes into: created when missing, used as is otherwise.
import {
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  type CreateModelPackageGroupCommandInput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import type { Reporter } from '../context.js'
import type { GroupRef } from '../settings.js'
import { isAlreadyExists, isNotFound } from '../aws-errors.js'
import { tagList } from './tags.js'

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
