/**
 * Switching a plan off and on: "停用方案《…》", "归档《…》", "这个方案不用了，停掉",
 * "恢复方案《…》", "重新启用《…》", "启用方案". The plan is named by its title (in 《》 or
 * after 方案) or, when none is named, is the one the conversation can tell.
 */
import type { Features } from './features.ts';
import type { Directive } from './schema.ts';

const OFF = /停用|归档|作废|废止|撤下|下线|(?:停掉|停了|关掉|关闭)(?:这个|该|此)?(?:方案|计划)|(?:方案|计划)(?:不用了|停掉|停了|关掉|关闭)/;
const ON = /(?:重新)?启用|激活|恢复(?:这个|该|此)?(?:方案|计划)|(?:方案|计划)(?:恢复|重新启用)/;

export function detectPlanStatus(F: Features): Directive | null {
  const s = F.s.trim();
  const named = /《([^》]{2,60})》/.exec(F.msg.body.raw)?.[1] ?? null;
  const aboutPlan = named !== null || /方案|计划/.test(s);
  if (!aboutPlan || F.f.question || F.refs.length) return null;
  const off = OFF.test(s);
  const on = !off && ON.test(s) && !/提醒|催办/.test(s);
  if (!off && !on) return null;
  const loose = named ?? (/(?:方案|计划)\s*[:：]?\s*([^\s,，。]{4,60})$/.exec(s)?.[1] ?? null);
  return { kind: 'plan_status', plan: loose, status: off ? 'archived' : 'active' };
}
