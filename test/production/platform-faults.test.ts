// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX):
// a real `duban worker` answers through a proxy that makes "DingTalk" fail the way it does
// in production — HTTP 5xx, errcode -1 (busy) and 130101 (rate limit): each such answer must
// be retried with growing waits, its state kept in PostgreSQL meanwhile, and finally sent
// exactly once; a permanent refusal is recorded as failed, not retried forever. A request
// that never answers (the client's 10 s timeout) or whose connection is cut after it was
// sent may have reached DingTalk: it is recorded 'unknown' with its cause and never sent
// again (a second send could show the answer twice).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { TestDatabase } from '../helpers/db.ts';
import type { Fault } from './fault-proxy.ts';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
import { type Deployment, messageRows, type Platform, startDeployment, waitSettled, SHARED_REDIS } from './harness.ts';

const REDIS = SHARED_REDIS;
let d: Deployment;
let t: TestDatabase;
let platform: Platform;
let prefix: string;

beforeAll(async () => {
  d = await startDeployment({ tag: 'pf', extra: { METRICS_TOKEN } });
  ({ t, platform, prefix } = d);
}, 60_000);

afterAll(() => d?.stop());

const CASES: { name: string; faults: Fault[] }[] = [
  { name: 'http 500 twice', faults: [{ kind: 'status', status: 500, body: {} }, { kind: 'status', status: 503, body: {} }] },
  { name: 'errcode -1 busy', faults: [{ kind: 'status', status: 200, body: { errcode: -1, errmsg: '系统繁忙' } }] },
];
/** Sends whose outcome the worker cannot know: each tried once, then left 'unknown'. */
const UNCERTAIN: { name: string; fault: Fault; note: RegExp }[] = [
  { name: 'timeout', fault: { kind: 'hang' }, note: /TIMEOUT/ },
  { name: 'connection reset', fault: { kind: 'reset' }, note: /NETWORK/ },
];
// DingTalk's 130101 asks for a 10-minute wait, which the worker honours (platformBackoff,
// test/queue/backoff.test.ts); waiting it out here would take 20 minutes.

it('errors and rate limits are retried with backoff, recorded in PostgreSQL, and each answer is sent once; an answer that may have gone out is never sent twice', async () => {
  const [web, worker] = d.children as [Child, Child];
  const msgs = CASES.map((c) => ({ ...c, ...platform.message(`帮助 ${c.name}`) }));
  const uncertain = UNCERTAIN.map((c) => ({ ...c, ...platform.message(`帮助 ${c.name}`) }));
  const permanent = platform.message('帮助 permanent');
  const plan = new Map<string, Fault[]>(msgs.map((m) => [m.session, [...m.faults]]));
  for (const u of uncertain) plan.set(u.session, [u.fault, u.fault, u.fault]);
  plan.set(permanent.session, Array.from({ length: 20 }, () => ({ kind: 'status' as const, status: 200, body: { errcode: 400013, errmsg: '群已被解散' } })));
  platform.proxy.setPlan(({ path, query }) => (path === '/robot/sendBySession' && plan.get(query.get('session') ?? '')?.shift()) || { kind: 'pass' });

  for (const m of [...msgs, ...uncertain, permanent]) expect(await platform.post(web.url, m.body)).toBe(200);

  // While failing, the answer is stored and waits as 'queued' in PostgreSQL (between
  // attempts), never lost: watch the states each row goes through.
  const seenStates = new Map<string, Set<string>>();
  await waitFor(async () => {
    for (const r of await messageRows(t.db)) {
      if (!seenStates.has(r.messageId)) seenStates.set(r.messageId, new Set());
      seenStates.get(r.messageId)!.add(`${r.answerState}${r.answer ? '+answer' : ''}`);
    }
    return msgs.every((m) => seenStates.get(m.msgId)?.has('queued+answer'));
  }, { timeoutMs: 20_000, everyMs: 100, what: 'every retried answer seen queued' });

  // Settled: every answer sent, failed or unknown, and no job left that could send again.
  const rows = new Map((await waitSettled(t.db, REDIS, prefix, msgs.length + uncertain.length + 1, 45_000)).map((r) => [r.messageId, r]));
  for (const m of msgs) expect(rows.get(m.msgId)?.answerState, m.name).toBe('sent');
  expect(rows.get(permanent.msgId)?.answerState).toBe('failed');
  for (const u of uncertain) {
    expect(rows.get(u.msgId)?.answerState, u.name).toBe('unknown');
    expect(rows.get(u.msgId)?.answerError, u.name).toMatch(u.note);
  }

  const answers = platform.answersBySession();
  for (const m of msgs) expect(answers.get(m.session) ?? 0, m.name).toBe(1);
  expect(answers.get(permanent.session) ?? 0).toBe(0);

  // Backoff: each retry waits longer than the one before, starting at about 2 s.
  for (const m of msgs) {
    const at = platform.proxy.seen.filter((s) => s.query.get('session') === m.session).map((s) => s.at);
    expect(at.length, m.name).toBe(m.faults.length + 1);
    const gaps = at.slice(1).map((x, i) => x - at[i]!);
    expect(gaps[0]!, m.name).toBeGreaterThanOrEqual(1900);
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]!, m.name).toBeGreaterThan(gaps[i - 1]!);
  }
  // A permanent refusal, and a send that may have gone out, are tried once, not hammered.
  expect(platform.proxy.seen.filter((s) => s.query.get('session') === permanent.session)).toHaveLength(1);
  for (const u of uncertain) expect(platform.proxy.seen.filter((s) => s.query.get('session') === u.session), u.name).toHaveLength(1);
  // Each failure left a trace an operator can read, and /metrics counts the unknown answers.
  expect(worker.logs().filter((l) => l.msg === 'send failed, will retry').length).toBeGreaterThanOrEqual(CASES.reduce((n, c) => n + c.faults.length, 0));
  expect(worker.logs().filter((l) => l.msg === 'send outcome unknown; not sent again')).toHaveLength(uncertain.length);
  const metrics = await (await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(metrics).toMatch(/^duban_answers\{state="unknown"\} 2$/m);
  expect(metrics).toMatch(/^duban_answers\{state="failed"\} 1$/m);
}, 90_000);
