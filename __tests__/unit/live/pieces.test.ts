// The pure pieces of live evaluation: the data reader, request packing, names, answers,
// the in-order collector, the bounded pool, and the cleanup scaffolding it shares with
// the post step.
import { describe, expect, it } from '@jest/globals'
import {
  DescribeEndpointCommand,
  DescribeTransformJobCommand,
  DeleteEndpointCommand,
  SageMakerClient,
  StopTransformJobCommand
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import fc from 'fast-check'
import {
  cleanupCommand,
  deleteTemporaryResources,
  parseTemporaryState,
  temporaryStateValue
} from '../../../src/cleanup.js'
import { DataError } from '../../../src/evaluation/data-error.js'
import { evaluate } from '../../../src/evaluation/evaluate.js'
import { parsePredictions } from '../../../src/evaluation/predictions.js'
import { readAnswer } from '../../../src/evaluation/live/answers.js'
import { packRequests } from '../../../src/evaluation/live/batches.js'
import { LiveCollector } from '../../../src/evaluation/live/collect.js'
import {
  checkLiveData,
  fieldSpans,
  labelFirstCopy,
  LiveDataReader,
  type RowBlock,
  rowFeatures
} from '../../../src/evaluation/live/data.js'
import { liveNames, runSlug } from '../../../src/evaluation/live/names.js'
import {
  backoffMs,
  forEachConcurrently,
  isRetryable,
  readAhead
} from '../../../src/evaluation/live/retry.js'
import { seeded } from './support.js'

const encoder = new TextEncoder()
const chunked = (text: string, size = 7) => {
  const bytes = encoder.encode(text)
  const out: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

async function rows(
  text: string,
  spec: Partial<Parameters<typeof checkLiveData>[1]> = {},
  chunkSize = 7
) {
  const reader = new LiveDataReader({ task: 'binary', source: 'data.csv', ...spec }, 3)
  const blocks: RowBlock[] = []
  for await (const block of reader.blocks(chunked(text, chunkSize))) blocks.push(block)
  return {
    reader,
    features: blocks.flatMap(featureTexts),
    labels: blocks.flatMap(b => [...b.labels.subarray(0, b.rows)]),
    lines: blocks.flatMap(b => [...b.lines.subarray(0, b.rows)])
  }
}

/** Each row's features as text, without the line feed. */
function featureTexts(block: RowBlock): string[] {
  return Array.from({ length: block.rows }, (_, i) =>
    new TextDecoder().decode(rowFeatures(block, i)).replace(/\n$/, '')
  )
}

async function failure(text: string, spec: Partial<Parameters<typeof checkLiveData>[1]> = {}) {
  const error = await checkLiveData(chunked(text), {
    task: 'binary',
    source: 'data.csv',
    ...spec
  }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DataError)
  return (error as Error).message
}

describe('live data', () => {
  it('sends each row without its label, as written, whatever the chunking', async () => {
    const text = '\uFEFFid,y,city\r\n7,1,"Paris, FR"\r\n\r\n8,0,Lyon\n9, 1 ,"Nice"'
    for (const size of [1, 2, 5, 100]) {
      const reader = new LiveDataReader({ task: 'binary', source: 'd', label: 'y' }, 2)
      const features: string[] = []
      const lines: number[] = []
      for await (const block of reader.blocks(chunked(text, size))) {
        features.push(...featureTexts(block))
        lines.push(...block.lines.subarray(0, block.rows))
      }
      expect(features).toEqual(['7,"Paris, FR"', '8,Lyon', '9,"Nice"'])
      expect(lines).toEqual([2, 4, 5])
      expect(reader.layout).toEqual({
        header: ['id', 'y', 'city'],
        fieldCount: 3,
        label: { index: 1, name: 'y' }
      })
    }
  })

  it('takes the first line as a header only when its label field is not a number', async () => {
    const data = await rows('1,abc,2\n0,def,3\n')
    expect(data.reader.layout?.header).toBeUndefined()
    expect(data.features).toEqual(['abc,2', 'def,3'])
    expect(data.labels).toEqual([1, 0])
    const headed = await rows('target,f\n1,2\n', {})
    expect(headed.reader.layout?.header).toEqual(['target', 'f'])
    const last = await rows('a,b,label\n1,2,0\n3,4,1\n', { label: 2 })
    expect(last.features).toEqual(['1,2', '3,4'])
  })

  it('names the line and column of what is wrong', async () => {
    expect(await failure('y,x\n1,2\n1,2,3\n')).toBe(
      'data.csv: line 3, column "y" (index 0, label): the line has 3 fields; the first line has 2, and every row must give the model the same columns.'
    )
    expect(await failure('y,x\n1,2\nyes,2\n')).toBe(
      'data.csv: line 3, column "y" (index 0, label): "yes" is not a finite number.'
    )
    expect(await failure('x,y\n2,\n', { label: 'y', task: 'regression' })).toBe(
      'data.csv: line 2, column "y" (index 1, label): the label is empty.'
    )
    expect(await failure('y,x\n1.5,2\n', { task: 'multiclass' })).toBe(
      'data.csv: line 2, column "y" (index 0, label): the label 1.5 is not a class: classes are whole numbers from 0 to 999.'
    )
    expect(await failure('y,x\n1,"open\n')).toMatch(
      /line 2.*quoted field runs past the end of the line/
    )
    expect(await failure('y\n1\n')).toBe(
      'data.csv: the first line has only one column, the label: the model needs feature columns beside it.'
    )
    expect(await failure('a,b\n1,2\n', { label: 'label' })).toBe(
      'data.csv: no column named "label" for the label; the header has "a", "b".'
    )
    expect(await failure('y,x\n')).toBe('data.csv: there are no data rows after the header.')
    expect(await failure('\n\n')).toBe('data.csv: the data is empty.')
    expect(
      await failure('y,x\n1,é\n', { maxRowBytes: 2, maxRowBytesReason: 'the test limit' })
    ).toBe(
      'data.csv: line 2, column "y" (index 0, label): the row\'s features take 3 bytes, more than the test limit.'
    )
  })

  it('agrees with a plain split on unquoted lines (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9. ]*$/), { minLength: 1, maxLength: 6 }),
        fields => {
          const line = fields.join(',')
          const spans = fieldSpans(line)!
          expect(spans.starts.map((s, i) => line.slice(s, spans.ends[i]))).toEqual(fields)
        }
      )
    )
  })

  it('cuts the label out of any row, wherever it is and however the bytes arrive (property)', async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9. é]{0,6}$/),
      fc.stringMatching(/^[a-z, ]{0,5}$/).map(text => `"${text}"`)
    )
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 5 })
          .chain(width =>
            fc.tuple(
              fc.integer({ min: 0, max: width - 1 }),
              fc.array(
                fc.tuple(
                  fc.array(field, { minLength: width - 1, maxLength: width - 1 }),
                  fc.integer({ min: 0, max: 1 })
                ),
                { minLength: 1, maxLength: 20 }
              ),
              fc.integer({ min: 1, max: 40 }),
              fc.boolean()
            )
          ),
        async ([k, table, size, crlf]) => {
          const lines = table.map(([features, label]) =>
            [...features.slice(0, k), String(label), ...features.slice(k)].join(',')
          )
          const text = lines.join(crlf ? '\r\n' : '\n')
          const data = await rows(text, { label: k, header: false }, size)
          expect(data.features).toEqual(table.map(([features]) => features.join(',')))
          expect(data.labels).toEqual(table.map(([, label]) => label))
          expect(data.lines).toEqual(table.map((_, i) => i + 1))
        }
      )
    )
  })

  it('rewrites the data label first, without a header, for transform jobs', async () => {
    const out: string[] = []
    for await (const chunk of labelFirstCopy(chunked('a,"b,c",y\n1,"x,y",0\n2,z," 1"\n'), {
      task: 'binary',
      source: 'd',
      label: 'y'
    }))
      out.push(new TextDecoder().decode(chunk))
    expect(out.join('')).toBe('0,1,"x,y"\n1,2,z\n')
    const regression: string[] = []
    for await (const chunk of labelFirstCopy(chunked('x,y\n"a",1.50\n'), {
      task: 'regression',
      source: 'd',
      label: 1
    }))
      regression.push(new TextDecoder().decode(chunk))
    expect(regression.join('')).toBe('1.5,"a"\n')
  })
})

