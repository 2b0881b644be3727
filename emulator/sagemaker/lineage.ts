// ML lineage tracking: contexts, actions and artifacts, and the associations between
// them (or between them and other SageMaker resources, such as model packages).
import { randomBytes } from 'node:crypto'
import { conflict, resourceNotFound, validation } from '../errors.ts'
import type { LineageRec } from '../state.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  type Handler,
  memberArg,
  nameOf,
  secs,
  sortedPage,
  timeFilter
} from './common.ts'
import { existingArn } from './tags.ts'

const ENTITY = { required: true, min: 1, max: 120, pattern: PATTERNS.experimentEntityName }
const NAME_OR_ARN = { required: true, min: 1, max: 256 }
const ARN = {
  required: true,
  max: 256,
  pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:[a-z-]*\/.+$/
}
const ASSOCIATION_TYPES = ['ContributedTo', 'AssociatedWith', 'DerivedFrom', 'Produced', 'SameAs']
/**
 * LineageEntityParameters: at most 30 entries, keys and values up to 2500 characters of
 * `.*`, a Java pattern: one line. Descriptions are up to 3072 of the same.
 */
const PROPERTIES = {
  max: 30,
  key: { max: 2500, pattern: PATTERNS.oneLine },
  value: { max: 2500, pattern: PATTERNS.oneLine }
}
const DESCRIPTION = { max: 3072, pattern: PATTERNS.oneLine }
const STATUSES = ['Unknown', 'InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']

function checkSource(check: Checker, input: Input, artifact: boolean): void {
  const src = check.obj(input, 'Source', true)
  check.str(src, 'SourceUri', { required: true, max: 2048 }, 'Source.SourceUri')
  if (!artifact) {
    check.str(src, 'SourceType', { max: 128 }, 'Source.SourceType')
    check.str(src, 'SourceId', { max: 256 }, 'Source.SourceId')
  }
}

function store(ctx: Ctx, kind: LineageRec['kind']): Map<string, LineageRec> {
  return kind === 'context'
    ? ctx.store.contexts
    : kind === 'action'
      ? ctx.store.actions
      : ctx.store.artifacts
}

const TYPE_FIELD = {
  context: 'ContextType',
  action: 'ActionType',
  artifact: 'ArtifactType'
} as const
const NAME_FIELD = {
  context: 'ContextName',
  action: 'ActionName',
  artifact: 'ArtifactName'
} as const
const ARN_FIELD = { context: 'ContextArn', action: 'ActionArn', artifact: 'ArtifactArn' } as const
const TITLE = { context: 'Context', action: 'Action', artifact: 'Artifact' } as const

function create(kind: LineageRec['kind']): Handler {
  return (ctx, input) => {
    const check = new Checker()
    const name =
      kind === 'artifact'
        ? check.str(input, 'ArtifactName', { ...ENTITY, required: false })
        : check.str(input, NAME_FIELD[kind], ENTITY)
    checkSource(check, input, kind === 'artifact')
    const type = check.str(input, TYPE_FIELD[kind], { required: true, max: 256 })
    check.str(input, 'Description', DESCRIPTION)
    check.str(input, 'Status', { enum: STATUSES })
    check.map(input, 'Properties', PROPERTIES)
    const tags = check.tags(input)
    check.done()
    const id = kind === 'artifact' ? randomBytes(16).toString('hex') : name!
    const arn = arnOf(ctx, kind, id)
    const map = store(ctx, kind)
    if (map.has(id.toLowerCase())) throw validation(`${TITLE[kind]} ${name} already exists: ${arn}`)
    const fields: Input = {}
    for (const f of ['Source', 'Description', 'Status', 'Properties', 'MetadataProperties'])
      if (input[f] !== undefined) fields[f] = copy(input[f])
    map.set(id.toLowerCase(), {
      kind,
      name,
      arn,
      type,
      creationTime: ctx.now,
      lastModifiedTime: ctx.now,
      fields
    })
    if (tags?.length) ctx.store.tags.set(arn, copy(tags))
    return { [ARN_FIELD[kind]]: arn }
  }
}

function find(ctx: Ctx, kind: LineageRec['kind'], nameOrArn: string): LineageRec {
  const rec = store(ctx, kind).get(nameOf(nameOrArn, kind).toLowerCase())
  if (!rec) throw resourceNotFound(`${TITLE[kind]} ${nameOrArn} does not exist.`)
  return rec
}

/** The entity a Describe or Delete request names: artifacts by ARN, the others by name or ARN. */
function named(ctx: Ctx, kind: LineageRec['kind'], input: Input): LineageRec {
  const key =
    kind === 'artifact'
      ? memberArg(input, 'ArtifactArn', ARN)
      : memberArg(input, NAME_FIELD[kind], NAME_OR_ARN)
  return find(ctx, kind, key)
}

