// Hosting: models, endpoint configs and endpoints, with their lifecycle in time
// (Creating -> InService | Failed; Updating -> InService | RollingBack -> InService)
// and blue/green traffic shifting that follows the DeploymentConfig's steps.
import { limitExceeded, validation } from '../errors.ts'
import { parseArtifact, type ArtifactResult } from '../model.ts'
import {
  parseS3Uri,
  type EndpointConfigRec,
  type EndpointRec,
  type ModelRec,
  type Store,
  type VariantState
} from '../state.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import { createHash } from 'node:crypto'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  ENTITY_NAME,
  type Handler,
  memberArg,
  NAME_CONTAINS,
  MODEL_NAME_PATTERN,
  nameOf,
  secs,
  sortedPage,
  timeFilter
} from './common.ts'
import { requirePackage } from './registry.ts'

const MODEL_NAME = { ...ENTITY_NAME, pattern: MODEL_NAME_PATTERN }

// ---------- artifacts ----------

/** The S3 location of a container's model data (ModelDataUrl or ModelDataSource). */
function containerArtifact(container: Input | undefined): string | undefined {
  if (!container) return undefined
  if (typeof container.ModelDataUrl === 'string') return container.ModelDataUrl
  const src = (container.ModelDataSource as Input | undefined)?.S3DataSource as Input | undefined
  return typeof src?.S3Uri === 'string' ? src.S3Uri : undefined
}

export function loadArtifact(
  store: Store,
  uri: string | undefined
): ArtifactResult & { missing?: boolean } {
  if (!uri) return { ok: false, reason: 'The model has no model data URL.', missing: true }
  const loc = parseS3Uri(uri)
  const obj = loc ? store.getObject(loc.bucket, loc.key) : undefined
  if (!obj) return { ok: false, reason: `No object at ${uri}.`, missing: true }
  return parseArtifact(obj.body, uri)
}

/** FailureReason as SageMaker words it for an artifact it cannot download or serve. */
function artifactFailure(
  variant: string,
  uri: string | undefined,
  result: { reason: string; missing?: boolean }
): string {
  if (result.missing)
    return `Failed to download model data for container "container_1" from URL "${uri ?? ''}". Please ensure that there is an object located at the URL and that the role passed to CreateModel has permissions to download the object.`
  return `The primary container for production variant ${variant} did not pass the ping health check. Please check CloudWatch logs for this endpoint. (${result.reason})`
}

// ---------- models ----------

function checkContainer(check: Checker, c: Input | undefined, path: string): void {
  if (!c) return
  check.str(c, 'Image', { max: 255, pattern: PATTERNS.image }, `${path}.image`)
  check.str(c, 'ModelDataUrl', { max: 1024, pattern: PATTERNS.s3Uri }, `${path}.modelDataUrl`)
  check.str(
    c,
    'ModelPackageName',
    { min: 1, max: 176, pattern: PATTERNS.packageNameOrArn },
    `${path}.modelPackageName`
  )
  check.str(c, 'Mode', { enum: ['SingleModel', 'MultiModel'] }, `${path}.mode`)
  check.map(
    c,
    'Environment',
    { max: 100, key: { max: 1024 }, value: { max: 1024 } },
    `${path}.environment`
  )
}

