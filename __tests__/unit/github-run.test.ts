import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { useWorkDir } from '../../__fixtures__/context.js'
import { readGitHubRun } from '../../src/github/run.js'
import { runUrl } from '../../src/context.js'

const workDir = useWorkDir('event')
let events = 0

function eventFile(payload: object): string {
  const path = join(workDir(), `event-${++events}.json`)
  writeFileSync(path, JSON.stringify(payload))
  return path
}

describe('readGitHubRun', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://ghe.example.com/',
    GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    GITHUB_REPOSITORY: 'acme/churn',
    GITHUB_SHA: 'abc',
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '2'
  }

  it('reads the pull request number of a pull_request event', () => {
    const run = readGitHubRun({
      ...env,
      GITHUB_EVENT_PATH: eventFile({ pull_request: { number: 12 } })
    })
    expect(run.pullRequest).toBe(12)
    expect(run.serverUrl).toBe('https://ghe.example.com')
    expect(runUrl(run)).toBe('https://ghe.example.com/acme/churn/actions/runs/77')
  })

  it('reads a comment on a pull request, and ignores plain issues', () => {
    expect(
      readGitHubRun({ GITHUB_EVENT_PATH: eventFile({ issue: { number: 5, pull_request: {} } }) })
        .pullRequest
    ).toBe(5)
    expect(
      readGitHubRun({ GITHUB_EVENT_PATH: eventFile({ issue: { number: 5 } }) }).pullRequest
    ).toBeUndefined()
  })

  it('has no pull request and no run URL outside a run', () => {
    const run = readGitHubRun({})
    expect(run.pullRequest).toBeUndefined()
    expect(run.apiUrl).toBe('https://api.github.com')
    expect(runUrl(run)).toBe('')
  })
})
