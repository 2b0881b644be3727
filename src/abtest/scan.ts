// A scanner for one JSON line that checks the whole line is JSON, as JSON.parse would
// accept it, and notes where the few string fields a join needs lie, without making a
// string or an object. Capture files are mostly bytes the join never needs (the request
// payload); parsing every line with JSON.parse costs many times what scoring does.
//
// Only the fields a `Shape` names are noted, at their place in the tree (a key of the same
// name deeper down is not taken for them); a key given twice keeps its last value, as in
// JSON.parse. Where the scanner cannot be sure of what JSON.parse would give (a named
// object given twice, a named field that is not a string, a key written with escapes, an
// object nested deeper than anything a capture needs), it answers -1 and the caller reads
// the line with JSON.parse.

/** The fields to note: a key leads to a nested shape or to a field's number. */
export interface Shape {
  [key: string]: number | Shape
}

/** A field's string held escapes (`\n`, `\u0041`, ...). */
export const ESCAPED = 1
/** A field's string held bytes beyond ASCII. */
export const WIDE = 2

const LF = 10
const CR = 13
const TAB = 9
const SPACE = 32
const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93
const MAX_DEPTH = 64

/** Bytes a JSON string holds as they are, and the characters after a backslash. */
const PLAIN = new Uint8Array(256)
const ESCAPE = new Uint8Array(256)
const HEX = new Uint8Array(256)
const DIGIT = new Uint8Array(256)
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1
for (const c of '0123456789') DIGIT[c.charCodeAt(0)] = 1
const LITERALS = ['true', 'false', 'null'].map(word => Buffer.from(word, 'latin1'))

/** What a value is for: nothing named (NONE), a field (>= 0), or a named object (<= NODE). */
const NONE = -1
const NODE = -2
/** A key that may name something, written so that only JSON.parse can tell. */
const UNSURE = -0x7fffffff
/** Containers on the stack that are not named objects. */
const OTHER_OBJECT = -1
const ARRAY = -2

const VALUE = 0
const MEMBER = 1
const AFTER = 2

interface Node {
  names: Uint8Array[]
  targets: number[]
}

function compile(shape: Shape, nodes: Node[]): number {
  const node: Node = { names: [], targets: [] }
  const index = nodes.push(node) - 1
  for (const [name, value] of Object.entries(shape)) {
    node.names.push(Buffer.from(name, 'latin1'))
    node.targets.push(typeof value === 'number' ? value : NODE - compile(value, nodes))
  }
  return index
}

function skipSpace(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i]
    if (c !== SPACE && c !== TAB && c !== CR) return i
    i++
  }
}

/** Scans JSON lines of one shape; the field positions are those of the last line scanned. */
export class LineScanner {
  /** Per field: where its string's text starts, and the index of its closing quote. */
  readonly start: Int32Array
  readonly end: Int32Array
  /** Per field: -1 when the line does not have it, else ESCAPED | WIDE bits. */
  readonly flags: Int32Array
  /** Whether the last line scanned was blank (spaces, tabs and CR only). */
  blank = false
  private readonly nodes: Node[] = []
  private readonly seen: Uint8Array
  private readonly stack = new Int32Array(MAX_DEPTH)
  private depth = 0
  private state = VALUE
  private target = NONE
  private stringFlags = 0

  constructor(shape: Shape, fields: number) {
    compile(shape, this.nodes)
    this.seen = new Uint8Array(this.nodes.length)
    this.start = new Int32Array(fields)
    this.end = new Int32Array(fields)
    this.flags = new Int32Array(fields)
  }

  /**
   * Scans the line that starts at `from` and ends with a line feed: the line feed's index,
   * or -1 when the line is not one JSON object whose named parts are as the shape says.
   */
  scan(b: Uint8Array, from: number): number {
    let i = skipSpace(b, from)
    this.blank = b[i] === LF
    if (this.blank) return i
    if (b[i] !== OPEN_OBJECT) return -1
    this.flags.fill(-1)
    this.seen.fill(0)
    this.depth = 0
    this.state = VALUE
    this.target = NODE
    for (;;) {
      if (this.state === VALUE) i = this.value(b, i)
      else if (this.state === MEMBER) i = this.member(b, i)
      else if (this.depth > 0) i = this.after(b, i)
      else {
        i = skipSpace(b, i)
        return b[i] === LF ? i : -1
      }
      if (i < 0) return -1
    }
  }

