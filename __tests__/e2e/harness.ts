// Runs the built action the way the runner does: a child process of Node 24 on
// dist/index.js, inputs as INPUT_* variables (hyphens kept, as GitHub keeps them), and the
// runner's files for outputs, state, summary and the event payload.
import { execFile, type ChildProcess, type ExecFileException } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { scratchDir } from '../../__fixtures__/context.js'
import { constants, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const NODE24 = resolve('node_modules/.bin/node')
export const ACTION = resolve('dist/index.js')
/**
 * V8's code cache for the runs' Node processes: the suites start dist/index.js about a
 * thousand times, and compiling its 4 MB anew each time is most of a run's CPU.
 */
export const COMPILE_CACHE = join(tmpdir(), 'sagemaker-model-gate-compile-cache')

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The GITHUB_OUTPUT file as written, to see how often each output was set. */
  outputFile: string
  state: Record<string, string>
  summary: string
  /** `::error::` / `::warning::` lines written by @actions/core. */
  errors: string[]
  warnings: string[]
}

export interface RunOptions {
  /** Base URL of the SageMaker emulator (also serves S3 and the runtime). */
  emulatorUrl?: string
  githubApiUrl?: string
  event?: { name: string; payload: object }
  /** State saved by an earlier main step, for running the post step. */
  state?: Record<string, string>
  env?: Record<string, string>
  region?: string
}

/** Reads a GITHUB_OUTPUT/GITHUB_STATE file: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const body: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i] as string)
      values[name] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

function annotations(stdout: string, kind: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter(line => line.startsWith(`::${kind}`))
    .map(line =>
      line
        .slice(line.indexOf('::', 2) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )
}

/** The code a shell would report: the process's own, or 128 + the signal that ended it. */
function exitCodeOf(error: ExecFileException | null): number {
  if (!error) return 0
  if (typeof error.code === 'number') return error.code
  if (error.signal) return 128 + (constants.signals[error.signal] ?? 0)
  return 1
}

/** A started run: the child process (to signal it), its state file, and its result. */
export interface StartedRun {
  child: ChildProcess
  /** The state the step has saved so far (GITHUB_STATE, read now). */
  state(): Record<string, string>
  result: Promise<ActionRun>
}

export function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionRun> {
  return startAction(inputs, options).result
}

export function startAction(inputs: Record<string, string>, options: RunOptions = {}): StartedRun {
  // The runner's folder outlives the run (tests read the reports written there), until
  // the test file ends.
  const dir = scratchDir()
  const files = {
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    summary: join(dir, 'summary.md'),
    event: join(dir, 'event.json')
  }
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '')
  writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_SERVER_URL: 'https://github.example.test',
    GITHUB_API_URL: options.githubApiUrl ?? 'http://127.0.0.1:9',
    GITHUB_REPOSITORY: 'acme/churn-model',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'model-gate',
    RUNNER_TEMP: dir,
    AWS_REGION: options.region ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-example',
    // Keep the SDK away from the instance metadata service and shared config files.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    NODE_COMPILE_CACHE: COMPILE_CACHE,
    ...(options.emulatorUrl
      ? {
          AWS_ENDPOINT_URL_SAGEMAKER: options.emulatorUrl,
          AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: options.emulatorUrl,
          AWS_ENDPOINT_URL_S3: options.emulatorUrl,
          AWS_ENDPOINT_URL_CLOUDWATCH: options.emulatorUrl
        }
      : { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }),
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value

  let child: ChildProcess | undefined
  const finished = new Promise<{ exitCode: number; stdout: string; stderr: string }>(done => {
    child = execFile(
      NODE24,
      [ACTION],
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ exitCode: exitCodeOf(error), stdout, stderr })
    )
  })
  const result = finished.then(({ exitCode, stdout, stderr }) => {
    const outputFile = readFileSync(files.output, 'utf8')
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseCommandFile(outputFile),
      outputFile,
      state: parseCommandFile(readFileSync(files.state, 'utf8')),
      summary: existsSync(files.summary) ? readFileSync(files.summary, 'utf8') : '',
      errors: annotations(stdout, 'error'),
      warnings: annotations(stdout, 'warning')
    }
  })

  return {
    // The executor above ran synchronously, so the child exists.
    child: child!,
    state: () => parseCommandFile(readFileSync(files.state, 'utf8')),
    result
  }
}
