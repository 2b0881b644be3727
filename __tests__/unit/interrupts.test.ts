import { describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { exitCode, processInterrupts, type SignalSource } from '../../src/interrupts.js'

/** A process stand-in: signals are events, exit records its code. */
function fakeProcess(): SignalSource & { emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter()
  const exits: number[] = []
  return {
    emitter,
    exits,
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    exit: code => void exits.push(code)
  }
}

describe('interrupts', () => {
  it('uses the shell codes for the signals GitHub sends a cancelled job', () => {
    expect(exitCode('SIGINT')).toBe(130)
    expect(exitCode('SIGTERM')).toBe(143)
  })

  it('prints what is in flight and exits with the signal code while watched, and not after', () => {
    const source = fakeProcess()
    const messages: string[] = []
    const interrupts = processInterrupts(message => void messages.push(message), source)
    let step = 'CreateModel churn-prod-v8'
    const unwatch = interrupts.watch(signal => `${signal} at ${step}`)
    step = 'UpdateEndpoint churn-prod'
    source.emitter.emit('SIGTERM', 'SIGTERM')
    expect(messages).toEqual(['SIGTERM at UpdateEndpoint churn-prod'])
    expect(source.exits).toEqual([143])
    source.emitter.emit('SIGINT', 'SIGINT')
    expect(source.exits).toEqual([143, 130])

    unwatch()
    expect(source.emitter.listenerCount('SIGTERM')).toBe(0)
    expect(source.emitter.listenerCount('SIGINT')).toBe(0)
  })
})