function describe(kind: LineageRec['kind']): Handler {
  return (ctx, input) => {
    const rec = named(ctx, kind, input)
    return compact({
      [NAME_FIELD[kind]]: rec.name,
      [ARN_FIELD[kind]]: rec.arn,
      [TYPE_FIELD[kind]]: rec.type,
      ...copy(rec.fields),
      CreationTime: secs(rec.creationTime),
      CreatedBy: {},
      LastModifiedTime: secs(rec.lastModifiedTime),
      LastModifiedBy: {}
    })
  }
}

function list(kind: LineageRec['kind']): Handler {
  return (ctx, input) => {
    const check = new Checker()
    const sourceUri = check.str(input, 'SourceUri', { max: 2048 })
    const type = check.str(input, TYPE_FIELD[kind], { max: 256 })
    const by = check.str(input, 'SortBy', { enum: ['Name', 'CreationTime'] }) ?? 'CreationTime'
    check.done()
    const inTime = timeFilter(input, 'CreatedAfter', 'CreatedBefore')
    const items = [...store(ctx, kind).values()].filter(
      r =>
        (!sourceUri || (r.fields.Source as Input).SourceUri === sourceUri) &&
        (!type || r.type === type) &&
        inTime(r.creationTime)
    )
    const page = sortedPage(
      items,
      input,
      `List${TITLE[kind]}s`,
      r => (by === 'Name' ? (r.name ?? '') : r.creationTime),
      'Descending'
    )
    return compact({
      [`${TITLE[kind]}Summaries`]: page.items.map(r =>
        compact({
          [ARN_FIELD[kind]]: r.arn,
          [NAME_FIELD[kind]]: r.name,
          Source: copy(r.fields.Source),
          [TYPE_FIELD[kind]]: r.type,
          Status: r.fields.Status,
          CreationTime: secs(r.creationTime),
          LastModifiedTime: secs(r.lastModifiedTime)
        })
      ),
      NextToken: page.nextToken
    })
  }
}

function remove(kind: LineageRec['kind']): Handler {
  return (ctx, input) => {
    const rec = named(ctx, kind, input)
    store(ctx, kind).delete(nameOf(rec.arn, kind).toLowerCase())
    for (const [k, a] of ctx.store.associations)
      if (a.sourceArn === rec.arn || a.destinationArn === rec.arn) ctx.store.associations.delete(k)
    ctx.store.tags.delete(rec.arn)
    return { [ARN_FIELD[kind]]: rec.arn }
  }
}

/**
 * UpdateAction: Description and Status replace theirs, Properties "overwrites the current
 * property list", PropertiesToRemove deletes keys. A key both set and removed is a conflict
 * (**assumed**: UpdateAction documents ConflictException without saying when).
 */
const updateAction: Handler = (ctx, input) => {
  const check = new Checker()
  const name = check.str(input, 'ActionName', ENTITY)
  check.str(input, 'Description', DESCRIPTION)
  check.str(input, 'Status', { enum: STATUSES })
  const properties = check.map(input, 'Properties', PROPERTIES)
  const remove = check.list(input, 'PropertiesToRemove', { max: 30 }) as string[] | undefined
  check.done()
  const rec = find(ctx, 'action', name!)
  const both = (remove ?? []).filter(k => properties && k in properties)
  if (both.length > 0)
    throw conflict(`Properties and PropertiesToRemove both name ${both.join(', ')} for ${rec.arn}.`)
  if (input.Description !== undefined) rec.fields.Description = input.Description
  if (input.Status !== undefined) rec.fields.Status = input.Status
  const current = { ...((properties ?? rec.fields.Properties ?? {}) as Record<string, string>) }
  for (const key of remove ?? []) delete current[key]
  if (properties || remove) rec.fields.Properties = current
  rec.lastModifiedTime = ctx.now
  return { ActionArn: rec.arn }
}

/** The lineage type of any ARN: the entity's own type, or its resource type. */
function typeOf(ctx: Ctx, arn: string): { type?: string; name?: string } {
  const m = /:([a-z-]+)\/(.+)$/.exec(arn)
  if (!m) return {}
  const kind = m[1]!
  if (kind === 'context' || kind === 'action' || kind === 'artifact') {
    const rec = store(ctx, kind).get(m[2]!.toLowerCase())
    return { type: rec?.type, name: rec?.name }
  }
  const resource: Record<string, string> = {
    'model-package': 'ModelPackage',
    'model-package-group': 'ModelPackageGroup',
    'training-job': 'SageMakerTrainingJob',
    'transform-job': 'SageMakerTransformJob',
    endpoint: 'Endpoint',
    model: 'Model'
  }
  return { type: resource[kind] ?? kind, name: m[2] }
}

