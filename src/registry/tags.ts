// Tags: the one reader and writer of tags on SageMaker resources, and the tags this action
// writes: on the endpoint, what it serves, what it replaced and, after a rollback, what the
// rollback replaced and in which run (rollback reads them back);
// on models and configs, which endpoint they belong to (cleanup reads it).
import {
  AddTagsCommand,
  ListTagsCommand,
  type SageMakerClient,
  type Tag
} from '@aws-sdk/client-sagemaker'
import { NOT_METADATA_CHARACTER } from './names.js'

export const TAG_PREFIX = 'sagemaker-model-gate:'
export const TAGS = {
  packageArn: `${TAG_PREFIX}package-arn`,
  previousPackageArn: `${TAG_PREFIX}previous-package-arn`,
  rolledBackFrom: `${TAG_PREFIX}rolled-back-from`,
  commit: `${TAG_PREFIX}commit`,
  run: `${TAG_PREFIX}run`,
  endpoint: `${TAG_PREFIX}endpoint`
} as const

/** SageMaker tag values: up to 256 characters from letters, digits, spaces and _.:/=+-@. */
export const TAG_VALUE_MAX = 256

export function tagValue(text: string): string {
  return text.replace(NOT_METADATA_CHARACTER, '_').slice(0, TAG_VALUE_MAX)
}

export interface DeploymentTagValues {
  packageArn: string
  /** Empty when nothing was served before: an empty value clears a stale one. */
  previousPackageArn: string
  /** What a rollback replaced; empty after a deploy, so a deploy is never taken for a rollback. */
  rolledBackFrom: string
  commit: string
  run: string
}

export function deploymentTags(values: DeploymentTagValues): Tag[] {
  return [
    { Key: TAGS.packageArn, Value: tagValue(values.packageArn) },
    { Key: TAGS.previousPackageArn, Value: tagValue(values.previousPackageArn) },
    { Key: TAGS.rolledBackFrom, Value: tagValue(values.rolledBackFrom) },
    { Key: TAGS.commit, Value: tagValue(values.commit) },
    { Key: TAGS.run, Value: tagValue(values.run) }
  ]
}

/** A resource's tags as key -> value, reading at most `maxPages` pages of 100. */
export async function readTags(
  sagemaker: SageMakerClient,
  arn: string,
  maxPages = Number.POSITIVE_INFINITY
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {}
  let nextToken: string | undefined
  let pages = 0
  do {
    const page = await sagemaker.send(
      new ListTagsCommand({ ResourceArn: arn, MaxResults: 100, NextToken: nextToken })
    )
    for (const tag of page.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? ''
    nextToken = page.NextToken
  } while (nextToken && ++pages < maxPages)
  return tags
}

/** key -> value as the list SageMaker takes. */
export function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}

/** AddTags overwrites the values of keys that already exist. */
export async function writeTags(
  sagemaker: SageMakerClient,
  arn: string,
  tags: Tag[]
): Promise<void> {
  await sagemaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: tags }))
}

/** The entries of `wanted` that `current` does not already hold with that value. */
export function tagChanges(
  wanted: Record<string, string>,
  current: Record<string, string>
): [string, string][] {
  return Object.entries(wanted).filter(([key, value]) => current[key] !== value)
}
