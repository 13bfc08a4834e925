/**
 * Recording one order, whoever writes it: an agent's or the merchant's 报单 in chat, a customer's own
 * order by direct message, a line of an imported file. The customer is found by the one identity rule
 * (DESIGN.md §3), created when new and given a phone or address they lacked; the order is costed from
 * the catalogue and teaches it, once. Callers only turn the result into their reply or report line.
 */
import { matchCustomer } from '../../domain/customer/identity.js'
import { wouldCircle } from '../../domain/customer/referrals.js'
import type { CustomerDraft, OrderDraft } from '../../domain/order/draft.js'
import type { Store } from '../../domain/ports.js'
import type { Customer, Order } from '../../domain/types.js'
import type { AppDeps } from '../context.js'
import { isoOf } from '../local-time.js'
import { isOpenProspect } from '../prospects/grade.js'
import { costOrder, learnFromOrder } from './catalogue.js'

/** What the ledger needs: the store, and the address reader when there is one. */
export type Ledger = Pick<AppDeps, 'store' | 'addresses'>

/** A parsed order without its questions; a line of an imported file may carry the file's customer id. */
export type OrderInput = Omit<OrderDraft, 'issues' | 'customer'> & { customer: CustomerWho }

export type CustomerWho = CustomerDraft & { externalId?: string | null }

/** Who records the order, and where it comes from. */
export interface Recorder {
  /** The recording agent, whose customers are searched by name; null for the merchant's own. */
  agentId: string | null
  /** An agent records only for their own customers (an admin for anyone's). */
  ownCustomersOnly: boolean
  /** Who wrote the order: the sender's contact id, or `import`. */
  by: string
  /** The order's source id (idempotency key): the message id, a 接龙 entry or an import line's key. */
  sourceId: string
  /** The day of the message or line, for a draft without a date of its own. */
  day: string
  /** An order already recorded under this source id makes this one a duplicate (a file imported again). */
  once?: boolean
  /** Where a customer this order creates came from (`import`); null from chat. */
  customerSource?: string | null
  /** The customer, when the sender is the customer (their own order): nobody is looked up. */
  customer?: Customer
}

/** Which customer an order is for, or why it cannot be told. */
export type Identity =
  | { kind: 'existing', customer: Customer, addPhone: string | null }
  | { kind: 'new', name: string, phone: string | null }
  | { kind: 'ambiguous', name: string, candidates: Customer[] }
  | { kind: 'missing' }
  /** The phone is on record for a customer the recording agent may not record for. */
  | { kind: 'not-theirs', customer: Customer }

/** What recording did: the order (and whether its customer is new), or why nothing was recorded. */
export type RecordResult =
  | { kind: 'recorded', order: Order, customer: Customer, isNew: boolean }
  | { kind: 'duplicate', of: Order }
  | Exclude<Identity, { kind: 'existing' | 'new' }>

/** Stored name of a line whose product was not given (an imported row without a product column). */
export const UNNAMED_PRODUCT = '商品'

/** The one identity rule for orders: by external id, phone, then name within the recording agent. */
export function identifyCustomer(store: Store, who: CustomerWho, by: Pick<Recorder, 'agentId' | 'ownCustomersOnly' | 'customer'>): Identity {
  if (by.customer) {
    // A phone no customer has, written by a customer who has none on record, becomes theirs.
    const addPhone = who.phone !== null && !store.customers.byPhone(who.phone) ? who.phone : null
    return { kind: 'existing', customer: by.customer, addPhone }
  }
  const match = matchCustomer(who, by.agentId, store.customers)
  if (match.kind === 'ambiguous') return { ...match, name: who.name ?? '' }
  // Nobody of this name among the agent's customers: one unassigned prospect of that name (and no other phone) is them.
  if (match.kind === 'new' && by.agentId !== null && who.name) {
    const waiting = store.customers.byName(null, who.name).filter(c => unassignedProspect(c) && (who.phone === null || c.phone === null))
    if (waiting.length === 1) return { kind: 'existing', customer: waiting[0]!, addPhone: who.phone }
  }
  // A prospect nobody was given yet (意向, unassigned) becomes the customer of whoever records their first order.
  if (match.kind === 'existing' && by.ownCustomersOnly && match.customer.agentId !== by.agentId && !unassignedProspect(match.customer))
    return { kind: 'not-theirs', customer: match.customer }
  return match
}

/** Records one order: finds or creates its customer, costs it, teaches the catalogue. */
export function recordOrder(ledger: Ledger, input: OrderInput, by: Recorder, now: Date): RecordResult {
  const { store } = ledger
  if (by.once) {
    const [of] = store.orders.bySource(by.sourceId)
    if (of) return { kind: 'duplicate', of }
  }
  const who = identifyCustomer(store, input.customer, by)
  const at = isoOf(now)
  let customer: Customer
  if (who.kind === 'existing') {
    customer = withDetails(ledger, converted(store, who.customer, by, input.date ?? by.day), { phone: who.addPhone, address: input.customer.address })
  }
  else if (who.kind === 'new') {
    const fields = { name: who.name, phone: who.phone, address: input.customer.address, agentId: by.agentId, externalId: input.customer.externalId ?? null, source: by.customerSource ?? null }
    customer = withRegion(ledger, newCustomer(store, fields, at))
    store.customers.add(customer)
  }
  else {
    return who
  }
  const referral = input.referrer ? referred(store, customer, input.referrer) : null
  if (referral?.customer) customer = referral.customer
  // A referrer who is not a customer (yet) stays on the order, in the agent's words.
  const order = addOrder(store, customer, referral?.unmatched ? { ...input, note: [input.note, `介绍人：${referral.unmatched}`].filter(Boolean).join(' ') } : input, by, at)
  return { kind: 'recorded', order, customer, isNew: who.kind === 'new' }
}

