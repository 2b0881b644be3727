// Shared pieces of the live-evaluation tests: seeded data from a known logistic model,
// versions registered in the emulator, and the dependencies runLiveEvaluation borrows.
import { scratchFile } from '../../../__fixtures__/context.js'
import { S3Client } from '@aws-sdk/client-s3'
import {
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListTransformJobsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import type { Emulator } from '../../../emulator/server.ts'
import type { LiveDeps } from '../../../src/evaluation/live/index.js'

export const REGION = 'us-east-1'
export const BUCKET = 'models'
export const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution'
export const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'

export function emulatorClients(emulator: Emulator) {
  const config = {
    region: REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' },
    maxAttempts: 1
  }
  return {
    sagemaker: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true })
  }
}

export interface Recorded {
  deps: LiveDeps
  log: { info: string[]; warning: string[]; debug: string[] }
  /** Every saveState call, in order. */
  states: { name: string; value: string }[]
}

export function recordingDeps(
  clients: Pick<LiveDeps, 'sagemaker' | 'runtime' | 's3'>,
  overrides: Partial<LiveDeps> = {}
): Recorded {
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const states: { name: string; value: string }[] = []
  const deps: LiveDeps = {
    ...clients,
    log: {
      info: m => void log.info.push(m),
      warning: m => void log.warning.push(m),
      debug: m => void log.debug.push(m)
    },
    saveState: (name, value) => void states.push({ name, value }),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    now: () => new Date(),
    ...overrides
  }
  return { deps, log, states }
}

/** xorshift32: the same rows on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

/** Rows of (label, x1, x2) with P(label = 1) = sigmoid(1.5 x1 - 1 x2). */
export function binaryRows(n: number, seed = 7): { label: number; x: number[] }[] {
  const uniform = seeded(seed)
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  return Array.from({ length: n }, () => {
    const x = [normal(), normal()]
    const p = 1 / (1 + Math.exp(-(1.5 * x[0]! - x[1]!)))
    return { label: uniform() < p ? 1 : 0, x }
  })
}

export function csvText(rows: { label: number; x: number[] }[], header = true): string {
  const lines = rows.map(r => [r.label, ...r.x.map(v => v.toFixed(6))].join(','))
  return `${header ? 'label,x1,x2\n' : ''}${lines.join('\n')}\n`
}

export function writeTemp(name: string, text: string): string {
  return scratchFile(name, text)
}

export function linear(task: string, weights: unknown, bias: unknown, output?: string): object {
  return {
    format: 'sagemaker-model-gate/linear-v1',
    task,
    weights,
    bias,
    ...(output ? { output } : {})
  }
}

/** Registers a version serving `artifact`; returns its ARN. */
export function registerVersion(
  emulator: Emulator,
  key: string,
  artifact: object,
  options: { approval?: string; responseTypes?: string[]; group?: string } = {}
): string {
  emulator.seed({ s3Objects: [{ bucket: BUCKET, key, body: JSON.stringify(artifact) }] })
  const { modelPackages } = emulator.seed({
    modelPackages: [
      {
        ModelPackageGroupName: options.group ?? 'churn',
        ModelApprovalStatus: options.approval ?? 'PendingManualApproval',
        InferenceSpecification: {
          Containers: [{ Image: IMAGE, ModelDataUrl: `s3://${BUCKET}/${key}` }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: options.responseTypes ?? ['text/csv'],
          SupportedTransformInstanceTypes: ['ml.m5.large'],
          SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large']
        }
      }
    ]
  })
  return modelPackages[0]!
}

/** What is left in the emulator of the run's temporary resources. */
export async function leftovers(sagemaker: SageMakerClient) {
  const [models, configs, endpoints, jobs] = await Promise.all([
    sagemaker.send(new ListModelsCommand({ MaxResults: 100 })),
    sagemaker.send(new ListEndpointConfigsCommand({ MaxResults: 100 })),
    sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 })),
    sagemaker.send(new ListTransformJobsCommand({ StatusEquals: 'InProgress', MaxResults: 100 }))
  ])
  return {
    models: (models.Models ?? []).map(m => m.ModelName),
    endpointConfigs: (configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName),
    endpoints: (endpoints.Endpoints ?? []).map(e => `${e.EndpointName} (${e.EndpointStatus})`),
    runningJobs: (jobs.TransformJobSummaries ?? []).map(j => j.TransformJobName)
  }
}

export const NOTHING_LEFT = { models: [], endpointConfigs: [], endpoints: [], runningJobs: [] }
