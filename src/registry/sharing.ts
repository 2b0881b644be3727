// Sharing a group with other AWS accounts through its resource policy. This action owns
// one statement, found by its Sid; every other statement in the policy belongs to someone
// else and is kept exactly as it is.
import {
  DeleteModelPackageGroupPolicyCommand,
  GetModelPackageGroupPolicyCommand,
  PutModelPackageGroupPolicyCommand,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { UserError } from '../errors.js'
import type { GroupRef } from '../settings.js'
import { packageArnOf, parseGroupArn } from './names.js'

export const SHARE_SID = 'SageMakerModelGateShare'

/**
 * The documented cross-account set (Describe/List on the group and its versions, from
 * "Set up discoverability" in the SageMaker developer guide), plus CreateModel on the
 * versions so that the other account can deploy them. Nothing that changes the registry.
 */
export const SHARE_ACTIONS = [
  'sagemaker:DescribeModelPackageGroup',
  'sagemaker:ListModelPackages',
  'sagemaker:DescribeModelPackage',
  'sagemaker:CreateModel'
] as const

export const POLICY_VERSION = '2012-10-17'
/** PutModelPackageGroupPolicy accepts at most 20,480 characters. */
export const POLICY_MAX_LENGTH = 20480

export interface PolicyStatement {
  Sid?: string
  Effect?: string
  Principal?: unknown
  Action?: unknown
  Resource?: unknown
  [key: string]: unknown
}

export interface PolicyDocument {
  Version?: string
  Statement: PolicyStatement[]
  [key: string]: unknown
}

const ACCOUNT_PRINCIPAL = /^(?:(\d{12})|arn:[\w-]+:iam::(\d{12}):root)$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses a policy read from SageMaker; a policy we cannot read is never overwritten. */
export function parseResourcePolicy(text: string, group: string): PolicyDocument {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const statement = isRecord(parsed) ? parsed.Statement : undefined
  if (!isRecord(parsed) || !(Array.isArray(statement) || isRecord(statement))) {
    throw new UserError(
      `The resource policy on group "${group}" is not a JSON policy document with a Statement; fix or delete it by hand (GetModelPackageGroupPolicy shows it) before sharing.`
    )
  }
  const statements = (Array.isArray(statement) ? statement : [statement]).filter(isRecord)
  return { ...parsed, Statement: statements as PolicyStatement[] }
}

/** The 12-digit account of `123456789012` or `arn:aws:iam::123456789012:root`; otherwise undefined. */
export function accountOfPrincipal(principal: string): string | undefined {
  const match = ACCOUNT_PRINCIPAL.exec(principal)
  return match ? (match[1] ?? match[2]) : undefined
}

function awsPrincipals(statement: PolicyStatement): string[] {
  if (!isRecord(statement.Principal)) return []
  const aws = statement.Principal.AWS
  if (typeof aws === 'string') return [aws]
  return Array.isArray(aws) ? aws.filter((entry): entry is string => typeof entry === 'string') : []
}

function accountsOf(statement: PolicyStatement): string[] {
  return awsPrincipals(statement).flatMap(principal => accountOfPrincipal(principal) ?? [])
}

function ownStatement(document: PolicyDocument | undefined): PolicyStatement | undefined {
  return document?.Statement.find(statement => statement.Sid === SHARE_SID)
}

/** Accounts the statement this action owns shares the group with, sorted. */
export function sharedAccounts(document: PolicyDocument | undefined): string[] {
  const own = ownStatement(document)
  return own ? [...new Set(accountsOf(own))].sort() : []
}

/** Statements this action did not write that still name one of `accounts`. */
export function grantedElsewhere(
  document: PolicyDocument | undefined,
  accounts: readonly string[]
): { account: string; sid: string }[] {
  const found: { account: string; sid: string }[] = []
  for (const [index, statement] of (document?.Statement ?? []).entries()) {
    if (statement.Sid === SHARE_SID) continue
    const named = new Set(accountsOf(statement))
    for (const account of accounts) {
      if (named.has(account))
        found.push({ account, sid: statement.Sid ?? `statement ${index + 1} (no Sid)` })
    }
  }
  return found
}

/** The group ARN and the ARN pattern of its versions, in the group's own partition and account. */
export function shareResources(groupArn: string): { partition: string; resources: string[] } {
  const group = parseGroupArn(groupArn)
  if (!group) throw new Error(`"${groupArn}" is not a model package group ARN`)
  return { partition: group.partition, resources: [groupArn, packageArnOf(group, '*')] }
}

function statementFor(
  previous: PolicyStatement | undefined,
  partition: string,
  resources: string[],
  accounts: string[]
): PolicyStatement {
  // Principals that are not whole accounts (a role someone added by hand) stay as they are,
  // and so does anything else added to the statement by hand: dropping a Condition (an
  // organization or source check) would widen who gets access.
  const others = previous
    ? awsPrincipals(previous).filter(principal => accountOfPrincipal(principal) === undefined)
    : []
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(previous ?? {})) {
    if (!['Sid', 'Effect', 'Principal', 'Action', 'Resource'].includes(key)) extra[key] = value
  }
  return {
    Sid: SHARE_SID,
    Effect: 'Allow',
    Principal: {
      AWS: [...others, ...accounts.map(account => `arn:${partition}:iam::${account}:root`)]
    },
    Action: [...SHARE_ACTIONS],
    Resource: resources,
    ...extra
  }
}

