// The deployment plan: every SageMaker request a deployment will make, in order, built from
// the settings, the resolved packages, what the endpoint serves now and what already exists.
// Pure, so that it can be tested on its own; dry-run prints it and a real run carries out
// exactly its calls, so the preview and the run cannot say different things.
import { createHash } from 'node:crypto'
import type {
  CreateEndpointCommandInput,
  CreateEndpointConfigCommandInput,
  CreateModelCommandInput,
  DeleteEndpointConfigCommandInput,
  DeleteModelCommandInput,
  DeploymentConfig,
  ProductionVariant,
  ProductionVariantInstanceType,
  Tag,
  UpdateEndpointCommandInput,
  UpdateEndpointWeightsAndCapacitiesCommandInput
} from '@aws-sdk/client-sagemaker'
import { runUrl, type GitHubRun } from '../context.js'
import { UserError } from '../errors.js'
import {
  fitMetadata,
  KEYS,
  METADATA_MAX_VALUE,
  sanitizeMetadataText
} from '../registry/metadata.js'
import { NAME_MAX } from '../registry/names.js'
import {
  livePackageArn,
  primaryVariant,
  type Compute,
  type LiveEndpoint
} from '../registry/served.js'
import type { VersionUpdate } from '../registry/versions.js'
import type { DeploySettings } from '../settings.js'
import { deploymentTags, TAG_PREFIX, TAGS } from '../registry/tags.js'

/** The variant of a single-version deployment; blue/green needs the same name every time. */
export const PRIMARY_VARIANT = 'primary'
const HASH_LENGTH = 10
/** SageMaker's console default for a serverless variant when no concurrency is given. */
export const DEFAULT_SERVERLESS_CONCURRENCY = 20
const LABEL = /^v\d+(?:-v\d+)*(?:-plus\d+)?$/
const ROLE_PLACEHOLDER = '<execution-role-arn>'

/** A package to serve, already described and checked to be Approved. */
export interface Target {
  arn: string
  version: number
  weight: number
  /** The package's customer metadata, to fit `deployed:<endpoint>` next to it. */
  metadata?: Record<string, string>
}

export interface PlannedVariant {
  variantName: string
  packageArn: string
  version: number
  weight: number
  modelName: string
}

export type EndpointAction = 'create' | 'update' | 'update-weights' | 'none'

/**
 * One mutating request of the plan. Inputs are the SDK's own, except where a value is only
 * known once the endpoint is verified: the endpoint's ARN for its tags on a first create.
 */
export type PlannedCall =
  | { operation: 'CreateModel'; input: CreateModelCommandInput }
  | { operation: 'CreateEndpointConfig'; input: CreateEndpointConfigCommandInput }
  | { operation: 'CreateEndpoint'; input: CreateEndpointCommandInput }
  | { operation: 'UpdateEndpoint'; input: UpdateEndpointCommandInput }
  | {
      operation: 'UpdateEndpointWeightsAndCapacities'
      input: UpdateEndpointWeightsAndCapacitiesCommandInput
    }
  | { operation: 'AddTags'; endpointName: string; tags: Tag[] }
  | {
      operation: 'UpdateModelPackage'
      purpose: 'record' | 'reject'
      packageArn: string
      version: number
      update: VersionUpdate
    }
  | { operation: 'DeleteEndpointConfig'; input: DeleteEndpointConfigCommandInput }
  | { operation: 'DeleteModel'; input: DeleteModelCommandInput }

/** The call that makes the endpoint change; everything after it waits for the endpoint. */
export const CHANGE_OPERATIONS: ReadonlySet<PlannedCall['operation']> = new Set([
  'CreateEndpoint',
  'UpdateEndpoint',
  'UpdateEndpointWeightsAndCapacities'
])

export interface Reused {
  kind: 'model' | 'endpoint config'
  name: string
  created?: Date
}

