import { beforeEach, describe, expect, it } from '@jest/globals'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
  type CreateModelPackageCommandInput,
  type DescribeTrainingJobCommandOutput,
  type ModelPackageStatusDetails
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_RUN, fakeContext, useWorkDir } from '../../__fixtures__/context.js'
import {
  GROUP_ARN,
  IMAGE_URI,
  MODEL_DATA_URL,
  registerSettings
} from '../../__fixtures__/register/settings.js'
import { runRegister } from '../../src/modes/register.js'
import { clientToken, registrationFingerprint } from '../../src/registry/provenance.js'

const sm = mockClient(SageMakerClient)
const workDir = useWorkDir('register')
const s3 = mockClient(S3Client)

const FIXTURES = join(import.meta.dirname, '../../__fixtures__/register')
const GROUP_ARN_OWN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn'
const pkgArn = (n: number) => `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/${n}`

const FINGERPRINT = registrationFingerprint({
  group: 'churn',
  commit: DEFAULT_RUN.sha,
  modelDataUrl: MODEL_DATA_URL,
  imageUri: IMAGE_URI
})

const MUTATING = [
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  UpdateModelPackageCommand
] as const

function expectNoMutation(): void {
  for (const command of MUTATING)
    expect(sm).not.toHaveReceivedCommand(command as typeof CreateModelPackageCommand)
  expect(s3).not.toHaveReceivedCommand(PutObjectCommand)
}

function groupMissing(): void {
  const error = Object.assign(new Error('ModelPackageGroup churn does not exist.'), {
    name: 'ValidationException',
    $fault: 'client',
    $metadata: {}
  })
  sm.on(DescribeModelPackageGroupCommand).rejects(error)
  sm.on(CreateModelPackageGroupCommand).resolves({ ModelPackageGroupArn: GROUP_ARN_OWN })
}

function groupExists(description = 'Churn models'): void {
  sm.on(DescribeModelPackageGroupCommand).resolves({
    ModelPackageGroupName: 'churn',
    ModelPackageGroupArn: GROUP_ARN_OWN,
    ModelPackageGroupDescription: description,
    CreationTime: new Date(),
    CreatedBy: {},
    ModelPackageGroupStatus: 'Completed'
  })
}

function listed(...versions: number[]): void {
  sm.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: versions.map(v => ({
      ModelPackageArn: pkgArn(v),
      ModelPackageGroupName: 'churn',
      ModelPackageVersion: v,
      ModelApprovalStatus: 'PendingManualApproval',
      ModelPackageStatus: 'Completed',
      CreationTime: new Date()
    }))
  })
}

function described(
  version: number,
  fields: {
    status?: string
    metadata?: Record<string, string>
    approval?: string
    details?: ModelPackageStatusDetails
  } = {}
): void {
  sm.on(DescribeModelPackageCommand, { ModelPackageName: pkgArn(version) }).resolves({
    ModelPackageName: 'churn',
    ModelPackageArn: pkgArn(version),
    ModelPackageVersion: version,
    ModelPackageStatus: (fields.status ?? 'Completed') as 'Completed',
    ModelPackageStatusDetails: fields.details ?? { ValidationStatuses: [] },
    ModelApprovalStatus: (fields.approval ?? 'PendingManualApproval') as 'PendingManualApproval',
    CustomerMetadataProperties: fields.metadata ?? {},
    CreationTime: new Date()
  })
}

function createInput(): CreateModelPackageCommandInput {
  const calls = sm.commandCalls(CreateModelPackageCommand)
  expect(calls).toHaveLength(1)
  return (calls[0] as { args: [{ input: CreateModelPackageCommandInput }] }).args[0].input
}

/** The token a request without one gets from `fingerprint`. */
function tokenOf(fingerprint: string, input: object): string {
  const { ClientToken: _, ...request } = input as CreateModelPackageCommandInput
  return clientToken(fingerprint, request)
}

