/**
 * The words the bot acts on that a slip of pinyin or handwriting input may hide (办洁, 逾其,
 * 末完成, 己阅). Fuzzy reading (fuzzy-read.ts) looks only for these; the neighbours of their
 * characters by sound and by shape are computed from maintained data by
 * scripts/build-char-neighbours.ts into char-neighbours.json (run it after changing this list).
 *
 * `shapeOnly`: a single character read only when it was written in a similar shape (己 for 已),
 * never by sound: one character alone has too many homophones.
 */
export const FUZZY_WORDS: readonly string[] = [
  // claims and decisions
  '办结', '已办结', '办完', '销号', '完成', '已完成', '未完成', '全部完成', '落实',
  // extensions
  '延期', '延到', '延至', '延后', '宽限', '推迟', '申请',
  // reports and acknowledgements
  '进度', '进展', '推进', '报送', '上报', '未报送', '未上报', '未反馈', '收到', '已阅', '办理', '转交',
  // queries
  '逾期', '超期', '到期', '汇总', '统计', '哪些', '通报', '怎么样', '没报', '明天', '马上', '跟进', '安排', '季度', '操作',
  // settings
  '绑定',
];

export const SHAPE_ONLY: readonly string[] = ['已'];
