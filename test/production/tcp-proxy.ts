/**
 * A TCP proxy in front of PostgreSQL that can cut the line: `cut(ms)` drops every open
 * connection at once and refuses new ones for `ms` (the listening socket is closed, so a
 * connect gets ECONNREFUSED), as when the network between the services and the database
 * fails. The services only ever see the proxy's port.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** drops all connections now and refuses new ones for `ms`; resolves when the line is back */
  cut(ms: number): Promise<void>;
  /** connections dropped by cuts so far */
  dropped: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port = 0) => new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); }); });
  await listen();
  const port = (server.address() as net.AddressInfo).port;
  const proxy: TcpProxy = {
    port,
    dropped: 0,
    async cut(ms) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      proxy.dropped += open.size;
      for (const s of open) s.destroy();
      await closed;
      await new Promise((r) => setTimeout(r, ms));
      await listen(port);
    },
    async close() {
      for (const s of open) s.destroy();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return proxy;
}
