import { describe, expect, it } from 'vitest'
import { createFairTurns } from '../../src/app/router/fair-turns.js'

/** Counts turns of the event loop: a callback that queues itself again runs once per check phase. */
function loopTurns(): { now: () => number, stop: () => void } {
  let turn = 0
  let done = false
  const tick = (): void => {
    turn++
    if (!done) setImmediate(tick)
  }
  setImmediate(tick)
  return { now: () => turn, stop: () => void (done = true) }
}

describe('fair turns on the event loop', () => {
  it('lets a burst released at once start only a budget\'s worth per turn of the loop', async () => {
    let clock = 0
    const takeTurn = createFairTurns(10, () => clock)
    const turns = loopTurns()
    const startedIn: number[] = []
    await Promise.all(Array.from({ length: 200 }, async () => {
      await takeTurn()
      startedIn.push(turns.now())
      clock += 3 // each message's work takes 3 ms of the (fake) clock
    }))
    turns.stop()
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
    const turns = loopTurns()
    const startedIn: number[] = []
    for (let i = 0; i < 5; i++) {
      await takeTurn()
      startedIn.push(turns.now())
      clock += 50 // a slow message, far over the budget
    }
    turns.stop()
    // One turn of the loop each: the next message waits for nothing but its own turn.
    expect(startedIn.slice(1).map((t, i) => t - startedIn[i]!)).toEqual([1, 1, 1, 1])
  })
})
