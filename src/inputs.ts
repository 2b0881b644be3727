// All parsing and validation of inputs. The action passes `name => core.getInput(name)` and
// the CLI passes its flags, so this module never touches @actions/core and stays pure:
// an invalid input fails here, before any AWS call, with the input's name, the value given
// and what is accepted.
import { ProductionVariantInstanceType, TransformInstanceType } from '@aws-sdk/client-sagemaker'
import { parsePolicy, PolicyError } from './policy/index.js'
import {
  ACCOUNT_ID,
  ENTITY_DESCRIPTION,
  METADATA_TEXT,
  ONE_LINE,
  parseGroupArn,
  parsePackageArn,
  REGION,
  RESOURCE_NAME,
  ROLE_ARN,
  S3_URI,
  TUNING_JOB_NAME
} from './registry/names.js'
import {
  MODES,
  type ApprovalStatus,
  type BaselineSpec,
  type DecisionSettings,
  type DeploySettings,
  type DeploymentStrategy,
  type GateSettings,
  type GroupOperation,
  type GroupRef,
  type GroupSettings,
  type Mode,
  type PackageRef,
  type RegisterSettings,
  type ReportSettings,
  type Settings,
  type Task
} from './settings.js'

/** Returns the raw value of one input, or '' when it is not set. */
export type InputReader = (name: string) => string

export class InputError extends Error {
  readonly input: string
  constructor(input: string, message: string) {
    super(message)
    this.name = 'InputError'
    this.input = input
  }
}