/** Policy calls take a group name and act in the caller's account only. */
export function requireOwnGroup(group: GroupRef, operation: string): void {
  if (group.arn) {
    throw new UserError(
      `group-operation "${operation}" needs "model-package-group" as a name, not an ARN: SageMaker's resource-policy calls act on the group of that name in the credentials' own account, and a group shared from another account is shared by its owner.`
    )
  }
}

/**
 * Sharing a group with the account that owns it grants nothing (the owner already has
 * every right through IAM) and usually means a wrong account id was pasted.
 */
export function refuseOwnAccount(groupArn: string, accountIds: readonly string[]): void {
  const arn = parseGroupArn(groupArn)
  const owner = arn?.account
  if (owner && accountIds.includes(owner)) {
    throw new UserError(
      `Input "account-ids": ${owner} is the account that owns group "${arn?.name}" (${groupArn}); sharing with it grants nothing. Remove it and give the other accounts to share with.`
    )
  }
}

export interface PolicyChange {
  /** The policy to write; undefined means delete the policy (or, without one, do nothing). */
  document?: PolicyDocument
  /** False when the policy already says what was asked: no call is needed. */
  changed: boolean
  /** Accounts newly given (share) or taken away (unshare). */
  accounts: string[]
  /** Accounts that already had (share) or never had (unshare) the access. */
  unchanged: string[]
  /** Accounts still named by statements this action did not write. */
  elsewhere: { account: string; sid: string }[]
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Adds `accounts` to the statement this action owns, creating the policy or statement if needed. */
export function sharePolicy(
  existing: PolicyDocument | undefined,
  groupArn: string,
  accounts: readonly string[]
): PolicyChange {
  const { partition, resources } = shareResources(groupArn)
  const previous = ownStatement(existing)
  const current = sharedAccounts(existing)
  const added = [...new Set(accounts)].filter(account => !current.includes(account)).sort()
  const statement = statementFor(
    previous,
    partition,
    resources,
    [...new Set([...current, ...added])].sort()
  )
  const statements = existing?.Statement ?? []
  const document: PolicyDocument = {
    ...(existing ?? {}),
    Version: existing?.Version ?? POLICY_VERSION,
    Statement: previous
      ? statements.map(entry => (entry === previous ? statement : entry))
      : [...statements, statement]
  }
  return {
    document,
    changed: !previous || !sameJson(previous, statement),
    accounts: added,
    unchanged: [...new Set(accounts)].filter(account => current.includes(account)).sort(),
    elsewhere: []
  }
}

/**
 * Removes `accounts` from the statement this action owns; the statement goes when no
 * principal is left, and the policy goes when no statement is left.
 */
export function unsharePolicy(
  existing: PolicyDocument | undefined,
  accounts: readonly string[]
): PolicyChange {
  const wanted = [...new Set(accounts)].sort()
  const previous = ownStatement(existing)
  const current = sharedAccounts(existing)
  const removed = wanted.filter(account => current.includes(account))
  const result = {
    accounts: removed,
    unchanged: wanted.filter(account => !current.includes(account)),
    elsewhere: grantedElsewhere(existing, wanted)
  }
  if (!existing || !previous || removed.length === 0) {
    return { ...result, document: existing, changed: false }
  }
  const kept = awsPrincipals(previous).filter(principal => {
    const account = accountOfPrincipal(principal)
    return account === undefined || !removed.includes(account)
  })
  const statements = existing.Statement.flatMap(entry => {
    if (entry !== previous) return [entry]
    if (kept.length === 0) return []
    return [{ ...entry, Principal: { ...(entry.Principal as object), AWS: kept } }]
  })
  return {
    ...result,
    document: statements.length > 0 ? { ...existing, Statement: statements } : undefined,
    changed: true
  }
}

/** The policy as PutModelPackageGroupPolicy takes it, refused before the call when too long. */
export function policyText(document: PolicyDocument): string {
  const text = JSON.stringify(document)
  if (text.length > POLICY_MAX_LENGTH) {
    throw new UserError(
      `The group's resource policy would be ${text.length} characters; SageMaker accepts at most ${POLICY_MAX_LENGTH}. Share with fewer accounts, or move some to an AWS Organizations condition by hand.`
    )
  }
  return text
}

/** SageMaker answers a group without a policy with this ValidationException. */
export function isPolicyMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /cannot find resource policy/i.test(error.message)
  )
}

