// The inputs of `gate`: the policy (parsed here, once, and carried parsed), the baseline,
// what to write on pass and fail, and the settings of live evaluation.
import { parsePolicy, PolicyError, type Policy } from '../policy/index.js'
import { RESOURCE_NAME } from '../registry/names.js'
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
  const { decisionThreshold, alpha } = readTestLevels(inputs, 1)
  const labelColumn = inputs.get('label-column')
  const validationData = inputs.optional('validation-data')
  if (validationData?.startsWith('s3://')) checkS3Uri('validation-data', validationData)
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
    executionRoleArn: checkRoleArn(inputs),
    instanceType,
    serverlessMemoryMb,
    serverlessMaxConcurrency,
    maxConcurrency: inputs.int('max-concurrency', 1, 64)
  }
}
