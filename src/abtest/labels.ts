// Labels by request id, keyed by the id's bytes: a million ids cost one byte arena and a
// few typed arrays instead of a million strings in a Map, and a captured record is looked
// up straight from the bytes it was read from. Ids are compared as the strings JSON gives:
// an id of ASCII characters is its bytes (however the JSON line escaped it, the caller
// hands over the decoded bytes); an id with any other character is kept as a string.

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME)
  return h
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/** A map from request id to label, in first-insertion order like a Map. */
export class LabelTable implements Iterable<[string, number]> {
  private arena = new Uint8Array(1 << 16)
  private arenaUsed = 0
  private keyStart = new Int32Array(1 << 10)
  private keyLength = new Int32Array(1 << 10)
  private values = new Float64Array(1 << 10)
  /** Entry index + 1 per slot; 0 is empty. */
  private slots = new Int32Array(1 << 11)
  /** Entries whose id has a character beyond ASCII: the id, and the entry index. */
  private readonly wide = new Map<string, number>()
  private readonly wideKeys = new Map<number, string>()
  size = 0

  static from(entries: Iterable<[string, number]>): LabelTable {
    const table = new LabelTable()
    for (const [id, label] of entries) table.set(id, label)
    return table
  }

  /** The label of the id in `bytes[start, end)` (ASCII), or undefined. */
  getBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
    const entry = this.find(bytes, start, end, hashOf(bytes, start, end))
    return entry < 0 ? undefined : this.values[entry]
  }

  setBytes(bytes: Uint8Array, start: number, end: number, value: number): void {
    const hash = hashOf(bytes, start, end)
    const entry = this.find(bytes, start, end, hash)
    if (entry >= 0) this.values[entry] = value
    else this.insert(bytes, start, end, hash, value)
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
    const added = this.addEntry(0, 0, value)
    this.wide.set(id, added)
    this.wideKeys.set(added, id)
  }

  *[Symbol.iterator](): Iterator<[string, number]> {
    for (let entry = 0; entry < this.size; entry++) {
      const start = this.keyStart[entry]!
      const id =
        this.wideKeys.get(entry) ??
        Buffer.from(this.arena.buffer, start, this.keyLength[entry]!).toString('latin1')
      yield [id, this.values[entry]!]
    }
  }

  /** The entry index of the id, or -1. */
  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1
      if (entry < 0) return -1
      if (this.keyLength[entry] !== length) continue
      const at = this.keyStart[entry]!
      let i = 0
      while (i < length && this.arena[at + i] === bytes[start + i]) i++
      if (i === length) return entry
    }
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number, value: number) {
    const length = end - start
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length))
      grown.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = grown
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed)
    const entry = this.addEntry(this.arenaUsed, length, value)
    this.arenaUsed += length
    if (this.size * 2 > this.slots.length) this.rehash()
    else this.place(entry, hash)
  }

  private addEntry(start: number, length: number, value: number): number {
    if (this.size === this.values.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2)
        b.set(a)
        return b
      }
      this.keyStart = grow(this.keyStart, n => new Int32Array(n))
      this.keyLength = grow(this.keyLength, n => new Int32Array(n))
      this.values = grow(this.values, n => new Float64Array(n))
    }
    const entry = this.size++
    this.keyStart[entry] = start
    this.keyLength[entry] = length
    this.values[entry] = value
    return entry
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1
    let slot = hash & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = entry + 1
  }

  /** Doubles the slots and places every byte-keyed entry again (the last one included). */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    for (let entry = 0; entry < this.size; entry++) {
      if (this.wideKeys.has(entry)) continue
      const start = this.keyStart[entry]!
      this.place(entry, hashOf(this.arena, start, start + this.keyLength[entry]!))
    }
  }
}
