// An in-memory model registry behind aws-sdk-client-mock, for the gate and decision
// modes: ListModelPackages honours the group, ModelPackageType, ModelApprovalStatus,
// SortBy/SortOrder (ascending unless told otherwise, as SageMaker), MaxResults (1-100)
// and opaque NextTokens; UpdateModelPackage merges customer metadata and enforces
// SageMaker's limits; statistics files live in a fake S3; endpoints, configs and models
// are enough for `servedPackageArn`. Tests assert on the calls the mocks received.
import { createHash } from 'node:crypto'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
  type DescribeModelPackageCommandOutput,
  type ModelLifeCycle,
  type UpdateModelPackageCommandInput
} from '@aws-sdk/client-sagemaker'
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock'
import { readPolicy, type PolicyText } from '../../src/inputs/index.js'
import type {
  ApprovalStatus,
  CommonSettings,
  GateSettings,
  DecisionSettings,
  SettingsOf
} from '../../src/settings.js'

export const REGION = 'us-east-1'
export const ACCOUNT = '123456789012'
export const GROUP = 'churn'
export const GROUP_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package-group/${GROUP}`
export const RUN_URL = 'https://github.com/acme/churn-model/actions/runs/987654321'

export function packageArn(version: number, group = GROUP): string {
  return `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/${group}/${version}`
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-gate' }
  })
}

export interface FakeVersion {
  version: number
  group: string
  status: ApprovalStatus
  packageStatus: string
  metadata: Record<string, string>
  created: Date
  statistics?: { S3Uri: string; ContentDigest?: string }
  approvalDescription?: string
  lifecycle?: ModelLifeCycle
}

export interface VersionOptions {
  metadata?: Record<string, string>
  statistics?: { S3Uri: string; ContentDigest?: string }
  group?: string
  packageStatus?: string
}

const METADATA_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u
const DESCRIPTION_TEXT = /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*$/u
const EPOCH = Date.parse('2026-01-01T00:00:00Z')

export class FakeRegistry {
  readonly sagemaker: AwsClientStub<SageMakerClient>
  readonly s3: AwsClientStub<S3Client>
  readonly versions = new Map<string, FakeVersion>()
  readonly objects = new Map<string, Uint8Array>()
  readonly trainingJobs = new Map<string, { name: string; value: number }[]>()
  /** What a training job in `trainingJobs` was trained with, when a test needs it. */
  readonly trainingJobInputs = new Map<
    string,
    { hyperParameters: Record<string, string>; channels: Record<string, string> }
  >()
  /** endpoint -> config -> [model, weight] -> package */
  readonly endpoints = new Map<string, string>()
  readonly configs = new Map<string, { variant: string; model: string; weight: number }[]>()
  readonly models = new Map<string, string>()
  private readonly tokens = new Map<string, number>()
  private tokenSeq = 0
  private readonly reads = new Map<string, number>()
  /**
   * Runs before each DescribeModelPackage, with how many times that ARN was described
   * before: where a test plays another writer changing the version between two reads.
   */
  beforeDescribe?: (arn: string, reads: number) => void

  constructor() {
    this.sagemaker = mockClient(SageMakerClient)
    this.s3 = mockClient(S3Client)
    this.install()
  }

  restore(): void {
    this.sagemaker.restore()
    this.s3.restore()
  }

  add(version: number, status: ApprovalStatus, options: VersionOptions = {}): FakeVersion {
    const group = options.group ?? GROUP
    const entry: FakeVersion = {
      version,
      group,
      status,
      packageStatus: options.packageStatus ?? 'Completed',
      metadata: { ...(options.metadata ?? {}) },
      created: new Date(EPOCH + version * 60_000),
      statistics: options.statistics
    }
    this.versions.set(packageArn(version, group), entry)
    return entry
  }

  get(version: number, group = GROUP): FakeVersion {
    const found = this.versions.get(packageArn(version, group))
    if (!found) throw new Error(`no version ${version} in the fake registry`)
    return found
  }

  putObject(uri: string, body: string | Uint8Array): string {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
    this.objects.set(uri, bytes)
    return `sha256:${sha256(bytes)}`
  }

  /** The endpoint serves `packages` through one model per variant, the first with the most weight. */
  serve(endpoint: string, packages: { arn: string; weight: number }[]): void {
    const config = `${endpoint}-config`
    this.endpoints.set(endpoint, config)
    this.configs.set(
      config,
      packages.map((p, i) => ({
        variant: `v${i}`,
        model: `${endpoint}-model-${i}`,
        weight: p.weight
      }))
    )
    packages.forEach((p, i) => this.models.set(`${endpoint}-model-${i}`, p.arn))
  }

  /** Names of the SageMaker commands received, in order. */
  commandNames(): string[] {
    return this.sagemaker.calls().map(call => (call.args[0] as object).constructor.name)
  }

  updates(): UpdateModelPackageCommandInput[] {
    return this.sagemaker.commandCalls(UpdateModelPackageCommand).map(call => call.args[0].input)
  }

  private describe(arn: string): DescribeModelPackageCommandOutput {
    const v = this.versions.get(arn)
    if (!v) throw awsError('ValidationException', `ModelPackage ${arn} does not exist.`)
    return {
      $metadata: {},
      ModelPackageName: v.group,
      ModelPackageGroupName: v.group,
      ModelPackageVersion: v.version,
      ModelPackageArn: arn,
      ModelPackageDescription: `churn model v${v.version}`,
      CreationTime: v.created,
      ModelPackageStatus: v.packageStatus as never,
      ModelApprovalStatus: v.status,
      ApprovalDescription: v.approvalDescription,
      MetadataProperties: { CommitId: `commit${v.version}`, Repository: 'acme/churn-model' },
      CustomerMetadataProperties:
        Object.keys(v.metadata).length > 0 ? { ...v.metadata } : undefined,
      ModelMetrics: v.statistics
        ? {
            ModelQuality: {
              Statistics: { ContentType: 'application/json', ...v.statistics }
            }
          }
        : undefined,
      ModelLifeCycle: v.lifecycle,
      ModelPackageStatusDetails: { ValidationStatuses: [] }
    }
  }

  private install(): void {
    this.sagemaker.on(DescribeModelPackageGroupCommand).callsFake(input => {
      if (input.ModelPackageGroupName !== GROUP && input.ModelPackageGroupName !== GROUP_ARN) {
        throw awsError(
          'ValidationException',
          `ModelPackageGroup ${input.ModelPackageGroupName} does not exist.`
        )
      }
      return { ModelPackageGroupName: GROUP, ModelPackageGroupArn: GROUP_ARN }
    })

    this.sagemaker.on(ListModelPackagesCommand).callsFake(input => {
      const max = input.MaxResults ?? 100
      if (!Number.isInteger(max) || max < 1 || max > 100) {
        throw awsError('ValidationException', `MaxResults ${max} must be 1-100`)
      }
      const group = input.ModelPackageGroupName
      const groupName = group?.startsWith('arn:') ? group.split('/').pop() : group
      if (
        !groupName &&
        input.ModelPackageType !== 'Versioned' &&
        input.ModelPackageType !== 'Both'
      ) {
        return { ModelPackageSummaryList: [] }
      }
      let list = [...this.versions.entries()].filter(([, v]) => v.group === groupName)
      if (input.ModelPackageType === 'Unversioned') list = []
      if (input.ModelApprovalStatus)
        list = list.filter(([, v]) => v.status === input.ModelApprovalStatus)
      const sign = input.SortOrder === 'Descending' ? -1 : 1
      list.sort(([, a], [, b]) =>
        input.SortBy === 'Name'
          ? sign * (a.version - b.version)
          : sign * (a.created.getTime() - b.created.getTime())
      )
      let offset = 0
      if (input.NextToken !== undefined) {
        const known = this.tokens.get(input.NextToken)
        if (known === undefined) throw awsError('ValidationException', 'Invalid pagination token')
        offset = known
      }
      const end = offset + max
      let nextToken: string | undefined
      if (end < list.length) {
        nextToken = `token-${++this.tokenSeq}`
        this.tokens.set(nextToken, end)
      }
      return {
        NextToken: nextToken,
        ModelPackageSummaryList: list.slice(offset, end).map(([arn, v]) => ({
          ModelPackageArn: arn,
          ModelPackageGroupName: v.group,
          ModelPackageVersion: v.version,
          ModelApprovalStatus: v.status,
          ModelPackageStatus: v.packageStatus as never,
          CreationTime: v.created
        }))
      }
    })

    this.sagemaker.on(DescribeModelPackageCommand).callsFake(input => {
      const arn = input.ModelPackageName ?? ''
      const reads = this.reads.get(arn) ?? 0
      this.reads.set(arn, reads + 1)
      this.beforeDescribe?.(arn, reads)
      return this.describe(arn)
    })

    this.sagemaker.on(UpdateModelPackageCommand).callsFake(input => {
      const arn = input.ModelPackageArn ?? ''
      const v = this.versions.get(arn)
      if (!v) throw awsError('ValidationException', `ModelPackage ${arn} does not exist.`)
      const description = input.ApprovalDescription
      if (
        description !== undefined &&
        (description.length > 1024 || !DESCRIPTION_TEXT.test(description))
      ) {
        throw awsError('ValidationException', 'ApprovalDescription failed to satisfy constraint')
      }
      const stage = input.ModelLifeCycle?.StageDescription
      if (stage !== undefined && (stage.length > 1024 || !DESCRIPTION_TEXT.test(stage))) {
        throw awsError(
          'ValidationException',
          'ModelLifeCycle.StageDescription failed to satisfy constraint'
        )
      }
      const merged = { ...v.metadata }
      for (const key of input.CustomerMetadataPropertiesToRemove ?? []) delete merged[key]
      for (const [key, value] of Object.entries<string>(input.CustomerMetadataProperties ?? {})) {
        if (
          key.length > 128 ||
          value.length > 256 ||
          !METADATA_TEXT.test(key) ||
          !METADATA_TEXT.test(value)
        ) {
          throw awsError(
            'ValidationException',
            `CustomerMetadataProperties ${key} failed to satisfy constraint`
          )
        }
        merged[key] = value
      }
      if (Object.keys(merged).length > 50) {
        throw awsError('ValidationException', 'CustomerMetadataProperties would exceed 50 entries')
      }
      v.metadata = merged
      if (input.ModelApprovalStatus) v.status = input.ModelApprovalStatus as ApprovalStatus
      if (description !== undefined) v.approvalDescription = description
      if (input.ModelLifeCycle) v.lifecycle = input.ModelLifeCycle
      return { ModelPackageArn: arn }
    })

    this.sagemaker.on(DescribeTrainingJobCommand).callsFake(input => {
      const metrics = this.trainingJobs.get(input.TrainingJobName ?? '')
      if (!metrics)
        throw awsError('ResourceNotFound', `Requested resource not found: ${input.TrainingJobName}`)
      const inputs = this.trainingJobInputs.get(input.TrainingJobName ?? '')
      return {
        TrainingJobName: input.TrainingJobName,
        TrainingJobStatus: 'Completed',
        FinalMetricDataList: metrics.map(m => ({ MetricName: m.name, Value: m.value })),
        HyperParameters: inputs?.hyperParameters,
        InputDataConfig: Object.entries(inputs?.channels ?? {}).map(([name, uri]) => ({
          ChannelName: name,
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: uri } }
        }))
      }
    })

    this.sagemaker.on(DescribeEndpointCommand).callsFake(input => {
      const config = this.endpoints.get(input.EndpointName ?? '')
      if (!config)
        throw awsError('ValidationException', `Could not find endpoint "${input.EndpointName}".`)
      return {
        EndpointName: input.EndpointName,
        EndpointConfigName: config,
        EndpointStatus: 'InService',
        ProductionVariants: (this.configs.get(config) ?? []).map(v => ({
          VariantName: v.variant,
          CurrentWeight: v.weight
        }))
      }
    })
    this.sagemaker.on(DescribeEndpointConfigCommand).callsFake(input => {
      const variants = this.configs.get(input.EndpointConfigName ?? '')
      if (!variants)
        throw awsError(
          'ValidationException',
          `Could not find endpoint configuration "${input.EndpointConfigName}".`
        )
      return {
        EndpointConfigName: input.EndpointConfigName,
        ProductionVariants: variants.map(v => ({
          VariantName: v.variant,
          ModelName: v.model,
          InitialVariantWeight: v.weight
        }))
      }
    })
    this.sagemaker.on(DescribeModelCommand).callsFake(input => {
      const pkg = this.models.get(input.ModelName ?? '')
      if (!pkg) throw awsError('ValidationException', `Could not find model "${input.ModelName}".`)
      return { ModelName: input.ModelName, Containers: [{ ModelPackageName: pkg }] }
    })

    this.s3.on(GetObjectCommand).callsFake(input => {
      const uri = `s3://${input.Bucket}/${input.Key}`
      const bytes = this.objects.get(uri)
      if (!bytes) throw awsError('NoSuchKey', `The specified key does not exist: ${uri}`)
      // The SDK's stream mixin, reduced to the methods the code under test may use.
      return {
        Body: {
          transformToByteArray: async () => bytes,
          transformToString: async (encoding = 'utf-8') => new TextDecoder(encoding).decode(bytes)
        } as never
      }
    })
  }
}

