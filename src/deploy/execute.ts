// One deployment from resolved packages to a verified endpoint, shared by `deploy` and
// `rollback`: plan, print, create model and config, create or update the endpoint (waiting
// its turn behind any other deployment), wait, verify, then record and clean up.
import type { ModeOutcome, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import {
  createGitHubDeployment,
  setGitHubDeploymentStatus,
  type GitHubDeployment
} from '../github/deployments.js'
import {
  fitMetadata,
  KEYS,
  METADATA_MAX_VALUE,
  sanitizeMetadataText
} from '../registry/metadata.js'
import { escapeText } from '../report/escape.js'
import { describeVersion, updateVersion, versionFromArn } from '../registry/versions.js'
import type { DeploySettings, Settings } from '../settings.js'
import { isAlreadyExists, isInProgress } from './aws-errors.js'
import { applyCleanup, endpointUses, findCleanup, type CleanupPlan } from './cleanup.js'
import {
  ensureEndpointConfig,
  ensureModel,
  readLiveEndpoint,
  startEndpointChange,
  verifyDeployment
} from './endpoint.js'
import {
  buildPlan,
  consoleUrl,
  formatPlan,
  type DeployPlan,
  type LiveEndpoint,
  type Target
} from './plan.js'
import { deploymentTags, TAGS, writeTags } from './tags.js'
import { BUSY_STATES, describeEndpoint, waitForEndpoint, WaitTimeoutError } from './waiter.js'

/** How often a deployment goes back to waiting when another one keeps taking the endpoint. */
const MAX_TURNS = 5

export interface ApprovedTarget extends Target {
  /** The package's customer metadata, to fit `deployed:<endpoint>` next to it. */
  metadata: Record<string, string>
}

export interface DeploymentOutcome extends ModeOutcome {
  plan: DeployPlan
  /** The package the endpoint served (largest weight) before this deployment took effect. */
  previousPackageArn?: string
  /** True when the endpoint now serves the plan (or would, in dry-run). */
  succeeded: boolean
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
  let description = await describeEndpoint(ctx, settings.endpointName)
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
  const live = await readLiveEndpoint(ctx, description)
  if (live.status === 'Failed' || live.status === 'OutOfService') throw failedEndpoint(live)
  if (live.status === 'UpdateRollbackFailed') {
    ctx.out.warning(
      `Endpoint ${live.name} is UpdateRollbackFailed: it serves a mix of two configs. This deployment replaces both.`
    )
  }
  return live
}

function setOutputs(ctx: RunContext, plan: DeployPlan): void {
  ctx.out.setOutput('endpoint-name', plan.endpointName)
  ctx.out.setOutput('endpoint-config-name', plan.endpointConfigName)
  ctx.out.setOutput('model-package-arn', plan.primary.packageArn)
  ctx.out.setOutput('model-package-version', plan.primary.version)
  ctx.out.setOutput('previous-model-package-arn', plan.previousPackageArn ?? '')
}

function describeTargets(plan: DeployPlan): string {
  return plan.variants
    .map(v => `v${v.version}${plan.variants.length > 1 ? `=${v.weight}` : ''}`)
    .join(', ')
}

async function summarise(ctx: RunContext, plan: DeployPlan, result: string): Promise<void> {
  const rows = plan.variants
    .map(v => `| ${v.variantName} | v${v.version} | \`${v.packageArn}\` | ${v.weight} |`)
    .join('\n')
  const link = consoleUrl(plan.region, 'endpoints', plan.endpointName)
  await ctx.out.summary(
    `### Deployment to [${plan.endpointName}](${link})\n\n${result}\n\n| variant | version | package | weight |\n|---|---|---|---|\n${rows}\n\nConfig: \`${plan.endpointConfigName}\`${
      plan.previousPackageArn ? ` · previously \`${plan.previousPackageArn}\`` : ''
    }\n`
  )
}

async function record(
  ctx: RunContext,
  plan: DeployPlan,
  endpointArn: string,
  live: LiveEndpoint | undefined,
  targets: ApprovedTarget[],
  kind: 'deploy' | 'rollback'
): Promise<void> {
  const run = runUrl(ctx.github) || ctx.github.runId || 'local'
  // After a rollback the package it replaced is the bad one: recording it as the previous
  // package would make the next rollback put it back. With none recorded, the next
  // rollback goes to the newest Approved version older than the live one. A redeploy of
  // the same package must not make it its own rollback target either.
  const previous =
    kind === 'rollback'
      ? ''
      : plan.previousPackageArn && plan.previousPackageArn !== plan.primary.packageArn
        ? plan.previousPackageArn
        : (live?.tags[TAGS.previousPackageArn] ?? '')
  try {
    await writeTags(
      ctx.aws.sagemaker,
      endpointArn,
      deploymentTags({
        packageArn: plan.primary.packageArn,
        previousPackageArn: previous,
        commit: ctx.github.sha,
        run
      })
    )
  } catch (error) {
    ctx.out.warning(
      `Could not tag endpoint ${plan.endpointName}: ${error instanceof Error ? error.message : String(error)}. Rollback falls back to the newest Approved version older than the live one.`
    )
  }
  const key = `${KEYS.deployedPrefix}${plan.endpointName}`
  const value = sanitizeMetadataText(`${ctx.now().toISOString()} run ${run}`, METADATA_MAX_VALUE)
  for (const variant of plan.variants) {
    const target = targets.find(t => t.arn === variant.packageArn)
    const fit = fitMetadata([[key, value]], target?.metadata ?? {})
    for (const reason of fit.dropped)
      ctx.out.warning(`Not recorded on v${variant.version}: ${reason}`)
    if (!(key in fit.kept)) continue
    try {
      await updateVersion(ctx.aws.sagemaker, variant.packageArn, { metadata: fit.kept })
    } catch (error) {
      ctx.out.warning(
        `Could not record the deployment on v${variant.version}: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  }
}