/** Every input the action and the CLI accept (SPEC "Input names"), grouped by first use. */
export const INPUT_NAMES = [
  'mode',
  'model-package-group',
  'region',
  'github-token',
  'dry-run',
  'comment',
  'history',
  'group-description',
  'group-tags',
  'model-data-url',
  'image-uri',
  'training-job-name',
  'tuning-job-name',
  'metrics-file',
  'metrics-s3-uri',
  'description',
  'approval-status',
  'customer-metadata',
  'inference-instances',
  'transform-instances',
  'content-types',
  'response-types',
  'model-lifecycle-stage',
  'project-id',
  'model-package',
  'thresholds',
  'max-regression',
  'metric-directions',
  'baseline',
  'on-pass',
  'on-fail',
  'fail-on-reject',
  'validation-data',
  'validation-method',
  'task',
  'label-column',
  'prediction-column',
  'decision-threshold',
  'alpha',
  'execution-role-arn',
  'instance-type',
  'serverless-memory-mb',
  'serverless-max-concurrency',
  'max-concurrency',
  'reason',
  'force',
  'endpoint-name',
  'instance-count',
  'data-capture-s3-uri',
  'deployment-strategy',
  'canary-size',
  'linear-step-size',
  'wait-interval',
  'termination-wait',
  'max-execution-timeout',
  'rollback-alarms',
  'wait-timeout',
  'environment',
  'traffic',
  'reject-current',
  'versions',
  'group-operation',
  'account-ids'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

const ALL: readonly Mode[] = MODES
/** The modes that change something, and so take `dry-run`. */
export const MUTATING_MODES: readonly Mode[] = [
  'register',
  'gate',
  'approve',
  'reject',
  'deploy',
  'rollback',
  'group'
]

/**
 * Which modes read each input, and one line about it: the first sentence of its action.yml
 * description, whose "Modes: ..." prefix lists the same modes (a unit test compares the
 * two). The CLI's per-mode `--help` and its refusal of flags a mode does not read come
 * from here, and the action refuses inputs set for another mode from the same table.
 */
export const INPUT_TABLE: Readonly<Record<InputName, { modes: readonly Mode[]; help: string }>> = {
  mode: {
    modes: ALL,
    help: 'What to do: register, gate, approve, reject, deploy, rollback, compare, lineage or group.'
  },
  'model-package-group': {
    modes: ALL,
    help: 'The model package group: a name (1-63 letters, digits and hyphens) or the ARN of a group shared from another account.'
  },
  region: { modes: ALL, help: 'AWS region of the registry.' },
  'github-token': {
    modes: ALL,
    help: 'Token for the PR comment, job links and deployment records.'
  },
  'dry-run': { modes: MUTATING_MODES, help: 'Print what would be done and make no mutating call.' },
  comment: {
    modes: ALL,
    help: 'Post (or update) the sticky pull-request comment when the run has a pull request.'
  },
  history: {
    modes: ALL,
    help: 'How many recent versions the trend chart and comparisons show (1-100).'
  },
  'group-description': {
    modes: ['register'],
    help: 'Description for the group when it is created (at most 1024 characters).'
  },
  'group-tags': {
    modes: ['register', 'group'],
    help: 'Tags as key=value, one per line or comma-separated (at most 50; keys starting with aws: are reserved).'
  },
  'model-data-url': {
    modes: ['register'],
    help: 'S3 URI of the model artifact (model.tar.gz); requires image-uri.'
  },
  'image-uri': { modes: ['register'], help: 'Inference image URI.' },
  'training-job-name': {
    modes: ['register'],
    help: 'Register the artifact and final metrics of this completed training job.'
  },
  'tuning-job-name': {
    modes: ['register'],
    help: 'Register the best training job of this hyperparameter tuning job.'
  },
  'metrics-file': {
    modes: ['register'],
    help: 'Local JSON file of metrics to attach to the version.'
  },
  'metrics-s3-uri': {
    modes: ['register'],
    help: "Where the version's model-quality statistics live in S3."
  },
  description: {
    modes: ['register'],
    help: 'Description of the version (at most 1024 characters).'
  },
  'approval-status': {
    modes: ['register'],
    help: 'Initial approval status: PendingManualApproval, Approved or Rejected.'
  },
  'customer-metadata': {
    modes: ['register'],
    help: 'Custom metadata as key=value, one per line or comma-separated (at most 50; letters, digits, spaces and _.:/=+-@ only).'
  },
  'inference-instances': {
    modes: ['register'],
    help: 'Real-time instance types the version supports, comma or newline separated (e.g. ml.m5.large).'
  },
  'transform-instances': {
    modes: ['register'],
    help: 'Batch transform instance types the version supports, comma or newline separated.'
  },
  'content-types': {
    modes: ['register'],
    help: 'Input MIME types the model accepts, comma separated.'
  },
  'response-types': {
    modes: ['register'],
    help: 'Output MIME types the model returns, comma separated.'
  },
  'model-lifecycle-stage': {
    modes: ['register', 'approve', 'reject'],
    help: 'Model lifecycle stage to record (e.g. staging, production).'
  },
  'project-id': {
    modes: ['register'],
    help: "Project id recorded in the version's metadata properties."
  },
  'model-package': {
    modes: ['gate', 'approve', 'reject', 'deploy', 'rollback', 'lineage'],
    help: 'The version to act on: a version number (7) or a model package ARN.'
  },
  thresholds: { modes: ['gate'], help: 'One rule per line, e.g. "validation:auc >= 0.85".' },
  'max-regression': {
    modes: ['gate'],
    help: 'Allowed regression against the baseline per metric, one per line, absolute ("validation:auc -0.01") or relative ("validation:auc -1%", at most -100%).'
  },
  'metric-directions': {
    modes: ['gate'],
    help: 'Overrides of the inferred metric direction, one per line, e.g. "custom:score higher" or "custom:cost lower".'
  },
  baseline: {
    modes: ['gate'],
    help: "What the candidate is compared with: latest-approved, endpoint:NAME (the version live on an endpoint; a warning when it is another group's), version:N or none."
  },
  'on-pass': {
    modes: ['gate'],
    help: 'Approval status written when the gate passes: Approved or none.'
  },
  'on-fail': {
    modes: ['gate'],
    help: 'Approval status written when the gate fails: Rejected or none.'
  },
  'fail-on-reject': { modes: ['gate'], help: 'Fail the job when the gate fails.' },
  'validation-data': {
    modes: ['gate'],
    help: 'CSV (local path or s3:// URI) to evaluate candidate and baseline on live.'
  },
  'validation-method': {
    modes: ['gate'],
    help: 'How live evaluation runs: endpoint (temporary endpoint, small data) or batch-transform (large data).'
  },
  task: {
    modes: ['gate'],
    help: 'Kind of model for live evaluation: binary, multiclass or regression.'
  },
  'label-column': {
    modes: ['gate'],
    help: 'Label column of validation-data: a zero-based index or a header name.'
  },
  'prediction-column': {
    modes: ['gate'],
    help: "Field or column of the model's response that holds the prediction."
  },
  'decision-threshold': {
    modes: ['gate'],
    help: 'Score from 0 to 1 at or above which a binary prediction counts as positive.'
  },
  alpha: {
    modes: ['gate'],
    help: 'Significance level of the paired tests when both versions are evaluated live, between 0 and 1.'
  },
  'execution-role-arn': {
    modes: ['gate', 'deploy', 'rollback'],
    help: 'IAM role SageMaker assumes to run the model (live evaluation and deployment).'
  },
  'instance-type': {
    modes: ['gate', 'deploy', 'rollback'],
    help: 'Instance type of the endpoint or transform job (e.g. ml.m5.large).'
  },
  'serverless-memory-mb': {
    modes: ['gate', 'deploy', 'rollback'],
    help: 'Memory of a serverless endpoint: 1024, 2048, 3072, 4096, 5120 or 6144.'
  },
  'serverless-max-concurrency': {
    modes: ['gate', 'deploy', 'rollback'],
    help: 'Concurrent invocations of a serverless endpoint (1-200).'
  },
  'max-concurrency': {
    modes: ['gate'],
    help: 'Requests in flight at once during live evaluation (1-64).'
  },
  reason: {
    modes: ['approve', 'reject', 'rollback'],
    help: 'Justification recorded on the version with the actor and run link (at most 1024 characters): exactly in ApprovalDescription, and made readable in the metadata alphabet in decision:reason.'
  },
  force: {
    modes: ['approve', 'group'],
    help: 'Override a safety refusal: approve a version whose last gate failed, or delete a group that still holds versions.'
  },
  'endpoint-name': { modes: ['deploy', 'rollback'], help: 'The endpoint to create or update.' },
  'instance-count': {
    modes: ['deploy', 'rollback'],
    help: 'Number of instances behind the endpoint (1 or more).'
  },
  'data-capture-s3-uri': {
    modes: ['deploy', 'rollback'],
    help: 'S3 URI where the endpoint captures requests and responses.'
  },
  'deployment-strategy': {
    modes: ['deploy', 'rollback'],
    help: 'Blue/green traffic shifting when updating an endpoint: all-at-once, canary or linear.'
  },
  'canary-size': {
    modes: ['deploy', 'rollback'],
    help: 'Percent of capacity for the canary step (1-50).'
  },
  'linear-step-size': {
    modes: ['deploy', 'rollback'],
    help: 'Percent of capacity shifted per linear step (10-50).'
  },
  'wait-interval': {
    modes: ['deploy', 'rollback'],
    help: 'Seconds each traffic step bakes while the rollback alarms watch (0-3600).'
  },
  'termination-wait': {
    modes: ['deploy', 'rollback'],
    help: 'Seconds the old fleet is kept after the shift completes (0-3600).'
  },
  'max-execution-timeout': {
    modes: ['deploy', 'rollback'],
    help: "SageMaker's own limit on the blue/green update, in seconds (600-28800)."
  },
  'rollback-alarms': {
    modes: ['deploy', 'rollback'],
    help: 'CloudWatch alarm names (at most 10), comma or newline separated; if one fires during the shift, SageMaker rolls back.'
  },
  'wait-timeout': {
    modes: ['deploy', 'rollback'],
    help: 'Seconds to wait for the endpoint to be InService before failing.'
  },
  environment: {
    modes: ['deploy', 'rollback'],
    help: 'GitHub deployment environment to record the deployment under (e.g. staging, production).'
  },
  traffic: {
    modes: ['deploy'],
    help: 'A/B weights across versions, e.g. "v7=90,v8=10" (whole numbers, not all 0, each version once); excludes model-package.'
  },
  'reject-current': {
    modes: ['rollback'],
    help: 'Also mark the version being rolled back Rejected (needs reason).'
  },
  versions: {
    modes: ['compare'],
    help: 'Version numbers to compare, comma separated (e.g. 5,6,7).'
  },
  'group-operation': {
    modes: ['group'],
    help: "describe, list (the group's versions), update-tags, delete, share or unshare."
  },
  'account-ids': {
    modes: ['group'],
    help: '12-digit AWS account ids, comma or newline separated; share refuses the account that owns the group.'
  }
}

/** The inputs mode `mode` reads, in action.yml order. */
export function inputsOf(mode: Mode): InputName[] {
  return INPUT_NAMES.filter(name => INPUT_TABLE[name].modes.includes(mode))
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = rows[i] as number[]
      const above = rows[i - 1] as number[]
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo: the only name it
 * begins (`endpoint` -> `endpoint-name`), or one at most three edits away and fewer than
 * half the word's length (so `--ab` does not suggest `--alpha`).
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  const extending = candidates.filter(name => lower.length >= 4 && name.startsWith(lower))
  if (extending.length === 1) return extending[0]
  let best: { name: string; distance: number } | undefined
  for (const name of candidates) {
    const distance = editDistance(lower, name)
    if (best === undefined || distance < best.distance) best = { name, distance }
  }
  if (!best || best.distance > 3 || best.distance * 2 >= Math.max(word.length, 2)) return undefined
  return best.name
}

/**
 * The inputs a workflow step set: the runner passes each `with:` entry as an INPUT_<NAME>
 * variable (upper-cased, hyphens kept), and action.yml's defaults the same way, so a value
 * equal to its default counts as not given.
 */
export function inputNamesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const names: string[] = []
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('INPUT_') || value === undefined || value.trim() === '') continue
    const name = key.slice('INPUT_'.length).toLowerCase()
    if (DEFAULTS[name] !== undefined && DEFAULTS[name].toLowerCase() === value.trim().toLowerCase())
      continue
    names.push(name)
  }
  return names.sort()
}

