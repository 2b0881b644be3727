// Temporary SageMaker resources (a validation endpoint, its config and model) are
// recorded in the step's state as soon as they exist, so the `post` step can delete them
// when the job was cancelled before the mode's own `finally` ran.
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { isNotFound } from './aws-errors.js'
import { errorMessage } from './errors.js'

export const TEMPORARY_STATE = 'temporary-resources'

export type TemporaryResource = { kind: 'endpoint' | 'endpoint-config' | 'model'; name: string }

export function parseTemporaryState(raw: string): TemporaryResource[] {
  if (!raw.trim()) return []
  const parsed: unknown = JSON.parse(raw)
  if (!Array.isArray(parsed)) return []
  return parsed.filter(
    (item): item is TemporaryResource =>
      typeof item === 'object' &&
      item !== null &&
      ['endpoint', 'endpoint-config', 'model'].includes((item as TemporaryResource).kind) &&
      typeof (item as TemporaryResource).name === 'string'
  )
}

/**
 * Deletes the endpoint first, then its config, then the model, so nothing is removed
 * from under a resource that still uses it. Returns a warning per resource that could not
 * be deleted; a resource already gone counts as deleted.
 */
export async function deleteTemporaryResources(
  sagemaker: SageMakerClient,
  resources: TemporaryResource[]
): Promise<{ deleted: TemporaryResource[]; warnings: string[] }> {
  const order = { endpoint: 0, 'endpoint-config': 1, model: 2 }
  const sorted = [...resources].sort((a, b) => order[a.kind] - order[b.kind])
  const deleted: TemporaryResource[] = []
  const warnings: string[] = []
  for (const resource of sorted) {
    try {
      if (resource.kind === 'endpoint')
        await sagemaker.send(new DeleteEndpointCommand({ EndpointName: resource.name }))
      else if (resource.kind === 'endpoint-config')
        await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: resource.name }))
      else await sagemaker.send(new DeleteModelCommand({ ModelName: resource.name }))
      deleted.push(resource)
    } catch (error) {
      if (isNotFound(error)) deleted.push(resource)
      else
        warnings.push(
          `Could not delete temporary ${resource.kind} "${resource.name}": ${errorMessage(error)}`
        )
    }
  }
  return { deleted, warnings }
}