async function cleanUp(
  ctx: RunContext,
  plan: DeployPlan,
  live: LiveEndpoint | undefined
): Promise<void> {
  if (!live || live.configName === plan.endpointConfigName) return
  try {
    const found = await findCleanup(ctx.aws.sagemaker, {
      endpointName: plan.endpointName,
      keepConfigs: [plan.endpointConfigName, live.configName],
      cutoff: live.configCreationTime
    })
    await applyCleanup(ctx, found)
  } catch (error) {
    ctx.out.warning(
      `Cleanup of old models and configs of ${plan.endpointName} was skipped, nothing was deleted: ${error instanceof Error ? error.message : String(error)}. Cleanup proves that no endpoint in the account uses what it deletes, which needs sagemaker:ListEndpoints and DescribeEndpoint, DescribeEndpointConfig, ListTags on them; grant those, or delete old configs and models by hand.`
    )
  }
}

interface Created {
  models: string[]
  configs: string[]
}

/**
 * Deletes models and configs this run created but no longer needs (the change never
 * started, or a new plan after a wait uses others). Their names are unique to this run,
 * so only this endpoint can use them: what it serves or is moving to stays, in case
 * SageMaker accepted a request whose answer got lost. Whatever is left is named in a
 * warning, with the commands to remove it.
 */
async function discardCreated(
  ctx: RunContext,
  endpointName: string,
  created: Created,
  keep: { configs: string[]; models: string[] },
  why: string
): Promise<void> {
  const plan: CleanupPlan = {
    configs: created.configs.filter(c => !keep.configs.includes(c)),
    models: created.models.filter(m => !keep.models.includes(m))
  }
  if (plan.configs.length === 0 && plan.models.length === 0) return
  const left: string[] = []
  try {
    const inUse = await endpointUses(ctx.aws.sagemaker, endpointName)
    for (const c of plan.configs.filter(c => inUse.configs.has(c)))
      left.push(`endpoint config ${c}`)
    for (const m of plan.models.filter(m => inUse.models.has(m))) left.push(`model ${m}`)
    plan.configs = plan.configs.filter(c => !inUse.configs.has(c))
    plan.models = plan.models.filter(m => !inUse.models.has(m))
  } catch (error) {
    ctx.out.warning(
      `Could not check whether endpoint ${endpointName} uses what this run created: ${error instanceof Error ? error.message : String(error)}`
    )
    left.push(
      ...plan.configs.map(c => `endpoint config ${c}`),
      ...plan.models.map(m => `model ${m}`)
    )
    plan.configs = []
    plan.models = []
  }
  const { failed } = await applyCleanup(ctx, plan)
  left.push(...failed)
  if (left.length > 0) {
    ctx.out.warning(
      `${why}; left in place: ${left.join(', ')}. Once no endpoint uses them, remove them with aws sagemaker delete-endpoint-config --endpoint-config-name NAME and aws sagemaker delete-model --model-name NAME.`
    )
  }
}

