// The audit trail in SageMaker's own lineage store: every run of a mode that decides or
// changes something leaves one lineage Action (ActionType = the mode) holding the decision,
// the reason, who, which commit and which run, associated with the versions it concerns and
// the endpoint it changed. The trail so outlives the repository and the workflow logs.
//
// One action per run: its name is derived from the GitHub run (server, repository, run id),
// the mode, the versions and the endpoint, so a re-run attempt of the same run finds the
// action its first attempt made and updates it in place instead of adding another; two
// runs racing for the same name both end with the one action (CreateAction's "already
// exists" counts as found). Recording comes after the decision is written and only ever
// warns: the decision stands either way.
import { createHash, randomBytes } from 'node:crypto'
import {
  AddAssociationCommand,
  CreateActionCommand,
  DescribeActionCommand,
  DescribeEndpointCommand,
  ListAssociationsCommand,
  UpdateActionCommand,
  type ActionStatus,
  type DescribeActionCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { isAlreadyExists, isNotFound } from '../aws-errors.js'
import type { GitHubRun, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { namedErrorMessage } from '../errors.js'
import type { Mode } from '../settings.js'
import { VERSION } from '../version.js'
import { deciderOf } from './decision.js'
import { DESCRIBE_CONCURRENCY, mapBounded, singleLine, versionFromArn } from './versions.js'

/** What a mode declares about its run; the hook adds who, the commit and the run. */
export interface AuditEntry {
  /** The outcome in the mode's own words: `pass`, `Approved`, `deployed`, ... */
  decision: string
  reason: string
  /** The versions the decision concerns; the first is the action's source. */
  packages: string[]
  /** The endpoint a deploy or rollback changed; its ARN is read when not given. */
  endpoint?: { name: string; arn?: string }
  /** True when the run did not reach what it set out to do (a deployment that rolled back). */
  failed?: boolean
  /** The sha256 of the gate's policy. */
  policyHash?: string
  /** The sha256 of the data a decision was measured on (live evaluation). */
  dataHash?: string
  /** Anything else the mode records, by property name; undefined values are left out. */
  properties?: Record<string, string | undefined>
}

/** Names of our actions start with this, so the trail can be told from other lineage. */
export const AUDIT_PREFIX = 'smg-'
/** ActionName: 1-120 of `[a-zA-Z0-9](-*[a-zA-Z0-9])*` (CreateAction). */
const NAME_MAX = 120
/** LineageEntityParameters: at most 30 entries, keys and values up to 2500 characters. */
const PROPERTY_MAX = 2500
const PROPERTIES_MAX = 30
const DESCRIPTION_MAX = 3072
/** MetadataProperties members: up to 1024 characters. */
const METADATA_MAX = 1024

/** The calls the trail makes, for the warning when one is denied and for the README. */
export const AUDIT_PERMISSIONS =
  'sagemaker:CreateAction, sagemaker:DescribeAction and sagemaker:UpdateAction on arn:aws:sagemaker:REGION:ACCOUNT:action/smg-*, sagemaker:AddAssociation and sagemaker:ListAssociations (and sagemaker:DescribeEndpoint for deployments)'

/** A value as LineageEntityParameters take it: one line (the API's `.*`), at most 2500 characters. */
function propertyValue(text: string, max = PROPERTY_MAX): string {
  const line = singleLine(text)
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`
}

/** The run's identity: the same for every attempt of one GitHub run, unique per local command. */
function runKey(run: GitHubRun): { label: string; key: string } {
  if (run.runId) {
    return {
      label: `r${run.runId.replace(/[^0-9a-zA-Z]/g, '')}`,
      key: [run.serverUrl, run.repository, run.runId].join('\n')
    }
  }
  // Outside GitHub Actions there is no run to find again: each command is its own run.
  return { label: 'local', key: randomBytes(16).toString('hex') }
}

/** The action's deterministic name: `smg-<mode>-r<run id>-<digest>`, within 120 characters. */
export function auditActionName(mode: Mode, run: GitHubRun, entry: AuditEntry): string {
  const { label, key } = runKey(run)
  const digest = createHash('sha256')
    .update([key, mode, ...[...entry.packages].sort(), entry.endpoint?.name ?? ''].join('\n'))
    .digest('hex')
    .slice(0, 20)
  const head = `${AUDIT_PREFIX}${mode}-${label}`.slice(0, NAME_MAX - digest.length - 1)
  return `${head}-${digest}`.toLowerCase()
}

/** Every property the action holds: the mode's declaration plus who, what and where. */
export function auditProperties(
  run: GitHubRun,
  entry: AuditEntry,
  group: string
): Record<string, string> {
  const primary = entry.packages[0]
  let version: string | undefined
  try {
    version = primary ? String(versionFromArn(primary)) : undefined
  } catch {
    version = undefined
  }
  const all: Record<string, string | undefined> = {
    decision: entry.decision,
    reason: entry.reason,
    actor: deciderOf(run),
    commit: run.sha || undefined,
    'run-url': runUrl(run) || undefined,
    'run-id': run.runId || undefined,
    'run-attempt': run.runAttempt || undefined,
    repository: run.repository || undefined,
    group,
    version,
    'model-package-arns': entry.packages.join(' '),
    endpoint: entry.endpoint?.name,
    'policy-sha256': entry.policyHash,
    'data-sha256': entry.dataHash,
    'tool-version': VERSION,
    ...entry.properties
  }
  const kept = Object.entries(all).filter(
    (pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== ''
  )
  return Object.fromEntries(
    kept.slice(0, PROPERTIES_MAX).map(([key, value]) => [key, propertyValue(value)])
  )
}

/** The property names whose values differ between the two lists. */
function changedProperties(a: Record<string, string>, b: Record<string, string> = {}): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(key => a[key] !== b[key])
}

interface PlannedAction {
  name: string
  type: Mode
  status: ActionStatus
  description: string
  properties: Record<string, string>
  targets: string[]
}

/** Creates the action, or finds the one an earlier attempt (or a racing run) made. */
async function createOrFind(
  sagemaker: SageMakerClient,
  planned: PlannedAction,
  run: GitHubRun
): Promise<{ arn: string; existing?: DescribeActionCommandOutput }> {
  const metadata = {
    CommitId: run.sha || undefined,
    Repository: run.repository ? `${run.serverUrl}/${run.repository}` : undefined,
    GeneratedBy: runUrl(run) || undefined
  }
  try {
    const created = await sagemaker.send(
      new CreateActionCommand({
        ActionName: planned.name,
        ActionType: planned.type,
        Source: { SourceUri: planned.targets[0] ?? '', SourceType: 'ModelPackage' },
        Description: planned.description,
        Status: planned.status,
        Properties: planned.properties,
        MetadataProperties: Object.fromEntries(
          Object.entries(metadata)
            .filter((pair): pair is [string, string] => pair[1] !== undefined)
            .map(([key, value]) => [key, propertyValue(value, METADATA_MAX)])
        )
      })
    )
    return { arn: created.ActionArn ?? '' }
  } catch (error) {
    if (!isAlreadyExists(error)) throw error
  }
  const existing = await sagemaker.send(new DescribeActionCommand({ ActionName: planned.name }))
  return { arn: existing.ActionArn ?? '', existing }
}

/** The ARNs the action is already associated with (only asked of an action found again). */
async function associatedTargets(sagemaker: SageMakerClient, actionArn: string): Promise<string[]> {
  const found: string[] = []
  let token: string | undefined
  do {
    const page = await sagemaker.send(
      new ListAssociationsCommand({ SourceArn: actionArn, MaxResults: 100, NextToken: token })
    )
    for (const item of page.AssociationSummaries ?? [])
      if (item.DestinationArn) found.push(item.DestinationArn.toLowerCase())
    token = page.NextToken
  } while (token)
  return found
}

/** The endpoint's ARN as SageMaker spells it; undefined when it no longer exists. */
async function endpointArn(
  sagemaker: SageMakerClient,
  endpoint: NonNullable<AuditEntry['endpoint']>
): Promise<string | undefined> {
  if (endpoint.arn) return endpoint.arn
  try {
    const described = await sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: endpoint.name })
    )
    return described.EndpointArn
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

/** Writes the action and its associations; returns what it did, for the log. */
async function writeAction(
  sagemaker: SageMakerClient,
  planned: PlannedAction,
  run: GitHubRun
): Promise<string> {
  const { arn, existing } = await createOrFind(sagemaker, planned, run)
  let did = existing ? `found ${arn}` : `recorded ${arn}`
  const changed = existing ? changedProperties(planned.properties, existing.Properties) : []
  if (existing && existing.Status !== planned.status) changed.unshift('status')
  if (changed.length > 0) {
    await sagemaker.send(
      new UpdateActionCommand({
        ActionName: planned.name,
        Status: planned.status,
        Description: planned.description,
        Properties: planned.properties
      })
    )
    did = `updated ${arn} (${changed.join(', ')})`
  }
  const linked = existing ? await associatedTargets(sagemaker, arn) : []
  for (const target of planned.targets) {
    if (linked.includes(target.toLowerCase())) continue
    await sagemaker.send(
      new AddAssociationCommand({
        SourceArn: arn,
        DestinationArn: target,
        AssociationType: 'AssociatedWith'
      })
    )
  }
  return did
}

export interface AuditScope {
  mode: Mode
  dryRun: boolean
  /** The group's bare name, recorded with the decision. */
  group: string
}

/**
 * Records the run's action: nothing in a dry run (it says what it would record), and a
 * warning, never an error, when SageMaker refuses: the decision is already written.
 */
export async function recordAudit(
  ctx: RunContext,
  scope: AuditScope,
  entry: AuditEntry
): Promise<void> {
  const { mode } = scope
  if (entry.packages.length === 0) {
    ctx.out.debug(`No version to record a ${mode} audit action against.`)
    return
  }
  const name = auditActionName(mode, ctx.github, entry)
  const targetsText = [...entry.packages, ...(entry.endpoint ? [entry.endpoint.name] : [])]
  if (scope.dryRun) {
    ctx.out.info(
      `dry run: would record the audit action ${name} (type ${mode}, ${entry.decision}) associated with ${targetsText.join(', ')}`
    )
    return
  }
  const sagemaker = ctx.aws.sagemaker
  try {
    const endpoint = entry.endpoint ? await endpointArn(sagemaker, entry.endpoint) : undefined
    const planned: PlannedAction = {
      name,
      type: mode,
      status: entry.failed ? 'Failed' : 'Completed',
      description: propertyValue(
        `${mode} ${entry.decision}: ${entry.reason}`.trim(),
        DESCRIPTION_MAX
      ),
      properties: auditProperties(ctx.github, entry, scope.group),
      targets: [...entry.packages, ...(endpoint ? [endpoint] : [])]
    }
    const did = await writeAction(sagemaker, planned, ctx.github)
    ctx.out.info(`Audit trail: ${did}`)
  } catch (error) {
    ctx.out.warning(
      `Could not record the ${mode} audit action ${name} in SageMaker lineage: ${namedErrorMessage(error)}. The ${mode} itself stands as written. Recording needs ${AUDIT_PERMISSIONS}; a re-run of this workflow run completes the record.`
    )
  }
}

/** One action of the trail, as the reports show it. */
export interface AuditAction {
  name: string
  arn: string
  /** The mode that recorded it. */
  type: string
  status?: string
  /** ISO times. */
  created?: string
  lastModified?: string
  properties: Record<string, string>
}

/** How many actions of one version's trail are read; more is a log, not a report. */
export const TRAIL_LIMIT = 50

function iso(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined
}

/** Our actions associated with the version, newest first, at most `limit`. */
async function trailArns(
  sagemaker: SageMakerClient,
  packageArn: string,
  limit: number
): Promise<string[]> {
  const found: string[] = []
  let token: string | undefined
  do {
    const page = await sagemaker.send(
      new ListAssociationsCommand({
        DestinationArn: packageArn,
        AssociationType: 'AssociatedWith',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: token
      })
    )
    for (const item of page.AssociationSummaries ?? []) {
      const source = item.SourceArn ?? ''
      if (/:action\//.test(source) && source.split('/').pop()?.startsWith(AUDIT_PREFIX))
        found.push(source)
    }
    token = page.NextToken
  } while (token && found.length < limit)
  return found.slice(0, limit)
}

/** The version's audit trail, oldest first: every recorded run, with its properties. */
export async function readAuditTrail(
  sagemaker: SageMakerClient,
  packageArn: string,
  limit = TRAIL_LIMIT
): Promise<AuditAction[]> {
  const arns = await trailArns(sagemaker, packageArn, limit)
  const actions = await mapBounded(arns, DESCRIBE_CONCURRENCY, async arn => {
    const action = await sagemaker.send(new DescribeActionCommand({ ActionName: arn }))
    return {
      name: action.ActionName ?? arn.split('/').pop() ?? arn,
      arn: action.ActionArn ?? arn,
      type: action.ActionType ?? '',
      status: action.Status,
      created: iso(action.CreationTime),
      lastModified: iso(action.LastModifiedTime),
      properties: { ...(action.Properties ?? {}) }
    }
  })
  return actions.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? ''))
}

/**
 * The newest recorded action of each version, by package ARN. The trail is optional for a
 * report: a role without lineage read access gets `note` instead of an error.
 */
export async function lastAuditActions(
  sagemaker: SageMakerClient,
  packageArns: readonly string[],
  note: (message: string) => void
): Promise<Map<string, AuditAction>> {
  try {
    const newest = await mapBounded(packageArns, DESCRIBE_CONCURRENCY, arn =>
      readAuditTrail(sagemaker, arn, 1)
    )
    return new Map(
      packageArns.flatMap((arn, i) => {
        const action = newest[i]?.[0]
        return action ? [[arn, action] as const] : []
      })
    )
  } catch (error) {
    note(
      `The audit trail could not be read (${namedErrorMessage(error)}): no last decisions shown.`
    )
    return new Map()
  }
}
