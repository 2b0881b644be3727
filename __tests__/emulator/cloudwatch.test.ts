// CloudWatch GetMetricData through @aws-sdk/client-cloudwatch: SageMaker's endpoint metrics
// computed from the requests the emulator served.
import { describe, expect, it } from '@jest/globals'
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import { CreateEndpointCommand } from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import { statistic } from '../../emulator/cloudwatch.ts'
import {
  approvedModel,
  endpointConfig,
  expectAwsError,
  inService,
  linear,
  useHarness
} from './helpers.ts'

const h = useHarness()

async function deployAb(): Promise<void> {
  await approvedModel(h, 'ma', linear('regression', [1], 0))
  await approvedModel(h, 'mb', linear('regression', [1, 1], 0))
  await endpointConfig(h, 'cfg', [
    { model: 'ma', name: 'A' },
    { model: 'mb', name: 'B' }
  ])
  await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ab', EndpointConfigName: 'cfg' }))
  await inService(h, 'ab')
}

const invoke = (variant: string, body: string) =>
  h.rt.send(
    new InvokeEndpointCommand({
      EndpointName: 'ab',
      TargetVariant: variant,
      ContentType: 'text/csv',
      Body: Buffer.from(body)
    })
  )

function query(id: string, metric: string, variant: string, stat: string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/SageMaker',
        MetricName: metric,
        Dimensions: [
          { Name: 'EndpointName', Value: 'ab' },
          { Name: 'VariantName', Value: variant }
        ]
      },
      Period: 3600,
      Stat: stat
    }
  }
}

const window = () => ({
  StartTime: new Date(Date.now() - 3 * 3600e3),
  EndTime: new Date(Date.now() + 3600e3)
})
const total = (values: number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0)

