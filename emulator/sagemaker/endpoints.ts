// Endpoints with their lifecycle in time (Creating -> InService | Failed; Updating ->
// InService | RollingBack -> InService; Deleting -> gone). Updates run in deployment.ts.
import { validation } from '../errors.ts'
import type { EndpointRec, VariantState } from '../state.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  ENTITY_NAME,
  type Handler,
  listResponse,
  memberArg,
  requireRecord,
  secs,
  timeFilter
} from './common.ts'
import { requireConfig } from './endpoint-configs.ts'
import { checkDeploymentConfig, checkTrafficSizes, startUpdate } from './deployment.ts'
import { checkQuota, current, instancesByType, provision } from './fleet.ts'
const ENDPOINT_STATUSES = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed'
] as const

function requireEndpoint(ctx: Ctx, name: string): EndpointRec {
  return requireRecord(ctx, ctx.store.endpoints, 'endpoint', 'endpoint', name)
}

function endpointArg(input: Input): string {
  return memberArg(input, 'EndpointName', { ...ENTITY_NAME, pattern: undefined, max: 256 })
}

const createEndpoint: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'EndpointName', ENTITY_NAME)
  const configName = check.str(input, 'EndpointConfigName', ENTITY_NAME)
  const deployment = check.obj(input, 'DeploymentConfig')
  checkDeploymentConfig(check, deployment)
  const tags = check.tags(input)
  check.done()
  const arn = arnOf(ctx, 'endpoint', name!)
  if (ctx.store.endpoints.has(name!.toLowerCase()))
    throw validation(`Cannot create already existing endpoint "${arn}".`)
  const config = requireConfig(ctx, configName!)
  const request = instancesByType(config.variants)
  checkQuota(ctx.store, request)
  const ep: EndpointRec = {
    name: name!,
    arn,
    configName: config.name,
    status: 'Creating',
    creationTime: ctx.now,
    lastModifiedTime: ctx.now,
    variants: [],
    reserved: request,
    deploymentConfig: deployment ? copy(deployment) : undefined,
    dataCaptureConfig: config.fields.DataCaptureConfig as Input | undefined,
    generation: 1
  }
  ctx.store.endpoints.set(name!.toLowerCase(), ep)
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  const generation = ep.generation
  ctx.store.schedule(ctx.store.delays.endpointCreateMs, () => {
    if (!current(ctx, ep, generation)) return
    const result = provision(ctx, config)
    ep.reserved = new Map()
    ep.lastModifiedTime = ctx.store.now()
    if (result.ok) {
      ep.variants = result.variants
      ep.status = 'InService'
    } else {
      ep.status = 'Failed'
      ep.failureReason = result.reason
    }
  })
  return { EndpointArn: arn }
}

function variantSummary(v: VariantState): Input {
  return compact({
    VariantName: v.name,
    DeployedImages: copy(v.deployedImages),
    CurrentWeight: v.weight,
    DesiredWeight: v.desiredWeight,
    CurrentInstanceCount: v.instanceCount,
    DesiredInstanceCount: v.desiredInstanceCount,
    CurrentServerlessConfig: copy(v.serverless),
    DesiredServerlessConfig: copy(v.serverless)
  })
}

function captureSummary(ep: EndpointRec): Input | undefined {
  const dc = ep.dataCaptureConfig
  if (!dc) return undefined
  return compact({
    EnableCapture: dc.EnableCapture ?? true,
    CaptureStatus: dc.EnableCapture === false ? 'Stopped' : 'Started',
    CurrentSamplingPercentage: dc.InitialSamplingPercentage,
    DestinationS3Uri: dc.DestinationS3Uri,
    KmsKeyId: dc.KmsKeyId
  })
}

const describeEndpoint: Handler = (ctx, input) => {
  const ep = requireEndpoint(ctx, endpointArg(input))
  const p = ep.pending
  return compact({
    EndpointName: ep.name,
    EndpointArn: ep.arn,
    EndpointConfigName: ep.configName,
    ProductionVariants: ep.variants.length > 0 ? ep.variants.map(variantSummary) : undefined,
    DataCaptureConfig: captureSummary(ep),
    EndpointStatus: ep.status,
    FailureReason: ep.failureReason,
    CreationTime: secs(ep.creationTime),
    LastModifiedTime: secs(ep.lastModifiedTime),
    LastDeploymentConfig: copy(ep.lastDeploymentConfig),
    PendingDeploymentSummary: p
      ? {
          EndpointConfigName: p.configName,
          StartTime: secs(p.startTime),
          ProductionVariants: p.config.variants.map(v => {
            const live = p.variants?.find(x => x.name === v.VariantName)
            return compact({
              VariantName: v.VariantName,
              DeployedImages: live ? copy(live.deployedImages) : undefined,
              CurrentWeight: live?.weight,
              DesiredWeight: Number(v.InitialVariantWeight ?? 1),
              CurrentInstanceCount: live?.instanceCount,
              DesiredInstanceCount: v.InitialInstanceCount,
              InstanceType: v.InstanceType,
              CurrentServerlessConfig: live ? copy(live.serverless) : undefined,
              DesiredServerlessConfig: copy(v.ServerlessConfig),
              VariantStatus: [{ Status: p.phase, StartTime: secs(p.phaseStart) }]
            })
          })
        }
      : undefined
  })
}