/**
 * Refuses names that are not inputs (a typo such as `max-regresion` would otherwise be
 * dropped silently and the gate would pass without the rule), and inputs the mode does not
 * read (`endpoint-name` given to `gate` says the user expects something that will not
 * happen). `flag` prints names as CLI flags (`--name`) instead of inputs (`"name"`).
 */
export function checkInputNames(mode: Mode, names: readonly string[], flag: boolean): void {
  const show = (name: string) => (flag ? `--${name}` : `"${name}"`)
  const what = flag ? 'flag' : 'input'
  const modeInputs = inputsOf(mode)
  for (const name of names) {
    const known = (INPUT_NAMES as readonly string[]).includes(name)
    if (!known) {
      const near = nearestName(name, modeInputs) ?? nearestName(name, INPUT_NAMES)
      throw new InputError(
        name,
        `Unknown ${what} ${show(name)}${near ? `; did you mean ${show(near)}?` : '.'} Mode "${mode}" reads: ${modeInputs.join(', ')}.`
      )
    }
    const info = INPUT_TABLE[name as InputName]
    if (!info.modes.includes(mode)) {
      throw new InputError(
        name,
        `${flag ? 'Flag' : 'Input'} ${show(name)} does not apply to mode "${mode}": it is read by ${info.modes.length === 1 ? 'mode' : 'modes'} ${info.modes.join(', ')}. Remove it, or choose the mode that reads it.`
      )
    }
  }
}

/**
 * Defaults applied when an input is empty. action.yml declares the same values (a unit test
 * compares them), so the CLI, which has no action.yml, behaves exactly like the action.
 * `github-token` is absent on purpose: its action.yml default is an expression that only
 * the runner can evaluate.
 */
export const DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  'dry-run': 'false',
  comment: 'true',
  history: '10',
  'approval-status': 'PendingManualApproval',
  'content-types': 'text/csv',
  'response-types': 'text/csv',
  baseline: 'latest-approved',
  'on-pass': 'none',
  'on-fail': 'Rejected',
  'fail-on-reject': 'true',
  'validation-method': 'endpoint',
  task: 'binary',
  'label-column': '0',
  'decision-threshold': '0.5',
  alpha: '0.05',
  'max-concurrency': '4',
  force: 'false',
  'deployment-strategy': 'all-at-once',
  'canary-size': '10',
  'linear-step-size': '20',
  'wait-interval': '300',
  'termination-wait': '0',
  'wait-timeout': '1800',
  'reject-current': 'false',
  'group-operation': 'describe'
})

/** Inputs whose values must never appear in messages or logs. */
export const SECRET_INPUTS: readonly string[] = ['github-token']

export const VALIDATION_METHODS = ['endpoint', 'batch-transform'] as const
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression']
export const DEPLOYMENT_STRATEGIES: readonly DeploymentStrategy[] = [
  'all-at-once',
  'canary',
  'linear'
]
export const GROUP_OPERATIONS: readonly GroupOperation[] = [
  'describe',
  'list',
  'update-tags',
  'delete',
  'share',
  'unshare'
]
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = [
  'PendingManualApproval',
  'Approved',
  'Rejected'
]
export const SERVERLESS_MEMORY_SIZES = [1024, 2048, 3072, 4096, 5120, 6144] as const

const HTTPS_URL = /^https:\/\/[^\s/]+\/\S*$/
const MIME_TYPE = /^[\w.+-]+\/[\w.+*-]+(;\s*[\w.+-]+=[\w.+-]+)*$/
const DESCRIPTION_MAX = 1024

const REALTIME_TYPES: ReadonlySet<string> = new Set(Object.values(ProductionVariantInstanceType))
const TRANSFORM_TYPES: ReadonlySet<string> = new Set(Object.values(TransformInstanceType))

function shown(input: string, value: string): string {
  if (SECRET_INPUTS.includes(input)) return '***'
  const clipped = value.length > 200 ? `${value.slice(0, 200)}…` : value
  return JSON.stringify(clipped)
}

/** `Input "history" must be a whole number from 1 to 100; got "abc".` */
function invalid(input: string, value: string, accepted: string): InputError {
  return new InputError(input, `Input "${input}" must be ${accepted}; got ${shown(input, value)}.`)
}

function required(input: string, mode: string, why: string): InputError {
  return new InputError(input, `Input "${input}" is required for mode "${mode}": ${why}.`)
}

/** Reads each input at most once, trimmed, with DEFAULTS applied. */
class Inputs {
  private readonly cache = new Map<string, string>()
  constructor(private readonly reader: InputReader) {}

