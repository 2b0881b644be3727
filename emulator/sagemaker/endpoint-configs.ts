// Endpoint configurations: the production variants (instance-based or serverless) an
// endpoint serves, checked against the ProductionVariant data type.
import { validation } from '../errors.ts'
import type { EndpointConfigRec } from '../state.ts'
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
  secs
} from './common.ts'
import { MODEL_NAME, requireModel } from './models.ts'

/** One ProductionVariant's members, as the data type defines them. */
function checkVariant(check: Checker, variant: Input | undefined, p: string): void {
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
  check.num(variant, 'InitialInstanceCount', { min: 1, integer: true }, `${p}.initialInstanceCount`)
  check.num(variant, 'InitialVariantWeight', { min: 0 }, `${p}.initialVariantWeight`)
  check.str(variant, 'InstanceType', { pattern: /^ml\.[a-z0-9]+\.[a-z0-9]+$/ }, `${p}.instanceType`)
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
  check.num(
    sc,
    'ProvisionedConcurrency',
    { min: 1, max: 200, integer: true },
    `${p}.serverlessConfig.provisionedConcurrency`
  )
}

/**
 * ProductionVariantServerlessConfig: memory "in 1 GB increments", provisioned concurrency
 * "less than or equal to MaxConcurrency"; and Serverless Inference's feature exclusions:
 * no multiple production variants, no data capture.
 */
function checkServerless(variants: Input[], dataCapture: unknown): void {
  const serverless = variants.filter(v => v.ServerlessConfig !== undefined)
  for (const v of serverless) {
    const sc = v.ServerlessConfig as Input
    const memory = Number(sc.MemorySizeInMB)
    if (memory % 1024 !== 0)
      throw validation(
        `MemorySizeInMB ${memory} of production variant ${String(v.VariantName)} is not valid: use 1024, 2048, 3072, 4096, 5120 or 6144.`
      )
    if (
      typeof sc.ProvisionedConcurrency === 'number' &&
      sc.ProvisionedConcurrency > Number(sc.MaxConcurrency)
    )
      throw validation(
        `ProvisionedConcurrency ${sc.ProvisionedConcurrency} of production variant ${String(v.VariantName)} must be less than or equal to MaxConcurrency ${String(sc.MaxConcurrency)}.`
      )
  }
  if (serverless.length > 0 && variants.length > 1)
    throw validation(
      'Serverless endpoints support a single production variant; this endpoint configuration has ' +
        `${variants.length}.`
    )
  if (serverless.length > 0 && dataCapture !== undefined)
    throw validation('DataCaptureConfig is not supported for serverless endpoints.')
}

/** Rules across members: unique names, instance-based or serverless, models that exist. */
function checkVariantShapes(ctx: Ctx, variants: Input[]): void {
  const seen = new Set<string>()
  for (const v of variants) {
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
}

const CONTENT_TYPE = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$/

/** DataCaptureConfig and its CaptureOption / CaptureContentTypeHeader members. */
function checkDataCapture(check: Checker, input: Input): void {
  const p = 'DataCaptureConfig'
  const dc = check.obj(input, 'DataCaptureConfig')
  check.bool(dc, 'EnableCapture', `${p}.EnableCapture`)
  check.num(
    dc,
    'InitialSamplingPercentage',
    { required: true, min: 0, max: 100, integer: true },
    `${p}.InitialSamplingPercentage`
  )
  check.str(
    dc,
    'DestinationS3Uri',
    { required: true, max: 512, pattern: PATTERNS.s3Uri },
    `${p}.DestinationS3Uri`
  )
  check.str(dc, 'KmsKeyId', { max: 2048, pattern: /^[a-zA-Z0-9:/_-]*$/ }, `${p}.KmsKeyId`)
  const options = check.list(
    dc,
    'CaptureOptions',
    { required: true, min: 1, max: 32 },
    `${p}.CaptureOptions`
  )
  check.members(options, `${p}.CaptureOptions`, (o, path) =>
    check.str(
      o,
      'CaptureMode',
      { required: true, enum: ['Input', 'Output', 'InputAndOutput'] },
      `${path}.CaptureMode`
    )
  )
  const header = check.obj(dc, 'CaptureContentTypeHeader', false, `${p}.CaptureContentTypeHeader`)
  for (const field of ['CsvContentTypes', 'JsonContentTypes']) {
    const list = check.list(
      header,
      field,
      { min: 1, max: 10 },
      `${p}.CaptureContentTypeHeader.${field}`
    )
    for (const t of (list ?? []) as unknown[])
      if (typeof t !== 'string' || t.length > 256 || !CONTENT_TYPE.test(t))
        check.fail(
          `${p}.CaptureContentTypeHeader.${field}`,
          t,
          `Member must satisfy regular expression pattern: ${CONTENT_TYPE.source}`
        )
  }
}

const CONFIG_FIELDS = [
  'DataCaptureConfig',
  'KmsKeyId',
  'AsyncInferenceConfig',
  'ExplainerConfig',
  'ShadowProductionVariants',
  'EnableNetworkIsolation',
  'ExecutionRoleArn'
]

const createEndpointConfig: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'EndpointConfigName', ENTITY_NAME)
  const variants = check.list(input, 'ProductionVariants', { required: true, min: 1, max: 10 })
  check.members(variants, 'ProductionVariants', (variant, p) => checkVariant(check, variant, p))
  checkDataCapture(check, input)
  const tags = check.tags(input)
  check.done()
  const arn = arnOf(ctx, 'endpoint-config', name!)
  if (ctx.store.endpointConfigs.has(name!.toLowerCase()))
    throw validation(`Cannot create already existing endpoint configuration "${arn}".`)
  checkVariantShapes(ctx, variants as Input[])
  checkServerless(variants as Input[], input.DataCaptureConfig)
  const stored = (variants as Input[]).map(v => ({ InitialVariantWeight: 1, ...copy(v) }))
  const fields: Input = {}
  for (const f of CONFIG_FIELDS) if (input[f] !== undefined) fields[f] = copy(input[f])
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

export function requireConfig(ctx: Ctx, name: string): EndpointConfigRec {
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

export const endpointConfigHandlers: Record<string, Handler> = {
  CreateEndpointConfig: createEndpointConfig,
  DescribeEndpointConfig: describeEndpointConfig,
  DeleteEndpointConfig: deleteEndpointConfig,
  ListEndpointConfigs: listEndpointConfigs
}
