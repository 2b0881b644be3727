// A small path-style S3: PutObject, GetObject, HeadObject, DeleteObject, ListObjectsV2
// (plus CreateBucket/HeadBucket so ordinary setup code works). Buckets exist implicitly.
import type { Store } from './state.ts'

export interface S3Response {
  status: number
  headers: Record<string, string>
  body?: Buffer | string
}

export class S3Error extends Error {
  readonly code: string
  readonly status: number
  readonly extra: Record<string, string>
  constructor(code: string, message: string, status: number, extra: Record<string, string> = {}) {
    super(message)
    this.code = code
    this.status = status
    this.extra = extra
  }
}

function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

export function errorXml(e: S3Error, requestId: string): string {
  const extra = Object.entries(e.extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`
}

/**
 * Undoes `Content-Encoding: aws-chunked` (what the SDK sends for streamed bodies with a
 * trailing checksum): `<hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>`.
 */
export function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = []
  let pos = 0
  while (pos < raw.length) {
    const eol = raw.indexOf('\r\n', pos)
    if (eol < 0) break
    const size = parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0]!, 16)
    if (!Number.isFinite(size))
      throw new S3Error('InvalidRequest', 'Malformed aws-chunked body.', 400)
    if (size === 0) break
    parts.push(raw.subarray(eol + 2, eol + 2 + size))
    pos = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/** The S3 operation a request is, for stats and fault injection. */
export function s3Operation(method: string, key: string, query: URLSearchParams): string {
  if (key === '') {
    if (method === 'PUT') return 'CreateBucket'
    if (method === 'HEAD') return 'HeadBucket'
    if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2'
    if (method === 'GET') return 'ListObjects'
    return `S3:${method}Bucket`
  }
  return (
    (
      { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' } as Record<
        string,
        string
      >
    )[method] ?? `S3:${method}Object`
  )
}

function splitPath(pathname: string): { bucket: string; key: string } {
  const rest = pathname.replace(/^\/+/, '')
  const i = rest.indexOf('/')
  const bucket = decodeURIComponent(i < 0 ? rest : rest.slice(0, i))
  const key = i < 0 ? '' : decodeURIComponent(rest.slice(i + 1))
  return { bucket, key }
}

function objectHeaders(o: {
  contentType: string
  etag: string
  lastModified: number
  body: Buffer
  metadata: Record<string, string>
}): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Type': o.contentType,
    'Content-Length': String(o.body.length),
    ETag: o.etag,
    'Last-Modified': new Date(o.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes'
  }
  for (const [k, v] of Object.entries(o.metadata)) h[`x-amz-meta-${k}`] = v
  return h
}

/** GetObject (with an optional byte Range) and HeadObject. */
function readObject(
  store: Store,
  op: string,
  bucket: string,
  key: string,
  range: string | undefined
): S3Response {
  const obj = store.getObject(bucket, key)
  if (!obj) {
    if (op === 'HeadObject') throw new S3Error('NotFound', 'Not Found', 404)
    throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key })
  }
  const h = objectHeaders(obj)
  const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null
  if (m && op === 'GetObject' && obj.body.length > 0) {
    const size = obj.body.length
    let start = m[1] === '' ? size - Number(m[2]) : Number(m[1])
    let end = m[1] === '' || m[2] === '' ? size - 1 : Number(m[2])
    start = Math.max(0, start)
    end = Math.min(size - 1, end)
    if (start > end)
      throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416)
    const part = obj.body.subarray(start, end + 1)
    return {
      status: 206,
      headers: {
        ...h,
        'Content-Length': String(part.length),
        'Content-Range': `bytes ${start}-${end}/${size}`
      },
      body: part
    }
  }
  return { status: 200, headers: h, body: op === 'GetObject' ? obj.body : undefined }
}

export function handleS3(
  store: Store,
  method: string,
  url: URL,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer
): S3Response {
  const { bucket, key } = splitPath(url.pathname)
  if (bucket === '')
    throw new S3Error('NotImplemented', 'ListBuckets is not supported by the emulator.', 501)
  const header = (n: string): string | undefined => {
    const v = headers[n]
    return Array.isArray(v) ? v[0] : v
  }
  const op = s3Operation(method, key, url.searchParams)
  // A bucket exists once created, seeded or written to; reading one that does not is
  // NoSuchBucket (HeadBucket: a bare 404).
  if (!store.buckets.has(bucket) && op !== 'CreateBucket' && op !== 'PutObject') {
    if (op === 'HeadBucket' || op === 'HeadObject') throw new S3Error('NotFound', 'Not Found', 404)
    throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, {
      BucketName: bucket
    })
  }
  switch (op) {
    case 'CreateBucket':
      if (!store.buckets.has(bucket)) store.buckets.set(bucket, new Map())
      return { status: 200, headers: { Location: `/${bucket}` } }
    case 'HeadBucket':
      return { status: 200, headers: {} }
    case 'PutObject': {
      const chunked =
        (header('content-encoding') ?? '').includes('aws-chunked') ||
        (header('x-amz-content-sha256') ?? '').startsWith('STREAMING-')
      const data = chunked ? decodeAwsChunked(body) : body
      const metadata: Record<string, string> = {}
      for (const [k, v] of Object.entries(headers))
        if (k.startsWith('x-amz-meta-') && typeof v === 'string')
          metadata[k.slice('x-amz-meta-'.length)] = v
      const obj = store.putObject(
        bucket,
        key,
        data,
        header('content-type') ?? 'binary/octet-stream',
        metadata
      )
      return { status: 200, headers: { ETag: obj.etag } }
    }
    case 'GetObject':
    case 'HeadObject':
      return readObject(store, op, bucket, key, header('range'))
    case 'DeleteObject':
      store.buckets.get(bucket)?.delete(key)
      return { status: 204, headers: {} }
    case 'ListObjectsV2':
      return listObjectsV2(store, bucket, url.searchParams)
    default:
      throw new S3Error('NotImplemented', `${op} is not supported by the emulator.`, 501)
  }
}

function encodeContinuationToken(bucket: string, after: string): string {
  return Buffer.from(JSON.stringify({ b: bucket, a: after })).toString('base64url')
}

function decodeContinuationToken(token: string): { bucket: string; after: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      b?: unknown
      a?: unknown
    }
    if (typeof parsed.b !== 'string' || typeof parsed.a !== 'string') return undefined
    return { bucket: parsed.b, after: parsed.a }
  } catch {
    return undefined
  }
}

interface ListArgs {
  prefix: string
  delimiter: string
  maxKeys: number
  token: string | null
  startAfter: string
  encode: boolean
  /** The last key a previous page covered (from the token, else start-after). */
  after: string
}

/** ListObjectsV2's query, with S3's InvalidArgument (400) for values it refuses. */
function listArgs(bucket: string, q: URLSearchParams): ListArgs {
  const invalid = (message: string, name: string, value: string) =>
    new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value })
  const rawMax = q.get('max-keys')
  if (rawMax !== null && !/^\d+$/.test(rawMax))
    throw invalid('Provided max-keys not an integer or within integer range', 'max-keys', rawMax)
  const encodingType = q.get('encoding-type')
  if (encodingType !== null && encodingType !== 'url')
    throw invalid('Invalid Encoding Method specified in Request', 'encoding-type', encodingType)
  const token = q.get('continuation-token')
  const startAfter = q.get('start-after') ?? ''
  let after = startAfter
  if (token !== null) {
    // Tokens are opaque to callers; this one carries the bucket and the last key it covered,
    // so an edited token or one from another bucket is refused as S3 refuses it.
    const decoded = decodeContinuationToken(token)
    if (!decoded || decoded.bucket !== bucket)
      throw invalid('The continuation token provided is incorrect', 'continuation-token', token)
    after = decoded.after
  }
  return {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys: Math.min(1000, rawMax === null ? 1000 : Number(rawMax)),
    token,
    startAfter,
    encode: encodingType === 'url',
    after
  }
}

function listObjectsV2(store: Store, bucket: string, q: URLSearchParams): S3Response {
  const { prefix, delimiter, maxKeys, token, startAfter, encode, after } = listArgs(bucket, q)
  const enc = (s: string) => xmlEscape(encode ? encodeURIComponent(s).replace(/%2F/g, '/') : s)
  const keys = [...(store.buckets.get(bucket)?.keys() ?? [])]
    .filter(k => k.startsWith(prefix))
    .sort()
  const contents: string[] = []
  const prefixes = new Set<string>()
  let count = 0
  let truncated = false
  let last = ''
  for (const k of keys) {
    if (k <= after) continue
    let common: string | undefined
    if (delimiter) {
      const i = k.indexOf(delimiter, prefix.length)
      if (i >= 0) common = k.slice(0, i + delimiter.length)
    }
    if (common !== undefined && prefixes.has(common)) continue
    if (count >= maxKeys) {
      truncated = true
      break
    }
    count++
    if (common !== undefined) {
      prefixes.add(common)
      // Continue past every key under this common prefix on the next page.
      last = common + '\uffff'
      continue
    }
    const o = store.getObject(bucket, k)!
    last = k
    contents.push(
      `<Contents><Key>${enc(k)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`
    )
  }
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Name>${xmlEscape(bucket)}</Name><Prefix>${enc(prefix)}</Prefix>` +
    (delimiter ? `<Delimiter>${enc(delimiter)}</Delimiter>` : '') +
    `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${count}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
    (token ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : '') +
    (truncated
      ? `<NextContinuationToken>${encodeContinuationToken(bucket, last)}</NextContinuationToken>`
      : '') +
    (startAfter ? `<StartAfter>${enc(startAfter)}</StartAfter>` : '') +
    (encode ? '<EncodingType>url</EncodingType>' : '') +
    contents.join('') +
    [...prefixes].map(p => `<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`).join('') +
    `</ListBucketResult>`
  return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: xml }
}
