// Seeded training and tuning jobs, and batch transform jobs that read and write S3.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  CreateTransformJobCommand,
  type CreateTransformJobCommandInput,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListTrainingJobsCommand,
  StopTransformJobCommand
} from '@aws-sdk/client-sagemaker'
import {
  ACCOUNT,
  approvedModel,
  expectAwsError,
  linear,
  REGION,
  useHarness,
  waitFor
} from './helpers.ts'

const h = useHarness({ transformJobMs: 60 })

describe('training and tuning jobs', () => {
  const trainingJob = {
    TrainingJobName: 'xgb-2026-11-26',
    TrainingJobStatus: 'Completed',
    HyperParameters: { max_depth: '5', eta: '0.2' },
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File'
    },
    InputDataConfig: [
      {
        ChannelName: 'train',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/train/' } }
      }
    ],
    ModelArtifacts: { S3ModelArtifacts: 's3://models/xgb/output/model.tar.gz' },
    FinalMetricDataList: [
      { MetricName: 'validation:auc', Value: 0.91, Timestamp: '2026-11-26T10:00:00Z' },
      { MetricName: 'validation:logloss', Value: 0.31, Timestamp: 1795000000 }
    ],
    CreationTime: '2026-11-26T09:00:00Z',
    TrainingEndTime: '2026-11-26T10:00:00Z'
  }

  it('describes a seeded training job with its metrics and timestamps as Dates', async () => {
    const result = h.emu.seed({ region: REGION, trainingJobs: [trainingJob] })
    expect(result.trainingJobs).toBe(1)
    const d = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgb-2026-11-26' }))
    expect(d.TrainingJobArn).toBe(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/xgb-2026-11-26`
    )
    expect(d.HyperParameters).toEqual({ max_depth: '5', eta: '0.2' })
    expect(d.FinalMetricDataList?.map(m => [m.MetricName, m.Value])).toEqual([
      ['validation:auc', 0.91],
      ['validation:logloss', 0.31]
    ])
    expect(d.FinalMetricDataList?.[0]?.Timestamp?.toISOString()).toBe('2026-11-26T10:00:00.000Z')
    expect(d.FinalMetricDataList?.[1]?.Timestamp?.getTime()).toBe(1795000000 * 1000)
    expect(d.CreationTime?.toISOString()).toBe('2026-11-26T09:00:00.000Z')
    expect(d.ModelArtifacts?.S3ModelArtifacts).toBe('s3://models/xgb/output/model.tar.gz')
    expect(d.InputDataConfig?.[0]?.ChannelName).toBe('train')
    expect(d.AlgorithmSpecification?.TrainingInputMode).toBe('File')
    const list = await h.sm.send(new ListTrainingJobsCommand({ NameContains: 'xgb' }))
    expect(list.TrainingJobSummaries?.map(j => j.TrainingJobName)).toEqual(['xgb-2026-11-26'])
  })

  it('answers a missing training job with ValidationException and a missing tuning job with ResourceNotFound', async () => {
    await expectAwsError(
      h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'nope' })),
      'ValidationException',
      400,
      /^Requested resource not found\.$/
    )
    await expectAwsError(
      h.sm.send(
        new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' })
      ),
      'ResourceNotFound'
    )
  })

  it('describes a seeded tuning job with its best training job', async () => {
    h.emu.seed({
      tuningJobs: [
        {
          HyperParameterTuningJobName: 'hpo-1',
          BestTrainingJob: {
            TrainingJobName: 'hpo-1-003-abc',
            TunedHyperParameters: { eta: '0.1' },
            FinalHyperParameterTuningJobObjectiveMetric: {
              MetricName: 'validation:auc',
              Value: 0.93
            },
            CreationTime: '2026-11-26T08:00:00Z',
            TrainingJobStatus: 'Completed'
          }
        }
      ]
    })
    const d = await h.sm.send(
      new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo-1' })
    )
    expect(d.HyperParameterTuningJobStatus).toBe('Completed')
    expect(d.HyperParameterTuningJobArn).toBe(
      `arn:aws:sagemaker:us-east-1:${ACCOUNT}:hyper-parameter-tuning-job/hpo-1`
    )
    expect(d.BestTrainingJob?.TrainingJobName).toBe('hpo-1-003-abc')
    expect(d.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric?.Value).toBe(0.93)
    expect(d.BestTrainingJob?.CreationTime?.toISOString()).toBe('2026-11-26T08:00:00.000Z')
  })

  it('rejects a malformed seed', () => {
    expect(() => h.emu.seed({ trainingJobs: [{ TrainingJobName: 'bad name!' }] })).toThrow(
      /TrainingJobName must match/
    )
  })
})

describe('transform jobs', () => {
  const job = (
    name: string,
    model = 'scorer',
    extra: Partial<CreateTransformJobCommandInput> = {}
  ): CreateTransformJobCommandInput => ({
    TransformJobName: name,
    ModelName: model,
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/batch/' } },
      ContentType: 'text/csv',
      SplitType: 'Line'
    },
    TransformOutput: { S3OutputPath: 's3://data/out', AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
    ...extra
  })
  const describeJob = (name: string) =>
    h.sm.send(new DescribeTransformJobCommand({ TransformJobName: name }))

  beforeEach(async () => {
    await h.s3.send(
      new PutObjectCommand({ Bucket: 'data', Key: 'batch/part-1.csv', Body: '1,1\n2,0\n' })
    )
    await h.s3.send(
      new PutObjectCommand({ Bucket: 'data', Key: 'batch/nested/part-2.csv', Body: '0,0\n' })
    )
  })

  it('InProgress -> Completed, writing <key>.out under the output path', async () => {
    await approvedModel(h, 'scorer', linear('regression', [2, 3], -1))
    const { TransformJobArn } = await h.sm.send(new CreateTransformJobCommand(job('batch-1')))
    expect(TransformJobArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:transform-job/batch-1`)
    expect((await describeJob('batch-1')).TransformJobStatus).toBe('InProgress')
    const done = await waitFor(
      () => describeJob('batch-1'),
      r => r.TransformJobStatus !== 'InProgress'
    )
    expect(done.TransformJobStatus).toBe('Completed')
    expect(done.TransformEndTime).toBeInstanceOf(Date)
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'out/' }))
    expect(listed.Contents?.map(o => o.Key)).toEqual([
      'out/nested/part-2.csv.out',
      'out/part-1.csv.out'
    ])
    const out = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'out/part-1.csv.out' }))
    expect(await out.Body!.transformToString()).toBe('4\n3\n')
  })

  it('fails with a FailureReason for a bad model, and for rows the model cannot score', async () => {
    await approvedModel(h, 'broken', JSON.stringify({ bad: true }))
    await h.sm.send(new CreateTransformJobCommand(job('bad-model', 'broken')))
    const failed = await waitFor(
      () => describeJob('bad-model'),
      r => r.TransformJobStatus !== 'InProgress'
    )
    expect(failed.TransformJobStatus).toBe('Failed')
    expect(failed.FailureReason).toMatch(/marked bad/)

    await approvedModel(h, 'wide', linear('regression', [1, 1, 1], 0))
    await h.sm.send(new CreateTransformJobCommand(job('bad-rows', 'wide')))
    const rows = await waitFor(
      () => describeJob('bad-rows'),
      r => r.TransformJobStatus !== 'InProgress'
    )
    expect(rows.TransformJobStatus).toBe('Failed')
    expect(rows.FailureReason).toMatch(/2 features, the model expects 3/)
  })

  it('fails when the input prefix is empty', async () => {
    await approvedModel(h, 'scorer', linear('regression', [2, 3], -1))
    await h.sm.send(
      new CreateTransformJobCommand(
        job('empty', 'scorer', {
          TransformInput: {
            DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/nothing/' } }
          }
        })
      )
    )
    const r = await waitFor(
      () => describeJob('empty'),
      x => x.TransformJobStatus !== 'InProgress'
    )
    expect(r.FailureReason).toMatch(/No S3 objects found under S3 URL "s3:\/\/data\/nothing\/"/)
  })

  it('stops: Stopping -> Stopped, and writes nothing', async () => {
    await approvedModel(h, 'scorer', linear('regression', [2, 3], -1))
    await h.sm.send(new CreateTransformJobCommand(job('stop-me')))
    await h.sm.send(new StopTransformJobCommand({ TransformJobName: 'stop-me' }))
    expect((await describeJob('stop-me')).TransformJobStatus).toBe('Stopping')
    const r = await waitFor(
      () => describeJob('stop-me'),
      x => x.TransformJobStatus === 'Stopped'
    )
    expect(r.TransformJobStatus).toBe('Stopped')
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'out/' }))
    expect(listed.KeyCount).toBe(0)
    await expectAwsError(
      h.sm.send(new StopTransformJobCommand({ TransformJobName: 'stop-me' })),
      'ValidationException'
    )
  })

  it('rejects a duplicate name (ResourceInUse), a missing model, and answers ResourceNotFound for unknown jobs', async () => {
    await approvedModel(h, 'scorer', linear('regression', [2, 3], -1))
    await h.sm.send(new CreateTransformJobCommand(job('dup')))
    await expectAwsError(
      h.sm.send(new CreateTransformJobCommand(job('dup'))),
      'ResourceInUse',
      400,
      /already exists/
    )
    await expectAwsError(
      h.sm.send(new CreateTransformJobCommand(job('other', 'ghost'))),
      'ValidationException',
      400,
      /Could not find model/
    )
    await expectAwsError(describeJob('ghost-job'), 'ResourceNotFound')
  })
})
