// What the approval-events template needs of CloudFormation, EventBridge and GitHub, written
// from their documentation so that tests can run the template's rule and input transformer
// on SageMaker's sample event without an AWS account:
// - CloudFormation's short-form tags (!Ref, !Sub, !GetAtt) and how they resolve;
// - EventBridge event patterns with exact-value arrays ("Event patterns", "Arrays in event
//   patterns": a field matches when its value, or any element of an array value, is listed);
// - EventBridge input transformers ("Transforming target input", InputTransformer API
//   reference): dot-notation paths, <name> placeholders, predefined aws.events.* variables,
//   JSON values outside quotes, raw unescaped text inside them, paths missing from the event
//   not created, and no placeholder as an object key;
// - GitHub's "Create a repository dispatch event" body: event_type of 1-100 characters and
//   a client_payload object of at most 10 top-level properties.
import { parseDocument } from 'yaml'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Parses a CloudFormation YAML template, turning short-form tags into their long form. */
export function parseTemplate(text: string): Record<string, unknown> {
  const document = parseDocument(text, {
    customTags: [
      { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
      { tag: '!Sub', resolve: (value: string) => ({ 'Fn::Sub': value }) },
      {
        tag: '!GetAtt',
        resolve: (value: string) => {
          const dot = value.indexOf('.')
          if (dot <= 0) throw new Error(`!GetAtt ${value}: expected Resource.Attribute`)
          return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] }
        }
      }
    ]
  })
  const problems = [...document.errors, ...document.warnings].map(e => e.message)
  if (problems.length > 0) throw new Error(`template: ${problems.join('; ')}`)
  return document.toJS() as Record<string, unknown>
}

export interface ResolveContext {
  parameters: Record<string, string>
  pseudo: Record<string, string>
  /** What Ref returns for each resource. */
  refs: Record<string, string>
  /** What GetAtt returns, by "Resource.Attribute". */
  attributes: Record<string, string>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function lookup(name: string, ctx: ResolveContext): string {
  if (name in ctx.parameters) return ctx.parameters[name] as string
  if (name in ctx.pseudo) return ctx.pseudo[name] as string
  if (name in ctx.refs) return ctx.refs[name] as string
  if (name in ctx.attributes) return ctx.attributes[name] as string
  throw new Error(`nothing named ${name} to resolve`)
}

/** Evaluates Ref, Fn::Sub (string form) and Fn::GetAtt throughout a template fragment. */
export function resolve(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map(item => resolve(item, ctx))
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === 'Ref') return lookup(String(value.Ref), ctx)
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [resource, attribute] = value['Fn::GetAtt'] as [string, string]
    return lookup(`${resource}.${attribute}`, ctx)
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const template = value['Fn::Sub']
    if (typeof template !== 'string') throw new Error('only the string form of Fn::Sub is handled')
    // ${!Literal} writes ${Literal}; any other ${Name} is a parameter, pseudo parameter,
    // resource or Resource.Attribute.
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_all, bang: string, name: string) =>
      bang ? `\${${name}}` : lookup(name, ctx)
    )
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ctx)]))
}

/** Every Ref and Fn::GetAtt in a fragment, as written. */
export function references(value: unknown): { ref: string[]; getAtt: [string, string][] } {
  const found = { ref: [] as string[], getAtt: [] as [string, string][] }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (isRecord(node)) {
      if (typeof node.Ref === 'string') found.ref.push(node.Ref)
      const getAtt = node['Fn::GetAtt']
      if (Array.isArray(getAtt)) found.getAtt.push(getAtt as [string, string])
      const sub = node['Fn::Sub']
      if (typeof sub === 'string') {
        for (const [, bang, name] of sub.matchAll(/\$\{(!?)([^}]*)\}/g)) {
          if (bang) continue
          const dot = (name as string).indexOf('.')
          if (dot > 0)
            found.getAtt.push([(name as string).slice(0, dot), (name as string).slice(dot + 1)])
          else found.ref.push(name as string)
        }
      }
      Object.values(node).forEach(walk)
    }
  }
  walk(value)
  return found
}

// ---------------------------------------------------------------------------------------
// Event patterns

/** Whether an event matches a pattern made of exact-value arrays and nested objects. */
export function matchesPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  if (!isRecord(event)) return false
  return Object.entries(pattern).every(([field, expected]) => {
    if (!(field in event)) return false
    const actual = event[field]
    if (isRecord(expected)) return matchesPattern(expected, actual)
    if (!Array.isArray(expected))
      throw new Error(`pattern field ${field} is neither array nor object`)
    for (const option of expected) {
      if (typeof option === 'object' && option !== null) {
        throw new Error(`content filters (${JSON.stringify(option)}) are not implemented here`)
      }
    }
    const values = Array.isArray(actual) ? actual : [actual]
    return values.some(value => expected.some(option => option === value))
  })
}

