/** Which customers a WeChat contact of the bot account may be (DESIGN.md §7: customers ↔ contacts). Pure. */
import type { Customer } from '../types.js'

/** What is known of a contact: its WeChat name and the merchant's remark for it. */
export interface ContactNames {
  name: string
  alias: string | null
}

/** Mobile numbers written anywhere in a remark (`张三 138-0013-8000`). */
export function phonesIn(text: string): string[] {
  const digits = text.replace(/[\s-]/g, '')
  return [...digits.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map(m => m[0])
}

/**
 * Unlinked customers whose name or alias equals the contact's name or remark, or whose phone is in the
 * remark. The caller links only when exactly one is returned: never a guess between two.
 */
export function contactCandidates(customers: readonly Customer[], contact: ContactNames): Customer[] {
  const names = new Set([contact.name, contact.alias ?? ''].map(n => n.trim()).filter(Boolean))
  const phones = new Set(contact.alias ? phonesIn(contact.alias) : [])
  return customers.filter(c => c.contactId === null && (
    names.has(c.name) || c.aliases.some(a => names.has(a)) || (c.phone !== null && phones.has(c.phone))))
}
