// One sticky comment per group on a pull request, edited in place on every run. A comment
// is ours only if it starts with the marker AND was written by the identity of our token:
// anyone can paste the marker into a comment, and we must never edit theirs.
import type { Octokit, Reporter } from '../context.js'

/** The login GitHub shows for comments made with the workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]'

export interface StickyCommentRequest {
  owner: string
  repo: string
  issueNumber: number
  /** Hidden first line that identifies the comment, e.g. `commentMarker(group)`. */
  marker: string
  /** The comment; the marker is put in front if the body does not start with it. */
  body: string
  out: Pick<Reporter, 'warning' | 'debug'>
  /**
   * The login the token acts as, when the caller knows it (a GitHub App token's
   * `<slug>[bot]`). Otherwise it is asked of GitHub.
   */
  identity?: string
}

export interface StickyCommentResult {
  id: number
  created: boolean
  url?: string
}

interface CommentUser {
  login: string
  type?: string
}

function status(error: unknown): number | undefined {
  const value = (error as { status?: unknown } | null)?.status
  return typeof value === 'number' ? value : undefined
}

/**
 * The login behind the token. A personal or user token answers `GET /user`. An
 * installation token (GITHUB_TOKEN, GitHub Apps) gets 403 there, but GraphQL `viewer`
 * names its bot; if that fails too, GITHUB_TOKEN is by far the likeliest.
 */
export async function resolveIdentity(
  octokit: Octokit,
  out?: Pick<Reporter, 'debug'>
): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    out?.debug(`GET /user failed (${status(error) ?? String(error)}); asking GraphQL viewer`)
  }
  try {
    const data = await octokit.graphql<{ viewer?: { login?: string } }>(
      'query { viewer { login } }'
    )
    if (data.viewer?.login) return data.viewer.login
  } catch (error) {
    out?.debug(`GraphQL viewer failed (${String(error)}); assuming ${ACTIONS_BOT}`)
  }
  return ACTIONS_BOT
}

/**
 * Whether a comment author is the token's identity. GraphQL names a bot without the
 * `[bot]` suffix that REST shows, so both spellings are accepted for bot accounts; a
 * human cannot have `[` in a login, so this cannot match a person.
 */
export function isSameActor(user: CommentUser | null | undefined, identity: string): boolean {
  if (!user?.login) return false
  const author = user.login.toLowerCase()
  const self = identity.toLowerCase()
  return author === self || author === `${self}[bot]`
}

/** The first comment on the issue that starts with the marker and was written by `identity`. */
export async function findStickyComment(
  octokit: Octokit,
  where: { owner: string; repo: string; issueNumber: number; marker: string; identity: string }
): Promise<{ id: number; body: string; url?: string } | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100
  })
  for await (const page of pages) {
    for (const comment of page.data) {
      if (comment.body?.startsWith(where.marker) && isSameActor(comment.user, where.identity)) {
        return { id: comment.id, body: comment.body, url: comment.html_url }
      }
    }
  }
  return undefined
}

function permissionHint(request: StickyCommentRequest, code: number, error: unknown): string {
  const raw = (error as { message?: unknown } | null)?.message
  // Octokit appends " - <documentation url>", which says nothing about the fix.
  const message =
    typeof raw === 'string' ? raw.split('\n')[0]?.replace(/ - https?:\/\/\S+$/, '') : ''
  return (
    `Could not write the pull request comment on ${request.owner}/${request.repo}#${request.issueNumber} ` +
    `(HTTP ${code}${message ? `: ${message}` : ''}). ` +
    'Grant the job `permissions: pull-requests: write`; a pull request from a fork gets a ' +
    'read-only token, so post the comment from a `workflow_run` workflow instead. ' +
    'The report is still in the job summary.'
  )
}

/**
 * Creates the sticky comment or edits ours in place (skipping the edit when nothing
 * changed, so nobody gets a notification for it). A missing permission (403) or an
 * unreachable pull request (404) is a warning and the result is undefined: the comment
 * is a convenience, the decision stands without it. Other errors are thrown.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  request: StickyCommentRequest
): Promise<StickyCommentResult | undefined> {
  const body = request.body.startsWith(request.marker)
    ? request.body
    : `${request.marker}\n${request.body}`
  const where = { owner: request.owner, repo: request.repo }
  try {
    const identity = request.identity ?? (await resolveIdentity(octokit, request.out))
    const existing = await findStickyComment(octokit, {
      ...where,
      issueNumber: request.issueNumber,
      marker: request.marker,
      identity
    })
    if (existing) {
      if (existing.body === body) {
        request.out.debug(`Comment ${existing.id} is already up to date`)
        return { id: existing.id, created: false, url: existing.url }
      }
      const { data } = await octokit.rest.issues.updateComment({
        ...where,
        comment_id: existing.id,
        body
      })
      return { id: data.id, created: false, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.createComment({
      ...where,
      issue_number: request.issueNumber,
      body
    })
    return { id: data.id, created: true, url: data.html_url }
  } catch (error) {
    const code = status(error)
    if (code === 403 || code === 404) {
      request.out.warning(permissionHint(request, code, error))
      return undefined
    }
    throw error
  }
}
