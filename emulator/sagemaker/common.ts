// Pieces every SageMaker operation uses: ARNs as SageMaker forms them, name lookups,
// timestamps as the JSON 1.1 protocol carries them, and NextToken paging.
import { validation } from '../errors.ts'
import { ACCOUNT_ID, type Store } from '../state.ts'
import { Checker, PATTERNS, type Input, type StringRule } from '../validate.ts'

export interface Ctx {
  store: Store
  region: string
  now: number
}

export type Handler = (ctx: Ctx, input: Input) => unknown

/** EntityName as a required member: models, endpoint configs, endpoints, groups, jobs. */
export const ENTITY_NAME = { required: true, min: 1, max: 63, pattern: PATTERNS.entityName }

/** ModelName's pattern in the API reference; its length is a separate rule. */
export const MODEL_NAME_PATTERN = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/

/**
 * One request member, checked on its own: its violations are thrown before the handler
 * looks anything up (the resource a Describe or Delete names, a policy document).
 */
export function memberArg(input: Input, field: string, rule: StringRule): string {
  const check = new Checker()
  const value = check.str(input, field, rule)
  check.done()
  return value!
}

/**
 * A resource's ARN. Names are lower-cased inside ARNs by default (names keep their case
 * elsewhere); the `arnCase: "preserve"` option keeps them as created.
 */
export function arnOf(ctx: Ctx, type: string, name: string): string {
  const shown = ctx.store.options.arnCase === 'preserve' ? name : name.toLowerCase()
  return `arn:aws:sagemaker:${ctx.region}:${ACCOUNT_ID}:${type}/${shown}`
}

/** The resource part of an ARN of the given type, or the value itself when it is a name. */
export function nameOf(value: string, type: string): string {
  if (!value.startsWith('arn:')) return value
  const marker = `:${type}/`
  const i = value.indexOf(marker)
  return i < 0 ? value : value.slice(i + marker.length)
}

/** Epoch seconds, the JSON 1.1 protocol's timestamp format. */
export function secs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000
}

/** Accepts epoch seconds or an ISO string in seeds and returns epoch seconds. */
function seedTime(value: unknown): unknown {
  if (typeof value === 'string') {
    const t = Date.parse(value)
    return Number.isNaN(t) ? value : t / 1000
  }
  return value
}

/** Normalises every `...Time`/`Timestamp` member of seeded Describe shapes. */
export function normaliseTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseTimes)
  if (value && typeof value === 'object') {
    const out: Input = {}
    for (const [k, v] of Object.entries(value as Input)) {
      out[k] = k.endsWith('Time') || k === 'Timestamp' ? seedTime(v) : normaliseTimes(v)
    }
    return out
  }
  return value
}

export interface Page<T> {
  items: T[]
  nextToken?: string
}

/**
 * Pages a sorted list. SageMaker's NextToken is opaque; here it carries the offset and
 * the operation it belongs to, so a token from another listing is rejected.
 */
export function paginate<T>(
  items: T[],
  input: Input,
  scope: string,
  defaultMax = 10,
  maxMax = 100,
  minMax = 1
): Page<T> {
  const check = new Checker()
  const max =
    check.num(input, 'MaxResults', { min: minMax, max: maxMax, integer: true }) ?? defaultMax
  const token = check.str(input, 'NextToken', { max: 8192 })
  check.done()
  let offset = 0
  if (token !== undefined) {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        o?: unknown
        s?: unknown
      }
      if (typeof parsed.o !== 'number' || parsed.s !== scope) throw new Error('foreign token')
      offset = parsed.o
    } catch {
      throw validation('Invalid pagination token because of the NextToken value.')
    }
  }
  const page = items.slice(offset, offset + max)
  const next = offset + max
  return {
    items: page,
    nextToken:
      next < items.length
        ? Buffer.from(JSON.stringify({ o: next, s: scope })).toString('base64url')
        : undefined
  }
}

