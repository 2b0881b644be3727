import { formatDelta, formatNumber, formatPercent } from '../policy/format.js'
import type { Decision, RuleResult } from '../policy/types.js'
import type { HistoryEntry } from '../registry/comparison.js'
import { trendChart, type ChartPoint } from './chart.js'
import { escapeCell, escapeText, safeUrl } from './escape.js'
import { consoleLinks, type ReportLink } from './links.js'

export type { HistoryEntry }

/** One version as the report shows it. */
export interface VersionReport {
  version?: number
  arn?: string
  status?: string
  description?: string
  metrics: Record<string, number>
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
}

/** GitHub refuses comments longer than 65,536 characters; keep some room. */
export const MAX_COMMENT_LENGTH = 65_000

/** The hidden first line that identifies the sticky comment of a group. */
export function commentMarker(group: string): string {
  // The marker sits inside an HTML comment: nothing in it may close the comment.
  return `<!-- sagemaker-model-gate:${group.replace(/[^A-Za-z0-9:/._-]/g, '_')} -->`
}

const VERDICT: Record<RuleResult['verdict'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  skipped: '⏭️ skipped'
}

function versionLabel(version: { version?: number } | undefined, fallback: string): string {
  return version?.version !== undefined ? `v${version.version}` : fallback
}

function number(value: number | undefined): string {
  return value === undefined ? '—' : formatNumber(value)
}

function deltaCell(result: RuleResult): string {
  if (result.delta === undefined) return '—'
  let text = formatDelta(result.delta)
  if (result.baseline !== undefined && result.baseline !== 0) {
    text += ` (${formatPercent((result.delta / Math.abs(result.baseline)) * 100)})`
  }
  if (result.ci) text += `<br>95% CI ${formatDelta(result.ci[0])} … ${formatDelta(result.ci[1])}`
  if (result.pValue !== undefined) text += `<br>p = ${formatNumber(result.pValue)}`
  return text
}

function link(label: string, url: string | undefined): string {
  const target = url === undefined ? undefined : safeUrl(url)
  return target === undefined ? escapeText(label) : `[${escapeText(label)}](${target})`
}

