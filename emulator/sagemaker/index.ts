// Every SageMaker operation the emulator answers, by its X-Amz-Target name.
import type { Handler } from './common.ts'
import { endpointConfigHandlers } from './endpoint-configs.ts'
import { endpointHandlers } from './endpoints.ts'
import { jobHandlers } from './jobs.ts'
import { lineageHandlers } from './lineage.ts'
import { modelHandlers } from './models.ts'
import { registryHandlers } from './registry.ts'
import { tagHandlers } from './tags.ts'

export const operations: Record<string, Handler> = {
  ...registryHandlers,
  ...tagHandlers,
  ...jobHandlers,
  ...modelHandlers,
  ...endpointConfigHandlers,
  ...endpointHandlers,
  ...lineageHandlers
}