describe('packing requests', () => {
  /** Rows in blocks of up to three, as the reader hands them over. */
  async function* blocksOf(features: string[]): AsyncGenerator<RowBlock> {
    for (let first = 0; first < features.length; first += 3) {
      const part = features.slice(first, first + 3)
      const bytes = part.map(f => new TextEncoder().encode(`${f}\n`))
      const ends = new Uint32Array(part.length)
      bytes.reduce((end, b, i) => (ends[i] = end + b.length), 0)
      const joined = new Uint8Array(ends.at(-1) ?? 0)
      bytes.forEach((b, i) => joined.set(b, i === 0 ? 0 : ends[i - 1]))
      yield {
        rows: part.length,
        lines: Float64Array.from(part, (_, i) => first + i + 2),
        labels: Float64Array.from(part, (_, i) => (first + i) % 2),
        features: joined,
        ends
      }
    }
  }

  it('fills each request up to the byte limit exactly, counting UTF-8 bytes, in order', async () => {
    // "é" is two bytes: each row takes 4 bytes with its line feed.
    const batches = []
    for await (const batch of packRequests(blocksOf(['aé', 'bé', 'cé', 'dé', 'eé']), {
      maxBytes: 8,
      maxRows: 100
    }))
      batches.push(batch)
    expect(batches.map(b => new TextDecoder().decode(b.body))).toEqual([
      'aé\nbé\n',
      'cé\ndé\n',
      'eé\n'
    ])
    expect(batches.map(b => b.body.length)).toEqual([8, 8, 4])
    expect(batches.map(b => b.index)).toEqual([0, 1, 2])
    expect(batches.map(b => [...b.lines])).toEqual([[2, 3], [4, 5], [6]])
    expect(batches.map(b => [...b.labels])).toEqual([[0, 1], [0, 1], [0]])
  })

  it('never exceeds either limit and loses no row (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ minLength: 0, maxLength: 20 }).map(s => s.replace(/\n/g, '')),
          {
            minLength: 1,
            maxLength: 60
          }
        ),
        fc.integer({ min: 21 * 3, max: 400 }),
        fc.integer({ min: 1, max: 10 }),
        async (features, maxBytes, maxRows) => {
          const bodies: string[] = []
          for await (const batch of packRequests(blocksOf(features), { maxBytes, maxRows })) {
            expect(batch.body.length).toBeLessThanOrEqual(maxBytes)
            expect(batch.rows).toBeLessThanOrEqual(maxRows)
            bodies.push(new TextDecoder().decode(batch.body))
          }
          expect(bodies.join('')).toBe(features.map(f => `${f}\n`).join(''))
        }
      )
    )
  })
})

