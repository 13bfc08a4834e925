/**
 * What a collection descriptor says: where the collection lives (the main file, or parts with their
 * layout), what kind it is (records replaced by a key, records only ever appended, or a keyed map of
 * values), the schema of one record, its indexes as data, and whether the classification reads it.
 * Every engine derives from these: the file store's loader, part writer and journal, the in-memory
 * indexes (record-index.ts), and a table per collection for an engine that has tables.
 */
import type { z } from 'zod'
import type { DbData } from './schema.js'

/** Every stored collection: each key of the database except its version. */
export type CollectionName = Exclude<keyof DbData, 'schemaVersion'>
/** Collections kept in parts of their own (see collections.ts). */
export type PartCollection = 'orders' | 'customers' | 'payments' | 'refunds' | 'segments' | 'outbox' | 'transitions' | 'handled'
/** Collections kept in the main file. */
export type MainKey = Exclude<CollectionName, PartCollection>

/** One record of a list collection, one value of a keyed map. */
export type RecordOf<C extends CollectionName> =
  DbData[C] extends readonly (infer R)[] ? R : DbData[C] extends Record<string, infer V> ? V : never

/**
 * How records are spread over parts. `chunk`: by a number (the order number, else the number the
 * key ends with, else a hash of the key into `x0`…`x7`), `size` records per part. `period`: by a
 * string taken from the record (a day, a month); such a part is never rewritten once its period is over.
 */
export type PartLayout =
  | { kind: 'chunk', size: number, number?: (record: never) => number }
  | { kind: 'period', of: (record: never) => string }

/**
 * An index, declared as data. A record is found under the values of `fields` joined by NUL (not at
 * all when one of them is null or empty), or under the keys `keys` gives (several for a list field
 * such as aliases, none to leave the record out). Unique: one record per key, the last one written
 * wins, and a record taken out drops the key only if the key still points to it. Not unique: the
 * records under a key in the order they were added; an update that keeps the key keeps the place.
 * In a dense collection (numbered records, `dense` below) an index with one key per record is kept
 * in the order of the records' numbers, which is the order added in practice (numbers come from a
 * counter), and stays so when the collection is read again.
 */
export interface IndexSpec<R = never> {
  name: string
  /** The fields the index reads, in key order (a table's index columns, after the merchant's id). */
  fields: readonly string[]
  unique: boolean
  keys?: (record: R) => readonly string[]
  /** Many records under one key (an agent's customers): each key's records are kept by key, so updates stay O(1). */
  large?: boolean
}

/** Where a collection lives: the main file, or parts of their own laid out as `layout` says. */
export type Storage<C extends CollectionName> = C extends PartCollection
  ? {
    storage: 'parts'
    layout: PartLayout
    /** String fields a part stores once per distinct value (`lines.name` for a field of a nested list). */
    dict: readonly string[]
  }
  : { storage: 'main' }

/**
 * `keyed`: a list of records, each replaced by its key. `log`: a list only ever appended to (and
 * trimmed at its start). `map`: an object of values by a string key (a setting by its name).
 */
export type Kind<R> =
  | { kind: 'keyed', key: (record: R) => string }
  | { kind: 'log' }
  | { kind: 'map' }

/** One collection, described once (a union of every collection's descriptor when `C` is left out). */
export type CollectionDescriptor<C extends CollectionName = CollectionName> = C extends CollectionName
  ? Kind<RecordOf<C>> & Storage<C> & {
    name: C
    /** Every record (every value of a map) is this shape; a part's codec fields are this schema's keys. */
    schema: C extends PartCollection ? z.ZodObject : z.ZodType
    indexes: readonly IndexSpec<RecordOf<C>>[]
    /**
     * Keys are `<prefix><number>` with the number in `field`: records are held in one dense array by
     * that number (an index on `[field]` is answered by it), with a map only for keys of another form.
     */
    dense?: { field: string, prefix: string }
    /** A change bumps the store's revision, which the classification's caches are keyed by. */
    classificationInput: boolean
  }
  : never
