import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { GroundTruth, VariantJoin, type ReadOptions } from '../../src/abtest/join.js'
import type { Task } from '../../src/evaluation/dataset.js'

// The byte scanner against JSON.parse of every line (`scan: false`): on random ground truth
// and captured records, written with escapes, spacing and members in any order, with
// decoy keys, duplicates and bad lines among them, fed in chunks cut anywhere, both must
// give the same labels, the same joined pairs and counts, or the same error.

const window = { start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T11:00:00Z') }

/** A small seeded generator (mulberry32), so each case is one integer. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = {
    /** Write the line as SageMaker does: compact, in its order, escapes only where needed. */
    tidy: false,
    /** Whether this case has faults: records the reference refuses, bad lines. */
    faulty: false,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    below: (n: number) => Math.floor(next() * n),
    fault: (p: number) => out.faulty && next() < p * 5,
    /** One of `usual`, a quarter of the time one of `other`. */
    often: <T>(usual: readonly T[], other: readonly T[]): T =>
      next() < 0.25
        ? other[Math.floor(next() * other.length)]!
        : usual[Math.floor(next() * usual.length)]!,
    /** Mostly one of `usual`, now and then one of `odd`. */
    mostly: <T>(usual: readonly T[], odd: readonly T[]): T =>
      next() < 0.03
        ? odd[Math.floor(next() * odd.length)]!
        : usual[Math.floor(next() * usual.length)]!
  }
  return out
}
type Random = ReturnType<typeof generator>

type Json = { string: string } | { raw: string } | { members: [string, Json][] } | { items: Json[] }

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f'
}

/** A JSON string literal, each character raw, short-escaped or \u-escaped at random. */
function literal(text: string, r: Random): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const code = ch.charCodeAt(0)
    const mustEscape = ch === '"' || ch === '\\' || code < 0x20
    const surrogate = code >= 0xd800 && code <= 0xdfff
    const pair = surrogate && code < 0xdc00 && /[\udc00-\udfff]/.test(text[i + 1] ?? '')
    if (pair && !r.chance(0.3)) {
      out += ch + text[i + 1]
      i++
    } else if (mustEscape || surrogate || (!r.tidy && r.chance(0.02))) {
      out += SHORT[ch] && r.chance(0.6) ? SHORT[ch] : `\\u${code.toString(16).padStart(4, '0')}`
    } else if (ch === '/' && !r.tidy && r.chance(0.5)) out += '\\/'
    else out += ch
  }
  // A string JSON.parse refuses: a raw control character or a bad escape, anywhere.
  if (r.fault(0.002)) out += r.pick(['\u0001', '\t', '\u001f', '\\x', '\\u12g4', '\\'])
  return `${out}"`
}

function space(r: Random): string {
  return r.tidy || r.chance(0.8) ? '' : r.pick([' ', '  ', '\t', ' \r '])
}

function write(value: Json, r: Random): string {
  if ('string' in value) return literal(value.string, r)
  if ('raw' in value) return value.raw
  if ('items' in value)
    return `[${value.items.map(v => space(r) + write(v, r) + space(r)).join(',')}]`
  const members = value.members.map(
    ([key, v]) => `${space(r)}${literal(key, r)}${space(r)}:${space(r)}${write(v, r)}${space(r)}`
  )
  return `{${members.join(',')}}`
}