const listEndpoints: Handler = (ctx, input) => {
  const check = new Checker()
  const status = check.str(input, 'StatusEquals', { enum: ENDPOINT_STATUSES })
  check.done()
  const modified = timeFilter(input, 'LastModifiedTimeAfter', 'LastModifiedTimeBefore')
  const r = listResponse(
    input,
    ctx.store.endpoints.values(),
    'ListEndpoints',
    e => ({
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: secs(e.creationTime),
      LastModifiedTime: secs(e.lastModifiedTime),
      EndpointStatus: e.status
    }),
    {
      sortKeys: ['Name', 'CreationTime', 'Status'],
      status: e => e.status,
      extraFilter: e => (!status || e.status === status) && modified(e.lastModifiedTime)
    }
  )
  return compact({ Endpoints: r.items, NextToken: r.NextToken })
}

const updateEndpoint: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'EndpointName', ENTITY_NAME)
  const configName = check.str(input, 'EndpointConfigName', ENTITY_NAME)
  const dcInput = check.obj(input, 'DeploymentConfig')
  checkDeploymentConfig(check, dcInput)
  const retain = check.bool(input, 'RetainDeploymentConfig')
  check.bool(input, 'RetainAllVariantProperties')
  check.done()
  const ep = requireEndpoint(ctx, name!)
  if (ep.status === 'Failed') throw validation(`Cannot update failed endpoint "${ep.arn}".`)
  if (ep.status !== 'InService') throw validation(`Cannot update in-progress endpoint "${ep.arn}".`)
  const config = requireConfig(ctx, configName!)
  const dc = dcInput ? copy(dcInput) : retain ? copy(ep.deploymentConfig) : undefined
  checkTrafficSizes(dc, config)
  const request = instancesByType(config.variants)
  // Blue/green keeps the old fleet until traffic has moved, so both count at once.
  checkQuota(ctx.store, request)
  ep.reserved = request
  startUpdate(ctx, ep, config, dc)
  return { EndpointArn: ep.arn }
}

const updateEndpointWeightsAndCapacities: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'EndpointName', ENTITY_NAME)
  const list = check.list(input, 'DesiredWeightsAndCapacities', { required: true, min: 1, max: 10 })
  check.members(list, 'DesiredWeightsAndCapacities', (item, p) => {
    check.str(
      item,
      'VariantName',
      { required: true, max: 63, pattern: PATTERNS.variantName },
      `${p}.variantName`
    )
    check.num(item, 'DesiredWeight', { min: 0 }, `${p}.desiredWeight`)
    check.num(item, 'DesiredInstanceCount', { min: 0, integer: true }, `${p}.desiredInstanceCount`)
  })
  check.done()
  const ep = requireEndpoint(ctx, name!)
  if (ep.status === 'Failed') throw validation(`Cannot update failed endpoint "${ep.arn}".`)
  if (ep.status !== 'InService') throw validation(`Cannot update in-progress endpoint "${ep.arn}".`)
  const wanted = list as Input[]
  const missing = wanted
    .map(w => String(w.VariantName))
    .filter(n => !ep.variants.some(v => v.name === n))
  if (missing.length > 0)
    throw validation(
      `The variant name(s) [${missing.join(', ')}] is/are not present in the endpoint "${ep.arn}".`
    )
  const extra = new Map<string, number>()
  for (const w of wanted) {
    const v = ep.variants.find(x => x.name === w.VariantName)!
    if (
      typeof w.DesiredInstanceCount === 'number' &&
      v.instanceType &&
      w.DesiredInstanceCount > (v.instanceCount ?? 0)
    )
      extra.set(
        v.instanceType,
        (extra.get(v.instanceType) ?? 0) + w.DesiredInstanceCount - (v.instanceCount ?? 0)
      )
  }
  checkQuota(ctx.store, extra)
  for (const w of wanted) {
    const v = ep.variants.find(x => x.name === w.VariantName)!
    if (typeof w.DesiredWeight === 'number') v.desiredWeight = w.DesiredWeight
    if (typeof w.DesiredInstanceCount === 'number') v.desiredInstanceCount = w.DesiredInstanceCount
  }
  const generation = ++ep.generation
  ep.status = 'Updating'
  ep.lastModifiedTime = ctx.now
  ctx.store.schedule(ctx.store.delays.endpointUpdateMs, () => {
    if (!current(ctx, ep, generation)) return
    for (const v of ep.variants) {
      v.weight = v.desiredWeight
      v.instanceCount = v.desiredInstanceCount
      v.credit = 0
    }
    ep.status = 'InService'
    ep.lastModifiedTime = ctx.store.now()
  })
  return { EndpointArn: ep.arn }
}

/** Statuses in which DeleteEndpoint is refused: an operation on the endpoint is running. */
const DELETE_BLOCKED = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack'])

const deleteEndpoint: Handler = (ctx, input) => {
  const ep = requireEndpoint(ctx, endpointArg(input))
  if (DELETE_BLOCKED.has(ep.status))
    throw validation(`Cannot delete in-progress endpoint "${ep.arn}".`)
  ep.generation++
  ep.pending = undefined
  ep.status = 'Deleting'
  ep.lastModifiedTime = ctx.now
  const generation = ep.generation
  ctx.store.schedule(ctx.store.delays.endpointDeleteMs, () => {
    if (!current(ctx, ep, generation)) return
    ctx.store.endpoints.delete(ep.name.toLowerCase())
    ctx.store.tags.delete(ep.arn)
  })
  return {}
}

export const endpointHandlers: Record<string, Handler> = {
  CreateEndpoint: createEndpoint,
  DescribeEndpoint: describeEndpoint,
  ListEndpoints: listEndpoints,
  UpdateEndpoint: updateEndpoint,
  UpdateEndpointWeightsAndCapacities: updateEndpointWeightsAndCapacities,
  DeleteEndpoint: deleteEndpoint
}
