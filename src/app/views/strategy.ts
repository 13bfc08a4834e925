/** What to do next with a customer, by group (DESIGN.md §5). */
import type { Group } from '../../domain/segment/groups.js'

export const NEXT_ACTION: Record<Group, string> = {
  loyal: '维护为主：定期关怀、送小礼品，邀请进VIP群',
  fast_growing: '多花心思：及时回复，推荐新品或套装，争取更大的单',
  dormant: '唤醒：发一条关怀消息，附上上次买过的产品的回购优惠',
  nurture: '跟进：问问使用感受，给点小优惠，促成下一单',
}

export const AT_RISK_ACTION = '最近下单变少，尽快联系，了解原因'
