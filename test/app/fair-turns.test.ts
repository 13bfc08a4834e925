import { describe, expect, it } from 'vitest'
import { createFairTurns } from '../../src/app/router/fair-turns.js'

describe('fair turns on the event loop', () => {
  it('lets a burst released at once start only a budget\'s worth per turn of the loop', async () => {
    let clock = 0
    const takeTurn = createFairTurns(10, () => clock)
    // Counts turns of the loop: a callback that queues itself again runs once per check phase.
    let loopTurn = 0
    let done = false
    const tick = (): void => {
      loopTurn++
      if (!done) setImmediate(tick)
    }
    setImmediate(tick)
    const startedIn: number[] = []
    await Promise.all(Array.from({ length: 200 }, async () => {
      await takeTurn()
      startedIn.push(loopTurn)
      clock += 3 // each message's work takes 3 ms of the (fake) clock
    }))
    done = true
    const perTurn = new Map<number, number>()
    for (const t of startedIn) perTurn.set(t, (perTurn.get(t) ?? 0) + 1)
    expect(startedIn).toHaveLength(200)
    // Starting at 0, 3, 6 and 9 ms of a slice; the fifth would start 12 ms in.
    expect(Math.max(...perTurn.values())).toBe(4)
    expect(perTurn.size).toBe(50)
  })

  it('never holds back a message that is alone, however long the one before it took', async () => {
    let clock = 0
    const takeTurn = createFairTurns(10, () => clock)
    let loopTurn = 0
    let done = false
    const tick = (): void => {
      loopTurn++
      if (!done) setImmediate(tick)
    }
    setImmediate(tick)
    const startedIn: number[] = []
    for (let i = 0; i < 5; i++) {
      await takeTurn()
      startedIn.push(loopTurn)
      clock += 50 // a slow message, far over the budget
    }
    done = true
    // One turn of the loop each: the next message waits for nothing but its own turn.
    expect(startedIn.slice(1).map((t, i) => t - startedIn[i]!)).toEqual([1, 1, 1, 1])
  })
})
