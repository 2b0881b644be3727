// The inputs of `compare` and `lineage`: which versions to report on.
import type { CommonSettings, ReportSettings } from '../settings.js'
import { modelPackageRef, splitList } from './parsers.js'
import { invalid, type Inputs } from './reader.js'

export function readReport(inputs: Inputs, common: CommonSettings): ReportSettings {
  const raw = inputs.get('versions')
  const versions = splitList(raw).map(v => {
    const m = /^v?([1-9]\d*)$/i.exec(v)
    if (!m) throw invalid('versions', raw, 'version numbers separated by commas, such as 5,6,7')
    return Number(m[1])
  })
  return { versions, modelPackage: modelPackageRef(inputs.optional('model-package'), common) }
}
