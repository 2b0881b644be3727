// The compare, lineage and deployment reports as plain text for a terminal, in the same
// words as their Markdown: statuses in words, short dates, fixed decimals per metric.
import type { AuditAction } from '../registry/audit.js'
import type { LineageData } from '../registry/lineage.js'
import { PROVENANCE_KEYS } from '../registry/provenance.js'
import { auditTrailText } from './audit.js'
import { metricNames, oldestFirst, type CompareReport, type CompareRow } from './compare.js'
import type { DeploymentReport } from './deploy.js'
import { jobStatus } from './facts.js'
import {
  DIRECTION_MARK,
  dateTime,
  directionOf,
  fixed,
  metricDecimals,
  shortDate,
  sparkline,
  spansYears,
  statusWords
} from './format.js'
import { shortSha } from './links.js'
import { plain } from './text.js'
import { alignTable, middleTruncate, paint, type TextOptions } from './terminal.js'

function metricLabel(name: string, report: CompareReport): string {
  const direction = directionOf(name, report.directions)
  return `${middleTruncate(plain(name, 200), 40)}${direction ? ` ${DIRECTION_MARK[direction]}` : ''}`
}

function versionRows(
  rows: CompareRow[],
  metrics: string[],
  report: CompareReport,
  options: TextOptions
): string[] {
  const withYear = spansYears(rows.map(row => row.created))
  const decimals = metrics.map(name => metricDecimals(rows.map(row => row.metrics[name])))
  const audited = rows.some(row => row.lastDecision !== undefined)
  const head = [
    'version',
    'status',
    'created',
    ...metrics.map(name => metricLabel(name, report)),
    'gate',
    ...(audited ? ['last decision'] : [])
  ]
  const body = rows.map(row => [
    `v${row.version}`,
    plain(statusWords(row.status) ?? '—', 40),
    (shortDate(row.created, withYear) ?? '—').replace(/\u00a0/g, ' '),
    ...metrics.map((name, index) => fixed(row.metrics[name], decimals[index] ?? 0)),
    plain(row.gateDecision ?? '—', 20),
    ...(audited ? [plain(row.lastDecision ?? '—', 30)] : [])
  ])
  const aligns = [
    'right',
    'left',
    'left',
    ...metrics.map(() => 'right' as const),
    'left',
    'left'
  ] as const
  return alignTable([head.map(text => paint(text, 'bold', options)), ...body], aligns)
}

function metricRowsOnSide(
  rows: CompareRow[],
  metrics: string[],
  report: CompareReport,
  options: TextOptions
): string[] {
  const head = ['metric', ...rows.map(row => `v${row.version}`), 'trend']
  const body = metrics.map(name => {
    const values = rows.map(row => row.metrics[name])
    const decimals = metricDecimals(values)
    const trend = sparkline(values.map(value => value ?? Number.NaN))
    return [metricLabel(name, report), ...values.map(value => fixed(value, decimals)), trend]
  })
  body.push(['status', ...rows.map(row => plain(statusWords(row.status) ?? '—', 20)), ''])
  if (rows.some(row => row.lastDecision !== undefined))
    body.push(['last decision', ...rows.map(row => plain(row.lastDecision ?? '—', 30)), ''])
  const aligns = ['left', ...rows.map(() => 'right' as const), 'left'] as const
  return alignTable([head.map(text => paint(text, 'bold', options)), ...body], aligns)
}

/** The compare report for a terminal: metrics on their side when they outnumber versions. */
export function renderCompareText(report: CompareReport, options: TextOptions = {}): string {
  const rows = oldestFirst(report.rows)
  const metrics = metricNames(rows)
  const first = rows[0]
  const last = rows[rows.length - 1]
  const range = first && last ? ` (v${first.version} to v${last.version})` : ''
  const lines = [
    paint(`Model versions compared: ${plain(report.group, 200)}${range}`, 'bold', options)
  ]
  if (rows.length === 0) return `${lines[0]}\n  The group has no versions to compare.\n`
  lines.push(
    `  ${rows.length} versions · ${metrics.length} metrics from the registry · ${plain(report.region, 50)}`,
    ''
  )
  const table =
    metrics.length > rows.length
      ? metricRowsOnSide(rows, metrics, report, options)
      : versionRows(rows, metrics, report, options)
  lines.push(...table.map(line => `  ${line}`))
  return lines.join('\n') + '\n'
}