const createModel: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'ModelName', MODEL_NAME)
  const primary = check.obj(input, 'PrimaryContainer')
  const containers = check.list(input, 'Containers', { max: 15 })
  check.str(input, 'ExecutionRoleArn', { min: 20, max: 2048, pattern: PATTERNS.roleArn })
  checkContainer(check, primary, 'PrimaryContainer')
  check.members(containers, 'Containers', (container, p) => checkContainer(check, container, p))
  const tags = check.tags(input)
  check.done()
  const arn = arnOf(ctx, 'model', name!)
  if (ctx.store.models.has(name!.toLowerCase()))
    throw validation(`Cannot create already existing model "${arn}".`)
  if (primary && containers)
    throw validation('Only one of PrimaryContainer and Containers may be specified.')
  const first = primary ?? (containers?.[0] as Input | undefined)
  if (!first) throw validation('Either PrimaryContainer or Containers must be specified.')

  let artifactUri: string | undefined
  let image: string | undefined
  for (const c of primary ? [primary] : (containers as Input[])) {
    if (typeof c.ModelPackageName === 'string') {
      if (c.Image !== undefined)
        throw validation('A container cannot specify both Image and ModelPackageName.')
      const pkg = requirePackage(ctx, c.ModelPackageName)
      if (pkg.version !== undefined && pkg.approval !== 'Approved')
        throw validation(
          `Model package ${pkg.arn} has ModelApprovalStatus ${pkg.approval}. Only model packages with ModelApprovalStatus Approved can be used to create a model.`
        )
      const spec = pkg.fields.InferenceSpecification as Input | undefined
      const pc = (spec?.Containers as Input[] | undefined)?.[0]
      if (!pc) throw validation(`Model package ${pkg.arn} has no InferenceSpecification to deploy.`)
      if (c === first) {
        artifactUri = containerArtifact(pc)
        image = typeof pc.Image === 'string' ? pc.Image : undefined
      }
    } else {
      if (typeof c.Image !== 'string')
        throw validation('Each container needs Image or ModelPackageName.')
      if (c === first) {
        artifactUri = containerArtifact(c)
        image = c.Image
      }
    }
  }
  const fields: Input = {}
  for (const f of [
    'PrimaryContainer',
    'Containers',
    'InferenceExecutionConfig',
    'ExecutionRoleArn',
    'VpcConfig',
    'EnableNetworkIsolation'
  ])
    if (input[f] !== undefined) fields[f] = copy(input[f])
  if (fields.EnableNetworkIsolation === undefined) fields.EnableNetworkIsolation = false
  ctx.store.models.set(name!.toLowerCase(), {
    name: name!,
    arn,
    creationTime: ctx.now,
    fields,
    artifactUri,
    image
  })
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  return { ModelArn: arn }
}

/** A hosting record by name or ARN; SageMaker names a missing one by the ARN it would have. */
function requireRecord<T>(
  ctx: Ctx,
  records: Map<string, T>,
  type: string,
  what: string,
  nameOrArn: string
): T {
  const name = nameOf(nameOrArn, type)
  const rec = records.get(name.toLowerCase())
  if (!rec) throw validation(`Could not find ${what} "${arnOf(ctx, type, name)}".`)
  return rec
}

function requireModel(ctx: Ctx, name: string): ModelRec {
  return requireRecord(ctx, ctx.store.models, 'model', 'model', name)
}

function modelArg(input: Input): string {
  return memberArg(input, 'ModelName', { ...MODEL_NAME, pattern: undefined, max: 256 })
}

const describeModel: Handler = (ctx, input) => {
  const m = requireModel(ctx, modelArg(input))
  return compact({
    ModelName: m.name,
    ModelArn: m.arn,
    CreationTime: secs(m.creationTime),
    ...copy(m.fields)
  })
}

const deleteModel: Handler = (ctx, input) => {
  const m = requireModel(ctx, modelArg(input))
  ctx.store.models.delete(m.name.toLowerCase())
  ctx.store.tags.delete(m.arn)
  return {}
}

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

/**
 * The shared shape of ListModels, ListEndpointConfigs and ListEndpoints: NameContains,
 * CreationTimeAfter ("greater than or equal to") / CreationTimeBefore, SortBy (each
 * operation's own values), SortOrder (default Descending) and paging.
 */
function listResponse<T extends { name: string; creationTime: number }>(
  input: Input,
  all: Iterable<T>,
  scope: string,
  summary: (t: T) => Input,
  opts: {
    sortKeys?: readonly string[]
    extraFilter?: (t: T) => boolean
    status?: (t: T) => string
  } = {}
): { items: Input[]; NextToken?: string } {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const by =
    check.str(input, 'SortBy', { enum: opts.sortKeys ?? ['Name', 'CreationTime'] }) ??
    'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore', true)
  const extra = opts.extraFilter ?? (() => true)
  const items = [...all].filter(
    t =>
      (!contains || t.name.toLowerCase().includes(contains)) && inTime(t.creationTime) && extra(t)
  )
  const page = sortedPage(
    items,
    input,
    scope,
    t =>
      by === 'Name'
        ? t.name
        : by === 'Status' && opts.status
          ? `${opts.status(t)}:${String(t.creationTime).padStart(16, '0')}`
          : t.creationTime,
    'Descending'
  )
  return { items: page.items.map(summary), NextToken: page.nextToken }
}

