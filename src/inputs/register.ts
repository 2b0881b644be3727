// The inputs of `register`: exactly one model source, where its metrics come from, and
// what is recorded with the version (checked against SageMaker's character rules here, so
// that nothing is created before SageMaker would refuse a description).
import { isStatisticsObjectUri } from '../registry/s3.js'
import {
  ONE_LINE,
  RESOURCE_NAME,
  S3_URI,
  s3UriExpected,
  TUNING_JOB_NAME
} from '../registry/names.js'
import type { RegisterSettings } from '../settings.js'
import {
  checkInstanceType,
  checkS3Uri,
  checkStage,
  checkText,
  DESCRIPTION_RULE,
  METADATA_LIMITS,
  parseKeyValues,
  splitList,
  TAG_LIMITS
} from './parsers.js'
import { InputError, invalid, shown, type Inputs } from './reader.js'
import { APPROVAL_STATUSES } from './table.js'

const HTTPS_URL = /^https:\/\/[^\s/]+\/\S*$/
const MIME_TYPE = /^[\w.+-]+\/[\w.+*-]+(;\s*[\w.+-]+=[\w.+-]+)*$/
const SOURCES = '"model-data-url" with "image-uri", "training-job-name", or "tuning-job-name"'

function checkMimeTypes(input: string, value: string): string[] {
  const types = splitList(value)
  for (const type of types) {
    if (!MIME_TYPE.test(type))
      throw invalid(input, type, 'MIME types such as text/csv or application/json')
  }
  if (types.length === 0) throw invalid(input, value, 'at least one MIME type such as text/csv')
  return types
}

/** The one input that names where the model comes from; two or none is an error. */
function oneSource(inputs: Inputs): string {
  const given = ['model-data-url', 'training-job-name', 'tuning-job-name'].filter(name =>
    inputs.optional(name)
  )
  const [first, second] = given
  if (first === undefined) {
    throw new InputError(
      'model-data-url',
      `Mode "register" needs exactly one model source: ${SOURCES}; got none.`
    )
  }
  if (second !== undefined) {
    throw new InputError(
      second,
      `Mode "register" needs exactly one model source: ${SOURCES}; got ${given.map(g => `"${g}"`).join(' and ')}.`
    )
  }
  return first
}

function readSource(inputs: Inputs): RegisterSettings['source'] {
  const source = oneSource(inputs)
  const value = inputs.get(source)
  const imageUri = inputs.optional('image-uri')
  if (imageUri !== undefined && (/\s/.test(imageUri) || imageUri.length > 255)) {
    throw invalid(
      'image-uri',
      imageUri,
      'a container image URI such as ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag'
    )
  }
  const image = imageUri ? { imageUri } : {}
  if (source === 'training-job-name') {
    if (!RESOURCE_NAME.test(value)) {
      throw invalid(source, value, 'a training job name of 1-63 letters, digits and hyphens')
    }
    return { kind: 'training-job', trainingJobName: value, ...image }
  }
  if (source === 'tuning-job-name') {
    if (!TUNING_JOB_NAME.test(value)) {
      throw invalid(source, value, 'a tuning job name of 1-32 letters, digits and hyphens')
    }
    return { kind: 'tuning-job', tuningJobName: value, ...image }
  }
  if (!S3_URI.test(value) && !HTTPS_URL.test(value)) {
    throw invalid(source, value, s3UriExpected(value, 's3://bucket/model.tar.gz'))
  }
  if (imageUri === undefined) {
    throw new InputError(
      'image-uri',
      'Input "image-uri" is required with "model-data-url": the inference image that serves the model.'
    )
  }
  return { kind: 'artifact', modelDataUrl: value, imageUri }
}

/** `metrics-file` and `metrics-s3-uri`: a file to turn into statistics, or statistics to attach. */
function readMetricsSources(
  inputs: Inputs
): Pick<RegisterSettings, 'metricsFile' | 'metricsS3Uri'> {
  const metricsFile = inputs.optional('metrics-file')
  const metricsS3Uri = checkS3Uri('metrics-s3-uri', inputs.optional('metrics-s3-uri'))
  if (
    metricsFile !== undefined &&
    metricsS3Uri !== undefined &&
    isStatisticsObjectUri(metricsS3Uri)
  ) {
    throw new InputError(
      'metrics-s3-uri',
      `Inputs "metrics-file" and "metrics-s3-uri" ${shown('metrics-s3-uri', metricsS3Uri)} are two sources of metrics for one version: a URI ending in .json is an existing statistics object that is attached as it is. Give one of them, or make "metrics-s3-uri" a folder (such as s3://bucket/metrics/) for the statistics built from "metrics-file".`
    )
  }
  return { metricsFile, metricsS3Uri }
}

export function readRegister(inputs: Inputs): RegisterSettings {
  const source = readSource(inputs)
  const stage = inputs.optional('model-lifecycle-stage')
  const { metricsFile, metricsS3Uri } = readMetricsSources(inputs)
  return {
    groupDescription: checkText(
      'group-description',
      inputs.optional('group-description'),
      DESCRIPTION_RULE('ModelPackageGroupDescription')
    ),
    groupTags: parseKeyValues('group-tags', inputs.get('group-tags'), TAG_LIMITS),
    source,
    metricsFile,
    metricsS3Uri,
    description: checkText(
      'description',
      inputs.optional('description'),
      DESCRIPTION_RULE('ModelPackageDescription')
    ),
    approvalStatus: inputs.optional('approval-status')
      ? inputs.oneOf('approval-status', APPROVAL_STATUSES)
      : undefined,
    customerMetadata: parseKeyValues(
      'customer-metadata',
      inputs.get('customer-metadata'),
      METADATA_LIMITS
    ),
    inferenceInstances: splitList(inputs.get('inference-instances')).map(t =>
      checkInstanceType('inference-instances', t, 'realtime')
    ),
    transformInstances: splitList(inputs.get('transform-instances')).map(t =>
      checkInstanceType('transform-instances', t, 'transform')
    ),
    contentTypes: checkMimeTypes('content-types', inputs.get('content-types')),
    responseTypes: checkMimeTypes('response-types', inputs.get('response-types')),
    modelLifecycleStage: checkStage(stage),
    projectId: checkText('project-id', inputs.optional('project-id'), {
      pattern: ONE_LINE,
      field: 'MetadataProperties.ProjectId',
      accepted: 'one line of text'
    })
  }
}
