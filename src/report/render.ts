// The gate's report as GitHub Markdown, for the sticky PR comment and the job summary:
// the verdict first, then one row per metric with the failures on top, then why, what
// changed, the trend, where the versions came from, and links.
import type { Decision, MetricDirection } from '../policy/types.js'
import { trendChart, type ChartLine, type ChartPoint } from './chart.js'
import { escapeText, safeUrl } from './escape.js'
import { statusWords, withStatusWords } from './format.js'
import { metricTable, otherMetrics, reasonLists, type TableHeads } from './gate-table.js'
import { consoleLinks, type ReportLink } from './links.js'
import { liveNote } from './live.js'
import { link, versionLink } from './markdown.js'
import { changesSection, provenanceTable, type BuildFacts } from './provenance.js'
import { failureCount, metricRows, type MetricRow } from './rules.js'

import type { GateLive } from '../evaluation/live/gate.js'
import type { HistoryEntry } from '../registry/comparison.js'

export type { HistoryEntry }

/** One version as the report shows it. */
export interface VersionReport extends BuildFacts {
  version?: number
  arn?: string
  status?: string
  description?: string
  metrics: Record<string, number>
  /** Standard deviation per metric, where the statistics carry one (shown as `±`). */
  standardDeviations?: Record<string, number>
  /** Commit, repository, workflow run and the like, from the version's metadata. */
  provenance: Record<string, string>
  creationTime?: string | Date
}

export interface BaselineReport extends VersionReport {
  /** How the baseline was chosen: `latest approved`, `endpoint prod`, `version 3`. */
  label: string
}

export interface GateReport {
  /** Group name or ARN, as given. */
  group: string
  region: string
  candidate: VersionReport
  baseline?: BaselineReport
  decision: Decision
  /** Versions for the trend charts, oldest first; the candidate is added if absent. */
  history: HistoryEntry[]
  runUrl?: string
  /** Links beyond the console links built from region and group. */
  links?: ReportLink[]
  dryRun: boolean
  /** What the gate wrote to the registry, e.g. `Rejected written to v5`. */
  written?: string
  /** `gate:policy-sha256` of the policy that made the decision. */
  policySha256?: string
  /** Which way is better per metric, as the policy has it (`metric-directions` included). */
  directions?: Record<string, MetricDirection>
  /** The GitHub server, for commit and pull request links when the repository is `owner/name`. */
  serverUrl?: string
  /** What the gate measured itself on validation data (`live:` metrics), when it did. */
  live?: GateLive
}

/** GitHub refuses comments longer than 65,536 characters; keep some room. */
export const MAX_COMMENT_LENGTH = 65_000

/** More charts than this add length, not insight: failing metrics come first. */
export const MAX_GATE_CHARTS = 10

/** The hidden first line that identifies the sticky comment of a group. */
export function commentMarker(group: string): string {
  // The marker sits inside an HTML comment: nothing in it may close the comment.
  return `<!-- sagemaker-model-gate:${group.replace(/[^A-Za-z0-9:/._-]/g, '_')} -->`
}

interface Budget {
  otherMetrics: boolean
  historyVersions: number
  chartMetrics: number
  provenanceKeys: number
  provenanceValueLength: number
  descriptionLength: number
  ruleRows: number
}

const FULL: Budget = {
  otherMetrics: true,
  historyVersions: Number.MAX_SAFE_INTEGER,
  chartMetrics: MAX_GATE_CHARTS,
  provenanceKeys: Number.MAX_SAFE_INTEGER,
  provenanceValueLength: 300,
  descriptionLength: 1000,
  ruleRows: Number.MAX_SAFE_INTEGER
}

// Each step gives up less useful detail first; the decision, the rules and the reasons
// are the last to go.
const SHRINK: Array<{ note: string; budget: Partial<Budget> }> = [
  { note: 'metrics without a rule left out', budget: { otherMetrics: false } },
  { note: 'charts show the last 10 versions', budget: { historyVersions: 10 } },
  {
    note: 'provenance shortened',
    budget: { provenanceKeys: 20, provenanceValueLength: 100, descriptionLength: 200 }
  },
  { note: 'charts for the first 5 metrics only', budget: { chartMetrics: 5 } },
  { note: 'charts and provenance left out', budget: { chartMetrics: 0, provenanceKeys: 0 } },
  { note: 'rules and reasons cut to the first 100', budget: { ruleRows: 100 } }
]

