// After a successful deployment, configs and models this action created for the endpoint
// that are older than the previous deployment are deleted. The live config and the
// previous one stay (rollback needs the previous one), and so does anything newer than the
// previous one: a concurrent run may be about to deploy it. SageMaker lets a config or
// model be deleted while an endpoint serves it, so nothing any endpoint in the account
// serves or is moving to is deleted either, whatever its name and tags say.
// A deployment that does not end on what it created (it never started, SageMaker rolled it
// back, it was cancelled) deletes what it created through one path, `discardCreated`.
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import type { RunContext } from '../context.js'
import { isNotFound } from '../aws-errors.js'
import { configModelNames, describeEndpoint, orAbsent } from '../registry/served.js'
import { isOurName } from './plan.js'
import { readTags, TAGS } from '../registry/tags.js'
import { errorMessage } from '../errors.js'
import { waitForEndpoint } from './waiter.js'

export interface CleanupPlan {
  configs: string[]
  models: string[]
}

export interface CleanupScope {
  endpointName: string
  /** Configs never to delete: the live one and the previous one. */
  keepConfigs: string[]
  /** Models never to delete: the ones the new config names (they may exist already). */
  keepModels?: string[]
  /** Only resources created before this are deleted (the previous config's creation). */
  cutoff: Date | undefined
}

interface Listed {
  name: string
  arn: string
  created?: Date
}

interface ListInput {
  NameContains: string
  CreationTimeBefore: Date | undefined
  MaxResults: number
  NextToken: string | undefined
}

/** Every page of a listing of what is named like `nameContains` (and older than `before`). */
async function listAll(
  nameContains: string,
  before: Date | undefined,
  fetch: (input: ListInput) => Promise<{ NextToken?: string; items: Listed[] }>
): Promise<Listed[]> {
  const found: Listed[] = []
  let nextToken: string | undefined
  do {
    const page = await fetch({
      NameContains: nameContains,
      CreationTimeBefore: before,
      MaxResults: 100,
      NextToken: nextToken
    })
    found.push(...page.items)
    nextToken = page.NextToken
  } while (nextToken)
  return found
}

function listed(name: string | undefined, arn: string | undefined, created?: Date): Listed {
  return { name: name ?? '', arn: arn ?? '', created }
}

function listConfigs(sagemaker: SageMakerClient, nameContains: string, before: Date | undefined) {
  return listAll(nameContains, before, async input => {
    const page = await sagemaker.send(new ListEndpointConfigsCommand(input))
    const items = (page.EndpointConfigs ?? []).map(c =>
      listed(c.EndpointConfigName, c.EndpointConfigArn, c.CreationTime)
    )
    return { NextToken: page.NextToken, items }
  })
}

function listModels(sagemaker: SageMakerClient, nameContains: string, before: Date) {
  return listAll(nameContains, before, async input => {
    const page = await sagemaker.send(new ListModelsCommand(input))
    const items = (page.Models ?? []).map(m => listed(m.ModelName, m.ModelArn, m.CreationTime))
    return { NextToken: page.NextToken, items }
  })
}

/** Ours = our naming pattern for this endpoint AND our tag naming this endpoint. */
async function ours(
  sagemaker: SageMakerClient,
  scope: CleanupScope,
  items: Listed[]
): Promise<string[]> {
  const names: string[] = []
  for (const item of items) {
    if (!item.created || !scope.cutoff || item.created.getTime() >= scope.cutoff.getTime()) continue
    if (!isOurName(scope.endpointName, item.name) || !item.arn) continue
    // Another deployment of the endpoint, cleaning up at the same time, may have deleted
    // it since the listing: gone is neither kept nor deleted, and the rest goes on.
    const tags = await orAbsent(() => readTags(sagemaker, item.arn))
    if (tags?.[TAGS.endpoint] === scope.endpointName) names.push(item.name)
  }
  return names
}

interface InUse {
  configs: Set<string>
  models: Set<string>
}

async function addUses(sagemaker: SageMakerClient, endpointName: string, into: InUse) {
  const description = await describeEndpoint(sagemaker, endpointName)
  for (const config of [
    description?.EndpointConfigName,
    description?.PendingDeploymentSummary?.EndpointConfigName
  ]) {
    if (!config || into.configs.has(config)) continue
    into.configs.add(config)
    for (const model of await configModelNames(sagemaker, config)) into.models.add(model)
  }
}

/** The configs and models one endpoint serves, or is being created or updated to. */
export async function endpointUses(
  sagemaker: SageMakerClient,
  endpointName: string
): Promise<InUse> {
  const found: InUse = { configs: new Set(), models: new Set() }
  await addUses(sagemaker, endpointName, found)
  return found
}

/** The configs and models any endpoint in the account serves, or is being created or updated to. */
export async function endpointsInUse(sagemaker: SageMakerClient): Promise<InUse> {
  const found: InUse = { configs: new Set(), models: new Set() }
  let nextToken: string | undefined
  do {
    const page = await sagemaker.send(
      new ListEndpointsCommand({ MaxResults: 100, NextToken: nextToken })
    )
    for (const endpoint of page.Endpoints ?? [])
      if (endpoint.EndpointName) await addUses(sagemaker, endpoint.EndpointName, found)
    nextToken = page.NextToken
  } while (nextToken)
  return found
}

/**
 * What cleanup would delete now; reads only. Any failed read throws, and nothing is deleted
 * then; a resource deleted since it was listed is no failure, only no longer a candidate.
 */
