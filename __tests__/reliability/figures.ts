// The figures each reliability test file counts as it runs (faults injected, runs, what
// went wrong), written to reports/reliability/<file>.json when the file finishes, where
// scripts/reliability.mjs reads them back into one table.
import { afterAll } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const FIGURES_DIR = join('reports', 'reliability')

export interface Figures {
  /** The fault or attack the file exercises, as the table names it. */
  title: string
  /** Faults the emulator answered with (throttling, errors, dropped connections, signals). */
  faultsInjected: number
  /** Runs of dist/index.js (main and post steps). */
  runs: number
  /** Model versions found twice for one commit. */
  versionsDuplicated: number
  /** Temporary models, endpoint configs or endpoints left behind. */
  resourcesLeaked: number
  /** Mutating SageMaker calls made by runs with bad input. */
  mutatingCallsOnBadInput: number
  /** Tokens, secret keys or presigned URLs found in what runs printed or wrote. */
  secretsFound: number
  /** Injected text that escaped its cell, or made a mention or reference. */
  breakouts: number
  /** Milliseconds the runs reported waiting between AWS retries. */
  retryWaitMs: number
  /** Anything else worth a number, by name. */
  extra: Record<string, number>
}

/** Counts for one test file; written once its tests are done. */
export function useFigures(file: string, title: string): Figures {
  const figures: Figures = {
    title,
    faultsInjected: 0,
    runs: 0,
    versionsDuplicated: 0,
    resourcesLeaked: 0,
    mutatingCallsOnBadInput: 0,
    secretsFound: 0,
    breakouts: 0,
    retryWaitMs: 0,
    extra: {}
  }
  afterAll(() => {
    mkdirSync(FIGURES_DIR, { recursive: true })
    writeFileSync(join(FIGURES_DIR, `${file}.json`), `${JSON.stringify(figures, null, 2)}\n`)
  })
  return figures
}

/** The total wait a run's log reported for AWS retries, in milliseconds (0 when none). */
export function reportedRetryWaitMs(stdout: string): number {
  const match = /^AWS retries: .* ([\d.]+) s waited in all$/m.exec(stdout)
  return match ? Math.round(Number(match[1]) * 1000) : 0
}
