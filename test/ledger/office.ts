/**
 * LibreOffice and poppler from Debian (packages libreoffice-calc-nogui, poppler-utils,
 * fonts-noto-cjk): convert a workbook to PDF headless and read its text back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function pdfTextOf(xlsx: Buffer, name = 'ledger.xlsx'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-lo-'));
  const file = path.join(dir, name);
  writeFileSync(file, xlsx);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
  const pdf = file.replace(/\.xlsx$/, '.pdf');
  readFileSync(pdf); // throws when LibreOffice could not open the workbook
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}
