// Real SDK clients pointed at an in-process emulator, and small waiting/assertion helpers.
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeEndpointCommand,
  type ProductionVariantInstanceType,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import { startEmulator, type Delays, type Emulator } from '../../emulator/server.ts'

export const REGION = 'eu-west-1'
export const ACCOUNT = '123456789012'

export interface Harness {
  emu: Emulator
  sm: SageMakerClient
  rt: SageMakerRuntimeClient
  s3: S3Client
  cw: CloudWatchClient
  close(): Promise<void>
}

export async function harness(delays: Partial<Delays> = {}): Promise<Harness> {
  const emu = await startEmulator({
    // Long enough that a test still sees the in-between states (Pending, Creating) on a
    // loaded machine; short enough that waiting for the end costs little.
    delays: {
      packageCompleteMs: 150,
      endpointCreateMs: 200,
      endpointUpdateMs: 200,
      endpointDeleteMs: 100,
      transformJobMs: 200,
      waitSecondMs: 5,
      ...delays
    }
  })
  // maxAttempts 1: the SDK would otherwise retry throttling and 5xx answers, hiding them.
  const config = {
    endpoint: emu.url,
    region: REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy' },
    maxAttempts: 1
  }
  const sm = new SageMakerClient(config)
  const rt = new SageMakerRuntimeClient(config)
  const s3 = new S3Client({ ...config, forcePathStyle: true })
  const cw = new CloudWatchClient(config)
  return {
    emu,
    sm,
    rt,
    s3,
    cw,
    close: async () => {
      sm.destroy()
      rt.destroy()
      s3.destroy()
      cw.destroy()
      await emu.close()
    }
  }
}

/**
 * One emulator and its clients for a whole test file, reset before each test. The object is
 * filled in by beforeAll, so read its members only inside hooks and tests.
 */
export function useHarness(delays: Partial<Delays> = {}): Harness {
  const h = {} as Harness
  beforeAll(async () => {
    Object.assign(h, await harness(delays))
  })
  afterAll(async () => h.close())
  beforeEach(() => h.emu.reset())
  return h
}

export interface AwsError extends Error {
  $metadata: { httpStatusCode?: number; requestId?: string }
  $fault?: string
  [member: string]: unknown
}

/** Awaits a rejected SDK call and checks the exception as a caller would see it. */
export async function expectAwsError(
  call: Promise<unknown>,
  name: string,
  status = 400,
  message?: RegExp
): Promise<AwsError> {
  let caught: unknown
  try {
    await call
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(Error)
  const err = caught as AwsError
  expect(err.name).toBe(name)
  expect(err.$metadata.httpStatusCode).toBe(status)
  expect(err.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  if (message) expect(err.message).toMatch(message)
  return err
}

export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 5000
): Promise<T> {
  const start = Date.now()
  for (;;) {
    const v = await probe()
    if (done(v)) return v
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out; last value ${JSON.stringify(v)}`)
    await new Promise(r => setTimeout(r, 10))
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(r => setTimeout(r, ms))
}

export const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/model:1'
export const ROLE = 'arn:aws:iam::123456789012:role/SageMakerRole'

export function linear(task: 'binary' | 'regression', weights: number[], bias: number): string {
  return JSON.stringify({ format: 'sagemaker-model-gate/linear-v1', task, weights, bias })
}

export async function putArtifact(h: Harness, key: string, body: string): Promise<string> {
  await h.s3.send(new PutObjectCommand({ Bucket: 'models', Key: key, Body: body }))
  return `s3://models/${key}`
}

/** Group + approved version whose artifact is `artifact`, and a model made from it. */
export async function approvedModel(
  h: Harness,
  modelName: string,
  artifact: string
): Promise<string> {
  const groupName = `${modelName}-group`
  await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName }))
  const url = await putArtifact(h, `${modelName}/model.json`, artifact)
  const pkg = await h.sm.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: groupName,
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      }
    })
  )
  await h.sm.send(
    new CreateModelCommand({
      ModelName: modelName,
      ExecutionRoleArn: ROLE,
      Containers: [{ ModelPackageName: pkg.ModelPackageArn }]
    })
  )
  return pkg.ModelPackageArn!
}

export async function endpointConfig(
  h: Harness,
  name: string,
  variants: {
    model: string
    name?: string
    weight?: number
    count?: number
    type?: ProductionVariantInstanceType
  }[]
): Promise<void> {
  await h.sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: variants.map((v, i) => ({
        VariantName: v.name ?? (i === 0 ? 'AllTraffic' : `Variant${i + 1}`),
        ModelName: v.model,
        InstanceType: v.type ?? 'ml.m5.large',
        InitialInstanceCount: v.count ?? 1,
        InitialVariantWeight: v.weight ?? 1
      }))
    })
  )
}

export async function inService(h: Harness, endpoint: string) {
  return waitFor(
    () => h.sm.send(new DescribeEndpointCommand({ EndpointName: endpoint })),
    r =>
      r.EndpointStatus !== 'Creating' &&
      r.EndpointStatus !== 'Updating' &&
      r.EndpointStatus !== 'RollingBack'
  )
}
