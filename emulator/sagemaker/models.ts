// Models: CreateModel resolves where a container's artifact lives (its own ModelDataUrl or
// the registry package it names); the artifact itself is read when a fleet starts.
import { validation } from '../errors.ts'
import { parseArtifact, type ArtifactResult } from '../model.ts'
import { parseS3Uri, type ModelRec, type Store } from '../state.ts'
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
  MODEL_NAME_PATTERN,
  requireRecord,
  secs
} from './common.ts'
import { requirePackage } from './registry.ts'
export const MODEL_NAME = { ...ENTITY_NAME, pattern: MODEL_NAME_PATTERN }

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
export function artifactFailure(
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

export function requireModel(ctx: Ctx, name: string): ModelRec {
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

const listModels: Handler = (ctx, input) => {
  const r = listResponse(input, ctx.store.models.values(), 'ListModels', m => ({
    ModelName: m.name,
    ModelArn: m.arn,
    CreationTime: secs(m.creationTime)
  }))
  return compact({ Models: r.items, NextToken: r.NextToken })
}

export const modelHandlers: Record<string, Handler> = {
  CreateModel: createModel,
  DescribeModel: describeModel,
  DeleteModel: deleteModel,
  ListModels: listModels
}