export interface DeployPlan {
  endpointName: string
  region: string
  action: EndpointAction
  variants: PlannedVariant[]
  compute: Compute
  /** What the endpoint's largest variant runs now, for the capacity line. */
  currentCompute?: Compute
  /** The models the endpoint needs (created, or reused when they exist already). */
  models: CreateModelCommandInput[]
  /** The config the endpoint needs; absent when the endpoint keeps its config. */
  endpointConfig?: CreateEndpointConfigCommandInput
  /** The config the endpoint must be on when the deployment is done. */
  endpointConfigName: string
  /** Sent with UpdateEndpoint; absent when SageMaker would refuse it (see `notes`). */
  deploymentConfig?: DeploymentConfig
  updateWeights?: UpdateEndpointWeightsAndCapacitiesCommandInput
  /** Models and configs of this plan that exist already, identical: used, never created or deleted. */
  reused: Reused[]
  /** Every mutating request of the deployment, in the order it is made. */
  calls: PlannedCall[]
  /** The package with the largest weight: what outputs and tags call "the" package. */
  primary: PlannedVariant
  /**
   * The package the endpoint served before (largest weight), if any; when an earlier
   * attempt of this run rolled the endpoint back, the package that rollback replaced.
   */
  previousPackageArn?: string
  notes: string[]
}

/** What SageMaker holds besides the endpoint, read just before planning. */
export interface PlanFacts {
  /** Planned models and configs that exist already with the same content, by name. */
  existing: { models: Map<string, Date | undefined>; configs: Map<string, Date | undefined> }
  /** Old models and configs of this endpoint that cleanup deletes once the deployment is verified. */
  cleanup: { configs: string[]; models: string[] }
}

/** With `reject-current`: the version being replaced is marked Rejected once the rollback is verified. */
export interface RejectRequest {
  packageArn: string
  version: number
  update: VersionUpdate
}

export interface PlanInput {
  settings: DeploySettings
  region: string
  run: GitHubRun
  targets: Target[]
  live?: LiveEndpoint
  kind?: 'deploy' | 'rollback'
  /** The time recorded on the versions as `deployed:<endpoint>`: when the plan was made. */
  now?: Date
  facts?: PlanFacts
  reject?: RejectRequest
  /**
   * A rollback an earlier attempt of this workflow run made (targets.ts): the package it
   * replaced, which this plan then also calls the previous one, as that attempt did.
   */
  rolledBackFrom?: string
}

/** A short, stable digest of anything JSON can hold. */
export function shortHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, HASH_LENGTH)
}

/** The label of a set of versions inside a name: `v7`, `v7-v8`, or `v7-plus3` when long. */
export function versionLabel(versions: number[]): string {
  const full = versions.map(v => `v${v}`).join('-')
  if (full.length <= 20) return full
  return `v${versions[0]}-plus${versions.length - 1}`
}

/** The part of every name this action creates for an endpoint, cut so that names fit 63. */
export function namePrefix(endpointName: string, suffixLength: number): string {
  const room = NAME_MAX - suffixLength - 1
  return endpointName.slice(0, Math.max(1, room)).replace(/-+$/, '')
}

/** `<endpoint>-<label>-<hash>` within SageMaker's 63 characters. */
export function resourceName(endpointName: string, label: string, hash: string): string {
  const suffix = `${label}-${hash}`
  return `${namePrefix(endpointName, suffix.length)}-${suffix}`
}

/** Matches the names `resourceName` gives for this endpoint, whatever the label and hash. */
export function isOurName(endpointName: string, name: string): boolean {
  const match = new RegExp(`^(.+)-[0-9a-f]{${HASH_LENGTH}}$`).exec(name)
  if (!match) return false
  const head = match[1] as string
  // The prefix may itself contain "-v2"-like parts, so try every split into prefix and label.
  for (let i = head.indexOf('-'); i > 0; i = head.indexOf('-', i + 1)) {
    const label = head.slice(i + 1)
    if (!LABEL.test(label)) continue
    if (head.slice(0, i) === namePrefix(endpointName, label.length + 1 + HASH_LENGTH)) return true
  }
  return false
}

/**
 * The compute the new config asks for. Each input applies on its own: `instance-type`
 * alone keeps the instance count the endpoint runs, `instance-count` alone keeps its
 * instance type; with neither, the endpoint keeps what it runs.
 */
