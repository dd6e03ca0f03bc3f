// Prisma 7 reads the datasource URL from here (used only by `prisma generate`, which
// needs no database). Migrations run through the WASM schema engine: src/store/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/duban' },
});
