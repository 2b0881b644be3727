// The JSONPath subset Batch Transform's DataProcessing filters accept ("Associate Prediction
// Results with Their Corresponding Input Records", supported operators): `$` root, `.name`
// and `['name', ...]` children, `*` wildcard, `[i, ...]` indexes (negative from the end) and
// `[start:end]` slices. Anything else is refused, as SageMaker refuses it.

export class JsonPathError extends Error {}

type Selector =
  | { kind: 'names'; names: string[] }
  | { kind: 'items'; items: ({ index: number } | { start?: number; end?: number })[] }
  | { kind: 'wildcard' }

/** One member inside brackets: a quoted name, an index or a slice. */
function bracketMember(part: string, path: string): Selector {
  const names = part.split(',').map(p => p.trim())
  if (names.every(n => /^'[^']*'$/.test(n) || /^"[^"]*"$/.test(n)))
    return { kind: 'names', names: names.map(n => n.slice(1, -1)) }
  if (part.trim() === '*') return { kind: 'wildcard' }
  const items = names.map(n => {
    const slice = /^(-?\d+)?:(-?\d+)?$/.exec(n)
    if (slice)
      return {
        start: slice[1] === undefined ? undefined : Number(slice[1]),
        end: slice[2] === undefined ? undefined : Number(slice[2])
      }
    if (/^-?\d+$/.test(n)) return { index: Number(n) }
    throw new JsonPathError(`Unsupported JSONPath expression ${JSON.stringify(path)}.`)
  })
  return { kind: 'items', items }
}

/** Parses an expression into selectors; `$` alone is the empty list. */
export function parseJsonPath(path: string): Selector[] {
  if (!path.startsWith('$'))
    throw new JsonPathError(`JSONPath ${JSON.stringify(path)} must start with $.`)
  const out: Selector[] = []
  let rest = path.slice(1)
  while (rest !== '') {
    const dot = /^\.(\*|[A-Za-z_][A-Za-z0-9_-]*)/.exec(rest)
    if (dot) {
      out.push(dot[1] === '*' ? { kind: 'wildcard' } : { kind: 'names', names: [dot[1]!] })
      rest = rest.slice(dot[0].length)
      continue
    }
    const bracket = /^\[([^\]]+)\]/.exec(rest)
    if (!bracket)
      throw new JsonPathError(`Unsupported JSONPath expression ${JSON.stringify(path)}.`)
    out.push(bracketMember(bracket[1]!, path))
    rest = rest.slice(bracket[0].length)
  }
  return out
}

function resolveIndex(i: number, length: number): number {
  return i < 0 ? length + i : i
}

function selectItems(
  value: unknown[],
  items: Extract<Selector, { kind: 'items' }>['items']
): unknown[] {
  const out: unknown[] = []
  for (const item of items) {
    if ('index' in item) {
      const i = resolveIndex(item.index, value.length)
      // "If you specify indexes that aren't within the dimension size of the joined dataset,
      // you get an error." (DataProcessing, OutputFilter)
      if (i < 0 || i >= value.length)
        throw new JsonPathError(
          `Index ${item.index} is outside a record of ${value.length} values.`
        )
      out.push(value[i])
    } else {
      const start = Math.max(0, resolveIndex(item.start ?? 0, value.length))
      const end = Math.min(value.length, resolveIndex(item.end ?? value.length, value.length))
      out.push(...value.slice(start, end))
    }
  }
  return out
}

function applySelector(value: unknown, s: Selector): unknown {
  if (s.kind === 'wildcard')
    return Array.isArray(value) ? value : Object.values((value ?? {}) as Record<string, unknown>)
  if (s.kind === 'items') {
    if (!Array.isArray(value)) throw new JsonPathError('An index or slice applies to arrays only.')
    return selectItems(value, s.items)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new JsonPathError(`Member ${s.names.join(', ')} applies to JSON objects only.`)
  const obj = value as Record<string, unknown>
  for (const n of s.names)
    if (!(n in obj)) throw new JsonPathError(`The record has no member "${n}".`)
  if (s.names.length === 1) return obj[s.names[0]!]
  const picked: Record<string, unknown> = {}
  for (const n of s.names) picked[n] = obj[n]
  return picked
}

/** Applies a parsed expression to one record. */
export function selectJsonPath(value: unknown, selectors: Selector[]): unknown {
  return selectors.reduce(applySelector, value)
}
