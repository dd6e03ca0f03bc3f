// The ceiling of the HTTP stack alone: a bare Koa server answering "ok" to any POST,
// reading the body like the real route does. Usage: node bench/bare-koa.mjs PORT
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  for await (const _chunk of ctx.req) { /* read the body, as the real route does */ }
  ctx.body = 'ok';
});
const server = app.listen(Number(process.argv[2] ?? 3999), '127.0.0.1', () => console.log('ready'));
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
