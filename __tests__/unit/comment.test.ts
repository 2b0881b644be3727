import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import {
  ACTIONS_BOT,
  isSameActor,
  resolveIdentity,
  upsertStickyComment
} from '../../src/github/comment.js'
import type { Octokit } from '../../src/context.js'

const MARKER = '<!-- sagemaker-model-gate:churn-xgboost -->'

describe('upsertStickyComment', () => {
  let github: FakeGitHub
  let octokit: Octokit
  let warnings: string[]
  let debugs: string[]
  const out = {
    warning: (message: string) => void warnings.push(message),
    debug: (message: string) => void debugs.push(message)
  }
  const request = (body: string, extra: { identity?: string; issueNumber?: number } = {}) => ({
    owner: 'acme',
    repo: 'churn-model',
    issueNumber: extra.issueNumber ?? 42,
    marker: MARKER,
    body,
    out,
    ...(extra.identity ? { identity: extra.identity } : {})
  })

  beforeEach(async () => {
    github = await startFakeGitHub()
    octokit = getOctokit('test-token', { baseUrl: github.url, request: { retries: 0 } })
    warnings = []
    debugs = []
  })

  afterEach(async () => {
    await github.close()
  })

  const writes = () =>
    github.state.requests
      .filter(r => r.method === 'POST' || r.method === 'PATCH')
      .filter(r => r.path !== '/graphql')

  it('creates the comment with the marker first, then edits it in place', async () => {
    const first = await upsertStickyComment(octokit, request('## ✅ passed'))
    expect(first).toEqual({
      id: expect.any(Number),
      created: true,
      url: expect.stringContaining('/acme/churn-model/pull/42#issuecomment-')
    })
    expect(github.state.comments).toHaveLength(1)
    expect(github.state.comments[0]?.body).toBe(`${MARKER}\n## ✅ passed`)
    expect(github.state.comments[0]?.user.login).toBe(ACTIONS_BOT)

    const second = await upsertStickyComment(octokit, request(`${MARKER}\n## ❌ failed`))
    expect(second).toEqual({ id: first?.id, created: false, url: first?.url })
    expect(github.state.comments).toHaveLength(1)
    expect(github.state.comments[0]?.body).toBe(`${MARKER}\n## ❌ failed`)
    expect(writes().map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/churn-model/issues/42/comments',
      `PATCH /repos/acme/churn-model/issues/comments/${first?.id}`
    ])
    expect(github.state.requests[0]?.authorization).toBe('token test-token')
    expect(warnings).toEqual([])
  })

  it('skips the edit when the body is unchanged', async () => {
    const first = await upsertStickyComment(octokit, request('same'))
    const again = await upsertStickyComment(octokit, request('same'))
    expect(again).toEqual({ id: first?.id, created: false, url: first?.url })
    expect(writes()).toHaveLength(1)
  })

  it('finds its comment beyond the first page of 100', async () => {
    for (let i = 0; i < 130; i++) {
      github.addComment({ issueNumber: 42, body: `chatter ${i}`, login: 'octocat' })
    }
    const ours = github.addComment({ issueNumber: 42, body: `${MARKER}\nold`, login: ACTIONS_BOT })
    const result = await upsertStickyComment(octokit, request('new'))
    expect(result).toMatchObject({ id: ours.id, created: false })
    expect(ours.body).toBe(`${MARKER}\nnew`)
    const listed = github.state.requests.filter(
      r => r.method === 'GET' && r.path.endsWith('/42/comments')
    )
    expect(listed.map(r => r.query.page ?? '1')).toEqual(['1', '2'])
    expect(listed[0]?.query.per_page).toBe('100')
  })

  it('never edits a comment by someone else that carries the marker', async () => {
    const hijack = github.addComment({
      issueNumber: 42,
      body: `${MARKER}\nI pasted your marker`,
      login: 'mallory'
    })
    const quoted = github.addComment({
      issueNumber: 42,
      body: `> ${MARKER}\nquoting the bot`,
      login: ACTIONS_BOT
    })
    const result = await upsertStickyComment(octokit, request('report'))
    expect(result?.created).toBe(true)
    expect(result?.id).not.toBe(hijack.id)
    expect(result?.id).not.toBe(quoted.id)
    expect(hijack.body).toBe(`${MARKER}\nI pasted your marker`)
    expect(quoted.body).toBe(`> ${MARKER}\nquoting the bot`)
    expect(writes().filter(r => r.method === 'PATCH')).toEqual([])
  })

  it('ignores its own comments on other pull requests and with other markers', async () => {
    github.addComment({ issueNumber: 7, body: `${MARKER}\nother PR`, login: ACTIONS_BOT })
    github.addComment({
      issueNumber: 42,
      body: '<!-- sagemaker-model-gate:another-group -->\nx',
      login: ACTIONS_BOT
    })
    const result = await upsertStickyComment(octokit, request('report'))
    expect(result?.created).toBe(true)
    expect(github.state.comments.filter(c => c.issueNumber === 42)).toHaveLength(2)
  })

  it('identifies a personal token through GET /user', async () => {
    github.setIdentity('release-bot-user')
    const theirs = github.addComment({ issueNumber: 42, body: `${MARKER}\nv1`, login: ACTIONS_BOT })
    const mine = github.addComment({
      issueNumber: 42,
      body: `${MARKER}\nv1`,
      login: 'release-bot-user'
    })
    const result = await upsertStickyComment(octokit, request('v2'))
    expect(result).toMatchObject({ id: mine.id, created: false })
    expect(theirs.body).toBe(`${MARKER}\nv1`)
    expect(github.state.requests.some(r => r.path === '/graphql')).toBe(false)
  })

  it('identifies a GitHub App token through GraphQL viewer after GET /user answers 403', async () => {
    github.setIdentity('gate-app[bot]')
    const mine = github.addComment({
      issueNumber: 42,
      body: `${MARKER}\nv1`,
      login: 'gate-app[bot]'
    })
    github.addComment({ issueNumber: 42, body: `${MARKER}\nv1`, login: ACTIONS_BOT })
    expect(await resolveIdentity(octokit, out)).toBe('gate-app[bot]')
    const result = await upsertStickyComment(octokit, request('v2'))
    expect(result).toMatchObject({ id: mine.id, created: false })
    expect(debugs.some(message => message.includes('GET /user failed (403)'))).toBe(true)
  })

  it('falls back to github-actions[bot] when neither GET /user nor viewer answers', async () => {
    github.state.graphqlViewer = false
    expect(await resolveIdentity(octokit, out)).toBe(ACTIONS_BOT)
  })

  it('uses a given identity without asking GitHub', async () => {
    github.setIdentity('gate-app[bot]')
    await upsertStickyComment(octokit, request('x', { identity: 'gate-app[bot]' }))
    expect(github.state.requests.map(r => r.path)).not.toContain('/user')
    expect(github.state.requests.map(r => r.path)).not.toContain('/graphql')
  })

  it('turns a 403 on write into a warning with the fix, and returns undefined', async () => {
    github.state.commentWriteStatus = 403
    const result = await upsertStickyComment(octokit, request('report'))
    expect(result).toBeUndefined()
    expect(github.state.comments).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      'acme/churn-model#42 (HTTP 403: Resource not accessible by integration)'
    )
    expect(warnings[0]).toContain('`permissions: pull-requests: write`')
  })

  it('turns a 404 on listing into a warning', async () => {
    github.state.commentListStatus = 404
    expect(await upsertStickyComment(octokit, request('report'))).toBeUndefined()
    expect(warnings[0]).toContain('HTTP 404')
  })

  it('rethrows other errors', async () => {
    github.state.commentWriteStatus = 500
    await expect(upsertStickyComment(octokit, request('report'))).rejects.toMatchObject({
      status: 500
    })
  })
})