/** The settings every mode shares, with the defaults the gate and decision tests use. */
export function commonSettings(common: Partial<CommonSettings> = {}): CommonSettings {
  return {
    group: { name: GROUP, nameOrArn: GROUP },
    region: REGION,
    githubToken: 'token',
    dryRun: false,
    comment: true,
    history: 10,
    ...common
  }
}

/**
 * Gate settings as src/inputs/ reads them: the policy texts are parsed the same way, so a
 * wrong policy line throws the InputError the action would show.
 */
export function gateSettings(
  gate: Partial<GateSettings> & Partial<PolicyText> = {},
  common: Partial<CommonSettings> = {}
): SettingsOf<'gate'> {
  const { thresholds, maxRegression, metricDirections, ...rest } = gate
  const policy = readPolicy({
    thresholds: thresholds ?? 'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
    maxRegression: maxRegression ?? 'validation:auc -0.01',
    metricDirections: metricDirections ?? ''
  })
  return {
    ...commonSettings(common),
    mode: 'gate',
    gate: {
      policy,
      baseline: { kind: 'latest-approved' },
      onPass: 'none',
      onFail: 'Rejected',
      failOnReject: true,
      validationMethod: 'endpoint',
      task: 'binary',
      labelColumn: '0',
      decisionThreshold: 0.5,
      alpha: 0.05,
      maxConcurrency: 4,
      regressionTest: 'non-inferiority',
      ...rest
    }
  }
}

export function decisionSettings(
  mode: 'approve',
  decision?: Partial<DecisionSettings>,
  common?: Partial<CommonSettings>
): SettingsOf<'approve'>
export function decisionSettings(
  mode: 'reject',
  decision?: Partial<DecisionSettings>,
  common?: Partial<CommonSettings>
): SettingsOf<'reject'>
export function decisionSettings(
  mode: 'approve' | 'reject',
  decision: Partial<DecisionSettings> = {},
  common: Partial<CommonSettings> = {}
): SettingsOf<'approve'> | SettingsOf<'reject'> {
  const settings = {
    ...commonSettings(common),
    decision: { reason: 'offline eval reviewed', force: false, ...decision }
  }
  return mode === 'approve' ? { ...settings, mode } : { ...settings, mode }
}

/** `metric:` mirror entries, as `register` writes them. */
export function metrics(values: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`metric:${k}`, String(v)]))
}
