export const id = 296;
export const ids = [296];
export const modules = {

/***/ 5296:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// UNUSED EXPORTS: MODE_SUMMARY, OUTPUT_FORMS, USAGE, modeUsage, parseArgs

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
    AccessDeniedException: 'the role the job runs as lacks this permission: see the policy for this mode in docs/iam-policy.md.',
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
    'group',
    'ab-test'
];

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
;// CONCATENATED MODULE: ./build/src/abtest/operations.js
// Each variant's operational figures over the test's window, from CloudWatch: namespace
// AWS/SageMaker, dimensions EndpointName and VariantName. One GetMetricData call asks for
// every variant's counts (Sum) and ModelLatency percentiles, one period as long as the
// window. CloudWatch aligns periods to its own clock, so a window may come back in two
// periods: counts are then added, and a percentile is the larger of the two (an upper
// bound, which is what a latency limit needs). ModelLatency is reported in microseconds
// and shown here in milliseconds.

/** The `ops:` figures a policy may name, with what each is. */
const OPS_FIGURES = {
    invocations: 'requests the variant served (Invocations)',
    invocation_4xx_errors: 'requests answered with a 4xx error (Invocation4XXErrors)',
    invocation_5xx_errors: 'requests answered with a 5xx error (Invocation5XXErrors)',
    error_rate: '(4xx + 5xx errors) / invocations',
    model_latency_p50: 'median ModelLatency, in milliseconds',
    model_latency_p90: '90th percentile ModelLatency, in milliseconds',
    model_latency_p99: '99th percentile ModelLatency, in milliseconds'
};
const OPS_NAMES = Object.keys(OPS_FIGURES);
const COUNTS = [
    ['invocations', 'Invocations'],
    ['invocation_4xx_errors', 'Invocation4XXErrors'],
    ['invocation_5xx_errors', 'Invocation5XXErrors']
];
const LATENCIES = [
    ['model_latency_p50', 'p50'],
    ['model_latency_p90', 'p90'],
    ['model_latency_p99', 'p99']
];
function periodSeconds(window) {
    const seconds = (window.end.getTime() - window.start.getTime()) / 1000;
    return Math.max(60, Math.ceil(seconds / 60) * 60);
}
function queries(endpointName, variants, period) {
    return variants.flatMap((variantName, v) => {
        const metric = (MetricName) => ({
            Namespace: 'AWS/SageMaker',
            MetricName,
            Dimensions: [
                { Name: 'EndpointName', Value: endpointName },
                { Name: 'VariantName', Value: variantName }
            ]
        });
        return [
            ...COUNTS.map(([figure, name]) => ({
                Id: `v${v}_${figure}`,
                MetricStat: { Metric: metric(name), Period: period, Stat: 'Sum' }
            })),
            ...LATENCIES.map(([figure, stat]) => ({
                Id: `v${v}_${figure}`,
                MetricStat: { Metric: metric('ModelLatency'), Period: period, Stat: stat }
            }))
        ];
    });
}
/** Every variant's figures over the window, by variant name. */
async function readOperations(cloudwatch, endpointName, variants, window) {
    const period = periodSeconds(window);
    const values = new Map();
    let NextToken;
    do {
        const page = await cloudwatch.send(new dist_cjs/* GetMetricDataCommand */.Soe({
            MetricDataQueries: queries(endpointName, variants, period),
            StartTime: window.start,
            EndTime: window.end,
            NextToken
        }));
        for (const result of page.MetricDataResults ?? []) {
            const list = values.get(result.Id ?? '') ?? [];
            list.push(...(result.Values ?? []));
            values.set(result.Id ?? '', list);
        }
        NextToken = page.NextToken;
    } while (NextToken);
    const out = {};
    variants.forEach((variantName, v) => {
        const figures = {};
        for (const [figure] of COUNTS) {
            figures[figure] = (values.get(`v${v}_${figure}`) ?? []).reduce((a, b) => a + b, 0);
        }
        for (const [figure] of LATENCIES) {
            const found = values.get(`v${v}_${figure}`) ?? [];
            if (found.length > 0)
                figures[figure] = Math.max(...found) / 1000;
        }
        const served = figures.invocations ?? 0;
        if (served > 0) {
            figures.error_rate =
                ((figures.invocation_4xx_errors ?? 0) + (figures.invocation_5xx_errors ?? 0)) / served;
        }
        out[variantName] = figures;
    });
    return out;
}

;// CONCATENATED MODULE: ./build/src/evaluation/metric-report.js
// What every metrics engine returns, and the standard deviation SageMaker Model Monitor
// puts beside each metric.
//
// Model Monitor documents its `standard_deviation` as: with at least 200 rows, compute the
// metric on 5 random samples of 80% of the rows and take the standard deviation of the
// five values; with fewer rows it writes "NaN". We do the same, reproducibly: each row is
// kept independently with probability 52429/65536 = 0.800003 (Bernoulli sampling, as
// Spark's `sample` does), drawn from a seeded generator, and the standard deviation is
// the sample one (n - 1).
/**
 * float64's machine epsilon, np.finfo(np.float64).eps: scikit-learn 1.2 clips
 * probabilities to [eps, 1 - eps] for log loss (eps="auto") and divides by max(|y|, eps)
 * for mape.
 */
const MACHINE_EPSILON = 2 ** -52;
/** Below this many rows Model Monitor reports no standard deviation. */
const MIN_ROWS_FOR_DEVIATION = 200;
/** Subsamples of 80% used for a standard deviation. */
const SUBSAMPLES = 5;
/** The seed used when the caller gives none: any fixed number keeps runs reproducible. */
const DEFAULT_SEED = 20240611;
/** Whether standard deviations are computed for this many rows. */
function wantsDeviation(rows) {
    return rows >= MIN_ROWS_FOR_DEVIATION;
}
/**
 * The sample standard deviation of each metric over the subsample values, for metrics
 * defined on every subsample.
 */
function deviations(names, subsamples) {
    const out = {};
    if (subsamples.length < 2)
        return out;
    for (const name of names) {
        const values = subsamples.map(sample => sample[name]);
        if (values.some(value => value === undefined || !Number.isFinite(value)))
            continue;
        const numbers = values;
        const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
        const squares = numbers.reduce((a, b) => a + (b - mean) * (b - mean), 0);
        out[name] = Math.sqrt(squares / (numbers.length - 1));
    }
    return out;
}
/** A compensated (Neumaier) running sum: exact to a few units in the last place. */
class Sum {
    total = 0;
    compensation = 0;
    add(x) {
        const t = this.total + x;
        this.compensation +=
            Math.abs(this.total) >= Math.abs(x) ? this.total - t + x : x - t + this.total;
        this.total = t;
    }
    get value() {
        return this.total + this.compensation;
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/binary-values.js
// Binary classification metrics from the sums one pass over the scores produces, with
// scikit-learn 1.2's conventions for degenerate data (we report the same values, and say
// so in `warnings`):
// - one class only: roc_auc_score raises ("Only one class present"): auc is absent;
//   average_precision_score warns and returns 0 when there is no positive;
// - no predicted positive: precision_score warns and returns 0 (zero_division="warn");
//   no positive label: recall_score warns and returns 0; F-scores are 0 when precision
//   and recall are both 0, with a warning when there is neither a positive label nor a
//   positive prediction; the four rates (TPR, TNR, FPR, FNR) follow the same rule: 0/0 is
//   reported as 0 with a warning;
// - balanced accuracy averages the recall of the classes present in the labels, and
//   warns when a predicted class never occurs in the labels;
// - mcc is 0 when its denominator is 0 (no warning, as in scikit-learn);
// - log_loss without `labels` raises on one class; we always pass labels=[0, 1], which
//   is defined. Scores outside [0, 1] are not probabilities: brier_score_loss raises,
//   log_loss would silently clip them; both are absent, with a warning.

const BINARY_METRICS = [
    'auc',
    'average_precision',
    'logloss',
    'brier',
    'accuracy',
    'balanced_accuracy',
    'precision',
    'recall',
    'f0_5',
    'f1',
    'f2',
    'mcc',
    'true_positive_rate',
    'true_negative_rate',
    'false_positive_rate',
    'false_negative_rate'
];
/** scikit-learn 1.2 clips probabilities to [eps, 1 - eps] for log loss. */
const LOGLOSS_EPS = MACHINE_EPSILON;
/** -log of the clipped, renormalised probability of class 1 and of class 0 (scikit-learn 1.2). */
function logLossTerms(score) {
    const p = Math.min(Math.max(score, LOGLOSS_EPS), 1 - LOGLOSS_EPS);
    const total = 1 - p + p;
    return [-Math.log(p / total), -Math.log((1 - p) / total)];
}
/** 0/0 as scikit-learn's zero_division="warn" reports it: 0, with a warning. */
function ratio(numerator, denominator, warn) {
    if (denominator === 0) {
        warn();
        return 0;
    }
    return numerator / denominator;
}
/** F-beta from precision and recall, as scikit-learn 1.2 computes it (0 when both are 0). */
function fBeta(precision, recall, beta) {
    const beta2 = beta * beta;
    const denominator = beta2 * precision + recall;
    return denominator === 0 ? 0 : ((1 + beta2) * precision * recall) / denominator;
}
/** Matthews correlation from a confusion matrix's sums, scikit-learn's formula (0 when undefined). */
function matthews(correct, total, trueCounts, predictedCounts) {
    let dotTruePredicted = 0;
    let dotPredicted = 0;
    let dotTrue = 0;
    for (let k = 0; k < trueCounts.length; k++) {
        dotTruePredicted += trueCounts[k] * predictedCounts[k];
        dotPredicted += predictedCounts[k] * predictedCounts[k];
        dotTrue += trueCounts[k] * trueCounts[k];
    }
    const covTruePredicted = correct * total - dotTruePredicted;
    const covPredicted = total * total - dotPredicted;
    const covTrue = total * total - dotTrue;
    return covPredicted * covTrue === 0 ? 0 : covTruePredicted / Math.sqrt(covTrue * covPredicted);
}
/** Every binary metric from the totals, with warnings for the ill-defined ones. */
function binaryValues(totals, threshold) {
    const warnings = [];
    const { positives: P, negatives: N, tp, fp } = totals;
    const fn = P - tp;
    const tn = N - fp;
    const rows = P + N;
    const at = `at decision threshold ${threshold}`;
    const noPositiveLabel = () => warnings.push(`recall, true_positive_rate, false_negative_rate: there is no row labelled 1, so these are 0/0; reported as 0 (scikit-learn's zero_division).`);
    const noNegativeLabel = () => warnings.push(`true_negative_rate, false_positive_rate: there is no row labelled 0, so these are 0/0; reported as 0 (scikit-learn's zero_division).`);
    const precision = ratio(tp, tp + fp, () => warnings.push(`precision: no row is predicted positive ${at}, so precision is 0/0; reported as 0 (scikit-learn's zero_division).`));
    const recall = ratio(tp, P, noPositiveLabel);
    const values = {
        accuracy: (tp + tn) / rows,
        precision,
        recall,
        f0_5: fBeta(precision, recall, 0.5),
        f1: fBeta(precision, recall, 1),
        f2: fBeta(precision, recall, 2),
        mcc: matthews(tp + tn, rows, [N, P], [tn + fn, tp + fp]),
        true_positive_rate: recall,
        false_negative_rate: P === 0 ? 0 : fn / P,
        true_negative_rate: ratio(tn, N, noNegativeLabel),
        false_positive_rate: N === 0 ? 0 : fp / N,
        balanced_accuracy: balancedAccuracy(totals, warnings, at)
    };
    if (P === 0 && tp + fp === 0) {
        warnings.push(`f0_5, f1, f2: there is neither a row labelled 1 nor a positive prediction ${at}, so the F-scores are 0/0; reported as 0 (scikit-learn's zero_division).`);
    }
    rankingMetrics(totals, values, warnings);
    return { values, warnings };
}
function balancedAccuracy(totals, warnings, at) {
    const { positives: P, negatives: N, tp, fp } = totals;
    const recalls = [];
    if (N > 0)
        recalls.push((N - fp) / N);
    if (P > 0)
        recalls.push(tp / P);
    const predictedWithoutLabel = (P === 0 && tp + fp > 0) || (N === 0 && P - tp + (N - fp) > 0);
    if (predictedWithoutLabel) {
        warnings.push(`balanced_accuracy: a class is predicted ${at} that never occurs in the labels; it is left out of the average, as scikit-learn does.`);
    }
    return recalls.reduce((a, b) => a + b, 0) / recalls.length;
}
function rankingMetrics(totals, values, warnings) {
    const { positives: P, negatives: N } = totals;
    const rows = P + N;
    if (P > 0 && N > 0)
        values.auc = totals.rankSum / (P * N);
    else {
        warnings.push(`auc: only one class occurs in the labels, so ROC AUC is not defined (scikit-learn raises); it is left out.`);
    }
    if (P > 0)
        values.average_precision = totals.precisionSum / P;
    else {
        values.average_precision = 0;
        warnings.push(`average_precision: there is no row labelled 1; reported as 0, as scikit-learn does.`);
    }
    if (totals.probabilities) {
        values.logloss = totals.logLoss / rows;
        values.brier = totals.brier / rows;
    }
    else {
        warnings.push(`logloss, brier: some scores lie outside [0, 1], so they are not probabilities (scikit-learn's brier_score_loss raises); both are left out.`);
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/random.js
// A small seeded generator, so that every random choice the engine makes (subsamples for
// standard deviations, bootstrap resamples) is the same on every run with the same seed:
// a gate decision must be reproducible from the data and the report.
//
// xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 - 1, 32-bit
// outputs that pass BigCrush; the state is filled from the seed with splitmix32 so that
// nearby seeds give unrelated streams.
function splitmix32(state) {
    const next = (state + 0x9e3779b9) | 0;
    let z = next;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return [next, (z ^ (z >>> 16)) >>> 0];
}
class Random {
    a;
    b;
    c;
    d;
    /** `seed` is any 32-bit integer; `stream` picks an independent sequence for the same seed. */
    constructor(seed, stream = 0) {
        let state = (seed ^ Math.imul(stream + 1, 0x632be5ab)) | 0;
        const words = [];
        for (let i = 0; i < 4; i++) {
            const [next, word] = splitmix32(state);
            state = next;
            words.push(word);
        }
        ;
        [this.a, this.b, this.c, this.d] = words;
        if ((this.a | this.b | this.c | this.d) === 0)
            this.a = 1;
    }
    /** A uniform 32-bit unsigned integer. */
    next() {
        const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
        const t = this.b << 9;
        this.c ^= this.a;
        this.d ^= this.b;
        this.b ^= this.c;
        this.a ^= this.d;
        this.c ^= t;
        this.d = rotl(this.d, 11);
        return result;
    }
    boundN = 0;
    boundThreshold = 0;
    /** A uniform integer in [0, n), n <= 2^32, without modulo bias (Lemire's method). */
    below(n) {
        if (n !== this.boundN) {
            // Draws whose low part falls below 2^32 mod n would make some results likelier.
            this.boundN = n;
            this.boundThreshold = 0x100000000 % n;
        }
        if (n <= 0x200000) {
            // The product of a 32-bit draw and n < 2^21 stays exact below 2^53; its high 32 bits
            // are the result (a multiplication by 2^-32 is exact), its low ones decide rejection.
            for (;;) {
                const product = this.next() * n;
                const high = Math.floor(product * 2.3283064365386963e-10);
                if (product - high * 0x100000000 >= this.boundThreshold)
                    return high;
            }
        }
        const limit = 0x100000000 - this.boundThreshold;
        for (;;) {
            const draw = this.next();
            if (draw < limit)
                return draw % n;
        }
    }
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}
/**
 * A 16-bit draw below this keeps a row in a subsample: 52429 / 65536 = 0.800003, the 80%
 * that SageMaker Model Monitor samples to estimate a standard deviation. Sixteen bits
 * make two decisions per 32-bit draw.
 */
const KEEP_16 = 52429;

;// CONCATENATED MODULE: ./build/src/evaluation/binary-scan.js
// The one pass behind every binary metric: all scores from the highest down, a group of
// equal scores at a time, with running counts of positives and negatives above.
//
// The scores arrive as sorted runs (one per stored block, or one per class), merged on
// the fly through a max-heap of the runs' current heads, so sorted data never needs a
// second, contiguous copy. Replicate 0 counts every row; replicates 1..5 are the 80%
// subsamples behind Model Monitor's standard deviations: each row is kept in each with
// probability 52429/65536 = 0.800003, decided by 16-bit halves of seeded 32-bit draws.


/** The runs' current heads in a max-heap: the next highest score is always on top. */
class RunHeap {
    runs;
    heap;
    cursor;
    head;
    size = 0;
    constructor(runs) {
        this.runs = runs;
        this.heap = new Int32Array(runs.length);
        this.cursor = new Int32Array(runs.length);
        this.head = new Float64Array(runs.length);
        runs.forEach((run, r) => {
            if (run.length === 0)
                return;
            this.cursor[r] = run.length - 1;
            this.head[r] = run[run.length - 1];
            this.heap[this.size++] = r;
        });
        for (let i = (this.size >> 1) - 1; i >= 0; i--)
            this.siftDown(i);
    }
    top() {
        return this.head[this.heap[0]];
    }
    topRun() {
        return this.heap[0];
    }
    /** Consumes the top run's values equal to `value`; returns how many. */
    takeEqual(value) {
        const r = this.heap[0];
        const run = this.runs[r];
        let c = this.cursor[r];
        const start = c;
        while (c >= 0 && run[c] === value)
            c--;
        this.cursor[r] = c;
        if (c >= 0)
            this.head[r] = run[c];
        else
            this.heap[0] = this.heap[--this.size];
        if (this.size > 1)
            this.siftDown(0);
        return start - c;
    }
    siftDown(i) {
        const { heap, head, size } = this;
        const r = heap[i];
        const value = head[r];
        for (;;) {
            let child = 2 * i + 1;
            if (child >= size)
                break;
            if (child + 1 < size && head[heap[child + 1]] > head[heap[child]])
                child++;
            if (head[heap[child]] <= value)
                break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = r;
    }
}
/** Running sums of each replicate, updated a group of tied scores at a time. */
class Accumulators {
    replicates;
    dp;
    dn;
    tp;
    fp;
    tpAt;
    fpAt;
    rank;
    precision;
    loss;
    brier;
    // Replicate 0 is what is reported: its sums are compensated (Neumaier).
    lossError = 0;
    brierError = 0;
    constructor(replicates) {
        this.replicates = replicates;
        const make = () => new Float64Array(replicates);
        [this.dp, this.dn, this.tp, this.fp, this.tpAt, this.fpAt] = [
            make(),
            make(),
            make(),
            make(),
            make(),
            make()
        ];
        [this.rank, this.precision, this.loss, this.brier] = [make(), make(), make(), make()];
    }
    /** Closes a group of equal scores: dp[r] positives and dn[r] negatives of replicate r. */
    group(score, predicted) {
        const { dp, dn, tp, fp, rank, precision, loss, brier } = this;
        // Subsamples hold a subset of the group's rows: a class absent from replicate 0 is
        // absent from all, and its logarithm is not needed.
        const clipped = Math.min(Math.max(score, LOGLOSS_EPS), 1 - LOGLOSS_EPS);
        const total = 1 - clipped + clipped;
        const lossPositive = dp[0] > 0 ? -Math.log(clipped / total) : 0;
        const lossNegative = dn[0] > 0 ? -Math.log((1 - clipped) / total) : 0;
        const brierPositive = (1 - score) * (1 - score);
        const brierNegative = score * score;
        for (let r = 0; r < this.replicates; r++) {
            const p = dp[r];
            const n = dn[r];
            dp[r] = 0;
            dn[r] = 0;
            if (p === 0 && n === 0)
                continue;
            rank[r] += n * (tp[r] + p / 2);
            const t = (tp[r] += p);
            const f = (fp[r] += n);
            if (p > 0)
                precision[r] += (p * t) / (t + f);
            if (predicted) {
                this.tpAt[r] = t;
                this.fpAt[r] = f;
            }
            const l = p * lossPositive + n * lossNegative;
            const b = p * brierPositive + n * brierNegative;
            if (r === 0) {
                this.lossError += compensation(loss[0], l);
                this.brierError += compensation(brier[0], b);
            }
            loss[r] += l;
            brier[r] += b;
        }
    }
    totals(probabilities) {
        return Array.from({ length: this.replicates }, (_, r) => ({
            positives: this.tp[r],
            negatives: this.fp[r],
            tp: this.tpAt[r],
            fp: this.fpAt[r],
            rankSum: this.rank[r],
            precisionSum: this.precision[r],
            logLoss: this.loss[r] + (r === 0 ? this.lossError : 0),
            brier: this.brier[r] + (r === 0 ? this.brierError : 0),
            probabilities
        }));
    }
}
/** The low-order bits lost when x is added to sum (Neumaier). */
function compensation(sum, x) {
    const t = sum + x;
    return Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
}
/** Counts `count` rows into replicate 0 and, each kept with probability 0.8, into the others. */
function countRows(into, count, replicates, random) {
    into[0] += count;
    for (let i = 0; i < count; i++) {
        for (let r = 1; r < replicates; r += 2) {
            const draw = random.next();
            if ((draw & 0xffff) < KEEP_16)
                into[r]++;
            if (r + 1 < replicates && draw >>> 16 < KEEP_16)
                into[r + 1]++;
        }
    }
}
/**
 * The totals of replicate 0 (all rows) and of `replicates - 1` subsamples, in one pass.
 * Rows are predicted positive when score >= threshold.
 */
function scanScores(scores, threshold, replicates, seed) {
    const runs = [...scores.positives, ...scores.negatives];
    const firstNegative = scores.positives.length;
    const heap = new RunHeap(runs);
    const acc = new Accumulators(replicates);
    const random = new Random(seed);
    let probabilities = true;
    while (heap.size > 0) {
        const score = heap.top();
        do {
            const into = heap.topRun() < firstNegative ? acc.dp : acc.dn;
            countRows(into, heap.takeEqual(score), replicates, random);
        } while (heap.size > 0 && heap.top() === score);
        if (score < 0 || score > 1)
            probabilities = false;
        acc.group(score, score >= threshold);
    }
    return acc.totals(probabilities);
}

;// CONCATENATED MODULE: ./build/src/evaluation/sorting.js
// Sorting and searching finite doubles. AUC, average precision and DeLong's test need
// the scores in order; a least-significant-digit radix sort on the IEEE bits is about
// twice as fast as TypedArray.prototype.sort on millions of scores, and exact.
const RADIX_BITS = 8;
const BUCKETS = 1 << RADIX_BITS;
const PASSES = 64 / RADIX_BITS;
function byteView(values) {
    return new Uint8Array(values.buffer, values.byteOffset, values.length * 8);
}
/** Byte positions of the digits, least significant first, on this machine's byte order. */
const DIGIT_BYTES = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f
    ? [0, 1, 2, 3, 4, 5, 6, 7]
    : [7, 6, 5, 4, 3, 2, 1, 0];
function histograms(values) {
    const counts = new Uint32Array(BUCKETS * PASSES);
    const bytes = byteView(values);
    for (let pass = 0; pass < PASSES; pass++) {
        const base = pass * BUCKETS;
        for (let j = DIGIT_BYTES[pass]; j < bytes.length; j += 8)
            counts[base + bytes[j]]++;
    }
    return counts;
}
/** Reverses values[from, to) in place. */
function reverse(values, from, to) {
    for (let i = from, j = to - 1; i < j; i++, j--) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
    }
}
/**
 * Sorts finite doubles ascending (-0 before 0), in place, and returns them. No NaN.
 * `scratch`, when at least as long, is used as the working buffer instead of a new one:
 * sorting many blocks with one scratch touches no new memory.
 */
function sortAscending(values, scratch) {
    const n = values.length;
    if (n < 2)
        return values;
    const counts = histograms(values);
    let source = values;
    let target = scratch !== undefined && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
    for (let pass = 0; pass < PASSES; pass++) {
        const base = pass * BUCKETS;
        let sum = 0;
        let trivial = false;
        for (let d = 0; d < BUCKETS; d++) {
            const c = counts[base + d];
            if (c === n)
                trivial = true;
            counts[base + d] = sum;
            sum += c;
        }
        if (trivial)
            continue;
        const digits = byteView(source);
        for (let i = 0, j = DIGIT_BYTES[pass]; i < n; i++, j += 8) {
            target[counts[base + digits[j]]++] = source[i];
        }
        const swap = source;
        source = target;
        target = swap;
    }
    if (source !== values)
        values.set(source);
    // Sorted as unsigned bit patterns, the negative numbers come last and in descending
    // order: [positives ascending, negatives descending] -> [negatives ascending, positives].
    let negatives = 0;
    while (negatives < n && 1 / values[n - 1 - negatives] < 0)
        negatives++;
    if (negatives > 0) {
        reverse(values, 0, n);
        reverse(values, negatives, n);
    }
    return values;
}
/** The number of values in the ascending array that are < x, or <= x when `inclusive`. */
function countBelow(sorted, x, inclusive) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const value = sorted[mid];
        if (value < x || (inclusive && value === x))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** The number of values in the ascending array that are < x. */
function lowerBound(sorted, x) {
    return countBelow(sorted, x, false);
}
/** The number of values in the ascending array that are <= x. */
function upperBound(sorted, x) {
    return countBelow(sorted, x, true);
}
/** The share of `sorted` below x, ties counting one half. */
function midrankShare(sorted, x) {
    return (lowerBound(sorted, x) + upperBound(sorted, x)) / 2 / sorted.length;
}
/** The distinct values of an ascending array. */
function distinctValues(sorted) {
    let count = 0;
    for (let i = 0; i < sorted.length; i++)
        if (i === 0 || sorted[i] !== sorted[i - 1])
            count++;
    const out = new Float64Array(count);
    for (let i = 0, k = 0; i < sorted.length; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1])
            out[k++] = sorted[i];
    }
    return out;
}

;// CONCATENATED MODULE: ./build/src/evaluation/binary.js
// Binary classification metrics, as scikit-learn 1.2 computes them, from labels 0/1 and
// one score per row (a probability of class 1, or any score for the ranking metrics).
// A row is predicted positive when its score is >= the decision threshold.
//
// All metrics come from one pass over the scores, from the highest down, a group of equal
// scores at a time (binary-scan.ts):
// - auc: the Mann-Whitney statistic, P(score of a positive > score of a negative) with
//   ties counting one half. It equals scikit-learn's trapezoidal area under the ROC curve,
//   where a group of tied scores is one point of the curve;
// - average_precision: sum over distinct scores, from the top, of
//   (recall step) x (precision at that score): scikit-learn's step-wise definition, no
//   interpolation;
// - logloss: each probability clipped to [eps, 1 - eps] with eps = 2^-52 (float64's
//   machine epsilon, scikit-learn 1.2's eps="auto"), the pair (1 - p, p) renormalised to
//   sum 1 as scikit-learn does, then -log of the true class's probability, averaged;
// - brier: mean of (p - y)^2;
// - the threshold metrics from the confusion counts (binary-values.ts, which also lists
//   how degenerate data is reported).





/** Splits row-ordered labels (0/1) and scores into sorted positive and negative scores. */
function sortScores(labels, scores) {
    let positives = 0;
    for (let i = 0; i < labels.length; i++)
        positives += labels[i];
    const pos = new Float64Array(positives);
    const neg = new Float64Array(labels.length - positives);
    for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
        if (labels[i] === 1)
            pos[p++] = scores[i];
        else
            neg[q++] = scores[i];
    }
    return { positives: [sortAscending(pos)], negatives: [sortAscending(neg)] };
}
/** The scores of one class as one ascending array (merging runs when there are several). */
function contiguous(runs) {
    if (runs.length === 1)
        return runs[0];
    const out = new Float64Array(runs.reduce((n, run) => n + run.length, 0));
    let offset = 0;
    for (const run of runs) {
        out.set(run, offset);
        offset += run.length;
    }
    return sortAscending(out);
}
function count(runs) {
    return runs.reduce((n, run) => n + run.length, 0);
}
/** The metrics of one data set, with Model Monitor's standard deviations. */
function binaryMetrics(scores, options = {}) {
    const threshold = options.threshold ?? 0.5;
    const rows = count(scores.positives) + count(scores.negatives);
    const replicates = wantsDeviation(rows) ? 1 + SUBSAMPLES : 1;
    const totals = scanScores(scores, threshold, replicates, options.seed ?? DEFAULT_SEED);
    const full = binaryValues(totals[0], threshold);
    const subsamples = totals.slice(1).map(t => binaryValues(t, threshold).values);
    const { tp, fp, positives, negatives } = totals[0];
    return {
        rows,
        threshold,
        positives,
        negatives,
        confusion: { tp, fp, tn: negatives - fp, fn: positives - tp },
        values: full.values,
        standardDeviations: deviations(BINARY_METRICS, subsamples),
        warnings: full.warnings
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/multiclass.js
// Multiclass classification metrics, as scikit-learn 1.2 computes them, streamed: labels
// are classes 0..K-1, and each row's prediction is a class or K probabilities (then the
// predicted class is the first most probable one, as numpy's argmax picks).
//
// - accuracy: the share of rows predicted right;
// - precision, recall and F-beta per class, averaged two ways: `macro` (plain mean) and
//   `weighted` (by each class's number of rows), over the classes that occur in the
//   labels or the predictions: scikit-learn's default `labels`;
// - logloss (only with probabilities): each probability clipped to [eps, 1 - eps]
//   (eps = 2^-52), the row renormalised to sum 1 (scikit-learn 1.2 does so silently; we
//   also warn when rows are far from summing to 1), then -log of the true class's share,
//   averaged; with labels=range(K), so classes absent from the labels are allowed.
//
// Degenerate data, as scikit-learn 1.2: a class that occurs but is never predicted has
// precision 0/0, reported as 0 with a warning; a class predicted but absent from the
// labels has recall 0/0, reported as 0 with a warning; F-beta is 0 where precision and
// recall are both 0.



const MULTICLASS_METRICS = [
    'accuracy',
    'weighted_precision',
    'weighted_recall',
    'weighted_f0_5',
    'weighted_f1',
    'weighted_f2',
    'macro_precision',
    'macro_recall',
    'macro_f1',
    'logloss'
];
/** Confusion matrices hold K x K counts: more classes than this is not a classification. */
const MAX_CLASSES = 1000;
/** The predicted class of a probability row: the first largest value (numpy's argmax). */
function argmax(row) {
    let best = 0;
    for (let k = 1; k < row.length; k++)
        if (row[k] > row[best])
            best = k;
    return best;
}
/** A row's log loss as scikit-learn 1.2 computes it: clip, renormalise, -log. */
function rowLogLoss(row, label) {
    let total = 0;
    for (let k = 0; k < row.length; k++) {
        total += Math.min(Math.max(row[k], LOGLOSS_EPS), 1 - LOGLOSS_EPS);
    }
    const own = Math.min(Math.max(row[label], LOGLOSS_EPS), 1 - LOGLOSS_EPS);
    return -Math.log(own / total);
}
/** Counts of one replicate: a K x K confusion matrix and the summed log loss. */
class Counts {
    classes;
    confusion;
    loss = 0;
    lossError = 0;
    constructor(classes) {
        this.classes = classes;
        this.confusion = new Float64Array(classes * classes);
    }
    add(label, predicted, loss) {
        this.confusion[label * this.classes + predicted]++;
        const t = this.loss + loss;
        this.lossError +=
            Math.abs(this.loss) >= Math.abs(loss) ? this.loss - t + loss : loss - t + this.loss;
        this.loss = t;
    }
    resize(classes) {
        const next = new Float64Array(classes * classes);
        for (let t = 0; t < this.classes; t++) {
            next.set(this.confusion.subarray(t * this.classes, (t + 1) * this.classes), t * classes);
        }
        this.confusion = next;
        this.classes = classes;
    }
}
/**
 * Streams rows into the metrics. `classes` is K when known (probability columns, or
 * given); otherwise it grows to the largest class seen + 1.
 */
class MulticlassAccumulator {
    classes;
    probabilities;
    replicas;
    randoms;
    rows = 0;
    farFromOne = 0;
    /** The classes the report has: at least the K given, and every class seen. */
    reported;
    constructor(classes, probabilities, seed = DEFAULT_SEED) {
        this.classes = classes;
        this.probabilities = probabilities;
        this.reported = classes;
        this.replicas = Array.from({ length: 1 + SUBSAMPLES }, () => new Counts(classes));
        this.randoms = Array.from({ length: 1 + SUBSAMPLES }, (_, r) => new Random(seed, r));
    }
    /** One row: its label, its predicted class and (with probabilities) its log loss. */
    add(label, predicted, loss = 0) {
        const needed = Math.max(label, predicted) + 1;
        if (needed > this.reported) {
            this.reported = needed;
            if (needed > this.classes)
                this.grow(needed);
        }
        this.rows++;
        this.replicas[0].add(label, predicted, loss);
        for (let r = 1; r <= SUBSAMPLES; r++) {
            if (this.randoms[r].next() >>> 16 < KEEP_16)
                this.replicas[r].add(label, predicted, loss);
        }
    }
    /** Counts a probability row whose sum is far from 1, for the warning. */
    noteRowSum(sum) {
        if (Math.abs(sum - 1) > 1e-3)
            this.farFromOne++;
    }
    grow(needed) {
        this.classes = Math.max(needed, Math.min(MAX_CLASSES, this.classes * 2));
        for (const counts of this.replicas)
            counts.resize(this.classes);
    }
    /** The report; `atLeast` widens the confusion matrix to K classes when fewer were seen. */
    finish(atLeast = 0) {
        const classes = Math.max(atLeast, this.reported);
        if (classes > this.classes)
            this.grow(classes);
        const full = multiclassValues(this.replicas[0], this.probabilities);
        const subsamples = wantsDeviation(this.rows)
            ? this.replicas.slice(1).map(counts => multiclassValues(counts, this.probabilities).values)
            : [];
        const warnings = [...full.warnings];
        if (this.farFromOne > 0) {
            warnings.push(`logloss: ${this.farFromOne} row${this.farFromOne === 1 ? '' : 's'} of probabilities sum${this.farFromOne === 1 ? 's' : ''} to more than 0.001 away from 1; each row was renormalised, as scikit-learn 1.2 does.`);
        }
        // Classes past `classes` exist only from growing by doubling, and hold no rows.
        const stride = this.replicas[0].classes;
        const matrix = this.replicas[0].confusion;
        return {
            rows: this.rows,
            classes,
            confusion: Array.from({ length: classes }, (_, t) => Array.from(matrix.subarray(t * stride, t * stride + classes))),
            values: full.values,
            standardDeviations: deviations(MULTICLASS_METRICS, subsamples),
            warnings
        };
    }
}
/** Per-class precision, recall and F-scores, averaged, from a confusion matrix (and log loss). */
function multiclassValues(counts, probabilities) {
    const K = counts.classes;
    const m = counts.confusion;
    const truth = new Float64Array(K);
    const predicted = new Float64Array(K);
    let correct = 0;
    let rows = 0;
    for (let t = 0; t < K; t++) {
        for (let p = 0; p < K; p++) {
            const c = m[t * K + p];
            truth[t] += c;
            predicted[p] += c;
            rows += c;
        }
        correct += m[t * K + t];
    }
    const present = [];
    for (let k = 0; k < K; k++)
        if (truth[k] > 0 || predicted[k] > 0)
            present.push(k);
    const warnings = [];
    const neverPredicted = present.filter(k => predicted[k] === 0);
    const neverTrue = present.filter(k => truth[k] === 0);
    if (neverPredicted.length > 0) {
        warnings.push(`macro_precision, weighted_precision: class${neverPredicted.length === 1 ? '' : 'es'} ${neverPredicted.join(', ')} never predicted, so precision is 0/0 there; reported as 0 (scikit-learn's zero_division).`);
    }
    if (neverTrue.length > 0) {
        warnings.push(`macro_recall, weighted_recall: class${neverTrue.length === 1 ? '' : 'es'} ${neverTrue.join(', ')} predicted but absent from the labels, so recall is 0/0 there; reported as 0 (scikit-learn's zero_division).`);
    }
    const precision = present.map(k => (predicted[k] > 0 ? m[k * K + k] / predicted[k] : 0));
    const recall = present.map(k => (truth[k] > 0 ? m[k * K + k] / truth[k] : 0));
    const weights = present.map(k => truth[k]);
    const f = (beta) => precision.map((p, i) => fBeta(p, recall[i], beta));
    const values = {
        accuracy: correct / rows,
        weighted_precision: weightedMean(precision, weights),
        weighted_recall: weightedMean(recall, weights),
        weighted_f0_5: weightedMean(f(0.5), weights),
        weighted_f1: weightedMean(f(1), weights),
        weighted_f2: weightedMean(f(2), weights),
        macro_precision: mean(precision),
        macro_recall: mean(recall),
        macro_f1: mean(f(1))
    };
    if (probabilities)
        values.logloss = (counts.loss + (counts.lossError ?? 0)) / rows;
    return { values, warnings };
}
function mean(values) {
    return values.reduce((a, b) => a + b, 0) / values.length;
}
function weightedMean(values, weights) {
    let total = 0;
    let weight = 0;
    for (let i = 0; i < values.length; i++) {
        total += values[i] * weights[i];
        weight += weights[i];
    }
    return total / weight;
}

;// CONCATENATED MODULE: ./build/src/evaluation/regression.js
// Regression metrics, as scikit-learn 1.2 defines them, streamed row by row:
// - mae, mse, rmse = sqrt(mse);
// - mape: mean of |y - prediction| / max(|y|, eps), eps = 2^-52 (scikit-learn's
//   definition: a fraction, not a percentage, and huge where y is 0);
// - r2 = 1 - sum((y - prediction)^2) / sum((y - mean y)^2);
// - explained_variance = 1 - var(y - prediction) / var(y).
// Sums are compensated (Neumaier) and variances use Welford's update, so a stream of any
// length agrees with scikit-learn's two-pass numpy arithmetic to about 1e-15 relative.
//
// Degenerate data, as scikit-learn 1.2 (force_finite=True): when the labels are constant,
// r2 and explained_variance are 1 for a perfect fit and 0 otherwise; r2 on fewer than two
// rows is undefined (scikit-learn warns and returns NaN): it is absent, with a warning.
// One difference, on purpose: for constant labels that are not exact in binary (0.1, say)
// numpy's mean can differ from the labels by a unit in the last place, so scikit-learn
// divides by a variance of 1e-33 and reports r2 = -1e31; Welford's mean of equal values is
// exact, and we report the force_finite value the definition asks for.


const REGRESSION_METRICS = [
    'mae',
    'mse',
    'rmse',
    'r2',
    'mape',
    'explained_variance'
];
/** Running moments of one replicate. */
class Moments {
    rows = 0;
    absolute = new Sum();
    squared = new Sum();
    percentage = new Sum();
    meanY = 0;
    spreadY = 0;
    meanError = 0;
    spreadError = 0;
    add(y, prediction) {
        const error = y - prediction;
        this.rows++;
        this.absolute.add(Math.abs(error));
        this.squared.add(error * error);
        this.percentage.add(Math.abs(prediction - y) / Math.max(Math.abs(y), MACHINE_EPSILON));
        const dy = y - this.meanY;
        this.meanY += dy / this.rows;
        this.spreadY += dy * (y - this.meanY);
        const de = error - this.meanError;
        this.meanError += de / this.rows;
        this.spreadError += de * (error - this.meanError);
    }
    values() {
        const n = this.rows;
        const sse = this.squared.value;
        const mse = sse / n;
        const values = {
            mae: this.absolute.value / n,
            mse,
            rmse: Math.sqrt(mse),
            mape: this.percentage.value / n,
            explained_variance: forceFinite(this.spreadError, this.spreadY)
        };
        const warnings = [];
        if (n < 2) {
            warnings.push('r2: fewer than two rows, so R^2 is not defined (scikit-learn returns NaN); it is left out.');
        }
        else
            values.r2 = forceFinite(sse, this.spreadY);
        return { values, warnings };
    }
}
/** 1 - numerator / denominator, with scikit-learn's force_finite rule for a zero denominator. */
function forceFinite(numerator, denominator) {
    if (numerator === 0)
        return 1;
    if (denominator === 0)
        return 0;
    return 1 - numerator / denominator;
}
/** Streams (label, prediction) rows into the metrics. */
class RegressionAccumulator {
    replicas = Array.from({ length: 1 + SUBSAMPLES }, () => new Moments());
    randoms;
    constructor(seed = DEFAULT_SEED) {
        this.randoms = Array.from({ length: 1 + SUBSAMPLES }, (_, r) => new Random(seed, r));
    }
    add(y, prediction) {
        this.replicas[0].add(y, prediction);
        for (let r = 1; r <= SUBSAMPLES; r++) {
            if (this.randoms[r].next() >>> 16 < KEEP_16)
                this.replicas[r].add(y, prediction);
        }
    }
    finish() {
        const full = this.replicas[0].values();
        const rows = this.replicas[0].rows;
        const subsamples = wantsDeviation(rows)
            ? this.replicas.slice(1).map(m => m.values().values)
            : [];
        return {
            rows,
            values: full.values,
            standardDeviations: deviations(REGRESSION_METRICS, subsamples),
            warnings: full.warnings
        };
    }
}

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
/**
 * What an S3 URI was asked to be, and, when the text starts like one, what is wrong with its
 * bucket: "s3://b/model.tar.gz" is refused for its one-letter bucket, not for its shape.
 */
function s3UriExpected(value, example) {
    const bucket = /^s3:\/\/([^/\s]*)/.exec(value.trim())?.[1];
    const expected = `an S3 URI such as ${example}`;
    if (bucket === undefined || S3_URI.test(`s3://${bucket}`))
        return expected;
    return `${expected} (bucket ${JSON.stringify(bucket)} is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)`;
}
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sagemaker/dist-cjs/index.js
var client_sagemaker_dist_cjs = __webpack_require__(4459);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/evaluation/blocks.js
// Growable columns of numbers for data of unknown length. Values go into blocks that
// double in size up to a cap, so growing never copies what is already stored (a doubling
// array would hold the old and the new copy at once: twice the memory at the worst
// moment), and there are few blocks to merge later. A new block's pages cost nothing
// until values are written into them.

/** The first block's length (8 MiB of doubles); each next one doubles, up to MAX_BLOCK. */
const FIRST_BLOCK = 1 << 20;
const MAX_BLOCK = 1 << 22;
class Column {
    make;
    blocks = [];
    current;
    used = 0;
    length = 0;
    constructor(make) {
        this.make = make;
        this.current = make(0);
    }
    push(value) {
        if (this.used === this.current.length)
            this.grow();
        this.current[this.used++] = value;
        this.length++;
    }
    grow() {
        const size = Math.min(FIRST_BLOCK * 2 ** this.blocks.length, MAX_BLOCK);
        this.current = this.make(size);
        this.blocks.push(this.current);
        this.used = 0;
    }
    /** The stored values, block by block, without copying. */
    parts() {
        return this.blocks.map((block, i) => i === this.blocks.length - 1 ? block.subarray(0, this.used) : block);
    }
    /** The values in one array of exactly `length`; the column is emptied to free its blocks. */
    take() {
        const out = this.make(this.length);
        let offset = 0;
        for (const part of this.parts()) {
            out.set(part, offset);
            offset += part.length;
        }
        this.blocks = [];
        this.current = this.make(0);
        this.used = 0;
        this.length = 0;
        return out;
    }
}
class Float64Column extends Column {
    constructor() {
        super(length => new Float64Array(length));
    }
    /**
     * Sorts each block ascending in place and returns the sorted runs: sorted data with no
     * copy of the column (merging the runs is the reader's job). `scratch` is reused for
     * every block when it is long enough.
     */
    sortedRuns(scratch) {
        return this.parts().map(part => sortAscending(part, scratch));
    }
}
class Uint8Column extends Column {
    constructor() {
        super(length => new Uint8Array(length));
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/distributions.js
// The few distribution functions the paired tests need, written here rather than taken
// from a package: the standard normal (DeLong's z, Wilson intervals), the chi-square with
// one degree of freedom (McNemar) and the binomial with p = 1/2 (exact McNemar).
//
// Accuracy (checked against scipy 1.10 in the unit tests):
// - erfc, normalSf/normalCdf: relative error below 1e-12 wherever the result is at
//   least 1e-300 (|z| < 37); further out the tail leaves the normal doubles and then
//   underflows to 0, as in scipy;
// - normalQuantile: below 1e-13 relative for p in [1e-300, 1 - 1e-16];
// - binomialCdfHalf: exact (integer arithmetic) for n <= 52.
//
// How: erf(x) for |x| < 1 from its series with positive terms only,
//   erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)),
// which has no cancellation, so it is accurate to a few units in the last place (and
// erfc = 1 - erf >= 0.157 there loses nothing); erfc(x) for x >= 1 from Laplace's
// continued fraction, evaluated with Lentz's method, so the far tail keeps its relative
// accuracy; the quantile by Newton's method on that cdf, started from Abramowitz and
// Stegun 26.2.23.
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SQRT2 = Math.SQRT2;
/** Below 1 the series; from 1 the continued fraction, which converges in <= 190 steps. */
const SERIES_LIMIT = 1;
/** erf(x) for |x| < 1 from the series of positive terms (odd in x). */
function erfSeries(x) {
    const a = Math.abs(x);
    const a2 = a * a;
    let term = a;
    let sum = a;
    for (let n = 1; n < 100; n++) {
        term *= (2 * a2) / (2 * n + 1);
        sum += term;
        if (term < sum * 1e-17)
            break;
    }
    const value = TWO_OVER_SQRT_PI * Math.exp(-a2) * sum;
    return x < 0 ? -value : value;
}
/** erfc(x) for x >= 1: exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcFraction(x) {
    const tiny = 1e-300;
    let f = x;
    let c = x;
    let d = 0;
    for (let k = 1; k < 400; k++) {
        const a = k / 2;
        d = x + a * d;
        d = d === 0 ? tiny : 1 / d;
        c = x + a / c;
        if (c === 0)
            c = tiny;
        const delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1) < 1e-16)
            break;
    }
    return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}
/** The error function. */
function erf(x) {
    if (Number.isNaN(x))
        return NaN;
    if (Math.abs(x) < SERIES_LIMIT)
        return erfSeries(x);
    return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1;
}
/** The complementary error function 1 - erf(x), accurate in relative terms for large x. */
function erfc(x) {
    if (Number.isNaN(x))
        return NaN;
    if (x >= SERIES_LIMIT)
        return erfcFraction(x);
    if (x <= -SERIES_LIMIT)
        return 2 - erfcFraction(-x);
    return 1 - erfSeries(x);
}
/** P(Z <= z) for a standard normal Z. */
function normalCdf(z) {
    return erfc(-z / SQRT2) / 2;
}
/** P(Z > z) for a standard normal Z, accurate in the upper tail. */
function normalSf(z) {
    return erfc(z / SQRT2) / 2;
}
function normalPdf(z) {
    return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
}
/** The z with P(Z <= z) = p, for 0 < p < 1. */
function normalQuantile(p) {
    if (!(p > 0 && p < 1)) {
        if (p === 0)
            return -Infinity;
        if (p === 1)
            return Infinity;
        return NaN;
    }
    if (p === 0.5)
        return 0;
    // Work in the tail that p is in, so that 1 - p never loses digits.
    const upper = p > 0.5;
    const tail = upper ? 1 - p : p;
    const t = Math.sqrt(-2 * Math.log(tail));
    let z = -(t -
        (2.515517 + 0.802853 * t + 0.010328 * t * t) /
            (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
    for (let i = 0; i < 50; i++) {
        const step = (normalCdf(z) - tail) / normalPdf(z);
        z -= step;
        if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z)))
            break;
    }
    return upper ? -z : z;
}
/** P(X > x) for X chi-square with one degree of freedom: P(|Z| > sqrt(x)). */
function chiSquare1Sf(x) {
    if (x <= 0)
        return 1;
    return erfc(Math.sqrt(x / 2));
}
/** P(X <= k) for X ~ Binomial(n, 1/2), exact for n <= 52. */
function binomialCdfHalf(k, n) {
    if (!Number.isInteger(n) || n < 0 || n > 52) {
        throw new RangeError(`binomialCdfHalf is exact only for whole n in [0, 52], got ${n}`);
    }
    if (k < 0)
        return 0;
    if (k >= n)
        return 1;
    // Pascal's triangle: every entry is an integer below 2^52, so every sum is exact.
    let row = [1];
    for (let m = 1; m <= n; m++) {
        const next = [1];
        for (let i = 1; i < m; i++)
            next.push(row[i - 1] + row[i]);
        next.push(1);
        row = next;
    }
    let count = 0;
    for (let i = 0; i <= Math.floor(k); i++)
        count += row[i];
    return count / 2 ** n;
}

;// CONCATENATED MODULE: ./build/src/evaluation/paired.js
// Paired comparison of a candidate and a baseline model scored on the same rows: is the
// difference in a metric real, and how large could it be?
//
// - AUC: DeLong's test (DeLong, DeLong and Clarke-Pearson, 1988) in Sun and Xu's fast
//   form (2014): each positive's and each negative's share of correctly ranked pairs
//   (midranks, so ties count one half) gives the covariance of the two AUCs without
//   bootstrapping; the delta is normal with that variance.
// - accuracy: McNemar's test on the rows where exactly one model is right: the exact
//   binomial test when there are fewer than 25 such rows, else the chi-square test with
//   continuity correction (statsmodels' `mcnemar(table, exact, correction=True)`). Its
//   interval is Newcombe's hybrid score interval for paired proportions (method 10,
//   1998), which stays honest with few discordant rows where the Wald interval collapses
//   to a point.
// - every other metric: a paired bootstrap: resample rows with replacement (the same rows
//   for both models), recompute both metrics, and read the percentile interval of the
//   differences (numpy's linear percentile); the p-value is twice the smaller share of
//   resampled differences on either side of 0, counting the observed data as one more
//   resample ((k + 1) / (m + 1)), capped at 1.
//
// Every comparison carries the two-sided (1 - alpha) interval `ci`, and one-sided
// (1 - alpha) bounds, `lower_bound` and `upper_bound`: what a non-inferiority decision
// needs (the lower end of a two-sided (1 - 2 alpha) interval is a one-sided (1 - alpha)
// bound). Where the data cannot give an interval (too few rows of a class), the interval,
// bounds and p-value are null and `note` says why: a decision must then fail closed.




function checkAlpha(alpha) {
    if (!(alpha > 0 && alpha < 0.5))
        throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
}
/** A normal delta with standard error `se`: interval, bounds and p-value. */
function normalComparison(candidate, baseline, se, alpha) {
    const delta = candidate - baseline;
    const two = normalQuantile(1 - alpha / 2) * se;
    const one = normalQuantile(1 - alpha) * se;
    let p;
    if (se > 0)
        p = 2 * normalSf(Math.abs(delta) / se);
    else
        p = delta === 0 ? 1 : 0;
    return {
        ci: [delta - two, delta + two],
        p_value: Math.min(1, p),
        lower_bound: delta - one,
        upper_bound: delta + one
    };
}
/** A running mean and sum of squared deviations (Welford). */
class Spread {
    n = 0;
    mean = 0;
    squares = 0;
    add(x) {
        this.n++;
        const d = x - this.mean;
        this.mean += d / this.n;
        this.squares += d * (x - this.mean);
    }
    /** The sample variance (n - 1), NaN below two values. */
    get variance() {
        return this.n < 2 ? NaN : this.squares / (this.n - 1);
    }
}
/**
 * DeLong's test of AUC(candidate) - AUC(baseline). `labels` and the two score arrays are
 * in row order; `sorted` holds each model's scores split by label and sorted (as
 * `sortScores` returns). `points` are the two AUCs when already known, so the comparison
 * repeats the reported values exactly. Undefined when the labels hold one class only.
 */
function delong(labels, candidate, baseline, sorted, alpha, points) {
    checkAlpha(alpha);
    const candidatePositives = contiguous(sorted.candidate.positives);
    const candidateNegatives = contiguous(sorted.candidate.negatives);
    const baselinePositives = contiguous(sorted.baseline.positives);
    const baselineNegatives = contiguous(sorted.baseline.negatives);
    const P = candidatePositives.length;
    const N = candidateNegatives.length;
    if (P === 0 || N === 0)
        return undefined;
    const positives = new Spread();
    const negatives = new Spread();
    const aucs = [new Spread(), new Spread()];
    for (let i = 0; i < labels.length; i++) {
        if (labels[i] === 1) {
            const a = midrankShare(candidateNegatives, candidate[i]);
            const b = midrankShare(baselineNegatives, baseline[i]);
            positives.add(a - b);
            aucs[0].add(a);
            aucs[1].add(b);
        }
        else {
            const a = 1 - midrankShare(candidatePositives, candidate[i]);
            const b = 1 - midrankShare(baselinePositives, baseline[i]);
            negatives.add(a - b);
        }
    }
    const aucCandidate = points?.candidate ?? aucs[0].mean;
    const aucBaseline = points?.baseline ?? aucs[1].mean;
    const base = { candidate: aucCandidate, baseline: aucBaseline, delta: aucCandidate - aucBaseline };
    const variance = positives.variance / P + negatives.variance / N;
    if (!Number.isFinite(variance)) {
        return ordered({
            ...base,
            ci: null,
            p_value: null,
            test: 'delong',
            alpha,
            lower_bound: null,
            upper_bound: null,
            note: `DeLong's variance needs at least 2 rows of each class (${P} labelled 1, ${N} labelled 0).`
        });
    }
    const se = Math.sqrt(variance);
    return ordered({
        ...base,
        ...normalComparison(aucCandidate, aucBaseline, se, alpha),
        test: 'delong',
        alpha
    });
}
/** Wilson's score interval for x successes in n, at confidence 1 - alpha (statsmodels' form). */
function wilsonInterval(x, n, alpha) {
    const z = normalQuantile(1 - alpha / 2);
    const z2 = z * z;
    const q = x / n;
    const denominator = 1 + z2 / n;
    const center = (q + z2 / (2 * n)) / denominator;
    const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denominator;
    return [center - half, center + half];
}
/** Newcombe's interval (method 10) for p(candidate right) - p(baseline right), paired. */
function newcombeInterval(table, alpha) {
    const { both: a, candidateOnly: b, baselineOnly: c, neither: d } = table;
    const n = a + b + c + d;
    const p1 = (a + b) / n;
    const p2 = (a + c) / n;
    const [l1, u1] = wilsonInterval(a + b, n, alpha);
    const [l2, u2] = wilsonInterval(a + c, n, alpha);
    const margins = (a + b) * (c + d) * (a + c) * (b + d);
    const phi = margins === 0 ? 0 : (a * d - b * c) / Math.sqrt(margins);
    const delta = p1 - p2;
    const below = (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2;
    const above = (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2;
    return [delta - Math.sqrt(Math.max(0, below)), delta + Math.sqrt(Math.max(0, above))];
}
/** McNemar's test of accuracy(candidate) - accuracy(baseline) on the paired table. */
function mcnemar(table, alpha) {
    checkAlpha(alpha);
    const { both, candidateOnly: b, baselineOnly: c, neither } = table;
    const n = both + b + c + neither;
    const discordant = b + c;
    let p;
    let test;
    if (discordant < 25) {
        test = 'mcnemar-exact';
        p = Math.min(1, 2 * binomialCdfHalf(Math.min(b, c), discordant));
    }
    else {
        test = 'mcnemar-chi2';
        p = chiSquare1Sf((Math.abs(b - c) - 1) ** 2 / discordant);
    }
    const ci = newcombeInterval(table, alpha);
    const [lower, upper] = newcombeInterval(table, 2 * alpha);
    return ordered({
        candidate: (both + b) / n,
        baseline: (both + c) / n,
        delta: (b - c) / n,
        ci,
        p_value: p,
        test,
        alpha,
        lower_bound: lower,
        upper_bound: upper,
        discordant: [b, c]
    });
}
/** numpy's default percentile (linear interpolation between order statistics), q in [0, 1]. */
function percentile(sorted, q) {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
/**
 * Draws paired bootstrap resamples of `rows` rows: `weights[i]` is how often row i was
 * drawn. `measure` returns, for each metric, candidate - baseline on the resample (NaN
 * when undefined there). Returns each metric's resampled deltas, sorted ascending.
 */
function bootstrapDeltas(rows, metrics, options, measure) {
    const random = new Random(options.seed, 0x5eed);
    const weights = new Uint32Array(rows);
    const deltas = Array.from({ length: metrics }, () => new Float64Array(options.resamples));
    const defined = new Uint32Array(metrics);
    for (let b = 0; b < options.resamples; b++) {
        weights.fill(0);
        for (let i = 0; i < rows; i++)
            weights[random.below(rows)]++;
        const result = measure(weights);
        for (let m = 0; m < metrics; m++) {
            const value = result[m];
            if (!Number.isNaN(value))
                deltas[m][defined[m]++] = value;
        }
    }
    return deltas.map((values, m) => values.slice(0, defined[m]).sort());
}
/**
 * A bootstrap comparison from the point values and the sorted resampled deltas. The
 * p-value counts the observed side too ((k + 1) / (m + 1), Davison and Hinkley), so it is
 * never 0: with m resamples nothing smaller than about 2 / m can be claimed.
 */
function bootstrapComparison(candidate, baseline, sortedDeltas, options) {
    checkAlpha(options.alpha);
    const { alpha, resamples, seed } = options;
    const m = sortedDeltas.length;
    const delta = candidate - baseline;
    if (m < resamples / 2) {
        return ordered({
            candidate,
            baseline,
            delta,
            ci: null,
            p_value: null,
            test: 'bootstrap',
            alpha,
            lower_bound: null,
            upper_bound: null,
            resamples,
            seed,
            note: `the metric is undefined on ${resamples - m} of ${resamples} resamples.`
        });
    }
    let atOrBelow = 0;
    let atOrAbove = 0;
    for (let i = 0; i < m; i++) {
        if (sortedDeltas[i] <= 0)
            atOrBelow++;
        if (sortedDeltas[i] >= 0)
            atOrAbove++;
    }
    return ordered({
        candidate,
        baseline,
        delta,
        ci: [percentile(sortedDeltas, alpha / 2), percentile(sortedDeltas, 1 - alpha / 2)],
        p_value: Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (m + 1)),
        test: 'bootstrap',
        alpha,
        lower_bound: percentile(sortedDeltas, alpha),
        upper_bound: percentile(sortedDeltas, 1 - alpha),
        resamples,
        seed,
        ...(m < resamples
            ? {
                note: `the metric is undefined on ${resamples - m} of ${resamples} resamples, which are left out.`
            }
            : {})
    });
}
const KEY_ORDER = [
    'candidate',
    'baseline',
    'delta',
    'ci',
    'p_value',
    'test',
    'alpha',
    'lower_bound',
    'upper_bound',
    'discordant',
    'resamples',
    'seed',
    'note'
];
/** The comparison with its keys in one fixed order, so reports and JSON read the same way. */
function ordered(comparison) {
    const out = {};
    for (const key of KEY_ORDER)
        if (comparison[key] !== undefined)
            out[key] = comparison[key];
    return out;
}

;// CONCATENATED MODULE: ./build/src/evaluation/compare.js
// Paired comparisons for each task: which test each metric gets, and the bootstrap's
// per-resample arithmetic. Rows carry integer weights (how often the resample drew them),
// and every metric is recomputed from weighted sums, the same formulas as for the full
// data (binaryValues, multiclassValues, forceFinite).






/**
 * The paired bootstrap for every metric of `all` but those in `skip` (compared by their
 * own tests) that both models have a value for.
 */
function runBootstrap(all, skip, rows, values, options, measure) {
    const reports = { candidate: values.candidate.values, baseline: values.baseline.values };
    const names = all.filter(n => !skip.includes(n) && reports.candidate[n] !== undefined && reports.baseline[n] !== undefined);
    const out = {};
    if (names.length === 0)
        return out;
    const deltas = bootstrapDeltas(rows, names.length, options, weights => {
        const [c, b] = measure(weights);
        return names.map(n => (c[n] ?? NaN) - (b[n] ?? NaN));
    });
    names.forEach((name, m) => {
        out[name] = bootstrapComparison(reports.candidate[name], reports.baseline[name], deltas[m], options);
    });
    return out;
}
/** Binary: DeLong for auc, McNemar for accuracy, the bootstrap for the rest. */
function compareBinary(data, reports, sorted, options) {
    const { labels, candidate, baseline } = data;
    const out = {};
    const auc = delong(labels, candidate, baseline, sorted, options.alpha, {
        candidate: reports.candidate.values.auc ?? NaN,
        baseline: reports.baseline.values.auc ?? NaN
    });
    if (auc)
        out.auc = auc;
    const table = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 };
    for (let i = 0; i < labels.length; i++) {
        const positive = labels[i] === 1;
        tally(table, candidate[i] >= options.threshold === positive, baseline[i] >= options.threshold === positive);
    }
    out.accuracy = mcnemar(table, options.alpha);
    const measure = binaryResample(data, options.threshold);
    const rest = runBootstrap(BINARY_METRICS, ['auc', 'accuracy'], labels.length, reports, options, measure);
    return { ...out, ...rest };
}
function tally(table, candidateRight, baselineRight) {
    if (candidateRight && baselineRight)
        table.both++;
    else if (candidateRight)
        table.candidateOnly++;
    else if (baselineRight)
        table.baselineOnly++;
    else
        table.neither++;
}
function scoredRows(labels, scores, threshold) {
    const n = labels.length;
    const distinct = distinctValues(sortAscending(scores.slice()));
    const rows = {
        predicted: new Uint8Array(n),
        loss: new Float64Array(n),
        brier: new Float64Array(n),
        group: new Uint32Array(n),
        groups: distinct.length,
        probabilities: true,
        positivesAt: new Float64Array(distinct.length),
        negativesAt: new Float64Array(distinct.length)
    };
    for (let i = 0; i < n; i++) {
        const s = scores[i];
        const positive = labels[i] === 1;
        const [lossPositive, lossNegative] = logLossTerms(s);
        rows.predicted[i] = s >= threshold ? 1 : 0;
        rows.loss[i] = positive ? lossPositive : lossNegative;
        rows.brier[i] = positive ? (1 - s) * (1 - s) : s * s;
        rows.group[i] = lowerBound(distinct, s);
        if (s < 0 || s > 1)
            rows.probabilities = false;
    }
    return rows;
}
/** One model's totals on a resample. */
function weightedBinaryTotals(labels, rows, weights) {
    const { positivesAt, negativesAt } = rows;
    positivesAt.fill(0);
    negativesAt.fill(0);
    const totals = {
        positives: 0,
        negatives: 0,
        tp: 0,
        fp: 0,
        rankSum: 0,
        precisionSum: 0,
        logLoss: 0,
        brier: 0,
        probabilities: rows.probabilities
    };
    for (let i = 0; i < labels.length; i++) {
        const w = weights[i];
        if (w === 0)
            continue;
        const predicted = rows.predicted[i] === 1;
        if (labels[i] === 1) {
            totals.positives += w;
            positivesAt[rows.group[i]] += w;
            if (predicted)
                totals.tp += w;
        }
        else {
            totals.negatives += w;
            negativesAt[rows.group[i]] += w;
            if (predicted)
                totals.fp += w;
        }
        totals.logLoss += w * rows.loss[i];
        totals.brier += w * rows.brier[i];
    }
    let tp = 0;
    let fp = 0;
    for (let g = rows.groups - 1; g >= 0; g--) {
        tp += positivesAt[g];
        fp += negativesAt[g];
        if (positivesAt[g] > 0)
            totals.precisionSum += (positivesAt[g] * tp) / (tp + fp);
    }
    return totals;
}
/** The binary metrics of both models on a resample (everything but auc and accuracy is used). */
function binaryResample(data, threshold) {
    const candidate = scoredRows(data.labels, data.candidate, threshold);
    const baseline = scoredRows(data.labels, data.baseline, threshold);
    return weights => [
        binaryValues(weightedBinaryTotals(data.labels, candidate, weights), threshold).values,
        binaryValues(weightedBinaryTotals(data.labels, baseline, weights), threshold).values
    ];
}
/** The multiclass metrics of both models on a resample. */
function multiclassResample(data) {
    const { labels, classes } = data;
    const one = (model, weights) => {
        const confusion = new Float64Array(classes * classes);
        let loss = 0;
        for (let i = 0; i < labels.length; i++) {
            const w = weights[i];
            if (w === 0)
                continue;
            confusion[labels[i] * classes + model.predicted[i]] += w;
            if (model.losses)
                loss += w * model.losses[i];
        }
        return multiclassValues({ classes, confusion, loss }, model.losses !== undefined).values;
    };
    return weights => [one(data.candidate, weights), one(data.baseline, weights)];
}
/** Multiclass: McNemar for accuracy, the bootstrap for the rest. */
function compareMulticlass(data, reports, options) {
    const { labels, candidate, baseline } = data;
    const table = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 };
    for (let i = 0; i < labels.length; i++) {
        tally(table, candidate.predicted[i] === labels[i], baseline.predicted[i] === labels[i]);
    }
    const measure = multiclassResample(data);
    const rest = runBootstrap(MULTICLASS_METRICS, ['accuracy'], labels.length, reports, options, measure);
    return { accuracy: mcnemar(table, options.alpha), ...rest };
}
/** One model's regression metrics on a resample, from shifted weighted sums. */
function weightedRegression(labels, predictions, weights, centers) {
    let W = 0, absolute = 0, squared = 0, percentage = 0, dy = 0, dy2 = 0, de = 0, de2 = 0;
    for (let i = 0; i < labels.length; i++) {
        const w = weights[i];
        if (w === 0)
            continue;
        const y = labels[i];
        const e = y - predictions[i];
        W += w;
        absolute += w * Math.abs(e);
        squared += w * e * e;
        percentage += (w * Math.abs(e)) / Math.max(Math.abs(y), MACHINE_EPSILON);
        dy += w * (y - centers.label);
        dy2 += w * (y - centers.label) ** 2;
        de += w * (e - centers.error);
        de2 += w * (e - centers.error) ** 2;
    }
    const spreadY = Math.max(0, dy2 - (dy * dy) / W);
    const spreadE = Math.max(0, de2 - (de * de) / W);
    return {
        mae: absolute / W,
        mse: squared / W,
        rmse: Math.sqrt(squared / W),
        mape: percentage / W,
        r2: forceFinite(squared, spreadY),
        explained_variance: forceFinite(spreadE, spreadY)
    };
}
/** The regression metrics of both models on a resample. */
function regressionResample(data) {
    const { labels, candidate, baseline } = data;
    const n = labels.length;
    let meanLabel = 0;
    for (let i = 0; i < n; i++)
        meanLabel += labels[i] / n;
    const center = (predictions) => {
        let mean = 0;
        for (let i = 0; i < n; i++)
            mean += (labels[i] - predictions[i]) / n;
        return { label: meanLabel, error: mean };
    };
    const centers = [center(candidate), center(baseline)];
    return weights => [
        weightedRegression(labels, candidate, weights, centers[0]),
        weightedRegression(labels, baseline, weights, centers[1])
    ];
}
/** Regression: the bootstrap for every metric. */
function compareRegression(data, reports, options) {
    return runBootstrap(REGRESSION_METRICS, [], data.labels.length, reports, options, regressionResample(data));
}

;// CONCATENATED MODULE: ./build/src/evaluation/data-error.js

/**
 * A problem with the evaluation data that the person running the job must fix: the
 * message names the data (`source`), the line and the column, so it can be found in the
 * file without guessing.
 */
class DataError extends UserError {
    source;
    location;
    constructor(source, problem, location) {
        super(`${source}: ${location ? `${describeLocation(location)}: ` : ''}${problem}`);
        this.name = 'DataError';
        this.source = source;
        this.location = location;
    }
}
/** Refuses data without a single line, or with a header and no rows after it. */
function assertHasRows(source, read) {
    if (read.layout === undefined)
        throw new DataError(source, 'the data is empty.');
    if (read.rows === 0)
        throw new DataError(source, 'there are no data rows after the header.');
}
/** `line 12, column "score" (index 1, prediction)` or `line 12, column index 1 (prediction)`. */
function describeLocation(location) {
    const parts = [`line ${location.line}`];
    if (location.column !== undefined) {
        const role = location.role ? ` (${location.role})` : '';
        parts.push(location.columnName !== undefined
            ? `column ${JSON.stringify(location.columnName)} (index ${location.column}${location.role ? `, ${location.role}` : ''})`
            : `column index ${location.column}${role}`);
    }
    return parts.join(', ');
}
/** A value shown in a message: quoted, and cut short so a long field cannot flood the log. */
function showValue(text) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
    return JSON.stringify(shown);
}

;// CONCATENATED MODULE: ./build/src/evaluation/decimal.js
// Decimal numbers parsed straight from bytes, correctly rounded (the same double that
// Number() gives for the same text), without making a string per field.
//
// Three paths, all exact:
// - up to 15 significant digits and a power of ten up to 22: one IEEE multiplication or
//   division of two exactly representable doubles, which rounds correctly by itself
//   (Clinger's fast path);
// - 16 to 19 significant digits: the digits held exactly as a sum of two doubles, one
//   rounded division or multiplication, then the exact remainder decides whether the
//   neighbouring double is closer; when the value lies too near a halfway point to tell,
//   the text goes to Number();
// - anything else (more digits, larger exponents): Number() on the text.
/** Exact powers of ten: 10^0 ... 10^22 are representable doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** The rounding error of a * b: a * b = fl(a * b) + twoProductError(a, b, fl(a * b)) exactly. */
function twoProductError(a, b, product) {
    let t = SPLITTER * a;
    const aHi = t - (t - a);
    const aLo = a - aHi;
    t = SPLITTER * b;
    const bHi = t - (t - b);
    const bLo = b - bHi;
    return aLo * bLo - (product - aHi * bHi - aLo * bHi - aHi * bLo);
}
/**
 * The correctly rounded value of (high * 10^lowDigits + low) * 10^exponent, or NaN when
 * it lies too close to a halfway point between two doubles to decide without Number().
 * `high` < 10^15, `low` < 10^lowDigits <= 10^4, |exponent| <= 22, high > 0.
 */
function roundLong(high, low, lowDigits, exponent) {
    const scale = POW10[lowDigits];
    const product = high * scale;
    const productError = twoProductError(high, scale, product);
    const sum = product + low;
    const sumError = low - (sum - product);
    // Integers below 2^64 leave integer rounding errors below 2^12: their sum is exact.
    const mantissaError = productError + sumError;
    let q;
    let residual;
    let unit;
    if (exponent >= 0) {
        const power = POW10[exponent];
        q = sum * power;
        residual = twoProductError(sum, power, q) + mantissaError * power;
        unit = 1;
    }
    else {
        const power = POW10[-exponent];
        q = sum / power;
        const back = q * power;
        residual = sum - back - twoProductError(q, power, back) + mantissaError;
        // The exact value minus q is residual / power.
        unit = power;
    }
    // q can be a few units in the last place off (the digits were rounded once before the
    // division): add the correction, then check that the exact value is not so near a
    // halfway point that the error of the correction could have rounded it the wrong way.
    const correction = residual / unit;
    const value = q + correction;
    const left = q - value + correction;
    // IEEE addition rounds monotonically: when the exact value, give or take far more than
    // the error in `left`, rounds to `value`, so does the exact value itself.
    if (value + left * (1 + 1e-6) !== value || value + left * (1 - 1e-6) !== value)
        return NaN;
    return value;
}
/** Where the last parseDecimal call stopped: the index of the first byte it did not use. */
let decimalEnd = 0;
const ZERO = 48;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
/**
 * Parses a decimal number (`-12.5`, `.5`, `3.`, `1e-7`, `+4E2`) that starts at `start`,
 * reading at most up to `end`. Returns the value (correctly rounded) and leaves the index
 * of the first unused byte in `decimalEnd`; returns NaN when no number starts there.
 * `nan`, `inf` and hexadecimal are not numbers here: a metric needs a finite value.
 */
function parseDecimal(bytes, start, end) {
    let i = start;
    let negative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS))
        negative = bytes[i++] === MINUS;
    // The value is (high * 10^lowDigits + low) * 10^exponent: the first 15 significant
    // digits in `high` (below 10^15, exact), up to 4 more in `low`; leading zeros keep
    // `high` at 0 and so are not counted.
    let high = 0;
    let low = 0;
    let lowDigits = 0;
    let exponent = 0;
    let overflow = false;
    // One loop over the integer and fraction digits: the first dot is skipped and remembered.
    const integerStart = i;
    let dot = -1;
    for (; i < end; i++) {
        const c = bytes[i];
        if (c === DOT && dot < 0) {
            dot = i;
            continue;
        }
        const d = c - ZERO;
        if (d < 0 || d > 9)
            break;
        if (high < 1e14)
            high = high * 10 + d;
        else if (lowDigits < 4) {
            low = low * 10 + d;
            lowDigits++;
        }
        else
            overflow = true;
    }
    const digits = i - integerStart - (dot < 0 ? 0 : 1);
    if (dot >= 0)
        exponent -= i - dot - 1;
    if (digits === 0)
        return NaN;
    if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
        const after = parseExponent(bytes, i + 1, end);
        if (Number.isNaN(after))
            return NaN;
        exponent += exponentValue;
        i = after;
    }
    decimalEnd = i;
    let value;
    if (high === 0)
        value = 0;
    else if (overflow || exponent > 22 || exponent < -22)
        value = NaN;
    else if (lowDigits === 0)
        value = exponent >= 0 ? high * POW10[exponent] : high / POW10[-exponent];
    else
        value = roundLong(high, low, lowDigits, exponent);
    if (Number.isNaN(value))
        return Number(latin1(bytes, start, i));
    return negative ? -value : value;
}
let exponentValue = 0;
/** Reads `[+-]digits` of an exponent into exponentValue; returns the index after it, or NaN. */
function parseExponent(bytes, start, end) {
    let j = start;
    let negative = false;
    if (j < end && (bytes[j] === MINUS || bytes[j] === PLUS))
        negative = bytes[j++] === MINUS;
    let value = 0;
    const first = j;
    for (; j < end; j++) {
        const d = bytes[j] - ZERO;
        if (d < 0 || d > 9)
            break;
        if (value < 1e6)
            value = value * 10 + d;
    }
    if (j === first)
        return NaN;
    exponentValue = negative ? -value : value;
    return j;
}
function latin1(bytes, start, end) {
    let text = '';
    for (let i = start; i < end; i++)
        text += String.fromCharCode(bytes[i]);
    return text;
}

;// CONCATENATED MODULE: ./build/src/evaluation/lines.js
// A byte stream cut into runs of whole lines, for the readers that parse lines in place
// (csv.ts, live/data.ts): a line split across chunks is joined once, and the last line
// gains the line feed it may lack.

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
/** The UTF-8 byte order mark a file may begin with. */
const BOM = [0xef, 0xbb, 0xbf];
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
}
/**
 * The regions of whole lines in a stream, in order. A region is valid only until the next
 * is requested (a chunk's buffer may be reused). `checkCarry` sees the length of a line
 * still unfinished at a chunk's end, so a reader can refuse one that grows without bound.
 */
function* linesOf(bytes, state, checkCarry) {
    let start = 0;
    if (state.carry !== undefined) {
        const newline = bytes.indexOf(LF);
        if (newline < 0) {
            state.carry = concat(state.carry, bytes);
            checkCarry(state.carry.length);
            return;
        }
        const joined = concat(state.carry, bytes.subarray(0, newline + 1));
        state.carry = undefined;
        yield { bytes: joined, start: 0, end: joined.length };
        start = newline + 1;
    }
    const last = bytes.lastIndexOf(LF);
    if (last >= start)
        yield { bytes, start, end: last + 1 };
    const rest = Math.max(start, last + 1);
    // A copy: the chunk's buffer may be reused for the next one (Buffer#slice would not copy).
    if (rest < bytes.length) {
        state.carry = new Uint8Array(bytes.subarray(rest));
        checkCarry(state.carry.length);
    }
}
/** The last line, when the stream did not end with a line feed. */
function lastLine(state) {
    if (state.carry === undefined)
        return undefined;
    const line = concat(state.carry, Uint8Array.of(LF));
    return { bytes: line, start: 0, end: line.length };
}
/**
 * The regions of whole lines in a byte stream, in order, the last line included. A region
 * is valid only until the next is requested. A line that grows past `limit` is a DataError
 * naming `source` and the line (`lineNumber()`): it is not data to read, and would be
 * copied again with every chunk.
 */
async function* lineRegions(chunks, source, limit, lineNumber) {
    const state = {};
    const check = (length) => {
        if (length > limit.maxBytes) {
            throw new DataError(source, `line ${lineNumber()} is longer than ${limit.maxBytes >> 20} MiB without a line break${limit.note ?? ''}.`);
        }
    };
    for await (const chunk of chunks)
        yield* linesOf(chunk, state, check);
    const last = lastLine(state);
    if (last)
        yield last;
}

;// CONCATENATED MODULE: ./build/src/evaluation/csv.js
// A streaming reader for numeric CSV columns: labels, scores, probabilities. It parses
// bytes as they arrive (a local file's read stream, an S3 GetObject body, any async
// iterable of byte chunks) and hands out the chosen columns in batches of typed arrays;
// the whole file is never one string, and no string is made per line or per field.
//
// The format it accepts, and how it is read:
// - fields separated by one ASCII character (`,` by default), lines by `\n` or `\r\n`;
//   a UTF-8 byte-order mark is skipped; blank lines are skipped (as pandas does);
// - spaces and tabs around a field are ignored; a field may be double-quoted, but a
//   quoted field cannot span lines (prediction data never needs it);
// - the first line is a header when the caller says so, or, with `header: 'auto'`, when
//   any of its fields is not a number;
// - every chosen field must be a finite decimal number (`nan`, `inf`, empty: refused
//   with the line and the column); lines may have more fields than the chosen columns;
// - a file with no data line is refused.



const csv_ZERO = 48;
const NINE = 57;
/** The longest line accepted: far beyond any row of labels, scores and features. */
const LINE_LIMIT = {
    maxBytes: 16 << 20,
    note: '; this is not CSV prediction data'
};
/** Resolves a column reference against the layout, or throws naming what exists. */
function resolveColumn(ref, layout, role, source) {
    if (typeof ref === 'number') {
        if (!Number.isInteger(ref) || ref < 0) {
            throw new DataError(source, `the ${role} column index ${ref} is not a whole number >= 0.`);
        }
        if (ref >= layout.fieldCount) {
            throw new DataError(source, `the ${role} column index ${ref} does not exist: the first line has ${layout.fieldCount} column${layout.fieldCount === 1 ? '' : 's'} (indexes 0-${layout.fieldCount - 1}).`);
        }
        return { index: ref, role };
    }
    if (layout.header === undefined) {
        throw new DataError(source, `the ${role} column is named ${JSON.stringify(ref)}, but the first line is data, not a header; name columns by 0-based index instead.`);
    }
    const matches = layout.header.flatMap((name, index) => (name === ref ? [index] : []));
    if (matches.length !== 1) {
        const known = layout.header.map(name => JSON.stringify(name)).join(', ');
        throw new DataError(source, matches.length === 0
            ? `no column named ${JSON.stringify(ref)} for the ${role}; the header has ${known}.`
            : `${matches.length} columns are named ${JSON.stringify(ref)}; choose the ${role} column by index (${matches.join(' or ')}).`);
    }
    return { index: matches[0], role };
}
/** Splits one line of text into trimmed fields, honouring double quotes. */
function splitCsvLine(text, delimiter = ',') {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (quoted) {
            if (char === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            }
            else if (char === '"')
                quoted = false;
            else
                field += char;
        }
        else if (char === '"' && field.trim() === '') {
            quoted = true;
            field = '';
        }
        else if (char === delimiter) {
            fields.push(field.trim());
            field = '';
        }
        else
            field += char;
    }
    fields.push(field.trim());
    return fields;
}
const encoder = new TextEncoder();
/** The finite number a whole field holds, or undefined. */
function fieldNumber(text) {
    const bytes = encoder.encode(text.trim());
    if (bytes.length === 0)
        return undefined;
    const value = parseDecimal(bytes, 0, bytes.length);
    return Number.isFinite(value) && decimalEnd === bytes.length ? value + 0 : undefined;
}
/**
 * Reads the chosen numeric columns of a CSV stream. `layout` and `columns` are known
 * after the first batch; `rows` counts the data rows read so far.
 */
class CsvColumnReader {
    options;
    layout;
    columns = [];
    rows = 0;
    line = 0;
    count = 0;
    slotOf = new Int32Array(0);
    lastField = -1;
    delimiter;
    capacity;
    batch = { rows: 0, columns: [], lines: new Float64Array(0) };
    constructor(options) {
        this.options = options;
        const delimiter = options.delimiter ?? ',';
        if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || /["\r\n ]/.test(delimiter)) {
            throw new DataError(options.source, `the delimiter ${JSON.stringify(delimiter)} must be one ASCII character other than a quote, space or line break.`);
        }
        this.delimiter = delimiter.charCodeAt(0);
        this.capacity = options.batchRows ?? 65536;
    }
    /** The batches of the stream, in order; throws a DataError on the first bad line. */
    async *batches(chunks) {
        const regions = lineRegions(chunks, this.options.source, LINE_LIMIT, () => this.line + 1);
        for await (const r of regions)
            yield* this.region(r.bytes, r.start, r.end);
        if (this.count > 0)
            yield this.flush();
        assertHasRows(this.options.source, this);
    }
    /** Complete lines in bytes[start, end): `end - 1` is a line feed. */
    *region(bytes, start, end) {
        let pos = start;
        if (this.layout === undefined) {
            pos = this.firstLine(bytes, pos, end);
            if (this.layout === undefined)
                return;
        }
        while (pos < end) {
            pos = this.fill(bytes, pos, end);
            if (this.count === this.capacity)
                yield this.flush();
        }
    }
    flush() {
        this.batch.rows = this.count;
        this.rows += this.count;
        this.count = 0;
        return this.batch;
    }
    /** Reads the first non-blank line: the header, or the layout of the first data line. */
    firstLine(bytes, start, end) {
        let pos = start;
        // The byte-order mark, at the start of the first line (which is whole here, however
        // the chunks were cut).
        if (this.line === 0 && BOM.every((byte, i) => bytes[pos + i] === byte))
            pos += 3;
        for (;;) {
            if (pos >= end)
                return pos;
            const newline = bytes.indexOf(LF, pos);
            const text = new TextDecoder().decode(bytes.subarray(pos, newline)).replace(/\r$/, '');
            if (text.trim() === '') {
                this.line++;
                pos = newline + 1;
                continue;
            }
            const fields = splitCsvLine(text, String.fromCharCode(this.delimiter));
            const mode = this.options.header ?? 'auto';
            const isHeader = mode === 'auto' ? fields.some(field => fieldNumber(field) === undefined) : mode;
            this.layout = isHeader
                ? { header: fields, fieldCount: fields.length }
                : { fieldCount: fields.length };
            this.setColumns(this.options.select(this.layout));
            if (!isHeader)
                return pos;
            this.line++;
            return newline + 1;
        }
    }
    setColumns(columns) {
        this.columns = columns;
        this.lastField = Math.max(-1, ...columns.map(column => column.index));
        this.slotOf = new Int32Array(this.lastField + 1).fill(-1);
        columns.forEach((column, slot) => {
            this.slotOf[column.index] = slot;
        });
        this.batch = {
            rows: 0,
            columns: columns.map(() => new Float64Array(this.capacity)),
            lines: new Float64Array(this.capacity)
        };
    }
    /** Parses lines from `pos` until the region ends or the batch is full; returns where it stopped. */
    fill(bytes, pos, end) {
        const { slotOf, lastField, delimiter, capacity } = this;
        // Blanks around fields are skipped, except a tab that is the delimiter.
        const tab = delimiter === TAB ? -1 : TAB;
        const columns = this.batch.columns;
        const lines = this.batch.lines;
        let count = this.count;
        let line = this.line;
        while (pos < end && count < capacity) {
            line++;
            let c = bytes[pos];
            while (c === SPACE || c === tab || c === CR)
                c = bytes[++pos];
            if (c === LF) {
                pos++;
                continue;
            }
            for (let field = 0;; field++) {
                while (c === SPACE || c === tab)
                    c = bytes[++pos];
                const slot = field <= lastField ? slotOf[field] : -1;
                if (slot >= 0) {
                    const quoted = c === QUOTE;
                    let from = pos;
                    if (quoted) {
                        from++;
                        while (bytes[from] === SPACE || bytes[from] === tab)
                            from++;
                    }
                    const after = bytes[pos + 1];
                    let value;
                    let next;
                    if (c >= csv_ZERO && c <= NINE && (after === delimiter || after === LF || after === CR)) {
                        // A one-digit field (a label): no need for the general parser.
                        value = c - csv_ZERO;
                        next = pos + 1;
                    }
                    else {
                        value = parseDecimal(bytes, from, end);
                        next = decimalEnd;
                        if (quoted && value === value) {
                            while (bytes[next] === SPACE || bytes[next] === tab)
                                next++;
                            next = bytes[next] === QUOTE ? next + 1 : -1;
                        }
                        if (value !== value || next < 0 || value === Infinity || value === -Infinity) {
                            this.badValue(bytes, pos, line, field);
                        }
                    }
                    pos = next;
                    c = bytes[pos];
                    while (c === SPACE || c === tab)
                        c = bytes[++pos];
                    if (c !== delimiter && c !== LF && c !== CR)
                        this.badValue(bytes, from, line, field);
                    columns[slot][count] = value + 0;
                }
                else {
                    if (c === QUOTE)
                        pos = this.skipQuoted(bytes, pos, line, field);
                    c = bytes[pos];
                    while (c !== delimiter && c !== LF)
                        c = bytes[++pos];
                }
                if (field === lastField) {
                    pos = c === LF ? pos + 1 : bytes.indexOf(LF, pos) + 1;
                    break;
                }
                if (c !== delimiter)
                    this.missingColumn(line, field + 1);
                c = bytes[++pos];
            }
            lines[count++] = line;
        }
        this.count = count;
        this.line = line;
        return pos;
    }
    /** The position after the closing quote of a quoted field that starts at `pos`. */
    skipQuoted(bytes, pos, line, field) {
        let i = pos + 1;
        for (;;) {
            const c = bytes[i];
            if (c === LF) {
                throw new DataError(this.options.source, 'a quoted field runs past the end of the line; quoted line breaks are not supported.', this.locate(line, field));
            }
            if (c === QUOTE && bytes[i + 1] === QUOTE)
                i += 2;
            else if (c === QUOTE)
                return i + 1;
            else
                i++;
        }
    }
    locate(line, field) {
        const slot = field < this.slotOf.length ? this.slotOf[field] : -1;
        return {
            line,
            column: field,
            columnName: this.layout?.header?.[field],
            role: slot >= 0 ? this.columns[slot].role : undefined
        };
    }
    badValue(bytes, pos, line, field) {
        let stop = pos;
        while (stop < bytes.length && bytes[stop] !== LF && bytes[stop] !== this.delimiter)
            stop++;
        const text = new TextDecoder().decode(bytes.subarray(pos, stop)).replace(/\r$/, '').trim();
        throw new DataError(this.options.source, text === '' ? 'the value is empty.' : `${showValue(text)} is not a finite number.`, this.locate(line, field));
    }
    missingColumn(line, found) {
        const wanted = this.columns.filter(column => column.index >= found);
        const first = wanted.reduce((a, b) => (a.index <= b.index ? a : b));
        throw new DataError(this.options.source, `the line has ${found} field${found === 1 ? '' : 's'}, so this column is missing.`, this.locate(line, first.index));
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/dataset.js
// Evaluation data: which columns hold the label and the predictions for a task, the
// checks every row must pass, and the one pass over the data that applies them and hands
// the rows on. Without a sink the pass only checks: that is how the data is validated
// before any AWS resource exists, so a bad row is reported with its line and column
// before any work starts.



const TASKS = ['binary', 'multiclass', 'regression'];
function refs(value) {
    if (value === undefined)
        return undefined;
    return Array.isArray(value) ? value : [value];
}
function roles(base, count) {
    return count === 1
        ? [base]
        : Array.from({ length: count }, (_, k) => `${base} probability of class ${k}`);
}
/** Chooses the columns for a spec once the first line is known; throws a DataError if impossible. */
function chooseColumns(spec, layout) {
    const resolve = (ref, role) => resolveColumn(ref, layout, role, spec.source);
    const label = resolve(spec.label ?? 0, 'label');
    const baselineRefs = refs(spec.baseline);
    const baselineRoles = baselineRefs ? roles('baseline', baselineRefs.length) : [];
    const baseline = baselineRefs?.map((ref, k) => resolve(ref, baselineRoles[k]));
    const taken = new Set([label.index, ...(baseline ?? []).map(c => c.index)]);
    const free = Array.from({ length: layout.fieldCount }, (_, i) => i).filter(i => !taken.has(i));
    let predictionRefs = refs(spec.prediction);
    if (predictionRefs === undefined) {
        if (spec.task === 'multiclass' && baseline === undefined)
            predictionRefs = free;
        else if (free.length > 0)
            predictionRefs = [free[0]];
        else
            throw new DataError(spec.source, `there is no column left for the prediction (the first line has ${layout.fieldCount} column${layout.fieldCount === 1 ? '' : 's'}).`);
    }
    const predictionRoles = roles('prediction', predictionRefs.length);
    const prediction = predictionRefs.map((ref, k) => resolve(ref, predictionRoles[k]));
    checkShape(spec, prediction, baseline);
    const all = [label, ...prediction, ...(baseline ?? [])];
    const seen = new Map();
    for (const column of all) {
        const other = seen.get(column.index);
        if (other !== undefined) {
            throw new DataError(spec.source, `column index ${column.index} is chosen twice, as ${other} and as ${column.role}.`);
        }
        seen.set(column.index, column.role);
    }
    return { label, prediction, baseline };
}
function checkShape(spec, prediction, baseline) {
    if (spec.task !== 'multiclass' && prediction.length !== 1) {
        throw new DataError(spec.source, `a ${spec.task} prediction is one column; ${prediction.length} were given.`);
    }
    if (spec.task !== 'multiclass' && baseline && baseline.length !== 1) {
        throw new DataError(spec.source, `a ${spec.task} baseline prediction is one column; ${baseline.length} were given.`);
    }
    if (baseline && baseline.length !== prediction.length) {
        throw new DataError(spec.source, `the baseline has ${baseline.length} prediction column${baseline.length === 1 ? '' : 's'} and the candidate ${prediction.length}; both models need the same shape.`);
    }
    if (spec.classes !== undefined) {
        if (!Number.isInteger(spec.classes) || spec.classes < 2 || spec.classes > MAX_CLASSES) {
            throw new DataError(spec.source, `the number of classes must be a whole number from 2 to ${MAX_CLASSES}, got ${spec.classes}.`);
        }
    }
    if (spec.task === 'multiclass' && prediction.length > 1) {
        if (spec.classes !== undefined && spec.classes !== prediction.length) {
            throw new DataError(spec.source, `${prediction.length} probability columns were chosen for ${spec.classes} classes.`);
        }
        if (prediction.length > MAX_CLASSES) {
            throw new DataError(spec.source, `${prediction.length} probability columns: at most ${MAX_CLASSES} classes are supported.`);
        }
    }
}
/**
 * Reads the data stream once: every row checked (labels and predictions valid for the
 * task), then handed to `sink` (omit it to only check). Throws a DataError naming the
 * line and column of the first bad value, a missing column, or empty data.
 */
async function readData(chunks, spec, sink) {
    let columns;
    let check;
    let target;
    const reader = new CsvColumnReader({
        source: spec.source,
        header: spec.header,
        delimiter: spec.delimiter,
        select: layout => {
            columns = chooseColumns(spec, layout);
            check = new RowCheck(spec, columns);
            target = sink?.(columns);
            return [columns.label, ...columns.prediction, ...(columns.baseline ?? [])];
        }
    });
    for await (const batch of reader.batches(chunks)) {
        const bad = check.batch(batch.columns, batch.rows);
        if (bad !== undefined) {
            const column = reader.columns[bad.column];
            throw new DataError(spec.source, bad.message, {
                line: batch.lines[bad.row],
                column: column.index,
                columnName: reader.layout?.header?.[column.index],
                role: column.role
            });
        }
        target?.batch(batch.columns, batch.rows);
    }
    return {
        rows: reader.rows,
        columns: columns,
        header: reader.layout?.header,
        classes: check.classes()
    };
}
/**
 * Checks the data without keeping it (columns exist, labels and predictions parse and fit
 * the task, at least one row): the pass to run before any AWS resource exists. Throws a
 * DataError naming the line and column of the first problem.
 */
function validateData(chunks, spec) {
    return readData(chunks, spec);
}
/** The per-row rules of a task. */
class RowCheck {
    spec;
    probabilities;
    /** K when known before reading: probability columns, or given. */
    known;
    largest = -1;
    constructor(spec, columns) {
        this.spec = spec;
        this.probabilities = spec.task === 'multiclass' && columns.prediction.length > 1;
        this.known = this.probabilities ? columns.prediction.length : spec.classes;
    }
    /** Multiclass: K, given, from the probability columns, or the largest class seen + 1 (at least 2). */
    classes() {
        if (this.spec.task !== 'multiclass')
            return undefined;
        return this.known ?? Math.max(this.largest + 1, 2);
    }
    /** The first problem in a batch, or undefined. */
    batch(columns, rows) {
        if (this.spec.task === 'regression')
            return undefined;
        const labels = columns[0];
        if (this.spec.task === 'binary') {
            for (let i = 0; i < rows; i++) {
                const label = labels[i];
                if (label !== 0 && label !== 1) {
                    return {
                        row: i,
                        column: 0,
                        message: `the label ${label} is not 0 or 1 (binary labels are 0 and 1).`
                    };
                }
            }
            return undefined;
        }
        for (let i = 0; i < rows; i++) {
            for (let c = 0; c < columns.length; c++) {
                const value = columns[c][i];
                const problem = c === 0
                    ? this.classProblem(value, 'label')
                    : this.probabilities
                        ? value >= 0 && value <= 1
                            ? undefined
                            : `the probability ${value} is not within [0, 1].`
                        : this.classProblem(value, 'predicted class');
                if (problem !== undefined)
                    return { row: i, column: c, message: problem };
            }
        }
        return undefined;
    }
    classProblem(value, what) {
        const limit = this.known ?? MAX_CLASSES;
        if (Number.isInteger(value) && value >= 0 && value < limit) {
            if (value > this.largest)
                this.largest = value;
            return undefined;
        }
        return `the ${what} ${value} is not a class: classes are whole numbers from 0 to ${limit - 1}${this.known === undefined ? ` (at most ${MAX_CLASSES} classes)` : ''}.`;
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/evaluate.js
// From data to metrics: `evaluate` for a stream of CSV bytes (the `metrics` mode, Batch
// Transform output), `Evaluator` for labels and predictions already in hand (live
// evaluation against an endpoint). Reads the data once, keeps only what the task's
// metrics require (binary: the scores split by label; with a baseline, the rows in order
// for the paired tests), then computes each model's report and, with a baseline, the
// comparisons. `hashing` gives the data's sha256 on the way through.









const DEFAULT_ALPHA = 0.05;
const DEFAULT_RESAMPLES = 1000;
function checkedOptions(options) {
    const threshold = options.threshold ?? 0.5;
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    const resamples = options.resamples ?? DEFAULT_RESAMPLES;
    if (!Number.isFinite(threshold)) {
        throw new RangeError(`the decision threshold must be a finite number, got ${threshold}`);
    }
    if (!(alpha > 0 && alpha < 0.5))
        throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
    if (!Number.isInteger(resamples) || resamples < 100) {
        throw new RangeError(`resamples must be a whole number >= 100, got ${resamples}`);
    }
    return { threshold, alpha, resamples, seed: options.seed ?? DEFAULT_SEED };
}
/**
 * Computes the metrics of rows handed over a batch at a time, for callers that already
 * hold the labels and predictions (live evaluation). Each batch's columns are the label,
 * then the prediction columns, then the baseline columns, as `columns` describes them, and
 * must have passed `readData`'s checks (parsePredictions checks what an endpoint returns).
 */
class Evaluator {
    options;
    columns;
    sink;
    rows = 0;
    constructor(options, columns) {
        this.options = options;
        this.columns = columns;
        const checked = checkedOptions(options);
        const paired = columns.baseline !== undefined;
        if (options.task === 'binary') {
            this.sink = paired
                ? new PairedBinarySink(checked)
                : new BinarySink(checked.threshold, checked.seed);
        }
        else if (options.task === 'regression')
            this.sink = new RegressionSink(paired, checked);
        else
            this.sink = new MulticlassSink(columns, options.classes, checked);
    }
    batch(columns, rows) {
        this.rows += rows;
        this.sink.batch(columns, rows);
    }
    /** The evaluation; `summary` adds what reading the data learned (header, K). */
    finish(summary = {}) {
        if (this.rows === 0)
            throw new DataError(this.options.source, 'there are no rows to evaluate.');
        const collected = this.sink.finish({ rows: this.rows, columns: this.columns, ...summary });
        const paired = collected.baseline !== undefined;
        const warnings = [
            ...collected.candidate.report.warnings.map(w => (paired ? `candidate: ${w}` : w)),
            ...(collected.baseline?.report.warnings.map(w => `baseline: ${w}`) ?? [])
        ];
        return {
            task: this.options.task,
            rows: this.rows,
            columns: this.columns,
            header: summary.header,
            ...collected,
            warnings
        };
    }
}
/** Reads and evaluates CSV data; throws a DataError for bad data, naming line and column. */
async function evaluate(chunks, options) {
    checkedOptions(options);
    let evaluator;
    const summary = await readData(chunks, options, columns => {
        evaluator = new Evaluator(options, columns);
        return evaluator;
    });
    return evaluator.finish(summary);
}
class BinarySink {
    threshold;
    seed;
    positives = new Float64Column();
    negatives = new Float64Column();
    constructor(threshold, seed) {
        this.threshold = threshold;
        this.seed = seed;
    }
    batch(columns, rows) {
        const labels = columns[0];
        const scores = columns[1];
        for (let i = 0; i < rows; i++) {
            if (labels[i] === 1)
                this.positives.push(scores[i]);
            else
                this.negatives.push(scores[i]);
        }
    }
    finish() {
        // Each stored block sorted in place with one shared scratch buffer: sorted data
        // without a second copy of the scores.
        const parts = [...this.positives.parts(), ...this.negatives.parts()];
        const scratch = new Float64Array(Math.max(0, ...parts.map(part => part.length)));
        const sorted = {
            positives: this.positives.sortedRuns(scratch),
            negatives: this.negatives.sortedRuns(scratch)
        };
        return {
            candidate: {
                task: 'binary',
                report: binaryMetrics(sorted, { threshold: this.threshold, seed: this.seed })
            }
        };
    }
}
class PairedBinarySink {
    options;
    labels = new Uint8Column();
    candidate = new Float64Column();
    baseline = new Float64Column();
    constructor(options) {
        this.options = options;
    }
    batch(columns, rows) {
        for (let i = 0; i < rows; i++) {
            this.labels.push(columns[0][i]);
            this.candidate.push(columns[1][i]);
            this.baseline.push(columns[2][i]);
        }
    }
    finish() {
        const data = {
            labels: this.labels.take(),
            candidate: this.candidate.take(),
            baseline: this.baseline.take()
        };
        const sorted = {
            candidate: sortScores(data.labels, data.candidate),
            baseline: sortScores(data.labels, data.baseline)
        };
        const metricOptions = { threshold: this.options.threshold, seed: this.options.seed };
        const reports = {
            candidate: binaryMetrics(sorted.candidate, metricOptions),
            baseline: binaryMetrics(sorted.baseline, metricOptions)
        };
        return {
            candidate: { task: 'binary', report: reports.candidate },
            baseline: { task: 'binary', report: reports.baseline },
            comparison: compareBinary(data, reports, sorted, this.options)
        };
    }
}
class RegressionSink {
    options;
    accumulators;
    kept;
    constructor(paired, options) {
        this.options = options;
        this.accumulators = Array.from({ length: paired ? 2 : 1 }, () => new RegressionAccumulator(options.seed));
        if (paired)
            this.kept = [new Float64Column(), new Float64Column(), new Float64Column()];
    }
    batch(columns, rows) {
        for (let i = 0; i < rows; i++) {
            for (let m = 0; m < this.accumulators.length; m++)
                this.accumulators[m].add(columns[0][i], columns[1 + m][i]);
            if (this.kept)
                for (let c = 0; c < 3; c++)
                    this.kept[c].push(columns[c][i]);
        }
    }
    finish() {
        const [candidate, baseline] = this.accumulators.map(a => a.finish());
        if (!this.kept || !baseline)
            return { candidate: { task: 'regression', report: candidate } };
        const [labels, c, b] = this.kept.map(column => column.take());
        return {
            candidate: { task: 'regression', report: candidate },
            baseline: { task: 'regression', report: baseline },
            comparison: compareRegression({ labels, candidate: c, baseline: b }, { candidate: candidate, baseline }, this.options)
        };
    }
}
class MulticlassSink {
    options;
    width;
    probabilities;
    accumulators;
    kept;
    row;
    constructor(columns, classes, options) {
        this.options = options;
        this.width = columns.prediction.length;
        this.probabilities = this.width > 1;
        const models = columns.baseline ? 2 : 1;
        const K = this.probabilities ? this.width : (classes ?? 2);
        this.accumulators = Array.from({ length: models }, () => new MulticlassAccumulator(K, this.probabilities, options.seed));
        if (models === 2) {
            this.kept = {
                labels: new Float64Column(),
                predicted: [new Float64Column(), new Float64Column()],
                losses: [new Float64Column(), new Float64Column()]
            };
        }
        this.row = new Float64Array(this.width);
    }
    batch(columns, rows) {
        for (let i = 0; i < rows; i++) {
            const label = columns[0][i];
            this.kept?.labels.push(label);
            for (let m = 0; m < this.accumulators.length; m++) {
                const first = 1 + m * this.width;
                let predicted = columns[first][i];
                let loss = 0;
                if (this.probabilities) {
                    let sum = 0;
                    for (let k = 0; k < this.width; k++)
                        sum += this.row[k] = columns[first + k][i];
                    predicted = argmax(this.row);
                    loss = rowLogLoss(this.row, label);
                    this.accumulators[m].noteRowSum(sum);
                }
                this.accumulators[m].add(label, predicted, loss);
                this.kept?.predicted[m].push(predicted);
                if (this.probabilities)
                    this.kept?.losses[m].push(loss);
            }
        }
    }
    finish(summary) {
        const [candidate, baseline] = this.accumulators.map(a => a.finish(summary.classes));
        if (!this.kept || !baseline)
            return { candidate: { task: 'multiclass', report: candidate } };
        const model = (m) => ({
            predicted: this.kept.predicted[m].take(),
            ...(this.probabilities ? { losses: this.kept.losses[m].take() } : {})
        });
        const classes = Math.max(candidate.classes, baseline.classes);
        const data = {
            labels: this.kept.labels.take(),
            classes,
            candidate: model(0),
            baseline: model(1)
        };
        return {
            candidate: { task: 'multiclass', report: candidate },
            baseline: { task: 'multiclass', report: baseline },
            comparison: compareMulticlass(data, { candidate: candidate, baseline }, this.options)
        };
    }
}
/**
 * Passes a byte stream through while hashing it, for the data's sha256 recorded with a
 * decision: `digest()` is valid once the stream has been read to the end.
 */
function hashing(chunks) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let done = false;
    async function* pass() {
        for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
        }
        done = true;
    }
    let hex;
    return {
        chunks: pass(),
        digest: () => {
            if (!done)
                throw new Error('the stream has not been read to the end');
            hex ??= hash.digest('hex');
            return hex;
        }
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/types.js


const LIVE_METHODS = ['endpoint', 'batch-transform'];
/** Defaults, each chosen for a reason the README can repeat. */
const LIVE_DEFAULTS = {
    /** The SageMaker Python SDK's ServerlessInferenceConfig defaults: 2048 MB, 5 concurrent. */
    serverlessMemoryMb: 2048,
    serverlessMaxConcurrency: 5,
    /** Requests in flight per version: within the serverless default, and gentle on one instance. */
    maxConcurrency: 4,
    /** Instances per version, for an instance endpoint's variants and a transform job. */
    instanceCount: 1,
    /** Endpoint data kept in memory between the check and the requests, at most. */
    keepInMemoryBytes: 256 * 1024 * 1024,
    /** A transform job's instance when neither the request nor the version names one. */
    transformInstanceType: 'ml.m5.large',
    /** Endpoints take minutes to create; transform jobs as long as the data needs. */
    waitTimeoutSeconds: 3600,
    pollSeconds: 10,
    decisionThreshold: 0.5,
    alpha: DEFAULT_ALPHA
};
/** The baseline could not be served: an error, not a decision. */
class BaselineServingError extends UserError {
    failureReason;
    constructor(message, failureReason) {
        super(message);
        this.failureReason = failureReason;
        this.name = 'BaselineServingError';
    }
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
];
const ALL = MODES;
/** The modes that change something, and so take `dry-run`: all but the read-only views. */
const MUTATING_MODES = MODES.filter(mode => mode !== 'compare' && mode !== 'lineage');
/** The rows of the inputs that the same modes read: those modes are written once for all. */
function readBy(modes, help) {
    const rows = {};
    for (const name of Object.keys(help))
        rows[name] = { modes, help: help[name] };
    return rows;
}
/**
 * Which modes read each input, and one line about it: the first sentence of its action.yml
 * description, whose "Modes: ..." prefix lists the same modes (a unit test compares the
 * two). The CLI's per-mode `--help` and its refusal of flags a mode does not read come
 * from here, and the action refuses inputs set for another mode from the same table.
 * Inputs are grouped by the modes that read them; INPUT_NAMES keeps the action.yml order.
 */
const INPUT_TABLE = {
    ...readBy(ALL, {
        mode: 'What to do: register, gate, approve, reject, deploy, rollback, compare, lineage, group or ab-test.',
        'model-package-group': 'The model package group: a name (1-63 letters, digits and hyphens) or the ARN of a group shared from another account.',
        region: 'AWS region of the registry.',
        'github-token': 'Token for the PR comment, job links and deployment records.',
        comment: 'Post (or update) the gate report as the sticky pull-request comment when the run has a pull request; the other modes report in the job summary only.',
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
        'customer-metadata': 'Custom metadata as key=value, one per line or comma-separated (at most 50; letters, digits, spaces and _.:/=+-@ only).',
        'inference-instances': 'Real-time instance types the version supports, comma or newline separated (e.g. ml.m5.large).',
        'transform-instances': 'Batch transform instance types the version supports, comma or newline separated.',
        'content-types': 'Input MIME types the model accepts, comma separated.',
        'response-types': 'Output MIME types the model returns, comma separated.',
        'project-id': "Project id recorded in the version's metadata properties."
    }),
    ...readBy(['register', 'group'], {
        'group-tags': 'Tags as key=value, one per line or comma-separated (at most 50; keys starting with aws: are reserved).'
    }),
    ...readBy(['register', 'approve', 'reject'], {
        'model-lifecycle-stage': 'Model lifecycle stage to record (e.g. staging, production).'
    }),
    ...readBy(['gate', 'approve', 'reject', 'deploy', 'rollback', 'lineage'], {
        'model-package': 'The version to act on: a version number (7) or a model package ARN.'
    }),
    ...readBy(['gate', 'ab-test'], {
        thresholds: 'One rule per line, e.g. "validation:auc >= 0.85" (ab-test: "live:auc >= 0.8", "ops:model_latency_p99 <= 200").',
        'max-regression': 'Allowed regression against the baseline per metric, one per line, absolute ("validation:auc -0.01") or relative ("validation:auc -1%", at most -100%).',
        'metric-directions': 'Overrides of the inferred metric direction, one per line, e.g. "custom:score higher" or "custom:cost lower".',
        task: 'Kind of model for live evaluation and A/B tests: binary, multiclass or regression.',
        'decision-threshold': 'Score from 0 to 1 at or above which a binary prediction counts as positive.',
        alpha: 'Significance level of the statistical tests (paired when both versions are evaluated live, independent in ab-test), between 0 and 1.'
    }),
    ...readBy(['gate'], {
        baseline: "What the candidate is compared with: latest-approved, endpoint:NAME (the version live on an endpoint; a warning when it is another group's), version:N or none.",
        'on-pass': 'Approval status written when the gate passes: Approved or none.',
        'on-fail': 'Approval status written when the gate fails: Rejected or none.',
        'fail-on-reject': 'Fail the job when the gate fails.',
        'validation-data': 'CSV (local path or s3:// URI) to evaluate candidate and baseline on live.',
        'validation-method': 'How live evaluation runs: endpoint (temporary endpoint, small data) or batch-transform (large data).',
        'label-column': 'Label column of validation-data: a zero-based index or a header name.',
        'prediction-column': "Field or column of the model's response that holds the prediction.",
        'max-concurrency': 'Requests in flight at once during live evaluation (1-64).',
        'regression-test': 'How max-regression limits on live: metrics are read: non-inferiority (pass only when the one-sided 1-alpha bound of the delta is within the limit), significant-drop (fail only on a significant drop beyond the limit) or point (the delta itself).',
        'work-s3-uri': 'S3 prefix where batch-transform live evaluation stages its input and writes its output, under <prefix>/gate-<run>/.'
    }),
    ...readBy(['gate', 'deploy', 'rollback', 'ab-test'], {
        'execution-role-arn': 'IAM role SageMaker assumes to run the model (live evaluation and deployment).'
    }),
    ...readBy(['gate', 'deploy', 'rollback'], {
        'instance-type': 'Instance type of the endpoint or transform job (e.g. ml.m5.large).',
        'serverless-memory-mb': 'Memory of a serverless endpoint: 1024, 2048, 3072, 4096, 5120 or 6144.',
        'serverless-max-concurrency': 'Concurrent invocations of a serverless endpoint (1-200).'
    }),
    ...readBy(['approve', 'reject', 'rollback'], {
        reason: 'Justification recorded on the version with the actor and run link (at most 1024 characters): exactly in ApprovalDescription, and made readable in the metadata alphabet in decision:reason.'
    }),
    ...readBy(['approve', 'group'], {
        force: 'Override a safety refusal: approve a version whose last gate failed, or delete a group that still holds versions.'
    }),
    ...readBy(['deploy', 'rollback', 'ab-test'], {
        'endpoint-name': 'The endpoint to create or update (ab-test: the endpoint whose variants are compared).',
        'data-capture-s3-uri': "S3 URI where the endpoint captures requests and responses (ab-test: where to read them; default: the endpoint's own capture destination).",
        'wait-timeout': 'Seconds to wait for the endpoint to be InService before failing.',
        environment: 'GitHub deployment environment to record the deployment under (e.g. staging, production).'
    }),
    ...readBy(['deploy', 'rollback'], {
        'instance-count': 'Number of instances behind the endpoint (1 or more).',
        'deployment-strategy': 'Blue/green traffic shifting when updating an endpoint: all-at-once, canary or linear.',
        'canary-size': 'Percent of capacity for the canary step (1-50).',
        'linear-step-size': 'Percent of capacity shifted per linear step (10-50).',
        'wait-interval': 'Seconds each traffic step bakes while the rollback alarms watch (0-3600).',
        'termination-wait': 'Seconds the old fleet is kept after the shift completes (0-3600).',
        'max-execution-timeout': "SageMaker's own limit on the blue/green update, in seconds (600-28800).",
        'rollback-alarms': 'CloudWatch alarm names (at most 10), comma or newline separated; if one fires during the shift, SageMaker rolls back.',
        'data-capture-sampling-percentage': 'Percent of requests captured when data-capture-s3-uri is set (1-100).'
    }),
    ...readBy(['deploy'], {
        traffic: 'A/B weights across versions, e.g. "v7=90,v8=10" (whole numbers, not all 0, each version once); excludes model-package.'
    }),
    ...readBy(['rollback'], {
        'reject-current': 'Also mark the version being rolled back Rejected (needs reason).'
    }),
    ...readBy(['compare'], {
        versions: 'Version numbers to compare, comma separated (e.g. 5,6,7).'
    }),
    ...readBy(['group'], {
        'group-operation': "describe, list (the group's versions), update-tags, delete, share or unshare.",
        'account-ids': '12-digit AWS account ids, comma or newline separated; share refuses the account that owns the group.'
    }),
    ...readBy(['ab-test'], {
        'ground-truth-s3-uri': "S3 prefix of the ground truth in Model Monitor's format, joined with captured requests by inferenceId, else eventId.",
        'window-hours': 'The test window: the last N hours of captured requests and CloudWatch figures (1-2160).',
        'on-verdict': 'What a winner verdict does: none (report only) or promote (all traffic to the winner, approve it, reject the loser).'
    })
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
});
/** Inputs whose values must never appear in messages or logs. */
const SECRET_INPUTS = ['github-token'];
const VALIDATION_METHODS = ['endpoint', 'batch-transform'];
const table_TASKS = ['binary', 'multiclass', 'regression'];
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
        this.input = input;
        this.name = 'InputError';
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
const REALTIME_TYPES = new Set(Object.values(client_sagemaker_dist_cjs/* ProductionVariantInstanceType */.K6t));
const TRANSFORM_TYPES = new Set(Object.values(client_sagemaker_dist_cjs/* TransformInstanceType */.AH6));
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
/** `value` when it is not set or matches `pattern`; else an error that says what `input` accepts. */
function checkPattern(input, value, pattern, accepted) {
    if (value !== undefined && !pattern.test(value))
        throw invalid(input, value, accepted);
    return value;
}
function checkS3Uri(input, value) {
    if (value === undefined || S3_URI.test(value))
        return value;
    throw invalid(input, value, s3UriExpected(value, 's3://bucket/prefix/file'));
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
    const input = 'execution-role-arn';
    return checkPattern(input, inputs.optional(input), ROLE_ARN, 'an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution');
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
    return checkPattern('model-lifecycle-stage', stage, RESOURCE_NAME, 'a stage name of 1-63 letters, digits and hyphens, such as staging');
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
const ENDPOINT_ROLE = {
    deploy: 'the endpoint to deploy to',
    rollback: 'the endpoint to roll back',
    'ab-test': 'the endpoint whose variants are compared'
};
function readEndpointName(inputs, mode) {
    const endpointName = inputs.optional('endpoint-name');
    if (endpointName === undefined)
        throw required('endpoint-name', mode, ENDPOINT_ROLE[mode]);
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
/** Data capture: where to, and the share of requests; a percentage alone is a mistake. */
function readCapture(inputs) {
    const dataCaptureS3Uri = checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri'));
    const percentage = 'data-capture-sampling-percentage';
    // The action passes every default, so only a value other than the default is a mistake.
    if (dataCaptureS3Uri === undefined && inputs.get(percentage) !== table_DEFAULTS[percentage]) {
        throw new InputError(percentage, `Input "${percentage}" needs "data-capture-s3-uri": it is the share of requests captured there.`);
    }
    return { dataCaptureS3Uri, dataCaptureSamplingPercentage: inputs.int(percentage, 1, 100) };
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
        ...readCapture(inputs),
        ...strategy,
        rollbackAlarms,
        environment: inputs.optional('environment'),
        traffic,
        rejectCurrent,
        reason
    };
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

;// CONCATENATED MODULE: ./build/src/evaluation/readings.js
// How a regression limit ("the candidate may lose at most 0.01 auc to the baseline") is
// read against a paired comparison. Three readings:
//
// - `non-inferiority` (the default for live metrics): pass only when the one-sided
//   (1 - alpha) bound of the delta on the worse side is within the limit, that is, when
//   the data shows with confidence 1 - alpha that the candidate is not worse by more
//   than the limit. Little data gives a wide interval and fails: the data must earn a pass.
// - `significant-drop`: fail only when the one-sided (1 - alpha) bound on the better side
//   is beyond the limit, that is, when the data shows with confidence 1 - alpha that the
//   candidate is worse by more than the limit. Noise never fails a candidate; a real,
//   large drop does. Pick it when rejecting a good model costs more than shipping a
//   slightly worse one.
// - `point`: compare the delta itself with the limit, ignoring uncertainty (the only
//   reading possible for metrics read from the registry).
//
// A comparison without bounds (too few rows of a class for DeLong, a metric undefined on
// most resamples) fails under both statistical readings: the gate fails closed.

const REGRESSION_TESTS = ['non-inferiority', 'significant-drop', 'point'];
// As in the policy: a value that passed through JSON and subtraction must not flip a
// decision at the boundary.
function tolerance(...values) {
    return 1e-9 * Math.max(1, ...values.map(Math.abs));
}
/** Whether `value` is on the acceptable side of `allowed` for the metric's direction. */
function within(value, allowed, direction) {
    const eps = tolerance(value, allowed);
    return direction === 'higher' ? value >= allowed - eps : value <= allowed + eps;
}
function percent(alpha) {
    return `${formatNumber((1 - alpha) * 100)}%`;
}
/** Reads a regression limit against a comparison; `metric` names it in the explanation. */
function readRegression(comparison, rule, test, metric = 'the metric') {
    const margin = rule.relative ? (rule.limit / 100) * Math.abs(comparison.baseline) : rule.limit;
    const allowedDelta = rule.direction === 'higher' ? -margin : margin;
    const allowedText = `${rule.direction === 'higher' ? 'drop' : 'rise'} of ${formatNumber(margin)}${rule.relative ? ` (${formatNumber(rule.limit)}% of the baseline's ${formatNumber(comparison.baseline)})` : ''}`;
    const deltaText = `delta ${formatNumber(comparison.delta)}`;
    if (test === 'point') {
        const ok = within(comparison.delta, allowedDelta, rule.direction);
        return {
            verdict: ok ? 'pass' : 'fail',
            test,
            allowedDelta,
            statistic: comparison.delta,
            explanation: `${metric}: ${deltaText} is ${ok ? 'within' : 'beyond'} the allowed ${allowedText} (point estimate).`
        };
    }
    const worse = rule.direction === 'higher' ? comparison.lower_bound : comparison.upper_bound;
    const better = rule.direction === 'higher' ? comparison.upper_bound : comparison.lower_bound;
    const confidence = percent(comparison.alpha);
    const bound = test === 'non-inferiority' ? worse : better;
    if (bound === null) {
        return {
            verdict: 'fail',
            test,
            allowedDelta,
            statistic: null,
            explanation: `${metric}: the data gives no confidence bound for the delta (${(comparison.note ?? 'not enough rows').replace(/\.$/, '')}), so ${test === 'non-inferiority' ? 'non-inferiority cannot be shown' : 'a drop cannot be tested'}; failing closed.`
        };
    }
    const boundText = `one-sided ${confidence} bound ${formatNumber(bound)}`;
    if (test === 'non-inferiority') {
        const ok = within(bound, allowedDelta, rule.direction);
        return {
            verdict: ok ? 'pass' : 'fail',
            test,
            allowedDelta,
            statistic: bound,
            explanation: ok
                ? `${metric}: non-inferior: ${deltaText}, ${boundText}, within the allowed ${allowedText}.`
                : `${metric}: non-inferiority not shown: ${deltaText}, ${boundText}, beyond the allowed ${allowedText}.`
        };
    }
    const significant = !within(bound, allowedDelta, rule.direction);
    return {
        verdict: significant ? 'fail' : 'pass',
        test,
        allowedDelta,
        statistic: bound,
        explanation: significant
            ? `${metric}: significant drop: ${deltaText}, and even the ${boundText} is beyond the allowed ${allowedText}.`
            : `${metric}: no significant drop beyond the allowed ${allowedText}: ${deltaText}, ${boundText}.`
    };
}

;// CONCATENATED MODULE: ./build/src/policy/types.js
/** Metrics the gate measured itself on validation data are named `live:<metric>`. */
const LIVE_PREFIX = 'live:';

;// CONCATENATED MODULE: ./build/src/policy/direction.js
// Words, not whole names, so that `f1_score`, `balanced_accuracy`, `val_loss` and
// `mean_absolute_error` are recognised; the XGBoost spellings (aucpr, merror, mlogloss)
// are included because SageMaker's built-in algorithm emits them. `mcc`, `f0_5`, `f2` and
// `brier` are what live evaluation measures.
const HIGHER = new Set([
    'auc',
    'aucpr',
    'prauc',
    'accuracy',
    'f1',
    'f05',
    'f2',
    'mcc',
    'precision',
    'recall',
    'r2',
    'tpr',
    'tnr',
    'sensitivity',
    'specificity'
]);
const LOWER = new Set([
    'brier',
    'fpr',
    'fnr',
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
// Names whose words mean nothing alone ("true", "rate", "variance"): matched as phrases.
const PHRASES = [
    ['true_positive_rate', 'higher'],
    ['true_negative_rate', 'higher'],
    ['false_positive_rate', 'lower'],
    ['false_negative_rate', 'lower'],
    ['explained_variance', 'higher']
];
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
        .replace(/f0[._]5/g, 'f05')
        .split(/[^a-z0-9]+/)
        .filter(word => word !== '');
    const joined = `_${words.join('_')}_`;
    const phrases = PHRASES.filter(([phrase]) => joined.includes(`_${phrase}_`));
    const higher = words.some(word => HIGHER.has(word)) || phrases.some(([, way]) => way === 'higher');
    const lower = words.some(word => LOWER.has(word)) || phrases.some(([, way]) => way === 'lower');
    if (higher === lower)
        return undefined;
    return higher ? 'higher' : 'lower';
}

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
/** Names listed per reason in `droppedSummary`; a metrics file can drop hundreds of thousands. */
const DROPPED_NAMES = 5;
/**
 * The entries `fitMetadata` dropped, in one sentence: keys grouped by reason, a few named
 * per reason and the rest counted, so a large metrics file makes one warning, not one a metric.
 */
function droppedSummary(dropped) {
    const byReason = new Map();
    for (const entry of dropped) {
        const at = entry.lastIndexOf(': ');
        const [key, reason] = at < 0 ? [entry, 'not accepted'] : [entry.slice(0, at), entry.slice(at + 2)];
        byReason.set(reason, [...(byReason.get(reason) ?? []), key]);
    }
    const groups = [...byReason].map(([reason, keys]) => {
        const named = keys.slice(0, DROPPED_NAMES).join(', ');
        const more = keys.length > DROPPED_NAMES ? ` and ${keys.length - DROPPED_NAMES} more` : '';
        return `${reason} (${named}${more})`;
    });
    const count = dropped.length;
    const others = groups.length > DROPPED_NAMES ? `; and ${groups.length - DROPPED_NAMES} other reasons` : '';
    return `${count} customer metadata entr${count === 1 ? 'y' : 'ies'} not recorded (SageMaker limits): ${groups.slice(0, DROPPED_NAMES).join('; ')}${others}.`;
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
/**
 * The rule lines of `input`, each with its own scanner. (A parser names the scanner's type
 * where it uses it: `fail` ends a branch only when called on an explicitly typed variable.)
 */
function* ruleLines(input, text) {
    const first = new Map();
    for (const { line, text: lineText } of contentLines(text)) {
        const scan = new LineScanner(input, line, lineText);
        const metric = scan.metric();
        scan.skipSpace();
        const once = (key, column, message) => {
            const earlier = first.get(key);
            if (earlier !== undefined)
                scan.fail(message(earlier), column);
            first.set(key, line);
        };
        yield { scan, metric, line, column: scan.pos, once };
    }
}
function parseThresholds(text) {
    const rules = [];
    for (const ruleLine of ruleLines('thresholds', text)) {
        const scan = ruleLine.scan;
        const { metric, line, column: opColumn, once } = ruleLine;
        const op = scan.match(COMPARATOR);
        if (op === undefined) {
            scan.fail(`expected one of >= > <= < == after "${metric.name}", got ${scan.got()}`);
        }
        const value = scan.number(op);
        scan.end(`the threshold "${op} ${value}"`);
        once(`${metric.name} ${op}`, opColumn, first => `"${metric.name} ${op}" is already set on line ${first}; keep one rule per metric and comparator`);
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
    for (const ruleLine of ruleLines('metric-directions', text)) {
        const scan = ruleLine.scan;
        const { metric, column, once } = ruleLine;
        const word = scan.next();
        if (word !== 'higher' && word !== 'lower') {
            scan.fail(`expected "higher" or "lower" after "${metric.name}", got ${scan.got()}`);
        }
        scan.pos += word.length;
        scan.end(`"${word}"`);
        once(metric.name, column, first => `the direction of "${metric.name}" is already set on line ${first}`);
        directions[metric.name] = word;
    }
    return directions;
}
function parseRegressions(text, directions) {
    const rules = [];
    for (const ruleLine of ruleLines('max-regression', text)) {
        const scan = ruleLine.scan;
        const { metric, line, column, once } = ruleLine;
        const lineText = scan.text;
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
        once(metric.name, metric.column, first => `"${metric.name}" already has a regression limit on line ${first}; keep one per metric`);
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

;// CONCATENATED MODULE: ./build/src/policy/evaluate.js



// Metric values pass through JSON, S3 statistics files and subtraction; a boundary value
// (0.85 - 0.84 = 0.010000000000000009 against a 0.01 limit) must not flip the decision.
function evaluate_tolerance(...values) {
    return 1e-9 * Math.max(1, ...values.map(Math.abs));
}
function versionName(set, fallback) {
    return set?.version !== undefined ? `v${set.version}` : fallback;
}
function compare(value, op, limit) {
    const eps = evaluate_tolerance(value, limit);
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
/** The interval and p-value of a paired comparison, as a rule result carries them. */
function statistics(comparison) {
    if (!comparison)
        return {};
    return {
        ...(comparison.ci ? { ci: comparison.ci, ciLevel: 1 - comparison.alpha } : {}),
        ...(comparison.p_value !== null ? { pValue: comparison.p_value } : {})
    };
}
/** One rule's result: the candidate's value checked once, then the rule of its kind. */
function evaluateRule(rule, candidate, baseline, options) {
    const checked = checkCandidate(rule, candidate, baseline);
    if ('failed' in checked)
        return checked.failed;
    return rule.kind === 'threshold'
        ? evaluateThreshold(rule, checked, options)
        : evaluateRegression(rule, checked, baseline, options);
}
function evaluateThreshold(rule, checked, options) {
    const common = { ...checked.common, ...statistics(options.live?.comparisons[rule.metric]) };
    const { value } = checked;
    const ok = compare(value, rule.op, rule.value);
    return {
        ...common,
        verdict: ok ? 'pass' : 'fail',
        explanation: ok
            ? `${rule.metric} ${formatNumber(value)} meets the threshold ${rule.op} ${formatNumber(rule.value)}.`
            : `${rule.metric} ${formatNumber(value)} is not ${OP_WORDS[rule.op]} ${formatNumber(rule.value)} (threshold ${rule.op} ${formatNumber(rule.value)}).`
    };
}
function evaluateRegression(rule, checked, baseline, options) {
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
    const comparison = options.live?.comparisons[rule.metric];
    if (comparison && options.live) {
        // Both measured on the same rows: the limit is read against the paired comparison.
        const reading = readRegression(comparison, rule, options.live.test, rule.metric);
        return {
            ...common,
            ...statistics(comparison),
            verdict: reading.verdict,
            explanation: reading.explanation
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
    const ok = drop <= allowed + evaluate_tolerance(base, value);
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
    const rules = [...policy.thresholds, ...policy.regressions].map(rule => evaluateRule(rule, candidate, baseline, options));
    const failed = rules.filter(result => result.verdict === 'fail');
    return {
        decision: failed.length === 0 ? 'pass' : 'fail',
        rules,
        reasons: failed.map(result => result.explanation)
    };
}

;// CONCATENATED MODULE: ./build/src/policy/index.js






// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
;// CONCATENATED MODULE: ./build/src/registry/s3.js
// S3 objects the registry points at: the model-quality statistics JSON a version's
// ModelMetrics refer to, and the digests SageMaker records for them.




/** Parses `s3://bucket/key`; `input` names the action input in the error message. */
function parseS3Uri(uri, input) {
    const match = S3_URI.exec(uri.trim());
    if (!match) {
        throw new UserError(`Input "${input}" must be ${s3UriExpected(uri, 's3://bucket/prefix')}; got "${uri}".`);
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
/**
 * The data of live evaluation and what it needs: a role to run the models, and for batch
 * transform a place in S3 (beside S3 data by default). A policy naming `live:` metrics
 * without data would fail every such rule; it is refused here, before any AWS call.
 */
function readLiveData(inputs, policy, method, executionRoleArn) {
    const validationData = inputs.optional('validation-data');
    const work = checkS3Uri('work-s3-uri', inputs.optional('work-s3-uri'));
    const live = [...policy.thresholds, ...policy.regressions].find(rule => rule.metric.startsWith(LIVE_PREFIX));
    if (validationData === undefined) {
        if (live)
            throw new InputError('validation-data', `The policy names ${live.metric}, a metric measured live: set "validation-data" to the CSV to evaluate on, or name registry metrics only.`);
        return {};
    }
    const s3 = validationData.startsWith('s3://');
    if (s3)
        checkS3Uri('validation-data', validationData);
    if (executionRoleArn === undefined)
        throw new InputError('execution-role-arn', 'Input "execution-role-arn" is required with "validation-data": SageMaker assumes the role to run the candidate and the baseline on the temporary endpoint or transform job.');
    if (work !== undefined || method !== 'batch-transform')
        return { validationData, workS3Uri: work };
    if (!s3)
        throw new InputError('work-s3-uri', `Input "work-s3-uri" is required for validation-method batch-transform with local data: the S3 prefix where ${validationData} is uploaded for the transform jobs and their output is written.`);
    const location = parseS3Uri(validationData, 'validation-data');
    const folder = location.key.includes('/')
        ? location.key.slice(0, location.key.lastIndexOf('/'))
        : '';
    return { validationData, workS3Uri: formatS3Uri({ bucket: location.bucket, key: folder }) };
}
/** `decision-threshold` (0 to 1) and `alpha` (between 0 and `alphaMax`, exclusive). */
function readTestLevels(inputs, alphaMax) {
    const thresholdRange = 'a number from 0 to 1';
    const decisionThreshold = inputs.decimal('decision-threshold', thresholdRange);
    if (decisionThreshold > 1) {
        throw invalid('decision-threshold', inputs.get('decision-threshold'), thresholdRange);
    }
    const alphaRange = `a number between 0 and ${alphaMax} (exclusive), such as 0.05`;
    const alpha = inputs.decimal('alpha', alphaRange);
    if (alpha <= 0 || alpha >= alphaMax)
        throw invalid('alpha', inputs.get('alpha'), alphaRange);
    return { decisionThreshold, alpha };
}
function readGate(inputs, common) {
    const policy = readPolicy({
        thresholds: inputs.get('thresholds'),
        maxRegression: inputs.get('max-regression'),
        metricDirections: inputs.get('metric-directions')
    });
    const { validationMethod, instanceType, serverlessMemoryMb, serverlessMaxConcurrency } = readEvaluationCompute(inputs);
    // A two-sided interval at alpha 0.5 or more is no interval: the paired tests refuse it.
    const { decisionThreshold, alpha } = readTestLevels(inputs, 0.5);
    const labelColumn = inputs.get('label-column');
    const executionRoleArn = checkRoleArn(inputs);
    const { validationData, workS3Uri } = readLiveData(inputs, policy, validationMethod, executionRoleArn);
    return {
        modelPackage: modelPackageRef(inputs.optional('model-package'), common),
        policy,
        baseline: parseBaseline(inputs.get('baseline')),
        onPass: inputs.oneOf('on-pass', ['Approved', 'none']),
        onFail: inputs.oneOf('on-fail', ['Rejected', 'none']),
        failOnReject: inputs.bool('fail-on-reject'),
        validationData,
        validationMethod,
        task: inputs.oneOf('task', table_TASKS),
        labelColumn,
        predictionColumn: inputs.optional('prediction-column'),
        decisionThreshold,
        alpha,
        executionRoleArn,
        instanceType,
        serverlessMemoryMb,
        serverlessMaxConcurrency,
        maxConcurrency: inputs.int('max-concurrency', 1, 64),
        regressionTest: inputs.oneOf('regression-test', REGRESSION_TESTS),
        workS3Uri
    };
}

;// CONCATENATED MODULE: ./build/src/inputs/ab-test.js
// The inputs of `ab-test`: the endpoint and where its captured requests and ground truth
// are, the window, the policy (`live:` metrics of the joined requests, `ops:` figures from
// CloudWatch), the test's levels, and how a winner is promoted.









const ON_VERDICT = ['none', 'promote'];
/** Ninety days: CloudWatch keeps 1-hour data points for 455 days, but captures are hourly folders to list. */
const WINDOW_HOURS_MAX = 2160;
const TASK_METRICS = {
    binary: BINARY_METRICS,
    multiclass: MULTICLASS_METRICS,
    regression: REGRESSION_METRICS
};
/** Every rule names `live:<metric of the task>` or, in thresholds only, `ops:<figure>`. */
function checkMetrics(policy, task) {
    const rules = [...policy.thresholds, ...policy.regressions];
    for (const rule of rules) {
        const input = rule.kind === 'threshold' ? 'thresholds' : 'max-regression';
        const [prefix, name = ''] = rule.metric.split(/:(.*)/s);
        const where = `Input "${input}" line ${rule.line}`;
        if (prefix === 'live' && TASK_METRICS[task].includes(name))
            continue;
        if (prefix === 'ops' && OPS_NAMES.includes(name)) {
            if (rule.kind === 'threshold')
                continue;
            throw new InputError(input, `${where}: "${rule.metric}" is a limit, not a comparison; write it in "thresholds", e.g. "ops:error_rate <= 0.01" or "ops:model_latency_p99 <= 200".`);
        }
        throw new InputError(input, `${where}: mode "ab-test" decides on live:<metric> (${task}: ${TASK_METRICS[task].join(', ')}) and ops:<figure> (${OPS_NAMES.join(', ')}); got "${rule.metric}".`);
    }
}
function readAbPolicy(inputs, task) {
    const text = {
        thresholds: inputs.get('thresholds'),
        maxRegression: inputs.get('max-regression'),
        metricDirections: inputs.get('metric-directions')
    };
    if (!given(text.thresholds) && !given(text.maxRegression)) {
        if (given(text.metricDirections)) {
            throw new InputError('metric-directions', 'Input "metric-directions" applies to metrics named in "thresholds" or "max-regression", and both are empty.');
        }
        return { thresholds: [], regressions: [], directions: {} };
    }
    const policy = readPolicy(text);
    checkMetrics(policy, task);
    return policy;
}
function readAbTest(inputs) {
    const endpointName = readEndpointName(inputs, 'ab-test');
    const groundTruthS3Uri = checkS3Uri('ground-truth-s3-uri', inputs.optional('ground-truth-s3-uri'));
    if (groundTruthS3Uri === undefined) {
        throw required('ground-truth-s3-uri', 'ab-test', "the S3 prefix of the labels, in Model Monitor's ground-truth format");
    }
    const task = inputs.oneOf('task', table_TASKS);
    // The engine's intervals and bounds need alpha below 0.5.
    const { decisionThreshold, alpha } = readTestLevels(inputs, 0.5);
    const dataCaptureS3Uri = checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri'));
    return {
        endpointName,
        dataCaptureS3Uri,
        groundTruthS3Uri,
        windowHours: inputs.int('window-hours', 1, WINDOW_HOURS_MAX),
        task,
        decisionThreshold,
        alpha,
        policy: readAbPolicy(inputs, task),
        onVerdict: inputs.oneOf('on-verdict', ON_VERDICT),
        promote: {
            endpointName,
            executionRoleArn: checkRoleArn(inputs),
            // The endpoint's own capture settings are kept; the mode fills them in once read.
            dataCaptureSamplingPercentage: 100,
            // The winner's config has other variant names, so SageMaker shifts all at once anyway.
            deploymentStrategy: 'all-at-once',
            canarySize: Number(table_DEFAULTS['canary-size']),
            linearStepSize: Number(table_DEFAULTS['linear-step-size']),
            waitIntervalSeconds: 0,
            terminationWaitSeconds: 0,
            rollbackAlarms: [],
            waitTimeoutSeconds: inputs.int('wait-timeout', 1),
            environment: inputs.optional('environment'),
            traffic: [],
            rejectCurrent: false
        }
    };
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
        throw invalid(source, value, s3UriExpected(value, 's3://bucket/model.tar.gz'));
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
        approvalStatus: inputs.optional('approval-status')
            ? inputs.oneOf('approval-status', APPROVAL_STATUSES)
            : undefined,
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
        case 'ab-test':
            return { ...common, mode, abTest: readAbTest(inputs) };
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sagemaker-runtime/dist-cjs/index.js
var client_sagemaker_runtime_dist_cjs = __webpack_require__(9636);
;// CONCATENATED MODULE: ./build/src/aws.js
// The one place AWS clients are built: one user agent, adaptive retry, bounded attempts
// (endpoint invocations: one attempt per send, live evaluation retries them).
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
        sagemaker: new client_sagemaker_dist_cjs/* SageMakerClient */.kHU(common),
        // Live evaluation retries invocations itself (evaluation/live/retry.ts: which errors,
        // how long to pause, when to stop); SDK retries inside each of its tries would multiply.
        runtime: new client_sagemaker_runtime_dist_cjs/* SageMakerRuntimeClient */.OX({ ...common, maxAttempts: 1 }),
        s3: new client_s3_dist_cjs/* S3Client */.YxF(common),
        cloudwatch: new dist_cjs/* CloudWatchClient */.WBn(common)
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
/** Adds up, across the given clients, the retries the SDK made and the time it waited. */
function tallyRetries(aws) {
    const tally = { requests: 0, retries: 0, waitMs: 0 };
    const record = (metadata) => {
        const attempts = metadata?.attempts ?? 1;
        if (attempts <= 1 && !metadata?.totalRetryDelay)
            return;
        tally.requests++;
        tally.retries += Math.max(0, attempts - 1);
        tally.waitMs += metadata?.totalRetryDelay ?? 0;
    };
    // The three clients' stacks differ only in their command types, which this does not read.
    const stacks = [aws.sagemaker, aws.runtime, aws.s3].map(client => client.middlewareStack);
    for (const stack of stacks) {
        // The initialize step sits outside the retry loop: it sees each request once, finished.
        stack.add(next => async (args) => {
            try {
                const result = await next(args);
                record(result.output.$metadata);
                return result;
            }
            catch (error) {
                record(error.$metadata);
                throw error;
            }
        }, { step: 'initialize', name: 'sagemakerModelGateRetryTally' });
    }
    return tally;
}
/** One log line for the run's retries, or undefined when there were none. */
function retrySummary(tally) {
    if (tally.requests === 0)
        return undefined;
    const seconds = (tally.waitMs / 1000).toFixed(1);
    return `AWS retries: ${tally.retries} retried attempt(s) over ${tally.requests} request(s) (throttling, 5xx or dropped connections), ${seconds} s waited in all`;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./build/src/evaluation/sources.js
// Byte streams of evaluation data. A local file is read into two reused buffers, so
// reading a file of any size touches two megabytes of memory, not the file's size in fresh
// buffers (on some virtual machines every new page costs microseconds); the next chunk is
// read while the caller works on this one, as a network stream's next bytes arrive while
// the last are read.

/**
 * The bytes of a local file, a chunk at a time. A chunk is a view of one of two buffers:
 * it is valid only until the next one is requested (CsvColumnReader copies the little it
 * keeps across chunks).
 */
async function* fileChunks(path, chunkSize = 1 << 20) {
    const handle = await (0,promises_.open)(path, 'r');
    const buffers = [Buffer.allocUnsafeSlow(chunkSize), Buffer.allocUnsafeSlow(chunkSize)];
    const read = (buffer) => {
        const reading = handle.read(buffer, 0, chunkSize, null);
        // Handled here too: a read that fails while the caller is busy must not end the process
        // as an unhandled rejection; the await below still throws its error.
        reading.catch(() => undefined);
        return reading;
    };
    let next = read(buffers[0]);
    try {
        for (let turn = 1;; turn ^= 1) {
            const { bytesRead, buffer } = await next;
            if (bytesRead === 0)
                return;
            // The other buffer held the chunk before this one: the caller is done with it.
            next = read(buffers[turn]);
            yield buffer.subarray(0, bytesRead);
        }
    }
    finally {
        // A read still under way when the caller stops (or fails) ends before the file closes.
        await next.catch(() => undefined);
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/sources.js
// Where validation data comes from and where batch transform's copy goes: a local file or
// an S3 object read as a stream (never whole in memory), files uploaded with their length.






/** The input names S3 URI errors mention. */
const DATA_INPUT = 'validation-data';
const WORK_INPUT = 'work-s3-uri';
function isS3Uri(data) {
    return data.startsWith('s3://');
}
/** Opens the data for one pass over its bytes. */
async function openData(s3, data, source) {
    if (isS3Uri(data)) {
        const location = parseS3Uri(data, DATA_INPUT);
        let response;
        try {
            response = await s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: location.bucket, Key: location.key }));
        }
        catch (error) {
            const name = error.name;
            if (name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound')
                throw new UserError(`${source}: there is no such S3 object (${name}).`);
            throw error;
        }
        const body = response.Body;
        if (!body)
            throw new UserError(`${source}: the S3 object has no content.`);
        return { chunks: body, location, etag: response.ETag };
    }
    try {
        const info = await (0,promises_.stat)(data);
        if (!info.isFile())
            throw new UserError(`${source}: not a file.`);
    }
    catch (error) {
        if (error instanceof UserError)
            throw error;
        throw new UserError(`${source}: cannot read the file: ${error.message}`);
    }
    return { chunks: fileChunks(data) };
}
/** The ETag of an S3 object now. */
async function currentEtag(s3, location) {
    const head = await s3.send(new client_s3_dist_cjs/* HeadObjectCommand */.l81({ Bucket: location.bucket, Key: location.key }));
    return head.ETag;
}
/** Uploads a local file as one object (up to S3's 5 GB for one PutObject). */
async function uploadFile(s3, path, location, contentType) {
    const { size } = await (0,promises_.stat)(path);
    await s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: location.bucket,
        Key: location.key,
        Body: (0,external_node_fs_.createReadStream)(path),
        ContentLength: size,
        ContentType: contentType
    }));
}
function workLocation(workS3Uri) {
    return parseS3Uri(workS3Uri, WORK_INPUT);
}

;// CONCATENATED MODULE: ./build/src/evaluation/statistics-json.js
// The SageMaker Model Monitor model-quality statistics document, built from a metrics
// report: what ModelMetrics.ModelQuality.Statistics points at, so the registry and
// SageMaker Studio show the metrics.
//
// Shape, as the Model Monitor documentation shows it ("Model quality metrics and Amazon
// CloudWatch monitoring"):
//   {"version": 0.0,
//    "dataset": {"item_count": 1000},
//    "binary_classification_metrics": {
//      "confusion_matrix": {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}},
//      "recall": {"value": 1.0, "standard_deviation": "NaN"}, ...}}
// - `confusion_matrix[actual][predicted]`: the outer key is the label, the inner one the
//   prediction (in the documented example, recall 1.0 and precision 1/3 only fit that way);
// - `standard_deviation` is the standard deviation over five 80% subsamples, written as
//   the string "NaN" when Model Monitor would give none (fewer than 200 rows) or when the
//   metric is undefined on a subsample;
// - a metric undefined on the data (auc with one class) is left out, not written as NaN.
// Keys follow Model Monitor's names where it has the metric (auc, f0_5, true_positive_rate,
// weighted_f1, mae, r2, ...), and scikit-learn's otherwise (average_precision, logloss,
// brier, balanced_accuracy, mcc, macro_f1, mape, explained_variance).



const SECTION = {
    binary: 'binary_classification_metrics',
    multiclass: 'multiclass_classification_metrics',
    regression: 'regression_metrics'
};
function confusionMatrix(matrix) {
    const out = {};
    matrix.forEach((row, actual) => {
        out[String(actual)] = Object.fromEntries(row.map((count, predicted) => [String(predicted), count]));
    });
    return out;
}
function metricEntries(names, report) {
    const section = {};
    for (const name of names) {
        const value = report.values[name];
        if (value === undefined)
            continue;
        const sd = report.standardDeviations[name];
        section[name] = { value, standard_deviation: sd === undefined ? 'NaN' : sd };
    }
    return section;
}
/** The statistics document of one model's report. */
function statisticsDocument(result) {
    let section;
    if (result.task === 'binary') {
        const { tp, fp, tn, fn } = result.report.confusion;
        section = {
            confusion_matrix: confusionMatrix([
                [tn, fp],
                [fn, tp]
            ]),
            ...metricEntries(BINARY_METRICS, result.report)
        };
    }
    else if (result.task === 'multiclass') {
        section = {
            confusion_matrix: confusionMatrix(result.report.confusion),
            ...metricEntries(MULTICLASS_METRICS, result.report)
        };
    }
    else {
        section = metricEntries(REGRESSION_METRICS, result.report);
    }
    return {
        version: 0.0,
        dataset: { item_count: result.report.rows },
        [SECTION[result.task]]: section
    };
}
/**
 * The document as stored: two-space JSON with a final newline, keys in a fixed order, so
 * equal reports give equal bytes (and an equal ContentDigest when registered).
 */
function statisticsText(document) {
    return `${JSON.stringify(document, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./build/src/version.js
// Sent in the AWS user agent; kept in step with package.json by a unit test.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/src/metrics-command.js
// `sagemaker-model-gate metrics`: the metrics of a predictions CSV (a local file or an S3
// object, read as a stream, never whole) as Model Monitor model-quality statistics JSON,
// and with a baseline column the paired comparison of the two models on the same rows.
// A command of the CLI only: it reads no registry and changes nothing, so the action has
// no use for it (the gate's live evaluation runs the same engine).









/** The command's flags: help line and default, as `--help` prints them. */
const METRICS_FLAGS = {
    data: { help: 'Predictions CSV: a local path or an s3:// URI (required).' },
    task: { help: 'binary, multiclass or regression (required).' },
    'label-column': {
        help: 'Label column: a zero-based index or a header name.',
        default: '0'
    },
    'prediction-column': {
        help: 'Prediction column (index or name); by default the first column that is neither the label nor the baseline.'
    },
    'baseline-column': {
        help: "A baseline model's predictions on the same rows (index or name): adds the paired comparison."
    },
    'decision-threshold': {
        help: 'Binary: scores at or above it count as positive (0 to 1).',
        default: '0.5'
    },
    alpha: {
        help: 'Level of the paired tests, between 0 and 0.5 (exclusive).',
        default: '0.05'
    },
    region: { help: 'AWS region of the S3 bucket; AWS_REGION by default.' }
};
const METRICS_SUMMARY = 'Metrics of a predictions CSV as model-quality statistics JSON; with --baseline-column, the paired comparison.';
function metricsUsage(command) {
    const names = Object.keys(METRICS_FLAGS);
    const width = Math.max(...names.map(name => name.length)) + 2;
    return [
        `Usage: ${command} metrics --data FILE|s3://... --task binary|multiclass|regression [--flag value ...]`,
        '',
        METRICS_SUMMARY,
        '',
        'Flags for metrics:',
        ...names.map(name => {
            const flag = METRICS_FLAGS[name];
            return `  --${name.padEnd(width)}${flag.help}${flag.default ? ` [default: ${flag.default}]` : ''}`;
        }),
        '',
        'Prints the statistics JSON on stdout; notes on ill-defined metrics go to stderr.'
    ].join('\n');
}
function column(value) {
    if (value === undefined)
        return undefined;
    return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}
function flagNumber(name, value, accepted, ok) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !ok(n))
        throw new UserError(`Flag --${name} must be ${accepted}; got "${value}".`);
    return n;
}
function readFlags(argv) {
    try {
        const options = Object.fromEntries(Object.keys(METRICS_FLAGS).map(name => [name, { type: 'string' }]));
        return (0,external_node_util_.parseArgs)({ args: [...argv], options, strict: true, allowPositionals: false })
            .values;
    }
    catch (error) {
        const flag = /'(-{1,2}[^'\s=]+)/.exec(errors_errorMessage(error))?.[1];
        const near = flag && nearestName(flag.replace(/^-+/, ''), Object.keys(METRICS_FLAGS));
        throw new UserError(`${errors_errorMessage(error).replace(/\.?$/, '.')}${near ? ` Did you mean --${near}?` : ''} Run "sagemaker-model-gate metrics --help" for the flags.`);
    }
}
/** Runs the command; returns the document to print. Throws a UserError naming the flag. */
async function metricsCommand(argv, env, warn) {
    const flags = readFlags(argv);
    if (!flags.data)
        throw new UserError('Flag --data is required: a predictions CSV or s3:// URI.');
    const task = TASKS.find(t => t === flags.task?.toLowerCase());
    if (!task)
        throw new UserError(`Flag --task must be one of ${TASKS.join(', ')}; got ${flags.task === undefined ? 'nothing' : `"${flags.task}"`}.`);
    const threshold = flagNumber('decision-threshold', flags['decision-threshold'] ?? '0.5', 'a number from 0 to 1', n => n >= 0 && n <= 1);
    const alpha = flagNumber('alpha', flags.alpha ?? '0.05', 'a number between 0 and 0.5 (exclusive)', n => n > 0 && n < 0.5);
    const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    const source = `--data ${flags.data}`;
    const { s3 } = createClients(region, VERSION);
    const opened = await openData(s3, flags.data, source);
    const evaluation = await evaluate(opened.chunks, {
        task,
        source,
        label: column(flags['label-column'] ?? '0'),
        prediction: column(flags['prediction-column']),
        baseline: column(flags['baseline-column']),
        threshold,
        alpha
    });
    for (const warning of evaluation.warnings)
        warn(warning);
    return {
        ...statisticsDocument(evaluation.candidate),
        ...(evaluation.comparison ? { comparison: evaluation.comparison } : {})
    };
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
    const oneLine = truncate(text.replace(/\r\n?|\n/g, ' '), maxLength);
    return neutraliseMentions(escapeHtml(oneLine).replace(MARKDOWN_SPECIALS, '\\$&'));
}
/**
 * Untrusted text for a GFM table cell: as `escapeText`, with line breaks kept as `<br>`
 * (a raw newline would end the row) and `|` escaped so that it cannot add a column.
 */
function escapeCell(text, maxLength = 300) {
    const lines = truncate(text, maxLength).split(/\r\n?|\n/);
    return lines.map(line => escape_escapeText(line, Number.MAX_SAFE_INTEGER)).join('<br>');
}
/** Shortens to `maxLength` characters with an ellipsis, without splitting a surrogate pair. */
function truncate(text, maxLength) {
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
    return truncate(safe, maxLength);
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
function terminalText(text, maxLength = 1000) {
    const oneLine = text.replace(/\r\n?|\n|\t/g, ' ');
    // C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is shown.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const visible = oneLine.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
    return truncate(visible, maxLength);
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
function metricDecimals(values) {
    let decimals = 0;
    for (const value of values) {
        if (value !== undefined)
            decimals = Math.max(decimals, decimalsOf(value));
    }
    return Math.min(decimals, MAX_DECIMALS);
}
/** A value with the metric's decimals; non-finite values as words. */
function fixed(value, decimals) {
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
    const text = fixed(value, decimals);
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
const DIRECTION_MARK = { higher: '↑', lower: '↓' };
/** The direction given for a metric (policy override), else the one its name implies. */
function directionOf(metric, given) {
    return given?.[metric] ?? inferDirection(metric);
}
const STATUS_WORDS = {
    PendingManualApproval: 'pending approval',
    Approved: 'approved',
    Rejected: 'rejected'
};
/** An approval or job status in words: `PendingManualApproval` -> `pending approval`. */
function statusWords(status) {
    if (status === undefined || status === '')
        return undefined;
    return (STATUS_WORDS[status] ??
        status
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .replace(/_/g, ' ')
            .toLowerCase());
}
/** The approval statuses inside our own sentences (`status left PendingManualApproval`) in words. */
function withStatusWords(text) {
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
function shortDate(value, withYear = false) {
    const date = asDate(value);
    if (!date)
        return undefined;
    const day = `${MONTHS[date.getUTCMonth()]}\u00a0${date.getUTCDate()}`;
    return withYear ? `${day}\u00a0${date.getUTCFullYear()}` : day;
}
/** True when the dates are not all in one calendar year, so that a short date needs its year. */
function spansYears(values) {
    const years = new Set(values.flatMap(value => asDate(value)?.getUTCFullYear() ?? []));
    return years.size > 1;
}
/** An ISO time as `2026-11-20 10:15 UTC`, for the one place a full time is worth its width. */
function dateTime(value) {
    const date = asDate(value);
    if (!date)
        return undefined;
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
const SPARKS = '▁▂▃▄▅▆▇█';
/** A one-line trend for a terminal: one block per value, scaled between min and max. */
function sparkline(values) {
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
function shortSha(sha) {
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
    return markdown_link(shortSha(sha), commitUrl(repository, sha));
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
    const text = fixed(value, decimals);
    return value !== undefined && sd !== undefined && Number.isFinite(sd)
        ? `${text}\u00a0±\u00a0${fixed(sd, decimals)}`
        : text;
}
/** `-0.022 (-2.5%) worse`: signed, relative to 2 significant figures, and what it means. */
function changeText(delta, baseline, direction, decimals) {
    if (delta === undefined || !Number.isFinite(delta))
        return { amount: '—' };
    const relative = baseline === undefined ? undefined : relativePercent(delta, baseline);
    const amount = `${signedFixed(delta, decimals)}${relative ? `\u00a0(${relative})` : ''}`;
    const word = changeWord(delta, direction);
    return { amount, word: word === 'changed' ? undefined : word };
}
function changeCell(row) {
    const { amount, word } = changeText(row.delta, row.baseline, row.direction, row.decimals);
    // Bold only where it decided something: a passing metric may be a little worse.
    const loud = word === 'worse' && row.verdict === 'fail';
    let text = loud ? `${amount} **worse**` : word ? `${amount} ${word}` : amount;
    if (row.ci) {
        text += `<br>${levelText(row.ciLevel)} CI ${signedFixed(row.ci[0], row.decimals)} … ${signedFixed(row.ci[1], row.decimals)}`;
    }
    if (row.pValue !== undefined) {
        const p = pValueText(row.pValue);
        text += `<br>p ${p.startsWith('<') ? '' : '= '}${escapeHtml(p)}`;
    }
    return text;
}
/** An interval's confidence as a percentage: 0.99 → `99%` (alpha sets it; 95% without one). */
function levelText(level = 0.95) {
    return `${formatNumber(Number((level * 100).toPrecision(4)))}%`;
}
/** A p-value to 2 significant figures; below 0.0001 only its bound matters. */
function pValueText(p) {
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
    const mark = row.direction ? ` ${DIRECTION_MARK[row.direction]}` : '';
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
        const direction = directionOf(name, directions);
        const [now, before] = [candidate[name], baseline?.[name]];
        const decimals = metricDecimals([now, before]);
        const delta = now !== undefined && before !== undefined ? now - before : undefined;
        const { amount, word } = changeText(delta, before, direction, decimals);
        const mark = direction ? ` ${DIRECTION_MARK[direction]}` : '';
        return [
            `${breakable(escapeCell(name, 200))}${mark}`,
            fixed(before, decimals),
            fixed(now, decimals),
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
    const mark = input.direction ? ` ${DIRECTION_MARK[input.direction]}` : '';
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

;// CONCATENATED MODULE: ./build/src/report/live.js


/** `live:` metrics come from this data: a reviewer can find and hash the same file. */
function liveNote(live) {
    if (!live)
        return [];
    const data = `${escape_escapeText(live.data.source, 300)}, ${live.data.rows.toLocaleString('en-US')} rows, sha256 \`${live.data.sha256.slice(0, 16)}…\``;
    if (live.outcome === 'dry-run')
        return [
            `<sub>Live evaluation (${live.method}) not run in a dry run; data checked: ${data}. It would create: ${escape_escapeText(live.planned?.join(', ') ?? '', 500)}.</sub>`,
            ''
        ];
    if (live.failure)
        return [
            `<sub>Live evaluation (${live.method}) on ${data}: the candidate could not be served (${escape_escapeText(live.failure.resource, 200)}).</sub>`,
            ''
        ];
    const paired = Object.keys(live.comparisons).length > 0;
    return [
        `<sub>live: metrics measured by ${live.method} on ${data}${paired ? `; both versions on the same rows, intervals and p-values from paired tests at alpha ${formatNumber(live.alpha)}` : ''}.</sub>`,
        ''
    ];
}
/** The live section of the JSON report: every comparison with its ci and p_value. */
function liveJson(live) {
    if (!live)
        return undefined;
    return {
        outcome: live.outcome,
        method: live.method,
        alpha: live.alpha,
        data: { ...live.data },
        ...(live.failure ? { failure: { ...live.failure } } : {}),
        ...(live.planned ? { planned: [...live.planned] } : {}),
        candidate: { ...live.candidate.metrics },
        ...(live.baseline ? { baseline: { ...live.baseline.metrics } } : {}),
        comparisons: Object.fromEntries(Object.entries(live.comparisons).map(([metric, c]) => [
            metric,
            {
                candidate: c.candidate,
                baseline: c.baseline,
                delta: c.delta,
                ci: c.ci,
                p_value: c.p_value,
                test: c.test,
                lower_bound: c.lower_bound,
                upper_bound: c.upper_bound,
                ...(c.note ? { note: c.note } : {})
            }
        ]))
    };
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
function differences(label, before, after) {
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
        ...differences('training data', baseline.trainingData, candidate.trainingData),
        ...differences('hyperparameter', baseline.hyperParameters, candidate.hyperParameters)
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
        ['status', version => (version.status ? cell(statusWords(version.status)) : undefined)],
        ['created', version => dateTime(version.creationTime)]
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
    const direction = directionOf(metric, directions);
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
        decimals: metricDecimals([
            withValues?.baseline,
            withValues?.candidate,
            ...thresholds,
            baselineSd,
            candidateSd
        ]),
        ci: statistical?.ci,
        ciLevel: statistical?.ciLevel,
        pValue: statistical?.pValue
    };
}
/** How many metrics fail, as the headline says it. */
function failureCount(rows) {
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
function historyWithCandidate(data) {
    const history = [...data.history];
    const version = data.candidate.version;
    if (version !== undefined && !history.some(entry => entry.version === version)) {
        history.push({ version, status: data.candidate.status, metrics: data.candidate.metrics });
    }
    return history;
}
/** The report's metric rows: failing first, with directions and standard deviations. */
function gateRows(data) {
    return metricRows(data.decision.rules, data.directions, {
        baseline: data.baseline?.standardDeviations,
        candidate: data.candidate.standardDeviations
    });
}
/** The one thing to do next, in the words of the modes that do it. */
function nextStep(data) {
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
    const status = statusWords(data.candidate.status);
    const baseline = data.baseline
        ? `baseline ${versionLink(group, region, data.baseline.version, 'baseline')} ${escape_escapeText(data.baseline.label, 100)}`
        : 'no baseline';
    const lines = [
        `## ${passed ? '✅' : '❌'} Model gate ${passed ? 'passed' : 'failed'}: ${escape_escapeText(group, 200)} ${candidate}`,
        '',
        `**${failureCount(rows)}** · candidate ${candidate}${status ? ` ${escape_escapeText(status, 50)}` : ''} · ${baseline} · ${escape_escapeText(region, 50)}`,
        ''
    ];
    if (data.dryRun) {
        lines.push('> [!NOTE]', '> Dry run: nothing was written to the registry.', '');
    }
    else if (data.written) {
        lines.push(`**Registry:** ${escape_escapeText(withStatusWords(data.written), 300)}`, '');
    }
    lines.push(`**Next step:** ${nextStep(data)}`, '');
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
    const history = historyWithCandidate(data).slice(-budget.historyVersions);
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
    const rows = gateRows(data);
    const shown = rows.slice(0, budget.ruleRows);
    const heads = headsOf(data);
    const hidden = rows.length - shown.length;
    return [
        commentMarker(data.group),
        ...headline(data, rows),
        ...shortened(notes),
        ...metricTable(shown, heads),
        ...liveNote(data.live),
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
function middleTruncate(text, max) {
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
    return terminal_paint(MARKS[verdict], style, options);
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
        terminal_paint(title, passed ? 'green' : 'red', options),
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
        ? terminal_paint(word, 'red', options)
        : word === 'better'
            ? terminal_paint(word, 'green', options)
            : word;
    const stats = [
        ...(row.ci
            ? [
                `${levelText(row.ciLevel)} CI ${fixed(row.ci[0], row.decimals)}…${fixed(row.ci[1], row.decimals)}`
            ]
            : []),
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
    const lines = terminal_alignTable([head.map(text => terminal_paint(text, 'bold', options)), ...body], ['left', 'left', 'left', 'right', 'right', 'left', 'left']);
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
            ? [terminal_paint(`  ${legend.join(', ')}; change is candidate − baseline`, 'dim', options)]
            : []),
        '',
        ...reasons(rows),
        ...text_changes(data),
        `Next step: ${nextStep(data).replace(/`/g, '')}`,
        ...(data.runUrl ? [`Run: ${text_plain(data.runUrl, 300)}`] : [])
    ];
    return lines.join('\n') + '\n';
}
/** The outcome in a few lines, for the log beside the job summary. */
function gateLog(data) {
    const candidate = version(data.candidate.version, 'the candidate');
    const baseline = data.baseline
        ? ` against ${version(data.baseline.version, 'the baseline')}`
        : ' (no baseline)';
    return [
        `Gate ${data.decision.decision} for ${candidate}${baseline}`,
        ...data.decision.reasons.map(reason => `  - ${reason}`),
        ...(data.written ? [data.written] : [])
    ];
}

;// CONCATENATED MODULE: ./build/src/report/markdown-text.js
// The short reports (registration, decision, group views) as plain text for a terminal,
// read back from the Markdown this folder writes: headings as bold lines, tables as aligned
// columns, links as their text, and the escapes undone. Only the Markdown built here is
// read, so a small set of forms covers it; the gate, compare, lineage and deployment
// reports have renderers of their own.


const ENTITIES = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#8203;': ''
};
/** One line of report Markdown as the text it shows: links, emphasis and escapes undone. */
function inlineText(line) {
    const text = line
        .replace(/<br>/g, ' ')
        .replace(/<wbr>/g, '')
        .replace(/<\/?(sub|summary|details)>/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*/g, '')
        .replace(/`/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/&(amp|lt|gt|quot|#8203);/g, entity => ENTITIES[entity] ?? entity);
    return text_plain(text, 2000);
}
function cells(row) {
    // Split on `|` that is not escaped; escaped ones are undone with the rest of the cell.
    return row
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split(/(?<!\\)\|/)
        .map(cell => inlineText(cell.trim()));
}
const SEPARATOR = /^\|(\s*:?-+:?\s*\|)+\s*$/;
/** A GFM table as aligned columns; a header row of empty cells is left out. */
function tableText(rows, options) {
    const [head = '', , ...body] = rows;
    const heads = cells(head);
    const parsed = body.map(cells);
    const withHead = heads.some(cell => cell !== '')
        ? [heads.map(cell => terminal_paint(cell, 'bold', options)), ...parsed]
        : parsed;
    return terminal_alignTable(withHead).map(line => `  ${line}`);
}
/**
 * Report Markdown as terminal text. Comments (the sticky comment's marker), Mermaid
 * blocks and blank-line runs are dropped; nothing of HTML or Markdown syntax is left.
 */
function markdownToText(markdown, options = {}) {
    const lines = markdown.split('\n');
    const out = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*(---|<\/?details>)\s*$/.test(line))
            continue;
        if (line.startsWith('```')) {
            while (i + 1 < lines.length && !lines[i + 1].startsWith('```'))
                i++;
            i++;
            continue;
        }
        if (line.startsWith('|') && SEPARATOR.test(lines[i + 1] ?? '')) {
            const rows = [line];
            while (i + 1 < lines.length && lines[i + 1].startsWith('|'))
                rows.push(lines[++i]);
            out.push(...tableText(rows, options));
            continue;
        }
        // A link on a line of its own is where to go next: a terminal needs its address.
        const lone = /^\[([^\]]*)\]\((https?:[^)\s]*)\)$/.exec(line.trim());
        if (lone) {
            out.push(`${inlineText(lone[1])}: ${text_plain(lone[2], 2000)}`);
            continue;
        }
        const heading = /^#{1,6}\s+(.*)$/.exec(line);
        if (heading) {
            out.push(terminal_paint(inlineText(heading[1]), 'bold', options));
            continue;
        }
        const text = inlineText(line.replace(/^>\s?(\[!\w+\])?/, '').replace(/^- /, '• '));
        if (text.trim() === '' && (out.length === 0 || out[out.length - 1] === ''))
            continue;
        out.push(line.startsWith('>') || line.startsWith('- ') ? `  ${text}` : text);
    }
    while (out[out.length - 1] === '')
        out.pop();
    return `${out.join('\n')}\n`;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var lib_github = __webpack_require__(2413);
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
/** SageMaker's "slow down" (after the SDK's own retries): worth a longer pause, not a failure. */
function isThrottling(error) {
    if (!(error instanceof Error))
        return false;
    const status = error.$metadata
        ?.httpStatusCode;
    return (/^(ThrottlingException|Throttling|TooManyRequestsException)$/.test(error.name) || status === 429);
}

;// CONCATENATED MODULE: ./build/src/context.js
function runUrl(run) {
    if (!run.repository || !run.runId)
        return '';
    return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}

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
function notFoundMessage(input, versions, group, where) {
    return new UserError(`Input "${input}": ${versions.join(', ')} of group "${group}" ${versions.length === 1 ? 'does' : 'do'} not exist in ${where}. Check the version number, the group, the region and the AWS account the credentials belong to.`);
}
/** `input` named version(s) of the group that SageMaker does not know. */
function versionsNotFound(input, arns) {
    const parts = arns.map(parsePackageArn);
    const { region, name: group } = parts[0] ?? {};
    const versions = parts.map((found, i) => (found ? `v${found.version}` : arns[i]));
    return notFoundMessage(input, versions, group ?? '?', `${region ?? 'this region'} (${arns.join(', ')})`);
}
async function versionNumbersNotFound(sagemaker, input, group, versions) {
    const where = await regionOf(sagemaker);
    return notFoundMessage(input, versions.map(v => `v${v}`), group.name, where);
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
        return await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.nameOrArn }));
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
    const [arn] = await versionArns(sagemaker, group, [ref.version], 'model-package');
    return arn;
}
/**
 * The ARNs of versions `versions`, as SageMaker's listing spells them. Whether SageMaker
 * lower-cases a group's name inside its package ARNs is not documented, so an ARN formed
 * from the group's name or ARN could name nothing (or be refused by IAM). The listing goes
 * newest first and stops at the oldest version asked for. Versions that do not exist are
 * one error naming them and `input`.
 */
async function versionArns(sagemaker, group, versions, input) {
    const wanted = new Set(versions);
    const oldest = Math.min(...wanted);
    const found = new Map();
    let listed = 0;
    for await (const summaries of newestFirst(sagemaker, group, {})) {
        listed += summaries.length;
        for (const summary of summaries)
            if (wanted.has(summary.version))
                found.set(summary.version, summary.arn);
        if (summaries.some(summary => summary.version <= oldest))
            break;
    }
    // Listing a group that does not exist answers with no versions: tell the two apart.
    if (listed === 0)
        await describeGroup(sagemaker, group);
    const missing = [...wanted].filter(version => !found.has(version));
    if (missing.length > 0)
        throw await versionNumbersNotFound(sagemaker, input, group, missing);
    return versions.map(version => found.get(version));
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
    return sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelPackageCommand */.Uxr({ ModelPackageName: arn }));
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
 * The group's versions newest first, a ListModelPackages page at a time, for as long as the
 * caller reads on. `pageSize` is asked before each call (at most 100 by default).
 */
async function* newestFirst(sagemaker, group, options) {
    let nextToken;
    do {
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListModelPackagesCommand */.MTG({
            ModelPackageGroupName: group.nameOrArn,
            ModelPackageType: 'Versioned',
            ModelApprovalStatus: options.status,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: options.pageSize?.() ?? 100,
            NextToken: nextToken
        }));
        yield (page.ModelPackageSummaryList ?? []).map(toSummary);
        nextToken = page.NextToken;
    } while (nextToken);
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
    const pages = newestFirst(sagemaker, group, {
        status: options.status,
        pageSize: () => Math.min(100, Math.max(1, options.limit - found.length))
    });
    for await (const summaries of pages) {
        for (const summary of summaries) {
            if (options.olderThanVersion !== undefined && summary.version >= options.olderThanVersion)
                continue;
            found.push(summary);
            if (found.length >= options.limit)
                return found;
        }
    }
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
    const arns = await versionArns(sagemaker, group, [...new Set(versions)], input);
    return describeVersions(sagemaker, arns);
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
                : versions_truncate(singleLine(update.lifecycle.description), STAGE_DESCRIPTION_MAX)
        };
    }
    await sagemaker.send(new client_sagemaker_dist_cjs/* UpdateModelPackageCommand */.CCy(input));
}
/** The ApprovalDescription SageMaker stores for `text`: one line, at most 1,024 characters. */
function storedApprovalDescription(text) {
    return versions_truncate(singleLine(text), APPROVAL_DESCRIPTION_MAX);
}
function versions_truncate(text, max) {
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
/** ` Run: <url>` at the end of an ApprovalDescription, or nothing when there is no run link. */
function runSuffix(url) {
    return url ? ` Run: ${singleLine(url)}` : '';
}
/**
 * A person's decision as one write: who decided (the run's actor, see `deciderOf`) and why,
 * in the ApprovalDescription that `describe` words and in the decision:* keys. The actor and
 * the run link are returned too, for the report.
 */
function personDecision(run, decision) {
    const actor = deciderOf(run);
    const url = runUrl(run);
    const { dropped, ...write } = decisionWrite({
        writer: 'person',
        status: decision.status,
        approvalDescription: decision.describe(actor, url),
        entries: personEntries(actor, decision.reason, url),
        existing: decision.existing,
        lifecycle: decision.lifecycle
    });
    return { write, dropped, actor, url };
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
    // The gate's live facts belong to the gate's decision too: an earlier gate's cannot stay.
    const owned = [
        ...WRITER_KEYS[options.writer],
        ...(options.writer === 'gate'
            ? Object.keys(existing).filter(key => key.startsWith(LIVE_PREFIX))
            : [])
    ];
    const remove = owned.filter(key => !(key in kept) && key in existing);
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
    for (const key of Object.keys(metadata))
        if (key.startsWith(LIVE_PREFIX))
            state[key] = metadata[key] ?? '';
    return state;
}
function decision_differences(before, after) {
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
    const changed = decision_differences(decisionState(seen), decisionState(now));
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
    const overwritten = Object.keys(expected).filter(key => (state[key] ?? '') !== expected[key]);
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
    const tail = runSuffix(url);
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
function gateRecord(candidate, decision, gate, policyHash, url, live = []) {
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
                : []),
            // Measured live, with the data's sha256 and rows, so the decision can be audited.
            ...live
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
/**
 * The gate's write: its decision (and live metrics) on the candidate in one call, none in
 * a dry run. Returns the status the version has after it, and what was (or would be) written.
 */
async function writeGateDecision(ctx, settings, pkg, decision, facts) {
    const url = runUrl(ctx.github);
    const record = gateRecord(pkg, decision, settings.gate, facts.policySha256, url, facts.liveEntries);
    for (const reason of record.dropped)
        ctx.out.warning(`Not recorded in customer metadata: ${reason}`);
    const before = pkg.ModelApprovalStatus ?? 'PendingManualApproval';
    if (settings.dryRun)
        return { status: before, written: `dry run: ${record.preview}` };
    if (record.write)
        await recordDecision(ctx, pkg, record.write, record.written);
    return { status: record.write?.status ?? before, written: record.written };
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
        const created = await sagemaker.send(new client_sagemaker_dist_cjs/* CreateActionCommand */.e8V({
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
    const existing = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeActionCommand */.VF({ ActionName: planned.name }));
    return { arn: existing.ActionArn ?? '', existing };
}
/** The ARNs the action is already associated with (only asked of an action found again). */
async function associatedTargets(sagemaker, actionArn) {
    const found = [];
    let token;
    do {
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListAssociationsCommand */.IOv({ SourceArn: actionArn, MaxResults: 100, NextToken: token }));
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
        const described = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: endpoint.name }));
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
        await sagemaker.send(new client_sagemaker_dist_cjs/* UpdateActionCommand */.Dm6({
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
        await sagemaker.send(new client_sagemaker_dist_cjs/* AddAssociationCommand */.mcl({
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
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListAssociationsCommand */.IOv({
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
        const action = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeActionCommand */.VF({ ActionName: arn }));
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

;// CONCATENATED MODULE: ./build/src/evaluation/predictions.js
// Predictions as a SageMaker endpoint (InvokeEndpoint) or a Batch Transform job returns
// them, turned into one number per row (a score, a class or a value) or K probabilities.
//
// Accepted bodies (the content type decides; without one, the first character does):
// - CSV (`text/csv`): one line per row, a number or K comma-separated probabilities; also
//   the single line of comma-separated scores some built-in containers return for a
//   batch of rows (told apart by the expected row count);
// - JSON lines (`application/jsonlines`): one JSON value per line;
// - JSON (`application/json`): an array of values, or `{"predictions": [...]}` (built-in
//   algorithms, TensorFlow Serving), or one value.
// A value is a number, an array of K probabilities, or an object. From an object, in this
// order: `SageMakerOutput` (Batch Transform's joined output) is unwrapped; then a
// probability vector from `probabilities`, `scores` or an array-valued `score`/
// `probability`; then a number from `score`, `probability`, `prediction`,
// `predicted_value` or `predicted_label` (true/false count as 1/0).
//
// Per task: binary takes one score per row, or two probabilities and keeps the second
// (class 1); regression one value; multiclass a class (a whole number) or K >= 2
// probabilities, the same K on every row.

const VECTOR_FIELDS = ['probabilities', 'scores', 'score', 'probability'];
const SCALAR_FIELDS = ['score', 'probability', 'prediction', 'predicted_value', 'predicted_label'];
function formatOf(contentType, text) {
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    if (type === 'text/csv')
        return 'csv';
    if (type === 'application/json')
        return 'json';
    if (type === 'application/jsonlines' ||
        type === 'application/x-jsonlines' ||
        type === 'application/jsonl')
        return 'jsonlines';
    const first = text.trimStart()[0];
    if (first !== '{' && first !== '[')
        return 'csv';
    try {
        JSON.parse(text);
        return 'json';
    }
    catch {
        return 'jsonlines';
    }
}
/** Parses a prediction response body into rows of numbers for the task. */
function parsePredictions(body, options) {
    const source = options.source ?? 'the predictions';
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    const format = formatOf(options.contentType, text);
    let rows;
    if (format === 'csv')
        rows = csvRows(text, source, options.expectedRows);
    else if (format === 'jsonlines') {
        rows = text
            .split('\n')
            .map(line => line.trim())
            .filter(line => line !== '')
            .map((line, i) => recordRow(parseJson(line, source, i + 1), source, i + 1));
    }
    else
        rows = jsonRows(parseJson(text, source), source, options.expectedRows);
    if (options.expectedRows !== undefined && rows.length !== options.expectedRows) {
        throw new DataError(source, `${rows.length} prediction${rows.length === 1 ? '' : 's'} came back for ${options.expectedRows} row${options.expectedRows === 1 ? '' : 's'} sent.`);
    }
    return forTask(rows, options.task, source);
}
/** JSON text, or a DataError naming the source (and the line of a JSON-lines answer). */
function parseJson(text, source, line) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new DataError(source, `not valid JSON${line !== undefined ? ` on line ${line}` : ''}: ${error.message}`);
    }
}
function numberOf(value) {
    if (typeof value === 'boolean')
        return value ? 1 : 0;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '') {
        const parsed = Number(value);
        return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
}
function show(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
function csvRows(text, source, expected) {
    const lines = text
        .split('\n')
        .map(line => line.trim())
        .filter(line => line !== '');
    const rows = lines.map((line, i) => line.split(',').map(field => {
        const value = numberOf(field.trim().replace(/^"(.*)"$/, '$1'));
        if (value === undefined)
            throw new DataError(source, `line ${i + 1}: ${show(field.trim())} is not a finite number.`);
        return value;
    }));
    // Some containers answer a batch with one line of comma-separated predictions.
    if (expected !== undefined &&
        expected > 1 &&
        rows.length === 1 &&
        rows[0].length % expected === 0) {
        const width = rows[0].length / expected;
        return Array.from({ length: expected }, (_, i) => rows[0].slice(i * width, (i + 1) * width));
    }
    return rows;
}
function jsonRows(document, source, expected) {
    let list = document;
    if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
        const predictions = document.predictions;
        list = predictions !== undefined ? predictions : [document];
    }
    if (!Array.isArray(list))
        throw new DataError(source, `"predictions" is ${show(list)}, not a list.`);
    // A bare list of numbers is one score per row, unless it is one row of probabilities.
    if (expected === 1 && list.length > 1 && list.every(v => typeof v === 'number'))
        return [recordRow(list, source, 1)];
    return list.map((value, i) => recordRow(value, source, i + 1));
}
/** One record's numbers: [x] for a scalar prediction, [p0, ..., pK-1] for probabilities. */
function recordRow(value, source, record) {
    if (Array.isArray(value))
        return vector(value, source, record);
    const scalar = numberOf(value);
    if (scalar !== undefined)
        return [scalar];
    if (typeof value === 'object' && value !== null) {
        const fields = value;
        if ('SageMakerOutput' in fields)
            return recordRow(fields.SageMakerOutput, source, record);
        for (const name of VECTOR_FIELDS)
            if (Array.isArray(fields[name]))
                return vector(fields[name], source, record);
        for (const name of SCALAR_FIELDS) {
            const number = numberOf(fields[name]);
            if (number !== undefined)
                return [number];
        }
        throw new DataError(source, `prediction ${record} has no numeric field (looked for ${[...new Set([...VECTOR_FIELDS, ...SCALAR_FIELDS])].join(', ')}): ${show(value)}.`);
    }
    throw new DataError(source, `prediction ${record} is ${show(value)}, not a number, a list of probabilities or an object.`);
}
function vector(values, source, record) {
    return values.map(v => {
        const number = numberOf(v);
        if (number === undefined)
            throw new DataError(source, `prediction ${record} holds ${show(v)}, not a finite number.`);
        return number;
    });
}
function forTask(rows, task, source) {
    const widths = new Set(rows.map(row => row.length));
    if (widths.size > 1)
        throw new DataError(source, `the predictions have different lengths (${[...widths].sort((a, b) => a - b).join(', ')}); every row needs the same number of values.`);
    const width = rows[0]?.length ?? 1;
    let keep;
    if (task === 'binary') {
        if (width > 2)
            throw new DataError(source, `a binary prediction is one score or two probabilities; got ${width} values per row.`);
        keep = row => [row[width - 1]];
    }
    else if (task === 'regression') {
        if (width !== 1)
            throw new DataError(source, `a regression prediction is one value; got ${width} values per row.`);
        keep = row => row;
    }
    else {
        keep = row => row;
        if (width === 1) {
            const bad = rows.findIndex(row => !Number.isInteger(row[0]) || row[0] < 0);
            if (bad >= 0)
                throw new DataError(source, `prediction ${bad + 1} is ${rows[bad][0]}, not a class (a whole number >= 0).`);
        }
    }
    if (width > 1) {
        const bad = rows.findIndex(row => row.some(p => p < 0 || p > 1));
        if (bad >= 0)
            throw new DataError(source, `prediction ${bad + 1} has ${show(rows[bad])}: probabilities must lie within [0, 1].`);
    }
    const outWidth = task === 'multiclass' ? width : 1;
    const values = new Float64Array(rows.length * outWidth);
    rows.forEach((row, i) => values.set(keep(row), i * outWidth));
    return { rows: rows.length, width: outWidth, values };
}

;// CONCATENATED MODULE: ./build/src/abtest/scan.js
// A scanner for one JSON line that checks the whole line is JSON, as JSON.parse would
// accept it, and notes where the few string fields a join needs lie, without making a
// string or an object. Capture files are mostly bytes the join never needs (the request
// payload); parsing every line with JSON.parse costs many times what scoring does.
//
// Only the fields a `Shape` names are noted, at their place in the tree (a key of the same
// name deeper down is not taken for them); a key given twice keeps its last value, as in
// JSON.parse. Where the scanner cannot be sure of what JSON.parse would give (a named
// object given twice, a named field that is not a string, a key written with escapes, an
// object nested deeper than anything a capture needs), it answers -1 and the caller reads
// the line with JSON.parse.
/** A field's string held escapes (`\n`, `\u0041`, ...). */
const ESCAPED = 1;
/** A field's string held bytes beyond ASCII. */
const WIDE = 2;
const scan_LF = 10;
const scan_CR = 13;
const scan_TAB = 9;
const scan_SPACE = 32;
const scan_QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const MAX_DEPTH = 64;
/** Bytes a JSON string holds as they are, and the characters after a backslash. */
const PLAIN = new Uint8Array(256);
const ESCAPE = new Uint8Array(256);
const HEX = new Uint8Array(256);
const DIGIT = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++)
    PLAIN[c] = c === scan_QUOTE || c === BACKSLASH ? 0 : 1;
for (const c of '"\\/bfnrt')
    ESCAPE[c.charCodeAt(0)] = 1;
for (const c of '0123456789abcdefABCDEF')
    HEX[c.charCodeAt(0)] = 1;
for (const c of '0123456789')
    DIGIT[c.charCodeAt(0)] = 1;
const LITERALS = ['true', 'false', 'null'].map(word => Buffer.from(word, 'latin1'));
/** What a value is for: nothing named (NONE), a field (>= 0), or a named object (<= NODE). */
const NONE = -1;
const NODE = -2;
/** A key that may name something, written so that only JSON.parse can tell. */
const UNSURE = -0x7fffffff;
/** Containers on the stack that are not named objects. */
const OTHER_OBJECT = -1;
const ARRAY = -2;
const VALUE = 0;
const MEMBER = 1;
const AFTER = 2;
function compile(shape, nodes) {
    const node = { names: [], targets: [] };
    const index = nodes.push(node) - 1;
    for (const [name, value] of Object.entries(shape)) {
        node.names.push(Buffer.from(name, 'latin1'));
        node.targets.push(typeof value === 'number' ? value : NODE - compile(value, nodes));
    }
    return index;
}
function skipSpace(b, i) {
    for (;;) {
        const c = b[i];
        if (c !== scan_SPACE && c !== scan_TAB && c !== scan_CR)
            return i;
        i++;
    }
}
/** Scans JSON lines of one shape; the field positions are those of the last line scanned. */
class scan_LineScanner {
    /** Per field: where its string's text starts, and the index of its closing quote. */
    start;
    end;
    /** Per field: -1 when the line does not have it, else ESCAPED | WIDE bits. */
    flags;
    /** Whether the last line scanned was blank (spaces, tabs and CR only). */
    blank = false;
    nodes = [];
    seen;
    stack = new Int32Array(MAX_DEPTH);
    depth = 0;
    state = VALUE;
    target = NONE;
    stringFlags = 0;
    constructor(shape, fields) {
        compile(shape, this.nodes);
        this.seen = new Uint8Array(this.nodes.length);
        this.start = new Int32Array(fields);
        this.end = new Int32Array(fields);
        this.flags = new Int32Array(fields);
    }
    /**
     * Scans the line that starts at `from` and ends with a line feed: the line feed's index,
     * or -1 when the line is not one JSON object whose named parts are as the shape says.
     */
    scan(b, from) {
        let i = skipSpace(b, from);
        this.blank = b[i] === scan_LF;
        if (this.blank)
            return i;
        if (b[i] !== OPEN_OBJECT)
            return -1;
        this.flags.fill(-1);
        this.seen.fill(0);
        this.depth = 0;
        this.state = VALUE;
        this.target = NODE;
        for (;;) {
            if (this.state === VALUE)
                i = this.value(b, i);
            else if (this.state === MEMBER)
                i = this.member(b, i);
            else if (this.depth > 0)
                i = this.after(b, i);
            else {
                i = skipSpace(b, i);
                return b[i] === scan_LF ? i : -1;
            }
            if (i < 0)
                return -1;
        }
    }
    /** One value at `i` (spaces before it allowed), for `this.target`. */
    value(b, i) {
        i = skipSpace(b, i);
        const c = b[i];
        const target = this.target;
        if (c === scan_QUOTE) {
            const close = this.string(b, i + 1);
            if (close < 0 || target <= NODE)
                return -1;
            if (target >= 0) {
                this.start[target] = i + 1;
                this.end[target] = close;
                this.flags[target] = this.stringFlags;
            }
            this.state = AFTER;
            return close + 1;
        }
        if (c === OPEN_OBJECT || c === OPEN_ARRAY)
            return this.open(b, i, c === OPEN_ARRAY);
        if (target !== NONE)
            return -1;
        this.state = AFTER;
        return c === 45 || DIGIT[c] === 1 ? number(b, i) : literal(b, i);
    }
    open(b, i, array) {
        const target = this.target;
        let kind = array ? ARRAY : OTHER_OBJECT;
        if (target <= NODE) {
            if (array)
                return -1;
            kind = NODE - target;
            if (this.seen[kind] === 1)
                return -1;
            this.seen[kind] = 1;
        }
        else if (target !== NONE)
            return -1;
        if (this.depth === MAX_DEPTH)
            return -1;
        this.stack[this.depth++] = kind;
        i = skipSpace(b, i + 1);
        if (b[i] === (array ? CLOSE_ARRAY : CLOSE_OBJECT)) {
            this.depth--;
            this.state = AFTER;
            return i + 1;
        }
        this.target = NONE;
        this.state = array ? VALUE : MEMBER;
        return i;
    }
    /** `"key":` of an object member; the value's target follows from the key. */
    member(b, i) {
        i = skipSpace(b, i);
        if (b[i] !== scan_QUOTE)
            return -1;
        const close = this.string(b, i + 1);
        if (close < 0)
            return -1;
        const node = this.stack[this.depth - 1];
        this.target = node >= 0 ? this.targetOf(node, b, i + 1, close) : NONE;
        if (this.target === UNSURE)
            return -1;
        i = skipSpace(b, close + 1);
        if (b[i] !== COLON)
            return -1;
        this.state = VALUE;
        return i + 1;
    }
    /** The target of a key of a named object. */
    targetOf(node, b, start, end) {
        if ((this.stringFlags & ESCAPED) !== 0)
            return UNSURE;
        const { names, targets } = this.nodes[node];
        for (let n = 0; n < names.length; n++) {
            const name = names[n];
            if (name.length !== end - start)
                continue;
            let k = 0;
            while (k < name.length && name[k] === b[start + k])
                k++;
            if (k === name.length)
                return targets[n];
        }
        return NONE;
    }
    /** After a value: `,` and the next member or element, or the container's end. */
    after(b, i) {
        i = skipSpace(b, i);
        const array = this.stack[this.depth - 1] === ARRAY;
        const c = b[i];
        if (c === COMMA) {
            this.target = NONE;
            this.state = array ? VALUE : MEMBER;
            return i + 1;
        }
        if (c !== (array ? CLOSE_ARRAY : CLOSE_OBJECT))
            return -1;
        this.depth--;
        return i + 1;
    }
    /** The index of the quote that ends the string whose text starts at `i`, or -1. */
    string(b, i) {
        let flags = 0;
        for (;;) {
            while (PLAIN[b[i]] === 1)
                i++;
            const c = b[i];
            if (c === scan_QUOTE) {
                this.stringFlags = flags;
                return i;
            }
            if (c === BACKSLASH) {
                flags |= ESCAPED;
                const e = b[i + 1];
                if (ESCAPE[e] === 1)
                    i += 2;
                else if (e === 117 && HEX[b[i + 2]] & HEX[b[i + 3]] & HEX[b[i + 4]] & HEX[b[i + 5]])
                    i += 6;
                else
                    return -1;
            }
            else if (c >= 0x80) {
                flags |= WIDE;
                i++;
            }
            else
                return -1;
        }
    }
}
function digits(b, i) {
    const from = i;
    while (DIGIT[b[i]] === 1)
        i++;
    return i > from ? i : -1;
}
/** The index after a JSON number at `i`, or -1. */
function number(b, i) {
    if (b[i] === 45)
        i++;
    if (b[i] === 48)
        i++;
    else if ((i = digits(b, i)) < 0)
        return -1;
    if (b[i] === 46 && (i = digits(b, i + 1)) < 0)
        return -1;
    if (b[i] === 101 || b[i] === 69) {
        i++;
        if (b[i] === 43 || b[i] === 45)
            i++;
        return digits(b, i);
    }
    return i;
}
/** The index after `true`, `false` or `null` at `i`, or -1. */
function literal(b, i) {
    for (const word of LITERALS) {
        let k = 0;
        while (k < word.length && b[i + k] === word[k])
            k++;
        if (k === word.length)
            return i + k;
    }
    return -1;
}

;// CONCATENATED MODULE: ./build/src/abtest/json-lines.js
// JSON-lines objects read as bytes, a chunk at a time: each line is scanned in place
// (scan.ts) and handed to the reader's fast path with its fields' positions; a line the
// scanner cannot vouch for, or the fast path declines, goes to the reader's JSON.parse
// path as the text the object's UTF-8 decodes to. A line split across chunks is joined
// once (lines.ts); lines are numbered per object for messages.



function asBuffer(b) {
    return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
/** The text of `b[start, end)` as the object's UTF-8 decodes to (bad bytes become U+FFFD). */
function utf8(b, start, end) {
    return asBuffer(b).toString('utf8', start, end);
}
/** Whether `b[start, end)` holds exactly the ASCII `word`. */
function bytesEqual(b, start, end, word) {
    if (end - start !== word.length)
        return false;
    for (let k = 0; k < word.length; k++)
        if (b[start + k] !== word[k])
            return false;
    return true;
}
const json_lines_BACKSLASH = 92;
/** Escapes of characters `\s` matches: `\n`, `\r`, `\t`, `\f`. */
const SPACE_ESCAPES = new Set([110, 114, 116, 102]);
/**
 * The number a JSON string's text `b[start, end)` holds with nothing around it but
 * spaces and `\n`, `\r`, `\t`, `\f` escapes; NaN when it holds anything else (the caller
 * then reads the decoded text). The same double Number() gives.
 */
function plainNumber(b, start, end) {
    for (;;) {
        if (b[start] === SPACE)
            start++;
        else if (b[start] === json_lines_BACKSLASH && SPACE_ESCAPES.has(b[start + 1]))
            start += 2;
        else
            break;
    }
    for (;;) {
        if (b[end - 1] === SPACE)
            end--;
        else if (end - start >= 2 && b[end - 2] === json_lines_BACKSLASH && SPACE_ESCAPES.has(b[end - 1])) {
            // `\\n` is a backslash then `n`, not a line feed: an even run of backslashes.
            let run = 1;
            while (b[end - 2 - run] === json_lines_BACKSLASH)
                run++;
            if (run % 2 === 0)
                break;
            end -= 2;
        }
        else
            break;
    }
    if (start >= end)
        return NaN;
    const value = parseDecimal(b, start, end);
    return decimalEnd === end ? value : NaN;
}
/**
 * A JSON string's text in a layout RegExp: printable ASCII without escapes (so the text is
 * what JSON.parse gives), as a group; and any string JSON.parse accepts, skipped: no raw
 * control character, only JSON's escapes. A line a layout matches is then JSON in every
 * byte, read or not.
 */
const PLAIN_TEXT = String.raw `[^"\\\x00-\x1f\x80-\xff]`;
const PLAIN_STRING = String.raw `"(${PLAIN_TEXT}*)"`;
const ANY_STRING = String.raw `"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"`;
/** The spaces and line feed after a line's last brace. */
const LINE_END = String.raw `[ \t\r]*\n`;
/**
 * The number in a JSON string's text (ASCII) with nothing around it but spaces and `\n`,
 * `\r`, `\t`, `\f` escapes; NaN when it holds anything else. What plainNumber reads.
 */
function plainNumberText(text) {
    if (text.length > scratch.length)
        return NaN;
    for (let k = 0; k < text.length; k++)
        scratch[k] = text.charCodeAt(k);
    return plainNumber(scratch, 0, text.length);
}
const scratch = new Uint8Array(256);
/** Lines of JSON read through a scanner's fast path, else with JSON.parse. */
class JsonLines {
    options;
    layout;
    scanner;
    constructor(shape, fields, options, layout) {
        this.options = options;
        this.layout = layout;
        this.scanner = new scan_LineScanner(shape, fields);
    }
    /**
     * Handles a line the layout matched (sticky, through its line feed), from the match's
     * groups; false leaves it to the scanner, unchanged.
     */
    matched(_match) {
        return false;
    }
    /** Reads one object's text; `source` names the object in messages. */
    addText(text, source) {
        this.addChunks([Buffer.from(text, 'utf8')], source);
    }
    /** Reads one object's bytes, a chunk at a time (a chunk may be reused once read). */
    addChunks(chunks, source) {
        const object = { source, line: 0 };
        for (const chunk of chunks)
            this.chunk(object, chunk);
        this.finishObject(object);
    }
    /** addChunks for a stream: an S3 object's body, a file's chunks. */
    async addStream(chunks, source) {
        const object = { source, line: 0 };
        for await (const chunk of chunks)
            this.chunk(object, chunk);
        this.finishObject(object);
    }
    /** The text of field `f` of the line last scanned. */
    text(b, f) {
        const { start, end, flags } = this.scanner;
        const flag = flags[f];
        if (flag === 0)
            return asBuffer(b).toString('latin1', start[f], end[f]);
        const raw = utf8(b, start[f], end[f]);
        return (flag & ESCAPED) === 0 ? raw : JSON.parse(`"${raw}"`);
    }
    /** Field `f`'s text when the line has it, else undefined. */
    optionalText(b, f) {
        return this.scanner.flags[f] < 0 ? undefined : this.text(b, f);
    }
    /** Whether field `f` is there, ASCII and without escapes: its bytes are its text. */
    plain(f) {
        return this.scanner.flags[f] === 0;
    }
    /** Whether field `f` is there and its text has only ASCII characters. */
    ascii(f) {
        const flag = this.scanner.flags[f];
        return flag >= 0 && (flag & WIDE) === 0;
    }
    chunk(object, chunk) {
        for (const region of linesOf(chunk, object, () => { }))
            this.lines(region, object);
    }
    finishObject(object) {
        const last = lastLine(object);
        if (last)
            this.lines(last, object);
    }
    lines({ bytes, start, end }, object) {
        const layout = this.options.scan === false ? undefined : this.layout;
        // One string of the region's bytes (latin1: a byte a character) for the layout's RegExp.
        const text = layout ? asBuffer(bytes).toString('latin1', start, end) : '';
        let i = start;
        while (i < end) {
            object.line++;
            if (layout) {
                layout.lastIndex = i - start;
                const match = layout.exec(text);
                if (match && this.matched(match)) {
                    i = start + layout.lastIndex;
                    continue;
                }
            }
            let lf = this.scanner.scan(bytes, i);
            const fast = lf >= 0 && (this.scanner.blank || this.scanned(bytes, object));
            if (lf < 0)
                lf = bytes.indexOf(LF, i);
            if (!fast)
                this.parsed(utf8(bytes, i, lf), `line ${object.line}`, object.source);
            i = lf + 1;
        }
    }
}

;// CONCATENATED MODULE: ./build/src/abtest/labels.js
// Labels by request id, keyed by the id's bytes: a million ids cost one byte arena and a
// few typed arrays instead of a million strings in a Map, and a captured record is looked
// up straight from the bytes it was read from. Ids are compared as the strings JSON gives:
// an id of ASCII characters is its bytes (however the JSON line escaped it, the caller
// hands over the decoded bytes); an id with any other character is kept as a string.
//
// A million ids are more than the processor's caches hold, and a hash table's cost is then
// its random memory reads. So ids given are first only appended, in order; the hash index
// is built when the table is first read, in the order of the slots the ids fall in (one
// sweep over the slots instead of a million random probes), and an id asked for is first
// looked for just after the last one found: captured requests and their labels usually
// come in the same order. Both are shortcuts to the same answers a Map gives.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** FNV-1a over the bytes, then mixed so that every bit of the hash reaches the slot index. */
function hashOf(bytes, start, end) {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++)
        h = Math.imul(h ^ bytes[i], FNV_PRIME);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    return h ^ (h >>> 13);
}
function isAscii(text) {
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) > 0x7f)
            return false;
    return true;
}
function grown(a, make) {
    const b = make(a.length * 2);
    b.set(a);
    return b;
}
/** Key lengths that are not lengths: an id kept as a string, an entry a later one replaced. */
const labels_WIDE = -1;
const REPLACED = -2;
/** Entries placed one by one when fewer than this are waiting; else the index is rebuilt. */
const FEW = 1024;
/** How many entries after the last one found are tried before the hash index. */
const NEARBY = 4;
/** A map from request id to label, in first-insertion order like a Map. */
class LabelTable {
    arena = new Uint8Array(1 << 16);
    arenaUsed = 0;
    keyStart = new Int32Array(1 << 10);
    keyLength = new Int32Array(1 << 10);
    keyHash = new Int32Array(1 << 10);
    values = new Float64Array(1 << 10);
    /** Entries appended, the replaced ones included; those before `indexed` are in the slots. */
    entries = 0;
    indexed = 0;
    /** Distinct ids among the indexed entries. */
    distinct = 0;
    /** Two numbers per slot: the id's hash, and its entry index + 1 (0: the slot is empty). */
    slots = new Int32Array(2 << 11);
    mask = (1 << 11) - 1;
    /** The entry last found. */
    cursor = -1;
    /** Entries whose id has a character beyond ASCII: the id, and the entry index. */
    wide = new Map();
    wideKeys = new Map();
    static from(entries) {
        const table = new LabelTable();
        for (const [id, label] of entries)
            table.set(id, label);
        return table;
    }
    /** How many distinct ids have a label. */
    get size() {
        this.seal();
        return this.distinct + this.wide.size;
    }
    /** The label of the id in `bytes[start, end)` (ASCII), or undefined. */
    getBytes(bytes, start, end) {
        this.seal();
        let entry = this.nearby(bytes, start, end);
        if (entry < 0)
            entry = this.find(bytes, start, end, hashOf(bytes, start, end));
        if (entry < 0)
            return undefined;
        this.cursor = entry;
        return this.values[entry];
    }
    /** Gives the id in `bytes[start, end)` (ASCII) its label; a later label replaces an earlier. */
    setBytes(bytes, start, end, value) {
        const length = end - start;
        if (this.arenaUsed + length > this.arena.length) {
            const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
            arena.set(this.arena.subarray(0, this.arenaUsed));
            this.arena = arena;
        }
        const arena = this.arena;
        const at = this.arenaUsed - start;
        for (let i = start; i < end; i++)
            arena[at + i] = bytes[i];
        const entry = this.addEntry(this.arenaUsed, length, value);
        this.keyHash[entry] = hashOf(bytes, start, end);
        this.arenaUsed += length;
    }
    /** get() for an id of ASCII characters only. */
    getText(id) {
        const bytes = this.scratchOf(id);
        return this.getBytes(bytes, 0, id.length);
    }
    /** set() for an id of ASCII characters only. */
    setText(id, value) {
        const bytes = this.scratchOf(id);
        this.setBytes(bytes, 0, id.length, value);
    }
    scratch = new Uint8Array(256);
    scratchOf(id) {
        if (id.length > this.scratch.length)
            this.scratch = new Uint8Array(id.length * 2);
        for (let k = 0; k < id.length; k++)
            this.scratch[k] = id.charCodeAt(k);
        return this.scratch;
    }
    get(id) {
        if (!isAscii(id)) {
            const entry = this.wide.get(id);
            return entry === undefined ? undefined : this.values[entry];
        }
        return this.getText(id);
    }
    set(id, value) {
        if (isAscii(id)) {
            this.setText(id, value);
            return;
        }
        const entry = this.wide.get(id);
        if (entry !== undefined) {
            this.values[entry] = value;
            return;
        }
        const added = this.addEntry(0, labels_WIDE, value);
        this.wide.set(id, added);
        this.wideKeys.set(added, id);
    }
    *[Symbol.iterator]() {
        this.seal();
        for (let entry = 0; entry < this.entries; entry++) {
            const length = this.keyLength[entry];
            if (length === REPLACED)
                continue;
            const start = this.keyStart[entry];
            const id = length === labels_WIDE
                ? this.wideKeys.get(entry)
                : Buffer.from(this.arena.buffer, start, length).toString('latin1');
            yield [id, this.values[entry]];
        }
    }
    /** Whether entries `a` and `b` hold the same id. */
    sameKey(a, b) {
        const length = this.keyLength[a];
        if (this.keyLength[b] !== length)
            return false;
        const { arena } = this;
        const x = this.keyStart[a];
        const y = this.keyStart[b];
        let i = 0;
        while (i < length && arena[x + i] === arena[y + i])
            i++;
        return i === length;
    }
    /** The entry holding the id among the few after the last one found, or -1. */
    nearby(bytes, start, end) {
        const length = end - start;
        const last = Math.min(this.cursor + NEARBY, this.entries - 1);
        for (let entry = this.cursor + 1; entry <= last; entry++) {
            if (this.keyLength[entry] !== length)
                continue;
            const at = this.keyStart[entry] - start;
            let i = start;
            while (i < end && this.arena[at + i] === bytes[i])
                i++;
            if (i === end)
                return entry;
        }
        return -1;
    }
    /** The entry holding the id, through the hash index, or -1. */
    find(bytes, start, end, hash) {
        const { slots, mask, arena } = this;
        const length = end - start;
        for (let slot = hash & mask;; slot = (slot + 1) & mask) {
            const entry = slots[2 * slot + 1] - 1;
            if (entry < 0)
                return -1;
            if (slots[2 * slot] !== hash || this.keyLength[entry] !== length)
                continue;
            const at = this.keyStart[entry] - start;
            let i = start;
            while (i < end && arena[at + i] === bytes[i])
                i++;
            if (i === end)
                return entry;
        }
    }
    addEntry(start, length, value) {
        if (this.entries === this.values.length) {
            this.keyStart = grown(this.keyStart, n => new Int32Array(n));
            this.keyLength = grown(this.keyLength, n => new Int32Array(n));
            this.keyHash = grown(this.keyHash, n => new Int32Array(n));
            this.values = grown(this.values, n => new Float64Array(n));
        }
        const entry = this.entries++;
        this.keyStart[entry] = start;
        this.keyLength[entry] = length;
        this.values[entry] = value;
        return entry;
    }
    /** Indexes the entries appended since the last read: one by one if few, else all again. */
    seal() {
        const waiting = this.entries - this.indexed;
        if (waiting === 0)
            return;
        if (waiting < FEW && (this.distinct + waiting) * 2 <= this.mask + 1) {
            for (let entry = this.indexed; entry < this.entries; entry++)
                this.place(entry);
        }
        else
            this.rebuild();
        this.indexed = this.entries;
    }
    /**
     * Places an entry in the index; an id already there takes its label instead (its place
     * in the order stays the first one's), and the entry is marked replaced.
     */
    place(entry) {
        if (this.keyLength[entry] === labels_WIDE)
            return;
        const { slots, mask } = this;
        const hash = this.keyHash[entry];
        for (let slot = hash & mask;; slot = (slot + 1) & mask) {
            const other = slots[2 * slot + 1] - 1;
            if (other < 0) {
                slots[2 * slot] = hash;
                slots[2 * slot + 1] = entry + 1;
                this.distinct++;
                return;
            }
            if (slots[2 * slot] === hash && this.sameKey(other, entry)) {
                this.values[other] = this.values[entry];
                this.keyLength[entry] = REPLACED;
                return;
            }
        }
    }
    /**
     * A new index for every entry, sized for twice their number, filled in the order of the
     * slots the entries fall in (a counting sort on the top bits of their home slot): the
     * slots are written in one sweep, and entries of one id, sorted stably, meet in order.
     */
    rebuild() {
        let capacity = 1 << 11;
        while (capacity < this.entries * 2)
            capacity *= 2;
        this.slots = new Int32Array(2 * capacity);
        this.mask = capacity - 1;
        this.distinct = 0;
        const bits = Math.min(16, Math.log2(capacity));
        const shift = Math.log2(capacity) - bits;
        const starts = new Int32Array((1 << bits) + 1);
        const { keyHash, keyLength } = this;
        for (let entry = 0; entry < this.entries; entry++) {
            if (keyLength[entry] >= 0)
                starts[((keyHash[entry] & this.mask) >>> shift) + 1]++;
        }
        for (let b = 0; b < 1 << bits; b++)
            starts[b + 1] += starts[b];
        const order = new Int32Array(starts[1 << bits]);
        for (let entry = 0; entry < this.entries; entry++) {
            if (keyLength[entry] >= 0)
                order[starts[(keyHash[entry] & this.mask) >>> shift]++] = entry;
        }
        for (let k = 0; k < order.length; k++)
            this.place(order[k]);
    }
}

;// CONCATENATED MODULE: ./build/src/abtest/join.js
// Joining what an endpoint captured with the labels that arrived later, as Model Monitor's
// model-quality jobs do: ground truth is JSON lines of
// `{"groundTruthData": {"data", "encoding"}, "eventMetadata": {"eventId"}, "eventVersion"}`,
// and a captured record is matched by the caller's `inferenceId` when it has one, else by
// the `eventId` SageMaker gave it. Labels are held in one map; captured records then
// stream through, one line at a time, and only the joined (label, prediction) pairs are
// kept, per variant.






const join_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/** The text of a captured or ground-truth payload: CSV and JSON as they are, BASE64 decoded. */
function payloadText(payload, where, source) {
    if (typeof payload.data !== 'string') {
        throw new DataError(source, `${where}: "data" is missing or not a string.`);
    }
    const encoding = String(payload.encoding ?? 'CSV').toUpperCase();
    if (encoding === 'BASE64')
        return Buffer.from(payload.data, 'base64').toString('utf8');
    if (encoding === 'CSV' || encoding === 'JSON')
        return payload.data;
    throw new DataError(source, `${where}: encoding ${JSON.stringify(payload.encoding)} is not CSV, JSON or BASE64.`);
}
/** Up to 60 characters of the line, around `at` when JSON.parse named a position. */
function join_excerpt(line, at) {
    const start = Math.max(0, Math.min(at - 30, line.length - 60));
    const text = JSON.stringify(line.slice(start, start + 60));
    return `${start > 0 ? '...' : ''}${text}${start + 60 < line.length ? '...' : ''}`;
}
function parseLine(line, where, source) {
    let why = 'it is an array or a single value';
    let at = 0;
    try {
        const value = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value))
            return value;
    }
    catch (error) {
        // JSON.parse says what is wrong and where: "Bad control character ... at position 95".
        why = error instanceof SyntaxError ? error.message : String(error);
        at = Number(/at position (\d+)/.exec(why)?.[1] ?? 0);
    }
    throw new DataError(source, `${where}: not a JSON object (${why}): ${join_excerpt(line, at)}`);
}
function blank(line) {
    return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}
function objectAt(record, key) {
    const value = record[key];
    return value && typeof value === 'object' ? value : {};
}
/** A label for the task, or an error naming where it came from. */
function checkedLabel(task, text, where, source) {
    const value = text.trim().replace(/^"|"$/g, '');
    const label = value === 'true' ? 1 : value === 'false' ? 0 : join_NUMBER.test(value) ? Number(value) : NaN;
    const ok = task === 'binary'
        ? label === 0 || label === 1
        : task === 'multiclass'
            ? Number.isInteger(label) && label >= 0
            : Number.isFinite(label);
    if (!ok) {
        const accepted = task === 'binary'
            ? '0 or 1'
            : task === 'multiclass'
                ? 'a class index 0, 1, 2, ...'
                : 'a number';
        throw new DataError(source, `${where}: the label must be ${accepted}; got ${JSON.stringify(value.slice(0, 40))}.`);
    }
    return label;
}
// Field numbers of the scanned lines.
const DATA = 0;
const ENCODING = 1;
const CONTENT_TYPE = 2;
const EVENT_ID = 3;
const INFERENCE_ID = 4;
const INFERENCE_TIME = 5;
const FIELDS = 6;
const TRUTH_SHAPE = {
    groundTruthData: { data: DATA, encoding: ENCODING },
    eventMetadata: { eventId: EVENT_ID }
};
const CAPTURE_SHAPE = {
    captureData: {
        endpointOutput: { data: DATA, encoding: ENCODING, observedContentType: CONTENT_TYPE }
    },
    eventMetadata: { eventId: EVENT_ID, inferenceId: INFERENCE_ID, inferenceTime: INFERENCE_TIME }
};
/** A member whose value is a string: all SageMaker writes in `endpointInput`. */
const join_MEMBER = `${ANY_STRING}:${ANY_STRING}`;
/**
 * The layout SageMaker and Model Monitor write, compact and in their order, as one sticky
 * RegExp over a line: matched natively, with the few strings the join needs as groups.
 * A match leaves no doubt about what JSON.parse would give: every member is in place up to
 * the closing brace at the line's end, every string (the request's payload too, skipped
 * unread) is one JSON.parse accepts, and `endpointInput` holds string members only, so
 * `endpointOutput` is captureData's. Anything else (escapes or UTF-8 in the fields, another
 * order, spacing, an object or array in the payload) goes to the scanner.
 */
const CAPTURE_LAYOUT = new RegExp(String.raw `\{"captureData":\{"endpointInput":\{(?:${join_MEMBER}(?:,${join_MEMBER})*)?\},` +
    String.raw `"endpointOutput":\{"observedContentType":${ANY_STRING},"mode":${ANY_STRING},` +
    String.raw `"data":"(${PLAIN_TEXT}*(?:\\[nrtf]${PLAIN_TEXT}*)*)","encoding":${PLAIN_STRING}\}\},` +
    // The caller's inferenceId, else SageMaker's eventId: the join needs only one of them.
    String.raw `"eventMetadata":\{"eventId":(?:${ANY_STRING},"inferenceId":"(${PLAIN_TEXT}+)"|${PLAIN_STRING}),` +
    String.raw `"inferenceTime":${PLAIN_STRING}\},"eventVersion":${ANY_STRING}\}${LINE_END}`, 'y');
const TRUTH_LAYOUT = new RegExp(String.raw `\{"groundTruthData":\{"data":${PLAIN_STRING},"encoding":${PLAIN_STRING}\},` +
    String.raw `"eventMetadata":\{"eventId":"(${PLAIN_TEXT}+)"\},"eventVersion":${ANY_STRING}\}${LINE_END}`, 'y');
const CSV = Buffer.from('CSV', 'latin1');
const JSON_ = Buffer.from('JSON', 'latin1');
/** Whether the payload's encoding leaves its data as it is: CSV, JSON or none given. */
function encodedAsIs(scanner, b) {
    const flag = scanner.flags[ENCODING];
    if (flag === -1)
        return true;
    if (flag !== 0)
        return false;
    const start = scanner.start[ENCODING];
    const end = scanner.end[ENCODING];
    return bytesEqual(b, start, end, CSV) || bytesEqual(b, start, end, JSON_);
}
/** Whether an encoding's name leaves the data as it is. */
function asIs(encoding) {
    return encoding === 'CSV' || encoding === 'JSON';
}
/** Whether a label fits the task: what checkedLabel accepts. */
function fitsTask(task, label) {
    return task === 'binary'
        ? label === 0 || label === 1
        : task === 'multiclass'
            ? Number.isInteger(label) && label >= 0
            : Number.isFinite(label);
}
/** The label of one ground-truth record, checked for the task. */
function labelOf(task, meta, data, where, source) {
    const eventId = meta.eventId;
    if (typeof eventId !== 'string' || eventId === '') {
        throw new DataError(source, `${where}: eventMetadata.eventId is missing.`);
    }
    const text = payloadText(data, where, source);
    return [eventId, checkedLabel(task, text.split(/[\n,]/)[0] ?? '', where, source)];
}
/** Ground truth by event id, from Model Monitor's ground-truth JSON lines. */
class GroundTruth extends JsonLines {
    task;
    labels = new LabelTable();
    constructor(task, options = {}) {
        super(TRUTH_SHAPE, FIELDS, options, TRUTH_LAYOUT);
        this.task = task;
    }
    matched(match) {
        const label = plainNumberText(match[1]);
        if (!fitsTask(this.task, label) || !asIs(match[2]))
            return false;
        this.labels.setText(match[3], label);
        return true;
    }
    /** A plain id with a plain number as its label, in CSV or JSON: straight from the bytes. */
    scanned(b) {
        if (this.options.scan === false)
            return false;
        const { start, end } = this.scanner;
        if (!this.plain(EVENT_ID) || end[EVENT_ID] === start[EVENT_ID] || !this.plain(DATA))
            return false;
        if (!encodedAsIs(this.scanner, b))
            return false;
        const label = plainNumber(b, start[DATA], end[DATA]);
        if (!fitsTask(this.task, label))
            return false;
        this.labels.setBytes(b, start[EVENT_ID], end[EVENT_ID], label);
        return true;
    }
    parsed(line, where, source) {
        if (blank(line))
            return;
        const record = parseLine(line, where, source);
        const [id, label] = labelOf(this.task, objectAt(record, 'eventMetadata'), objectAt(record, 'groundTruthData'), where, source);
        this.labels.set(id, label);
    }
}
/** One variant's captured records joined with the labels, a line at a time. */
class VariantJoin extends JsonLines {
    variantName;
    task;
    labels = new Float64Column();
    predictions = new Float64Column();
    truth;
    captured = 0;
    unlabelled = 0;
    start;
    end;
    constructor(variantName, task, truth, window, options = {}) {
        super(CAPTURE_SHAPE, FIELDS, options, CAPTURE_LAYOUT);
        this.variantName = variantName;
        this.task = task;
        this.truth = truth instanceof LabelTable ? truth : LabelTable.from(truth);
        this.start = window.start.getTime();
        this.end = window.end.getTime();
    }
    scanned(b, origin) {
        if (this.options.scan === false || this.scanner.flags[INFERENCE_TIME] < 0)
            return false;
        const time = this.scannedTime(b);
        if (Number.isNaN(time))
            return false;
        if (time < this.start || time >= this.end)
            return true;
        this.captured++;
        const label = this.scannedLabel(b);
        if (label === undefined) {
            this.unlabelled++;
            return true;
        }
        this.labels.push(label);
        this.predictions.push(this.scannedPrediction(b, origin));
        return true;
    }
    matched(match) {
        const [, data, encoding, inferenceId, eventId, inferenceTime] = match;
        if (inferenceTime !== this.lastTimeText) {
            this.lastTimeText = inferenceTime;
            this.lastTime = Date.parse(inferenceTime);
        }
        const time = this.lastTime;
        if (Number.isNaN(time))
            return false;
        if (time < this.start || time >= this.end)
            return true;
        const label = this.truth.getText(inferenceId ?? eventId);
        const prediction = label === undefined ? 0 : asIs(encoding) ? plainNumberText(data) : NaN;
        if (Number.isNaN(prediction))
            return false;
        this.captured++;
        if (label === undefined)
            this.unlabelled++;
        else {
            this.labels.push(label);
            this.predictions.push(prediction);
        }
        return true;
    }
    /** The label of a scanned line's inferenceId, else its eventId. */
    scannedLabel(b) {
        const { start, end, flags } = this.scanner;
        const id = flags[INFERENCE_ID] >= 0 && end[INFERENCE_ID] > start[INFERENCE_ID]
            ? INFERENCE_ID
            : EVENT_ID;
        if (flags[id] < 0)
            return undefined;
        return this.plain(id)
            ? this.truth.getBytes(b, start[id], end[id])
            : this.truth.get(this.text(b, id));
    }
    /** A scanned line's prediction: a plain number from the bytes, else as `prediction` reads it. */
    scannedPrediction(b, origin) {
        const { start, end } = this.scanner;
        if (this.ascii(DATA) && encodedAsIs(this.scanner, b)) {
            const value = plainNumber(b, start[DATA], end[DATA]);
            if (!Number.isNaN(value))
                return value;
        }
        const output = {
            data: this.optionalText(b, DATA),
            encoding: this.optionalText(b, ENCODING),
            observedContentType: this.optionalText(b, CONTENT_TYPE)
        };
        return this.prediction(output, `line ${origin.line}`, origin.source);
    }
    lastTimeBytes = new Uint8Array(64);
    lastTimeLength = -1;
    lastScannedTime = NaN;
    /** Records of one second share their time's bytes: parse each once. */
    scannedTime(b) {
        const start = this.scanner.start[INFERENCE_TIME];
        const end = this.scanner.end[INFERENCE_TIME];
        const length = end - start;
        const last = this.lastTimeBytes.subarray(0, Math.max(this.lastTimeLength, 0));
        if (length === this.lastTimeLength && bytesEqual(b, start, end, last)) {
            return this.lastScannedTime;
        }
        this.lastScannedTime = Date.parse(this.text(b, INFERENCE_TIME));
        this.lastTimeLength = length <= this.lastTimeBytes.length ? length : -1;
        if (this.lastTimeLength >= 0)
            this.lastTimeBytes.set(b.subarray(start, end));
        return this.lastScannedTime;
    }
    parsed(line, where, source) {
        if (blank(line))
            return;
        const record = parseLine(line, where, source);
        const meta = objectAt(record, 'eventMetadata');
        const output = objectAt(objectAt(record, 'captureData'), 'endpointOutput');
        const time = this.timeOf(meta.inferenceTime);
        if (Number.isNaN(time))
            throw new DataError(source, `${where}: eventMetadata.inferenceTime is missing or not a time.`);
        if (time < this.start || time >= this.end)
            return;
        this.captured++;
        const id = typeof meta.inferenceId === 'string' && meta.inferenceId !== ''
            ? meta.inferenceId
            : meta.eventId;
        const label = typeof id === 'string' ? this.truth.get(id) : undefined;
        if (label === undefined) {
            this.unlabelled++;
            return;
        }
        this.labels.push(label);
        this.predictions.push(this.prediction(output, where, source));
    }
    lastTimeText = '';
    lastTime = NaN;
    /** Records of one second share their time text: parse each once. */
    timeOf(value) {
        const text = String(value ?? '');
        if (text !== this.lastTimeText) {
            this.lastTimeText = text;
            this.lastTime = Date.parse(text);
        }
        return this.lastTime;
    }
    /** One request's prediction: a single number as it is, else what the engine parses. */
    prediction(output, where, source) {
        const text = payloadText(output, `${where}: captureData.endpointOutput`, source);
        if (join_NUMBER.test(text))
            return Number(text);
        const parsed = parsePredictions(text, {
            task: this.task,
            contentType: typeof output.observedContentType === 'string' ? output.observedContentType : undefined,
            // One label joins one prediction: a response with several is refused by the parser.
            expectedRows: 1,
            source: `${source} ${where}`
        });
        return parsed.width === 1 ? parsed.values[0] : argmax(parsed.values);
    }
    finish() {
        return {
            variantName: this.variantName,
            labels: this.labels.take(),
            predictions: this.predictions.take(),
            captured: this.captured,
            unlabelled: this.unlabelled
        };
    }
}

;// CONCATENATED MODULE: ./build/src/abtest/read.js
// Reading an A/B test's data from S3: the ground truth under its prefix, then each
// variant's captured requests under `<capture prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/`,
// one object at a time, streamed through the join. Only the hour folders the window can
// hold are read: captures of the window's hours, and labels from the window's first hour
// on (a label cannot come before its request).



const HOUR_FOLDER = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/[^/]+$/;
const HOUR_MS = 3600_000;
/** The start of the hour a key's `yyyy/mm/dd/hh/` folder names, or undefined. */
function hourOfKey(key) {
    const m = HOUR_FOLDER.exec(key);
    if (!m)
        return undefined;
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]));
}
async function* keysUnder(s3, location) {
    const prefix = location.key === '' ? '' : `${location.key.replace(/\/+$/, '')}/`;
    let ContinuationToken;
    do {
        const page = await s3.send(new client_s3_dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: location.bucket, Prefix: prefix, ContinuationToken }));
        for (const item of page.Contents ?? [])
            if (item.Key)
                yield item.Key;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
}
/**
 * One object's bytes, whole: a long line (a large payload) would otherwise be joined again
 * at every chunk of the stream it spans.
 */
async function objectBytes(s3, bucket, key) {
    const response = await s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: bucket, Key: key }));
    const body = await response.Body?.transformToByteArray();
    return body ? [body] : [];
}
/** Keys under `location` whose hour folder lies in [from, to]. */
async function keysInHours(s3, location, from, to) {
    const keys = [];
    for await (const key of keysUnder(s3, location)) {
        const hour = hourOfKey(key);
        if (hour !== undefined && hour >= from && hour <= to)
            keys.push(key);
    }
    return keys.sort();
}
function firstHour(window) {
    return Math.floor(window.start.getTime() / HOUR_MS) * HOUR_MS;
}
/** Every label under the ground-truth prefix from the window's first hour on. */
async function readGroundTruth(s3, location, task, window) {
    const truth = new GroundTruth(task);
    const keys = await keysInHours(s3, location, firstHour(window), Number.MAX_SAFE_INTEGER);
    for (const key of keys) {
        truth.addChunks(await objectBytes(s3, location.bucket, key), `s3://${location.bucket}/${key}`);
    }
    return { truth, objects: keys.length };
}
/** One variant's captured requests in the window, joined with the labels. */
async function readVariant(s3, capture, endpointName, variantName, options) {
    const location = {
        bucket: capture.bucket,
        key: joinS3Key(capture.key, endpointName, variantName)
    };
    const join = new VariantJoin(variantName, options.task, options.truth.labels, options.window);
    const keys = await keysInHours(s3, location, firstHour(options.window), options.window.end.getTime());
    for (const key of keys) {
        join.addChunks(await objectBytes(s3, location.bucket, key), `s3://${location.bucket}/${key}`);
    }
    return { ...join.finish(), objects: keys.length, prefix: formatS3Uri(location) };
}

;// CONCATENATED MODULE: ./build/src/abtest/independent.js
// Comparisons of two variants of an endpoint that served different requests: independent
// samples, unlike the paired tests of src/evaluation/paired.ts, which score both models on
// the same rows.
//
// - accuracy-like rates (a share of requests a variant got right): the two-proportion z-test
//   with the pooled variance (statsmodels' `proportions_ztest`), and Newcombe's hybrid
//   score interval for the difference (method 10, statsmodels'
//   `confint_proportions_2indep(method="newcomb")`), which stays honest near 0 and 1.
// - AUC: DeLong's variance of each variant's AUC from its own placement values (the
//   structural components), var(delta) = var(A) + var(B), because the samples share no
//   rows; the delta is normal with that variance.
// - every other metric: an independent bootstrap: each variant's rows are resampled on
//   their own (two seeded streams), the metric recomputed on both, and the percentile
//   interval and p-value read from the deltas as the paired bootstrap does.
//
// Every comparison carries the standard error of the delta, which the verdict scales to
// estimate how many requests a test needs (src/abtest/verdict.ts).





function independent_checkAlpha(alpha) {
    if (!(alpha > 0 && alpha < 0.5))
        throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
}
/**
 * The two-proportion z-test of challenger - control: the p-value from the pooled variance
 * (the null hypothesis says both rates are one), the interval Newcombe's.
 */
function twoProportion(control, challenger, alpha) {
    independent_checkAlpha(alpha);
    const { count: x1, rows: n1 } = challenger;
    const { count: x2, rows: n2 } = control;
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const delta = p1 - p2;
    const pooled = (x1 + x2) / (n1 + n2);
    const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const p = pooledSe > 0 ? Math.min(1, 2 * normalSf(Math.abs(delta) / pooledSe)) : delta === 0 ? 1 : 0;
    const [l1, u1] = wilsonInterval(x1, n1, alpha);
    const [l2, u2] = wilsonInterval(x2, n2, alpha);
    return {
        control: p2,
        challenger: p1,
        delta,
        ci: [
            delta - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            delta + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
        ],
        control_ci: [l2, u2],
        challenger_ci: [l1, u1],
        p_value: p,
        test: 'two-proportion-z',
        alpha,
        standard_error: Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2),
        rows: [n2, n1]
    };
}
/** Sample variance (n - 1) of `values`; NaN below two. */
function variance(values) {
    const n = values.length;
    if (n < 2)
        return NaN;
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += values[i];
    mean /= n;
    let squares = 0;
    for (let i = 0; i < n; i++)
        squares += (values[i] - mean) ** 2;
    return squares / (n - 1);
}
/** One variant's AUC and DeLong's variance of it; undefined with one class only. */
function delongVariance(sorted) {
    const positives = contiguous(sorted.positives);
    const negatives = contiguous(sorted.negatives);
    const P = positives.length;
    const N = negatives.length;
    if (P === 0 || N === 0)
        return undefined;
    const v10 = new Float64Array(P);
    const v01 = new Float64Array(N);
    let auc = 0;
    for (let i = 0; i < P; i++)
        auc += v10[i] = midrankShare(negatives, positives[i]);
    for (let j = 0; j < N; j++)
        v01[j] = 1 - midrankShare(positives, negatives[j]);
    return { auc: auc / P, variance: variance(v10) / P + variance(v01) / N };
}
/** AUC(challenger) - AUC(control) with DeLong's variances of two independent samples. */
function independentDelong(control, challenger, alpha) {
    independent_checkAlpha(alpha);
    const a = delongVariance(control);
    const b = delongVariance(challenger);
    if (!a || !b)
        return undefined;
    const rows = [rowsOf(control), rowsOf(challenger)];
    const delta = b.auc - a.auc;
    const base = { control: a.auc, challenger: b.auc, delta, test: 'delong-independent' };
    const se = Math.sqrt(a.variance + b.variance);
    if (!Number.isFinite(se)) {
        return {
            ...base,
            ci: null,
            control_ci: null,
            challenger_ci: null,
            p_value: null,
            alpha,
            standard_error: null,
            rows,
            note: "DeLong's variance needs at least 2 labelled requests of each class in each variant."
        };
    }
    const z = normalQuantile(1 - alpha / 2);
    const half = z * se;
    const own = (side) => [
        side.auc - z * Math.sqrt(side.variance),
        side.auc + z * Math.sqrt(side.variance)
    ];
    const p = se > 0 ? 2 * normalSf(Math.abs(delta) / se) : delta === 0 ? 1 : 0;
    return {
        ...base,
        ci: [delta - half, delta + half],
        control_ci: own(a),
        challenger_ci: own(b),
        p_value: Math.min(1, p),
        alpha,
        standard_error: se,
        rows
    };
}
function rowsOf(sorted) {
    let n = 0;
    for (const run of [...sorted.positives, ...sorted.negatives])
        n += run.length;
    return n;
}
function draw(random, weights) {
    const n = weights.length;
    weights.fill(0);
    for (let i = 0; i < n; i++)
        weights[random.below(n)]++;
}
/**
 * The independent bootstrap of every metric in `names`: each resample draws the control's
 * rows and the challenger's rows apart, from two streams of one seed.
 */
function independentBootstrap(names, points, sides, options) {
    const out = {};
    const wanted = names.filter(n => points.control[n] !== undefined && points.challenger[n] !== undefined);
    if (wanted.length === 0)
        return out;
    const randoms = [new Random(options.seed, 0xab0), new Random(options.seed, 0xab1)];
    const weights = [new Uint32Array(sides.control.rows), new Uint32Array(sides.challenger.rows)];
    const deltas = wanted.map(() => new Float64Array(options.resamples));
    const values = wanted.map(() => [
        new Float64Array(options.resamples),
        new Float64Array(options.resamples)
    ]);
    const defined = new Uint32Array(wanted.length);
    for (let b = 0; b < options.resamples; b++) {
        draw(randoms[0], weights[0]);
        draw(randoms[1], weights[1]);
        const a = sides.control.measure(weights[0]);
        const c = sides.challenger.measure(weights[1]);
        wanted.forEach((name, m) => {
            const value = (c[name] ?? NaN) - (a[name] ?? NaN);
            if (Number.isNaN(value))
                return;
            values[m][0][defined[m]] = a[name];
            values[m][1][defined[m]] = c[name];
            deltas[m][defined[m]++] = value;
        });
    }
    wanted.forEach((name, m) => {
        const sorted = deltas[m].slice(0, defined[m]).sort();
        const read = bootstrapComparison(points.challenger[name], points.control[name], sorted, options);
        const own = (side) => {
            if (!read.ci)
                return null;
            const kept = values[m][side].slice(0, defined[m]).sort();
            return [percentile(kept, options.alpha / 2), percentile(kept, 1 - options.alpha / 2)];
        };
        out[name] = {
            control: read.baseline,
            challenger: read.candidate,
            delta: read.delta,
            ci: read.ci,
            control_ci: own(0),
            challenger_ci: own(1),
            p_value: read.p_value,
            test: 'bootstrap-independent',
            alpha: options.alpha,
            standard_error: read.ci ? standardDeviation(sorted) : null,
            rows: [sides.control.rows, sides.challenger.rows],
            resamples: options.resamples,
            seed: options.seed,
            ...(read.note ? { note: read.note } : {})
        };
    });
    return out;
}
function standardDeviation(sorted) {
    return Math.sqrt(variance(sorted));
}

;// CONCATENATED MODULE: ./build/src/abtest/score.js
// Each variant's joined requests through the metrics engine (the same Evaluator live
// evaluation uses), then the two variants compared as independent samples: accuracy by
// the two-proportion z-test, AUC by DeLong's independent variance, every other metric by
// the independent bootstrap.







const COLUMNS = {
    label: { index: 0, role: 'label' },
    prediction: [{ index: 1, role: 'prediction' }]
};
/** One variant's metrics from the engine; undefined when no request was labelled. */
function scoreVariant(joined, options) {
    if (joined.labels.length === 0)
        return undefined;
    const evaluator = new Evaluator({
        task: options.task,
        source: `variant ${joined.variantName}`,
        threshold: options.threshold,
        alpha: options.alpha,
        resamples: options.resamples,
        seed: options.seed,
        ...(options.task === 'multiclass'
            ? { classes: classesOf(joined.labels, joined.predictions) }
            : {})
    }, COLUMNS);
    evaluator.batch([joined.labels, joined.predictions], joined.labels.length);
    return evaluator.finish().candidate;
}
function classesOf(...columns) {
    let top = 1;
    for (const column of columns)
        for (let i = 0; i < column.length; i++)
            top = Math.max(top, column[i]);
    return top + 1;
}
/** How many requests each variant got right, for the accuracy rate. */
function correct(task, joined, threshold) {
    let n = 0;
    const { labels, predictions } = joined;
    for (let i = 0; i < labels.length; i++) {
        const predicted = task === 'binary' ? (predictions[i] >= threshold ? 1 : 0) : predictions[i];
        if (predicted === labels[i])
            n++;
    }
    return n;
}
/** One variant's metric values on a bootstrap resample. */
function measure(task, joined, threshold, classes) {
    const { labels, predictions } = joined;
    if (task === 'binary') {
        const resample = binaryResample({ labels: Uint8Array.from(labels), candidate: predictions, baseline: predictions }, threshold);
        return weights => resample(weights)[0];
    }
    if (task === 'multiclass') {
        const model = { predicted: predictions };
        const resample = multiclassResample({ labels, classes, candidate: model, baseline: model });
        return weights => resample(weights)[0];
    }
    const resample = regressionResample({ labels, candidate: predictions, baseline: predictions });
    return weights => resample(weights)[0];
}
const METRICS = {
    binary: BINARY_METRICS,
    multiclass: MULTICLASS_METRICS,
    regression: REGRESSION_METRICS
};
/** Every metric both variants define, compared: challenger - control. */
function compareVariants(joined, reports, options) {
    const { task, threshold, alpha } = options;
    const { control, challenger } = joined;
    const out = {};
    if (task !== 'regression') {
        out.accuracy = twoProportion({ count: correct(task, control, threshold), rows: control.labels.length }, { count: correct(task, challenger, threshold), rows: challenger.labels.length }, alpha);
    }
    if (task === 'binary') {
        const auc = independentDelong(sortScores(Uint8Array.from(control.labels), control.predictions), sortScores(Uint8Array.from(challenger.labels), challenger.predictions), alpha);
        if (auc)
            out.auc = auc;
    }
    const classes = classesOf(control.labels, control.predictions, challenger.labels, challenger.predictions);
    const names = METRICS[task].filter(name => !(name in out));
    const points = {
        control: reports.control.report.values,
        challenger: reports.challenger.report.values
    };
    const sides = {
        control: { rows: control.labels.length, measure: measure(task, control, threshold, classes) },
        challenger: {
            rows: challenger.labels.length,
            measure: measure(task, challenger, threshold, classes)
        }
    };
    const bootstrapped = independentBootstrap(names, points, sides, options);
    for (const name of names)
        if (bootstrapped[name])
            out[name] = bootstrapped[name];
    return out;
}

;// CONCATENATED MODULE: ./build/src/abtest/verdict.js
// The verdict of an A/B test, from the comparisons, the policy and the operational figures.
//
// 1. Each variant must satisfy every threshold on its own: `live:<metric>` on its joined
//    requests, `ops:<figure>` on its CloudWatch figures. A variant that fails one cannot
//    win; when exactly one variant fails, the other wins on the policy.
// 2. Otherwise the primary metric decides (the first `live:` metric the policy names, else
//    auc, accuracy or rmse by task): a difference with p < alpha makes the better variant
//    the winner, unless it is significantly worse on another `live:` metric the policy
//    names (then the test is inconclusive).
// 3. Without a significant difference, the variants are the same when the whole interval
//    of the primary delta lies within the smallest difference that matters: the metric's
//    `max-regression` limit, else 1% of the control's value. Otherwise the test is
//    inconclusive, and the requests it needs are estimated: the standard error shrinks
//    as 1/sqrt(n), so a test at alpha with 80% power against the observed effect d needs
//    n * ((z(1 - alpha/2) + z(0.8)) * se / |d|)^2 labelled requests per variant.


const VERDICTS = (/* unused pure expression or super */ null && (['winner', 'no-difference', 'inconclusive']));
/** The power the required-sample estimate plans for. */
const POWER = 0.8;
/** The smallest relative difference that matters when `max-regression` gives none. */
const DEFAULT_MARGIN_PERCENT = 1;
const DEFAULT_PRIMARY = {
    binary: 'auc',
    multiclass: 'accuracy',
    regression: 'rmse'
};
/** The metric names the policy gives with `live:`, without the prefix, in order. */
function liveMetrics(policy) {
    const names = [...policy.thresholds, ...policy.regressions].map(rule => rule.metric);
    return [...new Set(names.filter(n => n.startsWith('live:')).map(n => n.slice(5)))];
}
function verdict_directionOf(policy, metric) {
    return policy.directions[`live:${metric}`] ?? inferDirection(metric) ?? 'higher';
}
function marginOf(policy, metric, control) {
    const rule = policy.regressions.find(r => r.metric === `live:${metric}`);
    if (!rule)
        return (Math.abs(control) * DEFAULT_MARGIN_PERCENT) / 100;
    return rule.relative ? (Math.abs(control) * rule.limit) / 100 : rule.limit;
}
function significant(c) {
    return c?.p_value != null && c.p_value < c.alpha;
}
/** Labelled requests per variant for a test at alpha with POWER against `effect`. */
function requiredPerVariant(c, effect) {
    if (c.standard_error === null || effect === 0)
        return undefined;
    const n = (c.rows[0] + c.rows[1]) / 2;
    const z = normalQuantile(1 - c.alpha / 2) + normalQuantile(POWER);
    return Math.ceil(n * ((z * c.standard_error) / Math.abs(effect)) ** 2);
}
function thresholdsOn(policy, side) {
    if (policy.thresholds.length === 0)
        return [];
    const only = { thresholds: policy.thresholds, regressions: [], directions: {} };
    return evaluatePolicy(only, { metrics: side.metrics }, undefined).rules;
}
function failures(rules) {
    return rules.filter(r => r.verdict === 'fail').map(r => r.explanation);
}
/** A verdict from the limits alone, when a variant fails one. */
function byPolicy(failed, name, base) {
    if (failed.control.length === 0 && failed.challenger.length === 0)
        return undefined;
    const lines = (side) => failed[side].map(r => `${name(side)}: ${r}`);
    if (failed.control.length > 0 && failed.challenger.length > 0) {
        return {
            ...base,
            verdict: 'inconclusive',
            reasons: ['Both variants fail the policy.', ...lines('control'), ...lines('challenger')]
        };
    }
    const loser = failed.control.length > 0 ? 'control' : 'challenger';
    const winner = loser === 'control' ? 'challenger' : 'control';
    return {
        ...base,
        verdict: 'winner',
        winner,
        reasons: [`${name(winner)} wins: ${name(loser)} fails the policy.`, ...lines(loser)]
    };
}
function decideAbTest(options) {
    const { policy, comparisons, control, challenger } = options;
    const named = liveMetrics(policy);
    const primaryMetric = named[0] ?? DEFAULT_PRIMARY[options.task];
    const rules = {
        control: thresholdsOn(policy, control),
        challenger: thresholdsOn(policy, challenger)
    };
    const failed = { control: failures(rules.control), challenger: failures(rules.challenger) };
    const primary = comparisons[primaryMetric];
    const margin = primary ? marginOf(policy, primaryMetric, primary.control) : 0;
    const base = { primaryMetric, rules, margin };
    const name = (side) => options[side].variantName;
    const onPolicy = byPolicy(failed, name, base);
    if (onPolicy)
        return onPolicy;
    if (!primary || primary.ci === null || primary.p_value === null) {
        return {
            ...base,
            verdict: 'inconclusive',
            reasons: [
                `The primary metric ${primaryMetric} could not be compared${primary?.note ? `: ${primary.note}` : ' (no labelled requests on one side, or the metric is undefined there).'}`
            ]
        };
    }
    const sign = verdict_directionOf(policy, primaryMetric) === 'higher' ? 1 : -1;
    if (significant(primary)) {
        const winner = primary.delta * sign > 0 ? 'challenger' : 'control';
        const winnerSign = winner === 'challenger' ? 1 : -1;
        const harmed = named.slice(1).filter(metric => {
            const c = comparisons[metric];
            if (!c || !significant(c))
                return false;
            const better = verdict_directionOf(policy, metric) === 'higher' ? 1 : -1;
            return c.delta * better * winnerSign < 0;
        });
        const said = `${name(winner)} is better on ${primaryMetric} (${describe(primary)})`;
        if (harmed.length === 0)
            return { ...base, verdict: 'winner', winner, reasons: [`${said}.`] };
        return {
            ...base,
            verdict: 'inconclusive',
            reasons: [`${said}, but significantly worse on ${harmed.join(', ')}.`]
        };
    }
    return undecided(primary, primary.ci, base);
}
/** Without a significant difference: the same within the margin, else how many more requests. */
function undecided(primary, ci, base) {
    const { primaryMetric, margin } = base;
    const [low, high] = ci;
    if (low >= -margin && high <= margin) {
        return {
            ...base,
            verdict: 'no-difference',
            reasons: [
                `The ${primaryMetric} difference is within ±${round(margin)} with confidence ${1 - primary.alpha} (${describe(primary)}).`
            ]
        };
    }
    const effect = primary.delta !== 0 ? primary.delta : margin;
    const perVariant = requiredPerVariant(primary, effect);
    const have = primary.rows[0] + primary.rows[1];
    const estimate = perVariant === undefined
        ? undefined
        : { metric: primaryMetric, effect, perVariant, more: Math.max(0, 2 * perVariant - have) };
    return {
        ...base,
        verdict: 'inconclusive',
        reasons: [
            `No significant difference on ${primaryMetric} yet (${describe(primary)}).`,
            estimate
                ? `About ${estimate.more} more labelled requests (${estimate.perVariant} per variant) would detect a difference of ${round(Math.abs(effect))} at alpha ${primary.alpha} with ${POWER * 100}% power.`
                : 'The required sample cannot be estimated from these requests.'
        ],
        ...(estimate ? { estimate } : {})
    };
}
function round(x) {
    return Number(x.toPrecision(4)).toString();
}
function describe(c) {
    const ci = c.ci
        ? `, ${Math.round((1 - c.alpha) * 100)}% CI [${round(c.ci[0])}, ${round(c.ci[1])}]`
        : '';
    return `delta ${round(c.delta)}${ci}, p = ${c.p_value === null ? 'n/a' : c.p_value.toPrecision(3)}, ${c.test}`;
}

;// CONCATENATED MODULE: ./build/src/abtest/evaluate.js








/** `live:<metric>` values of a variant's engine report and `ops:<figure>` values. */
function figures(values, ops) {
    const out = {};
    for (const [name, value] of Object.entries(values ?? {}))
        out[`live:${name}`] = value;
    for (const [name, value] of Object.entries(ops))
        out[`ops:${name}`] = value;
    return out;
}
async function evaluateAbTest(ctx, settings, sides, captureUri) {
    const end = ctx.now();
    const window = { start: new Date(end.getTime() - settings.windowHours * 3600_000), end };
    const { task } = settings;
    const truthAt = parseS3Uri(settings.groundTruthS3Uri, 'ground-truth-s3-uri');
    const captureAt = parseS3Uri(captureUri, 'data-capture-s3-uri');
    const { truth, objects } = await ctx.steps.run('reading the ground truth', () => readGroundTruth(ctx.aws.s3, truthAt, task, window));
    ctx.out.info(`Ground truth: ${truth.labels.size} labels in ${objects} objects.`);
    const read = (side) => ctx.steps.run(`reading the requests ${side.variantName} captured`, () => readVariant(ctx.aws.s3, captureAt, settings.endpointName, side.variantName, {
        task,
        truth,
        window
    }));
    const joined = { control: await read(sides.control), challenger: await read(sides.challenger) };
    for (const side of [joined.control, joined.challenger]) {
        ctx.out.info(`${side.variantName}: ${side.captured} captured requests in ${side.objects} objects under ${side.prefix}, ${side.labels.length} labelled.`);
    }
    const ops = await ctx.steps.run('reading CloudWatch figures', () => readOperations(ctx.aws.cloudwatch, settings.endpointName, [sides.control.variantName, sides.challenger.variantName], window));
    const options = {
        task,
        threshold: settings.decisionThreshold,
        alpha: settings.alpha,
        resamples: DEFAULT_RESAMPLES,
        seed: DEFAULT_SEED
    };
    const reports = {
        control: scoreVariant(joined.control, options),
        challenger: scoreVariant(joined.challenger, options)
    };
    const comparisons = reports.control && reports.challenger
        ? compareVariants(joined, { control: reports.control, challenger: reports.challenger }, options)
        : {};
    const side = (role) => ({
        ...sides[role],
        captured: joined[role].captured,
        labelled: joined[role].labels.length,
        ops: ops[sides[role].variantName] ?? {}
    });
    const control = side('control');
    const challenger = side('challenger');
    const decision = decideAbTest({
        policy: settings.policy,
        task,
        comparisons,
        control: {
            variantName: control.variantName,
            metrics: figures(reports.control?.report.values, control.ops)
        },
        challenger: {
            variantName: challenger.variantName,
            metrics: figures(reports.challenger?.report.values, challenger.ops)
        }
    });
    return { window, control, challenger, comparisons, decision };
}
/** Where the endpoint's requests are captured: the input, else the endpoint's own config. */
function captureLocation(settings, configured) {
    const uri = settings.dataCaptureS3Uri ?? configured;
    if (!uri) {
        throw new UserError(`Endpoint ${settings.endpointName} captures no data and "data-capture-s3-uri" is not set: deploy it with "data-capture-s3-uri" (mode deploy), let it serve, then run the A/B test.`);
    }
    return uri;
}

;// CONCATENATED MODULE: ./build/src/registry/tags.js
// Tags: the one reader and writer of tags on SageMaker resources, and the tags this action
// writes: on the endpoint, what it serves, what it replaced and, after a rollback, what the
// rollback replaced and in which run (rollback reads them back);
// on models and configs, which endpoint they belong to (cleanup reads it).


const TAG_PREFIX = 'sagemaker-model-gate:';
const tags_TAGS = {
    packageArn: `${TAG_PREFIX}package-arn`,
    previousPackageArn: `${TAG_PREFIX}previous-package-arn`,
    rolledBackFrom: `${TAG_PREFIX}rolled-back-from`,
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
        { Key: tags_TAGS.rolledBackFrom, Value: tags_tagValue(values.rolledBackFrom) },
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
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListTagsCommand */.bvr({ ResourceArn: arn, MaxResults: 100, NextToken: nextToken }));
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
    await sagemaker.send(new client_sagemaker_dist_cjs/* AddTagsCommand */.yjM({ ResourceArn: arn, Tags: tags }));
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
    return orAbsent(() => sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: name })));
}
function describeConfig(sagemaker, name) {
    return orAbsent(() => sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: name })));
}
function describeModel(sagemaker, name) {
    return orAbsent(() => sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelCommand */.utY({ ModelName: name })));
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
        dataCaptureSamplingPercentage: config?.DataCaptureConfig?.InitialSamplingPercentage,
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
/**
 * When the endpoint already serves exactly these packages under these variant names on the
 * same compute, a new fleet is not needed: only weights may have to move.
 */
function reuseChange(input, compute, variants) {
    const { settings, live } = input;
    const sameShape = live !== undefined &&
        live.variants.length === variants.length &&
        (live.dataCaptureS3Uri ?? '') === (settings.dataCaptureS3Uri ?? '') &&
        (!settings.dataCaptureS3Uri ||
            live.dataCaptureSamplingPercentage === settings.dataCaptureSamplingPercentage) &&
        variants.every(v => {
            const current = live.variants.find(l => l.variantName === v.variantName);
            return current?.packageArn === v.packageArn && sameCompute(current.compute, compute);
        });
    if (!live || !sameShape)
        return undefined;
    const liveVariant = (v) => live.variants.find(l => l.variantName === v.variantName);
    const weightsDiffer = variants.length > 1 && variants.some(v => liveVariant(v)?.weight !== v.weight);
    return {
        action: weightsDiffer ? 'update-weights' : 'none',
        variants: variants.map(v => ({ ...v, modelName: liveVariant(v)?.modelName ?? v.modelName })),
        models: [],
        endpointConfigName: live.configName,
        updateWeights: weightsDiffer
            ? {
                EndpointName: settings.endpointName,
                DesiredWeightsAndCapacities: variants.map(v => ({
                    VariantName: v.variantName,
                    DesiredWeight: v.weight
                }))
            }
            : undefined
    };
}
function productionVariant(v, compute) {
    return {
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
    };
}
/** A new endpoint config for the variants, named after what it serves and this run. */
function newEndpointConfig(input, compute, variants) {
    const { settings, run } = input;
    const endpointName = settings.endpointName;
    const endpointConfig = {
        EndpointConfigName: resourceName(endpointName, versionLabel(variants.map(v => v.version)), shortHash({
            endpointName,
            variants: variants.map(v => [v.variantName, v.packageArn, v.weight, v.modelName]),
            compute,
            dataCapture: settings.dataCaptureS3Uri
                ? [settings.dataCaptureS3Uri, settings.dataCaptureSamplingPercentage]
                : null,
            runId: run.runId,
            attempt: run.runAttempt
        })),
        ProductionVariants: variants.map(v => productionVariant(v, compute)),
        Tags: managedTags(endpointName)
    };
    if (settings.dataCaptureS3Uri) {
        endpointConfig.DataCaptureConfig = {
            EnableCapture: true,
            InitialSamplingPercentage: settings.dataCaptureSamplingPercentage,
            DestinationS3Uri: settings.dataCaptureS3Uri,
            CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]
        };
    }
    return endpointConfig;
}
/**
 * The blue/green DeploymentConfig of an update, or none when the variant names change:
 * SageMaker's guardrails need the new config to keep the old variant names, and replace
 * the fleet all at once otherwise.
 */
function updateDeployment(settings, live, variants, notes) {
    const names = (list) => list
        .map(v => v.variantName)
        .sort()
        .join(',');
    const liveNames = names(live.variants);
    const newNames = names(variants);
    if (liveNames === newNames)
        return deploymentConfig(settings);
    notes.push(`The variants change (${liveNames || 'none'} -> ${newNames}): SageMaker applies a blue/green DeploymentConfig only when variant names stay the same, so this update shifts traffic all at once${settings.rollbackAlarms.length ? ' and without alarm rollback' : ''}.`);
    return undefined;
}
function planChange(input, compute, variants, notes) {
    const reuse = reuseChange(input, compute, variants);
    if (reuse)
        return reuse;
    const { settings, live } = input;
    const endpointConfig = newEndpointConfig(input, compute, variants);
    const models = variants.map(v => ({
        ModelName: v.modelName,
        ExecutionRoleArn: settings.executionRoleArn ?? ROLE_PLACEHOLDER,
        Containers: [{ ModelPackageName: v.packageArn }],
        Tags: managedTags(settings.endpointName, [{ Key: tags_TAGS.packageArn, Value: v.packageArn }])
    }));
    return {
        action: live ? 'update' : 'create',
        variants,
        models,
        endpointConfig,
        endpointConfigName: endpointConfig.EndpointConfigName ?? '',
        deploymentConfig: live ? updateDeployment(settings, live, variants, notes) : undefined
    };
}
/** How records name the run: its URL on GitHub, else its id, else `local`. */
function runLabel(run) {
    return runUrl(run) || run.runId || 'local';
}
/** The calls that record the deployment once it is verified: endpoint tags, version metadata. */
function recordCalls({ input, change, primary, previousPackageArn, notes }) {
    const { live, run } = input;
    const replaced = previousPackageArn && previousPackageArn !== primary.packageArn ? previousPackageArn : '';
    // After a rollback the package it replaced is the bad one: recording it as the previous
    // package would make the next rollback put it back. With none recorded, the next
    // rollback goes to the newest Approved version older than the live one; what it replaced
    // is recorded apart, with the run, so that a re-run of this run finds its rollback done.
    // A redeploy of the same package must not make it its own rollback target either.
    const rollback = input.kind === 'rollback';
    const previous = rollback ? '' : replaced || (live?.tags[tags_TAGS.previousPackageArn] ?? '');
    const calls = [
        {
            operation: 'AddTags',
            endpointName: input.settings.endpointName,
            tags: deploymentTags({
                packageArn: primary.packageArn,
                previousPackageArn: previous,
                rolledBackFrom: rollback ? replaced : '',
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
function plannedVariants(input) {
    const { settings, run } = input;
    const endpointName = settings.endpointName;
    const single = input.targets.length === 1;
    const roleArn = settings.executionRoleArn ?? ROLE_PLACEHOLDER;
    return input.targets.map(t => ({
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
}
/** The creates, leaving out the models and config an earlier attempt already made. */
function createCalls(input, change, reused) {
    const existing = input.facts?.existing;
    const calls = [];
    for (const model of change.models) {
        const name = model.ModelName ?? '';
        const created = existing?.models.get(name);
        if (existing?.models.has(name))
            reused.push({ kind: 'model', name, created });
        else
            calls.push({ operation: 'CreateModel', input: model });
    }
    if (change.endpointConfig) {
        const name = change.endpointConfigName;
        const created = existing?.configs.get(name);
        if (existing?.configs.has(name))
            reused.push({ kind: 'endpoint config', name, created });
        else
            calls.push({ operation: 'CreateEndpointConfig', input: change.endpointConfig });
    }
    return calls;
}
/** The one call that changes the endpoint, if any. */
function endpointCall(endpointName, change) {
    switch (change.action) {
        case 'create':
            return [
                {
                    operation: 'CreateEndpoint',
                    input: { EndpointName: endpointName, EndpointConfigName: change.endpointConfigName }
                }
            ];
        case 'update':
            return [
                {
                    operation: 'UpdateEndpoint',
                    input: {
                        EndpointName: endpointName,
                        EndpointConfigName: change.endpointConfigName,
                        ...(change.deploymentConfig ? { DeploymentConfig: change.deploymentConfig } : {})
                    }
                }
            ];
        case 'update-weights':
            return change.updateWeights
                ? [{ operation: 'UpdateEndpointWeightsAndCapacities', input: change.updateWeights }]
                : [];
        case 'none':
            return [];
    }
}
/** The calls after the endpoint change: its record, then the cleanup of what it replaced. */
function afterCalls(after) {
    const { input, change, primary, previousPackageArn } = after;
    const { live, facts } = input;
    const calls = [];
    // An endpoint that already serves the plan still gets its record when its tags say
    // otherwise: a run stopped before writing them (no post step on the CLI), or someone
    // else deployed it. The version the tags named is then the one that was replaced.
    const tagged = live?.tags[tags_TAGS.packageArn];
    const untagged = change.action === 'none' && tagged !== primary.packageArn;
    if (change.action !== 'none' || untagged) {
        const replaced = untagged ? tagged : previousPackageArn;
        calls.push(...recordCalls({ ...after, previousPackageArn: replaced }));
    }
    if (change.action !== 'none') {
        for (const name of facts?.cleanup.configs ?? [])
            calls.push({ operation: 'DeleteEndpointConfig', input: { EndpointConfigName: name } });
        for (const name of facts?.cleanup.models ?? [])
            calls.push({ operation: 'DeleteModel', input: { ModelName: name } });
    }
    return calls;
}
function buildPlan(input) {
    const { settings, live } = input;
    const compute = resolveCompute(settings, live);
    validate(settings, compute, input.targets);
    const notes = [];
    const variants = plannedVariants(input);
    const change = planChange(input, compute, variants, notes);
    const primary = primaryVariant(variants);
    const previousPackageArn = input.rolledBackFrom ?? served_livePackageArn(live);
    const reused = [];
    const calls = [
        ...createCalls(input, change, reused),
        ...endpointCall(settings.endpointName, change),
        ...afterCalls({ input, change, primary, previousPackageArn, notes }),
        ...rejectCall(input.reject, primary, previousPackageArn, notes)
    ];
    if (settings.executionRoleArn === undefined && calls.some(c => c.operation === 'CreateModel')) {
        notes.push('Input "execution-role-arn" is not set: a real run refuses to start without it, and the names of the models and config it creates depend on it.');
    }
    return {
        endpointName: settings.endpointName,
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
                ? `; data capture of ${call.input.DataCaptureConfig.InitialSamplingPercentage}% of requests to ${call.input.DataCaptureConfig.DestinationS3Uri}`
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
        lines.push(`  unchanged  endpoint ${plan.endpointName} already serves this on ${plan.endpointConfigName}${plan.calls.some(call => call.operation === 'AddTags')
            ? '; its tags do not say so, so they are written'
            : ''}`);
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

;// CONCATENATED MODULE: ./build/src/deploy/waiter.js
// Our own poller for endpoint states: it logs every change with the time it happened and
// gives up at a deadline measured on the injected clock, so tests need no real time.



/** States in which SageMaker is still changing the endpoint and refuses another update. */
const BUSY_STATES = new Set([
    'Creating',
    'Updating',
    'SystemUpdating',
    'RollingBack',
    'Deleting'
]);
/** A change of state is seen within this many seconds unless the poll is set longer. */
const MAX_DEFAULT_POLL_SECONDS = 15;
/** The longest pause while DescribeEndpoint is throttled (it doubles from the poll). */
const MAX_THROTTLED_POLL_SECONDS = 120;
/** Poll often enough to see short states, rarely enough to stay far from API throttling. */
function defaultPollSeconds(timeoutSeconds) {
    return Math.min(MAX_DEFAULT_POLL_SECONDS, Math.max(1, Math.round(timeoutSeconds / 60)));
}
/** The pause after `throttled` throttled looks in a row: the poll, doubled each time, capped. */
function pauseMs(pollMs, throttled) {
    return Math.min(Math.max(pollMs, MAX_THROTTLED_POLL_SECONDS * 1000), pollMs * 2 ** throttled);
}
class waiter_WaitTimeoutError extends UserError {
    lastStatus;
    constructor(message, lastStatus) {
        super(message);
        this.lastStatus = lastStatus;
        this.name = 'WaitTimeoutError';
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
    let lastStatus = 'unknown';
    let throttled = 0;
    for (;;) {
        let description;
        try {
            description = await served_describeEndpoint(ctx.aws.sagemaker, endpointName);
            throttled = 0;
        }
        catch (error) {
            // Throttling after the SDK's retries: look less often instead of failing the wait.
            if (!isThrottling(error))
                throw error;
            throttled++;
        }
        const now = ctx.now();
        if (throttled === 0) {
            const status = description ? (description.EndpointStatus ?? 'unknown') : 'absent';
            const state = description ? `${status} on ${description.EndpointConfigName ?? '?'}` : status;
            lastStatus = status;
            if (state !== last) {
                const elapsed = Math.round((now.getTime() - start) / 1000);
                ctx.out.info(`[${clock(now)}] endpoint ${endpointName}: ${state} (${elapsed} s)`);
                last = state;
            }
            if (!description || !BUSY_STATES.has(status))
                return description;
        }
        if (now.getTime() >= deadline) {
            throw new waiter_WaitTimeoutError(`Timed out after ${options.timeoutSeconds} s (input "wait-timeout") waiting for endpoint ${endpointName} ${options.purpose}: it is still ${lastStatus}. SageMaker keeps going; check the endpoint in the console, and raise "wait-timeout" if deployments take longer.`, lastStatus);
        }
        const pause = Math.min(pauseMs(pollMs, throttled), deadline - now.getTime());
        if (throttled > 0)
            ctx.out.info(`[${clock(now)}] endpoint ${endpointName}: DescribeEndpoint throttled; next look in ${Math.round(pause / 1000)} s`);
        await ctx.sleep(pause);
    }
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
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListEndpointConfigsCommand */.IZm(input));
        const items = (page.EndpointConfigs ?? []).map(c => listed(c.EndpointConfigName, c.EndpointConfigArn, c.CreationTime));
        return { NextToken: page.NextToken, items };
    });
}
function listModels(sagemaker, nameContains, before) {
    return listAll(nameContains, before, async (input) => {
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListModelsCommand */.Ez2(input));
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
        // Another deployment of the endpoint, cleaning up at the same time, may have deleted
        // it since the listing: gone is neither kept nor deleted, and the rest goes on.
        const tags = await orAbsent(() => readTags(sagemaker, item.arn));
        if (tags?.[tags_TAGS.endpoint] === scope.endpointName)
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
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListEndpointsCommand */.c8o({ MaxResults: 100, NextToken: nextToken }));
        for (const endpoint of page.Endpoints ?? [])
            if (endpoint.EndpointName)
                await addUses(sagemaker, endpoint.EndpointName, found);
        nextToken = page.NextToken;
    } while (nextToken);
    return found;
}
/**
 * What cleanup would delete now; reads only. Any failed read throws, and nothing is deleted
 * then; a resource deleted since it was listed is no failure, only no longer a candidate.
 */
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
        await attempt(`endpoint config ${name}`, () => ctx.aws.sagemaker.send(new client_sagemaker_dist_cjs/* DeleteEndpointConfigCommand */.WLA({ EndpointConfigName: name })));
    }
    for (const name of plan.models) {
        await attempt(`model ${name}`, () => ctx.aws.sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelCommand */.em({ ModelName: name })));
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
/**
 * A new endpoint this run created that ended Failed serves nothing, and SageMaker refuses
 * to update it: the next deploy would stop at "delete it and deploy again". It goes, and
 * waits to be gone so that the model and config it used can go after it. True once it is gone.
 */
async function deleteFailedEndpoint(ctx, endpointName, waitTimeoutSeconds) {
    try {
        await ctx.aws.sagemaker.send(new client_sagemaker_dist_cjs/* DeleteEndpointCommand */.oPO({ EndpointName: endpointName }));
        await waiter_waitForEndpoint(ctx, endpointName, {
            timeoutSeconds: waitTimeoutSeconds,
            purpose: 'to be deleted'
        });
        ctx.out.info(`Deleted endpoint ${endpointName}: this run created it and SageMaker could not start it.`);
        return true;
    }
    catch (error) {
        ctx.out.warning(`Could not delete endpoint ${endpointName}, which this run created and which ended Failed: ${errors_errorMessage(error)}. Delete it (aws sagemaker delete-endpoint --endpoint-name ${endpointName}) before deploying again.`);
        return false;
    }
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
            await sagemaker.send(new client_sagemaker_dist_cjs/* CreateModelCommand */.TIE(call.input));
        else
            await sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointConfigCommand */.dH8(call.input));
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
        ctx.out.warning(`${endpoint_labelOf(call)} appeared with the same content after the plan was made (a concurrent attempt of this run?): this deployment uses it and does not count it as its own.`);
        return false;
    }
    ctx.out.info(withLink(`Created ${endpoint_labelOf(call)}`, consoleUrl(ctx.region, pageOf(call), nameOf(call))));
    return true;
}
function nameOf(call) {
    return ((call.operation === 'CreateModel' ? call.input.ModelName : call.input.EndpointConfigName) ?? '');
}
function endpoint_labelOf(call) {
    return `${call.operation === 'CreateModel' ? 'model' : 'endpoint config'} ${nameOf(call)}`;
}
function pageOf(call) {
    return call.operation === 'CreateModel' ? 'models' : 'endpointConfig';
}
/** Sends the call that changes the endpoint; SageMaker carries it out after the call returns. */
async function startEndpointChange(ctx, call) {
    const sagemaker = ctx.aws.sagemaker;
    let what;
    if (call.operation === 'CreateEndpoint') {
        await sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointCommand */.fRi(call.input));
        what = `Creating endpoint ${call.input.EndpointName} on ${call.input.EndpointConfigName}`;
    }
    else if (call.operation === 'UpdateEndpoint') {
        await sagemaker.send(new client_sagemaker_dist_cjs/* UpdateEndpointCommand */.sU7(call.input));
        what = `Updating endpoint ${call.input.EndpointName} to ${call.input.EndpointConfigName}`;
    }
    else if (call.operation === 'UpdateEndpointWeightsAndCapacities') {
        await sagemaker.send(new client_sagemaker_dist_cjs/* UpdateEndpointWeightsAndCapacitiesCommand */.GO9(call.input));
        what = describeCall(call);
    }
    else {
        throw new Error(`${call.operation} does not change an endpoint`);
    }
    ctx.out.info(withLink(what, consoleUrl(ctx.region, 'endpoints', call.input.EndpointName ?? '')));
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
        reject: request.reject,
        rolledBackFrom: request.rolledBackFrom
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
            const direction = directionOf(metric, data.directions);
            return direction ? [[metric, direction]] : [];
        })),
        candidate: versionJson(data, data.candidate),
        baseline: data.baseline
            ? { label: data.baseline.label, ...versionJson(data, data.baseline) }
            : null,
        history: historyWithCandidate(data).map(entry => ({
            version: entry.version,
            status: entry.status,
            metrics: finiteMetrics(entry.metrics)
        })),
        links: [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])],
        runUrl: data.runUrl,
        dryRun: data.dryRun,
        written: data.written,
        policySha256: data.policySha256,
        ...(data.live ? { live: liveJson(data.live) } : {})
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

;// CONCATENATED MODULE: ./build/src/registry/provenance.js



/** CustomerMetadataProperties keys written by `register`. */
const PROVENANCE_KEYS = {
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
 * The ClientToken for CreateModelPackage: a digest of the fingerprint and of the exact
 * request (`request`, everything but the token). SageMaker answers one token sent with
 * other parameters with a ConflictException, so a re-run that differs in anything (its
 * metrics, description, run link) gets its own token, while a retry of the same request
 * gets the same one. `retryAfter` (a failed version that carried the same fingerprint)
 * changes the token, so a retry is not answered with the failed package.
 */
function clientToken(fingerprint, request, retryAfter) {
    const parts = [fingerprint, JSON.stringify(request)];
    if (retryAfter !== undefined)
        parts.push(`retry-after:${retryAfter}`);
    return sha256Hex(parts.join('\n')).slice(0, CLIENT_TOKEN_LENGTH);
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
        ...entry(PROVENANCE_KEYS.pullRequest, run.pullRequest === undefined ? undefined : String(run.pullRequest)),
        ...entry(PROVENANCE_KEYS.ref, run.ref),
        ...entry(PROVENANCE_KEYS.actor, run.actor),
        ...entry(PROVENANCE_KEYS.runId, run.runId),
        ...entry(PROVENANCE_KEYS.runAttempt, run.runAttempt)
    ];
}
/** Customer metadata describing the model's origin; the fingerprint comes first. */
function sourceMetadata(facts) {
    return [
        [PROVENANCE_KEYS.fingerprint, facts.fingerprint],
        ...entry(PROVENANCE_KEYS.commit, facts.commit),
        ...entry(PROVENANCE_KEYS.modelData, facts.modelDataUrl),
        ...entry(PROVENANCE_KEYS.image, facts.imageUri),
        ...entry(PROVENANCE_KEYS.trainingJob, facts.trainingJobName),
        ...entry(PROVENANCE_KEYS.tuningJob, facts.tuningJobName)
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
            cell(dateTime(action.created), 40),
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
function auditTrailText(actions) {
    if (!actions || actions.length === 0)
        return [];
    return [
        '  audit trail:',
        ...actions.map(action => {
            const p = action.properties;
            const who = [
                p.actor && `by ${text_plain(p.actor, 100)}`,
                p.commit && `at ${shortSha(p.commit)}`,
                p['run-id'] && `run ${text_plain(p['run-id'], 40)}`
            ].filter(Boolean);
            const reason = p.reason ? `: ${text_plain(p.reason, 300)}` : '';
            return `    ${dateTime(action.created) ?? '—'}  ${text_plain(decisionLabel(action), 60)} ${who.join(' ')}${reason}`;
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
function oldestFirst(rows) {
    return [...rows].sort((a, b) => a.version - b.version);
}
/** Every metric name any row carries, sorted. */
function metricNames(rows) {
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
    const direction = directionOf(name, directions);
    // Headers break at every separator: a column is as wide as its widest word.
    return `${breakable(escapeCell(name, 128), 12)}${direction ? ` ${DIRECTION_MARK[direction]}` : ''}`;
}
function versionCell(row, options) {
    return options.group && options.region
        ? versionLink(options.group, options.region, Math.trunc(row.version))
        : `v${Math.trunc(row.version)}`;
}
/** Versions as rows: version (linked), status in words, short date, metrics with fixed decimals. */
function compareTable(rows, options = {}) {
    const metrics = options.metrics ?? [];
    const decimals = metrics.map(name => metricDecimals(rows.map(row => row.metrics[name])));
    const withYear = spansYears(rows.map(row => row.created));
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
        cell(statusWords(row.status), 50),
        cell(shortDate(row.created, withYear), 40),
        ...metrics.map((name, index) => fixed(row.metrics[name], decimals[index] ?? 0)),
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
    const withYear = spansYears(rows.map(row => row.created));
    const head = (row) => [
        versionCell(row, options),
        cell(statusWords(row.status), 50),
        cell(shortDate(row.created, withYear), 40)
    ].join('<br>');
    const body = metrics.map(name => {
        const decimals = metricDecimals(rows.map(row => row.metrics[name]));
        return [
            metricHead(name, options.directions),
            ...rows.map(row => fixed(row.metrics[name], decimals))
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
            direction: directionOf(metric, report.directions),
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
    const rows = oldestFirst(report.rows);
    const metrics = metricNames(rows);
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
    const rows = oldestFirst(report.rows);
    return {
        schema: 'sagemaker-model-gate/compare-report@1',
        group: report.group,
        region: report.region,
        metrics: metricNames(rows),
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
function jobStatus(status, secondary) {
    const main = statusWords(status);
    const detail = statusWords(secondary);
    return detail && detail !== main ? `${main ?? ''} (${detail})`.trim() : main;
}

;// CONCATENATED MODULE: ./build/src/report/text-views.js








function metricLabel(name, report) {
    const direction = directionOf(name, report.directions);
    return `${middleTruncate(text_plain(name, 200), 40)}${direction ? ` ${DIRECTION_MARK[direction]}` : ''}`;
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
        text_plain(statusWords(row.status) ?? '—', 40),
        (shortDate(row.created, withYear) ?? '—').replace(/\u00a0/g, ' '),
        ...metrics.map((name, index) => fixed(row.metrics[name], decimals[index] ?? 0)),
        text_plain(row.gateDecision ?? '—', 20),
        ...(audited ? [text_plain(row.lastDecision ?? '—', 30)] : [])
    ]);
    const aligns = [
        'right',
        'left',
        'left',
        ...metrics.map(() => 'right'),
        'left',
        'left'
    ];
    return terminal_alignTable([head.map(text => terminal_paint(text, 'bold', options)), ...body], aligns);
}
function metricRowsOnSide(rows, metrics, report, options) {
    const head = ['metric', ...rows.map(row => `v${row.version}`), 'trend'];
    const body = metrics.map(name => {
        const values = rows.map(row => row.metrics[name]);
        const decimals = metricDecimals(values);
        const trend = sparkline(values.map(value => value ?? Number.NaN));
        return [metricLabel(name, report), ...values.map(value => fixed(value, decimals)), trend];
    });
    body.push(['status', ...rows.map(row => text_plain(statusWords(row.status) ?? '—', 20)), '']);
    if (rows.some(row => row.lastDecision !== undefined))
        body.push(['last decision', ...rows.map(row => text_plain(row.lastDecision ?? '—', 30)), '']);
    const aligns = ['left', ...rows.map(() => 'right'), 'left'];
    return terminal_alignTable([head.map(text => terminal_paint(text, 'bold', options)), ...body], aligns);
}
/** The compare report for a terminal: metrics on their side when they outnumber versions. */
function renderCompareText(report, options = {}) {
    const rows = oldestFirst(report.rows);
    const metrics = metricNames(rows);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const range = first && last ? ` (v${first.version} to v${last.version})` : '';
    const lines = [
        terminal_paint(`Model versions compared: ${text_plain(report.group, 200)}${range}`, 'bold', options)
    ];
    if (rows.length === 0)
        return `${lines[0]}\n  The group has no versions to compare.\n`;
    lines.push(`  ${rows.length} versions · ${metrics.length} metrics from the registry · ${text_plain(report.region, 50)}`, '');
    const table = metrics.length > rows.length
        ? metricRowsOnSide(rows, metrics, report, options)
        : versionRows(rows, metrics, report, options);
    lines.push(...table.map(line => `  ${line}`));
    return lines.join('\n') + '\n';
}
function factLines(facts) {
    const kept = facts.filter((fact) => fact[1] !== undefined && fact[1] !== '');
    return terminal_alignTable(kept.map(([label, value]) => [`${label}:`, text_plain(value, 300)])).map(line => `  ${line}`);
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
        terminal_paint(`Lineage: ${text_plain(pkg.group ?? data.group, 200)} ${text_plain(label, 200)}`, 'bold', options),
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
        ...data.notes.map(note => `  note: ${text_plain(note)}`)
    ];
    return lines.join('\n') + '\n';
}
/** A deployment or rollback for a terminal; a failed one says the plan is not serving. */
function renderDeploymentText(report, options = {}) {
    const what = `${report.kind === 'rollback' ? 'Rollback' : 'Deployment'} to ${text_plain(report.endpointName, 200)}`;
    const outcome = {
        deployed: terminal_paint(`✓ ${what} done`, 'green', options),
        failed: terminal_paint(`✗ ${what} failed`, 'red', options),
        planned: `${what} planned (dry run)`
    }[report.outcome];
    const total = report.variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0);
    const title = { deployed: 'serving now', failed: 'planned, not serving', planned: 'would serve' }[report.outcome];
    const rows = report.variants.map(variant => [
        text_plain(variant.variantName, 100),
        `v${variant.version}`,
        total > 0 ? `${Number(((Math.max(variant.weight, 0) / total) * 100).toPrecision(3))}%` : '—'
    ]);
    return ([
        outcome,
        ...(report.message ? [`  ${text_plain(report.message, 2000)}`] : []),
        `  ${title}:`,
        ...terminal_alignTable(rows, ['left', 'right', 'right']).map(line => `    ${line}`),
        `  endpoint config now: ${text_plain(report.servingConfig ?? 'none', 200)}`
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
    if (publication.json) {
        const path = (0,external_node_path_.join)(ctx.workDir, publication.json.fileName);
        await (0,promises_.writeFile)(path, `${JSON.stringify(publication.json.data, null, 2)}\n`);
        ctx.out.setOutput('report-path', path);
    }
    const log = publication.log ?? [];
    if (ctx.out.present) {
        await ctx.out.present({
            markdown: publication.markdown,
            text: publication.text,
            data: publication.json?.data,
            log
        });
    }
    else {
        for (const line of log)
            ctx.out.info(line);
        await ctx.out.summary(publication.markdown);
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
        // Only a job summary makes this worth saying; the command line has printed the report.
        if (!ctx.out.present)
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
        const deleted = plan.action === 'create' &&
            verified?.EndpointStatus === 'Failed' &&
            (await deleteFailedEndpoint(ctx, name, waitTimeoutSeconds));
        // The outputs then name no endpoint this run made: it, and its config, are gone.
        if (deleted) {
            state.serving = '';
            state.created = false;
        }
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
            // The endpoint already serves the plan (maybe since a wait): at most its record is due,
            // or the rejection an earlier attempt of a rollback did not reach.
            const outcome = plan.calls.some(c => c.operation === 'AddTags')
                ? 'Already serving; its tags did not say so and now do.'
                : plan.calls.length
                    ? 'Already serving; the rejection an earlier attempt left is made.'
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
    const view = {
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
    };
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
    return {
        markdown: renderDeployment(view),
        text: (options) => renderDeploymentText(view, options),
        json: { fileName: reportFileName(settings.group, kind), data }
    };
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
        if (!request.within)
            setOutputs(ctx, state);
    }
}

;// CONCATENATED MODULE: ./build/src/abtest/promotion-plan.js

function decisionCall(decision) {
    const { packageArn, version, from, write } = decision;
    return {
        operation: 'UpdateModelPackage',
        resource: packageArn,
        text: `UpdateModelPackage v${version} (${packageArn}): ${from} -> ${write.status}, description "${write.approvalDescription}"`
    };
}
/** The name or ARN a deployment call carries, the same field the request is addressed by. */
function deploymentResource(call, endpointArn) {
    switch (call.operation) {
        case 'CreateModel':
        case 'DeleteModel':
            return call.input.ModelName ?? '';
        case 'CreateEndpointConfig':
        case 'DeleteEndpointConfig':
            return call.input.EndpointConfigName ?? '';
        case 'CreateEndpoint':
        case 'UpdateEndpoint':
        case 'UpdateEndpointWeightsAndCapacities':
            return call.input.EndpointName ?? '';
        case 'AddTags':
            return endpointArn;
        case 'UpdateModelPackage':
            return call.packageArn;
    }
}
/** Every call of the promotion, in the order the run makes them. */
function promotionCalls(plan) {
    const { deployment, endpointName, endpointArn, audit } = plan;
    const shift = { operation: 'UpdateEndpointWeightsAndCapacities', input: plan.shift };
    const action = audit.name || 'smg-ab-test-local-<named when recorded>';
    return [
        ...(plan.approve ? [decisionCall(plan.approve)] : []),
        {
            operation: shift.operation,
            resource: endpointName,
            text: describeCall(shift),
            then: `then wait until ${endpointName} is InService on the new weights`
        },
        ...deployment.calls.map(call => ({
            operation: call.operation,
            resource: deploymentResource(call, endpointArn),
            text: describeCall(call),
            ...(CHANGE_OPERATIONS.has(call.operation)
                ? {
                    then: `then wait until ${endpointName} is InService on ${deployment.endpointConfigName} and verify it serves it`
                }
                : {})
        })),
        decisionCall(plan.reject),
        {
            operation: 'CreateAction',
            resource: audit.name,
            text: `CreateAction ${action}: the audit record (type ab-test, decision ${audit.decision})`
        },
        ...audit.targets.map(target => ({
            operation: 'AddAssociation',
            resource: target,
            text: `AddAssociation ${action} -> ${target}`
        }))
    ];
}
/** The plan as a person reads it, numbered in the order of the run. */
function formatPromotion(plan, calls, summary) {
    const lines = [`Promotion plan for endpoint ${plan.endpointName} (${plan.region}): ${summary}`];
    calls.forEach((call, i) => {
        lines.push(`  ${i === 0 ? 'calls' : '     '}      ${i + 1}. ${call.text}`);
        if (call.then)
            lines.push(`                 ${call.then}`);
    });
    for (const note of plan.deployment.notes)
        lines.push(`  note       ${note}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/abtest/promote.js
// `on-verdict: promote`: the winner takes the endpoint. Everything is read and planned
// before the first write (promotion-plan.ts), and the plan is printed, in a dry run and
// before a real one alike. Then, in order, each step only once the one before it held: the
// winner is approved if it is still pending (a Rejected winner stops the promotion before
// any write: a rejection stands until a person approves); all traffic moves to it in place
// (UpdateEndpointWeightsAndCapacities, the loser's weight 0) so the loser stops answering at
// once; the endpoint gets a clean single-variant config through the deploy path (plan,
// verify, record, GitHub deployment); only when that deployment is verified is the loser
// rejected, with the test's evidence as the reason; and the run's audit action records
// what was approved and rejected, and why (src/registry/audit.ts).











/** How the promotion's decisions begin their ApprovalDescription: `Approved by the A/B test of <actor>: `. */
const BY_TEST = 'by the A/B test of';
/** The deploy settings of the promotion: the test's, with the endpoint's own data capture. */
function deploymentSettings(settings, live) {
    const { abTest, ...common } = settings;
    return {
        ...common,
        mode: 'deploy',
        deploy: {
            ...abTest.promote,
            dataCaptureS3Uri: live.dataCaptureS3Uri,
            dataCaptureSamplingPercentage: live.dataCaptureSamplingPercentage ?? 100
        }
    };
}
/** The decision the promotion writes on `pkg`, worded with who decided and the evidence. */
function decisionOn(ctx, pkg, status, evidence) {
    const arn = pkg.ModelPackageArn ?? '';
    const { write, dropped } = personDecision(ctx.github, {
        status,
        reason: evidence,
        describe: (actor, url) => fitDescription(`${status} ${BY_TEST} ${singleLine(actor)}: `, evidence, runSuffix(url)),
        existing: pkg.CustomerMetadataProperties
    });
    for (const entry of dropped)
        ctx.out.warning(`Not recorded in customer metadata: ${entry}`);
    const version = pkg.ModelPackageVersion ?? versions_versionFromArn(arn);
    return {
        packageArn: arn,
        version,
        from: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
        write
    };
}
/** True when an earlier attempt of this workflow run's promotion approved the version. */
function approvedByThisRun(ctx, pkg) {
    const url = runUrl(ctx.github);
    return (url !== '' &&
        pkg.ModelApprovalStatus === 'Approved' &&
        (pkg.ApprovalDescription ?? '').startsWith(`Approved ${BY_TEST} `) &&
        pkg.CustomerMetadataProperties?.[KEYS.decisionRun] ===
            sanitizeMetadataText(url, METADATA_MAX_VALUE));
}
/** The winner as the deployment will find it: Approved, with the metadata the approval writes. */
function promotedTarget(pkg, approve) {
    const metadata = { ...pkg.CustomerMetadataProperties };
    for (const key of approve?.write.remove ?? [])
        delete metadata[key];
    Object.assign(metadata, approve?.write.metadata);
    const arn = pkg.ModelPackageArn ?? '';
    return { arn, version: pkg.ModelPackageVersion ?? versions_versionFromArn(arn), weight: 1, metadata };
}
/** The endpoint as the traffic shift leaves it: the same config, all weight on the winner. */
function shiftedEndpoint(live, winnerVariant) {
    return {
        ...live,
        status: 'InService',
        variants: live.variants.map(v => ({ ...v, weight: v.variantName === winnerVariant ? 1 : 0 }))
    };
}
/** What the run's audit action says, for what was done so far. */
function promotionAudit(sides, evidence, live, done) {
    const { winner, loser } = sides;
    return {
        decision: done.failed ? 'failed' : 'promoted',
        reason: evidence,
        packages: [winner.packageArn, loser.packageArn],
        endpoint: { name: live.name, arn: live.arn },
        failed: done.failed !== undefined,
        properties: {
            verdict: 'winner',
            winner: winner.packageArn,
            loser: loser.packageArn,
            approved: done.approved ? winner.packageArn : undefined,
            rejected: done.rejected ? loser.packageArn : undefined,
            'endpoint-config': done.configName,
            failure: done.failed
        }
    };
}
/** A promotion that must not happen, found before any write: the report says why, the job fails. */
class PromotionRefused extends UserError {
}
/** Reads both versions and plans every call, the deployment on the endpoint as the shift leaves it. */
async function planPromotion(ctx, deployment, live, sides, evidence) {
    const sagemaker = ctx.aws.sagemaker;
    const [winner, loser] = await ctx.steps.run('reading the winner and the loser', () => Promise.all([
        describeVersion(sagemaker, sides.winner.packageArn),
        describeVersion(sagemaker, sides.loser.packageArn)
    ]));
    if (winner.ModelApprovalStatus === 'Rejected') {
        // A person's (or a gate's) rejection stands until a person approves: the test reports.
        throw new PromotionRefused(`The A/B test's winner v${sides.winner.version} (${sides.winner.packageArn}) is Rejected: the test does not overturn a rejection. Nothing was changed. To promote it, approve it with a reason (mode approve), then run the test again; the verdict above stands either way.`);
    }
    const approve = winner.ModelApprovalStatus === 'Approved'
        ? undefined
        : decisionOn(ctx, winner, 'Approved', evidence);
    const shifted = shiftedEndpoint(live, sides.winner.variantName);
    const request = {
        kind: 'deploy',
        targets: [promotedTarget(winner, approve)],
        live: shifted
    };
    const deploymentPlan = await ctx.steps.run('planning the deployment of the winner alone', () => makePlan(ctx, deployment, request, shifted));
    const approvedEarlier = approvedByThisRun(ctx, winner);
    const audit = promotionAudit(sides, evidence, live, {
        approved: approve !== undefined || approvedEarlier,
        rejected: true,
        configName: deploymentPlan.endpointConfigName
    });
    const plan = {
        endpointName: live.name,
        endpointArn: live.arn,
        region: deployment.region,
        approve,
        shift: {
            EndpointName: live.name,
            DesiredWeightsAndCapacities: [
                { VariantName: sides.winner.variantName, DesiredWeight: 1 },
                { VariantName: sides.loser.variantName, DesiredWeight: 0 }
            ]
        },
        deployment: deploymentPlan,
        reject: decisionOn(ctx, loser, 'Rejected', evidence),
        audit: {
            name: ctx.github.runId ? auditActionName('ab-test', ctx.github, audit) : '',
            decision: audit.decision,
            targets: [...audit.packages, live.arn]
        }
    };
    return { plan, winner, loser, approvedEarlier };
}
/** The real run of the plan, from the approval to the rejection, noting each write in `progress`. */
async function promote_carryOut(ctx, deployment, planned, progress) {
    const { plan, winner, loser } = planned;
    const { approve, reject } = plan;
    const name = plan.endpointName;
    const variant = plan.shift.DesiredWeightsAndCapacities?.[0]?.VariantName ?? '';
    if (approve) {
        const changed = `set v${approve.version} from ${approve.from} to Approved`;
        await recordDecision(ctx, winner, approve.write, changed);
        progress.approved = true;
    }
    await ctx.steps.run(`moving all traffic of ${name} to ${variant}`, async () => {
        await ctx.aws.sagemaker.send(new client_sagemaker_dist_cjs/* UpdateEndpointWeightsAndCapacitiesCommand */.GO9(plan.shift));
        await waiter_waitForEndpoint(ctx, name, {
            timeoutSeconds: deployment.deploy.waitTimeoutSeconds,
            purpose: 'to take the new weights'
        });
    });
    ctx.steps.changed(`moved all traffic of ${name} to ${variant} (v${plan.deployment.primary.version})`);
    const settled = await ctx.steps.run(`reading endpoint ${name}`, () => settledEndpoint(ctx, deployment.deploy, false));
    const target = await approvedTarget(ctx, plan.deployment.primary.packageArn, 1);
    const outcome = await runDeployment(ctx, deployment, {
        kind: 'deploy',
        targets: [target],
        live: settled,
        within: 'ab-test'
    });
    progress.configName = outcome.plan.endpointConfigName;
    if (!outcome.succeeded) {
        progress.failed = outcome.failed ?? 'The deployment of the winner did not take effect.';
        return;
    }
    const changed = `set v${reject.version} from ${reject.from} to Rejected`;
    await recordDecision(ctx, loser, reject.write, changed);
    progress.rejected = true;
}
/** Plans the promotion, prints the plan and, unless a dry run, carries it out. */
async function promoteWinner(ctx, settings, live, sides, evidence) {
    const { winner, loser } = sides;
    const deployment = deploymentSettings(settings, live);
    const planned = await planPromotion(ctx, deployment, live, sides, evidence);
    const { plan } = planned;
    const calls = promotionCalls(plan);
    const intent = `v${winner.version} takes all traffic, served alone; v${loser.version} is rejected.`;
    ctx.out.info(formatPromotion(plan, calls, intent));
    const progress = {
        approved: planned.approvedEarlier,
        rejected: false,
        configName: plan.deployment.endpointConfigName
    };
    const audit = () => promotionAudit(sides, evidence, live, progress);
    if (settings.dryRun) {
        for (const note of plan.deployment.notes)
            ctx.out.warning(note);
        ctx.out.info('Dry run: nothing was approved, moved, deployed, rejected or recorded.');
        return {
            summary: `Dry run: v${winner.version} would take all traffic, served alone; v${loser.version} would be rejected.`,
            calls,
            audit: promotionAudit(sides, evidence, live, {
                ...progress,
                approved: plan.approve !== undefined || progress.approved,
                rejected: true
            })
        };
    }
    const before = ctx.steps.changedSoFar.length;
    try {
        await promote_carryOut(ctx, deployment, planned, progress);
    }
    catch (error) {
        // Stopped after a write: the trail still says what this run did, as a failed promotion.
        if (ctx.steps.changedSoFar.length > before) {
            progress.failed = `Stopped: ${errors_errorMessage(error)}`;
            const scope = { mode: 'ab-test', dryRun: false, group: settings.group.name };
            await recordAudit(ctx, scope, audit());
        }
        throw error;
    }
    if (progress.failed) {
        return {
            summary: `v${winner.version} takes all traffic, but its single-variant deployment did not take effect; v${loser.version} was not rejected.`,
            failed: progress.failed,
            calls,
            audit: audit()
        };
    }
    return {
        summary: `v${winner.version} promoted: all traffic on ${live.name}, served alone; v${loser.version} rejected with the evidence.`,
        calls,
        audit: audit()
    };
}

;// CONCATENATED MODULE: ./build/src/report/ab-test.js






const ab_test_HEADLINE = {
    winner: '🏆',
    'no-difference': '🟰',
    inconclusive: '⏳'
};
function num(value) {
    if (value === null || value === undefined || !Number.isFinite(value))
        return '—';
    if (value !== 0 && Math.abs(value) < 1e-4)
        return value.toExponential(2);
    return Number(value.toFixed(4)).toString();
}
function ab_test_interval(ci) {
    return ci ? `[${num(ci[0])}, ${num(ci[1])}]` : '—';
}
function pValue(p) {
    if (p === null)
        return '—';
    return p < 1e-4 ? '< 0.0001' : p.toFixed(4);
}
function winnerOf(report) {
    const side = report.decision.winner;
    return side ? report[side] : undefined;
}
function title(report) {
    const { verdict } = report.decision;
    const winner = winnerOf(report);
    const what = verdict === 'winner' && winner
        ? `v${winner.version} (${winner.variantName}) wins`
        : verdict === 'no-difference'
            ? 'no difference'
            : 'inconclusive';
    return `A/B test on ${report.endpointName}: ${what}`;
}
function variantName(report, view) {
    return `${versionLink(report.group, report.region, view.version)} ${cell(view.variantName, 63)}`;
}
/** The metric table's header; `p` names the p-value column (short in a terminal). */
function ab_test_metricHead(report, p) {
    const { control, challenger } = report;
    return [
        'metric',
        `control v${control.version}`,
        `challenger v${challenger.version}`,
        'delta',
        'delta CI',
        p,
        'test'
    ];
}
/** A row per metric: its name and each variant's value as `cells` writes them, then the test. */
function ab_test_metricRows(report, cells) {
    return Object.entries(report.comparisons).map(([name, c]) => [
        ...cells(name, c),
        num(c.delta),
        ab_test_interval(c.ci),
        pValue(c.p_value),
        c.test
    ]);
}
function opsRows(report) {
    return OPS_NAMES.map(name => [
        name,
        num(report.control.ops[name]),
        num(report.challenger.ops[name])
    ]);
}
/** The promotion's plan, in the order the run makes its calls (or, in a dry run, would). */
function promotionCallsMarkdown(calls) {
    if (!calls || calls.length === 0)
        return [];
    return [
        '',
        `<details><summary>The promotion's plan: SageMaker calls in order (${calls.length})</summary>`,
        '',
        ...calls.map((call, index) => `${index + 1}. ${escape_escapeText(call.text, 2000)}`),
        '',
        '</details>'
    ];
}
/** The report as Markdown for the job summary and the pull request comment. */
function renderAbTest(report) {
    const { control, challenger, decision } = report;
    const endpoint = markdown_link(report.endpointName, consoleUrl(report.region, 'endpoints', report.endpointName));
    const lines = [
        `## ${ab_test_HEADLINE[decision.verdict]} ${escape_escapeText(title(report))}`,
        '',
        `Endpoint ${endpoint}, ${escape_escapeText(report.task)} task, requests from ${escape_escapeText(report.window.start)} to ${escape_escapeText(report.window.end)}, alpha ${report.alpha}. Control ${variantName(report, control)} (${Math.round(control.share * 100)}% of traffic, ${control.labelled} of ${control.captured} captured requests labelled); challenger ${variantName(report, challenger)} (${Math.round(challenger.share * 100)}%, ${challenger.labelled} of ${challenger.captured} labelled).`,
        '',
        ...decision.reasons.map(reason => `- ${escape_escapeText(reason)}`),
        ...(report.promotion ? ['', `**On verdict:** ${escape_escapeText(report.promotion)}`] : []),
        ...promotionCallsMarkdown(report.promotionCalls),
        '',
        `### Metrics (challenger − control, ${Math.round((1 - report.alpha) * 100)}% intervals)`,
        '',
        ...table(ab_test_metricHead(report, 'p-value'), [':--', '--:', '--:', '--:', '--:', '--:', ':--'], ab_test_metricRows(report, (name, c) => [
            `${cell(name, 60)}${name === decision.primaryMetric ? ' (primary)' : ''}`,
            `${num(c.control)} ${ab_test_interval(c.control_ci)}`,
            `${num(c.challenger)} ${ab_test_interval(c.challenger_ci)}`
        ])),
        '',
        '### Operations (CloudWatch; latency in ms)',
        '',
        ...table(['figure', `v${control.version}`, `v${challenger.version}`], [':--', '--:', '--:'], opsRows(report))
    ];
    const rules = [
        ...decision.rules.control.map(r => ['control', r]),
        ...decision.rules.challenger.map(r => ['challenger', r])
    ];
    if (rules.length > 0) {
        lines.push('', '### Limits', '', ...table(['variant', 'metric', 'rule', 'value', 'verdict'], [':--', ':--', ':--', '--:', ':--'], rules.map(([side, r]) => [
            `v${report[side].version}`,
            cell(r.metric, 60),
            escape_escapeText(r.rule),
            num(r.candidate),
            r.verdict
        ])));
    }
    if (report.runUrl)
        lines.push('', markdown_link('Workflow run', report.runUrl));
    return `${lines.join('\n')}\n`;
}
/** The report as plain text for a terminal. */
function renderAbTestText(report, options = {}) {
    const { decision, control, challenger } = report;
    const style = decision.verdict === 'winner'
        ? 'green'
        : decision.verdict === 'inconclusive'
            ? 'yellow'
            : 'bold';
    const head = ab_test_metricHead(report, 'p');
    const rows = ab_test_metricRows(report, (name, c) => [plain(name, 60), num(c.control), num(c.challenger)]);
    const ops = opsRows(report);
    return [
        paint(plain(title(report), 200), style, options),
        ...decision.reasons.map(reason => `  ${plain(reason)}`),
        ...(report.promotion ? [`  ${plain(report.promotion)}`] : []),
        ...(report.promotionCalls ?? []).map((call, i) => `    ${i + 1}. ${plain(call.text, 2000)}`),
        '',
        ...alignTable([head, ...rows], ['left', 'right', 'right', 'right', 'right', 'right']),
        '',
        ...alignTable([['figure', `v${control.version}`, `v${challenger.version}`], ...ops], ['left', 'right', 'right'])
    ].join('\n');
}
/** The summary of a re-run that found its workflow run's promotion done. */
function renderEarlierPromotion(view) {
    const endpoint = markdown_link(view.endpointName, consoleUrl(view.region, 'endpoints', view.endpointName));
    const [winner, loser] = [view.winner, view.loser].map(v => versionLink(view.group, view.region, v));
    return [
        `## ${ab_test_HEADLINE.winner} A/B test on ${endpoint}: ${winner} promoted over ${loser} by this workflow run`,
        '',
        escape_escapeText(view.found),
        '',
        `**Evidence:** ${escape_escapeText(view.evidence)}`,
        ''
    ].join('\n');
}
/** The report as data, for the JSON report file. */
function abTestJson(report) {
    const winner = winnerOf(report);
    return {
        mode: 'ab-test',
        endpointName: report.endpointName,
        region: report.region,
        window: report.window,
        task: report.task,
        alpha: report.alpha,
        verdict: report.decision.verdict,
        winner: winner ? { variantName: winner.variantName, packageArn: winner.packageArn } : null,
        primaryMetric: report.decision.primaryMetric,
        reasons: report.decision.reasons,
        estimate: report.decision.estimate ?? null,
        margin: report.decision.margin,
        variants: { control: report.control, challenger: report.challenger },
        comparisons: report.comparisons,
        limits: report.decision.rules,
        promotion: report.promotion
            ? { summary: report.promotion, calls: report.promotionCalls ?? [] }
            : null
    };
}

;// CONCATENATED MODULE: ./build/src/abtest/rerun.js








/** How many of the winner's newest audit actions are searched for this run's promotion. */
const SEARCHED = 10;
/** This workflow run's promotion of the version the endpoint serves alone, if it made one. */
async function earlierAction(ctx, live) {
    const run = ctx.github;
    const [only] = live.variants;
    const served = only?.packageArn;
    if (!run.runId || live.variants.length !== 1 || !served)
        return undefined;
    const deployedHere = live.tags[tags_TAGS.run] === tags_tagValue(runLabel(run)) && live.tags[tags_TAGS.packageArn] === served;
    if (!deployedHere)
        return undefined;
    const trail = await readAuditTrail(ctx.aws.sagemaker, served, SEARCHED);
    return trail
        .reverse()
        .find(action => action.type === 'ab-test' &&
        action.properties['run-id'] === run.runId &&
        action.properties.winner === served &&
        Boolean(action.properties.loser));
}
/**
 * On a re-run whose promotion took effect: says so, makes the rejection the earlier attempt
 * did not reach, and returns the audit entry of the whole promotion. Undefined otherwise.
 */
async function finishEarlierPromotion(ctx, settings, live) {
    const action = await ctx.steps.run(`reading this workflow run's audit trail`, () => earlierAction(ctx, live));
    if (!action)
        return undefined;
    const p = action.properties;
    const winner = p.winner ?? '';
    const loser = p.loser ?? '';
    const sides = {
        winner: {
            variantName: live.variants[0]?.variantName ?? '',
            packageArn: winner,
            version: versions_versionFromArn(winner)
        },
        loser: { variantName: '', packageArn: loser, version: versions_versionFromArn(loser) }
    };
    const evidence = p.reason ?? '';
    const left = p.rejected
        ? 'Nothing to do.'
        : `What is left: marking v${sides.loser.version} Rejected.`;
    const found = `Endpoint ${live.name} already serves v${sides.winner.version} alone: this workflow run (${runLabel(ctx.github)}) promoted it over v${sides.loser.version}. ${left}`;
    const view = { winner: sides.winner.version, loser: sides.loser.version, found, evidence };
    const { region, group } = settings;
    const where = { endpointName: live.name, region, group: group.nameOrArn };
    ctx.out.info(found);
    ctx.out.setOutput('verdict', p.verdict ?? 'winner');
    ctx.out.setOutput('winner-model-package-arn', winner);
    if (!p.rejected) {
        const pkg = await ctx.steps.run(`reading v${sides.loser.version}`, () => describeVersion(ctx.aws.sagemaker, loser));
        const reject = decisionOn(ctx, pkg, 'Rejected', evidence);
        const change = `set v${reject.version} from ${reject.from} to Rejected`;
        if (settings.dryRun)
            ctx.out.info(`Dry run: would ${change}.`);
        else
            await recordDecision(ctx, pkg, reject.write, change);
    }
    await publish(ctx, { markdown: renderEarlierPromotion({ ...where, ...view }) });
    return promotionAudit(sides, evidence, live, {
        approved: Boolean(p.approved),
        rejected: true,
        configName: p['endpoint-config'] ?? live.configName
    });
}

;// CONCATENATED MODULE: ./build/src/abtest/variants.js
// Which two variants an A/B test compares, read from what the endpoint serves: exactly two
// variants, each serving a version of the group; the older version is the control.



function testedVariants(live, group) {
    if (live.variants.length !== 2) {
        throw new UserError(`Endpoint ${live.name} serves ${live.variants.length} variant${live.variants.length === 1 ? '' : 's'} (${live.variants.map(v => v.variantName).join(', ')}); an A/B test compares exactly two. Deploy two versions side by side first, e.g. traffic: v1=50,v2=50.`);
    }
    const total = live.variants.reduce((sum, v) => sum + v.weight, 0) || 1;
    const tested = live.variants.map(v => {
        if (!v.packageArn) {
            throw new UserError(`Variant ${v.variantName} of endpoint ${live.name} serves a model that is not a registered version (model ${v.modelName ?? 'unknown'}); an A/B test decides between versions.`);
        }
        // SageMaker writes names lower-case inside ARNs, so compare without case.
        const groupName = parsePackageArn(v.packageArn)?.name ?? '';
        if (groupName.toLowerCase() !== group.name.toLowerCase()) {
            throw new UserError(`Variant ${v.variantName} of endpoint ${live.name} serves ${v.packageArn}, a version of another group than "${group.name}" (model-package-group).`);
        }
        return {
            variantName: v.variantName,
            packageArn: v.packageArn,
            version: versions_versionFromArn(v.packageArn),
            share: v.weight / total
        };
    });
    const [control, challenger] = tested.sort((a, b) => a.version - b.version);
    return { control, challenger };
}

;// CONCATENATED MODULE: ./build/src/modes/ab-test.js
// `ab-test`: decides a live A/B test between the two variants of an endpoint from the
// requests it captured, joined with ground truth, and its CloudWatch figures; with
// `on-verdict: promote`, a winner takes all traffic, alone, approved, and the loser is
// rejected with the evidence, as planned and printed first and recorded in the audit trail
// (src/abtest/promote.ts); a re-run of the workflow run finds that done (rerun.ts).









function view(role, side) {
    const { variantName, version, packageArn, share, captured, labelled, ops } = side;
    return { role, variantName, version, packageArn, share, captured, labelled, ops };
}
const runAbTest = async (ctx, settings) => {
    const { abTest, group } = settings;
    const name = abTest.endpointName;
    // Resolve: the endpoint, its two variants and where it captures requests.
    const live = await ctx.steps.run(`reading endpoint ${name}`, async () => {
        const description = await served_describeEndpoint(ctx.aws.sagemaker, name);
        return description ? served_readLiveEndpoint(ctx.aws.sagemaker, description) : undefined;
    });
    if (!live)
        throw new UserError(`Endpoint ${name} does not exist in ${settings.region}.`);
    // A re-run of a workflow run that promoted already finds one variant, and its promotion.
    if (abTest.onVerdict === 'promote' && live.variants.length === 1) {
        const audit = await finishEarlierPromotion(ctx, settings, live);
        if (audit)
            return { audit };
    }
    const sides = testedVariants(live, group);
    const captureUri = captureLocation(abTest, live.dataCaptureS3Uri);
    ctx.out.info(`A/B test on ${name}: control v${sides.control.version} (${sides.control.variantName}), challenger v${sides.challenger.version} (${sides.challenger.variantName}), last ${abTest.windowHours} h.`);
    // Read and decide.
    const evaluation = await evaluateAbTest(ctx, abTest, sides, captureUri);
    const report = {
        endpointName: name,
        region: settings.region,
        group: group.nameOrArn,
        window: {
            start: evaluation.window.start.toISOString(),
            end: evaluation.window.end.toISOString()
        },
        task: abTest.task,
        alpha: abTest.alpha,
        control: view('control', evaluation.control),
        challenger: view('challenger', evaluation.challenger),
        comparisons: evaluation.comparisons,
        decision: evaluation.decision,
        runUrl: runUrl(ctx.github) || undefined
    };
    const winner = winnerOf(report);
    ctx.out.info(`Verdict: ${evaluation.decision.verdict}. ${evaluation.decision.reasons.join(' ')}`);
    ctx.out.setOutput('verdict', evaluation.decision.verdict);
    ctx.out.setOutput('winner-model-package-arn', winner?.packageArn ?? '');
    // Write: only a winner, only when asked to; the promotion is the run's audited decision.
    let outcome = {};
    if (winner && abTest.onVerdict === 'promote') {
        const loser = winner.role === 'control' ? report.challenger : report.control;
        const evidence = `A/B test on endpoint ${name}: v${winner.version} wins over v${loser.version}. ${evaluation.decision.reasons.join(' ')}`;
        const promoted = await promoteWinner(ctx, settings, live, { winner, loser }, evidence).catch((error) => {
            if (!(error instanceof PromotionRefused))
                throw error;
            return { refused: error.message };
        });
        if ('refused' in promoted) {
            report.promotion = promoted.refused;
            outcome = { failed: promoted.refused };
        }
        else {
            report.promotion = promoted.summary;
            report.promotionCalls = promoted.calls;
            outcome = promoted.failed
                ? { failed: promoted.failed, audit: promoted.audit }
                : { audit: promoted.audit };
        }
    }
    else if (abTest.onVerdict === 'promote') {
        report.promotion = `Nothing promoted: the verdict is ${evaluation.decision.verdict}.`;
    }
    // Publish.
    await ctx.steps.run('writing the report', () => publish(ctx, {
        markdown: renderAbTest(report),
        json: { fileName: reportFileName(group, 'ab-test'), data: abTestJson(report) },
        comment: { group, enabled: settings.comment }
    }));
    return outcome;
};

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
    [PROVENANCE_KEYS.commit, 'commit'],
    [PROVENANCE_KEYS.pullRequest, 'pull request'],
    [PROVENANCE_KEYS.actor, 'actor'],
    [PROVENANCE_KEYS.trainingJob, 'training job'],
    [PROVENANCE_KEYS.tuningJob, 'tuning job'],
    [PROVENANCE_KEYS.modelData, 'model data'],
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
/**
 * A candidate or baseline of the gate's report: the metrics the gate read for it with their
 * standard deviations, and what it was built from (hyperparameters, training data, image).
 */
function versionReport(pkg, side) {
    const deviations = side.metrics.standardDeviations;
    return {
        version: pkg.ModelPackageVersion,
        arn: pkg.ModelPackageArn,
        status: pkg.ModelApprovalStatus,
        description: pkg.ModelPackageDescription,
        metrics: side.metrics.metrics,
        ...(Object.keys(deviations).length > 0 ? { standardDeviations: { ...deviations } } : {}),
        provenance: provenanceOf(pkg),
        creationTime: pkg.CreationTime,
        ...buildFacts(side.lineage)
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
        text: options => renderCompareText(report, options),
        log: [
            rows.length === 0
                ? `Group "${group.name}" has no versions to compare.`
                : `Compared ${rows.length} versions of "${group.name}": ${oldestFirst(rows)
                    .map(row => `v${row.version}`)
                    .join(', ')}`
        ],
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
        `| previous status | ${escapeCell(statusWords(view.previous) ?? view.previous)} |`,
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
    return fitDescription(head, reason, runSuffix(url));
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
    const forced = verdict === 'Approved' && failedGate;
    const { write, dropped, actor, url } = personDecision(ctx.github, {
        status: verdict,
        reason: decision.reason,
        describe: (who, link) => decisionDescription(verdict, who, decision.reason, link, forced),
        existing: pkg.CustomerMetadataProperties,
        lifecycle: decision.modelLifecycleStage
            ? { stage: decision.modelLifecycleStage, stageStatus: verdict, description: decision.reason }
            : undefined
    });
    for (const reason of dropped)
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
/**
 * The package this workflow run's rollback replaced, when the endpoint still serves, alone,
 * what that rollback put there: an earlier attempt of the run (GitHub's "Re-run jobs")
 * made the rollback, and doing it again would go one version further back. A command run
 * outside GitHub Actions is no workflow run, and a deploy records no rollback.
 */
function earlierRollback(live, current, run) {
    const from = live.tags[tags_TAGS.rolledBackFrom];
    if (!run.runId || !from || !current || from === current || live.variants.length !== 1)
        return undefined;
    const ours = live.tags[tags_TAGS.run] === tags_tagValue(runLabel(run));
    return ours && live.tags[tags_TAGS.packageArn] === current ? from : undefined;
}
/** The version a rollback goes back to, and what chose it. */
async function resolveRollbackTarget(ctx, settings, live, current) {
    const { deploy, group } = settings;
    const rolledBackFrom = earlierRollback(live, current, ctx.github);
    if (deploy.modelPackage) {
        const arn = await resolvePackageArn(ctx.aws.sagemaker, group, deploy.modelPackage);
        const source = 'input "model-package"';
        return arn === current && rolledBackFrom ? { arn, source, rolledBackFrom } : { arn, source };
    }
    if (current && rolledBackFrom)
        return { arn: current, source: 'this workflow run rolled back to it', rolledBackFrom };
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
    const { write } = personDecision(ctx.github, {
        status: 'Rejected',
        reason,
        describe: (actor, url) => fitDescription(`Rejected on rollback of endpoint ${endpointName} by ${singleLine(actor)}${url ? ` in ${singleLine(url)}` : ''}: `, reason),
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

;// CONCATENATED MODULE: ./build/src/cleanup.js
// Temporary SageMaker resources (the models, endpoint configs, endpoints and transform jobs
// of a live evaluation) are recorded in the step's state before they are created, so the
// `post` step can delete them when the job was cancelled or crashed before the run's own
// `finally` ran.
//
// The state value (name TEMPORARY_STATE) is a JSON array, rewritten whole on every change:
//   [{"kind": "model" | "endpoint-config" | "endpoint" | "transform-job",
//     "name": "...", "region"?: "us-east-1"}, ...]



const TEMPORARY_STATE = 'temporary-resources';
const TEMPORARY_KINDS = ['transform-job', 'endpoint', 'endpoint-config', 'model'];
function parseTemporaryState(raw) {
    if (!raw.trim())
        return [];
    const parsed = JSON.parse(raw);
    if (!Array.isArray(parsed))
        return [];
    return parsed.filter((item) => typeof item === 'object' &&
        item !== null &&
        TEMPORARY_KINDS.includes(item.kind) &&
        typeof item.name === 'string' &&
        ['string', 'undefined'].includes(typeof item.region));
}
/** The state value for a list of resources: what parseTemporaryState reads back. */
function temporaryStateValue(resources) {
    return JSON.stringify(resources.map(({ kind, name, region }) => (region ? { kind, name, region } : { kind, name })));
}
/** The AWS CLI command that removes a resource by hand, printed when we could not. */
function cleanupCommand(resource) {
    const region = resource.region ? ` --region ${resource.region}` : '';
    const command = {
        'transform-job': `stop-transform-job --transform-job-name`,
        endpoint: 'delete-endpoint --endpoint-name',
        'endpoint-config': 'delete-endpoint-config --endpoint-config-name',
        model: 'delete-model --model-name'
    }[resource.kind];
    return `aws sagemaker ${command} ${resource.name}${region}`;
}
/** Endpoint states SageMaker refuses DeleteEndpoint in ("Cannot delete in-progress endpoint"). */
const BUSY_ENDPOINT = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack']);
/**
 * Whether the resource still needs work, after waiting for a busy endpoint to settle:
 * false when it is gone (or a transform job has already finished).
 */
async function settle(sagemaker, resource, options) {
    if (resource.kind === 'transform-job') {
        const job = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeTransformJobCommand */.E9g({ TransformJobName: resource.name }));
        return job?.TransformJobStatus === 'InProgress';
    }
    if (resource.kind !== 'endpoint')
        return true;
    const deadline = options.now().getTime() + (options.waitSeconds ?? 900) * 1000;
    for (let look = 0;; look++) {
        const endpoint = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: resource.name }));
        const status = endpoint?.EndpointStatus ?? '';
        if (status === 'Deleting')
            return false;
        if (!BUSY_ENDPOINT.has(status))
            return true;
        const left = deadline - options.now().getTime();
        if (left <= 0) {
            throw new Error(`it is still ${status} after ${options.waitSeconds ?? 900} s, and SageMaker deletes an endpoint only once it settles`);
        }
        await options.sleep(Math.min(pollPause(look, options.pollSeconds ?? 10), left));
    }
}
/**
 * The pause before look `look + 1` at something busy, in ms: 1 s, then doubling, up to
 * `pollSeconds`. A resource that settles at once is seen at once; a slow one is not polled
 * more often than every `pollSeconds`.
 */
function pollPause(look, pollSeconds) {
    return Math.min(1000 * 2 ** look, pollSeconds * 1000);
}
async function cleanup_remove(sagemaker, resource) {
    if (resource.kind === 'transform-job')
        await sagemaker.send(new client_sagemaker_dist_cjs/* StopTransformJobCommand */.Heu({ TransformJobName: resource.name }));
    else if (resource.kind === 'endpoint')
        await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteEndpointCommand */.oPO({ EndpointName: resource.name }));
    else if (resource.kind === 'endpoint-config')
        await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteEndpointConfigCommand */.WLA({ EndpointConfigName: resource.name }));
    else
        await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelCommand */.em({ ModelName: resource.name }));
}
const NO_WAIT = {
    sleep: () => Promise.resolve(),
    now: () => new Date(),
    waitSeconds: 0
};
/**
 * Stops transform jobs, then deletes endpoints, then their configs, then models, so
 * nothing is removed from under a resource that still uses it. An endpoint still being
 * created is waited for (SageMaker refuses to delete it before it settles). Returns a
 * warning, with the command that finishes the job by hand, per resource that could not be
 * removed; a resource already gone (or a job already finished) counts as removed.
 */
async function deleteTemporaryResources(sagemaker, resources, options = NO_WAIT) {
    const order = (kind) => TEMPORARY_KINDS.indexOf(kind);
    const sorted = [...resources].sort((a, b) => order(a.kind) - order(b.kind));
    const deleted = [];
    const warnings = [];
    for (const resource of sorted) {
        try {
            if (await settle(sagemaker, resource, options))
                await cleanup_remove(sagemaker, resource);
            deleted.push(resource);
        }
        catch (error) {
            if (isNotFound(error))
                deleted.push(resource);
            else {
                const what = resource.kind === 'transform-job' ? 'stop' : 'delete';
                warnings.push(`Could not ${what} temporary ${resource.kind} "${resource.name}": ${errors_errorMessage(error)}. Run: ${cleanupCommand(resource)}`);
            }
        }
    }
    return { deleted, warnings };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/batches.js
/** InvokeEndpoint's Body: "Maximum length of 6291456" (API reference). */
const INSTANCE_PAYLOAD_BYTES = 6291456;
/** "The maximum request and response payload size for serverless invocations is 4 MB." */
const SERVERLESS_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** Rows per request by default: big enough to amortise a request, small enough for any model. */
const DEFAULT_ROWS_PER_REQUEST = 1000;
function start(block, i) {
    return i === 0 ? 0 : block.ends[i - 1];
}
/**
 * Packs rows, in order, into request batches. A row larger than `maxBytes` on its own is
 * refused (the data check refuses it earlier, with its line).
 */
async function* packRequests(blocks, limits) {
    if (!(limits.maxBytes > 0 && limits.maxRows >= 1))
        throw new RangeError(`bad request limits: ${JSON.stringify(limits)}`);
    let index = 0;
    let runs = [];
    let rows = 0;
    let bytes = 0;
    const take = () => {
        const batch = {
            index: index++,
            rows,
            lines: new Float64Array(rows),
            labels: new Float64Array(rows),
            body: new Uint8Array(bytes)
        };
        let row = 0;
        let at = 0;
        for (const { block, from, to } of runs) {
            batch.lines.set(block.lines.subarray(from, to), row);
            batch.labels.set(block.labels.subarray(from, to), row);
            row += to - from;
            const piece = block.features.subarray(start(block, from), start(block, to));
            batch.body.set(piece, at);
            at += piece.length;
        }
        runs = [];
        rows = 0;
        bytes = 0;
        return batch;
    };
    for await (const block of blocks) {
        let run = { block, from: 0, to: 0 };
        for (let i = 0; i < block.rows; i++) {
            const size = block.ends[i] - start(block, i);
            if (size > limits.maxBytes)
                throw new RangeError(`line ${block.lines[i]}: a row of ${size} bytes cannot fit a request of ${limits.maxBytes} bytes`);
            if (rows > 0 && (bytes + size > limits.maxBytes || rows >= limits.maxRows)) {
                if (run.to > run.from)
                    runs.push(run);
                yield take();
                run = { block, from: i, to: i };
            }
            run.to = i + 1;
            rows++;
            bytes += size;
        }
        if (run.to > run.from)
            runs.push(run);
    }
    if (rows > 0)
        yield take();
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/data.js
// Validation data for live evaluation: CSV rows of a label and the model's features. A row
// goes to the model without its label column, byte for byte as the rest of its line was
// written (feature values need not be numbers: a model may take categories), and the
// label is checked for the task. The same reader serves the check that runs before any AWS
// resource exists, the rows sent to an endpoint, and the label-first copy a transform job
// reads.
//
// The format, as the metrics engine reads CSV (csv.ts), with two differences that come
// from features: only the label must be a number, and so the first line is a header (with
// `header: 'auto'`) when its label field is not a number. Fields are separated by commas
// (what a `text/csv` model reads), lines by `\n` or `\r\n`; blank lines are skipped; a
// UTF-8 byte-order mark is dropped; a field may be double-quoted but may not span lines;
// every line has as many fields as the first.
//
// Rows are cut from the bytes as they arrive, without a string per line: a request's body
// is the rows' bytes copied back to back, so reading costs little beside the network.





const data_COMMA = 44;
/** The longest line accepted: far beyond any row of features a model takes. */
const data_LINE_LIMIT = { maxBytes: 64 << 20 };
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const decoder = new TextDecoder();
const data_encoder = new TextEncoder();
/** The finite number a field's text holds (quotes and blanks around it allowed), or undefined. */
function labelNumber(text) {
    const bare = unquote(text);
    if (!DECIMAL.test(bare))
        return undefined;
    const value = Number(bare);
    return Number.isFinite(value) ? value + 0 : undefined;
}
function unquote(text) {
    const trimmed = text.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
        ? trimmed.slice(1, -1).replaceAll('""', '"').trim()
        : trimmed;
}
/**
 * Where each field of a line starts and ends (`ends[i]` is the delimiter after field i, or
 * the line's length). Quoted fields may hold commas; a quote left open returns undefined.
 */
function fieldSpans(line) {
    const starts = [];
    const ends = [];
    let i = 0;
    for (;;) {
        starts.push(i);
        let j = i;
        while (line[j] === ' ' || line[j] === '\t')
            j++;
        if (line[j] === '"') {
            j++;
            for (;;) {
                if (j >= line.length)
                    return undefined;
                if (line[j] === '"' && line[j + 1] === '"')
                    j += 2;
                else if (line[j] === '"')
                    break;
                else
                    j++;
            }
            j++;
        }
        const comma = line.indexOf(',', j);
        ends.push(comma < 0 ? line.length : comma);
        if (comma < 0)
            return { starts, ends };
        i = comma + 1;
    }
}
/** A block being filled: rows' features appended to a buffer that grows by doubling. */
class BlockBuilder {
    capacity;
    rows = 0;
    lines;
    labels;
    ends;
    bytes;
    used = 0;
    constructor(capacity) {
        this.capacity = capacity;
        this.lines = new Float64Array(capacity);
        this.labels = new Float64Array(capacity);
        this.ends = new Uint32Array(capacity);
        this.bytes = new Uint8Array(64 * 1024);
    }
    reserve(size) {
        if (this.used + size <= this.bytes.length)
            return;
        let length = this.bytes.length * 2;
        while (length < this.used + size)
            length *= 2;
        const grown = new Uint8Array(length);
        grown.set(this.bytes.subarray(0, this.used));
        this.bytes = grown;
    }
    /** Appends a row: its features from up to two byte ranges, then a line feed. */
    add(line, label, source, from, to, from2 = 0, to2 = 0) {
        const size = to - from + (to2 - from2);
        this.reserve(size + 1);
        this.bytes.set(source.subarray(from, to), this.used);
        this.used += to - from;
        if (to2 > from2) {
            this.bytes.set(source.subarray(from2, to2), this.used);
            this.used += to2 - from2;
        }
        this.bytes[this.used++] = LF;
        const i = this.rows++;
        this.lines[i] = line;
        this.labels[i] = label;
        this.ends[i] = this.used;
    }
    take() {
        return {
            rows: this.rows,
            lines: this.lines,
            labels: this.labels,
            features: this.bytes.subarray(0, this.used),
            ends: this.ends
        };
    }
}
/** Reads live validation data a block of rows at a time. */
class LiveDataReader {
    spec;
    blockRows;
    layout;
    /** Data rows read so far. */
    rows = 0;
    /** Multiclass: the largest label seen. */
    largestLabel = -1;
    /** The most bytes one row's features and line feed take. */
    largestRow = 0;
    line = 0;
    block;
    constructor(spec, blockRows = 4096) {
        this.spec = spec;
        this.blockRows = blockRows;
        this.block = new BlockBuilder(blockRows);
    }
    /** The rows of a byte stream, in order; throws a DataError naming the first bad line. */
    async *blocks(chunks) {
        const regions = lineRegions(chunks, this.spec.source, data_LINE_LIMIT, () => this.line + 1);
        for await (const r of regions)
            yield* this.region(r.bytes, r.start, r.end);
        if (this.block.rows > 0)
            yield this.flush();
        assertHasRows(this.spec.source, this);
    }
    flush() {
        const block = this.block.take();
        this.block = new BlockBuilder(this.blockRows);
        return block;
    }
    /** Complete lines in bytes[start, end): `end - 1` is a line feed. */
    *region(bytes, start, end) {
        let pos = start;
        // The next quote in the region, looked up again only once passed: one scan, not one a line.
        let quote = bytes.indexOf(QUOTE, pos);
        while (pos < end) {
            const newline = bytes.indexOf(LF, pos);
            let stop = newline;
            if (stop > pos && bytes[stop - 1] === CR)
                stop--;
            if (quote >= 0 && quote < pos)
                quote = bytes.indexOf(QUOTE, pos);
            this.takeLine(bytes, pos, stop, quote >= 0 && quote < stop);
            pos = newline + 1;
            if (this.block.rows === this.blockRows)
                yield this.flush();
        }
    }
    fail(problem, column) {
        const index = column ?? this.layout?.label.index;
        throw new DataError(this.spec.source, problem, {
            line: this.line,
            column: index,
            columnName: index === undefined ? undefined : this.layout?.header?.[index],
            role: index === this.layout?.label.index ? 'label' : undefined
        });
    }
    takeLine(bytes, start, end, quoted) {
        this.line++;
        let s = start;
        if (this.line === 1 && BOM.every((byte, i) => bytes[s + i] === byte))
            s += 3;
        let first = s;
        while (first < end && (bytes[first] === SPACE || bytes[first] === TAB))
            first++;
        if (first === end)
            return;
        if (this.layout === undefined && this.firstLine(decoder.decode(bytes.subarray(s, end))))
            return;
        if (quoted)
            this.takeQuoted(decoder.decode(bytes.subarray(s, end)));
        else
            this.takePlain(bytes, s, end);
    }
    /** A line without quotes: fields are what lies between commas. */
    takePlain(bytes, start, end) {
        const { fieldCount, label } = this.layout;
        const k = label.index;
        let field = 0;
        let pos = start;
        let labelStart = start;
        let labelEnd = end;
        for (;;) {
            let comma = bytes.indexOf(data_COMMA, pos);
            if (comma >= end)
                comma = -1;
            if (field === k) {
                labelStart = pos;
                labelEnd = comma < 0 ? end : comma;
            }
            if (comma < 0)
                break;
            field++;
            pos = comma + 1;
        }
        this.checkFields(field + 1);
        let a = labelStart;
        let b = labelEnd;
        while (a < b && (bytes[a] === SPACE || bytes[a] === TAB))
            a++;
        while (b > a && (bytes[b - 1] === SPACE || bytes[b - 1] === TAB))
            b--;
        if (a === b)
            this.fail('the label is empty.');
        const value = parseDecimal(bytes, a, b);
        if (decimalEnd !== b || !Number.isFinite(value))
            this.fail(`${showValue(decoder.decode(bytes.subarray(a, b)))} is not a finite number.`);
        const labelValue = value + 0;
        this.checkLabel(labelValue);
        if (k === 0)
            this.add(labelValue, bytes, labelEnd + 1, end);
        else if (k === fieldCount - 1)
            this.add(labelValue, bytes, start, labelStart - 1);
        else
            this.add(labelValue, bytes, start, labelStart, labelEnd + 1, end);
    }
    /** A line with quotes: split honouring them (rare in feature data, so done on text). */
    takeQuoted(line) {
        const spans = fieldSpans(line);
        if (!spans)
            this.fail('a quoted field runs past the end of the line; quoted line breaks are not supported.');
        this.checkFields(spans.starts.length);
        const { fieldCount, label } = this.layout;
        const k = label.index;
        const text = line.slice(spans.starts[k], spans.ends[k]);
        const value = labelNumber(text);
        if (value === undefined) {
            const shown = text.trim();
            this.fail(shown === '' ? 'the label is empty.' : `${showValue(shown)} is not a finite number.`);
        }
        this.checkLabel(value);
        const features = k === fieldCount - 1
            ? line.slice(0, spans.starts[k] - 1)
            : line.slice(0, spans.starts[k]) + line.slice(spans.ends[k] + 1);
        const bytes = data_encoder.encode(features);
        this.add(value, bytes, 0, bytes.length);
    }
    checkFields(count) {
        const expected = this.layout.fieldCount;
        if (count !== expected)
            this.fail(`the line has ${count} field${count === 1 ? '' : 's'}; the first line has ${expected}, and every row must give the model the same columns.`);
    }
    add(label, bytes, from, to, from2 = 0, to2 = 0) {
        const size = to - from + (to2 - from2) + 1;
        if (size > this.largestRow)
            this.largestRow = size;
        if (this.spec.maxRowBytes !== undefined && size > this.spec.maxRowBytes)
            this.fail(`the row's features take ${size} bytes, more than ${this.spec.maxRowBytesReason ?? `the limit of ${this.spec.maxRowBytes} bytes`}.`);
        this.block.add(this.line, label, bytes, from, to, from2, to2);
        this.rows++;
    }
    /** Reads the layout from the first non-blank line; true when that line is a header. */
    firstLine(line) {
        const spans = fieldSpans(line);
        if (!spans)
            throw new DataError(this.spec.source, 'a quoted field runs past the end of the line; quoted line breaks are not supported.', { line: this.line });
        const fields = spans.starts.map((start, i) => unquote(line.slice(start, spans.ends[i])));
        const fieldCount = fields.length;
        const ref = this.spec.label ?? 0;
        const mode = this.spec.header ?? 'auto';
        let isHeader;
        if (mode !== 'auto')
            isHeader = mode;
        else if (typeof ref === 'string')
            isHeader = true;
        else
            isHeader = ref < fieldCount && labelNumber(fields[ref]) === undefined;
        const header = isHeader ? fields : undefined;
        const label = resolveColumn(ref, { header, fieldCount }, 'label', this.spec.source);
        this.layout = { header, fieldCount, label: { index: label.index, name: header?.[label.index] } };
        if (fieldCount < 2) {
            throw new DataError(this.spec.source, 'the first line has only one column, the label: the model needs feature columns beside it.');
        }
        return isHeader;
    }
    checkLabel(label) {
        const task = this.spec.task;
        if (task === 'binary') {
            if (label !== 0 && label !== 1)
                this.fail(`the label ${label} is not 0 or 1 (binary labels are 0 and 1).`);
        }
        else if (task === 'multiclass') {
            if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES)
                this.fail(`the label ${label} is not a class: classes are whole numbers from 0 to ${MAX_CLASSES - 1}.`);
            if (label > this.largestLabel)
                this.largestLabel = label;
        }
    }
}
/** Row i's features, line feed included, as a view of the block. */
function rowFeatures(block, i) {
    return block.features.subarray(i === 0 ? 0 : block.ends[i - 1], block.ends[i]);
}
/**
 * Reads the whole data once and checks every row (the label parses and fits the task,
 * every line has the first line's fields, no row is above `maxRowBytes`, at least one
 * row): the pass that runs before any AWS resource exists. Keeps the rows when their
 * features take at most `keepBytes`.
 */
async function checkLiveData(chunks, spec, keepBytes = 0) {
    const reader = new LiveDataReader(spec, 65536);
    let kept = keepBytes > 0 ? [] : undefined;
    let bytes = 0;
    for await (const block of reader.blocks(chunks)) {
        bytes += block.features.length;
        if (bytes > keepBytes)
            kept = undefined;
        kept?.push(block);
    }
    return {
        rows: reader.rows,
        layout: reader.layout,
        largestLabel: reader.largestLabel,
        largestRow: reader.largestRow,
        blocks: kept
    };
}
/** Whether a transform job can read the data as it is: no header, the label first. */
function isLabelFirst(layout) {
    return layout.header === undefined && layout.label.index === 0;
}
/**
 * The data rewritten label first, without a header: what a transform job's InputFilter
 * `$[1:]` expects. The label is written as the shortest decimal that reads back as the same
 * number (so `1.50` becomes `1.5`); the features as they were.
 */
async function* labelFirstCopy(chunks, spec) {
    const reader = new LiveDataReader(spec);
    for await (const block of reader.blocks(chunks)) {
        const labels = Array.from(block.labels.subarray(0, block.rows), label => `${label},`);
        const prefix = data_encoder.encode(labels.join(''));
        const out = new Uint8Array(prefix.length + block.features.length);
        let at = 0;
        let from = 0;
        for (let i = 0; i < block.rows; i++) {
            const text = labels[i];
            out.set(prefix.subarray(from, from + text.length), at);
            at += text.length;
            from += text.length;
            const features = rowFeatures(block, i);
            out.set(features, at);
            at += features.length;
        }
        yield out;
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./build/src/evaluation/live/answers.js
// What a model answers for a batch of rows, read as predictions. `parsePredictions` knows
// the common response shapes; a model whose answer holds more than the prediction (an id
// and a score, a label and a probability) needs `predictionColumn` to say which value is
// the prediction: an index into each CSV line or JSON array, or a field of a JSON object.



function answers_show(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
function isJsonType(type) {
    return /json/i.test(type);
}
function pick(value, ref, source, record) {
    if (typeof ref === 'number') {
        if (Array.isArray(value) && ref < value.length)
            return value[ref];
        throw new DataError(source, `prediction ${record} is ${answers_show(value)}: it has no value at index ${ref} (prediction-column).`);
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && ref in value)
        return value[ref];
    throw new DataError(source, `prediction ${record} is ${answers_show(value)}: it has no field ${JSON.stringify(ref)} (prediction-column).`);
}
/** The chosen value of each record, as a JSON lines body. */
function selected(text, contentType, ref, source) {
    const nonBlank = text.split('\n').filter(line => line.trim() !== '');
    const json = isJsonType(contentType) || /^\s*[[{]/.test(text);
    let records;
    if (!json) {
        if (typeof ref === 'string')
            throw new DataError(source, `the answer is CSV, which has no field names: prediction-column ${JSON.stringify(ref)} must be a 0-based index.`);
        records = nonBlank.map(line => line.split(',').map(field => field.trim()));
    }
    else if (/jsonl|jsonlines/i.test(contentType) || nonBlank.length > 1) {
        records = nonBlank.map((line, i) => parseJson(line, source, i + 1));
    }
    else {
        const document = parseJson(text, source);
        const list = typeof document === 'object' && document !== null && !Array.isArray(document)
            ? (document.predictions ?? [document])
            : document;
        records = Array.isArray(list) ? list : [list];
    }
    return records.map((record, i) => JSON.stringify(pick(record, ref, source, i + 1))).join('\n');
}
const answers_LF = 10;
const answers_CR = 13;
const answers_SPACE = 32;
const answers_TAB = 9;
/**
 * The common answer read straight from its bytes: CSV with one number a line, exactly
 * `rows` of them (and for multiclass, classes). Anything else is left to parsePredictions
 * (undefined), which reads every shape and words every error; both give the same numbers.
 * One pass: each number is parsed where its line starts, then only blanks and a line feed
 * may follow it (no search for the line's end first).
 */
function plainCsv(bytes, rows, task) {
    const values = new Float64Array(rows);
    const end = bytes.length;
    let count = 0;
    let pos = 0;
    while (pos < end) {
        while (pos < end && (bytes[pos] === answers_SPACE || bytes[pos] === answers_TAB))
            pos++;
        if (pos < end && bytes[pos] !== answers_LF && bytes[pos] !== answers_CR) {
            if (count === rows)
                return undefined;
            const value = parseDecimal(bytes, pos, end);
            if (!Number.isFinite(value))
                return undefined;
            if (task === 'multiclass' && !(Number.isInteger(value) && value >= 0))
                return undefined;
            values[count++] = value;
            pos = decimalEnd;
        }
        while (pos < end && (bytes[pos] === answers_SPACE || bytes[pos] === answers_TAB || bytes[pos] === answers_CR))
            pos++;
        if (pos < end && bytes[pos++] !== answers_LF)
            return undefined;
    }
    return count === rows ? { rows, width: 1, values } : undefined;
}
/** Reads a model's answer for `options.rows` rows; throws a DataError naming what is wrong. */
function readAnswer(body, contentType, options) {
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    if (options.predictionColumn === undefined && (type === 'text/csv' || type === undefined)) {
        const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        const first = bytes.findIndex(byte => byte !== answers_SPACE && byte !== answers_TAB && byte !== answers_LF && byte !== answers_CR);
        // `[` or `{` without a content type: JSON, for parsePredictions to sniff.
        if (type === 'text/csv' || (bytes[first] !== 91 && bytes[first] !== 123)) {
            const plain = plainCsv(bytes, options.rows, options.task);
            if (plain)
                return plain;
        }
    }
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    if (options.predictionColumn === undefined) {
        return parsePredictions(text, {
            task: options.task,
            contentType,
            expectedRows: options.rows,
            source: options.source
        });
    }
    return parsePredictions(selected(text, contentType ?? '', options.predictionColumn, options.source), {
        task: options.task,
        contentType: 'application/jsonlines',
        expectedRows: options.rows,
        source: options.source
    });
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/collect.js



function columns(role, first, width) {
    return Array.from({ length: width }, (_, k) => ({
        index: first + k,
        role: width === 1 ? role : `${role} probability of class ${k}`
    }));
}
class LiveCollector {
    options;
    evaluator;
    width;
    largestClass = -1;
    pending = new Map();
    next = 0;
    constructor(options) {
        this.options = options;
    }
    /**
     * Adds batch number `index` (0, 1, 2, ... in data order); batches are evaluated in that
     * order whatever order they are added in.
     */
    add(index, sent, candidate, baseline) {
        if (this.options.paired !== (baseline !== undefined))
            throw new Error(`batch ${index}: a baseline's predictions are ${this.options.paired ? 'missing' : 'unexpected'}`);
        this.check(sent, candidate, 'candidate');
        if (baseline)
            this.check(sent, baseline, 'baseline');
        this.pending.set(index, [sent, candidate, baseline]);
        for (;;) {
            const ready = this.pending.get(this.next);
            if (!ready)
                return;
            this.pending.delete(this.next++);
            this.feed(...ready);
        }
    }
    /** Batches added but waiting for an earlier one. */
    get waiting() {
        return this.pending.size;
    }
    check(sent, answer, model) {
        if (answer.rows !== sent.rows)
            throw new Error(`the ${model} answered ${answer.rows} rows for ${sent.rows}`);
        this.width ??= answer.width;
        if (answer.width !== this.width) {
            throw new DataError(this.options.source, `the ${model} returned ${answer.width} value${answer.width === 1 ? '' : 's'} per row for lines ${sent.lines[0]}-${sent.lines[sent.rows - 1]}, and ${this.width} before: both models must answer every row in one shape.`);
        }
        if (this.options.task !== 'multiclass')
            return;
        const { values, width } = answer;
        for (let i = 0; i < sent.rows; i++) {
            const label = sent.labels[i];
            if (width > 1 && label >= width) {
                throw new DataError(this.options.source, `the label ${label} is not one of the ${width} classes the ${model} gives probabilities for (0-${width - 1}).`, {
                    line: sent.lines[i],
                    column: this.options.labelColumn,
                    columnName: this.options.labelName,
                    role: 'label'
                });
            }
            if (width === 1) {
                const predicted = values[i];
                if (predicted >= MAX_CLASSES)
                    throw new DataError(this.options.source, `the ${model} predicted class ${predicted} for line ${sent.lines[i]}: at most ${MAX_CLASSES} classes are supported.`);
                if (predicted > this.largestClass)
                    this.largestClass = predicted;
            }
            if (label > this.largestClass)
                this.largestClass = label;
        }
    }
    feed(sent, candidate, baseline) {
        const width = this.width;
        if (!this.evaluator) {
            const data = {
                label: { index: this.options.labelColumn, role: 'label' },
                prediction: columns('prediction', this.options.fieldCount, width),
                baseline: baseline
                    ? columns('baseline prediction', this.options.fieldCount + width, width)
                    : undefined
            };
            this.evaluator = new Evaluator({ ...this.options, label: this.options.labelColumn }, data);
        }
        const out = [sent.labels.subarray(0, sent.rows)];
        for (const answer of baseline ? [candidate, baseline] : [candidate]) {
            for (let k = 0; k < width; k++) {
                const column = new Float64Array(sent.rows);
                for (let i = 0; i < sent.rows; i++)
                    column[i] = answer.values[i * width + k];
                out.push(column);
            }
        }
        this.evaluator.batch(out, sent.rows);
    }
    /** The evaluation of every row added; throws when a batch is still missing. */
    finish() {
        if (this.pending.size > 0)
            throw new Error(`batch ${this.next} never arrived; ${this.pending.size} later ones wait for it`);
        if (!this.evaluator)
            throw new DataError(this.options.source, 'there are no rows to evaluate.');
        const classes = this.options.task !== 'multiclass'
            ? undefined
            : this.width > 1
                ? this.width
                : Math.max(this.largestClass + 1, 2);
        return this.evaluator.finish(classes === undefined ? {} : { classes });
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/resources.js
// The SageMaker side of live evaluation that both methods share: what a version needs to
// be served (its containers and content types), the temporary resources (each recorded in
// the step's state before it is created, so the post step finds it after a cancellation),
// and waiting for an endpoint or a job on the injected clock.




/** What we send: CSV rows, the format SageMaker's built-in algorithms and most containers read. */
const resources_CSV = 'text/csv';
/** Answers we read, in order of preference (answers.ts). */
const READABLE_ANSWERS = [resources_CSV, 'application/jsonlines', 'application/json'];
function resources_versionLabel(pkg, arn) {
    return pkg.ModelPackageVersion !== undefined ? `v${pkg.ModelPackageVersion}` : arn;
}
/**
 * Reads a version and decides how to serve it. An Approved version is named by its ARN
 * (ModelPackageName), as SageMaker documents deploying a registered version; any other is
 * served from copies of its containers, because CreateModel refuses a version that is not
 * Approved, and the candidate of a gate usually is not yet.
 */
async function resources_describeVersion(deps, role, packageArn, method) {
    const pkg = await deps.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelPackageCommand */.Uxr({ ModelPackageName: packageArn }));
    const label = resources_versionLabel(pkg, packageArn);
    const name = `The ${role} ${label}`;
    if (pkg.ModelPackageStatus !== 'Completed')
        throw new UserError(`${name} is ${pkg.ModelPackageStatus ?? 'in an unknown state'}, not Completed: SageMaker cannot serve it yet.`);
    const spec = pkg.InferenceSpecification;
    const containers = spec?.Containers ?? [];
    if (containers.length === 0)
        throw new UserError(`${name} has no InferenceSpecification containers: there is nothing to serve.`);
    const accepts = spec?.SupportedContentTypes ?? [];
    if (accepts.length > 0 && !accepts.includes(resources_CSV))
        throw new UserError(`${name} reads ${accepts.join(', ')} (SupportedContentTypes), not ${resources_CSV}: live evaluation sends the validation data as CSV rows.`);
    const answers = spec?.SupportedResponseMIMETypes ?? [];
    const readable = method === 'batch-transform' ? [resources_CSV] : READABLE_ANSWERS;
    const accept = answers.length === 0 ? resources_CSV : readable.find(type => answers.includes(type));
    if (accept === undefined)
        throw new UserError(`${name} answers ${answers.join(', ')} (SupportedResponseMIMETypes); ${method === 'batch-transform' ? `batch transform joins each prediction to its row, which needs ${resources_CSV}` : `live evaluation reads ${READABLE_ANSWERS.join(', ')}`}.`);
    const copies = containers.map((c, i) => ({
        ...(containers.length > 1
            ? { ContainerHostname: c.ContainerHostname ?? `container-${i + 1}` }
            : {}),
        Image: c.Image,
        ...(c.ModelDataUrl ? { ModelDataUrl: c.ModelDataUrl } : {}),
        ...(c.ModelDataSource ? { ModelDataSource: c.ModelDataSource } : {}),
        ...(c.Environment ? { Environment: c.Environment } : {})
    }));
    const model = pkg.ModelApprovalStatus === 'Approved'
        ? { PrimaryContainer: { ModelPackageName: pkg.ModelPackageArn ?? packageArn } }
        : copies.length === 1
            ? { PrimaryContainer: copies[0] }
            : { Containers: copies };
    return {
        role,
        packageArn: pkg.ModelPackageArn ?? packageArn,
        label,
        model,
        accept,
        artifacts: containers.flatMap(c => {
            const uri = c.ModelDataUrl ?? c.ModelDataSource?.S3DataSource?.S3Uri;
            return uri ? [uri] : [];
        }),
        transformInstanceTypes: spec?.SupportedTransformInstanceTypes ?? []
    };
}
const RESOURCE_LIST = {
    model: 'models',
    'endpoint-config': 'endpointConfigs',
    endpoint: 'endpoints',
    'transform-job': 'transformJobs'
};
/**
 * The temporary resources of one run. Each is written to the step's state before the
 * call that creates it, so a cancellation at any moment leaves a record of everything
 * that may exist; the list is saved again, shorter, once cleanup has removed them.
 */
class TemporaryResources {
    deps;
    region;
    live = [];
    /** Everything created, for the result. */
    created = [];
    constructor(deps, region) {
        this.deps = deps;
        this.region = region;
    }
    save() {
        this.deps.saveState(TEMPORARY_STATE, temporaryStateValue(this.live));
    }
    /**
     * Records the resource, then runs `create`. A name that exists already belongs to
     * someone else (or to an earlier attempt with the same run id): it is dropped from the
     * record, so it is never deleted, and the run stops.
     */
    async create(kind, name, create) {
        const resource = this.region
            ? { kind, name, region: this.region }
            : { kind, name };
        this.live.push(resource);
        this.save();
        this.deps.log.info(`Creating temporary ${kind} ${name}`);
        try {
            const out = await create();
            this.created.push(resource);
            return out;
        }
        catch (error) {
            if (isAlreadyExists(error)) {
                this.live.splice(this.live.indexOf(resource), 1);
                this.save();
                throw new UserError(`A ${kind} named ${name} exists already, so it is not this run's to use or delete: an earlier attempt with the same run id left it, or the name is taken. Delete it (${cleanupCommand(resource)}) or run with another run id.`);
            }
            throw error;
        }
    }
    get pending() {
        return this.live;
    }
    /** Deletes everything recorded; returns the warnings (each with its command). */
    async cleanup(options) {
        if (this.live.length === 0)
            return [];
        const { deleted, warnings } = await deleteTemporaryResources(this.deps.sagemaker, this.live, options);
        for (const resource of deleted) {
            this.live.splice(this.live.indexOf(resource), 1);
            this.deps.log.debug(`Cleaned up temporary ${resource.kind} ${resource.name}`);
        }
        this.save();
        return warnings;
    }
    /** What the run created, by kind. */
    listing() {
        const out = {
            models: [],
            endpointConfigs: [],
            endpoints: [],
            transformJobs: []
        };
        for (const r of this.created)
            out[RESOURCE_LIST[r.kind]].push(r.name);
        return out;
    }
}
/** Creates the SageMaker model that serves a version. */
async function createModel(deps, resources, version, name, executionRoleArn) {
    await resources.create('model', name, () => deps.sagemaker.send(new client_sagemaker_dist_cjs/* CreateModelCommand */.TIE({
        ModelName: name,
        ExecutionRoleArn: executionRoleArn,
        ...version.model
    })));
}
/**
 * Polls `look` until it returns a settled state (not in `busy`); logs each change of
 * state with the elapsed time. Throws a UserError at the deadline.
 */
async function waitUntilSettled(deps, what, busy, look, settings) {
    const start = deps.now().getTime();
    const deadline = start + settings.timeoutSeconds * 1000;
    let last;
    for (let looks = 0;; looks++) {
        const state = await look();
        const now = deps.now().getTime();
        if (state.status !== last) {
            deps.log.info(`${what}: ${state.status} (${Math.round((now - start) / 1000)} s)`);
            last = state.status;
        }
        if (!busy.has(state.status))
            return state;
        if (now >= deadline)
            throw new UserError(`Timed out after ${settings.timeoutSeconds} s waiting for ${what}: it is still ${state.status}.`);
        await deps.sleep(Math.min(pollPause(looks, settings.pollSeconds), deadline - now));
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/run-context.js
/** Thrown where the candidate turns out unservable deep inside a method. */
class CandidateFailure extends Error {
    failureReason;
    failedAt;
    resource;
    constructor(failureReason, failedAt, resource) {
        super(`the candidate cannot be served (${resource}): ${failureReason}`);
        this.failureReason = failureReason;
        this.failedAt = failedAt;
        this.resource = resource;
        this.name = 'CandidateFailure';
    }
}
/** The collector's settings for a run. */
function collectorOptions(run, source) {
    const { request, data } = run;
    return {
        task: request.task,
        source,
        threshold: request.decisionThreshold,
        alpha: request.alpha,
        seed: request.seed,
        resamples: request.resamples,
        labelColumn: data.summary.layout.label.index,
        labelName: data.summary.layout.label.name,
        fieldCount: data.summary.layout.fieldCount,
        paired: run.baseline !== undefined
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/transform.js
// Live evaluation with Batch Transform, for data too large for an endpoint: SageMaker
// spreads each job over its instances. One job per version reads the same S3 data; the
// job's DataProcessing keeps the label with each prediction, so the output alone is
// enough to compute the metrics:
//   InputFilter  `$[1:]`     the model sees the row without its label (the first column),
//   JoinSource   `Input`     the prediction is appended to the row,
//   OutputFilter `$[0,F:]`   the output keeps the label and the prediction's values
//                            (F = the columns of the input row).
// Those are the documented JSONPath forms (DataProcessing's examples `$[1:]`, `$[0,5:]`),
// so the job reads label-first data without a header: data already in that shape is read
// where it is (an S3 object, through a manifest naming exactly it) or uploaded as it is
// (a local file); other data is rewritten label first into the work prefix. Outputs are
// in input order (SplitType Line, AssembleWith Line), so the two versions' outputs pair
// up line by line.


















/** A transform job's default MaxPayloadInMB: a row above it fails the job. */
const TRANSFORM_PAYLOAD_BYTES = 6 * 1024 * 1024;
const RUNNING = new Set(['InProgress', 'Stopping']);
/** Rows read from the outputs per block handed to the engine. */
const BLOCK_ROWS = 4096;
/** Puts the data where the jobs read it, label first and without a header. */
async function stageInput(run, work) {
    const { deps, request, data, names } = run;
    const folder = joinS3Key(work.key, names.base, 'input');
    const labelFirst = isLabelFirst(data.summary.layout);
    if (labelFirst && data.location) {
        // The object itself, and nothing else under its prefix: a manifest names exactly it.
        const dir = data.location.key.slice(0, data.location.key.lastIndexOf('/') + 1);
        const manifest = { bucket: work.bucket, key: joinS3Key(folder, 'input.manifest') };
        await putObject(deps.s3, manifest, JSON.stringify([
            { prefix: formatS3Uri({ bucket: data.location.bucket, key: dir }) },
            data.location.key.slice(dir.length)
        ]), 'application/json');
        run.written.s3Objects.push(formatS3Uri(manifest));
        return { S3DataType: 'ManifestFile', S3Uri: formatS3Uri(manifest) };
    }
    const target = {
        bucket: work.bucket,
        key: joinS3Key(folder, labelFirst ? (0,external_node_path_.basename)(request.data) : 'data.csv')
    };
    if (labelFirst) {
        await uploadFile(deps.s3, request.data, target, resources_CSV);
    }
    else {
        const path = (0,external_node_path_.join)(deps.tempDir ?? (0,external_node_os_.tmpdir)(), `${names.base}-${(0,external_node_crypto_.randomUUID)()}.csv`);
        try {
            const opened = await openData(deps.s3, request.data, request.source);
            const hashed = hashing(opened.chunks);
            const out = (0,external_node_fs_.createWriteStream)(path);
            for await (const chunk of labelFirstCopy(hashed.chunks, {
                task: request.task,
                source: request.source,
                label: request.labelColumn,
                header: request.header
            })) {
                if (!out.write(chunk))
                    await (0,external_node_events_.once)(out, 'drain');
            }
            out.end();
            await (0,external_node_events_.once)(out, 'finish');
            if (hashed.digest() !== data.sha256)
                throw new UserError(`${request.source} changed while it was being copied for the transform jobs (its sha256 is not the one checked before). Run again on data that stays put.`);
            await uploadFile(deps.s3, path, target, resources_CSV);
        }
        finally {
            await (0,promises_.rm)(path, { force: true });
        }
    }
    run.written.s3Objects.push(formatS3Uri(target));
    return { S3DataType: 'S3Prefix', S3Uri: formatS3Uri({ bucket: work.bucket, key: `${folder}/` }) };
}
function outputPrefix(run, work, version) {
    return {
        bucket: work.bucket,
        key: `${joinS3Key(work.key, run.names.base, 'output', version.role)}/`
    };
}
async function startJob(run, version, input, output) {
    const { deps, request, names, resources, data } = run;
    const name = names.transformJob(version.role);
    const instanceType = request.instanceType ?? version.transformInstanceTypes[0] ?? LIVE_DEFAULTS.transformInstanceType;
    await resources.create('transform-job', name, () => deps.sagemaker.send(new client_sagemaker_dist_cjs/* CreateTransformJobCommand */.zmV({
        TransformJobName: name,
        ModelName: names.model(version.role),
        BatchStrategy: 'MultiRecord',
        MaxPayloadInMB: TRANSFORM_PAYLOAD_BYTES / (1024 * 1024),
        TransformInput: {
            DataSource: { S3DataSource: input },
            ContentType: resources_CSV,
            SplitType: 'Line',
            CompressionType: 'None'
        },
        TransformOutput: { S3OutputPath: formatS3Uri(output), Accept: resources_CSV, AssembleWith: 'Line' },
        TransformResources: {
            InstanceType: instanceType,
            InstanceCount: request.instanceCount
        },
        DataProcessing: {
            InputFilter: '$[1:]',
            JoinSource: 'Input',
            OutputFilter: `$[0,${data.summary.layout.fieldCount}:]`
        }
    })));
    return name;
}
/** The non-blank lines of every object under a prefix, in key order. */
async function* outputLines(s3, prefix) {
    const keys = [];
    let token;
    do {
        const page = await s3.send(new client_s3_dist_cjs/* ListObjectsV2Command */.u6x({
            Bucket: prefix.bucket,
            Prefix: prefix.key,
            ContinuationToken: token
        }));
        for (const object of page.Contents ?? [])
            if (object.Key)
                keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    keys.sort();
    if (keys.length === 0)
        throw new Error(`the transform job wrote nothing under ${formatS3Uri(prefix)}`);
    for (const key of keys) {
        const response = await s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: prefix.bucket, Key: key }));
        const decoder = new TextDecoder();
        let carry = '';
        for await (const chunk of response.Body) {
            const text = carry + decoder.decode(chunk, { stream: true });
            const lines = text.split('\n');
            carry = lines.pop();
            for (const line of lines)
                if (line.trim() !== '')
                    yield line.replace(/\r$/, '');
        }
        carry += decoder.decode();
        if (carry.trim() !== '')
            yield carry.replace(/\r$/, '');
    }
}
/** Splits an output line into its label (the first value) and the prediction's values. */
function splitOutput(line, source, row) {
    const comma = line.indexOf(',');
    if (comma < 0)
        throw new UserError(`${source}: output line ${row} is ${JSON.stringify(line.slice(0, 80))}: no prediction after the label.`);
    return [line.slice(0, comma).trim(), line.slice(comma + 1)];
}
/** Reads both outputs in step, row by row, into the engine. */
async function collect(run, outputs) {
    const { deps, request, data } = run;
    const versions = [...outputs.keys()];
    const sources = versions.map(v => formatS3Uri(outputs.get(v)));
    const collector = new LiveCollector(collectorOptions(run, sources[0]));
    const streams = versions.map(v => outputLines(deps.s3, outputs.get(v)));
    let rows = 0;
    let index = 0;
    for (;;) {
        const labels = [];
        const lines = [];
        const rest = versions.map(() => []);
        while (labels.length < BLOCK_ROWS) {
            const next = await Promise.all(streams.map(stream => stream.next()));
            const ended = next.filter(n => n.done).length;
            if (ended === next.length)
                break;
            if (ended > 0)
                throw new UserError(`The transform outputs have different lengths: ${versions.map((v, i) => `${v.role} ${next[i].done ? 'ended' : 'goes on'}`).join(', ')} after ${rows} rows. They must pair up row by row.`);
            rows++;
            const split = next.map((n, i) => splitOutput(n.value, sources[i], rows));
            const labelText = split[0][0];
            if (split.some(([label]) => label !== labelText))
                throw new UserError(`The transform outputs disagree on the label of row ${rows} (${split.map(([label], i) => `${versions[i].role} ${JSON.stringify(label)}`).join(', ')}): they are not in the same order.`);
            const label = labelNumber(labelText);
            if (label === undefined)
                throw new UserError(`${sources[0]}: row ${rows} starts with ${JSON.stringify(labelText)}, not the label.`);
            labels.push(label);
            lines.push(rows);
            split.forEach(([, values], i) => rest[i].push(values));
        }
        if (labels.length === 0)
            break;
        const sent = { rows: labels.length, lines, labels: Float64Array.from(labels) };
        const [candidate, baseline] = versions.map((v, i) => readAnswer(rest[i].join('\n'), resources_CSV, {
            task: request.task,
            rows: labels.length,
            source: sources[i],
            predictionColumn: request.predictionColumn
        }));
        collector.add(index++, sent, candidate, baseline);
    }
    if (rows !== data.summary.rows)
        throw new UserError(`The transform output has ${rows} rows; ${request.source} has ${data.summary.rows}. Every row must have its prediction.`);
    return collector;
}
/** The batch transform method: stage the data, run a job per version, read the outputs. */
async function predictWithTransform(run) {
    const { deps, request, names, resources } = run;
    const work = workLocation(request.workS3Uri);
    const versions = run.baseline ? [run.candidate, run.baseline] : [run.candidate];
    const input = await stageInput(run, work);
    for (const version of versions)
        await createModel(deps, resources, version, names.model(version.role), request.executionRoleArn);
    run.marks.predicting = deps.now().getTime();
    const outputs = new Map();
    const jobs = new Map();
    for (const version of versions) {
        const output = outputPrefix(run, work, version);
        outputs.set(version, output);
        run.written.outputs.push(formatS3Uri(output));
        jobs.set(version, await startJob(run, version, input, output));
    }
    const settled = await Promise.allSettled(versions.map(version => waitUntilSettled(deps, `transform job ${jobs.get(version)}`, RUNNING, async () => {
        const job = await deps.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeTransformJobCommand */.E9g({ TransformJobName: jobs.get(version) }));
        return { status: job.TransformJobStatus ?? 'unknown', reason: job.FailureReason };
    }, { timeoutSeconds: request.waitTimeoutSeconds, pollSeconds: request.pollSeconds })));
    const rejected = settled.find(s => s.status === 'rejected');
    if (rejected)
        throw rejected.reason;
    const states = settled.map(s => s.value);
    for (const [i, version] of versions.entries()) {
        const state = states[i];
        if (state.status === 'Completed')
            continue;
        const reason = state.reason ?? `the job is ${state.status}`;
        if (version.role === 'candidate')
            throw new CandidateFailure(reason, 'transform-job', `transform job ${jobs.get(version)}`);
        throw new BaselineServingError(`The baseline ${version.label} cannot be served: transform job ${jobs.get(version)} is ${state.status}: ${reason}. This is an error, not a decision: without the baseline there is no comparison.`, reason);
    }
    if (run.data.location && run.data.etag !== undefined) {
        const etag = await currentEtag(deps.s3, run.data.location);
        if (etag !== run.data.etag)
            throw new UserError(`${request.source} changed while the transform jobs read it (its ETag is ${etag ?? 'gone'}, not ${run.data.etag}): the metrics would not describe the data checked. Run again on data that stays put.`);
    }
    return { kind: 'predicted', collector: await collect(run, outputs) };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/check.js
// The data of a live evaluation read once and checked row by row before anything exists in
// AWS: its sha256, size and row count are taken on the way.





/** The largest row a method can send, and why, for the data check. */
function rowLimit(request) {
    if (request.method === 'batch-transform')
        return { bytes: TRANSFORM_PAYLOAD_BYTES, reason: `a transform job's MaxPayloadInMB (6 MB)` };
    return request.instanceType === undefined
        ? { bytes: SERVERLESS_PAYLOAD_BYTES, reason: `a serverless endpoint's payload limit (4 MB)` }
        : { bytes: INSTANCE_PAYLOAD_BYTES, reason: `an endpoint's payload limit (6 MB)` };
}
async function* counted(chunks, into) {
    for await (const chunk of chunks) {
        into.bytes += chunk.length;
        yield chunk;
    }
}
/** Reads the data once, checking every row; nothing in AWS exists yet. */
async function checkRequestData(deps, request) {
    const opened = await openData(deps.s3, request.data, request.source);
    const size = { bytes: 0 };
    const hashed = hashing(counted(opened.chunks, size));
    const limit = rowLimit(request);
    const summary = await checkLiveData(hashed.chunks, {
        task: request.task,
        source: request.source,
        label: request.labelColumn,
        header: request.header,
        maxRowBytes: limit.bytes,
        maxRowBytesReason: limit.reason
    }, 
    // Kept, the rows are sent from memory: no second read (of S3, perhaps), and nothing
    // can change between the check and the predictions.
    request.method === 'endpoint' ? request.keepInMemoryBytes : 0);
    return {
        summary,
        sha256: hashed.digest(),
        bytes: size.bytes,
        location: opened.location,
        etag: opened.etag
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/names.js
// Names of the temporary resources of one live evaluation, derived from the run's id: the
// same run id gives the same names (a person can find them, the post step can delete
// them), and different run ids give different names. Each name fits every pattern the
// resources share: models `[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?`, endpoints, configs
// and transform jobs `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, all at most 63 characters.

const PREFIX = 'gate';
const MAX_NAME = 63;
/** The longest suffix: `-candidate`. */
const SUFFIX = '-candidate'.length;
const MAX_SLUG = MAX_NAME - PREFIX.length - 1 - SUFFIX;
/**
 * The run id as a name part: lower-case letters, digits and single hyphens. When that
 * changes the id or it is too long, a hash of the whole id is appended, so two run ids
 * never share names.
 */
function runSlug(runId) {
    if (runId.trim() === '')
        throw new RangeError('the run id of a live evaluation must not be empty');
    const clean = runId
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    if (clean === runId && clean.length <= MAX_SLUG)
        return clean;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(runId).digest('hex').slice(0, 8);
    const head = clean.slice(0, MAX_SLUG - hash.length - 1).replace(/-+$/, '');
    return head ? `${head}-${hash}` : hash;
}
function liveNames(runId) {
    const base = `${PREFIX}-${runSlug(runId)}`;
    return {
        base,
        model: role => `${base}-${role}`,
        transformJob: role => `${base}-${role}`,
        endpoint: role => `${base}-${role}`,
        pairedEndpoint: () => `${base}-live`
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/retry.js
// Retries for requests to a temporary endpoint, and the bounded pool that sends them.
// SageMaker Runtime answers an endpoint that is busy with 429 (ThrottlingException,
// ModelNotReadyException: a serverless endpoint scaling out) or 5xx (ServiceUnavailable,
// InternalFailure, InternalDependencyException); those are worth another try after a
// pause that doubles each time, with jitter so parallel requests do not retry in step.
// Anything else (ValidationError, ModelError: the model refused the rows) is final.
const DEFAULT_RETRY = { attempts: 8, baseDelayMs: 200, maxDelayMs: 20000 };
const RETRYABLE = new Set([
    'ThrottlingException',
    'Throttling',
    'TooManyRequestsException',
    'ModelNotReadyException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalServerError',
    'InternalDependencyException',
    'RequestTimeout',
    'TimeoutError'
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
/** Whether another try may succeed: throttling, a busy or failing service, a dropped connection. */
function isRetryable(error) {
    if (!(error instanceof Error))
        return false;
    const shaped = error;
    if (RETRYABLE.has(error.name) || (shaped.code && NETWORK.has(shaped.code)))
        return true;
    if (shaped.$retryable)
        return true;
    const status = shaped.$metadata?.httpStatusCode;
    // ModelError (424) is the model's own answer: trying again gives the same one.
    return status === 429 || (status !== undefined && status >= 500 && error.name !== 'ModelError');
}
/** The pause before try number `attempt + 1` (attempt >= 1): half fixed, half random. */
function backoffMs(policy, attempt, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/**
 * Runs `work` until it succeeds, fails with an error that is not retryable, or has been
 * tried `policy.attempts` times; `onRetry` hears of each retry.
 */
async function withRetries(work, policy, sleep, onRetry) {
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (attempt >= policy.attempts || !isRetryable(error))
                throw error;
            const delay = backoffMs(policy, attempt);
            onRetry?.(error, attempt, delay);
            await sleep(delay);
        }
    }
}
/**
 * Hands each item of `items` to `handle`, with at most `concurrency` handles running at
 * once, pulling items only as workers free up (so a stream is read as fast as it is
 * sent, no faster). The first error stops the pulling; it is thrown once every running
 * handle has ended, so nothing is still in flight when the caller cleans up.
 */
async function forEachConcurrently(items, concurrency, handle) {
    const iterator = Symbol.asyncIterator in items
        ? items[Symbol.asyncIterator]()
        : items[Symbol.iterator]();
    let index = 0;
    let failure;
    const worker = async () => {
        while (!failure) {
            let next;
            try {
                next = await iterator.next();
            }
            catch (error) {
                failure ??= { error };
                return;
            }
            if (next.done || failure)
                return;
            try {
                await handle(next.value, index++);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    if (failure) {
        await iterator.return?.();
        throw failure.error;
    }
}
/**
 * Reads ahead of the consumer: up to `depth` items are pulled from `items` in the
 * background, so whoever asks next gets one at once instead of waiting for the source
 * (a file or S3 read, parsing). An error of the source reaches the consumer in its turn.
 */
async function* readAhead(items, depth) {
    const iterator = items[Symbol.asyncIterator]();
    const queue = [];
    let done = false;
    const fill = () => {
        while (!done && queue.length < depth) {
            const next = iterator.next();
            next.then(result => {
                if (result.done)
                    done = true;
            }, () => {
                done = true;
            });
            queue.push(next);
        }
    };
    try {
        for (;;) {
            fill();
            const next = queue.shift();
            if (!next)
                return;
            const result = await next;
            if (result.done)
                return;
            yield result.value;
        }
    }
    finally {
        // Settle what was asked for, then close the source (its files, its streams).
        await Promise.allSettled(queue);
        await iterator.return?.();
    }
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/request.js
// A live evaluation's request checked field by field, with every default filled in.







function request_wholeNumber(name, value, min, max = Infinity) {
    if (!Number.isInteger(value) || value < min || value > max)
        throw new UserError(`Live evaluation: ${name} must be a whole number ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}; got ${value}.`);
    return value;
}
/** The request with its defaults, or a UserError naming the first bad field. */
function resolveRequest(request) {
    const fail = (message) => {
        throw new UserError(`Live evaluation: ${message}`);
    };
    if (!LIVE_METHODS.includes(request.method))
        fail(`method must be ${LIVE_METHODS.join(' or ')}; got ${JSON.stringify(request.method)}.`);
    if (!TASKS.includes(request.task))
        fail(`task must be ${TASKS.join(', ')}; got ${JSON.stringify(request.task)}.`);
    if (!request.data?.trim())
        fail('no validation data was given.');
    if (!request.candidate?.packageArn)
        fail('no candidate version was given.');
    if (!request.executionRoleArn?.trim())
        fail('an execution role is needed: SageMaker assumes it to run the models.');
    if (!request.runId?.trim())
        fail('a run id is needed to name the temporary resources.');
    const threshold = request.decisionThreshold ?? LIVE_DEFAULTS.decisionThreshold;
    if (!Number.isFinite(threshold))
        fail(`the decision threshold must be a number; got ${threshold}.`);
    const alpha = request.alpha ?? LIVE_DEFAULTS.alpha;
    if (!(alpha > 0 && alpha < 0.5))
        fail(`alpha must be between 0 and 0.5; got ${alpha}.`);
    const memory = request.serverlessMemoryMb ?? LIVE_DEFAULTS.serverlessMemoryMb;
    if (!SERVERLESS_MEMORY_SIZES.includes(memory))
        fail(`serverless memory must be one of ${SERVERLESS_MEMORY_SIZES.join(', ')} MB; got ${memory}.`);
    if (request.instanceType !== undefined && request.serverlessMemoryMb !== undefined)
        fail('an instance type and a serverless memory size exclude each other: give one.');
    for (const [name, value] of [
        ['the wait timeout', request.waitTimeoutSeconds],
        ['the poll interval', request.pollSeconds]
    ])
        if (value !== undefined && !(value > 0 && Number.isFinite(value)))
            fail(`${name} must be a positive number of seconds; got ${value}.`);
    const transform = request.method === 'batch-transform';
    if (transform && (request.serverlessMemoryMb ?? request.serverlessMaxConcurrency) !== undefined)
        fail('serverless settings apply to the endpoint method; batch transform runs on instances.');
    if (transform) {
        if (!request.workS3Uri)
            fail('batch transform needs a work S3 prefix for its input and output.');
        workLocation(request.workS3Uri);
    }
    return {
        ...request,
        source: request.source ?? request.data,
        decisionThreshold: threshold,
        alpha,
        instanceCount: request_wholeNumber('the instance count', request.instanceCount ?? LIVE_DEFAULTS.instanceCount, 1),
        serverlessMemoryMb: memory,
        serverlessMaxConcurrency: request_wholeNumber('the serverless max concurrency', request.serverlessMaxConcurrency ?? LIVE_DEFAULTS.serverlessMaxConcurrency, 1, 200),
        maxConcurrency: request_wholeNumber('the max concurrency', request.maxConcurrency ?? LIVE_DEFAULTS.maxConcurrency, 1),
        rowsPerRequest: request_wholeNumber('the rows per request', request.rowsPerRequest ?? DEFAULT_ROWS_PER_REQUEST, 1),
        keepInMemoryBytes: request.keepInMemoryBytes ?? LIVE_DEFAULTS.keepInMemoryBytes,
        waitTimeoutSeconds: request.waitTimeoutSeconds ?? LIVE_DEFAULTS.waitTimeoutSeconds,
        pollSeconds: request.pollSeconds ?? LIVE_DEFAULTS.pollSeconds,
        retry: request.retry ?? DEFAULT_RETRY
    };
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/endpoint.js
// Live evaluation on temporary endpoints. Serverless by default: a serverless endpoint has
// one production variant, so with a baseline each version gets its own endpoint. With an
// instance type, one endpoint serves both versions as two variants, and each request names
// its variant (TargetVariant). The rows go out without their label, packed into requests
// under the payload limit (4 MB serverless, 6 MB on instances), `maxConcurrency` requests
// in flight per version; every batch goes to both versions, so the predictions pair up row
// by row.













/** States in which SageMaker is still making the endpoint. */
const CREATING = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack']);
function isServerless(request) {
    return request.instanceType === undefined;
}
/** The payload limit and requests in flight per version for a request. */
function endpointLimits(request) {
    return isServerless(request)
        ? {
            payloadBytes: SERVERLESS_PAYLOAD_BYTES,
            // More requests than the endpoint's MaxConcurrency are throttled, not served.
            concurrency: Math.min(request.maxConcurrency, request.serverlessMaxConcurrency)
        }
        : { payloadBytes: INSTANCE_PAYLOAD_BYTES, concurrency: request.maxConcurrency };
}
/** Creates the endpoints (after their models and configs) and says where each version is. */
async function provision(run) {
    const { deps, request, names, resources } = run;
    const versions = run.baseline ? [run.candidate, run.baseline] : [run.candidate];
    for (const version of versions)
        await createModel(deps, resources, version, names.model(version.role), request.executionRoleArn);
    const configure = async (name, variants) => {
        await resources.create('endpoint-config', name, () => deps.sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointConfigCommand */.dH8({ EndpointConfigName: name, ProductionVariants: variants })));
        await resources.create('endpoint', name, () => deps.sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointCommand */.fRi({ EndpointName: name, EndpointConfigName: name })));
    };
    if (isServerless(request)) {
        const targets = [];
        for (const version of versions) {
            const name = names.endpoint(version.role);
            await configure(name, [
                {
                    VariantName: version.role,
                    ModelName: names.model(version.role),
                    ServerlessConfig: {
                        MemorySizeInMB: request.serverlessMemoryMb,
                        MaxConcurrency: request.serverlessMaxConcurrency
                    }
                }
            ]);
            targets.push({ version, endpoint: name });
        }
        return targets;
    }
    const name = run.baseline ? names.pairedEndpoint() : names.endpoint('candidate');
    await configure(name, versions.map(version => ({
        VariantName: version.role,
        ModelName: names.model(version.role),
        InstanceType: request.instanceType,
        InitialInstanceCount: request.instanceCount,
        InitialVariantWeight: 1
    })));
    return versions.map(version => ({
        version,
        endpoint: name,
        variant: run.baseline ? version.role : undefined
    }));
}
/**
 * Which version a failed endpoint's reason is about, when one endpoint serves both: the
 * reason names the variant ("production variant candidate") or the model data's URL.
 */
function blamed(reason, versions) {
    const named = versions.filter(v => new RegExp(`\\bvariant ${v.role}\\b`).test(reason) ||
        v.artifacts.some(uri => reason.includes(uri)));
    return named.length === 1 ? named[0] : undefined;
}
/** Waits until every endpoint serves; a failed one ends the run as the reason decides. */
async function waitForEndpoints(run, targets) {
    const { deps, request } = run;
    const endpoints = [...new Set(targets.map(t => t.endpoint))];
    const settled = await Promise.allSettled(endpoints.map(name => waitUntilSettled(deps, `endpoint ${name}`, CREATING, async () => {
        const d = await deps.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: name }));
        return { name, status: d.EndpointStatus ?? 'unknown', reason: d.FailureReason };
    }, { timeoutSeconds: request.waitTimeoutSeconds, pollSeconds: request.pollSeconds })));
    const rejected = settled.find(s => s.status === 'rejected');
    if (rejected)
        throw rejected.reason;
    const failures = settled
        .map(s => s.value)
        .filter(state => state.status !== 'InService');
    let baselineFailure;
    for (const state of failures) {
        const reason = state.reason ?? `the endpoint is ${state.status}`;
        const served = targets.filter(t => t.endpoint === state.name).map(t => t.version);
        const version = served.length === 1 ? served[0] : blamed(reason, served);
        if (!version)
            throw new UserError(`Endpoint ${state.name}, serving the candidate and the baseline, is ${state.status}, and its reason does not say which version failed: ${reason}`);
        if (version.role === 'candidate')
            return {
                kind: 'candidate-failed',
                failureReason: reason,
                failedAt: 'endpoint',
                resource: `endpoint ${state.name}`
            };
        baselineFailure = `The baseline ${version.label} cannot be served: endpoint ${state.name} is ${state.status}: ${reason}`;
    }
    if (baselineFailure)
        throw new BaselineServingError(`${baselineFailure}. This is an error, not a decision: without the baseline there is no comparison.`, baselineFailure);
    return undefined;
}
function describeTarget(target) {
    return `the ${target.version.role} ${target.version.label} (endpoint ${target.endpoint}${target.variant ? `, variant ${target.variant}` : ''})`;
}
/** Sends one batch to one version and reads its answer. */
async function invoke(run, target, batch, traffic) {
    const { deps, request } = run;
    let response;
    try {
        response = await withRetries(() => deps.runtime.send(new client_sagemaker_runtime_dist_cjs/* InvokeEndpointCommand */.Pn({
            EndpointName: target.endpoint,
            TargetVariant: target.variant,
            ContentType: resources_CSV,
            Accept: target.version.accept,
            Body: batch.body
        })), request.retry, deps.sleep, (error, attempt, delay) => {
            traffic.retries++;
            deps.log.debug(`${describeTarget(target)}: ${error.name} on try ${attempt} for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]}; again in ${delay} ms`);
        });
    }
    catch (error) {
        if (error instanceof Error && error.name === 'ModelError') {
            const reason = `the model answered an error for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]}: ${error.message}`;
            if (target.version.role === 'candidate')
                throw new CandidateFailure(reason, 'invocation', `endpoint ${target.endpoint}`);
            throw new BaselineServingError(`The baseline ${target.version.label} cannot be served: ${reason} This is an error, not a decision.`, reason);
        }
        throw error;
    }
    if (target.variant && response.InvokedProductionVariant !== target.variant)
        throw new Error(`${describeTarget(target)}: the answer came from variant ${response.InvokedProductionVariant ?? '(not named)'}, not ${target.variant}`);
    return readAnswer(response.Body ?? new Uint8Array(), response.ContentType, {
        task: request.task,
        rows: batch.rows,
        source: describeTarget(target),
        predictionColumn: request.predictionColumn
    });
}
/** Sends every row to every version and collects the predictions. */
async function predict(run, targets) {
    const { deps, request, data } = run;
    const { payloadBytes, concurrency } = endpointLimits(request);
    const traffic = {
        requests: 0,
        retries: 0,
        largestRequestRows: 0,
        largestRequestBytes: 0,
        concurrency,
        payloadLimitBytes: payloadBytes
    };
    deps.log.info(`Sending ${data.summary.rows} rows to ${targets.length === 1 ? 'the candidate' : 'both versions'}: up to ${request.rowsPerRequest} rows and ${payloadBytes} bytes a request, ${concurrency} request${concurrency === 1 ? '' : 's'} in flight per version.`);
    const collector = new LiveCollector(collectorOptions(run, request.source));
    const rows = await rowsAgain(run);
    const batches = packRequests(rows.blocks, {
        maxBytes: payloadBytes,
        maxRows: request.rowsPerRequest
    });
    // Batches are cut ahead, so a request that ends finds the next one ready.
    await forEachConcurrently(readAhead(batches, 2 * concurrency), concurrency, async (batch) => {
        traffic.requests++;
        traffic.largestRequestRows = Math.max(traffic.largestRequestRows, batch.rows);
        traffic.largestRequestBytes = Math.max(traffic.largestRequestBytes, batch.body.length);
        // Both answers settle before a failure is thrown: nothing of this batch is left in flight.
        const answers = await Promise.allSettled(targets.map(target => invoke(run, target, batch, traffic)));
        const failures = answers.flatMap(a => (a.status === 'rejected' ? [a.reason] : []));
        const [candidateError, baselineError] = failures;
        if (candidateError instanceof CandidateFailure && baselineError instanceof BaselineServingError)
            throw new UserError(`Both versions answered an error for lines ${batch.lines[0]}-${batch.lines[batch.rows - 1]} of ${request.source}: the rows, not the candidate, are the likely cause. The candidate: ${candidateError.failureReason} The baseline: ${baselineError.failureReason}`);
        if (failures.length > 0)
            throw failures[0];
        const [candidate, baseline] = answers.map(a => a.value);
        collector.add(batch.index, batch, candidate, baseline);
    });
    rows.verify();
    // The rows kept from the check are in the engine now.
    data.summary.blocks = undefined;
    return { kind: 'predicted', collector, traffic };
}
/**
 * The rows the check read: from memory when they were kept, else read again, and then
 * proved the same bytes by their sha256 once the last one has been read.
 */
async function rowsAgain(run) {
    const { deps, request, data } = run;
    const kept = data.summary.blocks;
    if (kept) {
        return {
            blocks: (async function* () {
                yield* kept;
            })(),
            verify: () => { }
        };
    }
    const opened = await openData(deps.s3, request.data, request.source);
    const hashed = hashing(opened.chunks);
    const reader = new LiveDataReader({
        task: request.task,
        source: request.source,
        label: request.labelColumn,
        header: request.header
    });
    return {
        blocks: reader.blocks(hashed.chunks),
        verify: () => {
            if (hashed.digest() !== data.sha256)
                throw new UserError(`${request.source} changed while it was being evaluated (its sha256 is not the one checked before): the metrics would not describe one data set. Run again on data that stays put.`);
        }
    };
}
/** The endpoint method: provision, wait, predict. Cleanup is the caller's `finally`. */
async function predictOnEndpoints(run) {
    const targets = await provision(run);
    const failed = await waitForEndpoints(run, targets);
    if (failed)
        return failed;
    run.marks.predicting = run.deps.now().getTime();
    return predict(run, targets);
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/run.js
// Live evaluation: the gate measures the candidate (and the baseline, on the same rows)
// itself. In order:
//   1. the request is checked, then the data, every row, before any AWS resource exists
//      (a bad row fails with its line and column); the data's sha256 and row count are
//      taken on the way;
//   2. the versions are read (status, containers, content types);
//   3. the method serves them and collects every prediction: temporary endpoints
//      (endpoint.ts) or transform jobs (transform.ts), each resource recorded in the
//      step's state before it is created;
//   4. `finally`, whatever happened: the temporary resources are deleted (transform jobs
//      stopped); a problem there is a warning with the command that finishes the job;
//   5. the metrics, and with a baseline the paired comparisons, from the engine.
// A candidate that cannot be served is a result (`outcome: 'candidate-failed'`, with
// SageMaker's reason): the gate fails on it. A baseline that cannot be served is an error.










async function run_regionOf(deps) {
    const region = deps.sagemaker.config.region;
    try {
        const value = typeof region === 'function' ? await region() : region;
        return typeof value === 'string' && value ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** Steps 1 and 2: the request resolved, the data checked, the versions read. */
async function prepare(deps, request) {
    const resolved = resolveRequest(request);
    const data = await checkRequestData(deps, resolved);
    const { layout } = data.summary;
    deps.log.info(`Checked ${resolved.source}: ${data.summary.rows} rows, ${layout.fieldCount - 1} feature columns, label in column ${layout.label.index}${layout.label.name ? ` ("${layout.label.name}")` : ''}, sha256 ${data.sha256}.`);
    const candidate = await resources_describeVersion(deps, 'candidate', resolved.candidate.packageArn, resolved.method);
    const baseline = resolved.baseline
        ? await resources_describeVersion(deps, 'baseline', resolved.baseline.packageArn, resolved.method)
        : undefined;
    return {
        deps,
        request: resolved,
        names: liveNames(resolved.runId),
        resources: new TemporaryResources(deps, await run_regionOf(deps)),
        candidate,
        baseline,
        data,
        warnings: [],
        marks: {},
        written: { s3Objects: [], outputs: [] }
    };
}
/** Steps 3 and 4: predictions by the method, then cleanup whatever happened. */
async function run_predict(run, clock) {
    const { deps } = run;
    let outcome;
    let failure;
    let cleanupWarnings = [];
    try {
        outcome =
            run.request.method === 'endpoint'
                ? await predictOnEndpoints(run)
                : await predictWithTransform(run);
    }
    catch (error) {
        if (error instanceof CandidateFailure)
            outcome = {
                kind: 'candidate-failed',
                failureReason: error.failureReason,
                failedAt: error.failedAt,
                resource: error.resource
            };
        else
            failure = { error };
    }
    finally {
        clock.predicted = deps.now().getTime();
        cleanupWarnings = await cleanUp(run);
        clock.cleaned = deps.now().getTime();
    }
    if (failure || !outcome)
        throw failure?.error;
    return { outcome, cleanupWarnings };
}
function timings(run, clock, evaluated) {
    const predicting = run.marks.predicting ?? clock.predicted;
    return {
        checkMs: clock.checked - clock.started,
        provisionMs: predicting - clock.checked,
        predictMs: clock.predicted - predicting,
        evaluateMs: evaluated - clock.cleaned,
        cleanupMs: clock.cleaned - clock.predicted,
        totalMs: evaluated - clock.started
    };
}
/** What both results share: the method, the data's facts, the resources. */
function common(run) {
    const { request, data } = run;
    return {
        method: request.method,
        task: request.task,
        data: {
            source: request.source,
            sha256: data.sha256,
            bytes: data.bytes,
            rows: data.summary.rows,
            header: data.summary.layout.header,
            labelColumn: data.summary.layout.label
        },
        resources: { ...run.resources.listing(), ...run.written }
    };
}
function candidateFailed(run, outcome, warnings, clock) {
    run.deps.log.warning(`The candidate ${run.candidate.label} cannot be served (${outcome.resource}): ${outcome.failureReason}`);
    return {
        ...common(run),
        outcome: 'candidate-failed',
        candidate: {
            packageArn: run.candidate.packageArn,
            failureReason: outcome.failureReason,
            failedAt: outcome.failedAt,
            resource: outcome.resource
        },
        warnings: [...run.warnings, ...warnings],
        timings: timings(run, clock, clock.cleaned)
    };
}
/** Step 5: the metrics, and with a baseline the paired comparisons. */
function evaluated(run, outcome, warnings, clock) {
    const evaluation = outcome.collector.finish();
    const { candidate, baseline } = run;
    return {
        ...common(run),
        outcome: 'evaluated',
        candidate: {
            packageArn: candidate.packageArn,
            report: evaluation.candidate,
            statistics: statisticsDocument(evaluation.candidate)
        },
        baseline: baseline && evaluation.baseline
            ? {
                packageArn: baseline.packageArn,
                report: evaluation.baseline,
                statistics: statisticsDocument(evaluation.baseline)
            }
            : undefined,
        comparison: evaluation.comparison,
        evaluation,
        warnings: [...run.warnings, ...evaluation.warnings, ...warnings],
        timings: timings(run, clock, run.deps.now().getTime()),
        traffic: outcome.traffic
    };
}
/**
 * Evaluates the candidate (and the baseline) live on the validation data. Throws a
 * UserError (DataError for the data, BaselineServingError for the baseline) when no
 * decision can be made; in every case the temporary resources are gone, or a warning
 * says how to remove them, by the time it returns or throws.
 */
async function runLiveEvaluation(deps, request) {
    const started = deps.now().getTime();
    const run = await prepare(deps, request);
    const checked = deps.now().getTime();
    const clock = { started, checked, predicted: checked, cleaned: checked };
    const { outcome, cleanupWarnings } = await run_predict(run, clock);
    return outcome.kind === 'candidate-failed'
        ? candidateFailed(run, outcome, cleanupWarnings, clock)
        : evaluated(run, outcome, cleanupWarnings, clock);
}
/** Deletes what the run created; never throws: a problem is a warning with the commands. */
async function cleanUp(run) {
    const { deps, request } = run;
    let warnings;
    try {
        warnings = await run.resources.cleanup({
            sleep: deps.sleep,
            now: deps.now,
            waitSeconds: request.waitTimeoutSeconds,
            pollSeconds: request.pollSeconds
        });
    }
    catch (error) {
        warnings = [
            `Cleaning up the temporary resources failed: ${error.message}. Remove them with: ${run.resources.pending.map(cleanupCommand).join('; ')}`
        ];
    }
    for (const warning of warnings)
        deps.log.warning(warning);
    return warnings;
}

;// CONCATENATED MODULE: ./build/src/evaluation/live/gate.js
// Live evaluation as the gate runs it: the gate's settings become a request, the run's
// clients and reporter its dependencies, and the result the `live:` metrics the policy
// reads, beside the registry's. A dry run checks the data and names the resources it would
// create, and creates nothing.







/** `7`, ` 7 ` -> 7; anything else is a header name. */
function columnRef(value) {
    if (value === undefined)
        return undefined;
    return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}
/** A run id unique to this attempt, so two gate steps of one job never share names. */
function liveRunId(ctx) {
    const { runId, runAttempt } = ctx.github;
    const suffix = (0,external_node_crypto_.randomBytes)(3).toString('hex');
    return runId ? `${runId}-${runAttempt || '1'}-${suffix}` : `local-${suffix}`;
}
function request(ctx, settings, candidateArn, baselineArn) {
    const { gate } = settings;
    const data = gate.validationData;
    return {
        candidate: { packageArn: candidateArn },
        baseline: baselineArn ? { packageArn: baselineArn } : undefined,
        data,
        source: `Input "validation-data" (${data})`,
        task: gate.task,
        labelColumn: columnRef(gate.labelColumn),
        predictionColumn: columnRef(gate.predictionColumn),
        decisionThreshold: gate.decisionThreshold,
        alpha: gate.alpha,
        method: gate.validationMethod,
        executionRoleArn: gate.executionRoleArn ?? '',
        instanceType: gate.instanceType,
        serverlessMemoryMb: gate.serverlessMemoryMb,
        serverlessMaxConcurrency: gate.serverlessMaxConcurrency,
        maxConcurrency: gate.maxConcurrency,
        workS3Uri: gate.workS3Uri,
        runId: liveRunId(ctx)
    };
}
function side(report) {
    const named = (values) => Object.fromEntries(Object.entries(values).flatMap(([name, value]) => value === undefined ? [] : [[`${LIVE_PREFIX}${name}`, value]]));
    return {
        metrics: named(report.report.values),
        standardDeviations: named(report.report.standardDeviations)
    };
}
/**
 * The deps live evaluation borrows from the run. Saved state is remembered, so that a
 * signal outside Actions (no post step) can still print the commands that remove what
 * was recorded.
 */
function liveDeps(ctx, saved) {
    return {
        ...ctx.aws,
        log: ctx.out,
        saveState: (name, value) => {
            if (name === TEMPORARY_STATE)
                saved.value = value;
            ctx.out.saveState(name, value);
        },
        sleep: ctx.sleep,
        now: ctx.now,
        tempDir: ctx.workDir
    };
}
function interrupted(ctx, saved, signal) {
    const recorded = parseTemporaryState(saved.value);
    if (recorded.length === 0)
        return `${signal} during live evaluation; nothing had been created.`;
    if (ctx.out.postStep)
        return `${signal} during live evaluation: the post step deletes the temporary resources recorded (${recorded.map(r => `${r.kind} ${r.name}`).join(', ')}).`;
    return `${signal} during live evaluation: remove the temporary resources with: ${recorded.map(cleanupCommand).join('; ')}`;
}
/** A dry run: the data checked, and the temporary resources a real run would create. */
async function dryRun(deps, live) {
    const resolved = resolveRequest(live);
    const data = await checkRequestData(deps, resolved);
    const names = liveNames(resolved.runId);
    const roles = live.baseline ? ['candidate', 'baseline'] : ['candidate'];
    const planned = resolved.method === 'batch-transform'
        ? roles.flatMap(role => [
            `model ${names.model(role)}`,
            `transform job ${names.transformJob(role)}`
        ])
        : roles.flatMap(role => [`model ${names.model(role)}`, `endpoint ${names.endpoint(role)}`]);
    return {
        outcome: 'dry-run',
        method: resolved.method,
        alpha: resolved.alpha,
        data: { source: resolved.data, sha256: data.sha256, rows: data.summary.rows },
        candidate: { metrics: {}, standardDeviations: {} },
        comparisons: {},
        planned
    };
}
/**
 * Evaluates the candidate (and the baseline, on the same rows) live when the gate has
 * validation data. Throws for bad data (before anything exists) and for a baseline that
 * cannot be served; a candidate that cannot be served comes back with `failure`.
 */
async function measureLive(ctx, settings, candidateArn, baselineArn) {
    if (!settings.gate.validationData)
        return undefined;
    const saved = { value: '' };
    const deps = liveDeps(ctx, saved);
    const live = request(ctx, settings, candidateArn, baselineArn);
    if (settings.dryRun)
        return ctx.steps.run('checking the validation data', () => dryRun(deps, live));
    const unwatch = ctx.interrupts?.watch(signal => interrupted(ctx, saved, signal));
    let result;
    try {
        result = await ctx.steps.run(`evaluating live (${live.method})`, () => runLiveEvaluation(deps, live));
    }
    finally {
        unwatch?.();
    }
    const common = {
        outcome: result.outcome,
        method: result.method,
        alpha: live.alpha ?? settings.gate.alpha,
        data: { source: result.data.source, sha256: result.data.sha256, rows: result.data.rows }
    };
    if (result.outcome === 'candidate-failed')
        return {
            ...common,
            candidate: { metrics: {}, standardDeviations: {} },
            comparisons: {},
            failure: { reason: result.candidate.failureReason, resource: result.candidate.resource }
        };
    return {
        ...common,
        candidate: side(result.candidate.report),
        baseline: result.baseline ? side(result.baseline.report) : undefined,
        comparisons: Object.fromEntries(Object.entries(result.comparison ?? {}).map(([name, c]) => [`${LIVE_PREFIX}${name}`, c]))
    };
}
/** What the policy and the report read of a version: the registry's metrics, the live ones beside them. */
function withLive(side, live) {
    if (!live)
        return side;
    return {
        ...side,
        metrics: {
            ...side.metrics,
            metrics: { ...side.metrics.metrics, ...live.metrics },
            standardDeviations: { ...side.metrics.standardDeviations, ...live.standardDeviations }
        }
    };
}
/**
 * A candidate that cannot be served fails the gate, whatever the other rules say: the
 * decision gains a failed rule with SageMaker's reason, first.
 */
function withServingFailure(decision, live) {
    if (!live?.failure)
        return decision;
    const explanation = `The candidate cannot be served (${live.failure.resource}): ${live.failure.reason}`;
    const served = {
        metric: `${LIVE_PREFIX}served`,
        kind: 'threshold',
        rule: 'served',
        verdict: 'fail',
        explanation
    };
    return {
        decision: 'fail',
        rules: [served, ...decision.rules],
        reasons: [explanation, ...decision.reasons]
    };
}
/** A number in few characters, for metadata values. */
function gate_short(value) {
    return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : 'NaN';
}
/**
 * The live facts mirrored in the candidate's customer metadata, most important first (the
 * 50-entry limit drops from the end): the data's sha256 and rows, then the metrics the
 * policy names with their comparison, then every other live metric.
 */
function liveMetadata(live, named) {
    if (!live || live.outcome === 'dry-run')
        return [];
    const entries = [
        [`${LIVE_PREFIX}data-sha256`, live.data.sha256],
        [`${LIVE_PREFIX}data-rows`, String(live.data.rows)],
        [`${LIVE_PREFIX}method`, live.method]
    ];
    if (live.failure)
        return entries;
    const metrics = Object.keys(live.candidate.metrics);
    const ordered = [
        ...metrics.filter(m => named.includes(m)),
        ...metrics.filter(m => !named.includes(m))
    ];
    for (const metric of ordered) {
        entries.push([metric, gate_short(live.candidate.metrics[metric])]);
        const c = live.comparisons[metric];
        if (c && named.includes(metric)) {
            const ci = c.ci ? ` ci=${gate_short(c.ci[0])}/${gate_short(c.ci[1])}` : '';
            const p = c.p_value !== null ? ` p=${gate_short(c.p_value)}` : '';
            entries.push([`${metric}:vs-baseline`, `delta=${gate_short(c.delta)}${ci}${p} ${c.test}`]);
        }
    }
    return entries;
}

;// CONCATENATED MODULE: ./build/src/registry/training.js
// What a training job (or a tuning job's best training job) tells us about the model it
// produced: the artifact, the image, the hyperparameters and the final metrics.


/** Tuning jobs whose best training job can no longer change. */
const FINISHED_TUNING = new Set(['Completed', 'Stopped']);
/** Reads the job `input` names; a name SageMaker cannot find or refuses is an error naming `input`. */
async function describeJob(input, job, describe) {
    try {
        return await describe();
    }
    catch (error) {
        const errorName = error.name;
        if (errorName === 'ResourceNotFound' || errorName === 'ValidationException') {
            throw new UserError(`Input "${input}": ${job} could not be read (${namedErrorMessage(error)}). Check the name, the region and the account.`);
        }
        throw error;
    }
}
function describeTrainingJob(sagemaker, name, input) {
    return describeJob(input, `training job "${name}"`, () => sagemaker.send(new client_sagemaker_dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: name })));
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
    const tuning = await describeJob('tuning-job-name', `tuning job "${source.tuningJobName}"`, () => sagemaker.send(new client_sagemaker_dist_cjs/* DescribeHyperParameterTuningJobCommand */.oj({
        HyperParameterTuningJobName: source.tuningJobName
    })));
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
const PROVENANCE_VALUES = new Set(Object.values(PROVENANCE_KEYS));
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
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListAssociationsCommand */.IOv({
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
    const contexts = await sagemaker.send(new client_sagemaker_dist_cjs/* ListContextsCommand */.Krs({ SourceUri: packageArn, MaxResults: CONTEXT_LIMIT }));
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
function readTrainingJob(describe, name, notes) {
    if (!name)
        return Promise.resolve(undefined);
    return readOrNote(`Training job "${name}"`, notes, async () => trainingJobFacts(await describe(name)));
}
/** DescribeTrainingJob, each job at most once however often it is asked for. */
function describeJobOnce(sagemaker) {
    const seen = new Map();
    return name => {
        let found = seen.get(name);
        if (!found) {
            found = sagemaker.send(new client_sagemaker_dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: name }));
            seen.set(name, found);
        }
        return found;
    };
}
/**
 * The package and the training job it records, without tuning job or associations: what a
 * comparison of two versions' hyperparameters, data and image needs, at one call a version.
 */
async function readTrainingLineage(sagemaker, pkg, describe = describeJobOnce(sagemaker)) {
    const facts = packageFacts(pkg);
    const story = metadataStory(facts.customerMetadata);
    const notes = [];
    const trainingJob = await readTrainingJob(describe, story.provenance[PROVENANCE_KEYS.trainingJob], notes);
    return { package: facts, story, trainingJob, notes };
}
/** Reads everything the lineage report shows about one described package. */
async function readLineage(sagemaker, pkg) {
    const facts = packageFacts(pkg);
    const story = metadataStory(facts.customerMetadata);
    const notes = [];
    const trainingJobName = story.provenance[PROVENANCE_KEYS.trainingJob];
    const tuningJobName = story.provenance[PROVENANCE_KEYS.tuningJob];
    const [trainingJob, tuningJob, associations] = await Promise.all([
        readTrainingJob(describeJobOnce(sagemaker), trainingJobName, notes),
        tuningJobName
            ? readOrNote(`Tuning job "${tuningJobName}"`, notes, async () => tuningJobFacts(await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeHyperParameterTuningJobCommand */.oj({
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
        notes.push(`No training or tuning job is recorded on this version (customer metadata "${PROVENANCE_KEYS.trainingJob}"): it was registered from a model artifact, or by another tool.`);
    }
    return { package: facts, story, trainingJob, tuningJob, associations: associations ?? [], notes };
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
function metrics_file_numberOf(value) {
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
    const number = metrics_file_numberOf(value);
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
                const sd = metrics_file_numberOf(entry.standard_deviation);
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

;// CONCATENATED MODULE: ./build/src/registry/metrics.js







function expectedDigest(digest) {
    const match = /^sha256:([0-9a-f]{64})$/i.exec(digest ?? '');
    return match ? match[1].toLowerCase() : undefined;
}
/**
 * Reads the metrics `needed` by the policy, going to S3 or the training job only while
 * some are still missing; with `deviations`, the statistics are read anyway for their
 * standard deviations (one S3 read). Sources that fail are noted, never trusted: a
 * statistics file whose content does not match its recorded digest contributes nothing.
 */
async function readVersionMetrics(clients, pkg, needed, options = {}) {
    const result = { metrics: {}, origin: {}, standardDeviations: {}, notes: [] };
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
    if ((missing().length > 0 || options.deviations) && statistics?.S3Uri) {
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
                const parsed = parseMetricsJson(text, statistics.S3Uri).metrics;
                add(metricValues(parsed), 'statistics');
                for (const metric of parsed) {
                    const sd = metric.standardDeviation;
                    if (sd !== undefined &&
                        Number.isFinite(sd) &&
                        result.metrics[metric.name] === metric.value)
                        result.standardDeviations[metric.name] = sd;
                }
            }
        }
        catch (error) {
            result.notes.push(`${label}: could not read ${statistics.S3Uri}: ${errors_errorMessage(error)}`);
        }
    }
    const trainingJob = pkg.CustomerMetadataProperties?.[PROVENANCE_KEYS.trainingJob];
    if (missing().length > 0 && trainingJob) {
        try {
            const job = options.describeJob
                ? await options.describeJob(trainingJob)
                : await clients.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeTrainingJobCommand */.Sjt({ TrainingJobName: trainingJob }));
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
        if (error instanceof Error && error.name === 'NoSuchBucket') {
            throw new UserError(`Input "${input}": bucket ${location.bucket} does not exist (${uri}). Check the bucket name and the region of the credentials.`);
        }
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
 * The metrics `needed` with their standard deviations, and the training job (one call when
 * one is recorded) whose hyperparameters and data the report compares.
 */
async function readSide(clients, pkg, needed) {
    const describeJob = describeJobOnce(clients.sagemaker);
    const [metrics, lineage] = await Promise.all([
        readVersionMetrics(clients, pkg, needed, { deviations: true, describeJob }),
        readTrainingLineage(clients.sagemaker, pkg, describeJob)
    ]);
    return { metrics, lineage };
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
    const needed = policyMetrics(gate.policy).filter(name => !name.startsWith(LIVE_PREFIX));
    const [read, readBaseline] = await ctx.steps.run('reading the metrics and training jobs', () => Promise.all([
        readSide({ sagemaker, s3 }, candidate, needed),
        baseline ? readSide({ sagemaker, s3 }, baseline, needed) : undefined
    ]));
    for (const side of [read, readBaseline]) {
        for (const note of side?.metrics.notes ?? [])
            ctx.out.warning(note);
        for (const note of side?.lineage.notes ?? [])
            ctx.out.info(note);
    }
    return {
        candidate: { arn: candidateArn, pkg: candidate, ...read },
        baseline: baselineArn && baseline && readBaseline
            ? { arn: baselineArn, pkg: baseline, ...readBaseline }
            : undefined
    };
}
const runGate = async (ctx, settings) => {
    const { gate, group } = settings;
    const cache = new VersionCache(ctx.aws.sagemaker);
    const { candidate, baseline } = await readSides(ctx, settings, cache);
    const live = await measureLive(ctx, settings, candidate.arn, baseline?.arn);
    const seen = withLive(candidate, live?.candidate);
    const baseSeen = baseline && withLive(baseline, live?.baseline);
    // Decide (pure).
    const version = candidate.pkg.ModelPackageVersion ?? versions_versionFromArn(candidate.arn);
    const decision = withServingFailure(evaluatePolicy(gate.policy, { version, arn: candidate.arn, metrics: seen.metrics.metrics }, baseSeen && { ...baseSeen.metrics, version: baseSeen.pkg.ModelPackageVersion }, { live: live && { comparisons: live.comparisons, test: gate.regressionTest } }), live);
    ctx.steps.done(`computing the verdict (${decision.decision})`);
    const known = new Map([candidate, baseline].flatMap(s => (s ? [[s.arn, s.metrics.metrics]] : [])));
    const history = await readHistory(ctx, group, settings.history, cache, known);
    // Write.
    const hash = policySha256(gate.policy);
    const liveEntries = liveMetadata(live, policyMetrics(gate.policy));
    const facts = { policySha256: hash, liveEntries };
    const { status, written } = await writeGateDecision(ctx, settings, candidate.pkg, decision, facts);
    // Publish.
    const report = {
        group: group.name,
        region: settings.region,
        candidate: { ...versionReport(candidate.pkg, seen), status },
        baseline: baseSeen && {
            ...versionReport(baseSeen.pkg, baseSeen),
            label: baselineLabel(gate.baseline, baseSeen.pkg, group)
        },
        live,
        decision,
        history,
        runUrl: runUrl(ctx.github) || undefined,
        dryRun: settings.dryRun,
        written,
        policySha256: hash,
        directions: gate.policy.directions,
        serverUrl: ctx.github.serverUrl
    };
    ctx.out.setOutput('decision', decision.decision);
    ctx.out.setOutput('model-package-arn', candidate.arn);
    ctx.out.setOutput('model-package-version', version);
    ctx.out.setOutput('approval-status', status);
    ctx.out.setOutput('baseline-model-package-arn', baseline?.arn ?? '');
    await ctx.steps.run('publishing the report', () => publish(ctx, {
        markdown: renderReport(report),
        text: options => renderGateText(report, options),
        log: gateLog(report),
        json: {
            fileName: reportFileName(group, `v${candidate.pkg.ModelPackageVersion ?? 'unknown'}`),
            data: reportJson(report)
        },
        comment: { group, enabled: settings.comment }
    }));
    const reason = decision.rules.map(rule => rule.explanation).join(' ');
    const audit = {
        decision: decision.decision,
        reason,
        packages: [candidate.arn],
        policyHash: hash,
        dataHash: live?.data?.sha256
    };
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
        const found = await sagemaker.send(new client_sagemaker_dist_cjs/* GetModelPackageGroupPolicyCommand */.iZ4({ ModelPackageGroupName: groupName }));
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
        await sagemaker.send(new client_sagemaker_dist_cjs/* PutModelPackageGroupPolicyCommand */.Zve({
            ModelPackageGroupName: groupName,
            ResourcePolicy: policyText(change.document)
        }));
    }
    else {
        await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelPackageGroupPolicyCommand */.JF_({ ModelPackageGroupName: groupName }));
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
        const existing = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.name }));
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
        const created = await sagemaker.send(new client_sagemaker_dist_cjs/* CreateModelPackageGroupCommand */.EWw(input));
        out.info(`Created model package group "${group.name}".`);
        return { arn: created.ModelPackageGroupArn, created: true, exists: true };
    }
    catch (error) {
        // Another job registering into the same new group may have won the race.
        if (!isAlreadyExists(error))
            throw error;
        const existing = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelPackageGroupCommand */.ruq({ ModelPackageGroupName: group.name }));
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
        await ctx.steps.run(`deleting v${version.version}`, () => sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelPackageCommand */.kU4({ ModelPackageName: version.arn })));
        ctx.steps.changed(`deleted v${version.version}`);
        ctx.out.info(`Deleted v${version.version}`);
    }
    await ctx.steps.run(`deleting group "${group.name}"`, () => sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelPackageGroupCommand */.P9U({ ModelPackageGroupName: group.nameOrArn })));
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
        ['status', jobStatus(job.status, job.secondaryStatus)],
        ['failure reason', job.failureReason],
        ['algorithm image', job.image],
        ['algorithm resource', job.algorithmName],
        ['input mode', job.inputMode],
        ['instances', job.instanceType ? `${job.instanceCount ?? 1} × ${job.instanceType}` : undefined],
        ['role', job.roleArn],
        ['started', dateTime(job.started ?? job.created)],
        ['ended', dateTime(job.ended)],
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
        .map(([status, count]) => `${statusWords(status)} ${count}`);
    const objective = job.objective
        ? `${job.objective.type ?? ''} ${job.objective.metric ?? ''}`.trim()
        : undefined;
    const best = job.bestObjective?.value !== undefined
        ? `${job.bestObjective.metric ?? ''} ${formatNumber(job.bestObjective.value)}`.trim()
        : undefined;
    const rows = [
        ['status', statusWords(job.status)],
        ['strategy', job.strategy],
        ['objective', objective],
        ['best training job', job.bestTrainingJob],
        ['best objective value', best],
        ['training jobs', list(counts)],
        ['created', dateTime(job.created)],
        ['ended', dateTime(job.ended)],
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
        ['approval', statusWords(pkg.approvalStatus)],
        // Up to 1,024 characters, the API's limit: shown whole, never cut mid-sentence.
        [
            'approval description',
            pkg.approvalDescription ? escape_escapeText(pkg.approvalDescription, 1100) : undefined,
            true
        ],
        [
            'package status',
            pkg.packageStatus !== 'Completed' ? statusWords(pkg.packageStatus) : undefined
        ],
        ['created', dateTime(pkg.created)],
        ['last modified', dateTime(pkg.lastModified)]
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
    [PROVENANCE_KEYS.ref]: 'ref',
    [PROVENANCE_KEYS.actor]: 'registered by',
    [PROVENANCE_KEYS.runId]: 'run id',
    [PROVENANCE_KEYS.runAttempt]: 'run attempt',
    [PROVENANCE_KEYS.trainingJob]: 'training job',
    [PROVENANCE_KEYS.tuningJob]: 'tuning job',
    [PROVENANCE_KEYS.fingerprint]: 'registration fingerprint'
};
/** Metadata keys that repeat what the package itself says; shown only when they differ. */
function repeats(data) {
    const containers = data.package.containers;
    return {
        [PROVENANCE_KEYS.commit]: data.package.metadataProperties.CommitId,
        [PROVENANCE_KEYS.image]: containers.find(c => c.image === data.story.provenance[PROVENANCE_KEYS.image])?.image,
        [PROVENANCE_KEYS.modelData]: containers.find(c => c.modelDataUrl === data.story.provenance[PROVENANCE_KEYS.modelData])?.modelDataUrl
    };
}
function provenanceSection(data) {
    const meta = data.package.metadataProperties;
    const repository = repositoryUrl(meta.Repository);
    const story = data.story.provenance;
    const commit = meta.CommitId ?? story[PROVENANCE_KEYS.commit];
    const pr = story[PROVENANCE_KEYS.pullRequest];
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
        if (key === PROVENANCE_KEYS.pullRequest || same[key] === value)
            continue;
        if (key === PROVENANCE_KEYS.commit && value === commit)
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
        const decimals = metricDecimals(values);
        return [
            breakable(escapeCell(name, 200)),
            fixed(values[0], decimals),
            ...(showFinal ? [fixed(values[1], decimals)] : [])
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
    const status = statusWords(pkg.approvalStatus);
    return [
        `## Lineage: ${group} ${label}`,
        '',
        `${status ? `**${escape_escapeText(status, 50)}**` : 'status unknown'}${pkg.created ? ` · registered ${escape_escapeText(dateTime(pkg.created) ?? pkg.created, 40)}` : ''} · ${escape_escapeText(data.region, 50)}`,
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








async function group_describe(ctx, { group }) {
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
        await group_describe(ctx, settings);
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
    const report = {
        ...lineage,
        audit,
        group: settings.group.nameOrArn,
        region: settings.region,
        runUrl: runUrl(ctx.github) || undefined
    };
    const version = lineage.package.version;
    ctx.out.setOutput('model-package-arn', arn);
    if (version !== undefined)
        ctx.out.setOutput('model-package-version', version);
    if (lineage.package.approvalStatus)
        ctx.out.setOutput('approval-status', lineage.package.approvalStatus);
    await ctx.steps.run('writing the report', () => publish(ctx, {
        markdown: renderLineage(report),
        text: options => renderLineageText(report, options),
        log: [
            ...lineage.notes,
            `Lineage of ${settings.group.name} ${version !== undefined ? `v${version}` : arn}: ${lineage.trainingJob ? `training job ${lineage.trainingJob.name}` : 'no training job'}, ${lineage.associations.length} lineage associations, ${Object.keys(lineage.story.deployments).length} recorded deployments, ${audit.length} audited runs`
        ],
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
    const response = await sagemaker.send(new client_sagemaker_dist_cjs/* CreateModelPackageCommand */.N$s(input));
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
            if (description.CustomerMetadataProperties?.[PROVENANCE_KEYS.fingerprint] !== fingerprint)
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
        // Still throttled after the SDK's own retries: the package exists, so keep waiting
        // (with the same backoff, within the same limit) rather than fail a registration that worked.
        const description = await describeVersion(sagemaker, arn).catch((error) => {
            if (isThrottling(error) && waited < maxWait)
                return undefined;
            throw error;
        });
        const status = description?.ModelPackageStatus;
        if (description && status === 'Completed')
            return description;
        if (description && status === 'Failed') {
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
/** What a new version is when `approval-status` is not given. */
const INITIAL_STATUS = 'PendingManualApproval';
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
        stageStatus: STAGE_STATUS[register.approvalStatus ?? INITIAL_STATUS],
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
    if (fit.dropped.length > 0)
        out.warning(droppedSummary(fit.dropped));
    const statistics = statisticsOf(facts, fingerprint, metrics, out);
    const request = {
        group: facts.group,
        modelDataUrl: source.modelDataUrl,
        imageUri: source.imageUri,
        description: register.description,
        approvalStatus: register.approvalStatus ?? INITIAL_STATUS,
        contentTypes: register.contentTypes,
        responseTypes: register.responseTypes,
        realtimeInstanceTypes: register.inferenceInstances,
        transformInstanceTypes: register.transformInstances,
        statistics,
        metadataProperties: metadataProperties(facts.run, register.projectId),
        customerMetadata: fit.metadata,
        lifecycle: lifecycle(facts)
    };
    return {
        source,
        fingerprint,
        metrics,
        mirrored: fit.mirrored,
        statistics,
        request,
        askedStatus: register.approvalStatus
    };
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
    ctx.out.info(`Version ${version} was already registered from this commit and model (${arn}); reusing it.`);
    const differing = differingMetrics(match, plan.mirrored);
    if (differing.length > 0) {
        ctx.out.warning(`Version ${version} keeps the metrics it was registered with (ModelMetrics cannot change): ${differing.join('; ')}.`);
    }
    const description = match.ModelPackageStatus !== 'Completed' && !dryRun
        ? await ctx.steps.run(`waiting for v${version} to complete`, () => waitForPackage(ctx.aws.sagemaker, arn, { sleep: ms => ctx.sleep(ms) }))
        : match;
    const status = description.ModelApprovalStatus;
    // Only a status the user asked for can be at odds with the version's; the default is no wish.
    const asked = plan.askedStatus;
    if (asked && status && status !== asked) {
        ctx.out.warning(`Version ${version} is ${status}; "approval-status" ${asked} applies to new versions only (use mode "approve" or "reject" to change it).`);
    }
    return { arn, version, created: false, approvalStatus: status ?? plan.request.approvalStatus };
}
/** A first run: the statistics uploaded (or attached), the version created and waited for. */
async function createRegistration(ctx, plan, retryAfter, dryRun) {
    const { ClientToken: _, ...request } = createPackageInput({ ...plan.request, clientToken: '' });
    const input = { ...request, ClientToken: clientToken(plan.fingerprint, request, retryAfter) };
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
        ['Approval status', statusWords(view.result.approvalStatus) ?? view.result.approvalStatus],
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
    const { arn, source, rolledBackFrom } = await ctx.steps.run('finding the version to roll back to', () => resolveRollbackTarget(ctx, settings, live, current));
    if (!rolledBackFrom && arn === current && live.variants.length === 1) {
        throw new UserError(`Endpoint ${live.name} already serves ${arn} (${source}): there is nothing to roll back.`);
    }
    // A version named in "model-package" that does not exist is the input's mistake, said so.
    const target = await ctx.steps.run(`reading ${arn}`, () => deploy.modelPackage
        ? forNamedVersion('model-package', arn, () => approvedTarget(ctx, arn, 1))
        : approvedTarget(ctx, arn, 1));
    const from = rolledBackFrom ?? current;
    const replaced = deploy.rejectCurrent && from !== target.arn ? from : undefined;
    const description = replaced
        ? await ctx.steps.run(`reading ${replaced}`, () => describeVersion(ctx.aws.sagemaker, replaced))
        : undefined;
    // On a re-run, a version already Rejected is the earlier attempt's decision: not made twice.
    const rejected = rolledBackFrom !== undefined && description?.ModelApprovalStatus === 'Rejected';
    const reject = replaced && description && !rejected
        ? rejectRequest(ctx, description, replaced, deploy.endpointName, deploy.reason ?? '')
        : undefined;
    ctx.out.info(rolledBackFrom
        ? `Endpoint ${live.name} already serves ${arn}: this workflow run (${runLabel(ctx.github)}) rolled it back from ${rolledBackFrom}. ${reject ? `What is left: marking ${rolledBackFrom} Rejected.` : 'Nothing to do.'}`
        : `Rolling endpoint ${live.name} back from ${current ?? 'an unknown package'} to ${arn} (${source})`);
    // Plan, write, publish: the same path as deploy.
    const outcome = await runDeployment(ctx, settings, {
        kind: 'rollback',
        targets: [target],
        live,
        reject,
        rolledBackFrom
    });
    if (rejected)
        ctx.out.setOutput('approval-status', 'Rejected');
    const audit = deploymentAudit(outcome, live, 'rolled-back', from ? [from] : []);
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
    group: runGroup,
    'ab-test': runAbTest
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
    const retries = tallyRetries(aws);
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
        const waited = retrySummary(retries);
        if (waited)
            out.info(waited);
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
    group: 'Describe, list, tag, share, unshare or delete the model package group.',
    'ab-test': 'Decide an A/B test on an endpoint from captured traffic and ground truth; promote the winner.'
};
const OPTIONS_HELP = `Options: --help (with a mode: that mode's flags), --version, --verbose (debug output),
  --output text|markdown|json (default text: aligned plain text, coloured on a terminal
  unless NO_COLOR is set; markdown: the job summary's Markdown; json: one JSON object with
  the outputs and the report's data). With markdown and json, stdout holds only the report;
  messages go to stderr.`;
const USAGE = `Usage: ${COMMAND} <mode> [--flag value ...]

Modes:
${MODES.map(mode => `  ${mode.padEnd(9)} ${MODE_SUMMARY[mode]}`).join('\n')}
  ${'metrics'.padEnd(9)} ${METRICS_SUMMARY} (CLI only)

Flags are the action's input names, e.g.
  ${COMMAND} gate --model-package-group churn --thresholds "validation:auc >= 0.85"
A flag given twice adds a line to a multi-line input; a true/false flag given alone means "true".
Outputs are printed as name=value lines (and appended to $GITHUB_OUTPUT when it is set);
with --output json they are the object's "outputs". Exit code 0 on success, 1 on a failed
gate, deployment or any error.
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
/** What the CLI prints a report as. */
const OUTPUT_FORMS = ['text', 'markdown', 'json'];
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
    verbose: { type: 'boolean' },
    output: { type: 'string' }
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
    const output = OUTPUT_FORMS.find(form => form === (parsed.values.output ?? 'text'));
    if (output === undefined) {
        const given = String(parsed.values.output);
        const near = nearestName(given, OUTPUT_FORMS);
        throw usageError(`Flag --output must be one of ${OUTPUT_FORMS.join(', ')}; got "${given}"${near ? ` (did you mean "${near}"?)` : ''}.`);
    }
    const rawMode = inputs.get('mode');
    if (rawMode !== undefined && mode === undefined)
        throw unknownMode(rawMode);
    if (mode)
        checkInputNames(mode, [...inputs.keys()], true);
    return {
        inputs,
        output,
        mode,
        help: parsed.values.help === true,
        version: parsed.values.version === true,
        verbose: parsed.values.verbose === true
    };
}
function consoleReporter(view, outputs) {
    // A person reads text in one stream; a machine reading markdown or json gets stdout clean.
    const message = view.form === 'text' ? console.log : console.error;
    return {
        info: text => message(text),
        warning: text => console.error(`warning: ${text}`),
        error: text => console.error(`error: ${text}`),
        debug: text => {
            if (view.verbose)
                console.error(`debug: ${text}`);
        },
        setOutput: (name, value) => outputs.set(name, String(value)),
        summary: async (markdown) => {
            await present({ markdown, log: [] });
        },
        present,
        // Outside Actions there is no post step; modes clean up in their own `finally`.
        saveState: () => undefined
    };
    async function present(report) {
        if (view.form === 'json') {
            view.data = report.data ?? null;
            return;
        }
        if (view.form === 'markdown') {
            for (const line of report.log)
                console.error(line);
            console.log(report.markdown);
            return;
        }
        const options = { color: view.color };
        process.stdout.write(report.text ? report.text(options) : markdownToText(report.markdown, options));
    }
}
function printOutputs(view, outputs, failure) {
    if (view.form === 'json') {
        const result = {
            outputs: Object.fromEntries(outputs),
            report: view.data ?? null,
            ...(failure ? { error: failure } : {})
        };
        console.log(JSON.stringify(result, null, 2));
        return;
    }
    const print = view.form === 'text' ? console.log : console.error;
    for (const [name, value] of outputs)
        print(`${name}=${value}`);
}
/** `metrics`: no registry, no outputs; the statistics JSON on stdout. */
async function runMetrics(argv, env) {
    if (argv.includes('--help') || argv.includes('-h')) {
        console.log(metricsUsage(COMMAND));
        return 0;
    }
    try {
        const document = await metricsCommand(argv, env, message => console.error(`warning: ${message}`));
        console.log(JSON.stringify(document, null, 2));
        return 0;
    }
    catch (error) {
        console.error(`error: ${describeError(error)}`);
        return 1;
    }
}
async function cli(argv, env = process.env) {
    if (argv[0]?.toLowerCase() === 'metrics')
        return runMetrics(argv.slice(1), env);
    const outputs = new Map();
    const view = { form: 'text', color: false, verbose: false };
    let failure;
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
        Object.assign(view, {
            form: args.output,
            color: useColor(process.stdout, env),
            verbose: args.verbose
        });
        if (args.inputs.size === 0) {
            console.log(USAGE);
            return 1;
        }
        const settings = readSettings(name => args.inputs.get(name) ?? '', env);
        const outcome = await executeMode(settings, consoleReporter(view, outputs), env);
        failure = outcome.failed;
        // On a terminal the failure reads in the report's words (≤, →), not the policy's syntax.
        if (outcome.failed)
            console.error(`error: ${view.form === 'text' ? text_plain(outcome.failed, 10_000) : outcome.failed}`);
        return outcome.failed ? 1 : 0;
    }
    catch (error) {
        failure = describeError(error);
        console.error(`error: ${failure}`);
        return 1;
    }
    finally {
        if (outputs.size > 0 || view.form === 'json')
            printOutputs(view, outputs, failure);
        for (const [name, value] of outputs) {
            if (env.GITHUB_OUTPUT && !value.includes('\n'))
                (0,external_node_fs_.appendFileSync)(env.GITHUB_OUTPUT, `${name}=${value}\n`);
        }
    }
}


/***/ })

};
