// What a mode receives: its clients, the GitHub context and an output sink. Modes take
// this as a parameter instead of importing @actions/* so that the CLI and the tests can
// pass their own.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import type { Interrupts } from './interrupts.js'
import type { AuditEntry } from './registry/audit.js'
import type { Steps } from './errors.js'
import type { Mode, SettingsOf } from './settings.js'

export interface AwsClients {
  sagemaker: SageMakerClient
  runtime: SageMakerRuntimeClient
  s3: S3Client
  /** Endpoint metrics (AWS/SageMaker) for A/B tests. */
  cloudwatch: CloudWatchClient
}

/** The parts of the GitHub run a mode may record or report. */
export interface GitHubRun {
  serverUrl: string
  apiUrl: string
  /** `owner/name`; empty outside GitHub Actions when not given. */
  repository: string
  sha: string
  ref: string
  /** GITHUB_ACTOR; empty outside GitHub Actions when not given. */
  actor: string
  /** `user@host` of the OS user, read only when GITHUB_ACTOR is not set (the CLI on a laptop). */
  localUser?: string
  runId: string
  runAttempt: string
  workflow: string
  eventName: string
  /** The pull request number when the event has one. */
  pullRequest?: number
}

/** A minimal Octokit surface, so tests and the CLI can supply their own. */
export type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

/** Where a mode writes what the person running it sees. */
export interface Reporter {
  info(message: string): void
  warning(message: string): void
  /** An error annotation; reporters without one use `warning`. */
  error?(message: string): void
  debug(message: string): void
  setOutput(name: string, value: string | number | boolean): void
  /** Appends Markdown to the job summary (or prints it, outside Actions). */
  summary(markdown: string): Promise<void>
  /**
   * Shows a finished report in the form its reader asked for (the CLI's `--output`); a
   * reporter without it gets the Markdown through `summary` and the log lines through `info`.
   */
  present?(report: Presentation): Promise<void>
  /** Saves a value for the `post` step (cleanup after cancellation). */
  saveState(name: string, value: string): void
  /** True when saved state reaches a `post` step (the action); the CLI has none. */
  readonly postStep?: boolean
}

/** One report in every form a reader may ask for. */
export interface Presentation {
  markdown: string
  /** The report for a terminal, in colour or not; absent where the Markdown is turned into text. */
  text?: (options: { color?: boolean }) => string
  /** The JSON report's data, when the mode writes one. */
  data?: unknown
  /** Lines for a log beside a job summary; a reader of `text` already has them in the report. */
  log: string[]
}

export interface RunContext {
  aws: AwsClients
  github: GitHubRun
  /** Absent when no token was given; comment and deployment features then warn. */
  octokit?: Octokit
  out: Reporter
  /** Injectable clock and sleep, so waits are testable without real time. */
  now(): Date
  sleep(ms: number): Promise<void>
  /** Folder for report files (the runner's temp folder, or the working directory). */
  workDir: string
  /** SIGINT/SIGTERM handling while something is in flight; absent in tests. */
  interrupts?: Interrupts
  /** The run's steps and changes so far, for error messages that say what stands. */
  steps: Steps
}

export function runUrl(run: GitHubRun): string {
  if (!run.repository || !run.runId) return ''
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`
}

/**
 * What a mode reports back to `run()`. Errors are thrown; `failed` is for a step that
 * worked as designed but must fail the job (a rejected gate, a rolled-back deployment).
 */
export interface ModeOutcome {
  failed?: string
  /** What the run decided, for the audit trail in SageMaker lineage (src/registry/audit.ts). */
  audit?: AuditEntry
}

/** What carries out mode `M`, given the settings of that mode. */
export type ModeRunner<M extends Mode> = (
  ctx: RunContext,
  settings: SettingsOf<M>
) => Promise<ModeOutcome>
