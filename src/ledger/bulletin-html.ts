/** The bulletin as a printable A4 page (GB/T 9704 margins and type), from its markdown. */
import { escapeHtml } from './format.ts';
import { renderHtml } from './html-template.ts';
import { toBlocks, type Run } from './markdown-blocks.ts';

const inline = (runs: Run[]) => runs.map((r) => (r.bold ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text))).join('');

export function bulletinHtml(markdown: string, title: string): string {
  let firstSign = true;
  const body = toBlocks(markdown).map((b, i, all) => {
    switch (b.type) {
      case 'title': return `<h1>${inline(b.runs)}</h1>`;
      case 'heading': return `<h2>${inline(b.runs)}</h2>`;
      case 'item': return `<p class="item">${inline(b.runs)}</p>`;
      case 'sign': {
        const cls = firstSign ? 'sign first' : 'sign';
        firstSign = false;
        return `<p class="${cls}">${inline(b.runs)}</p>`;
      }
      default: return `<p${all[i - 1]?.type === 'title' ? ' class="salutation"' : ''}>${inline(b.runs)}</p>`;
    }
  }).join('\n');
  return renderHtml('bulletin-page.html', { title, body });
}
