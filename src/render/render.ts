/**
 * Renders user-facing text from templates/ by key (mustache, no HTML escaping: values
 * are never re-parsed as templates, so "{{x}}" typed by a user stays literal; `{{> key}}` includes another
 * template, so a text said in two answers is written once). A channel
 * variant `templates/<key>.<channel>.md` overrides `templates/<key>.md`. Long lists are
 * shortened, worst items first, until the text fits the channel's byte limit.
 */
import Mustache from 'mustache';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { TemplateKey } from './keys.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');

export type RenderChannel = 'wecom' | 'dingtalk' | 'console';

/** Byte limits of the markdown routes we answer on (platform-facts.md). */
export const CHANNEL_LIMITS: Record<RenderChannel, number> = { wecom: 4096, dingtalk: 4000, console: 1_000_000 };

const cache = new Map<string, string | null>();

function load(file: string): string | null {
  if (!cache.has(file)) cache.set(file, existsSync(file) ? readFileSync(file, 'utf8').replace(/\n+$/, '') : null);
  return cache.get(file)!;
}

export function templateSource(key: TemplateKey, channel: RenderChannel): string {
  const variant = load(path.join(TEMPLATES_DIR, `${key}.${channel}.md`));
  const base = variant ?? load(path.join(TEMPLATES_DIR, `${key}.md`));
  if (base === null) throw new Error(`missing template ${key}`);
  return base;
}

export interface Rendered {
  markdown: string;
  text: string;
}

export interface RenderOptions {
  channel: RenderChannel;
  maxBytes?: number;
  /** the array in `data` that may be shortened to fit; `omitted` is set to the number dropped */
  listKey?: string;
}

export function render(key: TemplateKey, data: Record<string, unknown>, opts: RenderOptions): Rendered {
  const src = templateSource(key, opts.channel);
  const max = opts.maxBytes ?? CHANNEL_LIMITS[opts.channel];
  const full = Array.isArray(opts.listKey ? data[opts.listKey] : undefined) ? (data[opts.listKey!] as unknown[]) : null;
  let keep = full ? full.length : 0;
  for (;;) {
    const view = full ? { ...data, [opts.listKey!]: full.slice(0, keep), omitted: full.length - keep } : data;
    const markdown = forChannel(Mustache.render(src, view, (name: string) => templateSource(name as TemplateKey, opts.channel), { escape: (v: unknown) => String(v) }).replace(/\n{3,}/g, '\n\n').trim(), opts.channel);
    if (Buffer.byteLength(markdown) <= max || !full || keep === 0) return { markdown: truncateBytes(markdown, max), text: toPlainText(markdown) };
    keep = Math.floor(keep * 0.75);
  }
}

/** DingTalk markdown needs a blank line to break a line; WeCom and the console keep single breaks. */
function forChannel(md: string, channel: RenderChannel): string {
  return channel === 'dingtalk' ? md.replace(/\n(?!\n)/g, '\n\n').replace(/\n{3,}/g, '\n\n') : md;
}

/** Markdown → plain text for routes without markdown. */
export function toPlainText(md: string): string {
  return md
    .replace(/<font[^>]*>(.*?)<\/font>/g, '$1')
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/^>\s?/gm, '')
    .replace(/\[(.*?)\]\((.*?)\)/g, '$1 $2');
}

function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = s;
  while (Buffer.byteLength(out) > max - 3) out = out.slice(0, Math.floor(out.length * 0.9));
  return `${out}…`;
}
