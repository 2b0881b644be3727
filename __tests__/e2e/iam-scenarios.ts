// What each mode does in the least-privilege suite: the state a run starts from (built
// without any policy) and the inputs of the run that the mode's documented policy must
// allow. Names match the examples in docs/iam/*.json, so the documented policies apply
// unchanged.
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from './harness.js'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeModelPackageCommand,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { PROVENANCE_KEYS } from '../../src/registry/provenance.js'
import { IMAGE, clients, logisticModel, writeJson } from './support.js'

export const GROUP = 'churn-model'
export const ENDPOINT = 'churn-prod'
export const BUCKET = 'ml-artifacts'
export const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution'
export const TRAINING_JOB = 'churn-train-1'
export const TUNING_JOB = 'churn-tune-1'

export interface Scenario {
  /** What the run does, for test titles. */
  name: string
  /** Builds the starting state; `run` runs the action without a policy. */
  setup?: (emulator: Emulator, run: Run) => Promise<void>
  inputs: Record<string, string>
  /** The step's saved state, to run the post step instead of the main one. */
  state?: Record<string, string>
  /** Environment of the run under the policy, such as another workflow run than the setup's. */
  env?: Record<string, string>
  /** Warnings the run gives under its full policy for reasons other than permissions. */
  warnings?: RegExp[]
  /** What must hold after the run under the full policy, beyond a clean exit. */
  check?: (emulator: Emulator, run: ActionRun) => Promise<void>
}

export type Run = (inputs: Record<string, string>) => Promise<void>

const MODEL_KEY = 'churn/model.json'
const MODEL_URL = `s3://${BUCKET}/${MODEL_KEY}`

function seedArtifacts(emulator: Emulator): void {
  emulator.seed({
    s3Objects: [{ bucket: BUCKET, key: MODEL_KEY, body: JSON.stringify(logisticModel([0.5])) }]
  })
}

export function seedJobs(emulator: Emulator): void {
  seedArtifacts(emulator)
  const job = {
    TrainingJobName: TRAINING_JOB,
    TrainingJobStatus: 'Completed',
    AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
    ModelArtifacts: { S3ModelArtifacts: MODEL_URL },
    FinalMetricDataList: [{ MetricName: 'validation:logloss', Value: 0.3 }],
    HyperParameters: { max_depth: '5' }
  }
  emulator.seed({
    trainingJobs: [job, { ...job, TrainingJobName: `${TRAINING_JOB}-best` }],
    tuningJobs: [
      {
        HyperParameterTuningJobName: TUNING_JOB,
        HyperParameterTuningJobStatus: 'Completed',
        BestTrainingJob: { TrainingJobName: `${TRAINING_JOB}-best` }
      }
    ]
  })
}

function register(auc: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'register',
    'model-package-group': GROUP,
    'model-data-url': MODEL_URL,
    'image-uri': IMAGE,
    'metrics-file': writeJson({ 'validation:auc': auc }),
    'metrics-s3-uri': `s3://${BUCKET}/churn/metrics`,
    'group-tags': 'team=ml',
    ...extra
  }
}

/** Two versions, as seeded: v1 approved (auc 0.88), v2 pending (auc 0.91). */
async function twoVersions(emulator: Emulator): Promise<void> {
  seedArtifacts(emulator)
  emulator.seed({
    modelPackages: [0.88, 0.91].map((auc, i) => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: i === 0 ? 'Approved' : 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: MODEL_URL }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: { 'metric:validation:auc': String(auc) }
    }))
  })
}

const fromTrainingJob = { 'training-job-name': TRAINING_JOB, 'model-data-url': '', 'image-uri': '' }

/**
 * v1 approved as above; v2 registered from a training job, its metrics mirror removed from
 * the metadata, so that the gate reads them from S3 statistics and the training job.
 */
async function metricsOutsideMetadata(emulator: Emulator, run: Run): Promise<void> {
  await twoVersions(emulator)
  seedJobs(emulator)
  await run({ ...register(0.91), ...fromTrainingJob })
  const { sagemaker } = clients(emulator)
  const arn = `arn:aws:sagemaker:us-east-1:123456789012:model-package/${GROUP}/3`
  const pkg = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }))
  const mirror = Object.keys(pkg.CustomerMetadataProperties ?? {}).filter(k =>
    k.startsWith('metric:')
  )
  await sagemaker.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      CustomerMetadataPropertiesToRemove: mirror
    })
  )
}

/** v3 records only the training job it came from: the gate reads its final metrics there. */
async function metricsOnTrainingJob(emulator: Emulator): Promise<void> {
  await twoVersions(emulator)
  seedJobs(emulator)
  emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: GROUP,
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: MODEL_URL }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv']
        },
        CustomerMetadataProperties: { [PROVENANCE_KEYS.trainingJob]: TRAINING_JOB }
      }
    ]
  })
}

/** An endpoint of someone else's in the account, which cleanup must read and leave alone. */
async function otherEndpoint(emulator: Emulator): Promise<void> {
  const { sagemaker } = clients(emulator)
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: 'other-model',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: MODEL_URL }
    })
  )
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'other-config',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'other-model',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1
        }
      ]
    })
  )
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: 'other-prod', EndpointConfigName: 'other-config' })
  )
}

const deployInputs = {
  mode: 'deploy',
  'model-package-group': GROUP,
  'endpoint-name': ENDPOINT,
  'execution-role-arn': ROLE,
  'instance-type': 'ml.m5.large',
  'wait-timeout': '60',
  'wait-interval': '30'
}