/** The history with the candidate as its last point, when the history does not hold it yet. */
export function historyWithCandidate(data: GateReport): HistoryEntry[] {
  const history = [...data.history]
  const version = data.candidate.version
  if (version !== undefined && !history.some(entry => entry.version === version)) {
    history.push({ version, status: data.candidate.status, metrics: data.candidate.metrics })
  }
  return history
}

/** The report's metric rows: failing first, with directions and standard deviations. */
export function gateRows(data: GateReport): MetricRow[] {
  return metricRows(data.decision.rules, data.directions, {
    baseline: data.baseline?.standardDeviations,
    candidate: data.candidate.standardDeviations
  })
}

/** The one thing to do next, in the words of the modes that do it. */
export function nextStep(data: GateReport): string {
  const version =
    data.candidate.version !== undefined ? `v${data.candidate.version}` : 'the candidate'
  if (data.dryRun) return `run again without \`dry-run\` to record the decision on ${version}.`
  const status = data.candidate.status
  if (data.decision.decision === 'pass') {
    return status === 'Approved'
      ? `${version} is approved: deploy it with mode \`deploy\`.`
      : `a reviewer approves ${version} with mode \`approve\` and a reason, or rejects it with mode \`reject\`.`
  }
  return `fix what fails and register a new version; to ship ${version} anyway, a person approves it with mode \`approve\`, \`force: true\` and a reason.`
}

function headline(data: GateReport, rows: readonly MetricRow[]): string[] {
  const passed = data.decision.decision === 'pass'
  const { group, region } = data
  const candidate = versionLink(group, region, data.candidate.version)
  const status = statusWords(data.candidate.status)
  const baseline = data.baseline
    ? `baseline ${versionLink(group, region, data.baseline.version, 'baseline')} ${escapeText(data.baseline.label, 100)}`
    : 'no baseline'
  const lines = [
    `## ${passed ? '✅' : '❌'} Model gate ${passed ? 'passed' : 'failed'}: ${escapeText(group, 200)} ${candidate}`,
    '',
    `**${failureCount(rows)}** · candidate ${candidate}${status ? ` ${escapeText(status, 50)}` : ''} · ${baseline} · ${escapeText(region, 50)}`,
    ''
  ]
  if (data.dryRun) {
    lines.push('> [!NOTE]', '> Dry run: nothing was written to the registry.', '')
  } else if (data.written) {
    lines.push(`**Registry:** ${escapeText(withStatusWords(data.written), 300)}`, '')
  }
  lines.push(`**Next step:** ${nextStep(data)}`, '')
  return lines
}

function chartLines(row: MetricRow, baseline: BaselineReport | undefined): ChartLine[] {
  const base = row.baseline
  return row.rules.flatMap((rule): ChartLine[] => {
    const shape = rule.shape
    if (shape?.kind === 'threshold')
      return [{ kind: 'threshold', value: shape.value, label: `threshold ${rule.text}` }]
    if (
      shape?.kind !== 'regression' ||
      base === undefined ||
      !Number.isFinite(base) ||
      !row.direction
    )
      return []
    const allowed = shape.relative ? (shape.limit / 100) * Math.abs(base) : shape.limit
    const value = row.direction === 'higher' ? base - allowed : base + allowed
    const from = baseline?.version !== undefined ? ` from v${baseline.version}` : ''
    return [{ kind: 'limit', value, label: `${rule.text}${from}` }]
  })
}

function charts(data: GateReport, rows: readonly MetricRow[], budget: Budget): string[] {
  if (budget.chartMetrics === 0) return []
  const history = historyWithCandidate(data).slice(-budget.historyVersions)
  const drawn = rows.slice(0, budget.chartMetrics).flatMap(row => {
    const points: ChartPoint[] = history.flatMap(entry => {
      const value = entry.metrics[row.metric]
      return value === undefined ? [] : [{ version: entry.version, value, status: entry.status }]
    })
    const chart = trendChart({
      metric: row.metric,
      direction: row.direction,
      points,
      baseline: data.baseline?.version,
      candidate: data.candidate.version,
      lines: chartLines(row, data.baseline)
    })
    return chart ? [chart.block, '', `<sub>${escapeText(chart.legend, 1000)}</sub>`, ''] : []
  })
  if (drawn.length === 0) return []
  const count = drawn.length / 4
  const first = history[0]
  const last = history[history.length - 1]
  const range = first && last ? ` (v${first.version} to v${last.version})` : ''
  const more =
    rows.length > count
      ? [
          `<sub>Charts for ${count} of ${rows.length} metrics, failing metrics first; the JSON report has every value.</sub>`,
          ''
        ]
      : []
  if (count <= 2) return [`### Trend${range}`, '', ...drawn, ...more]
  return [
    `<details><summary>Trend of ${count} metrics${range}</summary>`,
    '',
    ...drawn,
    ...more,
    '</details>',
    ''
  ]
}