/**
 * `张姐介绍` in an order: the customer's referrer, when they have none yet and exactly one customer of the
 * same agent (or of the merchant, for the merchant's own customers) has that name and would not close a
 * circle. Otherwise the name is kept on the order (`unmatched`).
 */
function referred(store: Store, customer: Customer, name: string): { customer?: Customer, unmatched?: string } {
  if (customer.referredBy !== undefined) return {}
  const found = store.customers.byName(customer.agentId, name).filter(c => c.id !== customer.id)
  if (found.length !== 1 || wouldCircle(id => store.customers.byId(id), customer.id, found[0]!.id)) return { unmatched: name }
  const next: Customer = { ...customer, referredBy: found[0]!.id }
  store.customers.update(next)
  return { customer: next }
}

const unassignedProspect = (c: Customer): boolean => c.agentId === null && isOpenProspect(c)

/**
 * A prospect's first order: the day it was placed is kept (days from first contact to first order),
 * and an unassigned prospect goes to the agent who recorded it. Anyone else is returned as they are.
 */
function converted(store: Store, customer: Customer, by: Pick<Recorder, 'agentId'>, day: string): Customer {
  if (!customer.prospect || customer.prospect.convertedOn !== undefined) return customer
  const next: Customer = { ...customer, agentId: customer.agentId ?? by.agentId, prospect: { ...customer.prospect, convertedOn: day } }
  store.customers.update(next)
  return next
}

/** The one place a draft becomes an order in the ledger, for a customer already stored. */
function addOrder(store: Store, customer: Customer, d: OrderInput, by: Recorder, at: string): Order {
  const seq = store.nextSeq('order')
  const amountFen = d.amountFen
  const unnamed = d.lines.map(l => l.name.trim() === '')
  const order: Order = costOrder(store, {
    id: `o${seq}`,
    no: seq,
    sourceMessageId: by.sourceId,
    recordedBy: by.by,
    agentId: customer.agentId ?? by.agentId,
    customerId: customer.id,
    placedOn: d.date ?? by.day,
    recordedAt: at,
    // Cost and share are filled in by costOrder; named here, so that filling them in copies the line as it
    // is (adding properties to a spread copy is slow in V8).
    lines: d.lines.map((l, i) => ({ name: unnamed[i] ? UNNAMED_PRODUCT : l.name, qty: l.qty, unit: l.unit, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, spec: l.spec, costFen: null, shareFen: null })),
    amountFen,
    costFen: null,
    payment: d.payment,
    paidFen: d.payment === 'paid' ? amountFen ?? 0 : d.payment === 'deposit' ? d.paidFen ?? 0 : 0,
    dueOn: null,
    status: 'active',
    refundedFen: 0,
    note: d.note,
  })
  store.orders.add(order)
  // A product nobody named teaches the catalogue nothing.
  learnFromOrder(store, { amountFen, lines: order.lines.map((l, i) => (unnamed[i] ? { ...l, name: '' } : l)) }, at)
  return order
}

/**
 * The customer with a phone or address they did not have yet (and the region read from it), stored when
 * anything changed. A phone or address already on record stays.
 */
export function withDetails(ledger: Ledger, customer: Customer, details: { phone: string | null, address: string | null }): Customer {
  const phone = customer.phone ?? details.phone
  const address = customer.address ?? details.address
  if (phone === customer.phone && address === customer.address) return customer
  const next = withRegion(ledger, { ...customer, phone, address })
  ledger.store.customers.update(next)
  return next
}

/** The customer with the region of their address, when the address reader finds one. */
function withRegion(ledger: Ledger, customer: Customer): Customer {
  const region = customer.address === null ? null : ledger.addresses?.region(customer.address) ?? null
  return region === null ? customer : { ...customer, region }
}

/** A new customer record (not stored yet), with the next customer id. */
export function newCustomer(store: Store, fields: Pick<Customer, 'name' | 'phone' | 'address' | 'agentId'> & Partial<Pick<Customer, 'externalId' | 'source'>>, at: string): Customer {
  return {
    id: `c${store.nextSeq('customer')}`,
    agentId: fields.agentId,
    name: fields.name,
    aliases: [],
    phone: fields.phone,
    address: fields.address,
    externalId: fields.externalId ?? null,
    contactId: null,
    tags: [],
    source: fields.source ?? null,
    createdAt: at,
    optedOut: false,
    notes: null,
  }
}
