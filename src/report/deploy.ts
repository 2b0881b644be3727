// The job summary of `deploy` and `rollback`: how it ended, what the endpoint serves, and
// every SageMaker call of the plan, numbered as the log printed them.
import { escapeText } from './escape.js'
import { consoleUrl } from './links.js'

export interface DeploymentView {
  kind: 'deploy' | 'rollback'
  endpointName: string
  region: string
  /** How the deployment ended, as Markdown (already escaped). */
  outcome: string
  variants: { variantName: string; version: number; packageArn: string; weight: number }[]
  /** The config the endpoint serves now. */
  serving: string
  /** The package served before, when it is not the one deployed now. */
  previousPackageArn?: string
  /** The plan's calls, as the log describes them. */
  calls: string[]
  dryRun: boolean
}

export function renderDeployment(view: DeploymentView): string {
  const link = consoleUrl(view.region, 'endpoints', view.endpointName)
  const title = link ? `[${view.endpointName}](${link})` : view.endpointName
  const rows = view.variants
    .map(v => `| ${v.variantName} | v${v.version} | \`${v.packageArn}\` | ${v.weight} |`)
    .join('\n')
  const calls = view.calls.map((c, i) => `${i + 1}. ${escapeText(c, 2000)}`).join('\n')
  const previously = view.previousPackageArn ? ` · previously \`${view.previousPackageArn}\`` : ''
  return `### ${view.kind === 'rollback' ? 'Rollback' : 'Deployment'} to ${title}\n\n${view.outcome}\n\n| variant | version | package | weight |\n|---|---|---|---|\n${rows}\n\nServing config: \`${view.serving || 'none'}\`${previously}\n\n<details><summary>SageMaker calls${view.dryRun ? ' planned' : ''} (${view.calls.length})</summary>\n\n${calls || 'none'}\n\n</details>\n`
}
