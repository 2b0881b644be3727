// Tags on any SageMaker resource, addressed by ARN; plus the one place that knows
// whether an ARN names something that exists (tags and lineage associations need it).
import { resourceNotFound, validation } from '../errors.ts'
import { ACCOUNT_ID } from '../state.ts'
import { Checker } from '../validate.ts'
import { type Ctx, type Handler, nameOf, paginate } from './common.ts'
import { findGroup, findPackage } from './registry.ts'

const ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:(\d{12}):([a-z-]+)\/(.+)$/

/** Canonical key of an existing resource, or undefined when the ARN names nothing here. */
export function existingArn(ctx: Ctx, arn: string): string | undefined {
  const m = ARN.exec(arn)
  if (!m || m[1] !== ACCOUNT_ID) return undefined
  const type = m[2]!
  const s = ctx.store
  const name = nameOf(arn, type).toLowerCase()
  const found: Record<string, () => { arn: string } | undefined> = {
    'model-package-group': () => findGroup(ctx, arn),
    'model-package': () => findPackage(ctx, arn),
    model: () => s.models.get(name),
    'endpoint-config': () => s.endpointConfigs.get(name),
    endpoint: () => s.endpoints.get(name),
    'transform-job': () => s.transformJobs.get(name),
    'training-job': () =>
      s.trainingJobs.has(name)
        ? { arn: String(s.trainingJobs.get(name)!.TrainingJobArn) }
        : undefined,
    'hyper-parameter-tuning-job': () =>
      s.tuningJobs.has(name)
        ? { arn: String(s.tuningJobs.get(name)!.HyperParameterTuningJobArn) }
        : undefined,
    context: () => s.contexts.get(name),
    action: () => s.actions.get(name),
    artifact: () => s.artifacts.get(name)
  }
  return found[type]?.()?.arn
}

function resourceArnArg(
  ctx: Ctx,
  field = 'ResourceArn'
): (input: Record<string, unknown>) => string {
  return input => {
    const check = new Checker()
    const arn = check.str(input, field, {
      required: true,
      max: 256,
      pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:[a-z-]*\/.+$/
    })
    check.done()
    const key = existingArn(ctx, arn!)
    if (!key) throw resourceNotFound(`Resource ${arn} does not exist.`)
    return key
  }
}

const addTags: Handler = (ctx, input) => {
  const key = resourceArnArg(ctx)(input)
  const check = new Checker()
  check.list(input, 'Tags', { required: true })
  const tags = check.tags(input)
  check.done()
  const current = ctx.store.tags.get(key) ?? []
  for (const t of tags!) {
    const i = current.findIndex(c => c.Key === t.Key)
    if (i >= 0) current[i] = { Key: t.Key, Value: t.Value }
    else current.push({ Key: t.Key, Value: t.Value })
  }
  if (current.length > 50)
    throw validation(`Resource ${key} would have ${current.length} tags; the maximum is 50.`)
  ctx.store.tags.set(key, current)
  return { Tags: tags }
}

const listTags: Handler = (ctx, input) => {
  const key = resourceArnArg(ctx)(input)
  // ListTags MaxResults: "Valid Range: Minimum value of 50" and no maximum (API reference).
  const page = paginate(ctx.store.tags.get(key) ?? [], input, 'ListTags', 50, Infinity, 50)
  return { Tags: page.items, NextToken: page.nextToken }
}

const deleteTags: Handler = (ctx, input) => {
  const key = resourceArnArg(ctx)(input)
  const check = new Checker()
  const keys = check.list(input, 'TagKeys', { required: true, min: 1, max: 50 }) as
    string[] | undefined
  check.done()
  ctx.store.tags.set(
    key,
    (ctx.store.tags.get(key) ?? []).filter(t => !keys!.includes(t.Key))
  )
  return {}
}

export const tagHandlers: Record<string, Handler> = {
  AddTags: addTags,
  ListTags: listTags,
  DeleteTags: deleteTags
}
