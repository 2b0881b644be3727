// Model Registry: model package groups, their resource policies, and model packages
// (versioned ones inside a group, unversioned ones on their own).
import { conflict, validation } from '../errors.ts'
import { ACCOUNT_ID, type GroupRec, type PackageRec } from '../state.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  ENTITY_NAME,
  type Handler,
  memberArg,
  NAME_CONTAINS,
  nameOf,
  paginate,
  secs,
  sortBy,
  sortedPage,
  sortOrder,
  timeFilter
} from './common.ts'

const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'] as const
const DESCRIPTION = { max: 1024, pattern: PATTERNS.description }
const ONE_LINE_1024 = { max: 1024, pattern: PATTERNS.oneLine }
const METADATA_MAP = {
  max: 50,
  key: { min: 1, max: 128, pattern: PATTERNS.metadata },
  value: { min: 1, max: 256, pattern: PATTERNS.metadata }
}

/** Members of CreateModelPackage that DescribeModelPackage returns as given. */
const DESCRIBED_FIELDS = [
  'ModelPackageDescription',
  'InferenceSpecification',
  'SourceAlgorithmSpecification',
  'ValidationSpecification',
  'CertifyForMarketplace',
  'MetadataProperties',
  'ModelMetrics',
  'Domain',
  'Task',
  'SamplePayloadUrl',
  'DriftCheckBaselines',
  'AdditionalInferenceSpecifications',
  'SkipModelValidation',
  'SourceUri',
  'SecurityConfig',
  'ModelCard',
  'ModelLifeCycle',
  'ModelPackageRegistrationType'
] as const

// ---------- lookups ----------

export function findGroup(ctx: Ctx, nameOrArn: string): GroupRec | undefined {
  if (nameOrArn.startsWith('arn:') && !nameOrArn.includes(`:${ACCOUNT_ID}:`)) return undefined
  return ctx.store.groups.get(nameOf(nameOrArn, 'model-package-group').toLowerCase())
}

function requireGroup(ctx: Ctx, nameOrArn: string): GroupRec {
  const group = findGroup(ctx, nameOrArn)
  if (!group) throw validation(`ModelPackageGroup ${nameOrArn} does not exist.`)
  return group
}

/** Resolves an unversioned name, `group/N`, or a package ARN. */
export function findPackage(ctx: Ctx, nameOrArn: string): PackageRec | undefined {
  if (nameOrArn.startsWith('arn:')) {
    if (!nameOrArn.includes(`:${ACCOUNT_ID}:`)) return undefined
    return ctx.store.packages.get(nameOf(nameOrArn, 'model-package').toLowerCase())
  }
  if (nameOrArn.includes('/')) return ctx.store.packages.get(nameOrArn.toLowerCase())
  return ctx.store.unversioned.get(nameOrArn.toLowerCase())
}

export function requirePackage(ctx: Ctx, nameOrArn: string): PackageRec {
  const pkg = findPackage(ctx, nameOrArn)
  if (!pkg) throw validation(`ModelPackage ${nameOrArn} does not exist.`)
  return pkg
}

function packageKey(pkg: PackageRec): string {
  return (pkg.version === undefined ? pkg.name : `${pkg.name}/${pkg.version}`).toLowerCase()
}

// ---------- groups ----------

const createModelPackageGroup: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'ModelPackageGroupName', ENTITY_NAME)
  const description = check.str(input, 'ModelPackageGroupDescription', DESCRIPTION)
  const tags = check.tags(input)
  check.done()
  const key = name!.toLowerCase()
  const arn = arnOf(ctx, 'model-package-group', name!)
  if (ctx.store.groups.has(key)) throw validation(`Model Package Group already exists: ${arn}`)
  ctx.store.groups.set(key, {
    name: name!,
    arn,
    description,
    creationTime: ctx.now,
    nextVersion: 1,
    versions: []
  })
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  return { ModelPackageGroupArn: arn }
}

function groupNameArg(input: Input, field = 'ModelPackageGroupName'): string {
  return memberArg(input, field, {
    required: true,
    min: 1,
    max: 170,
    pattern: PATTERNS.groupNameOrArn
  })
}

