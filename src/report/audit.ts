// The audit trail as the reports show it: a timeline in the lineage report (Markdown and
// terminal text) and the last decision per version in compare. Every property was written
// by whoever ran the action, so all of it is escaped.
import type { AuditAction } from '../registry/audit.js'
import { escapeText } from './escape.js'
import { dateTime } from './format.js'
import { shortSha } from './links.js'
import { cell, commitCell, table, urlCell } from './markdown.js'
import { plain } from './text.js'

/** Decisions that only repeat the mode's name (`approve` is always `Approved`). */
const IMPLIED: Record<string, string> = {
  register: 'registered',
  approve: 'Approved',
  reject: 'Rejected',
  deploy: 'deployed',
  rollback: 'rolled-back'
}

/** `gate pass`, `approve`, `deploy failed`: the mode, and the decision where it says more. */
export function decisionLabel(action: AuditAction): string {
  const decision = action.properties.decision
  return decision && IMPLIED[action.type] !== decision ? `${action.type} ${decision}` : action.type
}

/** The digests a decision rests on, shortened: the report links nothing it cannot verify. */
function digests(action: AuditAction): string | undefined {
  const parts = [
    action.properties['policy-sha256'] &&
      `policy ${action.properties['policy-sha256'].slice(0, 12)}`,
    action.properties['data-sha256'] && `data ${action.properties['data-sha256'].slice(0, 12)}`
  ].filter((part): part is string => Boolean(part))
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** The lineage report's timeline, oldest first; nothing when no run recorded one. */
export function auditTrailSection(
  actions: readonly AuditAction[] | undefined,
  repository: string | undefined
): string[] {
  if (!actions || actions.length === 0) return []
  const rows = actions.map(action => {
    const p = action.properties
    return [
      cell(dateTime(action.created), 40),
      cell(decisionLabel(action), 60),
      cell(p.actor, 100),
      p.commit ? commitCell(p.commit, repository) : '—',
      p['run-url'] ? urlCell(p['run-url']) : '—',
      cell([p.reason, digests(action)].filter(Boolean).join(' · '), 400)
    ]
  })
  return [
    '### Audit trail',
    '',
    `<sub>${actions.length} recorded run${actions.length === 1 ? '' : 's'}, from SageMaker lineage (one action per run).</sub>`,
    '',
    ...table(
      ['when', 'decision', 'by', 'commit', 'run', 'reason'],
      ['---', '---', '---', '---', '---', '---'],
      rows
    ),
    ''
  ]
}

/** The same timeline for a terminal, one line per run. */
export function auditTrailText(actions: readonly AuditAction[] | undefined): string[] {
  if (!actions || actions.length === 0) return []
  return [
    '  audit trail:',
    ...actions.map(action => {
      const p = action.properties
      const who = [
        p.actor && `by ${plain(p.actor, 100)}`,
        p.commit && `at ${shortSha(p.commit)}`,
        p['run-id'] && `run ${plain(p['run-id'], 40)}`
      ].filter(Boolean)
      const reason = p.reason ? `: ${plain(p.reason, 300)}` : ''
      return `    ${dateTime(action.created) ?? '—'}  ${plain(decisionLabel(action), 60)} ${who.join(' ')}${reason}`
    })
  ]
}

/** The compare column's cell: the version's last recorded decision. */
export function lastDecisionCell(action: AuditAction | undefined): string {
  return action ? escapeText(decisionLabel(action), 60) : '—'
}
