// `npm run emulator -- --port <port>` prints the ready line and stops cleanly on signals.
import { describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

/** Resolves with the first stdout line that starts with "listening on". */
function readyLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const line = out.split('\n').find(l => l.startsWith('listening on'))
      if (line !== undefined) resolve(line)
    })
    child.once('exit', code => reject(new Error(`exited ${code} before ready: ${out}`)))
  })
}

describe('emulator CLI', () => {
  it('starts through the npm script, serves, and stops on SIGTERM', async () => {
    const port = await freePort()
    // Its own process group: npm and sh do not pass signals on, so the whole group is
    // signalled and nothing outlives the test.
    const child = spawn(
      'npm',
      ['run', '--silent', 'emulator', '--', '--port', String(port), '--delay-scale', '0.5'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
      }
    )
    const exited = once(child, 'exit')
    try {
      expect(await readyLine(child)).toBe(`listening on http://127.0.0.1:${port}`)
      const health = await fetch(`http://127.0.0.1:${port}/_emulator/health`)
      expect(await health.json()).toEqual({ ok: true })
      const delays = (await (
        await fetch(`http://127.0.0.1:${port}/_emulator/delays`)
      ).json()) as Record<string, number>
      expect(delays.endpointCreateMs).toBe(50)
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
    }
    await exited
    await expect(fetch(`http://127.0.0.1:${port}/_emulator/health`)).rejects.toThrow()
  }, 20000)

  it('stops on SIGINT and refuses bad arguments with exit code 2', async () => {
    const node = `${root}/node_modules/.bin/node`
    const child = spawn(node, ['--experimental-strip-types', 'emulator/cli.ts', '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = once(child, 'exit')
    try {
      expect(await readyLine(child)).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      child.kill('SIGINT')
    }
    expect((await exited)[0]).toBe(0)

    const bad = spawn(node, ['--experimental-strip-types', 'emulator/cli.ts', '--port', 'abc'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let err = ''
    bad.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    expect((await once(bad, 'exit'))[0]).toBe(2)
    expect(err).toMatch(/--port must be 0-65535, got abc/)
  }, 20000)
})
