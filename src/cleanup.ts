// Temporary SageMaker resources (the models, endpoint configs, endpoints and transform jobs
// of a live evaluation) are recorded in the step's state before they are created, so the
// `post` step can delete them when the job was cancelled or crashed before the run's own
// `finally` ran.
//
// The state value (name TEMPORARY_STATE) is a JSON array, rewritten whole on every change:
//   [{"kind": "model" | "endpoint-config" | "endpoint" | "transform-job",
//     "name": "...", "region"?: "us-east-1"}, ...]
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeTransformJobCommand,
  type SageMakerClient,
  StopTransformJobCommand
} from '@aws-sdk/client-sagemaker'
import { isNotFound } from './aws-errors.js'
import { errorMessage } from './errors.js'

export const TEMPORARY_STATE = 'temporary-resources'

export const TEMPORARY_KINDS = ['transform-job', 'endpoint', 'endpoint-config', 'model'] as const
export type TemporaryKind = (typeof TEMPORARY_KINDS)[number]

export interface TemporaryResource {
  kind: TemporaryKind
  name: string
  /** Where it was created; the post step falls back to the step's region without it. */
  region?: string
}

export function parseTemporaryState(raw: string): TemporaryResource[] {
  if (!raw.trim()) return []
  const parsed: unknown = JSON.parse(raw)
  if (!Array.isArray(parsed)) return []
  return parsed.filter(
    (item): item is TemporaryResource =>
      typeof item === 'object' &&
      item !== null &&
      (TEMPORARY_KINDS as readonly string[]).includes((item as TemporaryResource).kind) &&
      typeof (item as TemporaryResource).name === 'string' &&
      ['string', 'undefined'].includes(typeof (item as TemporaryResource).region)
  )
}

/** The state value for a list of resources: what parseTemporaryState reads back. */
export function temporaryStateValue(resources: readonly TemporaryResource[]): string {
  return JSON.stringify(
    resources.map(({ kind, name, region }) => (region ? { kind, name, region } : { kind, name }))
  )
}

/** The AWS CLI command that removes a resource by hand, printed when we could not. */
export function cleanupCommand(resource: TemporaryResource): string {
  const region = resource.region ? ` --region ${resource.region}` : ''
  const command = {
    'transform-job': `stop-transform-job --transform-job-name`,
    endpoint: 'delete-endpoint --endpoint-name',
    'endpoint-config': 'delete-endpoint-config --endpoint-config-name',
    model: 'delete-model --model-name'
  }[resource.kind]
  return `aws sagemaker ${command} ${resource.name}${region}`
}

/** Endpoint states SageMaker refuses DeleteEndpoint in ("Cannot delete in-progress endpoint"). */
const BUSY_ENDPOINT = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack'])

export interface CleanupOptions {
  sleep(ms: number): Promise<void>
  now(): Date
  /** How long to wait for an endpoint that is being created before deleting it; 900 s by default. */
  waitSeconds?: number
  /** The longest pause between two looks at a busy endpoint (they start at 1 s and double); 10 s by default. */
  pollSeconds?: number
}

/**
 * Whether the resource still needs work, after waiting for a busy endpoint to settle:
 * false when it is gone (or a transform job has already finished).
 */
async function settle(
  sagemaker: SageMakerClient,
  resource: TemporaryResource,
  options: CleanupOptions
): Promise<boolean> {
  if (resource.kind === 'transform-job') {
    const job = await sagemaker.send(
      new DescribeTransformJobCommand({ TransformJobName: resource.name })
    )
    return job?.TransformJobStatus === 'InProgress'
  }
  if (resource.kind !== 'endpoint') return true
  const deadline = options.now().getTime() + (options.waitSeconds ?? 900) * 1000
  for (let look = 0; ; look++) {
    const endpoint = await sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: resource.name })
    )
    const status = endpoint?.EndpointStatus ?? ''
    if (status === 'Deleting') return false
    if (!BUSY_ENDPOINT.has(status)) return true
    const left = deadline - options.now().getTime()
    if (left <= 0) {
      throw new Error(
        `it is still ${status} after ${options.waitSeconds ?? 900} s, and SageMaker deletes an endpoint only once it settles`
      )
    }
    await options.sleep(Math.min(pollPause(look, options.pollSeconds ?? 10), left))
  }
}

/**
 * The pause before look `look + 1` at something busy, in ms: 1 s, then doubling, up to
 * `pollSeconds`. A resource that settles at once is seen at once; a slow one is not polled
 * more often than every `pollSeconds`.
 */
export function pollPause(look: number, pollSeconds: number): number {
  return Math.min(1000 * 2 ** look, pollSeconds * 1000)
}

async function remove(sagemaker: SageMakerClient, resource: TemporaryResource): Promise<void> {
  if (resource.kind === 'transform-job')
    await sagemaker.send(new StopTransformJobCommand({ TransformJobName: resource.name }))
  else if (resource.kind === 'endpoint')
    await sagemaker.send(new DeleteEndpointCommand({ EndpointName: resource.name }))
  else if (resource.kind === 'endpoint-config')
    await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: resource.name }))
  else await sagemaker.send(new DeleteModelCommand({ ModelName: resource.name }))
}

const NO_WAIT: CleanupOptions = {
  sleep: () => Promise.resolve(),
  now: () => new Date(),
  waitSeconds: 0
}

/**
 * Stops transform jobs, then deletes endpoints, then their configs, then models, so
 * nothing is removed from under a resource that still uses it. An endpoint still being
 * created is waited for (SageMaker refuses to delete it before it settles). Returns a
 * warning, with the command that finishes the job by hand, per resource that could not be
 * removed; a resource already gone (or a job already finished) counts as removed.
 */
export async function deleteTemporaryResources(
  sagemaker: SageMakerClient,
  resources: readonly TemporaryResource[],
  options: CleanupOptions = NO_WAIT
): Promise<{ deleted: TemporaryResource[]; warnings: string[] }> {
  const order = (kind: TemporaryKind) => TEMPORARY_KINDS.indexOf(kind)
  const sorted = [...resources].sort((a, b) => order(a.kind) - order(b.kind))
  const deleted: TemporaryResource[] = []
  const warnings: string[] = []
  for (const resource of sorted) {
    try {
      if (await settle(sagemaker, resource, options)) await remove(sagemaker, resource)
      deleted.push(resource)
    } catch (error) {
      if (isNotFound(error)) deleted.push(resource)
      else {
        const what = resource.kind === 'transform-job' ? 'stop' : 'delete'
        warnings.push(
          `Could not ${what} temporary ${resource.kind} "${resource.name}": ${errorMessage(error)}. Run: ${cleanupCommand(resource)}`
        )
      }
    }
  }
  return { deleted, warnings }
}
