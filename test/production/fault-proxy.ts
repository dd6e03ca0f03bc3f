/**
 * A reverse proxy in front of the fake DingTalk API that can misbehave on purpose: answer
 * slowly, answer 5xx, answer a DingTalk error code, hang past the client's timeout, or
 * reset the connection. The services only ever see this proxy's URL, so every fault is a
 * fault of "the platform" as the worker experiences it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass'; delayMs?: number }
  | { kind: 'status'; status: number; body: unknown }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FaultProxy {
  url: string;
  /** decides per request; default passes everything through */
  setPlan(plan: (req: { method: string; path: string; query: URLSearchParams }) => Fault): void;
  /** every request seen, with the fault applied */
  seen: { path: string; query: URLSearchParams; fault: Fault['kind']; at: number }[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let plan: Parameters<FaultProxy['setPlan']>[0] = () => ({ kind: 'pass' });
  const seen: FaultProxy['seen'] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://proxy');
    const fault = plan({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams });
    seen.push({ path: u.pathname, query: u.searchParams, fault: fault.kind, at: Date.now() });
    if (fault.kind === 'hang') return; // never answered; the client's timeout fires
    if (fault.kind === 'reset') return void req.socket.destroy();
    if (fault.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(fault.body));
    }
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const headers = { ...req.headers } as Record<string, string>;
    delete headers.host;
    delete headers['content-length'];
    const r = await fetch(`${target}${u.pathname}${u.search}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const body = Buffer.from(await r.arrayBuffer());
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setPlan: (p) => { plan = p; },
    seen,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
