/**
 * Where a 交办 comes from, read from its wording: a leader's 批示 (a quoted instruction signed
 * "张建国 11.19", or "X区长批示：…"), a meeting's decided item (区政府第12次常务会议议定, 专题会
 * 议研究决定), or neither (其他交办). Pure: the text is the normalised message (half-width
 * punctuation), dates come back as written.
 */

export type AssignmentSourceKind = 'instruction' | 'meeting' | 'other';

export interface AssignmentSource {
  kind: AssignmentSourceKind;
  /** 批示: the leader's name as signed or written (张建国, 王区长) */
  leader: string | null;
  /** 批示: the instruction's words, without the signature */
  instruction: string | null;
  /** the 批示's signature or the meeting's date as written (11.19, 11月18日) */
  dateRaw: string | null;
  /** 会议: the meeting's name as written (区政府第12次常务会议) */
  meeting: string | null;
  /** spans of the text that belong to the source (signature, meeting header), not to the task */
  spans: { start: number; end: number }[];
}

const SURNAME_NAME = '[\\u4e00-\\u9fff]{2,3}';
/** A signed name: a surname and one or two characters, or the placeholders a copy writes for them (刘XX, 王某某, 张**). */
const SIGNED_NAME = '[\\u4e00-\\u9fff](?:[\\u4e00-\\u9fff]{1,2}|[x×*＊某○]{1,2})';
/** A leader's title after a name or surname: 张区长, 李副书记, 王建国同志. */
const TITLE = '(?:常务副区长|副区长|区长|副书记|书记|副县长|县长|副市长|市长|主任|副主任|部长|副部长|局长|秘书长|主席|同志|组长)';
/** A signature: a name then a day (张建国 11.19, 张建国 11月19日, 张建国 2025.11.19), at the end of a 批示. */
const SIGNATURE = new RegExp(`(${SIGNED_NAME})\\s*[,，]?\\s*((?:20\\d{2}\\s*[.年-]\\s*)?\\d{1,2}\\s*[.月-]\\s*\\d{1,2}\\s*日?)(?=\\s*(?:[)）”"」』]|[,，。;；]|$|\\n)|\\s+(?:按此|按批示|请|转|交|收到))`, 'g');
/** "张建国区长批示", "王区长在…上批示", "区委书记李明批示" (the name is kept, the title dropped). */
const WROTE_INSTRUCTION = new RegExp(`(?:^|[^\\u4e00-\\u9fff])?((?:区委|区政府|县委|县政府|市委|市政府)?(?:${TITLE})?(${SURNAME_NAME}?)(${TITLE}))(?:[^,，。:：]{0,16}?)(?:作出|做出|签)?批示`);
const INSTRUCTION_WORD = /批示|批办|阅批|领导批|呈批|批:/;
const MEETING = /(?:[\u4e00-\u9fff\d]{0,20}?(?:常务会议?|常委会议?|办公会议?|专题会议?|调度会议?|推进会议?|协调会议?|工作会议?|联席会议?|指挥部会议?|现场会|部署会|会商会|例会|党组会议?|主任会议?|碰头会|务虚会|座谈会)(?:纪要)?)/;
const MEETING_DECIDED = /会议(?:议定|决定|要求|明确|研究|确定|指出|强调|纪要)|议定事项|会议精神|会上|(?:常务会议?|专题会议?|办公会议?|调度会议?|联席会议?)(?:议定|决定|定了|要求|明确|研究|确定|精神)/;

/** Reads the source of a 交办 text. */
export function readSource(s: string): AssignmentSource {
  const signature = lastSignature(s);
  const quoted = quotedInstruction(s);
  if (signature || (INSTRUCTION_WORD.test(s) && !/会议/.test(s.slice(0, Math.max(0, s.search(INSTRUCTION_WORD)))))) {
    const wrote = WROTE_INSTRUCTION.exec(s);
    const leader = signature?.name ?? (wrote ? leaderName(wrote[2] ?? '', wrote[3] ?? '', wrote[1] ?? '') : null);
    if (signature || wrote || INSTRUCTION_WORD.test(s)) {
      const spans = signature ? [{ start: signature.start, end: signature.end }] : [];
      const body = quoted ?? (signature ? s.slice(0, signature.start) : null);
      return { kind: 'instruction', leader, instruction: body ? clean(body) : null, dateRaw: signature?.date ?? null, meeting: null, spans };
    }
  }
  if (MEETING_DECIDED.test(s) || MEETING.test(s)) {
    const m = MEETING.exec(s);
    const date = /(\d{1,2}\s*月\s*\d{1,2}\s*日)(?=[^,，。]{0,24}(?:召开|会议|会上))/.exec(s);
    const spans = date ? [{ start: date.index, end: date.index + date[0].length }] : [];
    return { kind: 'meeting', leader: null, instruction: null, dateRaw: date?.[1] ?? null, meeting: m ? meetingName(m[0]) : null, spans };
  }
  return { kind: 'other', leader: null, instruction: null, dateRaw: null, meeting: null, spans: [] };
}

function lastSignature(s: string): { name: string; date: string; start: number; end: number } | null {
  let last: RegExpExecArray | null = null;
  for (const m of s.matchAll(SIGNATURE)) last = m as RegExpExecArray;
  if (!last) return null;
  // a name is not a verb phrase ending a sentence (…前完成 12.20): a signature's name has no task word
  const name = last[1]!.replace(/^(?:批示|签|阅|请|如|此|并)/, '');
  if (/完成|报送|办结|上报|前|底|日|月|号|内|会|议/.test(name) || name.length < 2) return null;
  return { name: name.replace(/x/g, 'X'), date: last[2]!.replace(/\s+/g, ''), start: last.index, end: last.index + last[0].length };
}

/** The instruction's words when quoted (「…」, “…”, "…"). */
function quotedInstruction(s: string): string | null {
  const m = /[「“"『]([^」”"』]{6,})[」”"』]/.exec(s);
  return m ? m[1]! : null;
}

function leaderName(name: string, title: string, whole: string): string {
  if (name.length >= 2) return name;
  return (name + title) || whole;
}

function meetingName(m: string): string {
  return m.replace(/^(?:经|在|据|根据|按照|落实|贯彻|请|于|的|召开|研究|今天|昨天)+/, '').replace(/纪要$/, '');
}

function clean(t: string): string {
  return t.replace(/^[\s:：,，]+|[\s,，。]+$/g, '').trim();
}
