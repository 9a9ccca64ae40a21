// RFC 8785 (JCS) serialisation of leaf objects. Leaf objects are flat records of strings,
// numbers, booleans and nulls, for which JCS reduces to sorted keys and ES JSON.stringify
// values; that path is several times faster than the general `canonicalize` package, which
// full verification would otherwise spend most of its time in. Anything else (nested JSON
// columns, lone surrogates, non-finite numbers) goes to `canonicalize`, so the output is
// always exactly what `canonicalize` returns (see canonical-json.test.ts).
import canonicalize from "canonicalize";

const SURROGATE_RE = /[\ud800-\udfff]/;

function scalarJson(value: unknown): string | null {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      // Paired surrogates are fine, but telling them from lone ones is canonicalize's job.
      return SURROGATE_RE.test(value) ? null : JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : null;
    default:
      return null;
  }
}

export function canonicalJson(value: unknown): string {
  if (
    value === null ||
    typeof value !== "object" ||
    Array.isArray(value) ||
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return canonicalOrThrow(value);
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined || typeof v === "symbol") continue;
    const k = scalarJson(key);
    const s = typeof v === "object" && v !== null ? canonicalOrThrow(v) : scalarJson(v);
    if (k === null || s === null) return canonicalOrThrow(value);
    parts.push(`${k}:${s}`);
  }
  return `{${parts.join(",")}}`;
}

function canonicalOrThrow(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError("value is not JSON-serialisable");
  return json;
}
