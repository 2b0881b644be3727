// Everything the emulator remembers, plus its clock-driven work (lifecycle timers), so
// that one reset() returns it to a clean account.
import { createHash } from 'node:crypto'
import type { Policy } from './iam.ts'
import type { LinearModel } from './model.ts'
import type { Input } from './validate.ts'

export const ACCOUNT_ID = '123456789012'

export interface Delays {
  packageCompleteMs: number
  endpointCreateMs: number
  endpointUpdateMs: number
  endpointDeleteMs: number
  transformJobMs: number
  /** Transform job `Stopping -> Stopped`. */
  transformStopMs: number
  /** Captured requests reach S3 this long after the invocation. */
  captureDeliveryMs: number
  /**
   * Real milliseconds per second of a deployment's WaitIntervalInSeconds and
   * TerminationWaitInSeconds, so canary/linear steps take time without taking minutes.
   */
  waitSecondMs?: number
}

export const DEFAULT_DELAYS: Required<Delays> = {
  packageCompleteMs: 50,
  endpointCreateMs: 100,
  endpointUpdateMs: 100,
  endpointDeleteMs: 50,
  transformJobMs: 100,
  transformStopMs: 50,
  captureDeliveryMs: 100,
  waitSecondMs: 5
}

export interface FailSpec {
  count: number
  error: string
  message?: string
  status?: number
}

export interface Faults {
  throttleAll: number
  throttleOps: Map<string, number>
  latencyMs: Map<string, number>
  failNext: Map<string, FailSpec>
  /** CloudWatch alarm states that blue/green auto-rollback consults. */
  alarms: Map<string, string>
  /** Account quota "<instance type> for endpoint usage"; `*` is the default for all types. */
  instanceLimits: Map<string, number>
  /** Extra model latency per `<endpoint>/<variant>` (lower-cased endpoint name). */
  variantLatencyMs: Map<string, number>
  /**
   * How the next change of an endpoint (lower-cased name) ends instead of its own outcome:
   * `OutOfService` when the update would finish, `UpdateRollbackFailed` when it rolls back.
   */
  endpointOutcomes: Map<string, EndpointOutcome>
}

export type EndpointOutcome = 'OutOfService' | 'UpdateRollbackFailed'

/** One InvokeEndpoint that reached a variant: what CloudWatch's endpoint metrics count. */
export interface InvocationRecord {
  endpoint: string
  variant: string
  time: number
  /** 0 for a 2xx answer, else the HTTP class of the model's error (4 or 5). */
  errorClass: 0 | 4 | 5
  modelLatencyUs: number
  overheadLatencyUs: number
}

/** A captured request waiting to be delivered to S3 (delivery is batched, as in SageMaker). */
export interface CaptureRecord {
  destination: string
  endpoint: string
  variant: string
  time: number
  line: string
}

export interface GroupRec {
  name: string
  arn: string
  description?: string
  creationTime: number
  policy?: string
  nextVersion: number
  /** Live versions in creation order (deleted ones removed). */
  versions: PackageRec[]
}

export interface PackageRec {
  arn: string
  /** The group name for versioned packages, the package's own name otherwise. */
  name: string
  groupName?: string
  version?: number
  seq: number
  creationTime: number
  lastModifiedTime?: number
  status: 'Pending' | 'InProgress' | 'Completed' | 'Failed' | 'Deleting'
  approval?: string
  approvalDescription?: string
  customerMetadata?: Record<string, string>
  /** Describe fields taken from the create request, unchanged unless an update names them. */
  fields: Input
}

export interface ModelRec {
  name: string
  arn: string
  creationTime: number
  fields: Input
  /** Where the first container's artifact lives, resolved at CreateModel. */
  artifactUri?: string
  image?: string
}

export interface EndpointConfigRec {
  name: string
  arn: string
  creationTime: number
  fields: Input
  variants: Input[]
}

export interface VariantState {
  name: string
  modelName: string
  model: LinearModel
  deployedImages: Input[]
  weight: number
  desiredWeight: number
  instanceType?: string
  instanceCount?: number
  desiredInstanceCount?: number
  serverless?: Input
  /** Smooth weighted round-robin credit. */
  credit: number
}

export interface PendingDeployment {
  configName: string
  config: EndpointConfigRec
  variants?: VariantState[]
  /** Share of traffic (0..1) the new fleet receives. */
  greenShare: number
  greenCredit: number
  phase: 'Creating' | 'ActivatingTraffic' | 'Baking'
  startTime: number
  phaseStart: number
  deploymentConfig?: Input
}

export interface EndpointRec {
  name: string
  arn: string
  configName: string
  status: string
  failureReason?: string
  creationTime: number
  lastModifiedTime: number
  variants: VariantState[]
  pending?: PendingDeployment
  /** Instances reserved while creating or updating (counted against the quota). */
  reserved: Map<string, number>
  lastDeploymentConfig?: Input
  deploymentConfig?: Input
  dataCaptureConfig?: Input
  generation: number
}

export interface TransformJobRec {
  name: string
  arn: string
  status: string
  failureReason?: string
  creationTime: number
  startTime?: number
  endTime?: number
  fields: Input
  generation: number
}

export interface LineageRec {
  kind: 'context' | 'action' | 'artifact'
  name?: string
  arn: string
  type?: string
  creationTime: number
  lastModifiedTime: number
  fields: Input
}

