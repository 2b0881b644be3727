// InvokeEndpoint through @aws-sdk/client-sagemaker-runtime: the JSON model format,
// traffic split by weight, the 6 MB payload limit and the runtime's error types.
import { request, Agent } from 'node:http'
import { describe, expect, it } from '@jest/globals'
import { CreateEndpointCommand } from '@aws-sdk/client-sagemaker'
import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput
} from '@aws-sdk/client-sagemaker-runtime'
import {
  approvedModel,
  endpointConfig,
  expectAwsError,
  inService,
  linear,
  useHarness
} from './helpers.ts'
import { parseArtifact, predict } from '../../emulator/model.ts'

const h = useHarness()

async function deploy(endpoint: string, artifact: string): Promise<void> {
  await approvedModel(h, `${endpoint}-model`, artifact)
  await endpointConfig(h, `${endpoint}-cfg`, [{ model: `${endpoint}-model` }])
  await h.sm.send(
    new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: `${endpoint}-cfg` })
  )
  await inService(h, endpoint)
}

async function invoke(
  input: Partial<InvokeEndpointCommandInput> & { EndpointName: string; Body: string | Uint8Array }
) {
  const r = await h.rt.send(
    new InvokeEndpointCommand({
      ContentType: 'text/csv',
      ...input,
      Body: typeof input.Body === 'string' ? Buffer.from(input.Body) : input.Body
    })
  )
  return {
    text: Buffer.from(r.Body!).toString('utf8'),
    variant: r.InvokedProductionVariant,
    contentType: r.ContentType,
    requestId: r.$metadata.requestId
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

describe('predictions from the JSON model format', () => {
  it('binary: sigmoid(w.x + b) per CSV row, one line each', async () => {
    await deploy('bin', linear('binary', [0.5, -1], 0.1))
    const r = await invoke({ EndpointName: 'bin', Body: '1,2\n0,0\r\n\n3,1\n' })
    expect(r.contentType).toBe('text/csv')
    expect(r.variant).toBe('AllTraffic')
    const values = r.text.trimEnd().split('\n').map(Number)
    expect(values).toHaveLength(3)
    expect(values[0]).toBeCloseTo(sigmoid(0.5 - 2 + 0.1), 12)
    expect(values[1]).toBeCloseTo(sigmoid(0.1), 12)
    expect(values[2]).toBeCloseTo(sigmoid(1.5 - 1 + 0.1), 12)
  })

  it('regression: w.x + b', async () => {
    await deploy('reg', linear('regression', [2, 3], -1))
    expect((await invoke({ EndpointName: 'reg', Body: '1,1\n2,0\n' })).text).toBe('4\n3\n')
  })

  it('multiclass: the class index, or probabilities when the artifact asks for them', async () => {
    const weights = [
      [1, 0],
      [0, 1],
      [-1, -1]
    ]
    await deploy(
      'multi',
      JSON.stringify({
        format: 'sagemaker-model-gate/linear-v1',
        task: 'multiclass',
        weights,
        bias: [0, 0, 0]
      })
    )
    expect((await invoke({ EndpointName: 'multi', Body: '5,1\n1,5\n-3,-3\n' })).text).toBe(
      '0\n1\n2\n'
    )
    await deploy(
      'probs',
      JSON.stringify({
        format: 'sagemaker-model-gate/linear-v1',
        task: 'multiclass',
        weights,
        bias: [0, 0, 0],
        output: 'probabilities'
      })
    )
    const row = (await invoke({ EndpointName: 'probs', Body: '0,0\n' })).text
      .trim()
      .split(',')
      .map(Number)
    expect(row).toHaveLength(3)
    row.forEach(p => expect(p).toBeCloseTo(1 / 3, 12))
  })

  it('answers rows it cannot score with ModelError (424) carrying the original status', async () => {
    await deploy('bin', linear('binary', [1, 1], 0))
    const wrongWidth = await expectAwsError(
      invoke({ EndpointName: 'bin', Body: '1,2,3\n' }),
      'ModelError',
      424,
      /Received client error \(400\) from primary/
    )
    expect(wrongWidth.OriginalStatusCode).toBe(400)
    expect(wrongWidth.OriginalMessage).toMatch(/3 features, the model expects 2/)
    await expectAwsError(
      invoke({ EndpointName: 'bin', Body: '1,abc\n' }),
      'ModelError',
      424,
      /could not convert string to float/
    )
    const json = await expectAwsError(
      invoke({ EndpointName: 'bin', Body: '{"x":1}', ContentType: 'application/json' }),
      'ModelError',
      424
    )
    expect(json.OriginalStatusCode).toBe(415)
  })
})

describe('routing', () => {
  it('splits traffic between variants by weight and honours TargetVariant', async () => {
    await approvedModel(h, 'a', linear('regression', [0], 1))
    await approvedModel(h, 'b', linear('regression', [0], 2))
    await endpointConfig(h, 'cfg', [
      { model: 'a', name: 'A', weight: 3 },
      { model: 'b', name: 'B', weight: 1 }
    ])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ab', EndpointConfigName: 'cfg' }))
    await inService(h, 'ab')
    const counts: Record<string, number> = {}
    for (let i = 0; i < 40; i++) {
      const r = await invoke({ EndpointName: 'ab', Body: '0\n' })
      counts[r.variant!] = (counts[r.variant!] ?? 0) + 1
      expect(r.text).toBe(r.variant === 'A' ? '1\n' : '2\n')
    }
    expect(counts).toEqual({ A: 30, B: 10 })
    for (let i = 0; i < 3; i++)
      expect((await invoke({ EndpointName: 'ab', Body: '0\n', TargetVariant: 'B' })).variant).toBe(
        'B'
      )
    await expectAwsError(
      invoke({ EndpointName: 'ab', Body: '0\n', TargetVariant: 'C' }),
      'ValidationError',
      400,
      /Variant C not found/
    )
  })

  it('fails with ValidationError for an endpoint that does not exist or is not in service yet', async () => {
    await expectAwsError(
      invoke({ EndpointName: 'ghost', Body: '1\n' }),
      'ValidationError',
      400,
      /^Endpoint ghost of account 123456789012 not found\.$/
    )
    await approvedModel(h, 'm', linear('regression', [1], 0))
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'slow', EndpointConfigName: 'cfg' }))
    await expectAwsError(
      invoke({ EndpointName: 'slow', Body: '1\n' }),
      'ValidationError',
      400,
      /not found/
    )
  })
})

