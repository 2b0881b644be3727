// The plan's calls up to the endpoint change: create the models and the config, then create
// or update the endpoint, waiting its turn behind any other deployment. When another
// deployment changed the endpoint in between, the plan (what it replaces, what rollback and
// reject-current rely on) is no longer true: wait, plan again, print the new plan, go on
// with that one. What this run created and does not end on is deleted, also when it fails.
import type { RunContext } from '../context.js'
import { causeOf, errorMessage, UserError } from '../errors.js'
import { isAlreadyExists, isInProgress } from '../aws-errors.js'
import { describeEndpoint, type LiveEndpoint } from '../registry/served.js'
import { discardCreated, type Created } from './cleanup.js'
import { createResource, startEndpointChange } from './endpoint.js'
import type { InFlightRecorder } from './inflight.js'
import {
  CHANGE_OPERATIONS,
  createdNames,
  describeCall,
  formatPlan,
  type DeployPlan,
  type PlannedCall
} from './plan.js'
import {
  makePlan,
  settledEndpoint,
  type DeploymentRequest,
  type DeploymentSettings
} from './prepare.js'
import { BUSY_STATES } from './waiter.js'

/** How often a deployment goes back to waiting when another one keeps taking the endpoint. */
const MAX_TURNS = 5

/** Where a deployment stands; a wait for another deployment gives it a new plan. */
export interface Deployment {
  plan: DeployPlan
  /** What the endpoint served when the plan was made. */
  live: LiveEndpoint | undefined
  /** The config the endpoint serves now (before the change in a dry run). */
  serving: string
  /** True when this run created the endpoint. */
  created: boolean
}

export function changeCall(plan: DeployPlan): PlannedCall | undefined {
  return plan.calls.find(c => CHANGE_OPERATIONS.has(c.operation))
}

export function createsModels(plan: DeployPlan): boolean {
  return plan.calls.some(c => c.operation === 'CreateModel')
}

export function describeTargets(plan: DeployPlan): string {
  return plan.variants
    .map(v => `v${v.version}${plan.variants.length > 1 ? `=${v.weight}` : ''}`)
    .join(', ')
}

export function roleRequired(settings: DeploymentSettings, plan: DeployPlan): UserError {
  return new UserError(
    `Input "execution-role-arn" is required for mode "${settings.mode}": SageMaker runs the model of ${describeTargets(plan)} under that IAM role (CreateModel ExecutionRoleArn). Give the ARN of a role SageMaker can assume.`
  )
}

/** What a plan's endpoint ends on: its config and models stay whoever made them. */
function usedBy(plan: DeployPlan): Created {
  return { configs: [plan.endpointConfigName], models: plan.variants.map(v => v.modelName) }
}

/** Deletes what this run created and no longer needs; on failure, once, before the error is told. */
class Discard {
  private failed = false
  constructor(
    private readonly ctx: RunContext,
    private readonly endpointName: string,
    private readonly inflight: InFlightRecorder
  ) {}

  async unused(keep: Created): Promise<void> {
    await this.discard(
      keep,
      'This run created models or configs that the deployment it finally made does not use'
    )
  }

  /** The deployment did not start: everything this run created goes; what cannot, is said. */
  async all(error: unknown): Promise<void> {
    if (this.failed) return
    this.failed = true
    const reason = errorMessage(causeOf(error))
    const left = await this.discard(
      { configs: [], models: [] },
      `The deployment to ${this.endpointName} did not start (${reason})`
    )
    for (const name of left) this.ctx.steps.changed(`left ${name} in place (see the warning)`)
  }

  private async discard(keep: Created, why: string): Promise<string[]> {
    const created = this.inflight.current.created
    const { deleted, left } = await discardCreated(this.ctx, this.endpointName, created, keep, why)
    this.inflight.forget(deleted.map(label => label.slice(label.lastIndexOf(' ') + 1)))
    return left
  }
}

function stepOf(ctx: RunContext, discard: Discard): Step {
  return (name, work) => ctx.steps.run(name, work, error => discard.all(error))
}

/** True when the endpoint is no longer what the plan was made from: another deployment got there first. */
async function endpointMoved(ctx: RunContext, state: Deployment): Promise<boolean> {
  const now = await describeEndpoint(ctx.aws.sagemaker, state.plan.endpointName)
  if (state.plan.action === 'create') return now !== undefined
  if (!now || !state.live) return true
  return (
    now.EndpointConfigName !== state.live.configName ||
    BUSY_STATES.has(now.EndpointStatus ?? 'unknown')
  )
}

/** A step of the deployment before its change: when it fails, what this run made goes first. */
type Step = <T>(name: string, work: () => Promise<T>) => Promise<T>