/** The group's resource policy, or undefined when it has none. */
export async function readGroupPolicy(
  sagemaker: SageMakerClient,
  groupName: string
): Promise<PolicyDocument | undefined> {
  try {
    const found = await sagemaker.send(
      new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName })
    )
    return found.ResourcePolicy ? parseResourcePolicy(found.ResourcePolicy, groupName) : undefined
  } catch (error) {
    if (isPolicyMissing(error)) return undefined
    throw error
  }
}

/** What a change does to whom, in words: `shares with ...; already shared with ...`. */
export function describeChange(operation: 'share' | 'unshare', change: PolicyChange): string {
  const parts: string[] = []
  if (change.accounts.length > 0) {
    parts.push(
      `${operation === 'share' ? 'shares with' : 'stops sharing with'} ${change.accounts.join(', ')}`
    )
  }
  if (change.unchanged.length > 0) {
    parts.push(
      `${operation === 'share' ? 'already shared with' : 'was not shared with'} ${change.unchanged.join(', ')}`
    )
  }
  return parts.join('; ')
}

/** The change as the log prints it: what it does, the call it needs, and the policy it writes. */
export function changePlan(
  operation: 'share' | 'unshare',
  group: string,
  change: PolicyChange,
  dryRun: boolean
): string {
  let call: string
  if (!change.changed) call = 'no change needed'
  else if (change.document) call = `PutModelPackageGroupPolicy`
  else call = 'DeleteModelPackageGroupPolicy (no statement left)'
  // policyText refuses a policy SageMaker would refuse, before anything is said or sent.
  const written =
    change.document && change.changed && policyText(change.document)
      ? `\n${JSON.stringify(change.document, null, 2)}`
      : ''
  return `${dryRun ? 'Dry run: ' : ''}${operation} group "${group}": ${describeChange(operation, change)}; ${dryRun && change.changed ? `would call ${call}` : call}${written}`
}

/** Writes the changed policy, or deletes the policy when no statement is left. */
export async function writeGroupPolicy(
  sagemaker: SageMakerClient,
  groupName: string,
  change: PolicyChange
): Promise<void> {
  if (change.document) {
    await sagemaker.send(
      new PutModelPackageGroupPolicyCommand({
        ModelPackageGroupName: groupName,
        ResourcePolicy: policyText(change.document)
      })
    )
  } else {
    await sagemaker.send(
      new DeleteModelPackageGroupPolicyCommand({ ModelPackageGroupName: groupName })
    )
  }
}