function putBody(): { key: string; body: string } {
  const calls = s3.commandCalls(PutObjectCommand)
  expect(calls).toHaveLength(1)
  const input = (calls[0] as { args: [{ input: { Key: string; Body: string; Bucket: string } }] })
    .args[0].input
  expect(input.Bucket).toBe('acme-metrics')
  return { key: input.Key, body: input.Body }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

beforeEach(() => {
  sm.reset()
  s3.reset()
  s3.on(PutObjectCommand).resolves({})
})

describe('register: a new version from a model artifact', () => {
  it('creates the missing group, uploads statistics and sends the exact CreateModelPackage request', async () => {
    groupMissing()
    const order: string[] = []
    s3.on(PutObjectCommand).callsFake(() => {
      order.push('PutObject')
      return {}
    })
    sm.on(CreateModelPackageCommand).callsFake(() => {
      order.push('CreateModelPackage')
      return { ModelPackageArn: pkgArn(1) }
    })
    sm.on(DescribeModelPackageCommand)
      .resolvesOnce({
        ModelPackageArn: pkgArn(1),
        ModelPackageName: 'churn',
        ModelPackageStatus: 'InProgress',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        CreationTime: new Date()
      })
      .resolvesOnce({
        ModelPackageArn: pkgArn(1),
        ModelPackageName: 'churn',
        ModelPackageStatus: 'Pending',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        CreationTime: new Date()
      })
      .resolves({
        ModelPackageArn: pkgArn(1),
        ModelPackageName: 'churn',
        ModelPackageVersion: 1,
        ModelPackageStatus: 'Completed',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        ModelApprovalStatus: 'PendingManualApproval',
        CreationTime: new Date()
      })
    const { ctx, outputs, summaries, sleeps, infos } = fakeContext()
    const settings = registerSettings({
      groupDescription: 'Churn models',
      groupTags: { team: 'ml', cost: 'churn' },
      metricsFile: join(FIXTURES, 'flat-metrics.json'),
      metricsS3Uri: 's3://acme-metrics/registry/',
      description: 'XGBoost churn model',
      customerMetadata: { dataset: 'churn-2026-02' },
      inferenceInstances: ['ml.m5.large', 'ml.m5.xlarge'],
      transformInstances: ['ml.m5.large'],
      modelLifecycleStage: 'development',
      projectId: 'p-abc123'
    })

    await expect(runRegister(ctx, settings)).resolves.not.toHaveProperty('failed')

    expect(sm).toHaveReceivedCommandWith(CreateModelPackageGroupCommand, {
      ModelPackageGroupName: 'churn',
      ModelPackageGroupDescription: 'Churn models',
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'cost', Value: 'churn' }
      ]
    })
    // A group created just now has no versions to search.
    expect(sm).not.toHaveReceivedCommand(ListModelPackagesCommand)

    const { key, body } = putBody()
    expect(key).toBe(`registry/churn/${FINGERPRINT}/statistics.json`)
    expect(JSON.parse(body)).toEqual({
      version: 0,
      binary_classification_metrics: {
        'validation:auc': { value: 0.92 },
        'validation:accuracy': { value: 0.88 }
      }
    })

    expect(createInput()).toEqual({
      ModelPackageGroupName: 'churn',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE_URI, ModelDataUrl: MODEL_DATA_URL }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
        SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large', 'ml.m5.xlarge'],
        SupportedTransformInstanceTypes: ['ml.m5.large']
      },
      ModelApprovalStatus: 'PendingManualApproval',
      ClientToken: tokenOf(FINGERPRINT, createInput()),
      ModelPackageDescription: 'XGBoost churn model',
      ModelMetrics: {
        ModelQuality: {
          Statistics: {
            ContentType: 'application/json',
            S3Uri: `s3://acme-metrics/registry/churn/${FINGERPRINT}/statistics.json`,
            ContentDigest: `sha256:${sha256(body)}`
          }
        }
      },
      MetadataProperties: {
        CommitId: DEFAULT_RUN.sha,
        Repository: 'https://github.com/acme/churn-model',
        GeneratedBy: 'https://github.com/acme/churn-model/actions/runs/987654321',
        ProjectId: 'p-abc123'
      },
      CustomerMetadataProperties: {
        'register:fingerprint': FINGERPRINT,
        'source:commit': DEFAULT_RUN.sha,
        'source:model-data': MODEL_DATA_URL,
        'source:image': IMAGE_URI,
        'github:pr': '42',
        'github:ref': 'refs/pull/42/merge',
        'github:actor': 'octocat',
        'github:run-id': '987654321',
        'github:run-attempt': '1',
        dataset: 'churn-2026-02',
        'metric:validation:auc': '0.92',
        'metric:validation:accuracy': '0.88'
      },
      ModelLifeCycle: {
        Stage: 'development',
        StageStatus: 'PendingApproval',
        StageDescription:
          'Registered from commit 0123456789ab by https://github.com/acme/churn-model/actions/runs/987654321'
      }
    })
    expect(createInput().ClientToken).toMatch(/^[a-zA-Z0-9-]{1,36}$/)
    expect(createInput().ModelMetrics?.ModelQuality?.Statistics?.ContentDigest).toMatch(
      /^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$/
    )

    // Upload before create, so the digest SageMaker records points at bytes that exist.
    expect(order).toEqual(['PutObject', 'CreateModelPackage'])
    expect(sleeps).toEqual([2000, 3000])
    expect(Object.fromEntries(outputs)).toEqual({
      'model-package-arn': pkgArn(1),
      'model-package-version': 1,
      created: true,
      'approval-status': 'PendingManualApproval'
    })
    expect(infos.join('\n')).toContain('Created model package group "churn".')
    expect(summaries).toHaveLength(1)
    expect(summaries[0]).toContain('### Model registered: churn v1')
    expect(summaries[0]).toContain('| validation:auc | 0.92 |')
  })

  it('uses the defaults for content and response types and omits empty instance lists', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, warnings } = fakeContext()
    await runRegister(ctx, registerSettings({ contentTypes: [], responseTypes: [] }))
    const input = createInput()
    expect(input.InferenceSpecification).toEqual({
      Containers: [{ Image: IMAGE_URI, ModelDataUrl: MODEL_DATA_URL }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv']
    })
    expect(input.ModelMetrics).toBeUndefined()
    expect(input.ModelLifeCycle).toBeUndefined()
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand)
    expect(warnings).toEqual([])
  })

  it('warns that metrics without metrics-s3-uri go to customer metadata only', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, warnings } = fakeContext()
    await runRegister(ctx, registerSettings({ metricsFile: join(FIXTURES, 'flat-metrics.json') }))
    expect(createInput().CustomerMetadataProperties).toMatchObject({
      'metric:validation:auc': '0.92'
    })
    expect(createInput().ModelMetrics).toBeUndefined()
    expect(warnings).toEqual([expect.stringContaining('No "metrics-s3-uri" given')])
  })

  it('warns about a differing group description and keeps the group', async () => {
    groupExists('Old text')
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, warnings } = fakeContext()
    await runRegister(ctx, registerSettings({ groupDescription: 'New text' }))
    expect(sm).not.toHaveReceivedCommand(CreateModelPackageGroupCommand)
    expect(warnings).toEqual([
      'Group "churn" already exists with description "Old text", not the "group-description" given; it is used as is.'
    ])
  })

  it('registers into a shared group by ARN without describing or creating it', async () => {
    listed()
    sm.on(CreateModelPackageCommand).resolves({
      ModelPackageArn: 'arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/4'
    })
    sm.on(DescribeModelPackageCommand).resolves({
      ModelPackageArn: 'arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/4',
      ModelPackageName: 'churn',
      ModelPackageStatus: 'Completed',
      ModelPackageStatusDetails: { ValidationStatuses: [] },
      CreationTime: new Date()
    })
    const { ctx, outputs } = fakeContext()
    await runRegister(
      ctx,
      registerSettings({}, { group: { nameOrArn: GROUP_ARN, name: 'churn', arn: GROUP_ARN } })
    )
    expect(sm).not.toHaveReceivedCommand(DescribeModelPackageGroupCommand)
    expect(sm).not.toHaveReceivedCommand(CreateModelPackageGroupCommand)
    expect(sm).toHaveReceivedCommandWith(ListModelPackagesCommand, {
      ModelPackageGroupName: GROUP_ARN
    })
    expect(createInput().ModelPackageGroupName).toBe(GROUP_ARN)
    expect(outputs.get('model-package-version')).toBe(4)
  })

  it('warns once, with the count, about a metrics file far beyond the 50-entry limit', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, warnings } = fakeContext()
    const dir = await import('node:fs/promises').then(fs =>
      fs.mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'reg-'))
    )
    const file = join(dir, 'm.json')
    const count = 2000
    await import('node:fs/promises').then(fs =>
      fs.writeFile(
        file,
        JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`m${i}`, 0.5])))
      )
    )
    await runRegister(ctx, registerSettings({ metricsFile: file }))
    const recorded = Object.keys(createInput().CustomerMetadataProperties ?? {})
    expect(recorded).toHaveLength(50)
    const mirrored = recorded.filter(k => k.startsWith('metric:')).length
    const notRecorded = warnings.filter(w => w.includes('not recorded'))
    expect(notRecorded).toEqual([
      `${count - mirrored} customer metadata entries not recorded (SageMaker limits): the package already holds 50 entries (metric:m${mirrored}, metric:m${mirrored + 1}, metric:m${mirrored + 2}, metric:m${mirrored + 3}, metric:m${mirrored + 4} and ${count - mirrored - 5} more).`
    ])
  })

  it('logs metrics and hyperparameters that do not fit the 50-entry limit', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const user = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`k${i}`, 'v']))
    const { ctx, warnings } = fakeContext()
    const file = join(workDir(), 'ten-metrics.json')
    await writeFile(
      file,
      JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, i / 10])))
    )
    await runRegister(ctx, registerSettings({ customerMetadata: user, metricsFile: file }))
    const metadata = createInput().CustomerMetadataProperties ?? {}
    expect(Object.keys(metadata)).toHaveLength(50)
    // 9 provenance + 35 user entries leave room for 6 metrics.
    expect(Object.keys(metadata).filter(k => k.startsWith('metric:'))).toEqual([
      'metric:m0',
      'metric:m1',
      'metric:m2',
      'metric:m3',
      'metric:m4',
      'metric:m5'
    ])
    // One warning that counts them, however many there are.
    expect(warnings.filter(w => w.includes('not recorded'))).toEqual([
      '4 customer metadata entries not recorded (SageMaker limits): the package already holds 50 entries (metric:m6, metric:m7, metric:m8, metric:m9).'
    ])
  })
})

