// The `compare` report: a table of versions with their metrics and last gate decision,
// and a trend chart per metric. Metric names, statuses and decisions come from the
// registry, so every one of them is escaped. Tables are cut into column groups so that
// none is wider than GitHub's comment column, and turned on their side when there are
// more metrics than versions.
import { formatNumber } from '../policy/format.js'
import type { MetricDirection } from '../policy/types.js'
import { trendChart } from './chart.js'
import { breakable, escapeCell, escapeText, safeUrl } from './escape.js'
import {
  DIRECTION_MARK,
  directionOf,
  fixed,
  metricDecimals,
  shortDate,
  spansYears,
  statusWords
} from './format.js'
import { consoleLinks, type ReportLink } from './links.js'
import { cell, table, versionLink } from './markdown.js'

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
  /** The newest run in the version's audit trail (`gate pass`, `deploy`), when there is one. */
  lastDecision?: string
}

export interface CompareReport {
  group: string
  region: string
  rows: CompareRow[]
  runUrl?: string
  /** Which way is better per metric, where the name does not say (`metric-directions`). */
  directions?: Record<string, MetricDirection>
}

/** Charts beyond this many metrics add length, not insight; the JSON report has them all. */
export const MAX_CHARTS = 20
/** Metric columns per table with versions as rows: 4 fit GitHub's 900 px column. */
export const METRIC_COLUMNS = 4
/** Version columns per table with metrics as rows. */
export const VERSION_COLUMNS = 8

/** Rows oldest first, the order of the charts' x-axis. */
export function oldestFirst<T extends { version: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.version - b.version)
}

/** Every metric name any row carries, sorted. */
export function metricNames(rows: readonly CompareRow[]): string[] {
  return [...new Set(rows.flatMap(row => Object.keys(row.metrics)))].sort()
}

/** `- [label](url)` per link whose URL is safe; the label is escaped. */
export function linkList(links: readonly ReportLink[]): string[] {
  return links.flatMap(entry => {
    const target = safeUrl(entry.url)
    return target ? [`- [${escapeText(entry.label, 200)}](${target})`] : []
  })
}

/** Splits `items` into groups of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = []
  for (let start = 0; start < items.length; start += size)
    groups.push(items.slice(start, start + size))
  return groups
}

export interface TableOptions {
  metrics?: string[]
  gate?: boolean
  /** A column with each version's last recorded decision (the audit trail). */
  lastDecision?: boolean
  description?: boolean
  /** Group and region, to link each version to its console page. */
  group?: string
  region?: string
  directions?: Record<string, MetricDirection>
}

function metricHead(name: string, directions?: Record<string, MetricDirection>): string {
  const direction = directionOf(name, directions)
  // Headers break at every separator: a column is as wide as its widest word.
  return `${breakable(escapeCell(name, 128), 12)}${direction ? ` ${DIRECTION_MARK[direction]}` : ''}`
}

function versionCell(row: CompareRow, options: TableOptions): string {
  return options.group && options.region
    ? versionLink(options.group, options.region, Math.trunc(row.version))
    : `v${Math.trunc(row.version)}`
}

/** Versions as rows: version (linked), status in words, short date, metrics with fixed decimals. */
export function compareTable(rows: readonly CompareRow[], options: TableOptions = {}): string[] {
  const metrics = options.metrics ?? []
  const decimals = metrics.map(name => metricDecimals(rows.map(row => row.metrics[name])))
  const withYear = spansYears(rows.map(row => row.created))
  return table(
    [
      'version',
      'status',
      'created',
      ...metrics.map(name => metricHead(name, options.directions)),
      ...(options.gate ? ['gate'] : []),
      ...(options.lastDecision ? ['last decision'] : []),
      ...(options.description ? ['description'] : [])
    ],
    [
      '--:',
      '---',
      '---',
      ...metrics.map(() => '--:'),
      ...(options.gate ? ['---'] : []),
      ...(options.lastDecision ? ['---'] : []),
      ...(options.description ? ['---'] : [])
    ],
    rows.map(row => [
      versionCell(row, options),
      cell(statusWords(row.status), 50),
      cell(shortDate(row.created, withYear), 40),
      ...metrics.map((name, index) => fixed(row.metrics[name], decimals[index] ?? 0)),
      ...(options.gate ? [cell(row.gateDecision, 20)] : []),
      ...(options.lastDecision ? [cell(row.lastDecision, 30)] : []),
      ...(options.description ? [cell(row.description, 200)] : [])
    ])
  )
}

