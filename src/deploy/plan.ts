// The deployment plan: every SageMaker request a deployment will make, built from the
// settings, the resolved packages and what the endpoint serves now. Pure, so that it can be
// tested on its own and printed as-is in dry-run.
import { createHash } from 'node:crypto'
import type {
  CreateEndpointConfigCommandInput,
  CreateModelCommandInput,
  DeploymentConfig,
  ProductionVariant,
  ProductionVariantInstanceType,
  Tag,
  UpdateEndpointWeightsAndCapacitiesCommandInput
} from '@aws-sdk/client-sagemaker'
import type { GitHubRun } from '../context.js'
import { UserError } from '../errors.js'
import type { DeploySettings } from '../settings.js'
import { TAGS } from './tags.js'

/** SageMaker names (models, configs, endpoints): `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`. */
export const NAME_MAX = 63
/** The variant of a single-version deployment; blue/green needs the same name every time. */
export const PRIMARY_VARIANT = 'primary'
const HASH_LENGTH = 10
/** SageMaker's console default for a serverless variant when no concurrency is given. */
export const DEFAULT_SERVERLESS_CONCURRENCY = 20
const LABEL = /^v\d+(?:-v\d+)*(?:-plus\d+)?$/
const ROLE_PLACEHOLDER = '<execution-role-arn>'

export type Compute =
  | { kind: 'instance'; instanceType: string; instanceCount: number }
  | { kind: 'serverless'; memorySizeInMb: number; maxConcurrency: number }

/** A package to serve, already described and checked to be Approved. */
export interface Target {
  arn: string
  version: number
  weight: number
}

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
  failureReason?: string
  tags: Record<string, string>
}

export interface PlannedVariant {
  variantName: string
  packageArn: string
  version: number
  weight: number
  modelName: string
}

export type EndpointAction = 'create' | 'update' | 'update-weights' | 'none'

export interface DeployPlan {
  endpointName: string
  region: string
  action: EndpointAction
  variants: PlannedVariant[]
  compute: Compute
  /** Models to create (empty when only weights change or nothing changes). */
  models: CreateModelCommandInput[]
  /** The config to create; absent when the endpoint keeps its config. */
  endpointConfig?: CreateEndpointConfigCommandInput
  /** The config the endpoint must be on when the deployment is done. */
  endpointConfigName: string
  /** Sent with UpdateEndpoint; absent when SageMaker would refuse it (see `notes`). */
  deploymentConfig?: DeploymentConfig
  updateWeights?: UpdateEndpointWeightsAndCapacitiesCommandInput
  /** The package with the largest weight: what outputs and tags call "the" package. */
  primary: PlannedVariant
  /** The package the endpoint served before (largest weight), if any. */
  previousPackageArn?: string
  notes: string[]
}

