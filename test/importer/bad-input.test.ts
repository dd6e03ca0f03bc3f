// Hostile inputs: each is refused with a code the CLI and the bot map to a non-zero exit / an
// error reply, and the user reads a clear Chinese sentence (templates/errors/); nothing is
// parsed into a plan.
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importDocument, MAX_DOCUMENT_BYTES } from '../../src/importer/index.ts';
import { AppError, userError } from '../../src/lib/errors.ts';
import { render } from '../../src/render/render.ts';
import type { TemplateKey } from '../../src/render/keys.ts';

/** What a chat user is told about the refusal. */
function told(e: AppError): string {
  const r = userError(e);
  return render(r.key as TemplateKey, r.data, { channel: 'console' }).text;
}

async function refusal(buf: Buffer, fileName?: string): Promise<AppError> {
  const err = await importDocument(buf, { fileName }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('bad input', () => {
  it('an empty file', async () => {
    const e = await refusal(Buffer.alloc(0), 'empty.txt');
    expect(e.code).toBe('BAD_DOCUMENT');
    expect(told(e)).toBe('无法导入：文件是空的，没有可导入的内容。');
    expect((await refusal(Buffer.from(' \n\r\n\t '))).code).toBe('BAD_DOCUMENT');
  });

  it('binary junk', async () => {
    const e = await refusal(randomBytes(4096), 'plan.txt');
    expect(e.code).toBe('BAD_DOCUMENT');
    expect(told(e)).toMatch(/无法识别文件内容/);
  });

  it('a file over 20 MB, refused before it is read', async () => {
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41);
    const t0 = performance.now();
    const e = await refusal(big, 'big.txt');
    expect(told(e)).toMatch(/上限为 20 MB/);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('a document with no numbered tasks', async () => {
    const e = await refusal(Buffer.from('关于做好节日值班工作的通知\n各单位要高度重视，安排好值班人员，确保信息畅通。\n特此通知。'), 'notice.txt');
    expect(e.code).toBe('NO_TASKS');
    expect(told(e)).toMatch(/没有在文件中找到任务/);
  });

  it('an encoding that cannot be read (Shift-JIS Japanese)', async () => {
    const sjis = iconv.encode('計画の実施について、各部署はそれぞれの担当業務を確実に遂行すること。'.repeat(20), 'shift_jis');
    const e = await refusal(sjis, 'jp.txt');
    expect(e.code).toBe('BAD_DOCUMENT');
  });

  it('old .xls, a broken PDF and unknown zips say what is wrong', async () => {
    expect(told(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls'))).toMatch(/\.xlsx/);
    expect(told(await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'a.pdf'))).toMatch(/已损坏/);
    expect((await refusal(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]), 'a.zip')).code).toBe('BAD_DOCUMENT');
  });

  it('GB18030 text is read, not refused', async () => {
    const text = '一、重点任务\n(一)加强监测预警。完善监测网络。(区应急管理局负责)\n';
    const plan = await importDocument(iconv.encode(text, 'gb18030'), { fileName: 'gbk.txt' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units])).toEqual([['一.(一)', '加强监测预警', ['区应急管理局']]]);
  });
});