describe('register: idempotence', () => {
  it('returns the version an earlier run created, with created=false and no mutating call', async () => {
    groupExists()
    listed(3, 2, 1)
    described(3, {
      metadata: {
        'register:fingerprint': FINGERPRINT,
        'metric:validation:auc': '0.92',
        'metric:validation:accuracy': '0.88'
      },
      approval: 'Approved'
    })
    const { ctx, outputs, warnings, summaries } = fakeContext()
    await runRegister(
      ctx,
      registerSettings({
        metricsFile: join(FIXTURES, 'flat-metrics.json'),
        metricsS3Uri: 's3://acme-metrics/registry'
      })
    )
    expectNoMutation()
    // The newest version matched: no need to describe older ones.
    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageCommand, 1)
    expect(Object.fromEntries(outputs)).toEqual({
      'model-package-arn': pkgArn(3),
      'model-package-version': 3,
      created: false,
      'approval-status': 'Approved'
    })
    // approval-status was not given: the version's own status is no surprise to warn about.
    expect(warnings).toEqual([])
    expect(summaries[0]).toContain('reused')
  })

  it('warns when the reused version is not in the approval-status the user gave', async () => {
    groupExists()
    listed(3)
    described(3, { metadata: { 'register:fingerprint': FINGERPRINT }, approval: 'Approved' })
    const { ctx, outputs, warnings } = fakeContext()
    await runRegister(ctx, registerSettings({ approvalStatus: 'PendingManualApproval' }))
    expectNoMutation()
    expect(outputs.get('approval-status')).toBe('Approved')
    expect(warnings).toEqual([
      'Version 3 is Approved; "approval-status" PendingManualApproval applies to new versions only (use mode "approve" or "reject" to change it).'
    ])
  })

  it('finds an older matching version, describing the newest alone and then five at a time', async () => {
    groupExists()
    listed(9, 8, 7, 6, 5, 4, 3, 2, 1)
    for (const v of [9, 8, 7, 6, 5, 3, 2, 1])
      described(v, { metadata: { 'register:fingerprint': 'other' } })
    described(4, { metadata: { 'register:fingerprint': FINGERPRINT } })
    const { ctx, outputs } = fakeContext()
    await runRegister(ctx, registerSettings())
    expectNoMutation()
    expect(sm).toHaveReceivedCommandTimes(DescribeModelPackageCommand, 6)
    expect(sm).not.toHaveReceivedCommandWith(DescribeModelPackageCommand, {
      ModelPackageName: pkgArn(3)
    })
    expect(outputs.get('model-package-version')).toBe(4)
  })

  it('warns when the reused version was registered with other metrics', async () => {
    groupExists()
    listed(1)
    described(1, {
      metadata: { 'register:fingerprint': FINGERPRINT, 'metric:validation:auc': '0.9' }
    })
    const { ctx, warnings, outputs } = fakeContext()
    await runRegister(ctx, registerSettings({ metricsFile: join(FIXTURES, 'flat-metrics.json') }))
    expectNoMutation()
    expect(outputs.get('created')).toBe(false)
    expect(warnings).toContain(
      'Version 1 keeps the metrics it was registered with (ModelMetrics cannot change): validation:auc: recorded 0.9, this run 0.92; validation:accuracy: recorded none, this run 0.88.'
    )
  })

  it('creates a new version for a new commit', async () => {
    groupExists()
    listed(1)
    described(1, { metadata: { 'register:fingerprint': FINGERPRINT } })
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(2) })
    described(2)
    const { ctx, outputs } = fakeContext({
      github: { sha: 'feedfacefeedfacefeedfacefeedfacefeedface' }
    })
    await runRegister(ctx, registerSettings())
    const other = registrationFingerprint({
      group: 'churn',
      commit: 'feedfacefeedfacefeedfacefeedfacefeedface',
      modelDataUrl: MODEL_DATA_URL,
      imageUri: IMAGE_URI
    })
    expect(createInput().ClientToken).toBe(tokenOf(other, createInput()))
    expect(createInput().CustomerMetadataProperties?.['register:fingerprint']).toBe(other)
    expect(outputs.get('model-package-version')).toBe(2)
    expect(outputs.get('created')).toBe(true)
  })

  it('waits for a matching version that is still in progress', async () => {
    groupExists()
    listed(1)
    sm.on(DescribeModelPackageCommand, { ModelPackageName: pkgArn(1) })
      .resolvesOnce({
        ModelPackageArn: pkgArn(1),
        ModelPackageName: 'churn',
        ModelPackageVersion: 1,
        ModelPackageStatus: 'InProgress',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        CustomerMetadataProperties: { 'register:fingerprint': FINGERPRINT },
        CreationTime: new Date()
      })
      .resolves({
        ModelPackageArn: pkgArn(1),
        ModelPackageName: 'churn',
        ModelPackageVersion: 1,
        ModelPackageStatus: 'Completed',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        ModelApprovalStatus: 'PendingManualApproval',
        CustomerMetadataProperties: { 'register:fingerprint': FINGERPRINT },
        CreationTime: new Date()
      })
    const { ctx, outputs } = fakeContext()
    await runRegister(ctx, registerSettings())
    expectNoMutation()
    expect(outputs.get('model-package-version')).toBe(1)
  })

  it('registers again, with a different ClientToken, after a Failed version of the same model', async () => {
    groupExists()
    listed(2, 1)
    described(2, { status: 'Failed', metadata: { 'register:fingerprint': FINGERPRINT } })
    described(1)
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(3) })
    described(3)
    const { ctx, warnings, outputs } = fakeContext()
    await runRegister(ctx, registerSettings())
    const token = createInput().ClientToken as string
    expect(token).toMatch(/^[a-f0-9]{36}$/)
    expect(token).not.toBe(tokenOf(FINGERPRINT, createInput()))
    expect(warnings).toContain(
      'Version 2 registered this commit and model but Failed; registering again.'
    )
    expect(outputs.get('created')).toBe(true)
  })
})

