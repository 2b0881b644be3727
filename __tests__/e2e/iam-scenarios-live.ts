// The gate with validation-data in the least-privilege suite: the candidate and the
// champion served on temporary endpoints, or run as transform jobs, on a holdout file or
// on holdout data in S3, with registry metrics read from S3 statistics or a training job
// beside the live ones (the live policies are the gate's plus what live evaluation needs),
// and the post step of a cancelled run stopping a transform job and deleting a model.
import { createHash } from 'node:crypto'
import { CreateModelCommand, CreateTransformJobCommand } from '@aws-sdk/client-sagemaker'
import { expect } from '@jest/globals'
import type { Emulator } from '../../emulator/server.ts'
import { PROVENANCE_KEYS } from '../../src/registry/provenance.js'
import { binaryRows, csvText, leftovers, writeTemp } from '../unit/live/support.js'
import { BUCKET, GROUP, ROLE, TRAINING_JOB, seedJobs, type Scenario } from './iam-scenarios.js'
import { IMAGE, clients, logisticModel } from './support.js'

const DATA = csvText(binaryRows(300, 11))
const DATA_KEY = 'churn/validation/holdout.csv'
const WORK = `s3://${BUCKET}/churn/live`
const STATISTICS_KEY = 'churn/metrics/v2/statistics.json'

/** Where the versions' registry metrics are, beside what live evaluation measures. */
type Registry = 'statistics' | 'training-job'

/**
 * v1 (Approved, a weak model) and v2 (pending, the true one), both serving two features;
 * v2's registry metrics are in S3 statistics or on its training job.
 */
function versions(emulator: Emulator, registry: Registry): void {
  seedJobs(emulator)
  const statistics = JSON.stringify({ 'validation:auc': 0.91 })
  emulator.seed({
    s3Objects: [
      { bucket: BUCKET, key: 'churn/live-v1.json', body: JSON.stringify(logisticModel([0.4, 0])) },
      {
        bucket: BUCKET,
        key: 'churn/live-v2.json',
        body: JSON.stringify(logisticModel([1.5, -1]))
      },
      { bucket: BUCKET, key: STATISTICS_KEY, body: statistics }
    ]
  })
  const spec = (i: number) => ({
    Containers: [{ Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/churn/live-v${i}.json` }],
    SupportedContentTypes: ['text/csv'],
    SupportedResponseMIMETypes: ['text/csv'],
    SupportedTransformInstanceTypes: ['ml.m5.large'],
    SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large']
  })
  emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: 'Approved',
        InferenceSpecification: spec(1),
        CustomerMetadataProperties: {
          'metric:validation:auc': '0.88',
          'metric:validation:logloss': '0.35'
        }
      },
      {
        ModelPackageGroupName: GROUP,
        ModelApprovalStatus: 'PendingManualApproval',
        InferenceSpecification: spec(2),
        ...(registry === 'statistics'
          ? {
              ModelMetrics: {
                ModelQuality: {
                  Statistics: {
                    ContentType: 'application/json',
                    S3Uri: `s3://${BUCKET}/${STATISTICS_KEY}`,
                    ContentDigest: `sha256:${createHash('sha256').update(statistics).digest('hex')}`
                  }
                }
              }
            }
          : { CustomerMetadataProperties: { [PROVENANCE_KEYS.trainingJob]: TRAINING_JOB } })
      }
    ]
  })
}

const THRESHOLDS: Record<Registry, string> = {
  statistics: 'validation:auc >= 0.85',
  'training-job': 'validation:logloss <= 0.4'
}

function gate(
  method: 'endpoint' | 'batch-transform',
  data: 'file' | 's3',
  registry: Registry
): Record<string, string> {
  return {
    mode: 'gate',
    'model-package-group': GROUP,
    'model-package': '2',
    'validation-data':
      data === 'file' ? writeTemp('holdout.csv', DATA) : `s3://${BUCKET}/${DATA_KEY}`,
    'validation-method': method,
    ...(method === 'batch-transform' ? { 'work-s3-uri': WORK } : {}),
    'execution-role-arn': ROLE,
    thresholds: `${THRESHOLDS[registry]}\nlive:auc >= 0.6`,
    'max-regression': 'live:auc -0.01',
    'on-pass': 'Approved'
  }
}

