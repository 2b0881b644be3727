// An in-memory SageMaker hosting double behind aws-sdk-client-mock: models, endpoint
// configs, one endpoint whose status moves one step per DescribeEndpoint (as SageMaker's
// does over time), tags, and a model package group. Tests script how the next endpoint
// change ends (InService, rolled back, Failed) and assert on the requests it received.
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelPackagesCommand,
  ListModelsCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
  type ProductionVariant,
  type Tag,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FIXED_NOW, fakeContext, type FakeContext } from '../context.js'
import type {
  ApprovalStatus,
  CommonSettings,
  DeploySettings,
  SettingsOf
} from '../../src/settings.js'

export const REGION = 'us-east-1'
export const ACCOUNT = '123456789012'
export const GROUP = 'churn'
export const GROUP_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package-group/${GROUP}`
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-exec`

export function packageArn(version: number): string {
  return `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/${GROUP}/${version}`
}

export const MUTATING = [
  'CreateModelCommand',
  'CreateEndpointConfigCommand',
  'CreateEndpointCommand',
  'UpdateEndpointCommand',
  'UpdateEndpointWeightsAndCapacitiesCommand',
  'DeleteModelCommand',
  'DeleteEndpointConfigCommand',
  'DeleteEndpointCommand',
  'AddTagsCommand',
  'UpdateModelPackageCommand'
]

export function validationError(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ValidationException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-1' }
  })
}

/** ListTags on a resource that does not exist (as the emulator answers it). */
function notFoundError(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ResourceNotFound',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-1' }
  })
}

/** How the next CreateEndpoint/UpdateEndpoint ends after its transitional `steps`. */
export interface ChangeScript {
  steps: string[]
  outcome: 'InService' | 'rollback' | 'Failed' | 'UpdateRollbackFailed'
  reason?: string
}

interface SimPackage {
  arn: string
  version: number
  status: ApprovalStatus
  metadata: Record<string, string>
  approvalDescription?: string
  created: Date
}

interface SimModel {
  name: string
  arn: string
  role: string
  packageArn: string
  created: Date
}

interface SimConfig {
  name: string
  arn: string
  variants: ProductionVariant[]
  captureUri?: string
  created: Date
}

interface SimEndpoint {
  name: string
  arn: string
  status: string
  configName: string
  failureReason?: string
  weights: Record<string, number>
  pending?: {
    queue: string[]
    script: ChangeScript
    configName: string
    weights: Record<string, number>
  }
}

const lower = (name: string) => name.toLowerCase()

export class SageMakerSim {
  readonly mock: AwsClientStub<SageMakerClient>
  readonly packages = new Map<string, SimPackage>()
  readonly models = new Map<string, SimModel>()
  readonly configs = new Map<string, SimConfig>()
  readonly tags = new Map<string, Record<string, string>>()
  endpoint: SimEndpoint | undefined
  /** Other endpoints in the account, InService on the config named (for cleanup's in-use check). */
  readonly otherEndpoints = new Map<string, string>()
  /** Runs once at the next UpdateEndpoint, before it is handled: another deployment's move. */
  interject: (() => void) | undefined
  /** Runs once before the next request of the given command is handled. */
  before: { command: string; run: () => void } | undefined
  /** Scripts for the next endpoint changes, consumed in order; default: one Updating step. */
  readonly scripts: ChangeScript[] = []
  time: number

  constructor(client: SageMakerClient, start: Date = FIXED_NOW) {
    this.time = start.getTime()
    this.mock = mockClient(client)
    this.install()
  }

  /** A unique, increasing creation time: list filters compare creation times. */
  private stamp(): Date {
    this.time += 1000
    return new Date(this.time)
  }

  addPackage(
    version: number,
    status: ApprovalStatus,
    metadata: Record<string, string> = {}
  ): string {
    const arn = packageArn(version)
    this.packages.set(arn, { arn, version, status, metadata, created: this.stamp() })
    return arn
  }