function legacyCell(value: string | undefined, limit = 200): string {
  return value === undefined || value === '' ? '—' : escapeCell(value, limit)
}

/**
 * The version list of the `group` mode, as it reads today: ISO times and the registry's
 * status names. `compareTable` is the compact form.
 */
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
      legacyCell(row.status, 50),
      legacyCell(row.created, 40),
      ...metrics.map(name => {
        const value = row.metrics[name]
        return value === undefined ? '—' : formatNumber(value)
      }),
      ...(options.gate ? [legacyCell(row.gateDecision, 20)] : []),
      ...(options.description ? [legacyCell(row.description, 200)] : [])
    ]
    lines.push(`| ${values.join(' | ')} |`)
  }
  return lines
}

/** Metrics as rows, versions as columns: for many metrics over a few versions. */
export function transposedTable(
  rows: readonly CompareRow[],
  metrics: readonly string[],
  options: TableOptions
): string[] {
  const withYear = spansYears(rows.map(row => row.created))
  const head = (row: CompareRow): string =>
    [
      versionCell(row, options),
      cell(statusWords(row.status), 50),
      cell(shortDate(row.created, withYear), 40)
    ].join('<br>')
  const body = metrics.map(name => {
    const decimals = metricDecimals(rows.map(row => row.metrics[name]))
    return [
      metricHead(name, options.directions),
      ...rows.map(row => fixed(row.metrics[name], decimals))
    ]
  })
  if (options.gate) body.push(['gate', ...rows.map(row => cell(row.gateDecision, 20))])
  if (options.lastDecision)
    body.push(['last decision', ...rows.map(row => cell(row.lastDecision, 30))])
  return table(['metric', ...rows.map(head)], ['---', ...rows.map(() => '--:')], body)
}

function tables(rows: CompareRow[], metrics: string[], report: CompareReport): string[] {
  const options: TableOptions = {
    gate: true,
    lastDecision: rows.some(row => row.lastDecision !== undefined),
    group: report.group,
    region: report.region,
    directions: report.directions
  }
  if (metrics.length > rows.length) {
    // On its side; newest versions in the first table, the one a reader looks at.
    const groups = chunks([...rows].reverse(), VERSION_COLUMNS).map(group => group.reverse())
    return groups.flatMap(group => [...transposedTable(group, metrics, options), ''])
  }
  const groups = metrics.length === 0 ? [[]] : chunks(metrics, METRIC_COLUMNS)
  return groups.flatMap(group => [...compareTable(rows, { ...options, metrics: group }), ''])
}

function charts(rows: CompareRow[], metrics: string[], report: CompareReport): string[] {
  const newest = rows[rows.length - 1]
  const champion = [...rows].reverse().find(row => row !== newest && row.status === 'Approved')
  const blocks = metrics.slice(0, MAX_CHARTS).flatMap(metric => {
    const chart = trendChart({
      metric,
      direction: directionOf(metric, report.directions),
      points: rows.flatMap(row => {
        const value = row.metrics[metric]
        return value === undefined ? [] : [{ version: row.version, value, status: row.status }]
      }),
      baseline: champion?.version,
      candidate: newest?.version
    })
    return chart ? [chart.block, '', `<sub>${escapeText(chart.legend, 1000)}</sub>`, ''] : []
  })
  if (blocks.length === 0) return []
  const count = blocks.length / 4
  const more =
    metrics.length > MAX_CHARTS
      ? [
          `<sub>Charts for the first ${MAX_CHARTS} of ${metrics.length} metrics; the JSON report has all values.</sub>`,
          ''
        ]
      : []
  if (count <= 2) return ['### Trend', '', ...blocks, ...more]
  return [
    `<details><summary>Trend of ${count} metrics</summary>`,
    '',
    ...blocks,
    ...more,
    '</details>',
    ''
  ]
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
      `${rows.length} version${rows.length === 1 ? '' : 's'} · ${metrics.length} metric${metrics.length === 1 ? '' : 's'} from the registry · ${escapeText(report.region, 50)}`,
      '',
      ...tables(rows, metrics, report)
    )
    if (metrics.length === 0) {
      lines.push(
        'No version carries `metric:` entries in its customer metadata; register versions with metrics to compare them.',
        ''
      )
    }
    lines.push(...charts(rows, metrics, report))
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
      lastDecision: row.lastDecision ?? null,
      metrics: Object.fromEntries(
        Object.entries(row.metrics).map(([name, value]) => [
          name,
          Number.isFinite(value) ? value : null
        ])
      )
    }))
  }
}
