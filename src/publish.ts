// The one publisher: every mode's report leaves through here, to the job summary, to a JSON
// report file (output `report-path`) and, for a report a pull request is waiting for, to the
// group's sticky comment. The Markdown and the data come from src/report/.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Presentation, RunContext } from './context.js'
import { errorMessage } from './errors.js'
import { upsertStickyComment } from './github/comment.js'
import { commentMarker } from './report/index.js'
import type { GroupRef } from './settings.js'

export interface Publication {
  /** The report as Markdown: the job summary, and the comment when there is one. */
  markdown: string
  /** The report for a terminal (the CLI's text output); without it the Markdown is turned into text. */
  text?: Presentation['text']
  /** What the log says beside the summary: the outcome in a line or a few. */
  log?: string[]
  /** The report as data, written to `fileName` in the work folder. */
  json?: { fileName: string; data: unknown }
  /** Also the group's sticky comment on the pull request (when `comment` is true). */
  comment?: { group: GroupRef; enabled: boolean }
}

/** The file name of a report: the group name is already restricted to `[A-Za-z0-9-]`. */
export function reportFileName(group: GroupRef, kind: string): string {
  return `sagemaker-model-gate-${group.name.replace(/[^A-Za-z0-9-]/g, '_')}-${kind}.json`
}

export async function publish(ctx: RunContext, publication: Publication): Promise<void> {
  if (publication.json) {
    const path = join(ctx.workDir, publication.json.fileName)
    await writeFile(path, `${JSON.stringify(publication.json.data, null, 2)}\n`)
    ctx.out.setOutput('report-path', path)
  }
  const log = publication.log ?? []
  if (ctx.out.present) {
    await ctx.out.present({
      markdown: publication.markdown,
      text: publication.text,
      data: publication.json?.data,
      log
    })
  } else {
    for (const line of log) ctx.out.info(line)
    await ctx.out.summary(publication.markdown)
  }
  if (publication.comment?.enabled) {
    await comment(ctx, publication.comment.group, publication.markdown)
  }
}

/** The sticky comment; where there is no pull request or no token, the summary has the report. */
async function comment(ctx: RunContext, group: GroupRef, markdown: string): Promise<void> {
  const { pullRequest, repository } = ctx.github
  const [owner, repo] = repository.split('/')
  if (pullRequest === undefined || !owner || !repo) {
    // Only a job summary makes this worth saying; the command line has printed the report.
    if (!ctx.out.present)
      ctx.out.info('No pull request in this event: the report is in the job summary only.')
    return
  }
  if (!ctx.octokit) {
    ctx.out.warning(
      'No "github-token": the pull request comment was skipped. The report is in the job summary.'
    )
    return
  }
  try {
    const posted = await upsertStickyComment(ctx.octokit, {
      owner,
      repo,
      issueNumber: pullRequest,
      marker: commentMarker(group.name),
      body: markdown,
      out: ctx.out
    })
    if (posted) {
      ctx.out.setOutput('comment-id', posted.id)
      ctx.out.info(
        `${posted.created ? 'Created' : 'Updated'} the pull request comment ${posted.url ?? posted.id}`
      )
    }
  } catch (error) {
    // The decision is already made and recorded; a comment that fails must not change it.
    ctx.out.warning(`Could not write the pull request comment: ${errorMessage(error)}`)
  }
}
