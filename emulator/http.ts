// Wire helpers shared by every protocol the server speaks: bodies, answers, the caller's
// region, and the injected faults a request meets before it is handled.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { injectedError, type ServiceError, throttling } from './errors.ts'
import type { Store } from './state.ts'

export function regionOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? ''
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth)
  return m?.[1] ?? 'us-east-1'
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer | string
): void {
  const data = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    ...headers,
    'Content-Length': String(data?.length ?? headers['Content-Length'] ?? 0)
  })
  res.end(data)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  send(res, status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(value))
}

/** The `failNext` error that closes the connection without an answer (a dropped connection). */
export const CONNECTION_RESET = 'ConnectionReset'

/** Drops the connection for a `ConnectionReset` fault; true when it did. */
export function dropConnection(res: ServerResponse, fault: ServiceError | undefined): boolean {
  if (fault?.type !== CONNECTION_RESET) return false
  res.socket?.destroy()
  return true
}

/** Latency, then queued failures, then throttling: the order a caller would meet them. */
export async function faultFor(
  store: Store,
  op: string,
  throttleAll: boolean
): Promise<ServiceError | undefined> {
  const f = store.faults
  const delay = f.latencyMs.get(op) ?? f.latencyMs.get('*')
  if (delay) await sleep(delay)
  const fail = f.failNext.get(op)
  if (fail) {
    fail.count--
    if (fail.count <= 0) f.failNext.delete(op)
    store.stats.injected++
    return injectedError(fail.error, fail.message, fail.status)
  }
  const rate = f.throttleOps.get(op) ?? (throttleAll ? f.throttleAll : 0)
  if (rate > 0 && store.random() < rate) {
    store.stats.throttled++
    return throttling()
  }
  return undefined
}
