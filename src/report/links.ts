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
