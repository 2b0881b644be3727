import { afterEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { fakeContext } from '../../__fixtures__/context.js'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import { createGitHubDeployment, setGitHubDeploymentStatus } from '../../src/github/deployments.js'

const REQUEST = {
  environment: 'production',
  description: `Deploy v8 of churn to churn-prod ${'x'.repeat(200)}`,
  environmentUrl:
    'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/endpoints/churn-prod',
  logUrl: 'https://github.com/acme/churn-model/actions/runs/987654321'
}

describe('GitHub deployments', () => {
  let github: FakeGitHub | undefined
  afterEach(async () => {
    await github?.close()
    github = undefined
  })

  it('creates a deployment on the commit and posts statuses in order', async () => {
    github = await startFakeGitHub()
    const fake = fakeContext()
    fake.ctx.octokit = getOctokit('t', { baseUrl: github.url, request: { retries: 0 } })
    const deployment = await createGitHubDeployment(fake.ctx, {
      ...REQUEST,
      payload: { endpoint: 'churn-prod' }
    })
    expect(deployment).toMatchObject({ owner: 'acme', repo: 'churn-model' })
    await setGitHubDeploymentStatus(fake.ctx, deployment, 'in_progress', 'started')
    await setGitHubDeploymentStatus(fake.ctx, deployment, 'success', 'done')
    const [created] = github.state.deployments
    expect(created).toMatchObject({
      ref: '0123456789abcdef0123456789abcdef01234567',
      environment: 'production',
      payload: { endpoint: 'churn-prod' },
      auto_merge: false,
      required_contexts: [],
      transient_environment: false
    })
    expect(created?.description).toHaveLength(140)
    expect(
      github.state.deploymentStatuses.map(s => [s.deploymentId, s.state, s.description])
    ).toEqual([
      [created?.id, 'in_progress', 'started'],
      [created?.id, 'success', 'done']
    ])
    expect(github.state.deploymentStatuses[1]?.environment_url).toBe(REQUEST.environmentUrl)
    expect(github.state.deploymentStatuses[1]?.log_url).toBe(REQUEST.logUrl)
    expect(fake.warnings).toEqual([])
  })

  it('skips quietly without a token or a repository', async () => {
    const noToken = fakeContext()
    expect(await createGitHubDeployment(noToken.ctx, REQUEST)).toBeUndefined()
    expect(noToken.debugs).toEqual(['No GitHub token: no GitHub deployment is recorded.'])
    github = await startFakeGitHub()
    const noRepo = fakeContext({ github: { repository: '' } })
    noRepo.ctx.octokit = getOctokit('t', { baseUrl: github.url })
    expect(await createGitHubDeployment(noRepo.ctx, REQUEST)).toBeUndefined()
    expect(github.state.deployments).toEqual([])
  })

  it('turns API failures into warnings', async () => {
    const fake = fakeContext()
    fake.ctx.octokit = getOctokit('t', { baseUrl: 'http://127.0.0.1:9', request: { retries: 0 } })
    expect(await createGitHubDeployment(fake.ctx, REQUEST)).toBeUndefined()
    await setGitHubDeploymentStatus(
      fake.ctx,
      { owner: 'acme', repo: 'churn-model', id: 5, environmentUrl: '', logUrl: '' },
      'failure',
      'x'
    )
    expect(fake.warnings).toHaveLength(2)
    expect(fake.warnings[0]).toMatch(/^Could not record a GitHub deployment for production: /)
    expect(fake.warnings[1]).toMatch(/^Could not set GitHub deployment 5 to failure: /)
  })
})
