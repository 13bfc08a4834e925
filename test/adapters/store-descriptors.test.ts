import { Packr } from 'msgpackr'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { codecOf, deriveCodec } from '../../src/adapters/store/codec.js'
import { COLLECTIONS, PART_COLLECTIONS } from '../../src/adapters/store/collections.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { decodePart, encodePart, partPieces } from '../../src/adapters/store/part-file.js'
import { FULL_RECORDS } from '../helpers/full-records.js'

/** Every key a schema allows, nested lists of objects included (`lines.costFen`). */
function schemaKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([k, t]) => {
    const element = (t as unknown as { def: { type: string, element?: z.ZodType } }).def
    const shape = element.type === 'array' ? (element.element as unknown as { shape?: Record<string, unknown> }).shape : undefined
    return [k, ...Object.keys(shape ?? {}).map(s => `${k}.${s}`)]
  })
}

function recordKeys(r: Record<string, unknown>): string[] {
  return Object.entries(r).flatMap(([k, v]) => [k, ...(Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null ? Object.keys(v[0]).map(s => `${k}.${s}`) : [])])
}

describe.each(PART_COLLECTIONS)('the %s descriptor', (name) => {
  const d = COLLECTIONS[name]
  const full = FULL_RECORDS[name] as Record<string, unknown>

  it('has a fixture with every field of its schema set, and valid', () => {
    expect(recordKeys(full).sort()).toEqual(schemaKeys(d.schema).sort())
    expect(d.schema.safeParse(full).success).toBe(true)
  })

  it('derives its codec\'s fields from the schema\'s keys', () => {
    const codec = codecOf(d)
    expect([...codec.fields]).toEqual(Object.keys(d.schema.shape))
    for (const [k, subs] of Object.entries(codec.nested)) expect(schemaKeys(d.schema)).toEqual(expect.arrayContaining(subs.map(s => `${k}.${s}`)))
  })

  it('writes a part that reads back every field of every record exactly', () => {
    const other = { ...full }
    for (const k of codecOf(d).optional) if (!k.includes('.')) delete other[k]
    const read = decodePart(encodePart(name, 3, [full, other]))
    expect(read.seq).toBe(3)
    expect(read.records).toStrictEqual([full, other])
  })

  it('writes the same part in pieces, a slice at a time, as at once', async () => {
    const other = { ...full }
    for (const k of codecOf(d).optional) if (!k.includes('.')) delete other[k]
    // More records than one slice, so the stepped encoder pauses in the middle of both passes.
    const records = Array.from({ length: 9_001 }, (_, i) => (i % 3 === 0 ? full : other))
    const pieces: Uint8Array[] = []
    for await (const piece of partPieces(name, 7, records)) pieces.push(piece)
    const read = decodePart(Buffer.concat(pieces))
    expect(read.seq).toBe(7)
    expect(read.records).toStrictEqual(decodePart(encodePart(name, 7, records)).records)
    expect(read.records).toStrictEqual(records)
  })

  it('marks its key and classification role consistently with the store', () => {
    const store = createMemoryStore()
    const before = store.revision()
    const writes: Record<string, () => void> = {
      orders: () => store.orders.add(FULL_RECORDS.orders),
      customers: () => store.customers.add(FULL_RECORDS.customers),
      payments: () => store.payments.add(FULL_RECORDS.payments),
      refunds: () => store.refunds.add(FULL_RECORDS.refunds),
      segments: () => store.segments.put(FULL_RECORDS.segments),
      outbox: () => store.outbox.add(FULL_RECORDS.outbox),
      transitions: () => store.transitions.add(FULL_RECORDS.transitions),
      handled: () => store.handled.add(FULL_RECORDS.handled.id, FULL_RECORDS.handled.at),
    }
    writes[name]!()
    expect(store.revision() > before).toBe(d.classificationInput)
  })
})

describe('a codec and its schema cannot disagree', () => {
  it('keeps a field added to the schema without any other edit', () => {
    const shape = { ...COLLECTIONS.orders.schema.shape, giftWrap: z.boolean() }
    const codec = deriveCodec(shape, COLLECTIONS.orders.dict)
    const packr = new Packr({ useRecords: false })
    const record = { ...FULL_RECORDS.orders, giftWrap: true }
    expect(codec.decode(packr.unpack(packr.pack(codec.encode([record]))))).toStrictEqual([record])
  })

  it('refuses a dictionary field that is not in the schema', () => {
    expect(() => deriveCodec(COLLECTIONS.orders.schema.shape, ['lines.colour'])).toThrow(/lines.colour/)
  })
})

describe('records are never changed in place', () => {
  it('freezes a record once the store has it (in tests)', () => {
    const store = createMemoryStore()
    const order = structuredClone(FULL_RECORDS.orders)
    store.orders.add(order)
    expect(() => { (order as { note: string | null }).note = 'changed' }).toThrow(TypeError)
    expect(() => order.lines.push(order.lines[0]!)).toThrow(TypeError)
  })
})
