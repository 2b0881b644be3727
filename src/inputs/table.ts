// Every input, in one table: which modes read it, a line of help, and the defaults. The
// action's action.yml, the CLI's flags and --help, and the check that refuses inputs of
// another mode all come from here (unit tests compare action.yml with it).
import { LIVE_DEFAULTS } from '../evaluation/live/types.js'
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

/** One input's row: the modes that read it, and one line about it. */
export interface InputRow {
  modes: readonly Mode[]
  help: string
}

/** The rows of the inputs that the same modes read: those modes are written once for all. */
function readBy<N extends InputName>(
  modes: readonly Mode[],
  help: Record<N, string>
): Record<N, InputRow> {
  const rows = {} as Record<N, InputRow>
  for (const name of Object.keys(help) as N[]) rows[name] = { modes, help: help[name] }
  return rows
}

/**
 * Which modes read each input, and one line about it: the first sentence of its action.yml
 * description, whose "Modes: ..." prefix lists the same modes (a unit test compares the
 * two). The CLI's per-mode `--help` and its refusal of flags a mode does not read come
 * from here, and the action refuses inputs set for another mode from the same table.
 * Inputs are grouped by the modes that read them; INPUT_NAMES keeps the action.yml order.
 */
export const INPUT_TABLE: Readonly<Record<InputName, InputRow>> = {
  ...readBy(ALL, {
    mode: 'What to do: register, gate, approve, reject, deploy, rollback, compare, lineage, group or ab-test.',
    'model-package-group':
      'The model package group: a name (1-63 letters, digits and hyphens) or the ARN of a group shared from another account.',
    region: 'AWS region of the registry.',
    'github-token': 'Token for the PR comment, job links and deployment records.',
    comment:
      'Post (or update) the gate report as the sticky pull-request comment when the run has a pull request; the other modes report in the job summary only.',
    history: 'How many recent versions the trend chart and comparisons show (1-100).'
  }),
  ...readBy(MUTATING_MODES, {
    'dry-run': 'Print what would be done and make no mutating call.'
  }),
  ...readBy(['register'], {
    'group-description': 'Description for the group when it is created (at most 1024 characters).',
    'model-data-url': 'S3 URI of the model artifact (model.tar.gz); requires image-uri.',
    'image-uri': 'Inference image URI.',
    'training-job-name': 'Register the artifact and final metrics of this completed training job.',
    'tuning-job-name': 'Register the best training job of this hyperparameter tuning job.',
    'metrics-file': 'Local JSON file of metrics to attach to the version.',
    'metrics-s3-uri': "Where the version's model-quality statistics live in S3.",
    description: 'Description of the version (at most 1024 characters).',
    'approval-status': 'Initial approval status: PendingManualApproval, Approved or Rejected.',
    'customer-metadata':
      'Custom metadata as key=value, one per line or comma-separated (at most 50; letters, digits, spaces and _.:/=+-@ only).',
    'inference-instances':
      'Real-time instance types the version supports, comma or newline separated (e.g. ml.m5.large).',
    'transform-instances':
      'Batch transform instance types the version supports, comma or newline separated.',
    'content-types': 'Input MIME types the model accepts, comma separated.',
    'response-types': 'Output MIME types the model returns, comma separated.',
    'project-id': "Project id recorded in the version's metadata properties."
  }),
  ...readBy(['register', 'group'], {
    'group-tags':
      'Tags as key=value, one per line or comma-separated (at most 50; keys starting with aws: are reserved).'
  }),
  ...readBy(['register', 'approve', 'reject'], {
    'model-lifecycle-stage': 'Model lifecycle stage to record (e.g. staging, production).'
  }),
  ...readBy(['gate', 'approve', 'reject', 'deploy', 'rollback', 'lineage'], {
    'model-package': 'The version to act on: a version number (7) or a model package ARN.'
  }),
  ...readBy(['gate', 'ab-test'], {
    thresholds:
      'One rule per line, e.g. "validation:auc >= 0.85" (ab-test: "live:auc >= 0.8", "ops:model_latency_p99 <= 200").',
    'max-regression':
      'Allowed regression against the baseline per metric, one per line, absolute ("validation:auc -0.01") or relative ("validation:auc -1%", at most -100%).',
    'metric-directions':
      'Overrides of the inferred metric direction, one per line, e.g. "custom:score higher" or "custom:cost lower".',
    task: 'Kind of model for live evaluation and A/B tests: binary, multiclass or regression.',
    'decision-threshold':
      'Score from 0 to 1 at or above which a binary prediction counts as positive.',
    alpha:
      'Significance level of the statistical tests (paired when both versions are evaluated live, independent in ab-test), between 0 and 1.'
  }),
  ...readBy(['gate'], {
    baseline:
      "What the candidate is compared with: latest-approved, endpoint:NAME (the version live on an endpoint; a warning when it is another group's), version:N or none.",
    'on-pass': 'Approval status written when the gate passes: Approved or none.',
    'on-fail': 'Approval status written when the gate fails: Rejected or none.',
    'fail-on-reject': 'Fail the job when the gate fails.',
    'validation-data': 'CSV (local path or s3:// URI) to evaluate candidate and baseline on live.',
    'validation-method':
      'How live evaluation runs: endpoint (temporary endpoint, small data) or batch-transform (large data).',
    'label-column': 'Label column of validation-data: a zero-based index or a header name.',
    'prediction-column': "Field or column of the model's response that holds the prediction.",
    'max-concurrency': 'Requests in flight at once during live evaluation (1-64).',
    'regression-test':
      'How max-regression limits on live: metrics are read: non-inferiority (pass only when the one-sided 1-alpha bound of the delta is within the limit), significant-drop (fail only on a significant drop beyond the limit) or point (the delta itself).',
    'work-s3-uri':
      'S3 prefix where batch-transform live evaluation stages its input and writes its output, under <prefix>/gate-<run>/.'
  }),
  ...readBy(['gate', 'deploy', 'rollback', 'ab-test'], {
    'execution-role-arn':
      'IAM role SageMaker assumes to run the model (live evaluation and deployment).'
  }),
  ...readBy(['gate', 'deploy', 'rollback'], {
    'instance-type': 'Instance type of the endpoint or transform job (e.g. ml.m5.large).',
    'serverless-memory-mb':
      'Memory of a serverless endpoint: 1024, 2048, 3072, 4096, 5120 or 6144.',
    'serverless-max-concurrency': 'Concurrent invocations of a serverless endpoint (1-200).'
  }),
  ...readBy(['approve', 'reject', 'rollback'], {
    reason:
      'Justification recorded on the version with the actor and run link (at most 1024 characters): exactly in ApprovalDescription, and made readable in the metadata alphabet in decision:reason.'
  }),
  ...readBy(['approve', 'group'], {
    force:
      'Override a safety refusal: approve a version whose last gate failed, or delete a group that still holds versions.'
  }),
  ...readBy(['deploy', 'rollback', 'ab-test'], {
    'endpoint-name':
      'The endpoint to create or update (ab-test: the endpoint whose variants are compared).',
    'data-capture-s3-uri':
      "S3 URI where the endpoint captures requests and responses (ab-test: where to read them; default: the endpoint's own capture destination).",
    'wait-timeout': 'Seconds to wait for the endpoint to be InService before failing.',
    environment:
      'GitHub deployment environment to record the deployment under (e.g. staging, production).'
  }),
  ...readBy(['deploy', 'rollback'], {
    'instance-count': 'Number of instances behind the endpoint (1 or more).',
    'deployment-strategy':
      'Blue/green traffic shifting when updating an endpoint: all-at-once, canary or linear.',
    'canary-size': 'Percent of capacity for the canary step (1-50).',
    'linear-step-size': 'Percent of capacity shifted per linear step (10-50).',
    'wait-interval': 'Seconds each traffic step bakes while the rollback alarms watch (0-3600).',
    'termination-wait': 'Seconds the old fleet is kept after the shift completes (0-3600).',
    'max-execution-timeout':
      "SageMaker's own limit on the blue/green update, in seconds (600-28800).",
    'rollback-alarms':
      'CloudWatch alarm names (at most 10), comma or newline separated; if one fires during the shift, SageMaker rolls back.',
    'data-capture-sampling-percentage':
      'Percent of requests captured when data-capture-s3-uri is set (1-100).'
  }),
  ...readBy(['deploy'], {
    traffic:
      'A/B weights across versions, e.g. "v7=90,v8=10" (whole numbers, not all 0, each version once); excludes model-package.'
  }),
  ...readBy(['rollback'], {
    'reject-current': 'Also mark the version being rolled back Rejected (needs reason).'
  }),
  ...readBy(['compare'], {
    versions: 'Version numbers to compare, comma separated (e.g. 5,6,7).'
  }),
  ...readBy(['group'], {
    'group-operation':
      "describe, list (the group's versions), update-tags, delete, share or unshare.",
    'account-ids':
      '12-digit AWS account ids, comma or newline separated; share refuses the account that owns the group.'
  }),
  ...readBy(['ab-test'], {
    'ground-truth-s3-uri':
      "S3 prefix of the ground truth in Model Monitor's format, joined with captured requests by inferenceId, else eventId.",
    'window-hours':
      'The test window: the last N hours of captured requests and CloudWatch figures (1-2160).',
    'on-verdict':
      'What a winner verdict does: none (report only) or promote (all traffic to the winner, approve it, reject the loser).'
  })
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
  'decision-threshold': String(LIVE_DEFAULTS.decisionThreshold),
  alpha: String(LIVE_DEFAULTS.alpha),
  'max-concurrency': String(LIVE_DEFAULTS.maxConcurrency),
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
