/** Group commit under failure: nothing acknowledged may be lost, nothing failed may be kept. */
import { describe, expect, it } from 'vitest'
import { createGroupCommit, StoreBrokenError } from '../../src/adapters/store/group-commit.js'

function controllableWrite() {
  const pending: { resolve: () => void, reject: (e: Error) => void }[] = []
  return {
    pending,
    write: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  }
}

const tick = () => new Promise(r => setImmediate(r))

describe('group commit', () => {
  it('writes a burst of commits once and releases them together', async () => {
    const w = controllableWrite()
    const g = createGroupCommit({ write: w.write, rollback: () => {} })
    const all = Promise.all([g.commit(), g.commit(), g.commit()])
    await tick()
    expect(w.pending).toHaveLength(1)
    w.pending[0]!.resolve()
    await all
    expect(g.writes()).toBe(1)
  })

  it('makes a commit that arrives during a write wait for the next write', async () => {
    const w = controllableWrite()
    const g = createGroupCommit({ write: w.write, rollback: () => {} })
    let secondDone = false
    const first = g.commit()
    await tick()
    const second = g.commit().then(() => { secondDone = true })
    w.pending[0]!.resolve()
    await first
    await tick()
    expect(secondDone).toBe(false)
    expect(w.pending).toHaveLength(2)
    w.pending[1]!.resolve()
    await second
    expect(g.writes()).toBe(2)
  })

  it('rejects the failed batch and every commit made before the rollback, and never acknowledges them', async () => {
    const w = controllableWrite()
    const rolledBack: number[] = []
    let state = 1
    const g = createGroupCommit({ write: w.write, rollback: () => { rolledBack.push(state); state = 0 } })
    state = 2
    const first = g.commit()
    await tick()
    state = 3
    const second = g.commit()
    w.pending[0]!.reject(new Error('disk full'))
    await expect(first).rejects.toThrow('disk full')
    await expect(second).rejects.toThrow('disk full')
    expect(rolledBack).toEqual([3])
    // A commit after the rollback gets its own write.
    const third = g.commit()
    await tick()
    w.pending[1]!.resolve()
    await expect(third).resolves.toBeUndefined()
  })

  it('refuses every later commit when the rollback itself fails', async () => {
    const w = controllableWrite()
    const g = createGroupCommit({ write: w.write, rollback: () => { throw new Error('cannot restore') } })
    const first = g.commit()
    await tick()
    w.pending[0]!.reject(new Error('disk full'))
    await expect(first).rejects.toThrow('disk full')
    await expect(g.commit()).rejects.toBeInstanceOf(StoreBrokenError)
  })
})
