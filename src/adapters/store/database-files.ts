/**
 * Whole-database file operations: create, move an older database to the current format (a single
 * file to parts, JSON parts to MessagePack parts), move aside, prune.
 */
import { copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AtomicFile } from './atomic-file.js'
import { checkSingleFile, loadDatabase, LoadProblem, type Loaded } from './disk.js'
import { dataDirOf, JOURNAL_RE, LEGACY_PART_RE, MAIN_KEYS, PART_COLLECTIONS, PART_FILE_RE, partFile, partOf } from './layout.js'
import { encodePart } from './part-file.js'
import { emptyDb, SCHEMA_VERSION, type DbData, type MainFile } from './schema.js'

type Manifest = MainFile['parts']

/** Reads the database, creating it, or moving an older single-file database to parts, first. */
export async function loadOrCreate(file: string, dir: string, handledSince: string, today: string, deferOrdersBefore?: string): Promise<Loaded> {
  const first = loadDatabase(file, dir, { handledSince, deferOrdersBefore })
  if (first.kind === 'parts' && !first.loaded.legacyParts) {
    // JSON parts left by a move to MessagePack that stopped after the main file was written.
    await removeFiles(dir, LEGACY_PART_RE)
    return first.loaded
  }
  if (first.kind === 'parts') {
    // Every record was checked on the way in; the new parts hold everything up to the last journal line.
    const { data, lastSeq } = first.loaded
    const manifest = await writeParts(dir, data, lastSeq)
    await writeMain(file, mainOf(data, lastSeq, manifest))
    await removeFiles(dir, LEGACY_PART_RE)
    await removeFiles(dir, JOURNAL_RE)
  }
  else if (first.kind === 'single-file') {
    const data = checkSingleFile(file, first.raw)
    // The old file is kept as it was, beside the backups, before anything is written.
    const keep = join(dirname(file), 'backups', `${basename(file, '.json')}-v${String((first.raw as { schemaVersion?: unknown }).schemaVersion)}-${today}.json`)
    await mkdir(dirname(keep), { recursive: true, mode: 0o700 })
    await copyFile(file, keep)
    await writeAll(file, dir, data)
  }
  else {
    // No main file: a new database, unless parts are lying there (never wipe what might be data).
    const leftovers = (await readdir(dir).catch(() => [] as string[])).filter(n => JOURNAL_RE.test(n) || PART_FILE_RE.test(n))
    if (leftovers.length > 0) throw new LoadProblem(file, `主文件不见了，但 ${dir} 里还有 ${leftovers.length} 个数据文件；请从备份恢复主文件，或把该目录移走后再启动`)
    await writeAll(file, dir, emptyDb())
  }
  const again = loadDatabase(file, dir, { handledSince })
  if (again.kind !== 'parts' || again.loaded.legacyParts) throw new LoadProblem(file, '新建的数据库无法读回')
  return again.loaded
}

/** Moves a whole database (main file and its parts) to a new main-file path, e.g. to keep it aside. */
export async function moveDatabase(from: string, to: string): Promise<void> {
  await rename(from, to)
  const dir = dataDirOf(from)
  if (await exists(dir)) await rename(dir, dataDirOf(to))
}

/** Writes a whole database as parts plus main file; the main file goes last, so a crash leaves the old one. */
export async function writeAll(file: string, dir: string, data: DbData): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await removeFiles(dir, JOURNAL_RE)
  await removeFiles(dir, PART_FILE_RE)
  await removeFiles(dir, LEGACY_PART_RE)
  const manifest = await writeParts(dir, data, 0)
  await writeMain(file, mainOf(data, 0, manifest))
}

/** Every part of `data`, as of journal line `seq`; returns the manifest. */
async function writeParts(dir: string, data: DbData, seq: number): Promise<Manifest> {
  const manifest: Manifest = {}
  for (const [part, collection, records] of partsOf(data)) {
    const out = new AtomicFile<unknown>(partFile(dir, part))
    await out.writeBytes(encodePart(collection, seq, records))
    manifest[part] = { seq, count: records.length, sha256: out.lastSha256() }
  }
  return manifest
}

function partsOf(data: DbData): [string, typeof PART_COLLECTIONS[number], unknown[]][] {
  const out: [string, typeof PART_COLLECTIONS[number], unknown[]][] = []
  for (const collection of PART_COLLECTIONS) {
    const byPart = new Map<string, unknown[]>()
    for (const r of data[collection] as unknown[]) {
      const part = partOf(collection, r)
      const list = byPart.get(part)
      if (list) list.push(r)
      else byPart.set(part, [r])
    }
    for (const [part, records] of byPart) out.push([part, collection, records])
  }
  return out
}

function mainOf(data: DbData, seq: number, parts: Manifest): MainFile {
  return { schemaVersion: SCHEMA_VERSION, seq, ...Object.fromEntries(MAIN_KEYS.map(k => [k, data[k]])), parts } as MainFile
}

/** The main file, written atomically (it is plain JSON: the small collections and the manifest). */
export async function writeMain(file: string, main: MainFile): Promise<void> {
  await new AtomicFile<MainFile>(file).write(main)
}

async function removeFiles(dir: string, re: RegExp): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (re.test(name)) await unlink(join(dir, name))
  }
}

export async function dropOldHandled(dir: string, loaded: Loaded, since: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const part = PART_FILE_RE.exec(name)?.[1]
    if (part?.startsWith('handled-') && part.slice(8) < since) await unlink(join(dir, name)).catch(() => {})
  }
  for (const part of Object.keys(loaded.partFiles)) {
    if (part.startsWith('handled-') && part.slice(8) < since) delete loaded.partFiles[part]
  }
}

/** The local calendar day `days` before `now`, as YYYY-MM-DD in UTC terms (only used to age out ids). */
export function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}
