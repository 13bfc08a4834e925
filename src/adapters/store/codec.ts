/**
 * The column codec of a part, derived from a collection's zod schema: one column per schema key, a
 * field holding a list of objects (an order's lines) as a column of counts plus one column per key of
 * those objects, and the descriptor's dictionary fields as numbers into a list of their distinct
 * values. Nothing here names a field, so a codec cannot lose one: a key added to the schema is a
 * column the next time a part is written.
 *
 * Records are rebuilt by a function generated from the part's own header, one object literal of a
 * fixed shape per record: V8 then keeps the fields in-object, which is what makes a million orders
 * cheap to load and to keep.
 */
import type { z } from 'zod'

/** A part's records as columns, with the header that says how to read them. */
export interface Columns {
  count: number
  fields: string[]
  /** Fields holding a list of objects, and those objects' fields. */
  nested: Record<string, string[]>
  /** Each dictionary field's distinct values, by path (`lines.name`). */
  dict: Record<string, string[]>
  /** One column per field; a nested field's column holds the list lengths, its objects' fields follow under `field.key`. */
  cols: Record<string, unknown[]>
}

export interface Codec {
  fields: readonly string[]
  nested: Readonly<Record<string, readonly string[]>>
  /** Fields that may be absent (left out of the record, not set to undefined). */
  optional: ReadonlySet<string>
  encode(records: readonly unknown[]): Columns
  /** The same columns, built in steps: the generator pauses after each slice of records. */
  encodeInSteps(records: readonly unknown[]): Generator<void, Columns>
  decode(columns: Columns): unknown[]
}

type Shape = Record<string, z.ZodType>
const defOf = (t: z.ZodType): { type: string, element?: z.ZodType, shape?: Shape } => (t as unknown as { def: { type: string, element?: z.ZodType } }).def as never

/** The keys of the objects of a list-of-objects field, or null for any other field. */
function nestedKeys(t: z.ZodType): string[] | null {
  const d = defOf(t)
  if (d.type !== 'array' || !d.element) return null
  const shape = (d.element as unknown as { shape?: Shape }).shape
  return defOf(d.element).type === 'object' && shape ? Object.keys(shape) : null
}

function optionalKeys(shape: Shape, prefix = ''): string[] {
  const out: string[] = []
  for (const [k, t] of Object.entries(shape)) {
    if ((t as unknown as { _zod: { optin?: string } })._zod.optin === 'optional') out.push(prefix + k)
    const d = defOf(t)
    if (d.type === 'array' && d.element && defOf(d.element).type === 'object') out.push(...optionalKeys((d.element as unknown as { shape: Shape }).shape, `${k}.`))
  }
  return out
}

const codecs = new Map<string, Codec>()

/** The codec of a collection, derived from its descriptor's schema (built once). */
export function codecOf(d: { name: string, schema: z.ZodObject, dict: readonly string[] }): Codec {
  let codec = codecs.get(d.name)
  if (!codec) codecs.set(d.name, codec = deriveCodec(d.schema.shape as Shape, d.dict))
  return codec
}

export function deriveCodec(shape: Shape, dictPaths: readonly string[]): Codec {
  const fields = Object.keys(shape)
  const nested: Record<string, string[]> = {}
  for (const f of fields) {
    const keys = nestedKeys(shape[f]!)
    if (keys) nested[f] = keys
  }
  const optional = new Set(optionalKeys(shape))
  for (const path of dictPaths) {
    const [f, sub] = path.split('.') as [string, string | undefined]
    if (!fields.includes(f) || (sub !== undefined && !nested[f]?.includes(sub))) throw new Error(`dictionary field ${path} is not in the schema`)
  }
  return {
    fields,
    nested,
    optional,
    encode: records => finish(encodeColumns(fields, nested, dictPaths, records)),
    encodeInSteps: records => encodeColumns(fields, nested, dictPaths, records),
    decode: columns => decoderFor(columns, optional)(columns),
  }
}

/** Records (or column values) handled between two pauses of `encodeInSteps`: a few milliseconds of work. */
const STEP = 2_000

/** Runs a stepped computation to its end at once. */
function finish<T>(steps: Generator<void, T>): T {
  let r = steps.next()
  while (!r.done) r = steps.next()
  return r.value
}

