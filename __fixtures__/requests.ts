// What a SageMaker request acts on, read from its input: the field the request is addressed
// by. Tests compare a plan's calls with the requests a run made by operation and this.
const ADDRESSED_BY = [
  'ModelPackageArn',
  'ActionName',
  'DestinationArn',
  'ResourceArn',
  'EndpointName',
  'EndpointConfigName',
  'ModelName'
] as const

export function requestResource(input: object): string {
  const fields = input as Record<string, unknown>
  const value = ADDRESSED_BY.map(key => fields[key]).find(v => typeof v === 'string')
  return typeof value === 'string' ? value : ''
}
