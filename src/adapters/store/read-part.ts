/**
 * Reading one part file, and the problem that makes a database unusable. A part is read at start-up,
 * or later when the store answers before its oldest orders are in memory (deferred-parts.ts).
 */
import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { sha256 } from './atomic-file.js'
import { partOf, type PartCollection } from './layout.js'
import { firstProblem } from './migrate.js'
import { decodeLegacyPart, decodePart, hasCurrentFields } from './part-file.js'
import { recordSchemas } from './schema.js'

/** Why the database cannot be used, in words for the start-up error (the caller adds file and backup). */
export class LoadProblem extends Error {
  override name = 'LoadProblem'
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`)
  }
}

export interface PartRead { collection: PartCollection, seq: number, records: unknown[], sha256: string, count: number }

/**
 * One part file. When its SHA-256 is the one the main file recorded and its fields are the
 * collection's current ones, wxcrm wrote it from records it held, through a codec derived from the
 * schema, and it is read as it is; otherwise (written just before a crash, edited by hand, written
 * with other fields, or a JSON part of version 6: `expectedSha` null) every record is checked.
 */
export function readPart(path: string, part: string, collection: PartCollection, expectedSha: string | null | undefined): PartRead {
  let buf: Buffer
  try {
    buf = readFileSync(path)
  }
  catch (e) {
    throw new LoadProblem(path, String((e as Error).message))
  }
  let file: { collection: PartCollection, seq: number, records: unknown[], fields?: string[], nested?: Record<string, string[]> }
  try {
    file = expectedSha === null ? decodeLegacyPart(collection, buf.toString('utf8')) : decodePart(buf)
  }
  catch (e) {
    throw new LoadProblem(path, (e as Error).message)
  }
  if (file.collection !== collection) throw new LoadProblem(path, '不是 wxcrm 的数据分卷文件')
  const { records } = file
  const sha = sha256(buf)
  const trusted = expectedSha === sha && file.fields !== undefined && hasCurrentFields(collection, { fields: file.fields, nested: file.nested ?? {} })
  if (!trusted) {
    const schema = recordSchemas[collection] as z.ZodType
    for (const [i, r] of records.entries()) {
      const checked = schema.safeParse(r)
      if (!checked.success) throw new LoadProblem(path, `${part}[${i}]${firstProblem(checked.error).replace(/^\(top level\)/, '').replace(/^(?=[^.[:])/, '.')}`)
      if (partOf(collection, r) !== part) throw new LoadProblem(path, `${part}[${i}] 不属于这个分卷`)
    }
  }
  return { collection, seq: file.seq, records, sha256: sha, count: records.length }
}
