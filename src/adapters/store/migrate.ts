/** Older database files brought up to the current shape, and zod's findings put in words for start-up errors. */
import type { z } from 'zod'

/**
 * Brings a file written by an older version up to the current schema, in memory (the file itself is
 * rewritten only by the next ordinary write). Unknown versions are returned as they are, for the
 * schema check to reject.
 */
export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw
  const data = { ...(raw as Record<string, unknown>) }
  if (data.schemaVersion === 1) {
    // v2 added classification: segments, transitions and snapshots.
    Object.assign(data, { schemaVersion: 2, segments: [], transitions: [], snapshots: [] })
  }
  if (data.schemaVersion === 2) {
    // v3 added the merchant's chat settings (设置).
    Object.assign(data, { schemaVersion: 3, settings: {} })
  }
  if (data.schemaVersion === 3) {
    // v4 added the outbox and the scheduled jobs' last runs.
    Object.assign(data, { schemaVersion: 4, outbox: [], jobRuns: {} })
  }
  if (data.schemaVersion === 4) {
    // v5 added the VIP room invitations.
    Object.assign(data, { schemaVersion: 5, invites: [] })
  }
  return data
}

/** The first problem zod found, as `path: message`, for start-up errors. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'unknown problem'
  const path = issue.path.map(p => typeof p === 'number' ? `[${p}]` : `.${String(p)}`).join('').replace(/^\./, '')
  return `${path || '(top level)'}: ${issue.message}`
}