function seedData(emulator: Emulator): void {
  emulator.seed({ s3Objects: [{ bucket: BUCKET, key: DATA_KEY, body: DATA }] })
}

/** Nothing temporary is left: no model, config or endpoint, no running transform job. */
async function nothingLeft(emulator: Emulator): Promise<void> {
  expect(await leftovers(clients(emulator).sagemaker)).toEqual({
    models: [],
    endpointConfigs: [],
    endpoints: [],
    runningJobs: []
  })
}

const CANCELLED = 'gate-1001-1-0a1b2c-candidate'

/**
 * A run cancelled while its candidate's transform job ran: the model and the job exist
 * and are recorded in the step's state, for the post step.
 */
async function cancelledTransform(emulator: Emulator): Promise<void> {
  versions(emulator, 'statistics')
  seedData(emulator)
  emulator.setDelays({ transformJobMs: 3600000 })
  const { sagemaker } = clients(emulator)
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: CANCELLED,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/churn/live-v2.json` }
    })
  )
  await sagemaker.send(
    new CreateTransformJobCommand({
      TransformJobName: CANCELLED,
      ModelName: CANCELLED,
      TransformInput: {
        DataSource: {
          S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/${DATA_KEY}` }
        },
        ContentType: 'text/csv',
        SplitType: 'Line'
      },
      TransformOutput: { S3OutputPath: `${WORK}/${CANCELLED}/output/` },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 }
    })
  )
}

/**
 * The same gate run again in its workflow run (a re-run of the job): the audit action the
 * first attempt recorded is found, its associations read, and it is updated to this one.
 */
function reRun(method: 'endpoint' | 'batch-transform'): Scenario {
  return {
    name: `a re-run of the workflow run gates again and updates the audit action it recorded (${method})`,
    setup: async (emulator, run) => {
      versions(emulator, 'statistics')
      seedData(emulator)
      await run(gate(method, 's3', 'statistics'))
    },
    inputs: gate(method, 's3', 'statistics'),
    check: async (emulator, run) => {
      expect(run.stdout).toMatch(/Audit trail: updated arn:aws:sagemaker:[^ ]+:action\/smg-gate-/)
      await nothingLeft(emulator)
    }
  }
}

export const LIVE_SCENARIOS: Record<string, Scenario[]> = {
  'gate-live-endpoint': [
    {
      name: 'gates v2 against v1 on temporary endpoints with a holdout file, statistics in S3',
      setup: async emulator => versions(emulator, 'statistics'),
      inputs: gate('endpoint', 'file', 'statistics'),
      check: nothingLeft
    },
    {
      name: 'gates v2 against v1 on temporary endpoints with holdout data in S3, metrics on the training job',
      setup: async emulator => {
        versions(emulator, 'training-job')
        seedData(emulator)
      },
      inputs: gate('endpoint', 's3', 'training-job'),
      check: nothingLeft
    },
    reRun('endpoint')
  ],
  'gate-live-batch-transform': [
    {
      name: 'gates v2 against v1 with transform jobs on a holdout file it uploads, statistics in S3',
      setup: async emulator => versions(emulator, 'statistics'),
      inputs: gate('batch-transform', 'file', 'statistics'),
      check: nothingLeft
    },
    {
      name: 'gates v2 against v1 with transform jobs on holdout data in S3, metrics on the training job',
      setup: async emulator => {
        versions(emulator, 'training-job')
        seedData(emulator)
      },
      inputs: gate('batch-transform', 's3', 'training-job'),
      check: nothingLeft
    },
    {
      name: 'the post step of a cancelled run stops its transform job and deletes its model',
      setup: cancelledTransform,
      inputs: gate('batch-transform', 's3', 'statistics'),
      state: {
        isPost: 'true',
        'temporary-resources': JSON.stringify([
          { kind: 'model', name: CANCELLED, region: 'us-east-1' },
          { kind: 'transform-job', name: CANCELLED, region: 'us-east-1' }
        ])
      },
      check: nothingLeft
    },
    reRun('batch-transform')
  ]
}
