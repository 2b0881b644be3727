// Reading one input: trimmed, with its default, read at most once; and the messages an
// invalid value gets, which name the input, show what was given and say what is accepted.
import { nearestName } from './nearest.js'
import { DEFAULTS, SECRET_INPUTS } from './table.js'

/** Returns the raw value of one input, or '' when it is not set. */
export type InputReader = (name: string) => string

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
    this.name = 'InputError'
  }
}

export function shown(input: string, value: string): string {
  if (SECRET_INPUTS.includes(input)) return '***'
  const clipped = value.length > 200 ? `${value.slice(0, 200)}…` : value
  return JSON.stringify(clipped)
}

/** `Input "history" must be a whole number from 1 to 100; got "abc".` */
export function invalid(input: string, value: string, accepted: string): InputError {
  return new InputError(input, `Input "${input}" must be ${accepted}; got ${shown(input, value)}.`)
}

export function required(input: string, mode: string, why: string): InputError {
  return new InputError(input, `Input "${input}" is required for mode "${mode}": ${why}.`)
}

/** Reads each input at most once, trimmed, with DEFAULTS applied. */
export class Inputs {
  private readonly cache = new Map<string, string>()
  constructor(private readonly reader: InputReader) {}

  raw(name: string): string {
    let value = this.cache.get(name)
    if (value === undefined) {
      value = (this.reader(name) ?? '').trim()
      this.cache.set(name, value)
    }
    return value
  }

  /** The value given, or the default, or ''. */
  get(name: string): string {
    return this.raw(name) || DEFAULTS[name] || ''
  }

  optional(name: string): string | undefined {
    return this.get(name) || undefined
  }

  bool(name: string): boolean {
    const value = this.get(name)
    // The YAML 1.2 core schema's true/false, as core.getBooleanInput reads them, in any case.
    if (/^true$/i.test(value)) return true
    if (/^false$/i.test(value)) return false
    throw invalid(name, value, 'true or false')
  }

  int(name: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    return wholeNumber(name, this.get(name), min, max)
  }

  optionalInt(name: string, min: number, max?: number): number | undefined {
    return this.get(name) === '' ? undefined : this.int(name, min, max)
  }

  /** A decimal number; `accepted` says the range, which the caller checks. */
  decimal(name: string, accepted: string): number {
    const value = this.get(name)
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) throw invalid(name, value, accepted)
    return Number(value)
  }

  oneOf<T extends string>(name: string, accepted: readonly T[]): T {
    const value = this.get(name)
    // Accepted values are matched without regard to case so `approved` means `Approved`.
    const match = accepted.find(a => a.toLowerCase() === value.toLowerCase())
    if (match === undefined) throw notOneOf(name, value, accepted)
    return match
  }
}

/** A value outside a fixed list, with the nearest one when it looks like a typo. */
export function notOneOf(input: string, value: string, accepted: readonly string[]): InputError {
  const near = nearestName(
    value,
    accepted.map(a => a.toLowerCase())
  )
  const error = invalid(input, value, `one of ${accepted.join(', ')}`)
  if (!near) return error
  const suggestion = accepted.find(a => a.toLowerCase() === near) ?? near
  return new InputError(input, `${error.message.slice(0, -1)} (did you mean "${suggestion}"?).`)
}

function wholeNumber(input: string, value: string, min: number, max: number): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`
  if (!/^\d+$/.test(value)) throw invalid(input, value, `a whole number ${range}`)
  const n = Number(value)
  if (n < min || n > max) throw invalid(input, value, `a whole number ${range}`)
  return n
}
