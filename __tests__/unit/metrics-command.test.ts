// The CLI's `metrics` command on real files: the statistics document the engine computes,
// the paired comparison with a baseline column, and messages that name the flag.
import { describe, expect, it } from '@jest/globals'
import { scratchFile } from '../../__fixtures__/context.js'
import { evaluate } from '../../src/evaluation/evaluate.js'
import { statisticsDocument } from '../../src/evaluation/statistics-json.js'
import { metricsCommand, metricsUsage } from '../../src/metrics-command.js'

const CSV = 'label,score,base\n1,0.9,0.6\n0,0.2,0.4\n1,0.7,0.3\n0,0.6,0.7\n1,0.4,0.8\n0,0.1,0.2\n'

function file(text: string): string {
  return scratchFile('preds.csv', text)
}

const quiet = () => undefined

describe('metrics command', () => {
  it('prints the statistics document of the prediction column', async () => {
    const path = file(CSV)
    const document = await metricsCommand(
      ['--data', path, '--task', 'binary', '--prediction-column', 'score'],
      {},
      quiet
    )
    const expected = await evaluate([new TextEncoder().encode(CSV)], {
      task: 'binary',
      source: 'x',
      prediction: 'score'
    })
    expect(document).toEqual(statisticsDocument(expected.candidate))
    expect(document).not.toHaveProperty('comparison')
  })

  it('adds the paired comparison with --baseline-column', async () => {
    const path = file(CSV)
    const document = await metricsCommand(
      ['--data', path, '--task', 'binary', '--prediction-column', '1', '--baseline-column', 'base'],
      {},
      quiet
    )
    const comparison = (document.comparison as Record<string, { test: string; delta: number }>).auc!
    // auc 8/9 for score, 6/9 for base.
    expect(comparison.test).toBe('delong')
    expect(comparison.delta).toBeCloseTo(8 / 9 - 6 / 9, 12)
  })

  it.each([
    [['--task', 'binary'], 'Flag --data is required'],
    [
      ['--data', 'x.csv', '--task', 'binry'],
      'Flag --task must be one of binary, multiclass, regression; got "binry".'
    ],
    [['--data', 'x.csv', '--task', 'binary', '--alpha', '0.5'], 'Flag --alpha must be'],
    [
      ['--data', 'x.csv', '--task', 'binary', '--lable-column', '0'],
      'Did you mean --label-column?'
    ],
    [
      ['--data', '/nonexistent/preds.csv', '--task', 'binary'],
      '--data /nonexistent/preds.csv: cannot read the file'
    ]
  ])('refuses %j naming the flag', async (argv, message) => {
    await expect(metricsCommand(argv, {}, quiet)).rejects.toThrow(message)
  })

  it('names the label column the data lacks', async () => {
    const path = file(CSV)
    await expect(
      metricsCommand(['--data', path, '--task', 'binary', '--label-column', 'lable'], {}, quiet)
    ).rejects.toThrow(`--data ${path}: no column named "lable" for the label`)
  })

  it('lists every flag in --help', () => {
    const usage = metricsUsage('sagemaker-model-gate')
    for (const flag of [
      '--data',
      '--task',
      '--label-column',
      '--prediction-column',
      '--baseline-column',
      '--decision-threshold',
      '--alpha'
    ])
      expect(usage).toContain(flag)
  })
})
