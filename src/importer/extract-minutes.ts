/**
 * 会议纪要: a meeting's minutes read as the decided items of that meeting. Minutes name no
 * 责任单位 lines; the owner of a decided item is the body its sentence gives the work to:
 * the subject of a clause that goes on with 要/负责/牵头/会同/安排/调度/提出/抓紧…
 * ("张谷英管理处要进一步加强管理", "县财政调度1600万元", "区交通运输局、莲洲镇等单位要每天更新"),
 * a body after 由/责成/委托 ("由…领导小组提出具体方案"), and the bodies after 会同 listed up to
 * 等部门 ("会同县发改、招商、旅游等部门"). A person's post (…局局长) and a class of offices
 * (各单位, 有关部门) are not owners. Pure.
 */

export interface MeetingFacts {
  /** 县人民政府第13次常务会议, 五届104次区政府常务会议, 现场办公会 */
  name: string | null;
  /** the meeting's day as written (2024年9月13日, 9 月 1 日, 1-27) */
  dateRaw: string | null;
}

/** Said of minutes, not of a plan that mentions a meeting: 会议纪要, 纪要如下, 会议议定： */
const MINUTES = /会议纪要|纪要如下|会议议定(?:事项)?\s*[:：如]|议定事项\s*[:：如]/;
const MEETING_NAME = /(?:[\u4e00-\u9fff\d]{0,16}?(?:第\s*[\d一二三四五六七八九十百]+\s*次|[一二三四五六七八九十\d]+届[\d一二三四五六七八九十百]+次)?[\u4e00-\u9fff]{0,8}?(?:常务会议|常委会议|办公会议|专题会议|调度会议|现场办公会|联席会议|推进会议?|协调会议?|党组会议))(?!室)/;
const MEETING_DAY = /((?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}-\d{1,2}(?=[上下]午))/;

/** The meeting the minutes record, or null when the text is not minutes. */
export function readMeeting(text: string): MeetingFacts | null {
  const head = text.slice(0, 1500);
  if (!MINUTES.test(head)) return null;
  // the name starts after who convened it where (…主持召开县人民政府第21次常务会议)
  const name = MEETING_NAME.exec(head)?.[0]?.replace(/^.*(?:召开|主持|举行)/, '').replace(/^(?:在|于|的|并)+/, '') ?? null;
  const day = MEETING_DAY.exec(head)?.[1] ?? null;
  return { name: name ? name.replace(/\s+/g, '') : null, dateRaw: day ? day.replace(/\s+/g, '') : null };
}

/** A body's name: ends like an office, a company, a town or a 领导小组. */
const BODY = '[\\u4e00-\\u9fff]{1,16}?(?:局|委员会|委|办公室|办|管理处|处|中心|公司|集团|管委会|领导小组|人民政府|政府|镇|街道|乡|财政|所|站|院|队|部)';
const LIST = `${BODY}(?:、${BODY})*`;
const ACTS = '(?:等(?:单位|部门))?(?:要|负责|牵头|会同|安排|调度|提出|将|应|须|必须|抓紧|尽快|每天|每周|进一步|统筹|做好|完成|组织|落实|具体负责|实行|切实|加快|立即)';
const SUBJECT = new RegExp(`(?:^|[。；;，,：:\\s])(${LIST})(?=${ACTS})`, 'g');
const DELEGATED = new RegExp(`(?:由|责成|委托|请)(${LIST})(?=[\\u4e00-\\u9fff]{0,2}(?:负责|牵头|提出|组织|经营|管理|研究|办理|落实|制定|完成))`, 'g');
const WITH_OTHERS = /会同((?:[\u4e00-\u9fff]{2,14}、)*[\u4e00-\u9fff]{2,14}?)等(?:部门|单位)/g;
/** Not an owner: a class of offices, the meeting itself, a post, a body that only delegates. */
const NOT_OWNER = /^(?:各|有关|相关|其他|全体|会议|本|我|该|由|请|责成|委托|经|对|要求)|(?:局长|主任|同志|负责人)$/;

/** The owners of one decided item, as written, in order, no repeats. */
export function minutesOwners(text: string): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    const n = name.trim();
    if (n.length >= 2 && !NOT_OWNER.test(n) && !out.includes(n)) out.push(n);
  };
  const hits: { at: number; names: string[] }[] = [];
  for (const re of [SUBJECT, DELEGATED]) {
    for (const m of text.matchAll(re)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if (/^(?:局长|主任|同志|负责人)/.test(after)) continue;
      hits.push({ at: m.index + m[0].length - m[1]!.length, names: m[1]!.split('、') });
    }
  }
  for (const m of text.matchAll(WITH_OTHERS)) hits.push({ at: m.index + 2, names: m[1]!.split('、') });
  hits.sort((a, b) => a.at - b.at);
  for (const h of hits) h.names.forEach(add);
  return out;
}

/**
 * One-line copies of minutes (a web page's text) have their items inline: a break is put back
 * before each outline number that follows the end of a sentence ("…。 一、要千方百计…").
 */
export function breakInlineItems(text: string): string {
  if (text.split('\n').some((l) => l.length > 600)) {
    return text.replace(/([。！？!?:：])\s*(?=[一二三四五六七八九十]{1,3}、)/g, '$1\n');
  }
  return text;
}
