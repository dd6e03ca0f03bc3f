/**
 * The reason a leader gives with a refusal (退回, 驳回, 不同意销号, 不行): whatever the message says
 * besides the decision and the task. A message is read as clauses; a clause that only carries
 * the act of deciding ("退回去重新报", "不同意销号", "驳回 2.3 延期") is the decision, the others
 * are its reason — before the decision ("医共体那个材料不全，退回去重新报") or after it ("退回
 * 2.3，佐证材料不全"). The reason is kept as written.
 */
import type { Features } from './features.ts';
import { rawSlice } from './normalise.ts';
import { THE_OTHER_ONE } from './lexicon.ts';

/** The words of deciding and of what is decided: what a decision clause consists of. */
const DECISION = /(?:请|麻烦|建议)?(?:予以|给予?|先)?(?:退回|退办|打回|驳回|不予(?:批准|同意|销号)?|不同意|不批准|不批|暂不|先不|先别|不能|不要|不准|暂缓|别|不行|不可以|拒绝)(?:去|来|给(?:他们|你们|[^\s,，。]{1,6}?))?(?:重新|再)?(?:报送|提交|整改|补充|报|办|做)?(?:一下|一次|吧|了)?/g;
const OBJECT = new RegExp(`(?:的)?(?:延期申请|延期|办结申请|办结|销号|申请|这项|这个|该项|那项|那个|此项)|${THE_OTHER_ONE.source}`, 'g');
const CONNECTIVE = /^(?:原因是|原因[:：]|理由是|理由[:：]|因为|由于|主要是|是因为)\s*/;
const FILLER = /^(?:那个|那项|这个|这项|的|啊|呀)+/;

/** The reason, or null when the message says nothing besides the decision. */
export function decisionReason(F: Features): string | null {
  // the message as written, with the task references taken out
  const spans = [...F.refs, ...(F.keyword ? [F.keyword] : [])].sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  for (const r of spans) {
    if (r.start < at) continue;
    text += `${rawSlice(F.msg.body, at, r.start)} `;
    at = r.end;
  }
  text += rawSlice(F.msg.body, at, F.s.length);
  const clauses = text.split(/[,，。;；!！?？\n]+/u).map((c) => c.trim()).filter(Boolean);
  const reasons = clauses
    .map((c) => c.replace(CONNECTIVE, '').replace(FILLER, '').trim())
    .filter((c) => c.replace(DECISION, '').replace(OBJECT, '').replace(/[\s\p{P}\p{S}]/gu, '').length >= 2);
  const reason = reasons.join('，').replace(/[\s,，。.;；!！~～]+$/u, '');
  return reason.length >= 2 ? reason : null;
}
