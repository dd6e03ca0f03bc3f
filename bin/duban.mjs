#!/usr/bin/env node
// `npx duban …`: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv.slice(2));
