// Small Markdown pieces every report shares: links to versions, commits and pull requests,
// and table cells that wrap instead of widening the table.
import { breakable, escapeCell, escapeText, safeUrl } from './escape.js'
import { commitUrl, pullRequestUrl, shortSha, versionConsoleUrl } from './links.js'

/** `[label](url)` with the label escaped, or the escaped label alone when the URL is unsafe. */
export function link(label: string, url: string | undefined): string {
  const target = url === undefined ? undefined : safeUrl(url)
  return target === undefined ? escapeText(label) : `[${escapeText(label)}](${target})`
}

/** `v5` linked to the version's page in the SageMaker console; `fallback` without a number. */
export function versionLink(
  group: string,
  region: string,
  version: number | undefined,
  fallback = 'candidate'
): string {
  if (version === undefined) return escapeText(fallback)
  return link(`v${version}`, versionConsoleUrl(group, region, version))
}

/** Untrusted text for a table cell that wraps inside its column. */
export function cell(value: string | undefined, limit = 300): string {
  return value === undefined || value === '' ? '—' : breakable(escapeCell(value, limit))
}

/** A commit as its first 7 characters, linked to the commit on the repository's server. */
export function commitCell(sha: string, repository: string | undefined): string {
  return link(shortSha(sha), commitUrl(repository, sha))
}

/** A pull request as `#42`, linked. */
export function pullRequestCell(number: string, repository: string | undefined): string {
  const trimmed = number.trim()
  return /^\d+$/.test(trimmed)
    ? link(`#${trimmed}`, pullRequestUrl(repository, trimmed))
    : cell(number)
}

/** A repository URL as `owner/name`, linked. */
export function repositoryCell(url: string): string {
  return link(url.replace(/^https?:\/\/[^/]+\//i, ''), url)
}

/** A URL as a short link: a workflow run as `run 42`, anything else as its host and path. */
export function urlCell(url: string): string {
  const target = safeUrl(url)
  if (!target) return cell(url)
  const run = /\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?/.exec(url)
  if (run) return link(`run ${run[1]}${run[2] ? ` attempt ${run[2]}` : ''}`, url)
  const label = url.replace(/^https?:\/\//i, '').replace(/\/+$/, '')
  return `[${breakable(escapeCell(label, 120))}](${target})`
}

/** A GFM table; every cell is already Markdown. */
export function table(
  headers: readonly string[],
  aligns: readonly string[],
  rows: readonly string[][]
): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `|${aligns.join('|')}|`,
    ...rows.map(row => `| ${row.join(' | ')} |`)
  ]
}
