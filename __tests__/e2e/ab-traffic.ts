// Traffic for an A/B test on the emulator: requests sent with an InferenceId to an endpoint
// that captures them, the capture delivered, and ground truth written for every request
// in Model Monitor's format, under the current hour's `yyyy/mm/dd/hh` folder.
import type { Emulator } from '../../emulator/server.ts'

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

export interface Traffic {
  endpointName: string
  count: number
  seed: number
  /** Where the ground truth goes: `<prefix>/yyyy/mm/dd/hh/labels-<seed>.jsonl`. */
  groundTruth: { bucket: string; prefix: string }
}

/**
 * Sends `count` requests of two features, the label drawn from the first one, delivers the
 * capture, and writes the ground truth of every request as one object.
 */
export async function serveAndLabel(emulator: Emulator, traffic: Traffic): Promise<void> {
  const { endpointName, count, seed, groundTruth } = traffic
  const next = random(seed)
  const lines: string[] = []
  const send = async (i: number) => {
    const x1 = next() * 4 - 2
    const x2 = next() * 4 - 2
    const label = next() < sigmoid(3 * x1) ? 1 : 0
    const id = `req-${seed}-${i}`
    // InvokeEndpoint's REST form, without the SDK's signing: thousands of requests stay fast.
    const response = await fetch(`${emulator.url}/endpoints/${endpointName}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-amzn-sagemaker-inference-id': id },
      body: `${x1},${x2}`
    })
    if (response.status !== 200)
      throw new Error(`InvokeEndpoint ${endpointName} answered ${response.status}`)
    await response.arrayBuffer()
    lines.push(
      JSON.stringify({
        groundTruthData: { data: String(label), encoding: 'CSV' },
        eventMetadata: { eventId: id },
        eventVersion: '0'
      })
    )
  }
  for (let i = 0; i < count; i += 32) {
    await Promise.all(Array.from({ length: Math.min(32, count - i) }, (_, k) => send(i + k)))
  }
  emulator.flushCapture()
  const hour = new Date().toISOString().slice(0, 13).replace(/[-T]/g, '/')
  emulator.seed({
    s3Objects: [
      {
        bucket: groundTruth.bucket,
        key: `${groundTruth.prefix}/${hour}/labels-${seed}.jsonl`,
        body: `${lines.join('\n')}\n`
      }
    ]
  })
}
