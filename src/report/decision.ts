// The job summary of `approve` and `reject`: what the version was, what it is now, who
// decided and why.
import { escapeCell, escapeText } from './escape.js'
import { statusWords } from './format.js'

export interface DecisionView {
  group: string
  version: number
  verdict: 'Approved' | 'Rejected'
  /** The status before this decision. */
  previous: string
  actor: string
  reason: string
  /** Approved over a failed gate with `force: true`. */
  forced: boolean
  runUrl: string
  dryRun: boolean
}

export function renderDecision(view: DecisionView): string {
  const verdict = view.verdict.toLowerCase()
  return [
    `### ${view.verdict === 'Approved' ? '✅' : '❌'} ${escapeText(view.group)} v${view.version} ${view.dryRun ? `would be ${verdict}` : verdict}`,
    '',
    '| | |',
    '|---|---|',
    `| previous status | ${escapeCell(statusWords(view.previous) ?? view.previous)} |`,
    `| decided by | ${escapeCell(view.actor)} |`,
    `| reason | ${escapeCell(view.reason)} |`,
    ...(view.forced ? ['| note | approved over a failed gate (`force: true`) |'] : []),
    ...(view.runUrl ? [`| run | ${view.runUrl} |`] : []),
    ''
  ].join('\n')
}