describe('names', () => {
  it('are deterministic, at most 63 characters, and fit every resource pattern', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).filter(s => s.trim() !== ''),
        id => {
          const names = liveNames(id)
          const all = ['candidate', 'baseline'].flatMap(role => [
            names.model(role as 'candidate'),
            names.endpoint(role as 'candidate'),
            names.transformJob(role as 'candidate')
          ])
          for (const name of [...all, names.pairedEndpoint()]) {
            expect(name.length).toBeLessThanOrEqual(63)
            expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/)
            expect(name).toMatch(/^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/)
          }
          expect(liveNames(id).model('candidate')).toBe(names.model('candidate'))
        }
      )
    )
  })

  it('keep a clean run id readable and tell apart ids that clean up alike', () => {
    expect(liveNames('12345-2').model('candidate')).toBe('gate-12345-2-candidate')
    expect(runSlug('a_b')).not.toBe(runSlug('a.b'))
    expect(runSlug('x'.repeat(100))).toHaveLength(48)
    expect(() => runSlug(' ')).toThrow(RangeError)
  })
})

describe('answers', () => {
  it('takes the prediction from a field or an index when told', () => {
    const jsonl = '{"id": 1, "p": 0.25}\n{"id": 2, "p": 0.75}\n'
    expect([
      ...readAnswer(jsonl, 'application/jsonlines', {
        task: 'binary',
        rows: 2,
        source: 's',
        predictionColumn: 'p'
      }).values
    ]).toEqual([0.25, 0.75])
    expect([
      ...readAnswer('7,0.1\n8,0.9\n', 'text/csv', {
        task: 'binary',
        rows: 2,
        source: 's',
        predictionColumn: 1
      }).values
    ]).toEqual([0.1, 0.9])
    expect(() =>
      readAnswer(jsonl, 'application/jsonlines', {
        task: 'binary',
        rows: 2,
        source: 's',
        predictionColumn: 'q'
      })
    ).toThrow('s: prediction 1 is {"id":1,"p":0.25}: it has no field "q" (prediction-column).')
    expect(() =>
      readAnswer('0.1\n', 'text/csv', {
        task: 'binary',
        rows: 1,
        source: 's',
        predictionColumn: 'p'
      })
    ).toThrow(/CSV, which has no field names/)
    expect(() => readAnswer('0.1\n', 'text/csv', { task: 'binary', rows: 2, source: 's' })).toThrow(
      's: 1 prediction came back for 2 rows sent.'
    )
  })
})

