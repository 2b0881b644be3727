// `npm run emulator -- --port 4566 [--host 127.0.0.1] [--delay-scale N]`
// Prints "listening on http://127.0.0.1:<port>" once it accepts connections.
import { DEFAULT_DELAYS, startEmulator, type Delays, type Emulator } from './server.ts'

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: emulator --port <port> [--host <host>] [--delay-scale <n>]\n`
  )
  process.exit(2)
}

const args = process.argv.slice(2)
let port = 0
let host = '127.0.0.1'
let scale = 1
for (let i = 0; i < args.length; i++) {
  const flag = args[i]
  const value = args[i + 1]
  if (flag === '--port') {
    port = Number(value)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      usage(`--port must be 0-65535, got ${value}`)
    i++
  } else if (flag === '--host') {
    if (!value) usage('--host needs a value')
    host = value
    i++
  } else if (flag === '--delay-scale') {
    scale = Number(value)
    if (!Number.isFinite(scale) || scale < 0)
      usage(`--delay-scale must be a non-negative number, got ${value}`)
    i++
  } else {
    usage(`unknown argument ${flag}`)
  }
}

const delays: Partial<Delays> = {}
for (const [k, v] of Object.entries(DEFAULT_DELAYS))
  (delays as Record<string, number>)[k] = v * scale

// Signal handlers come first: a supervisor may signal as soon as it reads the ready line.
const running: { emulator?: Emulator; closing: boolean } = { closing: false }
const stop = () => {
  if (running.closing) return
  running.closing = true
  void (running.emulator?.close() ?? Promise.resolve()).then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

running.emulator = await startEmulator({ port, host, delays })
if (running.closing) await running.emulator.close().then(() => process.exit(0))
process.stdout.write(`listening on ${running.emulator.url}\n`)
