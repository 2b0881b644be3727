// The inputs of `approve` and `reject`: the version, and the reason recorded with it.
import type { CommonSettings, DecisionSettings } from '../settings.js'
import { checkLength, checkStage, DESCRIPTION_MAX, modelPackageRef } from './parsers.js'
import { required, type Inputs } from './reader.js'

export function readDecision(
  inputs: Inputs,
  mode: 'approve' | 'reject',
  common: CommonSettings
): DecisionSettings {
  const reason = checkLength('reason', inputs.optional('reason'), DESCRIPTION_MAX)
  if (reason === undefined) {
    throw required('reason', mode, 'the justification recorded on the version with your decision')
  }
  return {
    modelPackage: modelPackageRef(inputs.optional('model-package'), common),
    reason,
    force: inputs.bool('force'),
    modelLifecycleStage: checkStage(inputs.optional('model-lifecycle-stage'))
  }
}
