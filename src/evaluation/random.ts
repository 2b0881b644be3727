// A small seeded generator, so that every random choice the engine makes (subsamples for
// standard deviations, bootstrap resamples) is the same on every run with the same seed:
// a gate decision must be reproducible from the data and the report.
//
// xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 - 1, 32-bit
// outputs that pass BigCrush; the state is filled from the seed with splitmix32 so that
// nearby seeds give unrelated streams.

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0
  let z = next
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return [next, (z ^ (z >>> 16)) >>> 0]
}

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  /** `seed` is any 32-bit integer; `stream` picks an independent sequence for the same seed. */
  constructor(seed: number, stream = 0) {
    let state = (seed ^ Math.imul(stream + 1, 0x632be5ab)) | 0
    const words: number[] = []
    for (let i = 0; i < 4; i++) {
      const [next, word] = splitmix32(state)
      state = next
      words.push(word)
    }
    ;[this.a, this.b, this.c, this.d] = words as [number, number, number, number]
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  private boundN = 0
  private boundThreshold = 0

  /** A uniform integer in [0, n), n <= 2^32, without modulo bias (Lemire's method). */
  below(n: number): number {
    if (n !== this.boundN) {
      // Draws whose low part falls below 2^32 mod n would make some results likelier.
      this.boundN = n
      this.boundThreshold = 0x100000000 % n
    }
    if (n <= 0x200000) {
      // The product of a 32-bit draw and n < 2^21 stays exact below 2^53; its high 32 bits
      // are the result (a multiplication by 2^-32 is exact), its low ones decide rejection.
      for (;;) {
        const product = this.next() * n
        const high = Math.floor(product * 2.3283064365386963e-10)
        if (product - high * 0x100000000 >= this.boundThreshold) return high
      }
    }
    const limit = 0x100000000 - this.boundThreshold
    for (;;) {
      const draw = this.next()
      if (draw < limit) return draw % n
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/**
 * A 16-bit draw below this keeps a row in a subsample: 52429 / 65536 = 0.800003, the 80%
 * that SageMaker Model Monitor samples to estimate a standard deviation. Sixteen bits
 * make two decisions per 32-bit draw.
 */
export const KEEP_16 = 52429
