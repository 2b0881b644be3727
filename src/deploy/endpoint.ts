// Reading what an endpoint serves and which of a plan's models and configs exist already,
// making the plan's create calls and the endpoint change, and proving
// afterwards that the endpoint really serves the config asked for: SageMaker's own waiter
// reports InService even after an update rolled back.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type DescribeEndpointConfigCommandOutput,
  type DescribeModelCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import type { RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { isAlreadyExists, isNotFound } from '../aws-errors.js'
import {
  describeCall,
  primaryVariant,
  type Compute,
  type DeployPlan,
  type LiveEndpoint,
  type LiveVariant,
  type PlanFacts,
  type PlannedCall
} from './plan.js'
import { consoleUrl, withLink } from '../report/links.js'
import { readTags } from './tags.js'
import { describeEndpoint, type EndpointDescription } from './waiter.js'

type Ctx = Pick<RunContext, 'aws' | 'out'>

async function describeModel(
  sagemaker: SageMakerClient,
  name: string
): Promise<DescribeModelCommandOutput | undefined> {
  try {
    return await sagemaker.send(new DescribeModelCommand({ ModelName: name }))
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

async function describeConfig(
  sagemaker: SageMakerClient,
  name: string
): Promise<DescribeEndpointConfigCommandOutput | undefined> {
  try {
    return await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }))
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

function modelPackageOf(model: DescribeModelCommandOutput | undefined): string | undefined {
  if (!model) return undefined
  return (
    model.PrimaryContainer?.ModelPackageName ??
    model.Containers?.find(c => c.ModelPackageName)?.ModelPackageName
  )
}

/** The model names a config serves, for cleanup to keep. */
export async function configModelNames(
  sagemaker: SageMakerClient,
  configName: string
): Promise<string[]> {
  const config = await describeConfig(sagemaker, configName)
  // Shadow variants run a model too: deleting it would break the shadow test.
  return [...(config?.ProductionVariants ?? []), ...(config?.ShadowProductionVariants ?? [])]
    .map(v => v.ModelName ?? '')
    .filter(Boolean)
}

/** What the endpoint serves now: its config, the packages behind the config's models, its tags. */
export async function readLiveEndpoint(
  ctx: Ctx,
  description: EndpointDescription
): Promise<LiveEndpoint> {
  const sagemaker = ctx.aws.sagemaker
  const configName = description.EndpointConfigName ?? ''
  const config = configName ? await describeConfig(sagemaker, configName) : undefined
  const current = new Map((description.ProductionVariants ?? []).map(v => [v.VariantName ?? '', v]))
  const variants: LiveVariant[] = []
  for (const variant of config?.ProductionVariants ?? []) {
    const name = variant.VariantName ?? ''
    const model = variant.ModelName ? await describeModel(sagemaker, variant.ModelName) : undefined
    let compute: Compute | undefined
    if (variant.ServerlessConfig?.MemorySizeInMB) {
      compute = {
        kind: 'serverless',
        memorySizeInMb: variant.ServerlessConfig.MemorySizeInMB,
        maxConcurrency: variant.ServerlessConfig.MaxConcurrency ?? 1
      }
    } else if (variant.InstanceType) {
      compute = {
        kind: 'instance',
        instanceType: variant.InstanceType,
        instanceCount: variant.InitialInstanceCount ?? 1
      }
    }
    variants.push({
      variantName: name,
      modelName: variant.ModelName,
      packageArn: modelPackageOf(model),
      weight: current.get(name)?.CurrentWeight ?? variant.InitialVariantWeight ?? 1,
      compute
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
    failureReason: description.FailureReason,
    tags: arn ? await readTags(sagemaker, arn) : {}
  }
}

function checkModel(input: CreateModelCommandInput, model: DescribeModelCommandOutput): void {
  const wanted = input.Containers?.[0]?.ModelPackageName
  if (modelPackageOf(model) !== wanted || model.ExecutionRoleArn !== input.ExecutionRoleArn) {
    throw new UserError(
      `Model ${input.ModelName} already exists but serves ${modelPackageOf(model) ?? 'no model package'} with role ${model.ExecutionRoleArn}, not ${wanted} with ${input.ExecutionRoleArn}: refusing to deploy a model this deployment did not define.`
    )
  }
}

function configShape(
  config: Pick<CreateEndpointConfigCommandInput, 'ProductionVariants' | 'DataCaptureConfig'>
): string {
  return JSON.stringify({
    variants: (config.ProductionVariants ?? [])
      .map(v => [
        v.VariantName,
        v.ModelName,
        v.InitialVariantWeight,
        v.InstanceType ?? null,
        v.InitialInstanceCount ?? null
      ])
      .sort(),
    capture: config.DataCaptureConfig?.DestinationS3Uri ?? null
  })
}

function checkConfig(
  input: CreateEndpointConfigCommandInput,
  config: DescribeEndpointConfigCommandOutput
): void {
  if (configShape(config) !== configShape(input)) {
    throw new UserError(
      `Endpoint config ${input.EndpointConfigName} already exists with other variants: refusing to deploy a config this deployment did not define.`
    )
  }
}

/**
 * The plan's models and config that exist already (a retried attempt made them, or an
 * earlier run with the same run id, as every CLI run has), with their creation times: the
 * plan uses them instead of creating them. One that exists with other content is refused.
 */
export async function findExisting(
  sagemaker: SageMakerClient,
  plan: Pick<DeployPlan, 'models' | 'endpointConfig'>
): Promise<PlanFacts['existing']> {
  const existing: PlanFacts['existing'] = { models: new Map(), configs: new Map() }
  for (const input of plan.models) {
    const model = await describeModel(sagemaker, input.ModelName ?? '')
    if (!model) continue
    checkModel(input, model)
    existing.models.set(input.ModelName ?? '', model.CreationTime)
  }
  if (plan.endpointConfig) {
    const config = await describeConfig(sagemaker, plan.endpointConfig.EndpointConfigName ?? '')
    if (config) {
      checkConfig(plan.endpointConfig, config)
      existing.configs.set(plan.endpointConfig.EndpointConfigName ?? '', config.CreationTime)
    }
  }
  return existing
}

/**
 * Makes a CreateModel or CreateEndpointConfig call of the plan. True when this call created
 * it; false when an identical one appeared since the plan was made (a concurrent attempt of
 * the same run), which is then used and not counted as this run's.
 */
export async function createResource(
  ctx: Ctx & { region: string },
  call: CreateCall
): Promise<boolean> {
  const sagemaker = ctx.aws.sagemaker
  try {
    if (call.operation === 'CreateModel') await sagemaker.send(new CreateModelCommand(call.input))
    else await sagemaker.send(new CreateEndpointConfigCommand(call.input))
  } catch (error) {
    if (!isAlreadyExists(error)) throw error
    if (call.operation === 'CreateModel') {
      const model = await describeModel(sagemaker, call.input.ModelName ?? '')
      if (!model) throw error
      checkModel(call.input, model)
    } else {
      const config = await describeConfig(sagemaker, call.input.EndpointConfigName ?? '')
      if (!config) throw error
      checkConfig(call.input, config)
    }
    ctx.out.warning(
      `${labelOf(call)} appeared with the same content after the plan was made (a concurrent attempt of this run?): this deployment uses it and does not count it as its own.`
    )
    return false
  }
  ctx.out.info(
    withLink(`Created ${labelOf(call)}`, consoleUrl(ctx.region, pageOf(call), nameOf(call)))
  )
  return true
}

type CreateCall = Extract<PlannedCall, { operation: 'CreateModel' | 'CreateEndpointConfig' }>

function nameOf(call: CreateCall): string {
  return (
    (call.operation === 'CreateModel' ? call.input.ModelName : call.input.EndpointConfigName) ?? ''
  )
}

function labelOf(call: CreateCall): string {
  return `${call.operation === 'CreateModel' ? 'model' : 'endpoint config'} ${nameOf(call)}`
}

function pageOf(call: CreateCall): 'models' | 'endpointConfig' {
  return call.operation === 'CreateModel' ? 'models' : 'endpointConfig'
}

/** Sends the call that changes the endpoint; SageMaker carries it out after the call returns. */
export async function startEndpointChange(
  ctx: Ctx & { region: string },
  call: PlannedCall
): Promise<void> {
  const sagemaker = ctx.aws.sagemaker
  switch (call.operation) {
    case 'CreateEndpoint':
      await sagemaker.send(new CreateEndpointCommand(call.input))
      ctx.out.info(
        withLink(
          `Creating endpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`,
          consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')
        )
      )
      return
    case 'UpdateEndpoint':
      await sagemaker.send(new UpdateEndpointCommand(call.input))
      ctx.out.info(
        withLink(
          `Updating endpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}`,
          consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')
        )
      )
      return
    case 'UpdateEndpointWeightsAndCapacities':
      await sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand(call.input))
      ctx.out.info(
        withLink(
          describeCall(call),
          consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')
        )
      )
      return
    default:
      throw new Error(`${call.operation} does not change an endpoint`)
  }
}

/**
 * Why the endpoint does not serve what the plan asked for, or undefined when it does:
 * InService, on the planned config and, for a weights change, with the planned weights.
 */
export function verifyDeployment(
  plan: DeployPlan,
  description: EndpointDescription | undefined,
  previousConfigName: string | undefined
): string | undefined {
  if (!description)
    return `Endpoint ${plan.endpointName} no longer exists: it was deleted during the deployment.`
  const status = description.EndpointStatus ?? 'unknown'
  const config = description.EndpointConfigName ?? '?'
  const reason = description.FailureReason
    ? ` SageMaker's FailureReason: ${description.FailureReason}`
    : ''
  if (status === 'InService' && config === plan.endpointConfigName) {
    if (plan.action !== 'update-weights') return undefined
    const off = plan.variants.filter(v => {
      const live = description.ProductionVariants?.find(p => p.VariantName === v.variantName)
      return (live?.CurrentWeight ?? live?.DesiredWeight) !== v.weight
    })
    if (off.length === 0) return undefined
    return `Endpoint ${plan.endpointName} is InService but its weights are not the ones asked for (${off
      .map(v => `${v.variantName}=${v.weight}`)
      .join(', ')}).${reason}`
  }
  if (status === 'InService' && previousConfigName && config === previousConfigName) {
    return `The deployment to endpoint ${plan.endpointName} was rolled back: it is InService on its previous config ${config}, not on ${plan.endpointConfigName}.${reason || ' SageMaker gave no FailureReason; check the alarms and the endpoint events in the console.'}`
  }
  if (status === 'InService') {
    return `Endpoint ${plan.endpointName} is InService on config ${config}, not on ${plan.endpointConfigName}: another deployment replaced this one.${reason}`
  }
  if (status === 'UpdateRollbackFailed') {
    return `The deployment to endpoint ${plan.endpointName} failed and so did SageMaker's rollback (UpdateRollbackFailed): the endpoint serves a mix of the old and new configs.${reason}`
  }
  return `Endpoint ${plan.endpointName} is ${status} on config ${config}, not InService on ${plan.endpointConfigName}.${reason}`
}

/**
 * The package an endpoint serves with the largest weight, or undefined when the endpoint
 * does not exist or serves no package: three reads, for the gate's `endpoint:` baseline.
 */
export async function servedPackageArn(
  sagemaker: SageMakerClient,
  endpointName: string
): Promise<string | undefined> {
  const description = await describeEndpoint(
    { aws: { sagemaker } as RunContext['aws'] },
    endpointName
  )
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
  const description = await describeEndpoint(
    { aws: { sagemaker } as RunContext['aws'] },
    endpointName
  )
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
