// Names of the temporary resources of one live evaluation, derived from the run's id: the
// same run id gives the same names (a person can find them, the post step can delete
// them), and different run ids give different names. Each name fits every pattern the
// resources share: models `[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?`, endpoints, configs
// and transform jobs `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, all at most 63 characters.
import { createHash } from 'node:crypto'

export type LiveRole = 'candidate' | 'baseline'

export interface LiveNames {
  /** `gate-<run>`: every name starts so; also the run's folder under the work prefix. */
  base: string
  /** The SageMaker model of a version (also its transform job's name). */
  model(role: LiveRole): string
  transformJob(role: LiveRole): string
  /** A serverless endpoint (and its config) serving one version. */
  endpoint(role: LiveRole): string
  /** The instance endpoint (and its config) serving both versions as two variants. */
  pairedEndpoint(): string
}

const PREFIX = 'gate'
const MAX_NAME = 63
/** The longest suffix: `-candidate`. */
const SUFFIX = '-candidate'.length
const MAX_SLUG = MAX_NAME - PREFIX.length - 1 - SUFFIX

/**
 * The run id as a name part: lower-case letters, digits and single hyphens. When that
 * changes the id or it is too long, a hash of the whole id is appended, so two run ids
 * never share names.
 */
export function runSlug(runId: string): string {
  if (runId.trim() === '') throw new RangeError('the run id of a live evaluation must not be empty')
  const clean = runId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (clean === runId && clean.length <= MAX_SLUG) return clean
  const hash = createHash('sha256').update(runId).digest('hex').slice(0, 8)
  const head = clean.slice(0, MAX_SLUG - hash.length - 1).replace(/-+$/, '')
  return head ? `${head}-${hash}` : hash
}

export function liveNames(runId: string): LiveNames {
  const base = `${PREFIX}-${runSlug(runId)}`
  return {
    base,
    model: role => `${base}-${role}`,
    transformJob: role => `${base}-${role}`,
    endpoint: role => `${base}-${role}`,
    pairedEndpoint: () => `${base}-live`
  }
}
