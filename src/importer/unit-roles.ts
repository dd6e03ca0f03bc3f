/**
 * Names of a unit list with the role they are given: the label's or the role word's, and
 * "(牵头)" / "〔牵头〕" written after a name. Shared by the bracket and field grammar
 * (extract-units) and the sentence grammar (extract-sentence-units).
 */
import { splitUnits } from './split-units.ts';

export type UnitRole = 'lead' | 'assist' | 'owner';

/** The words that make a unit an assisting one: "B配合", "协办单位", "C、D参加" (one list for every reader). */
export const ASSIST_WORDS = '配合|协助|协办|协同|协作|参与|参加';
export const ASSIST_WORD = new RegExp(ASSIST_WORDS);

export interface Marked { name: string; role: UnitRole }

/** Editorial notes inside a unit line, e.g. "(列第一位为牵头单位,下同)", and "(牵头)" after a name. */
export function namesWithRoles(list: string, role: UnitRole): Marked[] {
  const out: Marked[] = [];
  const leads = new Set<string>();
  const cleaned = list
    .replace(/[(（【〔]([^()（）【】〔〕]*?)(?:牵头|牵头单位)[)）】〕]/g, (_all, _x: string) => '\u0001')
    .replace(/[(（]([^()（）]*(?:下同|为牵头|列第一|排第一|首位|汇总)[^()（）]*)[)）]/g, '')
    .replace(/[(（][^()（）]*(?:责任人|联系人|分管|电话|[:：]|\d{7,})[^()（）]*[)）]/g, '');
  // a name directly followed by "(牵头)" is a lead
  const pieces = cleaned.split('\u0001');
  for (let i = 0; i < pieces.length - 1; i += 1) {
    const names = splitUnits(pieces[i]!);
    const last = names[names.length - 1];
    if (last) leads.add(last);
  }
  for (const name of splitUnits(cleaned.replace(/\u0001/g, ''))) out.push({ name, role: leads.has(name) ? 'lead' : role });
  return out;
}

