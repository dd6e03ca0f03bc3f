// What a received file is comes from its bytes, never its name: programs are refused whatever
// they are called, office documents and archives are kept as downloads, pictures shown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFileKind } from '../../src/lib/file-kind.ts';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/evidence', name));
const kind = (b: Buffer) => { const d = detectFileKind(b); return d.ok ? d.kind.mime : d.reason; };

describe('detectFileKind', () => {
  it('reads photos and PDFs by their signatures', () => {
    expect(kind(fixture('现场照片1.png'))).toBe('image/png');
    expect(kind(fixture('现场照片2.jpg'))).toBe('image/jpeg');
    expect(kind(fixture('验收报告.pdf'))).toBe('application/pdf');
    expect(kind(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(kind(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
  });

  it('refuses a Windows program renamed .jpg, ELF binaries and scripts, and empty files', () => {
    expect(kind(fixture('整改照片.jpg'))).toBe('executable');
    expect(kind(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe('executable');
    expect(kind(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('executable');
    expect(kind(Buffer.from('#!AMR\n\x3c'))).toBe('audio/amr');
    expect(kind(Buffer.alloc(0))).toBe('empty');
  });

  it('tells Word, Excel and plain zip archives apart by their first entries, HEIC from MP4, and keeps markup as plain text', () => {
    const zip = (entry: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry)]);
    expect(kind(zip('word/document.xml'))).toMatch(/wordprocessingml/);
    expect(kind(zip('xl/workbook.xml'))).toMatch(/spreadsheetml/);
    expect(kind(zip('photos/1.jpg'))).toBe('application/zip');
    expect(kind(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00', 'latin1'))).toBe('image/heic');
    expect(kind(Buffer.from('\x00\x00\x00\x18ftypisom\x00\x00', 'latin1'))).toBe('video/mp4');
    expect(kind(Buffer.from('<svg onload="alert(1)"></svg>'))).toBe('text/plain; charset=utf-8');
    const heic = detectFileKind(Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1'));
    expect(heic.ok && heic.kind.image).toBe(false);
  });
});
