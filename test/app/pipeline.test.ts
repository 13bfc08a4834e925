/** The message path's boundary: use cases change state, the pipeline saves once per message. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { trackChanges } from '../../src/app/router/track-changes.js'
import { makeTestApp, withAgents } from '../helpers/test-app.js'

/** A memory store that counts its commits. */
function countingStore() {
  const store = createMemoryStore()
  let commits = 0
  const commit = store.commit.bind(store)
  store.commit = () => {
    commits++
    return commit()
  }
  return { store, commits: () => commits }
}

describe('change tracking', () => {
  it('notes changes, not reads, and refuses a commit from a use case', async () => {
    const tracked = trackChanges(createMemoryStore())
    tracked.store.customers.all()
    tracked.store.handled.has('m1')
    expect(tracked.changed()).toBe(false)
    tracked.store.settings.set('vipRoom', 'VIP')
    expect(tracked.changed()).toBe(true)
    await expect(tracked.store.commit()).rejects.toThrow(/boundary/)
  })
})

describe('the boundary', () => {
  it('commits once for a message that changed something, never for one that did not', async () => {
    const counted = countingStore()
    const app = await withAgents({ store: counted.store })
    const before = counted.commits()
    expect(await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')).toEqual([expect.stringContaining('✅ 已记录')])
    expect(counted.commits()).toBe(before + 1)
    await app.say(app.wang, '今天天气不错', { room: app.room })
    await app.say(app.wang, '帮助')
    expect(counted.commits()).toBe(before + 1)
  })

  it('marks a message handled with its changes, so a second delivery changes nothing', async () => {
    const app = await withAgents()
    await app.say(app.wang, '代理 列表', { id: 'x1' })
    expect(app.store.handled.has('x1')).toBe(false)
    await app.say(app.boss, '商品 面膜 成本 45', { id: 'x2' })
    expect(app.store.handled.has('x2')).toBe(true)
  })

  it('hears a stranger as a stranger: silence, not what an agent would hear', async () => {
    const app = makeTestApp()
    expect(await app.say(app.stranger, '帮助')).toEqual([])
    expect(await app.say(app.stranger, '张三 13800138000 面膜2盒 398')).toEqual([])
  })
})
