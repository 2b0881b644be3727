// Creating a model package version: the request, the look for an earlier registration of
// the same model, and the wait until SageMaker has finished with it.
import {
  CreateModelPackageCommand,
  type CreateModelPackageCommandInput,
  type MetadataProperties,
  type ModelPackageStatusDetails,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { UserError } from '../errors.js'
import { isThrottling } from '../aws-errors.js'
import type { ApprovalStatus, GroupRef } from '../settings.js'
import { PROVENANCE_KEYS } from './provenance.js'
import { describeVersion, listVersions, type PackageDescription } from './versions.js'

export interface StatisticsObject {
  /** `s3://bucket/key` of the statistics JSON. */
  uri: string
  /** `sha256:<hex>` of the exact bytes stored. */
  digest: string
  /** The JSON this run uploads; absent for an existing object attached as it is. */
  body?: string
}

export interface PackageRequest {
  group: GroupRef
  modelDataUrl: string
  imageUri: string
  description?: string
  approvalStatus: ApprovalStatus
  contentTypes: string[]
  responseTypes: string[]
  realtimeInstanceTypes: string[]
  transformInstanceTypes: string[]
  statistics?: StatisticsObject
  metadataProperties?: MetadataProperties
  customerMetadata: Record<string, string>
  lifecycle?: { stage: string; stageStatus: string; description?: string }
  clientToken: string
}

export const DEFAULT_CONTENT_TYPE = 'text/csv'

/** The exact CreateModelPackage input; empty lists and absent fields are left out. */
export function createPackageInput(request: PackageRequest): CreateModelPackageCommandInput {
  const input: CreateModelPackageCommandInput = {
    ModelPackageGroupName: request.group.nameOrArn,
    InferenceSpecification: {
      Containers: [{ Image: request.imageUri, ModelDataUrl: request.modelDataUrl }],
      SupportedContentTypes: request.contentTypes.length
        ? request.contentTypes
        : [DEFAULT_CONTENT_TYPE],
      SupportedResponseMIMETypes: request.responseTypes.length
        ? request.responseTypes
        : [DEFAULT_CONTENT_TYPE]
    },
    ModelApprovalStatus: request.approvalStatus,
    ClientToken: request.clientToken
  }
  const spec = input.InferenceSpecification as NonNullable<
    CreateModelPackageCommandInput['InferenceSpecification']
  >
  if (request.realtimeInstanceTypes.length) {
    spec.SupportedRealtimeInferenceInstanceTypes = request.realtimeInstanceTypes as NonNullable<
      typeof spec.SupportedRealtimeInferenceInstanceTypes
    >
  }
  if (request.transformInstanceTypes.length) {
    spec.SupportedTransformInstanceTypes = request.transformInstanceTypes as NonNullable<
      typeof spec.SupportedTransformInstanceTypes
    >
  }
  if (request.description) input.ModelPackageDescription = request.description
  if (request.statistics) {
    input.ModelMetrics = {
      ModelQuality: {
        Statistics: {
          ContentType: 'application/json',
          S3Uri: request.statistics.uri,
          ContentDigest: request.statistics.digest
        }
      }
    }
  }
  if (request.metadataProperties) input.MetadataProperties = request.metadataProperties
  if (Object.keys(request.customerMetadata).length > 0) {
    input.CustomerMetadataProperties = request.customerMetadata
  }
  if (request.lifecycle) {
    input.ModelLifeCycle = {
      Stage: request.lifecycle.stage,
      StageStatus: request.lifecycle.stageStatus,
      ...(request.lifecycle.description ? { StageDescription: request.lifecycle.description } : {})
    }
  }
  return input
}

export async function createPackage(
  sagemaker: SageMakerClient,
  input: CreateModelPackageCommandInput
): Promise<string> {
  const response = await sagemaker.send(new CreateModelPackageCommand(input))
  if (!response.ModelPackageArn) throw new Error('CreateModelPackage returned no ModelPackageArn')
  return response.ModelPackageArn
}

export interface ExistingRegistration {
  /** The newest version carrying the fingerprint that did not fail. */
  match?: PackageDescription
  /** Versions that carried the fingerprint but Failed, newest first. */
  failed: number[]
}

/** How many recent versions are searched for an earlier registration. */
export const RECENT_VERSIONS = 20
const DESCRIBE_BATCH = 5

/**
 * Looks through the group's most recent versions for one registered from the same
 * fingerprint. The newest is described alone, the rest a few at a time, stopping at the
 * first match, so a re-run (whose version is usually the newest) costs two calls.
 */
export async function findRegistration(
  sagemaker: SageMakerClient,
  group: GroupRef,
  fingerprint: string,
  limit = RECENT_VERSIONS
): Promise<ExistingRegistration> {
  const versions = await listVersions(sagemaker, group, { limit })
  const failed: number[] = []
  // The newest version alone first: on a re-run it is almost always the match.
  let size = 1
  for (let start = 0; start < versions.length; start += size, size = DESCRIBE_BATCH) {
    const batch = versions.slice(start, start + size)
    const described = await Promise.all(batch.map(v => describeVersion(sagemaker, v.arn)))
    for (const [index, description] of described.entries()) {
      if (description.CustomerMetadataProperties?.[PROVENANCE_KEYS.fingerprint] !== fingerprint)
        continue
      if (description.ModelPackageStatus === 'Failed') {
        failed.push((batch[index] as { version: number }).version)
        continue
      }
      return { match: description, failed }
    }
  }
  return { failed }
}

export function statusDetails(details: ModelPackageStatusDetails | undefined): string {
  const items = [...(details?.ValidationStatuses ?? []), ...(details?.ImageScanStatuses ?? [])]
  const text = items
    .map(
      item =>
        `${item.Name ?? 'check'}: ${item.Status ?? '?'}${item.FailureReason ? ` (${item.FailureReason})` : ''}`
    )
    .join('; ')
  return text || 'no status details given'
}

export interface WaitOptions {
  sleep(ms: number): Promise<void>
  /** Total time to wait before giving up. */
  maxWaitMs?: number
  initialIntervalMs?: number
  maxIntervalMs?: number
}

export const DEFAULT_MAX_WAIT_MS = 15 * 60 * 1000

/**
 * Polls DescribeModelPackage until the package is Completed. The bound counts the time
 * slept, not the wall clock, so an injected sleep makes the wait testable.
 */
export async function waitForPackage(
  sagemaker: SageMakerClient,
  arn: string,
  options: WaitOptions
): Promise<PackageDescription> {
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS
  let interval = options.initialIntervalMs ?? 2000
  const maxInterval = options.maxIntervalMs ?? 10000
  let waited = 0
  for (;;) {
    // Still throttled after the SDK's own retries: the package exists, so keep waiting
    // (with the same backoff, within the same limit) rather than fail a registration that worked.
    const description = await describeVersion(sagemaker, arn).catch((error: unknown) => {
      if (isThrottling(error) && waited < maxWait) return undefined
      throw error
    })
    const status = description?.ModelPackageStatus
    if (description && status === 'Completed') return description
    if (description && status === 'Failed') {
      throw new UserError(
        `Model package ${arn} failed: ${statusDetails(description.ModelPackageStatusDetails)}.`
      )
    }
    if (status === 'Deleting') throw new UserError(`Model package ${arn} is being deleted.`)
    if (waited >= maxWait) {
      throw new UserError(
        `Model package ${arn} was still ${status ?? 'in an unknown state'} after ${Math.round(waited / 1000)} s; check it in the SageMaker console.`
      )
    }
    const pause = Math.min(interval, maxWait - waited)
    await options.sleep(pause)
    waited += pause
    interval = Math.min(maxInterval, Math.round(interval * 1.5))
  }
}
