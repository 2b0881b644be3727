import { createHash } from 'node:crypto'
import { inferDirection } from './direction.js'
import type {
  Comparator,
  MetricDirection,
  Policy,
  PolicyInput,
  RegressionRule,
  ThresholdRule
} from './types.js'

/** A mistake in the policy text, located so the user can find it. */
export class PolicyError extends Error {
  override name = 'PolicyError'
  readonly input: PolicyInput | undefined
  readonly line: number | undefined
  readonly column: number | undefined

  constructor(
    message: string,
    where?: { input: PolicyInput; line?: number; column?: number; text?: string }
  ) {
    super(PolicyError.format(message, where))
    this.input = where?.input
    this.line = where?.line
    this.column = where?.column
  }

  private static format(
    message: string,
    where?: { input: PolicyInput; line?: number; column?: number; text?: string }
  ): string {
    if (!where) return message
    if (where.line === undefined) return `Input "${where.input}": ${message}`
    const head = `Input "${where.input}", line ${where.line}, column ${where.column ?? 1}: ${message}`
    if (where.text === undefined) return head
    const gutter = String(where.line)
    const pad = ' '.repeat(gutter.length)
    const caret = ' '.repeat(Math.max(0, (where.column ?? 1) - 1)) + '^'
    return `${head}\n  ${gutter} | ${where.text}\n  ${pad} | ${caret}`
  }
}

const METRIC_NAME = /[A-Za-z0-9_.:/-]+/y
const COMPARATOR = /(>=|<=|==|>|<)/y
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y
const WORD = /\S+/y

/** Walks one line left to right, remembering the column for messages. */
class LineScanner {
  pos = 0

  constructor(
    readonly input: PolicyInput,
    readonly lineNumber: number,
    readonly text: string
  ) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++
  }

  atEnd(): boolean {
    this.skipSpace()
    return this.pos >= this.text.length
  }

  match(pattern: RegExp): string | undefined {
    this.skipSpace()
    pattern.lastIndex = this.pos
    const found = pattern.exec(this.text)
    if (!found) return undefined
    this.pos += found[0].length
    return found[0]
  }

  /** What stands at the cursor, for "got ..." in messages. */
  next(): string {
    this.skipSpace()
    WORD.lastIndex = this.pos
    return WORD.exec(this.text)?.[0] ?? ''
  }

  fail(message: string, at = this.pos): never {
    throw new PolicyError(message, {
      input: this.input,
      line: this.lineNumber,
      column: at + 1,
      text: this.text
    })
  }

  got(): string {
    const word = this.next()
    return word === '' ? 'the end of the line' : `"${word}"`
  }

  metric(): { name: string; column: number } {
    this.skipSpace()
    const column = this.pos
    const name = this.match(METRIC_NAME)
    if (name === undefined) {
      this.fail(`expected a metric name (letters, digits and _ . : / -), got ${this.got()}`)
    }
    // A name glued to a character outside the set (`auc!`) would otherwise read as two tokens.
    if (this.pos < this.text.length && !/[\s<>=+-]/.test(this.text[this.pos] ?? '')) {
      this.fail(
        `"${this.text[this.pos]}" is not allowed in a metric name (letters, digits and _ . : / -)`
      )
    }
    return { name, column }
  }

  number(after: string): number {
    this.skipSpace()
    const start = this.pos
    const text = this.match(NUMBER)
    const value = text === undefined ? NaN : Number(text)
    if (text === undefined || !Number.isFinite(value)) {
      this.pos = start
      this.fail(`expected a number after "${after}", got ${this.got()}`)
    }
    return value
  }

  end(after: string): void {
    if (!this.atEnd()) this.fail(`unexpected ${this.got()} after ${after}`)
  }
}

/** Lines with content, without `#` comments; numbers are 1-based. */
function contentLines(text: string): Array<{ line: number; text: string }> {
  return text
    .split(/\r?\n/)
    .map((raw, index) => {
      const hash = raw.indexOf('#')
      return { line: index + 1, text: (hash === -1 ? raw : raw.slice(0, hash)).trimEnd() }
    })
    .filter(entry => entry.text.trim() !== '')
}

function parseThresholds(text: string): ThresholdRule[] {
  const rules: ThresholdRule[] = []
  const seen = new Map<string, number>()
  for (const { line, text: lineText } of contentLines(text)) {
    const scan: LineScanner = new LineScanner('thresholds', line, lineText)
    const metric = scan.metric()
    const opColumn = (scan.skipSpace(), scan.pos)
    const op = scan.match(COMPARATOR) as Comparator | undefined
    if (op === undefined) {
      scan.fail(`expected one of >= > <= < == after "${metric.name}", got ${scan.got()}`)
    }
    const value = scan.number(op)
    scan.end(`the threshold "${op} ${value}"`)
    const key = `${metric.name} ${op}`
    const first = seen.get(key)
    if (first !== undefined) {
      scan.fail(
        `"${metric.name} ${op}" is already set on line ${first}; keep one rule per metric and comparator`,
        opColumn
      )
    }
    seen.set(key, line)
    rules.push({ kind: 'threshold', metric: metric.name, op, value, line })
  }
  return rules
}