  /** One value at `i` (spaces before it allowed), for `this.target`. */
  private value(b: Uint8Array, i: number): number {
    i = skipSpace(b, i)
    const c = b[i]
    const target = this.target
    if (c === QUOTE) {
      const close = this.string(b, i + 1)
      if (close < 0 || target <= NODE) return -1
      if (target >= 0) {
        this.start[target] = i + 1
        this.end[target] = close
        this.flags[target] = this.stringFlags
      }
      this.state = AFTER
      return close + 1
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) return this.open(b, i, c === OPEN_ARRAY)
    if (target !== NONE) return -1
    this.state = AFTER
    return c === 45 || DIGIT[c!] === 1 ? number(b, i) : literal(b, i)
  }

  private open(b: Uint8Array, i: number, array: boolean): number {
    const target = this.target
    let kind = array ? ARRAY : OTHER_OBJECT
    if (target <= NODE) {
      if (array) return -1
      kind = NODE - target
      if (this.seen[kind] === 1) return -1
      this.seen[kind] = 1
    } else if (target !== NONE) return -1
    if (this.depth === MAX_DEPTH) return -1
    this.stack[this.depth++] = kind
    i = skipSpace(b, i + 1)
    if (b[i] === (array ? CLOSE_ARRAY : CLOSE_OBJECT)) {
      this.depth--
      this.state = AFTER
      return i + 1
    }
    this.target = NONE
    this.state = array ? VALUE : MEMBER
    return i
  }

  /** `"key":` of an object member; the value's target follows from the key. */
  private member(b: Uint8Array, i: number): number {
    i = skipSpace(b, i)
    if (b[i] !== QUOTE) return -1
    const close = this.string(b, i + 1)
    if (close < 0) return -1
    const node = this.stack[this.depth - 1]!
    this.target = node >= 0 ? this.targetOf(node, b, i + 1, close) : NONE
    if (this.target === UNSURE) return -1
    i = skipSpace(b, close + 1)
    if (b[i] !== COLON) return -1
    this.state = VALUE
    return i + 1
  }

  /** The target of a key of a named object. */
  private targetOf(node: number, b: Uint8Array, start: number, end: number): number {
    if ((this.stringFlags & ESCAPED) !== 0) return UNSURE
    const { names, targets } = this.nodes[node]!
    for (let n = 0; n < names.length; n++) {
      const name = names[n]!
      if (name.length !== end - start) continue
      let k = 0
      while (k < name.length && name[k] === b[start + k]) k++
      if (k === name.length) return targets[n]!
    }
    return NONE
  }

  /** After a value: `,` and the next member or element, or the container's end. */
  private after(b: Uint8Array, i: number): number {
    i = skipSpace(b, i)
    const array = this.stack[this.depth - 1] === ARRAY
    const c = b[i]
    if (c === COMMA) {
      this.target = NONE
      this.state = array ? VALUE : MEMBER
      return i + 1
    }
    if (c !== (array ? CLOSE_ARRAY : CLOSE_OBJECT)) return -1
    this.depth--
    return i + 1
  }

  /** The index of the quote that ends the string whose text starts at `i`, or -1. */
  private string(b: Uint8Array, i: number): number {
    let flags = 0
    for (;;) {
      while (PLAIN[b[i]!] === 1) i++
      const c = b[i]!
      if (c === QUOTE) {
        this.stringFlags = flags
        return i
      }
      if (c === BACKSLASH) {
        flags |= ESCAPED
        const e = b[i + 1]!
        if (ESCAPE[e] === 1) i += 2
        else if (e === 117 && HEX[b[i + 2]!]! & HEX[b[i + 3]!]! & HEX[b[i + 4]!]! & HEX[b[i + 5]!]!)
          i += 6
        else return -1
      } else if (c >= 0x80) {
        flags |= WIDE
        i++
      } else return -1
    }
  }
}

function digits(b: Uint8Array, i: number): number {
  const from = i
  while (DIGIT[b[i]!] === 1) i++
  return i > from ? i : -1
}

/** The index after a JSON number at `i`, or -1. */
function number(b: Uint8Array, i: number): number {
  if (b[i] === 45) i++
  if (b[i] === 48) i++
  else if ((i = digits(b, i)) < 0) return -1
  if (b[i] === 46 && (i = digits(b, i + 1)) < 0) return -1
  if (b[i] === 101 || b[i] === 69) {
    i++
    if (b[i] === 43 || b[i] === 45) i++
    return digits(b, i)
  }
  return i
}

/** The index after `true`, `false` or `null` at `i`, or -1. */
function literal(b: Uint8Array, i: number): number {
  for (const word of LITERALS) {
    let k = 0
    while (k < word.length && b[i + k] === word[k]) k++
    if (k === word.length) return i + k
  }
  return -1
}
