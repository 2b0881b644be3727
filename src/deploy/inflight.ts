// What a deployment has in flight, saved to the step's state before each mutating call, so
// that the `post` step of a cancelled job (or a person reading the message a signal
// prints) knows what was going on: which call, which endpoint and config, which models and
// configs this run made, which GitHub deployment to close and which tags to write.
import type { Tag } from '@aws-sdk/client-sagemaker'
import type { Reporter } from '../context.js'
import type { GitHubDeployment } from '../github/deployments.js'
import type { LiveEndpoint } from '../registry/served.js'
import type { Created } from './cleanup.js'
import { CHANGE_OPERATIONS, describeCall, type DeployPlan, type PlannedCall } from './plan.js'

export const DEPLOYMENT_STATE = 'deploymentInFlight'

export interface InFlightDeployment {
  kind: 'deploy' | 'rollback'
  endpointName: string
  region: string
  /** The call being made (as the plan prints it), or what the run was doing between calls. */
  step: string
  /** True once the call that creates or updates the endpoint was sent. */
  changeSent: boolean
  /** The config the deployment moves the endpoint to, and the one it served before. */
  configName: string
  previousConfigName?: string
  packageArn: string
  version: number
  /** The endpoint's tags once it serves `configName`. */
  tags: Tag[]
  /** Models and configs this run created or was creating: unique to the run. */
  created: Created
  waitTimeoutSeconds: number
  github?: GitHubDeployment
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string')
}

/** The saved record, or undefined when nothing was in flight (or the value is not ours). */
export function parseInFlight(raw: string): InFlightDeployment | undefined {
  if (!raw.trim()) return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  const record = value as Partial<InFlightDeployment> | null
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.endpointName !== 'string' ||
    typeof record.region !== 'string' ||
    typeof record.configName !== 'string' ||
    typeof record.step !== 'string' ||
    !isStringArray(record.created?.models) ||
    !isStringArray(record.created?.configs) ||
    !Array.isArray(record.tags)
  )
    return undefined
  return record as InFlightDeployment
}

/** Keeps the record current and saved; every change is saved before the call it announces. */
export class InFlightRecorder {
  private record: InFlightDeployment

  constructor(
    private readonly out: Pick<Reporter, 'saveState'>,
    base: Pick<InFlightDeployment, 'kind' | 'region' | 'waitTimeoutSeconds' | 'github'>,
    plan: DeployPlan,
    live: LiveEndpoint | undefined
  ) {
    this.record = {
      ...base,
      endpointName: plan.endpointName,
      step: 'starting the deployment',
      changeSent: false,
      configName: '',
      packageArn: '',
      version: 0,
      tags: [],
      created: { models: [], configs: [] }
    }
    this.replan(plan, live)
  }

  get current(): InFlightDeployment {
    return this.record
  }

  /** A new plan (after waiting for another deployment) replaces the target, keeps what was made. */
  replan(plan: DeployPlan, live: LiveEndpoint | undefined): void {
    const tags = plan.calls.find(c => c.operation === 'AddTags')
    this.record = {
      ...this.record,
      configName: plan.endpointConfigName,
      previousConfigName: live?.configName,
      packageArn: plan.primary.packageArn,
      version: plan.primary.version,
      tags: tags?.operation === 'AddTags' ? tags.tags : [],
      changeSent: false
    }
    this.save()
  }

  before(call: PlannedCall): void {
    const created = this.record.created
    if (call.operation === 'CreateModel') created.models.push(call.input.ModelName ?? '')
    if (call.operation === 'CreateEndpointConfig')
      created.configs.push(call.input.EndpointConfigName ?? '')
    if (CHANGE_OPERATIONS.has(call.operation)) this.record.changeSent = true
    this.at(describeCall(call))
  }

  /** Between calls: waiting for the endpoint, or for another deployment. */
  at(step: string): void {
    this.record.step = step
    this.save()
  }

  /** What this run no longer owns: found made by another attempt, or deleted again. */
  forget(names: string[]): void {
    const created = this.record.created
    created.models = created.models.filter(m => !names.includes(m))
    created.configs = created.configs.filter(c => !names.includes(c))
    this.save()
  }

  /** The run reached its own end: the post step has nothing to do. */
  clear(): void {
    this.out.saveState(DEPLOYMENT_STATE, '')
  }

  private save(): void {
    this.out.saveState(DEPLOYMENT_STATE, JSON.stringify(this.record))
  }
}
