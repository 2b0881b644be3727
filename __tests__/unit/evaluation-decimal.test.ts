import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { decimalEnd, parseDecimal } from '../../src/evaluation/decimal.js'

const encoder = new TextEncoder()

function parse(text: string): { value: number; end: number } {
  const bytes = encoder.encode(text)
  const value = parseDecimal(bytes, 0, bytes.length)
  return { value, end: decimalEnd }
}

/** Every way JavaScript (and so, in effect, Python's repr and numpy) prints a double. */
function spellings(x: number): string[] {
  const out = [String(x), x.toExponential()]
  for (let k = 1; k <= 21; k++) out.push(x.toPrecision(k))
  for (let k = 0; k <= 20; k++) out.push(x.toExponential(k))
  if (Math.abs(x) < 1e15) for (const k of [0, 3, 6, 10, 17, 20]) out.push(x.toFixed(k))
  return out
}

describe('parseDecimal', () => {
  it('gives exactly the double Number() gives, for every spelling of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), x => {
        const wrong = spellings(x).filter(text => {
          const { value, end } = parse(text)
          return !Object.is(value, Number(text)) || end !== text.length
        })
        expect(wrong).toEqual([])
      }),
      { seed: 1, numRuns: 2000 }
    )
  })

  it('gives exactly the double Number() gives for long digit strings, with dots and exponents', () => {
    const digits = fc.string({
      unit: fc.constantFrom(...'0123456789'),
      minLength: 1,
      maxLength: 30
    })
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.nat({ max: 30 }),
        fc.option(fc.integer({ min: -40, max: 40 })),
        (sign, body, dot, exponent) => {
          const at = Math.min(dot, body.length)
          const text = `${sign}${body.slice(0, at)}.${body.slice(at)}${exponent === null ? '' : `e${exponent}`}`
          expect(Object.is(parse(text).value, Number(text))).toBe(true)
          expect(Object.is(parse(`${sign}${body}`).value, Number(`${sign}${body}`))).toBe(true)
        }
      ),
      { seed: 2, numRuns: 20000 }
    )
  })

  it('rounds halfway and near-halfway cases as Number() does', () => {
    for (const text of [
      '9007199254740993',
      '9007199254740995',
      '9007199254740993.00000000001',
      '0.1000000000000000055511151231257827',
      '0.30000000000000004',
      '2.2250738585072011e-308',
      '1.7976931348623157e308',
      '4.9e-324',
      '1e23',
      '8.98846567431158e307',
      '0.5000000000000000277555756156289135',
      '123456789012345678901234567890'
    ]) {
      expect(Object.is(parse(text).value, Number(text))).toBe(true)
    }
  })

  it('stops at the first byte that is not part of the number', () => {
    expect(parse('0.25,1')).toEqual({ value: 0.25, end: 4 })
    expect(parse('7\r\n')).toEqual({ value: 7, end: 1 })
    expect(parse('1e5x')).toEqual({ value: 100000, end: 3 })
    expect(parse('.5')).toEqual({ value: 0.5, end: 2 })
    expect(parse('3.')).toEqual({ value: 3, end: 2 })
    expect(parse('0x10')).toEqual({ value: 0, end: 1 })
  })

  it('is NaN where no number starts', () => {
    for (const text of [
      '',
      '.',
      '-',
      '+',
      'e5',
      '.e1',
      'nan',
      'inf',
      'Infinity',
      'abc',
      '1e',
      '1e+'
    ]) {
      expect(parse(text).value).toBeNaN()
    }
  })
})
