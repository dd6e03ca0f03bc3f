/**
 * Parses process.env once at start and returns a frozen config. A bad value stops the
 * start with one line naming the variable. This is the only file that reads process.env.
 */
import { config as loadDotenv } from 'dotenv';
import { EnvSchema, type Env } from './schema.ts';

export type Config = Readonly<Env>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`配置错误 ${name}: ${issue.message} (${EnvSchema.shape[name as keyof Env]?.description ?? ''})`);
  }
  const cfg = result.data;
  const pairs: [keyof Env, keyof Env][] = [['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'], ['WECOM_APP_TOKEN', 'WECOM_APP_AES_KEY']];
  for (const [a, b] of pairs) {
    if (Boolean(cfg[a]) !== Boolean(cfg[b])) throw new ConfigError(`配置错误 ${cfg[a] ? b : a}: required when ${cfg[a] ? a : b} is set`);
  }
  if (cfg.WECOM_APP_TOKEN && !cfg.WECOM_CORP_ID) throw new ConfigError('配置错误 WECOM_CORP_ID: required for the self-built app channel');
  return Object.freeze(cfg);
}

/** Reads `.env` (if present) then the environment. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

/** Markdown table of every variable, for the README. */
export function configReference(): string {
  const rows = Object.entries(EnvSchema.shape).map(([k, s]) => {
    const def = (s as { def?: { defaultValue?: unknown } }).def?.defaultValue;
    return `| \`${k}\` | ${def === undefined ? '' : `\`${String(def)}\``} | ${s.description ?? ''} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