describe('isSameActor', () => {
  it('matches logins case-insensitively, and a bot with or without its suffix', () => {
    expect(isSameActor({ login: 'github-actions[bot]', type: 'Bot' }, 'github-actions[bot]')).toBe(
      true
    )
    expect(isSameActor({ login: 'github-actions[bot]', type: 'Bot' }, 'github-actions')).toBe(true)
    expect(isSameActor({ login: 'OctoCat', type: 'User' }, 'octocat')).toBe(true)
    expect(isSameActor({ login: 'github-actions', type: 'User' }, 'github-actions[bot]')).toBe(
      false
    )
    expect(isSameActor({ login: 'mallory', type: 'User' }, 'github-actions[bot]')).toBe(false)
    expect(isSameActor(null, 'github-actions[bot]')).toBe(false)
  })
})

describe('the fake GitHub API', () => {
  it('records deployments and their statuses', async () => {
    const github = await startFakeGitHub()
    try {
      const octokit = getOctokit('t', { baseUrl: github.url })
      const { data } = await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'churn-model',
        ref: 'main',
        environment: 'staging',
        auto_merge: false,
        required_contexts: []
      })
      if (!('id' in data)) throw new Error('expected a deployment')
      await octokit.rest.repos.createDeploymentStatus({
        owner: 'acme',
        repo: 'churn-model',
        deployment_id: data.id,
        state: 'success',
        environment_url: 'https://example.com'
      })
      expect(github.state.deployments).toEqual([
        expect.objectContaining({
          id: data.id,
          ref: 'main',
          environment: 'staging',
          required_contexts: []
        })
      ])
      expect(github.state.deploymentStatuses).toEqual([
        expect.objectContaining({
          deploymentId: data.id,
          state: 'success',
          environment_url: 'https://example.com'
        })
      ])
      await expect(
        octokit.rest.repos.createDeploymentStatus({
          owner: 'acme',
          repo: 'churn-model',
          deployment_id: 999999,
          state: 'success'
        })
      ).rejects.toMatchObject({ status: 404 })
    } finally {
      await github.close()
    }
  })
})
