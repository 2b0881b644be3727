// The job summary of `register`: what happened to the version, where it came from, its
// statistics and metrics, and a link to the group.
import { formatMetricValue } from '../registry/metadata.js'
import { escapeCell, escapeText, safeUrl } from './escape.js'
import { statusWords } from './format.js'
import { consoleLinks } from './links.js'

export interface RegistrationView {
  /** The group as given: a name, or the ARN of a shared group. */
  group: { name: string; nameOrArn: string }
  region: string
  dryRun: boolean
  result: { version?: number; created: boolean; approvalStatus: string }
  source: {
    modelDataUrl: string
    imageUri: string
    trainingJobName?: string
    tuningJobName?: string
  }
  commit?: string
  statisticsUri?: string
  metrics: { name: string; value: number }[]
}

function outcome(view: RegistrationView): string {
  const { result } = view
  if (view.dryRun) {
    return result.version !== undefined
      ? `already registered as v${result.version}; nothing would change`
      : 'a new version would be created'
  }
  return result.created
    ? 'new version'
    : 'already registered by an earlier run of this commit; reused'
}

function sourceText(source: RegistrationView['source']): string {
  if (source.tuningJobName)
    return `tuning job ${source.tuningJobName} (best: ${source.trainingJobName ?? '?'})`
  return source.trainingJobName ? `training job ${source.trainingJobName}` : 'model artifact'
}

export function renderRegistration(view: RegistrationView): string {
  const name = escapeText(view.group.name)
  const title = view.dryRun
    ? `Model registration (dry run): ${name}`
    : `Model registered: ${name} v${view.result.version ?? '?'}`
  const rows: [string, string][] = [
    ['Outcome', outcome(view)],
    ['Approval status', statusWords(view.result.approvalStatus) ?? view.result.approvalStatus],
    ['Source', sourceText(view.source)],
    ['Model data', view.source.modelDataUrl],
    ['Image', view.source.imageUri]
  ]
  if (view.commit) rows.push(['Commit', view.commit])
  if (view.statisticsUri) rows.push(['Statistics', view.statisticsUri])
  const lines = [
    `### ${title}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`)
  ]
  if (view.metrics.length > 0) {
    lines.push('', '| Metric | Value |', '|---|---|')
    for (const metric of view.metrics) {
      lines.push(`| ${escapeCell(metric.name)} | ${escapeCell(formatMetricValue(metric.value))} |`)
    }
  }
  const [link] = consoleLinks({ region: view.region, group: view.group.nameOrArn })
  const url = link ? safeUrl(link.url) : undefined
  if (url && !view.dryRun) lines.push('', `[${link?.label}](${url})`)
  return `${lines.join('\n')}\n`
}
