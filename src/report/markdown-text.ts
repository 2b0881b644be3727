// The short reports (registration, decision, group views) as plain text for a terminal,
// read back from the Markdown this folder writes: headings as bold lines, tables as aligned
// columns, links as their text, and the escapes undone. Only the Markdown built here is
// read, so a small set of forms covers it; the gate, compare, lineage and deployment
// reports have renderers of their own.
import { plain } from './text.js'
import { alignTable, paint, type TextOptions } from './terminal.js'

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#8203;': ''
}

/** One line of report Markdown as the text it shows: links, emphasis and escapes undone. */
function inlineText(line: string): string {
  const text = line
    .replace(/<br>/g, ' ')
    .replace(/<wbr>/g, '')
    .replace(/<\/?(sub|summary|details)>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&(amp|lt|gt|quot|#8203);/g, entity => ENTITIES[entity] ?? entity)
  return plain(text, 2000)
}

function cells(row: string): string[] {
  // Split on `|` that is not escaped; escaped ones are undone with the rest of the cell.
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map(cell => inlineText(cell.trim()))
}

const SEPARATOR = /^\|(\s*:?-+:?\s*\|)+\s*$/

/** A GFM table as aligned columns; a header row of empty cells is left out. */
function tableText(rows: readonly string[], options: TextOptions): string[] {
  const [head = '', , ...body] = rows
  const heads = cells(head)
  const parsed = body.map(cells)
  const withHead = heads.some(cell => cell !== '')
    ? [heads.map(cell => paint(cell, 'bold', options)), ...parsed]
    : parsed
  return alignTable(withHead).map(line => `  ${line}`)
}

/**
 * Report Markdown as terminal text. Comments (the sticky comment's marker), Mermaid
 * blocks and blank-line runs are dropped; nothing of HTML or Markdown syntax is left.
 */
export function markdownToText(markdown: string, options: TextOptions = {}): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*(---|<\/?details>)\s*$/.test(line)) continue
    if (line.startsWith('```')) {
      while (i + 1 < lines.length && !(lines[i + 1] as string).startsWith('```')) i++
      i++
      continue
    }
    if (line.startsWith('|') && SEPARATOR.test(lines[i + 1] ?? '')) {
      const rows = [line]
      while (i + 1 < lines.length && (lines[i + 1] as string).startsWith('|'))
        rows.push(lines[++i] as string)
      out.push(...tableText(rows, options))
      continue
    }
    // A link on a line of its own is where to go next: a terminal needs its address.
    const lone = /^\[([^\]]*)\]\((https?:[^)\s]*)\)$/.exec(line.trim())
    if (lone) {
      out.push(`${inlineText(lone[1] as string)}: ${plain(lone[2] as string, 2000)}`)
      continue
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line)
    if (heading) {
      out.push(paint(inlineText(heading[1] as string), 'bold', options))
      continue
    }
    const text = inlineText(line.replace(/^>\s?(\[!\w+\])?/, '').replace(/^- /, '• '))
    if (text.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue
    out.push(line.startsWith('>') || line.startsWith('- ') ? `  ${text}` : text)
  }
  while (out[out.length - 1] === '') out.pop()
  return `${out.join('\n')}\n`
}
