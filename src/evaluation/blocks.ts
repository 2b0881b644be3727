// Growable columns of numbers for data of unknown length. Values go into blocks that
// double in size up to a cap, so growing never copies what is already stored (a doubling
// array would hold the old and the new copy at once: twice the memory at the worst
// moment), and there are few blocks to merge later. A new block's pages cost nothing
// until values are written into them.
import { sortAscending } from './sorting.js'

/** The first block's length (8 MiB of doubles); each next one doubles, up to MAX_BLOCK. */
const FIRST_BLOCK = 1 << 20
const MAX_BLOCK = 1 << 22

type NumberArray = Float64Array | Uint8Array

class Column<T extends NumberArray> {
  private blocks: T[] = []
  private current: T
  private used = 0
  length = 0

  constructor(private readonly make: (length: number) => T) {
    this.current = make(0)
  }

  push(value: number): void {
    if (this.used === this.current.length) this.grow()
    this.current[this.used++] = value
    this.length++
  }

  private grow(): void {
    const size = Math.min(FIRST_BLOCK * 2 ** this.blocks.length, MAX_BLOCK)
    this.current = this.make(size)
    this.blocks.push(this.current)
    this.used = 0
  }

  /** The stored values, block by block, without copying. */
  parts(): T[] {
    return this.blocks.map((block, i) =>
      i === this.blocks.length - 1 ? (block.subarray(0, this.used) as T) : block
    )
  }

  /** The values in one array of exactly `length`; the column is emptied to free its blocks. */
  take(): T {
    const out = this.make(this.length)
    let offset = 0
    for (const part of this.parts()) {
      out.set(part, offset)
      offset += part.length
    }
    this.blocks = []
    this.current = this.make(0)
    this.used = 0
    this.length = 0
    return out
  }
}

export class Float64Column extends Column<Float64Array> {
  constructor() {
    super(length => new Float64Array(length))
  }

  /**
   * Sorts each block ascending in place and returns the sorted runs: sorted data with no
   * copy of the column (merging the runs is the reader's job). `scratch` is reused for
   * every block when it is long enough.
   */
  sortedRuns(scratch?: Float64Array): Float64Array[] {
    return this.parts().map(part => sortAscending(part, scratch))
  }
}

export class Uint8Column extends Column<Uint8Array> {
  constructor() {
    super(length => new Uint8Array(length))
  }
}
