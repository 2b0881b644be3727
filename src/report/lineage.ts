// The `lineage` report: one version's full story as Markdown. Nearly all of it is text
// somebody else wrote (descriptions, metadata, hyperparameters, job names), so every
// value goes through escapeCell/escapeText and every link through safeUrl.
import { formatNumber } from '../policy/format.js'
import type { LineageData } from '../registry/lineage.js'
import { PROVENANCE_KEYS } from '../registry/provenance.js'
import { linkList } from './compare.js'
import { escapeCell, escapeText, safeUrl } from './escape.js'
import { consoleLinks, type ReportLink } from './links.js'

export interface LineageReport extends LineageData {
  region: string
  /** The group as the user named it (name or ARN), for console links. */
  group: string
  runUrl?: string
}

export type Row = [label: string, value: string | number | undefined]

function present(value: string | number | undefined): value is string | number {
  return value !== undefined && value !== ''
}

/** A value that is a safe http(s) URL becomes a link; anything else is escaped text. */
function valueCell(value: string | number): string {
  if (typeof value === 'number') return formatNumber(value)
  const target = /^https?:\/\//i.test(value) ? safeUrl(value) : undefined
  return target ? `[${escapeCell(value, 300)}](${target})` : escapeCell(value, 300)
}

/** A two-column table of the rows that have a value; nothing at all when none has. */
export function keyValueTable(rows: readonly Row[], header: [string, string] = ['', '']): string[] {
  const kept = rows.filter((row): row is [string, string | number] => present(row[1]))
  if (kept.length === 0) return []
  return [
    `| ${header[0]} | ${header[1]} |`,
    '|---|---|',
    ...kept.map(([label, value]) => `| ${escapeCell(label, 200)} | ${valueCell(value)} |`),
    ''
  ]
}

function section(title: string, body: string[]): string[] {
  return body.length === 0 ? [] : [`### ${title}`, '', ...body]
}

function list(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(', ') : undefined
}

function seconds(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value} s`
}

function packageSection(data: LineageReport): string[] {
  const pkg = data.package
  const rows: Row[] = [
    ['ARN', pkg.arn],
    ['description', pkg.description],
    ['approval status', pkg.approvalStatus],
    ['approval description', pkg.approvalDescription],
    ['package status', pkg.packageStatus],
    ['created', pkg.created],
    ['last modified', pkg.lastModified]
  ]
  pkg.containers.forEach((container, index) => {
    const suffix = pkg.containers.length > 1 ? ` (container ${index + 1})` : ''
    rows.push([`image${suffix}`, container.image], [`model data${suffix}`, container.modelDataUrl])
    rows.push([`framework${suffix}`, container.framework])
  })
  rows.push(
    ['content types', list(pkg.contentTypes)],
    ['response types', list(pkg.responseTypes)],
    ['realtime instance types', list(pkg.realtimeInstanceTypes)],
    ['transform instance types', list(pkg.transformInstanceTypes)],
    ['lifecycle stage', pkg.lifecycle?.stage],
    ['lifecycle status', pkg.lifecycle?.stageStatus],
    ['lifecycle description', pkg.lifecycle?.stageDescription]
  )
  for (const [name, uri] of Object.entries(pkg.modelMetrics)) rows.push([`metrics: ${name}`, uri])
  return section('Package', keyValueTable(rows))
}

const PROVENANCE_LABELS: Record<string, string> = {
  [PROVENANCE_KEYS.commit]: 'commit',
  [PROVENANCE_KEYS.pullRequest]: 'pull request',
  [PROVENANCE_KEYS.ref]: 'ref',
  [PROVENANCE_KEYS.actor]: 'registered by',
  [PROVENANCE_KEYS.runId]: 'run id',
  [PROVENANCE_KEYS.runAttempt]: 'run attempt',
  [PROVENANCE_KEYS.trainingJob]: 'training job',
  [PROVENANCE_KEYS.tuningJob]: 'tuning job',
  [PROVENANCE_KEYS.modelData]: 'model data (registered)',
  [PROVENANCE_KEYS.image]: 'image (registered)',
  [PROVENANCE_KEYS.fingerprint]: 'registration fingerprint'
}

function provenanceSection(data: LineageReport): string[] {
  const meta = data.package.metadataProperties
  const rows: Row[] = [
    ['repository', meta.Repository],
    ['commit (MetadataProperties)', meta.CommitId],
    ['workflow run', meta.GeneratedBy],
    ['project', meta.ProjectId]
  ]
  for (const [key, value] of Object.entries(data.story.provenance)) {
    rows.push([PROVENANCE_LABELS[key] ?? key, value])
  }
  return section('Provenance', keyValueTable(rows))
}

function decisionsSection(data: LineageReport): string[] {
  const rows: Row[] = [...Object.entries(data.story.gate), ...Object.entries(data.story.decision)]
  return section('Gate and approval records', keyValueTable(rows, ['record', 'value']))
}

function deploymentsSection(data: LineageReport): string[] {
  const rows = Object.entries(data.story.deployments)
  return section('Deployments', keyValueTable(rows, ['endpoint', 'recorded']))
}

function metricsSection(data: LineageReport): string[] {
  const rows: Row[] = Object.entries(data.story.metrics).sort(([a], [b]) => a.localeCompare(b))
  return section('Metrics (registry)', keyValueTable(rows, ['metric', 'value']))
}

function trainingSection(data: LineageReport): string[] {
  const job = data.trainingJob
  if (!job) return []
  const rows: Row[] = [
    ['ARN', job.arn],
    ['status', job.secondaryStatus ? `${job.status ?? ''} (${job.secondaryStatus})` : job.status],
    ['failure reason', job.failureReason],
    ['algorithm image', job.image],
    ['algorithm resource', job.algorithmName],
    ['input mode', job.inputMode],
    ['instances', job.instanceType ? `${job.instanceCount ?? 1} × ${job.instanceType}` : undefined],
    ['role', job.roleArn],
    ['created', job.created],
    ['started', job.started],
    ['ended', job.ended],
    ['training time', seconds(job.trainingSeconds)],
    ['billable time', seconds(job.billableSeconds)],
    ['output path', job.outputPath],
    ['model artifacts', job.modelArtifacts],
    ['tuning job', job.tuningJobArn]
  ]
  const lines = [...keyValueTable(rows)]
  if (job.inputs.length > 0) {
    lines.push(
      '**Input data**',
      '',
      '| channel | data | content type | compression |',
      '|---|---|---|---|'
    )
    for (const input of job.inputs) {
      lines.push(
        `| ${escapeCell(input.channel, 100)} | ${input.uri ? escapeCell(input.uri, 300) : '—'} | ${input.contentType ? escapeCell(input.contentType, 100) : '—'} | ${input.compression ? escapeCell(input.compression, 20) : '—'} |`
      )
    }
    lines.push('')
  }
  const hyper = Object.entries(job.hyperParameters).sort(([a], [b]) => a.localeCompare(b))
  if (hyper.length > 0)
    lines.push('**Hyperparameters**', '', ...keyValueTable(hyper, ['name', 'value']))
  const metrics: Row[] = job.finalMetrics.map(metric => [metric.name, metric.value])
  if (metrics.length > 0)
    lines.push('**Final metrics**', '', ...keyValueTable(metrics, ['metric', 'value']))
  return section(`Training job ${escapeText(job.name, 100)}`, lines)
}

function tuningSection(data: LineageReport): string[] {
  const job = data.tuningJob
  if (!job) return []
  const counts = Object.entries(job.trainingJobCounts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${status} ${count}`)
  const rows: Row[] = [
    ['ARN', job.arn],
    ['status', job.status],
    ['strategy', job.strategy],
    [
      'objective',
      job.objective ? `${job.objective.type ?? ''} ${job.objective.metric ?? ''}`.trim() : undefined
    ],
    ['best training job', job.bestTrainingJob],
    [
      'best objective value',
      job.bestObjective?.value !== undefined
        ? `${job.bestObjective.metric ?? ''} ${formatNumber(job.bestObjective.value)}`.trim()
        : undefined
    ],
    ['training jobs', list(counts)],
    ['created', job.created],
    ['ended', job.ended]
  ]
  return section(`Tuning job ${escapeText(job.name, 100)}`, keyValueTable(rows))
}

