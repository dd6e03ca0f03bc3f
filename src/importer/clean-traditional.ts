/**
 * Traditional → simplified Chinese (opencc-js, Taiwan → mainland, the conversion the
 * labelling rules prescribe). Only run when the text actually holds traditional-only
 * characters: converting 100 KB of simplified text would cost time for nothing.
 */
import * as OpenCC from 'opencc-js';

let converter: ((s: string) => string) | null = null;

/** Characters that exist only in traditional writing and are common in official texts. */
const TRADITIONAL_HINT = /[關於實動醫衛與為進體務區縣鄉鎮會議發們這時國來說對質經過後應變機構設計現業將並從當總點開問題價錢員還給讓導護療規劃條層級準則歷產]/g;

/** Whether a text looks like it is written in traditional characters. */
export function looksTraditional(text: string): boolean {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const hits = sample.match(TRADITIONAL_HINT)?.length ?? 0;
  return hits >= 5 || (hits >= 1 && hits / Math.max(1, sample.length) > 0.002);
}

/** Converts traditional characters to simplified ones; simplified text comes back unchanged. */
export function toSimplified(text: string): string {
  if (!looksTraditional(text)) return text;
  const convert = (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  // only blocks of lines that hold traditional characters: a page may string texts in both
  // scripts together, and conversion is the costly step. Blocks, not single lines, so that a
  // short line without a listed character ("工作目標") is converted with its neighbours.
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += BLOCK) {
    const block = lines.slice(i, i + BLOCK).join('\n');
    out.push(HAS_TRADITIONAL.test(block) ? convert(block) : block);
  }
  return out.join('\n');
}

const BLOCK = 40;

/** Any character whose simplified form differs, among the frequent ones (a per-line test). */
const HAS_TRADITIONAL = /[關於實動醫衛與為進體務區縣鄉鎮會議發們這時國來說對質經過後應變機構設計現業將並從當總點開問題價錢員還給讓導護療規劃條層級準則歷產東車門見長書馬魚鳥龍韓語詞讀寫買賣風飛電話網絡視頻學習寶專紅綠藍聯軍隊師執專傳統號碼圖檔擔據處幣術確認診斷藥費險險稅農產環境熱氣雲歲續紀陽陰際離難顯響頭類願養領題額風]/;