function describeGroup(g: GroupRec): Input {
  return compact({
    ModelPackageGroupName: g.name,
    ModelPackageGroupArn: g.arn,
    ModelPackageGroupDescription: g.description,
    CreationTime: secs(g.creationTime),
    CreatedBy: {},
    ModelPackageGroupStatus: 'Completed'
  })
}

const describeModelPackageGroup: Handler = (ctx, input) =>
  describeGroup(requireGroup(ctx, groupNameArg(input)))

const listModelPackageGroups: Handler = (ctx, input) => {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const by = check.str(input, 'SortBy', { enum: ['Name', 'CreationTime'] }) ?? 'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const groups = [...ctx.store.groups.values()].filter(
    g => (!contains || g.name.toLowerCase().includes(contains)) && inTime(g.creationTime)
  )
  const page = sortedPage(
    groups,
    input,
    'ListModelPackageGroups',
    g => (by === 'Name' ? g.name : g.creationTime),
    'Ascending'
  )
  return compact({
    ModelPackageGroupSummaryList: page.items.map(g =>
      compact({
        ModelPackageGroupName: g.name,
        ModelPackageGroupArn: g.arn,
        ModelPackageGroupDescription: g.description,
        CreationTime: secs(g.creationTime),
        ModelPackageGroupStatus: 'Completed'
      })
    ),
    NextToken: page.nextToken
  })
}

const deleteModelPackageGroup: Handler = (ctx, input) => {
  const group = requireGroup(ctx, groupNameArg(input))
  if (group.versions.length > 0)
    throw conflict(
      `Model Package Group ${group.arn} contains ${group.versions.length} model package(s) and cannot be deleted. Delete the model packages first.`
    )
  ctx.store.groups.delete(group.name.toLowerCase())
  ctx.store.tags.delete(group.arn)
  return {}
}

const putModelPackageGroupPolicy: Handler = (ctx, input) => {
  const name = groupNameArg(input)
  const policy = memberArg(input, 'ResourcePolicy', { required: true, min: 1, max: 20480 })
  const group = requireGroup(ctx, name)
  let doc: unknown
  try {
    doc = JSON.parse(policy)
  } catch {
    throw validation('The resource policy is not valid JSON.')
  }
  const d = doc as Input | null
  if (
    !d ||
    typeof d !== 'object' ||
    (!Array.isArray(d.Statement) && typeof d.Statement !== 'object')
  )
    throw validation('The resource policy must be a JSON object with a Statement.')
  group.policy = policy
  return { ModelPackageGroupArn: group.arn }
}

const getModelPackageGroupPolicy: Handler = (ctx, input) => {
  const group = requireGroup(ctx, groupNameArg(input))
  if (group.policy === undefined)
    throw validation(`Cannot find resource policy for Model Package Group ${group.arn}.`)
  return { ResourcePolicy: group.policy }
}

const deleteModelPackageGroupPolicy: Handler = (ctx, input) => {
  const group = requireGroup(ctx, groupNameArg(input))
  if (group.policy === undefined)
    throw validation(`Cannot find resource policy for Model Package Group ${group.arn}.`)
  group.policy = undefined
  return {}
}

// ---------- packages ----------

function checkMetricsSource(
  check: Checker,
  parent: Input | undefined,
  field: string,
  path: string
): void {
  const src = check.obj(parent, field, false, `${path}.${field}`)
  if (!src) return
  const p = `${path}.${field}`
  check.str(src, 'ContentType', { required: true, max: 256 }, `${p}.contentType`)
  check.str(
    src,
    'ContentDigest',
    { max: 72, pattern: PATTERNS.contentDigest },
    `${p}.contentDigest`
  )
  check.str(src, 'S3Uri', { required: true, max: 1024, pattern: PATTERNS.s3Uri }, `${p}.s3Uri`)
}

