// `group`: look after the model package group itself. `describe` and `list` only read;
// `update-tags`, `delete`, `share` and `unshare` change it, print their plan first, and
// make no mutating call in a dry run. `delete` refuses to lose work (registry/groups.ts).
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { publish, reportFileName } from '../publish.js'
import {
  assertDeletable,
  assertNotDeployed,
  deleteGroupAndVersions,
  deletionCalls,
  DELETE_LIMIT,
  readGroupFacts,
  TAG_PAGES
} from '../registry/groups.js'
import { deployedVersions } from '../registry/served.js'
import {
  changePlan,
  describeChange,
  readGroupPolicy,
  refuseOwnAccount,
  requireOwnGroup,
  sharedAccounts,
  sharePolicy,
  unsharePolicy,
  writeGroupPolicy
} from '../registry/sharing.js'
import { readTags, tagChanges, tagList, writeTags } from '../registry/tags.js'
import {
  describeGroup,
  listExistingVersions,
  listVersions,
  readGroupArn
} from '../registry/versions.js'
import {
  groupLine,
  renderDeletion,
  renderGroupFacts,
  renderSharing,
  renderTagChanges,
  renderVersionList
} from '../report/group.js'
import { summaryRow } from '../report/rows.js'
import type { SettingsOf } from '../settings.js'

type GroupRun = SettingsOf<'group'>

async function describe(ctx: RunContext, { group }: GroupRun): Promise<void> {
  const facts = await readGroupFacts(ctx, group)
  for (const note of facts.notes) ctx.out.warning(note)
  const { markdown, data } = renderGroupFacts(group.name, facts)
  ctx.out.info(groupLine(group.name, facts))
  await ctx.steps.run('writing the report', () =>
    publish(ctx, { markdown, json: { fileName: reportFileName(group, 'group'), data } })
  )
}

async function list(ctx: RunContext, { group, history }: GroupRun): Promise<void> {
  const versions = await ctx.steps.run('listing the versions', () =>
    listExistingVersions(ctx.aws.sagemaker, group, history)
  )
  const rows = versions.map(summaryRow)
  ctx.out.info(`Group "${group.name}": the newest ${rows.length} versions`)
  for (const row of rows) ctx.out.info(`  v${row.version} ${row.status ?? ''} ${row.created ?? ''}`)
  const { markdown, data } = renderVersionList(group.name, rows)
  await ctx.steps.run('writing the report', () =>
    publish(ctx, { markdown, json: { fileName: reportFileName(group, 'versions'), data } })
  )
}

async function updateTags(ctx: RunContext, { group, groupOps, dryRun }: GroupRun): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  const arn = await ctx.steps.run('reading the group', () => readGroupArn(sagemaker, group))
  const current = await ctx.steps.run('reading its tags', () => readTags(sagemaker, arn, TAG_PAGES))
  const changes = tagChanges(groupOps.groupTags, current)
  const tags = tagList(Object.fromEntries(changes))
  if (changes.length === 0) {
    ctx.out.info(`Group "${group.name}" already carries every tag in "group-tags"; nothing to do.`)
  } else if (dryRun) {
    ctx.out.info(`Dry run: would call AddTags on ${arn} with:\n${JSON.stringify(tags, null, 2)}`)
  } else {
    await ctx.steps.run('tagging the group', () => writeTags(sagemaker, arn, tags))
    ctx.steps.changed(`tagged group "${group.name}" (${changes.map(([key]) => key).join(', ')})`)
    const lines = changes.map(([key, value]) =>
      key in current ? `${key}: "${current[key]}" -> "${value}"` : `${key}: (new) "${value}"`
    )
    ctx.out.info(`Tagged group "${group.name}":\n  ${lines.join('\n  ')}`)
  }
  await publish(ctx, { markdown: renderTagChanges(group.name, dryRun, changes, current) })
}

async function remove(ctx: RunContext, { group, groupOps, dryRun }: GroupRun): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  // Fails on a missing group before anything else is looked at.
  await ctx.steps.run('reading the group', () => describeGroup(sagemaker, group))
  const listed = await ctx.steps.run('listing its versions', () =>
    listVersions(sagemaker, group, { limit: DELETE_LIMIT + 1 })
  )
  const versions = listed.sort((a, b) => b.version - a.version)
  assertDeletable(group.name, versions, groupOps.force)
  const deployed = await ctx.steps.run('checking which versions are deployed', () =>
    deployedVersions(sagemaker, versions)
  )
  assertNotDeployed(group.name, deployed)
  const which = versions.length > 0 ? ` and its ${versions.length} versions, newest first` : ''
  ctx.out.info(
    `${dryRun ? 'Dry run: would delete' : 'Deleting'} group "${group.name}"${which}:\n  ${deletionCalls(group, versions).join('\n  ')}`
  )
  if (!dryRun) await deleteGroupAndVersions(ctx, group, versions)
  await publish(ctx, { markdown: renderDeletion(group.name, dryRun, versions) })
}

async function share(
  ctx: RunContext,
  { group, groupOps, dryRun }: GroupRun,
  operation: 'share' | 'unshare'
): Promise<void> {
  requireOwnGroup(group, operation)
  const sagemaker = ctx.aws.sagemaker
  const groupArn = await ctx.steps.run('reading the group', () => readGroupArn(sagemaker, group))
  if (operation === 'share') refuseOwnAccount(groupArn, groupOps.accountIds)
  const existing = await ctx.steps.run('reading its resource policy', () =>
    readGroupPolicy(sagemaker, group.name)
  )
  const change =
    operation === 'share'
      ? sharePolicy(existing, groupArn, groupOps.accountIds)
      : unsharePolicy(existing, groupOps.accountIds)
  for (const entry of change.elsewhere) {
    ctx.out.warning(
      `Account ${entry.account} is also named in policy statement "${entry.sid}", which this action did not write; it is left as is, so that account may keep access.`
    )
  }
  ctx.out.info(changePlan(operation, group.name, change, dryRun))
  if (change.changed && !dryRun) {
    await ctx.steps.run('writing the resource policy', () =>
      writeGroupPolicy(sagemaker, group.name, change)
    )
    ctx.steps.changed(`${operation === 'share' ? 'shared' : 'unshared'} group "${group.name}"`)
  }
  const after = sharedAccounts(change.changed ? change.document : existing)
  const view = { operation, name: group.name, dryRun, changed: change.changed, after }
  const markdown = renderSharing({
    ...view,
    change: describeChange(operation, change),
    elsewhere: change.elsewhere
  })
  await publish(ctx, { markdown })
}

export const runGroup: ModeRunner<'group'> = async (ctx, settings): Promise<ModeOutcome> => {
  const operation = settings.groupOps.operation
  if (operation === 'describe') await describe(ctx, settings)
  else if (operation === 'list') await list(ctx, settings)
  else if (operation === 'update-tags') await updateTags(ctx, settings)
  else if (operation === 'delete') await remove(ctx, settings)
  else await share(ctx, settings, operation)
  return {}
}
