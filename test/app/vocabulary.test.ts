/** The parser's vocabulary of a store: caught up with the catalogue and the customers on each look. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { vocabularyOf } from '../../src/app/ledger/vocabulary.js'
import type { Product } from '../../src/domain/types.js'
import { aCustomer } from '../helpers/builders.js'

const AT = '2026-11-23T00:00:00.000Z'
const product = (over: Partial<Product> & { id: string, name: string }): Product => ({
  aliases: [], unit: null, priceFen: null, costFen: null, lines: 1, seenPricesFen: [], createdAt: AT, updatedAt: AT, ...over,
})

describe('the vocabulary', () => {
  it('knows a product once it is the merchant\'s: ordered twice, priced, costed or given an alias', () => {
    const store = createMemoryStore()
    const words = vocabularyOf(store)
    store.products.add(product({ id: 'p1', name: '面膜' }))
    store.products.add(product({ id: 'p2', name: '精华', priceFen: 29900, aliases: ['精华液', '液'] }))
    expect(words.products()).toEqual(['精华', '精华液'])
    store.products.update(product({ id: 'p1', name: '面膜', lines: 2 }))
    expect(words.products()).toEqual(['面膜', '精华', '精华液'])
    store.products.remove('p2')
    expect(words.products()).toEqual(['面膜'])
  })

  it('keeps its list while orders change only what the parser does not read (counts, prices seen)', () => {
    const store = createMemoryStore()
    const words = vocabularyOf(store)
    store.products.add(product({ id: 'p1', name: '面膜', lines: 2 }))
    const list = words.products()
    store.products.update(product({ id: 'p1', name: '面膜', lines: 3, seenPricesFen: [19900] }))
    store.customers.add(aCustomer({ id: 'c1' }))
    expect(words.products()).toBe(list)
    store.products.update(product({ id: 'p1', name: '面膜', lines: 3, aliases: ['贴片面膜'] }))
    expect(words.products()).toEqual(['面膜', '贴片面膜'])
  })

  it('learns customers\' names and aliases as they are added', () => {
    const store = createMemoryStore()
    const words = vocabularyOf(store)
    store.customers.add(aCustomer({ id: 'c1', name: '张三丰', aliases: ['三丰', '丰'] }))
    expect([...words.customers()]).toEqual(['张三丰', '三丰'])
    store.customers.add(aCustomer({ id: 'c2', name: '李四' }))
    expect([...words.customers()]).toEqual(['张三丰', '三丰', '李四'])
  })
})