function checkModelMetrics(check: Checker, input: Input): void {
  const mm = check.obj(input, 'ModelMetrics')
  if (!mm) return
  const sections: Record<string, string[]> = {
    ModelQuality: ['Statistics', 'Constraints'],
    ModelDataQuality: ['Statistics', 'Constraints'],
    Bias: ['Report', 'PreTrainingReport', 'PostTrainingReport'],
    Explainability: ['Report']
  }
  for (const [section, sources] of Object.entries(sections)) {
    const s = check.obj(mm, section, false, `ModelMetrics.${section}`)
    for (const src of sources) checkMetricsSource(check, s, src, `ModelMetrics.${section}`)
  }
}

function checkInferenceSpecification(check: Checker, spec: Input | undefined, path: string): void {
  if (!spec) return
  const containers = check.list(
    spec,
    'Containers',
    { required: true, min: 1, max: 15 },
    `${path}.containers`
  )
  check.members(containers, `${path}.containers`, (container, p) => {
    check.str(
      container,
      'Image',
      { required: true, max: 255, pattern: PATTERNS.image },
      `${p}.image`
    )
    check.str(
      container,
      'ModelDataUrl',
      { max: 1024, pattern: PATTERNS.s3Uri },
      `${p}.modelDataUrl`
    )
  })
  for (const f of [
    'SupportedContentTypes',
    'SupportedResponseMIMETypes',
    'SupportedRealtimeInferenceInstanceTypes',
    'SupportedTransformInstanceTypes'
  ])
    check.list(spec, f, {}, `${path}.${f}`)
}

function checkLifeCycle(check: Checker, input: Input): void {
  const lc = check.obj(input, 'ModelLifeCycle')
  if (!lc) return
  const rule = { required: true, min: 1, max: 63, pattern: PATTERNS.lifecycleStage }
  check.str(lc, 'Stage', rule, 'ModelLifeCycle.stage')
  check.str(lc, 'StageStatus', rule, 'ModelLifeCycle.stageStatus')
  check.str(lc, 'StageDescription', ONE_LINE_1024, 'ModelLifeCycle.stageDescription')
}

/** Stable JSON (sorted keys) for comparing a retried request with the original. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`
  if (value && typeof value === 'object') {
    const o = value as Input
    return `{${Object.keys(o)
      .filter(k => k !== 'ClientToken' && o[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${fingerprint(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export interface CreatePackageOptions {
  /** Seeded packages skip the Pending phase and may carry their own CreationTime. */
  seeded?: boolean
}

/** CreateModelPackage's members, all violations at once; returns the ones the handler uses. */
function checkPackageInput(input: Input) {
  const check = new Checker()
  const name = check.str(input, 'ModelPackageName', {
    min: 1,
    max: 63,
    pattern: PATTERNS.entityName
  })
  const groupName = check.str(input, 'ModelPackageGroupName', {
    min: 1,
    max: 170,
    pattern: PATTERNS.groupNameOrArn
  })
  check.str(input, 'ModelPackageDescription', DESCRIPTION)
  const approval = check.str(input, 'ModelApprovalStatus', { enum: APPROVAL })
  const token = check.str(input, 'ClientToken', { min: 1, max: 36, pattern: PATTERNS.clientToken })
  const metadata = check.map(input, 'CustomerMetadataProperties', METADATA_MAP)
  const mp = check.obj(input, 'MetadataProperties')
  for (const f of ['CommitId', 'Repository', 'GeneratedBy', 'ProjectId'])
    check.str(mp, f, ONE_LINE_1024, `MetadataProperties.${f}`)
  checkModelMetrics(check, input)
  checkInferenceSpecification(
    check,
    check.obj(input, 'InferenceSpecification'),
    'InferenceSpecification'
  )
  checkLifeCycle(check, input)
  check.str(input, 'SourceUri', { max: 1024 })
  check.str(input, 'Domain', { max: 256 })
  check.str(input, 'Task', { max: 256 })
  const tags = check.tags(input)
  check.done()
  if (name && groupName)
    throw validation(
      'Both ModelPackageName and ModelPackageGroupName are provided in the input. Cannot determine which one to use.'
    )
  if (!name && !groupName) throw validation('Missing ARN.')
  return { name, groupName, approval, token, metadata, tags }
}

