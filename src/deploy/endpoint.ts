// Which of a plan's models and configs exist already, making the plan's create calls and
// the endpoint change, and proving afterwards that the endpoint really serves the config
// asked for: SageMaker's own waiter reports InService even after an update rolled back.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
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
import { isAlreadyExists } from '../aws-errors.js'
import {
  describeConfig,
  describeModel,
  modelPackageOf,
  type EndpointDescription
} from '../registry/served.js'
import { describeCall, type DeployPlan, type PlanFacts, type PlannedCall } from './plan.js'
import { consoleUrl, withLink } from '../report/links.js'

type Ctx = Pick<RunContext, 'aws' | 'out'>

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
  let what: string
  if (call.operation === 'CreateEndpoint') {
    await sagemaker.send(new CreateEndpointCommand(call.input))
    what = `Creating endpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`
  } else if (call.operation === 'UpdateEndpoint') {
    await sagemaker.send(new UpdateEndpointCommand(call.input))
    what = `Updating endpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}`
  } else if (call.operation === 'UpdateEndpointWeightsAndCapacities') {
    await sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand(call.input))
    what = describeCall(call)
  } else {
    throw new Error(`${call.operation} does not change an endpoint`)
  }
  ctx.out.info(withLink(what, consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')))
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