export async function findCleanup(
  sagemaker: SageMakerClient,
  scope: CleanupScope
): Promise<CleanupPlan> {
  if (!scope.cutoff) return { configs: [], models: [] }
  // NameContains narrows the listing; the exact pattern and the tag decide.
  const fragment = scope.endpointName.slice(0, 24).replace(/-+$/, '')
  const configs = (
    await ours(sagemaker, scope, await listConfigs(sagemaker, fragment, scope.cutoff))
  ).filter(c => !scope.keepConfigs.includes(c))
  const models = await ours(sagemaker, scope, await listModels(sagemaker, fragment, scope.cutoff))
  if (configs.length === 0 && models.length === 0) return { configs, models }

  // A model stays while any config that stays names it: the kept ones, and ours newer than
  // the cutoff (a concurrent run may be about to deploy one of those).
  const staying = new Set(scope.keepConfigs)
  for (const config of await listConfigs(sagemaker, fragment, undefined)) {
    if (isOurName(scope.endpointName, config.name) && !configs.includes(config.name))
      staying.add(config.name)
  }
  const inUse = await endpointsInUse(sagemaker)
  const keepModels = new Set([...inUse.models, ...(scope.keepModels ?? [])])
  for (const config of staying)
    for (const m of await configModelNames(sagemaker, config)) keepModels.add(m)
  return {
    configs: configs.filter(c => !inUse.configs.has(c)),
    models: models.filter(m => !keepModels.has(m))
  }
}

/** Deletes what `findCleanup` found; a failure is a warning, never a failed deployment. */
export async function applyCleanup(
  ctx: Pick<RunContext, 'aws' | 'out'>,
  plan: CleanupPlan
): Promise<{ deleted: string[]; failed: string[] }> {
  const deleted: string[] = []
  const failed: string[] = []
  const attempt = async (label: string, send: () => Promise<unknown>) => {
    try {
      await send()
      deleted.push(label)
    } catch (error) {
      if (isNotFound(error)) return
      failed.push(label)
      ctx.out.warning(`Could not delete ${label}: ${errorMessage(error)}`)
    }
  }
  for (const name of plan.configs) {
    await attempt(`endpoint config ${name}`, () =>
      ctx.aws.sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }))
    )
  }
  for (const name of plan.models) {
    await attempt(`model ${name}`, () =>
      ctx.aws.sagemaker.send(new DeleteModelCommand({ ModelName: name }))
    )
  }
  if (deleted.length) ctx.out.info(`Cleaned up ${deleted.join(', ')}`)
  return { deleted, failed }
}

/** Models and configs a run created (or was creating: a request may land after the run stopped). */
export interface Created {
  models: string[]
  configs: string[]
}

/**
 * Deletes models and configs a run created but does not end on: the change never started,
 * SageMaker rolled it back, a new plan after a wait uses others, or the run was cancelled.
 * Their names are unique to the run, so only this endpoint can use them: what it serves or
 * is moving to stays (SageMaker may have accepted a request whose answer got lost), as does
 * anything in `keep`. Whatever is left is named in a warning, with the commands to remove it.
 */
export async function discardCreated(
  ctx: Pick<RunContext, 'aws' | 'out'>,
  endpointName: string,
  created: Created,
  keep: Created,
  why: string
): Promise<{ deleted: string[]; left: string[] }> {
  const plan: CleanupPlan = {
    configs: created.configs.filter(c => !keep.configs.includes(c)),
    models: created.models.filter(m => !keep.models.includes(m))
  }
  if (plan.configs.length === 0 && plan.models.length === 0) return { deleted: [], left: [] }
  const left: string[] = []
  try {
    const inUse = await endpointUses(ctx.aws.sagemaker, endpointName)
    for (const c of plan.configs.filter(c => inUse.configs.has(c)))
      left.push(`endpoint config ${c}`)
    for (const m of plan.models.filter(m => inUse.models.has(m))) left.push(`model ${m}`)
    plan.configs = plan.configs.filter(c => !inUse.configs.has(c))
    plan.models = plan.models.filter(m => !inUse.models.has(m))
  } catch (error) {
    ctx.out.warning(
      `Could not check whether endpoint ${endpointName} uses what this run created: ${errorMessage(error)}`
    )
    left.push(
      ...plan.configs.map(c => `endpoint config ${c}`),
      ...plan.models.map(m => `model ${m}`)
    )
    plan.configs = []
    plan.models = []
  }
  const { deleted, failed } = await applyCleanup(ctx, plan)
  left.push(...failed)
  if (left.length > 0) {
    ctx.out.warning(
      `${why}; left in place: ${left.join(', ')}. Once no endpoint uses them, remove them with aws sagemaker delete-endpoint-config --endpoint-config-name NAME and aws sagemaker delete-model --model-name NAME.`
    )
  }
  return { deleted, left }
}

/**
 * A new endpoint this run created that ended Failed serves nothing, and SageMaker refuses
 * to update it: the next deploy would stop at "delete it and deploy again". It goes, and
 * waits to be gone so that the model and config it used can go after it. True once it is gone.
 */
export async function deleteFailedEndpoint(
  ctx: Pick<RunContext, 'aws' | 'out' | 'now' | 'sleep'>,
  endpointName: string,
  waitTimeoutSeconds: number
): Promise<boolean> {
  try {
    await ctx.aws.sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpointName }))
    await waitForEndpoint(ctx, endpointName, {
      timeoutSeconds: waitTimeoutSeconds,
      purpose: 'to be deleted'
    })
    ctx.out.info(
      `Deleted endpoint ${endpointName}: this run created it and SageMaker could not start it.`
    )
    return true
  } catch (error) {
    ctx.out.warning(
      `Could not delete endpoint ${endpointName}, which this run created and which ended Failed: ${errorMessage(error)}. Delete it (aws sagemaker delete-endpoint --endpoint-name ${endpointName}) before deploying again.`
    )
    return false
  }
}
