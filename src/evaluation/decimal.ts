// Decimal numbers parsed straight from bytes, correctly rounded (the same double that
// Number() gives for the same text), without making a string per field.
//
// Three paths, all exact:
// - up to 15 significant digits and a power of ten up to 22: one IEEE multiplication or
//   division of two exactly representable doubles, which rounds correctly by itself
//   (Clinger's fast path);
// - 16 to 19 significant digits: the digits held exactly as a sum of two doubles, one
//   rounded division or multiplication, then the exact remainder decides whether the
//   neighbouring double is closer; when the value lies too near a halfway point to tell,
//   the text goes to Number();
// - anything else (more digits, larger exponents): Number() on the text.

/** Exact powers of ten: 10^0 ... 10^22 are representable doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`))

/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729

/** The rounding error of a * b: a * b = fl(a * b) + twoProductError(a, b, fl(a * b)) exactly. */
function twoProductError(a: number, b: number, product: number): number {
  let t = SPLITTER * a
  const aHi = t - (t - a)
  const aLo = a - aHi
  t = SPLITTER * b
  const bHi = t - (t - b)
  const bLo = b - bHi
  return aLo * bLo - (product - aHi * bHi - aLo * bHi - aHi * bLo)
}

/**
 * The correctly rounded value of (high * 10^lowDigits + low) * 10^exponent, or NaN when
 * it lies too close to a halfway point between two doubles to decide without Number().
 * `high` < 10^15, `low` < 10^lowDigits <= 10^4, |exponent| <= 22, high > 0.
 */
function roundLong(high: number, low: number, lowDigits: number, exponent: number): number {
  const scale = POW10[lowDigits]!
  const product = high * scale
  const productError = twoProductError(high, scale, product)
  const sum = product + low
  const sumError = low - (sum - product)
  // Integers below 2^64 leave integer rounding errors below 2^12: their sum is exact.
  const mantissaError = productError + sumError
  let q: number
  let residual: number
  let unit: number
  if (exponent >= 0) {
    const power = POW10[exponent]!
    q = sum * power
    residual = twoProductError(sum, power, q) + mantissaError * power
    unit = 1
  } else {
    const power = POW10[-exponent]!
    q = sum / power
    const back = q * power
    residual = sum - back - twoProductError(q, power, back) + mantissaError
    // The exact value minus q is residual / power.
    unit = power
  }
  // q can be a few units in the last place off (the digits were rounded once before the
  // division): add the correction, then check that the exact value is not so near a
  // halfway point that the error of the correction could have rounded it the wrong way.
  const correction = residual / unit
  const value = q + correction
  const left = q - value + correction
  // IEEE addition rounds monotonically: when the exact value, give or take far more than
  // the error in `left`, rounds to `value`, so does the exact value itself.
  if (value + left * (1 + 1e-6) !== value || value + left * (1 - 1e-6) !== value) return NaN
  return value
}

/** Where the last parseDecimal call stopped: the index of the first byte it did not use. */
export let decimalEnd = 0

const ZERO = 48
const DOT = 46
const MINUS = 45
const PLUS = 43

/**
 * Parses a decimal number (`-12.5`, `.5`, `3.`, `1e-7`, `+4E2`) that starts at `start`,
 * reading at most up to `end`. Returns the value (correctly rounded) and leaves the index
 * of the first unused byte in `decimalEnd`; returns NaN when no number starts there.
 * `nan`, `inf` and hexadecimal are not numbers here: a metric needs a finite value.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  let negative = false
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) negative = bytes[i++] === MINUS
  // The value is (high * 10^lowDigits + low) * 10^exponent: the first 15 significant
  // digits in `high` (below 10^15, exact), up to 4 more in `low`; leading zeros keep
  // `high` at 0 and so are not counted.
  let high = 0
  let low = 0
  let lowDigits = 0
  let exponent = 0
  let overflow = false
  // One loop over the integer and fraction digits: the first dot is skipped and remembered.
  const integerStart = i
  let dot = -1
  for (; i < end; i++) {
    const c = bytes[i]!
    if (c === DOT && dot < 0) {
      dot = i
      continue
    }
    const d = c - ZERO
    if (d < 0 || d > 9) break
    if (high < 1e14) high = high * 10 + d
    else if (lowDigits < 4) {
      low = low * 10 + d
      lowDigits++
    } else overflow = true
  }
  const digits = i - integerStart - (dot < 0 ? 0 : 1)
  if (dot >= 0) exponent -= i - dot - 1
  if (digits === 0) return NaN
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    const after = parseExponent(bytes, i + 1, end)
    if (Number.isNaN(after)) return NaN
    exponent += exponentValue
    i = after
  }
  decimalEnd = i
  let value: number
  if (high === 0) value = 0
  else if (overflow || exponent > 22 || exponent < -22) value = NaN
  else if (lowDigits === 0)
    value = exponent >= 0 ? high * POW10[exponent]! : high / POW10[-exponent]!
  else value = roundLong(high, low, lowDigits, exponent)
  if (Number.isNaN(value)) return Number(latin1(bytes, start, i))
  return negative ? -value : value
}

let exponentValue = 0

/** Reads `[+-]digits` of an exponent into exponentValue; returns the index after it, or NaN. */
function parseExponent(bytes: Uint8Array, start: number, end: number): number {
  let j = start
  let negative = false
  if (j < end && (bytes[j] === MINUS || bytes[j] === PLUS)) negative = bytes[j++] === MINUS
  let value = 0
  const first = j
  for (; j < end; j++) {
    const d = bytes[j]! - ZERO
    if (d < 0 || d > 9) break
    if (value < 1e6) value = value * 10 + d
  }
  if (j === first) return NaN
  exponentValue = negative ? -value : value
  return j
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!)
  return text
}