  raw(name: string): string {
    let value = this.cache.get(name)
    if (value === undefined) {
      value = (this.reader(name) ?? '').trim()
      this.cache.set(name, value)
    }
    return value
  }

  /** The value given, or the default, or ''. */
  get(name: string): string {
    return this.raw(name) || DEFAULTS[name] || ''
  }

  optional(name: string): string | undefined {
    return this.get(name) || undefined
  }

  bool(name: string): boolean {
    const value = this.get(name)
    // The YAML 1.2 core schema's true/false, as core.getBooleanInput reads them, in any case.
    if (/^true$/i.test(value)) return true
    if (/^false$/i.test(value)) return false
    throw invalid(name, value, 'true or false')
  }

  int(name: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    return wholeNumber(name, this.get(name), min, max)
  }

  optionalInt(name: string, min: number, max?: number): number | undefined {
    return this.get(name) === '' ? undefined : this.int(name, min, max)
  }

  /** A decimal number; `accepted` says the range, which the caller checks. */
  decimal(name: string, accepted: string): number {
    const value = this.get(name)
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) throw invalid(name, value, accepted)
    return Number(value)
  }

  oneOf<T extends string>(name: string, accepted: readonly T[]): T {
    const value = this.get(name)
    // Accepted values are matched without regard to case so `approved` means `Approved`.
    const match = accepted.find(a => a.toLowerCase() === value.toLowerCase())
    if (match === undefined) throw notOneOf(name, value, accepted)
    return match
  }
}

/** A value outside a fixed list, with the nearest one when it looks like a typo. */
function notOneOf(input: string, value: string, accepted: readonly string[]): InputError {
  const near = nearestName(
    value,
    accepted.map(a => a.toLowerCase())
  )
  const error = invalid(input, value, `one of ${accepted.join(', ')}`)
  if (!near) return error
  const suggestion = accepted.find(a => a.toLowerCase() === near) ?? near
  return new InputError(input, `${error.message.slice(0, -1)} (did you mean "${suggestion}"?).`)
}

