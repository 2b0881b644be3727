import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { cli, modeUsage, parseArgs, USAGE } from '../../src/cli.js'
import { INPUT_NAMES, INPUT_TABLE } from '../../src/inputs/index.js'
import { MIN_NODE_MAJOR, nodeVersionProblem } from '../../src/node-version.js'
import { MODES } from '../../src/settings.js'
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
    expect(args.mode).toBe('gate')
  })

  it('joins a repeated flag into a multi-line input', () => {
    const args = parseArgs(['gate', '--thresholds', 'a >= 1', '--thresholds', 'b <= 2'])
    expect(args.inputs.get('thresholds')).toBe('a >= 1\nb <= 2')
  })

  it('reads a true/false flag alone as true, and takes an explicit true or false', () => {
    const args = parseArgs(['approve', '--force', '--reason', 'ok', '--dry-run', 'FALSE'])
    expect(Object.fromEntries(args.inputs)).toMatchObject({
      force: 'true',
      reason: 'ok',
      'dry-run': 'FALSE'
    })
    expect(parseArgs(['approve', '--dry-run=false']).inputs.get('dry-run')).toBe('false')
  })

  it('recognises --help, --version and --verbose without treating them as inputs', () => {
    const args = parseArgs(['--help', '--version', '--verbose'])
    expect(args).toMatchObject({ help: true, version: true, verbose: true })
    expect(args.inputs.size).toBe(0)
  })

  it('refuses a second positional argument', () => {
    expect(() => parseArgs(['gate', 'deploy'])).toThrow('Unexpected argument "deploy"')
  })

  it.each([
    ['gate', '--max-regresion', '--max-regression'],
    ['gate', '--treshold', '--thresholds'],
    ['gate', '--on-pas', '--on-pass'],
    ['approve', '--forse', '--force'],
    ['deploy', '--endpoint', '--endpoint-name']
  ])('refuses the unknown flag of %s %s and suggests %s', (mode, typo, suggestion) => {
    expect(() => parseArgs([mode, typo, 'x'])).toThrow(
      `Unknown flag ${typo}; did you mean ${suggestion}?`
    )
  })

  it('suggests nothing for a flag that resembles no input', () => {
    expect(() => parseArgs(['gate', '--colour', 'red'])).toThrow(/^Unknown flag --colour\. Run/)
  })

  it('refuses a flag the mode does not read, naming the modes that do', () => {
    expect(() => parseArgs(['gate', '--endpoint-name', 'prod'])).toThrow(
      'Flag --endpoint-name does not apply to mode "gate": it is read by modes deploy, rollback, ab-test.'
    )
    expect(() => parseArgs(['compare', '--dry-run'])).toThrow(/--dry-run does not apply/)
  })

  it('refuses an unknown mode with the nearest one', () => {
    expect(() => parseArgs(['gaet', '--thresholds', 'x'])).toThrow(
      'Unknown mode "gaet"; did you mean "gate"?'
    )
    expect(() => parseArgs(['--mode', 'rollbak'])).toThrow(/did you mean "rollback"/)
  })

  it('says which flag lacks its value', () => {
    expect(() => parseArgs(['gate', '--thresholds'])).toThrow('Flag --thresholds needs a value')
    expect(() => parseArgs(['gate', '--thresholds', '--history', '3'])).toThrow(
      'Flag --thresholds needs a value'
    )
  })
})

describe('help', () => {
  it.each(MODES.map(mode => [mode]))('lists exactly the flags %s reads', mode => {
    const text = modeUsage(mode)
    for (const name of INPUT_NAMES) {
      if (name === 'mode') continue
      const line = text.split('\n').find(l => l.startsWith(`  --${name} `))
      expect([name, line !== undefined]).toEqual([name, INPUT_TABLE[name].modes.includes(mode)])
      if (line) expect(line).toContain(INPUT_TABLE[name].help)
    }
  })

  it('prints a mode’s flags for `<mode> --help`, and every mode for `--help`', async () => {
    const out = capture()
    expect(await cli(['gate', '--help'], {})).toBe(0)
    expect(await cli(['--help'], {})).toBe(0)
    out.restore()
    expect(out.lines[0]).toBe(modeUsage('gate'))
    expect(out.lines[1]).toBe(USAGE)
    expect(modeUsage('gate')).toContain('--max-regression')
    expect(modeUsage('gate')).not.toContain('--endpoint-name')
    expect(modeUsage('deploy')).not.toContain('--thresholds')
    for (const mode of MODES) expect(USAGE).toContain(`  ${mode} `)
  })
})

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

describe('cli', () => {
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

  it('exits 1 on an unknown flag before reading any other input', async () => {
    const out = capture()
    const code = await cli(['gate', '--model-package-group', 'churn', '--treshold', 'x'], {})
    out.restore()
    expect(code).toBe(1)
    expect(out.lines).toEqual([
      'error: Unknown flag --treshold; did you mean --thresholds? Run "sagemaker-model-gate gate --help" for the flags mode "gate" reads.'
    ])
  })
})

describe('Node version', () => {
  it('refuses a Node older than the one package.json requires, and says which it found', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
    expect(pkg.engines.node).toBe(`>=${MIN_NODE_MAJOR}`)
    expect(nodeVersionProblem('20.19.0')).toMatch(
      /needs Node\.js 22 or later; this is Node\.js 20\.19\.0/
    )
    expect(nodeVersionProblem('v21.7.3')).toMatch(/22 or later/)
    expect(nodeVersionProblem('22.0.0')).toBeUndefined()
    expect(nodeVersionProblem('24.21.0')).toBeUndefined()
    expect(nodeVersionProblem('garbage')).toMatch(/22 or later/)
  })
})

describe('VERSION', () => {
  it('matches package.json, so the user agent and --version tell the truth', async () => {
    const { readFile } = await import('node:fs/promises')
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})