const listModels: Handler = (ctx, input) => {
  const r = listResponse(input, ctx.store.models.values(), 'ListModels', m => ({
    ModelName: m.name,
    ModelArn: m.arn,
    CreationTime: secs(m.creationTime)
  }))
  return compact({ Models: r.items, NextToken: r.NextToken })
}

// ---------- endpoint configs ----------

const createEndpointConfig: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'EndpointConfigName', ENTITY_NAME)
  const variants = check.list(input, 'ProductionVariants', { required: true, min: 1, max: 10 })
  check.members(variants, 'ProductionVariants', (variant, p) => {
    check.str(
      variant,
      'VariantName',
      { required: true, max: 63, pattern: PATTERNS.variantName },
      `${p}.variantName`
    )
    check.str(
      variant,
      'ModelName',
      { required: true, max: 63, pattern: MODEL_NAME.pattern },
      `${p}.modelName`
    )
    check.num(
      variant,
      'InitialInstanceCount',
      { min: 1, integer: true },
      `${p}.initialInstanceCount`
    )
    check.num(variant, 'InitialVariantWeight', { min: 0 }, `${p}.initialVariantWeight`)
    check.str(
      variant,
      'InstanceType',
      { pattern: /^ml\.[a-z0-9]+\.[a-z0-9]+$/ },
      `${p}.instanceType`
    )
    const sc = check.obj(variant, 'ServerlessConfig', false, `${p}.serverlessConfig`)
    check.num(
      sc,
      'MemorySizeInMB',
      { required: true, min: 1024, max: 6144, integer: true },
      `${p}.serverlessConfig.memorySizeInMB`
    )
    check.num(
      sc,
      'MaxConcurrency',
      { required: true, min: 1, max: 200, integer: true },
      `${p}.serverlessConfig.maxConcurrency`
    )
  })
  const tags = check.tags(input)
  check.done()
  const arn = arnOf(ctx, 'endpoint-config', name!)
  if (ctx.store.endpointConfigs.has(name!.toLowerCase()))
    throw validation(`Cannot create already existing endpoint configuration "${arn}".`)
  const seen = new Set<string>()
  for (const v of variants as Input[]) {
    const vn = String(v.VariantName)
    if (seen.has(vn.toLowerCase()))
      throw validation(`The variant name(s) [${vn}] is/are repeated in the endpoint configuration.`)
    seen.add(vn.toLowerCase())
    if (
      v.ServerlessConfig === undefined &&
      (v.InstanceType === undefined || v.InitialInstanceCount === undefined)
    )
      throw validation(
        `Production variant ${vn} needs InstanceType and InitialInstanceCount, or ServerlessConfig.`
      )
    if (
      v.ServerlessConfig !== undefined &&
      (v.InstanceType !== undefined || v.InitialInstanceCount !== undefined)
    )
      throw validation(
        `Production variant ${vn} cannot combine ServerlessConfig with InstanceType or InitialInstanceCount.`
      )
    requireModel(ctx, String(v.ModelName))
  }
  const stored = (variants as Input[]).map(v => ({ InitialVariantWeight: 1, ...copy(v) }))
  const fields: Input = {}
  for (const f of [
    'DataCaptureConfig',
    'KmsKeyId',
    'AsyncInferenceConfig',
    'ExplainerConfig',
    'ShadowProductionVariants',
    'EnableNetworkIsolation',
    'ExecutionRoleArn'
  ])
    if (input[f] !== undefined) fields[f] = copy(input[f])
  ctx.store.endpointConfigs.set(name!.toLowerCase(), {
    name: name!,
    arn,
    creationTime: ctx.now,
    fields,
    variants: stored
  })
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  return { EndpointConfigArn: arn }
}

