/** A prospect's lead grade with what the store knows: the catalogue's words and how good the referrer is. */
import { gradeProspect, type GradeRules, type LeadGrade, type Signal } from '../../domain/customer/prospect.js'
import type { Store } from '../../domain/ports.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import type { Customer } from '../../domain/types.js'
import type { Config } from '../config.js'
import { localDate } from '../local-time.js'

/** A stored instant as the merchant's local day. */
export const dayOfIn = (config: Config) => (instant: string): string => localDate(new Date(instant), config.timezone)

export function gradeRules(config: Config): GradeRules {
  return { table: config.prospects.grades, decayDays: config.prospects.decayDays, referralLift: config.prospects.referralLift }
}

/** Every name and alias in the catalogue (what "a specific product" can be). */
export function productWords(store: Store): string[] {
  return store.products.all().flatMap(p => [p.name, ...p.aliases])
}

/** A good customer, whose referral lifts a prospect: tier A or B, or 忠诚型. */
export const isGoodCustomer = (c: CustomerClass | undefined): boolean => c !== undefined && (c.tier === 'A' || c.tier === 'B' || c.group === 'loyal')

export interface Graded { customer: Customer, grade: LeadGrade, reasons: string[], signals: Signal[] }

/** The grade of a customer recorded as a prospect (null for anyone else). */
export function gradeOf(customer: Customer, deps: { store: Store, config: Config, classOf: (id: string) => CustomerClass | undefined, products: readonly string[] }, today: string): Graded | null {
  if (!customer.prospect) return null
  const referredByGood = customer.referredBy !== undefined && isGoodCustomer(deps.classOf(customer.referredBy))
  return { customer, ...gradeProspect({ info: customer.prospect, products: deps.products, referredByGood, today, dayOf: dayOfIn(deps.config) }, gradeRules(deps.config)) }
}

/** Still a prospect: recorded as one and no order stood yet. */
export const isOpenProspect = (c: Customer): boolean => c.prospect !== undefined && c.prospect.convertedOn === undefined
