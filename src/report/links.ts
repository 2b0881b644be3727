// Links to the SageMaker console, the only place they are built: the console's host
// depends on the partition of the region (China and GovCloud have their own).
import { parseGroupArn, REGION } from '../registry/names.js'

export interface ReportLink {
  label: string
  url: string
}

/** The console host of the AWS partition a region belongs to. */
export function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return `${region}.console.amazonaws.cn`
  if (region.startsWith('us-gov-')) return `${region}.console.amazonaws-us-gov.com`
  return `${region}.console.aws.amazon.com`
}

/** The SageMaker console pages this action links to, by the route the console uses. */
export type ConsolePage = 'model-registry' | 'endpoints' | 'endpointConfig' | 'models'

/**
 * The console page of one resource; undefined when the region is not a region name, since
 * the region becomes part of the host name and anything else would send the reader
 * elsewhere. The console routes are not a documented API: these are the forms in common use.
 */
export function consoleUrl(region: string, page: ConsolePage, name: string): string | undefined {
  if (!REGION.test(region)) return undefined
  return `https://${consoleHost(region)}/sagemaker/home?region=${encodeURIComponent(region)}#/${page}/${encodeURIComponent(name)}`
}

/** `text: url`, or the text alone when there is no link. */
export function withLink(text: string, url: string | undefined): string {
  return url ? `${text}: ${url}` : text
}

/** A group given as a name or as the ARN of a group shared from another account. */
export function groupNameAndRegion(
  group: string,
  region: string
): { name: string; region: string } {
  const arn = parseGroupArn(group)
  return arn ? { name: arn.name, region: arn.region } : { name: group, region }
}

/** The console page of one version of a group (name or shared-group ARN). */
export function versionConsoleUrl(
  group: string,
  region: string,
  version: number | undefined
): string | undefined {
  if (version === undefined || !Number.isInteger(version)) return undefined
  const located = groupNameAndRegion(group, region)
  const page = consoleUrl(located.region, 'model-registry', located.name)
  return page && `${page}/versions/${version}`
}

/**
 * The web address of a repository recorded as a URL (`MetadataProperties.Repository`) or
 * as `owner/name`, which lives on `serverUrl`.
 */
export function repositoryUrl(
  repository: string | undefined,
  serverUrl = 'https://github.com'
): string | undefined {
  if (!repository) return undefined
  if (/^https?:\/\//i.test(repository)) return repository.replace(/\/+$/, '').replace(/\.git$/, '')
  if (/^[\w.-]+\/[\w.-]+$/.test(repository)) return `${serverUrl.replace(/\/+$/, '')}/${repository}`
  return undefined
}

/** A full commit SHA is 40 (SHA-1) or 64 (SHA-256) hex digits; reports show the first 7. */
export function shortSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7) : sha
}

export function commitUrl(repository: string | undefined, sha: string): string | undefined {
  return repository && /^[0-9a-f]{7,64}$/i.test(sha) ? `${repository}/commit/${sha}` : undefined
}

export function pullRequestUrl(repository: string | undefined, number: string): string | undefined {
  return repository && /^\d+$/.test(number) ? `${repository}/pull/${number}` : undefined
}

/** Links to the SageMaker console for a group and, when given, an endpoint. */
export function consoleLinks(options: {
  region: string
  group: string
  endpointName?: string
}): ReportLink[] {
  const { name, region } = groupNameAndRegion(options.group, options.region)
  const links: ReportLink[] = []
  const group = consoleUrl(region, 'model-registry', name)
  if (group) links.push({ label: 'Model group in the SageMaker console', url: group })
  const endpoint = options.endpointName && consoleUrl(region, 'endpoints', options.endpointName)
  if (endpoint) {
    links.push({
      label: `Endpoint ${options.endpointName} in the SageMaker console`,
      url: endpoint
    })
  }
  return links
}
