// The lineage view's job sections: the training job (its inputs and hyperparameters; its
// final metrics sit with the registry's in the Metrics section), the tuning job, and the
// lineage associations around the package.
import { formatNumber } from '../policy/format.js'
import type { LineageData } from '../registry/lineage.js'
import { breakable, escapeCell, escapeText } from './escape.js'
import { facts, jobStatus, list, section, seconds, type Fact } from './facts.js'
import { dateTime, statusWords } from './format.js'
import { table } from './markdown.js'

function inputsTable(inputs: NonNullable<LineageData['trainingJob']>['inputs']): string[] {
  if (inputs.length === 0) return []
  const rows = inputs.map(input => [
    escapeCell(input.channel, 100),
    input.uri ? breakable(escapeCell(input.uri, 300)) : '—',
    input.contentType ? escapeCell(input.contentType, 100) : '—',
    input.compression ? escapeCell(input.compression, 20) : '—'
  ])
  return [
    '**Input data**',
    '',
    ...table(
      ['channel', 'data', 'content type', 'compression'],
      ['---', '---', '---', '---'],
      rows
    ),
    ''
  ]
}

export function trainingSection(data: LineageData): string[] {
  const job = data.trainingJob
  if (!job) return []
  const rows: Fact[] = [
    ['status', jobStatus(job.status, job.secondaryStatus)],
    ['failure reason', job.failureReason],
    ['algorithm image', job.image],
    ['algorithm resource', job.algorithmName],
    ['input mode', job.inputMode],
    ['instances', job.instanceType ? `${job.instanceCount ?? 1} × ${job.instanceType}` : undefined],
    ['role', job.roleArn],
    ['started', dateTime(job.started ?? job.created)],
    ['ended', dateTime(job.ended)],
    ['training time', seconds(job.trainingSeconds)],
    ['billable time', seconds(job.billableSeconds)],
    ['output path', job.outputPath],
    ['model artifacts', job.modelArtifacts],
    ['tuning job', job.tuningJobArn],
    ['ARN', job.arn]
  ]
  const lines = [...facts(rows), ...inputsTable(job.inputs)]
  const hyper = Object.entries(job.hyperParameters).sort(([a], [b]) => a.localeCompare(b))
  if (hyper.length > 0) {
    const cells = hyper.map(([name, value]) => [
      breakable(escapeCell(name, 128)),
      breakable(escapeCell(value, 300))
    ])
    lines.push('**Hyperparameters**', '', ...table(['name', 'value'], ['---', '---'], cells), '')
  }
  return section(`Training job ${escapeText(job.name, 100)}`, lines)
}

export function tuningSection(data: LineageData): string[] {
  const job = data.tuningJob
  if (!job) return []
  const counts = Object.entries(job.trainingJobCounts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${statusWords(status)} ${count}`)
  const objective = job.objective
    ? `${job.objective.type ?? ''} ${job.objective.metric ?? ''}`.trim()
    : undefined
  const best =
    job.bestObjective?.value !== undefined
      ? `${job.bestObjective.metric ?? ''} ${formatNumber(job.bestObjective.value)}`.trim()
      : undefined
  const rows: Fact[] = [
    ['status', statusWords(job.status)],
    ['strategy', job.strategy],
    ['objective', objective],
    ['best training job', job.bestTrainingJob],
    ['best objective value', best],
    ['training jobs', list(counts)],
    ['created', dateTime(job.created)],
    ['ended', dateTime(job.ended)],
    ['ARN', job.arn]
  ]
  return section(`Tuning job ${escapeText(job.name, 100)}`, facts(rows))
}

function entity(arn: string, type?: string, name?: string): string {
  const label = [type, name].filter(part => part !== undefined && part !== '').join(' ')
  const text = breakable(escapeCell(arn, 300))
  return label ? `${escapeCell(label, 150)}<br>${text}` : text
}

export function associationsSection(data: LineageData): string[] {
  if (data.associations.length === 0) return []
  const rows = data.associations.map(association => [
    entity(association.sourceArn, association.sourceType, association.sourceName),
    association.associationType ? escapeCell(association.associationType, 50) : '—',
    entity(association.destinationArn, association.destinationType, association.destinationName)
  ])
  return section('Lineage associations', [
    ...table(['from', 'association', 'to'], ['---', '---', '---'], rows),
    ''
  ])
}
