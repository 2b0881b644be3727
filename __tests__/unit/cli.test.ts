import { describe, expect, it } from '@jest/globals'
import { parseArgs } from '../../src/cli.js'

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
