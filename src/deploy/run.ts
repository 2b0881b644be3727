// One deployment from resolved packages to a verified endpoint, shared by `deploy` and
// `rollback`, in one direction: plan (prepare.ts) and print the plan; in a dry run, stop
// there; else make the plan's calls up to the endpoint change (apply.ts), wait, verify
// that the endpoint really serves the new config, make the calls after it (record.ts),
// and publish once how it ended. The GitHub deployment and the in-flight record for the
// post step follow it; outputs are written once, at the end, whatever happened.
import type { ModeOutcome, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { causeOf, errorMessage } from '../errors.js'
import {
  createGitHubDeployment,
  setGitHubDeploymentStatus,
  type GitHubDeployment
} from '../github/deployments.js'
import { publish, reportFileName } from '../publish.js'
import { describeEndpoint } from '../registry/served.js'
import { renderDeployment, type DeploymentReport } from '../report/deploy.js'
import { renderDeploymentText } from '../report/text-views.js'
import type { TextOptions } from '../report/terminal.js'
import { consoleUrl, withLink } from '../report/links.js'
import {
  applyPlan,
  createsModels,
  describeTargets,
  roleRequired,
  type Deployment
} from './apply.js'
import { deleteFailedEndpoint, discardCreated } from './cleanup.js'
import { verifyDeployment } from './endpoint.js'
import { InFlightRecorder, type InFlightDeployment } from './inflight.js'
import { describeCall, describeCompute, formatPlan, type DeployPlan } from './plan.js'
import { makePlan, type DeploymentRequest, type DeploymentSettings } from './prepare.js'
import { POST_WAIT_MAX_SECONDS } from './reconcile.js'
import { recordDeployment } from './record.js'
import { waitForEndpoint, WaitTimeoutError } from './waiter.js'

export interface DeploymentOutcome extends ModeOutcome {
  plan: DeployPlan
  /** The package the endpoint served (largest weight) before this deployment took effect. */
  previousPackageArn?: string
  /** True when the endpoint now serves the plan (or would, in dry-run). */
  succeeded: boolean
}

/** How a deployment ended: the report's words, and the failure that fails the job. */
interface Ending {
  outcome: string
  failed?: string
}

/** The message a signal prints: where the run stopped and what happens next. */
function interruptedMessage(
  ctx: RunContext,
  signal: NodeJS.Signals,
  record: InFlightDeployment
): string {
  const stopped = `${signal}: the ${record.kind} to endpoint ${record.endpointName} stopped at: ${record.step}.`
  const endpoint = record.changeSent
    ? `SageMaker carries on with the endpoint change it was sent.`
    : 'The endpoint was not changed.'
  const made = [...record.created.configs, ...record.created.models]
  const next = ctx.out.postStep
    ? `The post step of this action waits for the endpoint (up to ${Math.min(record.waitTimeoutSeconds, POST_WAIT_MAX_SECONDS)} s), closes the GitHub deployment, makes the endpoint's tags name what it serves, and deletes the models and configs this run made that nothing serves.`
    : `Nothing runs after this command to tidy up: once the endpoint is InService, run the same command again (it uses what exists) or roll back${
        made.length ? `; this run made ${made.join(', ')}` : ''
      }.`
  return `${stopped} ${endpoint} ${next}`
}

async function startGitHubDeployment(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  plan: DeployPlan
): Promise<GitHubDeployment | undefined> {
  const { deploy } = settings
  if (!deploy.environment) {
    ctx.out.debug('Input "environment" is not set: no GitHub deployment is recorded.')
    return undefined
  }
  return createGitHubDeployment(ctx, {
    environment: deploy.environment,
    description: `${request.kind === 'rollback' ? 'Roll back' : 'Deploy'} ${describeTargets(plan)} of ${settings.group.name} to ${deploy.endpointName}`,
    environmentUrl: consoleUrl(settings.region, 'endpoints', deploy.endpointName) ?? '',
    logUrl: runUrl(ctx.github),
    payload: { endpoint: deploy.endpointName, 'model-package-arn': plan.primary.packageArn }
  })
}

/** After the change: wait, describe the endpoint again, and say whether it serves the plan. */
async function waitAndVerify(
  ctx: RunContext,
  state: Deployment,
  inflight: InFlightRecorder,
  waitTimeoutSeconds: number
): Promise<{ failure?: string; endpointArn: string }> {
  const { plan, live } = state
  const name = plan.endpointName
  inflight.at(`waiting for endpoint ${name} to be InService on ${plan.endpointConfigName}`)
  await waitForEndpoint(ctx, name, {
    timeoutSeconds: waitTimeoutSeconds,
    purpose: 'to finish this deployment'
  })
  // Described again on purpose: InService alone does not prove the new config serves.
  const verified = await ctx.steps.run(`reading endpoint ${name} back`, () =>
    describeEndpoint(ctx.aws.sagemaker, name)
  )
  state.serving = verified?.EndpointConfigName ?? ''
  const failure = verifyDeployment(plan, verified, live?.configName)
  if (failure) {
    const deleted =
      plan.action === 'create' &&
      verified?.EndpointStatus === 'Failed' &&
      (await deleteFailedEndpoint(ctx, name, waitTimeoutSeconds))
    // The outputs then name no endpoint this run made: it, and its config, are gone.
    if (deleted) {
      state.serving = ''
      state.created = false
    }
    // The same path as a deployment that never started: what it created goes.
    await discardCreated(
      ctx,
      name,
      inflight.current.created,
      { configs: [], models: [] },
      `The deployment to ${name} did not take effect`
    )
  }
  return { failure, endpointArn: verified?.EndpointArn ?? live?.arn ?? '' }
}

/** The real run, from the GitHub deployment to the recorded, verified endpoint. */
async function carryOut(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  state: Deployment
): Promise<Ending> {
  const { deploy } = settings
  const github = await startGitHubDeployment(ctx, settings, request, state.plan)
  const base = { kind: request.kind, region: settings.region, github }
  const inflight = new InFlightRecorder(
    ctx.out,
    { ...base, waitTimeoutSeconds: deploy.waitTimeoutSeconds },
    state.plan,
    request.live
  )
  const unwatch = ctx.interrupts?.watch(signal => interruptedMessage(ctx, signal, inflight.current))
  // The post step reconciles only what this step could not conclude itself.
  let concluded = false
  const conclude = async (status: 'success' | 'failure', text: string) => {
    concluded = true
    await setGitHubDeploymentStatus(ctx, github, status, text)
  }
  try {
    const strategy = `${deploy.deploymentStrategy} deployment started`
    await setGitHubDeploymentStatus(ctx, github, 'in_progress', strategy)
    const started = await applyPlan(ctx, settings, request, inflight, state)
    const { plan, live } = state
    if (!started) {
      // The endpoint already serves the plan (maybe since a wait): at most its record is due,
      // or the rejection an earlier attempt of a rollback did not reach.
      const outcome = plan.calls.some(c => c.operation === 'AddTags')
        ? 'Already serving; its tags did not say so and now do.'
        : plan.calls.length
          ? 'Already serving; the rejection an earlier attempt left is made.'
          : 'Already serving: nothing changed.'
      ctx.out.info(`Endpoint ${plan.endpointName} on ${plan.endpointConfigName}: ${outcome}`)
      await conclude('success', `Already serving on ${plan.endpointConfigName}`)
      if (live) await recordDeployment(ctx, plan, live, live.arn, inflight)
      return { outcome }
    }
    const { failure, endpointArn } = await waitAndVerify(
      ctx,
      state,
      inflight,
      deploy.waitTimeoutSeconds
    )
    if (failure) {
      await conclude('failure', failure)
      return { outcome: failure, failed: failure }
    }
    const link = consoleUrl(settings.region, 'endpoints', plan.endpointName)
    ctx.out.info(
      withLink(`Endpoint ${plan.endpointName} is InService on ${plan.endpointConfigName}`, link)
    )
    ctx.steps.done(`verifying that endpoint ${plan.endpointName} serves ${plan.endpointConfigName}`)
    await conclude('success', `Serving ${describeTargets(plan)} on ${plan.endpointConfigName}`)
    await recordDeployment(ctx, plan, live, endpointArn, inflight)
    return { outcome: `InService on ${plan.endpointConfigName}.` }
  } catch (error) {
    const cause = causeOf(error)
    if (!concluded) await setGitHubDeploymentStatus(ctx, github, 'failure', errorMessage(cause))
    if (!(cause instanceof WaitTimeoutError)) throw error
    concluded = true
    return { outcome: cause.message, failed: cause.message }
  } finally {
    unwatch?.()
    // Left for the post step when the endpoint change was sent and its end is unknown.
    if (concluded || !inflight.current.changeSent) inflight.clear()
  }
}

function setOutputs(ctx: RunContext, state: Deployment): void {
  const plan = state.plan
  ctx.out.setOutput('endpoint-name', plan.endpointName)
  ctx.out.setOutput('endpoint-config-name', state.serving)
  ctx.out.setOutput('model-package-arn', plan.primary.packageArn)
  ctx.out.setOutput('model-package-version', plan.primary.version)
  ctx.out.setOutput('previous-model-package-arn', plan.previousPackageArn ?? '')
  ctx.out.setOutput('created', state.created)
}

/** The summary and the JSON report: the plan's calls, what serves, how it ended. */
function report(
  settings: DeploymentSettings,
  kind: 'deploy' | 'rollback',
  state: Deployment,
  { outcome, failed }: Ending
) {
  const { plan } = state
  const previous =
    plan.previousPackageArn !== plan.primary.packageArn ? plan.previousPackageArn : undefined
  const view: DeploymentReport = {
    kind,
    outcome: settings.dryRun ? 'planned' : failed ? 'failed' : 'deployed',
    endpointName: plan.endpointName,
    region: plan.region,
    group: settings.group.nameOrArn,
    variants: plan.variants,
    plannedConfig: plan.endpointConfigName,
    servingConfig: state.serving || undefined,
    previousPackageArn: previous,
    message: outcome,
    calls: plan.calls.map(describeCall)
  }
  const data = {
    mode: kind,
    dryRun: settings.dryRun,
    endpointName: plan.endpointName,
    region: plan.region,
    outcome,
    action: plan.action,
    variants: plan.variants,
    capacity: {
      current: plan.currentCompute ? describeCompute(plan.currentCompute) : null,
      planned: describeCompute(plan.compute)
    },
    reused: plan.reused,
    calls: plan.calls,
    notes: plan.notes,
    previousPackageArn: plan.previousPackageArn ?? null,
    servingConfig: state.serving || null,
    created: state.created
  }
  return {
    markdown: renderDeployment(view),
    text: (options: TextOptions) => renderDeploymentText(view, options),
    json: { fileName: reportFileName(settings.group, kind), data }
  }
}

export async function runDeployment(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest
): Promise<DeploymentOutcome> {
  const { deploy } = settings
  const plan = await ctx.steps.run('planning the deployment', () =>
    makePlan(ctx, settings, request, request.live)
  )
  if (!settings.dryRun && createsModels(plan) && !deploy.executionRoleArn) {
    throw roleRequired(settings, plan)
  }
  ctx.out.info(formatPlan(plan, deploy.waitTimeoutSeconds))
  for (const note of plan.notes) ctx.out.warning(note)
  const state: Deployment = {
    plan,
    live: request.live,
    serving: request.live?.configName ?? '',
    created: false
  }
  try {
    let ending: Ending
    if (settings.dryRun) {
      ctx.out.info('Dry run: nothing was created, updated or deleted.')
      ending = { outcome: 'Dry run: nothing was changed.' }
    } else if (plan.calls.length === 0) {
      ctx.out.info(
        `Endpoint ${deploy.endpointName} already serves ${describeTargets(plan)} on ${plan.endpointConfigName}: nothing to change.`
      )
      ending = { outcome: 'Already serving: nothing changed.' }
    } else {
      ending = await carryOut(ctx, settings, request, state)
    }
    await publish(ctx, report(settings, request.kind, state, ending))
    const { previousPackageArn } = state.plan
    return {
      plan: state.plan,
      previousPackageArn,
      succeeded: !ending.failed,
      failed: ending.failed
    }
  } finally {
    if (!request.within) setOutputs(ctx, state)
  }
}
