// The report's own ledger leaf, kind report_issued version 1: "<kind>/v<version>\n" and the
// RFC 8785 JSON of the fields below (the layout of lib/ledger/kinds/define-leaf-kind.ts), so the
// table that records issued reports anchors exactly these bytes. report.json is bound by its
// SHA-256. Persisted format: changing a field breaks verification of issued reports.
import { z } from "zod";
import { canonicalJson } from "./canonical-json";
import { utf8ToBytes } from "../tlog/encoding";

export const REPORT_LEAF_KIND = "report_issued";
export const REPORT_LEAF_VERSION = 1;
const PREFIX = `${REPORT_LEAF_KIND}/v${REPORT_LEAF_VERSION}\n`;

const ZInstant = z.iso.datetime({ offset: false });
export const ZReportLeaf = z.strictObject({
  /** The issued report's row id (uuid). */
  id: z.uuid(),
  reportType: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  scope: z.string().min(1).max(256),
  periodStart: ZInstant,
  periodEnd: ZInstant,
  issuedAt: ZInstant,
  /** Lowercase hex SHA-256 of report.json's bytes. */
  reportSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TReportLeaf = z.infer<typeof ZReportLeaf>;

export function reportLeafBytes(leaf: TReportLeaf): Uint8Array {
  return utf8ToBytes(PREFIX + canonicalJson(ZReportLeaf.parse(leaf)));
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
    const leaf = ZReportLeaf.parse(JSON.parse(text.slice(PREFIX.length)));
    return PREFIX + canonicalJson(leaf) === text ? leaf : null;
  } catch {
    return null;
  }
}
