// The `lineage` report: one version's full story as Markdown. Nearly all of it is text
// somebody else wrote (descriptions, metadata, hyperparameters, job names), so every
// value goes through escapeCell/escapeText and every link through safeUrl. Each fact is
// shown once: what the package holds wins over the copy register wrote into metadata.
import { formatNumber } from '../policy/format.js'
import type { AuditAction } from '../registry/audit.js'
import type { LineageData } from '../registry/lineage.js'
import { PROVENANCE_KEYS } from '../registry/provenance.js'
import { auditTrailSection } from './audit.js'
import { linkList } from './compare.js'
import { breakable, escapeCell, escapeText, safeUrl } from './escape.js'
import { facts, list, present, section, type Fact } from './facts.js'
import { dateTime, fixed, metricDecimals, statusWords } from './format.js'
import { associationsSection, trainingSection, tuningSection } from './lineage-jobs.js'
import { consoleLinks, repositoryUrl, type ReportLink } from './links.js'
import { commitCell, pullRequestCell, repositoryCell, table, urlCell } from './markdown.js'

export interface LineageReport extends LineageData {
  /** The runs recorded in SageMaker lineage, oldest first (src/registry/audit.ts). */
  audit?: AuditAction[]
  region: string
  /** The group as the user named it (name or ARN), for console links. */
  group: string
  runUrl?: string
}

export type Row = [label: string, value: string | number | undefined]

/** A value that is a safe http(s) URL becomes a link; anything else is escaped text. */
function tableValue(value: string | number): string {
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
    ...kept.map(([label, value]) => `| ${escapeCell(label, 200)} | ${tableValue(value)} |`),
    ''
  ]
}

function packageSection(data: LineageReport): string[] {
  const pkg = data.package
  const rows: Fact[] = [
    ['description', pkg.description],
    ['approval', statusWords(pkg.approvalStatus)],
    // Up to 1,024 characters, the API's limit: shown whole, never cut mid-sentence.
    [
      'approval description',
      pkg.approvalDescription ? escapeText(pkg.approvalDescription, 1100) : undefined,
      true
    ],
    [
      'package status',
      pkg.packageStatus !== 'Completed' ? statusWords(pkg.packageStatus) : undefined
    ],
    ['created', dateTime(pkg.created)],
    ['last modified', dateTime(pkg.lastModified)]
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
    ['lifecycle description', pkg.lifecycle?.stageDescription],
    ['ARN', pkg.arn]
  )
  for (const [name, uri] of Object.entries(pkg.modelMetrics))
    rows.push([`statistics (${name})`, uri])
  return section('Package', facts(rows))
}

const PROVENANCE_LABELS: Record<string, string> = {
  [PROVENANCE_KEYS.ref]: 'ref',
  [PROVENANCE_KEYS.actor]: 'registered by',
  [PROVENANCE_KEYS.runId]: 'run id',
  [PROVENANCE_KEYS.runAttempt]: 'run attempt',
  [PROVENANCE_KEYS.trainingJob]: 'training job',
  [PROVENANCE_KEYS.tuningJob]: 'tuning job',
  [PROVENANCE_KEYS.fingerprint]: 'registration fingerprint'
}

/** Metadata keys that repeat what the package itself says; shown only when they differ. */
function repeats(data: LineageReport): Record<string, string | undefined> {
  const containers = data.package.containers
  return {
    [PROVENANCE_KEYS.commit]: data.package.metadataProperties.CommitId,
    [PROVENANCE_KEYS.image]: containers.find(
      c => c.image === data.story.provenance[PROVENANCE_KEYS.image]
    )?.image,
    [PROVENANCE_KEYS.modelData]: containers.find(
      c => c.modelDataUrl === data.story.provenance[PROVENANCE_KEYS.modelData]
    )?.modelDataUrl
  }
}

