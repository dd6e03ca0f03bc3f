/**
 * `npx duban <command>`: thin wrappers over module functions.
 */
import { ConfigError } from '../config/load.ts';

const COMMANDS: Record<string, { help: string; load: () => Promise<{ run(args: string[]): Promise<number | void> }> }> = {
  start: { help: 'migrate, then run web and worker in one process (DEMO=1 seeds the demo plan)', load: () => import('./serve.ts').then((m) => ({ run: m.runStart })) },
  web: { help: 'run the web process (callbacks, dashboard, /metrics)', load: () => import('./serve.ts').then((m) => ({ run: m.runWeb })) },
  worker: { help: 'run a worker process (conversations, answers, reminders)', load: () => import('./serve.ts').then((m) => ({ run: m.runWorker })) },
  migrate: { help: 'create the database if missing and apply migrations', load: () => import('./migrate.ts') },
  demo: { help: 'import the demo plan, bind a demo unit and an admin (idempotent)', load: () => import('./demo.ts') },
  chat: { help: 'talk to the bot in the terminal: --as "张三@区卫生健康局" | --as leader | --as admin', load: () => import('./chat.ts') },
  parse: { help: 'parse chat messages from stdin: --now ISO --units "A,B"', load: () => import('./parse.ts') },
  import: { help: 'import a plan document: [--json|--save] FILE', load: () => import('./import.ts') },
  reminders: { help: 'reminders reconcile | preview [--unit X] [--days 30]', load: () => import('./reminders.ts') },
  ledger: { help: 'ledger export --plan X --out file.xlsx', load: () => import('./ledger.ts') },
  plans: { help: 'plans list | activate PLAN [--yes] | deactivate PLAN', load: () => import('./plans.ts') },
  messages: { help: 'list messages needing an operator: answers with an unknown outcome, failed answers, messages given up', load: () => import('./messages.ts') },
  admin: { help: 'admin add --platform wecom|dingtalk --user ID --name 姓名 [--role admin|leader]', load: () => import('./admin.ts') },
  links: { help: 'links revoke URL | --platform wecom --user ID: withdraw a signed link, or all of a person\'s', load: () => import('./links.ts') },
  config: { help: 'print the configuration reference (markdown)', load: () => import('./config.ts') },
};

/** Subcommands that print a usage of their own for --help. */
const OWN_HELP = new Set(['chat', 'plans']);

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    console.log('usage: npx duban <command>\n');
    for (const [n, c] of Object.entries(COMMANDS)) console.log(`  ${n.padEnd(10)} ${c.help}`);
    process.exitCode = name && name !== 'help' && name !== '--help' ? 2 : 0;
    return;
  }
  // every subcommand answers --help: its own usage when it has one, else its line here
  if ((rest.includes('--help') || rest.includes('-h')) && !OWN_HELP.has(name!)) {
    console.log(`usage: npx duban ${name} …\n  ${cmd.help}`);
    return;
  }
  try {
    const code = await (await cmd.load()).run(rest);
    if (typeof code === 'number') process.exitCode = code;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 78;
      return;
    }
    console.error(`duban ${name}: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
