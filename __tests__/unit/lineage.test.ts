import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeHyperParameterTuningJobCommand,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
  ListAssociationsCommand,
  ListContextsCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  type DescribeModelPackageCommandOutput
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { churnPackageArn, fakeContext, useWorkDir } from '../../__fixtures__/context.js'
import { commonSettings } from '../../__fixtures__/register/settings.js'
import { runLineage } from '../../src/modes/lineage.js'
import { metadataStory } from '../../src/registry/lineage.js'
import type { SettingsOf } from '../../src/settings.js'

const sm = mockClient(SageMakerClient)
const arn = churnPackageArn
const CONTEXT_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:context/churn-7-abc'
const DATASET_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:artifact/0f1e2d'
const HOSTILE = 'Approved <script>alert(1)</script> by @octocat | [x](javascript:alert(1))'

const workDir = useWorkDir('lineage')
beforeEach(() => {
  sm.reset()
})

function settings(modelPackage?: number): SettingsOf<'lineage'> {
  return {
    ...commonSettings(),
    mode: 'lineage',
    report: {
      versions: [],
      modelPackage:
        modelPackage === undefined ? undefined : { kind: 'version', version: modelPackage }
    }
  }
}

function pkg(metadata: Record<string, string>): DescribeModelPackageCommandOutput {
  return {
    $metadata: {},
    ModelPackageName: 'churn',
    ModelPackageGroupName: 'churn',
    ModelPackageVersion: 7,
    ModelPackageArn: arn(7),
    ModelApprovalStatus: 'Approved',
    ApprovalDescription: HOSTILE,
    ModelPackageDescription: 'xgboost retrain',
    ModelPackageStatus: 'Completed',
    CreationTime: new Date('2026-02-01T10:00:00Z'),
    ModelPackageStatusDetails: { ValidationStatuses: [] },
    InferenceSpecification: {
      Containers: [
        {
          Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
          ModelDataUrl: 's3://models/churn/7/model.tar.gz'
        }
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
      SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large', 'ml.m5.xlarge'],
      SupportedTransformInstanceTypes: ['ml.m5.large']
    },
    ModelMetrics: {
      ModelQuality: {
        Statistics: { ContentType: 'application/json', S3Uri: 's3://models/churn/7/stats.json' }
      }
    },
    MetadataProperties: {
      CommitId: '0123456789abcdef',
      Repository: 'https://github.com/acme/churn-model',
      GeneratedBy: 'https://github.com/acme/churn-model/actions/runs/55'
    },
    CustomerMetadataProperties: metadata
  }
}

const METADATA = {
  'source:training-job': 'churn-train-7',
  'source:tuning-job': 'churn-hpo-2',
  'source:commit': '0123456789abcdef',
  'github:pr': '42',
  'github:actor': 'octocat',
  'gate:decision': 'pass',
  'gate:policy-sha256': 'ab'.repeat(32),
  'decision:actor': 'release-bot',
  'decision:reason': 'shipped',
  'deployed:churn-prod':
    '2026-02-02T00:00:00.000Z run https://github.com/acme/churn-model/actions/runs/56',
  'metric:validation:auc': '0.91',
  'hp:eta': '0.2',
  team: 'risk'
}

function mockJobs(): void {
  sm.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-train-7' }).resolves({
    TrainingJobName: 'churn-train-7',
    TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-train-7',
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { eta: '0.2', max_depth: '6' },
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File'
    },
    RoleArn: 'arn:aws:iam::123456789012:role/train',
    InputDataConfig: [
      {
        ChannelName: 'train',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/churn/train/' } },
        ContentType: 'text/csv'
      },
      {
        ChannelName: 'validation',
        DataSource: {
          S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/churn/validation/' }
        }
      }
    ],
    OutputDataConfig: { S3OutputPath: 's3://models/churn/' },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 30 },
    ModelArtifacts: { S3ModelArtifacts: 's3://models/churn/7/model.tar.gz' },
    StoppingCondition: {},
    CreationTime: new Date('2026-02-01T08:00:00Z'),
    TrainingStartTime: new Date('2026-02-01T08:02:00Z'),
    TrainingEndTime: new Date('2026-02-01T09:00:00Z'),
    TrainingTimeInSeconds: 3480,
    BillableTimeInSeconds: 3480,
    FinalMetricDataList: [
      { MetricName: 'validation:auc', Value: 0.91, Timestamp: new Date() },
      { MetricName: 'train:auc', Value: Number.NaN, Timestamp: new Date() }
    ]
  })
  sm.on(DescribeHyperParameterTuningJobCommand).resolves({
    HyperParameterTuningJobName: 'churn-hpo-2',
    HyperParameterTuningJobArn:
      'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-hpo-2',
    HyperParameterTuningJobStatus: 'Completed',
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
      ResourceLimits: { MaxParallelTrainingJobs: 2 }
    },
    TrainingJobStatusCounters: { Completed: 10, NonRetryableError: 1, InProgress: 0 },
    ObjectiveStatusCounters: {},
    BestTrainingJob: {
      TrainingJobName: 'churn-train-7',
      TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-train-7',
      CreationTime: new Date(),
      TrainingJobStatus: 'Completed',
      TunedHyperParameters: {},
      FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:auc', Value: 0.91 }
    },
    CreationTime: new Date('2026-02-01T07:00:00Z')
  })
}

