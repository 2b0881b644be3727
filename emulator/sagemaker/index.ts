// Every SageMaker operation the emulator answers, by its X-Amz-Target name.
import type { Handler } from './common.ts'
import { hostingHandlers } from './hosting.ts'
import { jobHandlers } from './jobs.ts'
import { lineageHandlers } from './lineage.ts'
import { registryHandlers } from './registry.ts'
import { tagHandlers } from './tags.ts'

export const operations: Record<string, Handler> = {
  ...registryHandlers,
  ...tagHandlers,
  ...jobHandlers,
  ...hostingHandlers,
  ...lineageHandlers
}