export function resolveCompute(settings: DeploySettings, live: LiveEndpoint | undefined): Compute {
  if (settings.serverlessMemoryMb !== undefined) {
    return {
      kind: 'serverless',
      memorySizeInMb: settings.serverlessMemoryMb,
      maxConcurrency: settings.serverlessMaxConcurrency ?? DEFAULT_SERVERLESS_CONCURRENCY
    }
  }
  const current = live && primaryVariant(live.variants)?.compute
  if (settings.instanceType !== undefined || settings.instanceCount !== undefined) {
    const serving = current?.kind === 'instance' ? current : undefined
    const instanceType = settings.instanceType ?? serving?.instanceType
    if (instanceType === undefined) {
      throw new UserError(
        `Input "instance-count" needs "instance-type" here: endpoint "${settings.endpointName}" ${
          live
            ? 'runs no instance type this action can keep (it is serverless, or its config cannot be read)'
            : 'does not exist yet'
        }. Give "instance-type" too, such as ml.m5.large.`
      )
    }
    return {
      kind: 'instance',
      instanceType,
      instanceCount: settings.instanceCount ?? serving?.instanceCount ?? 1
    }
  }
  if (current) return current
  throw new UserError(
    `Input "instance-type" (or "serverless-memory-mb") is required: endpoint "${settings.endpointName}" ${
      live ? 'runs a config this action cannot read the compute of' : 'does not exist yet'
    }, so there is nothing to keep. Give an instance type such as ml.m5.large, or a serverless memory size.`
  )
}

function validate(settings: DeploySettings, compute: Compute, targets: Target[]): void {
  if (targets.length === 0) throw new UserError('Nothing to deploy: no version was resolved.')
  if (targets.length > 10) {
    throw new UserError(
      `Input "traffic" names ${targets.length} versions; a SageMaker endpoint config holds at most 10 variants.`
    )
  }
  if (compute.kind === 'serverless') {
    // Serverless variants support neither several production variants nor data capture,
    // and blue/green updates of them shift all traffic at once.
    if (targets.length > 1) {
      throw new UserError(
        'Input "traffic" with several versions needs an instance endpoint: serverless endpoints hold a single production variant. Set "instance-type" instead of "serverless-memory-mb".'
      )
    }
    if (settings.dataCaptureS3Uri) {
      throw new UserError(
        'Input "data-capture-s3-uri" is not available on serverless endpoints: SageMaker Serverless Inference does not capture data. Remove it or set "instance-type".'
      )
    }
    if (settings.deploymentStrategy !== 'all-at-once') {
      throw new UserError(
        `Input "deployment-strategy" "${settings.deploymentStrategy}" is not available on serverless endpoints: their blue/green updates shift all traffic at once; use all-at-once.`
      )
    }
  }
}

/** The blue/green policy (and alarm rollback) UpdateEndpoint is sent with. */
export function deploymentConfig(settings: DeploySettings): DeploymentConfig {
  const routing: NonNullable<
    DeploymentConfig['BlueGreenUpdatePolicy']
  >['TrafficRoutingConfiguration'] = {
    Type:
      settings.deploymentStrategy === 'canary'
        ? 'CANARY'
        : settings.deploymentStrategy === 'linear'
          ? 'LINEAR'
          : 'ALL_AT_ONCE',
    WaitIntervalInSeconds: settings.waitIntervalSeconds
  }
  if (settings.deploymentStrategy === 'canary') {
    routing.CanarySize = { Type: 'CAPACITY_PERCENT', Value: settings.canarySize }
  }
  if (settings.deploymentStrategy === 'linear') {
    routing.LinearStepSize = { Type: 'CAPACITY_PERCENT', Value: settings.linearStepSize }
  }
  const config: DeploymentConfig = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: settings.terminationWaitSeconds,
      ...(settings.maxExecutionTimeoutSeconds !== undefined
        ? { MaximumExecutionTimeoutInSeconds: settings.maxExecutionTimeoutSeconds }
        : {})
    }
  }
  if (settings.rollbackAlarms.length > 0) {
    config.AutoRollbackConfiguration = {
      Alarms: settings.rollbackAlarms.map(AlarmName => ({ AlarmName }))
    }
  }
  return config
}

function sameCompute(a: Compute | undefined, b: Compute): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b)
}

function managedTags(endpointName: string, extra: Tag[] = []): Tag[] {
  return [{ Key: TAGS.endpoint, Value: endpointName }, ...extra]
}