function headsOf(data: GateReport): TableHeads {
  const { group, region } = data
  return {
    baseline: data.baseline
      ? `baseline ${versionLink(group, region, data.baseline.version, '')}`.trim()
      : 'baseline',
    candidate: `candidate ${versionLink(group, region, data.candidate.version, '')}`.trim()
  }
}

function provenance(data: GateReport, heads: TableHeads, budget: Budget): string[] {
  const columns = [{ ...data.candidate, title: heads.candidate }]
  if (data.baseline) columns.push({ ...data.baseline, title: heads.baseline })
  return provenanceTable(
    columns,
    {
      keys: budget.provenanceKeys,
      valueLength: budget.provenanceValueLength,
      descriptionLength: budget.descriptionLength
    },
    data.serverUrl
  )
}

function changes(data: GateReport, heads: TableHeads, budget: Budget): string[] {
  if (!data.baseline) return []
  return changesSection(
    { ...data.baseline, title: heads.baseline },
    { ...data.candidate, title: heads.candidate },
    Math.min(budget.provenanceKeys, 50)
  )
}

function links(data: GateReport): string[] {
  const all = [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])]
  const lines = all.map(entry => `- ${link(entry.label, entry.url)}`)
  return lines.length === 0 ? [] : ['### Links', '', ...lines, '']
}

function shortened(notes: string[]): string[] {
  if (notes.length === 0) return []
  return [`<sub>Shortened to fit GitHub's comment size limit: ${notes.join('; ')}.</sub>`, '']
}

function footer(data: GateReport): string[] {
  const parts = ['sagemaker-model-gate']
  if (data.runUrl && safeUrl(data.runUrl)) parts.push(link('workflow run', data.runUrl))
  if (data.policySha256 && /^[0-9a-f]{64}$/.test(data.policySha256)) {
    parts.push(`policy sha256 ${data.policySha256.slice(0, 12)}`)
  }
  return ['---', `<sub>${parts.join(' · ')}</sub>`]
}

function compose(data: GateReport, budget: Budget, notes: string[]): string {
  const rows = gateRows(data)
  const shown = rows.slice(0, budget.ruleRows)
  const heads = headsOf(data)
  const hidden = rows.length - shown.length
  return [
    commentMarker(data.group),
    ...headline(data, rows),
    ...shortened(notes),
    ...metricTable(shown, heads),
    ...liveNote(data.live),
    ...(hidden > 0 ? [`… and ${hidden} more metrics, listed in the JSON report.`, ''] : []),
    ...reasonLists(rows, budget.ruleRows),
    ...changes(data, heads, budget),
    ...(budget.otherMetrics
      ? otherMetrics(
          data.candidate.metrics,
          data.baseline?.metrics,
          new Set(rows.map(row => row.metric)),
          heads,
          data.directions
        )
      : []),
    ...charts(data, rows, budget),
    ...provenance(data, heads, budget),
    ...links(data),
    ...footer(data)
  ].join('\n')
}

/**
 * The gate's report as GitHub Markdown, for the sticky PR comment and the job summary.
 * Every piece of untrusted text is escaped; the result stays under GitHub's comment limit
 * by giving up detail in a fixed order and saying what was left out.
 */
export function renderReport(data: GateReport): string {
  let budget = FULL
  const notes: string[] = []
  let markdown = compose(data, budget, notes)
  for (const step of SHRINK) {
    if (markdown.length <= MAX_COMMENT_LENGTH) return markdown
    budget = { ...budget, ...step.budget }
    notes.push(step.note)
    markdown = compose(data, budget, notes)
  }
  if (markdown.length <= MAX_COMMENT_LENGTH) return markdown
  // Only very long reasons can get here; cut at a line so no table row is split.
  const tail = "\n\n… report cut to fit GitHub's comment size limit; see the JSON report."
  const cut = markdown.slice(0, MAX_COMMENT_LENGTH - tail.length)
  return cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0)) + tail
}