describe('register: training and tuning jobs', () => {
  const trainingJob = (
    fields: Partial<DescribeTrainingJobCommandOutput> = {}
  ): DescribeTrainingJobCommandOutput => ({
    $metadata: {},
    TrainingJobName: 'churn-train-7',
    TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-train-7',
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    ModelArtifacts: { S3ModelArtifacts: 's3://acme-models/churn-train-7/output/model.tar.gz' },
    AlgorithmSpecification: { TrainingImage: 'xgb:1.7-1', TrainingInputMode: 'File' },
    HyperParameters: { max_depth: '5', eta: '0.2', sagemaker_program: '"train.py"' },
    FinalMetricDataList: [
      { MetricName: 'validation:auc', Value: 0.9 },
      { MetricName: 'train:auc', Value: 0.97 },
      { MetricName: 'validation:error', Value: Number.NaN }
    ],
    StoppingCondition: {},
    CreationTime: new Date(),
    ...fields
  })

  it('registers the artifact, image, hyperparameters and final metrics; the metrics file wins', async () => {
    sm.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-train-7' }).resolves(trainingJob())
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, infos } = fakeContext()
    await runRegister(
      ctx,
      registerSettings({
        source: { kind: 'training-job', trainingJobName: 'churn-train-7' },
        metricsFile: join(FIXTURES, 'flat-metrics.json'),
        metricsS3Uri: 's3://acme-metrics/registry'
      })
    )
    const input = createInput()
    expect(input.InferenceSpecification?.Containers).toEqual([
      { Image: 'xgb:1.7-1', ModelDataUrl: 's3://acme-models/churn-train-7/output/model.tar.gz' }
    ])
    expect(input.CustomerMetadataProperties).toMatchObject({
      'source:training-job': 'churn-train-7',
      'metric:validation:auc': '0.92',
      'metric:train:auc': '0.97',
      'metric:validation:accuracy': '0.88',
      'hp:max_depth': '5',
      'hp:eta': '0.2',
      'hp:sagemaker_program': '_train.py_'
    })
    expect(input.CustomerMetadataProperties).not.toHaveProperty('metric:validation:error')
    expect(JSON.parse(putBody().body)).toEqual({
      version: 0,
      binary_classification_metrics: {
        'validation:auc': { value: 0.92 },
        'train:auc': { value: 0.97 },
        'validation:accuracy': { value: 0.88 }
      }
    })
    expect(infos).toContain(
      'Metric validation:auc: file 0.92 over training job 0.9 (the file wins).'
    )
  })

  it('lets image-uri override the training image', async () => {
    sm.on(DescribeTrainingJobCommand).resolves(trainingJob())
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx } = fakeContext()
    await runRegister(
      ctx,
      registerSettings({
        source: { kind: 'training-job', trainingJobName: 'churn-train-7', imageUri: 'serve:2' }
      })
    )
    expect(createInput().InferenceSpecification?.Containers?.[0]?.Image).toBe('serve:2')
  })

  it("registers a tuning job's best training job", async () => {
    sm.on(DescribeHyperParameterTuningJobCommand, {
      HyperParameterTuningJobName: 'churn-hpo'
    }).resolves({
      HyperParameterTuningJobName: 'churn-hpo',
      HyperParameterTuningJobStatus: 'Completed',
      BestTrainingJob: {
        TrainingJobName: 'churn-hpo-012',
        TrainingJobArn: 'arn:x',
        CreationTime: new Date(),
        TrainingJobStatus: 'Completed',
        TunedHyperParameters: {}
      }
    } as never)
    sm.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-hpo-012' }).resolves(
      trainingJob({
        TrainingJobName: 'churn-hpo-012',
        ModelArtifacts: { S3ModelArtifacts: 's3://acme-models/churn-hpo-012/model.tar.gz' }
      })
    )
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const { ctx, summaries } = fakeContext()
    await runRegister(
      ctx,
      registerSettings({ source: { kind: 'tuning-job', tuningJobName: 'churn-hpo' } })
    )
    const input = createInput()
    expect(input.InferenceSpecification?.Containers?.[0]?.ModelDataUrl).toBe(
      's3://acme-models/churn-hpo-012/model.tar.gz'
    )
    expect(input.CustomerMetadataProperties).toMatchObject({
      'source:training-job': 'churn-hpo-012',
      'source:tuning-job': 'churn-hpo',
      'metric:validation:auc': '0.9'
    })
    expect(summaries[0]).toContain('tuning job churn-hpo \\(best: churn-hpo-012\\)')
  })

  it.each([
    [
      'a training job that is not Completed',
      { TrainingJobStatus: 'Failed', FailureReason: 'OOM' } as const,
      'Input "training-job-name": training job "churn-train-7" is Failed: OOM; only a Completed job can be registered.'
    ],
    [
      'an algorithm resource without a training image',
      { AlgorithmSpecification: { AlgorithmName: 'arn:algo', TrainingInputMode: 'File' } } as const,
      'Input "image-uri" is required: training job "churn-train-7" ran algorithm resource "arn:algo"'
    ]
  ])('fails on %s before any mutating call', async (_label, fields, message) => {
    sm.on(DescribeTrainingJobCommand).resolves(
      trainingJob(fields as Partial<DescribeTrainingJobCommandOutput>)
    )
    groupExists()
    const { ctx } = fakeContext()
    await expect(
      runRegister(
        ctx,
        registerSettings({ source: { kind: 'training-job', trainingJobName: 'churn-train-7' } })
      )
    ).rejects.toThrow(message)
    expectNoMutation()
    expect(sm).not.toHaveReceivedCommand(DescribeModelPackageGroupCommand)
  })

  it('names tuning-job-name when the tuning job is still running', async () => {
    sm.on(DescribeHyperParameterTuningJobCommand).resolves({
      HyperParameterTuningJobName: 'churn-hpo',
      HyperParameterTuningJobStatus: 'InProgress'
    } as never)
    const { ctx } = fakeContext()
    await expect(
      runRegister(
        ctx,
        registerSettings({ source: { kind: 'tuning-job', tuningJobName: 'churn-hpo' } })
      )
    ).rejects.toThrow('Input "tuning-job-name": tuning job "churn-hpo" is InProgress')
    expectNoMutation()
  })

  it('names training-job-name when the job does not exist', async () => {
    sm.on(DescribeTrainingJobCommand).rejects(
      Object.assign(new Error('Requested resource not found.'), { name: 'ResourceNotFound' })
    )
    const { ctx } = fakeContext()
    await expect(
      runRegister(
        ctx,
        registerSettings({ source: { kind: 'training-job', trainingJobName: 'nope' } })
      )
    ).rejects.toThrow(
      'Input "training-job-name": training job "nope" could not be read (ResourceNotFound: Requested resource not found.)'
    )
    expectNoMutation()
  })
})

