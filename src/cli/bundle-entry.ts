/** Entry of the bundled CLI (dist/duban.mjs, built by scripts/build.mjs): same commands as `npx duban`. */
import { main } from './index.ts';

await main(process.argv.slice(2));