function mockLineage(): void {
  sm.on(ListAssociationsCommand).resolves({ AssociationSummaries: [] })
  sm.on(ListAssociationsCommand, { DestinationArn: arn(7) }).resolves({
    AssociationSummaries: [
      {
        SourceArn: DATASET_ARN,
        SourceType: 'DataSet',
        DestinationArn: arn(7),
        DestinationType: 'ModelPackage',
        AssociationType: 'ContributedTo'
      }
    ]
  })
  sm.on(ListContextsCommand).resolves({
    ContextSummaries: [{ ContextArn: CONTEXT_ARN, ContextType: 'ModelPackage' }]
  })
  sm.on(ListAssociationsCommand, { SourceArn: CONTEXT_ARN }).resolves({
    AssociationSummaries: [
      {
        SourceArn: CONTEXT_ARN,
        SourceType: 'ModelPackage',
        DestinationArn: 'arn:aws:sagemaker:us-east-1:123456789012:context/churn-prod-endpoint',
        DestinationType: 'Endpoint',
        DestinationName: 'churn-prod',
        AssociationType: 'AssociatedWith'
      }
    ]
  })
}

function commandNames(): string[] {
  return sm.calls().map(call => (call.args[0] as object).constructor.name)
}

const READ_ONLY = /^(Describe|List|Get)/

/** The group's listing, where a version number's ARN comes from. */
function listVersion7(): void {
  sm.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      {
        ModelPackageArn: arn(7),
        ModelPackageVersion: 7,
        ModelPackageGroupName: 'churn',
        CreationTime: new Date(2026, 0, 7),
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: 'Approved'
      }
    ]
  })
}

