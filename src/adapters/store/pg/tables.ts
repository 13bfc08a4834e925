/**
 * The PostgreSQL tables, derived from the collection descriptors: one table per collection, so a
 * collection a later version adds gets its table without anyone writing SQL for it. Every table
 * starts with `merchant_id`, first in its primary key and in every index (one database holds many
 * merchants; a sharded one is distributed by that column). A record is kept whole as JSON in
 * `data` (`json`, not `jsonb`: kept as written, and cheaper to write; a NUL in a text is kept, though
 * an index that reads that field cannot take it), with `ord` keeping the order records were first stored in (the order the app lists them); a
 * keyed collection adds its key, a keyed map (counters, settings) its name. The descriptors'
 * indexes become expression indexes on the fields they read, for whoever queries the database.
 */
import type { z } from 'zod'
import { DESCRIPTORS, type CollectionDescriptor, type CollectionName } from '../collections.js'

export interface TableSpec {
  collection: CollectionName
  /** `wx_orders`, `wx_job_runs`. */
  table: string
  /** Records replaced by a key (keyed collections and maps) or only appended (logs). */
  keyed: boolean
  /** Written whole at each change (the main file's small collections) rather than record by record. */
  whole: boolean
  /** Secondary indexes: a name and the `data` fields they read. */
  indexes: { name: string, fields: string[] }[]
}

const snake = (s: string): string => s.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)

/** Scalar fields an index can be made on (a list field, such as aliases, cannot be read as text). */
function scalarFields(d: CollectionDescriptor, fields: readonly string[]): string[] {
  const shape = (d.schema as unknown as { shape?: Record<string, z.ZodType> }).shape
  if (!shape) return []
  return fields.filter((f) => {
    const t = shape[f] as unknown as { def: { type: string, innerType?: { def: { type: string } } } } | undefined
    if (!t) return false
    const type = t.def.type === 'nullable' || t.def.type === 'optional' ? t.def.innerType?.def.type : t.def.type
    return type === 'string' || type === 'number' || type === 'boolean' || type === 'enum'
  })
}

function specOf(d: CollectionDescriptor): TableSpec {
  const table = `wx_${snake(d.name)}`
  const indexes = d.indexes.flatMap((ix) => {
    const fields = scalarFields(d, ix.fields)
    return fields.length === 0 ? [] : [{ name: `${table}_${snake(ix.name)}`, fields }]
  })
  return { collection: d.name, table, keyed: d.kind !== 'log', whole: d.storage === 'main', indexes }
}

/** Every collection's table, in the descriptors' order. */
export const TABLES: readonly TableSpec[] = (Object.values(DESCRIPTORS) as CollectionDescriptor[]).map(specOf)

export const TABLE_OF = Object.fromEntries(TABLES.map(t => [t.collection, t])) as Record<CollectionName, TableSpec>

/** A key as the `key` column holds it: PostgreSQL text cannot hold NUL (an invitation's key joins two ids with it). */
export function storedKey(key: string): string {
  return key.includes('\\') || key.includes('\u0000') ? key.replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0') : key
}

/** The key `storedKey` stored. */
export function keyFromStored(stored: string): string {
  return stored.includes('\\') ? stored.replace(/\\(\\|0)/g, (_, c: string) => (c === '0' ? '\u0000' : '\\')) : stored
}

/** The SQL that creates a table and its indexes when missing (run by the migrations, in their transaction). */
export function createTableSql(t: TableSpec): string[] {
  const columns = t.keyed
    ? `merchant_id text NOT NULL, key text NOT NULL, ord bigint NOT NULL, data json NOT NULL, PRIMARY KEY (merchant_id, key)`
    : `merchant_id text NOT NULL, ord bigint NOT NULL, data json NOT NULL, PRIMARY KEY (merchant_id, ord)`
  const out = [`CREATE TABLE IF NOT EXISTS ${t.table} (${columns})`]
  if (t.keyed) out.push(`CREATE INDEX IF NOT EXISTS ${t.table}_ord ON ${t.table} (merchant_id, ord)`)
  for (const ix of t.indexes) {
    const exprs = ix.fields.map(f => `(data->>'${f}')`).join(', ')
    out.push(`CREATE INDEX IF NOT EXISTS ${ix.name} ON ${t.table} (merchant_id, ${exprs})`)
  }
  return out
}
