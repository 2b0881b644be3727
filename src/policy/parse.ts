import { createHash } from 'node:crypto'
import { METADATA_MAX_KEY, METRIC_PREFIX } from '../registry/metadata.js'
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
    const { text, at } = excerpt(where.text, (where.column ?? 1) - 1)
    return `${head}\n  ${gutter} | ${text}\n  ${pad} | ${' '.repeat(at)}^`
  }
}

/** At most EXCERPT characters of a long line around `at`, so a message stays readable. */
const EXCERPT = 100
function excerpt(line: string, at: number): { text: string; at: number } {
  if (line.length <= EXCERPT) return { text: line, at: Math.max(0, at) }
  const start = Math.max(0, Math.min(at - 20, line.length - EXCERPT))
  const head = start > 0 ? '…' : ''
  const tail = start + EXCERPT < line.length ? '…' : ''
  return {
    text: `${head}${line.slice(start, start + EXCERPT)}${tail}`,
    at: at - start + head.length
  }
}

/**
 * The longest metric name a rule may use: a version records each metric in its customer
 * metadata as `metric:<name>`, and SageMaker caps metadata keys at 128 characters, so a
 * longer name could never be recorded by `register` and its rule could never pass.
 */
export const METRIC_NAME_MAX = METADATA_MAX_KEY - METRIC_PREFIX.length

/** A relative regression limit is a share of the baseline's value: -100% already gives it all up. */
export const RELATIVE_LIMIT_MAX = 100

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
    if (name.length > METRIC_NAME_MAX) {
      this.fail(
        `the metric name is ${name.length} characters; at most ${METRIC_NAME_MAX} are allowed, because a version records it as customer metadata "${METRIC_PREFIX}<name>" and SageMaker caps those keys at ${METADATA_MAX_KEY} characters`,
        column
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

/** A rule line, scanned past its metric name and the space after it (to `column`). */
interface RuleLine {
  scan: LineScanner
  metric: { name: string; column: number }
  line: number
  column: number
  /** Refuses a second line that sets `key`, pointing at the first one. */
  once: (key: string, column: number, message: (first: number) => string) => void
}

/**
 * The rule lines of `input`, each with its own scanner. (A parser names the scanner's type
 * where it uses it: `fail` ends a branch only when called on an explicitly typed variable.)
 */
function* ruleLines(input: PolicyInput, text: string): Generator<RuleLine> {
  const first = new Map<string, number>()
  for (const { line, text: lineText } of contentLines(text)) {
    const scan: LineScanner = new LineScanner(input, line, lineText)
    const metric = scan.metric()
    scan.skipSpace()
    const once = (key: string, column: number, message: (first: number) => string): void => {
      const earlier = first.get(key)
      if (earlier !== undefined) scan.fail(message(earlier), column)
      first.set(key, line)
    }
    yield { scan, metric, line, column: scan.pos, once }
  }
}

function parseThresholds(text: string): ThresholdRule[] {
  const rules: ThresholdRule[] = []
  for (const ruleLine of ruleLines('thresholds', text)) {
    const scan: LineScanner = ruleLine.scan
    const { metric, line, column: opColumn, once } = ruleLine
    const op = scan.match(COMPARATOR) as Comparator | undefined
    if (op === undefined) {
      scan.fail(`expected one of >= > <= < == after "${metric.name}", got ${scan.got()}`)
    }
    const value = scan.number(op)
    scan.end(`the threshold "${op} ${value}"`)
    once(
      `${metric.name} ${op}`,
      opColumn,
      first =>
        `"${metric.name} ${op}" is already set on line ${first}; keep one rule per metric and comparator`
    )
    const rule: ThresholdRule = { kind: 'threshold', metric: metric.name, op, value, line }
    const clash = rules.find(earlier => earlier.metric === rule.metric && !overlap(earlier, rule))
    if (clash) {
      scan.fail(
        `"${metric.name} ${op} ${value}" contradicts line ${clash.line} ("${clash.metric} ${clash.op} ${clash.value}"): no value meets both, so the gate could never pass`,
        opColumn
      )
    }
    rules.push(rule)
  }
  return rules
}

interface Bound {
  value: number
  inclusive: boolean
}

/** The values a threshold lets through, as an interval. */
function interval(rule: ThresholdRule): { low?: Bound; high?: Bound } {
  switch (rule.op) {
    case '>=':
      return { low: { value: rule.value, inclusive: true } }
    case '>':
      return { low: { value: rule.value, inclusive: false } }
    case '<=':
      return { high: { value: rule.value, inclusive: true } }
    case '<':
      return { high: { value: rule.value, inclusive: false } }
    case '==':
      return {
        low: { value: rule.value, inclusive: true },
        high: { value: rule.value, inclusive: true }
      }
  }
}

/**
 * Whether some value meets both thresholds. Checking pairs is enough: on a line, intervals
 * that overlap pairwise all overlap (Helly's theorem in one dimension).
 */
function overlap(a: ThresholdRule, b: ThresholdRule): boolean {
  const [x, y] = [interval(a), interval(b)]
  const lows = [x.low, y.low].filter((bound): bound is Bound => bound !== undefined)
  const highs = [x.high, y.high].filter((bound): bound is Bound => bound !== undefined)
  if (lows.length === 0 || highs.length === 0) return true
  const low = lows.reduce((m, bound) =>
    bound.value > m.value || (bound.value === m.value && !bound.inclusive) ? bound : m
  )
  const high = highs.reduce((m, bound) =>
    bound.value < m.value || (bound.value === m.value && !bound.inclusive) ? bound : m
  )
  if (low.value !== high.value) return low.value < high.value
  return low.inclusive && high.inclusive
}

function parseDirections(text: string): Record<string, MetricDirection> {
  const directions: Record<string, MetricDirection> = {}
  for (const ruleLine of ruleLines('metric-directions', text)) {
    const scan: LineScanner = ruleLine.scan
    const { metric, column, once } = ruleLine
    const word = scan.next()
    if (word !== 'higher' && word !== 'lower') {
      scan.fail(`expected "higher" or "lower" after "${metric.name}", got ${scan.got()}`)
    }
    scan.pos += word.length
    scan.end(`"${word}"`)
    once(
      metric.name,
      column,
      first => `the direction of "${metric.name}" is already set on line ${first}`
    )
    directions[metric.name] = word
  }
  return directions
}

function parseRegressions(
  text: string,
  directions: Record<string, MetricDirection>
): RegressionRule[] {
  const rules: RegressionRule[] = []
  for (const ruleLine of ruleLines('max-regression', text)) {
    const scan: LineScanner = ruleLine.scan
    const { metric, line, column, once } = ruleLine
    const lineText = scan.text
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
    if (relative && Math.abs(value) > RELATIVE_LIMIT_MAX) {
      scan.fail(
        `a relative limit goes from -0% to -${RELATIVE_LIMIT_MAX}% of the baseline's value (at -${RELATIVE_LIMIT_MAX}% a higher-is-better metric may already fall to zero); got "${lineText.slice(column, scan.pos).trim()}". For a wider limit, give an absolute one such as -0.5`,
        column
      )
    }
    once(
      metric.name,
      metric.column,
      first =>
        `"${metric.name}" already has a regression limit on line ${first}; keep one per metric`
    )
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
