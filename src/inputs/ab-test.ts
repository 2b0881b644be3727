// The inputs of `ab-test`: the endpoint and where its captured requests and ground truth
// are, the window, the policy (`live:` metrics of the joined requests, `ops:` figures from
// CloudWatch), the test's levels, and how a winner is promoted.
import { OPS_NAMES } from '../abtest/operations.js'
import { BINARY_METRICS } from '../evaluation/binary-values.js'
import { MULTICLASS_METRICS } from '../evaluation/multiclass.js'
import { REGRESSION_METRICS } from '../evaluation/regression.js'
import type { Policy } from '../policy/types.js'
import type { AbTestSettings, OnVerdict, Task } from '../settings.js'
import { readEndpointName } from './deploy.js'
import { given, readPolicy, readTestLevels } from './gate.js'
import { checkRoleArn, checkS3Uri } from './parsers.js'
import { InputError, required, type Inputs } from './reader.js'
import { DEFAULTS, TASKS } from './table.js'

export const ON_VERDICT: readonly OnVerdict[] = ['none', 'promote']
/** Ninety days: CloudWatch keeps 1-hour data points for 455 days, but captures are hourly folders to list. */
const WINDOW_HOURS_MAX = 2160

const TASK_METRICS: Record<Task, readonly string[]> = {
  binary: BINARY_METRICS,
  multiclass: MULTICLASS_METRICS,
  regression: REGRESSION_METRICS
}

/** Every rule names `live:<metric of the task>` or, in thresholds only, `ops:<figure>`. */
function checkMetrics(policy: Policy, task: Task): void {
  const rules = [...policy.thresholds, ...policy.regressions]
  for (const rule of rules) {
    const input = rule.kind === 'threshold' ? 'thresholds' : 'max-regression'
    const [prefix, name = ''] = rule.metric.split(/:(.*)/s)
    const where = `Input "${input}" line ${rule.line}`
    if (prefix === 'live' && TASK_METRICS[task].includes(name)) continue
    if (prefix === 'ops' && OPS_NAMES.includes(name as never)) {
      if (rule.kind === 'threshold') continue
      throw new InputError(
        input,
        `${where}: "${rule.metric}" is a limit, not a comparison; write it in "thresholds", e.g. "ops:error_rate <= 0.01" or "ops:model_latency_p99 <= 200".`
      )
    }
    throw new InputError(
      input,
      `${where}: mode "ab-test" decides on live:<metric> (${task}: ${TASK_METRICS[task].join(', ')}) and ops:<figure> (${OPS_NAMES.join(', ')}); got "${rule.metric}".`
    )
  }
}

function readAbPolicy(inputs: Inputs, task: Task): Policy {
  const text = {
    thresholds: inputs.get('thresholds'),
    maxRegression: inputs.get('max-regression'),
    metricDirections: inputs.get('metric-directions')
  }
  if (!given(text.thresholds) && !given(text.maxRegression)) {
    if (given(text.metricDirections)) {
      throw new InputError(
        'metric-directions',
        'Input "metric-directions" applies to metrics named in "thresholds" or "max-regression", and both are empty.'
      )
    }
    return { thresholds: [], regressions: [], directions: {} }
  }
  const policy = readPolicy(text)
  checkMetrics(policy, task)
  return policy
}

export function readAbTest(inputs: Inputs): AbTestSettings {
  const endpointName = readEndpointName(inputs, 'ab-test')
  const groundTruthS3Uri = checkS3Uri('ground-truth-s3-uri', inputs.optional('ground-truth-s3-uri'))
  if (groundTruthS3Uri === undefined) {
    throw required(
      'ground-truth-s3-uri',
      'ab-test',
      "the S3 prefix of the labels, in Model Monitor's ground-truth format"
    )
  }
  const task = inputs.oneOf('task', TASKS)
  // The engine's intervals and bounds need alpha below 0.5.
  const { decisionThreshold, alpha } = readTestLevels(inputs, 0.5)
  const dataCaptureS3Uri = checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri'))
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
      canarySize: Number(DEFAULTS['canary-size']),
      linearStepSize: Number(DEFAULTS['linear-step-size']),
      waitIntervalSeconds: 0,
      terminationWaitSeconds: 0,
      rollbackAlarms: [],
      waitTimeoutSeconds: inputs.int('wait-timeout', 1),
      environment: inputs.optional('environment'),
      traffic: [],
      rejectCurrent: false
    }
  }
}
