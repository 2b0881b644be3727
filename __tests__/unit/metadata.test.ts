import { describe, expect, it } from '@jest/globals'
import {
  formatMetricValue,
  isAllowedMetadataText,
  metricsFromMetadata,
  readableMetadataText
} from '../../src/registry/metadata.js'

describe('readableMetadataText', () => {
  it('keeps a reason readable in the metadata alphabet', () => {
    const text = readableMetadataText(
      'Retrained; AUC +2% & logloss < 0.3 (see "report #4", Q3)! Ok?',
      256
    )
    expect(text).toBe('Retrained. AUC +2 percent and logloss lt 0.3 see report 4 Q3. Ok.')
    expect(isAllowedMetadataText(text)).toBe(true)
  })

  it('cuts a long reason with "..." inside the limit', () => {
    const text = readableMetadataText('word '.repeat(100), 256)
    expect(text.length).toBeLessThanOrEqual(256)
    expect(text.endsWith('...')).toBe(true)
  })

  it('keeps letters of any script', () => {
    expect(readableMetadataText('Modèle validé, 第3版', 256)).toBe('Modèle validé 第3版')
  })
})

describe('formatMetricValue', () => {
  it.each([
    [0.905, '0.905'],
    [1e-7, '0.0000001'],
    [1.5e-30, '0.0000000000000000000000000000015'],
    [-2.5e-8, '-0.000000025'],
    [1e21, '1000000000000000000000'],
    [1e-300, '1e-300']
  ])('writes %p as %s, which reads back as the same number', (value, text) => {
    expect(formatMetricValue(value)).toBe(text)
    expect(Number(formatMetricValue(value))).toBe(value)
    expect(metricsFromMetadata({ 'metric:x': formatMetricValue(value) })).toEqual({ x: value })
  })
})