function requireConfig(ctx: Ctx, name: string): EndpointConfigRec {
  return requireRecord(
    ctx,
    ctx.store.endpointConfigs,
    'endpoint-config',
    'endpoint configuration',
    name
  )
}

function configArg(input: Input): string {
  return memberArg(input, 'EndpointConfigName', { ...ENTITY_NAME, pattern: undefined, max: 256 })
}

const describeEndpointConfig: Handler = (ctx, input) => {
  const c = requireConfig(ctx, configArg(input))
  return compact({
    EndpointConfigName: c.name,
    EndpointConfigArn: c.arn,
    ProductionVariants: copy(c.variants),
    CreationTime: secs(c.creationTime),
    ...copy(c.fields)
  })
}

const deleteEndpointConfig: Handler = (ctx, input) => {
  const c = requireConfig(ctx, configArg(input))
  ctx.store.endpointConfigs.delete(c.name.toLowerCase())
  ctx.store.tags.delete(c.arn)
  return {}
}

const listEndpointConfigs: Handler = (ctx, input) => {
  const r = listResponse(input, ctx.store.endpointConfigs.values(), 'ListEndpointConfigs', c => ({
    EndpointConfigName: c.name,
    EndpointConfigArn: c.arn,
    CreationTime: secs(c.creationTime)
  }))
  return compact({ EndpointConfigs: r.items, NextToken: r.NextToken })
}

// ---------- endpoints ----------

function instancesByType(variants: Input[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const v of variants)
    if (typeof v.InstanceType === 'string')
      m.set(v.InstanceType, (m.get(v.InstanceType) ?? 0) + Number(v.InitialInstanceCount ?? 0))
  return m
}

/** Instances in use per type: live fleets plus fleets being created. */
function instanceUsage(store: Store): Map<string, number> {
  const m = new Map<string, number>()
  const add = (t: string | undefined, n: number | undefined) => {
    if (t) m.set(t, (m.get(t) ?? 0) + (n ?? 0))
  }
  for (const ep of store.endpoints.values()) {
    for (const v of ep.variants)
      add(v.instanceType, Math.max(v.instanceCount ?? 0, v.desiredInstanceCount ?? 0))
    for (const [t, n] of ep.reserved) add(t, n)
  }
  return m
}

/** The account quota "<type> for endpoint usage", reported as SageMaker words it. */
function checkQuota(store: Store, request: Map<string, number>): void {
  const usage = instanceUsage(store)
  for (const [type, delta] of request) {
    const limit =
      store.faults.instanceLimits.get(type) ?? store.faults.instanceLimits.get('*') ?? Infinity
    const used = usage.get(type) ?? 0
    if (used + delta > limit)
      throw limitExceeded(
        `The account-level service limit '${type} for endpoint usage' is ${limit} Instances, with current utilization of ${used} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.`
      )
  }
}

function deployedImages(model: ModelRec, at: number): Input[] {
  if (!model.image) return []
  const digest = createHash('sha256').update(model.image).digest('hex')
  return [
    {
      SpecifiedImage: model.image,
      ResolvedImage: `${model.image.split(':')[0]}@sha256:${digest}`,
      ResolutionTime: secs(at)
    }
  ]
}

/** Starts every variant of a config; the first one that cannot load its model fails all. */
function provision(
  ctx: Ctx,
  config: EndpointConfigRec
): { ok: true; variants: VariantState[] } | { ok: false; reason: string } {
  const out: VariantState[] = []
  for (const v of config.variants) {
    const variantName = String(v.VariantName)
    const model = ctx.store.models.get(String(v.ModelName).toLowerCase())
    if (!model)
      return {
        ok: false,
        reason: `Could not find model "${arnOf(ctx, 'model', String(v.ModelName))}".`
      }
    const loaded = loadArtifact(ctx.store, model.artifactUri)
    if (!loaded.ok)
      return { ok: false, reason: artifactFailure(variantName, model.artifactUri, loaded) }
    const weight = Number(v.InitialVariantWeight ?? 1)
    out.push({
      name: variantName,
      modelName: model.name,
      model: loaded.model,
      deployedImages: deployedImages(model, ctx.store.now()),
      weight,
      desiredWeight: weight,
      instanceType: v.InstanceType as string | undefined,
      instanceCount: v.InitialInstanceCount as number | undefined,
      desiredInstanceCount: v.InitialInstanceCount as number | undefined,
      serverless: v.ServerlessConfig as Input | undefined,
      credit: 0
    })
  }
  return { ok: true, variants: out }
}