function* encodeColumns(fields: readonly string[], nested: Record<string, readonly string[]>, dictPaths: readonly string[], records: readonly unknown[]): Generator<void, Columns> {
  const cols: Record<string, unknown[]> = {}
  for (const f of fields) {
    cols[f] = new Array(records.length)
    for (const sub of nested[f] ?? []) cols[`${f}.${sub}`] = []
  }
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % STEP === 0) yield
    const r = records[i] as Record<string, unknown>
    for (const f of fields) {
      const v = r[f]
      const subs = nested[f]
      if (!subs || !Array.isArray(v)) {
        cols[f]![i] = v
        continue
      }
      cols[f]![i] = v.length
      for (const item of v as Record<string, unknown>[]) for (const sub of subs) cols[`${f}.${sub}`]!.push(item[sub])
    }
  }
  const dict: Record<string, string[]> = {}
  for (const path of dictPaths) {
    const col = cols[path]!
    const index = new Map<string, number>()
    for (let i = 0; i < col.length; i++) {
      if (i > 0 && i % (4 * STEP) === 0) yield
      const v = col[i]
      if (typeof v !== 'string') continue
      let k = index.get(v)
      if (k === undefined) index.set(v, k = index.size)
      col[i] = k
    }
    dict[path] = [...index.keys()]
  }
  return { count: records.length, fields: [...fields], nested: Object.fromEntries(Object.entries(nested).map(([k, v]) => [k, [...v]])), dict, cols }
}

const IDENT = /^[A-Za-z_$][\w$]*$/
const decoders = new Map<string, (c: Columns) => unknown[]>()

/**
 * A function that rebuilds the records of parts with this header. It is generated from the header's
 * field names (checked to be plain identifiers), never from record content.
 */
function decoderFor(columns: Columns, optional: ReadonlySet<string>): (c: Columns) => unknown[] {
  const signature = JSON.stringify([columns.fields, columns.nested, Object.keys(columns.dict), [...optional]])
  let decode = decoders.get(signature)
  if (decode) return decode
  for (const name of [...columns.fields, ...Object.values(columns.nested).flat()]) {
    if (!IDENT.test(name)) throw new Error(`not a field name: ${name}`)
  }
  let v = 0
  const setup: string[] = []
  const colVar = (path: string): string => {
    const name = `c${v++}`
    setup.push(`const ${name} = C[${JSON.stringify(path)}] ?? [];`)
    if (path in columns.dict) setup.push(`const d${name} = D[${JSON.stringify(path)}];`)
    return name
  }
  const read = (path: string, name: string, at: string): string => path in columns.dict ? `(typeof ${name}[${at}] === 'number' ? d${name}[${name}[${at}]] : ${name}[${at}])` : `${name}[${at}]`
  const objectCode = (keys: readonly string[], vars: string[], paths: string[], at: string, out: string): string => {
    const fixed = keys.map((k, j) => optional.has(paths[j]!) ? null : `${k}: ${read(paths[j]!, vars[j]!, at)}`).filter(Boolean)
    const extra = keys.map((k, j) => optional.has(paths[j]!) ? `{ const x = ${read(paths[j]!, vars[j]!, at)}; if (x !== undefined) ${out}.${k} = x }` : '').join('\n')
    return `const ${out} = { ${fixed.join(', ')} };\n${extra}`
  }
  const body: string[] = []
  const topVars = columns.fields.map(f => colVar(f))
  for (const [j, f] of columns.fields.entries()) {
    const subs = columns.nested[f]
    if (!subs) continue
    const subVars = subs.map(s => colVar(`${f}.${s}`))
    const counts = topVars[j]!
    body.push(`let ${f}$ = ${counts}[i];
if (typeof ${f}$ === 'number') { const n = ${f}$; ${f}$ = new Array(n); for (let q = 0; q < n; q++, at${j}++) { ${objectCode(subs, subVars, subs.map(s => `${f}.${s}`), `at${j}`, 'o')} ${f}$[q] = o } }`)
    setup.push(`let at${j} = 0;`)
    topVars[j] = `${f}$`
  }
  const top = columns.fields.map((f, j) => {
    if (columns.nested[f]) return optional.has(f) ? null : `${f}: ${f}$`
    return optional.has(f) ? null : `${f}: ${read(f, topVars[j]!, 'i')}`
  }).filter(Boolean)
  const extras = columns.fields.map((f, j) => {
    if (!optional.has(f)) return ''
    const value = columns.nested[f] ? `${f}$` : read(f, topVars[j]!, 'i')
    return `{ const x = ${value}; if (x !== undefined) r.${f} = x }`
  }).join('\n')
  const code = `const C = columns.cols, D = columns.dict, n = columns.count, out = new Array(n);
${setup.join('\n')}
for (let i = 0; i < n; i++) {
${body.join('\n')}
const r = { ${top.join(', ')} };
${extras}
out[i] = r
}
return out`
  decode = new Function('columns', code) as (c: Columns) => unknown[]
  decoders.set(signature, decode)
  return decode
}
