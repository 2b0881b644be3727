// A small GitHub REST (and GraphQL `viewer`) API on a loopback port, for tests that
// drive a real Octokit: it keeps issue comments and deployments in memory and records
// every request, so tests assert on what was sent instead of on mocked calls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface FakeComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
}

export interface FakeDeployment {
  id: number
  owner: string
  repo: string
  ref: string
  environment: string
  description: string | null
  payload: unknown
  transient_environment: boolean
  production_environment: boolean
  auto_merge: boolean
  required_contexts: string[] | undefined
  created_at: string
}

export interface FakeDeploymentStatus {
  id: number
  deploymentId: number
  state: string
  description: string | null
  environment_url: string | null
  log_url: string | null
  environment: string | null
  auto_inactive: boolean | undefined
  created_at: string
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  body: unknown
  authorization: string | undefined
}

export interface FakeGitHubState {
  comments: FakeComment[]
  requests: RecordedRequest[]
  deployments: FakeDeployment[]
  deploymentStatuses: FakeDeploymentStatus[]
  /** When set, creating and editing comments answers with this status (403: fork PR). */
  commentWriteStatus: number | undefined
  /** When set, listing comments answers with this status. */
  commentListStatus: number | undefined
  /**
   * Whether GraphQL `viewer` answers for a bot identity. GITHUB_TOKEN gets an answer;
   * set false to test the last fallback.
   */
  graphqlViewer: boolean
}

export interface FakeGitHub {
  /** Base URL to give Octokit as `baseUrl`. */
  url: string
  close(): Promise<void>
  state: FakeGitHubState
  /**
   * Who the token is. A login ending in `[bot]` behaves like an installation token
   * (GITHUB_TOKEN): `GET /user` answers 403 and only GraphQL `viewer` knows the login.
   */
  setIdentity(login: string): void
  /** Seeds a comment written by anyone, as if posted earlier. */
  addComment(comment: {
    owner?: string
    repo?: string
    issueNumber: number
    body: string
    login: string
  }): FakeComment
}

const EPOCH = Date.parse('2026-01-01T00:00:00Z')