  /** A model and config made by someone else (no tags), optionally with a name of our shape. */
  addForeignConfig(name: string, modelName: string, pkg: string): void {
    const created = this.stamp()
    this.models.set(modelName, {
      name: modelName,
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/${lower(modelName)}`,
      role: ROLE,
      packageArn: pkg,
      created
    })
    this.configs.set(name, {
      name,
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/${lower(name)}`,
      variants: [
        {
          VariantName: 'primary',
          ModelName: modelName,
          InitialVariantWeight: 1,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1
        }
      ],
      created
    })
  }

  /** Names of the mutating requests received, in order. */
  mutatingCalls(): string[] {
    return this.mock
      .calls()
      .map(call => (call.args[0] as object).constructor.name)
      .filter(name => MUTATING.includes(name))
  }

  inputsOf<T>(command: new (input: T) => unknown): T[] {
    return this.mock
      .calls()
      .filter(call => call.args[0] instanceof command)
      .map(call => (call.args[0] as unknown as { input: T }).input)
  }

  private describeEndpoint() {
    const ep = this.endpoint
    if (!ep) return undefined
    if (ep.pending) {
      const next = ep.pending.queue.shift()
      if (next !== undefined) {
        ep.status = next
      } else {
        const { script, configName, weights } = ep.pending
        ep.pending = undefined
        if (script.outcome === 'InService') {
          ep.status = 'InService'
          ep.configName = configName
          ep.weights = weights
          ep.failureReason = undefined
        } else if (script.outcome === 'rollback') {
          ep.status = 'InService'
          ep.failureReason = script.reason
        } else {
          ep.status = script.outcome
          ep.failureReason = script.reason
        }
      }
    }
    const config = this.configs.get(ep.configName)
    return {
      EndpointName: ep.name,
      EndpointArn: ep.arn,
      EndpointConfigName: ep.configName,
      ...(ep.pending && ep.pending.configName !== ep.configName
        ? { PendingDeploymentSummary: { EndpointConfigName: ep.pending.configName } }
        : {}),
      EndpointStatus: ep.status,
      FailureReason: ep.failureReason,
      CreationTime: FIXED_NOW,
      LastModifiedTime: new Date(this.time),
      ProductionVariants: (config?.variants ?? []).map(v => ({
        VariantName: v.VariantName,
        CurrentWeight: ep.weights[v.VariantName ?? ''] ?? v.InitialVariantWeight,
        DesiredWeight: ep.weights[v.VariantName ?? ''] ?? v.InitialVariantWeight
      }))
    }
  }

  /** Another deployment moves the endpoint to `configName` (which must exist). */
  foreignUpdate(configName: string, steps: string[] = ['Updating', 'Updating']): void {
    const ep = this.endpoint!
    ep.status = steps[0] ?? 'Updating'
    ep.pending = {
      queue: [...steps],
      script: { steps, outcome: 'InService' },
      configName,
      weights: {}
    }
  }

  private startChange(configName: string, weights: Record<string, number>, first: string): void {
    const script = this.scripts.shift() ?? { steps: [first], outcome: 'InService' }
    const ep = this.endpoint!
    ep.status = script.steps[0] ?? first
    ep.pending = { queue: [...script.steps], script, configName, weights }
  }

  private fire(command: string): void {
    const hook = this.before
    if (hook?.command !== command) return
    this.before = undefined
    hook.run()
  }

  /** A finished deployment by someone else: the endpoint is InService on `configName` at once. */
  foreignSwitch(configName: string): void {
    const ep = this.endpoint!
    ep.configName = configName
    ep.status = 'InService'
    ep.pending = undefined
    ep.weights = {}
  }

