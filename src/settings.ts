// The typed, validated form of every input. `src/inputs/` is the only place that builds
// these; everything else receives them already checked. A mode's runner receives the
// settings of its own mode (`SettingsOf<'gate'>`), so it never looks for another's.
import type { RegressionTest } from './evaluation/readings.js'
import type { Policy } from './policy/types.js'

export const MODES = [
  'register',
  'gate',
  'approve',
  'reject',
  'deploy',
  'rollback',
  'compare',
  'lineage',
  'group',
  'ab-test'
] as const
export type Mode = (typeof MODES)[number]

export type ApprovalStatus = 'PendingManualApproval' | 'Approved' | 'Rejected'

/** A version named by the user: a package ARN or a version number within the group. */
export type PackageRef = { kind: 'arn'; arn: string } | { kind: 'version'; version: number }

/** The group as named by the user: a plain name, or the ARN of a group shared with us. */
export interface GroupRef {
  /** What SageMaker accepts as `ModelPackageGroupName` (the name, or the whole ARN). */
  nameOrArn: string
  /** The bare group name, for ARNs, markers and report titles. */
  name: string
  /** Set when the group was given as an ARN. */
  arn?: string
}

/** What every mode reads. */
export interface CommonSettings {
  group: GroupRef
  region: string
  githubToken: string
  dryRun: boolean
  comment: boolean
  history: number
}

export interface RegisterSettings {
  groupDescription?: string
  groupTags: Record<string, string>
  source:
    | { kind: 'artifact'; modelDataUrl: string; imageUri: string }
    | { kind: 'training-job'; trainingJobName: string; imageUri?: string }
    | { kind: 'tuning-job'; tuningJobName: string; imageUri?: string }
  metricsFile?: string
  metricsS3Uri?: string
  description?: string
  /** As given; absent means new versions wait for approval and a reused one is left alone. */
  approvalStatus?: ApprovalStatus
  customerMetadata: Record<string, string>
  inferenceInstances: string[]
  transformInstances: string[]
  contentTypes: string[]
  responseTypes: string[]
  modelLifecycleStage?: string
  projectId?: string
}

export type BaselineSpec =
  | { kind: 'latest-approved' }
  | { kind: 'endpoint'; endpointName: string }
  | { kind: 'version'; version: number }
  | { kind: 'none' }

export type Task = 'binary' | 'multiclass' | 'regression'

export interface GateSettings {
  modelPackage?: PackageRef
  /** `thresholds`, `max-regression` and `metric-directions`, parsed once by `src/inputs`. */
  policy: Policy
  baseline: BaselineSpec
  onPass: 'Approved' | 'none'
  onFail: 'Rejected' | 'none'
  failOnReject: boolean
  validationData?: string
  validationMethod: 'endpoint' | 'batch-transform'
  task: Task
  labelColumn: string
  predictionColumn?: string
  decisionThreshold: number
  alpha: number
  executionRoleArn?: string
  instanceType?: string
  serverlessMemoryMb?: number
  serverlessMaxConcurrency?: number
  maxConcurrency: number
  /** How regression limits on `live:` metrics are read (registry metrics: always `point`). */
  regressionTest: RegressionTest
  /** Batch transform's staging prefix; beside `validationData` when it is in S3. */
  workS3Uri?: string
}

export interface DecisionSettings {
  modelPackage?: PackageRef
  reason: string
  force: boolean
  modelLifecycleStage?: string
}

export type DeploymentStrategy = 'all-at-once' | 'canary' | 'linear'

export interface DeploySettings {
  endpointName: string
  modelPackage?: PackageRef
  executionRoleArn?: string
  instanceType?: string
  /** Absent: 1 on a new endpoint, else the count the endpoint runs (see resolveCompute). */
  instanceCount?: number
  serverlessMemoryMb?: number
  serverlessMaxConcurrency?: number
  dataCaptureS3Uri?: string
  /** Percent of requests captured (1-100) when `dataCaptureS3Uri` is set. */
  dataCaptureSamplingPercentage: number
  deploymentStrategy: DeploymentStrategy
  /** Percent of capacity for the canary step (1-100). */
  canarySize: number
  /** Percent of capacity per linear step (1-100). */
  linearStepSize: number
  waitIntervalSeconds: number
  terminationWaitSeconds: number
  maxExecutionTimeoutSeconds?: number
  rollbackAlarms: string[]
  waitTimeoutSeconds: number
  environment?: string
  /** A/B weights per version, e.g. `v7=90,v8=10`; empty when not given. */
  traffic: { version: number; weight: number }[]
  rejectCurrent: boolean
  reason?: string
}

export interface ReportSettings {
  versions: number[]
  modelPackage?: PackageRef
}

export type GroupOperation = 'describe' | 'list' | 'update-tags' | 'delete' | 'share' | 'unshare'

export interface GroupSettings {
  operation: GroupOperation
  groupTags: Record<string, string>
  accountIds: string[]
  force: boolean
}

export type OnVerdict = 'none' | 'promote'

export interface AbTestSettings {
  endpointName: string
  /** Where the captured requests are; absent: the endpoint's own DataCaptureConfig. */
  dataCaptureS3Uri?: string
  groundTruthS3Uri: string
  windowHours: number
  task: Task
  decisionThreshold: number
  alpha: number
  /** `live:` thresholds and margins, `ops:` limits; may hold no rule (the task's primary metric decides). */
  policy: Policy
  onVerdict: OnVerdict
  /** With `promote`: how the winner is deployed alone, through the deploy path. */
  promote: DeploySettings
}

/** The part of the settings only one mode reads, by mode. */
interface ModeParts {
  register: { register: RegisterSettings }
  gate: { gate: GateSettings }
  approve: { decision: DecisionSettings }
  reject: { decision: DecisionSettings }
  deploy: { deploy: DeploySettings }
  rollback: { deploy: DeploySettings }
  compare: { report: ReportSettings }
  lineage: { report: ReportSettings }
  group: { groupOps: GroupSettings }
  'ab-test': { abTest: AbTestSettings }
}

/** The settings of mode `M`: the common ones and that mode's own part. */
export type SettingsOf<M extends Mode> = CommonSettings & { mode: M } & ModeParts[M]

/** Everything `run()` needs: one member per mode, told apart by `mode`. */
export type Settings = { [M in Mode]: SettingsOf<M> }[Mode]
