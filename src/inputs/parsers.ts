// Parsers shared by the readers of several modes: lists, key=value pairs, the group and
// version references, instance types, S3 URIs, free text SageMaker checks, serverless
// settings. Each throws an InputError that names the input.
import { ProductionVariantInstanceType, TransformInstanceType } from '@aws-sdk/client-sagemaker'
import {
  ENTITY_DESCRIPTION,
  METADATA_TEXT,
  parseGroupArn,
  parsePackageArn,
  REGION,
  RESOURCE_NAME,
  ROLE_ARN,
  S3_URI,
  s3UriExpected
} from '../registry/names.js'
import type { GroupRef, PackageRef } from '../settings.js'
import { InputError, invalid, shown, type Inputs } from './reader.js'
import { SERVERLESS_MEMORY_SIZES } from './table.js'

export const DESCRIPTION_MAX = 1024
const REALTIME_TYPES: ReadonlySet<string> = new Set(Object.values(ProductionVariantInstanceType))
const TRANSFORM_TYPES: ReadonlySet<string> = new Set(Object.values(TransformInstanceType))

/** Splits a list given comma- or newline-separated, dropping blanks and repeats. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map(s => s.trim())
        .filter(Boolean)
    )
  ]
}

/**
 * Parses `key=value` entries, one per line or comma-separated. Errors name the line, since a
 * multi-line YAML block is where these usually come from.
 */
export function parseKeyValues(
  input: string,
  value: string,
  limits: { maxEntries: number; valueMin: number; reservedPrefix?: string }
): Record<string, string> {
  const result: Record<string, string> = {}
  let count = 0
  const lines = value.split('\n')
  for (const [index, line] of lines.entries()) {
    for (const entry of line.split(',')) {
      const text = entry.trim()
      if (!text) continue
      const where = `Input "${input}" line ${index + 1}`
      const eq = text.indexOf('=')
      if (eq <= 0) {
        throw new InputError(input, `${where} must be key=value; got ${JSON.stringify(text)}.`)
      }
      const key = text.slice(0, eq).trim()
      const val = text.slice(eq + 1).trim()
      if (key.length > 128 || !METADATA_TEXT.test(key)) {
        throw new InputError(
          input,
          `${where}: the key must be 1-128 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(key)}.`
        )
      }
      if (limits.reservedPrefix && key.toLowerCase().startsWith(limits.reservedPrefix)) {
        throw new InputError(
          input,
          `${where}: keys starting with "${limits.reservedPrefix}" are reserved by AWS; got ${JSON.stringify(key)}.`
        )
      }
      if (val.length < limits.valueMin || val.length > 256 || !METADATA_TEXT.test(val)) {
        throw new InputError(
          input,
          `${where}: the value of "${key}" must be ${limits.valueMin}-256 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(val)}.`
        )
      }
      if (Object.hasOwn(result, key)) {
        throw new InputError(input, `${where}: the key ${JSON.stringify(key)} is given twice.`)
      }
      result[key] = val
      count++
    }
  }
  if (count > limits.maxEntries) {
    throw new InputError(
      input,
      `Input "${input}" may hold at most ${limits.maxEntries} entries; got ${count}.`
    )
  }
  return result
}

export const TAG_LIMITS = { maxEntries: 50, valueMin: 0, reservedPrefix: 'aws:' }
export const METADATA_LIMITS = { maxEntries: 50, valueMin: 1 }

export function parseRegion(value: string): string {
  if (!REGION.test(value)) throw invalid('region', value, 'an AWS region such as us-east-1')
  return value
}

export function parseGroupRef(value: string, region: string): GroupRef {
  const input = 'model-package-group'
  if (RESOURCE_NAME.test(value)) return { nameOrArn: value, name: value }
  const arn = parseGroupArn(value)
  if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
    const { region: arnRegion, name } = arn
    if (arnRegion !== region) {
      throw new InputError(
        input,
        `Input "${input}" names a group in region ${arnRegion}, but the region is ${region}; set "region" to ${arnRegion}.`
      )
    }
    return { nameOrArn: value, name, arn: value }
  }
  throw invalid(
    input,
    value,
    'a group name of 1-63 letters, digits and hyphens (not starting or ending with a hyphen) or a group ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package-group/NAME'
  )
}

/** A version number (`7` or `v7`) or a package ARN of the group's own versions. */
export function parsePackageRef(
  input: string,
  value: string,
  group: GroupRef,
  region: string
): PackageRef {
  const version = /^v?(\d+)$/i.exec(value)
  if (version && Number(version[1]) >= 1) return { kind: 'version', version: Number(version[1]) }
  const arn = parsePackageArn(value)
  if (arn && REGION.test(arn.region) && RESOURCE_NAME.test(arn.name)) {
    const { region: arnRegion, name: groupName } = arn
    // SageMaker writes resource names lower-case inside ARNs, so compare without case.
    if (groupName.toLowerCase() !== group.name.toLowerCase()) {
      throw new InputError(
        input,
        `Input "${input}" is a version of group "${groupName}", not of "${group.name}" (model-package-group); got ${shown(input, value)}.`
      )
    }
    if (arnRegion !== region) {
      throw new InputError(
        input,
        `Input "${input}" is in region ${arnRegion}, but the region is ${region}; got ${shown(input, value)}.`
      )
    }
    return { kind: 'arn', arn: value }
  }
  throw invalid(
    input,
    value,
    'a version number (7 or v7) or a model package ARN arn:aws:sagemaker:REGION:ACCOUNT:model-package/GROUP/N'
  )
}

