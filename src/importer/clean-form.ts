/**
 * A task written as a form, one field a line with its value after a "|" ("重点工作: | 135.统筹… |",
 * "牵头单位: | 市城管局 |", or without the "|"), as a page lays out a one-task table. The task field becomes the item's
 * line, the others "label:value" lines under it, which the outline and the field grammar read.
 * Text that holds no such form, with a task field among two or more, is returned as it is.
 */
const FIELD = /^\s*([\u4e00-\u9fff、（）() ]{2,24}?)\s*[:：]\s*[|｜]?\s*(.*?)\s*[|｜]?\s*$/;
const TASK_FIELD = /^(?:重点工作|工作任务|重点任务|任务名称|任务内容|工作事项|事项名称|项目名称)$/;

export function formFields(text: string): string {
  const lines = text.split('\n');
  const fields = lines.map((l) => FIELD.exec(l));
  // a task field with its value, and a unit field: "重点工作: 全面推行甲制。" / "牵头单位: 市甲局"
  const task = fields.some((f) => f && f[2] && TASK_FIELD.test(f[1]!.replace(/\s+/g, '')));
  if (fields.filter(Boolean).length < 2 || !task || !fields.some((f) => f && /单位|部门/.test(f[1]!))) return text;
  // a task without its number takes the one the page heads it with ("任务163"), else 1: it is an item
  const heading = /^\s*(?:任务|第)\s*(\d{1,4})\s*项?\s*$/m.exec(text)?.[1] ?? '1';
  return lines.map((l, i) => {
    const f = fields[i];
    if (!f || !f[2]) return l;
    const label = f[1]!.replace(/\s+/g, '');
    if (!TASK_FIELD.test(label)) return `${label}:${f[2]}`;
    return /^\d{1,4}\s*[.、．]/.test(f[2]) ? f[2] : `${heading}.${f[2]}`;
  }).join('\n');
}
