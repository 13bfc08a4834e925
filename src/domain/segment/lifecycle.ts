/**
 * A customer's stage in their life with the merchant, beside the four groups: 忠诚 when the group is
 * loyal, 沉睡 when it is dormant, otherwise by the orders that stood (not cancelled, not refunded) —
 * 潜在 none yet, 新 one, 老 two up to the mature threshold, 成熟 from there. Each stage carries the
 * problems typical of it and what the merchant should do, as the grading of customer life cycles in
 * 微商 customer management describes them.
 */
import type { Group } from './groups.js'

export type Stage = 'prospect' | 'new' | 'returning' | 'mature' | 'loyal' | 'dormant'

/** The stages in the order a customer moves through them (沉睡 last: it can follow any other). */
export const STAGES: readonly Stage[] = ['prospect', 'new', 'returning', 'mature', 'loyal', 'dormant']

export const STAGE_NAMES: Record<Stage, string> = {
  prospect: '潜在客户',
  new: '新客户',
  returning: '老客户',
  mature: '成熟客户',
  loyal: '忠诚客户',
  dormant: '沉睡客户',
}

/** The short word merchants use (`潜在`, `老`), shown where space is tight (概览's funnel line). */
export const STAGE_WORDS: Record<Stage, string> = {
  prospect: '潜在',
  new: '新',
  returning: '老',
  mature: '成熟',
  loyal: '忠诚',
  dormant: '沉睡',
}

export interface StagePlaybook {
  /** What usually goes wrong at this stage. */
  problems: string
  /** What the merchant or agent should do. */
  actions: string
}

export const STAGE_PLAYBOOK: Record<Stage, StagePlaybook> = {
  prospect: {
    problems: '还不了解产品和购买流程，担心买到假货、不敢先付款',
    actions: '讲清楚怎么下单、怎么发货和售后，按需求推荐一两款，先建立信任',
  },
  new: {
    problems: '第一次的体验决定会不会再买；收货、用法或效果有问题时最容易流失',
    actions: '问问收货和使用感受，有问题马上解决；按他买过的东西推荐第二单',
  },
  returning: {
    problems: '开始比较价格和服务，一次不满意就可能换人买',
    actions: '保证品质和服务，及时回复；邀请进客户群，让他常看到新品和活动',
  },
  mature: {
    problems: '买得多也习惯了，容易觉得没有被特别对待',
    actions: '记住他的用量和喜好，提前提醒补货；推荐搭配和套装，争取介绍朋友',
  },
  loyal: {
    problems: '期待被当作老买家对待，优惠和关怀跟不上就会失望',
    actions: '给专属优惠和小礼品，让他感到老买家的身份（VIP群、优先发货）',
  },
  dormant: {
    problems: '很久没有下单，可能用完没补、换了别家，或有过不满意',
    actions: '先问清楚原因，再用他信任的、买过的产品配回购优惠把他唤回来',
  },
}

/** The stage of a customer in `group` (null: no order stood yet) with `orders` orders that stood. */
export function lifecycleStage(group: Group | null, orders: number, matureOrders: number): Stage {
  if (group === 'loyal') return 'loyal'
  if (group === 'dormant') return 'dormant'
  if (orders <= 0) return 'prospect'
  if (orders === 1) return 'new'
  return orders >= matureOrders ? 'mature' : 'returning'
}
