// .env.example feeds `npm run local-action`: its inputs must be ones action.yml declares,
// named as the runner names them, and valid for every mode the script can run.
import { describe, expect, it } from '@jest/globals'
import { parse as parseDotenv } from 'dotenv'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { DEFAULTS, readSettings } from '../../src/inputs/index.js'
import { MODES } from '../../src/settings.js'

const script = (await import(pathToFileURL(path.resolve('scripts/local-action.mjs')).href)) as {
  envKeys(text: string): string[]
}
const text = readFileSync('.env.example', 'utf8')
const values = parseDotenv(text)
const inputs = (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> })
  .inputs

/** The runner's variable for an input: INPUT_ and the name in capitals, hyphens kept. */
const variable = (input: string) => `INPUT_${input.toUpperCase()}`

describe('.env.example', () => {
  it('sets only inputs that action.yml declares, under the names the runner uses', () => {
    const keys = Object.keys(values).filter(key => key.startsWith('INPUT_'))
    const declared = new Map(Object.keys(inputs).map(input => [variable(input), input]))
    expect(keys.filter(key => !declared.has(key))).toEqual([])
    expect(keys).toContain('INPUT_MODEL-PACKAGE-GROUP')
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('leaves the mode and the emulator wiring to the script', () => {
    const own = ['INPUT_MODE', 'AWS_ENDPOINT_URL_SAGEMAKER', 'AWS_ACCESS_KEY_ID', 'GITHUB_API_URL']
    expect(Object.keys(values).filter(key => own.includes(key))).toEqual([])
    expect(Object.keys(values).some(key => /SECRET|SESSION_TOKEN/.test(key))).toBe(false)
  })

  it('reads every key the way the script does', () => {
    expect(script.envKeys(text)).toEqual(Object.keys(values))
    expect(script.envKeys('A=1\n# B=2\n  export C = 3\nnot a line\n')).toEqual(['A', 'C'])
  })

  it('turns \\n in a double-quoted value into a line break, as multi-line inputs need', () => {
    expect(values['INPUT_THRESHOLDS']?.split('\n')).toEqual([
      'validation:auc >= 0.85',
      'validation:logloss <= 0.40'
    ])
  })

  it.each(MODES)('gives inputs that %s accepts', mode => {
    // The file's policy is a gate's (validation:...); ab-test decides on live: and ops: only.
    const policy = ['thresholds', 'max-regression', 'metric-directions']
    const read = (name: string) =>
      name === 'mode'
        ? mode
        : mode === 'ab-test' && policy.includes(name)
          ? ''
          : (values[variable(name)] ?? DEFAULTS[name] ?? '')
    const settings = readSettings(read, {})
    expect(settings.mode).toBe(mode)
    expect(settings.group.name).toBe('local-churn')
  })
})
