// The inputs of `gate`: the policy (parsed here, once, and carried parsed), the baseline,
// what to write on pass and fail, and the settings of live evaluation.
import { REGRESSION_TESTS } from '../evaluation/readings.js'
import { LIVE_PREFIX, parsePolicy, PolicyError, type Policy } from '../policy/index.js'
import { RESOURCE_NAME } from '../registry/names.js'
import { formatS3Uri, parseS3Uri } from '../registry/s3.js'
import type { BaselineSpec, CommonSettings, GateSettings } from '../settings.js'
import {
  checkInstanceType,
  checkRoleArn,
  checkS3Uri,
  modelPackageRef,
  serverless
} from './parsers.js'
import { InputError, invalid, type Inputs } from './reader.js'
import { TASKS, VALIDATION_METHODS } from './table.js'

/** The policy as the user wrote it, by input. */
export interface PolicyText {
  thresholds: string
  maxRegression: string
  metricDirections: string
}

/**
 * Policy text counts as absent when it holds nothing but blank or comment lines; otherwise
 * it is parsed as given, so that the messages of `src/policy` name lines and columns the
 * user can find.
 */
export function given(text: string): string {
  return text.split('\n').some(l => l.trim() && !l.trim().startsWith('#')) ? text : ''
}

/** Parses `thresholds`, `max-regression` and `metric-directions`; an error names the input. */
export function readPolicy(text: PolicyText): Policy {
  const thresholds = given(text.thresholds)
  const maxRegression = given(text.maxRegression)
  if (!thresholds && !maxRegression) {
    throw new InputError(
      'thresholds',
      'Mode "gate" needs a policy: set "thresholds" (e.g. validation:auc >= 0.85), "max-regression" (e.g. validation:auc -0.01), or both.'
    )
  }
  try {
    return parsePolicy(thresholds, maxRegression, given(text.metricDirections))
  } catch (error) {
    // The policy grammar's own message already names the input, line and column.
    if (error instanceof PolicyError)
      throw new InputError(error.input ?? 'thresholds', error.message)
    throw error
  }
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

/** How live evaluation runs: the method and the capacity it runs on. */
function readEvaluationCompute(
  inputs: Inputs
): Pick<
  GateSettings,
  'validationMethod' | 'instanceType' | 'serverlessMemoryMb' | 'serverlessMaxConcurrency'
> {
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
  return { validationMethod, instanceType, serverlessMemoryMb, serverlessMaxConcurrency }
}

/**
 * The data of live evaluation and what it needs: a role to run the models, and for batch
 * transform a place in S3 (beside S3 data by default). A policy naming `live:` metrics
 * without data would fail every such rule; it is refused here, before any AWS call.
 */
function readLiveData(
  inputs: Inputs,
  policy: Policy,
  method: GateSettings['validationMethod'],
  executionRoleArn: string | undefined
): Pick<GateSettings, 'validationData' | 'workS3Uri'> {
  const validationData = inputs.optional('validation-data')
  const work = checkS3Uri('work-s3-uri', inputs.optional('work-s3-uri'))
  const live = [...policy.thresholds, ...policy.regressions].find(rule =>
    rule.metric.startsWith(LIVE_PREFIX)
  )
  if (validationData === undefined) {
    if (live)
      throw new InputError(
        'validation-data',
        `The policy names ${live.metric}, a metric measured live: set "validation-data" to the CSV to evaluate on, or name registry metrics only.`
      )
    return {}
  }
  const s3 = validationData.startsWith('s3://')
  if (s3) checkS3Uri('validation-data', validationData)
  if (executionRoleArn === undefined)
    throw new InputError(
      'execution-role-arn',
      'Input "execution-role-arn" is required with "validation-data": SageMaker assumes the role to run the candidate and the baseline on the temporary endpoint or transform job.'
    )
  if (work !== undefined || method !== 'batch-transform') return { validationData, workS3Uri: work }
  if (!s3)
    throw new InputError(
      'work-s3-uri',
      `Input "work-s3-uri" is required for validation-method batch-transform with local data: the S3 prefix where ${validationData} is uploaded for the transform jobs and their output is written.`
    )
  const location = parseS3Uri(validationData, 'validation-data')
  const folder = location.key.includes('/')
    ? location.key.slice(0, location.key.lastIndexOf('/'))
    : ''
  return { validationData, workS3Uri: formatS3Uri({ bucket: location.bucket, key: folder }) }
}

/** `decision-threshold` (0 to 1) and `alpha` (between 0 and `alphaMax`, exclusive). */
export function readTestLevels(
  inputs: Inputs,
  alphaMax: number
): { decisionThreshold: number; alpha: number } {
  const thresholdRange = 'a number from 0 to 1'
  const decisionThreshold = inputs.decimal('decision-threshold', thresholdRange)
  if (decisionThreshold > 1) {
    throw invalid('decision-threshold', inputs.get('decision-threshold'), thresholdRange)
  }
  const alphaRange = `a number between 0 and ${alphaMax} (exclusive), such as 0.05`
  const alpha = inputs.decimal('alpha', alphaRange)
  if (alpha <= 0 || alpha >= alphaMax) throw invalid('alpha', inputs.get('alpha'), alphaRange)
  return { decisionThreshold, alpha }
}

export function readGate(inputs: Inputs, common: CommonSettings): GateSettings {
  const policy = readPolicy({
    thresholds: inputs.get('thresholds'),
    maxRegression: inputs.get('max-regression'),
    metricDirections: inputs.get('metric-directions')
  })
  const { validationMethod, instanceType, serverlessMemoryMb, serverlessMaxConcurrency } =
    readEvaluationCompute(inputs)
  // A two-sided interval at alpha 0.5 or more is no interval: the paired tests refuse it.
  const { decisionThreshold, alpha } = readTestLevels(inputs, 0.5)
  const labelColumn = inputs.get('label-column')
  const executionRoleArn = checkRoleArn(inputs)
  const { validationData, workS3Uri } = readLiveData(
    inputs,
    policy,
    validationMethod,
    executionRoleArn
  )
  return {
    modelPackage: modelPackageRef(inputs.optional('model-package'), common),
    policy,
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
    executionRoleArn,
    instanceType,
    serverlessMemoryMb,
    serverlessMaxConcurrency,
    maxConcurrency: inputs.int('max-concurrency', 1, 64),
    regressionTest: inputs.oneOf('regression-test', REGRESSION_TESTS),
    workS3Uri
  }
}
