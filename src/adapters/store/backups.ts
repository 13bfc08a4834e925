/** Daily backups: each a directory that is itself a database. */
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { JOURNAL_RE, PART_FILE_RE } from './layout.js'

/**
 * Once a day, a backup directory `backups/<name>-<day>/` that is itself a database: the main file,
 * the journal (copied) and the parts (hard links: a part is never changed in place, only replaced).
 */
export function createDailyBackups(file: string, dir: string, options: { backupsKept?: number }) {
  const root = join(dirname(file), 'backups')
  const base = basename(file, '.json')
  let lastDay: string | null = null
  return {
    /** Takes the backup of `day` unless it exists. */
    async maybe(day: string): Promise<void> {
      const kept = options.backupsKept ?? 7
      if (kept <= 0 || lastDay === day) return
      lastDay = day
      const target = join(root, `${base}-${day}`)
      if (await exists(target)) return
      const tmp = `${target}.tmp`
      await rm(tmp, { recursive: true, force: true })
      await mkdir(join(tmp, basename(dir)), { recursive: true, mode: 0o700 })
      await copyFile(file, join(tmp, basename(file)))
      for (const name of await readdir(dir)) {
        const from = join(dir, name)
        const to = join(tmp, basename(dir), name)
        if (PART_FILE_RE.test(name)) await link(from, to).catch(() => copyFile(from, to))
        else if (JOURNAL_RE.test(name)) await copyFile(from, to)
      }
      await rename(tmp, target)
      const all = (await readdir(root)).filter(n => n.startsWith(`${base}-`) && /^\d{4}-\d{2}-\d{2}$/.test(n.slice(base.length + 1))).sort()
      for (const old of all.slice(0, Math.max(0, all.length - kept))) await rm(join(root, old), { recursive: true, force: true })
    },
  }
}

/** The newest daily backup of `file` (a directory holding a copy of the database), if any. */
export async function latestBackup(file: string): Promise<string | null> {
  const dir = join(dirname(file), 'backups')
  const base = basename(file, '.json')
  const names = await readdir(dir).catch(() => [] as string[])
  const mine = names.filter(n => n.startsWith(`${base}-`) && !n.endsWith('.tmp'))
  const daily = mine.filter(n => /^\d{4}-\d{2}-\d{2}$/.test(n.slice(base.length + 1))).sort()
  const last = daily.at(-1) ?? mine.sort().at(-1)
  return last ? join(dir, last) : null
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}