export function createPackage(
  ctx: Ctx,
  input: Input,
  opts: CreatePackageOptions = {}
): { ModelPackageArn: string } {
  const { name, groupName, approval, token, metadata, tags } = checkPackageInput(input)
  const store = ctx.store
  const fp = token ? fingerprint(input) : ''
  if (token) {
    const seen = store.clientTokens.get(token)
    if (seen) {
      if (seen.fingerprint === fp) return { ModelPackageArn: seen.arn }
      throw conflict(
        `ClientToken ${token} was already used with different parameters for ${seen.arn}.`
      )
    }
  }

  const fields: Input = {}
  for (const f of DESCRIBED_FIELDS) if (input[f] !== undefined) fields[f] = copy(input[f])
  if (fields.CertifyForMarketplace === undefined) fields.CertifyForMarketplace = false
  const common = {
    seq: store.nextSeq(),
    creationTime:
      opts.seeded && typeof input.CreationTime === 'number' ? input.CreationTime * 1000 : ctx.now,
    status: opts.seeded ? ('Completed' as const) : ('Pending' as const),
    customerMetadata: metadata ? { ...metadata } : undefined,
    fields
  }
  let pkg: PackageRec
  if (groupName) {
    const group = requireGroup(ctx, groupName)
    const version = group.nextVersion++
    pkg = {
      ...common,
      arn: arnOf(ctx, 'model-package', `${group.name}/${version}`),
      name: group.name,
      groupName: group.name,
      version,
      approval: approval ?? 'PendingManualApproval'
    }
    group.versions.push(pkg)
  } else {
    const key = name!.toLowerCase()
    const arn = arnOf(ctx, 'model-package', name!)
    if (store.unversioned.has(key)) throw validation(`ModelPackage already exists: ${arn}`)
    pkg = { ...common, arn, name: name! }
    store.unversioned.set(key, pkg)
  }
  store.packages.set(packageKey(pkg), pkg)
  if (token) store.clientTokens.set(token, { arn: pkg.arn, fingerprint: fp })
  if (tags?.length) store.tags.set(pkg.arn, copy(tags))
  if (!opts.seeded) {
    store.schedule(store.delays.packageCompleteMs, () => {
      if (pkg.status === 'Pending') pkg.status = 'Completed'
    })
  }
  return { ModelPackageArn: pkg.arn }
}

function describePackage(pkg: PackageRec): Input {
  return compact({
    ModelPackageName: pkg.name,
    ModelPackageGroupName: pkg.groupName,
    ModelPackageVersion: pkg.version,
    ModelPackageArn: pkg.arn,
    CreationTime: secs(pkg.creationTime),
    ModelPackageStatus: pkg.status,
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    ModelApprovalStatus: pkg.approval,
    ApprovalDescription: pkg.approvalDescription,
    CustomerMetadataProperties: pkg.customerMetadata ? { ...pkg.customerMetadata } : undefined,
    CreatedBy: {},
    LastModifiedTime: secs(pkg.lastModifiedTime),
    LastModifiedBy: pkg.lastModifiedTime === undefined ? undefined : {},
    ...copy(pkg.fields)
  })
}

/** ListModelPackages summaries name only unversioned packages; versions have group and number. */
function packageSummary(pkg: PackageRec): Input {
  return compact({
    ModelPackageName: pkg.version === undefined ? pkg.name : undefined,
    ModelPackageGroupName: pkg.groupName,
    ModelPackageVersion: pkg.version,
    ModelPackageArn: pkg.arn,
    ModelPackageDescription: pkg.fields.ModelPackageDescription,
    CreationTime: secs(pkg.creationTime),
    ModelPackageStatus: pkg.status,
    ModelApprovalStatus: pkg.approval,
    ModelLifeCycle: copy(pkg.fields.ModelLifeCycle)
  })
}

function packageNameArg(input: Input): string {
  return memberArg(input, 'ModelPackageName', {
    required: true,
    min: 1,
    max: 176,
    pattern: PATTERNS.packageNameOrArn
  })
}

const describeModelPackage: Handler = (ctx, input) =>
  describePackage(requirePackage(ctx, packageNameArg(input)))