describe('payload limit', () => {
  it('accepts exactly 6291456 bytes and refuses one byte more', async () => {
    await deploy('reg', linear('regression', [1], 0))
    const limit = 6291456
    const fits = '7\n' + ' '.repeat(limit - 2)
    expect((await invoke({ EndpointName: 'reg', Body: fits })).text).toBe('7\n')
    await expectAwsError(
      invoke({ EndpointName: 'reg', Body: fits + ' ' }),
      'ValidationError',
      400,
      /Member must have length less than or equal to 6291456/
    )
    expect(h.emu.stats().runtime.InvokeEndpoint).toBe(2)
  })
})

describe('CSV rows as the container reads them', () => {
  const model = (task: 'binary' | 'regression') => {
    const loaded = parseArtifact(Buffer.from(linear(task, [2, 3], -1)), 's3://b/m.json')
    if (!loaded.ok) throw new Error(loaded.reason)
    return loaded.model
  }
  const score = (body: string, task: 'binary' | 'regression' = 'regression') =>
    predict(model(task), body, 'text/csv', undefined).body

  it('skips blank lines, takes CRLF endings and spaces around cells, and answers in row order', () => {
    expect(score('1,2\r\n\n 3 , 4 \n \t\n0,0')).toBe('7\n17\n-1\n')
    expect(score('1,2\n0,0\n', 'binary')).toBe(`${sigmoid(7)}\n${sigmoid(-1)}\n`)
    expect(score('1e3,-0\n')).toBe('1999\n')
  })

  it('names the first cell it cannot read and the row, blank lines counted', () => {
    expect(() => score('1,2\n\n1,abc\n')).toThrow(
      "could not convert string to float: 'abc' (row 3)"
    )
    expect(() => score('1,,2\n')).toThrow("could not convert string to float: '' (row 1)")
    expect(() => score('1, \n')).toThrow("could not convert string to float: '' (row 1)")
    expect(() => score('Infinity,1\n')).toThrow(
      "could not convert string to float: 'Infinity' (row 1)"
    )
    // A bad cell beyond the model's width is still a bad cell, as the container reads all.
    expect(() => score('1,2,abc\n')).toThrow("could not convert string to float: 'abc' (row 1)")
  })

  it("counts each row's features against the model", () => {
    expect(() => score('1,2,3\n')).toThrow('Row 1 has 3 features, the model expects 2.')
    expect(() => score('\n\n1\n')).toThrow('Row 3 has 1 features, the model expects 2.')
  })
})

describe('connections', () => {
  it('keeps a keep-alive client on one connection between requests', async () => {
    const agent = new Agent({ keepAlive: true })
    const ports: number[] = []
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = request(`${h.emu.url}/endpoints/none/invocations`, { method: 'POST', agent })
          req.on('response', res => {
            ports.push(req.socket!.localPort!)
            res.resume()
            res.on('end', resolve)
          })
          req.on('error', reject)
          req.end('1\n')
        })
        // The agent takes the socket back once the answer has been read.
        await new Promise(resolve => setImmediate(resolve))
      }
    } finally {
      agent.destroy()
    }
    expect(new Set(ports).size).toBe(1)
  })
})
