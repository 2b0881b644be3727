// A RunContext for unit tests: real AWS clients (to be intercepted with
// aws-sdk-client-mock) pointed at a closed loopback port, a Reporter that records what a
// mode prints, a fixed clock and a sleep that returns at once.
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import { S3Client } from '@aws-sdk/client-s3'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GitHubRun, Reporter, RunContext } from '../src/context.js'
import { Steps } from '../src/errors.js'

export const FIXED_NOW = new Date('2026-03-01T12:00:00Z')

export const DEFAULT_RUN: GitHubRun = {
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  repository: 'acme/churn-model',
  sha: '0123456789abcdef0123456789abcdef01234567',
  ref: 'refs/pull/42/merge',
  actor: 'octocat',
  runId: '987654321',
  runAttempt: '1',
  workflow: 'train',
  eventName: 'pull_request',
  pullRequest: 42
}

export interface FakeContext {
  ctx: RunContext
  outputs: Map<string, string | number | boolean>
  infos: string[]
  warnings: string[]
  debugs: string[]
  summaries: string[]
  state: Map<string, string>
  /** Every ms value passed to sleep, in order. */
  sleeps: number[]
}

export interface FakeContextOverrides extends Partial<Omit<RunContext, 'github'>> {
  github?: Partial<GitHubRun>
}

// Anything a test forgets to mock fails fast here instead of reaching the network.
const CLOSED_PORT = 'http://127.0.0.1:9'
const clientConfig = {
  region: 'us-east-1',
  endpoint: CLOSED_PORT,
  maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
}

export function fakeContext(overrides: FakeContextOverrides = {}): FakeContext {
  const outputs = new Map<string, string | number | boolean>()
  const infos: string[] = []
  const warnings: string[] = []
  const debugs: string[] = []
  const summaries: string[] = []
  const state = new Map<string, string>()
  const sleeps: number[] = []
  const out: Reporter = {
    info: message => void infos.push(message),
    warning: message => void warnings.push(message),
    debug: message => void debugs.push(message),
    setOutput: (name, value) => void outputs.set(name, value),
    summary: async markdown => void summaries.push(markdown),
    saveState: (name, value) => void state.set(name, value)
  }
  const { github, ...rest } = overrides
  const ctx: RunContext = {
    aws: {
      sagemaker: new SageMakerClient(clientConfig),
      runtime: new SageMakerRuntimeClient(clientConfig),
      s3: new S3Client({ ...clientConfig, forcePathStyle: true }),
      cloudwatch: new CloudWatchClient(clientConfig)
    },
    github: { ...DEFAULT_RUN, ...github },
    out,
    now: () => FIXED_NOW,
    sleep: async ms => void sleeps.push(ms),
    workDir: process.cwd(),
    steps: new Steps(),
    ...rest
  }
  return { ctx, outputs, infos, warnings, debugs, summaries, state, sleeps }
}

/** The `churn` group of the default run, as SageMaker names it and its versions. */
export const CHURN_GROUP_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn'
export const churnPackageArn = (version: number): string =>
  `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/${version}`

/**
 * A temporary folder for report and input files, made before the file's tests (or before
 * each test, with `each: true`) and removed after.
 */
let scratch: string | undefined
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
})

/**
 * A new folder inside the test file's scratch folder, which is made on first use and
 * removed after the file's tests: for helpers that write files from anywhere in a test.
 */
export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'model-gate-test-'))
  return mkdtempSync(join(scratch, 'f-'))
}

/** Writes `content` to a new file `name` in a new scratch folder; returns its path. */
export function scratchFile(name: string, content: string | Uint8Array): string {
  const path = join(scratchDir(), name)
  writeFileSync(path, content)
  return path
}

export function useWorkDir(prefix: string, options: { each?: boolean } = {}): () => string {
  let dir = ''
  const [before, after] = options.each ? [beforeEach, afterEach] : [beforeAll, afterAll]
  before(async () => {
    dir = await mkdtemp(join(process.env.TMPDIR ?? '/tmp', `${prefix}-`))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  return () => dir
}