const batchDescribeModelPackage: Handler = (ctx, input) => {
  const check = new Checker()
  const list = check.list(input, 'ModelPackageArnList', { required: true, min: 1, max: 100 })
  list?.forEach((a, i) =>
    check.str(
      { a },
      'a',
      { required: true, min: 1, max: 2048, pattern: PATTERNS.packageArn },
      `ModelPackageArnList.${i + 1}.member`
    )
  )
  check.done()
  const summaries: Input = {}
  const errors: Input = {}
  for (const arn of list as string[]) {
    const pkg = findPackage(ctx, arn)
    if (pkg) {
      summaries[arn] = compact({
        ModelPackageGroupName: pkg.groupName ?? pkg.name,
        ModelPackageVersion: pkg.version,
        ModelPackageArn: pkg.arn,
        ModelPackageDescription: pkg.fields.ModelPackageDescription,
        CreationTime: secs(pkg.creationTime),
        InferenceSpecification: copy(pkg.fields.InferenceSpecification),
        ModelPackageStatus: pkg.status,
        ModelApprovalStatus: pkg.approval
      })
    } else {
      errors[arn] = {
        ErrorCode: 'ValidationException',
        ErrorResponse: `ModelPackage ${arn} does not exist.`
      }
    }
  }
  return { ModelPackageSummaries: summaries, BatchDescribeModelPackageErrorMap: errors }
}

const listModelPackages: Handler = (ctx, input) => {
  const check = new Checker()
  const groupName = check.str(input, 'ModelPackageGroupName', {
    max: 170,
    pattern: PATTERNS.groupNameOrArn
  })
  const type = check.str(input, 'ModelPackageType', { enum: ['Versioned', 'Unversioned', 'Both'] })
  const approval = check.str(input, 'ModelApprovalStatus', { enum: APPROVAL })
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const by = check.str(input, 'SortBy', { enum: ['Name', 'CreationTime'] }) ?? 'CreationTime'
  check.done()
  const order = sortOrder(input, 'Ascending')

  let candidates: PackageRec[]
  if (groupName) {
    // A group nobody created lists as empty rather than failing.
    candidates = findGroup(ctx, groupName)?.versions ?? []
    if (type === 'Unversioned') candidates = []
  } else if (type === 'Versioned') {
    candidates = [...ctx.store.packages.values()].filter(p => p.version !== undefined)
  } else if (type === 'Both') {
    candidates = [...ctx.store.packages.values()]
  } else {
    candidates = [...ctx.store.unversioned.values()]
  }
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const filtered = candidates.filter(
    p =>
      (!approval || p.approval === approval) &&
      (!contains || p.name.toLowerCase().includes(contains)) &&
      inTime(p.creationTime)
  )
  let sorted: PackageRec[]
  if (by === 'Name') {
    sorted = sortBy(
      filtered,
      p => `${p.name.toLowerCase()}/${String(p.version ?? 0).padStart(6, '0')}`,
      order
    )
  } else {
    sorted = sortBy(
      filtered,
      p => `${String(p.creationTime).padStart(16, '0')}:${String(p.seq).padStart(10, '0')}`,
      order
    )
  }
  const page = paginate(sorted, input, 'ListModelPackages')
  return compact({
    ModelPackageSummaryList: page.items.map(packageSummary),
    NextToken: page.nextToken
  })
}

const IMMUTABLE_ON_UPDATE = [
  'MetadataProperties',
  'ModelMetrics',
  'ModelPackageGroupName',
  'ModelPackageDescription'
]

