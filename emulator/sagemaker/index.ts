// Every SageMaker operation the emulator answers, by its X-Amz-Target name.
import type { Handler } from './common.ts'
import { endpointConfigHandlers } from './endpoint-configs.ts'
import { endpointHandlers } from './endpoints.ts'
import { jobHandlers } from './jobs.ts'
import { lineageHandlers } from './lineage.ts'
import { modelHandlers } from './models.ts'
import { registryHandlers } from './registry.ts'
import { tagHandlers } from './tags.ts'
import { transformHandlers } from './transform.ts'

export const operations: Record<string, Handler> = {
  ...registryHandlers,
  ...tagHandlers,
  ...jobHandlers,
  ...transformHandlers,
  ...modelHandlers,
  ...endpointConfigHandlers,
  ...endpointHandlers,
  ...lineageHandlers
}
