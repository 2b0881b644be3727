import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { Float64Column, Uint8Column } from '../../src/evaluation/blocks.js'
import { Random } from '../../src/evaluation/random.js'
import {
  distinctValues,
  lowerBound,
  sortAscending,
  upperBound
} from '../../src/evaluation/sorting.js'

const ascending = (a: number, b: number) => a - b

describe('sortAscending', () => {
  it('sorts any finite doubles as a comparison sort does, with or without a scratch buffer', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(0, -0, 1, -1, 0.5, Number.MIN_VALUE, -Number.MAX_VALUE)
          ),
          { maxLength: 400 }
        ),
        fc.boolean(),
        (values, withScratch) => {
          const expected = [...values].sort(ascending)
          const scratch = withScratch ? new Float64Array(values.length + 3) : undefined
          const sorted = Array.from(sortAscending(Float64Array.from(values), scratch))
          // -0 and 0 are equal: a comparison sort may leave them in either order.
          expect(sorted.map(v => v + 0)).toEqual(expected.map(v => v + 0))
          for (let i = 1; i < sorted.length; i++)
            expect(sorted[i - 1]!).toBeLessThanOrEqual(sorted[i]!)
        }
      ),
      { seed: 4, numRuns: 500 }
    )
  })
})

describe('lowerBound, upperBound, distinctValues', () => {
  it('count the values below and at most x, and list each value once', () => {
    const sorted = Float64Array.of(0.1, 0.2, 0.2, 0.2, 0.5)
    expect([lowerBound(sorted, 0.2), upperBound(sorted, 0.2)]).toEqual([1, 4])
    expect([lowerBound(sorted, 0), upperBound(sorted, 1)]).toEqual([0, 5])
    expect(Array.from(distinctValues(sorted))).toEqual([0.1, 0.2, 0.5])
  })
})

describe('Float64Column and Uint8Column', () => {
  it('keep every value across growing blocks, as parts, as one array and as sorted runs', () => {
    const column = new Float64Column()
    const random = new Random(9)
    const n = 3_500_000
    const values = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      values[i] = random.next() / 4294967296
      column.push(values[i]!)
    }
    const parts = column.parts()
    expect(parts.map(p => p.length)).toEqual([1 << 20, 1 << 21, n - (1 << 20) - (1 << 21)])
    const runs = column.sortedRuns()
    for (const run of runs) {
      let ordered = true
      for (let i = 1; i < run.length; i++) if (run[i - 1]! > run[i]!) ordered = false
      expect(ordered).toBe(true)
    }
    const merged = new Float64Array(n)
    let offset = 0
    for (const run of runs) {
      merged.set(run, offset)
      offset += run.length
    }
    merged.sort()
    values.sort()
    expect(merged.every((v, i) => v === values[i])).toBe(true)
    const bytes = new Uint8Column()
    for (let i = 0; i < 1_100_000; i++) bytes.push(i % 2)
    const taken = bytes.take()
    expect(taken.length).toBe(1_100_000)
    expect(taken[1_099_999]).toBe(1)
    expect(bytes.length).toBe(0)
  })
})

describe('Random', () => {
  it('is reproducible from its seed and stream', () => {
    const draws = (seed: number, stream = 0) => {
      const random = new Random(seed, stream)
      return Array.from({ length: 5 }, () => random.next())
    }
    expect(draws(1)).toEqual(draws(1))
    expect(draws(1)).not.toEqual(draws(2))
    expect(draws(1, 0)).not.toEqual(draws(1, 1))
  })

  it('draws whole numbers below n uniformly, small n and large', () => {
    for (const n of [1, 2, 7, 1000]) {
      const random = new Random(3)
      const counts = new Float64Array(n)
      const draws = 200_000
      for (let i = 0; i < draws; i++) counts[random.below(n)]!++
      const expected = draws / n
      const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
      // Far above the 99.99th percentile of chi-square with n - 1 degrees of freedom
      // only when the draws are not uniform.
      expect(chiSquare).toBeLessThan(n - 1 + 8 * Math.sqrt(2 * Math.max(1, n - 1)) + 20)
    }
    const random = new Random(4)
    const large = 3_000_000_000
    for (let i = 0; i < 10_000; i++) {
      const value = random.below(large)
      expect(Number.isInteger(value) && value >= 0 && value < large).toBe(true)
    }
  })
})
