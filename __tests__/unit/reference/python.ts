// Reference values from scikit-learn, scipy and statsmodels (Debian's /usr/bin/python3):
// a test file gathers all its cases, runs one Python process over them, and compares.
// Arrays travel as raw float64 files (fast for a million rows), parameters as JSON.
import { describe } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PYTHON = '/usr/bin/python3'

const probe = spawnSync(PYTHON, ['-c', 'import numpy, pandas, scipy, sklearn, statsmodels'], {
  encoding: 'utf8'
})

/** Whether the reference libraries are there (CI installs them with apt). */
export const hasReference = probe.status === 0

/**
 * `describe`, or a loudly announced skip when the reference libraries are missing: on a
 * developer machine without them the comparison cannot run, in CI it always does.
 */
export function describeWithReference(name: string, body: () => void): void {
  if (hasReference) {
    describe(name, body)
    return
  }
  const banner = '!'.repeat(78)
  console.warn(
    `${banner}\nSKIPPED "${name}": ${PYTHON} cannot import numpy, pandas, scipy, scikit-learn and statsmodels.\n` +
      `Install them: apt-get install -y python3-sklearn python3-scipy python3-statsmodels python3-pandas\n` +
      `${(probe.stderr ?? '').trim()}\n${banner}`
  )
  describe.skip(name, body)
}

/** One case for the reference script: named float64 arrays and JSON parameters. */
export interface ReferenceCase {
  arrays: Record<string, ArrayLike<number>>
  params?: Record<string, unknown>
}

/**
 * The helpers every reference script starts with: `cases()` yields (index, arrays,
 * params); `emit(results)` prints them as JSON, with NaN and infinities as null.
 */
const PRELUDE = `
import json, math, os, sys, warnings
import numpy as np
warnings.simplefilter("ignore")
DIR = sys.argv[1]
def cases():
    manifest = json.load(open(os.path.join(DIR, "manifest.json")))
    for index, case in enumerate(manifest):
        arrays = {name: np.fromfile(os.path.join(DIR, f"{index}.{name}.f64"), dtype="<f8") for name in case["arrays"]}
        yield index, arrays, case["params"]
def clean(value):
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    value = float(value)
    return value if math.isfinite(value) else None
def emit(results):
    print(json.dumps(clean(results)))
`

/**
 * Runs `script` (after the prelude) over the cases in one Python process and returns
 * what it emitted: one result per case, in order.
 */
export function runReference<T>(script: string, cases: ReferenceCase[]): T[] {
  const dir = mkdtempSync(join(tmpdir(), 'reference-'))
  try {
    const manifest = cases.map((c, index) => {
      for (const [name, values] of Object.entries(c.arrays)) {
        const array = Float64Array.from(values)
        writeFileSync(join(dir, `${index}.${name}.f64`), new Uint8Array(array.buffer))
      }
      return { arrays: Object.keys(c.arrays), params: c.params ?? {} }
    })
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    const result = spawnSync(PYTHON, ['-c', `${PRELUDE}\n${script}`, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 28
    })
    if (result.status !== 0) throw new Error(`reference script failed:\n${result.stderr}`)
    const out = JSON.parse(result.stdout) as T[]
    if (out.length !== cases.length) {
      throw new Error(`reference script returned ${out.length} results for ${cases.length} cases`)
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** |actual - expected| within `tolerance`, absolute below 1 and relative above. */
export function close(actual: number, expected: number, tolerance: number): boolean {
  if (actual === expected) return true
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected))
}

/** Relative closeness, for p-values that can be tiny. */
export function relativelyClose(actual: number, expected: number, tolerance: number): boolean {
  if (actual === expected) return true
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected)
}
