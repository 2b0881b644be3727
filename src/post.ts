// The `post` step: deletes temporary resources a cancelled or failed run left behind.
// It only warns: cleanup must never turn a finished job's result into a failure.
import * as core from '@actions/core'
import { createClients } from './aws.js'
import { TEMPORARY_STATE, deleteTemporaryResources, parseTemporaryState } from './cleanup.js'
import { VERSION } from './version.js'

export async function post(): Promise<void> {
  try {
    const resources = parseTemporaryState(core.getState(TEMPORARY_STATE))
    if (resources.length === 0) return
    const region =
      core.getInput('region') || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || ''
    const { sagemaker } = createClients(region, VERSION)
    const { deleted, warnings } = await deleteTemporaryResources(sagemaker, resources)
    for (const resource of deleted) core.info(`Deleted temporary ${resource.kind} ${resource.name}`)
    for (const warning of warnings) core.warning(warning)
  } catch (error) {
    core.warning(`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