const updateModelPackage: Handler = (ctx, input) => {
  for (const f of IMMUTABLE_ON_UPDATE)
    if (input[f] !== undefined)
      throw validation(`${f} cannot be updated: it is not a member of UpdateModelPackage.`)
  const check = new Checker()
  const arn = check.str(input, 'ModelPackageArn', {
    required: true,
    min: 1,
    max: 2048,
    pattern: PATTERNS.packageArn
  })
  const approval = check.str(input, 'ModelApprovalStatus', { enum: APPROVAL })
  const approvalDescription = check.str(input, 'ApprovalDescription', ONE_LINE_1024)
  const add = check.map(input, 'CustomerMetadataProperties', METADATA_MAP)
  const remove = check.list(input, 'CustomerMetadataPropertiesToRemove', { max: 50 })
  remove?.forEach((k, i) =>
    check.str(
      { k },
      'k',
      { required: true, min: 1, max: 128, pattern: PATTERNS.metadata },
      `CustomerMetadataPropertiesToRemove.${i + 1}.member`
    )
  )
  const spec = check.obj(input, 'InferenceSpecification')
  checkInferenceSpecification(check, spec, 'InferenceSpecification')
  checkLifeCycle(check, input)
  check.str(input, 'SourceUri', { max: 1024 })
  check.str(input, 'ClientToken', { min: 1, max: 36, pattern: PATTERNS.clientToken })
  const additional = check.list(input, 'AdditionalInferenceSpecificationsToAdd', {
    min: 1,
    max: 15
  })
  check.done()

  const pkg = requirePackage(ctx, arn!)
  if (approval !== undefined && pkg.version === undefined)
    throw validation('ModelApprovalStatus applies to versioned model packages only.')
  const removing = (remove as string[] | undefined) ?? []
  const both = removing.filter(k => add && k in add)
  if (both.length > 0)
    throw validation(
      `CustomerMetadataProperties and CustomerMetadataPropertiesToRemove name the same key(s): ${both.join(', ')}.`
    )
  const merged: Record<string, string> = { ...(pkg.customerMetadata ?? {}) }
  for (const k of removing) delete merged[k]
  Object.assign(merged, add ?? {})
  if (Object.keys(merged).length > 50)
    throw validation(
      `CustomerMetadataProperties would have ${Object.keys(merged).length} entries after the update; the maximum is 50.`
    )

  if (approval !== undefined) pkg.approval = approval
  if (approvalDescription !== undefined) pkg.approvalDescription = approvalDescription
  if (add || remove) pkg.customerMetadata = Object.keys(merged).length > 0 ? merged : undefined
  if (spec) pkg.fields.InferenceSpecification = copy(spec)
  for (const f of ['ModelLifeCycle', 'SourceUri', 'ModelCard'] as const)
    if (input[f] !== undefined) pkg.fields[f] = copy(input[f])
  if (additional) {
    const current = (pkg.fields.AdditionalInferenceSpecifications as unknown[] | undefined) ?? []
    pkg.fields.AdditionalInferenceSpecifications = [...current, ...copy(additional)]
  }
  pkg.lastModifiedTime = ctx.now
  return { ModelPackageArn: pkg.arn }
}

const deleteModelPackage: Handler = (ctx, input) => {
  const pkg = requirePackage(ctx, packageNameArg(input))
  ctx.store.packages.delete(packageKey(pkg))
  if (pkg.version === undefined) {
    ctx.store.unversioned.delete(pkg.name.toLowerCase())
  } else {
    const group = findGroup(ctx, pkg.groupName!)
    if (group) group.versions = group.versions.filter(v => v !== pkg)
  }
  ctx.store.tags.delete(pkg.arn)
  return {}
}

export const registryHandlers: Record<string, Handler> = {
  CreateModelPackageGroup: createModelPackageGroup,
  DescribeModelPackageGroup: describeModelPackageGroup,
  ListModelPackageGroups: listModelPackageGroups,
  DeleteModelPackageGroup: deleteModelPackageGroup,
  PutModelPackageGroupPolicy: putModelPackageGroupPolicy,
  GetModelPackageGroupPolicy: getModelPackageGroupPolicy,
  DeleteModelPackageGroupPolicy: deleteModelPackageGroupPolicy,
  CreateModelPackage: (ctx, input) => createPackage(ctx, input),
  DescribeModelPackage: describeModelPackage,
  BatchDescribeModelPackage: batchDescribeModelPackage,
  ListModelPackages: listModelPackages,
  UpdateModelPackage: updateModelPackage,
  DeleteModelPackage: deleteModelPackage
}
