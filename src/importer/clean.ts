/**
 * The clean-up pipeline in its fixed order: traditional → simplified, pinyin removed,
 * widths unified. Web chrome is removed later, after metadata has been read.
 */
import { toSimplified } from './clean-traditional.ts';
import { removePinyin } from './clean-pinyin.ts';
import { unifyWidth } from './clean-width.ts';

/** Normalises a document's text for parsing; see the module comment for the order. */
export function cleanText(text: string): string {
  return unifyWidth(removePinyin(toSimplified(unifyWidth(text))));
}
