// SIGINT and SIGTERM while a mode has something in flight: GitHub cancels a job with SIGINT,
// then SIGTERM, then SIGKILL. Node's default ends the process without a word; while a mode
// watches, the signal instead prints what was in flight and what happens next, and the
// process ends with the shell's code for the signal (130, 143).
import { constants } from 'node:os'

export interface Interrupts {
  /** Until the returned function is called, a signal prints `describe(signal)` and exits. */
  watch(describe: (signal: NodeJS.Signals) => string): () => void
}

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  exit(code: number): void
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

export function exitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0)
}

export function processInterrupts(
  report: (message: string) => void,
  source: SignalSource = process
): Interrupts {
  return {
    watch(describe) {
      const listener = (signal: NodeJS.Signals) => {
        report(describe(signal))
        source.exit(exitCode(signal))
      }
      for (const signal of SIGNALS) source.on(signal, listener)
      return () => {
        for (const signal of SIGNALS) source.off(signal, listener)
      }
    }
  }
}
