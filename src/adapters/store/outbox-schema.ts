/** The stored shape of an outbox entry (see src/domain/outreach/outbox.ts), checked on every load. */
import { z } from 'zod'

const isoTime = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'must be an ISO timestamp')
const kind = z.enum(['digest', 'nudge', 'reactivation', 'invite', 'perk', 'alert'])

export const outboxSchema = z.strictObject({
  id: z.string().min(1),
  dedupeKey: z.string().min(1),
  kind,
  to: z.strictObject({ contactId: z.string().min(1).optional(), roomId: z.string().min(1).optional() })
    .refine(t => t.contactId !== undefined || t.roomId !== undefined, 'needs a contactId or a roomId'),
  text: z.string().optional(),
  file: z.strictObject({ name: z.string().min(1), ref: z.string().min(1) }).optional(),
  customerId: z.string().min(1).optional(),
  status: z.enum(['planned', 'sending', 'sent', 'failed', 'skipped']),
  attempts: z.number().int().min(0),
  plannedAt: isoTime,
  nextAttemptAt: isoTime,
  sentAt: isoTime.optional(),
  lastError: z.string().optional(),
})

/** The stored shape of a VIP room invitation (see src/domain/outreach/invite.ts). */
export const inviteSchema = z.strictObject({
  customerId: z.string().min(1),
  roomId: z.string().min(1),
  contactId: z.string().min(1),
  status: z.enum(['planned', 'invited', 'joined', 'failed', 'declined', 'left']),
  updatedAt: isoTime,
})