const approve = (version: string) => ({
  mode: 'approve',
  'model-package-group': GROUP,
  'model-package': version,
  reason: 'ok'
})

/** v1 and v2 deployed in turn (v2 serving), with a third version approved. */
async function twoDeployments(emulator: Emulator, run: Run): Promise<void> {
  await twoVersions(emulator)
  await run(deployInputs)
  await run(approve('2'))
  await run({ ...deployInputs, 'model-package': '2' })
}

export const SCENARIOS: Record<string, Scenario[]> = {
  register: [
    {
      name: 'creates the group and registers a version from an artifact and an image',
      setup: async emulator => seedArtifacts(emulator),
      inputs: register(0.9)
    },
    {
      name: 'registers a version from a training job',
      setup: async emulator => seedJobs(emulator),
      inputs: { ...register(0.9), ...fromTrainingJob }
    },
    {
      name: "registers a tuning job's best training job",
      setup: async emulator => seedJobs(emulator),
      inputs: {
        ...register(0.9),
        'tuning-job-name': TUNING_JOB,
        'model-data-url': '',
        'image-uri': ''
      }
    }
  ],
  gate: [
    {
      name: 'gates v2 against the approved v1 and approves it',
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'gate',
        'model-package-group': GROUP,
        thresholds: 'validation:auc >= 0.85',
        'max-regression': 'validation:auc -0.01',
        'on-pass': 'Approved'
      }
    },
    {
      name: 'gates a version whose metrics live in S3 statistics',
      setup: metricsOutsideMetadata,
      inputs: {
        mode: 'gate',
        'model-package-group': GROUP,
        'model-package': '3',
        thresholds: 'validation:auc >= 0.85',
        baseline: 'none'
      }
    },
    {
      name: 'gates a version whose metrics live on its training job only',
      setup: metricsOnTrainingJob,
      inputs: {
        mode: 'gate',
        'model-package-group': GROUP,
        'model-package': '3',
        thresholds: 'validation:logloss <= 0.4',
        baseline: 'none'
      }
    }
  ],
  approve: [
    {
      name: 'approves v2',
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'approve',
        'model-package-group': GROUP,
        'model-package': '2',
        reason: 'reviewed'
      }
    }
  ],
  reject: [
    {
      name: 'rejects v2',
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'reject',
        'model-package-group': GROUP,
        'model-package': '2',
        reason: 'too slow'
      }
    }
  ],
  deploy: [
    {
      name: 'creates the endpoint with v2',
      setup: async emulator => twoVersions(emulator),
      inputs: deployInputs
    },
    {
      name: 'updates the endpoint to v3, deletes what v1 used and leaves other endpoints alone',
      setup: async (emulator, run) => {
        await twoDeployments(emulator, run)
        await run({ ...register(0.93), 'approval-status': 'Approved' })
        await otherEndpoint(emulator)
      },
      inputs: deployInputs
    }
  ],
  rollback: [
    {
      name: 'puts v1 back on the endpoint and rejects v2',
      setup: twoDeployments,
      inputs: {
        ...deployInputs,
        mode: 'rollback',
        'reject-current': 'true',
        reason: 'errors up'
      }
    }
  ],
  compare: [
    {
      name: 'compares v1 and v2',
      setup: async emulator => twoVersions(emulator),
      inputs: { mode: 'compare', 'model-package-group': GROUP }
    }
  ],
  lineage: [
    {
      name: 'tells the story of a version registered from a training job',
      setup: async (emulator, run) => {
        seedJobs(emulator)
        await run({ ...register(0.91), ...fromTrainingJob })
      },
      inputs: { mode: 'lineage', 'model-package-group': GROUP, 'model-package': '1' }
    }
  ],
  'group-describe': [
    {
      name: 'describes the group',
      setup: async emulator => twoVersions(emulator),
      inputs: { mode: 'group', 'model-package-group': GROUP, 'group-operation': 'describe' }
    }
  ],
  'group-list': [
    {
      name: 'lists the groups',
      setup: async emulator => twoVersions(emulator),
      inputs: { mode: 'group', 'model-package-group': GROUP, 'group-operation': 'list' }
    }
  ],
  'group-update-tags': [
    {
      name: "changes the group's tags",
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'group',
        'model-package-group': GROUP,
        'group-operation': 'update-tags',
        'group-tags': 'team=ml-platform\nowner=ana'
      }
    }
  ],
  'group-share': [
    {
      name: 'shares the group with another account',
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'group',
        'model-package-group': GROUP,
        'group-operation': 'share',
        'account-ids': '210987654321'
      }
    }
  ],
  'group-unshare': [
    {
      name: 'stops sharing the group',
      setup: async (emulator, run) => {
        await twoVersions(emulator)
        await run({
          mode: 'group',
          'model-package-group': GROUP,
          'group-operation': 'share',
          'account-ids': '210987654321'
        })
      },
      inputs: {
        mode: 'group',
        'model-package-group': GROUP,
        'group-operation': 'unshare',
        'account-ids': '210987654321'
      }
    }
  ],
  'group-delete': [
    {
      name: 'deletes the group and its versions',
      setup: async emulator => twoVersions(emulator),
      inputs: {
        mode: 'group',
        'model-package-group': GROUP,
        'group-operation': 'delete',
        force: 'true'
      }
    }
  ]
}
