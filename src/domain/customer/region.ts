/** Provinces as merchants say them: 广东 for 广东省, 广西 for 广西壮族自治区, 上海 for 上海市. */
const SUFFIX = /(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/

export function shortProvince(name: string): string {
  const short = name.replace(SUFFIX, '')
  return short === '' ? name : short
}

/** Whether a region matches what someone typed: a province or city, with or without 省/市 (`广东`, `深圳市`). */
export function regionMatches(region: { province: string | null, city: string | null } | undefined, word: string): boolean {
  if (!region) return false
  const w = shortProvince(word.trim())
  if (w === '') return false
  return [region.province, region.city].some(r => r !== null && shortProvince(r) === w)
}

/** Customers per short province name, most first, with those whose region is unknown apart. */
export function provinceCounts(regions: readonly ({ province: string | null } | undefined)[]): { counts: [string, number][], unknown: number } {
  const by = new Map<string, number>()
  let unknown = 0
  for (const r of regions) {
    if (!r?.province) {
      unknown++
      continue
    }
    const p = shortProvince(r.province)
    by.set(p, (by.get(p) ?? 0) + 1)
  }
  return { counts: [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')), unknown }
}

/** The 34 provincial divisions, as merchants say them. */
export const PROVINCES: ReadonlySet<string> = new Set([
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
])

/** Whether a word names a region: a province (`广东`, `广东省`) or a city or prefecture written with its suffix (`深圳市`, `延边州`). */
export function isRegionWord(word: string): boolean {
  return PROVINCES.has(shortProvince(word)) || /^\p{L}{1,8}(?:省|市|自治区|特别行政区|自治州|州|地区|盟)$/u.test(word)
}