/** The endpoint change, before the calls around it are known. */
interface Change {
  action: EndpointAction
  variants: PlannedVariant[]
  models: CreateModelCommandInput[]
  endpointConfig?: CreateEndpointConfigCommandInput
  endpointConfigName: string
  deploymentConfig?: DeploymentConfig
  updateWeights?: UpdateEndpointWeightsAndCapacitiesCommandInput
}

/**
 * When the endpoint already serves exactly these packages under these variant names on the
 * same compute, a new fleet is not needed: only weights may have to move.
 */
function reuseChange(
  input: PlanInput,
  compute: Compute,
  variants: PlannedVariant[]
): Change | undefined {
  const { settings, live } = input
  const sameShape =
    live !== undefined &&
    live.variants.length === variants.length &&
    (live.dataCaptureS3Uri ?? '') === (settings.dataCaptureS3Uri ?? '') &&
    (!settings.dataCaptureS3Uri ||
      live.dataCaptureSamplingPercentage === settings.dataCaptureSamplingPercentage) &&
    variants.every(v => {
      const current = live.variants.find(l => l.variantName === v.variantName)
      return current?.packageArn === v.packageArn && sameCompute(current.compute, compute)
    })
  if (!live || !sameShape) return undefined
  const liveVariant = (v: PlannedVariant) =>
    live.variants.find(l => l.variantName === v.variantName)
  const weightsDiffer =
    variants.length > 1 && variants.some(v => liveVariant(v)?.weight !== v.weight)
  return {
    action: weightsDiffer ? 'update-weights' : 'none',
    variants: variants.map(v => ({ ...v, modelName: liveVariant(v)?.modelName ?? v.modelName })),
    models: [],
    endpointConfigName: live.configName,
    updateWeights: weightsDiffer
      ? {
          EndpointName: settings.endpointName,
          DesiredWeightsAndCapacities: variants.map(v => ({
            VariantName: v.variantName,
            DesiredWeight: v.weight
          }))
        }
      : undefined
  }
}

function productionVariant(v: PlannedVariant, compute: Compute): ProductionVariant {
  return {
    VariantName: v.variantName,
    ModelName: v.modelName,
    InitialVariantWeight: v.weight,
    ...(compute.kind === 'instance'
      ? {
          InstanceType: compute.instanceType as ProductionVariantInstanceType,
          InitialInstanceCount: compute.instanceCount
        }
      : {
          ServerlessConfig: {
            MemorySizeInMB: compute.memorySizeInMb,
            MaxConcurrency: compute.maxConcurrency
          }
        })
  }
}

/** A new endpoint config for the variants, named after what it serves and this run. */
function newEndpointConfig(
  input: PlanInput,
  compute: Compute,
  variants: PlannedVariant[]
): CreateEndpointConfigCommandInput {
  const { settings, run } = input
  const endpointName = settings.endpointName
  const endpointConfig: CreateEndpointConfigCommandInput = {
    EndpointConfigName: resourceName(
      endpointName,
      versionLabel(variants.map(v => v.version)),
      shortHash({
        endpointName,
        variants: variants.map(v => [v.variantName, v.packageArn, v.weight, v.modelName]),
        compute,
        dataCapture: settings.dataCaptureS3Uri
          ? [settings.dataCaptureS3Uri, settings.dataCaptureSamplingPercentage]
          : null,
        runId: run.runId,
        attempt: run.runAttempt
      })
    ),
    ProductionVariants: variants.map(v => productionVariant(v, compute)),
    Tags: managedTags(endpointName)
  }
  if (settings.dataCaptureS3Uri) {
    endpointConfig.DataCaptureConfig = {
      EnableCapture: true,
      InitialSamplingPercentage: settings.dataCaptureSamplingPercentage,
      DestinationS3Uri: settings.dataCaptureS3Uri,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
    }
  }
  return endpointConfig
}

/**
 * The blue/green DeploymentConfig of an update, or none when the variant names change:
 * SageMaker's guardrails need the new config to keep the old variant names, and replace
 * the fleet all at once otherwise.
 */
