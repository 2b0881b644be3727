// Every input, in one table: which modes read it, a line of help, and the defaults. The
// action's action.yml, the CLI's flags and --help, and the check that refuses inputs of
// another mode all come from here (unit tests compare action.yml with it).
import {
  MODES,
  type ApprovalStatus,
  type DeploymentStrategy,
  type GroupOperation,
  type Mode,
  type Task
} from '../settings.js'

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
  'regression-test',
  'work-s3-uri',
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
  'account-ids',
  'data-capture-sampling-percentage',
  'ground-truth-s3-uri',
  'window-hours',
  'on-verdict'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

const ALL: readonly Mode[] = MODES
/** The modes that change something, and so take `dry-run`: all but the read-only views. */
export const MUTATING_MODES: readonly Mode[] = MODES.filter(
  mode => mode !== 'compare' && mode !== 'lineage'
)

/**
 * Which modes read each input, and one line about it: the first sentence of its action.yml
 * description, whose "Modes: ..." prefix lists the same modes (a unit test compares the
 * two). The CLI's per-mode `--help` and its refusal of flags a mode does not read come
 * from here, and the action refuses inputs set for another mode from the same table.
 */
export const INPUT_TABLE: Readonly<Record<InputName, { modes: readonly Mode[]; help: string }>> = {
  mode: {
    modes: ALL,
    help: 'What to do: register, gate, approve, reject, deploy, rollback, compare, lineage, group or ab-test.'
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
    help: 'Post (or update) the gate report as the sticky pull-request comment when the run has a pull request; the other modes report in the job summary only.'
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
  thresholds: {
    modes: ['gate', 'ab-test'],
    help: 'One rule per line, e.g. "validation:auc >= 0.85" (ab-test: "live:auc >= 0.8", "ops:model_latency_p99 <= 200").'
  },
  'max-regression': {
    modes: ['gate', 'ab-test'],
    help: 'Allowed regression against the baseline per metric, one per line, absolute ("validation:auc -0.01") or relative ("validation:auc -1%", at most -100%).'
  },
  'metric-directions': {
    modes: ['gate', 'ab-test'],
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
    modes: ['gate', 'ab-test'],
    help: 'Kind of model for live evaluation and A/B tests: binary, multiclass or regression.'
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
    modes: ['gate', 'ab-test'],
    help: 'Score from 0 to 1 at or above which a binary prediction counts as positive.'
  },
  alpha: {
    modes: ['gate', 'ab-test'],
    help: 'Significance level of the statistical tests (paired when both versions are evaluated live, independent in ab-test), between 0 and 1.'
  },
  'execution-role-arn': {
    modes: ['gate', 'deploy', 'rollback', 'ab-test'],
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
  'regression-test': {
    modes: ['gate'],
    help: 'How max-regression limits on live: metrics are read: non-inferiority (pass only when the one-sided 1-alpha bound of the delta is within the limit), significant-drop (fail only on a significant drop beyond the limit) or point (the delta itself).'
  },
  'work-s3-uri': {
    modes: ['gate'],
    help: 'S3 prefix where batch-transform live evaluation stages its input and writes its output, under <prefix>/gate-<run>/.'
  },
  reason: {
    modes: ['approve', 'reject', 'rollback'],
    help: 'Justification recorded on the version with the actor and run link (at most 1024 characters): exactly in ApprovalDescription, and made readable in the metadata alphabet in decision:reason.'
  },
  force: {
    modes: ['approve', 'group'],
    help: 'Override a safety refusal: approve a version whose last gate failed, or delete a group that still holds versions.'
  },
  'endpoint-name': {
    modes: ['deploy', 'rollback', 'ab-test'],
    help: 'The endpoint to create or update (ab-test: the endpoint whose variants are compared).'
  },
  'instance-count': {
    modes: ['deploy', 'rollback'],
    help: 'Number of instances behind the endpoint (1 or more).'
  },
  'data-capture-s3-uri': {
    modes: ['deploy', 'rollback', 'ab-test'],
    help: "S3 URI where the endpoint captures requests and responses (ab-test: where to read them; default: the endpoint's own capture destination)."
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
    modes: ['deploy', 'rollback', 'ab-test'],
    help: 'Seconds to wait for the endpoint to be InService before failing.'
  },
  environment: {
    modes: ['deploy', 'rollback', 'ab-test'],
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
  },
  'data-capture-sampling-percentage': {
    modes: ['deploy', 'rollback'],
    help: 'Percent of requests captured when data-capture-s3-uri is set (1-100).'
  },
  'ground-truth-s3-uri': {
    modes: ['ab-test'],
    help: "S3 prefix of the ground truth in Model Monitor's format, joined with captured requests by inferenceId, else eventId."
  },
  'window-hours': {
    modes: ['ab-test'],
    help: 'The test window: the last N hours of captured requests and CloudWatch figures (1-2160).'
  },
  'on-verdict': {
    modes: ['ab-test'],
    help: 'What a winner verdict does: none (report only) or promote (all traffic to the winner, approve it, reject the loser).'
  }
}

/** The inputs mode `mode` reads, in action.yml order. */
export function inputsOf(mode: Mode): InputName[] {
  return INPUT_NAMES.filter(name => INPUT_TABLE[name].modes.includes(mode))
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
  'regression-test': 'non-inferiority',
  force: 'false',
  'deployment-strategy': 'all-at-once',
  'canary-size': '10',
  'linear-step-size': '20',
  'wait-interval': '300',
  'termination-wait': '0',
  'wait-timeout': '1800',
  'reject-current': 'false',
  'group-operation': 'describe',
  'data-capture-sampling-percentage': '100',
  'window-hours': '24',
  'on-verdict': 'none'
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