function associationArgs(
  ctx: Ctx,
  input: Input
): { source: string; destination: string; check: Checker } {
  const check = new Checker()
  const source = check.str(input, 'SourceArn', ARN)
  const destination = check.str(input, 'DestinationArn', ARN)
  void ctx
  return { source: source ?? '', destination: destination ?? '', check }
}

const addAssociation: Handler = (ctx, input) => {
  const { source, destination, check } = associationArgs(ctx, input)
  const type = check.str(input, 'AssociationType', { enum: ASSOCIATION_TYPES })
  check.done()
  const src = existingArn(ctx, source)
  if (!src) throw resourceNotFound(`Source ${source} does not exist.`)
  const dst = existingArn(ctx, destination)
  if (!dst) throw resourceNotFound(`Destination ${destination} does not exist.`)
  const key = `${src}|${dst}`
  if (!ctx.store.associations.has(key))
    ctx.store.associations.set(key, {
      sourceArn: src,
      destinationArn: dst,
      associationType: type,
      creationTime: ctx.now
    })
  return { SourceArn: src, DestinationArn: dst }
}

const deleteAssociation: Handler = (ctx, input) => {
  const { source, destination, check } = associationArgs(ctx, input)
  check.done()
  const key = `${existingArn(ctx, source) ?? source}|${existingArn(ctx, destination) ?? destination}`
  const a = ctx.store.associations.get(key)
  if (!a) throw resourceNotFound(`Association from ${source} to ${destination} does not exist.`)
  ctx.store.associations.delete(key)
  return { SourceArn: a.sourceArn, DestinationArn: a.destinationArn }
}

const listAssociations: Handler = (ctx, input) => {
  const check = new Checker()
  const source = check.str(input, 'SourceArn', { ...ARN, required: false })
  const destination = check.str(input, 'DestinationArn', { ...ARN, required: false })
  const sourceType = check.str(input, 'SourceType', { max: 256 })
  const destinationType = check.str(input, 'DestinationType', { max: 256 })
  const type = check.str(input, 'AssociationType', { enum: ASSOCIATION_TYPES })
  const by =
    check.str(input, 'SortBy', {
      enum: ['SourceArn', 'DestinationArn', 'SourceType', 'DestinationType', 'CreationTime']
    }) ?? 'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreatedAfter', 'CreatedBefore')
  const rows = [...ctx.store.associations.values()].map(a => {
    const s = typeOf(ctx, a.sourceArn)
    const d = typeOf(ctx, a.destinationArn)
    return { a, s, d }
  })
  const same = (x: string, y: string | undefined) => !y || x.toLowerCase() === y.toLowerCase()
  const filtered = rows.filter(
    ({ a, s, d }) =>
      same(a.sourceArn, source) &&
      same(a.destinationArn, destination) &&
      (!sourceType || s.type === sourceType) &&
      (!destinationType || d.type === destinationType) &&
      (!type || a.associationType === type) &&
      inTime(a.creationTime)
  )
  const key = ({ a, s, d }: (typeof rows)[number]): string | number =>
    by === 'SourceArn'
      ? a.sourceArn
      : by === 'DestinationArn'
        ? a.destinationArn
        : by === 'SourceType'
          ? (s.type ?? '')
          : by === 'DestinationType'
            ? (d.type ?? '')
            : a.creationTime
  const page = sortedPage(filtered, input, 'ListAssociations', key, 'Descending')
  return compact({
    AssociationSummaries: page.items.map(({ a, s, d }) =>
      compact({
        SourceArn: a.sourceArn,
        DestinationArn: a.destinationArn,
        SourceType: s.type,
        DestinationType: d.type,
        AssociationType: a.associationType,
        SourceName: s.name,
        DestinationName: d.name,
        CreationTime: secs(a.creationTime),
        CreatedBy: {}
      })
    ),
    NextToken: page.nextToken
  })
}

export const lineageHandlers: Record<string, Handler> = {
  CreateContext: create('context'),
  DescribeContext: describe('context'),
  ListContexts: list('context'),
  DeleteContext: remove('context'),
  CreateAction: create('action'),
  DescribeAction: describe('action'),
  UpdateAction: updateAction,
  ListActions: list('action'),
  DeleteAction: remove('action'),
  CreateArtifact: create('artifact'),
  DescribeArtifact: describe('artifact'),
  ListArtifacts: list('artifact'),
  DeleteArtifact: remove('artifact'),
  AddAssociation: addAssociation,
  DeleteAssociation: deleteAssociation,
  ListAssociations: listAssociations
}