function updateDeployment(
  settings: PlanInput['settings'],
  live: LiveEndpoint,
  variants: PlannedVariant[],
  notes: string[]
): DeploymentConfig | undefined {
  const names = (list: { variantName: string }[]) =>
    list
      .map(v => v.variantName)
      .sort()
      .join(',')
  const liveNames = names(live.variants)
  const newNames = names(variants)
  if (liveNames === newNames) return deploymentConfig(settings)
  notes.push(
    `The variants change (${liveNames || 'none'} -> ${newNames}): SageMaker applies a blue/green DeploymentConfig only when variant names stay the same, so this update shifts traffic all at once${
      settings.rollbackAlarms.length ? ' and without alarm rollback' : ''
    }.`
  )
  return undefined
}

function planChange(
  input: PlanInput,
  compute: Compute,
  variants: PlannedVariant[],
  notes: string[]
): Change {
  const reuse = reuseChange(input, compute, variants)
  if (reuse) return reuse
  const { settings, live } = input
  const endpointConfig = newEndpointConfig(input, compute, variants)
  const models: CreateModelCommandInput[] = variants.map(v => ({
    ModelName: v.modelName,
    ExecutionRoleArn: settings.executionRoleArn ?? ROLE_PLACEHOLDER,
    Containers: [{ ModelPackageName: v.packageArn }],
    Tags: managedTags(settings.endpointName, [{ Key: TAGS.packageArn, Value: v.packageArn }])
  }))
  return {
    action: live ? 'update' : 'create',
    variants,
    models,
    endpointConfig,
    endpointConfigName: endpointConfig.EndpointConfigName ?? '',
    deploymentConfig: live ? updateDeployment(settings, live, variants, notes) : undefined
  }
}

/** How records name the run: its URL on GitHub, else its id, else `local`. */
export function runLabel(run: GitHubRun): string {
  return runUrl(run) || run.runId || 'local'
}

/** What the calls after the endpoint change are planned from. */
interface AfterChange {
  input: PlanInput
  change: Change
  primary: PlannedVariant
  /** The package the change replaces (for a rollback run again, what the first replaced). */
  previousPackageArn: string | undefined
  notes: string[]
}

/** The calls that record the deployment once it is verified: endpoint tags, version metadata. */
function recordCalls({
  input,
  change,
  primary,
  previousPackageArn,
  notes
}: AfterChange): PlannedCall[] {
  const { live, run } = input
  const replaced =
    previousPackageArn && previousPackageArn !== primary.packageArn ? previousPackageArn : ''
  // After a rollback the package it replaced is the bad one: recording it as the previous
  // package would make the next rollback put it back. With none recorded, the next
  // rollback goes to the newest Approved version older than the live one; what it replaced
  // is recorded apart, with the run, so that a re-run of this run finds its rollback done.
  // A redeploy of the same package must not make it its own rollback target either.
  const rollback = input.kind === 'rollback'
  const previous = rollback ? '' : replaced || (live?.tags[TAGS.previousPackageArn] ?? '')
  const calls: PlannedCall[] = [
    {
      operation: 'AddTags',
      endpointName: input.settings.endpointName,
      tags: deploymentTags({
        packageArn: primary.packageArn,
        previousPackageArn: previous,
        rolledBackFrom: rollback ? replaced : '',
        commit: run.sha,
        run: runLabel(run)
      })
    }
  ]
  const key = `${KEYS.deployedPrefix}${input.settings.endpointName}`
  const value = sanitizeMetadataText(
    `${(input.now ?? new Date()).toISOString()} run ${runLabel(run)}`,
    METADATA_MAX_VALUE
  )
  for (const variant of change.variants) {
    const target = input.targets.find(t => t.arn === variant.packageArn)
    const fit = fitMetadata([[key, value]], target?.metadata ?? {})
    for (const reason of fit.dropped) notes.push(`Not recorded on v${variant.version}: ${reason}`)
    if (!(key in fit.kept)) continue
    calls.push({
      operation: 'UpdateModelPackage',
      purpose: 'record',
      packageArn: variant.packageArn,
      version: variant.version,
      update: { metadata: fit.kept }
    })
  }
  return calls
}

