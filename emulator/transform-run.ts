// What a Batch Transform job does with one input object: split it into records, apply the
// DataProcessing InputFilter, send mini-batches to the model within MaxPayloadInMB, join the
// predictions with the input (JoinSource) and apply the OutputFilter. Errors are the job's
// FailureReason, "ClientError: ..." as SageMaker prefixes customer-side failures.
import { JsonPathError, parseJsonPath, selectJsonPath } from './jsonpath.ts'
import { CSV, JSON_LINES, mediaType, ModelInputError, predict, type LinearModel } from './model.ts'

export interface TransformSettings {
  contentType: string
  accept: string
  splitType: string
  batchStrategy: string
  /** 0 means no limit (HTTP chunked encoding). */
  maxPayloadBytes: number
  inputFilter: string
  outputFilter: string
  joinInput: boolean
}

export class TransformFailure extends Error {}

type Format = typeof CSV | typeof JSON_LINES

function formatOf(type: string, what: string): Format {
  const t = mediaType(type)
  if (t === CSV || t === JSON_LINES) return t
  throw new TransformFailure(
    `ClientError: ${what} ${type} is not supported by the model container.`
  )
}

/** A record as the filters see it: CSV rows are JSON arrays of their cells. */
function parseRecord(line: string, format: Format): unknown {
  if (format === CSV) return line.split(',')
  try {
    return JSON.parse(line)
  } catch {
    throw new TransformFailure(`ClientError: A record is not valid JSON: ${line.slice(0, 100)}`)
  }
}

function serialise(value: unknown, format: Format): string {
  if (format === CSV) return Array.isArray(value) ? value.map(String).join(',') : String(value)
  return JSON.stringify(value)
}

/** A parsed filter, applied record by record; a failure names the filter and its path. */
function compileFilter(path: string, which: string): (value: unknown) => unknown {
  const fail = (e: unknown): never => {
    if (e instanceof JsonPathError)
      throw new TransformFailure(`ClientError: ${which} ${path}: ${e.message}`)
    throw e
  }
  let selectors: ReturnType<typeof parseJsonPath> = []
  try {
    selectors = parseJsonPath(path)
  } catch (e) {
    fail(e)
  }
  if (selectors.length === 0) return value => value
  return value => {
    try {
      return selectJsonPath(value, selectors)
    } catch (e) {
      return fail(e)
    }
  }
}

/** Mini-batches of records: one each (SingleRecord) or as many as fit (MultiRecord). */
function batches(records: string[], s: TransformSettings): string[][] {
  const out: string[][] = []
  let current: string[] = []
  let size = 0
  for (const r of records) {
    const bytes = Buffer.byteLength(r) + 1
    if (s.maxPayloadBytes > 0 && bytes > s.maxPayloadBytes)
      throw new TransformFailure(
        `ClientError: A record of ${bytes} bytes is larger than MaxPayloadInMB (${s.maxPayloadBytes / 1048576} MB).`
      )
    const full = s.maxPayloadBytes > 0 && size + bytes > s.maxPayloadBytes
    if (current.length > 0 && (s.batchStrategy === 'SingleRecord' || full)) {
      out.push(current)
      current = []
      size = 0
    }
    current.push(r)
    size += bytes
  }
  if (current.length > 0) out.push(current)
  return out
}

function scoreAll(
  model: LinearModel,
  inputs: string[],
  s: TransformSettings
): { outputs: string[]; requests: number } {
  const outputs: string[] = []
  // SplitType None sends the whole object as one request.
  const groups = s.splitType === 'None' ? [inputs] : batches(inputs, s)
  for (const group of groups) {
    try {
      const answer = predict(model, group.join('\n') + '\n', s.contentType, s.accept)
      const lines = answer.body.split('\n')
      // One by one: spreading a large answer into push() overflows the stack.
      for (let i = 0; i < lines.length - 1; i++) outputs.push(lines[i]!)
    } catch (e) {
      if (e instanceof ModelInputError)
        throw new TransformFailure(`ClientError: See job logs for more information. ${e.message}`)
      throw e
    }
  }
  return { outputs, requests: groups.length }
}

/** JoinSource Input: CSV rows get the prediction's cells appended; JSON gets SageMakerOutput. */
function join(input: unknown, output: unknown, format: Format): unknown {
  if (format === CSV)
    return [...(input as unknown[]), ...(Array.isArray(output) ? output : [output])]
  if (typeof input === 'object' && input !== null && !Array.isArray(input))
    return { ...(input as Record<string, unknown>), SageMakerOutput: output }
  return { SageMakerInput: input, SageMakerOutput: output }
}

/** Transforms one object's text; returns the `.out` object's text. */
export function transformObject(
  model: LinearModel,
  text: string,
  s: TransformSettings
): { body: string; requests: number } {
  const inFormat = formatOf(s.contentType, 'Content type')
  const outFormat = formatOf(s.accept, 'Accept')
  if (s.joinInput && inFormat !== outFormat)
    throw new TransformFailure(
      `ClientError: JoinSource Input needs the output in the input's format (${inFormat}), not ${outFormat}.`
    )
  const inputFilter = compileFilter(s.inputFilter, 'InputFilter')
  const outputFilter = compileFilter(s.outputFilter, 'OutputFilter')
  const lines = text.split(/\r?\n/).filter(l => l.trim() !== '')
  const records = lines.map(l => parseRecord(l, inFormat))
  const inputs = records.map(r => serialise(inputFilter(r), inFormat))
  const { outputs, requests } = scoreAll(model, inputs, s)
  if (outputs.length !== records.length)
    throw new TransformFailure(
      `ClientError: The model returned ${outputs.length} predictions for ${records.length} records.`
    )
  const body = records
    .map((record, i) => {
      const output = parseRecord(outputs[i]!, outFormat)
      const joined = s.joinInput ? join(record, output, inFormat) : output
      return serialise(outputFilter(joined), outFormat) + '\n'
    })
    .join('')
  return { body, requests }
}
