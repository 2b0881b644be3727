import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { LabelTable } from '../../src/abtest/labels.js'

// The label table against a Map: the same labels for every id set, the last value of an id
// given twice, nothing for an id never given, and the same first-insertion order, through
// enough entries to grow the table many times, with ids that share their hash's low bits.

type Op = { id: string; value: number; bytes: boolean }

const ascii = (id: string): boolean => [...id].every(c => c.charCodeAt(0) < 0x80)

function check(ops: Op[], probes: string[]): void {
  const table = new LabelTable()
  const map = new Map<string, number>()
  for (const { id, value, bytes } of ops) {
    if (bytes && ascii(id)) {
      // Given as bytes inside a larger buffer, as a captured line hands them over.
      const buffer = Buffer.from(`xx${id}yy`, 'latin1')
      table.setBytes(buffer, 2, 2 + id.length, value)
    } else table.set(id, value)
    map.set(id, value)
  }
  expect(table.size).toBe(map.size)
  expect([...table]).toEqual([...map])
  for (const id of [...map.keys(), ...probes]) {
    expect(table.get(id)).toBe(map.get(id))
    if (ascii(id)) {
      const buffer = Buffer.from(`(${id})`, 'latin1')
      expect(table.getBytes(buffer, 1, 1 + id.length)).toBe(map.get(id))
    }
  }
}

describe('LabelTable', () => {
  it('agrees with a Map on random ids, repeats and misses', () => {
    const id = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.nat(3000).map(n => `req-${n}`)
    )
    const op = fc.record({ id, value: fc.double({ noNaN: true }), bytes: fc.boolean() })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.array(id, { maxLength: 50 }), check),
      { numRuns: 300 }
    )
  })

  it('agrees with a Map when reads come between writes, few or many at a time', () => {
    // Ids written are indexed when the table is next read: one by one when few are
    // waiting, all again when many are; reads in between must see every write before them.
    const id = fc.oneof(
      fc.nat(5000).map(n => `req-${n}`),
      fc.string({ maxLength: 4 })
    )
    const step = fc.oneof(
      fc.record({ set: fc.array(fc.tuple(id, fc.integer()), { maxLength: 3000, size: 'max' }) }),
      fc.record({ get: fc.array(id, { maxLength: 50 }) })
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), steps => {
        const table = new LabelTable()
        const map = new Map<string, number>()
        for (const s of steps) {
          if ('set' in s)
            for (const [key, value] of s.set) {
              table.set(key, value)
              map.set(key, value)
            }
          else for (const key of s.get) expect(table.get(key)).toBe(map.get(key))
          expect(table.size).toBe(map.size)
        }
        expect([...table]).toEqual([...map])
      }),
      // Shrinking thousands of writes takes minutes: the first failing case is reported as is.
      { numRuns: 60, endOnFailure: true }
    )
  })

  it('finds ids asked for in the order they were given, repeated ones with their last label', () => {
    // The shortcut that looks just after the last id found must never answer with an
    // entry a later label replaced, nor miss an id it skips.
    const table = new LabelTable()
    const map = new Map<string, number>()
    for (let i = 0; i < 5000; i++) {
      const key = `id-${i % 3 === 0 ? i - 1 : i}`
      table.set(key, i)
      map.set(key, i)
    }
    for (let i = -1; i < 5001; i++) expect(table.get(`id-${i}`)).toBe(map.get(`id-${i}`))
    for (let i = 5000; i >= -1; i--) expect(table.get(`id-${i}`)).toBe(map.get(`id-${i}`))
    expect([...table]).toEqual([...map])
  })

  it('keeps 200,000 ids through every growth, in order, with the last value of each', () => {
    const ops: Op[] = []
    for (let i = 0; i < 200_000; i++) ops.push({ id: `e-${i}-0b9c`, value: i % 2, bytes: true })
    for (let i = 0; i < 200_000; i += 7)
      ops.push({ id: `e-${i}-0b9c`, value: 5, bytes: i % 2 === 0 })
    const table = new LabelTable()
    for (const { id, value } of ops) table.set(id, value)
    expect(table.size).toBe(200_000)
    expect(table.get('e-0-0b9c')).toBe(5)
    expect(table.get('e-1-0b9c')).toBe(1)
    expect(table.get('e-14-0b9c')).toBe(5)
    expect(table.get('e-200000-0b9c')).toBeUndefined()
    const entries = [...table]
    expect(entries[3]).toEqual(['e-3-0b9c', 1])
    expect(entries.filter(([, value]) => value === 5)).toHaveLength(Math.ceil(200_000 / 7))
  })

  it('finds ids whose hashes fall in the same slot', () => {
    // Many short ids in a small table collide on the slot index; each must keep its own label.
    const table = new LabelTable()
    for (let i = 0; i < 5000; i++) table.set(String.fromCharCode(i % 128, (i >> 7) % 128), i)
    for (let i = 0; i < 5000; i++) {
      const id = String.fromCharCode(i % 128, (i >> 7) % 128)
      expect(table.get(id)).toBe(i)
    }
  })
})