describe('answers read from their bytes', () => {
  const number = fc.oneof(
    fc.double({ noNaN: true }).map(String),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(d => d.toExponential()),
    fc
      .tuple(fc.double({ noNaN: true, min: 0, max: 1 }), fc.integer({ min: 0, max: 20 }))
      .map(([d, k]) => d.toFixed(k)),
    fc.integer({ min: -5, max: 5 }).map(String),
    fc.stringMatching(/^[+-]?\d{0,21}(\.\d{0,21})?(e[+-]?\d{1,3})?$/),
    fc.constantFrom('.5', '5.', '+4E2', '-0', '1e400', 'nan', 'inf', 'abc', '1,2', '"0.5"', '.', '')
  )
  const line = fc
    .tuple(fc.stringMatching(/^[ \t]{0,2}$/), number, fc.stringMatching(/^[ \t\r]{0,2}$/))
    .map(parts => parts.join(''))
  const answer = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean())
  const outcome = (read: () => { rows: number; width: number; values: Float64Array }) => {
    try {
      const p = read()
      return { rows: p.rows, width: p.width, values: Array.from(p.values) }
    } catch (error) {
      return { error: (error as Error).message }
    }
  }

  it('give the same predictions and errors as the general reader (property)', () => {
    fc.assert(
      fc.property(
        answer,
        fc.constantFrom('binary', 'multiclass', 'regression'),
        fc.integer({ min: -1, max: 1 }),
        ([lines, finalNewline], task, extra) => {
          const text = lines.join('\n') + (finalNewline ? '\n' : '')
          const rows = Math.max(1, lines.filter(l => l.trim() !== '').length + extra)
          const options = { task, rows, source: 's' } as const
          const general = outcome(() =>
            parsePredictions(text, {
              task,
              contentType: 'text/csv',
              expectedRows: rows,
              source: 's'
            })
          )
          expect(outcome(() => readAnswer(Buffer.from(text), 'text/csv', options))).toEqual(general)
          expect(outcome(() => readAnswer(text, undefined, options))).toEqual(general)
        }
      ),
      { numRuns: 2000 }
    )
  })
})

