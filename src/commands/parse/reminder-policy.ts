/**
 * Reminder-policy settings an admin gives in chat (the 督办 ladder is configuration, and
 * cities differ):
 *   "2.3 提醒改为提前5、2、1个工作日"      → beforeWorkdays [5, 2, 1]
 *   "本方案逾期5个工作日后上报领导"          → escalateAfterWorkdays 5
 *   "逾期后每2个工作日催办一次" / "逾期每天提醒" → overdueEveryWorkdays 2 / 1
 *   "提醒时间改为上午10点"                 → hour 10
 *   "到期当天不提醒"                       → onDueDay false
 *   "关闭 2.3 提醒" / "2.3 不再提醒"        → enabled false (a pause has a date: pause.ts)
 *   "本方案销号需佐证材料" / "2.3 销号不需要佐证材料" → evidenceRequired true / false
 *   "查看 2.3 提醒设置" → show; "2.3 提醒恢复默认" → reset.
 * Numbers are taken as written; whether they are allowed is decided by the policy schema
 * when the setting is applied, so an impossible value gets a clear refusal, not a guess.
 * Scope: a task reference written before the setting, else the plan (named in 《》, or the
 * only active one).
 */
import type { Features } from './features.ts';
import { toInt } from './numbers.ts';
import type { Directive } from './schema.ts';

const NUM = '[0-9零一二两三四五六七八九十]{1,3}';
const DAYS = '\\s*(?:个)?\\s*(?:工作日|天|日)';
const TOPIC = /提醒|催办|催促|督办|上报领导|报送?领导|通知领导|领导群|升级|佐证材料/;
/** 销号需佐证材料 (a policy, not a 销号): on, or off with 不/无 before 需 */
const EVIDENCE = /(?:销号|办结)\s*(?:时)?\s*(不|无|不再)?\s*(?:需要?|须|必须|要|用)\s*(?:附|提供|上传|提交|报送)?\s*佐证材料/;
const BEFORE = new RegExp(`提前\\s*(${NUM}(?:\\s*[、,，和及与/]\\s*${NUM})*)${DAYS}`);
const ESCALATE = [
  new RegExp(`逾期\\s*(?:超过|满|达到|达|后)?\\s*(${NUM})${DAYS}\\s*(?:以上|后|之后)?\\s*[,，]?\\s*(?:就|再|则|即)?\\s*(?:升级|上报|报送?领导|通知领导|发?到?领导群|领导督办|抄送领导)`),
  new RegExp(`(?:升级|上报领导|领导督办)\\s*(?:阈值|门槛|时间)?\\s*(?:改为|改成|设为|定为|为)\\s*(?:逾期)?\\s*(${NUM})${DAYS}`),
];
const EVERY = new RegExp(`逾期\\s*(?:后|期间|以后)?\\s*(?:的话)?\\s*每\\s*(${NUM})?\\s*(?:个)?\\s*(工作日|天|日|周)`);
const HOUR = new RegExp(`(上午|下午|早上|早晨|中午|晚上)?\\s*(${NUM})\\s*(?:点|时|:00)(?!\\s*(?:前|之前))`);
const HOUR_CUE = /时间|改|设|定|每天|统一|在|调/;
const DUE_DAY_OFF = /(?:到期|截止)当天\s*(?:就)?\s*(?:不|不要|无需|不用|别)\s*(?:再)?\s*(?:提醒|催办|发)/;
const DUE_DAY_ON = /(?:到期|截止)当天\s*(?:也|要|需要|还要)+\s*(?:提醒|催办|发)/;
const SHOW = /(?:查看|看看|看一下|显示|当前|现在|目前)?.{0,12}(?:提醒|催办)(?:的)?(?:设置|规则|策略|安排|频率|时间表)(?:是什么|是怎样的|怎么样|如何)?/;
/** closing for good, as against a pause until a date */
const DISABLE = /(?:关闭|取消)[^,，。]{0,24}?(?:提醒|催办)|(?:不再|不用再|无需再|不要再)(?:提醒|催办|催)/;
const RESET = /(?:恢复|还原|改回|重置)(?:成|为|到)?\s*默认|默认(?:设置|规则)/;

type PolicySet = Extract<Directive, { kind: 'reminder_policy' }>['policy']['set'];

function numbers(list: string): number[] {
  return list.split(/[、,，和及与/\s]+/).filter(Boolean).map(toInt);
}

function readSettings(s: string): { set: PolicySet; at: number } | null {
  const set: PolicySet = {};
  let at = Infinity;
  const seen = (m: RegExpExecArray | null) => (m ? ((at = Math.min(at, m.index)), m) : null);
  const before = seen(BEFORE.exec(s));
  if (before) set.beforeWorkdays = numbers(before[1]!);
  const esc = ESCALATE.map((re) => seen(re.exec(s))).find(Boolean);
  if (esc) set.escalateAfterWorkdays = toInt(esc[1]!);
  const every = seen(EVERY.exec(s));
  if (every) set.overdueEveryWorkdays = every[2] === '周' ? 5 * (every[1] ? toInt(every[1]) : 1) : every[1] ? toInt(every[1]) : 1;
  const hour = HOUR_CUE.test(s) ? seen(HOUR.exec(s)) : null;
  if (hour) {
    const h = toInt(hour[2]!);
    set.hour = /下午|晚上/.test(hour[1] ?? '') && h < 12 ? h + 12 : h;
  }
  const evidence = seen(EVIDENCE.exec(s));
  if (evidence) set.evidenceRequired = !evidence[1];
  if (seen(DUE_DAY_OFF.exec(s))) set.onDueDay = false;
  else if (seen(DUE_DAY_ON.exec(s))) set.onDueDay = true;
  return Object.keys(set).length ? { set, at } : null;
}

/** A reminder-policy command, or null when the message is not one. */
export function detectReminderPolicy(F: Features): Directive | null {
  const s = F.s;
  if (!TOPIC.test(s) || F.f.question && !SHOW.test(s)) return null;
  const plan = /《([^》]{2,60})》/.exec(F.msg.body.raw)?.[1] ?? null;
  const task = (limit: number) => F.refs.find((r) => r.end <= limit)?.text ?? null;
  if (RESET.test(s)) return { kind: 'reminder_policy', task: task(RESET.exec(s)!.index), policy: { action: 'reset', plan, set: {} } };
  const settings = readSettings(s);
  if (!settings && DISABLE.test(s) && !F.dates.length) return { kind: 'reminder_policy', task: task(s.length), policy: { action: 'set', plan, set: { enabled: false } } };
  if (settings) return { kind: 'reminder_policy', task: task(settings.at), policy: { action: 'set', plan, set: settings.set } };
  if (SHOW.test(s)) return { kind: 'reminder_policy', task: task(s.length), policy: { action: 'show', plan, set: {} } };
  return null;
}