function factLines(facts: ReadonlyArray<[string, string | undefined]>): string[] {
  const kept = facts.filter(
    (fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== ''
  )
  return alignTable(kept.map(([label, value]) => [`${label}:`, plain(value, 300)])).map(
    line => `  ${line}`
  )
}

function inline(values: Readonly<Record<string, string | number>>): string | undefined {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b))
  return entries.length > 0
    ? entries.map(([key, value]) => `${key}=${value}`).join(', ')
    : undefined
}

/** The lineage report for a terminal: the facts a person checks, each once. */
export function renderLineageText(
  data: LineageData & { group: string; region: string; audit?: AuditAction[] },
  options: TextOptions = {}
): string {
  const pkg = data.package
  const job = data.trainingJob
  const meta = pkg.metadataProperties
  const story = data.story.provenance
  const label = pkg.version !== undefined ? `v${pkg.version}` : pkg.arn
  const metrics = {
    ...Object.fromEntries((job?.finalMetrics ?? []).map(m => [m.name, m.value])),
    ...data.story.metrics
  }
  const lines = [
    paint(`Lineage: ${plain(pkg.group ?? data.group, 200)} ${plain(label, 200)}`, 'bold', options),
    ...factLines([
      ['status', statusWords(pkg.approvalStatus)],
      ['registered', dateTime(pkg.created)],
      ['description', pkg.description],
      ['approval', pkg.approvalDescription],
      ['image', pkg.containers[0]?.image],
      ['model data', pkg.containers[0]?.modelDataUrl],
      ['repository', meta.Repository],
      ['commit', meta.CommitId ? shortSha(meta.CommitId) : story[PROVENANCE_KEYS.commit]],
      [
        'pull request',
        story[PROVENANCE_KEYS.pullRequest] ? `#${story[PROVENANCE_KEYS.pullRequest]}` : undefined
      ],
      ['workflow run', meta.GeneratedBy],
      [
        'training job',
        job
          ? `${job.name} (${jobStatus(job.status, job.secondaryStatus) ?? 'status unknown'})`
          : story[PROVENANCE_KEYS.trainingJob]
      ],
      [
        'training data',
        job
          ? inline(Object.fromEntries(job.inputs.map(input => [input.channel, input.uri ?? '—'])))
          : undefined
      ],
      ['hyperparameters', inline(job ? job.hyperParameters : data.story.hyperParameters)],
      [
        'metrics',
        inline(
          Object.fromEntries(
            Object.entries(metrics).map(([name, value]) => [
              name,
              fixed(value, metricDecimals([value]))
            ])
          )
        )
      ],
      ['last gate', data.story.gate['gate:decision']],
      ['deployed to', Object.keys(data.story.deployments).join(', ') || undefined],
      ['ARN', pkg.arn]
    ]),
    ...auditTrailText(data.audit),
    ...data.notes.map(note => `  note: ${plain(note)}`)
  ]
  return lines.join('\n') + '\n'
}

/** A deployment or rollback for a terminal; a failed one says the plan is not serving. */
export function renderDeploymentText(report: DeploymentReport, options: TextOptions = {}): string {
  const what = `${report.kind === 'rollback' ? 'Rollback' : 'Deployment'} to ${plain(report.endpointName, 200)}`
  const outcome = {
    deployed: paint(`✓ ${what} done`, 'green', options),
    failed: paint(`✗ ${what} failed`, 'red', options),
    planned: `${what} planned (dry run)`
  }[report.outcome]
  const total = report.variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0)
  const title = { deployed: 'serving now', failed: 'planned, not serving', planned: 'would serve' }[
    report.outcome
  ]
  const rows = report.variants.map(variant => [
    plain(variant.variantName, 100),
    `v${variant.version}`,
    total > 0 ? `${Number(((Math.max(variant.weight, 0) / total) * 100).toPrecision(3))}%` : '—'
  ])
  return (
    [
      outcome,
      ...(report.message ? [`  ${plain(report.message, 2000)}`] : []),
      `  ${title}:`,
      ...alignTable(rows, ['left', 'right', 'right']).map(line => `    ${line}`),
      `  endpoint config now: ${plain(report.servingConfig ?? 'none', 200)}`
    ].join('\n') + '\n'
  )
}
