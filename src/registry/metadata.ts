// CustomerMetadataProperties conventions and SageMaker's limits on them: at most 50
// entries, keys up to 128 and values up to 256 characters from the metadata alphabet.
import { METADATA_TEXT, NOT_METADATA_CHARACTER } from './names.js'

export const METADATA_MAX_ENTRIES = 50
export const METADATA_MAX_KEY = 128
export const METADATA_MAX_VALUE = 256

/** Keys this action writes; everything else in the metadata belongs to someone else. */
export const METRIC_PREFIX = 'metric:'
export const KEYS = {
  gateDecision: 'gate:decision',
  gateRun: 'gate:run',
  gatePolicy: 'gate:policy-sha256',
  decisionBy: 'decision:actor',
  decisionRun: 'decision:run',
  decisionReason: 'decision:reason',
  deployedPrefix: 'deployed:'
} as const

export function isAllowedMetadataText(text: string): boolean {
  return METADATA_TEXT.test(text)
}

/** Replaces characters SageMaker refuses in metadata with `_` and cuts to `max` characters. */
export function sanitizeMetadataText(text: string, max: number): string {
  return text.replace(NOT_METADATA_CHARACTER, '_').slice(0, max)
}

/**
 * Free text (a decision's reason) as a readable metadata value: `;` `!` `?` become `.`, `&`
 * becomes "and", `%` "percent", `<` `>` "lt" "gt", quotes and brackets are dropped, and any
 * other character the metadata alphabet lacks (such as `,` or `#`) becomes a space. Runs of
 * spaces become one, and a value cut to `max` ends in "...". The exact text goes to
 * ApprovalDescription, which takes any character.
 */
export function readableMetadataText(text: string, max: number): string {
  const words: Record<string, string> = {
    ';': '.',
    '!': '.',
    '?': '.',
    '&': ' and ',
    '%': ' percent',
    '<': ' lt ',
    '>': ' gt '
  }
  const readable = text
    .replace(/["'`“”‘’()[\]{}«»]/g, '')
    .replace(NOT_METADATA_CHARACTER, char => words[char] ?? ' ')
    .replace(/\s+/g, ' ')
    .replace(/ \./g, '.')
    .trim()
  return readable.length <= max ? readable : `${readable.slice(0, max - 3).trimEnd()}...`
}

/**
 * Metric values as decimal strings without an exponent where that fits (1e-7 is written
 * 0.0000001): the exact digits of the shortest text that reads back as the same double.
 */
export function formatMetricValue(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`metric value ${value} is not a finite number`)
  const text = String(value)
  const parts = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!parts) return text
  const [, sign, lead, fraction = '', exponent] = parts as unknown as [
    string,
    string,
    string,
    string,
    string
  ]
  const digits = `${lead}${fraction}`
  const power = Number(exponent)
  const plain =
    power < 0
      ? `${sign}0.${'0'.repeat(-power - 1)}${digits}`
      : `${sign}${digits.padEnd(power + 1, '0')}`
  // 1e-300 in plain digits would not fit a metadata value; the exponent form reads back too.
  return plain.length <= METADATA_MAX_VALUE ? plain : text
}

/** Reads the `metric:<name>` mirror back into numbers, ignoring unparseable values. */
export function metricsFromMetadata(
  metadata: Record<string, string> | undefined
): Record<string, number> {
  const metrics: Record<string, number> = {}
  for (const [key, raw] of Object.entries(metadata ?? {})) {
    if (!key.startsWith(METRIC_PREFIX)) continue
    const value = Number(raw)
    if (raw.trim() !== '' && Number.isFinite(value))
      metrics[key.slice(METRIC_PREFIX.length)] = value
  }
  return metrics
}

export interface MetadataFit {
  kept: Record<string, string>
  /** Human-readable reasons for entries that did not fit, for the log. */
  dropped: string[]
}

/** Names listed per reason in `droppedSummary`; a metrics file can drop hundreds of thousands. */
const DROPPED_NAMES = 5

/**
 * The entries `fitMetadata` dropped, in one sentence: keys grouped by reason, a few named
 * per reason and the rest counted, so a large metrics file makes one warning, not one a metric.
 */
export function droppedSummary(dropped: readonly string[]): string {
  const byReason = new Map<string, string[]>()
  for (const entry of dropped) {
    const at = entry.lastIndexOf(': ')
    const [key, reason] =
      at < 0 ? [entry, 'not accepted'] : [entry.slice(0, at), entry.slice(at + 2)]
    byReason.set(reason, [...(byReason.get(reason) ?? []), key])
  }
  const groups = [...byReason].map(([reason, keys]) => {
    const named = keys.slice(0, DROPPED_NAMES).join(', ')
    const more = keys.length > DROPPED_NAMES ? ` and ${keys.length - DROPPED_NAMES} more` : ''
    return `${reason} (${named}${more})`
  })
  const count = dropped.length
  const others =
    groups.length > DROPPED_NAMES ? `; and ${groups.length - DROPPED_NAMES} other reasons` : ''
  return `${count} customer metadata entr${count === 1 ? 'y' : 'ies'} not recorded (SageMaker limits): ${groups.slice(0, DROPPED_NAMES).join('; ')}${others}.`
}

/**
 * Fits entries into what SageMaker accepts, in the order given (earlier entries win a
 * place first), next to `existing` entries already on the package.
 */
export function fitMetadata(
  entries: [string, string][],
  existing: Record<string, string> = {}
): MetadataFit {
  const kept: Record<string, string> = {}
  const dropped: string[] = []
  let count = Object.keys(existing).length
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > METADATA_MAX_KEY) {
      dropped.push(`${key}: key must be 1-${METADATA_MAX_KEY} characters`)
    } else if (value.length > METADATA_MAX_VALUE) {
      dropped.push(
        `${key}: value is ${value.length} characters, the limit is ${METADATA_MAX_VALUE}`
      )
    } else if (!isAllowedMetadataText(key) || !isAllowedMetadataText(value)) {
      dropped.push(`${key}: contains characters outside letters, digits, spaces and _.:/=+-@`)
    } else if (!(key in existing) && !(key in kept) && count >= METADATA_MAX_ENTRIES) {
      dropped.push(`${key}: the package already holds ${METADATA_MAX_ENTRIES} entries`)
    } else {
      if (!(key in existing) && !(key in kept)) count++
      kept[key] = value
    }
  }
  return { kept, dropped }
}
