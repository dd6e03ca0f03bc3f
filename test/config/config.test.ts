// Configuration: one clear line naming the bad variable; the CLI exits non-zero without a stack.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseConfig } from '../../src/config/load.ts';

describe('config', () => {
  it('names the variable and what is expected', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/^配置错误 PORT: .*HTTP port/);
    expect(() => parseConfig({ WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: 'short' })).toThrow(/WECOM_BOT_AES_KEY/);
    expect(() => parseConfig({ WECOM_APP_TOKEN: 't', WECOM_APP_AES_KEY: 'a'.repeat(43) })).toThrow(/WECOM_CORP_ID/);
  });

  it('reads the office-wide reminder policy as JSON and refuses anything else', () => {
    expect(parseConfig({ REMINDER_POLICY: '{"beforeWorkdays":[5,2,1]}' }).REMINDER_POLICY).toEqual({ beforeWorkdays: [5, 2, 1] });
    expect(() => parseConfig({ REMINDER_POLICY: '[1,2]' })).toThrow(/^配置错误 REMINDER_POLICY: expected a JSON object/);
    expect(() => parseConfig({ REMINDER_POLICY: '{oops' })).toThrow(/REMINDER_POLICY/);
    expect(parseConfig({ ASSESSMENT_RULES: '{"onTimeDone":2,"returned":-3}' }).ASSESSMENT_RULES).toEqual({ onTimeDone: 2, returned: -3 });
    expect(() => parseConfig({ ASSESSMENT_RULES: '{"onTime":2}' })).toThrow(/^配置错误 ASSESSMENT_RULES: Unrecognized key/);
    expect(() => parseConfig({ ASSESSMENT_RULES: '{"lateReport":"-1"}' })).toThrow(/^配置错误 ASSESSMENT_RULES: lateReport: /);
  });

  it('is frozen and has working defaults', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('stops the CLI with one line and exit code 78', () => {
    const r = spawnSync(process.execPath, ['bin/duban.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: 'not a url' }, encoding: 'utf8' });
    expect(r.status).toBe(78);
    expect(r.stderr.trim().split('\n').filter((l) => !/nodedir|npm warn/.test(l))).toEqual([expect.stringMatching(/^配置错误 DATABASE_URL/)]);
  });
});