function dateText(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  return value
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
  chartMetrics: Number.MAX_SAFE_INTEGER,
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

function headline(data: GateReport): string[] {
  const passed = data.decision.decision === 'pass'
  const candidate = versionLabel(data.candidate, 'candidate')
  const lines = [
    `## ${passed ? '✅' : '❌'} Model gate ${passed ? 'passed' : 'failed'}: ${escapeText(data.group, 200)} ${candidate}`,
    ''
  ]
  const baseline = data.baseline
    ? `baseline **${versionLabel(data.baseline, 'baseline')}** (${escapeText(data.baseline.label, 100)})`
    : 'no baseline'
  lines.push(
    `Candidate **${candidate}**${data.candidate.status ? ` (${escapeText(data.candidate.status, 100)})` : ''} against ${baseline} · region ${escapeText(data.region, 50)}`,
    ''
  )
  if (data.dryRun) {
    lines.push('> [!NOTE]', '> Dry run: nothing was written to the registry.', '')
  } else if (data.written) {
    lines.push(`**Registry:** ${escapeText(data.written, 300)}`, '')
  }
  return lines
}

function rulesTable(data: GateReport, budget: Budget): string[] {
  const baseline = data.baseline ? `baseline ${versionLabel(data.baseline, '')}` : 'baseline'
  const candidate = `candidate ${versionLabel(data.candidate, '')}`.trim()
  const lines = [
    `| metric | rule | ${baseline.trim()} | ${candidate} | delta | verdict |`,
    '|---|---|--:|--:|--:|---|'
  ]
  const rows = data.decision.rules.slice(0, budget.ruleRows)
  for (const result of rows) {
    lines.push(
      `| ${escapeCell(result.metric, 200)} | ${escapeCell(result.rule, 100)} | ${number(result.baseline)} | ${number(result.candidate)} | ${deltaCell(result)} | ${VERDICT[result.verdict]} |`
    )
  }
  const hidden = data.decision.rules.length - rows.length
  if (hidden > 0) lines.push('', `… and ${hidden} more rules, listed in the JSON report.`)
  return [...lines, '']
}

function reasonLists(data: GateReport, budget: Budget): string[] {
  const lines: string[] = []
  const reasons = data.decision.reasons
  if (reasons.length > 0) {
    lines.push('### Why it failed', '')
    for (const reason of reasons.slice(0, budget.ruleRows))
      lines.push(`- ${escapeText(reason, 500)}`)
    if (reasons.length > budget.ruleRows) {
      lines.push(`- … and ${reasons.length - budget.ruleRows} more, listed in the JSON report.`)
    }
    lines.push('')
  }
  const skipped = data.decision.rules
    .filter(result => result.verdict === 'skipped')
    .slice(0, budget.ruleRows)
  if (skipped.length > 0) {
    lines.push('<details><summary>Skipped rules</summary>', '')
    for (const result of skipped) {
      lines.push(`- ${escapeText(result.metric, 200)}: ${escapeText(result.explanation, 500)}`)
    }
    lines.push('', '</details>', '')
  }
  return lines
}

function otherMetrics(data: GateReport, ruleMetrics: Set<string>): string[] {
  const names = [
    ...new Set([
      ...Object.keys(data.candidate.metrics),
      ...Object.keys(data.baseline?.metrics ?? {})
    ])
  ]
    .filter(name => !ruleMetrics.has(name))
    .sort()
  if (names.length === 0) return []
  const lines = [
    `<details><summary>Other metrics (${names.length}, no rule)</summary>`,
    '',
    `| metric | baseline ${versionLabel(data.baseline, '')} | candidate ${versionLabel(data.candidate, '')} | delta |`,
    '|---|--:|--:|--:|'
  ]
  for (const name of names) {
    const candidate = data.candidate.metrics[name]
    const baseline = data.baseline?.metrics[name]
    const delta =
      candidate !== undefined && baseline !== undefined && Number.isFinite(candidate - baseline)
        ? formatDelta(candidate - baseline)
        : '—'
    lines.push(
      `| ${escapeCell(name, 200)} | ${number(baseline)} | ${number(candidate)} | ${delta} |`
    )
  }
  return [...lines, '', '</details>', '']
}

function historyWithCandidate(data: GateReport): HistoryEntry[] {
  const history = [...data.history]
  const version = data.candidate.version
  if (version !== undefined && !history.some(entry => entry.version === version)) {
    history.push({ version, status: data.candidate.status, metrics: data.candidate.metrics })
  }
  return history
}

function charts(data: GateReport, metrics: string[], budget: Budget): string[] {
  if (budget.chartMetrics === 0) return []
  const history = historyWithCandidate(data).slice(-budget.historyVersions)
  const blocks: string[] = []
  for (const metric of metrics.slice(0, budget.chartMetrics)) {
    const points: ChartPoint[] = history.flatMap(entry => {
      const value = entry.metrics[metric]
      return value === undefined ? [] : [{ version: entry.version, value }]
    })
    const chart = trendChart(metric, points)
    if (chart) blocks.push(chart, '')
  }
  if (blocks.length === 0) return []
  const first = history[0]
  const last = history[history.length - 1]
  const range = first && last ? ` (v${first.version} to v${last.version})` : ''
  return ['### Trend' + range, '', ...blocks]
}

function provenance(data: GateReport, budget: Budget): string[] {
  if (budget.provenanceKeys === 0) return []
  const columns: Array<[string, VersionReport]> = [
    [`candidate ${versionLabel(data.candidate, '')}`.trim(), data.candidate]
  ]
  if (data.baseline) {
    columns.push([`baseline ${versionLabel(data.baseline, '')}`.trim(), data.baseline])
  }
  const fixed: Array<[string, (version: VersionReport) => string | undefined]> = [
    ['description', version => version.description],
    ['approval status', version => version.status],
    ['created', version => dateText(version.creationTime)],
    ['ARN', version => version.arn]
  ]
  const keys = [
    ...new Set(columns.flatMap(([, version]) => Object.keys(version.provenance)))
  ].slice(0, budget.provenanceKeys)
  const rows: string[] = []
  const cell = (value: string | undefined, limit: number): string =>
    value === undefined || value === '' ? '—' : escapeCell(value, limit)
  for (const [name, get] of fixed) {
    const values = columns.map(([, version]) => get(version))
    if (values.every(value => value === undefined || value === '')) continue
    const limit = name === 'description' ? budget.descriptionLength : budget.provenanceValueLength
    rows.push(`| ${name} | ${values.map(value => cell(value, limit)).join(' | ')} |`)
  }
  for (const key of keys) {
    const values = columns.map(([, version]) => version.provenance[key])
    rows.push(
      `| ${escapeCell(key, 128)} | ${values.map(value => cell(value, budget.provenanceValueLength)).join(' | ')} |`
    )
  }
  if (rows.length === 0) return []
  return [
    '### Provenance',
    '',
    `| | ${columns.map(([title]) => title).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    ''
  ]
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
  const ruleMetrics = [...new Set(data.decision.rules.map(result => result.metric))]
  return [
    commentMarker(data.group),
    ...headline(data),
    ...shortened(notes),
    ...rulesTable(data, budget),
    ...reasonLists(data, budget),
    ...(budget.otherMetrics ? otherMetrics(data, new Set(ruleMetrics)) : []),
    ...charts(data, ruleMetrics, budget),
    ...provenance(data, budget),
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

function finite(value: number | undefined): number | null | undefined {
  if (value === undefined) return undefined
  return Number.isFinite(value) ? value : null
}

function finiteMetrics(metrics: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => [name, finite(value) ?? null])
  )
}

function versionJson(version: VersionReport): Record<string, unknown> {
  return {
    version: version.version,
    arn: version.arn,
    status: version.status,
    description: version.description,
    creationTime: dateText(version.creationTime),
    metrics: finiteMetrics(version.metrics),
    provenance: { ...version.provenance }
  }
}

/**
 * The same report as plain data for the JSON report file. Numbers that are not finite
 * become null, which JSON can carry; text is left unescaped, as it is not Markdown.
 */
export function reportJson(data: GateReport): Record<string, unknown> {
  return {
    schema: 'sagemaker-model-gate/gate-report@1',
    group: data.group,
    region: data.region,
    decision: data.decision.decision,
    reasons: [...data.decision.reasons],
    rules: data.decision.rules.map(result => ({
      metric: result.metric,
      kind: result.kind,
      rule: result.rule,
      candidate: finite(result.candidate),
      baseline: finite(result.baseline),
      delta: finite(result.delta),
      verdict: result.verdict,
      explanation: result.explanation,
      ...(result.ci ? { ci: result.ci.map(value => finite(value) ?? null) } : {}),
      ...(result.pValue !== undefined ? { pValue: finite(result.pValue) } : {})
    })),
    candidate: versionJson(data.candidate),
    baseline: data.baseline ? { label: data.baseline.label, ...versionJson(data.baseline) } : null,
    history: historyWithCandidate(data).map(entry => ({
      version: entry.version,
      status: entry.status,
      metrics: finiteMetrics(entry.metrics)
    })),
    links: [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])],
    runUrl: data.runUrl,
    dryRun: data.dryRun,
    written: data.written,
    policySha256: data.policySha256
  }
}
