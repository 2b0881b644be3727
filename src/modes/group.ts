// `group`: look after the model package group itself. `describe` and `list` only read;
// `update-tags`, `delete`, `share` and `unshare` change it, print their plan first, and
// make no mutating call in a dry run. Deleting is the one operation that can lose work,
// so it refuses unless every version it would take was asked for (`force: true`), none
// of them is an Approved version recorded as deployed, and no endpoint a version is
// recorded on still serves it, whatever its status.
import {
  AddTagsCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DeleteModelPackageGroupPolicyCommand,
  PutModelPackageGroupPolicyCommand
} from '@aws-sdk/client-sagemaker'
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { deployedVersions } from '../registry/served.js'
import { errorMessage, UserError } from '../errors.js'
import { readTags, tagList } from '../registry/tags.js'
import {
  SHARE_SID,
  policyText,
  readGroupPolicy,
  refuseOwnAccount,
  sharedAccounts,
  sharePolicy,
  unsharePolicy,
  type PolicyChange
} from '../registry/sharing.js'
import {
  describeGroup,
  listVersions,
  readGroupArn,
  type VersionSummary
} from '../registry/versions.js'
import { versionTable, type CompareRow } from '../report/compare.js'
import { escapeCell, escapeText } from '../report/escape.js'
import { keyValueTable } from '../report/lineage.js'
import type { GroupSettings, SettingsOf } from '../settings.js'
import { publish, reportFileName } from '../publish.js'

/** `describe` counts at most this many versions; beyond it the counts say "at least". */
export const COUNT_LIMIT = 1000
/** `delete` takes at most this many versions in one run; a bigger group is deleted by hand. */
export const DELETE_LIMIT = 500
/** ListTags pages read for `describe` and `update-tags` (50 tags is SageMaker's own limit). */
const TAG_PAGES = 5

type Tags = Record<string, string>

function summaryRow(summary: VersionSummary): CompareRow {
  return {
    version: summary.version,
    arn: summary.arn,
    status: summary.status,
    created: summary.creationTime instanceof Date ? summary.creationTime.toISOString() : undefined,
    description: summary.description,
    metrics: {}
  }
}

/** Policy calls take a group name and act in the caller's account only. */
function requireOwnGroup(settings: SettingsOf<'group'>, operation: string): void {
  if (settings.group.arn) {
    throw new UserError(
      `group-operation "${operation}" needs "model-package-group" as a name, not an ARN: SageMaker's resource-policy calls act on the group of that name in the credentials' own account, and a group shared from another account is shared by its owner.`
    )
  }
}

function countsByStatus(versions: VersionSummary[]): Record<string, number> {
  const counts: Record<string, number> = { Approved: 0, PendingManualApproval: 0, Rejected: 0 }
  for (const version of versions) counts[version.status] = (counts[version.status] ?? 0) + 1
  return counts
}

