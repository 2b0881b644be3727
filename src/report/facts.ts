// Labelled facts as a Markdown list, `- **label:** value`: the form of the lineage and
// deployment views. A table would need a header row, and these have none to give (an
// empty one renders as a blank first row).
import { formatNumber } from '../policy/format.js'
import { escapeText, safeUrl } from './escape.js'
import { statusWords } from './format.js'

/** `markdown: true` when the value is already Markdown (a link built by this module's callers). */
export type Fact = [label: string, value: string | number | undefined, markdown?: boolean]

export function present(value: string | number | undefined): value is string | number {
  return value !== undefined && value !== ''
}

/**
 * A value that is a safe http(s) URL becomes a link; anything else is escaped text. List
 * items wrap long words by themselves (GitHub's CSS breaks them), unlike table cells.
 */
export function valueCell(value: string | number, limit = 300): string {
  if (typeof value === 'number') return formatNumber(value)
  const target = /^https?:\/\//i.test(value) ? safeUrl(value) : undefined
  return target ? `[${escapeText(value, limit)}](${target})` : escapeText(value, limit)
}

/** The facts that have a value, one list item each; nothing at all when none has. */
export function facts(rows: readonly Fact[], limit = 300): string[] {
  const kept = rows.filter(row => present(row[1]))
  if (kept.length === 0) return []
  return [
    ...kept.map(([label, value, markdown]) => {
      const text = markdown ? String(value) : valueCell(value as string | number, limit)
      return `- **${escapeText(label, 200)}:** ${text}`
    }),
    ''
  ]
}

export function section(title: string, body: string[]): string[] {
  return body.length === 0 ? [] : [`### ${title}`, '', ...body]
}

export function list(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(', ') : undefined
}

export function seconds(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value} s`
}

/** `completed`, or `in progress (training)`; never the same word twice. */
export function jobStatus(
  status: string | undefined,
  secondary: string | undefined
): string | undefined {
  const main = statusWords(status)
  const detail = statusWords(secondary)
  return detail && detail !== main ? `${main ?? ''} (${detail})`.trim() : main
}