describe('register: bad input fails before any call', () => {
  it.each([
    [
      'a missing metrics file',
      { metricsFile: join(FIXTURES, 'missing.json') },
      'Input "metrics-file": cannot read'
    ],
    [
      'a NaN metric',
      { metricsFile: join(FIXTURES, 'nan-metric.json') },
      'Input "metrics-file": metric "mse" has value NaN'
    ],
    [
      'an unknown metrics shape',
      { metricsFile: join(FIXTURES, 'unknown-shape.json') },
      'Input "metrics-file": unknown shape'
    ],
    [
      'a malformed metrics-s3-uri',
      { metricsS3Uri: 'https://bucket/x' },
      'Input "metrics-s3-uri" must be an S3 URI'
    ],
    [
      'a customer-metadata key the action owns',
      { customerMetadata: { 'metric:auc': '0.99' } },
      'Input "customer-metadata": "metric:auc" uses a prefix this action writes itself'
    ],
    [
      'too many customer-metadata entries',
      {
        customerMetadata: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, 'v']))
      },
      'Input "customer-metadata" does not fit SageMaker\'s limits (at most 41 entries'
    ],
    [
      'a customer-metadata value over 256 characters',
      { customerMetadata: { note: 'x'.repeat(257) } },
      'note: value is 257 characters, the limit is 256'
    ],
    [
      'customer-metadata characters SageMaker refuses',
      { customerMetadata: { note: 'a,b' } },
      'note: contains characters outside'
    ]
  ])('%s', async (_label, register, message) => {
    const { ctx } = fakeContext()
    await expect(runRegister(ctx, registerSettings(register))).rejects.toThrow(message)
    expect(sm.calls()).toHaveLength(0)
    expect(s3.calls()).toHaveLength(0)
  })
})