/** True when the endpoint is no longer what the plan was made from: another deployment got there first. */
async function endpointMoved(
  ctx: RunContext,
  plan: DeployPlan,
  live: LiveEndpoint | undefined
): Promise<boolean> {
  const now = await describeEndpoint(ctx, plan.endpointName)
  if (plan.action === 'create') return now !== undefined
  if (!now || !live) return true
  return (
    now.EndpointConfigName !== live.configName || BUSY_STATES.has(now.EndpointStatus ?? 'unknown')
  )
}

function roleRequired(settings: Settings, plan: DeployPlan): UserError {
  return new UserError(
    `Input "execution-role-arn" is required for mode "${settings.mode}": SageMaker runs the model of ${describeTargets(plan)} under that IAM role (CreateModel ExecutionRoleArn). Give the ARN of a role SageMaker can assume.`
  )
}

/** Creates models and config (idempotently) and starts the change, waiting out other deployments. */
async function applyWithTurns(
  ctx: RunContext,
  settings: Settings,
  targets: Target[],
  first: { plan: DeployPlan; live: LiveEndpoint | undefined }
): Promise<{ plan: DeployPlan; live: LiveEndpoint | undefined }> {
  const deploy = settings.deploy!
  const turnDeadline = ctx.now().getTime() + deploy.waitTimeoutSeconds * 1000
  let { plan, live } = first
  const where = { aws: ctx.aws, out: ctx.out, region: settings.region }
  const created: Created = { models: [], configs: [] }
  const unused = (current: DeployPlan) =>
    discardCreated(
      ctx,
      current.endpointName,
      created,
      {
        configs: [current.endpointConfigName],
        models: current.variants.map(v => v.modelName)
      },
      'This run created models or configs that the deployment it finally made does not use'
    )
  let started = false
  try {
    for (let turn = 1; ; turn++) {
      if (plan.action === 'none') {
        await unused(plan)
        return { plan, live }
      }
      if (plan.models.length > 0 && !deploy.executionRoleArn) throw roleRequired(settings, plan)
      for (const model of plan.models) {
        if ((await ensureModel(where, model)) && model.ModelName)
          created.models.push(model.ModelName)
      }
      if (plan.endpointConfig && (await ensureEndpointConfig(where, plan.endpointConfig))) {
        created.configs.push(plan.endpointConfigName)
      }
      // The plan (what it replaces, what rollback and reject-current rely on) is only true
      // of the endpoint it was made from: if that moved, wait and plan again.
      let raced = await endpointMoved(ctx, plan, live)
      if (!raced) {
        try {
          await startEndpointChange(ctx, plan)
          started = true
        } catch (error) {
          raced = plan.action === 'create' ? isAlreadyExists(error) : isInProgress(error)
          if (!raced) throw error
        }
      }
      if (started) {
        await unused(plan)
        return { plan, live }
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
      live = await settledEndpoint(ctx, deploy, false, remaining)
      plan = buildPlan({
        settings: deploy,
        region: settings.region,
        run: ctx.github,
        targets,
        live
      })
      ctx.out.info(
        `The endpoint changed while this deployment waited; the plan now is:\n${formatPlan(plan, { configs: [], models: [] })}`
      )
    }
  } catch (error) {
    if (!started) {
      await discardCreated(
        ctx,
        plan.endpointName,
        created,
        { configs: [], models: [] },
        `The deployment to ${plan.endpointName} did not start (${error instanceof Error ? error.message : String(error)})`
      )
    }
    throw error
  }
}

export async function runDeployment(
  ctx: RunContext,
  settings: Settings,
  request: {
    kind: 'deploy' | 'rollback'
    targets: ApprovedTarget[]
    live: LiveEndpoint | undefined
  }
): Promise<DeploymentOutcome> {
  const deploy = settings.deploy!
  const initial = buildPlan({
    settings: deploy,
    region: settings.region,
    run: ctx.github,
    targets: request.targets,
    live: request.live
  })
  if (!settings.dryRun && initial.models.length > 0 && !deploy.executionRoleArn) {
    throw roleRequired(settings, initial)
  }
  // Only what the plan prints: a failed read here must not stop the deployment, and the
  // cleanup after it reads everything again before it deletes anything.
  let preview: CleanupPlan = { configs: [], models: [] }
  if (request.live) {
    try {
      preview = await findCleanup(ctx.aws.sagemaker, {
        endpointName: deploy.endpointName,
        keepConfigs: [request.live.configName],
        cutoff: request.live.configCreationTime
      })
    } catch (error) {
      ctx.out.warning(
        `Could not work out which old models and configs cleanup would delete: ${error instanceof Error ? error.message : String(error)}. Cleanup after the deployment checks again and deletes nothing it cannot prove unused.`
      )
    }
  }
  ctx.out.info(formatPlan(initial, preview))
  for (const note of initial.notes) ctx.out.warning(note)
  setOutputs(ctx, initial)

  if (settings.dryRun) {
    ctx.out.info('Dry run: nothing was created, updated or deleted.')
    await summarise(ctx, initial, `Dry run (${request.kind}): nothing was changed.`)
    return { plan: initial, previousPackageArn: initial.previousPackageArn, succeeded: true }
  }
  if (initial.action === 'none') {
    ctx.out.info(
      `Endpoint ${deploy.endpointName} already serves ${describeTargets(initial)} on ${initial.endpointConfigName}: nothing to change.`
    )
    await summarise(ctx, initial, 'Already serving: nothing changed.')
    return { plan: initial, previousPackageArn: initial.previousPackageArn, succeeded: true }
  }

  const endpointLink = consoleUrl(settings.region, 'endpoints', deploy.endpointName)
  const github: GitHubDeployment | undefined = await createGitHubDeployment(ctx, {
    environment: deploy.environment ?? deploy.endpointName,
    description: `${request.kind === 'rollback' ? 'Roll back' : 'Deploy'} ${describeTargets(initial)} of ${settings.group.name} to ${deploy.endpointName}`,
    environmentUrl: endpointLink,
    logUrl: runUrl(ctx.github),
    payload: { endpoint: deploy.endpointName, 'model-package-arn': initial.primary.packageArn }
  })
  await setGitHubDeploymentStatus(
    ctx,
    github,
    'in_progress',
    `${deploy.deploymentStrategy} deployment started`
  )

  try {
    const { plan, live } = await applyWithTurns(ctx, settings, request.targets, {
      plan: initial,
      live: request.live
    })
    setOutputs(ctx, plan)
    if (plan.action !== 'none') {
      await waitForEndpoint(ctx, deploy.endpointName, {
        timeoutSeconds: deploy.waitTimeoutSeconds,
        purpose: 'to finish this deployment'
      })
    }
    // Described again on purpose: InService alone does not prove the new config serves.
    const verified = await describeEndpoint(ctx, deploy.endpointName)
    const failure = verifyDeployment(plan, verified, live?.configName)
    if (failure) {
      await setGitHubDeploymentStatus(ctx, github, 'failure', failure)
      await summarise(ctx, plan, `**Failed.** ${escapeText(failure)}`)
      return {
        plan,
        previousPackageArn: plan.previousPackageArn,
        succeeded: false,
        failed: failure
      }
    }
    ctx.out.info(
      `Endpoint ${deploy.endpointName} is InService on ${plan.endpointConfigName}: ${endpointLink}`
    )
    await record(
      ctx,
      plan,
      verified?.EndpointArn ?? live?.arn ?? '',
      live,
      request.targets,
      request.kind
    )
    await cleanUp(ctx, plan, live)
    await setGitHubDeploymentStatus(
      ctx,
      github,
      'success',
      `Serving ${describeTargets(plan)} on ${plan.endpointConfigName}`
    )
    await summarise(ctx, plan, `**Deployed.** InService on \`${plan.endpointConfigName}\`.`)
    return { plan, previousPackageArn: plan.previousPackageArn, succeeded: true }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    await setGitHubDeploymentStatus(ctx, github, 'failure', text)
    if (error instanceof WaitTimeoutError) {
      return {
        plan: initial,
        previousPackageArn: initial.previousPackageArn,
        succeeded: false,
        failed: text
      }
    }
    throw error
  }
}