function wholeNumber(input: string, value: string, min: number, max: number): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`
  if (!/^\d+$/.test(value)) throw invalid(input, value, `a whole number ${range}`)
  const n = Number(value)
  if (n < min || n > max) throw invalid(input, value, `a whole number ${range}`)
  return n
}

/** Splits a list given comma- or newline-separated, dropping blanks and repeats. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map(s => s.trim())
        .filter(Boolean)
    )
  ]
}

/**
 * Parses `key=value` entries, one per line or comma-separated. Errors name the line, since a
 * multi-line YAML block is where these usually come from.
 */
export function parseKeyValues(
  input: string,
  value: string,
  limits: { maxEntries: number; valueMin: number; reservedPrefix?: string }
): Record<string, string> {
  const result: Record<string, string> = {}
  let count = 0
  const lines = value.split('\n')
  for (const [index, line] of lines.entries()) {
    for (const entry of line.split(',')) {
      const text = entry.trim()
      if (!text) continue
      const where = `Input "${input}" line ${index + 1}`
      const eq = text.indexOf('=')
      if (eq <= 0) {
        throw new InputError(input, `${where} must be key=value; got ${JSON.stringify(text)}.`)
      }
      const key = text.slice(0, eq).trim()
      const val = text.slice(eq + 1).trim()
      if (key.length > 128 || !METADATA_TEXT.test(key)) {
        throw new InputError(
          input,
          `${where}: the key must be 1-128 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(key)}.`
        )
      }
      if (limits.reservedPrefix && key.toLowerCase().startsWith(limits.reservedPrefix)) {
        throw new InputError(
          input,
          `${where}: keys starting with "${limits.reservedPrefix}" are reserved by AWS; got ${JSON.stringify(key)}.`
        )
      }
      if (val.length < limits.valueMin || val.length > 256 || !METADATA_TEXT.test(val)) {
        throw new InputError(
          input,
          `${where}: the value of "${key}" must be ${limits.valueMin}-256 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(val)}.`
        )
      }
      if (Object.hasOwn(result, key)) {
        throw new InputError(input, `${where}: the key ${JSON.stringify(key)} is given twice.`)
      }
      result[key] = val
      count++
    }
  }
  if (count > limits.maxEntries) {
    throw new InputError(
      input,
      `Input "${input}" may hold at most ${limits.maxEntries} entries; got ${count}.`
    )
  }
  return result
}

const TAG_LIMITS = { maxEntries: 50, valueMin: 0, reservedPrefix: 'aws:' }
const METADATA_LIMITS = { maxEntries: 50, valueMin: 1 }

export function parseRegion(value: string): string {
  if (!REGION.test(value)) throw invalid('region', value, 'an AWS region such as us-east-1')
  return value
}

export function parseGroupRef(value: string, region: string): GroupRef {
  const input = 'model-package-group'
  if (RESOURCE_NAME.test(value)) return { nameOrArn: value, name: value }
  const arn = parseGroupArn(value)
  if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
    const { region: arnRegion, name } = arn
    if (arnRegion !== region) {
      throw new InputError(
        input,
        `Input "${input}" names a group in region ${arnRegion}, but the region is ${region}; set "region" to ${arnRegion}.`
      )
    }
    return { nameOrArn: value, name, arn: value }
  }
  throw invalid(
    input,
    value,
    'a group name of 1-63 letters, digits and hyphens (not starting or ending with a hyphen) or a group ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package-group/NAME'
  )
}

/** A version number (`7` or `v7`) or a package ARN of the group's own versions. */
export function parsePackageRef(
  input: string,
  value: string,
  group: GroupRef,
  region: string
): PackageRef {
  const version = /^v?(\d+)$/i.exec(value)
  if (version && Number(version[1]) >= 1) return { kind: 'version', version: Number(version[1]) }
  const arn = parsePackageArn(value)
  if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
    const { region: arnRegion, name: groupName } = arn
    // SageMaker writes resource names lower-case inside ARNs, so compare without case.
    if (groupName.toLowerCase() !== group.name.toLowerCase()) {
      throw new InputError(
        input,
        `Input "${input}" is a version of group "${groupName}", not of "${group.name}" (model-package-group); got ${shown(input, value)}.`
      )
    }
    if (arnRegion !== region) {
      throw new InputError(
        input,
        `Input "${input}" is in region ${arnRegion}, but the region is ${region}; got ${shown(input, value)}.`
      )
    }
    return { kind: 'arn', arn: value }
  }
  throw invalid(
    input,
    value,
    'a version number (7 or v7) or a model package ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package/GROUP/N'
  )
}

/** The optional `model-package` input as a reference to a version of `group`. */
function modelPackageRef(
  value: string | undefined,
  group: GroupRef,
  region: string
): PackageRef | undefined {
  return value === undefined ? undefined : parsePackageRef('model-package', value, group, region)
}

export function parseBaseline(value: string): BaselineSpec {
  const accepted = 'latest-approved, none, endpoint:NAME or version:N'
  const lower = value.toLowerCase()
  if (lower === 'latest-approved') return { kind: 'latest-approved' }
  if (lower === 'none') return { kind: 'none' }
  const [kind, ...rest] = value.split(':')
  const arg = rest.join(':').trim()
  if (kind?.trim().toLowerCase() === 'endpoint' && RESOURCE_NAME.test(arg)) {
    return { kind: 'endpoint', endpointName: arg }
  }
  if (kind?.trim().toLowerCase() === 'version' && /^v?[1-9]\d*$/i.test(arg)) {
    return { kind: 'version', version: Number(arg.replace(/^v/i, '')) }
  }
  throw invalid('baseline', value, accepted)
}

/** `v7=90,v8=10`: weights per version; non-negative whole numbers that do not all add to 0. */
export function parseTraffic(value: string): DeploySettings['traffic'] {
  if (!value) return []
  const accepted = 'version=weight pairs such as v7=90,v8=10 (whole-number weights, not all 0)'
  const result: DeploySettings['traffic'] = []
  // Not splitList: it drops repeats, and `v1=50,v1=50` must be refused, not read as `v1=50`.
  const entries = value
    .split(/[,\n]/)
    .map(entry => entry.trim())
    .filter(Boolean)
  for (const entry of entries) {
    const m = /^v?([1-9]\d*)\s*=\s*(\d+)$/i.exec(entry)
    if (!m) throw invalid('traffic', value, accepted)
    const version = Number(m[1])
    if (result.some(r => r.version === version)) {
      throw new InputError(
        'traffic',
        `Input "traffic" gives version ${version} twice; give each version one weight (a version cannot be two variants of one endpoint); got ${shown('traffic', value)}.`
      )
    }
    result.push({ version, weight: Number(m[2]) })
  }
  if (result.reduce((sum, r) => sum + r.weight, 0) <= 0) throw invalid('traffic', value, accepted)
  return result
}

function checkInstanceType(input: string, value: string, kind: 'realtime' | 'transform'): string {
  const known = kind === 'realtime' ? REALTIME_TYPES : TRANSFORM_TYPES
  if (known.has(value)) return value
  const family = value.split('.').slice(0, 2).join('.') + '.'
  const near = [...known].filter(t => t.startsWith(family)).slice(0, 6)
  const what =
    kind === 'realtime'
      ? 'a SageMaker real-time inference instance type'
      : 'a SageMaker batch transform instance type'
  throw invalid(
    input,
    value,
    near.length ? `${what}, such as ${near.join(', ')}` : `${what}, such as ml.m5.large`
  )
}

function checkS3Uri(input: string, value: string | undefined): string | undefined {
  if (value !== undefined && !S3_URI.test(value)) {
    throw invalid(input, value, 'an S3 URI such as s3://bucket/prefix/file')
  }
  return value
}

function checkLength(input: string, value: string | undefined, max: number): string | undefined {
  if (value !== undefined && value.length > max) {
    throw new InputError(
      input,
      `Input "${input}" must be at most ${max} characters; got ${value.length}.`
    )
  }
  return value
}

function characterName(char: string): string {
  const names: Record<string, string> = {
    '\n': 'a line break',
    '\r': 'a carriage return',
    '\t': 'a tab'
  }
  return (
    names[char] ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  )
}

/**
 * Free text SageMaker checks against a character pattern, checked here first, so that a
 * YAML `|` block does not create the group and upload the statistics before SageMaker
 * refuses the description.
 */
function checkText(
  input: string,
  value: string | undefined,
  rule: { pattern: RegExp; field: string; accepted: string }
): string | undefined {
  if (value === undefined) return undefined
  checkLength(input, value, DESCRIPTION_MAX)
  if (rule.pattern.test(value)) return value
  const chars = [...value]
  const index = chars.findIndex(char => !rule.pattern.test(char))
  throw new InputError(
    input,
    `Input "${input}" goes to SageMaker's ${rule.field}, which accepts ${rule.accepted}; it holds ${characterName(chars[index] ?? '')} at character ${index + 1}. A YAML "|" block keeps its line breaks: use ">-" to fold them into spaces, or write one line.`
  )
}

const DESCRIPTION_RULE = (field: string) => ({
  pattern: ENTITY_DESCRIPTION,
  field,
  accepted:
    'letters, digits, spaces, punctuation and symbols only (no line break, tab or other control character)'
})

function checkRoleArn(inputs: Inputs): string | undefined {
  const value = inputs.optional('execution-role-arn')
  if (value !== undefined && !ROLE_ARN.test(value)) {
    throw invalid(
      'execution-role-arn',
      value,
      'an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution'
    )
  }
  return value
}

function checkMimeTypes(input: string, value: string): string[] {
  const types = splitList(value)
  for (const type of types) {
    if (!MIME_TYPE.test(type))
      throw invalid(input, type, 'MIME types such as text/csv or application/json')
  }
  if (types.length === 0) throw invalid(input, value, 'at least one MIME type such as text/csv')
  return types
}