async function describeOperation(ctx: RunContext, settings: SettingsOf<'group'>): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  const group = await ctx.steps.run('reading the group', () =>
    describeGroup(sagemaker, settings.group)
  )
  const arn = group.ModelPackageGroupArn ?? settings.group.arn ?? ''
  const versions = await ctx.steps.run('listing its versions', () =>
    listVersions(sagemaker, settings.group, { limit: COUNT_LIMIT })
  )
  const capped = versions.length >= COUNT_LIMIT
  const counts = countsByStatus(versions)
  const notes: string[] = []
  let tags: Tags = {}
  try {
    tags = arn ? await readTags(sagemaker, arn, TAG_PAGES) : {}
  } catch (error) {
    notes.push(`Tags could not be read: ${errorMessage(error)}`)
  }
  let shared: string[] = []
  let otherStatements = 0
  if (!settings.group.arn) {
    try {
      const policy = await readGroupPolicy(sagemaker, settings.group.name)
      shared = sharedAccounts(policy)
      otherStatements = (policy?.Statement ?? []).filter(entry => entry.Sid !== SHARE_SID).length
    } catch (error) {
      notes.push(`The resource policy could not be read: ${errorMessage(error)}`)
    }
  }
  for (const note of notes) ctx.out.warning(note)

  const at = capped ? 'at least ' : ''
  const newest = versions[0]
  const approved = versions.find(version => version.status === 'Approved')
  const markdown = [
    `## Model package group ${escapeText(settings.group.name, 200)}`,
    '',
    ...keyValueTable([
      ['ARN', arn],
      ['description', group.ModelPackageGroupDescription],
      ['status', group.ModelPackageGroupStatus],
      ['created', group.CreationTime?.toISOString()],
      ['versions', `${at}${versions.length}`],
      ['Approved', `${at}${counts.Approved}`],
      ['PendingManualApproval', `${at}${counts.PendingManualApproval}`],
      ['Rejected', `${at}${counts.Rejected}`],
      ['newest version', newest ? `v${newest.version} (${newest.status})` : undefined],
      ['newest approved', approved ? `v${approved.version}` : undefined],
      ['shared with accounts', shared.join(', ')],
      ['other policy statements', otherStatements > 0 ? String(otherStatements) : undefined]
    ]),
    ...(Object.keys(tags).length > 0
      ? ['### Tags', '', ...keyValueTable(Object.entries(tags), ['key', 'value'])]
      : []),
    ...notes.map(note => `> ${escapeText(note, 500)}`)
  ].join('\n')
  ctx.out.info(
    `Group "${settings.group.name}": ${at}${versions.length} versions (Approved ${counts.Approved}, PendingManualApproval ${counts.PendingManualApproval}, Rejected ${counts.Rejected})`
  )
  await ctx.steps.run('writing the report', () =>
    publish(ctx, {
      markdown,
      json: {
        fileName: reportFileName(settings.group, 'group'),
        data: {
          schema: 'sagemaker-model-gate/group-report@1',
          group: settings.group.name,
          arn,
          description: group.ModelPackageGroupDescription ?? null,
          status: group.ModelPackageGroupStatus ?? null,
          created: group.CreationTime?.toISOString() ?? null,
          versions: { total: versions.length, capped, byStatus: counts },
          tags,
          sharedWith: shared
        }
      }
    })
  )
}

async function listOperation(ctx: RunContext, settings: SettingsOf<'group'>): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  const versions = await ctx.steps.run('listing the versions', async () => {
    const found = await listVersions(sagemaker, settings.group, { limit: settings.history })
    // Listing a group that does not exist answers with no versions: tell the two apart.
    if (found.length === 0) await describeGroup(sagemaker, settings.group)
    return found
  })
  const rows = versions.map(summaryRow)
  ctx.out.info(`Group "${settings.group.name}": the newest ${rows.length} versions`)
  for (const row of rows) ctx.out.info(`  v${row.version} ${row.status ?? ''} ${row.created ?? ''}`)
  const markdown = [
    `## Versions of ${escapeText(settings.group.name, 200)} (newest ${rows.length})`,
    '',
    ...(rows.length > 0
      ? versionTable(rows, { description: true })
      : ['The group has no versions.'])
  ].join('\n')
  await ctx.steps.run('writing the report', () =>
    publish(ctx, {
      markdown,
      json: {
        fileName: reportFileName(settings.group, 'versions'),
        data: {
          schema: 'sagemaker-model-gate/group-versions@1',
          group: settings.group.name,
          versions: rows.map(row => ({
            version: row.version,
            arn: row.arn,
            status: row.status ?? null,
            created: row.created ?? null,
            description: row.description ?? null
          }))
        }
      }
    })
  )
}

