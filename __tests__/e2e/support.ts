// Shared pieces of the end-to-end tests: SDK clients pointed at the emulator, model
// artifacts in its S3, and the list of SageMaker operations that change something.
import { S3Client } from '@aws-sdk/client-s3'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import { scratchFile } from '../../__fixtures__/context.js'
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.ts'
import {
  runAction,
  startAction,
  type ActionRun,
  type RunOptions,
  type StartedRun
} from './harness.js'

export const REGION = 'us-east-1'
export const BUCKET = 'models'
export const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'
export const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution'

export function clients(emulator: Emulator) {
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

/** Puts a linear model artifact (the emulator's documented format) into S3 and returns its URL. */
export function seedModel(emulator: Emulator, key: string, model: object): string {
  emulator.seed({ s3Objects: [{ bucket: BUCKET, key, body: JSON.stringify(model) }] })
  return `s3://${BUCKET}/${key}`
}

export function logisticModel(weights: number[], bias = 0): object {
  return { format: 'sagemaker-model-gate/linear-v1', task: 'binary', weights, bias }
}

export function writeJson(value: object): string {
  return scratchFile('metrics.json', JSON.stringify(value))
}

export const MUTATING = /^(Create|Update|Delete|Put|Add|Stop|Start|Associate|Disassociate)/

/** The SageMaker operations in the emulator's stats that change something. */
export function mutatingCalls(emulator: Emulator): Record<string, number> {
  return Object.fromEntries(
    Object.entries(emulator.stats().operations).filter(([name]) => MUTATING.test(name))
  )
}

export function totalCalls(emulator: Emulator): number {
  return Object.values(emulator.stats().operations).reduce((sum, n) => sum + n, 0)
}

function onEmulator(emulator: Emulator, options: RunOptions & { sha?: string }): RunOptions {
  const { sha, env, ...rest } = options
  return {
    emulatorUrl: emulator.url,
    region: REGION,
    ...rest,
    env: { ...(sha ? { GITHUB_SHA: sha } : {}), ...env }
  }
}

/** Runs the action against the emulator with a commit of our choosing. */
export function runOn(
  emulator: Emulator,
  inputs: Record<string, string>,
  options: RunOptions & { sha?: string } = {}
): Promise<ActionRun> {
  return runAction(inputs, onEmulator(emulator, options))
}

/** Starts the action against the emulator and returns at once, so a test can signal it. */
export function startOn(
  emulator: Emulator,
  inputs: Record<string, string>,
  options: RunOptions & { sha?: string } = {}
): StartedRun {
  return startAction(inputs, onEmulator(emulator, options))
}

/** Polls `check` every 20 ms until it holds; fails after `timeoutMs`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

export async function invoke(
  emulator: Emulator,
  endpointName: string,
  csv: string
): Promise<string> {
  const response = await clients(emulator).runtime.send(
    new InvokeEndpointCommand({
      EndpointName: endpointName,
      ContentType: 'text/csv',
      Body: new TextEncoder().encode(csv)
    })
  )
  return new TextDecoder().decode(response.Body)
}

export function explain(run: ActionRun): string {
  return `exit ${run.exitCode}\nerrors: ${run.errors.join('\n')}\nstdout tail:\n${run.stdout.split('\n').slice(-40).join('\n')}\nstderr: ${run.stderr}`
}

/**
 * How the emulators of this run spell names inside ARNs: EMULATOR_ARN_CASE=preserve runs
 * the suite against a SageMaker that keeps the case, anything else against one that
 * lower-cases (the emulator's default). AWS does not document which it does.
 */
export const ARN_CASE: 'lower' | 'preserve' =
  process.env.EMULATOR_ARN_CASE === 'preserve' ? 'preserve' : 'lower'

/**
 * Starts one emulator for a test file and closes it afterwards; with `resetEach` the
 * registry starts empty for every test. The emulator reaches the file through `use`.
 */
export function useEmulator(
  use: (emulator: Emulator) => void,
  options: EmulatorOptions = { port: 0 },
  resetEach = true
): void {
  let emulator: Emulator | undefined
  beforeAll(async () => {
    emulator = await startEmulator(options)
    emulator.setOptions({ arnCase: ARN_CASE })
    use(emulator)
  })
  afterAll(async () => {
    await emulator?.close()
  })
  if (resetEach) beforeEach(() => emulator?.reset())
}
