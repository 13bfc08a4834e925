/** The message path's boundary: use cases change state, the pipeline saves once per message. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { dedupe } from '../../src/app/router/boundary-steps.js'
import type { Turn } from '../../src/app/router/pipeline.js'
import { useCaseStore } from '../../src/app/router/use-case-store.js'
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

describe('the use cases\' store', () => {
  it('counts changes, not reads, and refuses a commit from a use case', async () => {
    const store = createMemoryStore()
    const view = useCaseStore(store)
    const before = store.changeCount()
    view.customers.all()
    view.handled.has('m1')
    expect(store.changeCount()).toBe(before)
    view.settings.set('vipRoom', 'VIP')
    expect(store.changeCount()).toBe(before + 1)
    expect(store.settings.get('vipRoom')).toBe('VIP')
    await expect(view.commit()).rejects.toThrow(/boundary/)
    await expect(store.commit()).resolves.toBeUndefined()
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

describe('dropping repeated deliveries', () => {
  /** Delivers ids through the dedupe step alone; true for each one passed on. */
  function deliveries(recentMax: number) {
    const { step, forget } = dedupe({ store: createMemoryStore() }, recentMax)
    const pass = async (id: string): Promise<boolean> => {
      let passed = false
      await step.run({ msg: { id } } as Turn, async () => { passed = true; return null })
      return passed
    }
    return { pass, forget }
  }

  it('drops an id among the last few, and hears it again once pushed out', async () => {
    const d = deliveries(2)
    expect(await d.pass('m1')).toBe(true)
    expect(await d.pass('m1')).toBe(false)
    expect(await d.pass('m2')).toBe(true)
    expect(await d.pass('m3')).toBe(true)
    expect(await d.pass('m2')).toBe(false)
    // m1 was pushed out by m2 and m3.
    expect(await d.pass('m1')).toBe(true)
  })

  it('hears a forgotten id again, and keeps it as long as its new place says', async () => {
    const d = deliveries(3)
    expect(await d.pass('m1')).toBe(true)
    d.forget('m1')
    expect(await d.pass('m2')).toBe(true)
    expect(await d.pass('m1')).toBe(true)
    // m3 takes m1's first place: m1 is still among the last three.
    expect(await d.pass('m3')).toBe(true)
    expect(await d.pass('m1')).toBe(false)
  })
})
