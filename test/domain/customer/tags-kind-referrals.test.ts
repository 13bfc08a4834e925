/** Tags, the customer's type and referrals on plain data. */
import { describe, expect, it } from 'vitest'
import { kindOf, suggestedKind } from '../../../src/domain/customer/kind.js'
import { compareReferrers, referrerStats, wouldCircle, type Referable } from '../../../src/domain/customer/referrals.js'
import { applyTagEdit, parseTagEdit } from '../../../src/domain/customer/tags.js'

describe('tags', () => {
  it('reads + and - (also full-width), a bare word as an addition, and lists joined by 、', () => {
    expect(parseTagEdit(['+注重品质', '－价格敏感', '回头客、宝妈'])).toEqual({ add: ['注重品质', '回头客', '宝妈'], remove: ['价格敏感'], bad: [] })
  })

  it('refuses empty tags, too long ones and ones with a space, # or @, saying why', () => {
    expect(parseTagEdit(['+', '一二三四五六七八九十一二三', '+注重 品质', '#宝妈', '@小王']).bad).toEqual([
      '“+”是空的', '“一二三四五六七八九十一二三”太长（最多12个字）', '“注重 品质”里不能有空格、#或@', '“#宝妈”里不能有空格、#或@', '“@小王”里不能有空格、#或@',
    ])
  })

  it('applies removals, then additions not yet there, up to 20 tags', () => {
    const r = applyTagEdit(['a', 'b'], { add: ['b', 'c'], remove: ['a', 'x'], bad: [] })
    expect(r).toEqual({ tags: ['b', 'c'], added: ['c'], removed: ['a'], missing: ['x'], overLimit: [] })
    const full = Array.from({ length: 20 }, (_, i) => `t${i}`)
    expect(applyTagEdit(full, { add: ['new'], remove: [], bad: [] }).overLimit).toEqual(['new'])
  })
})

describe('customer type', () => {
  it.each([
    ['张三', 'person'], ['美美美容院', 'business'], ['华强电子有限公司', 'business'], ['李记小吃店', 'business'],
    ['阿芳工作室', 'business'], ['店', 'person'], ['王店长', 'person'], ['佳佳母婴馆(南山)', 'business'],
  ] as const)('%s → %s', (name, kind) => {
    expect(suggestedKind(name)).toBe(kind)
  })

  it('a type set by hand wins over the name', () => {
    expect(kindOf({ name: '美美美容院', kind: 'person' })).toEqual({ kind: 'person', suggested: false })
    expect(kindOf({ name: '美美美容院' })).toEqual({ kind: 'business', suggested: true })
  })
})

describe('referrals', () => {
  const people: Referable[] = [{ id: 'a' }, { id: 'b', referredBy: 'a' }, { id: 'c', referredBy: 'b' }, { id: 'd', referredBy: 'a' }]
  const byId = (id: string) => people.find(p => p.id === id)

  it('refuses a circle, direct or through others', () => {
    expect(wouldCircle(byId, 'a', 'b')).toBe(true)
    expect(wouldCircle(byId, 'a', 'c')).toBe(true)
    expect(wouldCircle(byId, 'c', 'd')).toBe(false)
  })

  it('counts whom each referrer brought, who ordered and what they spent, best first', () => {
    const spent: Record<string, number> = { b: 50_000, c: 90_000 }
    const stats = referrerStats(people, id => spent[id])
    expect(stats.get('a')).toEqual({ referrerId: 'a', brought: 2, ordered: 1, revenueFen: 50_000 })
    expect([...stats.values()].sort(compareReferrers).map(s => s.referrerId)).toEqual(['b', 'a'])
  })
})
