// The reports of `group`: the group described, its versions listed, its tags changed, its
// deletion, its sharing. Each is Markdown for the summary and, where there is one, the
// data of the JSON report.
import type { GroupFacts } from '../registry/groups.js'
import type { VersionSummary } from '../registry/versions.js'
import { versionTable, type CompareRow } from './compare.js'
import { escapeCell, escapeText } from './escape.js'
import { keyValueTable } from './lineage.js'
import { summaryRow } from './rows.js'

export interface GroupReport {
  markdown: string
  data: Record<string, unknown>
}

/** The one-line account of a group in the log. */
export function groupLine(name: string, facts: GroupFacts): string {
  const at = facts.capped ? 'at least ' : ''
  const { counts } = facts
  return `Group "${name}": ${at}${facts.versions.length} versions (Approved ${counts.Approved}, PendingManualApproval ${counts.PendingManualApproval}, Rejected ${counts.Rejected})`
}

export function renderGroupFacts(name: string, facts: GroupFacts): GroupReport {
  const { described, versions, counts, tags } = facts
  const at = facts.capped ? 'at least ' : ''
  const newest = versions[0]
  const approved = versions.find(version => version.status === 'Approved')
  const markdown = [
    `## Model package group ${escapeText(name, 200)}`,
    '',
    ...keyValueTable([
      ['ARN', facts.arn],
      ['description', described.ModelPackageGroupDescription],
      ['status', described.ModelPackageGroupStatus],
      ['created', described.CreationTime?.toISOString()],
      ['versions', `${at}${versions.length}`],
      ['Approved', `${at}${counts.Approved}`],
      ['PendingManualApproval', `${at}${counts.PendingManualApproval}`],
      ['Rejected', `${at}${counts.Rejected}`],
      ['newest version', newest ? `v${newest.version} (${newest.status})` : undefined],
      ['newest approved', approved ? `v${approved.version}` : undefined],
      ['shared with accounts', facts.sharedWith.join(', ')],
      [
        'other policy statements',
        facts.otherStatements > 0 ? String(facts.otherStatements) : undefined
      ]
    ]),
    ...(Object.keys(tags).length > 0
      ? ['### Tags', '', ...keyValueTable(Object.entries(tags), ['key', 'value'])]
      : []),
    ...facts.notes.map(note => `> ${escapeText(note, 500)}`)
  ].join('\n')
  const data = {
    schema: 'sagemaker-model-gate/group-report@1',
    group: name,
    arn: facts.arn,
    description: described.ModelPackageGroupDescription ?? null,
    status: described.ModelPackageGroupStatus ?? null,
    created: described.CreationTime?.toISOString() ?? null,
    versions: { total: versions.length, capped: facts.capped, byStatus: counts },
    tags,
    sharedWith: facts.sharedWith
  }
  return { markdown, data }
}

export function renderVersionList(name: string, rows: CompareRow[]): GroupReport {
  const markdown = [
    `## Versions of ${escapeText(name, 200)} (newest ${rows.length})`,
    '',
    ...(rows.length > 0
      ? versionTable(rows, { description: true })
      : ['The group has no versions.'])
  ].join('\n')
  const data = {
    schema: 'sagemaker-model-gate/group-versions@1',
    group: name,
    versions: rows.map(row => ({
      version: row.version,
      arn: row.arn,
      status: row.status ?? null,
      created: row.created ?? null,
      description: row.description ?? null
    }))
  }
  return { markdown, data }
}

export function renderTagChanges(
  name: string,
  dryRun: boolean,
  changes: [string, string][],
  current: Record<string, string>
): string {
  const count = `${changes.length} tag${changes.length === 1 ? '' : 's'}`
  return [
    `### Tags of ${escapeText(name, 200)}${dryRun ? ' (dry run)' : ''}`,
    '',
    changes.length === 0
      ? 'Every tag in `group-tags` was already set; nothing changed.'
      : `${dryRun ? 'Would set' : 'Set'} ${count}:`,
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
}

export function renderDeletion(name: string, dryRun: boolean, versions: VersionSummary[]): string {
  const count = `${versions.length} version${versions.length === 1 ? '' : 's'}`
  return [
    `### ${dryRun ? 'Dry run: group would be deleted' : 'Group deleted'}: ${escapeText(name, 200)}`,
    '',
    versions.length > 0
      ? `${dryRun ? 'Would delete' : 'Deleted'} ${count} (newest first), then the group:`
      : 'The group held no versions.',
    '',
    ...(versions.length > 0 ? [...versionTable(versions.map(summaryRow)), ''] : [])
  ].join('\n')
}

export interface SharingView {
  operation: 'share' | 'unshare'
  name: string
  dryRun: boolean
  /** What the change does, in words (empty: nothing). */
  change: string
  changed: boolean
  /** The accounts the group is shared with afterwards. */
  after: string[]
  /** Statements this action did not write that still name an account. */
  elsewhere: { account: string; sid: string }[]
}

export function renderSharing(view: SharingView): string {
  const shared = view.after.length > 0 ? view.after.join(', ') : 'no account'
  return [
    `### ${view.operation === 'share' ? 'Sharing' : 'Unsharing'} ${escapeText(view.name, 200)}${view.dryRun ? ' (dry run)' : ''}`,
    '',
    escapeText(view.change || 'nothing to change', 1000),
    '',
    `Shared with ${shared}${view.dryRun && view.changed ? ' once applied' : ''}.`,
    ...view.elsewhere.map(
      entry =>
        `> Account ${entry.account} is still named by policy statement ${escapeText(entry.sid, 100)}, which this action did not write.`
    ),
    ''
  ].join('\n')
}
