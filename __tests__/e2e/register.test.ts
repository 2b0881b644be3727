// `register` through dist/index.js on the emulator: idempotent re-runs, metrics in S3 and
// in metadata, provenance from the GitHub context, training and tuning job sources, and
// bad input that stops before any change.
import { describe, expect, it } from '@jest/globals'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { DescribeModelPackageCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker'
import { createHash } from 'node:crypto'
import type { Emulator } from '../../emulator/server.ts'
import {
  BUCKET,
  IMAGE,
  clients,
  explain,
  logisticModel,
  mutatingCalls,
  runOn,
  seedModel,
  writeJson,
  useEmulator
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const SHA1 = '1111111111111111111111111111111111111111'
const SHA2 = '2222222222222222222222222222222222222222'

function registerInputs(
  modelDataUrl: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    mode: 'register',
    'model-package-group': 'churn-model',
    'group-description': 'Churn classifier',
    'group-tags': 'team=ml\ncost-center=42',
    'model-data-url': modelDataUrl,
    'image-uri': IMAGE,
    'metrics-file': writeJson({ 'validation:auc': 0.91, 'validation:logloss': 0.32 }),
    'metrics-s3-uri': `s3://${BUCKET}/metrics`,
    description: 'weekly retrain',
    ...extra
  }
}

describe('register', () => {
  it('makes one version for three runs of one commit, and version 2 for a new commit', async () => {
    const url = seedModel(emulator, 'churn/model-1.json', logisticModel([0.5, -0.25]))
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await runOn(emulator, registerInputs(url), { sha: SHA1 }))
    for (const run of runs) expect(run.exitCode).toBe(0)
    expect(runs.map(r => r.outputs.created)).toEqual(['true', 'false', 'false'])
    expect(new Set(runs.map(r => r.outputs['model-package-arn'])).size).toBe(1)
    expect(runs[0]?.outputs['model-package-version']).toBe('1')
    expect(emulator.stats().operations.CreateModelPackage).toBe(1)
    expect(emulator.stats().operations.CreateModelPackageGroup).toBe(1)

    const second = await runOn(emulator, registerInputs(url), { sha: SHA2 })
    expect(second.exitCode).toBe(0)
    expect(second.outputs).toMatchObject({ created: 'true', 'model-package-version': '2' })
    expect(second.outputs['model-package-arn']).toMatch(/:model-package\/churn-model\/2$/)

    const { sagemaker } = clients(emulator)
    const listed = await sagemaker.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: 'churn-model',
        ModelPackageType: 'Versioned'
      })
    )
    expect(listed.ModelPackageSummaryList?.map(p => p.ModelPackageVersion)).toEqual([1, 2])
  })

  it('puts the metrics in S3 with a matching digest and mirrors them in customer metadata', async () => {
    const url = seedModel(emulator, 'churn/model-1.json', logisticModel([0.5]))
    const run = await runOn(emulator, registerInputs(url), { sha: SHA1 })
    expect(run.exitCode).toBe(0)
    const { sagemaker, s3 } = clients(emulator)
    const pkg = await sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: run.outputs['model-package-arn'] })
    )
    expect(pkg.ModelPackageStatus).toBe('Completed')
    expect(pkg.ModelApprovalStatus).toBe('PendingManualApproval')
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'metric:validation:auc': '0.91',
      'metric:validation:logloss': '0.32'
    })
    const statistics = pkg.ModelMetrics?.ModelQuality?.Statistics
    expect(statistics?.S3Uri).toMatch(/^s3:\/\/models\/metrics\//)
    const [bucket, ...key] = (statistics?.S3Uri as string).slice('s3://'.length).split('/')
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key.join('/') }))
    const body = await object.Body?.transformToString('utf-8')
    expect(statistics?.ContentDigest).toBe(
      `sha256:${createHash('sha256')
        .update(body as string)
        .digest('hex')}`
    )
    expect(JSON.stringify(JSON.parse(body as string))).toContain('validation:auc')
  })

  it('records provenance from the GitHub context', async () => {
    const url = seedModel(emulator, 'churn/model-1.json', logisticModel([0.5]))
    const run = await runOn(emulator, registerInputs(url, { 'project-id': 'p-abc123' }), {
      sha: SHA1,
      event: { name: 'pull_request', payload: { pull_request: { number: 17 } } },
      env: { GITHUB_REF: 'refs/pull/17/merge', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '3' }
    })
    expect(run.exitCode).toBe(0)
    const pkg = await clients(emulator).sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: run.outputs['model-package-arn'] })
    )
    expect(pkg.MetadataProperties).toEqual({
      CommitId: SHA1,
      Repository: 'https://github.example.test/acme/churn-model',
      GeneratedBy: 'https://github.example.test/acme/churn-model/actions/runs/4242',
      ProjectId: 'p-abc123'
    })
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'github:pr': '17',
      'github:ref': 'refs/pull/17/merge',
      'github:actor': 'octocat',
      'github:run-id': '4242',
      'github:run-attempt': '3'
    })
    expect(run.summary).toContain('churn-model')
  })

  it('registers the artifact, image and final metrics of a training job, and of a tuning job’s best job', async () => {
    const artifact = seedModel(emulator, 'jobs/train-7/output/model.json', logisticModel([1, 2]))
    const best = seedModel(emulator, 'jobs/tune-3-best/output/model.json', logisticModel([2, 1]))
    const job = (name: string, modelData: string, auc: number) => ({
      TrainingJobName: name,
      TrainingJobStatus: 'Completed',
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      ModelArtifacts: { S3ModelArtifacts: modelData },
      HyperParameters: { max_depth: '5', eta: '0.2' },
      FinalMetricDataList: [{ MetricName: 'validation:auc', Value: auc, Timestamp: 1767225600 }],
      RoleArn: 'arn:aws:iam::123456789012:role/train',
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/train/' } }
        }
      ]
    })
    emulator.seed({
      trainingJobs: [job('train-7', artifact, 0.88), job('tune-3-best', best, 0.93)],
      tuningJobs: [
        {
          HyperParameterTuningJobName: 'tune-3',
          HyperParameterTuningJobStatus: 'Completed',
          BestTrainingJob: { TrainingJobName: 'tune-3-best', TrainingJobStatus: 'Completed' }
        }
      ]
    })
    const { sagemaker } = clients(emulator)
    const fromJob = await runOn(
      emulator,
      { mode: 'register', 'model-package-group': 'churn-model', 'training-job-name': 'train-7' },
      { sha: SHA1 }
    )
    if (fromJob.exitCode !== 0) throw new Error(explain(fromJob))
    const pkg = await sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: fromJob.outputs['model-package-arn'] })
    )
    expect(pkg.InferenceSpecification?.Containers?.[0]).toMatchObject({
      Image: IMAGE,
      ModelDataUrl: artifact
    })
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'metric:validation:auc': '0.88',
      'hp:max_depth': '5'
    })

    const fromTuning = await runOn(
      emulator,
      { mode: 'register', 'model-package-group': 'churn-model', 'tuning-job-name': 'tune-3' },
      { sha: SHA1 }
    )
    expect(fromTuning.exitCode).toBe(0)
    const tuned = await sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: fromTuning.outputs['model-package-arn'] })
    )
    expect(tuned.InferenceSpecification?.Containers?.[0]?.ModelDataUrl).toBe(best)
    expect(tuned.CustomerMetadataProperties).toMatchObject({ 'metric:validation:auc': '0.93' })
  })

  describe('bad input exits 1, names the input and changes nothing', () => {
    const url = `s3://${BUCKET}/churn/model-1.json`
    const cases: [string, Record<string, string>, RegExp][] = [
      ['bad group name', { 'model-package-group': 'bad_name!' }, /model-package-group/],
      ['two sources', { 'training-job-name': 'train-7' }, /training-job-name/],
      ['metrics file missing', { 'metrics-file': '/nonexistent/metrics.json' }, /metrics-file/],
      ['NaN metric', { 'metrics-file': 'NAN' }, /metrics-file/],
      [
        'instance type not in the enum',
        { 'inference-instances': 'ml.banana.large' },
        /inference-instances/
      ],
      [
        'metadata over the limits',
        { 'customer-metadata': `owner=${'x'.repeat(300)}` },
        /customer-metadata/
      ]
    ]
    it.each(cases)('%s', async (_name, override, input) => {
      seedModel(emulator, 'churn/model-1.json', logisticModel([0.5]))
      const nanFile = writeJson({}).replace(/metrics\.json$/, 'nan.json')
      if (override['metrics-file'] === 'NAN') {
        const { writeFileSync } = await import('node:fs')
        writeFileSync(nanFile, '{"validation:auc": NaN}')
        override = { ...override, 'metrics-file': nanFile }
      }
      const run = await runOn(emulator, { ...registerInputs(url), ...override }, { sha: SHA1 })
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toMatch(input)
      expect(mutatingCalls(emulator)).toEqual({})
      expect(emulator.stats().s3.PutObject ?? 0).toBe(0)
      if (run.exitCode !== 1) throw new Error(explain(run))
    })
  })
})