function rejectCall(
  reject: RejectRequest | undefined,
  primary: PlannedVariant,
  previousPackageArn: string | undefined,
  notes: string[]
): PlannedCall[] {
  if (!reject || reject.packageArn === primary.packageArn) return []
  if (previousPackageArn !== reject.packageArn) {
    notes.push(
      `Not rejecting ${reject.packageArn}: the endpoint serves ${previousPackageArn ?? 'no versioned package'} with the largest weight, so the replaced version is not certain.`
    )
    return []
  }
  return [
    {
      operation: 'UpdateModelPackage',
      purpose: 'reject',
      packageArn: reject.packageArn,
      version: reject.version,
      update: reject.update
    }
  ]
}

function plannedVariants(input: PlanInput): PlannedVariant[] {
  const { settings, run } = input
  const endpointName = settings.endpointName
  const single = input.targets.length === 1
  const roleArn = settings.executionRoleArn ?? ROLE_PLACEHOLDER
  return input.targets.map(t => ({
    variantName: single ? PRIMARY_VARIANT : `v${t.version}`,
    packageArn: t.arn,
    version: t.version,
    weight: single ? 1 : t.weight,
    modelName: resourceName(
      endpointName,
      `v${t.version}`,
      shortHash({
        endpointName,
        packageArn: t.arn,
        roleArn,
        runId: run.runId,
        attempt: run.runAttempt
      })
    )
  }))
}

/** The creates, leaving out the models and config an earlier attempt already made. */
function createCalls(input: PlanInput, change: Change, reused: Reused[]): PlannedCall[] {
  const existing = input.facts?.existing
  const calls: PlannedCall[] = []
  for (const model of change.models) {
    const name = model.ModelName ?? ''
    const created = existing?.models.get(name)
    if (existing?.models.has(name)) reused.push({ kind: 'model', name, created })
    else calls.push({ operation: 'CreateModel', input: model })
  }
  if (change.endpointConfig) {
    const name = change.endpointConfigName
    const created = existing?.configs.get(name)
    if (existing?.configs.has(name)) reused.push({ kind: 'endpoint config', name, created })
    else calls.push({ operation: 'CreateEndpointConfig', input: change.endpointConfig })
  }
  return calls
}

/** The one call that changes the endpoint, if any. */
function endpointCall(endpointName: string, change: Change): PlannedCall[] {
  switch (change.action) {
    case 'create':
      return [
        {
          operation: 'CreateEndpoint',
          input: { EndpointName: endpointName, EndpointConfigName: change.endpointConfigName }
        }
      ]
    case 'update':
      return [
        {
          operation: 'UpdateEndpoint',
          input: {
            EndpointName: endpointName,
            EndpointConfigName: change.endpointConfigName,
            ...(change.deploymentConfig ? { DeploymentConfig: change.deploymentConfig } : {})
          }
        }
      ]
    case 'update-weights':
      return change.updateWeights
        ? [{ operation: 'UpdateEndpointWeightsAndCapacities', input: change.updateWeights }]
        : []
    case 'none':
      return []
  }
}

/** The calls after the endpoint change: its record, then the cleanup of what it replaced. */
function afterCalls(after: AfterChange): PlannedCall[] {
  const { input, change, primary, previousPackageArn } = after
  const { live, facts } = input
  const calls: PlannedCall[] = []
  // An endpoint that already serves the plan still gets its record when its tags say
  // otherwise: a run stopped before writing them (no post step on the CLI), or someone
  // else deployed it. The version the tags named is then the one that was replaced.
  const tagged = live?.tags[TAGS.packageArn]
  const untagged = change.action === 'none' && tagged !== primary.packageArn
  if (change.action !== 'none' || untagged) {
    const replaced = untagged ? tagged : previousPackageArn
    calls.push(...recordCalls({ ...after, previousPackageArn: replaced }))
  }
  if (change.action !== 'none') {
    for (const name of facts?.cleanup.configs ?? [])
      calls.push({ operation: 'DeleteEndpointConfig', input: { EndpointConfigName: name } })
    for (const name of facts?.cleanup.models ?? [])
      calls.push({ operation: 'DeleteModel', input: { ModelName: name } })
  }
  return calls
}

