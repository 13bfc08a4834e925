/**
 * Links between the records of a dense collection (records numbered, see dense-table.ts) in circular
 * chains: `next` and `prev` side by side in Int32Arrays indexed by the record's number (one cache
 * line serves both), in pages of 4096 numbers made when a number in them is first linked. Memory
 * follows the numbers in use: a million orders numbered from 1 take 8 MB, the recent orders read
 * first (older parts come later) take only their pages, a stray huge number one page. A number that
 * is not an integer from 0 to 2^31 - 2 is held apart, with the id -3, -4, …
 */

/** No record (an empty slot). */
export const NIL = -1
/** `next` of a record in no chain. */
const OUT = -2
/** The highest number that is its own id (ids are Int32). */
const MAX_ID = 0x7FFF_FFFE
const PAGE_BITS = 12
const IN_PAGE = (1 << PAGE_BITS) - 1

export class RecordLinks {
  /** Per page of numbers: next at 2·i, prev at 2·i + 1 for the i-th number in it. */
  readonly #pages: (Int32Array | undefined)[] = []
  /** Other numbers: number → index in the lists below (id -3 - index). */
  readonly #farIndex = new Map<number, number>()
  readonly #farNumber: number[] = []
  readonly #farNext: number[] = []
  readonly #farPrev: number[] = []
  readonly #freeFar: number[] = []

  number(id: number): number {
    return id >= 0 ? id : this.#farNumber[-3 - id]!
  }

  next(id: number): number {
    if (id < 0) return this.#farNext[-3 - id]!
    const page = this.#pages[id >>> PAGE_BITS]
    return page === undefined ? OUT : page[2 * (id & IN_PAGE)]!
  }

  prev(id: number): number {
    if (id < 0) return this.#farPrev[-3 - id]!
    const page = this.#pages[id >>> PAGE_BITS]
    return page === undefined ? NIL : page[2 * (id & IN_PAGE) + 1]!
  }

  /** Whether `id` is in a chain. */
  linked(id: number): boolean {
    return this.next(id) !== OUT
  }

  /** Puts `id` (in no chain) after `at` in `at`'s circular chain, or alone in a chain of its own when `at` is NIL. */
  insertAfter(at: number, id: number): void {
    if (this.linked(id)) throw new Error(`record ${this.number(id)} is linked twice`)
    if (at === NIL) return this.setLinks(id, id, id)
    const after = this.next(at)
    this.setLinks(id, at, after)
    this.setLinks(at, this.prev(at), id)
    this.setLinks(after, id, this.next(after))
  }

  /** Takes `id` out of its chain and returns the record that followed it (`id` itself when it was alone). */
  unlink(id: number): number {
    const next = this.next(id)
    const prev = this.prev(id)
    this.setLinks(prev, this.prev(prev), next)
    this.setLinks(next, prev, this.next(next))
    this.setLinks(id, NIL, OUT)
    return next
  }

  /** Sets both links of `id`, unchecked: a bulk build writing whole chains. */
  setLinks(id: number, prev: number, next: number): void {
    if (id < 0) {
      this.#farNext[-3 - id] = next
      this.#farPrev[-3 - id] = prev
      return
    }
    const p = id >>> PAGE_BITS
    const page = this.#pages[p] ?? (this.#pages[p] = new Int32Array(2 << PAGE_BITS).fill(OUT))
    page[2 * (id & IN_PAGE)] = next
    page[2 * (id & IN_PAGE) + 1] = prev
  }

  /** The id of number `n`, held until `release`. */
  acquire(n: number): number {
    if (Number.isInteger(n) && n >= 0 && n <= MAX_ID) return n
    const far = this.#farIndex.get(n)
    if (far !== undefined) return -3 - far
    const f = this.#freeFar.pop() ?? this.#farNumber.length
    this.#farNumber[f] = n
    this.#farNext[f] = OUT
    this.#farPrev[f] = NIL
    this.#farIndex.set(n, f)
    return -3 - f
  }

  /** The id number `n` has, or NIL when it has none. */
  find(n: number): number {
    if (Number.isInteger(n) && n >= 0 && n <= MAX_ID) return n
    const far = this.#farIndex.get(n)
    return far === undefined ? NIL : -3 - far
  }

  release(id: number): void {
    if (id >= 0) return
    const f = -3 - id
    this.#farIndex.delete(this.#farNumber[f]!)
    this.#freeFar.push(f)
  }
}