describe('GetMetricData for AWS/SageMaker endpoint metrics', () => {
  it('counts invocations and 4XX errors per variant', async () => {
    await deployAb()
    for (let i = 0; i < 5; i++) await invoke('A', '1\n')
    for (let i = 0; i < 3; i++) await invoke('B', '1,1\n')
    await expectAwsError(invoke('B', '1\n'), 'ModelError', 424)
    const r = await h.cw.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: [
          query('a_inv', 'Invocations', 'A', 'Sum'),
          query('b_inv', 'Invocations', 'B', 'Sum'),
          query('b_4xx', 'Invocation4XXErrors', 'B', 'Sum'),
          query('b_rate', 'Invocation4XXErrors', 'B', 'Average'),
          query('b_5xx', 'Invocation5XXErrors', 'B', 'Sum'),
          { ...query('a_n', 'ModelLatency', 'A', 'SampleCount'), Label: 'latency samples' }
        ]
      })
    )
    const by = Object.fromEntries(r.MetricDataResults!.map(m => [m.Id, m]))
    expect(total(by.a_inv!.Values)).toBe(5)
    expect(total(by.b_inv!.Values)).toBe(4)
    expect(total(by.b_4xx!.Values)).toBe(1)
    expect(by.b_rate!.Values).toEqual([0.25])
    expect(total(by.b_5xx!.Values)).toBe(0)
    expect(by.a_n!.Label).toBe('latency samples')
    expect(by.a_inv!.Label).toBe('Invocations')
    expect(by.a_inv!.StatusCode).toBe('Complete')
    expect(by.a_inv!.Timestamps![0]).toBeInstanceOf(Date)
    expect(h.emu.stats().cloudwatch).toEqual({ GetMetricData: 1 })
  })

  it('reports ModelLatency in microseconds with percentiles, and a latency fault moves them', async () => {
    await deployAb()
    await fetch(`${h.emu.url}/_emulator/variants`, {
      method: 'POST',
      body: JSON.stringify({ endpointName: 'ab', variantName: 'B', latencyMs: 40 })
    })
    for (let i = 0; i < 10; i++) {
      await invoke('A', '1\n')
      await invoke('B', '1,1\n')
    }
    const r = await h.cw.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: ['p50', 'p90', 'p99', 'Average', 'Maximum', 'Minimum'].flatMap(stat => [
          query(`a_${stat.toLowerCase()}`, 'ModelLatency', 'A', stat),
          query(`b_${stat.toLowerCase()}`, 'ModelLatency', 'B', stat)
        ])
      })
    )
    const v = Object.fromEntries(r.MetricDataResults!.map(m => [m.Id, m.Values![0]!]))
    expect(v.b_minimum).toBeGreaterThanOrEqual(39000)
    expect(v.b_p50).toBeGreaterThanOrEqual(39000)
    expect(v.a_p99).toBeLessThan(20000)
    for (const x of ['a', 'b']) {
      expect(v[`${x}_minimum`]).toBeLessThanOrEqual(v[`${x}_p50`]!)
      expect(v[`${x}_p50`]).toBeLessThanOrEqual(v[`${x}_p90`]!)
      expect(v[`${x}_p90`]).toBeLessThanOrEqual(v[`${x}_p99`]!)
      expect(v[`${x}_p99`]).toBeLessThanOrEqual(v[`${x}_maximum`]!)
    }
  })

  it('buckets by Period, newest first unless ScanBy says otherwise; other dimension sets have no data', async () => {
    await deployAb()
    for (let i = 0; i < 3; i++) await invoke('A', '1\n')
    const one = await h.cw.send(
      new GetMetricDataCommand({
        ...window(),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            ...query('a', 'Invocations', 'A', 'Sum'),
            MetricStat: { ...query('a', 'Invocations', 'A', 'Sum').MetricStat!, Period: 60 }
          },
          {
            Id: 'endpoint_only',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SageMaker',
                MetricName: 'Invocations',
                Dimensions: [{ Name: 'EndpointName', Value: 'ab' }]
              },
              Period: 60,
              Stat: 'Sum'
            }
          }
        ]
      })
    )
    const [a, endpointOnly] = one.MetricDataResults!
    expect(total(a!.Values)).toBe(3)
    for (const t of a!.Timestamps!) expect(t.getTime() % 60000).toBe(0)
    expect(endpointOnly!.Values).toEqual([])
  })

  it('answers bad queries with InvalidParameterValue', async () => {
    const bad = async (input: object, message: RegExp) => {
      const err = await expectAwsError(
        h.cw.send(
          new GetMetricDataCommand({
            ...window(),
            MetricDataQueries: [query('q', 'Invocations', 'A', 'Sum')],
            ...input
          })
        ),
        'InvalidParameterValueException',
        400,
        message
      )
      return err
    }
    await bad(
      { StartTime: new Date(), EndTime: new Date(Date.now() - 1000) },
      /StartTime must be less than the parameter EndTime/
    )
    await bad({ MetricDataQueries: [query('Upper', 'Invocations', 'A', 'Sum')] }, /Id is not valid/)
    await bad(
      {
        MetricDataQueries: [
          {
            ...query('q', 'Invocations', 'A', 'Sum'),
            MetricStat: { ...query('q', 'Invocations', 'A', 'Sum').MetricStat!, Period: 90 }
          }
        ]
      },
      /Period must be 1, 5, 10, 30 or a multiple of 60/
    )
    await bad(
      { MetricDataQueries: [query('q', 'Invocations', 'A', 'Median')] },
      /Median for parameter .*Stat is not valid/
    )
    await bad(
      {
        MetricDataQueries: [
          query('q', 'Invocations', 'A', 'Sum'),
          query('q', 'Invocations', 'B', 'Sum')
        ]
      },
      /not unique/
    )
  })

  it('computes statistics over a million samples without running out of stack', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003)
    expect(statistic('Maximum', values)).toBe(values.reduce((a, b) => (a > b ? a : b)))
    expect(statistic('Minimum', values)).toBe(0)
    expect(statistic('SampleCount', values)).toBe(1_000_000)
    expect(statistic('p50', [5, 1, 3, 2, 4])).toBe(3)
    expect(statistic('p90', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9)
    expect(statistic('p99.9', [1, 2, 3])).toBe(3)
  })
})
