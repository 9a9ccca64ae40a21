// Shape checks for parsed JSON without a schema library: the offline verifier runs in the browser
// under a CSP without 'unsafe-eval', and zod's object parser probes eval (so client bundles must
// not import it). Each check means exactly what the zod schema it replaces meant (zod 4: string
// lengths in UTF-16 code units, .int() a safe integer, iso.datetime({ offset: false }) below);
// json-shape.test.ts holds them against zod.

/** A JSON object: not null, not an array (what z.object accepts). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when every key of `value` is one of `keys` (z.strictObject refuses any other). */
export function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

export type TStringRule = { min?: number; max?: number; pattern?: RegExp };

export function isString(value: unknown, rule: TStringRule = {}): value is string {
  if (typeof value !== "string") return false;
  if (rule.min !== undefined && value.length < rule.min) return false;
  if (rule.max !== undefined && value.length > rule.max) return false;
  return rule.pattern === undefined || rule.pattern.test(value);
}

/** z.number().int(): a safe integer. */
export function isSafeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

// zod 4's z.iso.datetime({ offset: false }): a real calendar date (leap years included), "T",
// hh:mm:ss with optional fraction of any length, and "Z".
const DATE =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:" +
  "(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
export const ISO_INSTANT = new RegExp(`^${DATE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?Z$`);

/** RFC 9562 UUID of any version, or the nil and max UUIDs (zod 4's z.uuid()). */
export const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
