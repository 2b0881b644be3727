// Training and tuning jobs: seeded, read-only (nothing trains here).
import { resourceNotFound, validation } from '../errors.ts'
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
  normaliseTimes,
  sortedPage,
  timeFilter
} from './common.ts'

// ---------- seeding ----------

export function seedTrainingJob(ctx: Ctx, job: Input): void {
  const name = job.TrainingJobName
  if (typeof name !== 'string' || !PATTERNS.entityName.test(name))
    throw new Error(
      `trainingJobs: TrainingJobName must match ${PATTERNS.entityName.source}, got ${JSON.stringify(name)}`
    )
  const now = ctx.now / 1000
  const doc = normaliseTimes({
    TrainingJobArn: arnOf(ctx, 'training-job', name),
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    CreationTime: now,
    LastModifiedTime: now,
    ...copy(job)
  }) as Input
  ctx.store.trainingJobs.set(name.toLowerCase(), doc)
}

export function seedTuningJob(ctx: Ctx, job: Input): void {
  const name = job.HyperParameterTuningJobName
  if (typeof name !== 'string' || !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/.test(name))
    throw new Error(
      `tuningJobs: HyperParameterTuningJobName must be 1-32 of [a-zA-Z0-9-], got ${JSON.stringify(name)}`
    )
  const now = ctx.now / 1000
  const doc = normaliseTimes({
    HyperParameterTuningJobArn: arnOf(ctx, 'hyper-parameter-tuning-job', name),
    HyperParameterTuningJobStatus: 'Completed',
    CreationTime: now,
    LastModifiedTime: now,
    ...copy(job)
  }) as Input
  ctx.store.tuningJobs.set(name.toLowerCase(), doc)
}

// ---------- training and tuning ----------

const describeTrainingJob: Handler = (ctx, input) => {
  const name = memberArg(input, 'TrainingJobName', ENTITY_NAME)
  const job = ctx.store.trainingJobs.get(name.toLowerCase())
  // SageMaker answers a missing training job with ValidationException, not the
  // ResourceNotFound its reference page lists.
  if (!job) throw validation('Requested resource not found.')
  return copy(job)
}

const listTrainingJobs: Handler = (ctx, input) => {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const status = check.str(input, 'StatusEquals')
  const by =
    check.str(input, 'SortBy', { enum: ['Name', 'CreationTime', 'Status'] }) ?? 'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const jobs = [...ctx.store.trainingJobs.values()].filter(
    j =>
      (!contains || String(j.TrainingJobName).toLowerCase().includes(contains)) &&
      (!status || j.TrainingJobStatus === status) &&
      inTime(Number(j.CreationTime) * 1000)
  )
  const key = (j: Input): string | number =>
    by === 'Name'
      ? String(j.TrainingJobName)
      : by === 'Status'
        ? String(j.TrainingJobStatus)
        : Number(j.CreationTime)
  const page = sortedPage(jobs, input, 'ListTrainingJobs', key, 'Ascending')
  return compact({
    TrainingJobSummaries: page.items.map(j =>
      compact({
        TrainingJobName: j.TrainingJobName,
        TrainingJobArn: j.TrainingJobArn,
        CreationTime: j.CreationTime,
        TrainingEndTime: j.TrainingEndTime,
        LastModifiedTime: j.LastModifiedTime,
        TrainingJobStatus: j.TrainingJobStatus
      })
    ),
    NextToken: page.nextToken
  })
}

const describeTuningJob: Handler = (ctx, input) => {
  const name = memberArg(input, 'HyperParameterTuningJobName', {
    required: true,
    min: 1,
    max: 32,
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/
  })
  const job = ctx.store.tuningJobs.get(name.toLowerCase())
  if (!job) throw resourceNotFound(`Amazon SageMaker can't find a tuning job with name ${name}`)
  return copy(job)
}

export const jobHandlers: Record<string, Handler> = {
  DescribeTrainingJob: describeTrainingJob,
  ListTrainingJobs: listTrainingJobs,
  DescribeHyperParameterTuningJob: describeTuningJob
}