function parseDirections(text: string): Record<string, MetricDirection> {
  const directions: Record<string, MetricDirection> = {}
  const seen = new Map<string, number>()
  for (const { line, text: lineText } of contentLines(text)) {
    const scan: LineScanner = new LineScanner('metric-directions', line, lineText)
    const metric = scan.metric()
    scan.skipSpace()
    const column = scan.pos
    const word = scan.next()
    if (word !== 'higher' && word !== 'lower') {
      scan.fail(`expected "higher" or "lower" after "${metric.name}", got ${scan.got()}`)
    }
    scan.pos += word.length
    scan.end(`"${word}"`)
    const first = seen.get(metric.name)
    if (first !== undefined) {
      scan.fail(`the direction of "${metric.name}" is already set on line ${first}`, column)
    }
    seen.set(metric.name, line)
    directions[metric.name] = word
  }
  return directions
}

function parseRegressions(
  text: string,
  directions: Record<string, MetricDirection>
): RegressionRule[] {
  const rules: RegressionRule[] = []
  const seen = new Map<string, number>()
  for (const { line, text: lineText } of contentLines(text)) {
    const scan: LineScanner = new LineScanner('max-regression', line, lineText)
    const metric = scan.metric()
    scan.skipSpace()
    const column = scan.pos
    const value = scan.number(metric.name)
    // The sign is required so that the line reads as what it allows: a drop.
    if (!lineText.slice(column).startsWith('-')) {
      scan.fail(
        `expected a negative limit such as -0.01 (absolute) or -1% (relative), got "${lineText.slice(column, scan.pos)}"`,
        column
      )
    }
    const relative = scan.match(/%/y) !== undefined
    scan.end(`the limit "${lineText.slice(column, scan.pos)}"`)
    const first = seen.get(metric.name)
    if (first !== undefined) {
      scan.fail(
        `"${metric.name}" already has a regression limit on line ${first}; keep one per metric`,
        metric.column
      )
    }
    seen.set(metric.name, line)
    const override = directions[metric.name]
    const direction = override ?? inferDirection(metric.name)
    if (direction === undefined) {
      scan.fail(
        `cannot tell whether higher or lower is better for "${metric.name}"; add a line "${metric.name} higher" or "${metric.name} lower" to the input "metric-directions"`,
        metric.column
      )
    }
    rules.push({
      kind: 'regression',
      metric: metric.name,
      limit: Math.abs(value),
      relative,
      direction,
      directionSource: override ? 'override' : 'inferred',
      line
    })
  }
  return rules
}

/**
 * Parses the three policy inputs. Throws a PolicyError naming the input, line and column
 * of the first mistake, and when the inputs hold no rule at all: a gate that checks
 * nothing must not approve anything.
 */
export function parsePolicy(
  thresholds: string,
  maxRegression: string,
  metricDirections: string
): Policy {
  const directions = parseDirections(metricDirections)
  const policy: Policy = {
    thresholds: parseThresholds(thresholds),
    regressions: parseRegressions(maxRegression, directions),
    directions
  }
  assertHasRules(policy)
  return policy
}

export function assertHasRules(policy: Policy): void {
  if (policy.thresholds.length === 0 && policy.regressions.length === 0) {
    throw new PolicyError(
      'the gate has no rules: inputs "thresholds" and "max-regression" are both empty. Add at least one line such as "validation:auc >= 0.85" or "validation:auc -0.01"',
      { input: 'thresholds' }
    )
  }
}

/** The metrics the policy names, in the order they first appear. */
export function policyMetrics(policy: Policy): string[] {
  return [
    ...new Set([
      ...policy.thresholds.map(rule => rule.metric),
      ...policy.regressions.map(rule => rule.metric)
    ])
  ]
}

export function ruleText(rule: ThresholdRule | RegressionRule): string {
  if (rule.kind === 'threshold') return `${rule.op} ${rule.value}`
  return `max drop ${rule.limit}${rule.relative ? '%' : ''}`
}

/**
 * A canonical text of what the policy decides, independent of comments, spacing, line
 * order and number spelling (`0.850` = `.85`). Regression lines carry the direction in
 * effect, because changing an override changes the decisions.
 */
export function normalisePolicy(policy: Policy): string {
  const lines = [
    ...policy.thresholds.map(rule => `threshold ${rule.metric} ${rule.op} ${rule.value}`),
    ...policy.regressions.map(
      rule =>
        `regression ${rule.metric} max-drop ${rule.limit}${rule.relative ? '%' : ''} ${rule.direction}`
    )
  ]
  return lines.sort().join('\n') + '\n'
}

/** The hex SHA-256 of `normalisePolicy`, recorded on the version as `gate:policy-sha256`. */
export function policySha256(policy: Policy): string {
  return createHash('sha256').update(normalisePolicy(policy), 'utf8').digest('hex')
}
