// What an endpoint serves, read from SageMaker (endpoint -> config -> models -> model
// packages) and its tags: for deploy and rollback (what is live, what to keep), for the
// gate's `endpoint:` baseline, and for the group deletion that must not take a version an
// endpoint still serves. Reads only; a thing that does not exist reads as undefined.
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type DescribeEndpointCommandOutput,
  type DescribeEndpointConfigCommandOutput,
  type DescribeModelCommandOutput,
  type ProductionVariant,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { isNotFound } from '../aws-errors.js'
import { KEYS } from './metadata.js'
import { readTags, TAGS } from './tags.js'
import { describeVersions } from './versions.js'
import type { VersionSummary } from './versions.js'

export type EndpointDescription = DescribeEndpointCommandOutput

export type Compute =
  | { kind: 'instance'; instanceType: string; instanceCount: number }
  | { kind: 'serverless'; memorySizeInMb: number; maxConcurrency: number }

export interface LiveVariant {
  variantName: string
  modelName?: string
  /** The package behind the variant's model, when the model names one. */
  packageArn?: string
  weight: number
  compute?: Compute
}

/** What the endpoint serves now, read from DescribeEndpoint/-EndpointConfig/-Model and ListTags. */
export interface LiveEndpoint {
  name: string
  arn: string
  status: string
  configName: string
  configCreationTime?: Date
  variants: LiveVariant[]
  dataCaptureS3Uri?: string
  dataCaptureSamplingPercentage?: number
  failureReason?: string
  tags: Record<string, string>
}

/** `describe` whose "not found" answer is undefined. */
export async function orAbsent<T>(describe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await describe()
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

export function describeEndpoint(
  sagemaker: SageMakerClient,
  name: string
): Promise<EndpointDescription | undefined> {
  return orAbsent(() => sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })))
}

export function describeConfig(
  sagemaker: SageMakerClient,
  name: string
): Promise<DescribeEndpointConfigCommandOutput | undefined> {
  return orAbsent(() =>
    sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }))
  )
}

export function describeModel(
  sagemaker: SageMakerClient,
  name: string
): Promise<DescribeModelCommandOutput | undefined> {
  return orAbsent(() => sagemaker.send(new DescribeModelCommand({ ModelName: name })))
}

export function modelPackageOf(model: DescribeModelCommandOutput | undefined): string | undefined {
  if (!model) return undefined
  return (
    model.PrimaryContainer?.ModelPackageName ??
    model.Containers?.find(c => c.ModelPackageName)?.ModelPackageName
  )
}

/** The model names a config serves, shadow variants included (they run a model too). */
export async function configModelNames(
  sagemaker: SageMakerClient,
  configName: string
): Promise<string[]> {
  const config = await describeConfig(sagemaker, configName)
  return [...(config?.ProductionVariants ?? []), ...(config?.ShadowProductionVariants ?? [])]
    .map(v => v.ModelName ?? '')
    .filter(Boolean)
}

/** The variant with the largest weight: what outputs, tags and baselines call "the" one. */
export function primaryVariant<T extends { weight: number }>(variants: T[]): T | undefined {
  let best: T | undefined
  for (const v of variants) if (!best || v.weight > best.weight) best = v
  return best
}

/** The package the live endpoint serves with the largest weight. */
export function livePackageArn(live: LiveEndpoint | undefined): string | undefined {
  if (!live) return undefined
  return primaryVariant(live.variants.filter(v => v.packageArn))?.packageArn
}

/** The package the endpoint serves: the one this action recorded, if still live, else the largest weight. */
export function currentPackageArn(live: LiveEndpoint): string | undefined {
  const recorded = live.tags[TAGS.packageArn]
  if (recorded && live.variants.some(v => v.packageArn === recorded)) return recorded
  return livePackageArn(live)
}

function computeOf(variant: ProductionVariant): Compute | undefined {
  if (variant.ServerlessConfig?.MemorySizeInMB) {
    return {
      kind: 'serverless',
      memorySizeInMb: variant.ServerlessConfig.MemorySizeInMB,
      maxConcurrency: variant.ServerlessConfig.MaxConcurrency ?? 1
    }
  }
  if (variant.InstanceType) {
    return {
      kind: 'instance',
      instanceType: variant.InstanceType,
      instanceCount: variant.InitialInstanceCount ?? 1
    }
  }
  return undefined
}

