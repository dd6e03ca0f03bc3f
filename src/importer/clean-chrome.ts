/**
 * Drops the chrome of a web page saved as text: login bars, share buttons, breadcrumbs,
 * view counters, keyword lines, the 发布时间/信息来源 blocks that pages repeat and the notices of
 * document-sharing sites. Metadata
 * is read before this step (extract-meta), so nothing the importer needs is lost.
 */
const CHROME_LINE = [
  /^(?:登录|注册|登录\/注册|用户中心|无障碍|长者模式|关怀版|支持IPV6|网站地图|收藏本站|设为首页|加入收藏|English)(?:\s|$|[|｜\/])/,
  /^欢迎(?:访问|来到).{0,40}$/,
  /^(?:当前位置|您的位置|所在位置|您现在的位置)\s*[:：>]/,
  /^分享到\s*[:：]?/,
  /^(?:浏览量|浏览次数|阅读量|访问量|点击量|点击数|阅读次数)\s*[:：]?/,
  /^\|?\s*浏览量/,
  /^(?:关键词|关键字|主题词)\s*[:：]/,
  /^【?\s*(?:打印(?:本页)?|关闭(?:窗口|本页)?|字体|字号\s*[:：]?\s*[大中小]|返回顶部|扫一扫|微信扫一扫|上一篇|下一篇|相关链接|相关文章|责任编辑)\s*】?/,
  /^(?:发布时间|发布日期|信息来源|来源|作者|编辑)\s*[:：]\s*$/,
  /^(?:发布时间|发布日期|信息来源|来源|作者|责任编辑|编辑)\s*[:：].{0,40}$/,
  /^[-–—\s]*(?:第\s*\d+\s*页|共\s*\d+\s*页).{0,24}$/,
  // a printed page number on its own line: "— 3 —", "- 12 -" (official documents print them so)
  /^[-–—－\s]*[-–—－]\s*\d{1,3}\s*[-–—－][-–—－\s]*$/,
  /^(?:索\s*引\s*号|主题分类|公文时效|发布机构|成文日期|文\s*号|公开方式|公开范围)(?:\s|[:：]|$).*$/,
  /ICP备|网站标识码|公网安备|版权所有|Copyright|©|技术支持\s*[:：]/i,
  /^主办(?:单位)?\s*[:：].{2,40}(?:承办|协办|运维|技术支持|网站|备案|地址|电话)/,
  /^(?:网站地图|联系我们|隐私声明|使用帮助|网站声明)\s*(?:[|｜]|$)/,
  /^【(?:制定机关|公布日期|字\s*号|施行日期|效力等级|时效性|主题分类)】/,
  // the notices a document-sharing site numbers above or below a preview ("1、本文档共7页…",
  // "…文档一经付费…", "本站所有内容均由…上传", "如文档侵犯…请点击版权申诉")
  /本文档共\s*\d{1,4}\s*页|可阅读全部内容|文档一经付费|本站所有内容均由.{0,12}上传|如文档侵犯|版权申诉|付费前请自行鉴别|下载文档前请自行甄别/,
];

const PAGE_COUNTER = /^[-–—\s]*第\s*\d{1,3}\s*页\s*[,，/]?\s*(?:共\s*\d{1,3}\s*页)?\s*/;

/** Is this line page chrome rather than document text? */
export function isChromeLine(line: string): boolean {
  const s = line.trim();
  if (!s) return false;
  return CHROME_LINE.some((re) => re.test(s));
}

/**
 * Removes chrome lines. A label alone on its line (发布时间:) takes the value line after
 * it with it, as pages print label and value on separate lines.
 */
export function removeChrome(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const s = lines[i]!.trim();
    if (/^(?:发布时间|发布日期|信息来源|来源)\s*[:：]\s*$/.test(s)) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim()) j += 1;
      if (j < lines.length && lines[j]!.trim().length <= 40) i = j;
      continue;
    }
    if (/^分享到\s*[:：]?\s*$/.test(s)) continue;
    if (isChromeLine(s)) continue;
    // a page counter run into the text of a squashed page ("第1页共8页某某方案一、…") goes, the text stays
    out.push(lines[i]!.replace(PAGE_COUNTER, ''));
  }
  return out.join('\n');
}