describe('register: waiting', () => {
  it('fails with the status details when the package fails', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1, {
      status: 'Failed',
      details: {
        ValidationStatuses: [
          { Name: 'churn', Status: 'Failed', FailureReason: 'image not found in ECR' }
        ]
      }
    })
    const { ctx, outputs } = fakeContext()
    await expect(runRegister(ctx, registerSettings())).rejects.toThrow(
      `Model package ${pkgArn(1)} failed: churn: Failed (image not found in ECR).`
    )
    expect(outputs.size).toBe(0)
  })

  it('backs off from 2 s to 10 s and gives up after the bound', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1, { status: 'InProgress' })
    const { ctx, sleeps } = fakeContext()
    await expect(runRegister(ctx, registerSettings())).rejects.toThrow(
      `Model package ${pkgArn(1)} was still InProgress after 900 s`
    )
    expect(sleeps.slice(0, 6)).toEqual([2000, 3000, 4500, 6750, 10000, 10000])
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(900000)
  })
})

describe('register: dry run', () => {
  it('prints the group creation and the exact request, and makes no mutating call', async () => {
    groupMissing()
    const { ctx, infos, outputs, summaries } = fakeContext()
    await runRegister(
      ctx,
      registerSettings(
        {
          groupDescription: 'Churn models',
          metricsFile: join(FIXTURES, 'model-quality-statistics.json'),
          metricsS3Uri: 's3://acme-metrics/registry'
        },
        { dryRun: true }
      )
    )
    expectNoMutation()
    expect(sm).not.toHaveReceivedCommand(ListModelPackagesCommand)
    const groupInfo = infos.find(i => i.includes('CreateModelPackageGroup')) ?? ''
    expect(JSON.parse(groupInfo.slice(groupInfo.indexOf('{')))).toEqual({
      ModelPackageGroupName: 'churn',
      ModelPackageGroupDescription: 'Churn models'
    })
    const requestInfo =
      infos.find(i => i.startsWith('Dry run: would call CreateModelPackage with:')) ?? ''
    const request = JSON.parse(requestInfo.slice(requestInfo.indexOf('{')))
    expect(request.ClientToken).toBe(tokenOf(FINGERPRINT, request))
    expect(request.CustomerMetadataProperties['metric:auc']).toBe('0.9412')
    const uploadInfo = infos.find(i => i.includes('would upload')) ?? ''
    const body = uploadInfo.slice(uploadInfo.indexOf('{'))
    expect(request.ModelMetrics.ModelQuality.Statistics.ContentDigest).toBe(
      `sha256:${sha256(body)}`
    )
    expect(Object.fromEntries(outputs)).toEqual({
      created: false,
      'approval-status': 'PendingManualApproval'
    })
    expect(summaries[0]).toContain('dry run')
  })

  it('reports an existing registration without touching it', async () => {
    groupExists()
    listed(1)
    described(1, { metadata: { 'register:fingerprint': FINGERPRINT } })
    const { ctx, outputs } = fakeContext()
    await runRegister(ctx, registerSettings({}, { dryRun: true }))
    expectNoMutation()
    expect(outputs.get('model-package-version')).toBe(1)
    expect(outputs.get('created')).toBe(false)
  })
})

describe('register: summary', () => {
  it('escapes untrusted text', async () => {
    groupExists()
    listed()
    sm.on(CreateModelPackageCommand).resolves({ ModelPackageArn: pkgArn(1) })
    described(1)
    const file = join(workDir(), 'markup-metric.json')
    await writeFile(file, JSON.stringify({ '<img src=x>|@admin': 0.5 }))
    const { ctx, summaries } = fakeContext()
    await runRegister(ctx, registerSettings({ metricsFile: file }))
    const md = summaries[0] ?? ''
    expect(md).not.toContain('<img')
    expect(md).not.toContain('@admin')
    expect(md).toContain('&lt;img')
  })
})
