/**
 * A task written as a form, one field a line with its value after a "|" ("重点工作: | 135.统筹… |",
 * "牵头单位: | 市城管局 |"), as a page lays out a one-task table. The task field becomes the item's
 * line, the others "label:value" lines under it, which the outline and the field grammar read.
 * Text that holds no such form, with a task field among two or more, is returned as it is.
 */
const FIELD = /^\s*([\u4e00-\u9fff、（）() ]{2,24}?)\s*[:：]\s*[|｜]\s*(.*?)\s*[|｜]?\s*$/;
const TASK_FIELD = /^(?:重点工作|工作任务|重点任务|任务名称|任务内容|工作事项|事项名称|项目名称)$/;

export function formFields(text: string): string {
  const lines = text.split('\n');
  const fields = lines.map((l) => FIELD.exec(l));
  if (fields.filter(Boolean).length < 2 || !fields.some((f) => f && TASK_FIELD.test(f[1]!.replace(/\s+/g, '')))) return text;
  return lines.map((l, i) => {
    const f = fields[i];
    if (!f || !f[2]) return l;
    const label = f[1]!.replace(/\s+/g, '');
    return TASK_FIELD.test(label) ? f[2] : `${label}:${f[2]}`;
  }).join('\n');
}
