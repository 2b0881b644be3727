// The `post` step: deletes temporary resources a cancelled or failed run left behind, and
// reconciles a deployment the main step could not conclude (see deploy/reconcile.ts).
// It only warns: cleanup must never turn a finished job's result into a failure.
import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { createClients } from './aws.js'
import { TEMPORARY_STATE, deleteTemporaryResources, parseTemporaryState } from './cleanup.js'
import { DEPLOYMENT_STATE, parseInFlight } from './deploy/inflight.js'
import { reconcileInterrupted } from './deploy/reconcile.js'
import { readGitHubRun } from './github/run.js'
import { actionsReporter } from './main.js'
import { VERSION } from './version.js'
import { errorMessage } from './errors.js'

async function deleteTemporary(): Promise<void> {
  try {
    const resources = parseTemporaryState(core.getState(TEMPORARY_STATE))
    if (resources.length === 0) return
    const region =
      resources[0]!.region ||
      core.getInput('region') ||
      process.env.AWS_REGION ||
      process.env.AWS_DEFAULT_REGION ||
      ''
    const { sagemaker } = createClients(region, VERSION)
    const { deleted, warnings } = await deleteTemporaryResources(sagemaker, resources, {
      sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
      now: () => new Date()
    })
    for (const resource of deleted)
      core.info(`Cleaned up temporary ${resource.kind} ${resource.name}`)
    for (const warning of warnings) core.warning(warning)
  } catch (error) {
    core.warning(`Cleanup failed: ${errorMessage(error)}`)
  }
}

async function reconcileDeployment(): Promise<void> {
  const record = parseInFlight(core.getState(DEPLOYMENT_STATE))
  if (!record) return
  try {
    const token = core.getInput('github-token')
    if (token) core.setSecret(token)
    const github = readGitHubRun(process.env)
    await reconcileInterrupted(
      {
        aws: createClients(record.region, VERSION),
        out: actionsReporter(),
        octokit: token ? getOctokit(token, { baseUrl: github.apiUrl }) : undefined,
        now: () => new Date(),
        sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
      },
      record
    )
  } catch (error) {
    core.warning(
      `Reconciling the interrupted deployment to endpoint ${record.endpointName} failed: ${errorMessage(error)}. Check the endpoint in the console; the next deploy or rollback to it waits for it and reads what it serves.`
    )
  }
}

export async function post(): Promise<void> {
  await deleteTemporary()
  await reconcileDeployment()
}
