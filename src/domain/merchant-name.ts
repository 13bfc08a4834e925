/**
 * The name a merchant's data is kept under in a database shared by several merchants (config
 * `merchant`, `WXCRM_MERCHANT`): one rule for the configuration check and for the stores.
 */
export const MERCHANT_NAME_RE = /^[\w.-]{1,64}$/

/** What the rule asks, in the words the configuration check and the stores use. */
export const MERCHANT_NAME_RULE = '只能由字母、数字、-、_、. 组成（最多 64 个）'

/** Why `name` cannot name a merchant, or null when it can. */
export function merchantNameProblem(name: string): string | null {
  return MERCHANT_NAME_RE.test(name) ? null : `商户名 ${name} ${MERCHANT_NAME_RULE}`
}
