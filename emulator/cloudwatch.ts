// CloudWatch GetMetricData for SageMaker's endpoint metrics, computed from the invocations
// the emulator served: namespace AWS/SageMaker, dimensions EndpointName and VariantName,
// Invocations, Invocation4XXErrors, Invocation5XXErrors (1 or 0 per request), ModelLatency
// and OverheadLatency (microseconds per request).
import { ServiceError } from './errors.ts'
import type { InvocationRecord, Store } from './state.ts'
import type { Input } from './validate.ts'

export const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801'

const METRICS: Record<string, (r: InvocationRecord) => number> = {
  Invocations: () => 1,
  Invocation4XXErrors: r => (r.errorClass === 4 ? 1 : 0),
  Invocation5XXErrors: r => (r.errorClass === 5 ? 1 : 0),
  ModelLatency: r => r.modelLatencyUs,
  OverheadLatency: r => r.overheadLatencyUs
}

/** CloudWatch's query error, with the code its awsQuery-compatible clients read. */
function invalid(message: string): ServiceError {
  return new ServiceError(
    'InvalidParameterValueException',
    message,
    400,
    {},
    {
      'x-amzn-query-error': 'InvalidParameterValue;Sender'
    }
  )
}

/** Exact statistics over the raw samples; percentiles by nearest rank (**assumed**). */
export function statistic(stat: string, values: number[]): number {
  const n = values.length
  const sum = values.reduce((a, b) => a + b, 0)
  switch (stat) {
    case 'SampleCount':
      return n
    case 'Sum':
      return sum
    case 'Average':
      return sum / n
    // Loops, not Math.min(...values): a spread of a large bucket overflows the stack.
    case 'Minimum':
      return values.reduce((a, b) => (b < a ? b : a))
    case 'Maximum':
      return values.reduce((a, b) => (b > a ? b : a))
  }
  const p = /^p(\d{1,2}(\.\d{1,2})?|100)$/.exec(stat)
  if (!p)
    throw invalid(
      `The value ${stat} for parameter MetricDataQueries.member.MetricStat.Stat is not valid.`
    )
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((Number(p[1]) / 100) * n) - 1)]!
}

interface Query {
  id: string
  label: string
  metric: string
  namespace: string
  dimensions: Map<string, string>
  periodS: number
  stat: string
  returnData: boolean
}

function parseQuery(q: Input, i: number): Query {
  const where = `MetricDataQueries.member.${i + 1}`
  const id = q.Id
  if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]{0,254}$/.test(id))
    throw invalid(
      `The value ${String(id)} for parameter ${where}.Id is not valid: it must start with a lower-case letter and contain only letters, numbers and underscores.`
    )
  if (q.Expression !== undefined)
    throw invalid(`${where}.Expression: metric math is not supported by the emulator.`)
  const ms = q.MetricStat as Input | undefined
  const metric = ms?.Metric as Input | undefined
  if (
    !ms ||
    !metric ||
    typeof metric.MetricName !== 'string' ||
    typeof metric.Namespace !== 'string'
  )
    throw invalid(`${where} needs a MetricStat with a Metric (Namespace and MetricName).`)
  const period = ms.Period
  if (
    typeof period !== 'number' ||
    !Number.isInteger(period) ||
    period < 1 ||
    (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 30].includes(period))
  )
    throw invalid(
      `The parameter ${where}.MetricStat.Period must be 1, 5, 10, 30 or a multiple of 60.`
    )
  if (typeof ms.Stat !== 'string')
    throw invalid(`The parameter ${where}.MetricStat.Stat is required.`)
  statistic(ms.Stat, [0])
  const dims = ((metric.Dimensions as Input[] | undefined) ?? []).map(
    d => [String(d.Name), String(d.Value)] as const
  )
  return {
    id,
    label: typeof q.Label === 'string' ? q.Label : metric.MetricName,
    metric: metric.MetricName,
    namespace: metric.Namespace,
    dimensions: new Map(dims),
    periodS: period,
    stat: ms.Stat,
    returnData: q.ReturnData !== false
  }
}

/** Samples of one metric: only SageMaker's dimension set (EndpointName, VariantName) has data. */
function samples(store: Store, q: Query, startMs: number, endMs: number): InvocationRecord[] {
  const value = METRICS[q.metric]
  const d = q.dimensions
  if (q.namespace !== 'AWS/SageMaker' || !value || d.size !== 2) return []
  const endpoint = d.get('EndpointName')
  const variant = d.get('VariantName')
  return store.invocations.filter(
    r => r.endpoint === endpoint && r.variant === variant && r.time >= startMs && r.time < endMs
  )
}

function answer(
  store: Store,
  q: Query,
  startMs: number,
  endMs: number,
  descending: boolean
): Input {
  const periodMs = q.periodS * 1000
  const buckets = new Map<number, number[]>()
  const value = METRICS[q.metric]
  for (const r of samples(store, q, startMs, endMs)) {
    const t = Math.floor(r.time / periodMs) * periodMs
    const list = buckets.get(t)
    if (list) list.push(value!(r))
    else buckets.set(t, [value!(r)])
  }
  const times = [...buckets.keys()].sort((a, b) => (descending ? b - a : a - b))
  return {
    Id: q.id,
    Label: q.label,
    Timestamps: times.map(t => t / 1000),
    Values: times.map(t => statistic(q.stat, buckets.get(t)!)),
    StatusCode: 'Complete'
  }
}

export function getMetricData(store: Store, input: Input): Input {
  const queries = input.MetricDataQueries
  if (!Array.isArray(queries) || queries.length < 1 || queries.length > 500)
    throw invalid('The parameter MetricDataQueries must contain 1 to 500 queries.')
  const start = input.StartTime
  const end = input.EndTime
  if (typeof start !== 'number' || typeof end !== 'number')
    throw invalid('The parameters StartTime and EndTime are required.')
  if (start >= end)
    throw invalid('The parameter StartTime must be less than the parameter EndTime.')
  const scan = input.ScanBy ?? 'TimestampDescending'
  if (scan !== 'TimestampDescending' && scan !== 'TimestampAscending')
    throw invalid(`The value ${String(scan)} for parameter ScanBy is not valid.`)
  const parsed = (queries as Input[]).map(parseQuery)
  const ids = new Set<string>()
  for (const q of parsed) {
    if (ids.has(q.id))
      throw invalid(`The value ${q.id} for parameter MetricDataQueries.member.Id is not unique.`)
    ids.add(q.id)
  }
  return {
    MetricDataResults: parsed
      .filter(q => q.returnData)
      .map(q => answer(store, q, start * 1000, end * 1000, scan === 'TimestampDescending')),
    Messages: []
  }
}
