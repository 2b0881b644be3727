// Plain text for a terminal: aligned columns, and colour only where a person is looking
// (a TTY) and has not asked for none (NO_COLOR, https://no-color.org).

export interface TextOptions {
  /** ANSI colours; decide with `useColor`. */
  color?: boolean
}

/** Colour on a TTY unless NO_COLOR is set to anything but the empty string. */
export function useColor(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>
): boolean {
  const noColor = env.NO_COLOR
  return stream.isTTY === true && (noColor === undefined || noColor === '')
}

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39]
} as const

export type Style = keyof typeof STYLES

/** `text` in a style when colour is on; as it is otherwise. */
export function paint(text: string, style: Style, options: TextOptions): string {
  if (!options.color || text === '') return text
  const [on, off] = STYLES[style]
  return `\u001b[${on}m${text}\u001b[${off}m`
}

// eslint-disable-next-line no-control-regex -- the SGR sequences `paint` writes
const ANSI = /\u001b\[[0-9;]*m/g

/** Columns a string takes on a terminal: code points, without colour codes. */
export function visibleWidth(text: string): number {
  return Array.from(text.replace(ANSI, '')).length
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const room = ' '.repeat(Math.max(0, width - visibleWidth(text)))
  return align === 'right' ? room + text : text + room
}

/**
 * Rows as aligned columns two spaces apart, trailing spaces trimmed. `aligns` gives each
 * column's alignment (left by default): numbers read best right-aligned.
 */
export function alignTable(
  rows: readonly string[][],
  aligns: ReadonlyArray<'left' | 'right'> = []
): string[] {
  const columns = Math.max(0, ...rows.map(row => row.length))
  const widths = Array.from({ length: columns }, (_, index) =>
    Math.max(0, ...rows.map(row => visibleWidth(row[index] ?? '')))
  )
  return rows.map(row =>
    row
      .map((value, index) => pad(value, widths[index] ?? 0, aligns[index] ?? 'left'))
      .join('  ')
      .replace(/\s+$/, '')
  )
}

/** Shortens in the middle, where long metric and job names differ least. */
export function middleTruncate(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  const head = Math.ceil((max - 1) / 2)
  const tail = max - 1 - head
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`
}