/** The optional `model-package` input as a reference to a version of the group. */
export function modelPackageRef(
  value: string | undefined,
  where: { group: GroupRef; region: string }
): PackageRef | undefined {
  return value === undefined
    ? undefined
    : parsePackageRef('model-package', value, where.group, where.region)
}

export function checkInstanceType(
  input: string,
  value: string,
  kind: 'realtime' | 'transform'
): string {
  const known = kind === 'realtime' ? REALTIME_TYPES : TRANSFORM_TYPES
  if (known.has(value)) return value
  const family = value.split('.').slice(0, 2).join('.') + '.'
  const near = [...known].filter(t => t.startsWith(family)).slice(0, 6)
  const what =
    kind === 'realtime'
      ? 'a SageMaker real-time inference instance type'
      : 'a SageMaker batch transform instance type'
  throw invalid(
    input,
    value,
    near.length ? `${what}, such as ${near.join(', ')}` : `${what}, such as ml.m5.large`
  )
}

/** `value` when it is not set or matches `pattern`; else an error that says what `input` accepts. */
function checkPattern(
  input: string,
  value: string | undefined,
  pattern: RegExp,
  accepted: string
): string | undefined {
  if (value !== undefined && !pattern.test(value)) throw invalid(input, value, accepted)
  return value
}

export function checkS3Uri(input: string, value: string | undefined): string | undefined {
  if (value === undefined || S3_URI.test(value)) return value
  throw invalid(input, value, s3UriExpected(value, 's3://bucket/prefix/file'))
}

export function checkLength(
  input: string,
  value: string | undefined,
  max: number
): string | undefined {
  if (value !== undefined && value.length > max) {
    throw new InputError(
      input,
      `Input "${input}" must be at most ${max} characters; got ${value.length}.`
    )
  }
  return value
}

function characterName(char: string): string {
  const names: Record<string, string> = {
    '\n': 'a line break',
    '\r': 'a carriage return',
    '\t': 'a tab'
  }
  return (
    names[char] ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  )
}

/**
 * Free text SageMaker checks against a character pattern, checked here first, so that a
 * YAML `|` block does not create the group and upload the statistics before SageMaker
 * refuses the description.
 */
export function checkText(
  input: string,
  value: string | undefined,
  rule: { pattern: RegExp; field: string; accepted: string }
): string | undefined {
  if (value === undefined) return undefined
  checkLength(input, value, DESCRIPTION_MAX)
  if (rule.pattern.test(value)) return value
  const chars = [...value]
  const index = chars.findIndex(char => !rule.pattern.test(char))
  throw new InputError(
    input,
    `Input "${input}" goes to SageMaker's ${rule.field}, which accepts ${rule.accepted}; it holds ${characterName(chars[index] ?? '')} at character ${index + 1}. A YAML "|" block keeps its line breaks: use ">-" to fold them into spaces, or write one line.`
  )
}

export const DESCRIPTION_RULE = (field: string) => ({
  pattern: ENTITY_DESCRIPTION,
  field,
  accepted:
    'letters, digits, spaces, punctuation and symbols only (no line break, tab or other control character)'
})

export function checkRoleArn(inputs: Inputs): string | undefined {
  const input = 'execution-role-arn'
  return checkPattern(
    input,
    inputs.optional(input),
    ROLE_ARN,
    'an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution'
  )
}

export function serverless(inputs: Inputs, instanceType: string | undefined) {
  const memory = inputs.get('serverless-memory-mb')
  let serverlessMemoryMb: number | undefined
  if (memory) {
    const n = Number(memory)
    if (!/^\d+$/.test(memory) || !(SERVERLESS_MEMORY_SIZES as readonly number[]).includes(n)) {
      throw invalid('serverless-memory-mb', memory, `one of ${SERVERLESS_MEMORY_SIZES.join(', ')}`)
    }
    serverlessMemoryMb = n
  }
  const serverlessMaxConcurrency = inputs.optionalInt('serverless-max-concurrency', 1, 200)
  if (serverlessMemoryMb !== undefined && instanceType !== undefined) {
    throw new InputError(
      'serverless-memory-mb',
      `Inputs "instance-type" and "serverless-memory-mb" exclude each other: give an instance type for an instance endpoint, or a memory size for a serverless one; got ${shown('instance-type', instanceType)} and ${shown('serverless-memory-mb', memory)}.`
    )
  }
  if (serverlessMaxConcurrency !== undefined && serverlessMemoryMb === undefined) {
    throw new InputError(
      'serverless-max-concurrency',
      'Input "serverless-max-concurrency" applies to serverless endpoints only: set "serverless-memory-mb" too.'
    )
  }
  return { serverlessMemoryMb, serverlessMaxConcurrency }
}

export function checkStage(stage: string | undefined): string | undefined {
  return checkPattern(
    'model-lifecycle-stage',
    stage,
    RESOURCE_NAME,
    'a stage name of 1-63 letters, digits and hyphens, such as staging'
  )
}