// ---------------------------------------------------------------------------------------
// Input transformers

export interface InputTransformer {
  InputPathsMap?: Record<string, string>
  InputTemplate: string
}

export interface TransformResult {
  /** What EventBridge sends to the target. */
  output: string
  /** Variables whose path is not in the event: EventBridge does not create them. */
  missing: string[]
}

const PATH = /^\$(\.[A-Za-z0-9_-]+)*$/
const PREDEFINED = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json'
]
const MAX_VARIABLES = 100
const MAX_TEMPLATE = 8192

function readPath(event: unknown, path: string): { found: boolean; value?: unknown } {
  let node: unknown = event
  for (const segment of path.split('.').slice(1)) {
    if (isRecord(node) && segment in node) node = node[segment]
    else if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length)
      node = node[Number(segment)]
    else return { found: false }
  }
  return { found: true, value: node }
}

/** Applies an input transformer to an event as EventBridge documents it. */
export function applyInputTransformer(
  event: Record<string, unknown>,
  transformer: InputTransformer,
  rule: { arn: string; name: string; ingestionTime?: string } = {
    arn: 'arn:aws:events:us-east-1:123456789012:rule/example',
    name: 'example'
  }
): TransformResult {
  const paths = transformer.InputPathsMap ?? {}
  const template = transformer.InputTemplate
  if (Object.keys(paths).length > MAX_VARIABLES) throw new Error('more than 100 InputPathsMap keys')
  if (template.length < 1 || template.length > MAX_TEMPLATE)
    throw new Error(`InputTemplate must be 1-${MAX_TEMPLATE} characters`)

  const variables = new Map<string, unknown>([
    ['aws.events.rule-arn', rule.arn],
    ['aws.events.rule-name', rule.name],
    ['aws.events.event', event],
    ['aws.events.event.ingestion-time', rule.ingestionTime ?? String(event.time ?? '')],
    ['aws.events.event.json', JSON.stringify(event)]
  ])
  const missing: string[] = []
  for (const [name, path] of Object.entries(paths)) {
    if (PREDEFINED.includes(name)) throw new Error(`"${name}" is a reserved variable`)
    if (/^aws\./i.test(name)) throw new Error(`InputPathsMap key "${name}" starts with "AWS."`)
    if (!PATH.test(path)) throw new Error(`"${path}" is not a dot-notation JSON path`)
    const read = readPath(event, path)
    if (read.found) variables.set(name, read.value)
    else missing.push(name)
  }

  const trimmed = template.trim()
  if (!/^[{["]/.test(trimmed)) {
    throw new Error('only JSON templates (an object, an array or a quoted string) are modelled')
  }
  let output = ''
  let inString = false
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string
    if (inString && char === '\\') {
      output += char + (template[i + 1] ?? '')
      i++
      continue
    }
    if (char === '"') {
      inString = !inString
      output += char
      continue
    }
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null
    if (!placeholder || !variables.has(placeholder[1] as string)) {
      output += char
      continue
    }
    const name = placeholder[1] as string
    const value = variables.get(name)
    const after = template.slice(i + placeholder[0].length)
    if (!inString && /^\s*:/.test(after)) {
      throw new Error(`placeholder <${name}> is used as an object key`)
    }
    if (inString) {
      // Inside quotes the value goes in as text, and EventBridge does not escape it.
      output += typeof value === 'string' ? value : JSON.stringify(value)
    } else {
      output += JSON.stringify(value)
    }
    i += placeholder[0].length - 1
  }
  return { output, missing }
}

// ---------------------------------------------------------------------------------------
// GitHub repository_dispatch

export const DISPATCH_LIMITS = { eventTypeLength: 100, clientPayloadProperties: 10 }

/** Problems with a POST /repos/{owner}/{repo}/dispatches body; empty when GitHub accepts it. */
export function repositoryDispatchProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['the body is not a JSON object']
  const problems: string[] = []
  const eventType = body.event_type
  if (typeof eventType !== 'string' || eventType.length === 0) {
    problems.push('event_type is required and must be a string')
  } else if (eventType.length > DISPATCH_LIMITS.eventTypeLength) {
    problems.push(`event_type is longer than ${DISPATCH_LIMITS.eventTypeLength} characters`)
  }
  if ('client_payload' in body) {
    const payload = body.client_payload
    if (!isRecord(payload)) problems.push('client_payload must be an object')
    else if (Object.keys(payload).length > DISPATCH_LIMITS.clientPayloadProperties) {
      problems.push(
        `client_payload has ${Object.keys(payload).length} top-level properties; at most ${DISPATCH_LIMITS.clientPayloadProperties}`
      )
    }
  }
  return problems
}