function provenanceSection(data: LineageReport): string[] {
  const meta = data.package.metadataProperties
  const repository = repositoryUrl(meta.Repository)
  const story = data.story.provenance
  const commit = meta.CommitId ?? story[PROVENANCE_KEYS.commit]
  const pr = story[PROVENANCE_KEYS.pullRequest]
  const rows: Fact[] = [
    [
      'repository',
      repository ? repositoryCell(repository) : meta.Repository,
      repository !== undefined
    ],
    ['commit', commit ? commitCell(commit, repository) : undefined, true],
    ['pull request', pr ? pullRequestCell(pr, repository) : undefined, true],
    ['workflow run', meta.GeneratedBy ? urlCell(meta.GeneratedBy) : undefined, true],
    ['project', meta.ProjectId]
  ]
  const same = repeats(data)
  for (const [key, value] of Object.entries(story)) {
    if (key === PROVENANCE_KEYS.pullRequest || same[key] === value) continue
    if (key === PROVENANCE_KEYS.commit && value === commit) continue
    rows.push([PROVENANCE_LABELS[key] ?? key.replace(/^source:/, 'registered '), value])
  }
  return section('Provenance', facts(rows))
}

function decisionsSection(data: LineageReport): string[] {
  const rows: Fact[] = [...Object.entries(data.story.gate), ...Object.entries(data.story.decision)]
  return section('Gate and approval records', facts(rows))
}

function deploymentsSection(data: LineageReport): string[] {
  return section('Deployments', facts(Object.entries(data.story.deployments)))
}

/** Registry metrics and the training job's final metrics in one table, each metric once. */
function metricsSection(data: LineageReport): string[] {
  const registry = data.story.metrics
  const final = new Map(
    (data.trainingJob?.finalMetrics ?? []).map(metric => [metric.name, metric.value])
  )
  const names = [...new Set([...Object.keys(registry), ...final.keys()])].sort((a, b) =>
    a.localeCompare(b)
  )
  if (names.length === 0) return []
  const differs = names.some(
    name => name in registry && final.has(name) && registry[name] !== final.get(name)
  )
  const showFinal = final.size > 0 && (differs || names.some(name => !(name in registry)))
  const rows = names.map(name => {
    const values = [registry[name], final.get(name)]
    const decimals = metricDecimals(values)
    return [
      breakable(escapeCell(name, 200)),
      fixed(values[0], decimals),
      ...(showFinal ? [fixed(values[1], decimals)] : [])
    ]
  })
  const heads = [
    'metric',
    showFinal ? 'registry' : 'value',
    ...(showFinal ? ['training job (final)'] : [])
  ]
  return section('Metrics', [
    ...table(
      heads,
      heads.map((_, i) => (i === 0 ? '---' : '--:')),
      rows
    ),
    ''
  ])
}

/** `hp:*` entries repeat the training job's hyperparameters; shown only without the job. */
function otherSection(data: LineageReport): string[] {
  const hyper = data.trainingJob ? [] : Object.entries(data.story.hyperParameters)
  const lines = [
    ...section('Hyperparameters (recorded at registration)', facts(hyper)),
    ...(Object.keys(data.story.other).length > 0
      ? [
          '<details><summary>Other customer metadata</summary>',
          '',
          ...facts(Object.entries(data.story.other)),
          '</details>',
          ''
        ]
      : [])
  ]
  return lines
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
  const status = statusWords(pkg.approvalStatus)
  return [
    `## Lineage: ${group} ${label}`,
    '',
    `${status ? `**${escapeText(status, 50)}**` : 'status unknown'}${pkg.created ? ` · registered ${escapeText(dateTime(pkg.created) ?? pkg.created, 40)}` : ''} · ${escapeText(data.region, 50)}`,
    '',
    ...packageSection(data),
    ...provenanceSection(data),
    ...metricsSection(data),
    ...decisionsSection(data),
    ...deploymentsSection(data),
    ...auditTrailSection(data.audit, repositoryUrl(pkg.metadataProperties.Repository)),
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
    auditTrail: data.audit ?? [],
    notes: data.notes
  }
}