function serverless(inputs: Inputs, instanceType: string | undefined) {
  const memory = inputs.get('serverless-memory-mb')
  let serverlessMemoryMb: number | undefined
  if (memory) {
    const n = Number(memory)
    if (!/^\d+$/.test(memory) || !(SERVERLESS_MEMORY_SIZES as readonly number[]).includes(n)) {
      throw invalid('serverless-memory-mb', memory, `one of ${SERVERLESS_MEMORY_SIZES.join(', ')}`)
    }
    serverlessMemoryMb = n
  }
  const serverlessMaxConcurrency = inputs.optionalInt('serverless-max-concurrency', 1, 200)
  if (serverlessMemoryMb !== undefined && instanceType !== undefined) {
    throw new InputError(
      'serverless-memory-mb',
      `Inputs "instance-type" and "serverless-memory-mb" exclude each other: give an instance type for an instance endpoint, or a memory size for a serverless one; got ${shown('instance-type', instanceType)} and ${shown('serverless-memory-mb', memory)}.`
    )
  }
  if (serverlessMaxConcurrency !== undefined && serverlessMemoryMb === undefined) {
    throw new InputError(
      'serverless-max-concurrency',
      'Input "serverless-max-concurrency" applies to serverless endpoints only: set "serverless-memory-mb" too.'
    )
  }
  return { serverlessMemoryMb, serverlessMaxConcurrency }
}

/**
 * Policy text is kept as given so that `src/policy` reports lines and columns the user can
 * find; here it only counts as absent when it holds nothing but blank or comment lines.
 */
function policyText(inputs: Inputs, name: string): string {
  const text = inputs.get(name)
  return text.split('\n').some(l => l.trim() && !l.trim().startsWith('#')) ? text : ''
}

/**
 * `metrics-s3-uri` names an existing statistics object to attach when it ends in `.json`;
 * any other URI is the folder the statistics this run builds are written to.
 */
export function isStatisticsObjectUri(uri: string): boolean {
  return /\.json$/i.test(uri)
}

function readRegister(inputs: Inputs): RegisterSettings {
  const modelDataUrl = inputs.optional('model-data-url')
  const imageUri = inputs.optional('image-uri')
  const trainingJobName = inputs.optional('training-job-name')
  const tuningJobName = inputs.optional('tuning-job-name')
  const given = [
    modelDataUrl && 'model-data-url',
    trainingJobName && 'training-job-name',
    tuningJobName && 'tuning-job-name'
  ].filter((s): s is string => Boolean(s))
  const sources = '"model-data-url" with "image-uri", "training-job-name", or "tuning-job-name"'
  if (given.length === 0) {
    throw new InputError(
      'model-data-url',
      `Mode "register" needs exactly one model source: ${sources}; got none.`
    )
  }
  if (given.length > 1) {
    throw new InputError(
      given[1] as string,
      `Mode "register" needs exactly one model source: ${sources}; got ${given.map(g => `"${g}"`).join(' and ')}.`
    )
  }
  if (imageUri !== undefined && (/\s/.test(imageUri) || imageUri.length > 255)) {
    throw invalid(
      'image-uri',
      imageUri,
      'a container image URI such as ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag'
    )
  }
  let source: RegisterSettings['source']
  if (modelDataUrl !== undefined) {
    if (!S3_URI.test(modelDataUrl) && !HTTPS_URL.test(modelDataUrl)) {
      throw invalid('model-data-url', modelDataUrl, 'an S3 URI such as s3://bucket/model.tar.gz')
    }
    if (imageUri === undefined) {
      throw new InputError(
        'image-uri',
        'Input "image-uri" is required with "model-data-url": the inference image that serves the model.'
      )
    }
    source = { kind: 'artifact', modelDataUrl, imageUri }
  } else if (trainingJobName !== undefined) {
    if (!RESOURCE_NAME.test(trainingJobName)) {
      throw invalid(
        'training-job-name',
        trainingJobName,
        'a training job name of 1-63 letters, digits and hyphens'
      )
    }
    source = { kind: 'training-job', trainingJobName, ...(imageUri ? { imageUri } : {}) }
  } else {
    const name = tuningJobName as string
    if (!TUNING_JOB_NAME.test(name)) {
      throw invalid(
        'tuning-job-name',
        name,
        'a tuning job name of 1-32 letters, digits and hyphens'
      )
    }
    source = { kind: 'tuning-job', tuningJobName: name, ...(imageUri ? { imageUri } : {}) }
  }
  const stage = inputs.optional('model-lifecycle-stage')
  const metricsFile = inputs.optional('metrics-file')
  const metricsS3Uri = checkS3Uri('metrics-s3-uri', inputs.optional('metrics-s3-uri'))
  if (
    metricsFile !== undefined &&
    metricsS3Uri !== undefined &&
    isStatisticsObjectUri(metricsS3Uri)
  ) {
    throw new InputError(
      'metrics-s3-uri',
      `Inputs "metrics-file" and "metrics-s3-uri" ${shown('metrics-s3-uri', metricsS3Uri)} are two sources of metrics for one version: a URI ending in .json is an existing statistics object that is attached as it is. Give one of them, or make "metrics-s3-uri" a folder (such as s3://bucket/metrics/) for the statistics built from "metrics-file".`
    )
  }
  return {
    groupDescription: checkText(
      'group-description',
      inputs.optional('group-description'),
      DESCRIPTION_RULE('ModelPackageGroupDescription')
    ),
    groupTags: parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS),
    source,
    metricsFile,
    metricsS3Uri,
    description: checkText(
      'description',
      inputs.optional('description'),
      DESCRIPTION_RULE('ModelPackageDescription')
    ),
    approvalStatus: inputs.oneOf('approval-status', APPROVAL_STATUSES),
    customerMetadata: parseKeyValues(
      'customer-metadata',
      inputs.get('customer-metadata'),
      METADATA_LIMITS
    ),
    inferenceInstances: splitList(inputs.get('inference-instances')).map(t =>
      checkInstanceType('inference-instances', t, 'realtime')
    ),
    transformInstances: splitList(inputs.get('transform-instances')).map(t =>
      checkInstanceType('transform-instances', t, 'transform')
    ),
    contentTypes: checkMimeTypes('content-types', inputs.get('content-types')),
    responseTypes: checkMimeTypes('response-types', inputs.get('response-types')),
    modelLifecycleStage: checkStage(stage),
    projectId: checkText('project-id', inputs.optional('project-id'), {
      pattern: ONE_LINE,
      field: 'MetadataProperties.ProjectId',
      accepted: 'one line of text'
    })
  }
}

