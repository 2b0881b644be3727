// Where a version came from: the commit, repository and workflow run that registered it,
// and the fingerprint that makes registration idempotent.
import type { MetadataProperties } from '@aws-sdk/client-sagemaker'
import { runUrl, type GitHubRun } from '../context.js'
import { METADATA_MAX_VALUE, sanitizeMetadataText } from './metadata.js'
import { sha256Hex } from './s3.js'

/** CustomerMetadataProperties keys written by `register`. */
export const PROVENANCE_KEYS = {
  fingerprint: 'register:fingerprint',
  commit: 'source:commit',
  modelData: 'source:model-data',
  image: 'source:image',
  trainingJob: 'source:training-job',
  tuningJob: 'source:tuning-job',
  pullRequest: 'github:pr',
  ref: 'github:ref',
  actor: 'github:actor',
  runId: 'github:run-id',
  runAttempt: 'github:run-attempt'
} as const

export const HYPERPARAMETER_PREFIX = 'hp:'

/**
 * Key prefixes this action owns. A user's `customer-metadata` may not write them: a
 * hand-written `metric:auc` would pass for a measured one at the gate.
 */
export const RESERVED_PREFIXES = [
  'metric:',
  'register:',
  'source:',
  'github:',
  'gate:',
  'decision:',
  'deployed:',
  HYPERPARAMETER_PREFIX
] as const

/** SageMaker's MetadataProperties fields hold at most 1,024 characters each. */
const METADATA_PROPERTY_MAX = 1024

/** SageMaker's limit on ClientToken: 1-36 characters from [a-zA-Z0-9-]. */
export const CLIENT_TOKEN_LENGTH = 36

export interface FingerprintParts {
  group: string
  commit: string
  modelDataUrl: string
  imageUri: string
}

/**
 * sha256 over what makes two registrations the same model version: the group, the commit
 * and the exact artifact and image. Metrics and descriptions are left out on purpose, so
 * that a re-run whose evaluation wobbled still finds its version instead of adding one.
 */
export function registrationFingerprint(parts: FingerprintParts): string {
  return sha256Hex(
    ['register/v1', parts.group, parts.commit, parts.modelDataUrl, parts.imageUri].join('\n')
  )
}

/**
 * The ClientToken for CreateModelPackage: a digest of the fingerprint and of the exact
 * request (`request`, everything but the token). SageMaker answers one token sent with
 * other parameters with a ConflictException, so a re-run that differs in anything (its
 * metrics, description, run link) gets its own token, while a retry of the same request
 * gets the same one. `retryAfter` (a failed version that carried the same fingerprint)
 * changes the token, so a retry is not answered with the failed package.
 */
export function clientToken(fingerprint: string, request: object, retryAfter?: number): string {
  const parts = [fingerprint, JSON.stringify(request)]
  if (retryAfter !== undefined) parts.push(`retry-after:${retryAfter}`)
  return sha256Hex(parts.join('\n')).slice(0, CLIENT_TOKEN_LENGTH)
}

/** MetadataProperties from the GitHub run; undefined when there is nothing to record. */
export function metadataProperties(
  run: GitHubRun,
  projectId?: string
): MetadataProperties | undefined {
  const properties: MetadataProperties = {}
  if (run.sha) properties.CommitId = run.sha.slice(0, METADATA_PROPERTY_MAX)
  if (run.repository) {
    properties.Repository = `${run.serverUrl}/${run.repository}`.slice(0, METADATA_PROPERTY_MAX)
  }
  const url = runUrl(run)
  if (url) properties.GeneratedBy = url.slice(0, METADATA_PROPERTY_MAX)
  if (projectId) properties.ProjectId = projectId.slice(0, METADATA_PROPERTY_MAX)
  return Object.keys(properties).length > 0 ? properties : undefined
}

function entry(key: string, value: string | undefined): [string, string][] {
  if (value === undefined || value === '') return []
  return [[key, sanitizeMetadataText(value, METADATA_MAX_VALUE)]]
}

/** Customer metadata describing the run, sanitised to the characters SageMaker allows. */
export function runMetadata(run: GitHubRun): [string, string][] {
  return [
    ...entry(
      PROVENANCE_KEYS.pullRequest,
      run.pullRequest === undefined ? undefined : String(run.pullRequest)
    ),
    ...entry(PROVENANCE_KEYS.ref, run.ref),
    ...entry(PROVENANCE_KEYS.actor, run.actor),
    ...entry(PROVENANCE_KEYS.runId, run.runId),
    ...entry(PROVENANCE_KEYS.runAttempt, run.runAttempt)
  ]
}

export interface SourceFacts {
  fingerprint: string
  commit: string
  modelDataUrl: string
  imageUri: string
  trainingJobName?: string
  tuningJobName?: string
}

/** Customer metadata describing the model's origin; the fingerprint comes first. */
export function sourceMetadata(facts: SourceFacts): [string, string][] {
  return [
    [PROVENANCE_KEYS.fingerprint, facts.fingerprint],
    ...entry(PROVENANCE_KEYS.commit, facts.commit),
    ...entry(PROVENANCE_KEYS.modelData, facts.modelDataUrl),
    ...entry(PROVENANCE_KEYS.image, facts.imageUri),
    ...entry(PROVENANCE_KEYS.trainingJob, facts.trainingJobName),
    ...entry(PROVENANCE_KEYS.tuningJob, facts.tuningJobName)
  ]
}

/** Hyperparameters as `hp:<name>` entries; values are sanitised (quotes become `_`). */
export function hyperParameterMetadata(
  hyperParameters: Record<string, string>
): [string, string][] {
  // SageMaker refuses empty metadata values; an empty hyperparameter says nothing anyway.
  return Object.entries(hyperParameters)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => [
      `${HYPERPARAMETER_PREFIX}${sanitizeMetadataText(name, 128 - HYPERPARAMETER_PREFIX.length)}`,
      sanitizeMetadataText(value, METADATA_MAX_VALUE)
    ])
}

export function isReservedKey(key: string): boolean {
  return RESERVED_PREFIXES.some(prefix => key.startsWith(prefix))
}