export function buildPlan(input: PlanInput): DeployPlan {
  const { settings, live } = input
  const compute = resolveCompute(settings, live)
  validate(settings, compute, input.targets)
  const notes: string[] = []
  const variants = plannedVariants(input)
  const change = planChange(input, compute, variants, notes)
  const primary = primaryVariant(variants) as PlannedVariant
  const previousPackageArn = input.rolledBackFrom ?? livePackageArn(live)
  const reused: Reused[] = []
  const calls: PlannedCall[] = [
    ...createCalls(input, change, reused),
    ...endpointCall(settings.endpointName, change),
    ...afterCalls({ input, change, primary, previousPackageArn, notes }),
    ...rejectCall(input.reject, primary, previousPackageArn, notes)
  ]
  if (settings.executionRoleArn === undefined && calls.some(c => c.operation === 'CreateModel')) {
    notes.push(
      'Input "execution-role-arn" is not set: a real run refuses to start without it, and the names of the models and config it creates depend on it.'
    )
  }
  return {
    endpointName: settings.endpointName,
    region: input.region,
    action: change.action,
    variants: change.variants,
    compute,
    currentCompute: live ? primaryVariant(live.variants)?.compute : undefined,
    models: change.models,
    endpointConfig: change.endpointConfig,
    endpointConfigName: change.endpointConfigName,
    deploymentConfig: change.deploymentConfig,
    updateWeights: change.updateWeights,
    reused,
    calls,
    primary,
    previousPackageArn,
    notes
  }
}

/** The names of the models and configs the plan creates. */
export function createdNames(calls: PlannedCall[]): { models: string[]; configs: string[] } {
  const models: string[] = []
  const configs: string[] = []
  for (const call of calls) {
    if (call.operation === 'CreateModel') models.push(call.input.ModelName ?? '')
    if (call.operation === 'CreateEndpointConfig') configs.push(call.input.EndpointConfigName ?? '')
  }
  return { models, configs }
}

/** `ml.m5.large x2`, or the serverless memory and concurrency. */
export function describeCompute(compute: Compute): string {
  return compute.kind === 'instance'
    ? `${compute.instanceType} x${compute.instanceCount}`
    : `serverless ${compute.memorySizeInMb} MB, max concurrency ${compute.maxConcurrency}`
}

function describeStrategy(config: DeploymentConfig | undefined): string {
  const policy = config?.BlueGreenUpdatePolicy
  if (!policy) return 'all at once (SageMaker default)'
  const routing = policy.TrafficRoutingConfiguration
  const size = routing?.CanarySize ?? routing?.LinearStepSize
  const parts = [
    `${routing?.Type ?? 'ALL_AT_ONCE'}${size ? ` ${size.Value}%` : ''}`,
    `wait ${routing?.WaitIntervalInSeconds ?? 0} s`,
    `termination wait ${policy.TerminationWaitInSeconds ?? 0} s`
  ]
  if (policy.MaximumExecutionTimeoutInSeconds)
    parts.push(`max ${policy.MaximumExecutionTimeoutInSeconds} s`)
  const alarms = config?.AutoRollbackConfiguration?.Alarms?.map(a => a.AlarmName) ?? []
  if (alarms.length) parts.push(`roll back on alarms ${alarms.join(', ')}`)
  return parts.join(', ')
}

function shortTagKey(key: string | undefined): string {
  return (key ?? '').startsWith(TAG_PREFIX) ? (key ?? '').slice(TAG_PREFIX.length) : (key ?? '')
}

