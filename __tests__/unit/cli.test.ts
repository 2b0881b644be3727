import { describe, expect, it, jest } from '@jest/globals'
import { cli, parseArgs } from '../../src/cli.js'
import { VERSION } from '../../src/version.js'

describe('parseArgs', () => {
  it('takes the mode first and flags by input name', () => {
    const args = parseArgs(['gate', '--model-package-group', 'churn', '--history=5', '--dry-run'])
    expect(Object.fromEntries(args.inputs)).toEqual({
      mode: 'gate',
      'model-package-group': 'churn',
      history: '5',
      'dry-run': 'true'
    })
  })

  it('joins a repeated flag into a multi-line input', () => {
    const args = parseArgs(['gate', '--thresholds', 'a >= 1', '--thresholds', 'b <= 2'])
    expect(args.inputs.get('thresholds')).toBe('a >= 1\nb <= 2')
  })

  it('recognises --help, --version and --verbose without treating them as inputs', () => {
    const args = parseArgs(['--help', '--version', '--verbose'])
    expect(args).toMatchObject({ help: true, version: true, verbose: true })
    expect(args.inputs.size).toBe(0)
  })

  it('refuses a second positional argument', () => {
    expect(() => parseArgs(['gate', 'deploy'])).toThrow('Unexpected argument "deploy"')
  })
})

describe('cli', () => {
  function capture() {
    const lines: string[] = []
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((line: unknown) => void lines.push(String(line)))
    const error = jest
      .spyOn(console, 'error')
      .mockImplementation((line: unknown) => void lines.push(String(line)))
    return { lines, restore: () => (log.mockRestore(), error.mockRestore()) }
  }

  it('prints the version with --version alone', async () => {
    const out = capture()
    const code = await cli(['--version'], {})
    out.restore()
    expect(code).toBe(0)
    expect(out.lines).toEqual([VERSION])
  })

  it('prints usage and fails without a mode, succeeds with --help', async () => {
    const out = capture()
    expect(await cli([], {})).toBe(1)
    expect(await cli(['--help'], {})).toBe(0)
    out.restore()
    expect(out.lines.filter(line => line.startsWith('Usage:'))).toHaveLength(2)
  })

  it('names the input of a bad value and exits 1 before any AWS call', async () => {
    const out = capture()
    const code = await cli(['gate', '--model-package-group', 'churn', '--history', 'lots'], {
      AWS_REGION: 'us-east-1'
    })
    out.restore()
    expect(code).toBe(1)
    expect(out.lines.join('\n')).toMatch(/error: Input "history".*lots/)
  })
})

describe('VERSION', () => {
  it('matches package.json, so the user agent and --version tell the truth', async () => {
    const { readFile } = await import('node:fs/promises')
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})
