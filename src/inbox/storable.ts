/**
 * What PostgreSQL cannot hold, removed before a message is stored: `text` columns refuse
 * U+0000 (22021) and `jsonb` refuses it and a lone UTF-16 surrogate (22P05, 22P02). A
 * correctly signed message carrying one would otherwise fail on every retry, and fail the
 * callbacks batched with it. NUL is dropped; a lone surrogate becomes U+FFFD. Applied to
 * every string in the message, keys included, so the result is deterministic and a
 * platform's retry stores (and de-duplicates) the same way.
 */
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(s: string): string {
  return s.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)])) as T;
  }
  return value;
}
