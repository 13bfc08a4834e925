/** Provinces as merchants say them, a region filter, and the count by province. */
import { describe, expect, it } from 'vitest'
import { isRegionWord, provinceCounts, regionMatches, shortProvince } from '../../../src/domain/customer/region.js'

describe('regions', () => {
  it.each([['广东省', '广东'], ['广西壮族自治区', '广西'], ['上海市', '上海'], ['新疆维吾尔自治区', '新疆'], ['香港特别行政区', '香港'], ['省', '省']])('shortProvince(%s) = %s', (name, short) => {
    expect(shortProvince(name)).toBe(short)
  })

  it('matches a province or a city, with or without 省/市', () => {
    const r = { province: '广东省', city: '深圳市' }
    for (const w of ['广东', '广东省', '深圳', '深圳市']) expect(regionMatches(r, w)).toBe(true)
    for (const w of ['广', '浙江', '']) expect(regionMatches(r, w)).toBe(false)
    expect(regionMatches(undefined, '广东')).toBe(false)
  })

  it('knows a region word from talk', () => {
    for (const w of ['广东', '广东省', '内蒙古', '深圳市', '延边朝鲜族自治州']) expect(isRegionWord(w), w).toBe(true)
    for (const w of ['很快', '不太好', '深圳', '123']) expect(isRegionWord(w), w).toBe(false)
  })

  it('counts customers by province, most first, the unknown apart', () => {
    expect(provinceCounts([{ province: '广东省' }, { province: '浙江省' }, { province: '广东省' }, undefined, { province: null }])).toEqual({ counts: [['广东', 2], ['浙江', 1]], unknown: 2 })
  })
})
