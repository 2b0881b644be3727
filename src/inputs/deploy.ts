// The inputs of `deploy` and `rollback`: the endpoint, its capacity, the blue/green
// strategy and its timings (checked against each other), alarms, A/B weights, and
// rollback's reject-current.
import { RESOURCE_NAME } from '../registry/names.js'
import type { CommonSettings, DeploymentStrategy, DeploySettings } from '../settings.js'
import {
  checkInstanceType,
  checkLength,
  checkRoleArn,
  checkS3Uri,
  DESCRIPTION_MAX,
  modelPackageRef,
  serverless,
  splitList
} from './parsers.js'
import { InputError, invalid, required, shown, type Inputs } from './reader.js'
import { DEFAULTS, DEPLOYMENT_STRATEGIES } from './table.js'

/** How many wait intervals a blue/green update bakes for, by traffic-shifting strategy. */
function bakeIntervals(strategy: DeploymentStrategy, linearStep: number): number {
  if (strategy === 'canary') return 2
  if (strategy === 'linear') return Math.ceil(100 / linearStep)
  return 1
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

const ENDPOINT_ROLE = {
  deploy: 'the endpoint to deploy to',
  rollback: 'the endpoint to roll back',
  'ab-test': 'the endpoint whose variants are compared'
} as const

export function readEndpointName(inputs: Inputs, mode: keyof typeof ENDPOINT_ROLE): string {
  const endpointName = inputs.optional('endpoint-name')
  if (endpointName === undefined) throw required('endpoint-name', mode, ENDPOINT_ROLE[mode])
  if (!RESOURCE_NAME.test(endpointName)) {
    throw invalid(
      'endpoint-name',
      endpointName,
      'an endpoint name of 1-63 letters, digits and hyphens'
    )
  }
  return endpointName
}

type Strategy = Pick<
  DeploySettings,
  | 'deploymentStrategy'
  | 'canarySize'
  | 'linearStepSize'
  | 'waitIntervalSeconds'
  | 'terminationWaitSeconds'
  | 'maxExecutionTimeoutSeconds'
  | 'waitTimeoutSeconds'
>

/** The blue/green strategy and its timings, which must leave room for each other. */
function readStrategy(inputs: Inputs, instanceType: string | undefined): Strategy {
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
  return {
    deploymentStrategy,
    canarySize,
    linearStepSize,
    waitIntervalSeconds,
    terminationWaitSeconds,
    maxExecutionTimeoutSeconds,
    waitTimeoutSeconds
  }
}

function readAlarms(inputs: Inputs): string[] {
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
  return rollbackAlarms
}

/** Data capture: where to, and the share of requests; a percentage alone is a mistake. */
function readCapture(
  inputs: Inputs
): Pick<DeploySettings, 'dataCaptureS3Uri' | 'dataCaptureSamplingPercentage'> {
  const dataCaptureS3Uri = checkS3Uri('data-capture-s3-uri', inputs.optional('data-capture-s3-uri'))
  const percentage = 'data-capture-sampling-percentage'
  // The action passes every default, so only a value other than the default is a mistake.
  if (dataCaptureS3Uri === undefined && inputs.get(percentage) !== DEFAULTS[percentage]) {
    throw new InputError(
      percentage,
      `Input "${percentage}" needs "data-capture-s3-uri": it is the share of requests captured there.`
    )
  }
  return { dataCaptureS3Uri, dataCaptureSamplingPercentage: inputs.int(percentage, 1, 100) }
}

export function readDeploy(
  inputs: Inputs,
  mode: 'deploy' | 'rollback',
  common: CommonSettings
): DeploySettings {
  const endpointName = readEndpointName(inputs, mode)
  const rawInstanceType = inputs.optional('instance-type')
  const instanceType =
    rawInstanceType === undefined
      ? undefined
      : checkInstanceType('instance-type', rawInstanceType, 'realtime')
  const { serverlessMemoryMb, serverlessMaxConcurrency } = serverless(inputs, instanceType)
  const strategy = readStrategy(inputs, instanceType)
  const rollbackAlarms = readAlarms(inputs)
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
  }
}
