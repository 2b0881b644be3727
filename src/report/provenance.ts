// Where the candidate and the baseline came from, and what differs between them: the
// hyperparameters, training data and image an ML reviewer checks before the numbers.
import type { LineageData } from '../registry/lineage.js'
import { escapeCell } from './escape.js'
import { dateTime, statusWords } from './format.js'
import { repositoryUrl } from './links.js'
import { cell, commitCell, pullRequestCell, repositoryCell, table, urlCell } from './markdown.js'

/** What a version was built from, as far as it is known. */
export interface BuildFacts {
  hyperParameters?: Record<string, string>
  /** Training input channel -> S3 URI (or file system path). */
  trainingData?: Record<string, string>
  image?: string
}

/**
 * The build facts of a version from what `readLineage` found: the training job's
 * hyperparameters and input channels when the job could be read, else the `hp:*` entries
 * recorded at registration; the inference image of the first container.
 */
export function buildFacts(
  data: Pick<LineageData, 'package' | 'story' | 'trainingJob'>
): BuildFacts {
  const job = data.trainingJob
  const hyperParameters = job ? job.hyperParameters : data.story.hyperParameters
  const trainingData = job
    ? Object.fromEntries(
        job.inputs.flatMap(input => (input.uri ? [[input.channel, input.uri]] : []))
      )
    : undefined
  return {
    ...(Object.keys(hyperParameters).length > 0 ? { hyperParameters: { ...hyperParameters } } : {}),
    ...(trainingData && Object.keys(trainingData).length > 0 ? { trainingData } : {}),
    ...(data.package.containers[0]?.image ? { image: data.package.containers[0].image } : {})
  }
}

interface Side extends BuildFacts {
  title: string
}

function differences(
  label: string,
  before: Readonly<Record<string, string>> | undefined,
  after: Readonly<Record<string, string>> | undefined
): string[][] {
  if (!before || !after) return []
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return keys
    .filter(key => before[key] !== after[key])
    .map(key => [`${escapeCell(label, 40)} ${cell(key, 128)}`, cell(before[key]), cell(after[key])])
}

/**
 * `### What changed`: the rows that differ, or one line saying nothing did. Nothing at all
 * when the facts were not given for both versions: silence is not "no change".
 */
export function changesSection(baseline: Side, candidate: Side, limit: number): string[] {
  const known =
    (baseline.hyperParameters && candidate.hyperParameters) ||
    (baseline.trainingData && candidate.trainingData) ||
    (baseline.image && candidate.image)
  if (!known || limit === 0) return []
  const rows = [
    ...(baseline.image && candidate.image && baseline.image !== candidate.image
      ? [['image', cell(baseline.image), cell(candidate.image)]]
      : []),
    ...differences('training data', baseline.trainingData, candidate.trainingData),
    ...differences('hyperparameter', baseline.hyperParameters, candidate.hyperParameters)
  ]
  const compared = [
    ...(baseline.hyperParameters && candidate.hyperParameters ? ['hyperparameters'] : []),
    ...(baseline.trainingData && candidate.trainingData ? ['training data'] : []),
    ...(baseline.image && candidate.image ? ['image'] : [])
  ].join(', ')
  const heading = `### What changed from the baseline`
  if (rows.length === 0) return [heading, '', `Same ${compared} as the baseline.`, '']
  const shown = rows.slice(0, limit)
  return [
    heading,
    '',
    ...table(['', baseline.title, candidate.title], ['---', '---', '---'], shown),
    ...(rows.length > shown.length
      ? ['', `… and ${rows.length - shown.length} more differences.`]
      : []),
    ''
  ]
}

export interface ProvenanceVersion {
  title: string
  description?: string
  status?: string
  creationTime?: string | Date
  provenance: Record<string, string>
}

/** One provenance value as a cell: commits short and linked, PRs as `#42`, URLs as links. */
function provenanceCell(
  key: string,
  value: string,
  repository: string | undefined,
  limit: number
): string {
  if (key === 'commit') return commitCell(value, repository)
  if (key === 'pull request') return pullRequestCell(value, repository)
  if (key === 'repository' && repository) return repositoryCell(repository)
  if (/^https?:\/\//i.test(value)) return urlCell(value)
  return cell(value, limit)
}

export interface ProvenanceBudget {
  keys: number
  valueLength: number
  descriptionLength: number
}

/** The provenance table: one column per version, no ARNs (the JSON report has them). */
export function provenanceTable(
  columns: readonly ProvenanceVersion[],
  budget: ProvenanceBudget,
  serverUrl?: string
): string[] {
  if (budget.keys === 0 || columns.length === 0) return []
  const repo = (version: ProvenanceVersion): string | undefined =>
    repositoryUrl(version.provenance.repository, serverUrl)
  const fixed: Array<[string, (version: ProvenanceVersion) => string | undefined]> = [
    [
      'description',
      version =>
        version.description ? cell(version.description, budget.descriptionLength) : undefined
    ],
    ['status', version => (version.status ? cell(statusWords(version.status)) : undefined)],
    ['created', version => dateTime(version.creationTime)]
  ]
  const rows: string[][] = []
  for (const [name, get] of fixed) {
    const values = columns.map(get)
    if (values.some(value => value !== undefined))
      rows.push([name, ...values.map(value => value ?? '—')])
  }
  const keys = [...new Set(columns.flatMap(version => Object.keys(version.provenance)))].slice(
    0,
    budget.keys
  )
  for (const key of keys) {
    rows.push([
      cell(key, 128),
      ...columns.map(version => {
        const value = version.provenance[key]
        return value ? provenanceCell(key, value, repo(version), budget.valueLength) : '—'
      })
    ])
  }
  if (rows.length === 0) return []
  return [
    '### Provenance',
    '',
    ...table(
      ['', ...columns.map(version => version.title)],
      ['---', ...columns.map(() => '---')],
      rows
    ),
    ''
  ]
}