describe('lineage mode', () => {
  it("tells a version's full story from the package, its jobs and lineage, and changes nothing", async () => {
    listVersion7()
    sm.on(DescribeModelPackageCommand, { ModelPackageName: arn(7) }).resolves(pkg(METADATA))
    mockJobs()
    mockLineage()
    const fake = fakeContext({ workDir: workDir() })

    expect(await runLineage(fake.ctx, settings(7))).toEqual({})

    expect(commandNames().every(name => READ_ONLY.test(name))).toBe(true)
    expect(sm).toHaveReceivedCommandWith(DescribeTrainingJobCommand, {
      TrainingJobName: 'churn-train-7'
    })
    expect(sm).toHaveReceivedCommandWith(DescribeHyperParameterTuningJobCommand, {
      HyperParameterTuningJobName: 'churn-hpo-2'
    })
    expect(sm).toHaveReceivedCommandWith(ListAssociationsCommand, { DestinationArn: arn(7) })
    expect(sm).toHaveReceivedCommandWith(ListAssociationsCommand, { SourceArn: arn(7) })
    expect(sm).toHaveReceivedCommandWith(ListContextsCommand, { SourceUri: arn(7) })
    expect(sm).toHaveReceivedCommandWith(ListAssociationsCommand, { DestinationArn: CONTEXT_ARN })

    const summary = fake.summaries[0]!
    expect(summary).toContain('## Lineage: churn v7')
    expect(summary).toContain('**approved** · registered 2026-02-01 10:00 UTC · us-east-1')
    expect(summary).toContain(
      '- **image:** 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'
    )
    expect(summary).toContain('- **model data:** s3://models/churn/7/model.tar.gz')
    expect(summary).toContain('- **realtime instance types:** ml.m5.large, ml.m5.xlarge')
    expect(summary).toContain(
      '- **statistics \\(ModelQuality.Statistics\\):** s3://models/churn/7/stats.json'
    )
    // Links are short: owner/name, a 7-character commit, #PR and the run number.
    expect(summary).toContain(
      '- **repository:** [acme/churn-model](https://github.com/acme/churn-model)'
    )
    expect(summary).toContain(
      '- **commit:** [0123456](https://github.com/acme/churn-model/commit/0123456789abcdef)'
    )
    expect(summary).toContain(
      '- **pull request:** [\\#42](https://github.com/acme/churn-model/pull/42)'
    )
    expect(summary).toContain(
      '- **workflow run:** [run 55](https://github.com/acme/churn-model/actions/runs/55)'
    )
    expect(summary).toContain('- **gate:decision:** pass')
    expect(summary).toContain('- **decision:actor:** release-bot')
    expect(summary).toContain(
      '- **churn-prod:** 2026-02-02T00:00:00.000Z run https://github.com/acme/churn-model/actions/runs/56'
    )
    expect(summary).toContain('| validation:auc | 0.91 |')
    expect(summary).toContain('### Training job churn-train-7')
    expect(summary).toContain('- **status:** completed\n')
    expect(summary).toContain('- **instances:** 2 × ml.m5.xlarge')
    expect(summary).toContain('| train | s3://data/churn/train/ | text/csv | — |')
    expect(summary).toContain('| max\\_depth | 6 |')
    expect(summary).toContain('- **training time:** 3480 s')
    expect(summary).toContain('### Tuning job churn-hpo-2')
    expect(summary).toContain('- **best objective value:** validation:auc 0.91')
    expect(summary).toContain('- **training jobs:** completed 10, non retryable error 1')
    expect(summary).toContain('| DataSet<br>arn:<wbr>aws:<wbr>sagemaker:<wbr>')
    expect(summary).toContain('Endpoint churn-prod')
    expect(summary).toContain('- **team:** risk')
    // No empty table header rows; each fact once.
    expect(summary).not.toMatch(/^\| +\| +\|$/m)
    expect(summary).not.toContain('hp:eta')
    expect(summary).not.toContain('Completed (Completed)')
    expect(summary.match(/0\.91\b/g)).toHaveLength(2) // the metric, and the tuning objective
    expect(summary.match(/sagemaker-xgboost:1\.7-1/g)).toHaveLength(2) // package and training image
    expect(summary.match(/0123456789abcdef/g)).toHaveLength(1) // in the commit link only
    // The hostile approval description is text: no tag, no link, no mention, one line, whole.
    expect(summary).not.toContain('<script>')
    expect(summary).not.toContain('](javascript')
    expect(summary).not.toMatch(/@octocat/)
    const line = summary.split('\n').find(l => l.startsWith('- **approval description:**'))!
    expect(line).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)')

    expect(fake.outputs.get('model-package-arn')).toBe(arn(7))
    expect(fake.outputs.get('model-package-version')).toBe(7)
    expect(fake.outputs.get('approval-status')).toBe('Approved')
    const path = fake.outputs.get('report-path') as string
    expect(path).toBe(join(workDir(), 'sagemaker-model-gate-churn-v7-lineage.json'))
    const json = JSON.parse(await readFile(path, 'utf8'))
    expect(json.schema).toBe('sagemaker-model-gate/lineage-report@1')
    expect(json.package.approvalDescription).toBe(HOSTILE)
    expect(json.trainingJob.inputs).toEqual([
      { channel: 'train', uri: 's3://data/churn/train/', contentType: 'text/csv' },
      { channel: 'validation', uri: 's3://data/churn/validation/' }
    ])
    // A NaN final metric carries nothing and is left out.
    expect(json.trainingJob.finalMetrics).toEqual([{ name: 'validation:auc', value: 0.91 }])
    expect(json.metadata.deployments).toEqual({ 'churn-prod': METADATA['deployed:churn-prod'] })
    expect(json.associations).toHaveLength(2)
    expect(json.associations[1].via).toBe(CONTEXT_ARN)
    expect(json.notes).toEqual([])
  })

  it('defaults to the newest version, with one ListModelPackages call', async () => {
    sm.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: [
        {
          ModelPackageArn: arn(7),
          ModelPackageVersion: 7,
          ModelPackageGroupName: 'churn',
          CreationTime: new Date(),
          ModelPackageStatus: 'Completed'
        }
      ]
    })
    sm.on(DescribeModelPackageCommand).resolves(pkg({ 'github:pr': '9' }))
    sm.on(ListAssociationsCommand).resolves({})
    sm.on(ListContextsCommand).resolves({})
    const fake = fakeContext({ workDir: workDir() })

    await runLineage(fake.ctx, settings())

    expect(sm).toHaveReceivedCommandTimes(ListModelPackagesCommand, 1)
    expect(sm).toHaveReceivedCommandWith(ListModelPackagesCommand, {
      ModelPackageGroupName: 'churn',
      SortOrder: 'Descending',
      MaxResults: 1
    })
    expect(sm).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 0)
    expect(fake.summaries[0]).toContain('No training or tuning job is recorded on this version')
  })

  it('refuses an empty group with a message that says so', async () => {
    sm.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] })
    const fake = fakeContext({ workDir: workDir() })
    await expect(runLineage(fake.ctx, settings())).rejects.toThrow(/Group "churn" has no versions/)
  })

  it('keeps the report when the training job or lineage cannot be read, and says why', async () => {
    listVersion7()
    sm.on(DescribeModelPackageCommand).resolves(pkg({ 'source:training-job': 'gone-job' }))
    sm.on(DescribeTrainingJobCommand).rejects(
      Object.assign(new Error('Requested resource not found.'), { name: 'ResourceNotFound' })
    )
    sm.on(ListAssociationsCommand).rejects(
      Object.assign(new Error('not authorized to perform sagemaker:ListAssociations'), {
        name: 'AccessDeniedException'
      })
    )
    const fake = fakeContext({ workDir: workDir() })

    expect(await runLineage(fake.ctx, settings(7))).toEqual({})

    const summary = fake.summaries[0]!
    expect(summary).toContain('### Notes')
    expect(summary).toContain(
      '- Training job &quot;gone-job&quot; could not be read \\(ResourceNotFound: Requested resource not found.\\).'
    )
    expect(summary).toContain('- Lineage associations could not be read \\(AccessDeniedException')
    expect(summary).toContain('- **training job:** gone-job')
    expect(fake.infos.some(line => line.includes('gone-job'))).toBe(true)
  })
})

describe('metadataStory', () => {
  it('sorts customer metadata by the convention that wrote it', () => {
    const story = metadataStory({
      ...METADATA,
      'metric:broken': 'n/a',
      'register:fingerprint': 'f00'
    })
    expect(story.provenance).toEqual({
      'github:actor': 'octocat',
      'github:pr': '42',
      'register:fingerprint': 'f00',
      'source:commit': '0123456789abcdef',
      'source:training-job': 'churn-train-7',
      'source:tuning-job': 'churn-hpo-2'
    })
    expect(story.gate).toEqual({ 'gate:decision': 'pass', 'gate:policy-sha256': 'ab'.repeat(32) })
    expect(story.decision).toEqual({
      'decision:actor': 'release-bot',
      'decision:reason': 'shipped'
    })
    expect(Object.keys(story.deployments)).toEqual(['churn-prod'])
    expect(story.metrics).toEqual({ 'validation:auc': 0.91 })
    expect(story.hyperParameters).toEqual({ eta: '0.2' })
    // An unparseable metric is still shown as written, under the other entries.
    expect(story.other).toEqual({ 'metric:broken': 'n/a', team: 'risk' })
  })
})