  private install(): void {
    const m = this.mock
    m.on(DescribeModelPackageGroupCommand).callsFake(() => ({
      ModelPackageGroupName: GROUP,
      ModelPackageGroupArn: GROUP_ARN
    }))
    m.on(ListModelPackagesCommand).callsFake(input => {
      let list = [...this.packages.values()].sort((a, b) => b.version - a.version)
      if (input.ModelApprovalStatus) list = list.filter(p => p.status === input.ModelApprovalStatus)
      const offset = Number(input.NextToken ?? 0)
      const end = offset + (input.MaxResults ?? 100)
      return {
        NextToken: end < list.length ? String(end) : undefined,
        ModelPackageSummaryList: list.slice(offset, end).map(p => ({
          ModelPackageArn: p.arn,
          ModelPackageVersion: p.version,
          ModelApprovalStatus: p.status,
          ModelPackageGroupName: GROUP,
          CreationTime: p.created
        }))
      }
    })
    m.on(DescribeModelPackageCommand).callsFake(input => {
      const p = this.packages.get(input.ModelPackageName ?? '')
      if (!p) throw validationError(`ModelPackage ${input.ModelPackageName} does not exist.`)
      return {
        ModelPackageArn: p.arn,
        ModelPackageName: GROUP,
        ModelPackageGroupName: GROUP,
        ModelPackageVersion: p.version,
        ModelApprovalStatus: p.status,
        ApprovalDescription: p.approvalDescription,
        CustomerMetadataProperties: { ...p.metadata },
        CreationTime: p.created
      }
    })
    m.on(UpdateModelPackageCommand).callsFake(input => {
      const p = this.packages.get(input.ModelPackageArn ?? '')!
      if (input.ModelApprovalStatus) p.status = input.ModelApprovalStatus as ApprovalStatus
      if (input.ApprovalDescription) p.approvalDescription = input.ApprovalDescription
      Object.assign(p.metadata, input.CustomerMetadataProperties ?? {})
      return { ModelPackageArn: p.arn }
    })
    m.on(DescribeModelCommand).callsFake(input => {
      const model = this.models.get(input.ModelName ?? '')
      if (!model) throw validationError(`Could not find model "${input.ModelName}".`)
      return {
        ModelName: model.name,
        ModelArn: model.arn,
        ExecutionRoleArn: model.role,
        Containers: [{ ModelPackageName: model.packageArn }],
        CreationTime: model.created
      }
    })
    m.on(CreateModelCommand).callsFake(input => {
      this.fire('CreateModelCommand')
      const name = input.ModelName ?? ''
      const arn = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/${lower(name)}`
      if (this.models.has(name))
        throw validationError(`Cannot create already existing model "${arn}".`)
      const pkg = this.packages.get(input.Containers?.[0]?.ModelPackageName ?? '')
      if (!pkg || pkg.status !== 'Approved') {
        throw validationError('Model package must be Approved to be deployed.')
      }
      this.models.set(name, {
        name,
        arn,
        role: input.ExecutionRoleArn ?? '',
        packageArn: pkg.arn,
        created: this.stamp()
      })
      this.tags.set(
        arn,
        Object.fromEntries((input.Tags ?? []).map((t: Tag) => [t.Key ?? '', t.Value ?? '']))
      )
      return { ModelArn: arn }
    })
    m.on(DescribeEndpointConfigCommand).callsFake(input => {
      const config = this.configs.get(input.EndpointConfigName ?? '')
      if (!config)
        throw validationError(
          `Could not find endpoint configuration "${input.EndpointConfigName}".`
        )
      return {
        EndpointConfigName: config.name,
        EndpointConfigArn: config.arn,
        ProductionVariants: config.variants,
        DataCaptureConfig: config.captureUri ? { DestinationS3Uri: config.captureUri } : undefined,
        CreationTime: config.created
      }
    })
    m.on(CreateEndpointConfigCommand).callsFake(input => {
      this.fire('CreateEndpointConfigCommand')
      const name = input.EndpointConfigName ?? ''
      const arn = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/${lower(name)}`
      if (this.configs.has(name))
        throw validationError(`Cannot create already existing endpoint configuration "${arn}".`)
      for (const v of input.ProductionVariants ?? []) {
        if (!this.models.has(v.ModelName ?? ''))
          throw validationError(`Could not find model "${v.ModelName}".`)
      }
      this.configs.set(name, {
        name,
        arn,
        variants: input.ProductionVariants ?? [],
        captureUri: input.DataCaptureConfig?.DestinationS3Uri,
        created: this.stamp()
      })
      this.tags.set(
        arn,
        Object.fromEntries((input.Tags ?? []).map((t: Tag) => [t.Key ?? '', t.Value ?? '']))
      )
      return { EndpointConfigArn: arn }
    })
    m.on(ListEndpointsCommand).callsFake(() => ({
      Endpoints: [
        ...(this.endpoint ? [this.endpoint.name] : []),
        ...this.otherEndpoints.keys()
      ].map(EndpointName => ({ EndpointName }))
    }))
    m.on(DescribeEndpointCommand).callsFake(input => {
      const other = this.otherEndpoints.get(input.EndpointName ?? '')
      if (other !== undefined) {
        return {
          EndpointName: input.EndpointName,
          EndpointConfigName: other,
          EndpointStatus: 'InService'
        }
      }
      const description =
        this.endpoint?.name === input.EndpointName ? this.describeEndpoint() : undefined
      if (!description) {
        throw validationError(
          `Could not find endpoint "arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${lower(input.EndpointName ?? '')}".`
        )
      }
      return description
    })
    m.on(CreateEndpointCommand).callsFake(input => {
      const name = input.EndpointName ?? ''
      const arn = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${lower(name)}`
      if (this.endpoint) throw validationError(`Cannot create already existing endpoint "${arn}".`)
      if (!this.configs.has(input.EndpointConfigName ?? '')) {
        throw validationError(
          `Could not find endpoint configuration "${input.EndpointConfigName}".`
        )
      }
      this.endpoint = {
        name,
        arn,
        status: 'Creating',
        configName: input.EndpointConfigName ?? '',
        weights: {}
      }
      this.startChange(input.EndpointConfigName ?? '', {}, 'Creating')
      return { EndpointArn: arn }
    })
    m.on(UpdateEndpointCommand).callsFake(input => {
      const interject = this.interject
      this.interject = undefined
      interject?.()
      const ep = this.endpoint
      if (!ep) throw validationError(`Could not find endpoint "${input.EndpointName}".`)
      if (ep.status !== 'InService' && ep.status !== 'UpdateRollbackFailed') {
        throw validationError(`Cannot update in-progress endpoint "${ep.arn}".`)
      }
      if (!this.configs.has(input.EndpointConfigName ?? '')) {
        throw validationError(
          `Could not find endpoint configuration "${input.EndpointConfigName}".`
        )
      }
      this.startChange(input.EndpointConfigName ?? '', {}, 'Updating')
      return { EndpointArn: ep.arn }
    })
    m.on(UpdateEndpointWeightsAndCapacitiesCommand).callsFake(input => {
      const ep = this.endpoint!
      if (ep.status !== 'InService')
        throw validationError(`Cannot update in-progress endpoint "${ep.arn}".`)
      const weights = { ...ep.weights }
      for (const d of input.DesiredWeightsAndCapacities ?? [])
        weights[d.VariantName ?? ''] = d.DesiredWeight ?? 0
      this.startChange(ep.configName, weights, 'Updating')
      return { EndpointArn: ep.arn }
    })
    m.on(ListTagsCommand).callsFake(input => {
      this.fire('ListTagsCommand')
      const arn = input.ResourceArn ?? ''
      if (this.gone(arn)) throw notFoundError(`Resource ${arn} does not exist.`)
      return {
        Tags: Object.entries(this.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value }))
      }
    })
    m.on(AddTagsCommand).callsFake(input => {
      const current = this.tags.get(input.ResourceArn ?? '') ?? {}
      for (const t of input.Tags ?? []) current[t.Key ?? ''] = t.Value ?? ''
      this.tags.set(input.ResourceArn ?? '', current)
      return { Tags: input.Tags }
    })
    m.on(ListEndpointConfigsCommand).callsFake(input => {
      this.fire('ListEndpointConfigsCommand')
      return {
        EndpointConfigs: [...this.configs.values()]
          .filter(c => c.name.toLowerCase().includes((input.NameContains ?? '').toLowerCase()))
          .filter(c => !input.CreationTimeBefore || c.created < input.CreationTimeBefore)
          .map(c => ({
            EndpointConfigName: c.name,
            EndpointConfigArn: c.arn,
            CreationTime: c.created
          }))
      }
    })
    m.on(ListModelsCommand).callsFake(input => ({
      Models: [...this.models.values()]
        .filter(c => c.name.toLowerCase().includes((input.NameContains ?? '').toLowerCase()))
        .filter(c => !input.CreationTimeBefore || c.created < input.CreationTimeBefore)
        .map(c => ({ ModelName: c.name, ModelArn: c.arn, CreationTime: c.created }))
    }))
    m.on(DeleteEndpointConfigCommand).callsFake(input => {
      this.fire('DeleteEndpointConfigCommand')
      if (!this.configs.delete(input.EndpointConfigName ?? '')) {
        throw validationError(
          `Could not find endpoint configuration "${input.EndpointConfigName}".`
        )
      }
      return {}
    })
    m.on(DeleteModelCommand).callsFake(input => {
      this.fire('DeleteModelCommand')
      if (!this.models.delete(input.ModelName ?? ''))
        throw validationError(`Could not find model "${input.ModelName}".`)
      return {}
    })
  }

  /** True for the ARN of a model or endpoint config that is not (or no longer) here. */
  private gone(arn: string): boolean {
    const kind = /:(model|endpoint-config)\//.exec(arn)?.[1]
    if (!kind) return false
    const records: Iterable<{ arn: string }> = (
      kind === 'model' ? this.models : this.configs
    ).values()
    return ![...records].some(r => r.arn === arn)
  }

  endpointTags(): Record<string, string> {
    return this.endpoint ? (this.tags.get(this.endpoint.arn) ?? {}) : {}
  }
}

export const BASE_DEPLOY: DeploySettings = {
  endpointName: 'churn-prod',
  executionRoleArn: ROLE,
  instanceType: 'ml.m5.large',
  instanceCount: 2,
  dataCaptureSamplingPercentage: 100,
  deploymentStrategy: 'all-at-once',
  canarySize: 10,
  linearStepSize: 20,
  waitIntervalSeconds: 60,
  terminationWaitSeconds: 0,
  rollbackAlarms: [],
  waitTimeoutSeconds: 600,
  traffic: [],
  rejectCurrent: false
}

export function deploySettings(
  deploy: Partial<DeploySettings> = {},
  common: Partial<CommonSettings> = {}
): SettingsOf<'deploy'> {
  return {
    mode: 'deploy',
    group: { name: GROUP, nameOrArn: GROUP },
    region: REGION,
    githubToken: '',
    dryRun: false,
    comment: false,
    history: 10,
    ...common,
    deploy: { ...BASE_DEPLOY, ...deploy }
  }
}

/** Where deploy reports of unit tests go: one temporary folder per test process. */
const REPORTS = mkdtempSync(join(tmpdir(), 'deploy-reports-'))

/** A fake context whose clock moves with sleep, and a SageMaker double on its client. */
export function simContext(
  overrides: Parameters<typeof fakeContext>[0] = {}
): FakeContext & { sim: SageMakerSim } {
  const box: { sim?: SageMakerSim } = {}
  const fake = fakeContext({
    workDir: REPORTS,
    now: () => new Date(box.sim!.time),
    sleep: async ms => {
      fake.sleeps.push(ms)
      box.sim!.time += ms
    },
    ...overrides
  })
  const sim = new SageMakerSim(fake.ctx.aws.sagemaker)
  box.sim = sim
  return { ...fake, sim }
}
