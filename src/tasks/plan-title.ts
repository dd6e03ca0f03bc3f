/**
 * How a plan is named where a task path alone would be ambiguous (two active plans both have a
 * 二.(一)): the words of its title that tell plans apart. Lists print 〔short title〕二.(一), and
 * a reply that writes it back resolves to that plan's task (commands/resolve-task.ts).
 */
/** "高新区2026年深化医药卫生体制改革重点工作任务" → "深化医药卫生体制改革": the words that tell plans apart. */
export function shortPlanTitle(title: string): string {
  const core = title
    .replace(/^.{0,12}?(?:省|市|县|区|旗|镇|乡|街道)(?=.{4,})/u, '')
    .replace(/^\s*(?:20\d{2}|二〇[〇一二三四五六七八九]{2})\s*(?:[-—–至]\s*20\d{2}\s*)?年度?/u, '')
    .replace(/^关于/, '')
    .replace(/(?:的)?(?:重点工作任务|工作任务|重点任务|实施方案|工作方案|行动方案|工作要点|任务分工|分工方案|方案|计划|要点|清单)+$/u, '')
    .trim();
  const words = core || title;
  return words.length > 12 ? `${words.slice(0, 11)}…` : words;
}
