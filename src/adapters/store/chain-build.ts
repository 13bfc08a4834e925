/**
 * The bulk build of a chain index (chain-index.ts), as at a cold start. Adding records one by one
 * costs a few cache misses each (the hash's slot, the chain's tail); here the records are read once,
 * in order, and the table and the links are written in one sweep:
 * 1. each record's key hashed, and counted in its bucket (the top bits of the hash);
 * 2. each record's hash and id (from its number) put in its bucket, then each bucket (a few records) sorted by hash,
 *    which keeps records of one hash in the order given;
 * 3. each hash's records linked in a chain (sorted by number first if they are not), and its slot
 *    claimed, in ascending hash order, so the table fills front to back.
 */
import type { HashSlots } from './hash-slots.js'
import type { Rec } from './map-indexes.js'
import type { RecordLinks } from './record-links.js'

export interface ChainBuild {
  keyOf: (record: Rec) => string | null
  numberOf: (record: Rec) => number
  hash: (key: string) => number
  slots: HashSlots
  links: RecordLinks
}

/** Sorts hashes[lo, hi) and ids alike by unsigned hash, keeping the order of equal hashes (an insertion sort: buckets are small). */
function sortBucket(hashes: Int32Array, ids: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const h = hashes[i]!
    if (hashes[i - 1]! >>> 0 <= h >>> 0) continue
    const id = ids[i]!
    let j = i - 1
    for (; j >= lo && hashes[j]! >>> 0 > h >>> 0; j--) {
      hashes[j + 1] = hashes[j]!
      ids[j + 1] = ids[j]!
    }
    hashes[j + 1] = h
    ids[j + 1] = id
  }
}

/** Adds `records` for which `keep` holds (and that have a key) to an empty chain index. */
export function buildChains(c: ChainBuild, records: readonly Rec[], keep: (record: Rec) => boolean): void {
  const n = records.length
  const bits = Math.min(20, Math.max(8, Math.ceil(Math.log2(n / 4 + 1))))
  const shift = 32 - bits
  // Per record: its hash and number, or a number of -1 when it is left out (the second pass reads no record).
  const hashOf = new Int32Array(n)
  const numberOf = new Float64Array(n)
  const ends = new Int32Array((1 << bits) + 1)
  let m = 0
  for (let i = 0; i < n; i++) {
    const r = records[i]!
    const key = keep(r) ? c.keyOf(r) : null
    numberOf[i] = key === null ? -1 : c.numberOf(r)
    if (key === null) continue
    const h = c.hash(key)
    hashOf[i] = h
    const b = (h >>> shift) + 1
    ends[b] = ends[b]! + 1
    m++
  }
  for (let b = 1; b < ends.length; b++) ends[b] = ends[b]! + ends[b - 1]!
  const hashes = new Int32Array(m)
  const ids = new Int32Array(m)
  for (let i = 0; i < n; i++) {
    if (numberOf[i] === -1) continue
    const h = hashOf[i]!
    const b = h >>> shift
    const at = ends[b]!
    ends[b] = at + 1
    hashes[at] = h
    ids[at] = c.links.acquire(numberOf[i]!)
  }
  // Each bucket's end has moved to where the next one starts.
  for (let b = 0, lo = 0; b < ends.length - 1; lo = ends[b++]!) sortBucket(hashes, ids, lo, ends[b]!)
  // The heads of the chains, by distinct hash, overwrite the front of the arrays as they go.
  const heads = hashOf
  let distinct = 0
  for (let i = 0; i < m;) {
    let j = i + 1
    while (j < m && hashes[j] === hashes[i]) j++
    if (j === i + 1) c.links.setLinks(ids[i]!, ids[i]!, ids[i]!)
    else addChain(c, ids, i, j)
    hashes[distinct] = hashes[i]!
    heads[distinct++] = ids[i]!
    i = j
  }
  c.slots.fill(hashes, heads, distinct)
}

/** Links ids[from, to) (one hash's records) in a circular chain, first sorted by number if they are not. */
function addChain(c: ChainBuild, ids: Int32Array, from: number, to: number): void {
  const links = c.links
  const last = to - 1
  for (let k = from + 1; k <= last; k++) {
    if (links.number(ids[k]!) < links.number(ids[k - 1]!)) {
      ids.subarray(from, to).sort((a, b) => links.number(a) - links.number(b))
      break
    }
  }
  for (let k = from; k <= last; k++) links.setLinks(ids[k]!, ids[k === from ? last : k - 1]!, ids[k === last ? from : k + 1]!)
}
