// An identity-based IAM policy the emulator enforces on every SageMaker, Runtime, S3 and
// CloudWatch request: Effect Allow/Deny, Action/NotAction, Resource/NotResource with `*` and
// `?` wildcards; an explicit Deny wins over any Allow; nothing allowed means denied.
import { ACCOUNT_ID } from './state.ts'

/** One authorization IAM makes: an action on a resource ARN, with its condition keys. */
export interface Check {
  action: string
  resource: string
  /** Request-specific condition keys (e.g. iam:PassedToService for iam:PassRole). */
  context?: Record<string, string>
}

/** One condition test: `{"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}`. */
interface Condition {
  operator: string
  ifExists: boolean
  key: string
  values: string[]
}

export interface Statement {
  effect: 'Allow' | 'Deny'
  actions?: string[]
  notActions?: string[]
  resources?: string[]
  notResources?: string[]
  conditions: Condition[]
}

export interface Policy {
  statements: Statement[]
  /** Who is asking, for the error message. */
  principal: string
}

export const DEFAULT_PRINCIPAL = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/emulator-role/emulator-session`

export class PolicyError extends Error {}

function strings(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.length === 0 || list.some(v => typeof v !== 'string'))
    throw new PolicyError(`${what} must be a string or a non-empty list of strings`)
  return list as string[]
}

/** Operators evaluated here, with `IfExists` allowed on each. */
const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike'
])

/**
 * Condition keys the emulator knows the value of. A policy naming another key is refused:
 * evaluating it as absent could allow or deny differently from AWS.
 */
const KNOWN_KEYS = new Set(['iam:passedtoservice', 'aws:requestedregion'])

function parseConditions(raw: unknown, where: string): Condition[] {
  if (raw === undefined) return []
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new PolicyError(`${where}.Condition must be an object`)
  const out: Condition[] = []
  for (const [op, block] of Object.entries(raw as Record<string, unknown>)) {
    const ifExists = op.endsWith('IfExists')
    const operator = ifExists ? op.slice(0, -'IfExists'.length) : op
    if (!OPERATORS.has(operator))
      throw new PolicyError(`${where}.Condition: operator ${op} is not supported by the emulator`)
    if (typeof block !== 'object' || block === null || Array.isArray(block))
      throw new PolicyError(`${where}.Condition.${op} must be an object of keys`)
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!KNOWN_KEYS.has(key.toLowerCase()))
        throw new PolicyError(
          `${where}.Condition: key ${key} is not supported by the emulator (it knows iam:PassedToService and aws:RequestedRegion)`
        )
      out.push({
        operator,
        ifExists,
        key: key.toLowerCase(),
        values: strings(value, `${where}.Condition.${op}.${key}`)!
      })
    }
  }
  return out
}

function parseStatement(raw: unknown, i: number): Statement {
  const where = `Statement[${i}]`
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new PolicyError(`${where} must be an object`)
  const s = raw as Record<string, unknown>
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
    throw new PolicyError(`${where}.Effect must be "Allow" or "Deny"`)
  if (s.Principal !== undefined || s.NotPrincipal !== undefined)
    throw new PolicyError(`${where}: an identity-based policy has no Principal`)
  const st: Statement = {
    conditions: parseConditions(s.Condition, where),
    effect: s.Effect,
    actions: strings(s.Action, `${where}.Action`),
    notActions: strings(s.NotAction, `${where}.NotAction`),
    resources: strings(s.Resource, `${where}.Resource`),
    notResources: strings(s.NotResource, `${where}.NotResource`)
  }
  if ((st.actions === undefined) === (st.notActions === undefined))
    throw new PolicyError(`${where} needs exactly one of Action and NotAction`)
  if ((st.resources === undefined) === (st.notResources === undefined))
    throw new PolicyError(`${where} needs exactly one of Resource and NotResource`)
  return st
}

/** Parses a policy document (object or JSON string). */
export function parsePolicy(doc: unknown, principal = DEFAULT_PRINCIPAL): Policy {
  let value = doc
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc) as unknown
    } catch (e) {
      throw new PolicyError(`policy is not valid JSON: ${(e as Error).message}`)
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PolicyError('policy must be a JSON policy document')
  const statement = (value as Record<string, unknown>).Statement
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement]
  if (list.length === 0) throw new PolicyError('policy needs at least one Statement')
  return { statements: list.map(parseStatement), principal }
}

function pattern(glob: string, flags: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, flags)
}

/** Actions match case-insensitively; resource ARNs case-sensitively (IAM's rules). */
function matches(globs: string[], value: string, caseless: boolean): boolean {
  return globs.some(g => pattern(g, caseless ? 'i' : '').test(value))
}

/**
 * A condition holds when any value matches; negated operators hold when none does. A key the
 * request does not carry fails the test, except with IfExists (IAM's rule).
 */
function holds(c: Condition, context: Record<string, string>): boolean {
  const actual = context[c.key]
  if (actual === undefined) return c.ifExists
  const negated = c.operator.includes('Not')
  const like = c.operator.endsWith('Like')
  const caseless = c.operator.endsWith('IgnoreCase')
  const hit = c.values.some(v =>
    like
      ? pattern(v, '').test(actual)
      : caseless
        ? v.toLowerCase() === actual.toLowerCase()
        : v === actual
  )
  return negated ? !hit : hit
}

function applies(s: Statement, check: Check, context: Record<string, string>): boolean {
  const { action, resource } = check
  const actionHit = s.actions
    ? matches(s.actions, action, true)
    : !matches(s.notActions!, action, true)
  if (!actionHit) return false
  const resourceHit = s.resources
    ? matches(s.resources, resource, false)
    : !matches(s.notResources!, resource, false)
  return resourceHit && s.conditions.every(c => holds(c, context))
}

export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny'

export function decide(policy: Policy, check: Check, region: string): Decision {
  const context: Record<string, string> = { 'aws:requestedregion': region }
  for (const [k, v] of Object.entries(check.context ?? {})) context[k.toLowerCase()] = v
  let allowed = false
  for (const s of policy.statements) {
    if (!applies(s, check, context)) continue
    if (s.effect === 'Deny') return 'explicitDeny'
    allowed = true
  }
  return allowed ? 'allowed' : 'implicitDeny'
}

/**
 * The first (action, resource) pair the policy does not allow, worded as AWS words it, or
 * undefined when every pair is allowed.
 */
export function denial(
  policy: Policy,
  checks: Check[],
  region: string,
  quoteResource = false
): string | undefined {
  for (const check of checks) {
    const { action, resource } = check
    const d = decide(policy, check, region)
    if (d === 'allowed') continue
    const shown = quoteResource ? `"${resource}"` : resource
    const why =
      d === 'explicitDeny'
        ? 'with an explicit deny in an identity-based policy'
        : `because no identity-based policy allows the ${action} action`
    return `User: ${policy.principal} is not authorized to perform: ${action} on resource: ${shown} ${why}`
  }
  return undefined
}
