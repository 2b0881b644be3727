// The GitHub run a mode records and reports, read from the runner's standard variables
// so that the action and the CLI (in another CI, or on a laptop) share one code path.
import { readFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import type { GitHubRun } from '../context.js'

interface EventPayload {
  pull_request?: { number?: number }
  issue?: { number?: number; pull_request?: unknown }
}

function pullRequestNumber(eventPath: string | undefined): number | undefined {
  if (!eventPath) return undefined
  let payload: EventPayload
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload
  } catch {
    return undefined
  }
  if (typeof payload.pull_request?.number === 'number') return payload.pull_request.number
  // A comment on a pull request arrives as an issue event that links the pull request.
  if (payload.issue?.pull_request && typeof payload.issue.number === 'number')
    return payload.issue.number
  return undefined
}

/** The OS user as `name@host`, for decisions made from the CLI outside GitHub Actions. */
export function localUserName(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let name: string | undefined
  try {
    name = userInfo().username
  } catch {
    // A container user without a passwd entry: the shell's variables may still know it.
    name = env.USER || env.USERNAME || env.LOGNAME
  }
  if (!name) return undefined
  const host = hostname()
  return host ? `${name}@${host}` : name
}

export function readGitHubRun(env: NodeJS.ProcessEnv = process.env): GitHubRun {
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
  }
}
