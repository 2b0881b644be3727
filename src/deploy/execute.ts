// One deployment from resolved packages to a verified endpoint, shared by `deploy` and
// `rollback`: read what exists, plan every mutating call, print the plan, then make exactly
// the plan's calls in its order: create models and config, create or update the endpoint
// (waiting its turn behind any other deployment), wait, verify, record, clean up.
import type { ModeOutcome, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { errorMessage, UserError } from '../errors.js'
import {
  createGitHubDeployment,
  setGitHubDeploymentStatus,
  type GitHubDeployment
} from '../github/deployments.js'
import { publish as publishReport, reportFileName } from '../publish.js'
import { describeVersion, updateVersion, versionFromArn } from '../registry/versions.js'
import { escapeText } from '../report/escape.js'
import { consoleUrl, withLink } from '../report/links.js'
import type { DeploySettings, SettingsOf } from '../settings.js'
import { isAlreadyExists, isInProgress } from '../aws-errors.js'
import {
  applyCleanup,
  discardCreated,
  findCleanup,
  type CleanupPlan,
  type CleanupScope,
  type Created
} from './cleanup.js'
import { createResource, findExisting, startEndpointChange, verifyDeployment } from './endpoint.js'
import { InFlightRecorder, type InFlightDeployment } from './inflight.js'
import {
  buildPlan,
  CHANGE_OPERATIONS,
  createdNames,
  describeCall,
  describeCompute,
  formatPlan,
  type DeployPlan,
  type PlannedCall,
  type RejectRequest,
  type Target
} from './plan.js'
import { POST_WAIT_MAX_SECONDS } from './reconcile.js'
import { describeEndpoint, readLiveEndpoint, type LiveEndpoint } from '../registry/served.js'
import { writeTags } from '../registry/tags.js'
import { BUSY_STATES, waitForEndpoint, WaitTimeoutError } from './waiter.js'

/** The settings of a deployment: those of `deploy` or of `rollback`. */
export type DeploymentSettings = SettingsOf<'deploy' | 'rollback'>

/** How often a deployment goes back to waiting when another one keeps taking the endpoint. */
const MAX_TURNS = 5

export interface ApprovedTarget extends Target {
  metadata: Record<string, string>
}

export interface DeploymentRequest {
  kind: 'deploy' | 'rollback'
  targets: ApprovedTarget[]
  live: LiveEndpoint | undefined
  /** `reject-current`: the version to mark Rejected once the rollback is verified. */
  reject?: RejectRequest
}

export interface DeploymentOutcome extends ModeOutcome {
  plan: DeployPlan
  /** The package the endpoint served (largest weight) before this deployment took effect. */
  previousPackageArn?: string
  /** True when the endpoint now serves the plan (or would, in dry-run). */
  succeeded: boolean
}

/** What the outputs and the report say at the end: one value each, written once. */
interface RunResult {
  plan: DeployPlan
  /** The config the endpoint serves now (before the change in dry-run). */
  serving: string
  /** True when this run created the endpoint. */
  created: boolean
}

/** Describes the package and refuses it unless it is Approved; never mutates anything. */
export async function approvedTarget(
  ctx: Pick<RunContext, 'aws'>,
  arn: string,
  weight: number
): Promise<ApprovedTarget> {
  const description = await describeVersion(ctx.aws.sagemaker, arn)
  const version = description.ModelPackageVersion ?? versionFromArn(arn)
  const status = description.ModelApprovalStatus ?? 'PendingManualApproval'
  if (status !== 'Approved') {
    throw new UserError(
      `Version ${version} (${arn}) is ${status}: only Approved versions can be deployed. Approve it first (mode: approve), or name an Approved version with "model-package".`
    )
  }
  return {
    arn: description.ModelPackageArn ?? arn,
    version,
    weight,
    metadata: description.CustomerMetadataProperties ?? {}
  }
}

function failedEndpoint(live: { name: string; status: string; failureReason?: string }): UserError {
  return new UserError(
    `Endpoint ${live.name} is ${live.status}${live.failureReason ? ` (${live.failureReason})` : ''}: SageMaker cannot update it. Delete it (aws sagemaker delete-endpoint --endpoint-name ${live.name}) and deploy again.`
  )
}

/**
 * What the endpoint serves once no other deployment is changing it: waits (up to
 * `wait-timeout`) while it is busy, except in dry-run, which only reads.
 */
export async function settledEndpoint(
  ctx: RunContext,
  settings: DeploySettings,
  dryRun: boolean,
  timeoutSeconds = settings.waitTimeoutSeconds
): Promise<LiveEndpoint | undefined> {
  let description = await describeEndpoint(ctx.aws.sagemaker, settings.endpointName)
  if (!description) return undefined
  const status = description.EndpointStatus ?? 'unknown'
  if (BUSY_STATES.has(status)) {
    if (dryRun) {
      ctx.out.info(
        `Endpoint ${settings.endpointName} is ${status}: a real run would wait for it first.`
      )
    } else {
      ctx.out.info(
        `Endpoint ${settings.endpointName} is ${status}: waiting for that to finish, never updating underneath another deployment.`
      )
      description = await waitForEndpoint(ctx, settings.endpointName, {
        timeoutSeconds,
        purpose: 'to finish what it is doing before this deployment starts'
      })
      if (!description) return undefined
    }
  }
  const live = await readLiveEndpoint(ctx.aws.sagemaker, description)
  if (live.status === 'Failed' || live.status === 'OutOfService') throw failedEndpoint(live)
  if (live.status === 'UpdateRollbackFailed') {
    ctx.out.warning(
      `Endpoint ${live.name} is UpdateRollbackFailed: it serves a mix of two configs. This deployment replaces both.`
    )
  }
  return live
}

/** Old configs and models of ours that go once the new config serves; see cleanup.ts. */
function cleanupScope(plan: DeployPlan, live: LiveEndpoint): CleanupScope {
  return {
    endpointName: plan.endpointName,
    keepConfigs: [plan.endpointConfigName, live.configName],
    keepModels: plan.variants.map(v => v.modelName),
    cutoff: live.configCreationTime
  }
}

const CLEANUP_PERMISSIONS =
  'Cleanup proves that no endpoint in the account uses what it deletes, which needs sagemaker:ListEndpoints and DescribeEndpoint, DescribeEndpointConfig, ListTags on them; grant those, or delete old configs and models by hand.'

/**
 * The plan with everything it depends on read first: which of its models and config exist
 * already (used, not created) and which old ones cleanup deletes. Reads only.
 */
async function makePlan(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  live: LiveEndpoint | undefined
): Promise<DeployPlan> {
  const input = {
    settings: settings.deploy,
    region: settings.region,
    run: ctx.github,
    targets: request.targets,
    live,
    kind: request.kind,
    now: ctx.now(),
    reject: request.reject
  }
  const draft = buildPlan(input)
  if (draft.action === 'none') return draft
  const existing = await findExisting(ctx.aws.sagemaker, draft)
  let cleanup: CleanupPlan = { configs: [], models: [] }
  if (live && live.configName !== draft.endpointConfigName) {
    try {
      cleanup = await findCleanup(ctx.aws.sagemaker, cleanupScope(draft, live))
    } catch (error) {
      ctx.out.warning(
        `This deployment deletes no old models or configs of ${draft.endpointName}: reading what they are failed (${errorMessage(error)}). ${CLEANUP_PERMISSIONS}`
      )
    }
  }
  return buildPlan({ ...input, facts: { existing, cleanup } })
}

function setOutputs(ctx: RunContext, result: RunResult): void {
  const plan = result.plan
  ctx.out.setOutput('endpoint-name', plan.endpointName)
  ctx.out.setOutput('endpoint-config-name', result.serving)
  ctx.out.setOutput('model-package-arn', plan.primary.packageArn)
  ctx.out.setOutput('model-package-version', plan.primary.version)
  ctx.out.setOutput('previous-model-package-arn', plan.previousPackageArn ?? '')
  ctx.out.setOutput('created', result.created)
}

function describeTargets(plan: DeployPlan): string {
  return plan.variants
    .map(v => `v${v.version}${plan.variants.length > 1 ? `=${v.weight}` : ''}`)
    .join(', ')
}

/** The job summary and the JSON report: the plan's calls, what serves, how it ended. */
async function publish(
  ctx: RunContext,
  settings: DeploymentSettings,
  kind: 'deploy' | 'rollback',
  result: RunResult,
  outcome: string
): Promise<void> {
  const plan = result.plan
  const rows = plan.variants
    .map(v => `| ${v.variantName} | v${v.version} | \`${v.packageArn}\` | ${v.weight} |`)
    .join('\n')
  const link = consoleUrl(plan.region, 'endpoints', plan.endpointName)
  const title = link ? `[${plan.endpointName}](${link})` : plan.endpointName
  const calls = plan.calls
    .map((c, i) => `${i + 1}. ${escapeText(describeCall(c), 2000)}`)
    .join('\n')
  const markdown = `### ${kind === 'rollback' ? 'Rollback' : 'Deployment'} to ${title}\n\n${outcome}\n\n| variant | version | package | weight |\n|---|---|---|---|\n${rows}\n\nServing config: \`${result.serving || 'none'}\`${
    plan.previousPackageArn && plan.previousPackageArn !== plan.primary.packageArn
      ? ` · previously \`${plan.previousPackageArn}\``
      : ''
  }\n\n<details><summary>SageMaker calls${settings.dryRun ? ' planned' : ''} (${plan.calls.length})</summary>\n\n${calls || 'none'}\n\n</details>\n`
  await publishReport(ctx, {
    markdown,
    json: {
      fileName: reportFileName(settings.group, kind),
      data: {
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
        servingConfig: result.serving || null,
        created: result.created
      }
    }
  })
}

/** True when the endpoint is no longer what the plan was made from: another deployment got there first. */
async function endpointMoved(
  ctx: RunContext,
  plan: DeployPlan,
  live: LiveEndpoint | undefined
): Promise<boolean> {
  const now = await describeEndpoint(ctx.aws.sagemaker, plan.endpointName)
  if (plan.action === 'create') return now !== undefined
  if (!now || !live) return true
  return (
    now.EndpointConfigName !== live.configName || BUSY_STATES.has(now.EndpointStatus ?? 'unknown')
  )
}

function roleRequired(settings: DeploymentSettings, plan: DeployPlan): UserError {
  return new UserError(
    `Input "execution-role-arn" is required for mode "${settings.mode}": SageMaker runs the model of ${describeTargets(plan)} under that IAM role (CreateModel ExecutionRoleArn). Give the ARN of a role SageMaker can assume.`
  )
}

function createsModels(plan: DeployPlan): boolean {
  return plan.calls.some(c => c.operation === 'CreateModel')
}

function changeCall(plan: DeployPlan): PlannedCall | undefined {
  return plan.calls.find(c => CHANGE_OPERATIONS.has(c.operation))
}

/** What a plan's endpoint ends on: its config and models stay whoever made them. */
function usedBy(plan: DeployPlan): Created {
  return { configs: [plan.endpointConfigName], models: plan.variants.map(v => v.modelName) }
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

/**
 * Makes the plan's create calls and starts the endpoint change. When another deployment
 * changed the endpoint in between, waits for it, plans again (printing the new plan) and
 * goes on with that one. What this run created and does not end on is deleted.
 */
async function applyWithTurns(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  inflight: InFlightRecorder,
  result: RunResult
): Promise<{ plan: DeployPlan; live: LiveEndpoint | undefined; started: boolean }> {
  const deploy = settings.deploy
  const turnDeadline = ctx.now().getTime() + deploy.waitTimeoutSeconds * 1000
  let plan = result.plan
  let live = request.live
  const where = { aws: ctx.aws, out: ctx.out, region: settings.region }
  const discard = async (keep: Created, why: string) => {
    const { deleted } = await discardCreated(
      ctx,
      deploy.endpointName,
      inflight.current.created,
      keep,
      why
    )
    inflight.forget(deleted.map(label => label.slice(label.lastIndexOf(' ') + 1)))
  }
  let started = false
  try {
    for (let turn = 1; ; turn++) {
      const change = changeCall(plan)
      if (!change) {
        await discard(
          usedBy(plan),
          'This run created models or configs that the deployment it finally made does not use'
        )
        return { plan, live, started }
      }
      if (createsModels(plan) && !deploy.executionRoleArn) throw roleRequired(settings, plan)
      for (const call of plan.calls) {
        if (call.operation !== 'CreateModel' && call.operation !== 'CreateEndpointConfig') continue
        inflight.before(call)
        if (!(await createResource(where, call))) {
          const names = createdNames([call])
          inflight.forget([...names.models, ...names.configs])
        }
      }
      // The plan (what it replaces, what rollback and reject-current rely on) is only true
      // of the endpoint it was made from: if that moved, wait and plan again.
      let raced = await endpointMoved(ctx, plan, live)
      if (!raced) {
        inflight.before(change)
        try {
          await startEndpointChange(where, change)
          started = true
          result.created = change.operation === 'CreateEndpoint'
        } catch (error) {
          raced = plan.action === 'create' ? isAlreadyExists(error) : isInProgress(error)
          if (!raced) throw error
        }
      }
      if (started) {
        await discard(
          usedBy(plan),
          'This run created models or configs that the deployment it finally made does not use'
        )
        return { plan, live, started }
      }
      const remaining = Math.ceil((turnDeadline - ctx.now().getTime()) / 1000)
      if (turn >= MAX_TURNS || remaining <= 0) {
        throw new UserError(
          `Endpoint ${plan.endpointName} kept being changed by other deployments (${turn} tries within ${deploy.waitTimeoutSeconds} s, input "wait-timeout"): this deployment did not start. Run it again once the others are done.`
        )
      }
      ctx.out.info(
        `Another deployment is changing endpoint ${plan.endpointName}; waiting for it to finish before this one.`
      )
      inflight.at(`waiting for another deployment on endpoint ${plan.endpointName} to finish`)
      live = await settledEndpoint(ctx, deploy, false, remaining)
      plan = await makePlan(ctx, settings, request, live)
      result.plan = plan
      result.serving = live?.configName ?? ''
      inflight.replan(plan, live)
      ctx.out.info(
        `The endpoint changed while this deployment waited; the plan now is:\n${formatPlan(plan, deploy.waitTimeoutSeconds)}`
      )
      for (const note of plan.notes) ctx.out.warning(note)
    }
  } catch (error) {
    if (!started) {
      await discard(
        { configs: [], models: [] },
        `The deployment to ${plan.endpointName} did not start (${errorMessage(error)})`
      )
    }
    throw error
  }
}

/**
 * The plan's calls after the verified change, in order: tags, version metadata, cleanup,
 * and for a rollback with `reject-current` the rejection. Recording and cleanup only warn;
 * a failed rejection fails the step, saying how to finish it.
 */
async function recordAndCleanUp(
  ctx: RunContext,
  plan: DeployPlan,
  live: LiveEndpoint | undefined,
  endpointArn: string,
  inflight: InFlightRecorder
): Promise<void> {
  const change = changeCall(plan)
  const after = plan.calls.slice(change ? plan.calls.indexOf(change) + 1 : 0)
  // Cleanup checks again, just before its first delete, that what the plan found is still
  // unused: the deployment took minutes, and it only ever deletes less than it planned.
  let confirmed: Promise<CleanupPlan | undefined> | undefined
  const stillUnused = () =>
    (confirmed ??= (async () => {
      try {
        return live
          ? await findCleanup(ctx.aws.sagemaker, cleanupScope(plan, live))
          : { configs: [], models: [] }
      } catch (error) {
        ctx.out.warning(
          `Cleanup of old models and configs of ${plan.endpointName} was skipped, nothing was deleted: ${errorMessage(error)}. ${CLEANUP_PERMISSIONS}`
        )
        return undefined
      }
    })())
  for (const call of after) {
    inflight.before(call)
    switch (call.operation) {
      case 'AddTags':
        try {
          await writeTags(ctx.aws.sagemaker, endpointArn, call.tags)
        } catch (error) {
          ctx.out.warning(
            `Could not tag endpoint ${plan.endpointName}: ${errorMessage(error)}. Rollback falls back to the newest Approved version older than the live one.`
          )
        }
        break
      case 'UpdateModelPackage':
        if (call.purpose === 'record') {
          try {
            await updateVersion(ctx.aws.sagemaker, call.packageArn, call.update)
          } catch (error) {
            ctx.out.warning(
              `Could not record the deployment on v${call.version}: ${errorMessage(error)}`
            )
          }
        } else {
          try {
            await updateVersion(ctx.aws.sagemaker, call.packageArn, call.update)
          } catch (error) {
            throw new UserError(
              `Endpoint ${plan.endpointName} was rolled back to ${plan.primary.packageArn}, but marking ${call.packageArn} Rejected failed: ${errorMessage(error)}. Reject it with mode "reject" (model-package: ${call.packageArn}) and the same reason.`
            )
          }
          ctx.out.info(`Marked ${call.packageArn} Rejected: ${call.update.approvalDescription}`)
          ctx.out.setOutput('approval-status', 'Rejected')
        }
        break
      case 'DeleteEndpointConfig':
      case 'DeleteModel': {
        const unused = await stillUnused()
        if (!unused) break
        const [kind, name, list] =
          call.operation === 'DeleteModel'
            ? ['model', call.input.ModelName ?? '', unused.models]
            : ['endpoint config', call.input.EndpointConfigName ?? '', unused.configs]
        if (!list.includes(name)) {
          ctx.out.warning(
            `Not deleting ${kind} ${name} after all: since the plan was made, an endpoint or a newer config of ours uses it.`
          )
          break
        }
        await applyCleanup(ctx, {
          configs: call.operation === 'DeleteEndpointConfig' ? [name] : [],
          models: call.operation === 'DeleteModel' ? [name] : []
        })
        break
      }
      default:
        throw new Error(`${call.operation} cannot come after the endpoint change`)
    }
  }
}

export async function runDeployment(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest
): Promise<DeploymentOutcome> {
  const deploy = settings.deploy
  const initial = await makePlan(ctx, settings, request, request.live)
  if (!settings.dryRun && createsModels(initial) && !deploy.executionRoleArn) {
    throw roleRequired(settings, initial)
  }
  ctx.out.info(formatPlan(initial, deploy.waitTimeoutSeconds))
  for (const note of initial.notes) ctx.out.warning(note)
  const result: RunResult = {
    plan: initial,
    serving: request.live?.configName ?? '',
    created: false
  }
  try {
    if (settings.dryRun) {
      ctx.out.info('Dry run: nothing was created, updated or deleted.')
      await publish(ctx, settings, request.kind, result, `Dry run: nothing was changed.`)
      return { plan: initial, previousPackageArn: initial.previousPackageArn, succeeded: true }
    }
    if (initial.calls.length === 0) {
      ctx.out.info(
        `Endpoint ${deploy.endpointName} already serves ${describeTargets(initial)} on ${initial.endpointConfigName}: nothing to change.`
      )
      await publish(ctx, settings, request.kind, result, 'Already serving: nothing changed.')
      return { plan: initial, previousPackageArn: initial.previousPackageArn, succeeded: true }
    }
    return await deployAndRecord(ctx, settings, request, result)
  } finally {
    setOutputs(ctx, result)
  }
}

async function deployAndRecord(
  ctx: RunContext,
  settings: DeploymentSettings,
  request: DeploymentRequest,
  result: RunResult
): Promise<DeploymentOutcome> {
  const deploy = settings.deploy
  const initial = result.plan
  const endpointLink = consoleUrl(settings.region, 'endpoints', deploy.endpointName)
  let github: GitHubDeployment | undefined
  if (deploy.environment) {
    github = await createGitHubDeployment(ctx, {
      environment: deploy.environment,
      description: `${request.kind === 'rollback' ? 'Roll back' : 'Deploy'} ${describeTargets(initial)} of ${settings.group.name} to ${deploy.endpointName}`,
      environmentUrl: endpointLink ?? '',
      logUrl: runUrl(ctx.github),
      payload: { endpoint: deploy.endpointName, 'model-package-arn': initial.primary.packageArn }
    })
  } else {
    ctx.out.debug('Input "environment" is not set: no GitHub deployment is recorded.')
  }
  const inflight = new InFlightRecorder(
    ctx.out,
    {
      kind: request.kind,
      region: settings.region,
      waitTimeoutSeconds: deploy.waitTimeoutSeconds,
      github
    },
    initial,
    request.live
  )
  const unwatch = ctx.interrupts?.watch(signal => interruptedMessage(ctx, signal, inflight.current))
  // The post step reconciles only what this step could not conclude itself.
  let concluded = false
  try {
    await setGitHubDeploymentStatus(
      ctx,
      github,
      'in_progress',
      `${deploy.deploymentStrategy} deployment started`
    )
    const { plan, live, started } = await applyWithTurns(ctx, settings, request, inflight, result)
    if (!started) {
      // The endpoint already serves the plan (maybe since a wait): at most its record is due.
      concluded = true
      const outcome = plan.calls.length
        ? 'Already serving; its tags did not say so and now do.'
        : 'Already serving: nothing changed.'
      ctx.out.info(`Endpoint ${deploy.endpointName} on ${plan.endpointConfigName}: ${outcome}`)
      await setGitHubDeploymentStatus(
        ctx,
        github,
        'success',
        `Already serving on ${plan.endpointConfigName}`
      )
      if (live) await recordAndCleanUp(ctx, plan, live, live.arn, inflight)
      await publish(ctx, settings, request.kind, result, outcome)
      return { plan, previousPackageArn: plan.previousPackageArn, succeeded: true }
    }
    inflight.at(
      `waiting for endpoint ${deploy.endpointName} to be InService on ${plan.endpointConfigName}`
    )
    await waitForEndpoint(ctx, deploy.endpointName, {
      timeoutSeconds: deploy.waitTimeoutSeconds,
      purpose: 'to finish this deployment'
    })
    // Described again on purpose: InService alone does not prove the new config serves.
    const verified = await describeEndpoint(ctx.aws.sagemaker, deploy.endpointName)
    result.serving = verified?.EndpointConfigName ?? ''
    const failure = verifyDeployment(plan, verified, live?.configName)
    if (failure) {
      // The same path as a deployment that never started: what it created goes.
      await discardCreated(
        ctx,
        deploy.endpointName,
        inflight.current.created,
        { configs: [], models: [] },
        `The deployment to ${deploy.endpointName} did not take effect`
      )
      concluded = true
      await setGitHubDeploymentStatus(ctx, github, 'failure', failure)
      await publish(ctx, settings, request.kind, result, `**Failed.** ${escapeText(failure)}`)
      return {
        plan,
        previousPackageArn: plan.previousPackageArn,
        succeeded: false,
        failed: failure
      }
    }
    ctx.out.info(
      withLink(
        `Endpoint ${deploy.endpointName} is InService on ${plan.endpointConfigName}`,
        endpointLink
      )
    )
    concluded = true
    await setGitHubDeploymentStatus(
      ctx,
      github,
      'success',
      `Serving ${describeTargets(plan)} on ${plan.endpointConfigName}`
    )
    await recordAndCleanUp(ctx, plan, live, verified?.EndpointArn ?? live?.arn ?? '', inflight)
    await publish(
      ctx,
      settings,
      request.kind,
      result,
      `**Deployed.** InService on \`${plan.endpointConfigName}\`.`
    )
    return { plan, previousPackageArn: plan.previousPackageArn, succeeded: true }
  } catch (error) {
    const text = errorMessage(error)
    if (!concluded) await setGitHubDeploymentStatus(ctx, github, 'failure', text)
    if (error instanceof WaitTimeoutError) {
      concluded = true
      await publish(ctx, settings, request.kind, result, `**Failed.** ${escapeText(text)}`)
      return {
        plan: result.plan,
        previousPackageArn: result.plan.previousPackageArn,
        succeeded: false,
        failed: text
      }
    }
    throw error
  } finally {
    unwatch?.()
    // Left for the post step when the endpoint change was sent and its end is unknown.
    if (concluded || !inflight.current.changeSent) inflight.clear()
  }
}
