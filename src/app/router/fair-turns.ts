/**
 * Takes turns on the event loop fairly. Callbacks queued with `setImmediate` before a turn's check
 * phase all run in that phase, so the many messages released together (those waiting on one group
 * commit) would each start "on a turn of its own" and still hold the loop for all of them at once.
 * Here a message starts only while the current slice of work is shorter than `budgetMs`; one over
 * budget waits for the next turn of the loop, after timers and I/O have had theirs. (25 ms: shorter
 * slices split the group commits into more, smaller writes, and cost throughput.)
 */
const nextTurn = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

export type TakeTurn = () => Promise<void>

export function createFairTurns(budgetMs = 25, now: () => number = () => performance.now()): TakeTurn {
  if (!(budgetMs > 0)) throw new Error('the budget of a turn must be more than 0 ms')
  /** When the current slice of work began; null once the loop has moved on to its next turn. */
  let sliceStart: number | null = null
  const endSlice = (): void => {
    sliceStart = null
  }
  return async function takeTurn(): Promise<void> {
    for (;;) {
      await nextTurn()
      const t = now()
      if (sliceStart === null) {
        sliceStart = t
        // Queued now, so it runs first in the loop's next check phase, before anyone waiting for it.
        setImmediate(endSlice)
      }
      if (t - sliceStart < budgetMs) return
    }
  }
}
