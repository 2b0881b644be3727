// A GitHub Deployment per endpoint deployment, so the environment page shows which commit
// serves where. GitHub is a record here, not a gate: every failure is a warning and never
// fails a deployment that SageMaker carried out.
import type { Octokit, Reporter, RunContext } from '../context.js'
import { errorMessage } from '../errors.js'

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/** GitHub cuts deployment and status descriptions at 140 characters. */
export const DESCRIPTION_MAX = 140

export interface GitHubDeployment {
  owner: string
  repo: string
  id: number
  environmentUrl: string
  logUrl: string
}

export interface DeploymentRequest {
  environment: string
  description: string
  /** Where the deployed thing can be seen: the SageMaker console page of the endpoint. */
  environmentUrl: string
  /** The workflow run. */
  logUrl: string
  payload?: Record<string, string>
}

function shorten(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`
}

/** Creates the deployment; undefined (with a warning or a debug line) when it cannot. */
export async function createGitHubDeployment(
  ctx: Pick<RunContext, 'octokit' | 'github' | 'out'>,
  request: DeploymentRequest
): Promise<GitHubDeployment | undefined> {
  if (!ctx.octokit) {
    ctx.out.debug('No GitHub token: no GitHub deployment is recorded.')
    return undefined
  }
  const [owner, repo] = ctx.github.repository.split('/')
  const ref = ctx.github.sha || ctx.github.ref
  if (!owner || !repo || !ref) {
    ctx.out.debug('No repository or commit known: no GitHub deployment is recorded.')
    return undefined
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
    })
    const data = response.data as { id?: number; message?: string }
    if (typeof data.id !== 'number') {
      ctx.out.warning(
        `GitHub did not create a deployment for ${request.environment}: ${data.message ?? `HTTP ${response.status}`}`
      )
      return undefined
    }
    return {
      owner,
      repo,
      id: data.id,
      environmentUrl: request.environmentUrl,
      logUrl: request.logUrl
    }
  } catch (error) {
    ctx.out.warning(
      `Could not record a GitHub deployment for ${request.environment}: ${errorMessage(error)}`
    )
    return undefined
  }
}

export async function setGitHubDeploymentStatus(
  ctx: { octokit?: Octokit; out: Reporter },
  deployment: GitHubDeployment | undefined,
  state: DeploymentState,
  description: string
): Promise<void> {
  if (!deployment || !ctx.octokit) return
  try {
    await ctx.octokit.rest.repos.createDeploymentStatus({
      owner: deployment.owner,
      repo: deployment.repo,
      deployment_id: deployment.id,
      state,
      description: shorten(description),
      environment_url: deployment.environmentUrl || undefined,
      log_url: deployment.logUrl || undefined
    })
  } catch (error) {
    ctx.out.warning(
      `Could not set GitHub deployment ${deployment.id} to ${state}: ${errorMessage(error)}`
    )
  }
}