async function updateTagsOperation(
  ctx: RunContext,
  settings: SettingsOf<'group'>,
  ops: GroupSettings
): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  const arn = await ctx.steps.run('reading the group', () =>
    readGroupArn(sagemaker, settings.group)
  )
  const current = await ctx.steps.run('reading its tags', () => readTags(sagemaker, arn, TAG_PAGES))
  const changes = Object.entries(ops.groupTags).filter(([key, value]) => current[key] !== value)
  const lines = changes.map(([key, value]) =>
    key in current ? `${key}: "${current[key]}" -> "${value}"` : `${key}: (new) "${value}"`
  )
  if (changes.length === 0) {
    ctx.out.info(
      `Group "${settings.group.name}" already carries every tag in "group-tags"; nothing to do.`
    )
  } else if (settings.dryRun) {
    ctx.out.info(
      `Dry run: would call AddTags on ${arn} with:\n${JSON.stringify(
        changes.map(([Key, Value]) => ({ Key, Value })),
        null,
        2
      )}`
    )
  } else {
    await ctx.steps.run('tagging the group', () =>
      sagemaker.send(
        new AddTagsCommand({ ResourceArn: arn, Tags: tagList(Object.fromEntries(changes)) })
      )
    )
    ctx.steps.changed(
      `tagged group "${settings.group.name}" (${changes.map(([key]) => key).join(', ')})`
    )
    ctx.out.info(`Tagged group "${settings.group.name}":\n  ${lines.join('\n  ')}`)
  }
  await ctx.out.summary(
    [
      `### Tags of ${escapeText(settings.group.name, 200)}${settings.dryRun ? ' (dry run)' : ''}`,
      '',
      changes.length === 0
        ? 'Every tag in `group-tags` was already set; nothing changed.'
        : `${settings.dryRun ? 'Would set' : 'Set'} ${changes.length} tag${changes.length === 1 ? '' : 's'}:`,
      '',
      ...(changes.length > 0
        ? [
            '| key | before | after |',
            '|---|---|---|',
            ...changes.map(
              ([key, value]) =>
                `| ${escapeCell(key, 128)} | ${key in current ? escapeCell(current[key] ?? '', 256) : '—'} | ${escapeCell(value, 256)} |`
            ),
            ''
          ]
        : [])
    ].join('\n')
  )
}

function versionList(versions: VersionSummary[]): string {
  return versions.map(version => `v${version.version} (${version.status})`).join(', ')
}

async function deleteOperation(
  ctx: RunContext,
  settings: SettingsOf<'group'>,
  ops: GroupSettings
): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  const name = settings.group.name
  // Fails on a missing group before anything else is looked at.
  await ctx.steps.run('reading the group', () => describeGroup(sagemaker, settings.group))
  const versions = (
    await ctx.steps.run('listing its versions', () =>
      listVersions(sagemaker, settings.group, { limit: DELETE_LIMIT + 1 })
    )
  ).sort((a, b) => b.version - a.version)
  if (versions.length > DELETE_LIMIT) {
    throw new UserError(
      `Group "${name}" holds more than ${DELETE_LIMIT} versions; this action deletes at most ${DELETE_LIMIT} in one run. Delete versions in batches (DeleteModelPackage), then run the group deletion again.`
    )
  }
  if (versions.length > 0 && !ops.force) {
    throw new UserError(
      `Group "${name}" still holds ${versions.length} version${versions.length === 1 ? '' : 's'}: ${versionList(versions)}. Deleting the group deletes them all; set "force: true" to do that, or keep the group.`
    )
  }
  const deployed = await ctx.steps.run('checking which versions are deployed', () =>
    deployedVersions(sagemaker, versions)
  )
  if (deployed.length > 0) {
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

  const plan = [
    ...versions.map(version => `DeleteModelPackage ${version.arn} (${version.status})`),
    `DeleteModelPackageGroup ${settings.group.nameOrArn}`
  ]
  ctx.out.info(
    `${settings.dryRun ? 'Dry run: would delete' : 'Deleting'} group "${name}"${versions.length > 0 ? ` and its ${versions.length} versions, newest first` : ''}:\n  ${plan.join('\n  ')}`
  )
  const deleted: number[] = []
  if (!settings.dryRun) {
    for (const version of versions) {
      await ctx.steps.run(`deleting v${version.version}`, () =>
        sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: version.arn }))
      )
      ctx.steps.changed(`deleted v${version.version}`)
      deleted.push(version.version)
      ctx.out.info(`Deleted v${version.version}`)
    }
    await ctx.steps.run(`deleting group "${name}"`, () =>
      sagemaker.send(
        new DeleteModelPackageGroupCommand({ ModelPackageGroupName: settings.group.nameOrArn })
      )
    )
    ctx.steps.changed(`deleted group "${name}"`)
    ctx.out.info(`Deleted group "${name}"`)
  }
  await ctx.out.summary(
    [
      `### ${settings.dryRun ? 'Dry run: group would be deleted' : 'Group deleted'}: ${escapeText(name, 200)}`,
      '',
      versions.length > 0
        ? `${settings.dryRun ? 'Would delete' : 'Deleted'} ${versions.length} version${versions.length === 1 ? '' : 's'} (newest first), then the group:`
        : 'The group held no versions.',
      '',
      ...(versions.length > 0 ? [...versionTable(versions.map(summaryRow)), ''] : [])
    ].join('\n')
  )
}

