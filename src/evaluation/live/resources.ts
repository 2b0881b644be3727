// The SageMaker side of live evaluation that both methods share: what a version needs to
// be served (its containers and content types), the temporary resources (each recorded in
// the step's state before it is created, so the post step finds it after a cancellation),
// and waiting for an endpoint or a job on the injected clock.
import {
  type ContainerDefinition,
  CreateModelCommand,
  DescribeModelPackageCommand,
  type DescribeModelPackageCommandOutput
} from '@aws-sdk/client-sagemaker'
import {
  cleanupCommand,
  type CleanupOptions,
  deleteTemporaryResources,
  pollPause,
  TEMPORARY_STATE,
  type TemporaryKind,
  type TemporaryResource,
  temporaryStateValue
} from '../../cleanup.js'
import { isAlreadyExists } from '../../aws-errors.js'
import { UserError } from '../../errors.js'
import type { LiveRole } from './names.js'
import type { LiveDeps, LiveResources } from './types.js'

/** What we send: CSV rows, the format SageMaker's built-in algorithms and most containers read. */
export const CSV = 'text/csv'
/** Answers we read, in order of preference (answers.ts). */
export const READABLE_ANSWERS = [CSV, 'application/jsonlines', 'application/json']

/** One version, as live evaluation serves it. */
export interface ServedVersion {
  role: LiveRole
  packageArn: string
  /** `v7` (or the ARN of an unversioned package), for messages. */
  label: string
  /** The containers a model of it runs. */
  model: { PrimaryContainer?: ContainerDefinition; Containers?: ContainerDefinition[] }
  accept: string
  /** Where its model data is, to tell from a FailureReason which version failed. */
  artifacts: string[]
  transformInstanceTypes: string[]
}

function versionLabel(pkg: DescribeModelPackageCommandOutput, arn: string): string {
  return pkg.ModelPackageVersion !== undefined ? `v${pkg.ModelPackageVersion}` : arn
}

/**
 * Reads a version and decides how to serve it. An Approved version is named by its ARN
 * (ModelPackageName), as SageMaker documents deploying a registered version; any other is
 * served from copies of its containers, because CreateModel refuses a version that is not
 * Approved, and the candidate of a gate usually is not yet.
 */
export async function describeVersion(
  deps: Pick<LiveDeps, 'sagemaker'>,
  role: LiveRole,
  packageArn: string,
  method: 'endpoint' | 'batch-transform'
): Promise<ServedVersion> {
  const pkg = await deps.sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: packageArn })
  )
  const label = versionLabel(pkg, packageArn)
  const name = `The ${role} ${label}`
  if (pkg.ModelPackageStatus !== 'Completed')
    throw new UserError(
      `${name} is ${pkg.ModelPackageStatus ?? 'in an unknown state'}, not Completed: SageMaker cannot serve it yet.`
    )
  const spec = pkg.InferenceSpecification
  const containers = spec?.Containers ?? []
  if (containers.length === 0)
    throw new UserError(
      `${name} has no InferenceSpecification containers: there is nothing to serve.`
    )
  const accepts = spec?.SupportedContentTypes ?? []
  if (accepts.length > 0 && !accepts.includes(CSV))
    throw new UserError(
      `${name} reads ${accepts.join(', ')} (SupportedContentTypes), not ${CSV}: live evaluation sends the validation data as CSV rows.`
    )
  const answers = spec?.SupportedResponseMIMETypes ?? []
  const readable = method === 'batch-transform' ? [CSV] : READABLE_ANSWERS
  const accept = answers.length === 0 ? CSV : readable.find(type => answers.includes(type))
  if (accept === undefined)
    throw new UserError(
      `${name} answers ${answers.join(', ')} (SupportedResponseMIMETypes); ${method === 'batch-transform' ? `batch transform joins each prediction to its row, which needs ${CSV}` : `live evaluation reads ${READABLE_ANSWERS.join(', ')}`}.`
    )
  const copies: ContainerDefinition[] = containers.map((c, i) => ({
    ...(containers.length > 1
      ? { ContainerHostname: c.ContainerHostname ?? `container-${i + 1}` }
      : {}),
    Image: c.Image,
    ...(c.ModelDataUrl ? { ModelDataUrl: c.ModelDataUrl } : {}),
    ...(c.ModelDataSource ? { ModelDataSource: c.ModelDataSource } : {}),
    ...(c.Environment ? { Environment: c.Environment } : {})
  }))
  const model =
    pkg.ModelApprovalStatus === 'Approved'
      ? { PrimaryContainer: { ModelPackageName: pkg.ModelPackageArn ?? packageArn } }
      : copies.length === 1
        ? { PrimaryContainer: copies[0] }
        : { Containers: copies }
  return {
    role,
    packageArn: pkg.ModelPackageArn ?? packageArn,
    label,
    model,
    accept,
    artifacts: containers.flatMap(c => {
      const uri = c.ModelDataUrl ?? c.ModelDataSource?.S3DataSource?.S3Uri
      return uri ? [uri] : []
    }),
    transformInstanceTypes: spec?.SupportedTransformInstanceTypes ?? []
  }
}

