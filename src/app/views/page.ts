/** Rows per page of every list the bot sends (睡眠客户, 标签客户, 意向客户, 推荐之星 …). */
export const PAGE_SIZE = 10