function entity(arn: string, type?: string, name?: string): string {
  const label = [type, name].filter(present).join(' ')
  return label ? `${escapeCell(label, 150)}<br>${escapeCell(arn, 300)}` : escapeCell(arn, 300)
}

function associationsSection(data: LineageReport): string[] {
  if (data.associations.length === 0) return []
  const lines = ['| from | association | to |', '|---|---|---|']
  for (const association of data.associations) {
    lines.push(
      `| ${entity(association.sourceArn, association.sourceType, association.sourceName)} | ${association.associationType ? escapeCell(association.associationType, 50) : '—'} | ${entity(association.destinationArn, association.destinationType, association.destinationName)} |`
    )
  }
  return section('Lineage associations', [...lines, ''])
}

function otherSection(data: LineageReport): string[] {
  const rows: Row[] = [
    ...Object.entries(data.story.hyperParameters).map(([name, value]): Row => [
      `hp:${name}`,
      value
    ]),
    ...Object.entries(data.story.other)
  ]
  const table = keyValueTable(rows, ['key', 'value'])
  if (table.length === 0) return []
  return ['<details><summary>Other customer metadata</summary>', '', ...table, '</details>', '']
}

function notesSection(data: LineageReport): string[] {
  if (data.notes.length === 0) return []
  return section('Notes', [...data.notes.map(note => `- ${escapeText(note, 500)}`), ''])
}

export function renderLineage(data: LineageReport): string {
  const pkg = data.package
  const label = pkg.version !== undefined ? `v${pkg.version}` : escapeText(pkg.arn, 200)
  const group = escapeText(pkg.group ?? data.group, 200)
  const links: ReportLink[] = consoleLinks({ region: data.region, group: data.group })
  if (data.runUrl) links.push({ label: 'This workflow run', url: data.runUrl })
  const linkLines = linkList(links)
  return [
    `## Lineage: ${group} ${label}`,
    '',
    `${pkg.approvalStatus ? `**${escapeText(pkg.approvalStatus, 50)}**` : 'status unknown'}${pkg.created ? ` · registered ${escapeText(pkg.created, 40)}` : ''} · region ${escapeText(data.region, 50)}`,
    '',
    ...packageSection(data),
    ...provenanceSection(data),
    ...decisionsSection(data),
    ...deploymentsSection(data),
    ...metricsSection(data),
    ...trainingSection(data),
    ...tuningSection(data),
    ...associationsSection(data),
    ...otherSection(data),
    ...notesSection(data),
    ...(linkLines.length > 0 ? ['### Links', '', ...linkLines, ''] : []),
    '---',
    '<sub>sagemaker-model-gate</sub>'
  ].join('\n')
}

/** The lineage as plain data for the JSON report (already JSON-safe: strings and numbers). */
export function lineageJson(data: LineageReport): Record<string, unknown> {
  return {
    schema: 'sagemaker-model-gate/lineage-report@1',
    group: data.group,
    region: data.region,
    package: data.package,
    metadata: data.story,
    trainingJob: data.trainingJob ?? null,
    tuningJob: data.tuningJob ?? null,
    associations: data.associations,
    notes: data.notes
  }
}