/**
 * One turn: the plan's create calls, then the endpoint change unless the endpoint moved.
 * True when the change was sent; false when another deployment got there first.
 */
async function takeTurn(
  ctx: RunContext,
  settings: DeploymentSettings,
  state: Deployment,
  inflight: InFlightRecorder,
  step: Step
): Promise<boolean> {
  const { plan } = state
  const where = { aws: ctx.aws, out: ctx.out, region: settings.region }
  if (createsModels(plan) && !settings.deploy.executionRoleArn) throw roleRequired(settings, plan)
  for (const call of plan.calls) {
    if (call.operation !== 'CreateModel' && call.operation !== 'CreateEndpointConfig') continue
    inflight.before(call)
    if (!(await step(describeCall(call), () => createResource(where, call)))) {
      const names = createdNames([call])
      inflight.forget([...names.models, ...names.configs])
    }
  }
  const change = changeCall(plan)
  if (!change || (await step('checking the endpoint again', () => endpointMoved(ctx, state))))
    return false
  inflight.before(change)
  const raced = (error: unknown) =>
    plan.action === 'create' ? isAlreadyExists(error) : isInProgress(error)
  // Another deployment taking the endpoint at this moment is a reason to wait, not a failure.
  const sent = await step(describeCall(change), () =>
    startEndpointChange(where, change).then(
      () => true,
      (error: unknown) => {
        if (raced(error)) return false
        throw error
      }
    )
  )
  if (sent) state.created = change.operation === 'CreateEndpoint'
  return sent
}

/** Once the change is sent, what stands: what this run created for it, and the change. */
function recordStarted(ctx: RunContext, state: Deployment, inflight: InFlightRecorder): void {
  const { models, configs } = inflight.current.created
  for (const name of models) ctx.steps.changed(`created model ${name}`)
  for (const name of configs) ctx.steps.changed(`created endpoint config ${name}`)
  const change = changeCall(state.plan)
  if (change) ctx.steps.changed(`sent ${describeCall(change)}`)
}

/** Waits for the deployment that took the endpoint, and plans again on what it left. */
async function waitYourTurn(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  state: Deployment,
  inflight: InFlightRecorder,
  discard: Discard,
  remaining: number
): Promise<void> {
  const { deploy } = settings
  const name = state.plan.endpointName
  const step = stepOf(ctx, discard)
  ctx.out.info(
    `Another deployment is changing endpoint ${name}; waiting for it to finish before this one.`
  )
  inflight.at(`waiting for another deployment on endpoint ${name} to finish`)
  state.live = await step(`waiting for another deployment on endpoint ${name}`, () =>
    settledEndpoint(ctx, deploy, false, remaining)
  )
  state.plan = await step('planning the deployment again', () =>
    makePlan(ctx, settings, request, state.live)
  )
  state.serving = state.live?.configName ?? ''
  inflight.replan(state.plan, state.live)
  ctx.out.info(
    `The endpoint changed while this deployment waited; the plan now is:\n${formatPlan(state.plan, deploy.waitTimeoutSeconds)}`
  )
  for (const note of state.plan.notes) ctx.out.warning(note)
}

/**
 * Makes the plan's calls up to the endpoint change, taking turns behind other deployments.
 * True when the change was sent; false when the endpoint already serves the plan.
 */
export async function applyPlan(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  inflight: InFlightRecorder,
  state: Deployment
): Promise<boolean> {
  const { deploy } = settings
  const deadline = ctx.now().getTime() + deploy.waitTimeoutSeconds * 1000
  const discard = new Discard(ctx, deploy.endpointName, inflight)
  let started = false
  try {
    for (let turn = 1; ; turn++) {
      const hasChange = changeCall(state.plan) !== undefined
      started = hasChange && (await takeTurn(ctx, settings, state, inflight, stepOf(ctx, discard)))
      if (!hasChange || started) {
        await discard.unused(usedBy(state.plan))
        if (started) recordStarted(ctx, state, inflight)
        return started
      }
      const remaining = Math.ceil((deadline - ctx.now().getTime()) / 1000)
      if (turn >= MAX_TURNS || remaining <= 0) {
        throw new UserError(
          `Endpoint ${state.plan.endpointName} kept being changed by other deployments (${turn} tries within ${deploy.waitTimeoutSeconds} s, input "wait-timeout"): this deployment did not start. Run it again once the others are done.`
        )
      }
      await waitYourTurn(ctx, settings, request, state, inflight, discard, remaining)
    }
  } catch (error) {
    if (!started) await discard.all(error)
    throw error
  }
}
