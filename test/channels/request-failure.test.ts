/**
 * Did a failed platform request go out? Real sockets: a refused connection sent nothing (retry
 * it); a request that got no answer in time, or whose connection was cut after it was written,
 * may have been shown (uncertain: never sent twice). Steps before the request (a token) and
 * requests that show nothing (uploads) are always safe to repeat.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeSending, requestFailure } from '../../src/channels/request-failure.ts';
import { freePort } from '../helpers/process.ts';

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/cut') return void req.socket.destroy(); // read the request, then hang up
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

const failure = async (url: string, opts: { sends: boolean }) => {
  try {
    await fetch(url, { method: 'POST', body: '{"msg":"答复"}', signal: AbortSignal.timeout(200) });
  } catch (e) {
    return requestFailure(e, opts);
  }
  throw new Error('the request did not fail');
};

describe('a failed request', () => {
  it('refused at connect: nothing was sent, retry it', async () => {
    expect(await failure(`http://127.0.0.1:${await freePort()}/send`, { sends: true })).toMatchObject({ ok: false, code: 'NETWORK', retryable: true });
  });

  it('no answer before the timeout: it may have been shown, so it is uncertain and not retried', async () => {
    expect(await failure(`${base}/hang`, { sends: true })).toMatchObject({ ok: false, code: 'TIMEOUT', retryable: false, uncertain: true });
  });

  it('the connection cut after the request was written: uncertain', async () => {
    expect(await failure(`${base}/cut`, { sends: true })).toMatchObject({ ok: false, code: 'NETWORK', retryable: false, uncertain: true });
  });

  it('an upload or download that timed out shows nothing: retry it', async () => {
    expect(await failure(`${base}/hang`, { sends: false })).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('a failure while getting the token came before the request: retry it', async () => {
    const e = await beforeSending(fetch(`${base}/hang`, { signal: AbortSignal.timeout(100) })).catch((x) => x);
    expect(requestFailure(e, { sends: true })).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });
});
