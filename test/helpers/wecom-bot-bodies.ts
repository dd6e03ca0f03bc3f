/**
 * The AI bot's reply and push bodies as WeCom documents them, checked by the fakes (the long
 * connection in fake-wecom-ws.ts, passive replies in wecom-crypto.ts, response_url in
 * fake-wecom-api.ts). Each function answers why a body breaks the documented format, or null.
 *
 * - Passive replies (path/101031): stream {id, finish, content ≤ 20 480 bytes, msg_item images
 *   only with finish}, template_card, stream_with_template_card, a welcome text; card updates
 *   {response_type: "update_template_card", template_card}.
 * - Long connection (path/101463): aibot_respond_msg takes stream, template_card,
 *   stream_with_template_card, markdown and media (file/image/voice/video {media_id});
 *   "目前暂不支持 msg_item"; aibot_send_msg takes markdown, template_card and media.
 * - response_url (path/101138): markdown (content ≤ 20 480 bytes) or template_card.
 * - Template cards (path/101032): card_type one of five; text_notice needs main_title.title or
 *   sub_title_text and card_action; news_notice main_title, card_action and card_image or
 *   image_text_area; button_interaction button_list; vote_interaction checkbox and
 *   submit_button; multiple_interaction select_list (≤ 3) and submit_button; task_id of
 *   digits, letters and "_-@", ≤ 128 bytes (required where the card can be clicked).
 */
const MAX_CONTENT = 20480;
const MEDIA = new Set(['file', 'image', 'voice', 'video']);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function templateCardError(card: unknown): string | null {
  if (!isObj(card)) return 'template_card must be an object';
  const c = card;
  if (c.task_id !== undefined && (typeof c.task_id !== 'string' || !/^[A-Za-z0-9_\-@]{1,128}$/.test(c.task_id))) return 'task_id must be 1..128 of digits, letters and _-@';
  const needTask = () => (typeof c.task_id === 'string' ? null : `${c.card_type} needs task_id`);
  switch (c.card_type) {
    case 'text_notice':
      if (typeof c.main_title?.title !== 'string' && typeof c.sub_title_text !== 'string') return 'text_notice needs main_title.title or sub_title_text';
      return isObj(c.card_action) ? null : 'text_notice needs card_action';
    case 'news_notice':
      if (!isObj(c.main_title) || !isObj(c.card_action)) return 'news_notice needs main_title and card_action';
      return isObj(c.card_image) || isObj(c.image_text_area) ? null : 'news_notice needs card_image or image_text_area';
    case 'button_interaction':
      if (!Array.isArray(c.button_list) || c.button_list.some((b: any) => typeof b?.text !== 'string' || typeof b?.key !== 'string')) return 'button_interaction needs button_list of {text, key}';
      return buttonCardError(c) ?? needTask();
    case 'vote_interaction':
      if (!isObj(c.checkbox) || !isObj(c.submit_button)) return 'vote_interaction needs checkbox and submit_button';
      return needTask();
    case 'multiple_interaction':
      if (!Array.isArray(c.select_list) || c.select_list.length === 0 || c.select_list.length > 3 || !isObj(c.submit_button)) return 'multiple_interaction needs 1..3 select_list and submit_button';
      return needTask();
    default:
      return `card_type ${c.card_type} is not a template card type`;
  }
}

/**
 * The bounds path/101032 and path/90236 give a button card (the "建议不超过" lengths included:
 * past them WeCom cuts the text on the phone): button_list 1..6 with distinct keys ≤ 1024 bytes,
 * text ≤ 10 characters, style 1..4; main_title.title ≤ 26 characters; horizontal_content_list
 * ≤ 6 with keyname ≤ 5 and value ≤ 26 characters; sub_title_text ≤ 112 characters.
 */
function buttonCardError(c: Record<string, any>): string | null {
  const chars = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);
  const buttons = c.button_list as { text: string; key: string; style?: number }[];
  if (buttons.length < 1 || buttons.length > 6) return 'button_list must hold 1..6 buttons';
  if (new Set(buttons.map((b) => b.key)).size !== buttons.length) return 'button keys must be distinct';
  if (buttons.some((b) => bytes(b.key) > 1024 || !b.key)) return 'a button key must be 1..1024 bytes';
  if (buttons.some((b) => chars(b.text) > 10 || !b.text)) return 'a button text must be 1..10 characters';
  if (buttons.some((b) => b.style !== undefined && ![1, 2, 3, 4].includes(b.style))) return 'button style must be 1..4';
  if (c.main_title !== undefined && chars(c.main_title?.title) > 26) return 'main_title.title longer than 26 characters';
  if (c.sub_title_text !== undefined && chars(c.sub_title_text) > 112) return 'sub_title_text longer than 112 characters';
  const list = c.horizontal_content_list;
  if (list !== undefined) {
    if (!Array.isArray(list) || list.length > 6) return 'horizontal_content_list holds at most 6 items';
    if (list.some((h: any) => typeof h?.keyname !== 'string' || chars(h.keyname) > 5 || chars(h.value) > 26)) return 'horizontal_content_list items need keyname ≤ 5 and value ≤ 26 characters';
  }
  return null;
}