export interface PlanInput {
  settings: DeploySettings
  region: string
  run: GitHubRun
  targets: Target[]
  live?: LiveEndpoint
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

/** The compute the new config asks for: the inputs, else what the endpoint runs now. */
export function resolveCompute(settings: DeploySettings, live: LiveEndpoint | undefined): Compute {
  if (settings.serverlessMemoryMb !== undefined) {
    return {
      kind: 'serverless',
      memorySizeInMb: settings.serverlessMemoryMb,
      maxConcurrency: settings.serverlessMaxConcurrency ?? DEFAULT_SERVERLESS_CONCURRENCY
    }
  }
  if (settings.instanceType !== undefined) {
    return {
      kind: 'instance',
      instanceType: settings.instanceType,
      instanceCount: settings.instanceCount
    }
  }
  const inherited = live && primaryVariant(live.variants)?.compute
  if (inherited) return inherited
  throw new UserError(
    `Input "instance-type" (or "serverless-memory-mb") is required: endpoint "${settings.endpointName}" ${
      live ? 'runs a config this action cannot read the compute of' : 'does not exist yet'
    }, so there is nothing to keep. Give an instance type such as ml.m5.large, or a serverless memory size.`
  )
}

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

export function buildPlan(input: PlanInput): DeployPlan {
  const { settings, run, live } = input
  const endpointName = settings.endpointName
  const compute = resolveCompute(settings, live)
  validate(settings, compute, input.targets)
  const single = input.targets.length === 1
  const runKey = { runId: run.runId, attempt: run.runAttempt }
  const roleArn = settings.executionRoleArn ?? ROLE_PLACEHOLDER

  const variants: PlannedVariant[] = input.targets.map(t => ({
    variantName: single ? PRIMARY_VARIANT : `v${t.version}`,
    packageArn: t.arn,
    version: t.version,
    weight: single ? 1 : t.weight,
    modelName: resourceName(
      endpointName,
      `v${t.version}`,
      shortHash({ endpointName, packageArn: t.arn, roleArn, ...runKey })
    )
  }))
  const primary = primaryVariant(variants) as PlannedVariant
  const notes: string[] = []
  const previousPackageArn = livePackageArn(live)

  // When the endpoint already serves exactly these packages under these variant names on
  // the same compute, a new fleet is not needed: only weights may have to move.
  const sameShape =
    live !== undefined &&
    live.variants.length === variants.length &&
    (live.dataCaptureS3Uri ?? '') === (settings.dataCaptureS3Uri ?? '') &&
    variants.every(v => {
      const current = live.variants.find(l => l.variantName === v.variantName)
      return current?.packageArn === v.packageArn && sameCompute(current.compute, compute)
    })
  if (live && sameShape) {
    const weightsDiffer =
      !single &&
      variants.some(
        v => live.variants.find(l => l.variantName === v.variantName)?.weight !== v.weight
      )
    return {
      endpointName,
      region: input.region,
      action: weightsDiffer ? 'update-weights' : 'none',
      variants: variants.map(v => ({
        ...v,
        modelName:
          live.variants.find(l => l.variantName === v.variantName)?.modelName ?? v.modelName
      })),
      compute,
      models: [],
      endpointConfigName: live.configName,
      updateWeights: weightsDiffer
        ? {
            EndpointName: endpointName,
            DesiredWeightsAndCapacities: variants.map(v => ({
              VariantName: v.variantName,
              DesiredWeight: v.weight
            }))
          }
        : undefined,
      primary,
      previousPackageArn,
      notes
    }
  }

  const productionVariants: ProductionVariant[] = variants.map(v => ({
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
  }))
  const endpointConfigName = resourceName(
    endpointName,
    versionLabel(variants.map(v => v.version)),
    shortHash({
      endpointName,
      variants: variants.map(v => [v.variantName, v.packageArn, v.weight, v.modelName]),
      compute,
      dataCapture: settings.dataCaptureS3Uri ?? null,
      ...runKey
    })
  )
  const endpointConfig: CreateEndpointConfigCommandInput = {
    EndpointConfigName: endpointConfigName,
    ProductionVariants: productionVariants,
    Tags: managedTags(endpointName)
  }
  if (settings.dataCaptureS3Uri) {
    endpointConfig.DataCaptureConfig = {
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: settings.dataCaptureS3Uri,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
    }
  }
  const models: CreateModelCommandInput[] = variants.map(v => ({
    ModelName: v.modelName,
    ExecutionRoleArn: roleArn,
    Containers: [{ ModelPackageName: v.packageArn }],
    Tags: managedTags(endpointName, [{ Key: TAGS.packageArn, Value: v.packageArn }])
  }))

  let deployment: DeploymentConfig | undefined
  if (live) {
    deployment = deploymentConfig(settings)
    const liveNames = live.variants
      .map(v => v.variantName)
      .sort()
      .join(',')
    const newNames = variants
      .map(v => v.variantName)
      .sort()
      .join(',')
    if (liveNames !== newNames) {
      // Blue/green guardrails need the new config to keep the old variant names;
      // SageMaker replaces the fleet all at once otherwise.
      deployment = undefined
      notes.push(
        `The variants change (${liveNames || 'none'} -> ${newNames}): SageMaker applies a blue/green DeploymentConfig only when variant names stay the same, so this update shifts traffic all at once${
          settings.rollbackAlarms.length ? ' and without alarm rollback' : ''
        }.`
      )
    }
  }

  return {
    endpointName,
    region: input.region,
    action: live ? 'update' : 'create',
    variants,
    compute,
    models,
    endpointConfig,
    endpointConfigName,
    deploymentConfig: deployment,
    primary,
    previousPackageArn,
    notes
  }
}

export function consoleUrl(
  region: string,
  kind: 'endpoints' | 'endpointConfig' | 'models',
  name: string
): string {
  return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/${kind}/${encodeURIComponent(name)}`
}

function describeCompute(compute: Compute): string {
  return compute.kind === 'instance'
    ? `${compute.instanceCount} x ${compute.instanceType}`
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

/** The plan as a person reads it: what is created, updated and deleted. */
export function formatPlan(
  plan: DeployPlan,
  deletions: { configs: string[]; models: string[] }
): string {
  const lines: string[] = [`Deployment plan for endpoint ${plan.endpointName} (${plan.region}):`]
  const serving = plan.variants
    .map(
      v =>
        `${v.variantName}: v${v.version} (${v.packageArn})${plan.variants.length > 1 ? ` weight ${v.weight}` : ''}`
    )
    .join('; ')
  lines.push(`  serve      ${serving}`)
  if (plan.previousPackageArn) lines.push(`  replaces   ${plan.previousPackageArn}`)
  for (const m of plan.models)
    lines.push(`  create     model ${m.ModelName} from ${m.Containers?.[0]?.ModelPackageName}`)
  if (plan.endpointConfig) {
    const capture = plan.endpointConfig.DataCaptureConfig
      ? `, data capture to ${plan.endpointConfig.DataCaptureConfig.DestinationS3Uri}`
      : ''
    lines.push(
      `  create     endpoint config ${plan.endpointConfigName} (${describeCompute(plan.compute)}${capture})`
    )
  }
  switch (plan.action) {
    case 'create':
      lines.push(`  create     endpoint ${plan.endpointName}`)
      break
    case 'update':
      lines.push(
        `  update     endpoint ${plan.endpointName}: ${describeStrategy(plan.deploymentConfig)}`
      )
      break
    case 'update-weights':
      lines.push(
        `  update     weights of ${plan.endpointName}: ${plan.variants.map(v => `${v.variantName}=${v.weight}`).join(', ')}`
      )
      break
    case 'none':
      lines.push(
        `  unchanged  endpoint ${plan.endpointName} already serves this on ${plan.endpointConfigName}`
      )
      break
  }
  for (const c of deletions.configs) lines.push(`  delete     endpoint config ${c}`)
  for (const m of deletions.models) lines.push(`  delete     model ${m}`)
  for (const note of plan.notes) lines.push(`  note       ${note}`)
  return lines.join('\n')
}
