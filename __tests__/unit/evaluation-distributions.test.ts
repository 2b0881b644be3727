import { expect, it } from '@jest/globals'
import {
  binomialCdfHalf,
  chiSquare1Sf,
  erf,
  erfc,
  normalCdf,
  normalQuantile,
  normalSf
} from '../../src/evaluation/distributions.js'
import { describeWithReference, relativelyClose, runReference } from './reference/python.js'

const zs = Array.from({ length: 5500 }, (_, i) => -37 + i * 0.01346)
const ps = [
  ...Array.from({ length: 300 }, (_, i) => 10 ** (-300 + i)),
  ...Array.from({ length: 999 }, (_, i) => (i + 1) / 1000),
  0.5,
  1 - 1e-12,
  1 - 1e-16
]

const SCRIPT = `
from scipy.special import erf, erfc
from scipy.stats import binom, chi2, norm
out = []
for index, a, params in cases():
    z, p = a["z"], a["p"]
    out.append(dict(erf=erf(z / math.sqrt(2)), erfc=erfc(z / math.sqrt(2)), sf=norm.sf(z),
                    cdf=norm.cdf(z), chi=chi2.sf(z * z, 1), quantile=norm.ppf(p),
                    binomial=[[binom.cdf(k, n, 0.5) for k in range(n + 1)] for n in range(53)]))
emit(out)
`

interface Reference {
  erf: number[]
  erfc: number[]
  sf: number[]
  cdf: number[]
  chi: number[]
  quantile: number[]
  binomial: number[][]
}

/** The largest relative error over a grid (values below 1e-300 are compared absolutely). */
function worst(actual: (x: number) => number, inputs: number[], expected: number[]): number {
  let largest = 0
  inputs.forEach((x, i) => {
    const e = expected[i]!
    const a = actual(x)
    const error = Math.abs(e) < 1e-300 ? Math.abs(a - e) : Math.abs(a - e) / Math.abs(e)
    largest = Math.max(largest, error)
  })
  return largest
}

describeWithReference('distribution functions against scipy 1.10', () => {
  let reference: Reference
  it('are accurate to 1e-12 relative for the normal, chi-square(1) and erf, and exact for the binomial', () => {
    reference = runReference<Reference>(SCRIPT, [{ arrays: { z: zs, p: ps } }])[0]!
    const root2 = Math.SQRT2
    expect(worst(z => erf(z / root2), zs, reference.erf)).toBeLessThan(1e-12)
    expect(worst(z => erfc(z / root2), zs, reference.erfc)).toBeLessThan(1e-12)
    expect(worst(normalSf, zs, reference.sf)).toBeLessThan(1e-12)
    expect(worst(normalCdf, zs, reference.cdf)).toBeLessThan(1e-12)
    expect(worst(z => chiSquare1Sf(z * z), zs, reference.chi)).toBeLessThan(1e-12)
    expect(worst(normalQuantile, ps, reference.quantile)).toBeLessThan(1e-13)
    reference.binomial.forEach((row, n) =>
      row.forEach((value, k) =>
        expect(relativelyClose(binomialCdfHalf(k, n), value, 1e-15)).toBe(true)
      )
    )
  })
})

it('knows the edges', () => {
  expect(normalQuantile(0.5)).toBe(0)
  expect(normalQuantile(0)).toBe(-Infinity)
  expect(normalQuantile(1)).toBe(Infinity)
  expect(normalQuantile(1.5)).toBeNaN()
  expect(chiSquare1Sf(0)).toBe(1)
  expect(normalSf(40)).toBe(0)
  expect(binomialCdfHalf(-1, 10)).toBe(0)
  expect(binomialCdfHalf(10, 10)).toBe(1)
  // Exact: P(X <= 2) for Binomial(4, 1/2) = (1 + 4 + 6) / 16.
  expect(binomialCdfHalf(2, 4)).toBe(11 / 16)
  expect(() => binomialCdfHalf(3, 53)).toThrow(RangeError)
})
