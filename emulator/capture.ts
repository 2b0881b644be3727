// Endpoint data capture as Model Monitor documents it: a sampled share of invocations is
// written to S3 as JSON lines under
// `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl`, delivered in batches
// a little after the invocations (captureDeliveryMs), or at once through the control API.
import { randomUUID } from 'node:crypto'
import { mediaType } from './model.ts'
import { parseS3Uri, type CaptureRecord, type Store } from './state.ts'
import type { Input } from './validate.ts'

export interface CapturedCall {
  endpoint: string
  variant: string
  time: number
  inferenceId?: string
  input: { contentType: string; body: Buffer }
  output: { contentType: string; body: Buffer }
}

/**
 * CaptureContentTypeHeader decides the encoding: a listed CSV or JSON type is kept as text,
 * anything else is base64 ("If no headers are specified SageMaker will by default base64
 * encode when capturing the data").
 */
function encode(
  header: Input | undefined,
  contentType: string,
  body: Buffer
): { data: string; encoding: string } {
  const type = mediaType(contentType)
  const listed = (key: string) =>
    ((header?.[key] as string[] | undefined) ?? []).some(t => t.toLowerCase() === type)
  if (listed('CsvContentTypes')) return { data: body.toString('utf8'), encoding: 'CSV' }
  if (listed('JsonContentTypes')) return { data: body.toString('utf8'), encoding: 'JSON' }
  return { data: body.toString('base64'), encoding: 'BASE64' }
}

/** Seconds precision with a Z, as in the documented capture records. */
function captureTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** One captured line: captureData (input and/or output), eventMetadata, eventVersion "0". */
export function captureLine(config: Input, call: CapturedCall): string {
  const modes = ((config.CaptureOptions as Input[] | undefined) ?? []).map(o => o.CaptureMode)
  const header = config.CaptureContentTypeHeader as Input | undefined
  const wants = (mode: string) => modes.includes(mode) || modes.includes('InputAndOutput')
  const captureData: Input = {}
  if (wants('Input'))
    captureData.endpointInput = {
      observedContentType: call.input.contentType,
      mode: 'INPUT',
      ...encode(header, call.input.contentType, call.input.body)
    }
  if (wants('Output'))
    captureData.endpointOutput = {
      observedContentType: call.output.contentType,
      mode: 'OUTPUT',
      ...encode(header, call.output.contentType, call.output.body)
    }
  const eventMetadata: Input = { eventId: randomUUID() }
  if (call.inferenceId !== undefined) eventMetadata.inferenceId = call.inferenceId
  eventMetadata.inferenceTime = captureTime(call.time)
  return JSON.stringify({ captureData, eventMetadata, eventVersion: '0' })
}

/** Samples and buffers one call for delivery; returns whether it was captured. */
export function capture(store: Store, config: Input | undefined, call: CapturedCall): boolean {
  if (!config || config.EnableCapture === false) return false
  const percent = Number(config.InitialSamplingPercentage ?? 0)
  if (percent <= 0 || store.captureRandom() * 100 >= percent) return false
  store.captureBuffer.push({
    destination: String(config.DestinationS3Uri),
    endpoint: call.endpoint,
    variant: call.variant,
    time: call.time,
    line: captureLine(config, call)
  })
  if (store.captureBuffer.length === 1)
    store.schedule(store.delays.captureDeliveryMs, () => flushCapture(store))
  return true
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The object key of a batch: the hour folder and a `mm-ss-mmm-<uuid>.jsonl` name. */
function captureKey(prefix: string, r: CaptureRecord): string {
  const d = new Date(r.time)
  const folder = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCHours())}`
  const file = `${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}-${pad(d.getUTCMilliseconds(), 3)}-${randomUUID()}.jsonl`
  const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`
  return `${base}${r.endpoint}/${r.variant}/${folder}/${file}`
}

/** Writes every buffered record: one object per destination, endpoint, variant and hour. */
export function flushCapture(store: Store): number {
  const records = store.captureBuffer
  store.captureBuffer = []
  const batches = new Map<string, CaptureRecord[]>()
  for (const r of records) {
    const hour = Math.floor(r.time / 3600000)
    const k = `${r.destination}\n${r.endpoint}\n${r.variant}\n${hour}`
    const batch = batches.get(k)
    if (batch) batch.push(r)
    else batches.set(k, [r])
  }
  for (const batch of batches.values()) {
    const first = batch[0]!
    const loc = parseS3Uri(first.destination)
    if (!loc) continue
    const body = batch.map(r => `${r.line}\n`).join('')
    store.putObject(
      loc.bucket,
      captureKey(loc.key, first),
      Buffer.from(body),
      'application/jsonlines'
    )
  }
  return records.length
}