function streamError(s: unknown, mode: 'callback' | 'ws'): string | null {
  if (!isObj(s)) return 'stream must be an object';
  if (s.id !== undefined && typeof s.id !== 'string') return 'stream.id must be a string';
  if (s.finish !== undefined && typeof s.finish !== 'boolean') return 'stream.finish must be a boolean';
  if (s.content !== undefined && (typeof s.content !== 'string' || bytes(s.content) > MAX_CONTENT)) return 'stream.content must be a string of at most 20480 bytes';
  if (s.msg_item !== undefined) {
    if (mode === 'ws') return 'msg_item is not supported on the long connection';
    if (s.finish !== true) return 'msg_item images only on the final (finish: true) reply';
    if (!Array.isArray(s.msg_item) || s.msg_item.length > 10 || s.msg_item.some((i: any) => i?.msgtype !== 'image' || typeof i.image?.base64 !== 'string' || typeof i.image?.md5 !== 'string')) return 'msg_item must be ≤ 10 {msgtype: image, image: {base64, md5}}';
  }
  return null;
}

function markdownError(b: Record<string, any>): string | null {
  const c = b.markdown?.content;
  return typeof c === 'string' && bytes(c) <= MAX_CONTENT ? null : 'markdown.content must be a string of at most 20480 bytes';
}

/** A reply to a message: passive (callback mode) or aibot_respond_msg (long connection). */
export function replyBodyError(body: unknown, mode: 'callback' | 'ws'): string | null {
  if (!isObj(body)) return 'reply body must be an object';
  switch (body.msgtype) {
    case 'stream': return streamError(body.stream, mode);
    case 'template_card': return templateCardError(body.template_card);
    case 'stream_with_template_card': return streamError(body.stream, mode) ?? (body.template_card === undefined ? null : templateCardError(body.template_card));
    case 'markdown': return mode === 'ws' ? markdownError(body) : 'a passive reply cannot be markdown';
    default:
      if (mode === 'ws' && MEDIA.has(body.msgtype)) return typeof body[body.msgtype]?.media_id === 'string' ? null : `${body.msgtype}.media_id required`;
      return `msgtype ${body.msgtype} cannot answer a message`;
  }
}

/** An aibot_send_msg body (chatid plus a markdown, template card or media message). */
export function pushBodyError(body: unknown): string | null {
  if (!isObj(body) || typeof body.chatid !== 'string' || !body.chatid) return 'aibot_send_msg needs chatid';
  if (body.msgtype === 'markdown') return markdownError(body);
  if (body.msgtype === 'template_card') return templateCardError(body.template_card);
  if (MEDIA.has(body.msgtype)) return typeof body[body.msgtype]?.media_id === 'string' ? null : `${body.msgtype}.media_id required`;
  return `msgtype ${body.msgtype} cannot be pushed`;
}

/** A POST to a response_url. */
export function responseUrlBodyError(body: unknown): string | null {
  if (!isObj(body)) return 'response_url body must be JSON';
  if (body.msgtype === 'markdown') return markdownError(body);
  if (body.msgtype === 'template_card') return templateCardError(body.template_card);
  return `msgtype ${body.msgtype} cannot go through response_url`;
}

/** A card update answering a template_card_event. */
export function cardUpdateError(body: unknown): string | null {
  if (!isObj(body) || body.response_type !== 'update_template_card') return 'response_type must be update_template_card';
  if (body.userids !== undefined && (!Array.isArray(body.userids) || body.userids.some((u: unknown) => typeof u !== 'string'))) return 'userids must be strings';
  return templateCardError(body.template_card);
}

/** A welcome answering enter_chat: a text or a template card. */
export function welcomeBodyError(body: unknown): string | null {
  if (!isObj(body)) return 'welcome body must be an object';
  if (body.msgtype === 'text') return typeof body.text?.content === 'string' ? null : 'text.content required';
  if (body.msgtype === 'template_card') return templateCardError(body.template_card);
  return `msgtype ${body.msgtype} cannot be a welcome`;
}
