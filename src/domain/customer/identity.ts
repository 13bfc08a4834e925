/** Which stored customer an order is for (DESIGN.md §3 identity rule). */
import type { Customer } from '../types.js'

export type IdentityMatch =
  | { kind: 'existing', customer: Customer, addPhone: string | null }
  | { kind: 'new', name: string, phone: string | null }
  | { kind: 'ambiguous', candidates: Customer[] }
  | { kind: 'missing' }

export interface IdentityLookup {
  byPhone(phone: string): Customer | undefined
  byExternalId(externalId: string): Customer | undefined
  byName(agentId: string | null, name: string): Customer[]
}

/**
 * Same external id (an imported file's customer column) ⇒ same customer; same phone ⇒ same customer;
 * otherwise same (agent, name or alias) ⇒ same customer; otherwise new. A name match whose stored phone
 * differs from the one written is a different person of the same name. With an external id, the id
 * tells people apart, not the name: a new one is named as written, else `客户<id>`.
 */
export function matchCustomer(
  draft: { name: string | null, phone: string | null, externalId?: string | null },
  agentId: string | null,
  lookup: IdentityLookup,
): IdentityMatch {
  const { name, phone, externalId } = draft
  if (externalId) {
    const byId = lookup.byExternalId(externalId)
    if (byId) return { kind: 'existing', customer: byId, addPhone: null }
  }
  if (phone) {
    const byPhone = lookup.byPhone(phone)
    if (byPhone) return { kind: 'existing', customer: byPhone, addPhone: null }
  }
  if (externalId) return { kind: 'new', name: name ?? `客户${externalId}`, phone }
  if (!name) return phone ? { kind: 'new', name: phoneName(phone), phone } : { kind: 'missing' }
  const named = lookup.byName(agentId, name)
  if (phone) {
    const phoneless = named.filter(c => c.phone === null)
    if (phoneless.length === 1) return { kind: 'existing', customer: phoneless[0]!, addPhone: phone }
    if (phoneless.length > 1) return { kind: 'ambiguous', candidates: phoneless }
    return { kind: 'new', name, phone }
  }
  if (named.length === 1) return { kind: 'existing', customer: named[0]!, addPhone: null }
  if (named.length > 1) return { kind: 'ambiguous', candidates: named }
  return { kind: 'new', name, phone: null }
}

/** How customers of one name are told apart where others may read it: `尾号8000、#c12`. */
export function tellApart(candidates: readonly Customer[]): string {
  return candidates.map(c => c.phone ? `尾号${c.phone.slice(-4)}` : `#${c.id}`).join('、')
}

/** Name for a customer known only by phone: `客户8000` (the last four digits). */
export function phoneName(phone: string): string {
  return `客户${phone.slice(-4)}`
}

/** 138****8000: how a phone number is shown where others may read it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}
