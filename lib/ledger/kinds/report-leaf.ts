// The report's own ledger leaf, kind report_issued version 1: "<kind>/v<version>\n" and the
// RFC 8785 JSON of the fields below (the layout of lib/ledger/kinds/define-leaf-kind.ts), so the
// table that records issued reports anchors exactly these bytes. report.json is bound by its
// SHA-256. Persisted format: changing a field breaks verification of issued reports.
// No zod here: the browser's verifier reads this module (json-shape.ts says why); the leaf
// kind's zod schema (report-leaf-schema.ts) is held equal to readReportLeaf by its test.
import { canonicalJson } from "./canonical-json";
import { hasOnlyKeys, ISO_INSTANT, isJsonObject, isString, UUID } from "./json-shape";
import { utf8ToBytes } from "../tlog/encoding";

export const REPORT_LEAF_KIND = "report_issued";
export const REPORT_LEAF_VERSION = 1;
const PREFIX = `${REPORT_LEAF_KIND}/v${REPORT_LEAF_VERSION}\n`;

export const REPORT_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type TReportLeaf = {
  /** The issued report's row id (uuid). */
  id: string;
  reportType: string;
  scope: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  /** Lowercase hex SHA-256 of report.json's bytes. */
  reportSha256: string;
};
const FIELDS = ["id", "reportType", "scope", "periodStart", "periodEnd", "issuedAt", "reportSha256"] as const;

/** The leaf's fields when `value` is exactly a report leaf (no other key), else null. */
export function readReportLeaf(value: unknown): TReportLeaf | null {
  if (!isJsonObject(value) || !hasOnlyKeys(value, FIELDS)) return null;
  const v = value;
  const ok =
    isString(v.id, { pattern: UUID }) &&
    isString(v.reportType, { pattern: REPORT_TYPE }) &&
    isString(v.scope, { min: 1, max: 256 }) &&
    isString(v.periodStart, { pattern: ISO_INSTANT }) &&
    isString(v.periodEnd, { pattern: ISO_INSTANT }) &&
    isString(v.issuedAt, { pattern: ISO_INSTANT }) &&
    isString(v.reportSha256, { pattern: SHA256_HEX });
  if (!ok) return null;
  return {
    id: v.id as string,
    reportType: v.reportType as string,
    scope: v.scope as string,
    periodStart: v.periodStart as string,
    periodEnd: v.periodEnd as string,
    issuedAt: v.issuedAt as string,
    reportSha256: v.reportSha256 as string,
  };
}

export function reportLeafBytes(leaf: TReportLeaf): Uint8Array {
  const fields = readReportLeaf(leaf);
  if (!fields) throw new TypeError("not a report leaf (id, reportType, scope, period, issuedAt, reportSha256)");
  return utf8ToBytes(PREFIX + canonicalJson(fields));
}

/** The fields of a report leaf, or null when the bytes are not exactly one (kind, version, canonical form). */
export function parseReportLeaf(bytes: Uint8Array): TReportLeaf | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (!text.startsWith(PREFIX)) return null;
  try {
    const leaf = readReportLeaf(JSON.parse(text.slice(PREFIX.length)));
    return leaf && PREFIX + canonicalJson(leaf) === text ? leaf : null;
  } catch {
    return null;
  }
}