describe('the collector', () => {
  it('evaluates batches in data order whatever order they arrive in: the same as the engine on the whole file', async () => {
    const random = seeded(5)
    const n = 500
    const labels = Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0))
    const a = labels.map(y => Math.min(1, Math.max(0, 0.3 * y + 0.7 * random())))
    const b = labels.map(y => Math.min(1, Math.max(0, 0.1 * y + 0.9 * random())))
    const options = {
      task: 'binary' as const,
      source: 'd',
      labelColumn: 0,
      fieldCount: 3,
      paired: true
    }
    const collector = new LiveCollector(options)
    const order = [3, 0, 4, 1, 2]
    const waiting: number[] = []
    for (const k of order) {
      const from = k * 100
      const to = from + 100
      collector.add(
        k,
        { rows: 100, lines: [], labels: Float64Array.from(labels.slice(from, to)) },
        { rows: 100, width: 1, values: Float64Array.from(a.slice(from, to)) },
        { rows: 100, width: 1, values: Float64Array.from(b.slice(from, to)) }
      )
      waiting.push(collector.waiting)
    }
    expect(waiting).toEqual([1, 1, 2, 2, 0])
    const live = collector.finish()
    const text = labels.map((y, i) => `${y},${a[i]},${b[i]}\n`).join('')
    const whole = await evaluate([encoder.encode(text)], {
      task: 'binary',
      source: 'd',
      label: 0,
      prediction: 1,
      baseline: 2
    })
    expect(live.candidate).toEqual(whole.candidate)
    expect(live.comparison).toEqual(whole.comparison)
  })

  it('refuses answers of different shapes, labels outside the probabilities, and a missing batch', () => {
    const make = () =>
      new LiveCollector({
        task: 'multiclass',
        source: 'd',
        labelColumn: 0,
        labelName: 'y',
        fieldCount: 2,
        paired: false
      })
    const sent = (labels: number[]) => ({
      rows: labels.length,
      lines: labels.map((_, i) => i + 2),
      labels: Float64Array.from(labels)
    })
    const c1 = make()
    c1.add(0, sent([0]), { rows: 1, width: 2, values: Float64Array.of(0.5, 0.5) })
    expect(() =>
      c1.add(1, sent([1]), { rows: 1, width: 3, values: Float64Array.of(0.2, 0.3, 0.5) })
    ).toThrow(/the candidate returned 3 values per row for lines 2-2, and 2 before/)
    expect(() =>
      make().add(0, sent([0, 2]), { rows: 2, width: 2, values: Float64Array.of(1, 0, 0, 1) })
    ).toThrow(
      'd: line 3, column "y" (index 0, label): the label 2 is not one of the 2 classes the candidate gives probabilities for (0-1).'
    )
    const c3 = make()
    c3.add(1, sent([0]), { rows: 1, width: 1, values: Float64Array.of(0) })
    expect(() => c3.finish()).toThrow('batch 0 never arrived; 1 later ones wait for it')
  })
})

