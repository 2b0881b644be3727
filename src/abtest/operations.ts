// Each variant's operational figures over the test's window, from CloudWatch: namespace
// AWS/SageMaker, dimensions EndpointName and VariantName. One GetMetricData call asks for
// every variant's counts (Sum) and ModelLatency percentiles, one period as long as the
// window. CloudWatch aligns periods to its own clock, so a window may come back in two
// periods: counts are then added, and a percentile is the larger of the two (an upper
// bound, which is what a latency limit needs). ModelLatency is reported in microseconds
// and shown here in milliseconds.
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { TimeWindow } from './join.js'

/** The `ops:` figures a policy may name, with what each is. */
export const OPS_FIGURES = {
  invocations: 'requests the variant served (Invocations)',
  invocation_4xx_errors: 'requests answered with a 4xx error (Invocation4XXErrors)',
  invocation_5xx_errors: 'requests answered with a 5xx error (Invocation5XXErrors)',
  error_rate: '(4xx + 5xx errors) / invocations',
  model_latency_p50: 'median ModelLatency, in milliseconds',
  model_latency_p90: '90th percentile ModelLatency, in milliseconds',
  model_latency_p99: '99th percentile ModelLatency, in milliseconds'
} as const
export type OpsFigure = keyof typeof OPS_FIGURES
export const OPS_NAMES = Object.keys(OPS_FIGURES) as OpsFigure[]

/** A variant's figures; a latency is absent when the variant served nothing. */
export type OpsFigures = Partial<Record<OpsFigure, number>>

const COUNTS = [
  ['invocations', 'Invocations'],
  ['invocation_4xx_errors', 'Invocation4XXErrors'],
  ['invocation_5xx_errors', 'Invocation5XXErrors']
] as const
const LATENCIES = [
  ['model_latency_p50', 'p50'],
  ['model_latency_p90', 'p90'],
  ['model_latency_p99', 'p99']
] as const

function periodSeconds(window: TimeWindow): number {
  const seconds = (window.end.getTime() - window.start.getTime()) / 1000
  return Math.max(60, Math.ceil(seconds / 60) * 60)
}

function queries(endpointName: string, variants: string[], period: number): MetricDataQuery[] {
  return variants.flatMap((variantName, v) => {
    const metric = (MetricName: string) => ({
      Namespace: 'AWS/SageMaker',
      MetricName,
      Dimensions: [
        { Name: 'EndpointName', Value: endpointName },
        { Name: 'VariantName', Value: variantName }
      ]
    })
    return [
      ...COUNTS.map(([figure, name]) => ({
        Id: `v${v}_${figure}`,
        MetricStat: { Metric: metric(name), Period: period, Stat: 'Sum' }
      })),
      ...LATENCIES.map(([figure, stat]) => ({
        Id: `v${v}_${figure}`,
        MetricStat: { Metric: metric('ModelLatency'), Period: period, Stat: stat }
      }))
    ]
  })
}

/** Every variant's figures over the window, by variant name. */
export async function readOperations(
  cloudwatch: CloudWatchClient,
  endpointName: string,
  variants: string[],
  window: TimeWindow
): Promise<Record<string, OpsFigures>> {
  const period = periodSeconds(window)
  const values = new Map<string, number[]>()
  let NextToken: string | undefined
  do {
    const page = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries(endpointName, variants, period),
        StartTime: window.start,
        EndTime: window.end,
        NextToken
      })
    )
    for (const result of page.MetricDataResults ?? []) {
      const list = values.get(result.Id ?? '') ?? []
      list.push(...(result.Values ?? []))
      values.set(result.Id ?? '', list)
    }
    NextToken = page.NextToken
  } while (NextToken)
  const out: Record<string, OpsFigures> = {}
  variants.forEach((variantName, v) => {
    const figures: OpsFigures = {}
    for (const [figure] of COUNTS) {
      figures[figure] = (values.get(`v${v}_${figure}`) ?? []).reduce((a, b) => a + b, 0)
    }
    for (const [figure] of LATENCIES) {
      const found = values.get(`v${v}_${figure}`) ?? []
      if (found.length > 0) figures[figure] = Math.max(...found) / 1000
    }
    const served = figures.invocations ?? 0
    if (served > 0) {
      figures.error_rate =
        ((figures.invocation_4xx_errors ?? 0) + (figures.invocation_5xx_errors ?? 0)) / served
    }
    out[variantName] = figures
  })
  return out
}