function describeChange(operation: 'share' | 'unshare', change: PolicyChange): string {
  const parts: string[] = []
  if (change.accounts.length > 0) {
    parts.push(
      `${operation === 'share' ? 'shares with' : 'stops sharing with'} ${change.accounts.join(', ')}`
    )
  }
  if (change.unchanged.length > 0) {
    parts.push(
      `${operation === 'share' ? 'already shared with' : 'was not shared with'} ${change.unchanged.join(', ')}`
    )
  }
  return parts.join('; ')
}

async function sharingOperation(
  ctx: RunContext,
  settings: SettingsOf<'group'>,
  ops: GroupSettings,
  operation: 'share' | 'unshare'
): Promise<void> {
  requireOwnGroup(settings, operation)
  const sagemaker = ctx.aws.sagemaker
  const name = settings.group.name
  const groupArn = await ctx.steps.run('reading the group', () =>
    readGroupArn(sagemaker, settings.group)
  )
  if (operation === 'share') refuseOwnAccount(groupArn, ops.accountIds)
  const existing = await ctx.steps.run('reading its resource policy', () =>
    readGroupPolicy(sagemaker, name)
  )
  const change =
    operation === 'share'
      ? sharePolicy(existing, groupArn, ops.accountIds)
      : unsharePolicy(existing, ops.accountIds)
  const elsewhere = change.elsewhere
  for (const entry of elsewhere) {
    ctx.out.warning(
      `Account ${entry.account} is also named in policy statement "${entry.sid}", which this action did not write; it is left as is, so that account may keep access.`
    )
  }

  let call: string
  if (!change.changed) call = 'no change needed'
  else if (change.document) call = `PutModelPackageGroupPolicy`
  else call = 'DeleteModelPackageGroupPolicy (no statement left)'
  const text = change.document && change.changed ? policyText(change.document) : undefined
  ctx.out.info(
    `${settings.dryRun ? 'Dry run: ' : ''}${operation} group "${name}": ${describeChange(operation, change)}; ${settings.dryRun && change.changed ? `would call ${call}` : call}${text ? `\n${JSON.stringify(change.document, null, 2)}` : ''}`
  )
  if (change.changed && !settings.dryRun) {
    await ctx.steps.run('writing the resource policy', () =>
      text
        ? sagemaker.send(
            new PutModelPackageGroupPolicyCommand({
              ModelPackageGroupName: name,
              ResourcePolicy: text
            })
          )
        : sagemaker.send(new DeleteModelPackageGroupPolicyCommand({ ModelPackageGroupName: name }))
    )
    ctx.steps.changed(`${operation === 'share' ? 'shared' : 'unshared'} group "${name}"`)
  }
  const after = change.changed ? sharedAccounts(change.document) : sharedAccounts(existing)
  await ctx.out.summary(
    [
      `### ${operation === 'share' ? 'Sharing' : 'Unsharing'} ${escapeText(name, 200)}${settings.dryRun ? ' (dry run)' : ''}`,
      '',
      escapeText(describeChange(operation, change) || 'nothing to change', 1000),
      '',
      `Shared with ${after.length > 0 ? after.join(', ') : 'no account'}${settings.dryRun && change.changed ? ' once applied' : ''}.`,
      ...elsewhere.map(
        entry =>
          `> Account ${entry.account} is still named by policy statement ${escapeText(entry.sid, 100)}, which this action did not write.`
      ),
      ''
    ].join('\n')
  )
}

export const runGroup: ModeRunner<'group'> = async (ctx, settings): Promise<ModeOutcome> => {
  const ops = settings.groupOps
  switch (ops.operation) {
    case 'describe':
      await describeOperation(ctx, settings)
      break
    case 'list':
      await listOperation(ctx, settings)
      break
    case 'update-tags':
      await updateTagsOperation(ctx, settings, ops)
      break
    case 'delete':
      await deleteOperation(ctx, settings, ops)
      break
    case 'share':
    case 'unshare':
      await sharingOperation(ctx, settings, ops, ops.operation)
      break
  }
  return {}
}
