/**
 * HTML pages (printable bulletin, dashboard) from mustache templates in templates/ledger/
 * with HTML escaping on: every value a person typed (task titles, report words) is
 * escaped; only the `{{{…}}}` slots the code fills with built HTML are raw.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { TEMPLATES_DIR } from '../render/render.ts';

const cache = new Map<string, string>();

function source(name: string): string {
  let s = cache.get(name);
  if (s === undefined) {
    s = readFileSync(path.join(TEMPLATES_DIR, 'ledger', name), 'utf8');
    cache.set(name, s);
  }
  return s;
}

/** Renders templates/ledger/<name> (e.g. 'dashboard.html'); partials are other files there. */
export function renderHtml(name: string, view: Record<string, unknown>, partials: string[] = []): string {
  return Mustache.render(source(name), view, Object.fromEntries(partials.map((p) => [p, source(p)])));
}