function shuffled<T>(items: T[], r: Random): T[] {
  const out = [...items]
  if (r.tidy) return out
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.below(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const IDS = ['req-1', 'req-2', 'req-3', 'ev-1', 'ev-2']
/** A request id: usually plain, sometimes one that needs escapes or UTF-8, rarely empty. */
function id(r: Random): string {
  return r.mostly([r.often(IDS, ODD_IDS)], [''])
}
const ODD_IDS = ['a"b', 'back\\slash', 'é-ü', '€', '😀x', 'tab\there', 'req-1 ', 'req\u00001']
const TIMES = [
  '2026-12-01T10:30:00Z',
  '2026-12-01T10:30:00Z',
  '2026-12-01T10:59:59Z',
  '2026-12-01T09:59:59Z',
  '2026-12-01T11:00:00Z'
]
const PREDICTIONS = [
  '0.25',
  '0.5\n',
  ' 1e-1 ',
  '+.5',
  '1.',
  '7',
  '[0.3]',
  '{"score": 0.4}',
  '\n0.2\n',
  '0.3\r\n',
  '0.2\u00a0',
  '1e400'
]
const BAD_PREDICTIONS = ['0.1,0.9', 'abc', '', '\\n0.5', '0.1\n0.2']
const LABELS = ['0', '1', '0', '1', '1', ' 1 ', '1\n', 'true', '"1"', '1,0']
const BAD_LABELS = ['\n1', '2', '0.5', '', 'x']
const ENCODINGS = ['CSV', 'CSV', 'JSON', 'BASE64', 'csv', undefined]

/**
 * A payload object: data, encoding and (for a response) content type, with the odd missing
 * or duplicated member.
 */
function payload(data: string, r: Random, extra: [string, Json][] = [], label = false): Json {
  const encoding = r.mostly(ENCODINGS, ['TEXT', 'base64'])
  const text = encoding?.toUpperCase() === 'BASE64' ? Buffer.from(data).toString('base64') : data
  const members: [string, Json][] = label
    ? []
    : [
        ['observedContentType', { string: /^[[{]/.test(data) ? 'application/json' : 'text/csv' }],
        ['mode', { string: 'OUTPUT' }],
        ...extra
      ]
  if (!r.fault(0.005)) members.push(['data', r.fault(0.005) ? { raw: '5' } : { string: text }])
  if (encoding !== undefined) members.push(['encoding', { string: encoding }])
  if (r.chance(0.05)) members.push(['data', { string: r.pick(PREDICTIONS) }])
  if (r.fault(0.01)) members.push(['encoding', { raw: 'null' }])
  return { members: shuffled(members, r) }
}

function metadata(r: Random): Json {
  const members: [string, Json][] = []
  if (!r.fault(0.01)) members.push(['eventId', { string: id(r) }])
  if (r.chance(0.7)) members.push(['inferenceId', { string: id(r) }])
  if (!r.fault(0.01)) members.push(['inferenceTime', { string: r.mostly(TIMES, ['yesterday']) }])
  if (r.chance(0.1)) members.push(['customAttributes', { items: [{ string: 'c=1' }] }])
  if (r.fault(0.02)) members.push(['inferenceId', { raw: '12' }])
  return { members: shuffled(members, r) }
}

/** Keys the join looks for, somewhere it must not take them from. */
function decoy(r: Random, keys = ['endpointOutput', 'eventMetadata', 'data', 'captureData']) {
  return [
    r.pick(keys),
    r.chance(0.5)
      ? {
          members: [
            ['data', { string: '0.99' }],
            ['inferenceTime', { string: TIMES[0]! }]
          ]
        }
      : { items: [{ raw: '1.5e3' }, { raw: 'true' }, { string: 'endpointOutput' }] }
  ] satisfies [string, Json]
}
/** A member, or now and then the same member one level down, where it does not count. */
function nested(member: [string, Json], r: Random): [string, Json] {
  return r.fault(0.02) ? ['meta', { members: [member] }] : member
}

/** Top-level decoys that do not replace a record's own member. */
const BESIDE = ['endpointOutput', 'data', 'inferenceTime']

function capturedLine(r: Random): string {
  r.tidy = r.chance(0.5)
  const input: [string, Json][] = [
    ['observedContentType', { string: 'text/csv' }],
    ['data', { string: r.pick(['1,2', 'a"b\\c', '{"endpointOutput":{"data":"9"}}']) }],
    ['encoding', { string: 'CSV' }]
  ]
  if (r.chance(0.1)) input.push(decoy(r))
  const output: [string, Json] = [
    'endpointOutput',
    payload(r.mostly(PREDICTIONS, BAD_PREDICTIONS), r, r.chance(0.05) ? [decoy(r)] : [])
  ]
  // Now and then the output sits one level too deep: not the record's output.
  const deep = r.fault(0.01)
  if (deep) input.push(output)
  const capture: [string, Json][] = [['endpointInput', { members: shuffled(input, r) }]]
  if (!deep) capture.push(output)
  if (r.chance(0.05)) capture.push(decoy(r, ['eventMetadata', 'data', 'captureData']))
  const record: [string, Json][] = [
    ['captureData', { members: shuffled(capture, r) }],
    nested(['eventMetadata', metadata(r)], r),
    ['eventVersion', { string: '0' }]
  ]
  if (r.chance(0.05)) record.push(decoy(r, BESIDE))
  if (r.fault(0.01)) record.push(['eventMetadata', metadata(r)])
  return write({ members: r.chance(0.3) ? shuffled(record, r) : record }, r)
}

function truthLine(r: Random): string {
  r.tidy = r.chance(0.5)
  const label = r.mostly(LABELS, BAD_LABELS)
  const data = payload(label, r, [], true)
  const record: [string, Json][] = [
    ['groundTruthData', data],
    nested(
      ['eventMetadata', { members: r.fault(0.005) ? [] : [['eventId', { string: id(r) }]] }],
      r
    ),
    ['eventVersion', { string: '0' }]
  ]
  if (r.chance(0.05)) record.push(decoy(r, BESIDE))
  return write({ members: shuffled(record, r) }, r)
}

/** Lines of one object: mostly records, some blank or broken, LF or CRLF. */
function objectText(r: Random, line: (r: Random) => string, count: number): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    if (r.chance(0.03)) lines.push(r.pick(['', '   ', '\t\r', ' \u00a0']))
    else if (r.fault(0.005)) lines.push(r.pick(['not json', '[1]', '\ufeff{}', '{"a":1}x']))
    else {
      const text = line(r)
      lines.push(r.fault(0.005) ? text.slice(0, r.below(text.length)) : text)
    }
  }
  const eol = r.chance(0.3) ? '\r\n' : '\n'
  return lines.join(eol) + (r.chance(0.5) ? eol : '')
}

/** The text's bytes cut into chunks at random places. */
function chunks(text: string, r: Random): Uint8Array[] {
  const bytes = Buffer.from(text, 'utf8')
  const out: Uint8Array[] = []
  let at = 0
  while (at < bytes.length) {
    const size = r.chance(0.5) ? 1 + r.below(40) : 1 + r.below(2000)
    // A copy, as a stream's chunks are separate buffers.
    out.push(Uint8Array.from(bytes.subarray(at, at + size)))
    at += size
  }
  return out
}

type Outcome = { error: string } | { value: unknown }

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

function readBoth(task: Task, truthObjects: Uint8Array[][], captureObjects: Uint8Array[][]) {
  const read = (options: ReadOptions) => {
    const truth = new GroundTruth(task, options)
    const labels = outcome(() => {
      truthObjects.forEach((object, i) => truth.addChunks(object, `gt/${i}`))
      return [...truth.labels]
    })
    if ('error' in labels) return { labels }
    const join = new VariantJoin('v1', task, truth.labels, window, options)
    const joined = outcome(() => {
      captureObjects.forEach((object, i) => join.addChunks(object, `capture/${i}`))
      const out = join.finish()
      return { ...out, labels: Array.from(out.labels), predictions: Array.from(out.predictions) }
    })
    return { labels, joined }
  }
  return { scanned: read({}), parsed: read({ scan: false }) }
}

describe('the scanned join against JSON.parse of every line', () => {
  it('gives the same labels, pairs, counts and errors on random records', () => {
    let joinedSomething = 0
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom<Task>('binary', 'regression'), (seed, task) => {
        const r = generator(seed)
        r.faulty = r.chance(0.4)
        const truthObjects = [0, 1].map(() => chunks(objectText(r, truthLine, 1 + r.below(12)), r))
        const captureObjects = [0, 1].map(() =>
          chunks(objectText(r, capturedLine, 1 + r.below(12)), r)
        )
        const { scanned, parsed } = readBoth(task, truthObjects, captureObjects)
        expect(scanned).toEqual(parsed)
        const joined = scanned.joined
        if (joined && 'value' in joined && (joined.value as { labels: number[] }).labels.length)
          joinedSomething++
      }),
      { numRuns: 300 }
    )
    // The cases must reach the join, not stop at a bad label every time.
    expect(joinedSomething).toBeGreaterThan(20)
  })

  it('takes the last of a duplicated field and no key from a nested object', () => {
    const truth = new GroundTruth('regression')
    expect(() =>
      truth.addText('{"groundTruthData":{"data":"1"},"x":{"eventMetadata":{"eventId":"b"}}}', 'gt')
    ).toThrow('gt: line 1: eventMetadata.eventId is missing.')
    truth.addText(
      '{"groundTruthData":{"data":"1","encoding":"CSV","data":"2.5"},"x":{"eventMetadata":{"eventId":"b"}},"eventMetadata":{"eventId":"a"}}\n',
      'gt'
    )
    expect([...truth.labels]).toEqual([['a', 2.5]])
    const join = new VariantJoin('v1', 'regression', truth.labels, window)
    join.addChunks(
      [
        Buffer.from(
          '{"captureData":{"endpointInput":{"data":"1","endpointOutput":{"data":"9"}},"endpointOutput":{"d\\u0061ta":"3","encoding":"CSV"}},'
        ),
        Buffer.from(
          '"eventMetadata":{"inferenceTime":"2026-12-01T10:01:00Z","eventId":"x","inferenceId":"\\u0061"}}\r\n'
        )
      ],
      'c'
    )
    const joined = join.finish()
    expect([Array.from(joined.labels), Array.from(joined.predictions)]).toEqual([[2.5], [3]])
  })
})