function checkStage(stage: string | undefined): string | undefined {
  if (stage !== undefined && !RESOURCE_NAME.test(stage)) {
    throw invalid(
      'model-lifecycle-stage',
      stage,
      'a stage name of 1-63 letters, digits and hyphens, such as staging'
    )
  }
  return stage
}

function readGate(inputs: Inputs, group: GroupRef, region: string): GateSettings {
  const thresholds = policyText(inputs, 'thresholds')
  const maxRegression = policyText(inputs, 'max-regression')
  const metricDirections = policyText(inputs, 'metric-directions')
  if (!thresholds && !maxRegression) {
    throw new InputError(
      'thresholds',
      'Mode "gate" needs a policy: set "thresholds" (e.g. validation:auc >= 0.85), "max-regression" (e.g. validation:auc -0.01), or both.'
    )
  }
  try {
    parsePolicy(thresholds, maxRegression, metricDirections)
  } catch (error) {
    // The policy grammar's own message already names the input, line and column.
    if (error instanceof PolicyError)
      throw new InputError(error.input ?? 'thresholds', error.message)
    throw error
  }
  const validationMethod = inputs.oneOf('validation-method', VALIDATION_METHODS)
  const rawInstanceType = inputs.optional('instance-type')
  const instanceType =
    rawInstanceType === undefined
      ? undefined
      : checkInstanceType(
          'instance-type',
          rawInstanceType,
          validationMethod === 'endpoint' ? 'realtime' : 'transform'
        )
  const { serverlessMemoryMb, serverlessMaxConcurrency } = serverless(inputs, instanceType)
  if (validationMethod === 'batch-transform' && serverlessMemoryMb !== undefined) {
    throw new InputError(
      'serverless-memory-mb',
      'Input "serverless-memory-mb" applies to validation-method "endpoint" only; batch transform runs on instances ("instance-type").'
    )
  }
  const thresholdRange = 'a number from 0 to 1'
  const decisionThreshold = inputs.decimal('decision-threshold', thresholdRange)
  if (decisionThreshold > 1) {
    throw invalid('decision-threshold', inputs.get('decision-threshold'), thresholdRange)
  }
  const alphaRange = 'a number between 0 and 1 (exclusive), such as 0.05'
  const alpha = inputs.decimal('alpha', alphaRange)
  if (alpha <= 0 || alpha >= 1) throw invalid('alpha', inputs.get('alpha'), alphaRange)
  const labelColumn = inputs.get('label-column')
  const validationData = inputs.optional('validation-data')
  if (validationData?.startsWith('s3://')) checkS3Uri('validation-data', validationData)
  const modelPackage = inputs.optional('model-package')
  return {
    modelPackage: modelPackageRef(modelPackage, group, region),
    thresholds,
    maxRegression,
    metricDirections,
    baseline: parseBaseline(inputs.get('baseline')),
    onPass: inputs.oneOf('on-pass', ['Approved', 'none'] as const),
    onFail: inputs.oneOf('on-fail', ['Rejected', 'none'] as const),
    failOnReject: inputs.bool('fail-on-reject'),
    validationData,
    validationMethod,
    task: inputs.oneOf('task', TASKS),
    labelColumn,
    predictionColumn: inputs.optional('prediction-column'),
    decisionThreshold,
    alpha,
    executionRoleArn: checkRoleArn(inputs),
    instanceType,
    serverlessMemoryMb,
    serverlessMaxConcurrency,
    maxConcurrency: inputs.int('max-concurrency', 1, 64)
  }
}

function readDecision(
  inputs: Inputs,
  mode: Mode,
  group: GroupRef,
  region: string
): DecisionSettings {
  const reason = checkLength('reason', inputs.optional('reason'), DESCRIPTION_MAX)
  if (reason === undefined) {
    throw required('reason', mode, 'the justification recorded on the version with your decision')
  }
  const modelPackage = inputs.optional('model-package')
  return {
    modelPackage: modelPackageRef(modelPackage, group, region),
    reason,
    force: inputs.bool('force'),
    modelLifecycleStage: checkStage(inputs.optional('model-lifecycle-stage'))
  }
}

/** How many wait intervals a blue/green update bakes for, by traffic-shifting strategy. */
function bakeIntervals(strategy: DeploymentStrategy, linearStep: number): number {
  if (strategy === 'canary') return 2
  if (strategy === 'linear') return Math.ceil(100 / linearStep)
  return 1
}