describe('the pool and retries', () => {
  it('stops pulling after a failure and throws it once the running handles are done', async () => {
    const started: number[] = []
    const finished: number[] = []
    function* items() {
      for (let i = 0; i < 100; i++) yield i
    }
    const error = await forEachConcurrently(items(), 3, async item => {
      started.push(item)
      await new Promise(resolve => setTimeout(resolve, item === 1 ? 1 : 5))
      if (item === 1) throw new Error('boom')
      finished.push(item)
    }).catch((e: unknown) => e)
    expect((error as Error).message).toBe('boom')
    expect(started).toEqual([0, 1, 2])
    expect(finished.sort()).toEqual([0, 2])
  })

  it('reads ahead in order, at most `depth` items early, passes on an error, and closes its source', async () => {
    let pulled = 0
    let closed = false
    async function* source() {
      try {
        for (let i = 0; i < 10; i++) {
          pulled++
          if (i === 7) throw new Error('read failed')
          yield i
        }
      } finally {
        closed = true
      }
    }
    const seen: number[] = []
    const ahead = readAhead(source(), 3)
    const first = await ahead.next()
    seen.push(first.value as number)
    await new Promise(resolve => setTimeout(resolve, 5))
    expect(pulled).toBeLessThanOrEqual(1 + 3)
    const error = await (async () => {
      for await (const item of ahead) seen.push(item)
    })().catch((e: unknown) => e)
    expect((error as Error).message).toBe('read failed')
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(closed).toBe(true)
  })

  it('retries what a busy service answers, not what the model or the request got wrong', () => {
    const named = (name: string, status?: number) =>
      Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: status } })
    expect(isRetryable(named('ThrottlingException', 400))).toBe(true)
    expect(isRetryable(named('ModelNotReadyException', 429))).toBe(true)
    expect(isRetryable(named('ServiceUnavailable', 503))).toBe(true)
    expect(isRetryable(named('Whatever', 502))).toBe(true)
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isRetryable(named('ModelError', 424))).toBe(false)
    expect(isRetryable(named('ValidationError', 400))).toBe(false)
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }
    expect([1, 2, 3, 4, 5].map(a => backoffMs(policy, a, () => 0))).toEqual([
      50, 100, 200, 400, 500
    ])
    expect([1, 2, 3, 4, 5].map(a => backoffMs(policy, a, () => 1))).toEqual([
      100, 200, 400, 800, 1000
    ])
  })
})

describe('cleanup scaffolding (post step)', () => {
  it('round-trips its state, with regions, and reads the older form without them', () => {
    const resources = [
      { kind: 'transform-job' as const, name: 'j', region: 'eu-west-1' },
      { kind: 'model' as const, name: 'm' }
    ]
    expect(parseTemporaryState(temporaryStateValue(resources))).toEqual(resources)
    expect(parseTemporaryState('[{"kind":"endpoint","name":"e"}]')).toEqual([
      { kind: 'endpoint', name: 'e' }
    ])
    expect(cleanupCommand(resources[0]!)).toBe(
      'aws sagemaker stop-transform-job --transform-job-name j --region eu-west-1'
    )
  })

  it('stops a running transform job, leaves a finished one, and waits for a creating endpoint before deleting it', async () => {
    const sm = mockClient(SageMakerClient)
    const calls: string[] = []
    sm.on(DescribeTransformJobCommand, { TransformJobName: 'running' }).resolves({
      TransformJobStatus: 'InProgress'
    })
    sm.on(DescribeTransformJobCommand, { TransformJobName: 'done' }).resolves({
      TransformJobStatus: 'Completed'
    })
    sm.on(StopTransformJobCommand).callsFake(
      input => void calls.push(`stop ${input.TransformJobName}`)
    )
    sm.on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: 'Creating' })
      .resolvesOnce({ EndpointStatus: 'Creating' })
      .resolvesOnce({ EndpointStatus: 'Creating' })
      .resolvesOnce({ EndpointStatus: 'Creating' })
      .resolves({ EndpointStatus: 'InService' })
    sm.on(DeleteEndpointCommand).callsFake(input => void calls.push(`delete ${input.EndpointName}`))
    let now = 0
    const sleeps: number[] = []
    const result = await deleteTemporaryResources(
      new SageMakerClient({ region: 'us-east-1' }),
      [
        { kind: 'endpoint', name: 'e' },
        { kind: 'transform-job', name: 'running' },
        { kind: 'transform-job', name: 'done' }
      ],
      {
        sleep: async ms => {
          sleeps.push(ms)
          now += ms
        },
        now: () => new Date(now),
        pollSeconds: 3
      }
    )
    expect(calls).toEqual(['stop running', 'delete e'])
    // Looks start a second apart and double, up to pollSeconds.
    expect(sleeps).toEqual([1000, 2000, 3000, 3000])
    expect(result.deleted.map(r => r.name)).toEqual(['running', 'done', 'e'])
    expect(result.warnings).toEqual([])
    sm.restore()
  })
})
