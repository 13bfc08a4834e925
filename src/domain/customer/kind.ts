/**
 * A customer's type: 个人 or 企业. Set by an agent or admin (`类型 <客户> 企业`); until then suggested
 * by the name — shops, companies and salons buy for resale or for their own customers, in other
 * amounts and rhythms than a person.
 */
export type CustomerKind = 'person' | 'business'

export const KIND_NAMES: Record<CustomerKind, string> = { person: '个人', business: '企业' }

/** The words `类型` takes for each type. */
export const KIND_WORDS: Record<string, CustomerKind> = {
  个人: 'person', 私人: 'person', 个体: 'person',
  企业: 'business', 公司: 'business', 商家: 'business', 店铺: 'business', 门店: 'business',
}

/** Name endings that say a business: a shop, a company, a salon, a clinic, a studio. */
const BUSINESS_ENDINGS = [
  '店', '铺', '公司', '有限', '集团', '商行', '商贸', '贸易', '超市', '市场', '批发部', '门市部', '经营部',
  '美容院', '美容馆', '会所', '沙龙', '工作室', '诊所', '门诊', '药房', '医院', '酒店', '宾馆', '餐厅', '饭店',
  '厂', '农场', '合作社', '中心', '养生馆', '体验馆', '母婴馆', '健身房',
]

/** 企业 when the name ends like a business's, else 个人. */
export function suggestedKind(name: string): CustomerKind {
  const n = name.trim().replace(/[（(][^）)]*[）)]$/, '')
  return BUSINESS_ENDINGS.some(e => n.length > e.length && n.endsWith(e)) ? 'business' : 'person'
}

/** The customer's type, and whether it was only suggested by the name. */
export function kindOf(c: { name: string, kind?: CustomerKind }): { kind: CustomerKind, suggested: boolean } {
  return c.kind ? { kind: c.kind, suggested: false } : { kind: suggestedKind(c.name), suggested: true }
}
