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

const GROUP_ARN = /^arn:[\w-]+:sagemaker:([a-z0-9-]+):\d{12}:model-package-group\/(.+)$/

/** A group given as a name or as the ARN of a group shared from another account. */
export function groupNameAndRegion(
  group: string,
  region: string
): { name: string; region: string } {
  const arn = GROUP_ARN.exec(group)
  return arn ? { name: arn[2] ?? group, region: arn[1] ?? region } : { name: group, region }
}

/**
 * The SageMaker console's home for a region, or undefined when the region is not a region
 * name: it becomes part of the host name, and anything else would send the reader
 * elsewhere. The console routes below it are not a documented API: these are the forms
 * in common use.
 */
function consoleBase(region: string): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return undefined
  return `https://${consoleHost(region)}/sagemaker/home?region=${encodeURIComponent(region)}`
}

/** The console page of one version of a group (name or shared-group ARN). */
export function versionConsoleUrl(
  group: string,
  region: string,
  version: number | undefined
): string | undefined {
  if (version === undefined || !Number.isInteger(version)) return undefined
  const located = groupNameAndRegion(group, region)
  const base = consoleBase(located.region)
  if (!base) return undefined
  return `${base}#/model-registry/${encodeURIComponent(located.name)}/versions/${version}`
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

/**
 * Links to the SageMaker console for a group and, when given, an endpoint; none when the
 * region is not a region name.
 */
export function consoleLinks(options: {
  region: string
  group: string
  endpointName?: string
}): ReportLink[] {
  const { name, region } = groupNameAndRegion(options.group, options.region)
  const base = consoleBase(region)
  if (!base) return []
  const links: ReportLink[] = [
    {
      label: 'Model group in the SageMaker console',
      url: `${base}#/model-registry/${encodeURIComponent(name)}`
    }
  ]
  if (options.endpointName) {
    links.push({
      label: `Endpoint ${options.endpointName} in the SageMaker console`,
      url: `${base}#/endpoints/${encodeURIComponent(options.endpointName)}`
    })
  }
  return links
}
