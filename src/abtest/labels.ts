// Labels by request id, keyed by the id's bytes: a million ids cost one byte arena and a
// few typed arrays instead of a million strings in a Map, and a captured record is looked
// up straight from the bytes it was read from. Ids are compared as the strings JSON gives:
// an id of ASCII characters is its bytes (however the JSON line escaped it, the caller
// hands over the decoded bytes); an id with any other character is kept as a string.
//
// A million ids are more than the processor's caches hold, and a hash table's cost is then
// its random memory reads. So ids given are first only appended, in order; the hash index
// is built when the table is first read, in the order of the slots the ids fall in (one
// sweep over the slots instead of a million random probes), and an id asked for is first
// looked for just after the last one found: captured requests and their labels usually
// come in the same order. Both are shortcuts to the same answers a Map gives.

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a over the bytes, then mixed so that every bit of the hash reaches the slot index. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  return h ^ (h >>> 13)
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

function grown<T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2)
  b.set(a)
  return b
}

/** Key lengths that are not lengths: an id kept as a string, an entry a later one replaced. */
const WIDE = -1
const REPLACED = -2
/** Entries placed one by one when fewer than this are waiting; else the index is rebuilt. */
const FEW = 1024
/** How many entries after the last one found are tried before the hash index. */
const NEARBY = 4

/** A map from request id to label, in first-insertion order like a Map. */
export class LabelTable implements Iterable<[string, number]> {
  private arena = new Uint8Array(1 << 16)
  private arenaUsed = 0
  private keyStart = new Int32Array(1 << 10)
  private keyLength = new Int32Array(1 << 10)
  private keyHash = new Int32Array(1 << 10)
  private values = new Float64Array(1 << 10)
  /** Entries appended, the replaced ones included; those before `indexed` are in the slots. */
  private entries = 0
  private indexed = 0
  /** Distinct ids among the indexed entries. */
  private distinct = 0
  /** Two numbers per slot: the id's hash, and its entry index + 1 (0: the slot is empty). */
  private slots = new Int32Array(2 << 11)
  private mask = (1 << 11) - 1
  /** The entry last found. */
  private cursor = -1
  /** Entries whose id has a character beyond ASCII: the id, and the entry index. */
  private readonly wide = new Map<string, number>()
  private readonly wideKeys = new Map<number, string>()

  static from(entries: Iterable<[string, number]>): LabelTable {
    const table = new LabelTable()
    for (const [id, label] of entries) table.set(id, label)
    return table
  }

  /** How many distinct ids have a label. */
  get size(): number {
    this.seal()
    return this.distinct + this.wide.size
  }

