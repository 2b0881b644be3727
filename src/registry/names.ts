// SageMaker's own name, ARN and character patterns (API reference: ModelPackageGroupName,
// EndpointName, TrainingJobName, HyperParameterTuningJobName, ModelPackageGroupArn,
// ModelPackageArn, RoleArn, CustomerMetadataProperties, EntityDescription), written once:
// inputs check against them, and everything that reads an ARN back parses it here.

/** Names of groups, endpoints, models, configs, training jobs and stages: at most 63 characters. */
export const NAME_MAX = 63
export const RESOURCE_NAME = new RegExp(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,${NAME_MAX - 1}}$`)
export const TUNING_JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
export const ACCOUNT_ID = /^\d{12}$/
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
/** `s3://bucket/key`: bucket names are 3-63 lower-case letters, digits, dots and hyphens. */
export const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(\S*))?$/

/**
 * What an S3 URI was asked to be, and, when the text starts like one, what is wrong with its
 * bucket: "s3://b/model.tar.gz" is refused for its one-letter bucket, not for its shape.
 */
export function s3UriExpected(value: string, example: string): string {
  const bucket = /^s3:\/\/([^/\s]*)/.exec(value.trim())?.[1]
  const expected = `an S3 URI such as ${example}`
  if (bucket === undefined || S3_URI.test(`s3://${bucket}`)) return expected
  return `${expected} (bucket ${JSON.stringify(bucket)} is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)`
}

// CustomerMetadataProperties keys and values, and tag keys and values.
const METADATA_CHARACTERS = String.raw`\p{L}\p{Z}\p{N}_.:/=+\-@`
export const METADATA_TEXT = new RegExp(`^[${METADATA_CHARACTERS}]*$`, 'u')
/** One character outside the metadata alphabet; global, for `replace`. */
export const NOT_METADATA_CHARACTER = new RegExp(`[^${METADATA_CHARACTERS}]`, 'gu')

// EntityDescription (ModelPackageDescription, ModelPackageGroupDescription): letters, marks,
// spaces, symbols, digits and punctuation; no control character such as a line break or tab.
export const ENTITY_DESCRIPTION = /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*$/u
// MetadataProperties.ProjectId is `.*` in the API reference, a Java pattern whose `.`
// matches anything but a line terminator.
export const ONE_LINE = /^[^\n\r\u0085\u2028\u2029]*$/u

const ARN_HEAD = String.raw`^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]*):(\d{12})`
const GROUP_ARN = new RegExp(`${ARN_HEAD}:model-package-group/(\\S{1,2048})$`)
const PACKAGE_ARN = new RegExp(`${ARN_HEAD}:model-package/([^/\\s]+)/([1-9]\\d*)$`)

export interface GroupArnParts {
  partition: string
  region: string
  account: string
  /** The group name as the ARN spells it. */
  name: string
}

export interface PackageArnParts extends GroupArnParts {
  version: number
}

/** The parts of a model package group ARN, or undefined when `arn` is not one. */
export function parseGroupArn(arn: string): GroupArnParts | undefined {
  const match = GROUP_ARN.exec(arn)
  if (!match) return undefined
  const [, partition = '', region = '', account = '', name = ''] = match
  return { partition, region, account, name }
}

/** The parts of a versioned model package ARN (`.../model-package/GROUP/7`), or undefined. */
export function parsePackageArn(arn: string): PackageArnParts | undefined {
  const match = PACKAGE_ARN.exec(arn)
  if (!match) return undefined
  const [, partition = '', region = '', account = '', name = '', version = ''] = match
  return { partition, region, account, name, version: Number(version) }
}

/** The ARN of version `version` of a group, or of all its versions with `*`. */
export function packageArnOf(group: GroupArnParts, version: number | '*'): string {
  return `arn:${group.partition}:sagemaker:${group.region}:${group.account}:model-package/${group.name}/${version}`
}

/** The bare group name of a name or a group ARN. */
export function groupNameOf(nameOrArn: string): string {
  return parseGroupArn(nameOrArn)?.name ?? nameOrArn
}
