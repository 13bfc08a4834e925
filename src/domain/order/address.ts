/** Finds a postal address written inside an order line, so its numbers are not read as amounts. */

const MARKERS = /省|自治区|市|区|县|镇|乡|村|路|街|道|巷|弄|号|栋|幢|楼|室|小区|大厦|花园|公寓|广场|园区/g
const STRONG = /省|市|区|县|路|街|镇|村/
const STRONG_ALL = /省|市|区|县|路|街|镇|村/g
const MAX_CHUNK = 80

/** Whether a chunk of text reads like an address (`广东省深圳市南山区科技园1号`). */
export function isAddressLike(chunk: string): boolean {
  if (chunk.length < 6 || chunk.length > MAX_CHUNK || !STRONG.test(chunk)) return false
  if (/\d{9,}/.test(chunk) || /^\d/.test(chunk)) return false
  // Two different strong markers (省+市, 区+路 …): `城市花园面膜` is a product, not an address.
  return new Set(chunk.match(STRONG_ALL) ?? []).size >= 2 && (chunk.match(MARKERS) ?? []).length >= 2
}

/** Pulls the first address-like chunk (between spaces or commas) out of a segment. */
export function extractAddress(segment: string): { rest: string, address: string | null } {
  if (!STRONG.test(segment)) return { rest: segment, address: null }
  for (const chunk of segment.split(/[\s,]+/)) {
    if (isAddressLike(chunk)) {
      const at = segment.indexOf(chunk)
      return { rest: `${segment.slice(0, at)} ${segment.slice(at + chunk.length)}`, address: chunk }
    }
  }
  return { rest: segment, address: null }
}