const RESOURCE_LIST: Record<TemporaryKind, keyof LiveResources> = {
  model: 'models',
  'endpoint-config': 'endpointConfigs',
  endpoint: 'endpoints',
  'transform-job': 'transformJobs'
}

/**
 * The temporary resources of one run. Each is written to the step's state before the
 * call that creates it, so a cancellation at any moment leaves a record of everything
 * that may exist; the list is saved again, shorter, once cleanup has removed them.
 */
export class TemporaryResources {
  private readonly live: TemporaryResource[] = []
  /** Everything created, for the result. */
  readonly created: TemporaryResource[] = []

  constructor(
    private readonly deps: Pick<LiveDeps, 'saveState' | 'log' | 'sagemaker'>,
    private readonly region: string | undefined
  ) {}

  private save(): void {
    this.deps.saveState(TEMPORARY_STATE, temporaryStateValue(this.live))
  }

  /**
   * Records the resource, then runs `create`. A name that exists already belongs to
   * someone else (or to an earlier attempt with the same run id): it is dropped from the
   * record, so it is never deleted, and the run stops.
   */
  async create<T>(kind: TemporaryKind, name: string, create: () => Promise<T>): Promise<T> {
    const resource: TemporaryResource = this.region
      ? { kind, name, region: this.region }
      : { kind, name }
    this.live.push(resource)
    this.save()
    this.deps.log.info(`Creating temporary ${kind} ${name}`)
    try {
      const out = await create()
      this.created.push(resource)
      return out
    } catch (error) {
      if (isAlreadyExists(error)) {
        this.live.splice(this.live.indexOf(resource), 1)
        this.save()
        throw new UserError(
          `A ${kind} named ${name} exists already, so it is not this run's to use or delete: an earlier attempt with the same run id left it, or the name is taken. Delete it (${cleanupCommand(resource)}) or run with another run id.`
        )
      }
      throw error
    }
  }

  get pending(): readonly TemporaryResource[] {
    return this.live
  }

  /** Deletes everything recorded; returns the warnings (each with its command). */
  async cleanup(options: CleanupOptions): Promise<string[]> {
    if (this.live.length === 0) return []
    const { deleted, warnings } = await deleteTemporaryResources(
      this.deps.sagemaker,
      this.live,
      options
    )
    for (const resource of deleted) {
      this.live.splice(this.live.indexOf(resource), 1)
      this.deps.log.debug(`Cleaned up temporary ${resource.kind} ${resource.name}`)
    }
    this.save()
    return warnings
  }

  /** What the run created, by kind. */
  listing(): Pick<LiveResources, 'models' | 'endpointConfigs' | 'endpoints' | 'transformJobs'> {
    const out: Record<string, string[]> = {
      models: [],
      endpointConfigs: [],
      endpoints: [],
      transformJobs: []
    }
    for (const r of this.created) out[RESOURCE_LIST[r.kind]]!.push(r.name)
    return out as ReturnType<TemporaryResources['listing']>
  }
}

/** Creates the SageMaker model that serves a version. */
export async function createModel(
  deps: Pick<LiveDeps, 'sagemaker'>,
  resources: TemporaryResources,
  version: ServedVersion,
  name: string,
  executionRoleArn: string
): Promise<void> {
  await resources.create('model', name, () =>
    deps.sagemaker.send(
      new CreateModelCommand({
        ModelName: name,
        ExecutionRoleArn: executionRoleArn,
        ...version.model
      })
    )
  )
}

export interface WaitSettings {
  timeoutSeconds: number
  pollSeconds: number
}

/**
 * Polls `look` until it returns a settled state (not in `busy`); logs each change of
 * state with the elapsed time. Throws a UserError at the deadline.
 */
export async function waitUntilSettled<T extends { status: string }>(
  deps: Pick<LiveDeps, 'sleep' | 'now' | 'log'>,
  what: string,
  busy: ReadonlySet<string>,
  look: () => Promise<T>,
  settings: WaitSettings
): Promise<T> {
  const start = deps.now().getTime()
  const deadline = start + settings.timeoutSeconds * 1000
  let last: string | undefined
  for (let looks = 0; ; looks++) {
    const state = await look()
    const now = deps.now().getTime()
    if (state.status !== last) {
      deps.log.info(`${what}: ${state.status} (${Math.round((now - start) / 1000)} s)`)
      last = state.status
    }
    if (!busy.has(state.status)) return state
    if (now >= deadline)
      throw new UserError(
        `Timed out after ${settings.timeoutSeconds} s waiting for ${what}: it is still ${state.status}.`
      )
    await deps.sleep(Math.min(pollPause(looks, settings.pollSeconds), deadline - now))
  }
}
