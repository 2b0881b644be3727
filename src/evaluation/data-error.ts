import { UserError } from '../errors.js'

/** Where in the data a problem is: the file line (1-based, header included) and column. */
export interface DataLocation {
  line: number
  /** 0-based column index, as columns are chosen. */
  column?: number
  /** The header name of the column, when the file has a header. */
  columnName?: string
  /** What the column holds for us: `label`, `prediction`, `baseline prediction`, ... */
  role?: string
}

/**
 * A problem with the evaluation data that the person running the job must fix: the
 * message names the data (`source`), the line and the column, so it can be found in the
 * file without guessing.
 */
export class DataError extends UserError {
  readonly source: string
  readonly location?: DataLocation

  constructor(source: string, problem: string, location?: DataLocation) {
    super(`${source}: ${location ? `${describeLocation(location)}: ` : ''}${problem}`)
    this.name = 'DataError'
    this.source = source
    this.location = location
  }
}

/** Refuses data without a single line, or with a header and no rows after it. */
export function assertHasRows(source: string, read: { layout?: unknown; rows: number }): void {
  if (read.layout === undefined) throw new DataError(source, 'the data is empty.')
  if (read.rows === 0) throw new DataError(source, 'there are no data rows after the header.')
}

/** `line 12, column "score" (index 1, prediction)` or `line 12, column index 1 (prediction)`. */
function describeLocation(location: DataLocation): string {
  const parts = [`line ${location.line}`]
  if (location.column !== undefined) {
    const role = location.role ? ` (${location.role})` : ''
    parts.push(
      location.columnName !== undefined
        ? `column ${JSON.stringify(location.columnName)} (index ${location.column}${location.role ? `, ${location.role}` : ''})`
        : `column index ${location.column}${role}`
    )
  }
  return parts.join(', ')
}

/** A value shown in a message: quoted, and cut short so a long field cannot flood the log. */
export function showValue(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text
  return JSON.stringify(shown)
}