/** What the endpoint serves now: its config, the packages behind the config's models, its tags. */
export async function readLiveEndpoint(
  sagemaker: SageMakerClient,
  description: EndpointDescription
): Promise<LiveEndpoint> {
  const configName = description.EndpointConfigName ?? ''
  const config = configName ? await describeConfig(sagemaker, configName) : undefined
  const current = new Map((description.ProductionVariants ?? []).map(v => [v.VariantName ?? '', v]))
  const variants: LiveVariant[] = []
  for (const variant of config?.ProductionVariants ?? []) {
    const name = variant.VariantName ?? ''
    const model = variant.ModelName ? await describeModel(sagemaker, variant.ModelName) : undefined
    variants.push({
      variantName: name,
      modelName: variant.ModelName,
      packageArn: modelPackageOf(model),
      weight: current.get(name)?.CurrentWeight ?? variant.InitialVariantWeight ?? 1,
      compute: computeOf(variant)
    })
  }
  if (!config) {
    for (const [name, v] of current)
      variants.push({ variantName: name, weight: v.CurrentWeight ?? 1 })
  }
  const arn = description.EndpointArn ?? ''
  return {
    name: description.EndpointName ?? '',
    arn,
    status: description.EndpointStatus ?? 'unknown',
    configName,
    configCreationTime: config?.CreationTime,
    variants,
    dataCaptureS3Uri: config?.DataCaptureConfig?.DestinationS3Uri,
    dataCaptureSamplingPercentage: config?.DataCaptureConfig?.InitialSamplingPercentage,
    failureReason: description.FailureReason,
    tags: arn ? await readTags(sagemaker, arn) : {}
  }
}

/**
 * The package an endpoint serves with the largest weight, or undefined when the endpoint
 * does not exist or serves no package: three reads, for the gate's `endpoint:` baseline.
 */
export async function servedPackageArn(
  sagemaker: SageMakerClient,
  endpointName: string
): Promise<string | undefined> {
  const description = await describeEndpoint(sagemaker, endpointName)
  if (!description?.EndpointConfigName) return undefined
  const config = await describeConfig(sagemaker, description.EndpointConfigName)
  const weights = new Map(
    (description.ProductionVariants ?? []).map(v => [v.VariantName, v.CurrentWeight])
  )
  const variants = (config?.ProductionVariants ?? []).map(v => ({
    modelName: v.ModelName,
    weight: weights.get(v.VariantName) ?? v.InitialVariantWeight ?? 1
  }))
  const primary = primaryVariant(variants)
  if (!primary?.modelName) return undefined
  return modelPackageOf(await describeModel(sagemaker, primary.modelName))
}

/**
 * Every package an endpoint serves or is being moved to (all variants, shadow ones too, of
 * its current and pending configs); empty when the endpoint does not exist. Any other
 * failed read throws, so that a caller deciding to delete something fails closed.
 */
export async function servedPackageArns(
  sagemaker: SageMakerClient,
  endpointName: string
): Promise<string[]> {
  const description = await describeEndpoint(sagemaker, endpointName)
  if (!description) return []
  const packages = new Set<string>()
  for (const configName of [
    description.EndpointConfigName,
    description.PendingDeploymentSummary?.EndpointConfigName
  ]) {
    if (!configName) continue
    for (const modelName of await configModelNames(sagemaker, configName)) {
      const model = await describeModel(sagemaker, modelName)
      const arns = [
        model?.PrimaryContainer?.ModelPackageName,
        ...(model?.Containers ?? []).map(c => c.ModelPackageName)
      ]
      for (const arn of arns) if (arn) packages.add(arn)
    }
  }
  return [...packages]
}

/** A version recorded as deployed, with the endpoints that record names and those still serving it. */
export interface DeployedVersion {
  version: number
  endpoints: string[]
  serving: string[]
}

/**
 * Versions deleting could break an endpoint with: Approved ones whose metadata records a
 * deployment, and any version an endpoint it is recorded on still serves (a version can be
 * rejected while it is live). A failed read throws, so that nothing is deleted.
 */
export async function deployedVersions(
  sagemaker: SageMakerClient,
  versions: VersionSummary[]
): Promise<DeployedVersion[]> {
  const described = await describeVersions(
    sagemaker,
    versions.map(version => version.arn)
  )
  const served = new Map<string, string[]>()
  const blocked: DeployedVersion[] = []
  for (const [index, pkg] of described.entries()) {
    const summary = versions[index]
    if (!summary) continue
    const endpoints = Object.keys(pkg?.CustomerMetadataProperties ?? {})
      .filter(key => key.startsWith(KEYS.deployedPrefix))
      .map(key => key.slice(KEYS.deployedPrefix.length))
    if (endpoints.length === 0) continue
    const serving: string[] = []
    for (const endpoint of endpoints) {
      if (!served.has(endpoint)) served.set(endpoint, await servedPackageArns(sagemaker, endpoint))
      if (served.get(endpoint)?.includes(summary.arn)) serving.push(endpoint)
    }
    if (summary.status === 'Approved' || serving.length > 0)
      blocked.push({ version: summary.version, endpoints, serving })
  }
  return blocked
}