function readDeploy(inputs: Inputs, mode: Mode, group: GroupRef, region: string): DeploySettings {
  const endpointName = inputs.optional('endpoint-name')
  if (endpointName === undefined) {
    throw required(
      'endpoint-name',
      mode,
      `the endpoint to ${mode === 'deploy' ? 'deploy to' : 'roll back'}`
    )
  }
  if (!RESOURCE_NAME.test(endpointName)) {
    throw invalid(
      'endpoint-name',
      endpointName,
      'an endpoint name of 1-63 letters, digits and hyphens'
    )
  }
  const rawInstanceType = inputs.optional('instance-type')
  const instanceType =
    rawInstanceType === undefined
      ? undefined
      : checkInstanceType('instance-type', rawInstanceType, 'realtime')
  const { serverlessMemoryMb, serverlessMaxConcurrency } = serverless(inputs, instanceType)
  const deploymentStrategy = inputs.oneOf('deployment-strategy', DEPLOYMENT_STRATEGIES)
  // Deployment guardrails exclusions: Inferentia 1 endpoints silently fall back to
  // all-at-once, which would defeat the canary the user asked for.
  if (deploymentStrategy !== 'all-at-once' && instanceType?.startsWith('ml.inf1.')) {
    throw new InputError(
      'deployment-strategy',
      `Input "deployment-strategy" "${deploymentStrategy}" is not available on ${instanceType}: SageMaker deploys Inferentia 1 endpoints all at once; use all-at-once.`
    )
  }
  // TrafficRoutingConfig: a canary is at most 50% of capacity, a linear step 10-50%.
  const canarySize = inputs.int('canary-size', 1, 50)
  const linearStepSize = inputs.int('linear-step-size', 10, 50)
  const waitIntervalSeconds = inputs.int('wait-interval', 0, 3600)
  const terminationWaitSeconds = inputs.int('termination-wait', 0, 3600)
  const maxExecutionTimeoutSeconds = inputs.optionalInt('max-execution-timeout', 600, 28800)
  const waitTimeoutSeconds = inputs.int('wait-timeout', 1)
  const designedWait =
    bakeIntervals(deploymentStrategy, linearStepSize) * waitIntervalSeconds + terminationWaitSeconds
  if (maxExecutionTimeoutSeconds !== undefined && maxExecutionTimeoutSeconds <= designedWait) {
    throw new InputError(
      'max-execution-timeout',
      `Input "max-execution-timeout" must exceed the deployment's own waiting time (${designedWait} s from "wait-interval" and "termination-wait"); got "${maxExecutionTimeoutSeconds}".`
    )
  }
  if (waitTimeoutSeconds <= designedWait) {
    throw new InputError(
      'wait-timeout',
      `Input "wait-timeout" must exceed the deployment's own waiting time (${designedWait} s from "wait-interval" and "termination-wait" with strategy ${deploymentStrategy}); got "${waitTimeoutSeconds}".`
    )
  }
  const rollbackAlarms = splitList(inputs.get('rollback-alarms'))
  if (rollbackAlarms.length > 10) {
    throw new InputError(
      'rollback-alarms',
      `Input "rollback-alarms" may name at most 10 CloudWatch alarms; got ${rollbackAlarms.length}.`
    )
  }
  for (const alarm of rollbackAlarms) {
    if (alarm.length > 255)
      throw invalid('rollback-alarms', alarm, 'CloudWatch alarm names of 1-255 characters')
  }
  const traffic = parseTraffic(inputs.get('traffic'))
  const modelPackage = inputs.optional('model-package')
  if (traffic.length > 0 && modelPackage !== undefined) {
    throw new InputError(
      'traffic',
      'Inputs "traffic" and "model-package" exclude each other: "traffic" already names the versions to serve.'
    )
  }
  const rejectCurrent = inputs.bool('reject-current')
  const reason = checkLength('reason', inputs.optional('reason'), DESCRIPTION_MAX)
  if (rejectCurrent && reason === undefined) {
    throw new InputError(
      'reason',
      'Input "reason" is required with "reject-current: true": it is recorded on the rejected version.'
    )
  }
  return {
    endpointName,
    modelPackage: modelPackageRef(modelPackage, group, region),
    executionRoleArn: checkRoleArn(inputs),
    instanceType,
    instanceCount: inputs.optionalInt('instance-count', 1),
    serverlessMemoryMb,
    serverlessMaxConcurrency,
    dataCaptureS3Uri: checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri')),
    deploymentStrategy,
    canarySize,
    linearStepSize,
    waitIntervalSeconds,
    terminationWaitSeconds,
    maxExecutionTimeoutSeconds,
    rollbackAlarms,
    waitTimeoutSeconds,
    environment: inputs.optional('environment'),
    traffic,
    rejectCurrent,
    reason
  }
}

function readReport(inputs: Inputs, group: GroupRef, region: string): ReportSettings {
  const raw = inputs.get('versions')
  const versions = splitList(raw).map(v => {
    const m = /^v?([1-9]\d*)$/i.exec(v)
    if (!m) throw invalid('versions', raw, 'version numbers separated by commas, such as 5,6,7')
    return Number(m[1])
  })
  const modelPackage = inputs.optional('model-package')
  return {
    versions,
    modelPackage: modelPackageRef(modelPackage, group, region)
  }
}

function readGroup(inputs: Inputs): GroupSettings {
  const operation = inputs.oneOf('group-operation', GROUP_OPERATIONS)
  const groupTags = parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS)
  const accountIds = splitList(inputs.get('account-ids'))
  for (const id of accountIds) {
    if (!ACCOUNT_ID.test(id)) throw invalid('account-ids', id, 'AWS account ids of 12 digits')
  }
  if ((operation === 'share' || operation === 'unshare') && accountIds.length === 0) {
    throw new InputError(
      'account-ids',
      `Input "account-ids" is required for group-operation "${operation}": the AWS accounts to ${operation} the group with.`
    )
  }
  if (operation === 'update-tags' && Object.keys(groupTags).length === 0) {
    throw new InputError(
      'group-tags',
      'Input "group-tags" is required for group-operation "update-tags": key=value pairs, one per line.'
    )
  }
  return { operation, groupTags, accountIds, force: inputs.bool('force') }
}

/**
 * Reads every input once into a typed, validated Settings; throws InputError naming the
 * first bad input. Only the current mode's part of Settings is set.
 */
export function readSettings(read: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const inputs = new Inputs(read)
  const rawMode = inputs.get('mode')
  const mode = MODES.find(m => m === rawMode.toLowerCase())
  if (mode === undefined) {
    if (!rawMode) {
      throw new InputError('mode', `Input "mode" is required: one of ${MODES.join(', ')}.`)
    }
    throw notOneOf('mode', rawMode, MODES)
  }
  const regionValue =
    inputs.get('region') || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()
  if (!regionValue) {
    throw new InputError(
      'region',
      'Input "region" is required: set it, or AWS_REGION (or AWS_DEFAULT_REGION) in the environment, e.g. us-east-1.'
    )
  }
  const region = parseRegion(regionValue)
  const groupValue = inputs.get('model-package-group')
  if (!groupValue) {
    throw new InputError(
      'model-package-group',
      'Input "model-package-group" is required: the model package group name or ARN.'
    )
  }
  const group = parseGroupRef(groupValue, region)
  const settings: Settings = {
    mode,
    group,
    region,
    githubToken: inputs.raw('github-token'),
    dryRun: inputs.bool('dry-run'),
    comment: inputs.bool('comment'),
    history: inputs.int('history', 1, 100)
  }
  switch (mode) {
    case 'register':
      settings.register = readRegister(inputs)
      break
    case 'gate':
      settings.gate = readGate(inputs, group, region)
      break
    case 'approve':
    case 'reject':
      settings.decision = readDecision(inputs, mode, group, region)
      break
    case 'deploy':
    case 'rollback':
      settings.deploy = readDeploy(inputs, mode, group, region)
      break
    case 'compare':
    case 'lineage':
      settings.report = readReport(inputs, group, region)
      break
    case 'group':
      settings.groupOps = readGroup(inputs)
      break
  }
  return settings
}
