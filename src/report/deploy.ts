// The deploy and rollback report. A failed deployment must not read as if the new version
// were serving: its traffic table is titled as the plan that did not take effect, next to
// the config the endpoint still serves.
import { escapeText } from './escape.js'
import { consoleLinks } from './links.js'
import { link, table, versionLink } from './markdown.js'

export interface DeploymentVariant {
  variantName: string
  version: number
  packageArn: string
  weight: number
}

export type DeploymentOutcome = 'deployed' | 'failed' | 'planned'

export interface DeploymentReport {
  kind: 'deploy' | 'rollback'
  /** `planned` for a dry run; `failed` when the endpoint does not serve the plan. */
  outcome: DeploymentOutcome
  endpointName: string
  region: string
  /** Group name or ARN, to link the versions to their console pages. */
  group: string
  /** The plan's variants, in plan order. */
  variants: DeploymentVariant[]
  /** The config the plan puts on the endpoint. */
  plannedConfig: string
  /** The config the endpoint serves now (before the change in a dry run; none if it does not exist). */
  servingConfig?: string
  /** The package the endpoint served before (largest weight). */
  previousPackageArn?: string
  /** Why it failed, or a note on how it went. */
  message?: string
  /** Every SageMaker call of the plan, described. */
  calls: string[]
}

const HEADLINE: Record<DeploymentOutcome, [string, string]> = {
  deployed: ['✅', 'done'],
  failed: ['❌', 'failed'],
  planned: ['📝', 'planned (dry run)']
}

function versionOfArn(arn: string | undefined): number | undefined {
  const match = arn ? /\/(\d+)$/.exec(arn) : null
  return match ? Number(match[1]) : undefined
}

/** Traffic shares in percent of the total weight, as a reader compares them. */
function shares(variants: readonly DeploymentVariant[]): string[] {
  const total = variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0)
  return variants.map(variant =>
    total > 0 ? `${Number(((Math.max(variant.weight, 0) / total) * 100).toPrecision(3))}%` : '—'
  )
}

function trafficTable(report: DeploymentReport): string[] {
  const titles: Record<DeploymentOutcome, string> = {
    deployed: '**Serving now**',
    failed: '**Planned traffic, not serving** (the deployment did not take effect)',
    planned: '**Would serve**'
  }
  const share = shares(report.variants)
  const rows = report.variants.map((variant, index) => [
    escapeText(variant.variantName, 100),
    versionLink(report.group, report.region, variant.version),
    share[index] ?? '—'
  ])
  const heading = report.outcome === 'deployed' ? 'traffic' : 'planned traffic'
  return [
    titles[report.outcome],
    '',
    ...table(['variant', 'version', heading], ['---', '--:', '--:'], rows),
    ''
  ]
}

function servingLine(report: DeploymentReport): string {
  const serving = report.servingConfig ? `\`${escapeText(report.servingConfig, 200)}\`` : 'none'
  const previous = versionOfArn(report.previousPackageArn)
  const before =
    previous !== undefined && report.previousPackageArn !== report.variants[0]?.packageArn
      ? ` · previously ${versionLink(report.group, report.region, previous)}`
      : ''
  if (report.outcome === 'failed') {
    const still = report.servingConfig && report.servingConfig !== report.plannedConfig
    return `The endpoint serves config ${serving}${still ? ', not the planned one' : ''}${before}.`
  }
  return `Serving config: ${serving}${before}`
}

/** The report of a deployment or rollback, as Markdown for the job summary. */
export function renderDeployment(report: DeploymentReport): string {
  const [mark, word] = HEADLINE[report.outcome]
  const what = report.kind === 'rollback' ? 'Rollback' : 'Deployment'
  const endpoint = consoleLinks({
    region: report.region,
    group: report.group,
    endpointName: report.endpointName
  })[1]
  const lines = [
    `### ${mark} ${what} to ${link(report.endpointName, endpoint?.url)} ${word}`,
    '',
    ...(report.message ? [escapeText(report.message, 2000), ''] : []),
    ...trafficTable(report),
    servingLine(report),
    '',
    `<details><summary>SageMaker calls${report.outcome === 'planned' ? ' planned' : ''} (${report.calls.length})</summary>`,
    '',
    ...(report.calls.length > 0
      ? report.calls.map((call, index) => `${index + 1}. ${escapeText(call, 2000)}`)
      : ['none']),
    '',
    '</details>',
    ''
  ]
  return lines.join('\n')
}
