/** Reading and breaking a database on disk from tests, without opening (and locking) it. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { checkSingleFile, loadDatabase } from '../../src/adapters/store/disk.js'
import { dataDirOf } from '../../src/adapters/store/layout.js'
import type { DbData } from '../../src/adapters/store/schema.js'

/** The database as the bot would load it now (main file, parts and journal). */
export function readDatabase(file: string): DbData {
  const result = loadDatabase(file, dataDirOf(file))
  if (result.kind === 'parts') return result.loaded.data
  if (result.kind === 'single-file') return checkSingleFile(file, result.raw)
  throw new Error(`no database at ${file}`)
}

/**
 * Makes every write to the database fail, as a full or read-only disk would: the data directory is
 * moved aside and a plain file takes its place. The returned function puts it back.
 */
export function breakDatabaseWrites(file: string): () => void {
  const dir = dataDirOf(file)
  mkdirSync(dir, { recursive: true })
  renameSync(dir, `${dir}.away`)
  writeFileSync(dir, 'not a directory')
  return () => {
    rmSync(dir)
    renameSync(`${dir}.away`, dir)
  }
}
