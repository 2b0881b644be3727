// The `compare` report: a table of versions with their metrics and last gate decision,
// and a trend chart per metric. Metric names, statuses and decisions come from the
// registry, so every one of them is escaped.
import { formatNumber } from '../policy/format.js'
import { trendChart } from './chart.js'
import { escapeCell, escapeText, safeUrl } from './escape.js'
import { consoleLinks, type ReportLink } from './links.js'

export interface CompareRow {
  version: number
  arn: string
  status?: string
  /** ISO time. */
  created?: string
  description?: string
  metrics: Record<string, number>
  /** `gate:decision` as recorded on the version. */
  gateDecision?: string
}

export interface CompareReport {
  group: string
  region: string
  rows: CompareRow[]
  runUrl?: string
}

/** Charts beyond this many metrics add length, not insight; the JSON report has them all. */
export const MAX_CHARTS = 20

/** Rows oldest first, the order of the charts' x-axis. */
export function oldestFirst<T extends { version: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.version - b.version)
}

/** Every metric name any row carries, sorted. */
export function metricNames(rows: readonly CompareRow[]): string[] {
  return [...new Set(rows.flatMap(row => Object.keys(row.metrics)))].sort()
}

function cell(value: string | undefined, limit = 200): string {
  return value === undefined || value === '' ? '—' : escapeCell(value, limit)
}

/** `- [label](url)` per link whose URL is safe; the label is escaped. */
export function linkList(links: readonly ReportLink[]): string[] {
  return links.flatMap(entry => {
    const target = safeUrl(entry.url)
    return target ? [`- [${escapeText(entry.label, 200)}](${target})`] : []
  })
}

export interface TableOptions {
  metrics?: string[]
  gate?: boolean
  description?: boolean
}

/** A GFM table of versions: version, status, created, then the chosen columns. */
export function versionTable(rows: readonly CompareRow[], options: TableOptions = {}): string[] {
  const metrics = options.metrics ?? []
  const headers = [
    'version',
    'status',
    'created',
    ...metrics.map(name => escapeCell(name, 128)),
    ...(options.gate ? ['gate'] : []),
    ...(options.description ? ['description'] : [])
  ]
  const aligns = [
    '--:',
    '---',
    '---',
    ...metrics.map(() => '--:'),
    ...(options.gate ? ['---'] : []),
    ...(options.description ? ['---'] : [])
  ]
  const lines = [`| ${headers.join(' | ')} |`, `|${aligns.join('|')}|`]
  for (const row of rows) {
    const values = [
      `v${Math.trunc(row.version)}`,
      cell(row.status, 50),
      cell(row.created, 40),
      ...metrics.map(name => {
        const value = row.metrics[name]
        return value === undefined ? '—' : formatNumber(value)
      }),
      ...(options.gate ? [cell(row.gateDecision, 20)] : []),
      ...(options.description ? [cell(row.description, 200)] : [])
    ]
    lines.push(`| ${values.join(' | ')} |`)
  }
  return lines
}

function charts(rows: CompareRow[], metrics: string[]): string[] {
  const blocks: string[] = []
  for (const metric of metrics.slice(0, MAX_CHARTS)) {
    const chart = trendChart(
      metric,
      rows.flatMap(row => {
        const value = row.metrics[metric]
        return value === undefined ? [] : [{ version: row.version, value }]
      })
    )
    if (chart) blocks.push(chart, '')
  }
  if (blocks.length === 0) return []
  const more =
    metrics.length > MAX_CHARTS
      ? [
          `<sub>Charts for the first ${MAX_CHARTS} of ${metrics.length} metrics; the JSON report has all values.</sub>`,
          ''
        ]
      : []
  return ['### Trend', '', ...blocks, ...more]
}

export function renderCompare(report: CompareReport): string {
  const rows = oldestFirst(report.rows)
  const metrics = metricNames(rows)
  const first = rows[0]
  const last = rows[rows.length - 1]
  const range = first && last ? ` (v${first.version} to v${last.version})` : ''
  const lines = [`## Model versions compared: ${escapeText(report.group, 200)}${range}`, '']
  if (rows.length === 0) {
    lines.push('The group has no versions to compare.', '')
  } else {
    lines.push(
      `${rows.length} version${rows.length === 1 ? '' : 's'} · ${metrics.length} metric${metrics.length === 1 ? '' : 's'} from the registry · region ${escapeText(report.region, 50)}`,
      '',
      ...versionTable(rows, { metrics, gate: true }),
      ''
    )
    if (metrics.length === 0) {
      lines.push(
        'No version carries `metric:` entries in its customer metadata; register versions with metrics to compare them.',
        ''
      )
    }
    lines.push(...charts(rows, metrics))
  }
  const links = linkList(consoleLinks({ region: report.region, group: report.group }))
  if (links.length > 0) lines.push('### Links', '', ...links, '')
  const run = report.runUrl ? safeUrl(report.runUrl) : undefined
  lines.push('---', `<sub>sagemaker-model-gate${run ? ` · [workflow run](${run})` : ''}</sub>`)
  return lines.join('\n')
}

/** Plain data for the JSON report; non-finite numbers become null, text is left as it is. */
export function compareJson(report: CompareReport): Record<string, unknown> {
  const rows = oldestFirst(report.rows)
  return {
    schema: 'sagemaker-model-gate/compare-report@1',
    group: report.group,
    region: report.region,
    metrics: metricNames(rows),
    versions: rows.map(row => ({
      version: row.version,
      arn: row.arn,
      status: row.status ?? null,
      created: row.created ?? null,
      description: row.description ?? null,
      gateDecision: row.gateDecision ?? null,
      metrics: Object.fromEntries(
        Object.entries(row.metrics).map(([name, value]) => [
          name,
          Number.isFinite(value) ? value : null
        ])
      )
    }))
  }
}