/** One call as a person reads it: the SageMaker operation, what it acts on, the values that matter. */
export function describeCall(call: PlannedCall): string {
  switch (call.operation) {
    case 'CreateModel':
      return `CreateModel ${call.input.ModelName}: ${call.input.Containers?.[0]?.ModelPackageName}, role ${call.input.ExecutionRoleArn}`
    case 'CreateEndpointConfig': {
      const variants = (call.input.ProductionVariants ?? []).map(v => {
        const compute = v.ServerlessConfig
          ? `serverless ${v.ServerlessConfig.MemorySizeInMB} MB, max concurrency ${v.ServerlessConfig.MaxConcurrency}`
          : `${v.InstanceType} x${v.InitialInstanceCount}`
        return `${v.VariantName}=${v.ModelName} (${compute}, weight ${v.InitialVariantWeight})`
      })
      const capture = call.input.DataCaptureConfig
        ? `; data capture of ${call.input.DataCaptureConfig.InitialSamplingPercentage}% of requests to ${call.input.DataCaptureConfig.DestinationS3Uri}`
        : ''
      return `CreateEndpointConfig ${call.input.EndpointConfigName}: ${variants.join(', ')}${capture}`
    }
    case 'CreateEndpoint':
      return `CreateEndpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`
    case 'UpdateEndpoint':
      return `UpdateEndpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}: ${describeStrategy(call.input.DeploymentConfig)}`
    case 'UpdateEndpointWeightsAndCapacities':
      return `UpdateEndpointWeightsAndCapacities ${call.input.EndpointName}: ${(
        call.input.DesiredWeightsAndCapacities ?? []
      )
        .map(d => `${d.VariantName}=${d.DesiredWeight}`)
        .join(', ')}`
    case 'AddTags':
      return `AddTags ${call.endpointName}: ${call.tags.map(t => `${shortTagKey(t.Key)}=${t.Value ?? ''}`).join(', ')}`
    case 'UpdateModelPackage': {
      const parts: string[] = []
      if (call.update.status) parts.push(`status ${call.update.status}`)
      if (call.update.approvalDescription)
        parts.push(`description "${call.update.approvalDescription}"`)
      for (const [key, value] of Object.entries(call.update.metadata ?? {}))
        parts.push(`${key}=${value}`)
      if (call.update.metadataToRemove?.length)
        parts.push(`removing ${call.update.metadataToRemove.join(', ')}`)
      return `UpdateModelPackage v${call.version} (${call.packageArn}): ${parts.join(', ')}`
    }
    case 'DeleteEndpointConfig':
      return `DeleteEndpointConfig ${call.input.EndpointConfigName}`
    case 'DeleteModel':
      return `DeleteModel ${call.input.ModelName}`
  }
}

/** The capacity line: what the endpoint runs now and what the plan gives it. */
function describeCapacity(plan: DeployPlan): string {
  const next = describeCompute(plan.compute)
  if (!plan.currentCompute) return next
  const now = describeCompute(plan.currentCompute)
  return now === next ? `${next} (unchanged)` : `${now} -> ${next}`
}

/**
 * The plan as a person reads it: what the endpoint will serve on what capacity, what is
 * reused, and then every mutating call, numbered, in the order the run makes them.
 */
export function formatPlan(plan: DeployPlan, waitTimeoutSeconds?: number): string {
  const lines: string[] = [`Deployment plan for endpoint ${plan.endpointName} (${plan.region}):`]
  const serving = plan.variants
    .map(
      v =>
        `${v.variantName}: v${v.version} (${v.packageArn})${plan.variants.length > 1 ? ` weight ${v.weight}` : ''}`
    )
    .join('; ')
  lines.push(`  serve      ${serving}`)
  if (plan.previousPackageArn && plan.previousPackageArn !== plan.primary.packageArn)
    lines.push(`  replaces   ${plan.previousPackageArn}`)
  lines.push(`  capacity   ${describeCapacity(plan)}`)
  for (const r of plan.reused) {
    lines.push(
      `  reuse      ${r.kind} ${r.name}: it exists already with the same content${r.created ? ` (created ${r.created.toISOString()})` : ''}`
    )
  }
  if (plan.action === 'none') {
    lines.push(
      `  unchanged  endpoint ${plan.endpointName} already serves this on ${plan.endpointConfigName}${
        plan.calls.some(call => call.operation === 'AddTags')
          ? '; its tags do not say so, so they are written'
          : ''
      }`
    )
  }
  if (plan.calls.length === 0) lines.push('  calls      none')
  plan.calls.forEach((call, i) => {
    lines.push(`  ${i === 0 ? 'calls' : '     '}      ${i + 1}. ${describeCall(call)}`)
    if (CHANGE_OPERATIONS.has(call.operation)) {
      lines.push(
        `                 then wait until ${plan.endpointName} is InService on ${plan.endpointConfigName}${
          waitTimeoutSeconds ? ` (up to ${waitTimeoutSeconds} s, input "wait-timeout")` : ''
        } and verify it serves it`
      )
    }
  })
  for (const note of plan.notes) lines.push(`  note       ${note}`)
  return lines.join('\n')
}
