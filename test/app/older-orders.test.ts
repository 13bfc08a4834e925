/**
 * Right after a start the store may still be reading its older orders. New orders (and 确认) are
 * recorded at once from what is in memory; questions wait for every order, and staff are told when
 * the wait is noticeable.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStateStore, type StateStore } from '../../src/adapters/store/state-store.js'
import type { DbData } from '../../src/adapters/store/schema.js'
import { OrdersLoading } from '../../src/domain/ports.js'
import type { Order } from '../../src/domain/types.js'
import { LOADING_NOTICE } from '../../src/app/router/history-steps.js'
import { makeTestApp, withAgents } from '../helpers/test-app.js'

/** A merchant with 张三's three older orders, reopened with those orders still to come. */
async function reopenedWhileLoading(): Promise<{ app: ReturnType<typeof makeTestApp>, store: StateStore, older: Order[] }> {
  const first = await withAgents()
  for (const text of ['张三 13800138000 面膜2盒 398 已付', '张三 精华1瓶 199 已付', '李四 面霜1瓶 300 已付'])
    expect((await first.say(first.wang, text))[0]).toMatch(/^✅/)
  const data = structuredClone((first.store as unknown as { data(): DbData }).data())
  const older = data.orders
  // The second app numbers its messages from m1 again: forget the first one's.
  const store = createStateStore({ ...data, orders: [], handled: [] }, { commit: () => Promise.resolve(), loading: true })
  return { app: makeTestApp({ store }), store, older }
}

/** Runs every slice of the indexing work at once. */
function untilDone(step: () => boolean): void {
  while (!step());
}

afterEach(() => {
  vi.useRealTimers()
})

describe('while older orders are being read', () => {
  it('records new orders and 确认 at once, without reading any older order', async () => {
    const { app, store } = await reopenedWhileLoading()
    expect(store.loaded()).toBe(false)
    expect(() => store.orders.all()).toThrow(OrdersLoading)
    expect((await app.say(app.wang, '张三 面膜1盒 199 已付'))[0]).toMatch(/^✅ 已记录/)
    expect((await app.say(app.wang, '王五 13900139000 口红1支 250 未付', { room: app.room }))[0]).toMatch(/^✅ 已记录/)
    // A 接龙 without prices asks first; 确认 records it.
    expect((await app.say(app.wang, '#接龙 周五晚餐\n1. 桃子 2份晚餐\n2. 王阿姨 1份晚餐', { room: app.room }))[0]).toContain('金额待补')
    expect((await app.say(app.wang, '确认', { room: app.room }))[0]).toContain('已记录 2 单')
    expect(store.loaded()).toBe(false)
  })

  it('holds a question until every order is in, then answers from all of them', async () => {
    const { app, store, older } = await reopenedWhileLoading()
    await app.say(app.wang, '张三 面膜1盒 199 已付')
    let answered: string[] | undefined
    const question = app.say(app.wang, '客户 张三').then((r) => {
      answered = r
    })
    await new Promise(r => setTimeout(r, 50))
    expect(answered).toBeUndefined()
    untilDone(store.addOlderOrders(older))
    store.finishLoading()
    await question
    expect(answered!.join('\n')).toMatch(/累计消费 ¥796（3单）/)
    // The older orders come first, in the order they were recorded.
    expect(store.orders.all().map(o => o.no)).toEqual([1, 2, 3, 4])
    expect(store.orders.ofCustomer(store.orders.byNo(1)!.customerId).map(o => o.no)).toEqual([1, 2, 4])
  })

  it('tells staff who asked that it is loading when the wait is noticeable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { app, store, older } = await reopenedWhileLoading()
    const question = app.say(app.boss, '概览')
    await vi.advanceTimersByTimeAsync(1_100)
    expect(app.chat.sent.map(s => s.text)).toContain(LOADING_NOTICE)
    untilDone(store.addOlderOrders(older))
    store.finishLoading()
    const replies = await question
    expect(replies[0]).toBe(LOADING_NOTICE)
    expect(replies.at(-1)).toContain('客户')
  })

  it('answers a question at once once loading is done, without a notice', async () => {
    const { app, store, older } = await reopenedWhileLoading()
    untilDone(store.addOlderOrders(older))
    store.finishLoading()
    const replies = await app.say(app.boss, '客户 张三')
    expect(replies).toHaveLength(1)
    expect(replies[0]).not.toBe(LOADING_NOTICE)
  })
})