export interface AssociationRec {
  sourceArn: string
  destinationArn: string
  associationType?: string
  creationTime: number
}

export interface S3Object {
  body: Buffer
  contentType: string
  etag: string
  lastModified: number
  metadata: Record<string, string>
}

export interface Stats {
  operations: Record<string, number>
  s3: Record<string, number>
  runtime: Record<string, number>
  cloudwatch: Record<string, number>
  /** Requests (mini-batches) each transform job sent to its model, by job name. */
  transform: Record<string, number>
  throttled: number
  /** Requests answered by a `failNext` fault (errors and dropped connections). */
  injected: number
}

/** One SageMaker request that reached its handler: its input and, when it failed, the error. */
export interface CallRecord {
  operation: string
  input: Record<string, unknown>
  error?: string
}

/** A small seeded generator, so throttling at a given rate replays identically. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Options {
  /** How resource names appear inside ARNs: lower-cased (the default) or as created. */
  arnCase: 'lower' | 'preserve'
}

export class Store {
  delays: Required<Delays>
  /** Kept across reset(), like delays: they describe the account, not its contents. */
  options: Options = { arnCase: 'lower' }
  /** The identity policy every request is checked against; none = everything allowed. */
  policy?: Policy
  faults!: Faults
  stats!: Stats
  /** Every SageMaker request past the injected faults, in the order they arrived. */
  calls: CallRecord[] = []
  random!: () => number
  /** Sampling for data capture, apart from the throttling sequence. */
  captureRandom!: () => number
  invocations: InvocationRecord[] = []
  captureBuffer: CaptureRecord[] = []
  seq = 0

  groups = new Map<string, GroupRec>()
  /** Keyed by lower-cased ARN. */
  packages = new Map<string, PackageRec>()
  /** Unversioned packages by lower-cased name. */
  unversioned = new Map<string, PackageRec>()
  clientTokens = new Map<string, { arn: string; fingerprint: string }>()
  tags = new Map<string, { Key: string; Value: string }[]>()
  trainingJobs = new Map<string, Input>()
  tuningJobs = new Map<string, Input>()
  models = new Map<string, ModelRec>()
  endpointConfigs = new Map<string, EndpointConfigRec>()
  endpoints = new Map<string, EndpointRec>()
  transformJobs = new Map<string, TransformJobRec>()
  /** Contexts and actions by lower-cased name; artifacts by lower-cased ARN. */
  contexts = new Map<string, LineageRec>()
  actions = new Map<string, LineageRec>()
  artifacts = new Map<string, LineageRec>()
  associations = new Map<string, AssociationRec>()
  buckets = new Map<string, Map<string, S3Object>>()

  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(delays: Partial<Delays> = {}) {
    this.delays = { ...DEFAULT_DELAYS, ...delays }
    this.clearRuntime()
  }

  private clearRuntime(): void {
    this.faults = {
      throttleAll: 0,
      throttleOps: new Map(),
      latencyMs: new Map(),
      failNext: new Map(),
      alarms: new Map(),
      instanceLimits: new Map([['*', 20]]),
      variantLatencyMs: new Map(),
      endpointOutcomes: new Map()
    }
    this.invocations = []
    this.captureBuffer = []
    this.policy = undefined
    this.captureRandom = rng(7)
    this.stats = {
      operations: {},
      s3: {},
      runtime: {},
      cloudwatch: {},
      transform: {},
      throttled: 0,
      injected: 0
    }
    this.calls = []
    this.random = rng(42)
  }

  now(): number {
    return Date.now()
  }

  nextSeq(): number {
    return ++this.seq
  }

  /** Runs `fn` after `ms`; reset() and close() cancel whatever has not run yet. */
  schedule(ms: number, fn: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        fn()
      },
      Math.max(0, ms)
    )
    timer.unref()
    this.timers.add(timer)
  }

  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  reset(): void {
    this.cancelTimers()
    for (const m of [
      this.groups,
      this.packages,
      this.unversioned,
      this.clientTokens,
      this.tags,
      this.trainingJobs,
      this.tuningJobs,
      this.models,
      this.endpointConfigs,
      this.endpoints,
      this.transformJobs,
      this.contexts,
      this.actions,
      this.artifacts,
      this.associations,
      this.buckets
    ] as Map<string, unknown>[])
      m.clear()
    this.seq = 0
    this.clearRuntime()
  }

  count(kind: keyof Omit<Stats, 'throttled' | 'injected'>, op: string, n = 1): void {
    const bucket = this.stats[kind]
    bucket[op] = (bucket[op] ?? 0) + n
  }

  getObject(bucket: string, key: string): S3Object | undefined {
    return this.buckets.get(bucket)?.get(key)
  }

  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    contentType: string,
    metadata: Record<string, string> = {}
  ): S3Object {
    let b = this.buckets.get(bucket)
    if (!b) {
      b = new Map()
      this.buckets.set(bucket, b)
    }
    const obj: S3Object = {
      body,
      contentType,
      etag: `"${md5(body)}"`,
      lastModified: this.now(),
      metadata
    }
    b.set(key, obj)
    return obj
  }
}

function md5(body: Buffer): string {
  return createHash('md5').update(body).digest('hex')
}

/** `s3://bucket/key` -> parts, or undefined when it is not an S3 URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri)
  if (!m) return undefined
  return { bucket: m[1]!, key: m[2]! }
}
