/**
 * Scrubs personal-data-looking substrings from free text before it reaches a log line. This is a
 * last line of defence: code should not log personal data in the first place.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  // Japanese phone numbers (fixed, mobile, IP, toll-free), with or without hyphens.
  [/(?<!\d)0\d{1,4}-?\d{1,4}-?\d{3,4}(?!\d)/g, '[phone]'],
  [/(?<!\d)\d{3}-\d{4}(?!\d)/g, '[postcode]'],
  // 12-digit runs (My Number) and long card-like digit runs.
  [/(?<!\d)\d{12,19}(?!\d)/g, '[number]'],
  [/(?<!\d)(?:19|20)\d{2}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?!\d)/g, '[date]'],
  [/(?:明治|大正|昭和|平成|令和|[MTSHR])\s?\d{1,2}[.年/-]\d{1,2}[.月/-]\d{1,2}日?/g, '[date]'],
];

/** Keys whose values are never logged, whatever they contain. */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  'password',
  'newpassword',
  'currentpassword',
  'totp',
  'code',
  'secret',
  'token',
  'cookie',
  'authorization',
  'name',
  'displayname',
  'email',
  'phone',
  'address',
  'birthdate',
  'patient',
  'patientname',
  'body',
  'detail',
]);

export function redactText(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Deep copy of `value` with sensitive keys replaced and strings scrubbed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: redactText(value.message) };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? '[redacted]' : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