function userFor(login: string, id: number): FakeUser {
  return { login, id, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(text)
}

function forbidden(response: ServerResponse, status: number): void {
  const message = status === 403 ? 'Resource not accessible by integration' : 'Not Found'
  send(response, status, {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: String(status)
  })
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const state: FakeGitHubState = {
    comments: [],
    requests: [],
    deployments: [],
    deploymentStatuses: [],
    commentWriteStatus: undefined,
    commentListStatus: undefined,
    graphqlViewer: true
  }
  let identity = userFor('github-actions[bot]', 41898282)
  let nextId = 1000
  let clock = 0
  const now = (): string => new Date(EPOCH + 1000 * clock++).toISOString()

  function commentJson(comment: FakeComment, base: string): Record<string, unknown> {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      user: comment.user,
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      html_url: `https://github.com/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      url: `${base}/repos/${comment.owner}/${comment.repo}/issues/comments/${comment.id}`
    }
  }

  function deploymentJson(deployment: FakeDeployment, base: string): Record<string, unknown> {
    const url = `${base}/repos/${deployment.owner}/${deployment.repo}/deployments/${deployment.id}`
    return {
      id: deployment.id,
      ref: deployment.ref,
      sha: deployment.ref,
      environment: deployment.environment,
      description: deployment.description,
      payload: deployment.payload,
      transient_environment: deployment.transient_environment,
      production_environment: deployment.production_environment,
      creator: identity,
      created_at: deployment.created_at,
      updated_at: deployment.created_at,
      url,
      statuses_url: `${url}/statuses`
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = server.address() as AddressInfo
    const base = `http://127.0.0.1:${address.port}`
    const parsed = new URL(request.url ?? '/', base)
    const method = request.method ?? 'GET'
    const body = await readBody(request)
    state.requests.push({
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body,
      authorization: request.headers.authorization
    })
    const path = parsed.pathname
    let match: RegExpExecArray | null

    if (method === 'GET' && path === '/user') {
      if (identity.type === 'Bot') return forbidden(response, 403)
      return send(response, 200, identity)
    }

    if (method === 'POST' && path === '/graphql') {
      const query = (body as { query?: string } | undefined)?.query ?? ''
      if (/\bviewer\b/.test(query) && (identity.type === 'User' || state.graphqlViewer)) {
        return send(response, 200, { data: { viewer: { login: identity.login } } })
      }
      return send(response, 200, {
        data: null,
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }]
      })
    }

    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const [, owner = '', repo = '', issue = ''] = match
      const issueNumber = Number(issue)
      if (method === 'GET') {
        if (state.commentListStatus) return forbidden(response, state.commentListStatus)
        const perPage = Math.min(100, Number(parsed.searchParams.get('per_page') ?? 30) || 30)
        const page = Math.max(1, Number(parsed.searchParams.get('page') ?? 1) || 1)
        const all = state.comments
          .filter(c => c.owner === owner && c.repo === repo && c.issueNumber === issueNumber)
          .sort((a, b) => a.id - b.id)
        const last = Math.max(1, Math.ceil(all.length / perPage))
        const pageUrl = (n: number): string => {
          const next = new URL(parsed.href)
          next.searchParams.set('per_page', String(perPage))
          next.searchParams.set('page', String(n))
          return next.href
        }
        const links: string[] = []
        if (page < last)
          links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
        if (page > 1)
          links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
        const slice = all.slice((page - 1) * perPage, page * perPage)
        return send(
          response,
          200,
          slice.map(c => commentJson(c, base)),
          links.length > 0 ? { link: links.join(', ') } : {}
        )
      }
      if (method === 'POST') {
        if (state.commentWriteStatus) return forbidden(response, state.commentWriteStatus)
        const text = (body as { body?: unknown } | undefined)?.body
        if (typeof text !== 'string' || text === '') {
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'body', code: 'missing_field' }]
          })
        }
        const at = now()
        const comment: FakeComment = {
          id: nextId++,
          owner,
          repo,
          issueNumber,
          body: text,
          user: identity,
          created_at: at,
          updated_at: at
        }
        state.comments.push(comment)
        return send(response, 201, commentJson(comment, base))
      }
    }

    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path))) {
      const [, owner, repo, id] = match
      const comment = state.comments.find(
        c => c.owner === owner && c.repo === repo && c.id === Number(id)
      )
      if (method === 'GET') {
        return comment ? send(response, 200, commentJson(comment, base)) : forbidden(response, 404)
      }
      if (method === 'PATCH') {
        if (state.commentWriteStatus) return forbidden(response, state.commentWriteStatus)
        if (!comment) return forbidden(response, 404)
        const text = (body as { body?: unknown } | undefined)?.body
        if (typeof text !== 'string' || text === '')
          return send(response, 422, { message: 'Validation Failed' })
        comment.body = text
        comment.updated_at = now()
        return send(response, 200, commentJson(comment, base))
      }
    }

    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(path))) {
      const [, owner = '', repo = ''] = match
      if (method === 'POST') {
        const input = (body ?? {}) as Partial<{
          ref: string
          environment: string
          description: string
          payload: unknown
          transient_environment: boolean
          production_environment: boolean
          auto_merge: boolean
          required_contexts: string[]
        }>
        if (!input.ref)
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'ref', code: 'missing_field' }]
          })
        const deployment: FakeDeployment = {
          id: nextId++,
          owner,
          repo,
          ref: input.ref,
          environment: input.environment ?? 'production',
          description: input.description ?? null,
          payload: input.payload ?? {},
          transient_environment: input.transient_environment ?? false,
          production_environment:
            input.production_environment ?? input.environment === 'production',
          auto_merge: input.auto_merge ?? true,
          required_contexts: input.required_contexts,
          created_at: now()
        }
        state.deployments.push(deployment)
        return send(response, 201, deploymentJson(deployment, base))
      }
      if (method === 'GET') {
        const environment = parsed.searchParams.get('environment')
        const ref = parsed.searchParams.get('ref')
        const list = state.deployments
          .filter(d => d.owner === owner && d.repo === repo)
          .filter(d => (environment ? d.environment === environment : true))
          .filter(d => (ref ? d.ref === ref : true))
          .sort((a, b) => b.id - a.id)
        return send(
          response,
          200,
          list.map(d => deploymentJson(d, base))
        )
      }
    }

    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(path))) {
      const [, owner, repo, id] = match
      const deployment = state.deployments.find(
        d => d.owner === owner && d.repo === repo && d.id === Number(id)
      )
      if (!deployment) return forbidden(response, 404)
      if (method === 'POST') {
        const input = (body ?? {}) as Partial<{
          state: string
          description: string
          environment_url: string
          log_url: string
          environment: string
          auto_inactive: boolean
        }>
        const states = [
          'error',
          'failure',
          'inactive',
          'in_progress',
          'queued',
          'pending',
          'success'
        ]
        if (!input.state || !states.includes(input.state)) {
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'state', code: 'invalid' }]
          })
        }
        const status: FakeDeploymentStatus = {
          id: nextId++,
          deploymentId: deployment.id,
          state: input.state,
          description: input.description ?? null,
          environment_url: input.environment_url ?? null,
          log_url: input.log_url ?? null,
          environment: input.environment ?? deployment.environment,
          auto_inactive: input.auto_inactive,
          created_at: now()
        }
        state.deploymentStatuses.push(status)
        return send(response, 201, {
          ...status,
          deployment_url: `${base}${path.replace(/\/statuses$/, '')}`
        })
      }
      if (method === 'GET') {
        const list = state.deploymentStatuses
          .filter(s => s.deploymentId === deployment.id)
          .sort((a, b) => b.id - a.id)
        return send(response, 200, list)
      }
    }

    send(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { message: String(error) })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error ? reject(error) : resolve()))
      }),
    setIdentity(login: string) {
      identity = userFor(login, identity.login === login ? identity.id : 5000 + nextId++)
    },
    addComment({ owner = 'acme', repo = 'churn-model', issueNumber, body, login }) {
      const at = now()
      const comment: FakeComment = {
        id: nextId++,
        owner,
        repo,
        issueNumber,
        body,
        user: userFor(login, login === identity.login ? identity.id : 7000 + nextId),
        created_at: at,
        updated_at: at
      }
      state.comments.push(comment)
      return comment
    }
  }
}
