// All parsing and validation of inputs. The action passes `name => core.getInput(name)` and
// the CLI passes its flags, so this folder never touches @actions/core and stays pure: an
// invalid input fails here, before any AWS call, with the input's name, the value given and
// what is accepted. `readSettings` reads the inputs every mode shares, then the mode's own
// (one reader per mode, beside this file).
import { MODES, type CommonSettings, type Mode, type Settings } from '../settings.js'
import { readAbTest } from './ab-test.js'
import { readDecision } from './decision.js'
import { readDeploy } from './deploy.js'
import { readGate } from './gate.js'
import { readGroup } from './group.js'
import { parseGroupRef, parseRegion } from './parsers.js'
import { Inputs, InputError, notOneOf, type InputReader } from './reader.js'
import { readRegister } from './register.js'
import { readReport } from './report.js'

export { checkInputNames, inputNamesFromEnv } from './input-names.js'
export { editDistance, nearestName } from './nearest.js'
export {
  parseGroupRef,
  parseKeyValues,
  parsePackageRef,
  parseRegion,
  splitList
} from './parsers.js'
export { parseBaseline, readPolicy, type PolicyText } from './gate.js'
export { parseTraffic } from './deploy.js'
export { InputError, type InputReader } from './reader.js'
export {
  APPROVAL_STATUSES,
  DEFAULTS,
  DEPLOYMENT_STRATEGIES,
  GROUP_OPERATIONS,
  INPUT_NAMES,
  INPUT_TABLE,
  inputsOf,
  MUTATING_MODES,
  SECRET_INPUTS,
  SERVERLESS_MEMORY_SIZES,
  TASKS,
  VALIDATION_METHODS,
  type InputName
} from './table.js'

function readMode(inputs: Inputs): Mode {
  const rawMode = inputs.get('mode')
  const mode = MODES.find(m => m === rawMode.toLowerCase())
  if (mode !== undefined) return mode
  if (!rawMode) {
    throw new InputError('mode', `Input "mode" is required: one of ${MODES.join(', ')}.`)
  }
  throw notOneOf('mode', rawMode, MODES)
}

function readCommon(inputs: Inputs, env: NodeJS.ProcessEnv): CommonSettings {
  const regionValue =
    inputs.get('region') || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()
  if (!regionValue) {
    throw new InputError(
      'region',
      'Input "region" is required: set it, or AWS_REGION (or AWS_DEFAULT_REGION) in the environment, e.g. us-east-1.'
    )
  }
  const region = parseRegion(regionValue)
  const groupValue = inputs.get('model-package-group')
  if (!groupValue) {
    throw new InputError(
      'model-package-group',
      'Input "model-package-group" is required: the model package group name or ARN.'
    )
  }
  return {
    group: parseGroupRef(groupValue, region),
    region,
    githubToken: inputs.raw('github-token'),
    dryRun: inputs.bool('dry-run'),
    comment: inputs.bool('comment'),
    history: inputs.int('history', 1, 100)
  }
}

/**
 * Reads every input once into typed, validated settings for the mode named in `mode`;
 * throws an InputError naming the first bad input.
 */
export function readSettings(read: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const inputs = new Inputs(read)
  const mode = readMode(inputs)
  const common = readCommon(inputs, env)
  switch (mode) {
    case 'register':
      return { ...common, mode, register: readRegister(inputs) }
    case 'gate':
      return { ...common, mode, gate: readGate(inputs, common) }
    case 'approve':
    case 'reject':
      return { ...common, mode, decision: readDecision(inputs, mode, common) }
    case 'deploy':
    case 'rollback':
      return { ...common, mode, deploy: readDeploy(inputs, mode, common) }
    case 'compare':
    case 'lineage':
      return { ...common, mode, report: readReport(inputs, common) }
    case 'group':
      return { ...common, mode, groupOps: readGroup(inputs) }
    case 'ab-test':
      return { ...common, mode, abTest: readAbTest(inputs) }
  }
}