export type SortOrder = 'Ascending' | 'Descending'

export function sortOrder(input: Input, fallback: SortOrder): SortOrder {
  const check = new Checker()
  const order = check.str(input, 'SortOrder', { enum: ['Ascending', 'Descending'] }) as
    SortOrder | undefined
  check.done()
  return order ?? fallback
}

/** Stable sort by key then creation sequence, reversed for Descending. */
export function sortBy<T>(items: T[], key: (t: T) => string | number, order: SortOrder): T[] {
  const sorted = [...items].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
  return order === 'Descending' ? sorted.reverse() : sorted
}

/** One page of `items` in the request's SortOrder (or `defaultOrder`) by `key`. */
export function sortedPage<T>(
  items: T[],
  input: Input,
  scope: string,
  key: (t: T) => string | number,
  defaultOrder: SortOrder
): Page<T> {
  return paginate(sortBy(items, key, sortOrder(input, defaultOrder)), input, scope)
}

/**
 * CreationTimeAfter/Before style filters (epoch seconds in the request). `inclusiveAfter`
 * for the lists whose reference page says "greater than or equal to the specified time".
 */
export function timeFilter(
  input: Input,
  after: string,
  before: string,
  inclusiveAfter = false
): (ms: number) => boolean {
  const a = typeof input[after] === 'number' ? (input[after] as number) * 1000 : undefined
  const b = typeof input[before] === 'number' ? (input[before] as number) * 1000 : undefined
  return ms =>
    (a === undefined || ms > a || (inclusiveAfter && ms === a)) && (b === undefined || ms < b)
}

/** The `NameContains` filter of the List* calls: "Maximum length of 63", `[a-zA-Z0-9-]+`. */
export const NAME_CONTAINS = { max: 63, pattern: /^[a-zA-Z0-9-]+$/ }

/** Drops undefined members so responses carry only what is set. */
export function compact(o: Input): Input {
  const out: Input = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out
}

/** A deep copy, so stored records never alias what a caller passed or received. */
export function copy<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T)
}

/** A hosting record by name or ARN; SageMaker names a missing one by the ARN it would have. */
export function requireRecord<T>(
  ctx: Ctx,
  records: Map<string, T>,
  type: string,
  what: string,
  nameOrArn: string
): T {
  const name = nameOf(nameOrArn, type)
  const rec = records.get(name.toLowerCase())
  if (!rec) throw validation(`Could not find ${what} "${arnOf(ctx, type, name)}".`)
  return rec
}

/**
 * The shared shape of ListModels, ListEndpointConfigs and ListEndpoints: NameContains,
 * CreationTimeAfter ("greater than or equal to") / CreationTimeBefore, SortBy (each
 * operation's own values), SortOrder (default Descending) and paging.
 */
export function listResponse<T extends { name: string; creationTime: number }>(
  input: Input,
  all: Iterable<T>,
  scope: string,
  summary: (t: T) => Input,
  opts: {
    sortKeys?: readonly string[]
    extraFilter?: (t: T) => boolean
    status?: (t: T) => string
  } = {}
): { items: Input[]; NextToken?: string } {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const by =
    check.str(input, 'SortBy', { enum: opts.sortKeys ?? ['Name', 'CreationTime'] }) ??
    'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore', true)
  const extra = opts.extraFilter ?? (() => true)
  const items = [...all].filter(
    t =>
      (!contains || t.name.toLowerCase().includes(contains)) && inTime(t.creationTime) && extra(t)
  )
  const page = sortedPage(
    items,
    input,
    scope,
    t =>
      by === 'Name'
        ? t.name
        : by === 'Status' && opts.status
          ? `${opts.status(t)}:${String(t.creationTime).padStart(16, '0')}`
          : t.creationTime,
    'Descending'
  )
  return { items: page.items.map(summary), NextToken: page.nextToken }
}
