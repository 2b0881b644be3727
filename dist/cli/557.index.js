export const id = 557;
export const ids = [557];
export const modules = {

/***/ 557:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// UNUSED EXPORTS: MODE_SUMMARY, USAGE, modeUsage, parseArgs

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./build/src/errors.js
// Turns any error into a message a person can act on: the AWS error name, the request
// id to quote to AWS support, what to check, and (through Steps) which step of the run
// failed and what the run had already changed.
/** An error whose message is already written for the person running the job. */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
const HINTS = {
    AccessDeniedException: 'the role the job runs as lacks this permission: see the IAM policy in the README.',
    UnrecognizedClientException: 'no valid AWS credentials: configure them with aws-actions/configure-aws-credentials.',
    ExpiredTokenException: 'the AWS session expired: configure credentials closer to this step or lengthen the role session.',
    ThrottlingException: 'SageMaker kept throttling after all retries: run fewer jobs against this account at once.',
    ResourceLimitExceeded: 'an account quota was reached: check Service Quotas for SageMaker in this region.',
    ResourceNotFound: 'check the name, the region and the account the credentials belong to.',
    CredentialsProviderError: 'no AWS credentials were found: configure them with aws-actions/configure-aws-credentials.'
};
/** The message of anything thrown, for a sentence that quotes it. */
function errors_errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/** `Name: message`, where the error's name says more than its message alone (an AWS error). */
function namedErrorMessage(error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
function isAwsError(error) {
    return error instanceof Error && ('$metadata' in error || '$fault' in error);
}
function describeError(error) {
    if (error instanceof UserError || error instanceof StepError)
        return error.message;
    if (isAwsError(error)) {
        const details = [
            error.$metadata?.httpStatusCode ? `HTTP ${error.$metadata.httpStatusCode}` : '',
            error.$metadata?.requestId ? `request id ${error.$metadata.requestId}` : '',
            error.$metadata?.attempts && error.$metadata.attempts > 1
                ? `${error.$metadata.attempts} attempts`
                : ''
        ].filter(Boolean);
        const hint = HINTS[error.name] ? ` Check: ${HINTS[error.name]}` : '';
        return `${error.name}: ${error.message}${details.length ? ` (${details.join(', ')})` : ''}.${hint}`;
    }
    if (error instanceof Error) {
        const hint = HINTS[error.name] ? ` Check: ${HINTS[error.name]}` : '';
        return `${error.message}${hint}`;
    }
    return String(error);
}
function sentence(text) {
    const trimmed = text.trim();
    return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
/**
 * An error in one step of a run: which step, the step finished before it, and what the
 * run had changed by then, so that the person reading it knows what stands in AWS.
 */
class StepError extends Error {
    step;
    after;
    changes;
    cause;
    constructor(step, after, changes, cause) {
        const where = step
            ? `${step.charAt(0).toUpperCase()}${step.slice(1)} failed${after ? ` after ${after}` : ''}: `
            : '';
        const done = changes.length > 0 ? `Already done: ${changes.join('; ')}.` : 'Nothing was changed.';
        super(`${where}${sentence(describeError(cause))} ${done}`);
        this.step = step;
        this.after = after;
        this.changes = changes;
        this.name = 'StepError';
        this.cause = cause;
    }
}
/** The error a step failed with (a StepError's cause), for a short account of it. */
function causeOf(error) {
    return error instanceof StepError ? error.cause : error;
}
/**
 * The steps of one run. A mode runs each AWS read or write through `run`, records what it
 * changed with `changed`, and any error then says which step failed, after which one, and
 * what was already done. A mode adopts it one call at a time: an error outside every step
 * still gets the list of changes from the error boundary (`executeMode`).
 */
class Steps {
    finished = [];
    changes = [];
    milestone;
    /**
     * Runs one step; an error in it (not already a StepError) becomes a StepError. `undo`
     * runs first, so that what it takes back (or records with `changed`) is in the message.
     */
    async run(step, work, undo) {
        try {
            const result = await work();
            this.finished.push(step);
            return result;
        }
        catch (error) {
            if (undo && !(error instanceof StepError))
                await undo(error);
            throw this.failure(step, error);
        }
    }
    /**
     * Marks a milestone, such as computing the verdict: later errors say they came after it
     * (rather than after whichever read came last), because that is what the reader needs.
     */
    done(step) {
        this.finished.push(step);
        this.milestone = step;
    }
    /** Records a change made in AWS; every later error lists it. */
    changed(what) {
        this.changes.push(what);
    }
    get changedSoFar() {
        return this.changes;
    }
    /** `error` as a StepError for `step` (undefined: outside every step). */
    failure(step, error) {
        if (error instanceof StepError)
            return error;
        return new StepError(step, this.milestone ?? this.finished.at(-1), [...this.changes], error);
    }
}

;// CONCATENATED MODULE: ./build/src/settings.js
const MODES = [
    'register',
    'gate',
    'approve',
    'reject',
    'deploy',
    'rollback',
    'compare',
    'lineage',
    'group'
];

// EXTERNAL MODULE: ../../main/node_modules/@aws-sdk/client-sagemaker/dist-cjs/index.js
var dist_cjs = __webpack_require__(8769);
;// CONCATENATED MODULE: ./build/src/registry/names.js
// SageMaker's own name, ARN and character patterns (API reference: ModelPackageGroupName,
// EndpointName, TrainingJobName, HyperParameterTuningJobName, ModelPackageGroupArn,
// ModelPackageArn, RoleArn, CustomerMetadataProperties, EntityDescription), written once:
// inputs check against them, and everything that reads an ARN back parses it here.
/** Names of groups, endpoints, models, configs, training jobs and stages: at most 63 characters. */
const NAME_MAX = 63;
const RESOURCE_NAME = new RegExp(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,${NAME_MAX - 1}}$`);
const TUNING_JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** `s3://bucket/key`: bucket names are 3-63 lower-case letters, digits, dots and hyphens. */
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(\S*))?$/;
// CustomerMetadataProperties keys and values, and tag keys and values.
const METADATA_CHARACTERS = String.raw `\p{L}\p{Z}\p{N}_.:/=+\-@`;
const METADATA_TEXT = new RegExp(`^[${METADATA_CHARACTERS}]*$`, 'u');
/** One character outside the metadata alphabet; global, for `replace`. */
const NOT_METADATA_CHARACTER = new RegExp(`[^${METADATA_CHARACTERS}]`, 'gu');
// EntityDescription (ModelPackageDescription, ModelPackageGroupDescription): letters, marks,
// spaces, symbols, digits and punctuation; no control character such as a line break or tab.
const ENTITY_DESCRIPTION = /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*$/u;
// MetadataProperties.ProjectId is `.*` in the API reference, a Java pattern whose `.`
// matches anything but a line terminator.
const ONE_LINE = /^[^\n\r\u0085\u2028\u2029]*$/u;
const ARN_HEAD = String.raw `^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]*):(\d{12})`;
const GROUP_ARN = new RegExp(`${ARN_HEAD}:model-package-group/(\\S{1,2048})$`);
const PACKAGE_ARN = new RegExp(`${ARN_HEAD}:model-package/([^/\\s]+)/([1-9]\\d*)$`);
/** The parts of a model package group ARN, or undefined when `arn` is not one. */
function parseGroupArn(arn) {
    const match = GROUP_ARN.exec(arn);
    if (!match)
        return undefined;
    const [, partition = '', region = '', account = '', name = ''] = match;
    return { partition, region, account, name };
}
/** The parts of a versioned model package ARN (`.../model-package/GROUP/7`), or undefined. */
function parsePackageArn(arn) {
    const match = PACKAGE_ARN.exec(arn);
    if (!match)
        return undefined;
    const [, partition = '', region = '', account = '', name = '', version = ''] = match;
    return { partition, region, account, name, version: Number(version) };
}
/** The ARN of version `version` of a group, or of all its versions with `*`. */
function packageArnOf(group, version) {
    return `arn:${group.partition}:sagemaker:${group.region}:${group.account}:model-package/${group.name}/${version}`;
}
/** The bare group name of a name or a group ARN. */
function groupNameOf(nameOrArn) {
    return parseGroupArn(nameOrArn)?.name ?? nameOrArn;
}

;// CONCATENATED MODULE: ./build/src/inputs/nearest.js
// "Did you mean": the known name nearest to a misspelt one.
/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a, b) {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            const row = rows[i];
            const above = rows[i - 1];
            row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
        }
    }
    return rows[a.length][b.length];
}
/**
 * The candidate closest to `word`, when it is close enough to be a typo: the only name it
 * begins (`endpoint` -> `endpoint-name`), or one at most three edits away and fewer than
 * half the word's length (so `--ab` does not suggest `--alpha`).
 */
function nearestName(word, candidates) {
    const lower = word.toLowerCase();
    const extending = candidates.filter(name => lower.length >= 4 && name.startsWith(lower));
    if (extending.length === 1)
        return extending[0];
    let best;
    for (const name of candidates) {
        const distance = editDistance(lower, name);
        if (best === undefined || distance < best.distance)
            best = { name, distance };
    }
    if (!best || best.distance > 3 || best.distance * 2 >= Math.max(word.length, 2))
        return undefined;
    return best.name;
}

;// CONCATENATED MODULE: ./build/src/inputs/table.js
// Every input, in one table: which modes read it, a line of help, and the defaults. The
// action's action.yml, the CLI's flags and --help, and the check that refuses inputs of
// another mode all come from here (unit tests compare action.yml with it).

/** Every input the action and the CLI accept (SPEC "Input names"), grouped by first use. */
const INPUT_NAMES = [
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
];
const ALL = MODES;
/** The modes that change something, and so take `dry-run`. */
const MUTATING_MODES = [
    'register',
    'gate',
    'approve',
    'reject',
    'deploy',
    'rollback',
    'group'
];
/**
 * Which modes read each input, and one line about it: the first sentence of its action.yml
 * description, whose "Modes: ..." prefix lists the same modes (a unit test compares the
 * two). The CLI's per-mode `--help` and its refusal of flags a mode does not read come
 * from here, and the action refuses inputs set for another mode from the same table.
 */
const INPUT_TABLE = {
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
};
/** The inputs mode `mode` reads, in action.yml order. */
function inputsOf(mode) {
    return INPUT_NAMES.filter(name => INPUT_TABLE[name].modes.includes(mode));
}
/**
 * Defaults applied when an input is empty. action.yml declares the same values (a unit test
 * compares them), so the CLI, which has no action.yml, behaves exactly like the action.
 * `github-token` is absent on purpose: its action.yml default is an expression that only
 * the runner can evaluate.
 */
const table_DEFAULTS = Object.freeze({
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
});
/** Inputs whose values must never appear in messages or logs. */
const SECRET_INPUTS = ['github-token'];
const VALIDATION_METHODS = ['endpoint', 'batch-transform'];
const TASKS = ['binary', 'multiclass', 'regression'];
const DEPLOYMENT_STRATEGIES = [
    'all-at-once',
    'canary',
    'linear'
];
const GROUP_OPERATIONS = [
    'describe',
    'list',
    'update-tags',
    'delete',
    'share',
    'unshare'
];
const APPROVAL_STATUSES = [
    'PendingManualApproval',
    'Approved',
    'Rejected'
];
const SERVERLESS_MEMORY_SIZES = [1024, 2048, 3072, 4096, 5120, 6144];

;// CONCATENATED MODULE: ./build/src/inputs/reader.js
// Reading one input: trimmed, with its default, read at most once; and the messages an
// invalid value gets, which name the input, show what was given and say what is accepted.


class InputError extends Error {
    input;
    constructor(input, message) {
        super(message);
        this.name = 'InputError';
        this.input = input;
    }
}
function shown(input, value) {
    if (SECRET_INPUTS.includes(input))
        return '***';
    const clipped = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    return JSON.stringify(clipped);
}
/** `Input "history" must be a whole number from 1 to 100; got "abc".` */
function invalid(input, value, accepted) {
    return new InputError(input, `Input "${input}" must be ${accepted}; got ${shown(input, value)}.`);
}
function required(input, mode, why) {
    return new InputError(input, `Input "${input}" is required for mode "${mode}": ${why}.`);
}
/** Reads each input at most once, trimmed, with DEFAULTS applied. */
class Inputs {
    reader;
    cache = new Map();
    constructor(reader) {
        this.reader = reader;
    }
    raw(name) {
        let value = this.cache.get(name);
        if (value === undefined) {
            value = (this.reader(name) ?? '').trim();
            this.cache.set(name, value);
        }
        return value;
    }
    /** The value given, or the default, or ''. */
    get(name) {
        return this.raw(name) || table_DEFAULTS[name] || '';
    }
    optional(name) {
        return this.get(name) || undefined;
    }
    bool(name) {
        const value = this.get(name);
        // The YAML 1.2 core schema's true/false, as core.getBooleanInput reads them, in any case.
        if (/^true$/i.test(value))
            return true;
        if (/^false$/i.test(value))
            return false;
        throw invalid(name, value, 'true or false');
    }
    int(name, min, max = Number.MAX_SAFE_INTEGER) {
        return wholeNumber(name, this.get(name), min, max);
    }
    optionalInt(name, min, max) {
        return this.get(name) === '' ? undefined : this.int(name, min, max);
    }
    /** A decimal number; `accepted` says the range, which the caller checks. */
    decimal(name, accepted) {
        const value = this.get(name);
        if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value))
            throw invalid(name, value, accepted);
        return Number(value);
    }
    oneOf(name, accepted) {
        const value = this.get(name);
        // Accepted values are matched without regard to case so `approved` means `Approved`.
        const match = accepted.find(a => a.toLowerCase() === value.toLowerCase());
        if (match === undefined)
            throw notOneOf(name, value, accepted);
        return match;
    }
}
/** A value outside a fixed list, with the nearest one when it looks like a typo. */
function notOneOf(input, value, accepted) {
    const near = nearestName(value, accepted.map(a => a.toLowerCase()));
    const error = invalid(input, value, `one of ${accepted.join(', ')}`);
    if (!near)
        return error;
    const suggestion = accepted.find(a => a.toLowerCase() === near) ?? near;
    return new InputError(input, `${error.message.slice(0, -1)} (did you mean "${suggestion}"?).`);
}
function wholeNumber(input, value, min, max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    if (!/^\d+$/.test(value))
        throw invalid(input, value, `a whole number ${range}`);
    const n = Number(value);
    if (n < min || n > max)
        throw invalid(input, value, `a whole number ${range}`);
    return n;
}

;// CONCATENATED MODULE: ./build/src/inputs/parsers.js
// Parsers shared by the readers of several modes: lists, key=value pairs, the group and
// version references, instance types, S3 URIs, free text SageMaker checks, serverless
// settings. Each throws an InputError that names the input.




const DESCRIPTION_MAX = 1024;
const REALTIME_TYPES = new Set(Object.values(dist_cjs/* ProductionVariantInstanceType */.K6t));
const TRANSFORM_TYPES = new Set(Object.values(dist_cjs/* TransformInstanceType */.AH6));
/** Splits a list given comma- or newline-separated, dropping blanks and repeats. */
function splitList(value) {
    return [
        ...new Set(value
            .split(/[,\n]/)
            .map(s => s.trim())
            .filter(Boolean))
    ];
}
/**
 * Parses `key=value` entries, one per line or comma-separated. Errors name the line, since a
 * multi-line YAML block is where these usually come from.
 */
function parseKeyValues(input, value, limits) {
    const result = {};
    let count = 0;
    const lines = value.split('\n');
    for (const [index, line] of lines.entries()) {
        for (const entry of line.split(',')) {
            const text = entry.trim();
            if (!text)
                continue;
            const where = `Input "${input}" line ${index + 1}`;
            const eq = text.indexOf('=');
            if (eq <= 0) {
                throw new InputError(input, `${where} must be key=value; got ${JSON.stringify(text)}.`);
            }
            const key = text.slice(0, eq).trim();
            const val = text.slice(eq + 1).trim();
            if (key.length > 128 || !METADATA_TEXT.test(key)) {
                throw new InputError(input, `${where}: the key must be 1-128 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(key)}.`);
            }
            if (limits.reservedPrefix && key.toLowerCase().startsWith(limits.reservedPrefix)) {
                throw new InputError(input, `${where}: keys starting with "${limits.reservedPrefix}" are reserved by AWS; got ${JSON.stringify(key)}.`);
            }
            if (val.length < limits.valueMin || val.length > 256 || !METADATA_TEXT.test(val)) {
                throw new InputError(input, `${where}: the value of "${key}" must be ${limits.valueMin}-256 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(val)}.`);
            }
            if (Object.hasOwn(result, key)) {
                throw new InputError(input, `${where}: the key ${JSON.stringify(key)} is given twice.`);
            }
            result[key] = val;
            count++;
        }
    }
    if (count > limits.maxEntries) {
        throw new InputError(input, `Input "${input}" may hold at most ${limits.maxEntries} entries; got ${count}.`);
    }
    return result;
}
const TAG_LIMITS = { maxEntries: 50, valueMin: 0, reservedPrefix: 'aws:' };
const METADATA_LIMITS = { maxEntries: 50, valueMin: 1 };
function parseRegion(value) {
    if (!REGION.test(value))
        throw invalid('region', value, 'an AWS region such as us-east-1');
    return value;
}
function parseGroupRef(value, region) {
    const input = 'model-package-group';
    if (RESOURCE_NAME.test(value))
        return { nameOrArn: value, name: value };
    const arn = parseGroupArn(value);
    if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
        const { region: arnRegion, name } = arn;
        if (arnRegion !== region) {
            throw new InputError(input, `Input "${input}" names a group in region ${arnRegion}, but the region is ${region}; set "region" to ${arnRegion}.`);
        }
        return { nameOrArn: value, name, arn: value };
    }
    throw invalid(input, value, 'a group name of 1-63 letters, digits and hyphens (not starting or ending with a hyphen) or a group ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package-group/NAME');
}
/** A version number (`7` or `v7`) or a package ARN of the group's own versions. */
function parsePackageRef(input, value, group, region) {
    const version = /^v?(\d+)$/i.exec(value);
    if (version && Number(version[1]) >= 1)
        return { kind: 'version', version: Number(version[1]) };
    const arn = parsePackageArn(value);
    if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
        const { region: arnRegion, name: groupName } = arn;
        // SageMaker writes resource names lower-case inside ARNs, so compare without case.
        if (groupName.toLowerCase() !== group.name.toLowerCase()) {
            throw new InputError(input, `Input "${input}" is a version of group "${groupName}", not of "${group.name}" (model-package-group); got ${shown(input, value)}.`);
        }
        if (arnRegion !== region) {
            throw new InputError(input, `Input "${input}" is in region ${arnRegion}, but the region is ${region}; got ${shown(input, value)}.`);
        }
        return { kind: 'arn', arn: value };
    }
    throw invalid(input, value, 'a version number (7 or v7) or a model package ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package/GROUP/N');
}
/** The optional `model-package` input as a reference to a version of the group. */
function modelPackageRef(value, where) {
    return value === undefined
        ? undefined
        : parsePackageRef('model-package', value, where.group, where.region);
}
function checkInstanceType(input, value, kind) {
    const known = kind === 'realtime' ? REALTIME_TYPES : TRANSFORM_TYPES;
    if (known.has(value))
        return value;
    const family = value.split('.').slice(0, 2).join('.') + '.';
    const near = [...known].filter(t => t.startsWith(family)).slice(0, 6);
    const what = kind === 'realtime'
        ? 'a SageMaker real-time inference instance type'
        : 'a SageMaker batch transform instance type';
    throw invalid(input, value, near.length ? `${what}, such as ${near.join(', ')}` : `${what}, such as ml.m5.large`);
}
function checkS3Uri(input, value) {
    if (value !== undefined && !S3_URI.test(value)) {
        throw invalid(input, value, 'an S3 URI such as s3://bucket/prefix/file');
    }
    return value;
}
function checkLength(input, value, max) {
    if (value !== undefined && value.length > max) {
        throw new InputError(input, `Input "${input}" must be at most ${max} characters; got ${value.length}.`);
    }
    return value;
}
function characterName(char) {
    const names = {
        '\n': 'a line break',
        '\r': 'a carriage return',
        '\t': 'a tab'
    };
    return (names[char] ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}
/**
 * Free text SageMaker checks against a character pattern, checked here first, so that a
 * YAML `|` block does not create the group and upload the statistics before SageMaker
 * refuses the description.
 */
function checkText(input, value, rule) {
    if (value === undefined)
        return undefined;
    checkLength(input, value, DESCRIPTION_MAX);
    if (rule.pattern.test(value))
        return value;
    const chars = [...value];
    const index = chars.findIndex(char => !rule.pattern.test(char));
    throw new InputError(input, `Input "${input}" goes to SageMaker's ${rule.field}, which accepts ${rule.accepted}; it holds ${characterName(chars[index] ?? '')} at character ${index + 1}. A YAML "|" block keeps its line breaks: use ">-" to fold them into spaces, or write one line.`);
}
const DESCRIPTION_RULE = (field) => ({
    pattern: ENTITY_DESCRIPTION,
    field,
    accepted: 'letters, digits, spaces, punctuation and symbols only (no line break, tab or other control character)'
});
function checkRoleArn(inputs) {
    const value = inputs.optional('execution-role-arn');
    if (value !== undefined && !ROLE_ARN.test(value)) {
        throw invalid('execution-role-arn', value, 'an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution');
    }
    return value;
}
function serverless(inputs, instanceType) {
    const memory = inputs.get('serverless-memory-mb');
    let serverlessMemoryMb;
    if (memory) {
        const n = Number(memory);
        if (!/^\d+$/.test(memory) || !SERVERLESS_MEMORY_SIZES.includes(n)) {
            throw invalid('serverless-memory-mb', memory, `one of ${SERVERLESS_MEMORY_SIZES.join(', ')}`);
        }
        serverlessMemoryMb = n;
    }
    const serverlessMaxConcurrency = inputs.optionalInt('serverless-max-concurrency', 1, 200);
    if (serverlessMemoryMb !== undefined && instanceType !== undefined) {
        throw new InputError('serverless-memory-mb', `Inputs "instance-type" and "serverless-memory-mb" exclude each other: give an instance type for an instance endpoint, or a memory size for a serverless one; got ${shown('instance-type', instanceType)} and ${shown('serverless-memory-mb', memory)}.`);
    }
    if (serverlessMaxConcurrency !== undefined && serverlessMemoryMb === undefined) {
        throw new InputError('serverless-max-concurrency', 'Input "serverless-max-concurrency" applies to serverless endpoints only: set "serverless-memory-mb" too.');
    }
    return { serverlessMemoryMb, serverlessMaxConcurrency };
}
function checkStage(stage) {
    if (stage !== undefined && !RESOURCE_NAME.test(stage)) {
        throw invalid('model-lifecycle-stage', stage, 'a stage name of 1-63 letters, digits and hyphens, such as staging');
    }
    return stage;
}

;// CONCATENATED MODULE: ./build/src/inputs/decision.js


function readDecision(inputs, mode, common) {
    const reason = checkLength('reason', inputs.optional('reason'), DESCRIPTION_MAX);
    if (reason === undefined) {
        throw required('reason', mode, 'the justification recorded on the version with your decision');
    }
    return {
        modelPackage: modelPackageRef(inputs.optional('model-package'), common),
        reason,
        force: inputs.bool('force'),
        modelLifecycleStage: checkStage(inputs.optional('model-lifecycle-stage'))
    };
}

;// CONCATENATED MODULE: ./build/src/inputs/deploy.js
// The inputs of `deploy` and `rollback`: the endpoint, its capacity, the blue/green
// strategy and its timings (checked against each other), alarms, A/B weights, and
// rollback's reject-current.




/** How many wait intervals a blue/green update bakes for, by traffic-shifting strategy. */
function bakeIntervals(strategy, linearStep) {
    if (strategy === 'canary')
        return 2;
    if (strategy === 'linear')
        return Math.ceil(100 / linearStep);
    return 1;
}
/** `v7=90,v8=10`: weights per version; non-negative whole numbers that do not all add to 0. */
function parseTraffic(value) {
    if (!value)
        return [];
    const accepted = 'version=weight pairs such as v7=90,v8=10 (whole-number weights, not all 0)';
    const result = [];
    // Not splitList: it drops repeats, and `v1=50,v1=50` must be refused, not read as `v1=50`.
    const entries = value
        .split(/[,\n]/)
        .map(entry => entry.trim())
        .filter(Boolean);
    for (const entry of entries) {
        const m = /^v?([1-9]\d*)\s*=\s*(\d+)$/i.exec(entry);
        if (!m)
            throw invalid('traffic', value, accepted);
        const version = Number(m[1]);
        if (result.some(r => r.version === version)) {
            throw new InputError('traffic', `Input "traffic" gives version ${version} twice; give each version one weight (a version cannot be two variants of one endpoint); got ${shown('traffic', value)}.`);
        }
        result.push({ version, weight: Number(m[2]) });
    }
    if (result.reduce((sum, r) => sum + r.weight, 0) <= 0)
        throw invalid('traffic', value, accepted);
    return result;
}
function readEndpointName(inputs, mode) {
    const endpointName = inputs.optional('endpoint-name');
    if (endpointName === undefined) {
        throw required('endpoint-name', mode, `the endpoint to ${mode === 'deploy' ? 'deploy to' : 'roll back'}`);
    }
    if (!RESOURCE_NAME.test(endpointName)) {
        throw invalid('endpoint-name', endpointName, 'an endpoint name of 1-63 letters, digits and hyphens');
    }
    return endpointName;
}
/** The blue/green strategy and its timings, which must leave room for each other. */
function readStrategy(inputs, instanceType) {
    const deploymentStrategy = inputs.oneOf('deployment-strategy', DEPLOYMENT_STRATEGIES);
    // Deployment guardrails exclusions: Inferentia 1 endpoints silently fall back to
    // all-at-once, which would defeat the canary the user asked for.
    if (deploymentStrategy !== 'all-at-once' && instanceType?.startsWith('ml.inf1.')) {
        throw new InputError('deployment-strategy', `Input "deployment-strategy" "${deploymentStrategy}" is not available on ${instanceType}: SageMaker deploys Inferentia 1 endpoints all at once; use all-at-once.`);
    }
    // TrafficRoutingConfig: a canary is at most 50% of capacity, a linear step 10-50%.
    const canarySize = inputs.int('canary-size', 1, 50);
    const linearStepSize = inputs.int('linear-step-size', 10, 50);
    const waitIntervalSeconds = inputs.int('wait-interval', 0, 3600);
    const terminationWaitSeconds = inputs.int('termination-wait', 0, 3600);
    const maxExecutionTimeoutSeconds = inputs.optionalInt('max-execution-timeout', 600, 28800);
    const waitTimeoutSeconds = inputs.int('wait-timeout', 1);
    const designedWait = bakeIntervals(deploymentStrategy, linearStepSize) * waitIntervalSeconds + terminationWaitSeconds;
    if (maxExecutionTimeoutSeconds !== undefined && maxExecutionTimeoutSeconds <= designedWait) {
        throw new InputError('max-execution-timeout', `Input "max-execution-timeout" must exceed the deployment's own waiting time (${designedWait} s from "wait-interval" and "termination-wait"); got "${maxExecutionTimeoutSeconds}".`);
    }
    if (waitTimeoutSeconds <= designedWait) {
        throw new InputError('wait-timeout', `Input "wait-timeout" must exceed the deployment's own waiting time (${designedWait} s from "wait-interval" and "termination-wait" with strategy ${deploymentStrategy}); got "${waitTimeoutSeconds}".`);
    }
    return {
        deploymentStrategy,
        canarySize,
        linearStepSize,
        waitIntervalSeconds,
        terminationWaitSeconds,
        maxExecutionTimeoutSeconds,
        waitTimeoutSeconds
    };
}
function readAlarms(inputs) {
    const rollbackAlarms = splitList(inputs.get('rollback-alarms'));
    if (rollbackAlarms.length > 10) {
        throw new InputError('rollback-alarms', `Input "rollback-alarms" may name at most 10 CloudWatch alarms; got ${rollbackAlarms.length}.`);
    }
    for (const alarm of rollbackAlarms) {
        if (alarm.length > 255)
            throw invalid('rollback-alarms', alarm, 'CloudWatch alarm names of 1-255 characters');
    }
    return rollbackAlarms;
}
function readDeploy(inputs, mode, common) {
    const endpointName = readEndpointName(inputs, mode);
    const rawInstanceType = inputs.optional('instance-type');
    const instanceType = rawInstanceType === undefined
        ? undefined
        : checkInstanceType('instance-type', rawInstanceType, 'realtime');
    const { serverlessMemoryMb, serverlessMaxConcurrency } = serverless(inputs, instanceType);
    const strategy = readStrategy(inputs, instanceType);
    const rollbackAlarms = readAlarms(inputs);
    const traffic = parseTraffic(inputs.get('traffic'));
    const modelPackage = inputs.optional('model-package');
    if (traffic.length > 0 && modelPackage !== undefined) {
        throw new InputError('traffic', 'Inputs "traffic" and "model-package" exclude each other: "traffic" already names the versions to serve.');
    }
    const rejectCurrent = inputs.bool('reject-current');
    const reason = checkLength('reason', inputs.optional('reason'), DESCRIPTION_MAX);
    if (rejectCurrent && reason === undefined) {
        throw new InputError('reason', 'Input "reason" is required with "reject-current: true": it is recorded on the rejected version.');
    }
    return {
        endpointName,
        modelPackage: modelPackageRef(modelPackage, common),
        executionRoleArn: checkRoleArn(inputs),
        instanceType,
        instanceCount: inputs.optionalInt('instance-count', 1),
        serverlessMemoryMb,
        serverlessMaxConcurrency,
        dataCaptureS3Uri: checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri')),
        ...strategy,
        rollbackAlarms,
        environment: inputs.optional('environment'),
        traffic,
        rejectCurrent,
        reason
    };
}

;// CONCATENATED MODULE: ./build/src/policy/direction.js
// Words, not whole names, so that `f1_score`, `balanced_accuracy`, `val_loss` and
// `mean_absolute_error` are recognised; the XGBoost spellings (aucpr, merror, mlogloss)
// are included because SageMaker's built-in algorithm emits them.
const HIGHER = new Set(['auc', 'aucpr', 'prauc', 'accuracy', 'f1', 'precision', 'recall', 'r2']);
const LOWER = new Set([
    'loss',
    'error',
    'rmse',
    'mae',
    'mse',
    'mape',
    'logloss',
    'rmsle',
    'merror',
    'mlogloss'
]);
/**
 * Which way is better for a metric, judged by the last segment of its name
 * (`validation:auc` -> `auc`). Undefined when the name says nothing, or says both
 * (`accuracy_error`): guessing wrong would turn a regression into an improvement.
 */
function inferDirection(metric) {
    const segment = metric.split(/[:/]/).pop() ?? '';
    const words = segment
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(word => word !== '');
    const higher = words.some(word => HIGHER.has(word));
    const lower = words.some(word => LOWER.has(word));
    if (higher === lower)
        return undefined;
    return higher ? 'higher' : 'lower';
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/registry/metadata.js
// CustomerMetadataProperties conventions and SageMaker's limits on them: at most 50
// entries, keys up to 128 and values up to 256 characters from the metadata alphabet.

const METADATA_MAX_ENTRIES = 50;
const METADATA_MAX_KEY = 128;
const METADATA_MAX_VALUE = 256;
/** Keys this action writes; everything else in the metadata belongs to someone else. */
const METRIC_PREFIX = 'metric:';
const KEYS = {
    gateDecision: 'gate:decision',
    gateRun: 'gate:run',
    gatePolicy: 'gate:policy-sha256',
    decisionBy: 'decision:actor',
    decisionRun: 'decision:run',
    decisionReason: 'decision:reason',
    deployedPrefix: 'deployed:'
};
function isAllowedMetadataText(text) {
    return METADATA_TEXT.test(text);
}
/** Replaces characters SageMaker refuses in metadata with `_` and cuts to `max` characters. */
function sanitizeMetadataText(text, max) {
    return text.replace(NOT_METADATA_CHARACTER, '_').slice(0, max);
}
/**
 * Free text (a decision's reason) as a readable metadata value: `;` `!` `?` become `.`, `&`
 * becomes "and", `%` "percent", `<` `>` "lt" "gt", quotes and brackets are dropped, and any
 * other character the metadata alphabet lacks (such as `,` or `#`) becomes a space. Runs of
 * spaces become one, and a value cut to `max` ends in "...". The exact text goes to
 * ApprovalDescription, which takes any character.
 */
function readableMetadataText(text, max) {
    const words = {
        ';': '.',
        '!': '.',
        '?': '.',
        '&': ' and ',
        '%': ' percent',
        '<': ' lt ',
        '>': ' gt '
    };
    const readable = text
        .replace(/["'`“”‘’()[\]{}«»]/g, '')
        .replace(NOT_METADATA_CHARACTER, char => words[char] ?? ' ')
        .replace(/\s+/g, ' ')
        .replace(/ \./g, '.')
        .trim();
    return readable.length <= max ? readable : `${readable.slice(0, max - 3).trimEnd()}...`;
}
/**
 * Metric values as decimal strings without an exponent where that fits (1e-7 is written
 * 0.0000001): the exact digits of the shortest text that reads back as the same double.
 */
function formatMetricValue(value) {
    if (!Number.isFinite(value))
        throw new Error(`metric value ${value} is not a finite number`);
    const text = String(value);
    const parts = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!parts)
        return text;
    const [, sign, lead, fraction = '', exponent] = parts;
    const digits = `${lead}${fraction}`;
    const power = Number(exponent);
    const plain = power < 0
        ? `${sign}0.${'0'.repeat(-power - 1)}${digits}`
        : `${sign}${digits.padEnd(power + 1, '0')}`;
    // 1e-300 in plain digits would not fit a metadata value; the exponent form reads back too.
    return plain.length <= METADATA_MAX_VALUE ? plain : text;
}
/** Reads the `metric:<name>` mirror back into numbers, ignoring unparseable values. */
function metricsFromMetadata(metadata) {
    const metrics = {};
    for (const [key, raw] of Object.entries(metadata ?? {})) {
        if (!key.startsWith(METRIC_PREFIX))
            continue;
        const value = Number(raw);
        if (raw.trim() !== '' && Number.isFinite(value))
            metrics[key.slice(METRIC_PREFIX.length)] = value;
    }
    return metrics;
}
/**
 * Fits entries into what SageMaker accepts, in the order given (earlier entries win a
 * place first), next to `existing` entries already on the package.
 */
function fitMetadata(entries, existing = {}) {
    const kept = {};
    const dropped = [];
    let count = Object.keys(existing).length;
    for (const [key, value] of entries) {
        if (key.length === 0 || key.length > METADATA_MAX_KEY) {
            dropped.push(`${key}: key must be 1-${METADATA_MAX_KEY} characters`);
        }
        else if (value.length > METADATA_MAX_VALUE) {
            dropped.push(`${key}: value is ${value.length} characters, the limit is ${METADATA_MAX_VALUE}`);
        }
        else if (!isAllowedMetadataText(key) || !isAllowedMetadataText(value)) {
            dropped.push(`${key}: contains characters outside letters, digits, spaces and _.:/=+-@`);
        }
        else if (!(key in existing) && !(key in kept) && count >= METADATA_MAX_ENTRIES) {
            dropped.push(`${key}: the package already holds ${METADATA_MAX_ENTRIES} entries`);
        }
        else {
            if (!(key in existing) && !(key in kept))
                count++;
            kept[key] = value;
        }
    }
    return { kept, dropped };
}

;// CONCATENATED MODULE: ./build/src/policy/parse.js



/** A mistake in the policy text, located so the user can find it. */
class PolicyError extends Error {
    name = 'PolicyError';
    input;
    line;
    column;
    constructor(message, where) {
        super(PolicyError.format(message, where));
        this.input = where?.input;
        this.line = where?.line;
        this.column = where?.column;
    }
    static format(message, where) {
        if (!where)
            return message;
        if (where.line === undefined)
            return `Input "${where.input}": ${message}`;
        const head = `Input "${where.input}", line ${where.line}, column ${where.column ?? 1}: ${message}`;
        if (where.text === undefined)
            return head;
        const gutter = String(where.line);
        const pad = ' '.repeat(gutter.length);
        const { text, at } = excerpt(where.text, (where.column ?? 1) - 1);
        return `${head}\n  ${gutter} | ${text}\n  ${pad} | ${' '.repeat(at)}^`;
    }
}
/** At most EXCERPT characters of a long line around `at`, so a message stays readable. */
const EXCERPT = 100;
function excerpt(line, at) {
    if (line.length <= EXCERPT)
        return { text: line, at: Math.max(0, at) };
    const start = Math.max(0, Math.min(at - 20, line.length - EXCERPT));
    const head = start > 0 ? '…' : '';
    const tail = start + EXCERPT < line.length ? '…' : '';
    return {
        text: `${head}${line.slice(start, start + EXCERPT)}${tail}`,
        at: at - start + head.length
    };
}
/**
 * The longest metric name a rule may use: a version records each metric in its customer
 * metadata as `metric:<name>`, and SageMaker caps metadata keys at 128 characters, so a
 * longer name could never be recorded by `register` and its rule could never pass.
 */
const METRIC_NAME_MAX = METADATA_MAX_KEY - METRIC_PREFIX.length;
/** A relative regression limit is a share of the baseline's value: -100% already gives it all up. */
const RELATIVE_LIMIT_MAX = 100;
const METRIC_NAME = /[A-Za-z0-9_.:/-]+/y;
const COMPARATOR = /(>=|<=|==|>|<)/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /\S+/y;
/** Walks one line left to right, remembering the column for messages. */
class LineScanner {
    input;
    lineNumber;
    text;
    pos = 0;
    constructor(input, lineNumber, text) {
        this.input = input;
        this.lineNumber = lineNumber;
        this.text = text;
    }
    skipSpace() {
        while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? ''))
            this.pos++;
    }
    atEnd() {
        this.skipSpace();
        return this.pos >= this.text.length;
    }
    match(pattern) {
        this.skipSpace();
        pattern.lastIndex = this.pos;
        const found = pattern.exec(this.text);
        if (!found)
            return undefined;
        this.pos += found[0].length;
        return found[0];
    }
    /** What stands at the cursor, for "got ..." in messages. */
    next() {
        this.skipSpace();
        WORD.lastIndex = this.pos;
        return WORD.exec(this.text)?.[0] ?? '';
    }
    fail(message, at = this.pos) {
        throw new PolicyError(message, {
            input: this.input,
            line: this.lineNumber,
            column: at + 1,
            text: this.text
        });
    }
    got() {
        const word = this.next();
        return word === '' ? 'the end of the line' : `"${word}"`;
    }
    metric() {
        this.skipSpace();
        const column = this.pos;
        const name = this.match(METRIC_NAME);
        if (name === undefined) {
            this.fail(`expected a metric name (letters, digits and _ . : / -), got ${this.got()}`);
        }
        // A name glued to a character outside the set (`auc!`) would otherwise read as two tokens.
        if (this.pos < this.text.length && !/[\s<>=+-]/.test(this.text[this.pos] ?? '')) {
            this.fail(`"${this.text[this.pos]}" is not allowed in a metric name (letters, digits and _ . : / -)`);
        }
        if (name.length > METRIC_NAME_MAX) {
            this.fail(`the metric name is ${name.length} characters; at most ${METRIC_NAME_MAX} are allowed, because a version records it as customer metadata "${METRIC_PREFIX}<name>" and SageMaker caps those keys at ${METADATA_MAX_KEY} characters`, column);
        }
        return { name, column };
    }
    number(after) {
        this.skipSpace();
        const start = this.pos;
        const text = this.match(NUMBER);
        const value = text === undefined ? NaN : Number(text);
        if (text === undefined || !Number.isFinite(value)) {
            this.pos = start;
            this.fail(`expected a number after "${after}", got ${this.got()}`);
        }
        return value;
    }
    end(after) {
        if (!this.atEnd())
            this.fail(`unexpected ${this.got()} after ${after}`);
    }
}
/** Lines with content, without `#` comments; numbers are 1-based. */
function contentLines(text) {
    return text
        .split(/\r?\n/)
        .map((raw, index) => {
        const hash = raw.indexOf('#');
        return { line: index + 1, text: (hash === -1 ? raw : raw.slice(0, hash)).trimEnd() };
    })
        .filter(entry => entry.text.trim() !== '');
}
function parseThresholds(text) {
    const rules = [];
    const seen = new Map();
    for (const { line, text: lineText } of contentLines(text)) {
        const scan = new LineScanner('thresholds', line, lineText);
        const metric = scan.metric();
        const opColumn = (scan.skipSpace(), scan.pos);
        const op = scan.match(COMPARATOR);
        if (op === undefined) {
            scan.fail(`expected one of >= > <= < == after "${metric.name}", got ${scan.got()}`);
        }
        const value = scan.number(op);
        scan.end(`the threshold "${op} ${value}"`);
        const key = `${metric.name} ${op}`;
        const first = seen.get(key);
        if (first !== undefined) {
            scan.fail(`"${metric.name} ${op}" is already set on line ${first}; keep one rule per metric and comparator`, opColumn);
        }
        seen.set(key, line);
        const rule = { kind: 'threshold', metric: metric.name, op, value, line };
        const clash = rules.find(earlier => earlier.metric === rule.metric && !overlap(earlier, rule));
        if (clash) {
            scan.fail(`"${metric.name} ${op} ${value}" contradicts line ${clash.line} ("${clash.metric} ${clash.op} ${clash.value}"): no value meets both, so the gate could never pass`, opColumn);
        }
        rules.push(rule);
    }
    return rules;
}
/** The values a threshold lets through, as an interval. */
function interval(rule) {
    switch (rule.op) {
        case '>=':
            return { low: { value: rule.value, inclusive: true } };
        case '>':
            return { low: { value: rule.value, inclusive: false } };
        case '<=':
            return { high: { value: rule.value, inclusive: true } };
        case '<':
            return { high: { value: rule.value, inclusive: false } };
        case '==':
            return {
                low: { value: rule.value, inclusive: true },
                high: { value: rule.value, inclusive: true }
            };
    }
}
/**
 * Whether some value meets both thresholds. Checking pairs is enough: on a line, intervals
 * that overlap pairwise all overlap (Helly's theorem in one dimension).
 */
function overlap(a, b) {
    const [x, y] = [interval(a), interval(b)];
    const lows = [x.low, y.low].filter((bound) => bound !== undefined);
    const highs = [x.high, y.high].filter((bound) => bound !== undefined);
    if (lows.length === 0 || highs.length === 0)
        return true;
    const low = lows.reduce((m, bound) => bound.value > m.value || (bound.value === m.value && !bound.inclusive) ? bound : m);
    const high = highs.reduce((m, bound) => bound.value < m.value || (bound.value === m.value && !bound.inclusive) ? bound : m);
    if (low.value !== high.value)
        return low.value < high.value;
    return low.inclusive && high.inclusive;
}
function parseDirections(text) {
    const directions = {};
    const seen = new Map();
    for (const { line, text: lineText } of contentLines(text)) {
        const scan = new LineScanner('metric-directions', line, lineText);
        const metric = scan.metric();
        scan.skipSpace();
        const column = scan.pos;
        const word = scan.next();
        if (word !== 'higher' && word !== 'lower') {
            scan.fail(`expected "higher" or "lower" after "${metric.name}", got ${scan.got()}`);
        }
        scan.pos += word.length;
        scan.end(`"${word}"`);
        const first = seen.get(metric.name);
        if (first !== undefined) {
            scan.fail(`the direction of "${metric.name}" is already set on line ${first}`, column);
        }
        seen.set(metric.name, line);
        directions[metric.name] = word;
    }
    return directions;
}
function parseRegressions(text, directions) {
    const rules = [];
    const seen = new Map();
    for (const { line, text: lineText } of contentLines(text)) {
        const scan = new LineScanner('max-regression', line, lineText);
        const metric = scan.metric();
        scan.skipSpace();
        const column = scan.pos;
        const value = scan.number(metric.name);
        // The sign is required so that the line reads as what it allows: a drop.
        if (!lineText.slice(column).startsWith('-')) {
            scan.fail(`expected a negative limit such as -0.01 (absolute) or -1% (relative), got "${lineText.slice(column, scan.pos)}"`, column);
        }
        const relative = scan.match(/%/y) !== undefined;
        scan.end(`the limit "${lineText.slice(column, scan.pos)}"`);
        if (relative && Math.abs(value) > RELATIVE_LIMIT_MAX) {
            scan.fail(`a relative limit goes from -0% to -${RELATIVE_LIMIT_MAX}% of the baseline's value (at -${RELATIVE_LIMIT_MAX}% a higher-is-better metric may already fall to zero); got "${lineText.slice(column, scan.pos).trim()}". For a wider limit, give an absolute one such as -0.5`, column);
        }
        const first = seen.get(metric.name);
        if (first !== undefined) {
            scan.fail(`"${metric.name}" already has a regression limit on line ${first}; keep one per metric`, metric.column);
        }
        seen.set(metric.name, line);
        const override = directions[metric.name];
        const direction = override ?? inferDirection(metric.name);
        if (direction === undefined) {
            scan.fail(`cannot tell whether higher or lower is better for "${metric.name}"; add a line "${metric.name} higher" or "${metric.name} lower" to the input "metric-directions"`, metric.column);
        }
        rules.push({
            kind: 'regression',
            metric: metric.name,
            limit: Math.abs(value),
            relative,
            direction,
            directionSource: override ? 'override' : 'inferred',
            line
        });
    }
    return rules;
}
/**
 * Parses the three policy inputs. Throws a PolicyError naming the input, line and column
 * of the first mistake, and when the inputs hold no rule at all: a gate that checks
 * nothing must not approve anything.
 */
function parsePolicy(thresholds, maxRegression, metricDirections) {
    const directions = parseDirections(metricDirections);
    const policy = {
        thresholds: parseThresholds(thresholds),
        regressions: parseRegressions(maxRegression, directions),
        directions
    };
    assertHasRules(policy);
    return policy;
}
function assertHasRules(policy) {
    if (policy.thresholds.length === 0 && policy.regressions.length === 0) {
        throw new PolicyError('the gate has no rules: inputs "thresholds" and "max-regression" are both empty. Add at least one line such as "validation:auc >= 0.85" or "validation:auc -0.01"', { input: 'thresholds' });
    }
}
/** The metrics the policy names, in the order they first appear. */
function policyMetrics(policy) {
    return [
        ...new Set([
            ...policy.thresholds.map(rule => rule.metric),
            ...policy.regressions.map(rule => rule.metric)
        ])
    ];
}
function ruleText(rule) {
    if (rule.kind === 'threshold')
        return `${rule.op} ${rule.value}`;
    return `max drop ${rule.limit}${rule.relative ? '%' : ''}`;
}
/**
 * A canonical text of what the policy decides, independent of comments, spacing, line
 * order and number spelling (`0.850` = `.85`). Regression lines carry the direction in
 * effect, because changing an override changes the decisions.
 */
function normalisePolicy(policy) {
    const lines = [
        ...policy.thresholds.map(rule => `threshold ${rule.metric} ${rule.op} ${rule.value}`),
        ...policy.regressions.map(rule => `regression ${rule.metric} max-drop ${rule.limit}${rule.relative ? '%' : ''} ${rule.direction}`)
    ];
    return lines.sort().join('\n') + '\n';
}
/** The hex SHA-256 of `normalisePolicy`, recorded on the version as `gate:policy-sha256`. */
function policySha256(policy) {
    return (0,external_node_crypto_.createHash)('sha256').update(normalisePolicy(policy), 'utf8').digest('hex');
}

;// CONCATENATED MODULE: ./build/src/policy/format.js
/**
 * A metric value as a person reads it: at most 6 significant digits, no float noise
 * (0.85 - 0.84 shows as 0.01), no exponent for ordinary magnitudes.
 */
function formatNumber(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (!Number.isFinite(value))
        return value > 0 ? 'Infinity' : '-Infinity';
    if (value === 0)
        return '0';
    const rounded = Number(value.toPrecision(6));
    const magnitude = Math.abs(rounded);
    if (magnitude >= 1e-6 && magnitude < 1e15) {
        // toPrecision already bounded the digits; toFixed(20) would bring the noise back.
        return rounded.toString().includes('e')
            ? rounded.toFixed(12).replace(/\.?0+$/, '')
            : String(rounded);
    }
    return String(rounded);
}
/** A difference with its sign: `+0.012`, `-0.03`, `0`. */
function formatDelta(value) {
    const text = formatNumber(value);
    return value > 0 ? `+${text}` : text;
}
/** A relative change in percent, to 3 significant digits: `-2.46%`, `+10%`. */
function formatPercent(value) {
    if (!Number.isFinite(value))
        return `${formatNumber(value)}%`;
    const rounded = Number(value.toPrecision(3));
    return `${rounded > 0 ? '+' : ''}${formatNumber(rounded)}%`;
}

;// CONCATENATED MODULE: ./build/src/policy/evaluate.js


// Metric values pass through JSON, S3 statistics files and subtraction; a boundary value
// (0.85 - 0.84 = 0.010000000000000009 against a 0.01 limit) must not flip the decision.
function tolerance(...values) {
    return 1e-9 * Math.max(1, ...values.map(Math.abs));
}
function versionName(set, fallback) {
    return set?.version !== undefined ? `v${set.version}` : fallback;
}
function compare(value, op, limit) {
    const eps = tolerance(value, limit);
    switch (op) {
        case '>=':
            return value >= limit - eps;
        case '>':
            return value > limit + eps;
        case '<=':
            return value <= limit + eps;
        case '<':
            return value < limit - eps;
        case '==':
            return Math.abs(value - limit) <= eps;
    }
}
const OP_WORDS = {
    '>=': 'at least',
    '>': 'above',
    '<=': 'at most',
    '<': 'below',
    '==': 'exactly'
};
function deltaOf(candidate, baseline) {
    if (candidate === undefined || baseline === undefined)
        return undefined;
    if (!Number.isFinite(candidate) || !Number.isFinite(baseline))
        return undefined;
    return candidate - baseline;
}
/**
 * The fields every result of `rule` shares, or the failed result when the candidate's value
 * is missing or not a finite number: no rule can pass on a value it cannot compare.
 */
function checkCandidate(rule, candidate, baseline) {
    const value = candidate.metrics[rule.metric];
    const base = baseline?.metrics[rule.metric];
    const common = {
        metric: rule.metric,
        kind: rule.kind,
        rule: ruleText(rule),
        candidate: value,
        baseline: base,
        delta: deltaOf(value, base)
    };
    const who = versionName(candidate, 'the candidate');
    if (value === undefined) {
        return {
            failed: {
                ...common,
                verdict: 'fail',
                explanation: `${rule.metric} is missing on candidate ${who}, and a metric named in the policy must be present.`
            }
        };
    }
    if (!Number.isFinite(value)) {
        return {
            failed: {
                ...common,
                verdict: 'fail',
                explanation: `${rule.metric} on candidate ${who} is ${formatNumber(value)}, not a finite number.`
            }
        };
    }
    return { common, value, base };
}
function evaluateThreshold(rule, candidate, baseline) {
    const checked = checkCandidate(rule, candidate, baseline);
    if ('failed' in checked)
        return checked.failed;
    const { common, value } = checked;
    const ok = compare(value, rule.op, rule.value);
    return {
        ...common,
        verdict: ok ? 'pass' : 'fail',
        explanation: ok
            ? `${rule.metric} ${formatNumber(value)} meets the threshold ${rule.op} ${formatNumber(rule.value)}.`
            : `${rule.metric} ${formatNumber(value)} is not ${OP_WORDS[rule.op]} ${formatNumber(rule.value)} (threshold ${rule.op} ${formatNumber(rule.value)}).`
    };
}
function evaluateRegression(rule, candidate, baseline, options) {
    const checked = checkCandidate(rule, candidate, baseline);
    if ('failed' in checked)
        return checked.failed;
    const { common, value, base } = checked;
    const baseName = versionName(baseline, 'the baseline');
    const unavailable = baseline === undefined
        ? 'there is no baseline to compare with'
        : base === undefined
            ? `baseline ${baseName} has no ${rule.metric}`
            : undefined;
    if (unavailable !== undefined) {
        return options.requireBaseline
            ? {
                ...common,
                verdict: 'fail',
                explanation: `The regression limit on ${rule.metric} cannot be checked: ${unavailable}, and a baseline is required.`
            }
            : {
                ...common,
                verdict: 'skipped',
                explanation: `Skipped: ${unavailable}.`
            };
    }
    if (base === undefined || !Number.isFinite(base)) {
        return {
            ...common,
            verdict: 'fail',
            explanation: `${rule.metric} on baseline ${baseName} is ${formatNumber(base ?? NaN)}, so the candidate cannot be compared with it.`
        };
    }
    // Positive `drop` means the candidate is worse, whichever way is better for the metric.
    const drop = rule.direction === 'higher' ? base - value : value - base;
    const allowed = rule.relative ? (rule.limit / 100) * Math.abs(base) : rule.limit;
    const allowedText = rule.relative
        ? `${formatNumber(rule.limit)}% (${formatNumber(allowed)})`
        : formatNumber(allowed);
    const relativeText = base !== 0 ? ` (${formatPercent(((value - base) / Math.abs(base)) * 100)})` : '';
    const worse = rule.direction === 'higher' ? 'dropped' : 'rose';
    if (drop <= 0) {
        return {
            ...common,
            verdict: 'pass',
            explanation: `${rule.metric} did not get worse than baseline ${baseName}: ${formatNumber(base)} -> ${formatNumber(value)}${relativeText}.`
        };
    }
    const ok = drop <= allowed + tolerance(base, value);
    return {
        ...common,
        verdict: ok ? 'pass' : 'fail',
        explanation: ok
            ? `${rule.metric} ${worse} by ${formatNumber(drop)}${relativeText} from baseline ${baseName}, within the allowed ${allowedText}.`
            : `${rule.metric} ${worse} by ${formatNumber(drop)}${relativeText} from baseline ${baseName} (${formatNumber(base)} -> ${formatNumber(value)}), more than the allowed ${allowedText}.`
    };
}
/**
 * Applies the policy to the candidate, and to the baseline where a rule compares the two.
 * Fails closed: a metric the policy names but the candidate lacks, or a value that is not
 * a finite number, fails its rule.
 */
function evaluatePolicy(policy, candidate, baseline, options = {}) {
    assertHasRules(policy);
    const rules = [
        ...policy.thresholds.map(rule => evaluateThreshold(rule, candidate, baseline)),
        ...policy.regressions.map(rule => evaluateRegression(rule, candidate, baseline, options))
    ];
    const failed = rules.filter(result => result.verdict === 'fail');
    return {
        decision: failed.length === 0 ? 'pass' : 'fail',
        rules,
        reasons: failed.map(result => result.explanation)
    };
}

;// CONCATENATED MODULE: ./build/src/policy/index.js





;// CONCATENATED MODULE: ./build/src/inputs/gate.js
// The inputs of `gate`: the policy (parsed here, once, and carried parsed), the baseline,
// what to write on pass and fail, and the settings of live evaluation.





/**
 * Policy text counts as absent when it holds nothing but blank or comment lines; otherwise
 * it is parsed as given, so that the messages of `src/policy` name lines and columns the
 * user can find.
 */
function given(text) {
    return text.split('\n').some(l => l.trim() && !l.trim().startsWith('#')) ? text : '';
}
/** Parses `thresholds`, `max-regression` and `metric-directions`; an error names the input. */
function readPolicy(text) {
    const thresholds = given(text.thresholds);
    const maxRegression = given(text.maxRegression);
    if (!thresholds && !maxRegression) {
        throw new InputError('thresholds', 'Mode "gate" needs a policy: set "thresholds" (e.g. validation:auc >= 0.85), "max-regression" (e.g. validation:auc -0.01), or both.');
    }
    try {
        return parsePolicy(thresholds, maxRegression, given(text.metricDirections));
    }
    catch (error) {
        // The policy grammar's own message already names the input, line and column.
        if (error instanceof PolicyError)
            throw new InputError(error.input ?? 'thresholds', error.message);
        throw error;
    }
}
function parseBaseline(value) {
    const accepted = 'latest-approved, none, endpoint:NAME or version:N';
    const lower = value.toLowerCase();
    if (lower === 'latest-approved')
        return { kind: 'latest-approved' };
    if (lower === 'none')
        return { kind: 'none' };
    const [kind, ...rest] = value.split(':');
    const arg = rest.join(':').trim();
    if (kind?.trim().toLowerCase() === 'endpoint' && RESOURCE_NAME.test(arg)) {
        return { kind: 'endpoint', endpointName: arg };
    }
    if (kind?.trim().toLowerCase() === 'version' && /^v?[1-9]\d*$/i.test(arg)) {
        return { kind: 'version', version: Number(arg.replace(/^v/i, '')) };
    }
    throw invalid('baseline', value, accepted);
}
/** How live evaluation runs: the method and the capacity it runs on. */
function readEvaluationCompute(inputs) {
    const validationMethod = inputs.oneOf('validation-method', VALIDATION_METHODS);
    const rawInstanceType = inputs.optional('instance-type');
    const instanceType = rawInstanceType === undefined
        ? undefined
        : checkInstanceType('instance-type', rawInstanceType, validationMethod === 'endpoint' ? 'realtime' : 'transform');
    const { serverlessMemoryMb, serverlessMaxConcurrency } = serverless(inputs, instanceType);
    if (validationMethod === 'batch-transform' && serverlessMemoryMb !== undefined) {
        throw new InputError('serverless-memory-mb', 'Input "serverless-memory-mb" applies to validation-method "endpoint" only; batch transform runs on instances ("instance-type").');
    }
    return { validationMethod, instanceType, serverlessMemoryMb, serverlessMaxConcurrency };
}
function readGate(inputs, common) {
    const policy = readPolicy({
        thresholds: inputs.get('thresholds'),
        maxRegression: inputs.get('max-regression'),
        metricDirections: inputs.get('metric-directions')
    });
    const { validationMethod, instanceType, serverlessMemoryMb, serverlessMaxConcurrency } = readEvaluationCompute(inputs);
    const thresholdRange = 'a number from 0 to 1';
    const decisionThreshold = inputs.decimal('decision-threshold', thresholdRange);
    if (decisionThreshold > 1) {
        throw invalid('decision-threshold', inputs.get('decision-threshold'), thresholdRange);
    }
    const alphaRange = 'a number between 0 and 1 (exclusive), such as 0.05';
    const alpha = inputs.decimal('alpha', alphaRange);
    if (alpha <= 0 || alpha >= 1)
        throw invalid('alpha', inputs.get('alpha'), alphaRange);
    const labelColumn = inputs.get('label-column');
    const validationData = inputs.optional('validation-data');
    if (validationData?.startsWith('s3://'))
        checkS3Uri('validation-data', validationData);
    return {
        modelPackage: modelPackageRef(inputs.optional('model-package'), common),
        policy,
        baseline: parseBaseline(inputs.get('baseline')),
        onPass: inputs.oneOf('on-pass', ['Approved', 'none']),
        onFail: inputs.oneOf('on-fail', ['Rejected', 'none']),
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
    };
}

;// CONCATENATED MODULE: ./build/src/inputs/group.js
// The inputs of `group`: the operation, and the tags or accounts it needs.




function readGroup(inputs) {
    const operation = inputs.oneOf('group-operation', GROUP_OPERATIONS);
    const groupTags = parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS);
    const accountIds = splitList(inputs.get('account-ids'));
    for (const id of accountIds) {
        if (!ACCOUNT_ID.test(id))
            throw invalid('account-ids', id, 'AWS account ids of 12 digits');
    }
    if ((operation === 'share' || operation === 'unshare') && accountIds.length === 0) {
        throw new InputError('account-ids', `Input "account-ids" is required for group-operation "${operation}": the AWS accounts to ${operation} the group with.`);
    }
    if (operation === 'update-tags' && Object.keys(groupTags).length === 0) {
        throw new InputError('group-tags', 'Input "group-tags" is required for group-operation "update-tags": key=value pairs, one per line.');
    }
    return { operation, groupTags, accountIds, force: inputs.bool('force') };
}

// EXTERNAL MODULE: ../../main/node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(6265);
;// CONCATENATED MODULE: ./build/src/registry/s3.js
// S3 objects the registry points at: the model-quality statistics JSON a version's
// ModelMetrics refer to, and the digests SageMaker records for them.




/** Parses `s3://bucket/key`; `input` names the action input in the error message. */
function parseS3Uri(uri, input) {
    const match = S3_URI.exec(uri.trim());
    if (!match) {
        throw new UserError(`Input "${input}" must be an S3 URI such as s3://bucket/prefix; got "${uri}".`);
    }
    return { bucket: match[1], key: match[2] ?? '' };
}
function formatS3Uri(location) {
    return `s3://${location.bucket}/${location.key}`;
}
/** Appends path segments to a prefix, with exactly one `/` between parts. */
function joinS3Key(prefix, ...segments) {
    return [prefix, ...segments]
        .map(part => part.replace(/^\/+|\/+$/g, ''))
        .filter(part => part.length > 0)
        .join('/');
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
/**
 * The digest in the form MetricsSource.ContentDigest accepts
 * (`^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$`, at most 72 characters).
 */
function contentDigest(data) {
    return `sha256:${sha256Hex(data)}`;
}
async function putObject(s3, location, body, contentType) {
    await s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: location.bucket,
        Key: location.key,
        Body: body,
        ContentType: contentType
    }));
}
/**
 * The object's bytes: the digest SageMaker records is of the bytes, and decoding first
 * would change them (a byte-order mark is dropped, invalid UTF-8 becomes U+FFFD).
 */
async function getObjectBytes(s3, location) {
    const response = await s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: location.bucket, Key: location.key }));
    if (!response.Body)
        throw new Error(`${formatS3Uri(location)} has no content`);
    return response.Body.transformToByteArray();
}
/** Reads a whole object as UTF-8 text. */
async function getObjectText(s3, location) {
    const response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    if (!response.Body)
        throw new Error(`${formatS3Uri(location)} has no content`);
    return response.Body.transformToString('utf-8');
}
/**
 * `metrics-s3-uri` names an existing statistics object to attach when it ends in `.json`;
 * any other URI is the folder the statistics this run builds are written to.
 */
function isStatisticsObjectUri(uri) {
    return /\.json$/i.test(uri);
}

;// CONCATENATED MODULE: ./build/src/inputs/register.js
// The inputs of `register`: exactly one model source, where its metrics come from, and
// what is recorded with the version (checked against SageMaker's character rules here, so
// that nothing is created before SageMaker would refuse a description).





const HTTPS_URL = /^https:\/\/[^\s/]+\/\S*$/;
const MIME_TYPE = /^[\w.+-]+\/[\w.+*-]+(;\s*[\w.+-]+=[\w.+-]+)*$/;
const SOURCES = '"model-data-url" with "image-uri", "training-job-name", or "tuning-job-name"';
function checkMimeTypes(input, value) {
    const types = splitList(value);
    for (const type of types) {
        if (!MIME_TYPE.test(type))
            throw invalid(input, type, 'MIME types such as text/csv or application/json');
    }
    if (types.length === 0)
        throw invalid(input, value, 'at least one MIME type such as text/csv');
    return types;
}
/** The one input that names where the model comes from; two or none is an error. */
function oneSource(inputs) {
    const given = ['model-data-url', 'training-job-name', 'tuning-job-name'].filter(name => inputs.optional(name));
    const [first, second] = given;
    if (first === undefined) {
        throw new InputError('model-data-url', `Mode "register" needs exactly one model source: ${SOURCES}; got none.`);
    }
    if (second !== undefined) {
        throw new InputError(second, `Mode "register" needs exactly one model source: ${SOURCES}; got ${given.map(g => `"${g}"`).join(' and ')}.`);
    }
    return first;
}
function readSource(inputs) {
    const source = oneSource(inputs);
    const value = inputs.get(source);
    const imageUri = inputs.optional('image-uri');
    if (imageUri !== undefined && (/\s/.test(imageUri) || imageUri.length > 255)) {
        throw invalid('image-uri', imageUri, 'a container image URI such as ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag');
    }
    const image = imageUri ? { imageUri } : {};
    if (source === 'training-job-name') {
        if (!RESOURCE_NAME.test(value)) {
            throw invalid(source, value, 'a training job name of 1-63 letters, digits and hyphens');
        }
        return { kind: 'training-job', trainingJobName: value, ...image };
    }
    if (source === 'tuning-job-name') {
        if (!TUNING_JOB_NAME.test(value)) {
            throw invalid(source, value, 'a tuning job name of 1-32 letters, digits and hyphens');
        }
        return { kind: 'tuning-job', tuningJobName: value, ...image };
    }
    if (!S3_URI.test(value) && !HTTPS_URL.test(value)) {
        throw invalid(source, value, 'an S3 URI such as s3://bucket/model.tar.gz');
    }
    if (imageUri === undefined) {
        throw new InputError('image-uri', 'Input "image-uri" is required with "model-data-url": the inference image that serves the model.');
    }
    return { kind: 'artifact', modelDataUrl: value, imageUri };
}
/** `metrics-file` and `metrics-s3-uri`: a file to turn into statistics, or statistics to attach. */
function readMetricsSources(inputs) {
    const metricsFile = inputs.optional('metrics-file');
    const metricsS3Uri = checkS3Uri('metrics-s3-uri', inputs.optional('metrics-s3-uri'));
    if (metricsFile !== undefined &&
        metricsS3Uri !== undefined &&
        isStatisticsObjectUri(metricsS3Uri)) {
        throw new InputError('metrics-s3-uri', `Inputs "metrics-file" and "metrics-s3-uri" ${shown('metrics-s3-uri', metricsS3Uri)} are two sources of metrics for one version: a URI ending in .json is an existing statistics object that is attached as it is. Give one of them, or make "metrics-s3-uri" a folder (such as s3://bucket/metrics/) for the statistics built from "metrics-file".`);
    }
    return { metricsFile, metricsS3Uri };
}
function readRegister(inputs) {
    const source = readSource(inputs);
    const stage = inputs.optional('model-lifecycle-stage');
    const { metricsFile, metricsS3Uri } = readMetricsSources(inputs);
    return {
        groupDescription: checkText('group-description', inputs.optional('group-description'), DESCRIPTION_RULE('ModelPackageGroupDescription')),
        groupTags: parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS),
        source,
        metricsFile,
        metricsS3Uri,
        description: checkText('description', inputs.optional('description'), DESCRIPTION_RULE('ModelPackageDescription')),
        approvalStatus: inputs.oneOf('approval-status', APPROVAL_STATUSES),
        customerMetadata: parseKeyValues('customer-metadata', inputs.get('customer-metadata'), METADATA_LIMITS),
        inferenceInstances: splitList(inputs.get('inference-instances')).map(t => checkInstanceType('inference-instances', t, 'realtime')),
        transformInstances: splitList(inputs.get('transform-instances')).map(t => checkInstanceType('transform-instances', t, 'transform')),
        contentTypes: checkMimeTypes('content-types', inputs.get('content-types')),
        responseTypes: checkMimeTypes('response-types', inputs.get('response-types')),
        modelLifecycleStage: checkStage(stage),
        projectId: checkText('project-id', inputs.optional('project-id'), {
            pattern: ONE_LINE,
            field: 'MetadataProperties.ProjectId',
            accepted: 'one line of text'
        })
    };
}

;// CONCATENATED MODULE: ./build/src/inputs/report.js


function readReport(inputs, common) {
    const raw = inputs.get('versions');
    const versions = splitList(raw).map(v => {
        const m = /^v?([1-9]\d*)$/i.exec(v);
        if (!m)
            throw invalid('versions', raw, 'version numbers separated by commas, such as 5,6,7');
        return Number(m[1]);
    });
    return { versions, modelPackage: modelPackageRef(inputs.optional('model-package'), common) };
}

;// CONCATENATED MODULE: ./build/src/inputs/input-names.js



/**
 * The inputs a workflow step set: the runner passes each `with:` entry as an INPUT_<NAME>
 * variable (upper-cased, hyphens kept), and action.yml's defaults the same way, so a value
 * equal to its default counts as not given.
 */
function inputNamesFromEnv(env) {
    const names = [];
    for (const [key, value] of Object.entries(env)) {
        if (!key.startsWith('INPUT_') || value === undefined || value.trim() === '')
            continue;
        const name = key.slice('INPUT_'.length).toLowerCase();
        if (DEFAULTS[name] !== undefined && DEFAULTS[name].toLowerCase() === value.trim().toLowerCase())
            continue;
        names.push(name);
    }
    return names.sort();
}
/**
 * Refuses names that are not inputs (a typo such as `max-regresion` would otherwise be
 * dropped silently and the gate would pass without the rule), and inputs the mode does not
 * read (`endpoint-name` given to `gate` says the user expects something that will not
 * happen). `flag` prints names as CLI flags (`--name`) instead of inputs (`"name"`).
 */
function checkInputNames(mode, names, flag) {
    const show = (name) => (flag ? `--${name}` : `"${name}"`);
    const what = flag ? 'flag' : 'input';
    const modeInputs = inputsOf(mode);
    for (const name of names) {
        const known = INPUT_NAMES.includes(name);
        if (!known) {
            const near = nearestName(name, modeInputs) ?? nearestName(name, INPUT_NAMES);
            throw new InputError(name, `Unknown ${what} ${show(name)}${near ? `; did you mean ${show(near)}?` : '.'} Mode "${mode}" reads: ${modeInputs.join(', ')}.`);
        }
        const info = INPUT_TABLE[name];
        if (!info.modes.includes(mode)) {
            throw new InputError(name, `${flag ? 'Flag' : 'Input'} ${show(name)} does not apply to mode "${mode}": it is read by ${info.modes.length === 1 ? 'mode' : 'modes'} ${info.modes.join(', ')}. Remove it, or choose the mode that reads it.`);
        }
    }
}

;// CONCATENATED MODULE: ./build/src/inputs/index.js
// All parsing and validation of inputs. The action passes `name => core.getInput(name)` and
// the CLI passes its flags, so this folder never touches @actions/core and stays pure: an
// invalid input fails here, before any AWS call, with the input's name, the value given and
// what is accepted. `readSettings` reads the inputs every mode shares, then the mode's own
// (one reader per mode, beside this file).
















function readMode(inputs) {
    const rawMode = inputs.get('mode');
    const mode = MODES.find(m => m === rawMode.toLowerCase());
    if (mode !== undefined)
        return mode;
    if (!rawMode) {
        throw new InputError('mode', `Input "mode" is required: one of ${MODES.join(', ')}.`);
    }
    throw notOneOf('mode', rawMode, MODES);
}
function readCommon(inputs, env) {
    const regionValue = inputs.get('region') || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
    if (!regionValue) {
        throw new InputError('region', 'Input "region" is required: set it, or AWS_REGION (or AWS_DEFAULT_REGION) in the environment, e.g. us-east-1.');
    }
    const region = parseRegion(regionValue);
    const groupValue = inputs.get('model-package-group');
    if (!groupValue) {
        throw new InputError('model-package-group', 'Input "model-package-group" is required: the model package group name or ARN.');
    }
    return {
        group: parseGroupRef(groupValue, region),
        region,
        githubToken: inputs.raw('github-token'),
        dryRun: inputs.bool('dry-run'),
        comment: inputs.bool('comment'),
        history: inputs.int('history', 1, 100)
    };
}
/**
 * Reads every input once into typed, validated settings for the mode named in `mode`;
 * throws an InputError naming the first bad input.
 */
function readSettings(read, env = process.env) {
    const inputs = new Inputs(read);
    const mode = readMode(inputs);
    const common = readCommon(inputs, env);
    switch (mode) {
        case 'register':
            return { ...common, mode, register: readRegister(inputs) };
        case 'gate':
            return { ...common, mode, gate: readGate(inputs, common) };
        case 'approve':
        case 'reject':
            return { ...common, mode, decision: readDecision(inputs, mode, common) };
        case 'deploy':
        case 'rollback':
            return { ...common, mode, deploy: readDeploy(inputs, mode, common) };
        case 'compare':
        case 'lineage':
            return { ...common, mode, report: readReport(inputs, common) };
        case 'group':
            return { ...common, mode, groupOps: readGroup(inputs) };
    }
}

// EXTERNAL MODULE: ../../main/node_modules/@actions/github/lib/github.js + 22 modules
var lib_github = __webpack_require__(8587);
// EXTERNAL MODULE: ../../main/node_modules/@aws-sdk/client-sagemaker-runtime/dist-cjs/index.js
var client_sagemaker_runtime_dist_cjs = __webpack_require__(3218);
;// CONCATENATED MODULE: ./build/src/aws.js
// The one place AWS clients are built: one user agent, adaptive retry, bounded attempts.
// Endpoints for a local emulator come from the SDK's own AWS_ENDPOINT_URL_* variables.



const USER_AGENT = 'sagemaker-model-gate';
const MAX_ATTEMPTS = 6;
function createClients(region, version) {
    const common = {
        region,
        customUserAgent: [[USER_AGENT, version]],
        retryMode: 'adaptive',
        maxAttempts: MAX_ATTEMPTS
    };
    return {
        sagemaker: new dist_cjs/* SageMakerClient */.kHU(common),
        runtime: new client_sagemaker_runtime_dist_cjs/* SageMakerRuntimeClient */.OX(common),
        s3: new client_s3_dist_cjs/* S3Client */.YxF(common)
    };
}
/** Counts the requests a client sends (after retries), by operation, for debug output. */
function countCalls(client) {
    const counts = new Map();
    client.middlewareStack.add((next, context) => async (args) => {
        const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
    }, { step: 'initialize', name: 'sagemakerModelGateCallCounter' });
    return counts;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./build/src/github/run.js
// The GitHub run a mode records and reports, read from the runner's standard variables
// so that the action and the CLI (in another CI, or on a laptop) share one code path.


function pullRequestNumber(eventPath) {
    if (!eventPath)
        return undefined;
    let payload;
    try {
        payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
    }
    catch {
        return undefined;
    }
    if (typeof payload.pull_request?.number === 'number')
        return payload.pull_request.number;
    // A comment on a pull request arrives as an issue event that links the pull request.
    if (payload.issue?.pull_request && typeof payload.issue.number === 'number')
        return payload.issue.number;
    return undefined;
}
/** The OS user as `name@host`, for decisions made from the CLI outside GitHub Actions. */
function localUserName(env = process.env) {
    let name;
    try {
        name = (0,external_node_os_.userInfo)().username;
    }
    catch {
        // A container user without a passwd entry: the shell's variables may still know it.
        name = env.USER || env.USERNAME || env.LOGNAME;
    }
    if (!name)
        return undefined;
    const host = (0,external_node_os_.hostname)();
    return host ? `${name}@${host}` : name;
}
function readGitHubRun(env = process.env) {
    return {
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        repository: env.GITHUB_REPOSITORY ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        actor: env.GITHUB_ACTOR ?? '',
        localUser: env.GITHUB_ACTOR ? undefined : localUserName(env),
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        pullRequest: pullRequestNumber(env.GITHUB_EVENT_PATH)
    };
}

;// CONCATENATED MODULE: ./build/src/interrupts.js
// SIGINT and SIGTERM while a mode has something in flight: GitHub cancels a job with SIGINT,
// then SIGTERM, then SIGKILL. Node's default ends the process without a word; while a mode
// watches, the signal instead prints what was in flight and what happens next, and the
// process ends with the shell's code for the signal (130, 143).

const SIGNALS = ['SIGINT', 'SIGTERM'];
function exitCode(signal) {
    return 128 + (external_node_os_.constants.signals[signal] ?? 0);
}
function processInterrupts(report, source = process) {
    return {
        watch(describe) {
            const listener = (signal) => {
                report(describe(signal));
                source.exit(exitCode(signal));
            };
            for (const signal of SIGNALS)
                source.on(signal, listener);
            return () => {
                for (const signal of SIGNALS)
                    source.off(signal, listener);
            };
        }
    };
}

;// CONCATENATED MODULE: ./build/src/aws-errors.js
// What kind of "no" SageMaker answered. It models few errors of its own: "not found",
// "already exists" and "busy" mostly come as a ValidationException told apart only by its
// message (the SageMaker operator for Kubernetes matches the same phrases), and emulators
// and other services send ResourceNotFound or ResourceInUse instead.
function validationMessage(error) {
    if (!(error instanceof Error))
        return undefined;
    if (error.name !== 'ValidationException' && error.name !== 'ValidationError')
        return undefined;
    return error.message;
}
/**
 * `Could not find endpoint "..."` (and model, endpoint configuration), `ModelPackageGroup
 * churn does not exist.`, or a ResourceNotFound error.
 */
function isNotFound(error) {
    const message = validationMessage(error);
    if (message !== undefined)
        return /does not exist|not found|could not find/i.test(message);
    return (error instanceof Error &&
        (error.name === 'ResourceNotFound' || error.name === 'ResourceNotFoundException'));
}
/** `Cannot create already existing endpoint "..."`, `Model Package Group already exists: ...`. */
function isAlreadyExists(error) {
    const message = validationMessage(error);
    if (message !== undefined)
        return /already exist/i.test(message);
    return error instanceof Error && error.name === 'ResourceInUse';
}
/** `Cannot update in-progress endpoint "..."`: another create or update is running. */
function isInProgress(error) {
    const message = validationMessage(error);
    return message !== undefined && /in-progress endpoint|in progress/i.test(message);
}

;// CONCATENATED MODULE: ./build/src/context.js
function runUrl(run) {
    if (!run.repository || !run.runId)
        return '';
    return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}

;// CONCATENATED MODULE: ./build/src/version.js
// Sent in the AWS user agent; kept in step with package.json by a unit test.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/src/registry/versions.js
// Queries and updates on the versions of one model package group. Every list call
// passes SortOrder and ModelPackageType=Versioned: SageMaker sorts ascending and lists
// unversioned packages only unless told otherwise.




/** The version number at the end of a versioned package ARN (`.../model-package/group/7`). */
function versions_versionFromArn(arn) {
    const parts = parsePackageArn(arn);
    if (!parts)
        throw new Error(`"${arn}" is not the ARN of a versioned model package`);
    return parts.version;
}
/** The package ARN of version `version`, formed from the group's ARN as SageMaker forms it. */
function packageArnFromGroupArn(groupArn, version) {
    const group = parseGroupArn(groupArn);
    if (!group)
        throw new Error(`"${groupArn}" is not a model package group ARN`);
    return packageArnOf(group, version);
}
async function regionOf(sagemaker) {
    const region = sagemaker.config.region;
    return typeof region === 'function' ? await region() : String(region ?? '');
}
// One style for every "not found", whatever the mode: the input that named the thing, what
// is missing, where it was looked for, and what to check.
const CHECK = 'Check the name, the region and the AWS account the credentials belong to.';
async function groupNotFound(sagemaker, group) {
    return new UserError(`Input "model-package-group": group "${group.name}" does not exist in ${await regionOf(sagemaker)}. ${CHECK}`);
}
/** `input` named version(s) of the group that SageMaker does not know. */
function versionsNotFound(input, arns) {
    const parts = arns.map(parsePackageArn);
    const { region, name: group } = parts[0] ?? {};
    const versions = parts.map((found, i) => (found ? `v${found.version}` : arns[i]));
    return new UserError(`Input "${input}": ${versions.join(', ')} of group "${group ?? '?'}" ${versions.length === 1 ? 'does' : 'do'} not exist in ${region ?? 'this region'} (${arns.join(', ')}). Check the version number, the group, the region and the AWS account the credentials belong to.`);
}
/** Runs `read` on a version that input `input` named; "no such version" becomes one message naming the input. */
async function forNamedVersion(input, arn, read) {
    try {
        return await read();
    }
    catch (error) {
        if (isNotFound(error))
            throw versionsNotFound(input, [arn]);
        throw error;
    }
}
/** Describes the group; a missing one is the not-found error naming "model-package-group". */
async function describeGroup(sagemaker, group) {
    try {
        return await sagemaker.send(new dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.nameOrArn }));
    }
    catch (error) {
        if (isNotFound(error))
            throw await groupNotFound(sagemaker, group);
        throw error;
    }
}
/** The group's ARN, from the input when given as one, else from one DescribeModelPackageGroup. */
async function readGroupArn(sagemaker, group) {
    const arn = group.arn ?? (await describeGroup(sagemaker, group)).ModelPackageGroupArn;
    if (!arn)
        throw new Error(`SageMaker returned no ARN for group "${group.name}"`);
    return arn;
}
/** Resolves a package named by ARN or by version number to its ARN. */
async function resolvePackageArn(sagemaker, group, ref) {
    if (ref.kind === 'arn')
        return ref.arn;
    return packageArnFromGroupArn(await readGroupArn(sagemaker, group), ref.version);
}
/**
 * Whether a described version is in `group`. SageMaker names the group of a package shared
 * from another account either way, so a name and an ARN are both compared by name.
 */
function isInGroup(pkg, group) {
    const named = pkg.ModelPackageGroupName;
    return named === undefined || groupNameOf(named) === group.name;
}
/** Describes at most this many versions at once: enough to be quick, few enough not to be throttled. */
const DESCRIBE_CONCURRENCY = 4;
/** Runs `task` over `items` with at most `limit` in flight; results keep the order of `items`. */
async function mapBounded(items, limit, task) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await task(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
    return results;
}
/**
 * DescribeModelPackage for each ARN, a few at a time. BatchDescribeModelPackage would be
 * one call, but its summaries carry no CustomerMetadataProperties, where the metrics live.
 */
function describeVersions(sagemaker, arns, concurrency = DESCRIBE_CONCURRENCY) {
    return mapBounded(arns, concurrency, arn => describeVersion(sagemaker, arn));
}
async function describeVersion(sagemaker, arn) {
    return sagemaker.send(new dist_cjs/* DescribeModelPackageCommand */.Uxr({ ModelPackageName: arn }));
}
/** Describes a version a person named through `input`; a missing one is an error naming it. */
async function describeNamedVersion(sagemaker, arn, input) {
    return forNamedVersion(input, arn, () => describeVersion(sagemaker, arn));
}
function toSummary(item) {
    const arn = item.ModelPackageArn ?? '';
    return {
        arn,
        version: item.ModelPackageVersion ?? versions_versionFromArn(arn),
        status: (item.ModelApprovalStatus ?? 'PendingManualApproval'),
        creationTime: item.CreationTime,
        description: item.ModelPackageDescription
    };
}
/**
 * Versions of the group, newest first, paging with NextToken only as far as needed: the
 * cost is O(limit) calls, whatever the size of the group.
 */
async function listVersions(sagemaker, group, options) {
    const found = [];
    // MaxResults has a floor of 1: asking SageMaker for "none" would still return one.
    if (options.limit <= 0)
        return found;
    let nextToken;
    do {
        const page = await sagemaker.send(new dist_cjs/* ListModelPackagesCommand */.MTG({
            ModelPackageGroupName: group.nameOrArn,
            ModelPackageType: 'Versioned',
            ModelApprovalStatus: options.status,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: Math.min(100, Math.max(1, options.limit - found.length)),
            NextToken: nextToken
        }));
        for (const item of page.ModelPackageSummaryList ?? []) {
            const summary = toSummary(item);
            if (options.olderThanVersion !== undefined && summary.version >= options.olderThanVersion)
                continue;
            found.push(summary);
            if (found.length >= options.limit)
                return found;
        }
        nextToken = page.NextToken;
    } while (nextToken);
    return found;
}
/** The newest version (optionally with a given status): one ListModelPackages call. */
async function latestVersion(sagemaker, group, status) {
    const [newest] = await listVersions(sagemaker, group, { status, limit: 1 });
    return newest;
}
/**
 * Versions `versions` of the group, described; versions that do not exist are one error
 * naming them all and the input that asked for them.
 */
async function describeNamedVersions(sagemaker, group, versions, input) {
    const arn = await readGroupArn(sagemaker, group);
    const arns = [...new Set(versions)].map(version => packageArnFromGroupArn(arn, version));
    const missing = new Set();
    const found = await mapBounded(arns, DESCRIBE_CONCURRENCY, async (packageArn) => {
        try {
            return await describeVersion(sagemaker, packageArn);
        }
        catch (error) {
            if (!isNotFound(error))
                throw error;
            missing.add(packageArn);
            return undefined;
        }
    });
    if (missing.size > 0)
        throw versionsNotFound(input, arns.filter(packageArn => missing.has(packageArn)));
    return found.filter(pkg => pkg !== undefined);
}
/** The newest `limit` versions, newest first; a group that does not exist is an error, not an empty list. */
async function listExistingVersions(sagemaker, group, limit) {
    const found = await listVersions(sagemaker, group, { limit });
    // Listing a group that does not exist answers with no versions: tell the two apart.
    if (found.length === 0)
        await describeGroup(sagemaker, group);
    return found;
}
/**
 * The ARN of the version `ref` names or, without a name, of the group's newest version
 * waiting for approval; `noneWaiting` is the message when there is none to decide on.
 */
async function namedOrPendingArn(sagemaker, group, ref, noneWaiting) {
    if (ref)
        return resolvePackageArn(sagemaker, group, ref);
    const pending = await latestVersion(sagemaker, group, 'PendingManualApproval');
    if (!pending) {
        // Listing a group that does not exist answers with no versions: tell the two apart.
        await describeGroup(sagemaker, group);
        throw new UserError(noneWaiting);
    }
    return pending.arn;
}
/** SageMaker caps ApprovalDescription at 1,024 characters. */
const APPROVAL_DESCRIPTION_MAX = 1024;
/** ModelLifeCycle.StageDescription has the same cap. */
const STAGE_DESCRIPTION_MAX = 1024;
/**
 * Text as one line: SageMaker's description fields accept letters, marks, spaces, symbols,
 * digits and punctuation only, so line breaks and other control characters become spaces.
 */
function singleLine(text) {
    return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
}
/** Updates only the given fields; customer metadata is merged by SageMaker, never replaced. */
async function updateVersion(sagemaker, arn, update) {
    const input = { ModelPackageArn: arn };
    if (update.status)
        input.ModelApprovalStatus = update.status;
    if (update.approvalDescription !== undefined) {
        input.ApprovalDescription = storedApprovalDescription(update.approvalDescription);
    }
    if (update.metadata && Object.keys(update.metadata).length > 0) {
        input.CustomerMetadataProperties = update.metadata;
    }
    if (update.metadataToRemove?.length)
        input.CustomerMetadataPropertiesToRemove = update.metadataToRemove;
    if (update.lifecycle) {
        input.ModelLifeCycle = {
            Stage: update.lifecycle.stage,
            StageStatus: update.lifecycle.stageStatus,
            StageDescription: update.lifecycle.description === undefined
                ? undefined
                : truncate(singleLine(update.lifecycle.description), STAGE_DESCRIPTION_MAX)
        };
    }
    await sagemaker.send(new dist_cjs/* UpdateModelPackageCommand */.CCy(input));
}
/** The ApprovalDescription SageMaker stores for `text`: one line, at most 1,024 characters. */
function storedApprovalDescription(text) {
    return truncate(singleLine(text), APPROVAL_DESCRIPTION_MAX);
}
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

;// CONCATENATED MODULE: ./build/src/registry/decision.js



/** How long a run waits after writing its decision before reading it back. */
const DECISION_SETTLE_MS = 1000;
/** The customer metadata keys that belong to a decision. */
const DECISION_KEYS = [
    KEYS.gateDecision,
    KEYS.gatePolicy,
    KEYS.gateRun,
    KEYS.decisionBy,
    KEYS.decisionReason,
    KEYS.decisionRun
];
/** The keys each kind of writer owns: a write sets some and removes the rest it finds. */
const WRITER_KEYS = {
    gate: [KEYS.gateDecision, KEYS.gatePolicy, KEYS.gateRun],
    person: [KEYS.decisionBy, KEYS.decisionReason, KEYS.decisionRun]
};
function label(pkg) {
    const arn = pkg.ModelPackageArn ?? '';
    return `v${pkg.ModelPackageVersion ?? versions_versionFromArn(arn)}`;
}
/**
 * The check before any decision: the version belongs to the group (a decision recorded on
 * another group's version is one nobody looks for, and the gate would compare it with the
 * wrong champion), and its creation completed (a Failed or InProgress version has nothing
 * trustworthy to decide on). `action` completes "only a Completed version can be ...".
 */
function assertDecidable(pkg, group, action) {
    if (!isInGroup(pkg, group)) {
        throw new UserError(`Input "model-package": ${pkg.ModelPackageArn} belongs to group "${pkg.ModelPackageGroupName}", not to "${group.name}" named in "model-package-group".`);
    }
    if (pkg.ModelPackageStatus && pkg.ModelPackageStatus !== 'Completed') {
        throw new UserError(`${label(pkg)} is ${pkg.ModelPackageStatus}; only a Completed version can be ${action}.`);
    }
}
/**
 * An ApprovalDescription of `head`, `body` and `tail` in at most 1,024 characters: the body
 * (reasons, a person's words) is what gets shortened, so that who decided, the verdict and
 * the link to the run that explains everything survive.
 */
function fitDescription(head, body, tail = '') {
    const room = APPROVAL_DESCRIPTION_MAX - head.length - tail.length;
    let text = singleLine(body);
    if (text.length > room)
        text = room > 1 ? `${text.slice(0, room - 1)}…` : '';
    return `${head}${text}${tail}`.slice(0, APPROVAL_DESCRIPTION_MAX);
}
/**
 * Who decided, as recorded: the GitHub actor in a workflow run; from the CLI without
 * GITHUB_ACTOR, the local user, marked as such so nobody takes it for a GitHub login.
 */
function deciderOf(run) {
    if (run.actor)
        return run.actor;
    if (run.localUser)
        return `local user ${run.localUser}`;
    return 'unknown (no GITHUB_ACTOR and no local user name)';
}
/** A person's decision in customer metadata: who, why (kept readable) and, when known, the run. */
function personEntries(actor, reason, url) {
    return [
        [KEYS.decisionBy, sanitizeMetadataText(actor, METADATA_MAX_VALUE)],
        // The full reason is in ApprovalDescription; the metadata copy stays readable.
        [KEYS.decisionReason, readableMetadataText(reason, METADATA_MAX_VALUE)],
        ...(url
            ? [[KEYS.decisionRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)]]
            : [])
    ];
}
/**
 * A decision as one write: the entries are merged next to the keys already on the version
 * (one holding 50 entries still gets its status and description), and the keys of the same
 * writer this decision does not set are removed, so an earlier decision's cannot stay next
 * to it. `dropped` says which entries did not fit.
 */
function decisionWrite(options) {
    const existing = options.existing ?? {};
    const { kept, dropped } = fitMetadata(options.entries, existing);
    const remove = WRITER_KEYS[options.writer].filter(key => !(key in kept) && key in existing);
    return {
        status: options.status,
        approvalDescription: options.approvalDescription,
        metadata: kept,
        remove,
        ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
        dropped
    };
}
/** The same write as UpdateModelPackage takes it. */
function asVersionUpdate(write) {
    return {
        status: write.status,
        approvalDescription: write.approvalDescription,
        metadata: write.metadata,
        metadataToRemove: write.remove,
        lifecycle: write.lifecycle
    };
}
/** A version's decision fields, in a form two reads can be compared by. */
function decisionState(pkg) {
    const metadata = pkg.CustomerMetadataProperties ?? {};
    const state = {
        status: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
        ApprovalDescription: pkg.ApprovalDescription ?? ''
    };
    for (const key of DECISION_KEYS)
        state[key] = metadata[key] ?? '';
    return state;
}
function differences(before, after) {
    return Object.keys(after)
        .filter(key => before[key] !== after[key])
        .map(key => key === 'ApprovalDescription'
        ? 'ApprovalDescription changed'
        : `${key} ${before[key] || '(none)'} -> ${after[key] || '(none)'}`);
}
/** What a version's decision says, for messages: status and the decision keys set. */
function describeDecision(state) {
    const keys = DECISION_KEYS.filter(key => state[key]).map(key => `${key}=${state[key]}`);
    return [state.status, ...keys].join(', ');
}
/**
 * Reads the version again right before a decision is written and refuses to write when its
 * decision changed since `seen` was read: the decision was made on what `seen` held.
 */
async function assertUnchanged(sagemaker, seen, label) {
    const arn = seen.ModelPackageArn;
    const now = await describeVersion(sagemaker, arn);
    const changed = differences(decisionState(seen), decisionState(now));
    if (changed.length > 0) {
        throw new UserError(`${label} was changed by another writer while this run was deciding (${changed.join('; ')}); it now holds ${describeDecision(decisionState(now))}. Nothing was written: run again to decide on what it holds now.`);
    }
    return now;
}
/** Writes status, ApprovalDescription and the decision keys in one UpdateModelPackage call. */
async function writeDecision(sagemaker, arn, write) {
    await updateVersion(sagemaker, arn, asVersionUpdate(write));
}
/**
 * Reads the version back after `writeDecision`. When another writer's decision landed
 * after this one, throws a UserError that says what the version holds now; the version is
 * then consistent with that other writer.
 */
async function verifyDecision(sagemaker, arn, label, write) {
    const after = await describeVersion(sagemaker, arn);
    const state = decisionState(after);
    const expected = {
        status: write.status,
        ApprovalDescription: storedApprovalDescription(write.approvalDescription),
        ...Object.fromEntries(write.remove.map(key => [key, ''])),
        ...write.metadata
    };
    const overwritten = Object.keys(expected).filter(key => state[key] !== expected[key]);
    if (overwritten.length > 0) {
        throw new UserError(`${label} was changed by another writer right after this run wrote its decision (${describeDecision({ ...state, ...expected })}): it now holds ${describeDecision(state)}. The version is consistent with that other decision, not with this run's; run again if this one should stand.`);
    }
    return after;
}
/**
 * Records a decision on `pkg`, each part a step of the run: the version is checked to be
 * as it was read, written in one call, and read back after DECISION_SETTLE_MS. `changed`
 * says what the write did, for any later error.
 */
async function recordDecision(ctx, pkg, write, changed) {
    const arn = pkg.ModelPackageArn ?? '';
    const version = label(pkg);
    const sagemaker = ctx.aws.sagemaker;
    await ctx.steps.run(`checking that ${version} is still as read`, () => assertUnchanged(sagemaker, pkg, version));
    await ctx.steps.run(`recording the decision on ${version}`, () => writeDecision(sagemaker, arn, write));
    ctx.steps.changed(changed);
    await ctx.sleep(DECISION_SETTLE_MS);
    await ctx.steps.run(`reading ${version} back after recording the decision`, () => verifyDecision(sagemaker, arn, version, write));
}
/**
 * Verdict, failing rules and run link in at most 1,024 characters. The reasons are what
 * gets shortened: the verdict and the link to the run that explains everything must survive.
 */
function approvalDescription(decision, version, sha, url, note = '') {
    const verdict = decision.decision === 'pass' ? 'passed' : 'failed';
    const head = `sagemaker-model-gate: v${version} ${verdict} the gate (policy sha256 ${sha.slice(0, 12)}).${note ? ` ${note}` : ''}`;
    const tail = url ? ` Run: ${singleLine(url)}` : '';
    if (decision.reasons.length === 0)
        return fitDescription(head, '', tail);
    return fitDescription(`${head} `, `Failing rules: ${decision.reasons.join(' ')}`, tail);
}
/**
 * What the gate writes to the candidate, the same for a dry run and a real one. The gate
 * decides versions pending approval, and writes its whole decision in one call: the status
 * (on-pass/on-fail, or PendingManualApproval again when that is "none"), the
 * ApprovalDescription and the gate:* keys, so that a later writer replaces all of them. A
 * version already Approved or Rejected was decided by someone (a person, or another gate):
 * the gate writes nothing to it, so its status, description and keys keep agreeing.
 */
function gateRecord(candidate, decision, gate, policyHash, url) {
    const version = candidate.ModelPackageVersion ?? versions_versionFromArn(candidate.ModelPackageArn ?? '');
    const current = candidate.ModelApprovalStatus ?? 'PendingManualApproval';
    if (current !== 'PendingManualApproval') {
        const why = `it is already ${current}, and the gate records its decision only on versions pending approval (use mode "approve" or "reject" to change a decided version)`;
        return {
            written: `nothing recorded on v${version}: ${why}`,
            preview: `would record nothing on v${version}: ${why}`,
            dropped: []
        };
    }
    const setting = decision.decision === 'pass' ? 'on-pass' : 'on-fail';
    const wanted = decision.decision === 'pass' ? gate.onPass : gate.onFail;
    const left = wanted === 'none' ? `Status left PendingManualApproval (${setting}: none).` : '';
    const { dropped, ...write } = decisionWrite({
        writer: 'gate',
        status: wanted === 'none' ? 'PendingManualApproval' : wanted,
        approvalDescription: approvalDescription(decision, version, policyHash, url, left),
        entries: [
            [KEYS.gateDecision, decision.decision],
            [KEYS.gatePolicy, policyHash],
            ...(url
                ? [[KEYS.gateRun, sanitizeMetadataText(url, METADATA_MAX_VALUE)]]
                : [])
        ],
        existing: candidate.CustomerMetadataProperties
    });
    const recorded = KEYS.gateDecision in write.metadata
        ? `gate:decision=${decision.decision}`
        : 'the ApprovalDescription (no room for gate:decision in customer metadata)';
    const what = wanted === 'none' ? recorded : `${write.status} and ${recorded}`;
    const after = wanted === 'none' ? `; status left PendingManualApproval (${setting}: none)` : '';
    return {
        write,
        written: `${what} written to v${version}${after}`,
        preview: `would write ${what} to v${version}${after}`,
        dropped
    };
}

;// CONCATENATED MODULE: ./build/src/registry/audit.js
// The audit trail in SageMaker's own lineage store: every run of a mode that decides or
// changes something leaves one lineage Action (ActionType = the mode) holding the decision,
// the reason, who, which commit and which run, associated with the versions it concerns and
// the endpoint it changed. The trail so outlives the repository and the workflow logs.
//
// One action per run: its name is derived from the GitHub run (server, repository, run id),
// the mode, the versions and the endpoint, so a re-run attempt of the same run finds the
// action its first attempt made and updates it in place instead of adding another; two
// runs racing for the same name both end with the one action (CreateAction's "already
// exists" counts as found). Recording comes after the decision is written and only ever
// warns: the decision stands either way.








/** Names of our actions start with this, so the trail can be told from other lineage. */
const AUDIT_PREFIX = 'smg-';
/** ActionName: 1-120 of `[a-zA-Z0-9](-*[a-zA-Z0-9])*` (CreateAction). */
const audit_NAME_MAX = 120;
/** LineageEntityParameters: at most 30 entries, keys and values up to 2500 characters. */
const PROPERTY_MAX = 2500;
const PROPERTIES_MAX = 30;
const audit_DESCRIPTION_MAX = 3072;
/** MetadataProperties members: up to 1024 characters. */
const METADATA_MAX = 1024;
/** The calls the trail makes, for the warning when one is denied and for the README. */
const AUDIT_PERMISSIONS = 'sagemaker:CreateAction, sagemaker:DescribeAction and sagemaker:UpdateAction on arn:aws:sagemaker:REGION:ACCOUNT:action/smg-*, sagemaker:AddAssociation and sagemaker:ListAssociations (and sagemaker:DescribeEndpoint for deployments)';
/** A value as LineageEntityParameters take it: one line (the API's `.*`), at most 2500 characters. */
function propertyValue(text, max = PROPERTY_MAX) {
    const line = singleLine(text);
    return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
/** The run's identity: the same for every attempt of one GitHub run, unique per local command. */
function runKey(run) {
    if (run.runId) {
        return {
            label: `r${run.runId.replace(/[^0-9a-zA-Z]/g, '')}`,
            key: [run.serverUrl, run.repository, run.runId].join('\n')
        };
    }
    // Outside GitHub Actions there is no run to find again: each command is its own run.
    return { label: 'local', key: (0,external_node_crypto_.randomBytes)(16).toString('hex') };
}
/** The action's deterministic name: `smg-<mode>-r<run id>-<digest>`, within 120 characters. */
function auditActionName(mode, run, entry) {
    const { label, key } = runKey(run);
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update([key, mode, ...[...entry.packages].sort(), entry.endpoint?.name ?? ''].join('\n'))
        .digest('hex')
        .slice(0, 20);
    const head = `${AUDIT_PREFIX}${mode}-${label}`.slice(0, audit_NAME_MAX - digest.length - 1);
    return `${head}-${digest}`.toLowerCase();
}
/** Every property the action holds: the mode's declaration plus who, what and where. */
function auditProperties(run, entry, group) {
    const primary = entry.packages[0];
    let version;
    try {
        version = primary ? String(versions_versionFromArn(primary)) : undefined;
    }
    catch {
        version = undefined;
    }
    const all = {
        decision: entry.decision,
        reason: entry.reason,
        actor: deciderOf(run),
        commit: run.sha || undefined,
        'run-url': runUrl(run) || undefined,
        'run-id': run.runId || undefined,
        'run-attempt': run.runAttempt || undefined,
        repository: run.repository || undefined,
        group,
        version,
        'model-package-arns': entry.packages.join(' '),
        endpoint: entry.endpoint?.name,
        'policy-sha256': entry.policyHash,
        'data-sha256': entry.dataHash,
        'tool-version': VERSION,
        ...entry.properties
    };
    const kept = Object.entries(all).filter((pair) => pair[1] !== undefined && pair[1] !== '');
    return Object.fromEntries(kept.slice(0, PROPERTIES_MAX).map(([key, value]) => [key, propertyValue(value)]));
}
/** The property names whose values differ between the two lists. */
function changedProperties(a, b = {}) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(key => a[key] !== b[key]);
}
/** Creates the action, or finds the one an earlier attempt (or a racing run) made. */
async function createOrFind(sagemaker, planned, run) {
    const metadata = {
        CommitId: run.sha || undefined,
        Repository: run.repository ? `${run.serverUrl}/${run.repository}` : undefined,
        GeneratedBy: runUrl(run) || undefined
    };
    try {
        const created = await sagemaker.send(new dist_cjs/* CreateActionCommand */.e8V({
            ActionName: planned.name,
            ActionType: planned.type,
            Source: { SourceUri: planned.targets[0] ?? '', SourceType: 'ModelPackage' },
            Description: planned.description,
            Status: planned.status,
            Properties: planned.properties,
            MetadataProperties: Object.fromEntries(Object.entries(metadata)
                .filter((pair) => pair[1] !== undefined)
                .map(([key, value]) => [key, propertyValue(value, METADATA_MAX)]))
        }));
        return { arn: created.ActionArn ?? '' };
    }
    catch (error) {
        if (!isAlreadyExists(error))
            throw error;
    }
    const existing = await sagemaker.send(new dist_cjs/* DescribeActionCommand */.VF({ ActionName: planned.name }));
    return { arn: existing.ActionArn ?? '', existing };
}
/** The ARNs the action is already associated with (only asked of an action found again). */
async function associatedTargets(sagemaker, actionArn) {
    const found = [];
    let token;
    do {
        const page = await sagemaker.send(new dist_cjs/* ListAssociationsCommand */.IOv({ SourceArn: actionArn, MaxResults: 100, NextToken: token }));
        for (const item of page.AssociationSummaries ?? [])
            if (item.DestinationArn)
                found.push(item.DestinationArn.toLowerCase());
        token = page.NextToken;
    } while (token);
    return found;
}
/** The endpoint's ARN as SageMaker spells it; undefined when it no longer exists. */
async function endpointArn(sagemaker, endpoint) {
    if (endpoint.arn)
        return endpoint.arn;
    try {
        const described = await sagemaker.send(new dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: endpoint.name }));
        return described.EndpointArn;
    }
    catch (error) {
        if (isNotFound(error))
            return undefined;
        throw error;
    }
}
/** Writes the action and its associations; returns what it did, for the log. */
async function writeAction(sagemaker, planned, run) {
    const { arn, existing } = await createOrFind(sagemaker, planned, run);
    let did = existing ? `found ${arn}` : `recorded ${arn}`;
    const changed = existing ? changedProperties(planned.properties, existing.Properties) : [];
    if (existing && existing.Status !== planned.status)
        changed.unshift('status');
    if (changed.length > 0) {
        await sagemaker.send(new dist_cjs/* UpdateActionCommand */.Dm6({
            ActionName: planned.name,
            Status: planned.status,
            Description: planned.description,
            Properties: planned.properties
        }));
        did = `updated ${arn} (${changed.join(', ')})`;
    }
    const linked = existing ? await associatedTargets(sagemaker, arn) : [];
    for (const target of planned.targets) {
        if (linked.includes(target.toLowerCase()))
            continue;
        await sagemaker.send(new dist_cjs/* AddAssociationCommand */.mcl({
            SourceArn: arn,
            DestinationArn: target,
            AssociationType: 'AssociatedWith'
        }));
    }
    return did;
}
/**
 * Records the run's action: nothing in a dry run (it says what it would record), and a
 * warning, never an error, when SageMaker refuses: the decision is already written.
 */
async function recordAudit(ctx, scope, entry) {
    const { mode } = scope;
    if (entry.packages.length === 0) {
        ctx.out.debug(`No version to record a ${mode} audit action against.`);
        return;
    }
    const name = auditActionName(mode, ctx.github, entry);
    const targetsText = [...entry.packages, ...(entry.endpoint ? [entry.endpoint.name] : [])];
    if (scope.dryRun) {
        ctx.out.info(`dry run: would record the audit action ${name} (type ${mode}, ${entry.decision}) associated with ${targetsText.join(', ')}`);
        return;
    }
    const sagemaker = ctx.aws.sagemaker;
    try {
        const endpoint = entry.endpoint ? await endpointArn(sagemaker, entry.endpoint) : undefined;
        const planned = {
            name,
            type: mode,
            status: entry.failed ? 'Failed' : 'Completed',
            description: propertyValue(`${mode} ${entry.decision}: ${entry.reason}`.trim(), audit_DESCRIPTION_MAX),
            properties: auditProperties(ctx.github, entry, scope.group),
            targets: [...entry.packages, ...(endpoint ? [endpoint] : [])]
        };
        const did = await writeAction(sagemaker, planned, ctx.github);
        ctx.out.info(`Audit trail: ${did}`);
    }
    catch (error) {
        ctx.out.warning(`Could not record the ${mode} audit action ${name} in SageMaker lineage: ${namedErrorMessage(error)}. The ${mode} itself stands as written. Recording needs ${AUDIT_PERMISSIONS}; a re-run of this workflow run completes the record.`);
    }
}
/** How many actions of one version's trail are read; more is a log, not a report. */
const TRAIL_LIMIT = 50;
function iso(date) {
    return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
/** Our actions associated with the version, newest first, at most `limit`. */
async function trailArns(sagemaker, packageArn, limit) {
    const found = [];
    let token;
    do {
        const page = await sagemaker.send(new dist_cjs/* ListAssociationsCommand */.IOv({
            DestinationArn: packageArn,
            AssociationType: 'AssociatedWith',
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: 100,
            NextToken: token
        }));
        for (const item of page.AssociationSummaries ?? []) {
            const source = item.SourceArn ?? '';
            if (/:action\//.test(source) && source.split('/').pop()?.startsWith(AUDIT_PREFIX))
                found.push(source);
        }
        token = page.NextToken;
    } while (token && found.length < limit);
    return found.slice(0, limit);
}
/** The version's audit trail, oldest first: every recorded run, with its properties. */
async function readAuditTrail(sagemaker, packageArn, limit = TRAIL_LIMIT) {
    const arns = await trailArns(sagemaker, packageArn, limit);
    const actions = await mapBounded(arns, DESCRIBE_CONCURRENCY, async (arn) => {
        const action = await sagemaker.send(new dist_cjs/* DescribeActionCommand */.VF({ ActionName: arn }));
        return {
            name: action.ActionName ?? arn.split('/').pop() ?? arn,
            arn: action.ActionArn ?? arn,
            type: action.ActionType ?? '',
            status: action.Status,
            created: iso(action.CreationTime),
            lastModified: iso(action.LastModifiedTime),
            properties: { ...(action.Properties ?? {}) }
        };
    });
    return actions.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? ''));
}
/**
 * The newest recorded action of each version, by package ARN. The trail is optional for a
 * report: a role without lineage read access gets `note` instead of an error.
 */
async function lastAuditActions(sagemaker, packageArns, note) {
    try {
        const newest = await mapBounded(packageArns, DESCRIBE_CONCURRENCY, arn => readAuditTrail(sagemaker, arn, 1));
        return new Map(packageArns.flatMap((arn, i) => {
            const action = newest[i]?.[0];
            return action ? [[arn, action]] : [];
        }));
    }
    catch (error) {
        note(`The audit trail could not be read (${namedErrorMessage(error)}): no last decisions shown.`);
        return new Map();
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./build/src/github/comment.js
/** The login GitHub shows for comments made with the workflow's GITHUB_TOKEN. */
const ACTIONS_BOT = 'github-actions[bot]';
function comment_status(error) {
    const value = error?.status;
    return typeof value === 'number' ? value : undefined;
}
/**
 * The login behind the token. A personal or user token answers `GET /user`. An
 * installation token (GITHUB_TOKEN, GitHub Apps) gets 403 there, but GraphQL `viewer`
 * names its bot; if that fails too, GITHUB_TOKEN is by far the likeliest.
 */
async function resolveIdentity(octokit, out) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        out?.debug(`GET /user failed (${comment_status(error) ?? String(error)}); asking GraphQL viewer`);
    }
    try {
        const data = await octokit.graphql('query { viewer { login } }');
        if (data.viewer?.login)
            return data.viewer.login;
    }
    catch (error) {
        out?.debug(`GraphQL viewer failed (${String(error)}); assuming ${ACTIONS_BOT}`);
    }
    return ACTIONS_BOT;
}
/**
 * Whether a comment author is the token's identity. GraphQL names a bot without the
 * `[bot]` suffix that REST shows, so both spellings are accepted for bot accounts; a
 * human cannot have `[` in a login, so this cannot match a person.
 */
function isSameActor(user, identity) {
    if (!user?.login)
        return false;
    const author = user.login.toLowerCase();
    const self = identity.toLowerCase();
    return author === self || author === `${self}[bot]`;
}
/** The first comment on the issue that starts with the marker and was written by `identity`. */
async function findStickyComment(octokit, where) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        per_page: 100
    });
    for await (const page of pages) {
        for (const comment of page.data) {
            if (comment.body?.startsWith(where.marker) && isSameActor(comment.user, where.identity)) {
                return { id: comment.id, body: comment.body, url: comment.html_url };
            }
        }
    }
    return undefined;
}
function permissionHint(request, code, error) {
    const raw = error?.message;
    // Octokit appends " - <documentation url>", which says nothing about the fix.
    const message = typeof raw === 'string' ? raw.split('\n')[0]?.replace(/ - https?:\/\/\S+$/, '') : '';
    return (`Could not write the pull request comment on ${request.owner}/${request.repo}#${request.issueNumber} ` +
        `(HTTP ${code}${message ? `: ${message}` : ''}). ` +
        'Grant the job `permissions: pull-requests: write`; a pull request from a fork gets a ' +
        'read-only token, so post the comment from a `workflow_run` workflow instead. ' +
        'The report is still in the job summary.');
}
/**
 * Creates the sticky comment or edits ours in place (skipping the edit when nothing
 * changed, so nobody gets a notification for it). A missing permission (403) or an
 * unreachable pull request (404) is a warning and the result is undefined: the comment
 * is a convenience, the decision stands without it. Other errors are thrown.
 */
async function upsertStickyComment(octokit, request) {
    const body = request.body.startsWith(request.marker)
        ? request.body
        : `${request.marker}\n${request.body}`;
    const where = { owner: request.owner, repo: request.repo };
    try {
        const identity = request.identity ?? (await resolveIdentity(octokit, request.out));
        const existing = await findStickyComment(octokit, {
            ...where,
            issueNumber: request.issueNumber,
            marker: request.marker,
            identity
        });
        if (existing) {
            if (existing.body === body) {
                request.out.debug(`Comment ${existing.id} is already up to date`);
                return { id: existing.id, created: false, url: existing.url };
            }
            const { data } = await octokit.rest.issues.updateComment({
                ...where,
                comment_id: existing.id,
                body
            });
            return { id: data.id, created: false, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({
            ...where,
            issue_number: request.issueNumber,
            body
        });
        return { id: data.id, created: true, url: data.html_url };
    }
    catch (error) {
        const code = comment_status(error);
        if (code === 403 || code === 404) {
            request.out.warning(permissionHint(request, code, error));
            return undefined;
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./build/src/report/escape.js
// Everything that reaches the report from the registry or the user (descriptions,
// metric names, metadata values, group names) is untrusted: it must render as the text
// it is, never as HTML, links, formatting, table structure or a notification.
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;'
};
/** `& < > "` as entities: no tags, no attributes, no comments (our marker included). */
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, char => HTML_ENTITIES[char] ?? char);
}
// The ASCII punctuation that starts Markdown inline syntax: emphasis, code spans,
// links and images, strikethrough, table cells, headings, and the backslash itself.
const MARKDOWN_SPECIALS = /[\\`*_[\]()#|~!]/g;
/**
 * A zero-width space after `@` stops GitHub from linking and notifying a user or team,
 * and the text still reads the same. It is written as an entity so that it survives
 * editors and logs that strip invisible characters.
 */
function neutraliseMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9])/g, '@&#8203;');
}
/**
 * Untrusted text for a Markdown paragraph or list item: one line, no markup.
 * The order matters: entities first (they introduce `&` and `;` only), then backslashes,
 * then mentions (whose entity contains `#`, which must not be backslash-escaped).
 */
function escape_escapeText(text, maxLength = 1000) {
    const oneLine = escape_truncate(text.replace(/\r\n?|\n/g, ' '), maxLength);
    return neutraliseMentions(escapeHtml(oneLine).replace(MARKDOWN_SPECIALS, '\\$&'));
}
/**
 * Untrusted text for a GFM table cell: as `escapeText`, with line breaks kept as `<br>`
 * (a raw newline would end the row) and `|` escaped so that it cannot add a column.
 */
function escapeCell(text, maxLength = 300) {
    const lines = escape_truncate(text, maxLength).split(/\r\n?|\n/);
    return lines.map(line => escape_escapeText(line, Number.MAX_SAFE_INTEGER)).join('<br>');
}
/** Shortens to `maxLength` characters with an ellipsis, without splitting a surrogate pair. */
function escape_truncate(text, maxLength) {
    const chars = Array.from(text);
    if (chars.length <= maxLength)
        return text;
    return chars.slice(0, Math.max(0, maxLength - 1)).join('') + '…';
}
/**
 * Text for inside a double-quoted Mermaid string (chart title, axis title, category).
 * Mermaid has no escape for `"`, reads `%%` as a directive or comment and `#...;` as an
 * entity, may pass `<` `>` into the SVG as markup, and a backtick could close the code
 * fence; keeping a conservative set of
 * characters is simpler than escaping each of them.
 */
function mermaidLabel(text, maxLength = 60) {
    const safe = text
        .replace(/[^\p{L}\p{N} _.:/+=(),-]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return escape_truncate(safe, maxLength);
}
/** A URL for a Markdown link target: only http(s), and no character that ends the target. */
function safeUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return undefined;
    return parsed.href.replace(/[()<> "'`|\\]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** Runs of at least this many characters without a space get break opportunities (by default). */
const LONG_WORD = 24;
/**
 * Already-escaped cell text with `<wbr>` after `/ : _ . -` inside long words, so that an
 * S3 URI or a long metric name wraps inside its column instead of widening the table
 * past the comment (GitHub's tables scroll sideways rather than break words). The text
 * reads and copies the same: `<wbr>` is no character.
 */
function breakable(escaped, longWord = LONG_WORD) {
    return escaped.replace(/[^\s<>]+/g, word => Array.from(word).length < longWord
        ? word
        : // Not inside `://`, which must stay whole to read as a URL.
            word.replace(/([.-]|\\_|:(?!\/)|\/(?!\/))(?=[^\s/])/g, '$1<wbr>'));
}
/**
 * Untrusted text for a terminal: one line, with no control character. An escape sequence
 * in a metric name or description could otherwise move the cursor, recolour the screen
 * or rewrite what was printed before it.
 */
function escape_terminalText(text, maxLength = 1000) {
    const oneLine = text.replace(/\r\n?|\n|\t/g, ' ');
    // C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is shown.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const visible = oneLine.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
    return escape_truncate(visible, maxLength);
}

;// CONCATENATED MODULE: ./build/src/report/format.js
// How numbers, statuses, dates and directions read in every report, Markdown or text.
// One place, so that the PR comment, the summary and the terminal agree to the digit.


/** More decimals than this are float noise, not information, for any metric we report. */
const MAX_DECIMALS = 12;
/** The decimals `formatNumber` (6 significant digits, no noise) needs for a value. */
function decimalsOf(value) {
    if (!Number.isFinite(value))
        return 0;
    const text = formatNumber(value);
    const point = text.indexOf('.');
    return point < 0 ? 0 : text.length - point - 1;
}
/**
 * One number of decimals for every value of a metric, so that a column or row lines up
 * and 0.35 sits next to 0.381 as 0.350: the most any of the values needs, never fewer
 * than it needs (a threshold of 0.85 must not meet a 0.84996 shown as 0.850).
 */
function format_metricDecimals(values) {
    let decimals = 0;
    for (const value of values) {
        if (value !== undefined)
            decimals = Math.max(decimals, decimalsOf(value));
    }
    return Math.min(decimals, MAX_DECIMALS);
}
/** A value with the metric's decimals; non-finite values as words. */
function format_fixed(value, decimals) {
    if (value === undefined)
        return '—';
    if (!Number.isFinite(value))
        return formatNumber(value);
    const text = value.toFixed(decimals);
    // -0.000 is zero to a reader.
    return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
/** A difference with its sign and the metric's decimals: `+0.030`, `-0.022`, `0.000`. */
function signedFixed(value, decimals) {
    const text = format_fixed(value, decimals);
    return value > 0 && !/^0\.?0*$/.test(text) ? `+${text}` : text;
}
/** A relative change in percent to 2 significant figures: `-2.5%`, `+8.6%`, `+120%`. */
function relativePercent(delta, baseline) {
    if (baseline === 0 || !Number.isFinite(delta) || !Number.isFinite(baseline))
        return undefined;
    const percent = (delta / Math.abs(baseline)) * 100;
    if (percent === 0)
        return '0%';
    // toPrecision keeps the significant zero of +2.0%; past 100 or below 1e-6 it would
    // switch to an exponent, where the plain number reads better.
    const precise = percent.toPrecision(2);
    const text = precise.includes('e') ? formatNumber(Number(precise)) : precise;
    return `${percent > 0 ? '+' : ''}${text}%`;
}
/** What a change means for a metric whose better direction is known (or not). */
function changeWord(delta, direction) {
    if (delta === 0)
        return 'no change';
    if (direction === undefined)
        return 'changed';
    return delta > 0 === (direction === 'higher') ? 'better' : 'worse';
}
const format_DIRECTION_MARK = { higher: '↑', lower: '↓' };
/** The direction given for a metric (policy override), else the one its name implies. */
function format_directionOf(metric, given) {
    return given?.[metric] ?? inferDirection(metric);
}
const STATUS_WORDS = {
    PendingManualApproval: 'pending approval',
    Approved: 'approved',
    Rejected: 'rejected'
};
/** An approval or job status in words: `PendingManualApproval` -> `pending approval`. */
function format_statusWords(status) {
    if (status === undefined || status === '')
        return undefined;
    return (STATUS_WORDS[status] ??
        status
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .replace(/_/g, ' ')
            .toLowerCase());
}
/** The approval statuses inside our own sentences (`status left PendingManualApproval`) in words. */
function format_withStatusWords(text) {
    return text.replace(/\bPendingManualApproval\b/g, 'pending approval');
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function asDate(value) {
    if (value === undefined)
        return undefined;
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/**
 * A date short enough not to wrap in a table cell: `Jan 3`, or `Jan 3 2025` when the dates
 * shown together span more than one year. UTC, as the registry records it; the spaces
 * are non-breaking.
 */
function format_shortDate(value, withYear = false) {
    const date = asDate(value);
    if (!date)
        return undefined;
    const day = `${MONTHS[date.getUTCMonth()]}\u00a0${date.getUTCDate()}`;
    return withYear ? `${day}\u00a0${date.getUTCFullYear()}` : day;
}
/** True when the dates are not all in one calendar year, so that a short date needs its year. */
function format_spansYears(values) {
    const years = new Set(values.flatMap(value => asDate(value)?.getUTCFullYear() ?? []));
    return years.size > 1;
}
/** An ISO time as `2026-11-20 10:15 UTC`, for the one place a full time is worth its width. */
function format_dateTime(value) {
    const date = asDate(value);
    if (!date)
        return undefined;
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
const SPARKS = '▁▂▃▄▅▆▇█';
/** A one-line trend for a terminal: one block per value, scaled between min and max. */
function format_sparkline(values) {
    const finite = values.filter(Number.isFinite);
    if (finite.length === 0)
        return '';
    const low = Math.min(...finite);
    const span = Math.max(...finite) - low;
    return values
        .map(value => {
        if (!Number.isFinite(value))
            return ' ';
        const index = span === 0 ? 3 : Math.round(((value - low) / span) * (SPARKS.length - 1));
        return SPARKS[index];
    })
        .join('');
}

;// CONCATENATED MODULE: ./build/src/report/chart.js


/**
 * Mid-tone colours: each has a contrast of at least 3:1 (WCAG's bar for graphics) against
 * the chart background of Mermaid's default theme (white) and of its dark theme (#333),
 * which GitHub uses in dark mode. Named for the caption, which is the legend.
 */
const SERIES = {
    approved: { colour: '#1f9d55', name: 'green' },
    rejected: { colour: '#e5534b', name: 'red' },
    candidate: { colour: '#2f81f7', name: 'blue' },
    trend: { colour: '#768390', name: 'grey' },
    baseline: { colour: '#1f9d55', name: 'green' },
    threshold: { colour: '#db6d28', name: 'orange' },
    limit: { colour: '#a371f7', name: 'purple' }
};
/** Wide enough to fill GitHub's 900 px comment column, low enough to stack a few. */
const WIDTH = 860;
const HEIGHT = 260;
const LABEL_FONT = 12;
/** Roughly the width of one character of the axis labels, in px, for spacing them. */
const CHAR_WIDTH = 6.5;
/** The plot's share of the chart width; the rest is the y-axis labels. */
const PLOT_SHARE = 0.88;
/** A decimal Mermaid's number grammar accepts: no exponent, no float noise. */
function chartNumber(value) {
    const rounded = Number(value.toPrecision(6));
    if (!String(rounded).includes('e'))
        return String(rounded === 0 ? 0 : rounded);
    return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
/** A y-axis range with some room above and below, so the line is not glued to the edges. */
function axisRange(values) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min;
    const pad = span > 0 ? span * 0.12 : Math.max(Math.abs(max) * 0.05, 0.01);
    return [min - pad, max + pad];
}
/**
 * Lines far outside the data would squash the trend into a strip; they are left out of
 * the drawing (the caption still names them) when more than three data spans away.
 */
function drawnLines(values, lines) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const reach = Math.max(max - min, Math.abs(max) * 0.02, 1e-9) * 3;
    return lines.filter(line => Number.isFinite(line.value) && line.value >= min - reach && line.value <= max + reach);
}
/**
 * The x-axis: every label where they fit, else every k-th one, always the baseline and the
 * candidate, with their neighbours cleared so nothing overlaps. Categories must differ
 * (Mermaid keys the axis by them), so a hidden label is a distinct run of zero-width spaces.
 */
function axisLabels(versions, baseline, candidate) {
    const band = (WIDTH * PLOT_SHARE) / Math.max(versions.length, 1);
    const width = (text) => text.length * CHAR_WIDTH + 6;
    const widest = Math.max(...versions.map(version => width(`v${version}`)));
    const step = Math.max(1, Math.ceil(widest / band));
    const labels = versions.map((version, index) => (versions.length - 1 - index) % step === 0 ? `v${version}` : undefined);
    const specials = specialLabels(versions, baseline, candidate, band, width);
    // Clear regular labels that would run into a special one; specials win.
    for (const [index, text] of specials) {
        const needed = width(text) / 2 + widest / 2;
        versions.forEach((_, other) => {
            if (!specials.has(other) && Math.abs(other - index) * band < needed)
                labels[other] = undefined;
        });
    }
    for (const [index, text] of specials)
        labels[index] = text;
    return labels.map((label, index) => label ?? '\u200b'.repeat(index + 1));
}
/**
 * The candidate's label, and the baseline's when it fits beside it: in full, else as its
 * bare number, else none (its line and the legend still name it).
 */
function specialLabels(versions, baseline, candidate, band, width) {
    const specials = new Map();
    const at = candidate === undefined ? -1 : versions.indexOf(candidate);
    if (at >= 0)
        specials.set(at, `v${candidate} candidate`);
    const base = baseline === undefined ? -1 : versions.indexOf(baseline);
    if (base < 0)
        return specials;
    const beside = (text) => {
        const other = specials.get(at);
        return !other || Math.abs(base - at) * band >= (width(text) + width(other)) / 2;
    };
    const text = [`v${baseline} baseline`, `v${baseline}`].find(beside);
    if (text)
        specials.set(base, text);
    return specials;
}
function row(values) {
    return `[${values.map(chartNumber).join(', ')}]`;
}
function barSeries(input, points, floor) {
    const bar = (key, caption, keep) => {
        const values = points.map(point => (keep(point) ? point.value : floor));
        return points.some(keep) ? [{ key, kind: 'bar', values, caption }] : [];
    };
    const isCandidate = (point) => point.version === input.candidate;
    return [
        ...bar('approved', 'approved', point => !isCandidate(point) && point.status === 'Approved'),
        ...bar('rejected', 'rejected', point => !isCandidate(point) && point.status === 'Rejected'),
        ...bar('candidate', `candidate v${input.candidate}`, isCandidate)
    ];
}
function lineSeries(input, points, lines) {
    const flat = (value) => points.map(() => value);
    const base = points.find(point => point.version === input.baseline);
    return [
        {
            key: 'trend',
            kind: 'line',
            values: points.map(point => point.value),
            caption: 'every version'
        },
        ...(base
            ? [
                {
                    key: 'baseline',
                    kind: 'line',
                    values: flat(base.value),
                    caption: `baseline v${base.version}`
                }
            ]
            : []),
        ...lines.map(line => ({
            key: line.kind,
            kind: 'line',
            values: flat(line.value),
            caption: line.label
        }))
    ];
}
function caption(series, left) {
    const parts = series.map(entry => {
        const colour = SERIES[entry.key].name;
        return entry.kind === 'bar'
            ? `${colour} bars: ${entry.caption}`
            : `${colour} line: ${entry.caption}`;
    });
    for (const line of left)
        parts.push(`${line.label} (off the chart)`);
    return parts.join(' · ');
}
/**
 * A fenced Mermaid chart of one metric over versions, oldest first, and its legend as a
 * line of text (xychart draws no legend GitHub can be relied on to show). Undefined with
 * fewer than two points: there is no trend to draw.
 */
function trendChart(input) {
    const points = input.points.filter(point => Number.isFinite(point.value));
    if (points.length < 2)
        return undefined;
    const values = points.map(point => point.value);
    const lines = drawnLines(values, input.lines ?? []);
    const [low, high] = axisRange([...values, ...lines.map(line => line.value)]);
    const hidden = low - (high - low);
    const series = [...barSeries(input, points, hidden), ...lineSeries(input, points, lines)];
    const palette = series.map(entry => SERIES[entry.key].colour).join(',');
    const init = {
        xyChart: { width: WIDTH, height: HEIGHT, xAxis: { labelFontSize: LABEL_FONT } },
        themeVariables: { xyChart: { plotColorPalette: palette } }
    };
    const mark = input.direction ? ` ${format_DIRECTION_MARK[input.direction]}` : '';
    const labels = axisLabels(points.map(point => Math.trunc(point.version)), input.baseline, input.candidate);
    const block = [
        '```mermaid',
        `%%{init: ${JSON.stringify(init)}}%%`,
        'xychart-beta',
        `  title "${mermaidLabel(input.metric, 80)}${mark}"`,
        `  x-axis [${labels.map(label => `"${label}"`).join(', ')}]`,
        `  y-axis ${chartNumber(low)} --> ${chartNumber(high)}`,
        ...series.map(entry => `  ${entry.kind} ${row(entry.values)}`),
        '```'
    ].join('\n');
    const left = (input.lines ?? []).filter(line => !lines.includes(line));
    return { block, legend: caption(series, left) };
}

;// CONCATENATED MODULE: ./build/src/report/links.js
// Links to the SageMaker console, the only place they are built: the console's host
// depends on the partition of the region (China and GovCloud have their own).

/** The console host of the AWS partition a region belongs to. */
function consoleHost(region) {
    if (region.startsWith('cn-'))
        return `${region}.console.amazonaws.cn`;
    if (region.startsWith('us-gov-'))
        return `${region}.console.amazonaws-us-gov.com`;
    return `${region}.console.aws.amazon.com`;
}
/**
 * The console page of one resource; undefined when the region is not a region name, since
 * the region becomes part of the host name and anything else would send the reader
 * elsewhere. The console routes are not a documented API: these are the forms in common use.
 */
function consoleUrl(region, page, name) {
    if (!REGION.test(region))
        return undefined;
    return `https://${consoleHost(region)}/sagemaker/home?region=${encodeURIComponent(region)}#/${page}/${encodeURIComponent(name)}`;
}
/** `text: url`, or the text alone when there is no link. */
function withLink(text, url) {
    return url ? `${text}: ${url}` : text;
}
/** A group given as a name or as the ARN of a group shared from another account. */
function groupNameAndRegion(group, region) {
    const arn = parseGroupArn(group);
    return arn ? { name: arn.name, region: arn.region } : { name: group, region };
}
/** The console page of one version of a group (name or shared-group ARN). */
function versionConsoleUrl(group, region, version) {
    if (version === undefined || !Number.isInteger(version))
        return undefined;
    const located = groupNameAndRegion(group, region);
    const page = consoleUrl(located.region, 'model-registry', located.name);
    return page && `${page}/versions/${version}`;
}
/**
 * The web address of a repository recorded as a URL (`MetadataProperties.Repository`) or
 * as `owner/name`, which lives on `serverUrl`.
 */
function repositoryUrl(repository, serverUrl = 'https://github.com') {
    if (!repository)
        return undefined;
    if (/^https?:\/\//i.test(repository))
        return repository.replace(/\/+$/, '').replace(/\.git$/, '');
    if (/^[\w.-]+\/[\w.-]+$/.test(repository))
        return `${serverUrl.replace(/\/+$/, '')}/${repository}`;
    return undefined;
}
/** A full commit SHA is 40 (SHA-1) or 64 (SHA-256) hex digits; reports show the first 7. */
function links_shortSha(sha) {
    return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
function commitUrl(repository, sha) {
    return repository && /^[0-9a-f]{7,64}$/i.test(sha) ? `${repository}/commit/${sha}` : undefined;
}
function pullRequestUrl(repository, number) {
    return repository && /^\d+$/.test(number) ? `${repository}/pull/${number}` : undefined;
}
/** Links to the SageMaker console for a group and, when given, an endpoint. */
function consoleLinks(options) {
    const { name, region } = groupNameAndRegion(options.group, options.region);
    const links = [];
    const group = consoleUrl(region, 'model-registry', name);
    if (group)
        links.push({ label: 'Model group in the SageMaker console', url: group });
    const endpoint = options.endpointName && consoleUrl(region, 'endpoints', options.endpointName);
    if (endpoint) {
        links.push({
            label: `Endpoint ${options.endpointName} in the SageMaker console`,
            url: endpoint
        });
    }
    return links;
}

;// CONCATENATED MODULE: ./build/src/report/markdown.js
// Small Markdown pieces every report shares: links to versions, commits and pull requests,
// and table cells that wrap instead of widening the table.


/** `[label](url)` with the label escaped, or the escaped label alone when the URL is unsafe. */
function markdown_link(label, url) {
    const target = url === undefined ? undefined : safeUrl(url);
    return target === undefined ? escape_escapeText(label) : `[${escape_escapeText(label)}](${target})`;
}
/** `v5` linked to the version's page in the SageMaker console; `fallback` without a number. */
function versionLink(group, region, version, fallback = 'candidate') {
    if (version === undefined)
        return escape_escapeText(fallback);
    return markdown_link(`v${version}`, versionConsoleUrl(group, region, version));
}
/** Untrusted text for a table cell that wraps inside its column. */
function cell(value, limit = 300) {
    return value === undefined || value === '' ? '—' : breakable(escapeCell(value, limit));
}
/** A commit as its first 7 characters, linked to the commit on the repository's server. */
function commitCell(sha, repository) {
    return markdown_link(links_shortSha(sha), commitUrl(repository, sha));
}
/** A pull request as `#42`, linked. */
function pullRequestCell(number, repository) {
    const trimmed = number.trim();
    return /^\d+$/.test(trimmed)
        ? markdown_link(`#${trimmed}`, pullRequestUrl(repository, trimmed))
        : cell(number);
}
/** A repository URL as `owner/name`, linked. */
function repositoryCell(url) {
    return markdown_link(url.replace(/^https?:\/\/[^/]+\//i, ''), url);
}
/** A URL as a short link: a workflow run as `run 42`, anything else as its host and path. */
function urlCell(url) {
    const target = safeUrl(url);
    if (!target)
        return cell(url);
    const run = /\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?/.exec(url);
    if (run)
        return markdown_link(`run ${run[1]}${run[2] ? ` attempt ${run[2]}` : ''}`, url);
    const label = url.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    return `[${breakable(escapeCell(label, 120))}](${target})`;
}
/** A GFM table; every cell is already Markdown. */
function table(headers, aligns, rows) {
    return [
        `| ${headers.join(' | ')} |`,
        `|${aligns.join('|')}|`,
        ...rows.map(row => `| ${row.join(' | ')} |`)
    ];
}

;// CONCATENATED MODULE: ./build/src/report/gate-table.js




const VERDICT_MARK = { pass: '✅', fail: '❌', skipped: '⏭️' };
/** The value of a metric, with its standard deviation when the statistics carry one. */
function valueText(value, decimals, sd) {
    const text = format_fixed(value, decimals);
    return value !== undefined && sd !== undefined && Number.isFinite(sd)
        ? `${text}\u00a0±\u00a0${format_fixed(sd, decimals)}`
        : text;
}
/** `-0.022 (-2.5%) worse`: signed, relative to 2 significant figures, and what it means. */
function gate_table_changeText(delta, baseline, direction, decimals) {
    if (delta === undefined || !Number.isFinite(delta))
        return { amount: '—' };
    const relative = baseline === undefined ? undefined : relativePercent(delta, baseline);
    const amount = `${signedFixed(delta, decimals)}${relative ? `\u00a0(${relative})` : ''}`;
    const word = changeWord(delta, direction);
    return { amount, word: word === 'changed' ? undefined : word };
}
function changeCell(row) {
    const { amount, word } = gate_table_changeText(row.delta, row.baseline, row.direction, row.decimals);
    // Bold only where it decided something: a passing metric may be a little worse.
    const loud = word === 'worse' && row.verdict === 'fail';
    let text = loud ? `${amount} **worse**` : word ? `${amount} ${word}` : amount;
    if (row.ci) {
        text += `<br>95% CI ${signedFixed(row.ci[0], row.decimals)} … ${signedFixed(row.ci[1], row.decimals)}`;
    }
    if (row.pValue !== undefined) {
        const p = gate_table_pValueText(row.pValue);
        text += `<br>p ${p.startsWith('<') ? '' : '= '}${escapeHtml(p)}`;
    }
    return text;
}
/** A p-value to 2 significant figures; below 0.0001 only its bound matters. */
function gate_table_pValueText(p) {
    return p < 0.0001 ? '< 0.0001' : formatNumber(Number(p.toPrecision(2)));
}
function ruleCell(row) {
    const several = row.rules.length > 1;
    return row.rules
        .map(rule => {
        const mark = several ? `${VERDICT_MARK[rule.verdict]}\u00a0` : '';
        const skipped = rule.verdict === 'skipped' ? ' (skipped)' : '';
        // One line per rule: a rule broken over two lines reads as two rules.
        return `${mark}${escapeCell(rule.text, 100).replace(/ /g, '\u00a0')}${skipped}`;
    })
        .join('<br>');
}
function metricCell(row) {
    const name = breakable(escapeCell(row.metric, 200));
    const mark = row.direction ? ` ${format_DIRECTION_MARK[row.direction]}` : '';
    return row.verdict === 'fail' ? `**${name}**${mark}` : `${name}${mark}`;
}
/** The table of metric rows; `heads` are the baseline and candidate column titles. */
function metricTable(rows, heads) {
    const lines = table(['', 'metric', 'rule', heads.baseline, heads.candidate, 'change'], [':-:', '---', '---', '--:', '--:', '--:'], rows.map(row => [
        VERDICT_MARK[row.verdict],
        metricCell(row),
        ruleCell(row),
        valueText(row.baseline, row.decimals, row.baselineSd),
        valueText(row.candidate, row.decimals, row.candidateSd),
        changeCell(row)
    ]));
    const marks = new Set(rows.flatMap(row => (row.direction ? [row.direction] : [])));
    const legend = [
        ...(marks.has('higher') ? ['↑ higher is better'] : []),
        ...(marks.has('lower') ? ['↓ lower is better'] : []),
        'change: candidate − baseline'
    ];
    return [...lines, '', `<sub>${legend.join(' · ')}</sub>`, ''];
}
/** Metrics both versions carry that no rule names, folded away: context, not the decision. */
function otherMetrics(candidate, baseline, ruled, heads, directions) {
    const names = [...new Set([...Object.keys(candidate), ...Object.keys(baseline ?? {})])]
        .filter(name => !ruled.has(name))
        .sort();
    if (names.length === 0)
        return [];
    const rows = names.map(name => {
        const direction = format_directionOf(name, directions);
        const [now, before] = [candidate[name], baseline?.[name]];
        const decimals = format_metricDecimals([now, before]);
        const delta = now !== undefined && before !== undefined ? now - before : undefined;
        const { amount, word } = gate_table_changeText(delta, before, direction, decimals);
        const mark = direction ? ` ${format_DIRECTION_MARK[direction]}` : '';
        return [
            `${breakable(escapeCell(name, 200))}${mark}`,
            format_fixed(before, decimals),
            format_fixed(now, decimals),
            word ? `${amount} ${word}` : amount
        ];
    });
    return [
        `<details><summary>Other metrics (${names.length}, no rule)</summary>`,
        '',
        ...table(['metric', heads.baseline, heads.candidate, 'change'], ['---', '--:', '--:', '--:'], rows),
        '',
        '</details>',
        ''
    ];
}
/** The failed rules' explanations, and the skipped ones folded away. */
function reasonLists(rows, limit) {
    const lines = [];
    const failed = rows.flatMap(row => row.rules.filter(rule => rule.verdict === 'fail'));
    if (failed.length > 0) {
        lines.push('### Why it failed', '');
        for (const rule of failed.slice(0, limit))
            lines.push(`- ${escape_escapeText(rule.explanation, 500)}`);
        if (failed.length > limit) {
            lines.push(`- … and ${failed.length - limit} more, listed in the JSON report.`);
        }
        lines.push('');
    }
    const skipped = rows.flatMap(row => row.rules.filter(rule => rule.verdict === 'skipped').map(rule => ({ row, rule })));
    if (skipped.length > 0) {
        lines.push('<details><summary>Skipped rules</summary>', '');
        for (const { row, rule } of skipped.slice(0, limit)) {
            lines.push(`- ${escape_escapeText(row.metric, 200)} ${escape_escapeText(rule.text, 100)}: ${escape_escapeText(rule.explanation, 500)}`);
        }
        lines.push('', '</details>', '');
    }
    return lines;
}

;// CONCATENATED MODULE: ./build/src/report/provenance.js




/**
 * The build facts of a version from what `readLineage` found: the training job's
 * hyperparameters and input channels when the job could be read, else the `hp:*` entries
 * recorded at registration; the inference image of the first container.
 */
function buildFacts(data) {
    const job = data.trainingJob;
    const hyperParameters = job ? job.hyperParameters : data.story.hyperParameters;
    const trainingData = job
        ? Object.fromEntries(job.inputs.flatMap(input => (input.uri ? [[input.channel, input.uri]] : [])))
        : undefined;
    return {
        ...(Object.keys(hyperParameters).length > 0 ? { hyperParameters: { ...hyperParameters } } : {}),
        ...(trainingData && Object.keys(trainingData).length > 0 ? { trainingData } : {}),
        ...(data.package.containers[0]?.image ? { image: data.package.containers[0].image } : {})
    };
}
function provenance_differences(label, before, after) {
    if (!before || !after)
        return [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys
        .filter(key => before[key] !== after[key])
        .map(key => [`${escapeCell(label, 40)} ${cell(key, 128)}`, cell(before[key]), cell(after[key])]);
}
/**
 * `### What changed`: the rows that differ, or one line saying nothing did. Nothing at all
 * when the facts were not given for both versions: silence is not "no change".
 */
function changesSection(baseline, candidate, limit) {
    const known = (baseline.hyperParameters && candidate.hyperParameters) ||
        (baseline.trainingData && candidate.trainingData) ||
        (baseline.image && candidate.image);
    if (!known || limit === 0)
        return [];
    const rows = [
        ...(baseline.image && candidate.image && baseline.image !== candidate.image
            ? [['image', cell(baseline.image), cell(candidate.image)]]
            : []),
        ...provenance_differences('training data', baseline.trainingData, candidate.trainingData),
        ...provenance_differences('hyperparameter', baseline.hyperParameters, candidate.hyperParameters)
    ];
    const compared = [
        ...(baseline.hyperParameters && candidate.hyperParameters ? ['hyperparameters'] : []),
        ...(baseline.trainingData && candidate.trainingData ? ['training data'] : []),
        ...(baseline.image && candidate.image ? ['image'] : [])
    ].join(', ');
    const heading = `### What changed from the baseline`;
    if (rows.length === 0)
        return [heading, '', `Same ${compared} as the baseline.`, ''];
    const shown = rows.slice(0, limit);
    return [
        heading,
        '',
        ...table(['', baseline.title, candidate.title], ['---', '---', '---'], shown),
        ...(rows.length > shown.length
            ? ['', `… and ${rows.length - shown.length} more differences.`]
            : []),
        ''
    ];
}
/** One provenance value as a cell: commits short and linked, PRs as `#42`, URLs as links. */
function provenanceCell(key, value, repository, limit) {
    if (key === 'commit')
        return commitCell(value, repository);
    if (key === 'pull request')
        return pullRequestCell(value, repository);
    if (key === 'repository' && repository)
        return repositoryCell(repository);
    if (/^https?:\/\//i.test(value))
        return urlCell(value);
    return cell(value, limit);
}
/** The provenance table: one column per version, no ARNs (the JSON report has them). */
function provenanceTable(columns, budget, serverUrl) {
    if (budget.keys === 0 || columns.length === 0)
        return [];
    const repo = (version) => repositoryUrl(version.provenance.repository, serverUrl);
    const fixed = [
        [
            'description',
            version => version.description ? cell(version.description, budget.descriptionLength) : undefined
        ],
        ['status', version => (version.status ? cell(format_statusWords(version.status)) : undefined)],
        ['created', version => format_dateTime(version.creationTime)]
    ];
    const rows = [];
    for (const [name, get] of fixed) {
        const values = columns.map(get);
        if (values.some(value => value !== undefined))
            rows.push([name, ...values.map(value => value ?? '—')]);
    }
    const keys = [...new Set(columns.flatMap(version => Object.keys(version.provenance)))].slice(0, budget.keys);
    for (const key of keys) {
        rows.push([
            cell(key, 128),
            ...columns.map(version => {
                const value = version.provenance[key];
                return value ? provenanceCell(key, value, repo(version), budget.valueLength) : '—';
            })
        ]);
    }
    if (rows.length === 0)
        return [];
    return [
        '### Provenance',
        '',
        ...table(['', ...columns.map(version => version.title)], ['---', ...columns.map(() => '---')], rows),
        ''
    ];
}

;// CONCATENATED MODULE: ./build/src/report/rules.js

const OPERATORS = {
    '>=': '>=',
    '>': '>',
    '<=': '<=',
    '<': '<',
    '==': '=='
};
/** The rule behind `ruleText` (`>= 0.85`, `max drop 5%`), for the words and the chart line. */
function ruleShape(result) {
    if (result.kind === 'threshold') {
        const match = /^(>=|<=|==|>|<)\s*(-?[\d.]+(?:e[-+]?\d+)?)$/i.exec(result.rule.trim());
        const op = match ? OPERATORS[match[1]] : undefined;
        return op && match ? { kind: 'threshold', op, value: Number(match[2]) } : undefined;
    }
    const match = /^max drop\s+([\d.]+(?:e[-+]?\d+)?)(%?)$/i.exec(result.rule.trim());
    return match
        ? { kind: 'regression', limit: Number(match[1]), relative: match[2] === '%' }
        : undefined;
}
// Signs and words that need no escaping in Markdown and read the same on a terminal.
const OP_SIGNS = {
    '>=': '≥',
    '>': 'above',
    '<=': '≤',
    '<': 'below',
    '==': '='
};
/** Words that match what the rule limits: a lower-is-better metric is limited in its rise. */
function ruleWords(shape, direction, raw) {
    if (!shape)
        return raw;
    if (shape.kind === 'threshold')
        return `${OP_SIGNS[shape.op]} ${shape.value}`;
    const amount = `${shape.limit}${shape.relative ? '%' : ''}`;
    return direction === 'lower' ? `max rise ${amount}` : `max drop ${amount}`;
}
/** The verdict of a metric from the verdicts of its rules. */
function overall(verdicts) {
    if (verdicts.includes('fail'))
        return 'fail';
    return verdicts.includes('pass') ? 'pass' : 'skipped';
}
const ORDER = { fail: 0, pass: 1, skipped: 2 };
/**
 * One row per metric named in the policy, in policy order within each verdict: failing
 * metrics first, then passing, then those whose every rule was skipped. `directions`
 * overrides what the metric's name implies, as `metric-directions` does in the policy.
 */
function metricRows(results, directions, deviations = {}) {
    const byMetric = new Map();
    for (const result of results) {
        const list = byMetric.get(result.metric) ?? [];
        list.push(result);
        byMetric.set(result.metric, list);
    }
    return [...byMetric.entries()]
        .map(([metric, list], index) => ({
        row: metricRow(metric, list, directions, deviations),
        index
    }))
        .sort((a, b) => ORDER[a.row.verdict] - ORDER[b.row.verdict] || a.index - b.index)
        .map(({ row }) => row);
}
function metricRow(metric, list, directions, deviations) {
    const direction = format_directionOf(metric, directions);
    const withValues = list.find(result => result.candidate !== undefined) ?? list[0];
    const statistical = list.find(result => result.ci !== undefined || result.pValue !== undefined);
    const rules = list.map(result => {
        const shape = ruleShape(result);
        return {
            text: ruleWords(shape, direction, result.rule),
            verdict: result.verdict,
            explanation: result.explanation,
            shape
        };
    });
    const thresholds = rules.flatMap(rule => rule.shape?.kind === 'threshold' ? [rule.shape.value] : []);
    const [baselineSd, candidateSd] = [deviations.baseline?.[metric], deviations.candidate?.[metric]];
    return {
        metric,
        direction,
        verdict: overall(list.map(result => result.verdict)),
        rules,
        baseline: withValues?.baseline,
        candidate: withValues?.candidate,
        delta: withValues?.delta,
        baselineSd,
        candidateSd,
        // A standard deviation shown with fewer decimals than it has would read as 0.
        decimals: format_metricDecimals([
            withValues?.baseline,
            withValues?.candidate,
            ...thresholds,
            baselineSd,
            candidateSd
        ]),
        ci: statistical?.ci,
        pValue: statistical?.pValue
    };
}
/** How many metrics fail, as the headline says it. */
function rules_failureCount(rows) {
    const failed = rows.filter(row => row.verdict === 'fail').length;
    if (rows.length === 0)
        return 'no rules';
    if (failed === 0)
        return `all ${rows.length} metric${rows.length === 1 ? '' : 's'} pass`;
    return `${failed} of ${rows.length} metric${rows.length === 1 ? '' : 's'} fail${failed === 1 ? 's' : ''}`;
}

;// CONCATENATED MODULE: ./build/src/report/render.js








/** GitHub refuses comments longer than 65,536 characters; keep some room. */
const MAX_COMMENT_LENGTH = 65_000;
/** More charts than this add length, not insight: failing metrics come first. */
const MAX_GATE_CHARTS = 10;
/** The hidden first line that identifies the sticky comment of a group. */
function commentMarker(group) {
    // The marker sits inside an HTML comment: nothing in it may close the comment.
    return `<!-- sagemaker-model-gate:${group.replace(/[^A-Za-z0-9:/._-]/g, '_')} -->`;
}
const FULL = {
    otherMetrics: true,
    historyVersions: Number.MAX_SAFE_INTEGER,
    chartMetrics: MAX_GATE_CHARTS,
    provenanceKeys: Number.MAX_SAFE_INTEGER,
    provenanceValueLength: 300,
    descriptionLength: 1000,
    ruleRows: Number.MAX_SAFE_INTEGER
};
// Each step gives up less useful detail first; the decision, the rules and the reasons
// are the last to go.
const SHRINK = [
    { note: 'metrics without a rule left out', budget: { otherMetrics: false } },
    { note: 'charts show the last 10 versions', budget: { historyVersions: 10 } },
    {
        note: 'provenance shortened',
        budget: { provenanceKeys: 20, provenanceValueLength: 100, descriptionLength: 200 }
    },
    { note: 'charts for the first 5 metrics only', budget: { chartMetrics: 5 } },
    { note: 'charts and provenance left out', budget: { chartMetrics: 0, provenanceKeys: 0 } },
    { note: 'rules and reasons cut to the first 100', budget: { ruleRows: 100 } }
];
/** The history with the candidate as its last point, when the history does not hold it yet. */
function render_historyWithCandidate(data) {
    const history = [...data.history];
    const version = data.candidate.version;
    if (version !== undefined && !history.some(entry => entry.version === version)) {
        history.push({ version, status: data.candidate.status, metrics: data.candidate.metrics });
    }
    return history;
}
/** The report's metric rows: failing first, with directions and standard deviations. */
function render_gateRows(data) {
    return metricRows(data.decision.rules, data.directions, {
        baseline: data.baseline?.standardDeviations,
        candidate: data.candidate.standardDeviations
    });
}
/** The one thing to do next, in the words of the modes that do it. */
function render_nextStep(data) {
    const version = data.candidate.version !== undefined ? `v${data.candidate.version}` : 'the candidate';
    if (data.dryRun)
        return `run again without \`dry-run\` to record the decision on ${version}.`;
    const status = data.candidate.status;
    if (data.decision.decision === 'pass') {
        return status === 'Approved'
            ? `${version} is approved: deploy it with mode \`deploy\`.`
            : `a reviewer approves ${version} with mode \`approve\` and a reason, or rejects it with mode \`reject\`.`;
    }
    return `fix what fails and register a new version; to ship ${version} anyway, a person approves it with mode \`approve\`, \`force: true\` and a reason.`;
}
function headline(data, rows) {
    const passed = data.decision.decision === 'pass';
    const { group, region } = data;
    const candidate = versionLink(group, region, data.candidate.version);
    const status = format_statusWords(data.candidate.status);
    const baseline = data.baseline
        ? `baseline ${versionLink(group, region, data.baseline.version, 'baseline')} ${escape_escapeText(data.baseline.label, 100)}`
        : 'no baseline';
    const lines = [
        `## ${passed ? '✅' : '❌'} Model gate ${passed ? 'passed' : 'failed'}: ${escape_escapeText(group, 200)} ${candidate}`,
        '',
        `**${rules_failureCount(rows)}** · candidate ${candidate}${status ? ` ${escape_escapeText(status, 50)}` : ''} · ${baseline} · ${escape_escapeText(region, 50)}`,
        ''
    ];
    if (data.dryRun) {
        lines.push('> [!NOTE]', '> Dry run: nothing was written to the registry.', '');
    }
    else if (data.written) {
        lines.push(`**Registry:** ${escape_escapeText(format_withStatusWords(data.written), 300)}`, '');
    }
    lines.push(`**Next step:** ${render_nextStep(data)}`, '');
    return lines;
}
function chartLines(row, baseline) {
    const base = row.baseline;
    return row.rules.flatMap((rule) => {
        const shape = rule.shape;
        if (shape?.kind === 'threshold')
            return [{ kind: 'threshold', value: shape.value, label: `threshold ${rule.text}` }];
        if (shape?.kind !== 'regression' ||
            base === undefined ||
            !Number.isFinite(base) ||
            !row.direction)
            return [];
        const allowed = shape.relative ? (shape.limit / 100) * Math.abs(base) : shape.limit;
        const value = row.direction === 'higher' ? base - allowed : base + allowed;
        const from = baseline?.version !== undefined ? ` from v${baseline.version}` : '';
        return [{ kind: 'limit', value, label: `${rule.text}${from}` }];
    });
}
function charts(data, rows, budget) {
    if (budget.chartMetrics === 0)
        return [];
    const history = render_historyWithCandidate(data).slice(-budget.historyVersions);
    const drawn = rows.slice(0, budget.chartMetrics).flatMap(row => {
        const points = history.flatMap(entry => {
            const value = entry.metrics[row.metric];
            return value === undefined ? [] : [{ version: entry.version, value, status: entry.status }];
        });
        const chart = trendChart({
            metric: row.metric,
            direction: row.direction,
            points,
            baseline: data.baseline?.version,
            candidate: data.candidate.version,
            lines: chartLines(row, data.baseline)
        });
        return chart ? [chart.block, '', `<sub>${escape_escapeText(chart.legend, 1000)}</sub>`, ''] : [];
    });
    if (drawn.length === 0)
        return [];
    const count = drawn.length / 4;
    const first = history[0];
    const last = history[history.length - 1];
    const range = first && last ? ` (v${first.version} to v${last.version})` : '';
    const more = rows.length > count
        ? [
            `<sub>Charts for ${count} of ${rows.length} metrics, failing metrics first; the JSON report has every value.</sub>`,
            ''
        ]
        : [];
    if (count <= 2)
        return [`### Trend${range}`, '', ...drawn, ...more];
    return [
        `<details><summary>Trend of ${count} metrics${range}</summary>`,
        '',
        ...drawn,
        ...more,
        '</details>',
        ''
    ];
}
function headsOf(data) {
    const { group, region } = data;
    return {
        baseline: data.baseline
            ? `baseline ${versionLink(group, region, data.baseline.version, '')}`.trim()
            : 'baseline',
        candidate: `candidate ${versionLink(group, region, data.candidate.version, '')}`.trim()
    };
}
function provenance(data, heads, budget) {
    const columns = [{ ...data.candidate, title: heads.candidate }];
    if (data.baseline)
        columns.push({ ...data.baseline, title: heads.baseline });
    return provenanceTable(columns, {
        keys: budget.provenanceKeys,
        valueLength: budget.provenanceValueLength,
        descriptionLength: budget.descriptionLength
    }, data.serverUrl);
}
function changes(data, heads, budget) {
    if (!data.baseline)
        return [];
    return changesSection({ ...data.baseline, title: heads.baseline }, { ...data.candidate, title: heads.candidate }, Math.min(budget.provenanceKeys, 50));
}
function links(data) {
    const all = [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])];
    const lines = all.map(entry => `- ${markdown_link(entry.label, entry.url)}`);
    return lines.length === 0 ? [] : ['### Links', '', ...lines, ''];
}
function shortened(notes) {
    if (notes.length === 0)
        return [];
    return [`<sub>Shortened to fit GitHub's comment size limit: ${notes.join('; ')}.</sub>`, ''];
}
function footer(data) {
    const parts = ['sagemaker-model-gate'];
    if (data.runUrl && safeUrl(data.runUrl))
        parts.push(markdown_link('workflow run', data.runUrl));
    if (data.policySha256 && /^[0-9a-f]{64}$/.test(data.policySha256)) {
        parts.push(`policy sha256 ${data.policySha256.slice(0, 12)}`);
    }
    return ['---', `<sub>${parts.join(' · ')}</sub>`];
}
function compose(data, budget, notes) {
    const rows = render_gateRows(data);
    const shown = rows.slice(0, budget.ruleRows);
    const heads = headsOf(data);
    const hidden = rows.length - shown.length;
    return [
        commentMarker(data.group),
        ...headline(data, rows),
        ...shortened(notes),
        ...metricTable(shown, heads),
        ...(hidden > 0 ? [`… and ${hidden} more metrics, listed in the JSON report.`, ''] : []),
        ...reasonLists(rows, budget.ruleRows),
        ...changes(data, heads, budget),
        ...(budget.otherMetrics
            ? otherMetrics(data.candidate.metrics, data.baseline?.metrics, new Set(rows.map(row => row.metric)), heads, data.directions)
            : []),
        ...charts(data, rows, budget),
        ...provenance(data, heads, budget),
        ...links(data),
        ...footer(data)
    ].join('\n');
}
/**
 * The gate's report as GitHub Markdown, for the sticky PR comment and the job summary.
 * Every piece of untrusted text is escaped; the result stays under GitHub's comment limit
 * by giving up detail in a fixed order and saying what was left out.
 */
function renderReport(data) {
    let budget = FULL;
    const notes = [];
    let markdown = compose(data, budget, notes);
    for (const step of SHRINK) {
        if (markdown.length <= MAX_COMMENT_LENGTH)
            return markdown;
        budget = { ...budget, ...step.budget };
        notes.push(step.note);
        markdown = compose(data, budget, notes);
    }
    if (markdown.length <= MAX_COMMENT_LENGTH)
        return markdown;
    // Only very long reasons can get here; cut at a line so no table row is split.
    const tail = "\n\n… report cut to fit GitHub's comment size limit; see the JSON report.";
    const cut = markdown.slice(0, MAX_COMMENT_LENGTH - tail.length);
    return cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0)) + tail;
}

;// CONCATENATED MODULE: ./build/src/report/json.js
// The gate report as plain data for the JSON report file: full ARNs, every metric and
// rule, unescaped text (it is not Markdown), and null where a number is not finite.



function finite(value) {
    if (value === undefined)
        return undefined;
    return Number.isFinite(value) ? value : null;
}
function finiteMetrics(metrics) {
    return Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, finite(value) ?? null]));
}
function dateText(value) {
    if (value === undefined)
        return undefined;
    if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
    return value;
}
function versionJson(data, version) {
    return {
        version: version.version,
        arn: version.arn,
        url: versionConsoleUrl(data.group, data.region, version.version),
        status: version.status,
        description: version.description,
        creationTime: dateText(version.creationTime),
        metrics: finiteMetrics(version.metrics),
        ...(version.standardDeviations
            ? { standardDeviations: finiteMetrics(version.standardDeviations) }
            : {}),
        provenance: { ...version.provenance },
        ...(version.hyperParameters ? { hyperParameters: { ...version.hyperParameters } } : {}),
        ...(version.trainingData ? { trainingData: { ...version.trainingData } } : {}),
        ...(version.image ? { image: version.image } : {})
    };
}
/**
 * The same report as plain data for the JSON report file. Numbers that are not finite
 * become null, which JSON can carry; text is left unescaped, as it is not Markdown.
 */
function reportJson(data) {
    return {
        schema: 'sagemaker-model-gate/gate-report@1',
        group: data.group,
        region: data.region,
        decision: data.decision.decision,
        reasons: [...data.decision.reasons],
        rules: data.decision.rules.map(result => ({
            metric: result.metric,
            kind: result.kind,
            rule: result.rule,
            candidate: finite(result.candidate),
            baseline: finite(result.baseline),
            delta: finite(result.delta),
            verdict: result.verdict,
            explanation: result.explanation,
            ...(result.ci ? { ci: result.ci.map(value => finite(value) ?? null) } : {}),
            ...(result.pValue !== undefined ? { pValue: finite(result.pValue) } : {})
        })),
        directions: Object.fromEntries([...new Set(data.decision.rules.map(result => result.metric))].flatMap(metric => {
            const direction = format_directionOf(metric, data.directions);
            return direction ? [[metric, direction]] : [];
        })),
        candidate: versionJson(data, data.candidate),
        baseline: data.baseline
            ? { label: data.baseline.label, ...versionJson(data, data.baseline) }
            : null,
        history: render_historyWithCandidate(data).map(entry => ({
            version: entry.version,
            status: entry.status,
            metrics: finiteMetrics(entry.metrics)
        })),
        links: [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])],
        runUrl: data.runUrl,
        dryRun: data.dryRun,
        written: data.written,
        policySha256: data.policySha256
    };
}

;// CONCATENATED MODULE: ./build/src/report/deploy.js
// The deploy and rollback report. A failed deployment must not read as if the new version
// were serving: its traffic table is titled as the plan that did not take effect, next to
// the config the endpoint still serves.



const HEADLINE = {
    deployed: ['✅', 'done'],
    failed: ['❌', 'failed'],
    planned: ['📝', 'planned (dry run)']
};
function versionOfArn(arn) {
    const match = arn ? /\/(\d+)$/.exec(arn) : null;
    return match ? Number(match[1]) : undefined;
}
/** Traffic shares in percent of the total weight, as a reader compares them. */
function shares(variants) {
    const total = variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0);
    return variants.map(variant => total > 0 ? `${Number(((Math.max(variant.weight, 0) / total) * 100).toPrecision(3))}%` : '—');
}
function trafficTable(report) {
    const titles = {
        deployed: '**Serving now**',
        failed: '**Planned traffic, not serving** (the deployment did not take effect)',
        planned: '**Would serve**'
    };
    const share = shares(report.variants);
    const rows = report.variants.map((variant, index) => [
        escape_escapeText(variant.variantName, 100),
        versionLink(report.group, report.region, variant.version),
        share[index] ?? '—'
    ]);
    const heading = report.outcome === 'deployed' ? 'traffic' : 'planned traffic';
    return [
        titles[report.outcome],
        '',
        ...table(['variant', 'version', heading], ['---', '--:', '--:'], rows),
        ''
    ];
}
function servingLine(report) {
    const serving = report.servingConfig ? `\`${escape_escapeText(report.servingConfig, 200)}\`` : 'none';
    const previous = versionOfArn(report.previousPackageArn);
    const before = previous !== undefined && report.previousPackageArn !== report.variants[0]?.packageArn
        ? ` · previously ${versionLink(report.group, report.region, previous)}`
        : '';
    if (report.outcome === 'failed') {
        const still = report.servingConfig && report.servingConfig !== report.plannedConfig;
        return `The endpoint serves config ${serving}${still ? ', not the planned one' : ''}${before}.`;
    }
    return `Serving config: ${serving}${before}`;
}
/** The report of a deployment or rollback, as Markdown for the job summary. */
function renderDeployment(report) {
    const [mark, word] = HEADLINE[report.outcome];
    const what = report.kind === 'rollback' ? 'Rollback' : 'Deployment';
    const endpoint = consoleLinks({
        region: report.region,
        group: report.group,
        endpointName: report.endpointName
    })[1];
    const lines = [
        `### ${mark} ${what} to ${markdown_link(report.endpointName, endpoint?.url)} ${word}`,
        '',
        ...(report.message ? [escape_escapeText(report.message, 2000), ''] : []),
        ...trafficTable(report),
        servingLine(report),
        '',
        `<details><summary>SageMaker calls${report.outcome === 'planned' ? ' planned' : ''} (${report.calls.length})</summary>`,
        '',
        ...(report.calls.length > 0
            ? report.calls.map((call, index) => `${index + 1}. ${escape_escapeText(call, 2000)}`)
            : ['none']),
        '',
        '</details>',
        ''
    ];
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/report/terminal.js
// Plain text for a terminal: aligned columns, and colour only where a person is looking
// (a TTY) and has not asked for none (NO_COLOR, https://no-color.org).
/** Colour on a TTY unless NO_COLOR is set to anything but the empty string. */
function useColor(stream, env) {
    const noColor = env.NO_COLOR;
    return stream.isTTY === true && (noColor === undefined || noColor === '');
}
const STYLES = {
    bold: [1, 22],
    dim: [2, 22],
    red: [31, 39],
    green: [32, 39],
    yellow: [33, 39]
};
/** `text` in a style when colour is on; as it is otherwise. */
function terminal_paint(text, style, options) {
    if (!options.color || text === '')
        return text;
    const [on, off] = STYLES[style];
    return `\u001b[${on}m${text}\u001b[${off}m`;
}
// eslint-disable-next-line no-control-regex -- the SGR sequences `paint` writes
const ANSI = /\u001b\[[0-9;]*m/g;
/** Columns a string takes on a terminal: code points, without colour codes. */
function visibleWidth(text) {
    return Array.from(text.replace(ANSI, '')).length;
}
function pad(text, width, align) {
    const room = ' '.repeat(Math.max(0, width - visibleWidth(text)));
    return align === 'right' ? room + text : text + room;
}
/**
 * Rows as aligned columns two spaces apart, trailing spaces trimmed. `aligns` gives each
 * column's alignment (left by default): numbers read best right-aligned.
 */
function terminal_alignTable(rows, aligns = []) {
    const columns = Math.max(0, ...rows.map(row => row.length));
    const widths = Array.from({ length: columns }, (_, index) => Math.max(0, ...rows.map(row => visibleWidth(row[index] ?? ''))));
    return rows.map(row => row
        .map((value, index) => pad(value, widths[index] ?? 0, aligns[index] ?? 'left'))
        .join('  ')
        .replace(/\s+$/, ''));
}
/** Shortens in the middle, where long metric and job names differ least. */
function terminal_middleTruncate(text, max) {
    const chars = Array.from(text);
    if (chars.length <= max)
        return text;
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

;// CONCATENATED MODULE: ./build/src/report/text.js






/** Reasons beyond this many are counted, not listed: the table already shows every failure. */
const TEXT_REASONS = 5;
/** Versions in a metric's trend: enough to see a direction, short enough for one line. */
const TREND_POINTS = 12;
const MARKS = { pass: '✓', fail: '✗', skipped: '–' };
function mark(verdict, options) {
    const style = verdict === 'pass' ? 'green' : verdict === 'fail' ? 'red' : 'dim';
    return paint(MARKS[verdict], style, options);
}
/**
 * Our sentences with terminal-friendly operators, and untrusted text without control
 * characters: `<=` and `->` read as `≤` and `→`, and no `<` or `>` is left to look like markup.
 */
function text_plain(text, maxLength = 500) {
    return terminalText(text, maxLength)
        .replace(/<=/g, '≤')
        .replace(/>=/g, '≥')
        .replace(/->/g, '→')
        .replace(/ < /g, ' below ')
        .replace(/ > /g, ' above ')
        .replace(/</g, '‹')
        .replace(/>/g, '›');
}
function version(value, fallback) {
    return value === undefined ? fallback : `v${value}`;
}
function headlines(data, rows, options) {
    const passed = data.decision.decision === 'pass';
    const candidate = version(data.candidate.version, 'the candidate');
    const against = data.baseline
        ? `against baseline ${version(data.baseline.version, '')} (${text_plain(data.baseline.label, 100)})`
        : 'with no baseline';
    const title = `${passed ? '✓' : '✗'} Model gate ${passed ? 'passed' : 'failed'}: ${text_plain(data.group, 200)} ${candidate} ${against}`;
    const status = statusWords(data.candidate.status);
    const facts = [
        failureCount(rows),
        ...(status ? [`${candidate} ${status}`] : []),
        text_plain(data.region, 50)
    ];
    const written = data.dryRun
        ? 'Dry run: nothing was written to the registry.'
        : data.written
            ? `Registry: ${text_plain(withStatusWords(data.written), 300)}`
            : undefined;
    return [
        paint(title, passed ? 'green' : 'red', options),
        `  ${facts.join(' · ')}`,
        ...(written ? [`  ${written}`] : [])
    ];
}
function trend(data, metric) {
    const values = historyWithCandidate(data).flatMap(entry => {
        const value = entry.metrics[metric];
        return value === undefined ? [] : [value];
    });
    return values.length < 2 ? '' : sparkline(values.slice(-TREND_POINTS));
}
function text_ruleText(row, options) {
    if (row.rules.length === 1)
        return text_plain(row.rules[0]?.text ?? '', 60);
    return row.rules.map(rule => `${text_plain(rule.text, 60)} ${mark(rule.verdict, options)}`).join(', ');
}
function text_changeCell(row, options) {
    const { amount, word } = changeText(row.delta, row.baseline, row.direction, row.decimals);
    const painted = word === 'worse'
        ? paint(word, 'red', options)
        : word === 'better'
            ? paint(word, 'green', options)
            : word;
    const stats = [
        ...(row.ci ? [`CI ${fixed(row.ci[0], row.decimals)}…${fixed(row.ci[1], row.decimals)}`] : []),
        ...(row.pValue !== undefined ? [`p ${text_plain(pValueText(row.pValue))}`] : [])
    ];
    // Non-breaking spaces hold Markdown cells together; a terminal has no use for them.
    return [amount.replace(/\u00a0/g, ' '), painted, ...stats].filter(Boolean).join(' ');
}
function valueCell(value, decimals, sd) {
    const text = fixed(value, decimals);
    return value !== undefined && sd !== undefined && Number.isFinite(sd)
        ? `${text} ± ${fixed(sd, decimals)}`
        : text;
}
function text_table(data, rows, options) {
    const base = data.baseline ? version(data.baseline.version, 'baseline') : 'baseline';
    const head = [
        '',
        'metric',
        'rule',
        base,
        version(data.candidate.version, 'candidate'),
        'change',
        'trend'
    ];
    const body = rows.map(row => [
        mark(row.verdict, options),
        `${middleTruncate(text_plain(row.metric, 200), 40)}${row.direction ? ` ${DIRECTION_MARK[row.direction]}` : ''}`,
        text_ruleText(row, options),
        valueCell(row.baseline, row.decimals, row.baselineSd),
        valueCell(row.candidate, row.decimals, row.candidateSd),
        text_changeCell(row, options),
        trend(data, row.metric)
    ]);
    const lines = alignTable([head.map(text => paint(text, 'bold', options)), ...body], ['left', 'left', 'left', 'right', 'right', 'left', 'left']);
    return lines.map(line => `  ${line}`);
}
function reasons(rows) {
    const failed = rows.flatMap(row => row.rules.filter(rule => rule.verdict === 'fail'));
    if (failed.length === 0)
        return [];
    const shown = failed.slice(0, TEXT_REASONS).map(rule => `  - ${text_plain(rule.explanation)}`);
    const more = failed.length - shown.length;
    return [
        'Why it failed:',
        ...shown,
        ...(more > 0 ? [`  … and ${more} more in the JSON report`] : [])
    ];
}
/** A changed value, its middle cut: S3 prefixes differ at the end, not the start. */
function text_short(value) {
    return value === undefined ? '—' : middleTruncate(text_plain(value, 300), 32);
}
/** One line naming what differs from the baseline: image, training data, hyperparameters. */
function text_changes(data) {
    const before = data.baseline;
    const after = data.candidate;
    if (!before)
        return [];
    const parts = [];
    if (before.image && after.image && before.image !== after.image)
        parts.push('image');
    for (const [label, a, b] of [
        ['training data', before.trainingData, after.trainingData],
        ['hyperparameter', before.hyperParameters, after.hyperParameters]
    ]) {
        if (!a || !b)
            continue;
        for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
            if (a[key] !== b[key])
                parts.push(`${label} ${text_plain(key, 60)} ${text_short(a[key])} → ${text_short(b[key])}`);
        }
    }
    if (parts.length === 0)
        return [];
    const shown = parts.slice(0, 3).join('; ');
    return [
        `Changed from ${version(before.version, 'the baseline')}: ${shown}${parts.length > 3 ? `; and ${parts.length - 3} more` : ''}`
    ];
}
/** The gate report for a terminal; `options.color` from `useColor`. */
function renderGateText(data, options = {}) {
    const rows = gateRows(data);
    const legend = [
        ...(rows.some(row => row.direction === 'higher') ? ['↑ higher is better'] : []),
        ...(rows.some(row => row.direction === 'lower') ? ['↓ lower is better'] : [])
    ];
    const lines = [
        ...headlines(data, rows, options),
        '',
        ...text_table(data, rows, options),
        ...(legend.length > 0
            ? [paint(`  ${legend.join(', ')}; change is candidate − baseline`, 'dim', options)]
            : []),
        '',
        ...reasons(rows),
        ...text_changes(data),
        `Next step: ${nextStep(data).replace(/`/g, '')}`,
        ...(data.runUrl ? [`Run: ${text_plain(data.runUrl, 300)}`] : [])
    ];
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./build/src/registry/provenance.js



/** CustomerMetadataProperties keys written by `register`. */
const provenance_PROVENANCE_KEYS = {
    fingerprint: 'register:fingerprint',
    commit: 'source:commit',
    modelData: 'source:model-data',
    image: 'source:image',
    trainingJob: 'source:training-job',
    tuningJob: 'source:tuning-job',
    pullRequest: 'github:pr',
    ref: 'github:ref',
    actor: 'github:actor',
    runId: 'github:run-id',
    runAttempt: 'github:run-attempt'
};
const HYPERPARAMETER_PREFIX = 'hp:';
/**
 * Key prefixes this action owns. A user's `customer-metadata` may not write them: a
 * hand-written `metric:auc` would pass for a measured one at the gate.
 */
const RESERVED_PREFIXES = [
    'metric:',
    'register:',
    'source:',
    'github:',
    'gate:',
    'decision:',
    'deployed:',
    HYPERPARAMETER_PREFIX
];
/** SageMaker's MetadataProperties fields hold at most 1,024 characters each. */
const METADATA_PROPERTY_MAX = 1024;
/** SageMaker's limit on ClientToken: 1-36 characters from [a-zA-Z0-9-]. */
const CLIENT_TOKEN_LENGTH = 36;
/**
 * sha256 over what makes two registrations the same model version: the group, the commit
 * and the exact artifact and image. Metrics and descriptions are left out on purpose, so
 * that a re-run whose evaluation wobbled still finds its version instead of adding one.
 */
function registrationFingerprint(parts) {
    return sha256Hex(['register/v1', parts.group, parts.commit, parts.modelDataUrl, parts.imageUri].join('\n'));
}
/**
 * The ClientToken for CreateModelPackage. `retryAfter` (a failed version that carried the
 * same fingerprint) changes the token, so a retry is not answered with the failed package.
 */
function clientToken(fingerprint, retryAfter) {
    const base = retryAfter === undefined ? fingerprint : sha256Hex(`${fingerprint}\nretry-after:${retryAfter}`);
    return base.slice(0, CLIENT_TOKEN_LENGTH);
}
/** MetadataProperties from the GitHub run; undefined when there is nothing to record. */
function metadataProperties(run, projectId) {
    const properties = {};
    if (run.sha)
        properties.CommitId = run.sha.slice(0, METADATA_PROPERTY_MAX);
    if (run.repository) {
        properties.Repository = `${run.serverUrl}/${run.repository}`.slice(0, METADATA_PROPERTY_MAX);
    }
    const url = runUrl(run);
    if (url)
        properties.GeneratedBy = url.slice(0, METADATA_PROPERTY_MAX);
    if (projectId)
        properties.ProjectId = projectId.slice(0, METADATA_PROPERTY_MAX);
    return Object.keys(properties).length > 0 ? properties : undefined;
}
function entry(key, value) {
    if (value === undefined || value === '')
        return [];
    return [[key, sanitizeMetadataText(value, METADATA_MAX_VALUE)]];
}
/** Customer metadata describing the run, sanitised to the characters SageMaker allows. */
function runMetadata(run) {
    return [
        ...entry(provenance_PROVENANCE_KEYS.pullRequest, run.pullRequest === undefined ? undefined : String(run.pullRequest)),
        ...entry(provenance_PROVENANCE_KEYS.ref, run.ref),
        ...entry(provenance_PROVENANCE_KEYS.actor, run.actor),
        ...entry(provenance_PROVENANCE_KEYS.runId, run.runId),
        ...entry(provenance_PROVENANCE_KEYS.runAttempt, run.runAttempt)
    ];
}
/** Customer metadata describing the model's origin; the fingerprint comes first. */
function sourceMetadata(facts) {
    return [
        [provenance_PROVENANCE_KEYS.fingerprint, facts.fingerprint],
        ...entry(provenance_PROVENANCE_KEYS.commit, facts.commit),
        ...entry(provenance_PROVENANCE_KEYS.modelData, facts.modelDataUrl),
        ...entry(provenance_PROVENANCE_KEYS.image, facts.imageUri),
        ...entry(provenance_PROVENANCE_KEYS.trainingJob, facts.trainingJobName),
        ...entry(provenance_PROVENANCE_KEYS.tuningJob, facts.tuningJobName)
    ];
}
/** Hyperparameters as `hp:<name>` entries; values are sanitised (quotes become `_`). */
function hyperParameterMetadata(hyperParameters) {
    // SageMaker refuses empty metadata values; an empty hyperparameter says nothing anyway.
    return Object.entries(hyperParameters)
        .filter(([, value]) => value !== '')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => [
        `${HYPERPARAMETER_PREFIX}${sanitizeMetadataText(name, 128 - HYPERPARAMETER_PREFIX.length)}`,
        sanitizeMetadataText(value, METADATA_MAX_VALUE)
    ]);
}
function isReservedKey(key) {
    return RESERVED_PREFIXES.some(prefix => key.startsWith(prefix));
}

;// CONCATENATED MODULE: ./build/src/report/audit.js





/** Decisions that only repeat the mode's name (`approve` is always `Approved`). */
const IMPLIED = {
    register: 'registered',
    approve: 'Approved',
    reject: 'Rejected',
    deploy: 'deployed',
    rollback: 'rolled-back'
};
/** `gate pass`, `approve`, `deploy failed`: the mode, and the decision where it says more. */
function decisionLabel(action) {
    const decision = action.properties.decision;
    return decision && IMPLIED[action.type] !== decision ? `${action.type} ${decision}` : action.type;
}
/** The digests a decision rests on, shortened: the report links nothing it cannot verify. */
function digests(action) {
    const parts = [
        action.properties['policy-sha256'] &&
            `policy ${action.properties['policy-sha256'].slice(0, 12)}`,
        action.properties['data-sha256'] && `data ${action.properties['data-sha256'].slice(0, 12)}`
    ].filter((part) => Boolean(part));
    return parts.length > 0 ? parts.join(', ') : undefined;
}
/** The lineage report's timeline, oldest first; nothing when no run recorded one. */
function auditTrailSection(actions, repository) {
    if (!actions || actions.length === 0)
        return [];
    const rows = actions.map(action => {
        const p = action.properties;
        return [
            cell(format_dateTime(action.created), 40),
            cell(decisionLabel(action), 60),
            cell(p.actor, 100),
            p.commit ? commitCell(p.commit, repository) : '—',
            p['run-url'] ? urlCell(p['run-url']) : '—',
            cell([p.reason, digests(action)].filter(Boolean).join(' · '), 400)
        ];
    });
    return [
        '### Audit trail',
        '',
        `<sub>${actions.length} recorded run${actions.length === 1 ? '' : 's'}, from SageMaker lineage (one action per run).</sub>`,
        '',
        ...table(['when', 'decision', 'by', 'commit', 'run', 'reason'], ['---', '---', '---', '---', '---', '---'], rows),
        ''
    ];
}
/** The same timeline for a terminal, one line per run. */
function audit_auditTrailText(actions) {
    if (!actions || actions.length === 0)
        return [];
    return [
        '  audit trail:',
        ...actions.map(action => {
            const p = action.properties;
            const who = [
                p.actor && `by ${plain(p.actor, 100)}`,
                p.commit && `at ${shortSha(p.commit)}`,
                p['run-id'] && `run ${plain(p['run-id'], 40)}`
            ].filter(Boolean);
            const reason = p.reason ? `: ${plain(p.reason, 300)}` : '';
            return `    ${dateTime(action.created) ?? '—'}  ${plain(decisionLabel(action), 60)} ${who.join(' ')}${reason}`;
        })
    ];
}
/** The compare column's cell: the version's last recorded decision. */
function lastDecisionCell(action) {
    return action ? escapeText(decisionLabel(action), 60) : '—';
}

;// CONCATENATED MODULE: ./build/src/report/compare.js
// The `compare` report: a table of versions with their metrics and last gate decision,
// and a trend chart per metric. Metric names, statuses and decisions come from the
// registry, so every one of them is escaped. Tables are cut into column groups so that
// none is wider than GitHub's comment column, and turned on their side when there are
// more metrics than versions.






/** Charts beyond this many metrics add length, not insight; the JSON report has them all. */
const MAX_CHARTS = 20;
/** Metric columns per table with versions as rows: 4 fit GitHub's 900 px column. */
const METRIC_COLUMNS = 4;
/** Version columns per table with metrics as rows. */
const VERSION_COLUMNS = 8;
/** Rows oldest first, the order of the charts' x-axis. */
function compare_oldestFirst(rows) {
    return [...rows].sort((a, b) => a.version - b.version);
}
/** Every metric name any row carries, sorted. */
function compare_metricNames(rows) {
    return [...new Set(rows.flatMap(row => Object.keys(row.metrics)))].sort();
}
/** `- [label](url)` per link whose URL is safe; the label is escaped. */
function linkList(links) {
    return links.flatMap(entry => {
        const target = safeUrl(entry.url);
        return target ? [`- [${escape_escapeText(entry.label, 200)}](${target})`] : [];
    });
}
/** Splits `items` into groups of at most `size`. */
function chunks(items, size) {
    const groups = [];
    for (let start = 0; start < items.length; start += size)
        groups.push(items.slice(start, start + size));
    return groups;
}
function metricHead(name, directions) {
    const direction = format_directionOf(name, directions);
    // Headers break at every separator: a column is as wide as its widest word.
    return `${breakable(escapeCell(name, 128), 12)}${direction ? ` ${format_DIRECTION_MARK[direction]}` : ''}`;
}
function versionCell(row, options) {
    return options.group && options.region
        ? versionLink(options.group, options.region, Math.trunc(row.version))
        : `v${Math.trunc(row.version)}`;
}
/** Versions as rows: version (linked), status in words, short date, metrics with fixed decimals. */
function compareTable(rows, options = {}) {
    const metrics = options.metrics ?? [];
    const decimals = metrics.map(name => format_metricDecimals(rows.map(row => row.metrics[name])));
    const withYear = format_spansYears(rows.map(row => row.created));
    return table([
        'version',
        'status',
        'created',
        ...metrics.map(name => metricHead(name, options.directions)),
        ...(options.gate ? ['gate'] : []),
        ...(options.lastDecision ? ['last decision'] : []),
        ...(options.description ? ['description'] : [])
    ], [
        '--:',
        '---',
        '---',
        ...metrics.map(() => '--:'),
        ...(options.gate ? ['---'] : []),
        ...(options.lastDecision ? ['---'] : []),
        ...(options.description ? ['---'] : [])
    ], rows.map(row => [
        versionCell(row, options),
        cell(format_statusWords(row.status), 50),
        cell(format_shortDate(row.created, withYear), 40),
        ...metrics.map((name, index) => format_fixed(row.metrics[name], decimals[index] ?? 0)),
        ...(options.gate ? [cell(row.gateDecision, 20)] : []),
        ...(options.lastDecision ? [cell(row.lastDecision, 30)] : []),
        ...(options.description ? [cell(row.description, 200)] : [])
    ]));
}
function legacyCell(value, limit = 200) {
    return value === undefined || value === '' ? '—' : escapeCell(value, limit);
}
/**
 * The version list of the `group` mode, as it reads today: ISO times and the registry's
 * status names. `compareTable` is the compact form.
 */
function versionTable(rows, options = {}) {
    const metrics = options.metrics ?? [];
    const headers = [
        'version',
        'status',
        'created',
        ...metrics.map(name => escapeCell(name, 128)),
        ...(options.gate ? ['gate'] : []),
        ...(options.description ? ['description'] : [])
    ];
    const aligns = [
        '--:',
        '---',
        '---',
        ...metrics.map(() => '--:'),
        ...(options.gate ? ['---'] : []),
        ...(options.description ? ['---'] : [])
    ];
    const lines = [`| ${headers.join(' | ')} |`, `|${aligns.join('|')}|`];
    for (const row of rows) {
        const values = [
            `v${Math.trunc(row.version)}`,
            legacyCell(row.status, 50),
            legacyCell(row.created, 40),
            ...metrics.map(name => {
                const value = row.metrics[name];
                return value === undefined ? '—' : formatNumber(value);
            }),
            ...(options.gate ? [legacyCell(row.gateDecision, 20)] : []),
            ...(options.description ? [legacyCell(row.description, 200)] : [])
        ];
        lines.push(`| ${values.join(' | ')} |`);
    }
    return lines;
}
/** Metrics as rows, versions as columns: for many metrics over a few versions. */
function transposedTable(rows, metrics, options) {
    const withYear = format_spansYears(rows.map(row => row.created));
    const head = (row) => [
        versionCell(row, options),
        cell(format_statusWords(row.status), 50),
        cell(format_shortDate(row.created, withYear), 40)
    ].join('<br>');
    const body = metrics.map(name => {
        const decimals = format_metricDecimals(rows.map(row => row.metrics[name]));
        return [
            metricHead(name, options.directions),
            ...rows.map(row => format_fixed(row.metrics[name], decimals))
        ];
    });
    if (options.gate)
        body.push(['gate', ...rows.map(row => cell(row.gateDecision, 20))]);
    if (options.lastDecision)
        body.push(['last decision', ...rows.map(row => cell(row.lastDecision, 30))]);
    return table(['metric', ...rows.map(head)], ['---', ...rows.map(() => '--:')], body);
}
function tables(rows, metrics, report) {
    const options = {
        gate: true,
        lastDecision: rows.some(row => row.lastDecision !== undefined),
        group: report.group,
        region: report.region,
        directions: report.directions
    };
    if (metrics.length > rows.length) {
        // On its side; newest versions in the first table, the one a reader looks at.
        const groups = chunks([...rows].reverse(), VERSION_COLUMNS).map(group => group.reverse());
        return groups.flatMap(group => [...transposedTable(group, metrics, options), '']);
    }
    const groups = metrics.length === 0 ? [[]] : chunks(metrics, METRIC_COLUMNS);
    return groups.flatMap(group => [...compareTable(rows, { ...options, metrics: group }), '']);
}
function compare_charts(rows, metrics, report) {
    const newest = rows[rows.length - 1];
    const champion = [...rows].reverse().find(row => row !== newest && row.status === 'Approved');
    const blocks = metrics.slice(0, MAX_CHARTS).flatMap(metric => {
        const chart = trendChart({
            metric,
            direction: format_directionOf(metric, report.directions),
            points: rows.flatMap(row => {
                const value = row.metrics[metric];
                return value === undefined ? [] : [{ version: row.version, value, status: row.status }];
            }),
            baseline: champion?.version,
            candidate: newest?.version
        });
        return chart ? [chart.block, '', `<sub>${escape_escapeText(chart.legend, 1000)}</sub>`, ''] : [];
    });
    if (blocks.length === 0)
        return [];
    const count = blocks.length / 4;
    const more = metrics.length > MAX_CHARTS
        ? [
            `<sub>Charts for the first ${MAX_CHARTS} of ${metrics.length} metrics; the JSON report has all values.</sub>`,
            ''
        ]
        : [];
    if (count <= 2)
        return ['### Trend', '', ...blocks, ...more];
    return [
        `<details><summary>Trend of ${count} metrics</summary>`,
        '',
        ...blocks,
        ...more,
        '</details>',
        ''
    ];
}
function renderCompare(report) {
    const rows = compare_oldestFirst(report.rows);
    const metrics = compare_metricNames(rows);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const range = first && last ? ` (v${first.version} to v${last.version})` : '';
    const lines = [`## Model versions compared: ${escape_escapeText(report.group, 200)}${range}`, ''];
    if (rows.length === 0) {
        lines.push('The group has no versions to compare.', '');
    }
    else {
        lines.push(`${rows.length} version${rows.length === 1 ? '' : 's'} · ${metrics.length} metric${metrics.length === 1 ? '' : 's'} from the registry · ${escape_escapeText(report.region, 50)}`, '', ...tables(rows, metrics, report));
        if (metrics.length === 0) {
            lines.push('No version carries `metric:` entries in its customer metadata; register versions with metrics to compare them.', '');
        }
        lines.push(...compare_charts(rows, metrics, report));
    }
    const links = linkList(consoleLinks({ region: report.region, group: report.group }));
    if (links.length > 0)
        lines.push('### Links', '', ...links, '');
    const run = report.runUrl ? safeUrl(report.runUrl) : undefined;
    lines.push('---', `<sub>sagemaker-model-gate${run ? ` · [workflow run](${run})` : ''}</sub>`);
    return lines.join('\n');
}
/** Plain data for the JSON report; non-finite numbers become null, text is left as it is. */
function compareJson(report) {
    const rows = compare_oldestFirst(report.rows);
    return {
        schema: 'sagemaker-model-gate/compare-report@1',
        group: report.group,
        region: report.region,
        metrics: compare_metricNames(rows),
        versions: rows.map(row => ({
            version: row.version,
            arn: row.arn,
            status: row.status ?? null,
            created: row.created ?? null,
            description: row.description ?? null,
            gateDecision: row.gateDecision ?? null,
            lastDecision: row.lastDecision ?? null,
            metrics: Object.fromEntries(Object.entries(row.metrics).map(([name, value]) => [
                name,
                Number.isFinite(value) ? value : null
            ]))
        }))
    };
}

;// CONCATENATED MODULE: ./build/src/report/facts.js
// Labelled facts as a Markdown list, `- **label:** value`: the form of the lineage and
// deployment views. A table would need a header row, and these have none to give (an
// empty one renders as a blank first row).



function present(value) {
    return value !== undefined && value !== '';
}
/**
 * A value that is a safe http(s) URL becomes a link; anything else is escaped text. List
 * items wrap long words by themselves (GitHub's CSS breaks them), unlike table cells.
 */
function facts_valueCell(value, limit = 300) {
    if (typeof value === 'number')
        return formatNumber(value);
    const target = /^https?:\/\//i.test(value) ? safeUrl(value) : undefined;
    return target ? `[${escape_escapeText(value, limit)}](${target})` : escape_escapeText(value, limit);
}
/** The facts that have a value, one list item each; nothing at all when none has. */
function facts(rows, limit = 300) {
    const kept = rows.filter(row => present(row[1]));
    if (kept.length === 0)
        return [];
    return [
        ...kept.map(([label, value, markdown]) => {
            const text = markdown ? String(value) : facts_valueCell(value, limit);
            return `- **${escape_escapeText(label, 200)}:** ${text}`;
        }),
        ''
    ];
}
function section(title, body) {
    return body.length === 0 ? [] : [`### ${title}`, '', ...body];
}
function list(values) {
    return values.length > 0 ? values.join(', ') : undefined;
}
function seconds(value) {
    return value === undefined ? undefined : `${value} s`;
}
/** `completed`, or `in progress (training)`; never the same word twice. */
function facts_jobStatus(status, secondary) {
    const main = format_statusWords(status);
    const detail = format_statusWords(secondary);
    return detail && detail !== main ? `${main ?? ''} (${detail})`.trim() : main;
}

;// CONCATENATED MODULE: ./build/src/report/text-views.js








function metricLabel(name, report) {
    const direction = directionOf(name, report.directions);
    return `${middleTruncate(plain(name, 200), 40)}${direction ? ` ${DIRECTION_MARK[direction]}` : ''}`;
}
function versionRows(rows, metrics, report, options) {
    const withYear = spansYears(rows.map(row => row.created));
    const decimals = metrics.map(name => metricDecimals(rows.map(row => row.metrics[name])));
    const audited = rows.some(row => row.lastDecision !== undefined);
    const head = [
        'version',
        'status',
        'created',
        ...metrics.map(name => metricLabel(name, report)),
        'gate',
        ...(audited ? ['last decision'] : [])
    ];
    const body = rows.map(row => [
        `v${row.version}`,
        plain(statusWords(row.status) ?? '—', 40),
        (shortDate(row.created, withYear) ?? '—').replace(/\u00a0/g, ' '),
        ...metrics.map((name, index) => fixed(row.metrics[name], decimals[index] ?? 0)),
        plain(row.gateDecision ?? '—', 20),
        ...(audited ? [plain(row.lastDecision ?? '—', 30)] : [])
    ]);
    const aligns = [
        'right',
        'left',
        'left',
        ...metrics.map(() => 'right'),
        'left',
        'left'
    ];
    return alignTable([head.map(text => paint(text, 'bold', options)), ...body], aligns);
}
function metricRowsOnSide(rows, metrics, report, options) {
    const head = ['metric', ...rows.map(row => `v${row.version}`), 'trend'];
    const body = metrics.map(name => {
        const values = rows.map(row => row.metrics[name]);
        const decimals = metricDecimals(values);
        const trend = sparkline(values.map(value => value ?? Number.NaN));
        return [metricLabel(name, report), ...values.map(value => fixed(value, decimals)), trend];
    });
    body.push(['status', ...rows.map(row => plain(statusWords(row.status) ?? '—', 20)), '']);
    if (rows.some(row => row.lastDecision !== undefined))
        body.push(['last decision', ...rows.map(row => plain(row.lastDecision ?? '—', 30)), '']);
    const aligns = ['left', ...rows.map(() => 'right'), 'left'];
    return alignTable([head.map(text => paint(text, 'bold', options)), ...body], aligns);
}
/** The compare report for a terminal: metrics on their side when they outnumber versions. */
function renderCompareText(report, options = {}) {
    const rows = oldestFirst(report.rows);
    const metrics = metricNames(rows);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const range = first && last ? ` (v${first.version} to v${last.version})` : '';
    const lines = [
        paint(`Model versions compared: ${plain(report.group, 200)}${range}`, 'bold', options)
    ];
    if (rows.length === 0)
        return `${lines[0]}\n  The group has no versions to compare.\n`;
    lines.push(`  ${rows.length} versions · ${metrics.length} metrics from the registry · ${plain(report.region, 50)}`, '');
    const table = metrics.length > rows.length
        ? metricRowsOnSide(rows, metrics, report, options)
        : versionRows(rows, metrics, report, options);
    lines.push(...table.map(line => `  ${line}`));
    return lines.join('\n') + '\n';
}
function factLines(facts) {
    const kept = facts.filter((fact) => fact[1] !== undefined && fact[1] !== '');
    return alignTable(kept.map(([label, value]) => [`${label}:`, plain(value, 300)])).map(line => `  ${line}`);
}
function inline(values) {
    const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
    return entries.length > 0
        ? entries.map(([key, value]) => `${key}=${value}`).join(', ')
        : undefined;
}
/** The lineage report for a terminal: the facts a person checks, each once. */
function renderLineageText(data, options = {}) {
    const pkg = data.package;
    const job = data.trainingJob;
    const meta = pkg.metadataProperties;
    const story = data.story.provenance;
    const label = pkg.version !== undefined ? `v${pkg.version}` : pkg.arn;
    const metrics = {
        ...Object.fromEntries((job?.finalMetrics ?? []).map(m => [m.name, m.value])),
        ...data.story.metrics
    };
    const lines = [
        paint(`Lineage: ${plain(pkg.group ?? data.group, 200)} ${plain(label, 200)}`, 'bold', options),
        ...factLines([
            ['status', statusWords(pkg.approvalStatus)],
            ['registered', dateTime(pkg.created)],
            ['description', pkg.description],
            ['approval', pkg.approvalDescription],
            ['image', pkg.containers[0]?.image],
            ['model data', pkg.containers[0]?.modelDataUrl],
            ['repository', meta.Repository],
            ['commit', meta.CommitId ? shortSha(meta.CommitId) : story[PROVENANCE_KEYS.commit]],
            [
                'pull request',
                story[PROVENANCE_KEYS.pullRequest] ? `#${story[PROVENANCE_KEYS.pullRequest]}` : undefined
            ],
            ['workflow run', meta.GeneratedBy],
            [
                'training job',
                job
                    ? `${job.name} (${jobStatus(job.status, job.secondaryStatus) ?? 'status unknown'})`
                    : story[PROVENANCE_KEYS.trainingJob]
            ],
            [
                'training data',
                job
                    ? inline(Object.fromEntries(job.inputs.map(input => [input.channel, input.uri ?? '—'])))
                    : undefined
            ],
            ['hyperparameters', inline(job ? job.hyperParameters : data.story.hyperParameters)],
            [
                'metrics',
                inline(Object.fromEntries(Object.entries(metrics).map(([name, value]) => [
                    name,
                    fixed(value, metricDecimals([value]))
                ])))
            ],
            ['last gate', data.story.gate['gate:decision']],
            ['deployed to', Object.keys(data.story.deployments).join(', ') || undefined],
            ['ARN', pkg.arn]
        ]),
        ...auditTrailText(data.audit),
        ...data.notes.map(note => `  note: ${plain(note)}`)
    ];
    return lines.join('\n') + '\n';
}
/** A deployment or rollback for a terminal; a failed one says the plan is not serving. */
function renderDeploymentText(report, options = {}) {
    const what = `${report.kind === 'rollback' ? 'Rollback' : 'Deployment'} to ${plain(report.endpointName, 200)}`;
    const outcome = {
        deployed: paint(`✓ ${what} done`, 'green', options),
        failed: paint(`✗ ${what} failed`, 'red', options),
        planned: `${what} planned (dry run)`
    }[report.outcome];
    const total = report.variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0);
    const title = { deployed: 'serving now', failed: 'planned, not serving', planned: 'would serve' }[report.outcome];
    const rows = report.variants.map(variant => [
        plain(variant.variantName, 100),
        `v${variant.version}`,
        total > 0 ? `${Number(((Math.max(variant.weight, 0) / total) * 100).toPrecision(3))}%` : '—'
    ]);
    return ([
        outcome,
        ...(report.message ? [`  ${plain(report.message, 2000)}`] : []),
        `  ${title}:`,
        ...alignTable(rows, ['left', 'right', 'right']).map(line => `    ${line}`),
        `  endpoint config now: ${plain(report.servingConfig ?? 'none', 200)}`
    ].join('\n') + '\n');
}

;// CONCATENATED MODULE: ./build/src/report/index.js












;// CONCATENATED MODULE: ./build/src/publish.js
// The one publisher: every mode's report leaves through here, to the job summary, to a JSON
// report file (output `report-path`) and, for a report a pull request is waiting for, to the
// group's sticky comment. The Markdown and the data come from src/report/.





/** The file name of a report: the group name is already restricted to `[A-Za-z0-9-]`. */
function reportFileName(group, kind) {
    return `sagemaker-model-gate-${group.name.replace(/[^A-Za-z0-9-]/g, '_')}-${kind}.json`;
}
async function publish(ctx, publication) {
    await ctx.out.summary(publication.markdown);
    if (publication.json) {
        const path = (0,external_node_path_.join)(ctx.workDir, publication.json.fileName);
        await (0,promises_.writeFile)(path, `${JSON.stringify(publication.json.data, null, 2)}\n`);
        ctx.out.setOutput('report-path', path);
    }
    if (publication.comment?.enabled) {
        await comment(ctx, publication.comment.group, publication.markdown);
    }
}
/** The sticky comment; where there is no pull request or no token, the summary has the report. */
async function comment(ctx, group, markdown) {
    const { pullRequest, repository } = ctx.github;
    const [owner, repo] = repository.split('/');
    if (pullRequest === undefined || !owner || !repo) {
        ctx.out.info('No pull request in this event: the report is in the job summary only.');
        return;
    }
    if (!ctx.octokit) {
        ctx.out.warning('No "github-token": the pull request comment was skipped. The report is in the job summary.');
        return;
    }
    try {
        const posted = await upsertStickyComment(ctx.octokit, {
            owner,
            repo,
            issueNumber: pullRequest,
            marker: commentMarker(group.name),
            body: markdown,
            out: ctx.out
        });
        if (posted) {
            ctx.out.setOutput('comment-id', posted.id);
            ctx.out.info(`${posted.created ? 'Created' : 'Updated'} the pull request comment ${posted.url ?? posted.id}`);
        }
    }
    catch (error) {
        // The decision is already made and recorded; a comment that fails must not change it.
        ctx.out.warning(`Could not write the pull request comment: ${errors_errorMessage(error)}`);
    }
}

;// CONCATENATED MODULE: ./build/src/report/rows.js
// A version as the reports show it, from what the registry says about it: a row of the
// version tables (compare, group list, group delete), and a side of the gate's report.



function rows_iso(date) {
    return date instanceof Date ? date.toISOString() : undefined;
}
/** A described version, with the metrics mirrored in its metadata and its last gate decision. */
function compareRow(pkg) {
    const arn = pkg.ModelPackageArn ?? '';
    const metadata = pkg.CustomerMetadataProperties;
    return {
        version: pkg.ModelPackageVersion ?? versions_versionFromArn(arn),
        arn,
        status: pkg.ModelApprovalStatus,
        created: rows_iso(pkg.CreationTime),
        description: pkg.ModelPackageDescription,
        metrics: metricsFromMetadata(metadata),
        gateDecision: metadata?.[KEYS.gateDecision]
    };
}
/** A listed version: what ListModelPackages says, without metrics. */
function summaryRow(summary) {
    return {
        version: summary.version,
        arn: summary.arn,
        status: summary.status,
        created: rows_iso(summary.creationTime),
        description: summary.description,
        metrics: {}
    };
}
const PROVENANCE_LABELS = [
    [provenance_PROVENANCE_KEYS.commit, 'commit'],
    [provenance_PROVENANCE_KEYS.pullRequest, 'pull request'],
    [provenance_PROVENANCE_KEYS.actor, 'actor'],
    [provenance_PROVENANCE_KEYS.trainingJob, 'training job'],
    [provenance_PROVENANCE_KEYS.tuningJob, 'tuning job'],
    [provenance_PROVENANCE_KEYS.modelData, 'model data'],
    [KEYS.gateDecision, 'last gate decision']
];
/** Where a version came from: its metadata properties, then what `register` recorded. */
function provenanceOf(pkg) {
    const provenance = {};
    const meta = pkg.MetadataProperties;
    if (meta?.Repository)
        provenance.repository = meta.Repository;
    if (meta?.CommitId)
        provenance.commit = meta.CommitId;
    if (meta?.GeneratedBy)
        provenance['workflow run'] = meta.GeneratedBy;
    if (meta?.ProjectId)
        provenance.project = meta.ProjectId;
    for (const [key, label] of PROVENANCE_LABELS) {
        const value = pkg.CustomerMetadataProperties?.[key];
        if (value && !(label in provenance))
            provenance[label] = value;
    }
    return provenance;
}
/** A candidate or baseline of the gate's report, with the metrics the gate read for it. */
function versionReport(pkg, metrics) {
    return {
        version: pkg.ModelPackageVersion,
        arn: pkg.ModelPackageArn,
        status: pkg.ModelApprovalStatus,
        description: pkg.ModelPackageDescription,
        metrics,
        provenance: provenanceOf(pkg),
        creationTime: pkg.CreationTime
    };
}

;// CONCATENATED MODULE: ./build/src/modes/compare.js







const runCompare = async (ctx, settings) => {
    const { sagemaker } = ctx.aws;
    const { group, history } = settings;
    const requested = settings.report.versions;
    // Resolve and read: the versions named, else the newest `history`.
    let packages;
    if (requested.length > 0) {
        packages = await ctx.steps.run(`reading versions ${requested.join(', ')}`, () => describeNamedVersions(sagemaker, group, requested, 'versions'));
    }
    else {
        const found = await ctx.steps.run(`listing the newest ${history} versions`, () => listExistingVersions(sagemaker, group, history));
        packages = await ctx.steps.run(`reading ${found.length} versions`, () => describeVersions(sagemaker, found.map(summary => summary.arn)));
    }
    const arns = packages.map(pkg => pkg.ModelPackageArn ?? '');
    const decisions = await ctx.steps.run('reading the last recorded decisions', () => lastAuditActions(sagemaker, arns, note => ctx.out.info(note)));
    // Decide what to show (pure).
    const rows = packages.map(pkg => {
        const last = decisions.get(pkg.ModelPackageArn ?? '');
        return { ...compareRow(pkg), lastDecision: last && decisionLabel(last) };
    });
    const newest = rows.reduce((best, row) => (best === undefined || row.version > best.version ? row : best), undefined);
    ctx.out.info(rows.length === 0
        ? `Group "${group.name}" has no versions to compare.`
        : `Compared ${rows.length} versions of "${group.name}": ${compare_oldestFirst(rows)
            .map(row => `v${row.version}`)
            .join(', ')}`);
    // Publish.
    const report = {
        group: group.nameOrArn,
        region: settings.region,
        rows,
        runUrl: runUrl(ctx.github) || undefined
    };
    if (newest) {
        ctx.out.setOutput('model-package-arn', newest.arn);
        ctx.out.setOutput('model-package-version', newest.version);
    }
    await ctx.steps.run('writing the report', () => publish(ctx, {
        markdown: renderCompare(report),
        json: { fileName: reportFileName(group, 'compare'), data: compareJson(report) }
    }));
    return {};
};

;// CONCATENATED MODULE: ./build/src/report/decision.js
// The job summary of `approve` and `reject`: what the version was, what it is now, who
// decided and why.

function renderDecision(view) {
    const verdict = view.verdict.toLowerCase();
    return [
        `### ${view.verdict === 'Approved' ? '✅' : '❌'} ${escape_escapeText(view.group)} v${view.version} ${view.dryRun ? `would be ${verdict}` : verdict}`,
        '',
        '| | |',
        '|---|---|',
        `| previous status | ${view.previous} |`,
        `| decided by | ${escapeCell(view.actor)} |`,
        `| reason | ${escapeCell(view.reason)} |`,
        ...(view.forced ? ['| note | approved over a failed gate (`force: true`) |'] : []),
        ...(view.runUrl ? [`| run | ${view.runUrl} |`] : []),
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/src/modes/decide.js







/** Who decided, why, and the run; the reason is what gets shortened to fit. */
function decisionDescription(verdict, actor, reason, url, forced) {
    const head = `${verdict} by ${singleLine(actor)}${forced ? ' (forced over a failed gate)' : ''}: `;
    return fitDescription(head, reason, url ? ` Run: ${singleLine(url)}` : '');
}
async function decide(ctx, settings, verdict) {
    const { decision, group, dryRun } = settings;
    const action = verdict === 'Approved' ? 'approve' : 'reject';
    if (decision.reason.trim() === '') {
        throw new UserError(`Input "reason" is required for mode "${action}": the justification recorded on the version with your decision; got an empty value.`);
    }
    // Resolve and read.
    const arn = await ctx.steps.run('finding the version', () => namedOrPendingArn(ctx.aws.sagemaker, group, decision.modelPackage, `Group "${group.name}" has no version waiting for approval; name the version with "model-package".`));
    const pkg = await ctx.steps.run(`reading v${arn.split('/').pop()}`, () => describeNamedVersion(ctx.aws.sagemaker, arn, 'model-package'));
    // Decide (pure): may this decision be made, and what does it write.
    assertDecidable(pkg, group, verdict.toLowerCase());
    const version = pkg.ModelPackageVersion ?? versions_versionFromArn(arn);
    const current = pkg.ModelApprovalStatus ?? 'PendingManualApproval';
    const failedGate = pkg.CustomerMetadataProperties?.[KEYS.gateDecision] === 'fail';
    if (verdict === 'Approved' && failedGate && !decision.force) {
        throw new UserError(`v${version} failed its last gate (gate:decision=fail); approving it needs "force: true" and a reason that says why.`);
    }
    const actor = deciderOf(ctx.github);
    const url = runUrl(ctx.github);
    const forced = verdict === 'Approved' && failedGate;
    const write = decisionWrite({
        writer: 'person',
        status: verdict,
        approvalDescription: decisionDescription(verdict, actor, decision.reason, url, forced),
        entries: personEntries(actor, decision.reason, url),
        existing: pkg.CustomerMetadataProperties,
        lifecycle: decision.modelLifecycleStage
            ? { stage: decision.modelLifecycleStage, stageStatus: verdict, description: decision.reason }
            : undefined
    });
    for (const reason of write.dropped)
        ctx.out.warning(`Not recorded in customer metadata: ${reason}`);
    // Write.
    if (dryRun) {
        ctx.out.info(`dry run: would set v${version} from ${current} to ${verdict} with ApprovalDescription ${JSON.stringify(write.approvalDescription)} and metadata ${JSON.stringify(write.metadata)}${write.remove.length > 0 ? `, removing ${write.remove.join(', ')}` : ''}`);
    }
    else {
        await recordDecision(ctx, pkg, write, `set v${version} from ${current} to ${verdict}`);
        ctx.out.info(`v${version}: ${current} -> ${verdict}`);
    }
    // Publish.
    ctx.out.setOutput('model-package-arn', arn);
    ctx.out.setOutput('model-package-version', version);
    ctx.out.setOutput('approval-status', dryRun ? current : verdict);
    ctx.out.setOutput('decision', 'none');
    const view = {
        group: group.name,
        version,
        verdict,
        previous: current,
        actor,
        forced,
        runUrl: url
    };
    await publish(ctx, { markdown: renderDecision({ ...view, reason: decision.reason, dryRun }) });
    const properties = { forced: forced ? 'true' : undefined, previous: current };
    return { audit: { decision: verdict, reason: decision.reason, packages: [arn], properties } };
}
const runApprove = (ctx, settings) => decide(ctx, settings, 'Approved');
const runReject = (ctx, settings) => decide(ctx, settings, 'Rejected');

;// CONCATENATED MODULE: ./build/src/registry/tags.js
// Tags: the one reader and writer of tags on SageMaker resources, and the tags this action
// writes: on the endpoint, what it serves and what it replaced (rollback reads them back);
// on models and configs, which endpoint they belong to (cleanup reads it).


const TAG_PREFIX = 'sagemaker-model-gate:';
const tags_TAGS = {
    packageArn: `${TAG_PREFIX}package-arn`,
    previousPackageArn: `${TAG_PREFIX}previous-package-arn`,
    commit: `${TAG_PREFIX}commit`,
    run: `${TAG_PREFIX}run`,
    endpoint: `${TAG_PREFIX}endpoint`
};
/** SageMaker tag values: up to 256 characters from letters, digits, spaces and _.:/=+-@. */
const TAG_VALUE_MAX = 256;
function tags_tagValue(text) {
    return text.replace(NOT_METADATA_CHARACTER, '_').slice(0, TAG_VALUE_MAX);
}
function deploymentTags(values) {
    return [
        { Key: tags_TAGS.packageArn, Value: tags_tagValue(values.packageArn) },
        { Key: tags_TAGS.previousPackageArn, Value: tags_tagValue(values.previousPackageArn) },
        { Key: tags_TAGS.commit, Value: tags_tagValue(values.commit) },
        { Key: tags_TAGS.run, Value: tags_tagValue(values.run) }
    ];
}
/** A resource's tags as key -> value, reading at most `maxPages` pages of 100. */
async function readTags(sagemaker, arn, maxPages = Number.POSITIVE_INFINITY) {
    const tags = {};
    let nextToken;
    let pages = 0;
    do {
        const page = await sagemaker.send(new dist_cjs/* ListTagsCommand */.bvr({ ResourceArn: arn, MaxResults: 100, NextToken: nextToken }));
        for (const tag of page.Tags ?? [])
            if (tag.Key)
                tags[tag.Key] = tag.Value ?? '';
        nextToken = page.NextToken;
    } while (nextToken && ++pages < maxPages);
    return tags;
}
/** key -> value as the list SageMaker takes. */
function tagList(tags) {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
/** AddTags overwrites the values of keys that already exist. */
async function tags_writeTags(sagemaker, arn, tags) {
    await sagemaker.send(new dist_cjs/* AddTagsCommand */.yjM({ ResourceArn: arn, Tags: tags }));
}
/** The entries of `wanted` that `current` does not already hold with that value. */
function tagChanges(wanted, current) {
    return Object.entries(wanted).filter(([key, value]) => current[key] !== value);
}

;// CONCATENATED MODULE: ./build/src/registry/served.js
// What an endpoint serves, read from SageMaker (endpoint -> config -> models -> model
// packages) and its tags: for deploy and rollback (what is live, what to keep), for the
// gate's `endpoint:` baseline, and for the group deletion that must not take a version an
// endpoint still serves. Reads only; a thing that does not exist reads as undefined.





/** `describe` whose "not found" answer is undefined. */
async function orAbsent(describe) {
    try {
        return await describe();
    }
    catch (error) {
        if (isNotFound(error))
            return undefined;
        throw error;
    }
}
function served_describeEndpoint(sagemaker, name) {
    return orAbsent(() => sagemaker.send(new dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: name })));
}
function describeConfig(sagemaker, name) {
    return orAbsent(() => sagemaker.send(new dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: name })));
}
function describeModel(sagemaker, name) {
    return orAbsent(() => sagemaker.send(new dist_cjs/* DescribeModelCommand */.utY({ ModelName: name })));
}
function modelPackageOf(model) {
    if (!model)
        return undefined;
    return (model.PrimaryContainer?.ModelPackageName ??
        model.Containers?.find(c => c.ModelPackageName)?.ModelPackageName);
}
/** The model names a config serves, shadow variants included (they run a model too). */
async function configModelNames(sagemaker, configName) {
    const config = await describeConfig(sagemaker, configName);
    return [...(config?.ProductionVariants ?? []), ...(config?.ShadowProductionVariants ?? [])]
        .map(v => v.ModelName ?? '')
        .filter(Boolean);
}
/** The variant with the largest weight: what outputs, tags and baselines call "the" one. */
function primaryVariant(variants) {
    let best;
    for (const v of variants)
        if (!best || v.weight > best.weight)
            best = v;
    return best;
}
/** The package the live endpoint serves with the largest weight. */
function served_livePackageArn(live) {
    if (!live)
        return undefined;
    return primaryVariant(live.variants.filter(v => v.packageArn))?.packageArn;
}
/** The package the endpoint serves: the one this action recorded, if still live, else the largest weight. */
function currentPackageArn(live) {
    const recorded = live.tags[tags_TAGS.packageArn];
    if (recorded && live.variants.some(v => v.packageArn === recorded))
        return recorded;
    return served_livePackageArn(live);
}
function computeOf(variant) {
    if (variant.ServerlessConfig?.MemorySizeInMB) {
        return {
            kind: 'serverless',
            memorySizeInMb: variant.ServerlessConfig.MemorySizeInMB,
            maxConcurrency: variant.ServerlessConfig.MaxConcurrency ?? 1
        };
    }
    if (variant.InstanceType) {
        return {
            kind: 'instance',
            instanceType: variant.InstanceType,
            instanceCount: variant.InitialInstanceCount ?? 1
        };
    }
    return undefined;
}
/** What the endpoint serves now: its config, the packages behind the config's models, its tags. */
async function served_readLiveEndpoint(sagemaker, description) {
    const configName = description.EndpointConfigName ?? '';
    const config = configName ? await describeConfig(sagemaker, configName) : undefined;
    const current = new Map((description.ProductionVariants ?? []).map(v => [v.VariantName ?? '', v]));
    const variants = [];
    for (const variant of config?.ProductionVariants ?? []) {
        const name = variant.VariantName ?? '';
        const model = variant.ModelName ? await describeModel(sagemaker, variant.ModelName) : undefined;
        variants.push({
            variantName: name,
            modelName: variant.ModelName,
            packageArn: modelPackageOf(model),
            weight: current.get(name)?.CurrentWeight ?? variant.InitialVariantWeight ?? 1,
            compute: computeOf(variant)
        });
    }
    if (!config) {
        for (const [name, v] of current)
            variants.push({ variantName: name, weight: v.CurrentWeight ?? 1 });
    }
    const arn = description.EndpointArn ?? '';
    return {
        name: description.EndpointName ?? '',
        arn,
        status: description.EndpointStatus ?? 'unknown',
        configName,
        configCreationTime: config?.CreationTime,
        variants,
        dataCaptureS3Uri: config?.DataCaptureConfig?.DestinationS3Uri,
        failureReason: description.FailureReason,
        tags: arn ? await readTags(sagemaker, arn) : {}
    };
}
/**
 * The package an endpoint serves with the largest weight, or undefined when the endpoint
 * does not exist or serves no package: three reads, for the gate's `endpoint:` baseline.
 */
async function servedPackageArn(sagemaker, endpointName) {
    const description = await served_describeEndpoint(sagemaker, endpointName);
    if (!description?.EndpointConfigName)
        return undefined;
    const config = await describeConfig(sagemaker, description.EndpointConfigName);
    const weights = new Map((description.ProductionVariants ?? []).map(v => [v.VariantName, v.CurrentWeight]));
    const variants = (config?.ProductionVariants ?? []).map(v => ({
        modelName: v.ModelName,
        weight: weights.get(v.VariantName) ?? v.InitialVariantWeight ?? 1
    }));
    const primary = primaryVariant(variants);
    if (!primary?.modelName)
        return undefined;
    return modelPackageOf(await describeModel(sagemaker, primary.modelName));
}
/**
 * Every package an endpoint serves or is being moved to (all variants, shadow ones too, of
 * its current and pending configs); empty when the endpoint does not exist. Any other
 * failed read throws, so that a caller deciding to delete something fails closed.
 */
async function servedPackageArns(sagemaker, endpointName) {
    const description = await served_describeEndpoint(sagemaker, endpointName);
    if (!description)
        return [];
    const packages = new Set();
    for (const configName of [
        description.EndpointConfigName,
        description.PendingDeploymentSummary?.EndpointConfigName
    ]) {
        if (!configName)
            continue;
        for (const modelName of await configModelNames(sagemaker, configName)) {
            const model = await describeModel(sagemaker, modelName);
            const arns = [
                model?.PrimaryContainer?.ModelPackageName,
                ...(model?.Containers ?? []).map(c => c.ModelPackageName)
            ];
            for (const arn of arns)
                if (arn)
                    packages.add(arn);
        }
    }
    return [...packages];
}
/**
 * Versions deleting could break an endpoint with: Approved ones whose metadata records a
 * deployment, and any version an endpoint it is recorded on still serves (a version can be
 * rejected while it is live). A failed read throws, so that nothing is deleted.
 */
async function deployedVersions(sagemaker, versions) {
    const described = await describeVersions(sagemaker, versions.map(version => version.arn));
    const served = new Map();
    const blocked = [];
    for (const [index, pkg] of described.entries()) {
        const summary = versions[index];
        if (!summary)
            continue;
        const endpoints = Object.keys(pkg?.CustomerMetadataProperties ?? {})
            .filter(key => key.startsWith(KEYS.deployedPrefix))
            .map(key => key.slice(KEYS.deployedPrefix.length));
        if (endpoints.length === 0)
            continue;
        const serving = [];
        for (const endpoint of endpoints) {
            if (!served.has(endpoint))
                served.set(endpoint, await servedPackageArns(sagemaker, endpoint));
            if (served.get(endpoint)?.includes(summary.arn))
                serving.push(endpoint);
        }
        if (summary.status === 'Approved' || serving.length > 0)
            blocked.push({ version: summary.version, endpoints, serving });
    }
    return blocked;
}

;// CONCATENATED MODULE: ./build/src/deploy/plan.js
// The deployment plan: every SageMaker request a deployment will make, in order, built from
// the settings, the resolved packages, what the endpoint serves now and what already exists.
// Pure, so that it can be tested on its own; dry-run prints it and a real run carries out
// exactly its calls, so the preview and the run cannot say different things.







/** The variant of a single-version deployment; blue/green needs the same name every time. */
const PRIMARY_VARIANT = 'primary';
const HASH_LENGTH = 10;
/** SageMaker's console default for a serverless variant when no concurrency is given. */
const DEFAULT_SERVERLESS_CONCURRENCY = 20;
const LABEL = /^v\d+(?:-v\d+)*(?:-plus\d+)?$/;
const ROLE_PLACEHOLDER = '<execution-role-arn>';
/** The call that makes the endpoint change; everything after it waits for the endpoint. */
const CHANGE_OPERATIONS = new Set([
    'CreateEndpoint',
    'UpdateEndpoint',
    'UpdateEndpointWeightsAndCapacities'
]);
/** A short, stable digest of anything JSON can hold. */
function shortHash(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(value)).digest('hex').slice(0, HASH_LENGTH);
}
/** The label of a set of versions inside a name: `v7`, `v7-v8`, or `v7-plus3` when long. */
function versionLabel(versions) {
    const full = versions.map(v => `v${v}`).join('-');
    if (full.length <= 20)
        return full;
    return `v${versions[0]}-plus${versions.length - 1}`;
}
/** The part of every name this action creates for an endpoint, cut so that names fit 63. */
function namePrefix(endpointName, suffixLength) {
    const room = NAME_MAX - suffixLength - 1;
    return endpointName.slice(0, Math.max(1, room)).replace(/-+$/, '');
}
/** `<endpoint>-<label>-<hash>` within SageMaker's 63 characters. */
function resourceName(endpointName, label, hash) {
    const suffix = `${label}-${hash}`;
    return `${namePrefix(endpointName, suffix.length)}-${suffix}`;
}
/** Matches the names `resourceName` gives for this endpoint, whatever the label and hash. */
function isOurName(endpointName, name) {
    const match = new RegExp(`^(.+)-[0-9a-f]{${HASH_LENGTH}}$`).exec(name);
    if (!match)
        return false;
    const head = match[1];
    // The prefix may itself contain "-v2"-like parts, so try every split into prefix and label.
    for (let i = head.indexOf('-'); i > 0; i = head.indexOf('-', i + 1)) {
        const label = head.slice(i + 1);
        if (!LABEL.test(label))
            continue;
        if (head.slice(0, i) === namePrefix(endpointName, label.length + 1 + HASH_LENGTH))
            return true;
    }
    return false;
}
/**
 * The compute the new config asks for. Each input applies on its own: `instance-type`
 * alone keeps the instance count the endpoint runs, `instance-count` alone keeps its
 * instance type; with neither, the endpoint keeps what it runs.
 */
function resolveCompute(settings, live) {
    if (settings.serverlessMemoryMb !== undefined) {
        return {
            kind: 'serverless',
            memorySizeInMb: settings.serverlessMemoryMb,
            maxConcurrency: settings.serverlessMaxConcurrency ?? DEFAULT_SERVERLESS_CONCURRENCY
        };
    }
    const current = live && primaryVariant(live.variants)?.compute;
    if (settings.instanceType !== undefined || settings.instanceCount !== undefined) {
        const serving = current?.kind === 'instance' ? current : undefined;
        const instanceType = settings.instanceType ?? serving?.instanceType;
        if (instanceType === undefined) {
            throw new UserError(`Input "instance-count" needs "instance-type" here: endpoint "${settings.endpointName}" ${live
                ? 'runs no instance type this action can keep (it is serverless, or its config cannot be read)'
                : 'does not exist yet'}. Give "instance-type" too, such as ml.m5.large.`);
        }
        return {
            kind: 'instance',
            instanceType,
            instanceCount: settings.instanceCount ?? serving?.instanceCount ?? 1
        };
    }
    if (current)
        return current;
    throw new UserError(`Input "instance-type" (or "serverless-memory-mb") is required: endpoint "${settings.endpointName}" ${live ? 'runs a config this action cannot read the compute of' : 'does not exist yet'}, so there is nothing to keep. Give an instance type such as ml.m5.large, or a serverless memory size.`);
}
function validate(settings, compute, targets) {
    if (targets.length === 0)
        throw new UserError('Nothing to deploy: no version was resolved.');
    if (targets.length > 10) {
        throw new UserError(`Input "traffic" names ${targets.length} versions; a SageMaker endpoint config holds at most 10 variants.`);
    }
    if (compute.kind === 'serverless') {
        // Serverless variants support neither several production variants nor data capture,
        // and blue/green updates of them shift all traffic at once.
        if (targets.length > 1) {
            throw new UserError('Input "traffic" with several versions needs an instance endpoint: serverless endpoints hold a single production variant. Set "instance-type" instead of "serverless-memory-mb".');
        }
        if (settings.dataCaptureS3Uri) {
            throw new UserError('Input "data-capture-s3-uri" is not available on serverless endpoints: SageMaker Serverless Inference does not capture data. Remove it or set "instance-type".');
        }
        if (settings.deploymentStrategy !== 'all-at-once') {
            throw new UserError(`Input "deployment-strategy" "${settings.deploymentStrategy}" is not available on serverless endpoints: their blue/green updates shift all traffic at once; use all-at-once.`);
        }
    }
}
/** The blue/green policy (and alarm rollback) UpdateEndpoint is sent with. */
function deploymentConfig(settings) {
    const routing = {
        Type: settings.deploymentStrategy === 'canary'
            ? 'CANARY'
            : settings.deploymentStrategy === 'linear'
                ? 'LINEAR'
                : 'ALL_AT_ONCE',
        WaitIntervalInSeconds: settings.waitIntervalSeconds
    };
    if (settings.deploymentStrategy === 'canary') {
        routing.CanarySize = { Type: 'CAPACITY_PERCENT', Value: settings.canarySize };
    }
    if (settings.deploymentStrategy === 'linear') {
        routing.LinearStepSize = { Type: 'CAPACITY_PERCENT', Value: settings.linearStepSize };
    }
    const config = {
        BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: routing,
            TerminationWaitInSeconds: settings.terminationWaitSeconds,
            ...(settings.maxExecutionTimeoutSeconds !== undefined
                ? { MaximumExecutionTimeoutInSeconds: settings.maxExecutionTimeoutSeconds }
                : {})
        }
    };
    if (settings.rollbackAlarms.length > 0) {
        config.AutoRollbackConfiguration = {
            Alarms: settings.rollbackAlarms.map(AlarmName => ({ AlarmName }))
        };
    }
    return config;
}
function sameCompute(a, b) {
    return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
function managedTags(endpointName, extra = []) {
    return [{ Key: tags_TAGS.endpoint, Value: endpointName }, ...extra];
}
function planChange(input, compute, variants, notes) {
    const { settings, live, run } = input;
    const endpointName = settings.endpointName;
    const single = variants.length === 1;
    const roleArn = settings.executionRoleArn ?? ROLE_PLACEHOLDER;
    // When the endpoint already serves exactly these packages under these variant names on
    // the same compute, a new fleet is not needed: only weights may have to move.
    const sameShape = live !== undefined &&
        live.variants.length === variants.length &&
        (live.dataCaptureS3Uri ?? '') === (settings.dataCaptureS3Uri ?? '') &&
        variants.every(v => {
            const current = live.variants.find(l => l.variantName === v.variantName);
            return current?.packageArn === v.packageArn && sameCompute(current.compute, compute);
        });
    if (live && sameShape) {
        const weightsDiffer = !single &&
            variants.some(v => live.variants.find(l => l.variantName === v.variantName)?.weight !== v.weight);
        return {
            action: weightsDiffer ? 'update-weights' : 'none',
            variants: variants.map(v => ({
                ...v,
                modelName: live.variants.find(l => l.variantName === v.variantName)?.modelName ?? v.modelName
            })),
            models: [],
            endpointConfigName: live.configName,
            updateWeights: weightsDiffer
                ? {
                    EndpointName: endpointName,
                    DesiredWeightsAndCapacities: variants.map(v => ({
                        VariantName: v.variantName,
                        DesiredWeight: v.weight
                    }))
                }
                : undefined
        };
    }
    const productionVariants = variants.map(v => ({
        VariantName: v.variantName,
        ModelName: v.modelName,
        InitialVariantWeight: v.weight,
        ...(compute.kind === 'instance'
            ? {
                InstanceType: compute.instanceType,
                InitialInstanceCount: compute.instanceCount
            }
            : {
                ServerlessConfig: {
                    MemorySizeInMB: compute.memorySizeInMb,
                    MaxConcurrency: compute.maxConcurrency
                }
            })
    }));
    const endpointConfigName = resourceName(endpointName, versionLabel(variants.map(v => v.version)), shortHash({
        endpointName,
        variants: variants.map(v => [v.variantName, v.packageArn, v.weight, v.modelName]),
        compute,
        dataCapture: settings.dataCaptureS3Uri ?? null,
        runId: run.runId,
        attempt: run.runAttempt
    }));
    const endpointConfig = {
        EndpointConfigName: endpointConfigName,
        ProductionVariants: productionVariants,
        Tags: managedTags(endpointName)
    };
    if (settings.dataCaptureS3Uri) {
        endpointConfig.DataCaptureConfig = {
            EnableCapture: true,
            InitialSamplingPercentage: 100,
            DestinationS3Uri: settings.dataCaptureS3Uri,
            CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
        };
    }
    const models = variants.map(v => ({
        ModelName: v.modelName,
        ExecutionRoleArn: roleArn,
        Containers: [{ ModelPackageName: v.packageArn }],
        Tags: managedTags(endpointName, [{ Key: tags_TAGS.packageArn, Value: v.packageArn }])
    }));
    let deployment;
    if (live) {
        deployment = deploymentConfig(settings);
        const liveNames = live.variants
            .map(v => v.variantName)
            .sort()
            .join(',');
        const newNames = variants
            .map(v => v.variantName)
            .sort()
            .join(',');
        if (liveNames !== newNames) {
            // Blue/green guardrails need the new config to keep the old variant names;
            // SageMaker replaces the fleet all at once otherwise.
            deployment = undefined;
            notes.push(`The variants change (${liveNames || 'none'} -> ${newNames}): SageMaker applies a blue/green DeploymentConfig only when variant names stay the same, so this update shifts traffic all at once${settings.rollbackAlarms.length ? ' and without alarm rollback' : ''}.`);
        }
    }
    return {
        action: live ? 'update' : 'create',
        variants,
        models,
        endpointConfig,
        endpointConfigName,
        deploymentConfig: deployment
    };
}
/** How records name the run: its URL on GitHub, else its id, else `local`. */
function runLabel(run) {
    return runUrl(run) || run.runId || 'local';
}
/** The calls that record the deployment once it is verified: endpoint tags, version metadata. */
function recordCalls(input, change, primary, previousPackageArn, notes) {
    const { live, run } = input;
    // After a rollback the package it replaced is the bad one: recording it as the previous
    // package would make the next rollback put it back. With none recorded, the next
    // rollback goes to the newest Approved version older than the live one. A redeploy of
    // the same package must not make it its own rollback target either.
    const previous = input.kind === 'rollback'
        ? ''
        : previousPackageArn && previousPackageArn !== primary.packageArn
            ? previousPackageArn
            : (live?.tags[tags_TAGS.previousPackageArn] ?? '');
    const calls = [
        {
            operation: 'AddTags',
            endpointName: input.settings.endpointName,
            tags: deploymentTags({
                packageArn: primary.packageArn,
                previousPackageArn: previous,
                commit: run.sha,
                run: runLabel(run)
            })
        }
    ];
    const key = `${KEYS.deployedPrefix}${input.settings.endpointName}`;
    const value = sanitizeMetadataText(`${(input.now ?? new Date()).toISOString()} run ${runLabel(run)}`, METADATA_MAX_VALUE);
    for (const variant of change.variants) {
        const target = input.targets.find(t => t.arn === variant.packageArn);
        const fit = fitMetadata([[key, value]], target?.metadata ?? {});
        for (const reason of fit.dropped)
            notes.push(`Not recorded on v${variant.version}: ${reason}`);
        if (!(key in fit.kept))
            continue;
        calls.push({
            operation: 'UpdateModelPackage',
            purpose: 'record',
            packageArn: variant.packageArn,
            version: variant.version,
            update: { metadata: fit.kept }
        });
    }
    return calls;
}
function rejectCall(reject, primary, previousPackageArn, notes) {
    if (!reject || reject.packageArn === primary.packageArn)
        return [];
    if (previousPackageArn !== reject.packageArn) {
        notes.push(`Not rejecting ${reject.packageArn}: the endpoint serves ${previousPackageArn ?? 'no versioned package'} with the largest weight, so the replaced version is not certain.`);
        return [];
    }
    return [
        {
            operation: 'UpdateModelPackage',
            purpose: 'reject',
            packageArn: reject.packageArn,
            version: reject.version,
            update: reject.update
        }
    ];
}
function buildPlan(input) {
    const { settings, run, live, facts } = input;
    const endpointName = settings.endpointName;
    const compute = resolveCompute(settings, live);
    validate(settings, compute, input.targets);
    const single = input.targets.length === 1;
    const roleArn = settings.executionRoleArn ?? ROLE_PLACEHOLDER;
    const notes = [];
    const variants = input.targets.map(t => ({
        variantName: single ? PRIMARY_VARIANT : `v${t.version}`,
        packageArn: t.arn,
        version: t.version,
        weight: single ? 1 : t.weight,
        modelName: resourceName(endpointName, `v${t.version}`, shortHash({
            endpointName,
            packageArn: t.arn,
            roleArn,
            runId: run.runId,
            attempt: run.runAttempt
        }))
    }));
    const change = planChange(input, compute, variants, notes);
    const primary = primaryVariant(variants);
    const previousPackageArn = served_livePackageArn(live);
    const reused = [];
    const calls = [];
    for (const model of change.models) {
        const name = model.ModelName ?? '';
        if (facts?.existing.models.has(name)) {
            reused.push({ kind: 'model', name, created: facts.existing.models.get(name) });
        }
        else {
            calls.push({ operation: 'CreateModel', input: model });
        }
    }
    if (change.endpointConfig) {
        const name = change.endpointConfigName;
        if (facts?.existing.configs.has(name)) {
            reused.push({ kind: 'endpoint config', name, created: facts.existing.configs.get(name) });
        }
        else {
            calls.push({ operation: 'CreateEndpointConfig', input: change.endpointConfig });
        }
    }
    switch (change.action) {
        case 'create':
            calls.push({
                operation: 'CreateEndpoint',
                input: { EndpointName: endpointName, EndpointConfigName: change.endpointConfigName }
            });
            break;
        case 'update':
            calls.push({
                operation: 'UpdateEndpoint',
                input: {
                    EndpointName: endpointName,
                    EndpointConfigName: change.endpointConfigName,
                    ...(change.deploymentConfig ? { DeploymentConfig: change.deploymentConfig } : {})
                }
            });
            break;
        case 'update-weights':
            calls.push({
                operation: 'UpdateEndpointWeightsAndCapacities',
                input: change.updateWeights
            });
            break;
        case 'none':
            break;
    }
    // An endpoint that already serves the plan still gets its record when its tags say
    // otherwise: a run stopped before writing them (no post step on the CLI), or someone
    // else deployed it. The version the tags named is then the one that was replaced.
    const tagged = live?.tags[tags_TAGS.packageArn];
    const untagged = change.action === 'none' && tagged !== primary.packageArn;
    if (change.action !== 'none' || untagged) {
        calls.push(...recordCalls(input, change, primary, untagged ? tagged : previousPackageArn, notes));
    }
    if (change.action !== 'none') {
        for (const name of facts?.cleanup.configs ?? [])
            calls.push({ operation: 'DeleteEndpointConfig', input: { EndpointConfigName: name } });
        for (const name of facts?.cleanup.models ?? [])
            calls.push({ operation: 'DeleteModel', input: { ModelName: name } });
    }
    calls.push(...rejectCall(input.reject, primary, previousPackageArn, notes));
    if (settings.executionRoleArn === undefined && calls.some(c => c.operation === 'CreateModel')) {
        notes.push('Input "execution-role-arn" is not set: a real run refuses to start without it, and the names of the models and config it creates depend on it.');
    }
    return {
        endpointName,
        region: input.region,
        action: change.action,
        variants: change.variants,
        compute,
        currentCompute: live ? primaryVariant(live.variants)?.compute : undefined,
        models: change.models,
        endpointConfig: change.endpointConfig,
        endpointConfigName: change.endpointConfigName,
        deploymentConfig: change.deploymentConfig,
        updateWeights: change.updateWeights,
        reused,
        calls,
        primary,
        previousPackageArn,
        notes
    };
}
/** The names of the models and configs the plan creates. */
function createdNames(calls) {
    const models = [];
    const configs = [];
    for (const call of calls) {
        if (call.operation === 'CreateModel')
            models.push(call.input.ModelName ?? '');
        if (call.operation === 'CreateEndpointConfig')
            configs.push(call.input.EndpointConfigName ?? '');
    }
    return { models, configs };
}
/** `ml.m5.large x2`, or the serverless memory and concurrency. */
function describeCompute(compute) {
    return compute.kind === 'instance'
        ? `${compute.instanceType} x${compute.instanceCount}`
        : `serverless ${compute.memorySizeInMb} MB, max concurrency ${compute.maxConcurrency}`;
}
function describeStrategy(config) {
    const policy = config?.BlueGreenUpdatePolicy;
    if (!policy)
        return 'all at once (SageMaker default)';
    const routing = policy.TrafficRoutingConfiguration;
    const size = routing?.CanarySize ?? routing?.LinearStepSize;
    const parts = [
        `${routing?.Type ?? 'ALL_AT_ONCE'}${size ? ` ${size.Value}%` : ''}`,
        `wait ${routing?.WaitIntervalInSeconds ?? 0} s`,
        `termination wait ${policy.TerminationWaitInSeconds ?? 0} s`
    ];
    if (policy.MaximumExecutionTimeoutInSeconds)
        parts.push(`max ${policy.MaximumExecutionTimeoutInSeconds} s`);
    const alarms = config?.AutoRollbackConfiguration?.Alarms?.map(a => a.AlarmName) ?? [];
    if (alarms.length)
        parts.push(`roll back on alarms ${alarms.join(', ')}`);
    return parts.join(', ');
}
function shortTagKey(key) {
    return (key ?? '').startsWith(TAG_PREFIX) ? (key ?? '').slice(TAG_PREFIX.length) : (key ?? '');
}
/** One call as a person reads it: the SageMaker operation, what it acts on, the values that matter. */
function describeCall(call) {
    switch (call.operation) {
        case 'CreateModel':
            return `CreateModel ${call.input.ModelName}: ${call.input.Containers?.[0]?.ModelPackageName}, role ${call.input.ExecutionRoleArn}`;
        case 'CreateEndpointConfig': {
            const variants = (call.input.ProductionVariants ?? []).map(v => {
                const compute = v.ServerlessConfig
                    ? `serverless ${v.ServerlessConfig.MemorySizeInMB} MB, max concurrency ${v.ServerlessConfig.MaxConcurrency}`
                    : `${v.InstanceType} x${v.InitialInstanceCount}`;
                return `${v.VariantName}=${v.ModelName} (${compute}, weight ${v.InitialVariantWeight})`;
            });
            const capture = call.input.DataCaptureConfig
                ? `; data capture to ${call.input.DataCaptureConfig.DestinationS3Uri}`
                : '';
            return `CreateEndpointConfig ${call.input.EndpointConfigName}: ${variants.join(', ')}${capture}`;
        }
        case 'CreateEndpoint':
            return `CreateEndpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`;
        case 'UpdateEndpoint':
            return `UpdateEndpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}: ${describeStrategy(call.input.DeploymentConfig)}`;
        case 'UpdateEndpointWeightsAndCapacities':
            return `UpdateEndpointWeightsAndCapacities ${call.input.EndpointName}: ${(call.input.DesiredWeightsAndCapacities ?? [])
                .map(d => `${d.VariantName}=${d.DesiredWeight}`)
                .join(', ')}`;
        case 'AddTags':
            return `AddTags ${call.endpointName}: ${call.tags.map(t => `${shortTagKey(t.Key)}=${t.Value ?? ''}`).join(', ')}`;
        case 'UpdateModelPackage': {
            const parts = [];
            if (call.update.status)
                parts.push(`status ${call.update.status}`);
            if (call.update.approvalDescription)
                parts.push(`description "${call.update.approvalDescription}"`);
            for (const [key, value] of Object.entries(call.update.metadata ?? {}))
                parts.push(`${key}=${value}`);
            if (call.update.metadataToRemove?.length)
                parts.push(`removing ${call.update.metadataToRemove.join(', ')}`);
            return `UpdateModelPackage v${call.version} (${call.packageArn}): ${parts.join(', ')}`;
        }
        case 'DeleteEndpointConfig':
            return `DeleteEndpointConfig ${call.input.EndpointConfigName}`;
        case 'DeleteModel':
            return `DeleteModel ${call.input.ModelName}`;
    }
}
/** The capacity line: what the endpoint runs now and what the plan gives it. */
function describeCapacity(plan) {
    const next = describeCompute(plan.compute);
    if (!plan.currentCompute)
        return next;
    const now = describeCompute(plan.currentCompute);
    return now === next ? `${next} (unchanged)` : `${now} -> ${next}`;
}
/**
 * The plan as a person reads it: what the endpoint will serve on what capacity, what is
 * reused, and then every mutating call, numbered, in the order the run makes them.
 */
function formatPlan(plan, waitTimeoutSeconds) {
    const lines = [`Deployment plan for endpoint ${plan.endpointName} (${plan.region}):`];
    const serving = plan.variants
        .map(v => `${v.variantName}: v${v.version} (${v.packageArn})${plan.variants.length > 1 ? ` weight ${v.weight}` : ''}`)
        .join('; ');
    lines.push(`  serve      ${serving}`);
    if (plan.previousPackageArn && plan.previousPackageArn !== plan.primary.packageArn)
        lines.push(`  replaces   ${plan.previousPackageArn}`);
    lines.push(`  capacity   ${describeCapacity(plan)}`);
    for (const r of plan.reused) {
        lines.push(`  reuse      ${r.kind} ${r.name}: it exists already with the same content${r.created ? ` (created ${r.created.toISOString()})` : ''}`);
    }
    if (plan.action === 'none') {
        lines.push(`  unchanged  endpoint ${plan.endpointName} already serves this on ${plan.endpointConfigName}${plan.calls.length ? '; its tags do not say so, so they are written' : ''}`);
    }
    if (plan.calls.length === 0)
        lines.push('  calls      none');
    plan.calls.forEach((call, i) => {
        lines.push(`  ${i === 0 ? 'calls' : '     '}      ${i + 1}. ${describeCall(call)}`);
        if (CHANGE_OPERATIONS.has(call.operation)) {
            lines.push(`                 then wait until ${plan.endpointName} is InService on ${plan.endpointConfigName}${waitTimeoutSeconds ? ` (up to ${waitTimeoutSeconds} s, input "wait-timeout")` : ''} and verify it serves it`);
        }
    });
    for (const note of plan.notes)
        lines.push(`  note       ${note}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/deploy/cleanup.js
// After a successful deployment, configs and models this action created for the endpoint
// that are older than the previous deployment are deleted. The live config and the
// previous one stay (rollback needs the previous one), and so does anything newer than the
// previous one: a concurrent run may be about to deploy it. SageMaker lets a config or
// model be deleted while an endpoint serves it, so nothing any endpoint in the account
// serves or is moving to is deleted either, whatever its name and tags say.
// A deployment that does not end on what it created (it never started, SageMaker rolled it
// back, it was cancelled) deletes what it created through one path, `discardCreated`.






/** Every page of a listing of what is named like `nameContains` (and older than `before`). */
async function listAll(nameContains, before, fetch) {
    const found = [];
    let nextToken;
    do {
        const page = await fetch({
            NameContains: nameContains,
            CreationTimeBefore: before,
            MaxResults: 100,
            NextToken: nextToken
        });
        found.push(...page.items);
        nextToken = page.NextToken;
    } while (nextToken);
    return found;
}
function listed(name, arn, created) {
    return { name: name ?? '', arn: arn ?? '', created };
}
function listConfigs(sagemaker, nameContains, before) {
    return listAll(nameContains, before, async (input) => {
        const page = await sagemaker.send(new dist_cjs/* ListEndpointConfigsCommand */.IZm(input));
        const items = (page.EndpointConfigs ?? []).map(c => listed(c.EndpointConfigName, c.EndpointConfigArn, c.CreationTime));
        return { NextToken: page.NextToken, items };
    });
}
function listModels(sagemaker, nameContains, before) {
    return listAll(nameContains, before, async (input) => {
        const page = await sagemaker.send(new dist_cjs/* ListModelsCommand */.Ez2(input));
        const items = (page.Models ?? []).map(m => listed(m.ModelName, m.ModelArn, m.CreationTime));
        return { NextToken: page.NextToken, items };
    });
}
/** Ours = our naming pattern for this endpoint AND our tag naming this endpoint. */
async function ours(sagemaker, scope, items) {
    const names = [];
    for (const item of items) {
        if (!item.created || !scope.cutoff || item.created.getTime() >= scope.cutoff.getTime())
            continue;
        if (!isOurName(scope.endpointName, item.name) || !item.arn)
            continue;
        const tags = await readTags(sagemaker, item.arn);
        if (tags[tags_TAGS.endpoint] === scope.endpointName)
            names.push(item.name);
    }
    return names;
}
async function addUses(sagemaker, endpointName, into) {
    const description = await served_describeEndpoint(sagemaker, endpointName);
    for (const config of [
        description?.EndpointConfigName,
        description?.PendingDeploymentSummary?.EndpointConfigName
    ]) {
        if (!config || into.configs.has(config))
            continue;
        into.configs.add(config);
        for (const model of await configModelNames(sagemaker, config))
            into.models.add(model);
    }
}
/** The configs and models one endpoint serves, or is being created or updated to. */
async function endpointUses(sagemaker, endpointName) {
    const found = { configs: new Set(), models: new Set() };
    await addUses(sagemaker, endpointName, found);
    return found;
}
/** The configs and models any endpoint in the account serves, or is being created or updated to. */
async function endpointsInUse(sagemaker) {
    const found = { configs: new Set(), models: new Set() };
    let nextToken;
    do {
        const page = await sagemaker.send(new dist_cjs/* ListEndpointsCommand */.c8o({ MaxResults: 100, NextToken: nextToken }));
        for (const endpoint of page.Endpoints ?? [])
            if (endpoint.EndpointName)
                await addUses(sagemaker, endpoint.EndpointName, found);
        nextToken = page.NextToken;
    } while (nextToken);
    return found;
}
/** What cleanup would delete now; reads only. Any failed read throws: nothing is deleted then. */
async function findCleanup(sagemaker, scope) {
    if (!scope.cutoff)
        return { configs: [], models: [] };
    // NameContains narrows the listing; the exact pattern and the tag decide.
    const fragment = scope.endpointName.slice(0, 24).replace(/-+$/, '');
    const configs = (await ours(sagemaker, scope, await listConfigs(sagemaker, fragment, scope.cutoff))).filter(c => !scope.keepConfigs.includes(c));
    const models = await ours(sagemaker, scope, await listModels(sagemaker, fragment, scope.cutoff));
    if (configs.length === 0 && models.length === 0)
        return { configs, models };
    // A model stays while any config that stays names it: the kept ones, and ours newer than
    // the cutoff (a concurrent run may be about to deploy one of those).
    const staying = new Set(scope.keepConfigs);
    for (const config of await listConfigs(sagemaker, fragment, undefined)) {
        if (isOurName(scope.endpointName, config.name) && !configs.includes(config.name))
            staying.add(config.name);
    }
    const inUse = await endpointsInUse(sagemaker);
    const keepModels = new Set([...inUse.models, ...(scope.keepModels ?? [])]);
    for (const config of staying)
        for (const m of await configModelNames(sagemaker, config))
            keepModels.add(m);
    return {
        configs: configs.filter(c => !inUse.configs.has(c)),
        models: models.filter(m => !keepModels.has(m))
    };
}
/** Deletes what `findCleanup` found; a failure is a warning, never a failed deployment. */
async function applyCleanup(ctx, plan) {
    const deleted = [];
    const failed = [];
    const attempt = async (label, send) => {
        try {
            await send();
            deleted.push(label);
        }
        catch (error) {
            if (isNotFound(error))
                return;
            failed.push(label);
            ctx.out.warning(`Could not delete ${label}: ${errors_errorMessage(error)}`);
        }
    };
    for (const name of plan.configs) {
        await attempt(`endpoint config ${name}`, () => ctx.aws.sagemaker.send(new dist_cjs/* DeleteEndpointConfigCommand */.WLA({ EndpointConfigName: name })));
    }
    for (const name of plan.models) {
        await attempt(`model ${name}`, () => ctx.aws.sagemaker.send(new dist_cjs/* DeleteModelCommand */.em({ ModelName: name })));
    }
    if (deleted.length)
        ctx.out.info(`Cleaned up ${deleted.join(', ')}`);
    return { deleted, failed };
}
/**
 * Deletes models and configs a run created but does not end on: the change never started,
 * SageMaker rolled it back, a new plan after a wait uses others, or the run was cancelled.
 * Their names are unique to the run, so only this endpoint can use them: what it serves or
 * is moving to stays (SageMaker may have accepted a request whose answer got lost), as does
 * anything in `keep`. Whatever is left is named in a warning, with the commands to remove it.
 */
async function cleanup_discardCreated(ctx, endpointName, created, keep, why) {
    const plan = {
        configs: created.configs.filter(c => !keep.configs.includes(c)),
        models: created.models.filter(m => !keep.models.includes(m))
    };
    if (plan.configs.length === 0 && plan.models.length === 0)
        return { deleted: [], left: [] };
    const left = [];
    try {
        const inUse = await endpointUses(ctx.aws.sagemaker, endpointName);
        for (const c of plan.configs.filter(c => inUse.configs.has(c)))
            left.push(`endpoint config ${c}`);
        for (const m of plan.models.filter(m => inUse.models.has(m)))
            left.push(`model ${m}`);
        plan.configs = plan.configs.filter(c => !inUse.configs.has(c));
        plan.models = plan.models.filter(m => !inUse.models.has(m));
    }
    catch (error) {
        ctx.out.warning(`Could not check whether endpoint ${endpointName} uses what this run created: ${errors_errorMessage(error)}`);
        left.push(...plan.configs.map(c => `endpoint config ${c}`), ...plan.models.map(m => `model ${m}`));
        plan.configs = [];
        plan.models = [];
    }
    const { deleted, failed } = await applyCleanup(ctx, plan);
    left.push(...failed);
    if (left.length > 0) {
        ctx.out.warning(`${why}; left in place: ${left.join(', ')}. Once no endpoint uses them, remove them with aws sagemaker delete-endpoint-config --endpoint-config-name NAME and aws sagemaker delete-model --model-name NAME.`);
    }
    return { deleted, left };
}

;// CONCATENATED MODULE: ./build/src/deploy/endpoint.js
// Which of a plan's models and configs exist already, making the plan's create calls and
// the endpoint change, and proving afterwards that the endpoint really serves the config
// asked for: SageMaker's own waiter reports InService even after an update rolled back.






function checkModel(input, model) {
    const wanted = input.Containers?.[0]?.ModelPackageName;
    if (modelPackageOf(model) !== wanted || model.ExecutionRoleArn !== input.ExecutionRoleArn) {
        throw new UserError(`Model ${input.ModelName} already exists but serves ${modelPackageOf(model) ?? 'no model package'} with role ${model.ExecutionRoleArn}, not ${wanted} with ${input.ExecutionRoleArn}: refusing to deploy a model this deployment did not define.`);
    }
}
function configShape(config) {
    return JSON.stringify({
        variants: (config.ProductionVariants ?? [])
            .map(v => [
            v.VariantName,
            v.ModelName,
            v.InitialVariantWeight,
            v.InstanceType ?? null,
            v.InitialInstanceCount ?? null
        ])
            .sort(),
        capture: config.DataCaptureConfig?.DestinationS3Uri ?? null
    });
}
function checkConfig(input, config) {
    if (configShape(config) !== configShape(input)) {
        throw new UserError(`Endpoint config ${input.EndpointConfigName} already exists with other variants: refusing to deploy a config this deployment did not define.`);
    }
}
/**
 * The plan's models and config that exist already (a retried attempt made them, or an
 * earlier run with the same run id, as every CLI run has), with their creation times: the
 * plan uses them instead of creating them. One that exists with other content is refused.
 */
async function findExisting(sagemaker, plan) {
    const existing = { models: new Map(), configs: new Map() };
    for (const input of plan.models) {
        const model = await describeModel(sagemaker, input.ModelName ?? '');
        if (!model)
            continue;
        checkModel(input, model);
        existing.models.set(input.ModelName ?? '', model.CreationTime);
    }
    if (plan.endpointConfig) {
        const config = await describeConfig(sagemaker, plan.endpointConfig.EndpointConfigName ?? '');
        if (config) {
            checkConfig(plan.endpointConfig, config);
            existing.configs.set(plan.endpointConfig.EndpointConfigName ?? '', config.CreationTime);
        }
    }
    return existing;
}
/**
 * Makes a CreateModel or CreateEndpointConfig call of the plan. True when this call created
 * it; false when an identical one appeared since the plan was made (a concurrent attempt of
 * the same run), which is then used and not counted as this run's.
 */
async function createResource(ctx, call) {
    const sagemaker = ctx.aws.sagemaker;
    try {
        if (call.operation === 'CreateModel')
            await sagemaker.send(new dist_cjs/* CreateModelCommand */.TIE(call.input));
        else
            await sagemaker.send(new dist_cjs/* CreateEndpointConfigCommand */.dH8(call.input));
    }
    catch (error) {
        if (!isAlreadyExists(error))
            throw error;
        if (call.operation === 'CreateModel') {
            const model = await describeModel(sagemaker, call.input.ModelName ?? '');
            if (!model)
                throw error;
            checkModel(call.input, model);
        }
        else {
            const config = await describeConfig(sagemaker, call.input.EndpointConfigName ?? '');
            if (!config)
                throw error;
            checkConfig(call.input, config);
        }
        ctx.out.warning(`${labelOf(call)} appeared with the same content after the plan was made (a concurrent attempt of this run?): this deployment uses it and does not count it as its own.`);
        return false;
    }
    ctx.out.info(withLink(`Created ${labelOf(call)}`, consoleUrl(ctx.region, pageOf(call), nameOf(call))));
    return true;
}
function nameOf(call) {
    return ((call.operation === 'CreateModel' ? call.input.ModelName : call.input.EndpointConfigName) ?? '');
}
function labelOf(call) {
    return `${call.operation === 'CreateModel' ? 'model' : 'endpoint config'} ${nameOf(call)}`;
}
function pageOf(call) {
    return call.operation === 'CreateModel' ? 'models' : 'endpointConfig';
}
/** Sends the call that changes the endpoint; SageMaker carries it out after the call returns. */
async function startEndpointChange(ctx, call) {
    const sagemaker = ctx.aws.sagemaker;
    switch (call.operation) {
        case 'CreateEndpoint':
            await sagemaker.send(new dist_cjs/* CreateEndpointCommand */.fRi(call.input));
            ctx.out.info(withLink(`Creating endpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`, consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')));
            return;
        case 'UpdateEndpoint':
            await sagemaker.send(new dist_cjs/* UpdateEndpointCommand */.sU7(call.input));
            ctx.out.info(withLink(`Updating endpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}`, consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')));
            return;
        case 'UpdateEndpointWeightsAndCapacities':
            await sagemaker.send(new dist_cjs/* UpdateEndpointWeightsAndCapacitiesCommand */.GO9(call.input));
            ctx.out.info(withLink(describeCall(call), consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')));
            return;
        default:
            throw new Error(`${call.operation} does not change an endpoint`);
    }
}
/**
 * Why the endpoint does not serve what the plan asked for, or undefined when it does:
 * InService, on the planned config and, for a weights change, with the planned weights.
 */
function verifyDeployment(plan, description, previousConfigName) {
    if (!description)
        return `Endpoint ${plan.endpointName} no longer exists: it was deleted during the deployment.`;
    const status = description.EndpointStatus ?? 'unknown';
    const config = description.EndpointConfigName ?? '?';
    const reason = description.FailureReason
        ? ` SageMaker's FailureReason: ${description.FailureReason}`
        : '';
    if (status === 'InService' && config === plan.endpointConfigName) {
        if (plan.action !== 'update-weights')
            return undefined;
        const off = plan.variants.filter(v => {
            const live = description.ProductionVariants?.find(p => p.VariantName === v.variantName);
            return (live?.CurrentWeight ?? live?.DesiredWeight) !== v.weight;
        });
        if (off.length === 0)
            return undefined;
        return `Endpoint ${plan.endpointName} is InService but its weights are not the ones asked for (${off
            .map(v => `${v.variantName}=${v.weight}`)
            .join(', ')}).${reason}`;
    }
    if (status === 'InService' && previousConfigName && config === previousConfigName) {
        return `The deployment to endpoint ${plan.endpointName} was rolled back: it is InService on its previous config ${config}, not on ${plan.endpointConfigName}.${reason || ' SageMaker gave no FailureReason; check the alarms and the endpoint events in the console.'}`;
    }
    if (status === 'InService') {
        return `Endpoint ${plan.endpointName} is InService on config ${config}, not on ${plan.endpointConfigName}: another deployment replaced this one.${reason}`;
    }
    if (status === 'UpdateRollbackFailed') {
        return `The deployment to endpoint ${plan.endpointName} failed and so did SageMaker's rollback (UpdateRollbackFailed): the endpoint serves a mix of the old and new configs.${reason}`;
    }
    return `Endpoint ${plan.endpointName} is ${status} on config ${config}, not InService on ${plan.endpointConfigName}.${reason}`;
}

;// CONCATENATED MODULE: ./build/src/deploy/waiter.js


/** States in which SageMaker is still changing the endpoint and refuses another update. */
const BUSY_STATES = new Set([
    'Creating',
    'Updating',
    'SystemUpdating',
    'RollingBack',
    'Deleting'
]);
/** Poll often enough to see short states, rarely enough to stay far from API throttling. */
function defaultPollSeconds(timeoutSeconds) {
    return Math.min(30, Math.max(1, Math.round(timeoutSeconds / 60)));
}
class waiter_WaitTimeoutError extends UserError {
    lastStatus;
    constructor(message, lastStatus) {
        super(message);
        this.name = 'WaitTimeoutError';
        this.lastStatus = lastStatus;
    }
}
function clock(date) {
    return date.toISOString().slice(11, 19);
}
/**
 * Waits until the endpoint leaves the busy states, and returns its last description
 * (undefined when it no longer exists, after a delete).
 */
async function waiter_waitForEndpoint(ctx, endpointName, options) {
    const start = ctx.now().getTime();
    const deadline = start + options.timeoutSeconds * 1000;
    const pollMs = (options.pollSeconds ?? defaultPollSeconds(options.timeoutSeconds)) * 1000;
    let last;
    for (;;) {
        const description = await served_describeEndpoint(ctx.aws.sagemaker, endpointName);
        const now = ctx.now();
        const status = description ? (description.EndpointStatus ?? 'unknown') : 'absent';
        const state = description ? `${status} on ${description.EndpointConfigName ?? '?'}` : status;
        if (state !== last) {
            const elapsed = Math.round((now.getTime() - start) / 1000);
            ctx.out.info(`[${clock(now)}] endpoint ${endpointName}: ${state} (${elapsed} s)`);
            last = state;
        }
        if (!description || !BUSY_STATES.has(status))
            return description;
        if (now.getTime() >= deadline) {
            throw new waiter_WaitTimeoutError(`Timed out after ${options.timeoutSeconds} s (input "wait-timeout") waiting for endpoint ${endpointName} ${options.purpose}: it is still ${status}. SageMaker keeps going; check the endpoint in the console, and raise "wait-timeout" if deployments take longer.`, status);
        }
        await ctx.sleep(Math.min(pollMs, deadline - now.getTime()));
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/prepare.js







/** Describes the package and refuses it unless it is Approved; never mutates anything. */
async function approvedTarget(ctx, arn, weight) {
    const description = await describeVersion(ctx.aws.sagemaker, arn);
    const version = description.ModelPackageVersion ?? versions_versionFromArn(arn);
    const status = description.ModelApprovalStatus ?? 'PendingManualApproval';
    if (status !== 'Approved') {
        throw new UserError(`Version ${version} (${arn}) is ${status}: only Approved versions can be deployed. Approve it first (mode: approve), or name an Approved version with "model-package".`);
    }
    return {
        arn: description.ModelPackageArn ?? arn,
        version,
        weight,
        metadata: description.CustomerMetadataProperties ?? {}
    };
}
function failedEndpoint(live) {
    return new UserError(`Endpoint ${live.name} is ${live.status}${live.failureReason ? ` (${live.failureReason})` : ''}: SageMaker cannot update it. Delete it (aws sagemaker delete-endpoint --endpoint-name ${live.name}) and deploy again.`);
}
/**
 * What the endpoint serves once no other deployment is changing it: waits (up to
 * `wait-timeout`) while it is busy, except in dry-run, which only reads.
 */
async function settledEndpoint(ctx, settings, dryRun, timeoutSeconds = settings.waitTimeoutSeconds) {
    const name = settings.endpointName;
    let description = await served_describeEndpoint(ctx.aws.sagemaker, name);
    if (!description)
        return undefined;
    const status = description.EndpointStatus ?? 'unknown';
    if (BUSY_STATES.has(status) && dryRun) {
        ctx.out.info(`Endpoint ${name} is ${status}: a real run would wait for it first.`);
    }
    else if (BUSY_STATES.has(status)) {
        ctx.out.info(`Endpoint ${name} is ${status}: waiting for that to finish, never updating underneath another deployment.`);
        description = await waiter_waitForEndpoint(ctx, name, {
            timeoutSeconds,
            purpose: 'to finish what it is doing before this deployment starts'
        });
        if (!description)
            return undefined;
    }
    const live = await served_readLiveEndpoint(ctx.aws.sagemaker, description);
    if (live.status === 'Failed' || live.status === 'OutOfService')
        throw failedEndpoint(live);
    if (live.status === 'UpdateRollbackFailed') {
        ctx.out.warning(`Endpoint ${live.name} is UpdateRollbackFailed: it serves a mix of two configs. This deployment replaces both.`);
    }
    return live;
}
/** Old configs and models of ours that go once the new config serves; see cleanup.ts. */
function cleanupScope(plan, live) {
    return {
        endpointName: plan.endpointName,
        keepConfigs: [plan.endpointConfigName, live.configName],
        keepModels: plan.variants.map(v => v.modelName),
        cutoff: live.configCreationTime
    };
}
const CLEANUP_PERMISSIONS = 'Cleanup proves that no endpoint in the account uses what it deletes, which needs sagemaker:ListEndpoints and DescribeEndpoint, DescribeEndpointConfig, ListTags on them; grant those, or delete old configs and models by hand.';
/**
 * The plan with everything it depends on read first: which of its models and config exist
 * already (used, not created) and which old ones cleanup deletes. Reads only.
 */
async function makePlan(ctx, settings, request, live) {
    const input = {
        settings: settings.deploy,
        region: settings.region,
        run: ctx.github,
        targets: request.targets,
        live,
        kind: request.kind,
        now: ctx.now(),
        reject: request.reject
    };
    const draft = buildPlan(input);
    if (draft.action === 'none')
        return draft;
    const existing = await findExisting(ctx.aws.sagemaker, draft);
    let cleanup = { configs: [], models: [] };
    if (live && live.configName !== draft.endpointConfigName) {
        try {
            cleanup = await findCleanup(ctx.aws.sagemaker, cleanupScope(draft, live));
        }
        catch (error) {
            ctx.out.warning(`This deployment deletes no old models or configs of ${draft.endpointName}: reading what they are failed (${errors_errorMessage(error)}). ${CLEANUP_PERMISSIONS}`);
        }
    }
    return buildPlan({ ...input, facts: { existing, cleanup } });
}

;// CONCATENATED MODULE: ./build/src/github/deployments.js

/** GitHub cuts deployment and status descriptions at 140 characters. */
const deployments_DESCRIPTION_MAX = 140;
function shorten(text) {
    return text.length <= deployments_DESCRIPTION_MAX ? text : `${text.slice(0, deployments_DESCRIPTION_MAX - 1)}…`;
}
/** Creates the deployment; undefined (with a warning or a debug line) when it cannot. */
async function createGitHubDeployment(ctx, request) {
    if (!ctx.octokit) {
        ctx.out.debug('No GitHub token: no GitHub deployment is recorded.');
        return undefined;
    }
    const [owner, repo] = ctx.github.repository.split('/');
    const ref = ctx.github.sha || ctx.github.ref;
    if (!owner || !repo || !ref) {
        ctx.out.debug('No repository or commit known: no GitHub deployment is recorded.');
        return undefined;
    }
    try {
        const response = await ctx.octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref,
            environment: request.environment,
            description: shorten(request.description),
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            payload: request.payload ?? {}
        });
        const data = response.data;
        if (typeof data.id !== 'number') {
            ctx.out.warning(`GitHub did not create a deployment for ${request.environment}: ${data.message ?? `HTTP ${response.status}`}`);
            return undefined;
        }
        return {
            owner,
            repo,
            id: data.id,
            environmentUrl: request.environmentUrl,
            logUrl: request.logUrl
        };
    }
    catch (error) {
        ctx.out.warning(`Could not record a GitHub deployment for ${request.environment}: ${errors_errorMessage(error)}`);
        return undefined;
    }
}
async function deployments_setGitHubDeploymentStatus(ctx, deployment, state, description) {
    if (!deployment || !ctx.octokit)
        return;
    try {
        await ctx.octokit.rest.repos.createDeploymentStatus({
            owner: deployment.owner,
            repo: deployment.repo,
            deployment_id: deployment.id,
            state,
            description: shorten(description),
            environment_url: deployment.environmentUrl || undefined,
            log_url: deployment.logUrl || undefined
        });
    }
    catch (error) {
        ctx.out.warning(`Could not set GitHub deployment ${deployment.id} to ${state}: ${errors_errorMessage(error)}`);
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/apply.js








/** How often a deployment goes back to waiting when another one keeps taking the endpoint. */
const MAX_TURNS = 5;
function changeCall(plan) {
    return plan.calls.find(c => CHANGE_OPERATIONS.has(c.operation));
}
function createsModels(plan) {
    return plan.calls.some(c => c.operation === 'CreateModel');
}
function describeTargets(plan) {
    return plan.variants
        .map(v => `v${v.version}${plan.variants.length > 1 ? `=${v.weight}` : ''}`)
        .join(', ');
}
function roleRequired(settings, plan) {
    return new UserError(`Input "execution-role-arn" is required for mode "${settings.mode}": SageMaker runs the model of ${describeTargets(plan)} under that IAM role (CreateModel ExecutionRoleArn). Give the ARN of a role SageMaker can assume.`);
}
/** What a plan's endpoint ends on: its config and models stay whoever made them. */
function usedBy(plan) {
    return { configs: [plan.endpointConfigName], models: plan.variants.map(v => v.modelName) };
}
/** Deletes what this run created and no longer needs; on failure, once, before the error is told. */
class Discard {
    ctx;
    endpointName;
    inflight;
    failed = false;
    constructor(ctx, endpointName, inflight) {
        this.ctx = ctx;
        this.endpointName = endpointName;
        this.inflight = inflight;
    }
    async unused(keep) {
        await this.discard(keep, 'This run created models or configs that the deployment it finally made does not use');
    }
    /** The deployment did not start: everything this run created goes; what cannot, is said. */
    async all(error) {
        if (this.failed)
            return;
        this.failed = true;
        const reason = errors_errorMessage(causeOf(error));
        const left = await this.discard({ configs: [], models: [] }, `The deployment to ${this.endpointName} did not start (${reason})`);
        for (const name of left)
            this.ctx.steps.changed(`left ${name} in place (see the warning)`);
    }
    async discard(keep, why) {
        const created = this.inflight.current.created;
        const { deleted, left } = await cleanup_discardCreated(this.ctx, this.endpointName, created, keep, why);
        this.inflight.forget(deleted.map(label => label.slice(label.lastIndexOf(' ') + 1)));
        return left;
    }
}
function stepOf(ctx, discard) {
    return (name, work) => ctx.steps.run(name, work, error => discard.all(error));
}
/** True when the endpoint is no longer what the plan was made from: another deployment got there first. */
async function endpointMoved(ctx, state) {
    const now = await served_describeEndpoint(ctx.aws.sagemaker, state.plan.endpointName);
    if (state.plan.action === 'create')
        return now !== undefined;
    if (!now || !state.live)
        return true;
    return (now.EndpointConfigName !== state.live.configName ||
        BUSY_STATES.has(now.EndpointStatus ?? 'unknown'));
}
/**
 * One turn: the plan's create calls, then the endpoint change unless the endpoint moved.
 * True when the change was sent; false when another deployment got there first.
 */
async function takeTurn(ctx, settings, state, inflight, step) {
    const { plan } = state;
    const where = { aws: ctx.aws, out: ctx.out, region: settings.region };
    if (createsModels(plan) && !settings.deploy.executionRoleArn)
        throw roleRequired(settings, plan);
    for (const call of plan.calls) {
        if (call.operation !== 'CreateModel' && call.operation !== 'CreateEndpointConfig')
            continue;
        inflight.before(call);
        if (!(await step(describeCall(call), () => createResource(where, call)))) {
            const names = createdNames([call]);
            inflight.forget([...names.models, ...names.configs]);
        }
    }
    const change = changeCall(plan);
    if (!change || (await step('checking the endpoint again', () => endpointMoved(ctx, state))))
        return false;
    inflight.before(change);
    const raced = (error) => plan.action === 'create' ? isAlreadyExists(error) : isInProgress(error);
    // Another deployment taking the endpoint at this moment is a reason to wait, not a failure.
    const sent = await step(describeCall(change), () => startEndpointChange(where, change).then(() => true, (error) => {
        if (raced(error))
            return false;
        throw error;
    }));
    if (sent)
        state.created = change.operation === 'CreateEndpoint';
    return sent;
}
/** Once the change is sent, what stands: what this run created for it, and the change. */
function recordStarted(ctx, state, inflight) {
    const { models, configs } = inflight.current.created;
    for (const name of models)
        ctx.steps.changed(`created model ${name}`);
    for (const name of configs)
        ctx.steps.changed(`created endpoint config ${name}`);
    const change = changeCall(state.plan);
    if (change)
        ctx.steps.changed(`sent ${describeCall(change)}`);
}
/** Waits for the deployment that took the endpoint, and plans again on what it left. */
async function waitYourTurn(ctx, settings, request, state, inflight, discard, remaining) {
    const { deploy } = settings;
    const name = state.plan.endpointName;
    const step = stepOf(ctx, discard);
    ctx.out.info(`Another deployment is changing endpoint ${name}; waiting for it to finish before this one.`);
    inflight.at(`waiting for another deployment on endpoint ${name} to finish`);
    state.live = await step(`waiting for another deployment on endpoint ${name}`, () => settledEndpoint(ctx, deploy, false, remaining));
    state.plan = await step('planning the deployment again', () => makePlan(ctx, settings, request, state.live));
    state.serving = state.live?.configName ?? '';
    inflight.replan(state.plan, state.live);
    ctx.out.info(`The endpoint changed while this deployment waited; the plan now is:\n${formatPlan(state.plan, deploy.waitTimeoutSeconds)}`);
    for (const note of state.plan.notes)
        ctx.out.warning(note);
}
/**
 * Makes the plan's calls up to the endpoint change, taking turns behind other deployments.
 * True when the change was sent; false when the endpoint already serves the plan.
 */
async function applyPlan(ctx, settings, request, inflight, state) {
    const { deploy } = settings;
    const deadline = ctx.now().getTime() + deploy.waitTimeoutSeconds * 1000;
    const discard = new Discard(ctx, deploy.endpointName, inflight);
    let started = false;
    try {
        for (let turn = 1;; turn++) {
            const hasChange = changeCall(state.plan) !== undefined;
            started = hasChange && (await takeTurn(ctx, settings, state, inflight, stepOf(ctx, discard)));
            if (!hasChange || started) {
                await discard.unused(usedBy(state.plan));
                if (started)
                    recordStarted(ctx, state, inflight);
                return started;
            }
            const remaining = Math.ceil((deadline - ctx.now().getTime()) / 1000);
            if (turn >= MAX_TURNS || remaining <= 0) {
                throw new UserError(`Endpoint ${state.plan.endpointName} kept being changed by other deployments (${turn} tries within ${deploy.waitTimeoutSeconds} s, input "wait-timeout"): this deployment did not start. Run it again once the others are done.`);
            }
            await waitYourTurn(ctx, settings, request, state, inflight, discard, remaining);
        }
    }
    catch (error) {
        if (!started)
            await discard.all(error);
        throw error;
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/inflight.js

const DEPLOYMENT_STATE = 'deploymentInFlight';
function isStringArray(value) {
    return Array.isArray(value) && value.every(v => typeof v === 'string');
}
/** The saved record, or undefined when nothing was in flight (or the value is not ours). */
function parseInFlight(raw) {
    if (!raw.trim())
        return undefined;
    let value;
    try {
        value = JSON.parse(raw);
    }
    catch {
        return undefined;
    }
    const record = value;
    if (typeof record !== 'object' ||
        record === null ||
        typeof record.endpointName !== 'string' ||
        typeof record.region !== 'string' ||
        typeof record.configName !== 'string' ||
        typeof record.step !== 'string' ||
        !isStringArray(record.created?.models) ||
        !isStringArray(record.created?.configs) ||
        !Array.isArray(record.tags))
        return undefined;
    return record;
}
/** Keeps the record current and saved; every change is saved before the call it announces. */
class InFlightRecorder {
    out;
    record;
    constructor(out, base, plan, live) {
        this.out = out;
        this.record = {
            ...base,
            endpointName: plan.endpointName,
            step: 'starting the deployment',
            changeSent: false,
            configName: '',
            packageArn: '',
            version: 0,
            tags: [],
            created: { models: [], configs: [] }
        };
        this.replan(plan, live);
    }
    get current() {
        return this.record;
    }
    /** A new plan (after waiting for another deployment) replaces the target, keeps what was made. */
    replan(plan, live) {
        const tags = plan.calls.find(c => c.operation === 'AddTags');
        this.record = {
            ...this.record,
            configName: plan.endpointConfigName,
            previousConfigName: live?.configName,
            packageArn: plan.primary.packageArn,
            version: plan.primary.version,
            tags: tags?.operation === 'AddTags' ? tags.tags : [],
            changeSent: false
        };
        this.save();
    }
    before(call) {
        const created = this.record.created;
        if (call.operation === 'CreateModel')
            created.models.push(call.input.ModelName ?? '');
        if (call.operation === 'CreateEndpointConfig')
            created.configs.push(call.input.EndpointConfigName ?? '');
        if (CHANGE_OPERATIONS.has(call.operation))
            this.record.changeSent = true;
        this.at(describeCall(call));
    }
    /** Between calls: waiting for the endpoint, or for another deployment. */
    at(step) {
        this.record.step = step;
        this.save();
    }
    /** What this run no longer owns: found made by another attempt, or deleted again. */
    forget(names) {
        const created = this.record.created;
        created.models = created.models.filter(m => !names.includes(m));
        created.configs = created.configs.filter(c => !names.includes(c));
        this.save();
    }
    /** The run reached its own end: the post step has nothing to do. */
    clear() {
        this.out.saveState(DEPLOYMENT_STATE, '');
    }
    save() {
        this.out.saveState(DEPLOYMENT_STATE, JSON.stringify(this.record));
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/reconcile.js







/**
 * How long the post step waits for a busy endpoint: five minutes after a cancellation,
 * GitHub forcibly ends the job's steps that still run ("Workflow cancellation reference").
 */
const POST_WAIT_MAX_SECONDS = 240;
/** `v7`: GitHub cuts status descriptions at 140 characters, so no ARN and no config name. */
function served(live) {
    const arn = livePackageArn(live);
    let label = arn ?? 'no versioned package';
    try {
        if (arn)
            label = `v${versionFromArn(arn)}`;
    }
    catch {
        // An unversioned package keeps its ARN.
    }
    return label;
}
/** What the GitHub deployment's last status says, from what the endpoint turned out to do. */
function verdict(record, live, settled, waited) {
    const name = record.endpointName;
    if (!live) {
        return record.changeSent
            ? { state: 'failure', description: `Job cancelled; endpoint ${name} does not exist.` }
            : { state: 'inactive', description: `Job cancelled before endpoint ${name} was created.` };
    }
    const reason = live.failureReason ? ` SageMaker: ${live.failureReason}` : '';
    if (!settled) {
        return {
            state: 'failure',
            description: `Job cancelled while ${name} was ${live.status}; not awaited after ${waited} s. Serving ${served(live)}.`,
            servingConfig: live.configName
        };
    }
    if (live.status === 'InService' && live.configName === record.configName) {
        return {
            state: 'success',
            description: `Job cancelled, but SageMaker finished the change: serving ${served(live)}.`,
            servingConfig: live.configName
        };
    }
    if (live.status === 'InService' && !record.changeSent) {
        return {
            state: 'inactive',
            description: `Job cancelled before the endpoint was changed: it still serves ${served(live)}.`,
            servingConfig: live.configName
        };
    }
    return {
        state: 'failure',
        description: live.status === 'InService'
            ? `Job cancelled; ${name} is InService serving ${served(live)}, not v${record.version}.${reason}`
            : `Job cancelled; ${name} is ${live.status}.${reason}`,
        servingConfig: live.configName
    };
}
/** Makes the endpoint's tags name what it serves. */
async function reconcileTags(ctx, record, live, ours) {
    if (ours) {
        await writeTags(ctx.aws.sagemaker, live.arn, record.tags);
        ctx.out.info(`Tagged endpoint ${live.name} with what it serves: ${record.packageArn}.`);
        return;
    }
    const serving = livePackageArn(live);
    const tagged = live.tags[TAGS.packageArn];
    if (!serving || tagged === undefined || tagged === serving)
        return;
    await writeTags(ctx.aws.sagemaker, live.arn, [{ Key: TAGS.packageArn, Value: tagValue(serving) }]);
    ctx.out.info(`Endpoint ${live.name}'s tag ${TAGS.packageArn} named ${tagged}, which it does not serve; it now names ${serving}.`);
}
async function reconcileInterrupted(ctx, record, maxWaitSeconds = POST_WAIT_MAX_SECONDS) {
    const name = record.endpointName;
    ctx.out.info(`The ${record.kind} to endpoint ${name} stopped at: ${record.step}. Reconciling what it left.`);
    const waited = Math.min(record.waitTimeoutSeconds, maxWaitSeconds);
    let description;
    let settled = true;
    try {
        description = await waitForEndpoint(ctx, name, {
            timeoutSeconds: waited,
            purpose: 'to settle after the interrupted deployment'
        });
    }
    catch (error) {
        if (!(error instanceof WaitTimeoutError))
            throw error;
        ctx.out.warning(error.message);
        settled = false;
        description = await describeEndpoint(ctx.aws.sagemaker, name);
    }
    const live = description ? await readLiveEndpoint(ctx.aws.sagemaker, description) : undefined;
    const ours = settled && live?.status === 'InService' && live.configName === record.configName;
    if (live?.arn) {
        try {
            await reconcileTags(ctx, record, live, ours);
        }
        catch (error) {
            ctx.out.warning(`Could not tag endpoint ${name}: ${errorMessage(error)}`);
        }
    }
    const keep = ours
        ? {
            configs: [record.configName],
            models: live.variants.map(v => v.modelName ?? '').filter(Boolean)
        }
        : { configs: [], models: [] };
    await discardCreated(ctx, name, record.created, keep, `The interrupted ${record.kind} to ${name} made models or configs that nothing serves`);
    const result = verdict(record, live, settled, waited);
    await setGitHubDeploymentStatus(ctx, record.github, result.state, result.description);
    ctx.out.info(result.description);
    return result;
}

;// CONCATENATED MODULE: ./build/src/deploy/record.js






async function tag(r, call) {
    try {
        await tags_writeTags(r.ctx.aws.sagemaker, r.endpointArn, call.tags);
        r.ctx.steps.changed(`tagged endpoint ${r.plan.endpointName} with what it serves`);
    }
    catch (error) {
        r.ctx.out.warning(`Could not tag endpoint ${r.plan.endpointName}: ${errors_errorMessage(error)}. Rollback falls back to the newest Approved version older than the live one.`);
    }
}
async function recordOnVersion(r, call) {
    try {
        await updateVersion(r.ctx.aws.sagemaker, call.packageArn, call.update);
        r.ctx.steps.changed(`recorded the deployment on v${call.version}`);
    }
    catch (error) {
        r.ctx.out.warning(`Could not record the deployment on v${call.version}: ${errors_errorMessage(error)}`);
    }
}
async function reject(r, call) {
    const { ctx, plan } = r;
    await ctx.steps.run(`marking v${call.version} Rejected`, async () => {
        try {
            await updateVersion(ctx.aws.sagemaker, call.packageArn, call.update);
        }
        catch (error) {
            throw new UserError(`Endpoint ${plan.endpointName} was rolled back to ${plan.primary.packageArn}, but marking ${call.packageArn} Rejected failed: ${errors_errorMessage(error)}. Reject it with mode "reject" (model-package: ${call.packageArn}) and the same reason.`);
        }
    });
    ctx.steps.changed(`marked v${call.version} Rejected`);
    ctx.out.info(`Marked ${call.packageArn} Rejected: ${call.update.approvalDescription}`);
    ctx.out.setOutput('approval-status', 'Rejected');
}
/** Deletes an old config or model the plan found unused, unless something uses it now. */
async function remove(r, call) {
    const unused = await r.stillUnused();
    if (!unused)
        return;
    const model = call.operation === 'DeleteModel';
    const name = (model ? call.input.ModelName : call.input.EndpointConfigName) ?? '';
    if (!(model ? unused.models : unused.configs).includes(name)) {
        r.ctx.out.warning(`Not deleting ${model ? 'model' : 'endpoint config'} ${name} after all: since the plan was made, an endpoint or a newer config of ours uses it.`);
        return;
    }
    const { deleted } = await applyCleanup(r.ctx, {
        configs: model ? [] : [name],
        models: model ? [name] : []
    });
    for (const label of deleted)
        r.ctx.steps.changed(`deleted the old ${label}`);
}
/** Makes the plan's calls that come after the endpoint change, in their order. */
async function recordDeployment(ctx, plan, live, endpointArn, inflight) {
    const change = changeCall(plan);
    const after = plan.calls.slice(change ? plan.calls.indexOf(change) + 1 : 0);
    // Cleanup checks again, just before its first delete, that what the plan found is still
    // unused: the deployment took minutes, and it only ever deletes less than it planned.
    let confirmed;
    const stillUnused = () => (confirmed ??= (async () => {
        try {
            return live
                ? await findCleanup(ctx.aws.sagemaker, cleanupScope(plan, live))
                : { configs: [], models: [] };
        }
        catch (error) {
            ctx.out.warning(`Cleanup of old models and configs of ${plan.endpointName} was skipped, nothing was deleted: ${errors_errorMessage(error)}. ${CLEANUP_PERMISSIONS}`);
            return undefined;
        }
    })());
    const recording = { ctx, plan, endpointArn, stillUnused };
    for (const call of after) {
        inflight.before(call);
        if (call.operation === 'AddTags')
            await tag(recording, call);
        else if (call.operation === 'UpdateModelPackage' && call.purpose === 'record')
            await recordOnVersion(recording, call);
        else if (call.operation === 'UpdateModelPackage')
            await reject(recording, call);
        else if (call.operation === 'DeleteEndpointConfig' || call.operation === 'DeleteModel')
            await remove(recording, call);
        else
            throw new Error(`${call.operation} cannot come after the endpoint change`);
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/run.js
















/** The message a signal prints: where the run stopped and what happens next. */
function interruptedMessage(ctx, signal, record) {
    const stopped = `${signal}: the ${record.kind} to endpoint ${record.endpointName} stopped at: ${record.step}.`;
    const endpoint = record.changeSent
        ? `SageMaker carries on with the endpoint change it was sent.`
        : 'The endpoint was not changed.';
    const made = [...record.created.configs, ...record.created.models];
    const next = ctx.out.postStep
        ? `The post step of this action waits for the endpoint (up to ${Math.min(record.waitTimeoutSeconds, POST_WAIT_MAX_SECONDS)} s), closes the GitHub deployment, makes the endpoint's tags name what it serves, and deletes the models and configs this run made that nothing serves.`
        : `Nothing runs after this command to tidy up: once the endpoint is InService, run the same command again (it uses what exists) or roll back${made.length ? `; this run made ${made.join(', ')}` : ''}.`;
    return `${stopped} ${endpoint} ${next}`;
}
async function startGitHubDeployment(ctx, settings, request, plan) {
    const { deploy } = settings;
    if (!deploy.environment) {
        ctx.out.debug('Input "environment" is not set: no GitHub deployment is recorded.');
        return undefined;
    }
    return createGitHubDeployment(ctx, {
        environment: deploy.environment,
        description: `${request.kind === 'rollback' ? 'Roll back' : 'Deploy'} ${describeTargets(plan)} of ${settings.group.name} to ${deploy.endpointName}`,
        environmentUrl: consoleUrl(settings.region, 'endpoints', deploy.endpointName) ?? '',
        logUrl: runUrl(ctx.github),
        payload: { endpoint: deploy.endpointName, 'model-package-arn': plan.primary.packageArn }
    });
}
/** After the change: wait, describe the endpoint again, and say whether it serves the plan. */
async function waitAndVerify(ctx, state, inflight, waitTimeoutSeconds) {
    const { plan, live } = state;
    const name = plan.endpointName;
    inflight.at(`waiting for endpoint ${name} to be InService on ${plan.endpointConfigName}`);
    await waiter_waitForEndpoint(ctx, name, {
        timeoutSeconds: waitTimeoutSeconds,
        purpose: 'to finish this deployment'
    });
    // Described again on purpose: InService alone does not prove the new config serves.
    const verified = await ctx.steps.run(`reading endpoint ${name} back`, () => served_describeEndpoint(ctx.aws.sagemaker, name));
    state.serving = verified?.EndpointConfigName ?? '';
    const failure = verifyDeployment(plan, verified, live?.configName);
    if (failure) {
        // The same path as a deployment that never started: what it created goes.
        await cleanup_discardCreated(ctx, name, inflight.current.created, { configs: [], models: [] }, `The deployment to ${name} did not take effect`);
    }
    return { failure, endpointArn: verified?.EndpointArn ?? live?.arn ?? '' };
}
/** The real run, from the GitHub deployment to the recorded, verified endpoint. */
async function carryOut(ctx, settings, request, state) {
    const { deploy } = settings;
    const github = await startGitHubDeployment(ctx, settings, request, state.plan);
    const base = { kind: request.kind, region: settings.region, github };
    const inflight = new InFlightRecorder(ctx.out, { ...base, waitTimeoutSeconds: deploy.waitTimeoutSeconds }, state.plan, request.live);
    const unwatch = ctx.interrupts?.watch(signal => interruptedMessage(ctx, signal, inflight.current));
    // The post step reconciles only what this step could not conclude itself.
    let concluded = false;
    const conclude = async (status, text) => {
        concluded = true;
        await deployments_setGitHubDeploymentStatus(ctx, github, status, text);
    };
    try {
        const strategy = `${deploy.deploymentStrategy} deployment started`;
        await deployments_setGitHubDeploymentStatus(ctx, github, 'in_progress', strategy);
        const started = await applyPlan(ctx, settings, request, inflight, state);
        const { plan, live } = state;
        if (!started) {
            // The endpoint already serves the plan (maybe since a wait): at most its record is due.
            const outcome = plan.calls.length
                ? 'Already serving; its tags did not say so and now do.'
                : 'Already serving: nothing changed.';
            ctx.out.info(`Endpoint ${plan.endpointName} on ${plan.endpointConfigName}: ${outcome}`);
            await conclude('success', `Already serving on ${plan.endpointConfigName}`);
            if (live)
                await recordDeployment(ctx, plan, live, live.arn, inflight);
            return { outcome };
        }
        const { failure, endpointArn } = await waitAndVerify(ctx, state, inflight, deploy.waitTimeoutSeconds);
        if (failure) {
            await conclude('failure', failure);
            return { outcome: failure, failed: failure };
        }
        const link = consoleUrl(settings.region, 'endpoints', plan.endpointName);
        ctx.out.info(withLink(`Endpoint ${plan.endpointName} is InService on ${plan.endpointConfigName}`, link));
        ctx.steps.done(`verifying that endpoint ${plan.endpointName} serves ${plan.endpointConfigName}`);
        await conclude('success', `Serving ${describeTargets(plan)} on ${plan.endpointConfigName}`);
        await recordDeployment(ctx, plan, live, endpointArn, inflight);
        return { outcome: `InService on ${plan.endpointConfigName}.` };
    }
    catch (error) {
        const cause = causeOf(error);
        if (!concluded)
            await deployments_setGitHubDeploymentStatus(ctx, github, 'failure', errors_errorMessage(cause));
        if (!(cause instanceof waiter_WaitTimeoutError))
            throw error;
        concluded = true;
        return { outcome: cause.message, failed: cause.message };
    }
    finally {
        unwatch?.();
        // Left for the post step when the endpoint change was sent and its end is unknown.
        if (concluded || !inflight.current.changeSent)
            inflight.clear();
    }
}
function setOutputs(ctx, state) {
    const plan = state.plan;
    ctx.out.setOutput('endpoint-name', plan.endpointName);
    ctx.out.setOutput('endpoint-config-name', state.serving);
    ctx.out.setOutput('model-package-arn', plan.primary.packageArn);
    ctx.out.setOutput('model-package-version', plan.primary.version);
    ctx.out.setOutput('previous-model-package-arn', plan.previousPackageArn ?? '');
    ctx.out.setOutput('created', state.created);
}
/** The summary and the JSON report: the plan's calls, what serves, how it ended. */
function report(settings, kind, state, { outcome, failed }) {
    const { plan } = state;
    const previous = plan.previousPackageArn !== plan.primary.packageArn ? plan.previousPackageArn : undefined;
    const markdown = renderDeployment({
        kind,
        outcome: settings.dryRun ? 'planned' : failed ? 'failed' : 'deployed',
        endpointName: plan.endpointName,
        region: plan.region,
        group: settings.group.nameOrArn,
        variants: plan.variants,
        plannedConfig: plan.endpointConfigName,
        servingConfig: state.serving || undefined,
        previousPackageArn: previous,
        message: outcome,
        calls: plan.calls.map(describeCall)
    });
    const data = {
        mode: kind,
        dryRun: settings.dryRun,
        endpointName: plan.endpointName,
        region: plan.region,
        outcome,
        action: plan.action,
        variants: plan.variants,
        capacity: {
            current: plan.currentCompute ? describeCompute(plan.currentCompute) : null,
            planned: describeCompute(plan.compute)
        },
        reused: plan.reused,
        calls: plan.calls,
        notes: plan.notes,
        previousPackageArn: plan.previousPackageArn ?? null,
        servingConfig: state.serving || null,
        created: state.created
    };
    return { markdown, json: { fileName: reportFileName(settings.group, kind), data } };
}
async function runDeployment(ctx, settings, request) {
    const { deploy } = settings;
    const plan = await ctx.steps.run('planning the deployment', () => makePlan(ctx, settings, request, request.live));
    if (!settings.dryRun && createsModels(plan) && !deploy.executionRoleArn) {
        throw roleRequired(settings, plan);
    }
    ctx.out.info(formatPlan(plan, deploy.waitTimeoutSeconds));
    for (const note of plan.notes)
        ctx.out.warning(note);
    const state = {
        plan,
        live: request.live,
        serving: request.live?.configName ?? '',
        created: false
    };
    try {
        let ending;
        if (settings.dryRun) {
            ctx.out.info('Dry run: nothing was created, updated or deleted.');
            ending = { outcome: 'Dry run: nothing was changed.' };
        }
        else if (plan.calls.length === 0) {
            ctx.out.info(`Endpoint ${deploy.endpointName} already serves ${describeTargets(plan)} on ${plan.endpointConfigName}: nothing to change.`);
            ending = { outcome: 'Already serving: nothing changed.' };
        }
        else {
            ending = await carryOut(ctx, settings, request, state);
        }
        await publish(ctx, report(settings, request.kind, state, ending));
        const { previousPackageArn } = state.plan;
        return {
            plan: state.plan,
            previousPackageArn,
            succeeded: !ending.failed,
            failed: ending.failed
        };
    }
    finally {
        setOutputs(ctx, state);
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/targets.js






function versionOf(arn) {
    try {
        return versions_versionFromArn(arn);
    }
    catch {
        return undefined;
    }
}
async function resolveDeployTargets(ctx, settings) {
    const { deploy, group } = settings;
    const sagemaker = ctx.aws.sagemaker;
    if (deploy.traffic.length > 0) {
        const targets = [];
        for (const { version, weight } of deploy.traffic) {
            const arn = await resolvePackageArn(sagemaker, group, { kind: 'version', version });
            targets.push(await forNamedVersion('traffic', arn, () => approvedTarget(ctx, arn, weight)));
        }
        return targets;
    }
    if (deploy.modelPackage) {
        const arn = await resolvePackageArn(sagemaker, group, deploy.modelPackage);
        return [await forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))];
    }
    const newest = await latestVersion(sagemaker, group, 'Approved');
    if (!newest) {
        throw new UserError(`Model package group "${group.name}" has no Approved version to deploy: approve one (mode: approve, or gate with on-pass: Approved), or name one with "model-package".`);
    }
    ctx.out.info(`Deploying the newest Approved version: v${newest.version} (${newest.arn})`);
    return [await approvedTarget(ctx, newest.arn, 1)];
}
/** The version a rollback goes back to, and what chose it. */
async function resolveRollbackTarget(ctx, settings, live, current) {
    const { deploy, group } = settings;
    if (deploy.modelPackage) {
        return {
            arn: await resolvePackageArn(ctx.aws.sagemaker, group, deploy.modelPackage),
            source: 'input "model-package"'
        };
    }
    const recorded = live.tags[tags_TAGS.previousPackageArn];
    if (recorded && recorded !== current)
        return { arn: recorded, source: `the endpoint's ${tags_TAGS.previousPackageArn} tag` };
    const currentVersion = current ? versionOf(current) : undefined;
    if (currentVersion === undefined) {
        throw new UserError(`Endpoint ${live.name} records no previous version and its live model names no versioned package: name the version to roll back to with "model-package".`);
    }
    const [older] = await listVersions(ctx.aws.sagemaker, group, {
        status: 'Approved',
        limit: 1,
        olderThanVersion: currentVersion
    });
    if (!older) {
        throw new UserError(`Endpoint ${live.name} serves v${currentVersion} and group "${group.name}" has no Approved version older than it: name the version to roll back to with "model-package".`);
    }
    return { arn: older.arn, source: `the newest Approved version older than v${currentVersion}` };
}
/**
 * `reject-current`: the decision that marks the replaced version Rejected, written like any
 * person's decision (registry/decision.ts), with who, where and why.
 */
function rejectRequest(ctx, replaced, arn, endpointName, reason) {
    const actor = deciderOf(ctx.github);
    const url = runUrl(ctx.github);
    const head = `Rejected on rollback of endpoint ${endpointName} by ${singleLine(actor)}${url ? ` in ${singleLine(url)}` : ''}: `;
    const { dropped: _dropped, ...write } = decisionWrite({
        writer: 'person',
        status: 'Rejected',
        approvalDescription: fitDescription(head, reason),
        entries: personEntries(actor, reason, url),
        existing: replaced.CustomerMetadataProperties
    });
    return { packageArn: arn, version: versionOf(arn) ?? 0, update: asVersionUpdate(write) };
}

;// CONCATENATED MODULE: ./build/src/modes/deploy.js



/** A deployment's audit entry: the versions it put on the endpoint, and how it ended. */
function deploymentAudit(outcome, live, done, also = []) {
    const { plan } = outcome;
    const serving = plan.variants.map(v => `v${v.version} (weight ${v.weight})`).join(', ');
    const others = plan.variants.map(v => v.packageArn).filter(a => a !== plan.primary.packageArn);
    return {
        decision: outcome.failed ? 'failed' : done,
        // The same words whether this run changed the endpoint or found it done by an earlier attempt.
        reason: outcome.failed ?? `serving ${serving} on ${plan.endpointConfigName}`,
        packages: [...new Set([plan.primary.packageArn, ...others, ...also])],
        endpoint: { name: plan.endpointName, arn: live?.arn },
        failed: outcome.failed !== undefined,
        properties: { 'endpoint-config': plan.endpointConfigName }
    };
}
const runDeploy = async (ctx, settings) => {
    const { deploy, dryRun } = settings;
    const targets = await ctx.steps.run('finding the versions to deploy', () => resolveDeployTargets(ctx, settings));
    const live = await ctx.steps.run(`reading endpoint ${deploy.endpointName}`, () => settledEndpoint(ctx, deploy, dryRun));
    const outcome = await runDeployment(ctx, settings, { kind: 'deploy', targets, live });
    const audit = deploymentAudit(outcome, live, 'deployed');
    return outcome.failed ? { failed: outcome.failed, audit } : { audit };
};

;// CONCATENATED MODULE: ./build/src/registry/comparison.js




/** Describes each version once per run. */
class VersionCache {
    sagemaker;
    byArn = new Map();
    constructor(sagemaker) {
        this.sagemaker = sagemaker;
    }
    /** `input` names the input that chose this version, for a message when it does not exist. */
    get(arn, input) {
        let found = this.byArn.get(arn);
        if (!found) {
            found = input
                ? describeNamedVersion(this.sagemaker, arn, input)
                : describeVersion(this.sagemaker, arn);
            this.byArn.set(arn, found);
        }
        return found;
    }
}
/**
 * How the report and the messages name the baseline; a version of another group (an
 * endpoint serving another model family) says so.
 */
function baselineLabel(spec, baseline, group) {
    const label = specLabel(spec);
    if (!baseline || !group || isInGroup(baseline, group))
        return label;
    return `${label}, of group ${baseline.ModelPackageGroupName}`;
}
function specLabel(spec) {
    switch (spec.kind) {
        case 'latest-approved':
            return 'latest approved';
        case 'endpoint':
            return `live on ${spec.endpointName}`;
        case 'version':
            return `version ${spec.version}`;
        case 'none':
            return 'none';
    }
}
/**
 * The warning for a baseline of another group: comparing with another group's model can be
 * deliberate (a new model family against what serves now), but it is never what "the
 * champion" means, so it is said loudly.
 */
function foreignBaseline(baseline, spec, group) {
    if (isInGroup(baseline, group))
        return undefined;
    return `Input "baseline": endpoint "${spec.kind === 'endpoint' ? spec.endpointName : ''}" serves ${baseline.ModelPackageArn}, version ${baseline.ModelPackageVersion} of group "${baseline.ModelPackageGroupName}", not a version of "${group.name}". The gate compares the candidate with that version, as asked; for this group's champion use "latest-approved" or "version:N".`;
}
async function latestApprovedOtherThan(sagemaker, group, candidateArn) {
    // One call in the common case; a second only when the candidate is itself the newest approved.
    const newest = await listVersions(sagemaker, group, { status: 'Approved', limit: 1 });
    const [first, second] = newest[0]?.arn === candidateArn
        ? await listVersions(sagemaker, group, { status: 'Approved', limit: 2 })
        : newest;
    return first?.arn === candidateArn ? second?.arn : first?.arn;
}
/** The baseline's ARN, or undefined when there is none (no approved version yet is normal). */
async function resolveBaseline(sagemaker, group, spec, candidateArn) {
    let arn;
    switch (spec.kind) {
        case 'none':
            return undefined;
        case 'latest-approved':
            return latestApprovedOtherThan(sagemaker, group, candidateArn);
        case 'endpoint':
            arn = await servedPackageArn(sagemaker, spec.endpointName);
            if (!arn) {
                throw new UserError(`Input "baseline": endpoint "${spec.endpointName}" does not exist or serves no model package. Use "latest-approved", "version:N" or "none".`);
            }
            break;
        case 'version':
            arn = await resolvePackageArn(sagemaker, group, { kind: 'version', version: spec.version });
            break;
    }
    if (arn === candidateArn) {
        throw new UserError(`Input "baseline": ${specLabel(spec)} is the candidate itself (v${versions_versionFromArn(candidateArn)}); a version cannot be its own baseline.`);
    }
    return arn;
}
/**
 * The last `limit` versions with their mirrored metrics, oldest first, for the trend charts;
 * `known` are metrics already read (the candidate's, the baseline's). The chart is context,
 * not evidence: a history that cannot be read is a warning and an empty chart, so that a
 * version deleted between the list and its describe cannot keep a decision from being recorded.
 */
async function readHistory(ctx, group, limit, cache, known) {
    try {
        const versions = await listVersions(ctx.aws.sagemaker, group, { limit });
        const entries = await Promise.all(versions.map(async (summary) => {
            const metrics = known.get(summary.arn) ??
                metricsFromMetadata((await cache.get(summary.arn)).CustomerMetadataProperties);
            return { version: summary.version, status: summary.status, metrics };
        }));
        return entries.reverse();
    }
    catch (error) {
        ctx.out.warning(`The version history for the trend chart could not be read: ${errors_errorMessage(error)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/metrics-file.js
// Metrics files and SageMaker's model-quality statistics JSON: parsing the shapes people
// hand us, and writing the one SageMaker Studio reads.
//
// Accepted shapes:
// - Model Monitor model-quality statistics:
//   {"version": 0.0, "dataset": {...}, "binary_classification_metrics": {"auc": {"value": 0.9,
//   "standard_deviation": 0.01}, "confusion_matrix": {...}, ...}}
//   (also `multiclass_classification_metrics` and `regression_metrics`);
// - the nested form SageMaker Pipelines evaluation scripts write:
//   {"classification_metrics": {"validation:auc": {"value": 0.92, "standard_deviation": 0.01}}}
// - flat: {"validation:auc": 0.92, "validation:logloss": 0.31}.
//
// Metric names are kept exactly as written: a statistics file yields `auc`, not
// `binary_classification_metrics.auc`, because that is the name a person writes in a gate
// threshold (`auc >= 0.85`) and the name Studio shows. Curves and confusion matrices are
// not scalar metrics and are skipped.
//
// Values must be JSON numbers that a double holds exactly enough to be told apart: a
// quoted "0.9", NaN or Infinity (bare, as Python writes them), 1e400 (beyond a double) and
// 1e-400 (indistinguishable from 0) are errors naming the metric. A key given twice in one
// object is an error too (JSON.parse would silently keep the last), and a UTF-8 byte-order
// mark at the start is ignored.


const STATISTICS_SECTIONS = [
    'binary_classification_metrics',
    'multiclass_classification_metrics',
    'regression_metrics',
    'classification_metrics'
];
/** Top-level keys of a statistics file that describe the data, not the model. */
const STATISTICS_INFO_KEYS = new Set(['version', 'dataset']);
/** A number as written in the file: the text is kept so that errors can quote it. */
class JsonNumber {
    raw;
    value;
    line;
    constructor(raw, value, line) {
        this.raw = raw;
        this.value = value;
        this.line = line;
    }
}
/** Python's json module writes NaN and Infinity as bare words; kept to name the metric. */
class NonFinite {
    word;
    line;
    constructor(word, line) {
        this.word = word;
        this.line = line;
    }
}
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t'
};
/**
 * A strict JSON reader (RFC 8259) for metrics files. JSON.parse would keep the last of two
 * equal keys and turn 1e400 into Infinity without a word; here both are errors that say
 * where, numbers keep the text they were written as, and Python's bare NaN/Infinity are
 * read so that the error can name the metric that holds one.
 */
class JsonReader {
    text;
    input;
    pos = 0;
    constructor(text, input) {
        this.text = text;
        this.input = input;
    }
    line(at = this.pos) {
        let line = 1;
        for (let i = 0; i < at; i++)
            if (this.text.charCodeAt(i) === 10)
                line++;
        return line;
    }
    fail(message, at = this.pos) {
        const line = this.line(at);
        const column = at - this.text.lastIndexOf('\n', at - 1);
        throw new UserError(`Input "${this.input}": not valid JSON at line ${line}, column ${column}: ${message}.`);
    }
    space() {
        while (/[ \t\n\r]/.test(this.text[this.pos] ?? ''))
            this.pos++;
    }
    document() {
        const value = this.value();
        this.space();
        if (this.pos < this.text.length)
            this.fail('unexpected text after the end of the document');
        return value;
    }
    value() {
        this.space();
        const char = this.text[this.pos];
        if (char === '{')
            return this.object();
        if (char === '[')
            return this.array();
        if (char === '"')
            return this.string();
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null]
        ]) {
            if (this.text.startsWith(word, this.pos)) {
                this.pos += word.length;
                return value;
            }
        }
        for (const word of ['NaN', 'Infinity', '-Infinity']) {
            if (this.text.startsWith(word, this.pos)) {
                const found = new NonFinite(word, this.line());
                this.pos += word.length;
                return found;
            }
        }
        JSON_NUMBER.lastIndex = this.pos;
        const number = JSON_NUMBER.exec(this.text);
        if (number) {
            const found = new JsonNumber(number[0], Number(number[0]), this.line());
            this.pos += number[0].length;
            return found;
        }
        this.fail(char === undefined ? 'the document ends too early' : `unexpected "${char}"`);
    }
    object() {
        this.pos++;
        // No prototype: a key such as "__proto__" is a metric name like any other.
        const result = Object.create(null);
        const lines = new Map();
        this.space();
        if (this.text[this.pos] === '}') {
            this.pos++;
            return result;
        }
        for (;;) {
            this.space();
            if (this.text[this.pos] !== '"')
                this.fail('expected a key in double quotes');
            const at = this.pos;
            const key = this.string();
            const first = lines.get(key);
            if (first !== undefined) {
                this.fail(`the key "${key}" appears twice in one object (lines ${first} and ${this.line(at)}); a JSON reader would keep only the last, so give each key once`, at);
            }
            lines.set(key, this.line(at));
            this.space();
            if (this.text[this.pos] !== ':')
                this.fail(`expected ":" after "${key}"`);
            this.pos++;
            result[key] = this.value();
            this.space();
            const next = this.text[this.pos++];
            if (next === '}')
                return result;
            if (next !== ',')
                this.fail('expected "," or "}"', this.pos - 1);
        }
    }
    array() {
        this.pos++;
        const result = [];
        this.space();
        if (this.text[this.pos] === ']') {
            this.pos++;
            return result;
        }
        for (;;) {
            result.push(this.value());
            this.space();
            const next = this.text[this.pos++];
            if (next === ']')
                return result;
            if (next !== ',')
                this.fail('expected "," or "]"', this.pos - 1);
        }
    }
    string() {
        let out = '';
        this.pos++;
        for (;;) {
            const char = this.text[this.pos];
            if (char === undefined)
                this.fail('a string is not closed');
            if (char === '"') {
                this.pos++;
                return out;
            }
            if (char < ' ')
                this.fail('a control character inside a string must be escaped');
            if (char !== '\\') {
                out += char;
                this.pos++;
                continue;
            }
            const escape = this.text[this.pos + 1] ?? '';
            if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
                out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
                this.pos += 6;
            }
            else if (ESCAPES[escape] !== undefined) {
                out += ESCAPES[escape];
                this.pos += 2;
            }
            else
                this.fail(`"\\${escape}" is not a JSON escape`);
        }
    }
}
function isRecord(value) {
    return (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        !(value instanceof JsonNumber) &&
        !(value instanceof NonFinite));
}
function describeValue(value) {
    if (value instanceof JsonNumber)
        return value.raw;
    if (value instanceof NonFinite)
        return value.word;
    if (isRecord(value))
        return 'an object';
    if (Array.isArray(value))
        return 'a list';
    return JSON.stringify(value) ?? String(value);
}
/**
 * The number a value holds, or why it holds none. Only JSON numbers count: a quoted "0.9"
 * is refused like "high", because a metric written as a string is usually a serialisation
 * mistake upstream, and accepting some strings but not others would be a guess.
 */
function numberOf(value) {
    if (value instanceof JsonNumber) {
        if (!Number.isFinite(value.value)) {
            return {
                problem: `is ${value.raw} (line ${value.line}), beyond the largest number a double holds (about 1.8e308)`
            };
        }
        if (value.value === 0 && /[1-9]/.test(value.raw.split(/[eE]/)[0] ?? '')) {
            return {
                problem: `is ${value.raw} (line ${value.line}), too small to tell from 0 in a double (below about 5e-324)`
            };
        }
        return { value: value.value };
    }
    if (value instanceof NonFinite)
        return { problem: `has value ${value.word} (line ${value.line})` };
    if (typeof value === 'string') {
        const numeric = /^\s*[-+]?(\d|\.\d)/.test(value);
        return {
            problem: `has the string ${JSON.stringify(value)}${numeric ? `; write it as a number, without quotes (${value.trim()})` : ''}`
        };
    }
    return { problem: `has value ${describeValue(value)}` };
}
function metricValue(value, name, input) {
    const number = numberOf(value);
    if ('problem' in number) {
        throw new UserError(`Input "${input}": metric "${name}" ${number.problem}; metrics must be finite numbers.`);
    }
    return number.value;
}
function sectionMetrics(section, body, input, notes) {
    if (!isRecord(body)) {
        throw new UserError(`Input "${input}": "${section}" must be an object of metrics like {"auc": {"value": 0.9, "standard_deviation": 0.01}}.`);
    }
    const metrics = [];
    for (const [name, entry] of Object.entries(body)) {
        if (isRecord(entry)) {
            if (!('value' in entry)) {
                // Confusion matrices and ROC/PR curves: structured, not a single number.
                notes.push(`${section}.${name}: not a scalar metric, skipped`);
                continue;
            }
            const metric = { name, value: metricValue(entry.value, name, input), section };
            if (entry.standard_deviation !== undefined && entry.standard_deviation !== null) {
                const sd = numberOf(entry.standard_deviation);
                if ('problem' in sd) {
                    notes.push(`${name}: standard_deviation ${describeValue(entry.standard_deviation)} is not a finite number, left out`);
                }
                else {
                    metric.standardDeviation = sd.value;
                }
            }
            metrics.push(metric);
        }
        else if (Array.isArray(entry)) {
            notes.push(`${section}.${name}: not a scalar metric, skipped`);
        }
        else {
            metrics.push({ name, value: metricValue(entry, name, input), section });
        }
    }
    return metrics;
}
/**
 * Parses the text of a metrics file (or a statistics JSON read from S3). `input` is the
 * name used in error messages: the action input, or an S3 URI.
 */
function parseMetricsJson(text, input = 'metrics-file') {
    // A UTF-8 byte-order mark, as Windows tools write one, is not part of the JSON.
    const document = new JsonReader(text.replace(/^\uFEFF/, ''), input).document();
    if (!isRecord(document)) {
        throw new UserError(`Input "${input}": expected a JSON object of metrics; got ${describeValue(document)}.`);
    }
    const notes = [];
    const metrics = [];
    const keys = Object.keys(document);
    const sections = keys.filter((k) => STATISTICS_SECTIONS.includes(k));
    if (sections.length > 0) {
        const unknown = keys.filter(k => !STATISTICS_INFO_KEYS.has(k) && !STATISTICS_SECTIONS.includes(k));
        if (unknown.length > 0) {
            throw new UserError(`Input "${input}": unknown top-level key ${unknown.map(k => `"${k}"`).join(', ')} next to ${sections.map(s => `"${s}"`).join(', ')}; accepted: ${STATISTICS_SECTIONS.join(', ')}, version, dataset.`);
        }
        for (const section of sections)
            metrics.push(...sectionMetrics(section, document[section], input, notes));
        if (metrics.length > 0) {
            notes.push(`metrics keep their names as in the statistics (${metrics
                .slice(0, 3)
                .map(m => m.name)
                .join(', ')}${metrics.length > 3 ? ', ...' : ''}), without the section name: write rules as "${metrics[0]?.name} >= ..."`);
        }
    }
    else {
        for (const [name, value] of Object.entries(document)) {
            if (isRecord(value) || Array.isArray(value)) {
                throw new UserError(`Input "${input}": unknown shape at "${name}". Accepted: SageMaker model-quality statistics (${STATISTICS_SECTIONS.slice(0, 3).join(', ')}), {"classification_metrics": {"name": {"value": 0.9}}}, or flat {"validation:auc": 0.92}.`);
            }
            metrics.push({ name, value: metricValue(value, name, input) });
        }
    }
    if (metrics.length === 0) {
        throw new UserError(`Input "${input}": the file holds no metrics.`);
    }
    const seen = new Set();
    for (const metric of metrics) {
        if (seen.has(metric.name)) {
            throw new UserError(`Input "${input}": metric "${metric.name}" appears twice; give each metric one value.`);
        }
        seen.add(metric.name);
    }
    return { metrics, notes };
}
/** Reads and parses a local metrics file; a missing file is an input error. */
async function readMetricsFile(path, input = 'metrics-file') {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf-8');
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code ?? error);
        throw new UserError(`Input "${input}": cannot read "${path}" (${reason}).`);
    }
    return parseMetricsJson(text, input);
}
/**
 * Training-job metrics first, then the file's; where both name a metric the file wins,
 * because it is the evaluation the workflow ran on purpose (the job's final metrics are
 * whatever the algorithm logged last).
 */
function mergeMetrics(fromJob, fromFile) {
    const byName = new Map();
    const overridden = [];
    for (const metric of fromJob)
        byName.set(metric.name, metric);
    for (const metric of fromFile) {
        const previous = byName.get(metric.name);
        if (previous && previous.value !== metric.value) {
            overridden.push(`${metric.name}: file ${metric.value} over training job ${previous.value}`);
        }
        byName.set(metric.name, metric);
    }
    return { metrics: [...byName.values()], overridden };
}
const CLASSIFICATION_HINT = /auc|accuracy|f1|precision|recall|logloss|log_loss|error|fpr|tpr|specificity/i;
const REGRESSION_HINT = /(^|[^a-z])(r2|mse|rmse|mae|mape)([^a-z]|$)/i;
/**
 * Where a metric without a section goes in the statistics JSON: the file's single section
 * when it had exactly one, otherwise guessed from the metric name, so Studio lists it.
 */
function sectionFor(metric, fileSections) {
    if (metric.section)
        return metric.section;
    if (fileSections.size === 1)
        return [...fileSections][0];
    if (REGRESSION_HINT.test(metric.name))
        return 'regression_metrics';
    if (CLASSIFICATION_HINT.test(metric.name))
        return 'binary_classification_metrics';
    return 'regression_metrics';
}
/**
 * The model-quality statistics JSON stored in S3 for ModelMetrics.ModelQuality.Statistics.
 * Serialised with sorted sections and stable key order, so equal metrics give equal bytes
 * and therefore an equal ContentDigest.
 */
function statisticsJson(metrics) {
    const fileSections = new Set(metrics.map(m => m.section).filter((s) => s !== undefined));
    const document = { version: 0.0 };
    const sections = new Map();
    for (const metric of metrics) {
        const section = sectionFor(metric, fileSections);
        const body = sections.get(section) ?? {};
        body[metric.name] =
            metric.standardDeviation === undefined
                ? { value: metric.value }
                : { value: metric.value, standard_deviation: metric.standardDeviation };
        sections.set(section, body);
    }
    for (const section of [...sections.keys()].sort())
        document[section] = sections.get(section);
    return `${JSON.stringify(document, null, 2)}\n`;
}
/** name -> value, in the order given. */
function metricValues(metrics) {
    const values = {};
    for (const metric of metrics)
        values[metric.name] = metric.value;
    return values;
}

;// CONCATENATED MODULE: ./build/src/registry/training.js
// What a training job (or a tuning job's best training job) tells us about the model it
// produced: the artifact, the image, the hyperparameters and the final metrics.


/** Tuning jobs whose best training job can no longer change. */
const FINISHED_TUNING = new Set(['Completed', 'Stopped']);
async function describeTrainingJob(sagemaker, name, input) {
    try {
        return await sagemaker.send(new dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: name }));
    }
    catch (error) {
        const errorName = error.name;
        if (errorName === 'ResourceNotFound' || errorName === 'ValidationException') {
            throw new UserError(`Input "${input}": training job "${name}" could not be read (${namedErrorMessage(error)}). Check the name, the region and the account.`);
        }
        throw error;
    }
}
function finalMetrics(job) {
    const metrics = [];
    for (const item of job.FinalMetricDataList ?? []) {
        // A metric the algorithm never logged comes back without a value or as NaN; it
        // carries no information, and a NaN in the registry would poison every comparison.
        if (!item.MetricName || item.Value === undefined || !Number.isFinite(item.Value))
            continue;
        metrics.push({ name: item.MetricName, value: item.Value });
    }
    return metrics;
}
function fromTrainingJob(job, input, imageOverride) {
    const name = job.TrainingJobName ?? '';
    if (job.TrainingJobStatus !== 'Completed') {
        const reason = job.FailureReason ? `: ${job.FailureReason}` : '';
        throw new UserError(`Input "${input}": training job "${name}" is ${job.TrainingJobStatus ?? 'in an unknown state'}${reason}; only a Completed job can be registered.`);
    }
    const modelDataUrl = job.ModelArtifacts?.S3ModelArtifacts;
    if (!modelDataUrl) {
        throw new UserError(`Input "${input}": training job "${name}" has no ModelArtifacts.S3ModelArtifacts to register.`);
    }
    const imageUri = imageOverride ?? job.AlgorithmSpecification?.TrainingImage;
    if (!imageUri) {
        const algorithm = job.AlgorithmSpecification?.AlgorithmName;
        throw new UserError(`Input "image-uri" is required: training job "${name}" ran ${algorithm ? `algorithm resource "${algorithm}"` : 'without a TrainingImage'}, so the inference image cannot be read from it.`);
    }
    return {
        modelDataUrl,
        imageUri,
        trainingJobName: name,
        trainingJobArn: job.TrainingJobArn,
        hyperParameters: { ...(job.HyperParameters ?? {}) },
        finalMetrics: finalMetrics(job)
    };
}
/**
 * Resolves the register source to what SageMaker needs. Reads only (Describe calls), so it
 * runs before any mutating call; a job that is not finished is an input error.
 */
async function resolveModelSource(sagemaker, source) {
    if (source.kind === 'artifact') {
        return {
            modelDataUrl: source.modelDataUrl,
            imageUri: source.imageUri,
            hyperParameters: {},
            finalMetrics: []
        };
    }
    if (source.kind === 'training-job') {
        const job = await describeTrainingJob(sagemaker, source.trainingJobName, 'training-job-name');
        return fromTrainingJob(job, 'training-job-name', source.imageUri);
    }
    let tuning;
    try {
        tuning = await sagemaker.send(new dist_cjs/* DescribeHyperParameterTuningJobCommand */.oj({
            HyperParameterTuningJobName: source.tuningJobName
        }));
    }
    catch (error) {
        const name = error.name;
        if (name === 'ResourceNotFound' || name === 'ValidationException') {
            throw new UserError(`Input "tuning-job-name": tuning job "${source.tuningJobName}" could not be read (${namedErrorMessage(error)}). Check the name, the region and the account.`);
        }
        throw error;
    }
    const status = tuning.HyperParameterTuningJobStatus ?? 'Unknown';
    if (!FINISHED_TUNING.has(status)) {
        throw new UserError(`Input "tuning-job-name": tuning job "${source.tuningJobName}" is ${status}; its best training job may still change. Register it once the job is Completed or Stopped.`);
    }
    const best = tuning.BestTrainingJob?.TrainingJobName;
    if (!best) {
        throw new UserError(`Input "tuning-job-name": tuning job "${source.tuningJobName}" (${status}) has no best training job.`);
    }
    const job = await describeTrainingJob(sagemaker, best, 'tuning-job-name');
    return {
        ...fromTrainingJob(job, 'tuning-job-name', source.imageUri),
        tuningJobName: source.tuningJobName
    };
}

;// CONCATENATED MODULE: ./build/src/registry/metrics.js







function expectedDigest(digest) {
    const match = /^sha256:([0-9a-f]{64})$/i.exec(digest ?? '');
    return match ? match[1].toLowerCase() : undefined;
}
/**
 * Reads the metrics `needed` by the policy, going to S3 or the training job only while
 * some are still missing. Sources that fail are noted, never trusted: a statistics file
 * whose content does not match its recorded digest contributes nothing.
 */
async function readVersionMetrics(clients, pkg, needed) {
    const result = { metrics: {}, origin: {}, notes: [] };
    const add = (metrics, origin) => {
        for (const [name, value] of Object.entries(metrics)) {
            if (name in result.metrics)
                continue;
            result.metrics[name] = value;
            result.origin[name] = origin;
        }
    };
    const missing = () => needed.filter(name => !(name in result.metrics));
    const label = `v${pkg.ModelPackageVersion ?? '?'}`;
    add(metricsFromMetadata(pkg.CustomerMetadataProperties), 'metadata');
    const statistics = pkg.ModelMetrics?.ModelQuality?.Statistics;
    if (missing().length > 0 && statistics?.S3Uri) {
        try {
            const location = parseS3Uri(statistics.S3Uri, 'ModelMetrics.ModelQuality.Statistics.S3Uri');
            const bytes = await getObjectBytes(clients.s3, location);
            const expected = expectedDigest(statistics.ContentDigest);
            if (statistics.ContentDigest && expected !== sha256Hex(bytes)) {
                result.notes.push(`${label}: the statistics at ${statistics.S3Uri} do not match their recorded ContentDigest; they were not used.`);
            }
            else {
                if (!statistics.ContentDigest) {
                    result.notes.push(`${label}: the statistics at ${statistics.S3Uri} have no ContentDigest, so they were used unverified.`);
                }
                const text = new TextDecoder('utf-8').decode(bytes);
                add(metricValues(parseMetricsJson(text, statistics.S3Uri).metrics), 'statistics');
            }
        }
        catch (error) {
            result.notes.push(`${label}: could not read ${statistics.S3Uri}: ${errors_errorMessage(error)}`);
        }
    }
    const trainingJob = pkg.CustomerMetadataProperties?.[provenance_PROVENANCE_KEYS.trainingJob];
    if (missing().length > 0 && trainingJob) {
        try {
            const job = await clients.sagemaker.send(new dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: trainingJob }));
            add(metricValues(finalMetrics(job)), 'training-job');
        }
        catch (error) {
            result.notes.push(`${label}: could not read training job ${trainingJob}: ${errors_errorMessage(error)}`);
        }
    }
    return result;
}
/**
 * Reads an existing model-quality statistics object to attach to a version as it is: it
 * must exist, parse under the metrics-file rules, and be statistics (a section such as
 * binary_classification_metrics), not a flat file Studio could not show.
 */
async function readStatisticsObject(s3, location, input) {
    const uri = formatS3Uri(location);
    let bytes;
    try {
        bytes = await getObjectBytes(s3, location);
    }
    catch (error) {
        if (error.name === 'NoSuchKey' || error.name === 'NotFound') {
            throw new UserError(`Input "${input}": ${uri} does not exist. Give the key of an existing model-quality statistics JSON, or a folder (a URI not ending in .json) for the statistics this run writes from "metrics-file".`);
        }
        throw error;
    }
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new UserError(`Input "${input}": ${uri} is not UTF-8 text, so it is not a statistics JSON.`);
    }
    const parsed = parseMetricsJson(text, input);
    if (parsed.metrics.some(metric => metric.section === undefined)) {
        throw new UserError(`Input "${input}": ${uri} is not model-quality statistics: it has no section such as binary_classification_metrics, multiclass_classification_metrics or regression_metrics. Pass a flat metrics file as "metrics-file" instead, with "metrics-s3-uri" as the folder to write the statistics to.`);
    }
    return { ...parsed, uri, digest: contentDigest(bytes) };
}

;// CONCATENATED MODULE: ./build/src/modes/gate.js










/** Resolve and read: the candidate, the baseline, and the metrics the policy needs of both. */
async function readSides(ctx, settings, cache) {
    const { group, gate } = settings;
    const { sagemaker, s3 } = ctx.aws;
    const candidateArn = await ctx.steps.run('finding the candidate', () => namedOrPendingArn(sagemaker, group, gate.modelPackage, `Group "${group.name}" has no version waiting for approval (PendingManualApproval). Register one first, or name the candidate with "model-package".`));
    const baselineArn = await ctx.steps.run('finding the baseline', () => resolveBaseline(sagemaker, group, gate.baseline, candidateArn));
    const [candidate, baseline] = await ctx.steps.run('reading the candidate and the baseline', () => Promise.all([
        cache.get(candidateArn, 'model-package'),
        baselineArn ? cache.get(baselineArn, 'baseline') : undefined
    ]));
    assertDecidable(candidate, group, 'gated');
    const foreign = baseline && foreignBaseline(baseline, gate.baseline, group);
    if (foreign)
        ctx.out.warning(foreign);
    const needed = policyMetrics(gate.policy);
    const [candidateMetrics, baselineMetrics] = await ctx.steps.run('reading the metrics', () => Promise.all([
        readVersionMetrics({ sagemaker, s3 }, candidate, needed),
        baseline ? readVersionMetrics({ sagemaker, s3 }, baseline, needed) : undefined
    ]));
    for (const note of [...candidateMetrics.notes, ...(baselineMetrics?.notes ?? [])])
        ctx.out.warning(note);
    return {
        candidate: { arn: candidateArn, pkg: candidate, metrics: candidateMetrics },
        baseline: baselineArn && baseline && baselineMetrics
            ? { arn: baselineArn, pkg: baseline, metrics: baselineMetrics }
            : undefined
    };
}
function metricSet(side) {
    return { version: side.pkg.ModelPackageVersion, arn: side.arn, metrics: side.metrics.metrics };
}
const runGate = async (ctx, settings) => {
    const { gate, group } = settings;
    if (gate.validationData) {
        // Refused rather than ignored: a gate that silently skipped the evaluation it was
        // given would pass on registry metrics the user meant to double-check.
        throw new UserError('Input "validation-data": live evaluation on a temporary endpoint or batch transform is not available in this release. Remove the input to gate on the metrics recorded in the registry.');
    }
    const cache = new VersionCache(ctx.aws.sagemaker);
    const { candidate, baseline } = await readSides(ctx, settings, cache);
    // Decide (pure).
    const version = candidate.pkg.ModelPackageVersion ?? versions_versionFromArn(candidate.arn);
    const decision = evaluatePolicy(gate.policy, { ...metricSet(candidate), version }, baseline ? metricSet(baseline) : undefined);
    ctx.out.info(`Gate ${decision.decision} for v${version}${baseline ? ` against v${baseline.pkg.ModelPackageVersion}` : ' (no baseline)'}`);
    for (const reason of decision.reasons)
        ctx.out.info(`  - ${reason}`);
    ctx.steps.done(`computing the verdict (${decision.decision})`);
    const known = new Map([[candidate.arn, candidate.metrics.metrics]]);
    if (baseline)
        known.set(baseline.arn, baseline.metrics.metrics);
    const history = await readHistory(ctx, group, settings.history, cache, known);
    // Write.
    const hash = policySha256(gate.policy);
    const record = gateRecord(candidate.pkg, decision, gate, hash, runUrl(ctx.github));
    for (const reason of record.dropped)
        ctx.out.warning(`Not recorded in customer metadata: ${reason}`);
    let status = candidate.pkg.ModelApprovalStatus ?? 'PendingManualApproval';
    if (!settings.dryRun && record.write) {
        await recordDecision(ctx, candidate.pkg, record.write, record.written);
        status = record.write.status;
    }
    const written = settings.dryRun ? `dry run: ${record.preview}` : record.written;
    ctx.out.info(written);
    // Publish.
    const report = {
        group: group.name,
        region: settings.region,
        candidate: { ...versionReport(candidate.pkg, candidate.metrics.metrics), status },
        baseline: baseline && {
            ...versionReport(baseline.pkg, baseline.metrics.metrics),
            label: baselineLabel(gate.baseline, baseline.pkg, group)
        },
        decision,
        history,
        runUrl: runUrl(ctx.github) || undefined,
        dryRun: settings.dryRun,
        written,
        policySha256: hash
    };
    ctx.out.setOutput('decision', decision.decision);
    ctx.out.setOutput('model-package-arn', candidate.arn);
    ctx.out.setOutput('model-package-version', version);
    ctx.out.setOutput('approval-status', status);
    ctx.out.setOutput('baseline-model-package-arn', baseline?.arn ?? '');
    await ctx.steps.run('publishing the report', () => publish(ctx, {
        markdown: renderReport(report),
        json: {
            fileName: reportFileName(group, `v${candidate.pkg.ModelPackageVersion ?? 'unknown'}`),
            data: reportJson(report)
        },
        comment: { group, enabled: settings.comment }
    }));
    const reason = decision.rules.map(rule => rule.explanation).join(' ');
    const audit = { decision: decision.decision, reason, packages: [candidate.arn], policyHash: hash };
    if (decision.decision === 'fail' && gate.failOnReject) {
        return { failed: `Gate failed for v${version}: ${decision.reasons.join(' ')}`, audit };
    }
    return { audit };
};

;// CONCATENATED MODULE: ./build/src/registry/sharing.js
// Sharing a group with other AWS accounts through its resource policy. This action owns
// one statement, found by its Sid; every other statement in the policy belongs to someone
// else and is kept exactly as it is.



const SHARE_SID = 'SageMakerModelGateShare';
/**
 * The documented cross-account set (Describe/List on the group and its versions, from
 * "Set up discoverability" in the SageMaker developer guide), plus CreateModel on the
 * versions so that the other account can deploy them. Nothing that changes the registry.
 */
const SHARE_ACTIONS = [
    'sagemaker:DescribeModelPackageGroup',
    'sagemaker:ListModelPackages',
    'sagemaker:DescribeModelPackage',
    'sagemaker:CreateModel'
];
const POLICY_VERSION = '2012-10-17';
/** PutModelPackageGroupPolicy accepts at most 20,480 characters. */
const POLICY_MAX_LENGTH = 20480;
const ACCOUNT_PRINCIPAL = /^(?:(\d{12})|arn:[\w-]+:iam::(\d{12}):root)$/;
function sharing_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Parses a policy read from SageMaker; a policy we cannot read is never overwritten. */
function parseResourcePolicy(text, group) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        parsed = undefined;
    }
    const statement = sharing_isRecord(parsed) ? parsed.Statement : undefined;
    if (!sharing_isRecord(parsed) || !(Array.isArray(statement) || sharing_isRecord(statement))) {
        throw new UserError(`The resource policy on group "${group}" is not a JSON policy document with a Statement; fix or delete it by hand (GetModelPackageGroupPolicy shows it) before sharing.`);
    }
    const statements = (Array.isArray(statement) ? statement : [statement]).filter(sharing_isRecord);
    return { ...parsed, Statement: statements };
}
/** The 12-digit account of `123456789012` or `arn:aws:iam::123456789012:root`; otherwise undefined. */
function accountOfPrincipal(principal) {
    const match = ACCOUNT_PRINCIPAL.exec(principal);
    return match ? (match[1] ?? match[2]) : undefined;
}
function awsPrincipals(statement) {
    if (!sharing_isRecord(statement.Principal))
        return [];
    const aws = statement.Principal.AWS;
    if (typeof aws === 'string')
        return [aws];
    return Array.isArray(aws) ? aws.filter((entry) => typeof entry === 'string') : [];
}
function accountsOf(statement) {
    return awsPrincipals(statement).flatMap(principal => accountOfPrincipal(principal) ?? []);
}
function ownStatement(document) {
    return document?.Statement.find(statement => statement.Sid === SHARE_SID);
}
/** Accounts the statement this action owns shares the group with, sorted. */
function sharedAccounts(document) {
    const own = ownStatement(document);
    return own ? [...new Set(accountsOf(own))].sort() : [];
}
/** Statements this action did not write that still name one of `accounts`. */
function grantedElsewhere(document, accounts) {
    const found = [];
    for (const [index, statement] of (document?.Statement ?? []).entries()) {
        if (statement.Sid === SHARE_SID)
            continue;
        const named = new Set(accountsOf(statement));
        for (const account of accounts) {
            if (named.has(account))
                found.push({ account, sid: statement.Sid ?? `statement ${index + 1} (no Sid)` });
        }
    }
    return found;
}
/** The group ARN and the ARN pattern of its versions, in the group's own partition and account. */
function shareResources(groupArn) {
    const group = parseGroupArn(groupArn);
    if (!group)
        throw new Error(`"${groupArn}" is not a model package group ARN`);
    return { partition: group.partition, resources: [groupArn, packageArnOf(group, '*')] };
}
function statementFor(previous, partition, resources, accounts) {
    // Principals that are not whole accounts (a role someone added by hand) stay as they are,
    // and so does anything else added to the statement by hand: dropping a Condition (an
    // organization or source check) would widen who gets access.
    const others = previous
        ? awsPrincipals(previous).filter(principal => accountOfPrincipal(principal) === undefined)
        : [];
    const extra = {};
    for (const [key, value] of Object.entries(previous ?? {})) {
        if (!['Sid', 'Effect', 'Principal', 'Action', 'Resource'].includes(key))
            extra[key] = value;
    }
    return {
        Sid: SHARE_SID,
        Effect: 'Allow',
        Principal: {
            AWS: [...others, ...accounts.map(account => `arn:${partition}:iam::${account}:root`)]
        },
        Action: [...SHARE_ACTIONS],
        Resource: resources,
        ...extra
    };
}
/** Policy calls take a group name and act in the caller's account only. */
function requireOwnGroup(group, operation) {
    if (group.arn) {
        throw new UserError(`group-operation "${operation}" needs "model-package-group" as a name, not an ARN: SageMaker's resource-policy calls act on the group of that name in the credentials' own account, and a group shared from another account is shared by its owner.`);
    }
}
/**
 * Sharing a group with the account that owns it grants nothing (the owner already has
 * every right through IAM) and usually means a wrong account id was pasted.
 */
function refuseOwnAccount(groupArn, accountIds) {
    const arn = parseGroupArn(groupArn);
    const owner = arn?.account;
    if (owner && accountIds.includes(owner)) {
        throw new UserError(`Input "account-ids": ${owner} is the account that owns group "${arn?.name}" (${groupArn}); sharing with it grants nothing. Remove it and give the other accounts to share with.`);
    }
}
function sameJson(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/** Adds `accounts` to the statement this action owns, creating the policy or statement if needed. */
function sharePolicy(existing, groupArn, accounts) {
    const { partition, resources } = shareResources(groupArn);
    const previous = ownStatement(existing);
    const current = sharedAccounts(existing);
    const added = [...new Set(accounts)].filter(account => !current.includes(account)).sort();
    const statement = statementFor(previous, partition, resources, [...new Set([...current, ...added])].sort());
    const statements = existing?.Statement ?? [];
    const document = {
        ...(existing ?? {}),
        Version: existing?.Version ?? POLICY_VERSION,
        Statement: previous
            ? statements.map(entry => (entry === previous ? statement : entry))
            : [...statements, statement]
    };
    return {
        document,
        changed: !previous || !sameJson(previous, statement),
        accounts: added,
        unchanged: [...new Set(accounts)].filter(account => current.includes(account)).sort(),
        elsewhere: []
    };
}
/**
 * Removes `accounts` from the statement this action owns; the statement goes when no
 * principal is left, and the policy goes when no statement is left.
 */
function unsharePolicy(existing, accounts) {
    const wanted = [...new Set(accounts)].sort();
    const previous = ownStatement(existing);
    const current = sharedAccounts(existing);
    const removed = wanted.filter(account => current.includes(account));
    const result = {
        accounts: removed,
        unchanged: wanted.filter(account => !current.includes(account)),
        elsewhere: grantedElsewhere(existing, wanted)
    };
    if (!existing || !previous || removed.length === 0) {
        return { ...result, document: existing, changed: false };
    }
    const kept = awsPrincipals(previous).filter(principal => {
        const account = accountOfPrincipal(principal);
        return account === undefined || !removed.includes(account);
    });
    const statements = existing.Statement.flatMap(entry => {
        if (entry !== previous)
            return [entry];
        if (kept.length === 0)
            return [];
        return [{ ...entry, Principal: { ...entry.Principal, AWS: kept } }];
    });
    return {
        ...result,
        document: statements.length > 0 ? { ...existing, Statement: statements } : undefined,
        changed: true
    };
}
/** The policy as PutModelPackageGroupPolicy takes it, refused before the call when too long. */
function policyText(document) {
    const text = JSON.stringify(document);
    if (text.length > POLICY_MAX_LENGTH) {
        throw new UserError(`The group's resource policy would be ${text.length} characters; SageMaker accepts at most ${POLICY_MAX_LENGTH}. Share with fewer accounts, or move some to an AWS Organizations condition by hand.`);
    }
    return text;
}
/** SageMaker answers a group without a policy with this ValidationException. */
function isPolicyMissing(error) {
    return (error instanceof Error &&
        error.name === 'ValidationException' &&
        /cannot find resource policy/i.test(error.message));
}
/** The group's resource policy, or undefined when it has none. */
async function readGroupPolicy(sagemaker, groupName) {
    try {
        const found = await sagemaker.send(new dist_cjs/* GetModelPackageGroupPolicyCommand */.iZ4({ ModelPackageGroupName: groupName }));
        return found.ResourcePolicy ? parseResourcePolicy(found.ResourcePolicy, groupName) : undefined;
    }
    catch (error) {
        if (isPolicyMissing(error))
            return undefined;
        throw error;
    }
}
/** What a change does to whom, in words: `shares with ...; already shared with ...`. */
function describeChange(operation, change) {
    const parts = [];
    if (change.accounts.length > 0) {
        parts.push(`${operation === 'share' ? 'shares with' : 'stops sharing with'} ${change.accounts.join(', ')}`);
    }
    if (change.unchanged.length > 0) {
        parts.push(`${operation === 'share' ? 'already shared with' : 'was not shared with'} ${change.unchanged.join(', ')}`);
    }
    return parts.join('; ');
}
/** The change as the log prints it: what it does, the call it needs, and the policy it writes. */
function changePlan(operation, group, change, dryRun) {
    let call;
    if (!change.changed)
        call = 'no change needed';
    else if (change.document)
        call = `PutModelPackageGroupPolicy`;
    else
        call = 'DeleteModelPackageGroupPolicy (no statement left)';
    // policyText refuses a policy SageMaker would refuse, before anything is said or sent.
    const written = change.document && change.changed && policyText(change.document)
        ? `\n${JSON.stringify(change.document, null, 2)}`
        : '';
    return `${dryRun ? 'Dry run: ' : ''}${operation} group "${group}": ${describeChange(operation, change)}; ${dryRun && change.changed ? `would call ${call}` : call}${written}`;
}
/** Writes the changed policy, or deletes the policy when no statement is left. */
async function writeGroupPolicy(sagemaker, groupName, change) {
    if (change.document) {
        await sagemaker.send(new dist_cjs/* PutModelPackageGroupPolicyCommand */.Zve({
            ModelPackageGroupName: groupName,
            ResourcePolicy: policyText(change.document)
        }));
    }
    else {
        await sagemaker.send(new dist_cjs/* DeleteModelPackageGroupPolicyCommand */.JF_({ ModelPackageGroupName: groupName }));
    }
}

;// CONCATENATED MODULE: ./build/src/registry/groups.js
// The model package group itself: created when missing (register), described with what it
// holds (group describe), and deleted with its versions, which is the one operation that can
// lose work and so refuses unless every version it would take was asked for, and none is
// recorded as deployed or still served by an endpoint.






/** `describe` counts at most this many versions; beyond it the counts say "at least". */
const COUNT_LIMIT = 1000;
/** `delete` takes at most this many versions in one run; a bigger group is deleted by hand. */
const DELETE_LIMIT = 500;
/** ListTags pages read for `describe` and `update-tags` (50 tags is SageMaker's own limit). */
const TAG_PAGES = 5;
function createGroupInput(group, description, tags) {
    const input = { ModelPackageGroupName: group.name };
    if (description)
        input.ModelPackageGroupDescription = description;
    if (Object.keys(tags).length > 0)
        input.Tags = tagList(tags);
    return input;
}
/**
 * Makes sure the group exists. A group given as an ARN belongs to another account and is
 * never created here; a group that exists is used as is, and a description that differs
 * from `group-description` is only a warning (changing it is the `group` mode's job).
 */
async function ensureGroup(sagemaker, group, description, tags, out, dryRun) {
    if (group.arn) {
        if (description || Object.keys(tags).length > 0) {
            out.warning(`Group "${group.name}" was given as an ARN (a shared group): "group-description" and "group-tags" are ignored; its owner manages them.`);
        }
        return { arn: group.arn, created: false, exists: true };
    }
    try {
        const existing = await sagemaker.send(new dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.name }));
        const current = existing.ModelPackageGroupDescription ?? '';
        if (description !== undefined && description !== current) {
            out.warning(`Group "${group.name}" already exists with description "${current}", not the "group-description" given; it is used as is.`);
        }
        return { arn: existing.ModelPackageGroupArn, created: false, exists: true };
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
    }
    const input = createGroupInput(group, description, tags);
    if (dryRun) {
        out.info(`Dry run: group "${group.name}" does not exist; would call CreateModelPackageGroup with:\n${JSON.stringify(input, null, 2)}`);
        return { created: false, exists: false };
    }
    try {
        const created = await sagemaker.send(new dist_cjs/* CreateModelPackageGroupCommand */.EWw(input));
        out.info(`Created model package group "${group.name}".`);
        return { arn: created.ModelPackageGroupArn, created: true, exists: true };
    }
    catch (error) {
        // Another job registering into the same new group may have won the race.
        if (!isAlreadyExists(error))
            throw error;
        const existing = await sagemaker.send(new dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.name }));
        return { arn: existing.ModelPackageGroupArn, created: false, exists: true };
    }
}
function countsByStatus(versions) {
    const counts = { Approved: 0, PendingManualApproval: 0, Rejected: 0 };
    for (const version of versions)
        counts[version.status] = (counts[version.status] ?? 0) + 1;
    return counts;
}
async function readGroupFacts(ctx, group) {
    const sagemaker = ctx.aws.sagemaker;
    const described = await ctx.steps.run('reading the group', () => describeGroup(sagemaker, group));
    const arn = described.ModelPackageGroupArn ?? group.arn ?? '';
    const versions = await ctx.steps.run('listing its versions', () => listVersions(sagemaker, group, { limit: COUNT_LIMIT }));
    const notes = [];
    let tags = {};
    try {
        tags = arn ? await readTags(sagemaker, arn, TAG_PAGES) : {};
    }
    catch (error) {
        notes.push(`Tags could not be read: ${errors_errorMessage(error)}`);
    }
    let sharedWith = [];
    let otherStatements = 0;
    // Policy calls act on a group of the credentials' own account only.
    if (!group.arn) {
        try {
            const policy = await readGroupPolicy(sagemaker, group.name);
            sharedWith = sharedAccounts(policy);
            otherStatements = (policy?.Statement ?? []).filter(entry => entry.Sid !== SHARE_SID).length;
        }
        catch (error) {
            notes.push(`The resource policy could not be read: ${errors_errorMessage(error)}`);
        }
    }
    const capped = versions.length >= COUNT_LIMIT;
    const counts = countsByStatus(versions);
    return { described, arn, versions, capped, counts, tags, sharedWith, otherStatements, notes };
}
function versionList(versions) {
    return versions.map(version => `v${version.version} (${version.status})`).join(', ');
}
/** Refuses to delete more than DELETE_LIMIT versions, or any version without `force`. */
function assertDeletable(name, versions, force) {
    if (versions.length > DELETE_LIMIT) {
        throw new UserError(`Group "${name}" holds more than ${DELETE_LIMIT} versions; this action deletes at most ${DELETE_LIMIT} in one run. Delete versions in batches (DeleteModelPackage), then run the group deletion again.`);
    }
    if (versions.length > 0 && !force) {
        throw new UserError(`Group "${name}" still holds ${versions.length} version${versions.length === 1 ? '' : 's'}: ${versionList(versions)}. Deleting the group deletes them all; set "force: true" to do that, or keep the group.`);
    }
}
/** Refuses, whatever `force` says, while versions are recorded as deployed or still served. */
function assertNotDeployed(name, deployed) {
    if (deployed.length === 0)
        return;
    const which = deployed
        .map(entry => entry.serving.length > 0
        ? `v${entry.version} (served by ${entry.serving.join(', ')} now)`
        : `v${entry.version} (deployed to ${entry.endpoints.join(', ')})`)
        .join('; ');
    throw new UserError(`Group "${name}" was not deleted: versions are recorded as deployed: ${which}. An endpoint may still serve them. Deploy another version to those endpoints (or delete them), and reject what they served (mode "reject") first; "force" does not override this.`);
}
/** The calls a deletion makes, newest version first, then the group. */
function deletionCalls(group, versions) {
    return [
        ...versions.map(version => `DeleteModelPackage ${version.arn} (${version.status})`),
        `DeleteModelPackageGroup ${group.nameOrArn}`
    ];
}
/** Deletes the versions newest first, then the group; each a step, each recorded as done. */
async function deleteGroupAndVersions(ctx, group, versions) {
    const sagemaker = ctx.aws.sagemaker;
    for (const version of versions) {
        await ctx.steps.run(`deleting v${version.version}`, () => sagemaker.send(new dist_cjs/* DeleteModelPackageCommand */.kU4({ ModelPackageName: version.arn })));
        ctx.steps.changed(`deleted v${version.version}`);
        ctx.out.info(`Deleted v${version.version}`);
    }
    await ctx.steps.run(`deleting group "${group.name}"`, () => sagemaker.send(new dist_cjs/* DeleteModelPackageGroupCommand */.P9U({ ModelPackageGroupName: group.nameOrArn })));
    ctx.steps.changed(`deleted group "${group.name}"`);
    ctx.out.info(`Deleted group "${group.name}"`);
}

;// CONCATENATED MODULE: ./build/src/report/lineage-jobs.js
// The lineage view's job sections: the training job (its inputs and hyperparameters; its
// final metrics sit with the registry's in the Metrics section), the tuning job, and the
// lineage associations around the package.





function inputsTable(inputs) {
    if (inputs.length === 0)
        return [];
    const rows = inputs.map(input => [
        escapeCell(input.channel, 100),
        input.uri ? breakable(escapeCell(input.uri, 300)) : '—',
        input.contentType ? escapeCell(input.contentType, 100) : '—',
        input.compression ? escapeCell(input.compression, 20) : '—'
    ]);
    return [
        '**Input data**',
        '',
        ...table(['channel', 'data', 'content type', 'compression'], ['---', '---', '---', '---'], rows),
        ''
    ];
}
function trainingSection(data) {
    const job = data.trainingJob;
    if (!job)
        return [];
    const rows = [
        ['status', facts_jobStatus(job.status, job.secondaryStatus)],
        ['failure reason', job.failureReason],
        ['algorithm image', job.image],
        ['algorithm resource', job.algorithmName],
        ['input mode', job.inputMode],
        ['instances', job.instanceType ? `${job.instanceCount ?? 1} × ${job.instanceType}` : undefined],
        ['role', job.roleArn],
        ['started', format_dateTime(job.started ?? job.created)],
        ['ended', format_dateTime(job.ended)],
        ['training time', seconds(job.trainingSeconds)],
        ['billable time', seconds(job.billableSeconds)],
        ['output path', job.outputPath],
        ['model artifacts', job.modelArtifacts],
        ['tuning job', job.tuningJobArn],
        ['ARN', job.arn]
    ];
    const lines = [...facts(rows), ...inputsTable(job.inputs)];
    const hyper = Object.entries(job.hyperParameters).sort(([a], [b]) => a.localeCompare(b));
    if (hyper.length > 0) {
        const cells = hyper.map(([name, value]) => [
            breakable(escapeCell(name, 128)),
            breakable(escapeCell(value, 300))
        ]);
        lines.push('**Hyperparameters**', '', ...table(['name', 'value'], ['---', '---'], cells), '');
    }
    return section(`Training job ${escape_escapeText(job.name, 100)}`, lines);
}
function tuningSection(data) {
    const job = data.tuningJob;
    if (!job)
        return [];
    const counts = Object.entries(job.trainingJobCounts)
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${format_statusWords(status)} ${count}`);
    const objective = job.objective
        ? `${job.objective.type ?? ''} ${job.objective.metric ?? ''}`.trim()
        : undefined;
    const best = job.bestObjective?.value !== undefined
        ? `${job.bestObjective.metric ?? ''} ${formatNumber(job.bestObjective.value)}`.trim()
        : undefined;
    const rows = [
        ['status', format_statusWords(job.status)],
        ['strategy', job.strategy],
        ['objective', objective],
        ['best training job', job.bestTrainingJob],
        ['best objective value', best],
        ['training jobs', list(counts)],
        ['created', format_dateTime(job.created)],
        ['ended', format_dateTime(job.ended)],
        ['ARN', job.arn]
    ];
    return section(`Tuning job ${escape_escapeText(job.name, 100)}`, facts(rows));
}
function entity(arn, type, name) {
    const label = [type, name].filter(part => part !== undefined && part !== '').join(' ');
    const text = breakable(escapeCell(arn, 300));
    return label ? `${escapeCell(label, 150)}<br>${text}` : text;
}
function associationsSection(data) {
    if (data.associations.length === 0)
        return [];
    const rows = data.associations.map(association => [
        entity(association.sourceArn, association.sourceType, association.sourceName),
        association.associationType ? escapeCell(association.associationType, 50) : '—',
        entity(association.destinationArn, association.destinationType, association.destinationName)
    ]);
    return section('Lineage associations', [
        ...table(['from', 'association', 'to'], ['---', '---', '---'], rows),
        ''
    ]);
}

;// CONCATENATED MODULE: ./build/src/report/lineage.js
// The `lineage` report: one version's full story as Markdown. Nearly all of it is text
// somebody else wrote (descriptions, metadata, hyperparameters, job names), so every
// value goes through escapeCell/escapeText and every link through safeUrl. Each fact is
// shown once: what the package holds wins over the copy register wrote into metadata.










/** A value that is a safe http(s) URL becomes a link; anything else is escaped text. */
function tableValue(value) {
    if (typeof value === 'number')
        return formatNumber(value);
    const target = /^https?:\/\//i.test(value) ? safeUrl(value) : undefined;
    return target ? `[${escapeCell(value, 300)}](${target})` : escapeCell(value, 300);
}
/** A two-column table of the rows that have a value; nothing at all when none has. */
function keyValueTable(rows, header = ['', '']) {
    const kept = rows.filter((row) => present(row[1]));
    if (kept.length === 0)
        return [];
    return [
        `| ${header[0]} | ${header[1]} |`,
        '|---|---|',
        ...kept.map(([label, value]) => `| ${escapeCell(label, 200)} | ${tableValue(value)} |`),
        ''
    ];
}
function packageSection(data) {
    const pkg = data.package;
    const rows = [
        ['description', pkg.description],
        ['approval', format_statusWords(pkg.approvalStatus)],
        // Up to 1,024 characters, the API's limit: shown whole, never cut mid-sentence.
        [
            'approval description',
            pkg.approvalDescription ? escape_escapeText(pkg.approvalDescription, 1100) : undefined,
            true
        ],
        [
            'package status',
            pkg.packageStatus !== 'Completed' ? format_statusWords(pkg.packageStatus) : undefined
        ],
        ['created', format_dateTime(pkg.created)],
        ['last modified', format_dateTime(pkg.lastModified)]
    ];
    pkg.containers.forEach((container, index) => {
        const suffix = pkg.containers.length > 1 ? ` (container ${index + 1})` : '';
        rows.push([`image${suffix}`, container.image], [`model data${suffix}`, container.modelDataUrl]);
        rows.push([`framework${suffix}`, container.framework]);
    });
    rows.push(['content types', list(pkg.contentTypes)], ['response types', list(pkg.responseTypes)], ['realtime instance types', list(pkg.realtimeInstanceTypes)], ['transform instance types', list(pkg.transformInstanceTypes)], ['lifecycle stage', pkg.lifecycle?.stage], ['lifecycle status', pkg.lifecycle?.stageStatus], ['lifecycle description', pkg.lifecycle?.stageDescription], ['ARN', pkg.arn]);
    for (const [name, uri] of Object.entries(pkg.modelMetrics))
        rows.push([`statistics (${name})`, uri]);
    return section('Package', facts(rows));
}
const lineage_PROVENANCE_LABELS = {
    [provenance_PROVENANCE_KEYS.ref]: 'ref',
    [provenance_PROVENANCE_KEYS.actor]: 'registered by',
    [provenance_PROVENANCE_KEYS.runId]: 'run id',
    [provenance_PROVENANCE_KEYS.runAttempt]: 'run attempt',
    [provenance_PROVENANCE_KEYS.trainingJob]: 'training job',
    [provenance_PROVENANCE_KEYS.tuningJob]: 'tuning job',
    [provenance_PROVENANCE_KEYS.fingerprint]: 'registration fingerprint'
};
/** Metadata keys that repeat what the package itself says; shown only when they differ. */
function repeats(data) {
    const containers = data.package.containers;
    return {
        [provenance_PROVENANCE_KEYS.commit]: data.package.metadataProperties.CommitId,
        [provenance_PROVENANCE_KEYS.image]: containers.find(c => c.image === data.story.provenance[provenance_PROVENANCE_KEYS.image])?.image,
        [provenance_PROVENANCE_KEYS.modelData]: containers.find(c => c.modelDataUrl === data.story.provenance[provenance_PROVENANCE_KEYS.modelData])?.modelDataUrl
    };
}
function provenanceSection(data) {
    const meta = data.package.metadataProperties;
    const repository = repositoryUrl(meta.Repository);
    const story = data.story.provenance;
    const commit = meta.CommitId ?? story[provenance_PROVENANCE_KEYS.commit];
    const pr = story[provenance_PROVENANCE_KEYS.pullRequest];
    const rows = [
        [
            'repository',
            repository ? repositoryCell(repository) : meta.Repository,
            repository !== undefined
        ],
        ['commit', commit ? commitCell(commit, repository) : undefined, true],
        ['pull request', pr ? pullRequestCell(pr, repository) : undefined, true],
        ['workflow run', meta.GeneratedBy ? urlCell(meta.GeneratedBy) : undefined, true],
        ['project', meta.ProjectId]
    ];
    const same = repeats(data);
    for (const [key, value] of Object.entries(story)) {
        if (key === provenance_PROVENANCE_KEYS.pullRequest || same[key] === value)
            continue;
        if (key === provenance_PROVENANCE_KEYS.commit && value === commit)
            continue;
        rows.push([lineage_PROVENANCE_LABELS[key] ?? key.replace(/^source:/, 'registered '), value]);
    }
    return section('Provenance', facts(rows));
}
function decisionsSection(data) {
    const rows = [...Object.entries(data.story.gate), ...Object.entries(data.story.decision)];
    return section('Gate and approval records', facts(rows));
}
function deploymentsSection(data) {
    return section('Deployments', facts(Object.entries(data.story.deployments)));
}
/** Registry metrics and the training job's final metrics in one table, each metric once. */
function metricsSection(data) {
    const registry = data.story.metrics;
    const final = new Map((data.trainingJob?.finalMetrics ?? []).map(metric => [metric.name, metric.value]));
    const names = [...new Set([...Object.keys(registry), ...final.keys()])].sort((a, b) => a.localeCompare(b));
    if (names.length === 0)
        return [];
    const differs = names.some(name => name in registry && final.has(name) && registry[name] !== final.get(name));
    const showFinal = final.size > 0 && (differs || names.some(name => !(name in registry)));
    const rows = names.map(name => {
        const values = [registry[name], final.get(name)];
        const decimals = format_metricDecimals(values);
        return [
            breakable(escapeCell(name, 200)),
            format_fixed(values[0], decimals),
            ...(showFinal ? [format_fixed(values[1], decimals)] : [])
        ];
    });
    const heads = [
        'metric',
        showFinal ? 'registry' : 'value',
        ...(showFinal ? ['training job (final)'] : [])
    ];
    return section('Metrics', [
        ...table(heads, heads.map((_, i) => (i === 0 ? '---' : '--:')), rows),
        ''
    ]);
}
/** `hp:*` entries repeat the training job's hyperparameters; shown only without the job. */
function otherSection(data) {
    const hyper = data.trainingJob ? [] : Object.entries(data.story.hyperParameters);
    const lines = [
        ...section('Hyperparameters (recorded at registration)', facts(hyper)),
        ...(Object.keys(data.story.other).length > 0
            ? [
                '<details><summary>Other customer metadata</summary>',
                '',
                ...facts(Object.entries(data.story.other)),
                '</details>',
                ''
            ]
            : [])
    ];
    return lines;
}
function notesSection(data) {
    if (data.notes.length === 0)
        return [];
    return section('Notes', [...data.notes.map(note => `- ${escape_escapeText(note, 500)}`), '']);
}
function renderLineage(data) {
    const pkg = data.package;
    const label = pkg.version !== undefined ? `v${pkg.version}` : escape_escapeText(pkg.arn, 200);
    const group = escape_escapeText(pkg.group ?? data.group, 200);
    const links = consoleLinks({ region: data.region, group: data.group });
    if (data.runUrl)
        links.push({ label: 'This workflow run', url: data.runUrl });
    const linkLines = linkList(links);
    const status = format_statusWords(pkg.approvalStatus);
    return [
        `## Lineage: ${group} ${label}`,
        '',
        `${status ? `**${escape_escapeText(status, 50)}**` : 'status unknown'}${pkg.created ? ` · registered ${escape_escapeText(format_dateTime(pkg.created) ?? pkg.created, 40)}` : ''} · ${escape_escapeText(data.region, 50)}`,
        '',
        ...packageSection(data),
        ...provenanceSection(data),
        ...metricsSection(data),
        ...decisionsSection(data),
        ...deploymentsSection(data),
        ...auditTrailSection(data.audit, repositoryUrl(pkg.metadataProperties.Repository)),
        ...trainingSection(data),
        ...tuningSection(data),
        ...associationsSection(data),
        ...otherSection(data),
        ...notesSection(data),
        ...(linkLines.length > 0 ? ['### Links', '', ...linkLines, ''] : []),
        '---',
        '<sub>sagemaker-model-gate</sub>'
    ].join('\n');
}
/** The lineage as plain data for the JSON report (already JSON-safe: strings and numbers). */
function lineageJson(data) {
    return {
        schema: 'sagemaker-model-gate/lineage-report@1',
        group: data.group,
        region: data.region,
        package: data.package,
        metadata: data.story,
        trainingJob: data.trainingJob ?? null,
        tuningJob: data.tuningJob ?? null,
        associations: data.associations,
        auditTrail: data.audit ?? [],
        notes: data.notes
    };
}

;// CONCATENATED MODULE: ./build/src/report/group.js




/** The one-line account of a group in the log. */
function groupLine(name, facts) {
    const at = facts.capped ? 'at least ' : '';
    const { counts } = facts;
    return `Group "${name}": ${at}${facts.versions.length} versions (Approved ${counts.Approved}, PendingManualApproval ${counts.PendingManualApproval}, Rejected ${counts.Rejected})`;
}
function renderGroupFacts(name, facts) {
    const { described, versions, counts, tags } = facts;
    const at = facts.capped ? 'at least ' : '';
    const newest = versions[0];
    const approved = versions.find(version => version.status === 'Approved');
    const markdown = [
        `## Model package group ${escape_escapeText(name, 200)}`,
        '',
        ...keyValueTable([
            ['ARN', facts.arn],
            ['description', described.ModelPackageGroupDescription],
            ['status', described.ModelPackageGroupStatus],
            ['created', described.CreationTime?.toISOString()],
            ['versions', `${at}${versions.length}`],
            ['Approved', `${at}${counts.Approved}`],
            ['PendingManualApproval', `${at}${counts.PendingManualApproval}`],
            ['Rejected', `${at}${counts.Rejected}`],
            ['newest version', newest ? `v${newest.version} (${newest.status})` : undefined],
            ['newest approved', approved ? `v${approved.version}` : undefined],
            ['shared with accounts', facts.sharedWith.join(', ')],
            [
                'other policy statements',
                facts.otherStatements > 0 ? String(facts.otherStatements) : undefined
            ]
        ]),
        ...(Object.keys(tags).length > 0
            ? ['### Tags', '', ...keyValueTable(Object.entries(tags), ['key', 'value'])]
            : []),
        ...facts.notes.map(note => `> ${escape_escapeText(note, 500)}`)
    ].join('\n');
    const data = {
        schema: 'sagemaker-model-gate/group-report@1',
        group: name,
        arn: facts.arn,
        description: described.ModelPackageGroupDescription ?? null,
        status: described.ModelPackageGroupStatus ?? null,
        created: described.CreationTime?.toISOString() ?? null,
        versions: { total: versions.length, capped: facts.capped, byStatus: counts },
        tags,
        sharedWith: facts.sharedWith
    };
    return { markdown, data };
}
function renderVersionList(name, rows) {
    const markdown = [
        `## Versions of ${escape_escapeText(name, 200)} (newest ${rows.length})`,
        '',
        ...(rows.length > 0
            ? versionTable(rows, { description: true })
            : ['The group has no versions.'])
    ].join('\n');
    const data = {
        schema: 'sagemaker-model-gate/group-versions@1',
        group: name,
        versions: rows.map(row => ({
            version: row.version,
            arn: row.arn,
            status: row.status ?? null,
            created: row.created ?? null,
            description: row.description ?? null
        }))
    };
    return { markdown, data };
}
function renderTagChanges(name, dryRun, changes, current) {
    const count = `${changes.length} tag${changes.length === 1 ? '' : 's'}`;
    return [
        `### Tags of ${escape_escapeText(name, 200)}${dryRun ? ' (dry run)' : ''}`,
        '',
        changes.length === 0
            ? 'Every tag in `group-tags` was already set; nothing changed.'
            : `${dryRun ? 'Would set' : 'Set'} ${count}:`,
        '',
        ...(changes.length > 0
            ? [
                '| key | before | after |',
                '|---|---|---|',
                ...changes.map(([key, value]) => `| ${escapeCell(key, 128)} | ${key in current ? escapeCell(current[key] ?? '', 256) : '—'} | ${escapeCell(value, 256)} |`),
                ''
            ]
            : [])
    ].join('\n');
}
function renderDeletion(name, dryRun, versions) {
    const count = `${versions.length} version${versions.length === 1 ? '' : 's'}`;
    return [
        `### ${dryRun ? 'Dry run: group would be deleted' : 'Group deleted'}: ${escape_escapeText(name, 200)}`,
        '',
        versions.length > 0
            ? `${dryRun ? 'Would delete' : 'Deleted'} ${count} (newest first), then the group:`
            : 'The group held no versions.',
        '',
        ...(versions.length > 0 ? [...versionTable(versions.map(summaryRow)), ''] : [])
    ].join('\n');
}
function renderSharing(view) {
    const shared = view.after.length > 0 ? view.after.join(', ') : 'no account';
    return [
        `### ${view.operation === 'share' ? 'Sharing' : 'Unsharing'} ${escape_escapeText(view.name, 200)}${view.dryRun ? ' (dry run)' : ''}`,
        '',
        escape_escapeText(view.change || 'nothing to change', 1000),
        '',
        `Shared with ${shared}${view.dryRun && view.changed ? ' once applied' : ''}.`,
        ...view.elsewhere.map(entry => `> Account ${entry.account} is still named by policy statement ${escape_escapeText(entry.sid, 100)}, which this action did not write.`),
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/src/modes/group.js








async function describe(ctx, { group }) {
    const facts = await readGroupFacts(ctx, group);
    for (const note of facts.notes)
        ctx.out.warning(note);
    const { markdown, data } = renderGroupFacts(group.name, facts);
    ctx.out.info(groupLine(group.name, facts));
    await ctx.steps.run('writing the report', () => publish(ctx, { markdown, json: { fileName: reportFileName(group, 'group'), data } }));
}
async function group_list(ctx, { group, history }) {
    const versions = await ctx.steps.run('listing the versions', () => listExistingVersions(ctx.aws.sagemaker, group, history));
    const rows = versions.map(summaryRow);
    ctx.out.info(`Group "${group.name}": the newest ${rows.length} versions`);
    for (const row of rows)
        ctx.out.info(`  v${row.version} ${row.status ?? ''} ${row.created ?? ''}`);
    const { markdown, data } = renderVersionList(group.name, rows);
    await ctx.steps.run('writing the report', () => publish(ctx, { markdown, json: { fileName: reportFileName(group, 'versions'), data } }));
}
async function updateTags(ctx, { group, groupOps, dryRun }) {
    const sagemaker = ctx.aws.sagemaker;
    const arn = await ctx.steps.run('reading the group', () => readGroupArn(sagemaker, group));
    const current = await ctx.steps.run('reading its tags', () => readTags(sagemaker, arn, TAG_PAGES));
    const changes = tagChanges(groupOps.groupTags, current);
    const tags = tagList(Object.fromEntries(changes));
    if (changes.length === 0) {
        ctx.out.info(`Group "${group.name}" already carries every tag in "group-tags"; nothing to do.`);
    }
    else if (dryRun) {
        ctx.out.info(`Dry run: would call AddTags on ${arn} with:\n${JSON.stringify(tags, null, 2)}`);
    }
    else {
        await ctx.steps.run('tagging the group', () => tags_writeTags(sagemaker, arn, tags));
        ctx.steps.changed(`tagged group "${group.name}" (${changes.map(([key]) => key).join(', ')})`);
        const lines = changes.map(([key, value]) => key in current ? `${key}: "${current[key]}" -> "${value}"` : `${key}: (new) "${value}"`);
        ctx.out.info(`Tagged group "${group.name}":\n  ${lines.join('\n  ')}`);
    }
    await publish(ctx, { markdown: renderTagChanges(group.name, dryRun, changes, current) });
}
async function group_remove(ctx, { group, groupOps, dryRun }) {
    const sagemaker = ctx.aws.sagemaker;
    // Fails on a missing group before anything else is looked at.
    await ctx.steps.run('reading the group', () => describeGroup(sagemaker, group));
    const listed = await ctx.steps.run('listing its versions', () => listVersions(sagemaker, group, { limit: DELETE_LIMIT + 1 }));
    const versions = listed.sort((a, b) => b.version - a.version);
    assertDeletable(group.name, versions, groupOps.force);
    const deployed = await ctx.steps.run('checking which versions are deployed', () => deployedVersions(sagemaker, versions));
    assertNotDeployed(group.name, deployed);
    const which = versions.length > 0 ? ` and its ${versions.length} versions, newest first` : '';
    ctx.out.info(`${dryRun ? 'Dry run: would delete' : 'Deleting'} group "${group.name}"${which}:\n  ${deletionCalls(group, versions).join('\n  ')}`);
    if (!dryRun)
        await deleteGroupAndVersions(ctx, group, versions);
    await publish(ctx, { markdown: renderDeletion(group.name, dryRun, versions) });
}
async function share(ctx, { group, groupOps, dryRun }, operation) {
    requireOwnGroup(group, operation);
    const sagemaker = ctx.aws.sagemaker;
    const groupArn = await ctx.steps.run('reading the group', () => readGroupArn(sagemaker, group));
    if (operation === 'share')
        refuseOwnAccount(groupArn, groupOps.accountIds);
    const existing = await ctx.steps.run('reading its resource policy', () => readGroupPolicy(sagemaker, group.name));
    const change = operation === 'share'
        ? sharePolicy(existing, groupArn, groupOps.accountIds)
        : unsharePolicy(existing, groupOps.accountIds);
    for (const entry of change.elsewhere) {
        ctx.out.warning(`Account ${entry.account} is also named in policy statement "${entry.sid}", which this action did not write; it is left as is, so that account may keep access.`);
    }
    ctx.out.info(changePlan(operation, group.name, change, dryRun));
    if (change.changed && !dryRun) {
        await ctx.steps.run('writing the resource policy', () => writeGroupPolicy(sagemaker, group.name, change));
        ctx.steps.changed(`${operation === 'share' ? 'shared' : 'unshared'} group "${group.name}"`);
    }
    const after = sharedAccounts(change.changed ? change.document : existing);
    const view = { operation, name: group.name, dryRun, changed: change.changed, after };
    const markdown = renderSharing({
        ...view,
        change: describeChange(operation, change),
        elsewhere: change.elsewhere
    });
    await publish(ctx, { markdown });
}
const runGroup = async (ctx, settings) => {
    const operation = settings.groupOps.operation;
    if (operation === 'describe')
        await describe(ctx, settings);
    else if (operation === 'list')
        await group_list(ctx, settings);
    else if (operation === 'update-tags')
        await updateTags(ctx, settings);
    else if (operation === 'delete')
        await group_remove(ctx, settings);
    else
        await share(ctx, settings, operation);
    return {};
};

;// CONCATENATED MODULE: ./build/src/registry/lineage.js
// One version's story, read from SageMaker: the package, the training and tuning jobs it
// came from, and the lineage associations around it. Everything here only reads; what
// cannot be read (a job in another account, a denied lineage call) becomes a note in the
// report instead of failing it.






function lineage_iso(date) {
    return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
function packageFacts(pkg) {
    const arn = pkg.ModelPackageArn ?? '';
    let version = pkg.ModelPackageVersion;
    if (version === undefined) {
        try {
            version = versions_versionFromArn(arn);
        }
        catch {
            version = undefined;
        }
    }
    const spec = pkg.InferenceSpecification;
    const modelMetrics = {};
    for (const [section, reports] of Object.entries(pkg.ModelMetrics ?? {})) {
        for (const [name, source] of Object.entries((reports ?? {}))) {
            const uri = source?.S3Uri;
            if (typeof uri === 'string')
                modelMetrics[`${section}.${name}`] = uri;
        }
    }
    const metadataProperties = {};
    for (const [key, value] of Object.entries(pkg.MetadataProperties ?? {})) {
        if (typeof value === 'string' && value !== '')
            metadataProperties[key] = value;
    }
    const lifecycle = pkg.ModelLifeCycle;
    return {
        arn,
        group: pkg.ModelPackageGroupName,
        version,
        approvalStatus: pkg.ModelApprovalStatus,
        packageStatus: pkg.ModelPackageStatus,
        description: pkg.ModelPackageDescription,
        approvalDescription: pkg.ApprovalDescription,
        created: lineage_iso(pkg.CreationTime),
        lastModified: lineage_iso(pkg.LastModifiedTime),
        containers: (spec?.Containers ?? []).map(container => ({
            image: container.Image,
            modelDataUrl: container.ModelDataUrl,
            framework: container.Framework
        })),
        contentTypes: [...(spec?.SupportedContentTypes ?? [])],
        responseTypes: [...(spec?.SupportedResponseMIMETypes ?? [])],
        realtimeInstanceTypes: [...(spec?.SupportedRealtimeInferenceInstanceTypes ?? [])],
        transformInstanceTypes: [...(spec?.SupportedTransformInstanceTypes ?? [])],
        modelMetrics,
        lifecycle: lifecycle
            ? {
                stage: lifecycle.Stage,
                stageStatus: lifecycle.StageStatus,
                stageDescription: lifecycle.StageDescription
            }
            : undefined,
        metadataProperties,
        customerMetadata: { ...(pkg.CustomerMetadataProperties ?? {}) }
    };
}
const PROVENANCE_VALUES = new Set(Object.values(provenance_PROVENANCE_KEYS));
/** Sorts the customer metadata by the conventions `register`, `gate`, `approve` and `deploy` write. */
function metadataStory(metadata) {
    const story = {
        provenance: {},
        gate: {},
        decision: {},
        deployments: {},
        metrics: metricsFromMetadata(metadata),
        hyperParameters: {},
        other: {}
    };
    for (const [key, value] of Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b))) {
        if (PROVENANCE_VALUES.has(key))
            story.provenance[key] = value;
        else if (key.startsWith('gate:'))
            story.gate[key] = value;
        else if (key.startsWith('decision:'))
            story.decision[key] = value;
        else if (key.startsWith(KEYS.deployedPrefix))
            story.deployments[key.slice(KEYS.deployedPrefix.length)] = value;
        else if (key.startsWith(HYPERPARAMETER_PREFIX))
            story.hyperParameters[key.slice(HYPERPARAMETER_PREFIX.length)] = value;
        // A metric value that does not parse is still worth showing, as it was written.
        else if (!key.startsWith(METRIC_PREFIX) || !(key.slice(METRIC_PREFIX.length) in story.metrics))
            story.other[key] = value;
    }
    return story;
}
function trainingJobFacts(job) {
    return {
        name: job.TrainingJobName ?? '',
        arn: job.TrainingJobArn,
        status: job.TrainingJobStatus,
        secondaryStatus: job.SecondaryStatus,
        failureReason: job.FailureReason,
        image: job.AlgorithmSpecification?.TrainingImage,
        algorithmName: job.AlgorithmSpecification?.AlgorithmName,
        inputMode: job.AlgorithmSpecification?.TrainingInputMode,
        roleArn: job.RoleArn,
        instanceType: job.ResourceConfig?.InstanceType,
        instanceCount: job.ResourceConfig?.InstanceCount,
        hyperParameters: { ...(job.HyperParameters ?? {}) },
        inputs: (job.InputDataConfig ?? []).map(channel => ({
            channel: channel.ChannelName ?? '',
            uri: channel.DataSource?.S3DataSource?.S3Uri ??
                channel.DataSource?.FileSystemDataSource?.DirectoryPath,
            contentType: channel.ContentType,
            compression: channel.CompressionType
        })),
        outputPath: job.OutputDataConfig?.S3OutputPath,
        modelArtifacts: job.ModelArtifacts?.S3ModelArtifacts,
        finalMetrics: finalMetrics(job),
        created: lineage_iso(job.CreationTime),
        started: lineage_iso(job.TrainingStartTime),
        ended: lineage_iso(job.TrainingEndTime),
        trainingSeconds: job.TrainingTimeInSeconds,
        billableSeconds: job.BillableTimeInSeconds,
        tuningJobArn: job.TuningJobArn
    };
}
function tuningJobFacts(job) {
    const config = job.HyperParameterTuningJobConfig;
    const counts = {};
    for (const [status, count] of Object.entries(job.TrainingJobStatusCounters ?? {})) {
        if (typeof count === 'number')
            counts[status] = count;
    }
    const best = job.BestTrainingJob;
    return {
        name: job.HyperParameterTuningJobName ?? '',
        arn: job.HyperParameterTuningJobArn,
        status: job.HyperParameterTuningJobStatus,
        strategy: config?.Strategy,
        objective: config?.HyperParameterTuningJobObjective
            ? {
                type: config.HyperParameterTuningJobObjective.Type,
                metric: config.HyperParameterTuningJobObjective.MetricName
            }
            : undefined,
        bestTrainingJob: best?.TrainingJobName,
        bestObjective: best?.FinalHyperParameterTuningJobObjectiveMetric
            ? {
                metric: best.FinalHyperParameterTuningJobObjectiveMetric.MetricName,
                value: best.FinalHyperParameterTuningJobObjectiveMetric.Value
            }
            : undefined,
        trainingJobCounts: counts,
        created: lineage_iso(job.CreationTime),
        ended: lineage_iso(job.HyperParameterTuningEndTime)
    };
}
/** Associations listed per direction and per entity; more than this is a graph, not a report. */
const ASSOCIATION_PAGE = 50;
/** SageMaker's own lineage contexts for the package (normally one) that are followed. */
const CONTEXT_LIMIT = 3;
async function associationsOf(sagemaker, arn, notes, via) {
    const found = [];
    for (const direction of ['DestinationArn', 'SourceArn']) {
        const page = await sagemaker.send(new dist_cjs/* ListAssociationsCommand */.IOv({
            [direction]: arn,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: ASSOCIATION_PAGE
        }));
        for (const item of page.AssociationSummaries ?? []) {
            if (!item.SourceArn || !item.DestinationArn)
                continue;
            found.push({
                sourceArn: item.SourceArn,
                sourceType: item.SourceType,
                sourceName: item.SourceName,
                destinationArn: item.DestinationArn,
                destinationType: item.DestinationType,
                destinationName: item.DestinationName,
                associationType: item.AssociationType,
                created: lineage_iso(item.CreationTime),
                ...(via ? { via } : {})
            });
        }
        if (page.NextToken) {
            const side = direction === 'DestinationArn' ? 'into' : 'out of';
            notes.push(`Only the newest ${ASSOCIATION_PAGE} lineage associations ${side} ${arn} are shown.`);
        }
    }
    return found;
}
/**
 * Associations of the package itself and of the lineage contexts SageMaker keeps for it
 * (their SourceUri is the package ARN), without repeats.
 */
async function readAssociations(sagemaker, packageArn, notes) {
    const direct = await associationsOf(sagemaker, packageArn, notes);
    const contexts = await sagemaker.send(new dist_cjs/* ListContextsCommand */.Krs({ SourceUri: packageArn, MaxResults: CONTEXT_LIMIT }));
    const viaContexts = await mapBounded((contexts.ContextSummaries ?? []).flatMap(summary => summary.ContextArn ? [summary.ContextArn] : []), DESCRIBE_CONCURRENCY, contextArn => associationsOf(sagemaker, contextArn, notes, contextArn));
    const seen = new Set();
    return [...direct, ...viaContexts.flat()].filter(association => {
        const key = `${association.sourceArn}\n${association.destinationArn}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** The result of `read`, or undefined with a note saying what could not be read and why. */
async function readOrNote(what, notes, read) {
    try {
        return await read();
    }
    catch (error) {
        notes.push(`${what} could not be read (${namedErrorMessage(error)}).`);
        return undefined;
    }
}
/** Reads everything the lineage report shows about one described package. */
async function readLineage(sagemaker, pkg) {
    const facts = packageFacts(pkg);
    const story = metadataStory(facts.customerMetadata);
    const notes = [];
    const trainingJobName = story.provenance[provenance_PROVENANCE_KEYS.trainingJob];
    const tuningJobName = story.provenance[provenance_PROVENANCE_KEYS.tuningJob];
    const [trainingJob, tuningJob, associations] = await Promise.all([
        trainingJobName
            ? readOrNote(`Training job "${trainingJobName}"`, notes, async () => trainingJobFacts(await sagemaker.send(new dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: trainingJobName }))))
            : undefined,
        tuningJobName
            ? readOrNote(`Tuning job "${tuningJobName}"`, notes, async () => tuningJobFacts(await sagemaker.send(new dist_cjs/* DescribeHyperParameterTuningJobCommand */.oj({
                HyperParameterTuningJobName: tuningJobName
            }))))
            : undefined,
        // Lineage is optional: an account without it, or a role without
        // sagemaker:ListAssociations, gets a note instead of an error.
        facts.arn
            ? readOrNote('Lineage associations', notes, () => readAssociations(sagemaker, facts.arn, notes))
            : undefined
    ]);
    if (!trainingJobName && !tuningJobName) {
        notes.push(`No training or tuning job is recorded on this version (customer metadata "${provenance_PROVENANCE_KEYS.trainingJob}"): it was registered from a model artifact, or by another tool.`);
    }
    return { package: facts, story, trainingJob, tuningJob, associations: associations ?? [], notes };
}

;// CONCATENATED MODULE: ./build/src/modes/lineage.js







const runLineage = async (ctx, settings) => {
    const sagemaker = ctx.aws.sagemaker;
    const ref = settings.report.modelPackage;
    const arn = await ctx.steps.run('finding the version', async () => {
        if (ref)
            return resolvePackageArn(sagemaker, settings.group, ref);
        const newest = await latestVersion(sagemaker, settings.group);
        if (newest)
            return newest.arn;
        // Listing a group that does not exist answers with no versions: tell the two apart.
        await describeGroup(sagemaker, settings.group);
        throw new UserError(`Group "${settings.group.name}" has no versions; register one first, or name another group.`);
    });
    const pkg = await ctx.steps.run(`reading v${arn.split('/').pop()}`, () => ref ? describeNamedVersion(sagemaker, arn, 'model-package') : describeVersion(sagemaker, arn));
    const lineage = await ctx.steps.run('reading its training job and lineage', () => readLineage(sagemaker, pkg));
    const audit = await ctx.steps.run('reading its audit trail', () => readAuditTrail(sagemaker, arn).catch((error) => {
        lineage.notes.push(`The audit trail could not be read (${namedErrorMessage(error)}).`);
        return [];
    }));
    for (const note of lineage.notes)
        ctx.out.info(note);
    const report = {
        ...lineage,
        audit,
        group: settings.group.nameOrArn,
        region: settings.region,
        runUrl: runUrl(ctx.github) || undefined
    };
    const version = lineage.package.version;
    ctx.out.info(`Lineage of ${settings.group.name} ${version !== undefined ? `v${version}` : arn}: ${lineage.trainingJob ? `training job ${lineage.trainingJob.name}` : 'no training job'}, ${lineage.associations.length} lineage associations, ${Object.keys(lineage.story.deployments).length} recorded deployments, ${audit.length} audited runs`);
    ctx.out.setOutput('model-package-arn', arn);
    if (version !== undefined)
        ctx.out.setOutput('model-package-version', version);
    if (lineage.package.approvalStatus)
        ctx.out.setOutput('approval-status', lineage.package.approvalStatus);
    await ctx.steps.run('writing the report', () => publish(ctx, {
        markdown: renderLineage(report),
        json: {
            fileName: reportFileName(settings.group, `v${version ?? 'unknown'}-lineage`),
            data: lineageJson(report)
        }
    }));
    return {};
};

;// CONCATENATED MODULE: ./build/src/registry/register.js
// Creating a model package version: the request, the look for an earlier registration of
// the same model, and the wait until SageMaker has finished with it.




const DEFAULT_CONTENT_TYPE = 'text/csv';
/** The exact CreateModelPackage input; empty lists and absent fields are left out. */
function createPackageInput(request) {
    const input = {
        ModelPackageGroupName: request.group.nameOrArn,
        InferenceSpecification: {
            Containers: [{ Image: request.imageUri, ModelDataUrl: request.modelDataUrl }],
            SupportedContentTypes: request.contentTypes.length
                ? request.contentTypes
                : [DEFAULT_CONTENT_TYPE],
            SupportedResponseMIMETypes: request.responseTypes.length
                ? request.responseTypes
                : [DEFAULT_CONTENT_TYPE]
        },
        ModelApprovalStatus: request.approvalStatus,
        ClientToken: request.clientToken
    };
    const spec = input.InferenceSpecification;
    if (request.realtimeInstanceTypes.length) {
        spec.SupportedRealtimeInferenceInstanceTypes = request.realtimeInstanceTypes;
    }
    if (request.transformInstanceTypes.length) {
        spec.SupportedTransformInstanceTypes = request.transformInstanceTypes;
    }
    if (request.description)
        input.ModelPackageDescription = request.description;
    if (request.statistics) {
        input.ModelMetrics = {
            ModelQuality: {
                Statistics: {
                    ContentType: 'application/json',
                    S3Uri: request.statistics.uri,
                    ContentDigest: request.statistics.digest
                }
            }
        };
    }
    if (request.metadataProperties)
        input.MetadataProperties = request.metadataProperties;
    if (Object.keys(request.customerMetadata).length > 0) {
        input.CustomerMetadataProperties = request.customerMetadata;
    }
    if (request.lifecycle) {
        input.ModelLifeCycle = {
            Stage: request.lifecycle.stage,
            StageStatus: request.lifecycle.stageStatus,
            ...(request.lifecycle.description ? { StageDescription: request.lifecycle.description } : {})
        };
    }
    return input;
}
async function createPackage(sagemaker, input) {
    const response = await sagemaker.send(new dist_cjs/* CreateModelPackageCommand */.N$s(input));
    if (!response.ModelPackageArn)
        throw new Error('CreateModelPackage returned no ModelPackageArn');
    return response.ModelPackageArn;
}
/** How many recent versions are searched for an earlier registration. */
const RECENT_VERSIONS = 20;
const DESCRIBE_BATCH = 5;
/**
 * Looks through the group's most recent versions for one registered from the same
 * fingerprint. The newest is described alone, the rest a few at a time, stopping at the
 * first match, so a re-run (whose version is usually the newest) costs two calls.
 */
async function findRegistration(sagemaker, group, fingerprint, limit = RECENT_VERSIONS) {
    const versions = await listVersions(sagemaker, group, { limit });
    const failed = [];
    // The newest version alone first: on a re-run it is almost always the match.
    let size = 1;
    for (let start = 0; start < versions.length; start += size, size = DESCRIBE_BATCH) {
        const batch = versions.slice(start, start + size);
        const described = await Promise.all(batch.map(v => describeVersion(sagemaker, v.arn)));
        for (const [index, description] of described.entries()) {
            if (description.CustomerMetadataProperties?.[provenance_PROVENANCE_KEYS.fingerprint] !== fingerprint)
                continue;
            if (description.ModelPackageStatus === 'Failed') {
                failed.push(batch[index].version);
                continue;
            }
            return { match: description, failed };
        }
    }
    return { failed };
}
function statusDetails(details) {
    const items = [...(details?.ValidationStatuses ?? []), ...(details?.ImageScanStatuses ?? [])];
    const text = items
        .map(item => `${item.Name ?? 'check'}: ${item.Status ?? '?'}${item.FailureReason ? ` (${item.FailureReason})` : ''}`)
        .join('; ');
    return text || 'no status details given';
}
const DEFAULT_MAX_WAIT_MS = 15 * 60 * 1000;
/**
 * Polls DescribeModelPackage until the package is Completed. The bound counts the time
 * slept, not the wall clock, so an injected sleep makes the wait testable.
 */
async function waitForPackage(sagemaker, arn, options) {
    const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    let interval = options.initialIntervalMs ?? 2000;
    const maxInterval = options.maxIntervalMs ?? 10000;
    let waited = 0;
    for (;;) {
        const description = await describeVersion(sagemaker, arn);
        const status = description.ModelPackageStatus;
        if (status === 'Completed')
            return description;
        if (status === 'Failed') {
            throw new UserError(`Model package ${arn} failed: ${statusDetails(description.ModelPackageStatusDetails)}.`);
        }
        if (status === 'Deleting')
            throw new UserError(`Model package ${arn} is being deleted.`);
        if (waited >= maxWait) {
            throw new UserError(`Model package ${arn} was still ${status ?? 'in an unknown state'} after ${Math.round(waited / 1000)} s; check it in the SageMaker console.`);
        }
        const pause = Math.min(interval, maxWait - waited);
        await options.sleep(pause);
        waited += pause;
        interval = Math.min(maxInterval, Math.round(interval * 1.5));
    }
}

;// CONCATENATED MODULE: ./build/src/registry/registration.js
// One registration, from what was read to the version it ends on. `planRegistration` decides
// everything a registration writes (metadata, statistics, the CreateModelPackage request)
// from the reads alone, so nothing is created before all of it has been checked; then a
// re-run reuses the version an earlier run created from the same commit and model, and a
// first run uploads the statistics and creates the version.








/**
 * ModelLifeCycle.StageStatus at registration, from the approval status the version is
 * created with (StageStatus is free text matching [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}).
 */
const STAGE_STATUS = {
    PendingManualApproval: 'PendingApproval',
    Approved: 'Approved',
    Rejected: 'Rejected'
};
/**
 * The user's `customer-metadata`, checked against the keys this action owns and against
 * SageMaker's limits together with the entries the action itself must record.
 */
function checkUserMetadata(user, required) {
    const entries = Object.entries(user);
    const reserved = entries.filter(([key]) => isReservedKey(key)).map(([key]) => key);
    if (reserved.length > 0) {
        throw new UserError(`Input "customer-metadata": ${reserved.map(k => `"${k}"`).join(', ')} use${reserved.length === 1 ? 's' : ''} a prefix this action writes itself (${RESERVED_PREFIXES.join(' ')}); choose another key.`);
    }
    const fit = fitMetadata(entries, Object.fromEntries(required));
    if (fit.dropped.length > 0) {
        const room = METADATA_MAX_ENTRIES - required.length;
        throw new UserError(`Input "customer-metadata" does not fit SageMaker's limits (at most ${room} entries next to the ${required.length} provenance entries this action records; keys up to 128 and values up to 256 characters of letters, digits, spaces and _.:/=+-@): ${fit.dropped.join('; ')}.`);
    }
    return entries;
}
function lifecycle(facts) {
    const { register, run, source } = facts;
    if (!register.modelLifecycleStage)
        return undefined;
    const commit = run.sha ? `commit ${run.sha.slice(0, 12)}` : source.modelDataUrl;
    const url = runUrl(run);
    return {
        stage: register.modelLifecycleStage,
        stageStatus: STAGE_STATUS[register.approvalStatus],
        description: `Registered from ${commit}${url ? ` by ${url}` : ''}`.slice(0, 1024)
    };
}
/** Provenance, the user's entries, then metrics and hyperparameters as far as they fit. */
function customerMetadata(facts, fingerprint, metrics) {
    const { source, run } = facts;
    const required = [
        ...sourceMetadata({
            fingerprint,
            commit: run.sha,
            modelDataUrl: source.modelDataUrl,
            imageUri: source.imageUri,
            trainingJobName: source.trainingJobName,
            tuningJobName: source.tuningJobName
        }),
        ...runMetadata(run)
    ];
    const user = checkUserMetadata(facts.register.customerMetadata, required);
    const base = fitMetadata([...required, ...user]);
    const metricEntries = metrics.map(m => [
        `${METRIC_PREFIX}${m.name}`,
        formatMetricValue(m.value)
    ]);
    const extra = fitMetadata([...metricEntries, ...hyperParameterMetadata(source.hyperParameters)], base.kept);
    const mirrored = metricsFromMetadata(Object.fromEntries(Object.entries(extra.kept).filter(([key]) => key.startsWith(METRIC_PREFIX))));
    return { metadata: { ...base.kept, ...extra.kept }, mirrored, dropped: extra.dropped };
}
/** The statistics the version points at: attached as they are, built from the metrics, or none. */
function statisticsOf(facts, fingerprint, metrics, out) {
    const { attached, metricsLocation, source } = facts;
    if (attached) {
        const jobOnly = source.finalMetrics.filter(metric => !attached.metrics.some(m => m.name === metric.name));
        if (jobOnly.length > 0) {
            out.info(`The training job's ${jobOnly.map(m => m.name).join(', ')} ${jobOnly.length === 1 ? 'is' : 'are'} not in ${attached.uri}: recorded in customer metadata only (the attached statistics are used as they are).`);
        }
        return { uri: attached.uri, digest: attached.digest };
    }
    if (metrics.length > 0 && metricsLocation) {
        const body = statisticsJson(metrics);
        const location = {
            bucket: metricsLocation.bucket,
            key: joinS3Key(metricsLocation.key, facts.group.name, fingerprint, 'statistics.json')
        };
        return { location, uri: formatS3Uri(location), digest: contentDigest(body), body };
    }
    if (metrics.length > 0) {
        out.warning('No "metrics-s3-uri" given: metrics are recorded in customer metadata only, so SageMaker Studio shows no model quality statistics for this version.');
    }
    else if (metricsLocation) {
        throw new UserError(`Input "metrics-s3-uri" ${facts.register.metricsS3Uri} is a folder for the statistics this run writes, but there are none to write (no "metrics-file", and no final metrics from a training job). To attach an existing statistics JSON, give its key ending in .json.`);
    }
    return undefined;
}
/** Everything the registration writes, decided from the reads alone; `out` hears why. */
function planRegistration(facts, out) {
    const { register, source } = facts;
    const evaluated = facts.fromFile?.metrics ?? facts.attached?.metrics ?? [];
    const { metrics, overridden } = mergeMetrics(source.finalMetrics, evaluated);
    const winner = facts.attached ? 'the statistics win' : 'the file wins';
    for (const line of overridden)
        out.info(`Metric ${line} (${winner}).`);
    const fingerprint = registrationFingerprint({
        group: facts.group.name,
        commit: facts.run.sha,
        modelDataUrl: source.modelDataUrl,
        imageUri: source.imageUri
    });
    const fit = customerMetadata(facts, fingerprint, metrics);
    for (const reason of fit.dropped) {
        out.warning(`Customer metadata entry not recorded (SageMaker limits): ${reason}`);
    }
    const statistics = statisticsOf(facts, fingerprint, metrics, out);
    const request = {
        group: facts.group,
        modelDataUrl: source.modelDataUrl,
        imageUri: source.imageUri,
        description: register.description,
        approvalStatus: register.approvalStatus,
        contentTypes: register.contentTypes,
        responseTypes: register.responseTypes,
        realtimeInstanceTypes: register.inferenceInstances,
        transformInstanceTypes: register.transformInstances,
        statistics,
        metadataProperties: metadataProperties(facts.run, register.projectId),
        customerMetadata: fit.metadata,
        lifecycle: lifecycle(facts)
    };
    return { source, fingerprint, metrics, mirrored: fit.mirrored, statistics, request };
}
function differingMetrics(existing, mirrored) {
    const recorded = metricsFromMetadata(existing.CustomerMetadataProperties);
    const names = new Set([...Object.keys(recorded), ...Object.keys(mirrored)]);
    return [...names]
        .filter(name => recorded[name] !== mirrored[name])
        .map(name => `${name}: recorded ${recorded[name] ?? 'none'}, this run ${mirrored[name] ?? 'none'}`);
}
/** A re-run: the version an earlier run registered from this commit and model, waited for. */
async function reuseRegistration(ctx, match, plan, dryRun) {
    const arn = match.ModelPackageArn ?? '';
    const version = match.ModelPackageVersion ?? versions_versionFromArn(arn);
    const wanted = plan.request.approvalStatus;
    ctx.out.info(`Version ${version} was already registered from this commit and model (${arn}); reusing it.`);
    const differing = differingMetrics(match, plan.mirrored);
    if (differing.length > 0) {
        ctx.out.warning(`Version ${version} keeps the metrics it was registered with (ModelMetrics cannot change): ${differing.join('; ')}.`);
    }
    const description = match.ModelPackageStatus !== 'Completed' && !dryRun
        ? await ctx.steps.run(`waiting for v${version} to complete`, () => waitForPackage(ctx.aws.sagemaker, arn, { sleep: ms => ctx.sleep(ms) }))
        : match;
    const status = description.ModelApprovalStatus;
    if (status && status !== wanted) {
        ctx.out.warning(`Version ${version} is ${status}; "approval-status" ${wanted} applies to new versions only (use mode "approve" or "reject" to change it).`);
    }
    return { arn, version, created: false, approvalStatus: status ?? wanted };
}
/** A first run: the statistics uploaded (or attached), the version created and waited for. */
async function createRegistration(ctx, plan, retryAfter, dryRun) {
    const input = createPackageInput({
        ...plan.request,
        clientToken: clientToken(plan.fingerprint, retryAfter)
    });
    const statistics = plan.statistics;
    const upload = statistics?.location && statistics.body !== undefined ? statistics : undefined;
    if (dryRun) {
        if (upload) {
            ctx.out.info(`Dry run: would upload model quality statistics to ${upload.uri} (${upload.digest}):\n${upload.body}`);
        }
        else if (statistics) {
            ctx.out.info(`Dry run: would attach the statistics at ${statistics.uri} as they are (${statistics.digest}).`);
        }
        ctx.out.info(`Dry run: would call CreateModelPackage with:\n${JSON.stringify(input, null, 2)}`);
        return { created: false, approvalStatus: plan.request.approvalStatus };
    }
    if (upload?.location && upload.body !== undefined) {
        const { location, body } = upload;
        await ctx.steps.run(`uploading the model quality statistics to ${upload.uri}`, () => putObject(ctx.aws.s3, location, body, 'application/json'));
        ctx.steps.changed(`uploaded the statistics to ${upload.uri}`);
        ctx.out.info(`Uploaded model quality statistics to ${upload.uri} (${upload.digest}).`);
    }
    else if (statistics) {
        ctx.out.info(`Attaching the statistics at ${statistics.uri} as they are (${statistics.digest}).`);
    }
    const sagemaker = ctx.aws.sagemaker;
    const arn = await ctx.steps.run('creating the model package', () => createPackage(sagemaker, input));
    ctx.steps.changed(`created ${arn}`);
    ctx.out.info(`Created ${arn}; waiting for it to complete.`);
    const description = await ctx.steps.run(`waiting for ${arn} to complete`, () => waitForPackage(sagemaker, arn, { sleep: ms => ctx.sleep(ms) }));
    return {
        arn,
        version: description.ModelPackageVersion ?? versions_versionFromArn(arn),
        created: true,
        approvalStatus: description.ModelApprovalStatus ?? plan.request.approvalStatus
    };
}

;// CONCATENATED MODULE: ./build/src/report/register.js
// The job summary of `register`: what happened to the version, where it came from, its
// statistics and metrics, and a link to the group.



function outcome(view) {
    const { result } = view;
    if (view.dryRun) {
        return result.version !== undefined
            ? `already registered as v${result.version}; nothing would change`
            : 'a new version would be created';
    }
    return result.created
        ? 'new version'
        : 'already registered by an earlier run of this commit; reused';
}
function sourceText(source) {
    if (source.tuningJobName)
        return `tuning job ${source.tuningJobName} (best: ${source.trainingJobName ?? '?'})`;
    return source.trainingJobName ? `training job ${source.trainingJobName}` : 'model artifact';
}
function renderRegistration(view) {
    const name = escape_escapeText(view.group.name);
    const title = view.dryRun
        ? `Model registration (dry run): ${name}`
        : `Model registered: ${name} v${view.result.version ?? '?'}`;
    const rows = [
        ['Outcome', outcome(view)],
        ['Approval status', view.result.approvalStatus],
        ['Source', sourceText(view.source)],
        ['Model data', view.source.modelDataUrl],
        ['Image', view.source.imageUri]
    ];
    if (view.commit)
        rows.push(['Commit', view.commit]);
    if (view.statisticsUri)
        rows.push(['Statistics', view.statisticsUri]);
    const lines = [
        `### ${title}`,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`)
    ];
    if (view.metrics.length > 0) {
        lines.push('', '| Metric | Value |', '|---|---|');
        for (const metric of view.metrics) {
            lines.push(`| ${escapeCell(metric.name)} | ${escapeCell(formatMetricValue(metric.value))} |`);
        }
    }
    const [link] = consoleLinks({ region: view.region, group: view.group.nameOrArn });
    const url = link ? safeUrl(link.url) : undefined;
    if (url && !view.dryRun)
        lines.push('', `[${link?.label}](${url})`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./build/src/modes/register.js









/** The reads a registration is planned from: metrics file, attached statistics, model source. */
async function readFacts(ctx, settings) {
    const { register, group } = settings;
    const { metricsFile, metricsS3Uri } = register;
    const metricsLocation = metricsS3Uri ? parseS3Uri(metricsS3Uri, 'metrics-s3-uri') : undefined;
    const fromFile = metricsFile
        ? await ctx.steps.run('reading metrics-file', () => readMetricsFile(metricsFile))
        : undefined;
    for (const note of fromFile?.notes ?? [])
        ctx.out.info(`metrics-file: ${note}`);
    const attached = metricsLocation && metricsS3Uri && isStatisticsObjectUri(metricsS3Uri)
        ? await ctx.steps.run(`reading the statistics at ${metricsS3Uri}`, () => readStatisticsObject(ctx.aws.s3, metricsLocation, 'metrics-s3-uri'))
        : undefined;
    for (const note of attached?.notes ?? [])
        ctx.out.info(`metrics-s3-uri: ${note}`);
    const source = await ctx.steps.run('reading the model source', () => resolveModelSource(ctx.aws.sagemaker, register.source));
    return { group, run: ctx.github, register, source, fromFile, attached, metricsLocation };
}
const runRegister = async (ctx, settings) => {
    const { register, group, dryRun } = settings;
    const sagemaker = ctx.aws.sagemaker;
    // Read, and decide everything the registration writes (no mutating call before this).
    const plan = planRegistration(await readFacts(ctx, settings), ctx.out);
    // Write: the group if missing, then the version unless an earlier run registered it.
    const ensured = await ctx.steps.run(`finding or creating group "${group.name}"`, () => ensureGroup(sagemaker, group, register.groupDescription, register.groupTags, ctx.out, dryRun));
    if (ensured.created) {
        ctx.steps.changed(`created model package group "${group.name}" (it stays; a re-run registers into it)`);
    }
    const existing = ensured.exists && !ensured.created
        ? await ctx.steps.run('looking for an earlier registration of this commit and model', () => findRegistration(sagemaker, group, plan.fingerprint))
        : { match: undefined, failed: [] };
    const retryAfter = existing.failed[0];
    if (!existing.match && retryAfter !== undefined) {
        ctx.out.warning(`Version ${retryAfter} registered this commit and model but Failed; registering again.`);
    }
    const result = existing.match
        ? await reuseRegistration(ctx, existing.match, plan, dryRun)
        : await createRegistration(ctx, plan, retryAfter, dryRun);
    // Publish.
    if (result.arn)
        ctx.out.setOutput('model-package-arn', result.arn);
    if (result.version !== undefined)
        ctx.out.setOutput('model-package-version', result.version);
    ctx.out.setOutput('created', result.created);
    ctx.out.setOutput('approval-status', result.approvalStatus);
    const markdown = renderRegistration({
        group,
        region: settings.region,
        dryRun,
        result,
        source: plan.source,
        commit: plan.request.metadataProperties?.CommitId,
        statisticsUri: plan.statistics?.uri,
        metrics: plan.metrics
    });
    await publish(ctx, { markdown });
    // A re-run that finds the version records the same: the version this run registered.
    const reason = `v${result.version ?? '?'} from commit ${plan.request.metadataProperties?.CommitId ?? 'unknown'}`;
    return { audit: { decision: 'registered', reason, packages: result.arn ? [result.arn] : [] } };
};

;// CONCATENATED MODULE: ./build/src/modes/rollback.js







const runRollback = async (ctx, settings) => {
    const { deploy, dryRun } = settings;
    if (deploy.traffic.length > 0) {
        throw new UserError('Input "traffic" does not apply to mode "rollback": use mode "deploy" to change weights.');
    }
    // Resolve and read: what the endpoint serves, what to go back to, what to reject.
    const live = await ctx.steps.run(`reading endpoint ${deploy.endpointName}`, () => settledEndpoint(ctx, deploy, dryRun));
    if (!live) {
        throw new UserError(`Endpoint ${deploy.endpointName} does not exist in ${settings.region}: there is nothing to roll back.`);
    }
    const current = currentPackageArn(live);
    const { arn, source } = await ctx.steps.run('finding the version to roll back to', () => resolveRollbackTarget(ctx, settings, live, current));
    if (arn === current && live.variants.length === 1) {
        throw new UserError(`Endpoint ${live.name} already serves ${arn} (${source}): there is nothing to roll back.`);
    }
    ctx.out.info(`Rolling endpoint ${live.name} back from ${current ?? 'an unknown package'} to ${arn} (${source})`);
    // A version named in "model-package" that does not exist is the input's mistake, said so.
    const target = await ctx.steps.run(`reading ${arn}`, () => deploy.modelPackage
        ? forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))
        : approvedTarget(ctx, arn, 1));
    const replaced = deploy.rejectCurrent && current !== target.arn ? current : undefined;
    const reject = replaced
        ? rejectRequest(ctx, await ctx.steps.run(`reading ${replaced}`, () => describeVersion(ctx.aws.sagemaker, replaced)), replaced, deploy.endpointName, deploy.reason ?? '')
        : undefined;
    // Plan, write, publish: the same path as deploy.
    const outcome = await runDeployment(ctx, settings, {
        kind: 'rollback',
        targets: [target],
        live,
        reject
    });
    const audit = deploymentAudit(outcome, live, 'rolled-back', current ? [current] : []);
    if (deploy.reason)
        audit.reason = `${audit.reason}; ${deploy.reason}`;
    return outcome.failed ? { failed: outcome.failed, audit } : { audit };
};

;// CONCATENATED MODULE: ./build/src/modes/index.js









const RUNNERS = {
    register: runRegister,
    gate: runGate,
    approve: runApprove,
    reject: runReject,
    deploy: runDeploy,
    rollback: runRollback,
    compare: runCompare,
    lineage: runLineage,
    group: runGroup
};
/**
 * Runs the runner of the settings' own mode, then records what it declared in the audit
 * trail: after its decision is written, so a trail that cannot be written only warns.
 */
async function runMode(ctx, settings) {
    const runner = RUNNERS[settings.mode];
    const outcome = await runner(ctx, settings);
    if (outcome.audit) {
        const scope = { mode: settings.mode, dryRun: settings.dryRun, group: settings.group.name };
        await recordAudit(ctx, scope, outcome.audit);
    }
    return outcome;
}

;// CONCATENATED MODULE: ./build/src/runner.js
// Builds a mode's context from settings and runs it; shared by the action and the CLI.







async function executeMode(settings, out, env = process.env) {
    const github = readGitHubRun(env);
    const aws = createClients(settings.region, VERSION);
    const calls = countCalls(aws.sagemaker);
    const ctx = {
        aws,
        github,
        octokit: settings.githubToken
            ? (0,lib_github/* getOctokit */.Q)(settings.githubToken, { baseUrl: github.apiUrl })
            : undefined,
        out,
        now: () => new Date(),
        sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
        workDir: env.RUNNER_TEMP || process.cwd(),
        interrupts: processInterrupts(message => out.error ? out.error(message) : out.warning(message)),
        steps: new Steps()
    };
    try {
        return await runMode(ctx, settings);
    }
    catch (error) {
        // An error outside every step still says what the run had already changed.
        throw ctx.steps.changedSoFar.length > 0 ? ctx.steps.failure(undefined, error) : error;
    }
    finally {
        const total = [...calls.values()].reduce((sum, n) => sum + n, 0);
        const byOperation = [...calls.entries()].map(([name, n]) => `${name}=${n}`).join(', ');
        out.debug(`SageMaker calls: ${total}${byOperation ? ` (${byOperation})` : ''}`);
    }
}

;// CONCATENATED MODULE: ./build/src/cli.js
// The command-line face of the same core: `sagemaker-model-gate <mode> --input value ...`.
// Flags are the action's input names, parsed by Node's own `util.parseArgs` in strict mode:
// an unknown flag is an error (with the nearest known flag), and so is a flag the chosen
// mode does not read. A repeated flag adds a line (for multi-line inputs).







const COMMAND = 'sagemaker-model-gate';
/** What each mode is for, in one line, for `--help`. */
const MODE_SUMMARY = {
    register: 'Register a model version with its metrics and provenance (creates the group).',
    gate: 'Compare a candidate with thresholds and a baseline, record the decision, report it.',
    approve: 'Approve a version, recording the reason and who decided.',
    reject: 'Reject a version, recording the reason and who decided.',
    deploy: 'Put an Approved version on an endpoint and verify that it serves.',
    rollback: 'Put the previously deployed version back on the endpoint.',
    compare: 'Metrics table and trend chart across versions of the group.',
    lineage: "One version's story: training job, data, image, commit, decisions, deployments.",
    group: 'Describe, list, tag, share, unshare or delete the model package group.'
};
const OPTIONS_HELP = `Options: --help (with a mode: that mode's flags), --version, --verbose (debug output)`;
const USAGE = `Usage: ${COMMAND} <mode> [--flag value ...]

Modes:
${MODES.map(mode => `  ${mode.padEnd(9)} ${MODE_SUMMARY[mode]}`).join('\n')}

Flags are the action's input names, e.g.
  ${COMMAND} gate --model-package-group churn --thresholds "validation:auc >= 0.85"
A flag given twice adds a line to a multi-line input; a true/false flag given alone means "true".
Outputs are printed as name=value lines (and appended to $GITHUB_OUTPUT when it is set).
${OPTIONS_HELP}
Run "${COMMAND} <mode> --help" for the flags a mode reads.`;
/** `<mode> --help`: exactly the flags the mode reads, one line each. */
function modeUsage(mode) {
    const names = inputsOf(mode).filter(name => name !== 'mode');
    const width = Math.max(...names.map(name => name.length)) + 2;
    const lines = names.map(name => {
        const fallback = table_DEFAULTS[name];
        return `  --${name.padEnd(width)}${INPUT_TABLE[name].help}${fallback ? ` [default: ${fallback}]` : ''}`;
    });
    return [
        `Usage: ${COMMAND} ${mode} [--flag value ...]`,
        '',
        MODE_SUMMARY[mode],
        '',
        `Flags for ${mode}:`,
        ...lines,
        '',
        OPTIONS_HELP
    ].join('\n');
}
/** Inputs that take true/false: a bare `--dry-run` means true. Derived from their defaults. */
const SWITCHES = new Set(Object.entries(table_DEFAULTS)
    .filter(([, value]) => value === 'true' || value === 'false')
    .map(([name]) => name));
/** `--dry-run` alone (or before another flag) becomes `--dry-run=true`, so every input is a string option. */
function withSwitchValues(argv) {
    const out = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            out.push(...argv.slice(i));
            break;
        }
        const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
        if (name !== undefined && SWITCHES.has(name)) {
            const next = argv[i + 1];
            if (next !== undefined && /^(true|false)$/i.test(next)) {
                out.push(`--${name}=${next}`);
                i++;
            }
            else
                out.push(`--${name}=true`);
        }
        else
            out.push(arg);
    }
    return out;
}
function modeNamed(argv) {
    const first = argv[0];
    const given = first !== undefined && !first.startsWith('-')
        ? first
        : (argv.find(arg => arg.startsWith('--mode='))?.slice('--mode='.length) ??
            argv[argv.indexOf('--mode') + 1]);
    return MODES.find(mode => mode === given?.toLowerCase());
}
const GLOBAL_OPTIONS = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
    verbose: { type: 'boolean' }
};
function usageError(message) {
    return new UserError(message);
}
function unknownMode(given) {
    const near = nearestName(given, MODES);
    return usageError(`Unknown mode "${given}"${near ? `; did you mean "${near}"?` : '.'} Modes: ${MODES.join(', ')}.`);
}
/**
 * Parses the command line. Throws a UserError for an unknown flag (naming the nearest
 * flag of the mode), a flag without its value, a second positional argument, and a flag
 * the mode does not read.
 */
function parseArgs(argv) {
    const mode = modeNamed(argv);
    const named = argv[0];
    if (mode === undefined && named !== undefined && !named.startsWith('-'))
        throw unknownMode(named);
    const options = { ...GLOBAL_OPTIONS };
    for (const name of INPUT_NAMES)
        options[name] = { type: 'string', multiple: true };
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args: withSwitchValues(argv),
            options,
            strict: true,
            allowPositionals: true
        });
    }
    catch (error) {
        const code = error.code;
        const flag = /'(-{1,2}[^'\s=]+)/.exec(errors_errorMessage(error))?.[1];
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
            const name = flag.replace(/^-+/, '');
            const candidates = mode ? inputsOf(mode) : INPUT_NAMES;
            const near = nearestName(name, [...candidates, ...Object.keys(GLOBAL_OPTIONS)]) ??
                nearestName(name, INPUT_NAMES);
            throw usageError(`Unknown flag ${flag}${near ? `; did you mean --${near}?` : '.'} Run "${COMMAND} ${mode ?? ''}${mode ? ' ' : ''}--help" for the flags${mode ? ` mode "${mode}" reads` : ''}.`);
        }
        if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
            throw usageError(`Flag ${flag} needs a value: ${flag} VALUE, or ${flag}=VALUE for a value that starts with "-".`);
        }
        throw usageError(`${errors_errorMessage(error)} ${USAGE}`);
    }
    const inputs = new Map();
    for (const [name, value] of Object.entries(parsed.values)) {
        if (name in GLOBAL_OPTIONS)
            continue;
        inputs.set(name, value.join('\n'));
    }
    const [first, ...extra] = parsed.positionals;
    if (first !== undefined) {
        if (inputs.has('mode')) {
            throw usageError(`Give the mode once: "${first}" and --mode ${inputs.get('mode')}.`);
        }
        inputs.set('mode', first);
    }
    if (extra.length > 0) {
        throw usageError(`Unexpected argument "${extra[0]}": only the mode goes without a flag (values with spaces need quotes). Run "${COMMAND} --help".`);
    }
    const rawMode = inputs.get('mode');
    if (rawMode !== undefined && mode === undefined)
        throw unknownMode(rawMode);
    if (mode)
        checkInputNames(mode, [...inputs.keys()], true);
    return {
        inputs,
        mode,
        help: parsed.values.help === true,
        version: parsed.values.version === true,
        verbose: parsed.values.verbose === true
    };
}
function consoleReporter(verbose, outputs) {
    return {
        info: message => console.log(message),
        warning: message => console.error(`warning: ${message}`),
        error: message => console.error(`error: ${message}`),
        debug: message => {
            if (verbose)
                console.error(`debug: ${message}`);
        },
        setOutput: (name, value) => outputs.set(name, String(value)),
        summary: async (markdown) => {
            console.log(markdown);
        },
        // Outside Actions there is no post step; modes clean up in their own `finally`.
        saveState: () => undefined
    };
}
async function cli(argv, env = process.env) {
    const outputs = new Map();
    try {
        // --help and --version answer even when the rest of the line is wrong.
        if (argv.includes('--version') && !argv.some(arg => arg === '--help' || arg === '-h')) {
            console.log(VERSION);
            return 0;
        }
        if (argv.includes('--help') || argv.includes('-h')) {
            const mode = modeNamed(argv);
            console.log(mode ? modeUsage(mode) : USAGE);
            return 0;
        }
        const args = parseArgs(argv);
        if (args.inputs.size === 0) {
            console.log(USAGE);
            return 1;
        }
        const settings = readSettings(name => args.inputs.get(name) ?? '', env);
        const outcome = await executeMode(settings, consoleReporter(args.verbose, outputs), env);
        if (outcome.failed)
            console.error(`error: ${outcome.failed}`);
        return outcome.failed ? 1 : 0;
    }
    catch (error) {
        console.error(`error: ${describeError(error)}`);
        return 1;
    }
    finally {
        for (const [name, value] of outputs) {
            console.log(`${name}=${value}`);
            if (env.GITHUB_OUTPUT && !value.includes('\n'))
                (0,external_node_fs_.appendFileSync)(env.GITHUB_OUTPUT, `${name}=${value}\n`);
        }
    }
}


/***/ })

};
