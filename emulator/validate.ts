// Request validation in the style of AWS's front end: every constraint violation of a
// request is collected and reported at once as
// "N validation error(s) detected: Value 'x' at 'field' failed to satisfy constraint: ...".
import { validation } from './errors.ts'

export type Input = Record<string, unknown>

export interface StringRule {
  required?: boolean
  min?: number
  max?: number
  pattern?: RegExp
  enum?: readonly string[]
}

export interface NumberRule {
  required?: boolean
  min?: number
  max?: number
  integer?: boolean
}

/** SageMaker's name patterns, from the API reference field definitions. */
export const PATTERNS = {
  /** EntityName: models, endpoint configs, endpoints, groups, unversioned packages. */
  entityName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
  /** Model package group name or ARN (DeleteModelPackageGroup, CreateModelPackage). */
  groupNameOrArn:
    /^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:[a-z-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$/,
  /** VersionedArnOrName: a package name, `group/N`, or a package ARN. */
  packageNameOrArn:
    /^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:[a-z-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)(\/[0-9]{1,5})?$/,
  packageArn: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:model-package\/[\S]{1,2048}$/,
  /** CustomerMetadataProperties keys and values, and tag keys. */
  metadata: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
  tagValue: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
  /** EntityDescription (package and group descriptions). */
  description: /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*$/u,
  /**
   * `.*` in the API reference (ApprovalDescription, MetadataProperties members,
   * StageDescription): a Java pattern, whose `.` matches anything but a line terminator.
   */
  oneLine: /^[^\n\r\u0085\u2028\u2029]*$/u,
  clientToken: /^[a-zA-Z0-9-]+$/,
  roleArn: /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
  s3Uri: /^(https|s3):\/\/([^/]+)\/?(.*)$/,
  contentDigest: /^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$/,
  lifecycleStage: /^([a-zA-Z0-9])([a-zA-Z0-9_-])*$/,
  /** ExperimentEntityName: lineage contexts and actions. */
  experimentEntityName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$/,
  variantName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
  image: /^[\S]+$/,
  transformJobName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/
} as const

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) return `[${value.map(v => show(v)).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Input).map(([k, v]) => `${k}=${String(v)}`)
    return `{${entries.join(', ')}}`
  }
  return `'${String(value)}'`
}

/** AWS names request members in camelCase in its validation messages. */
function memberPath(path: string): string {
  return path
    .split('.')
    .map(p => (p.length > 0 ? p[0]!.toLowerCase() + p.slice(1) : p))
    .join('.')
}

export class Checker {
  private readonly problems: string[] = []

  fail(path: string, value: unknown, constraint: string): void {
    this.problems.push(
      `Value ${show(value)} at '${memberPath(path)}' failed to satisfy constraint: ${constraint}`
    )
  }

  str(
    input: Input | undefined,
    field: string,
    rule: StringRule = {},
    path = field
  ): string | undefined {
    // Members of an absent structure are not checked: only present parents have rules.
    if (!input) return undefined
    const value = input[field]
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, value, 'Member must not be null')
      return undefined
    }
    if (typeof value !== 'string') {
      this.fail(path, value, 'Member must be a string')
      return undefined
    }
    const before = this.problems.length
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(path, value, `Member must have length greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(path, value, `Member must have length less than or equal to ${rule.max}`)
    if (rule.pattern && !rule.pattern.test(value))
      this.fail(
        path,
        value,
        `Member must satisfy regular expression pattern: ${rule.pattern.source}`
      )
    if (rule.enum && !rule.enum.includes(value))
      this.fail(path, value, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`)
    return this.problems.length === before ? value : undefined
  }

  num(
    input: Input | undefined,
    field: string,
    rule: NumberRule = {},
    path = field
  ): number | undefined {
    // Members of an absent structure are not checked: only present parents have rules.
    if (!input) return undefined
    const value = input[field]
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, value, 'Member must not be null')
      return undefined
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, value, 'Member must be a number')
      return undefined
    }
    const before = this.problems.length
    if (rule.integer && !Number.isInteger(value))
      this.fail(path, value, 'Member must be an integer')
    if (rule.min !== undefined && value < rule.min)
      this.fail(path, value, `Member must have value greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value > rule.max)
      this.fail(path, value, `Member must have value less than or equal to ${rule.max}`)
    return this.problems.length === before ? value : undefined
  }

  bool(input: Input | undefined, field: string, path = field): boolean | undefined {
    const value = input?.[field]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') {
      this.fail(path, value, 'Member must be a boolean')
      return undefined
    }
    return value
  }

  obj(input: Input | undefined, field: string, required = false, path = field): Input | undefined {
    if (!input) return undefined
    const value = input[field]
    if (value === undefined || value === null) {
      if (required) this.fail(path, value, 'Member must not be null')
      return undefined
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, value, 'Member must be a structure')
      return undefined
    }
    return value as Input
  }

  list(
    input: Input | undefined,
    field: string,
    rule: { required?: boolean; min?: number; max?: number } = {},
    path = field
  ): unknown[] | undefined {
    // Members of an absent structure are not checked: only present parents have rules.
    if (!input) return undefined
    const value = input[field]
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, value, 'Member must not be null')
      return undefined
    }
    if (!Array.isArray(value)) {
      this.fail(path, value, 'Member must be a list')
      return undefined
    }
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(path, value, `Member must have length greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(path, value, `Member must have length less than or equal to ${rule.max}`)
    return value
  }

  /**
   * Each item of a list of structures, checked as present and a structure at its
   * `path.N.member`; `each` then checks the item's own members under that path.
   */
  members(
    list: unknown[] | undefined,
    path: string,
    each: (item: Input | undefined, itemPath: string) => void
  ): void {
    list?.forEach((value, i) => {
      const itemPath = `${path}.${i + 1}.member`
      each(this.obj({ value }, 'value', true, itemPath), itemPath)
    })
  }

  /** A string-to-string map such as CustomerMetadataProperties. */
  map(
    input: Input | undefined,
    field: string,
    rule: { max?: number; key: StringRule; value: StringRule },
    path = field
  ): Record<string, string> | undefined {
    const value = this.obj(input, field, false, path)
    if (!value) return undefined
    const entries = Object.entries(value)
    const before = this.problems.length
    if (rule.max !== undefined && entries.length > rule.max)
      this.fail(path, value, `Member must have length less than or equal to ${rule.max}`)
    for (const [k, v] of entries) {
      this.str({ k }, 'k', rule.key, `${path}.key`)
      this.str({ v }, 'v', { ...rule.value, required: true }, `${path}.${k}.member`)
    }
    return this.problems.length === before ? (value as Record<string, string>) : undefined
  }

  /** Tags: at most 50, keys 1-128 and values 0-256 characters from the tag alphabet. */
  tags(input: Input | undefined, field = 'Tags'): { Key: string; Value: string }[] | undefined {
    const list = this.list(input, field, { max: 50 })
    if (!list) return undefined
    const before = this.problems.length
    this.members(list, field, (tag, p) => {
      this.str(
        tag,
        'Key',
        { required: true, min: 1, max: 128, pattern: PATTERNS.metadata },
        `${p}.key`
      )
      this.str(tag, 'Value', { required: true, max: 256, pattern: PATTERNS.tagValue }, `${p}.value`)
    })
    return this.problems.length === before ? (list as { Key: string; Value: string }[]) : undefined
  }

  /** Throws the collected problems as one ValidationException. */
  done(): void {
    if (this.problems.length === 0) return
    const n = this.problems.length
    throw validation(
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`
    )
  }
}