function requireEndpoint(ctx: Ctx, name: string): EndpointRec {
  return requireRecord(ctx, ctx.store.endpoints, 'endpoint', 'endpoint', name)
}

function endpointArg(input: Input): string {
  return memberArg(input, 'EndpointName', { ...ENTITY_NAME, pattern: undefined, max: 256 })
}

/** True while `ep` is still the live record and no newer operation replaced this one. */
function current(ctx: Ctx, ep: EndpointRec, generation: number): boolean {
  return ctx.store.endpoints.get(ep.name.toLowerCase()) === ep && ep.generation === generation
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

function checkDeploymentConfig(check: Checker, dc: Input | undefined): void {
  if (!dc) return
  const bg = check.obj(dc, 'BlueGreenUpdatePolicy', false, 'DeploymentConfig.BlueGreenUpdatePolicy')
  const p = 'DeploymentConfig.BlueGreenUpdatePolicy'
  if (bg) {
    const tr = check.obj(
      bg,
      'TrafficRoutingConfiguration',
      true,
      `${p}.TrafficRoutingConfiguration`
    )
    const tp = `${p}.TrafficRoutingConfiguration`
    const type = check.str(
      tr,
      'Type',
      { required: true, enum: ['ALL_AT_ONCE', 'CANARY', 'LINEAR'] },
      `${tp}.Type`
    )
    check.num(
      tr,
      'WaitIntervalInSeconds',
      { required: true, min: 0, max: 3600, integer: true },
      `${tp}.WaitIntervalInSeconds`
    )
    for (const [field, needed] of [
      ['CanarySize', type === 'CANARY'],
      ['LinearStepSize', type === 'LINEAR']
    ] as const) {
      const size = check.obj(tr, field, needed, `${tp}.${field}`)
      check.str(
        size,
        'Type',
        { required: true, enum: ['INSTANCE_COUNT', 'CAPACITY_PERCENT'] },
        `${tp}.${field}.Type`
      )
      check.num(size, 'Value', { required: true, min: 1, integer: true }, `${tp}.${field}.Value`)
    }
    check.num(
      bg,
      'TerminationWaitInSeconds',
      { min: 0, max: 3600, integer: true },
      `${p}.TerminationWaitInSeconds`
    )
    check.num(
      bg,
      'MaximumExecutionTimeoutInSeconds',
      { min: 600, max: 28800, integer: true },
      `${p}.MaximumExecutionTimeoutInSeconds`
    )
  }
  const rolling = check.obj(
    dc,
    'RollingUpdatePolicy',
    false,
    'DeploymentConfig.RollingUpdatePolicy'
  )
  const rp = 'DeploymentConfig.RollingUpdatePolicy'
  for (const [field, required] of [
    ['MaximumBatchSize', true],
    ['RollbackMaximumBatchSize', false]
  ] as const) {
    const size = check.obj(rolling, field, required, `${rp}.${field}`)
    check.str(
      size,
      'Type',
      { required: true, enum: ['INSTANCE_COUNT', 'CAPACITY_PERCENT'] },
      `${rp}.${field}.Type`
    )
    check.num(size, 'Value', { required: true, min: 1, integer: true }, `${rp}.${field}.Value`)
  }
  check.num(
    rolling,
    'WaitIntervalInSeconds',
    { required: true, min: 0, max: 3600, integer: true },
    `${rp}.WaitIntervalInSeconds`
  )
  check.num(
    rolling,
    'MaximumExecutionTimeoutInSeconds',
    { min: 600, max: 28800, integer: true },
    `${rp}.MaximumExecutionTimeoutInSeconds`
  )
  const ar = check.obj(
    dc,
    'AutoRollbackConfiguration',
    false,
    'DeploymentConfig.AutoRollbackConfiguration'
  )
  check.list(ar, 'Alarms', { min: 1, max: 10 }, 'DeploymentConfig.AutoRollbackConfiguration.Alarms')
}

/**
 * TrafficRoutingConfig: CanarySize "must be less than or equal to 50% of the variant's total
 * instance count", LinearStepSize "must be 10-50%" of it. A CAPACITY_PERCENT value is that
 * share itself; an INSTANCE_COUNT value is compared with each instance-based variant of the
 * new config.
 */
function checkTrafficSizes(dc: Input | undefined, config: EndpointConfigRec): void {
  const tr = (dc?.BlueGreenUpdatePolicy as Input | undefined)?.TrafficRoutingConfiguration as
    Input | undefined
  if (!tr) return
  const rules = [
    ['CanarySize', tr.Type === 'CANARY', 0, 50],
    ['LinearStepSize', tr.Type === 'LINEAR', 10, 50]
  ] as const
  for (const [field, applies, minPct, maxPct] of rules) {
    const size = tr[field] as Input | undefined
    if (!applies || !size) continue
    const value = Number(size.Value)
    const counts = config.variants
      .map(v => v.InitialInstanceCount)
      .filter((n): n is number => typeof n === 'number')
    const pcts = size.Type === 'INSTANCE_COUNT' ? counts.map(n => (100 * value) / n) : [value]
    if (pcts.some(pct => pct < minPct || pct > maxPct))
      throw validation(
        `${field} ${size.Type} ${value} is not valid for endpoint config "${config.arn}": it must be ${
          minPct > 0 ? `${minPct}-${maxPct}%` : `at most ${maxPct}%`
        } of the variant's total instance count.`
      )
  }
}

/** Traffic shares the new fleet receives, step by step, and the bake time after each. */
function shiftPlan(
  dc: Input | undefined,
  greenInstances: number
): { shares: number[]; waitS: number; terminationS: number } {
  const bg = dc?.BlueGreenUpdatePolicy as Input | undefined
  const rolling = dc?.RollingUpdatePolicy as Input | undefined
  if (bg) {
    const tr = bg.TrafficRoutingConfiguration as Input
    const waitS = Number(tr.WaitIntervalInSeconds ?? 0)
    const terminationS = Number(bg.TerminationWaitInSeconds ?? 0)
    const share = (size: Input | undefined): number => {
      const value = Number(size?.Value ?? 100)
      const s = size?.Type === 'INSTANCE_COUNT' ? value / Math.max(1, greenInstances) : value / 100
      return Math.min(1, Math.max(0, s))
    }
    if (tr.Type === 'CANARY') {
      const c = share(tr.CanarySize as Input)
      return { shares: c >= 1 ? [1] : [c, 1], waitS, terminationS }
    }
    if (tr.Type === 'LINEAR') {
      const step = share(tr.LinearStepSize as Input)
      const shares: number[] = []
      for (let s = step; s < 1 - 1e-9; s += step) shares.push(Number(s.toFixed(6)))
      shares.push(1)
      return { shares, waitS, terminationS }
    }
    return { shares: [1], waitS, terminationS }
  }
  if (rolling) {
    const size = rolling.MaximumBatchSize as Input | undefined
    const value = Number(size?.Value ?? 100)
    const step = Math.min(
      1,
      size?.Type === 'INSTANCE_COUNT' ? value / Math.max(1, greenInstances) : value / 100
    )
    const shares: number[] = []
    for (let s = step; s < 1 - 1e-9; s += step) shares.push(Number(s.toFixed(6)))
    shares.push(1)
    return { shares, waitS: Number(rolling.WaitIntervalInSeconds ?? 0), terminationS: 0 }
  }
  return { shares: [1], waitS: 0, terminationS: 0 }
}

function alarmsFiring(ctx: Ctx, dc: Input | undefined): string[] {
  const alarms =
    ((dc?.AutoRollbackConfiguration as Input | undefined)?.Alarms as Input[] | undefined) ?? []
  return alarms
    .map(a => String(a.AlarmName))
    .filter(n => ctx.store.faults.alarms.get(n) === 'ALARM')
}

function rollBack(ctx: Ctx, ep: EndpointRec, generation: number, reason: string): void {
  ep.status = 'RollingBack'
  ep.lastModifiedTime = ctx.store.now()
  if (ep.pending) ep.pending.greenShare = 0
  ctx.store.schedule(ctx.store.delays.endpointUpdateMs, () => {
    if (!current(ctx, ep, generation)) return
    ep.pending = undefined
    ep.reserved = new Map()
    ep.status = 'InService'
    ep.failureReason = reason
    ep.lastModifiedTime = ctx.store.now()
  })
}

function startUpdate(
  ctx: Ctx,
  ep: EndpointRec,
  config: EndpointConfigRec,
  dc: Input | undefined
): void {
  const generation = ++ep.generation
  const store = ctx.store
  const now = store.now()
  ep.status = 'Updating'
  ep.lastModifiedTime = now
  ep.pending = {
    configName: config.name,
    config,
    greenShare: 0,
    greenCredit: 0,
    phase: 'Creating',
    startTime: now,
    phaseStart: now,
    deploymentConfig: dc
  }
  const greenInstances = [...instancesByType(config.variants).values()].reduce((a, b) => a + b, 0)
  const plan = shiftPlan(dc, greenInstances)
  const secondMs = store.delays.waitSecondMs

  const finish = () => {
    if (!current(ctx, ep, generation) || !ep.pending?.variants) return
    ep.variants = ep.pending.variants
    ep.configName = config.name
    ep.dataCaptureConfig = config.fields.DataCaptureConfig as Input | undefined
    if (dc) {
      ep.lastDeploymentConfig = copy(dc)
      ep.deploymentConfig = copy(dc)
    }
    ep.pending = undefined
    ep.reserved = new Map()
    ep.failureReason = undefined
    ep.status = 'InService'
    ep.lastModifiedTime = store.now()
  }

  const step = (i: number) => {
    if (!current(ctx, ep, generation) || !ep.pending) return
    ep.pending.greenShare = plan.shares[i]!
    ep.pending.phase = 'Baking'
    ep.pending.phaseStart = store.now()
    store.schedule(plan.waitS * secondMs, () => {
      if (!current(ctx, ep, generation)) return
      const firing = alarmsFiring(ctx, dc)
      if (firing.length > 0) {
        rollBack(
          ctx,
          ep,
          generation,
          `Endpoint update rolled back: alarm(s) ${firing.join(', ')} entered ALARM state during traffic shifting.`
        )
        return
      }
      if (i + 1 < plan.shares.length) {
        ep.pending!.phase = 'ActivatingTraffic'
        step(i + 1)
      } else {
        store.schedule(plan.terminationS * secondMs, finish)
      }
    })
  }

  store.schedule(store.delays.endpointUpdateMs, () => {
    if (!current(ctx, ep, generation) || !ep.pending) return
    const result = provision(ctx, config)
    if (!result.ok) {
      rollBack(ctx, ep, generation, result.reason)
      return
    }
    ep.pending.variants = result.variants
    ep.pending.phase = 'ActivatingTraffic'
    step(0)
  })
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

export const hostingHandlers: Record<string, Handler> = {
  CreateModel: createModel,
  DescribeModel: describeModel,
  DeleteModel: deleteModel,
  ListModels: listModels,
  CreateEndpointConfig: createEndpointConfig,
  DescribeEndpointConfig: describeEndpointConfig,
  DeleteEndpointConfig: deleteEndpointConfig,
  ListEndpointConfigs: listEndpointConfigs,
  CreateEndpoint: createEndpoint,
  DescribeEndpoint: describeEndpoint,
  ListEndpoints: listEndpoints,
  UpdateEndpoint: updateEndpoint,
  UpdateEndpointWeightsAndCapacities: updateEndpointWeightsAndCapacities,
  DeleteEndpoint: deleteEndpoint
}
