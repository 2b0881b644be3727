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

/** A group given as a name or as the ARN of a group shared from another account. */
export function groupNameAndRegion(
  group: string,
  region: string
): { name: string; region: string } {
  const arn = parseGroupArn(group)
  return arn ? { name: arn.name, region: arn.region } : { name: group, region }
}

/**
 * Links to the SageMaker console for a group and, when given, an endpoint; none when the
 * region is not a region name. The console routes are not a documented API: these are
 * the forms in common use.
 */
export function consoleLinks(options: {
  region: string
  group: string
  endpointName?: string
}): ReportLink[] {
  const { name, region } = groupNameAndRegion(options.group, options.region)
  // The region becomes part of the host name: anything but a region would send the
  // reader elsewhere.
  if (!REGION.test(region)) return []
  const base = `https://${consoleHost(region)}/sagemaker/home?region=${encodeURIComponent(region)}`
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