  /** The label of the id in `bytes[start, end)` (ASCII), or undefined. */
  getBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
    this.seal()
    let entry = this.nearby(bytes, start, end)
    if (entry < 0) entry = this.find(bytes, start, end, hashOf(bytes, start, end))
    if (entry < 0) return undefined
    this.cursor = entry
    return this.values[entry]
  }

  /** Gives the id in `bytes[start, end)` (ASCII) its label; a later label replaces an earlier. */
  setBytes(bytes: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length))
      arena.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = arena
    }
    const arena = this.arena
    const at = this.arenaUsed - start
    for (let i = start; i < end; i++) arena[at + i] = bytes[i]!
    const entry = this.addEntry(this.arenaUsed, length, value)
    this.keyHash[entry] = hashOf(bytes, start, end)
    this.arenaUsed += length
  }

  /** get() for an id of ASCII characters only. */
  getText(id: string): number | undefined {
    const bytes = this.scratchOf(id)
    return this.getBytes(bytes, 0, id.length)
  }

  /** set() for an id of ASCII characters only. */
  setText(id: string, value: number): void {
    const bytes = this.scratchOf(id)
    this.setBytes(bytes, 0, id.length, value)
  }

  private scratch = new Uint8Array(256)

  private scratchOf(id: string): Uint8Array {
    if (id.length > this.scratch.length) this.scratch = new Uint8Array(id.length * 2)
    for (let k = 0; k < id.length; k++) this.scratch[k] = id.charCodeAt(k)
    return this.scratch
  }

  get(id: string): number | undefined {
    if (!isAscii(id)) {
      const entry = this.wide.get(id)
      return entry === undefined ? undefined : this.values[entry]
    }
    return this.getText(id)
  }

  set(id: string, value: number): void {
    if (isAscii(id)) {
      this.setText(id, value)
      return
    }
    const entry = this.wide.get(id)
    if (entry !== undefined) {
      this.values[entry] = value
      return
    }
    const added = this.addEntry(0, WIDE, value)
    this.wide.set(id, added)
    this.wideKeys.set(added, id)
  }

  *[Symbol.iterator](): Iterator<[string, number]> {
    this.seal()
    for (let entry = 0; entry < this.entries; entry++) {
      const length = this.keyLength[entry]!
      if (length === REPLACED) continue
      const start = this.keyStart[entry]!
      const id =
        length === WIDE
          ? this.wideKeys.get(entry)!
          : Buffer.from(this.arena.buffer, start, length).toString('latin1')
      yield [id, this.values[entry]!]
    }
  }

  /** Whether entries `a` and `b` hold the same id. */
  private sameKey(a: number, b: number): boolean {
    const length = this.keyLength[a]!
    if (this.keyLength[b] !== length) return false
    const { arena } = this
    const x = this.keyStart[a]!
    const y = this.keyStart[b]!
    let i = 0
    while (i < length && arena[x + i] === arena[y + i]) i++
    return i === length
  }

  /** The entry holding the id among the few after the last one found, or -1. */
  private nearby(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start
    const last = Math.min(this.cursor + NEARBY, this.entries - 1)
    for (let entry = this.cursor + 1; entry <= last; entry++) {
      if (this.keyLength[entry] !== length) continue
      const at = this.keyStart[entry]! - start
      let i = start
      while (i < end && this.arena[at + i] === bytes[i]) i++
      if (i === end) return entry
    }
    return -1
  }

  /** The entry holding the id, through the hash index, or -1. */
  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, mask, arena } = this
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (entry < 0) return -1
      if (slots[2 * slot] !== hash || this.keyLength[entry] !== length) continue
      const at = this.keyStart[entry]! - start
      let i = start
      while (i < end && arena[at + i] === bytes[i]) i++
      if (i === end) return entry
    }
  }

  private addEntry(start: number, length: number, value: number): number {
    if (this.entries === this.values.length) {
      this.keyStart = grown(this.keyStart, n => new Int32Array(n))
      this.keyLength = grown(this.keyLength, n => new Int32Array(n))
      this.keyHash = grown(this.keyHash, n => new Int32Array(n))
      this.values = grown(this.values, n => new Float64Array(n))
    }
    const entry = this.entries++
    this.keyStart[entry] = start
    this.keyLength[entry] = length
    this.values[entry] = value
    return entry
  }

  /** Indexes the entries appended since the last read: one by one if few, else all again. */
  private seal(): void {
    const waiting = this.entries - this.indexed
    if (waiting === 0) return
    if (waiting < FEW && (this.distinct + waiting) * 2 <= this.mask + 1) {
      for (let entry = this.indexed; entry < this.entries; entry++) this.place(entry)
    } else this.rebuild()
    this.indexed = this.entries
  }

  /**
   * Places an entry in the index; an id already there takes its label instead (its place
   * in the order stays the first one's), and the entry is marked replaced.
   */
  private place(entry: number): void {
    if (this.keyLength[entry] === WIDE) return
    const { slots, mask } = this
    const hash = this.keyHash[entry]!
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const other = slots[2 * slot + 1]! - 1
      if (other < 0) {
        slots[2 * slot] = hash
        slots[2 * slot + 1] = entry + 1
        this.distinct++
        return
      }
      if (slots[2 * slot] === hash && this.sameKey(other, entry)) {
        this.values[other] = this.values[entry]!
        this.keyLength[entry] = REPLACED
        return
      }
    }
  }

  /**
   * A new index for every entry, sized for twice their number, filled in the order of the
   * slots the entries fall in (a counting sort on the top bits of their home slot): the
   * slots are written in one sweep, and entries of one id, sorted stably, meet in order.
   */
  private rebuild(): void {
    let capacity = 1 << 11
    while (capacity < this.entries * 2) capacity *= 2
    this.slots = new Int32Array(2 * capacity)
    this.mask = capacity - 1
    this.distinct = 0
    const bits = Math.min(16, Math.log2(capacity))
    const shift = Math.log2(capacity) - bits
    const starts = new Int32Array((1 << bits) + 1)
    const { keyHash, keyLength } = this
    for (let entry = 0; entry < this.entries; entry++) {
      if (keyLength[entry]! >= 0) starts[((keyHash[entry]! & this.mask) >>> shift) + 1]!++
    }
    for (let b = 0; b < 1 << bits; b++) starts[b + 1]! += starts[b]!
    const order = new Int32Array(starts[1 << bits]!)
    for (let entry = 0; entry < this.entries; entry++) {
      if (keyLength[entry]! >= 0) order[starts[(keyHash[entry]! & this.mask) >>> shift]!++] = entry
    }
    for (let k = 0; k < order.length; k++) this.place(order[k]!)
  }
}
