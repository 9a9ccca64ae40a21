// Leaf bytes for anchored rows (DESIGN.md §3 "Leaves"): "<kind>/v<version>\n" followed by the
// RFC 8785 canonical JSON of a fixed field list. Pure and isomorphic, so a browser can recompute
// the leaf of a row cited in a report.
import { sha256 } from "@noble/hashes/sha2.js";
import { canonicalJson } from "./canonical-json";
import { bytesToHex, utf8ToBytes } from "../tlog/encoding";
import { leafHash } from "../tlog/merkle";

/**
 * One anchored table. `fields` is part of the persisted format: changing it (or how a field is
 * encoded) breaks verification of every leaf already sealed. Add a new `version` instead and
 * keep the old one able to verify old rows.
 */
export interface LeafKind {
  readonly kind: string;
  readonly version: number;
  /** SQL table holding the rows; its primary key column is "id" (a uuid). */
  readonly table: string;
  readonly fields: readonly string[];
  /** The JSON object that goes into the leaf; defaults to the listed fields of the row. */
  readonly toLeafObject: (row: Record<string, unknown>) => Record<string, unknown>;
  /** RFC 8785 JSON of toLeafObject(row); compiled for plain field lists (verification hashes every row). */
  readonly leafJson: (row: Record<string, unknown>) => string;
  /**
   * The version a stored row was written under: the kind itself, or for a kind built with
   * withOlderVersions, the older version the row's shape says. `fields` then lists the columns
   * of every version, so one query reads rows of any version.
   */
  readonly versionOf: (row: Record<string, unknown>) => LeafKind;
}

/** Row as stored (Prisma result or raw pg row): fields read by column name. */
export type TAnchoredRow = Record<string, unknown> & { id: string };

/**
 * Values are encoded so a Prisma result and a raw pg row of the same record give the same bytes:
 * dates as ISO-8601 UTC with milliseconds, bytes as lowercase hex, int8 as a decimal string,
 * absent as null. JSON columns go in as stored (canonical JSON sorts their keys).
 */
export function encodeLeafValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function pickLeafFields(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = encodeLeafValue(row[f]);
  return out;
}

export function defineLeafKind(spec: {
  kind: string;
  version: number;
  table: string;
  fields: readonly string[];
  toLeafObject?: (row: Record<string, unknown>) => Record<string, unknown>;
}): LeafKind {
  if (!/^[a-z][a-z0-9_]*$/.test(spec.kind))
    throw new TypeError(`leaf kind ${JSON.stringify(spec.kind)} must be snake_case`);
  if (!Number.isInteger(spec.version) || spec.version < 1)
    throw new TypeError("leaf kind version must be a positive integer");
  if (!spec.fields.includes("id")) throw new TypeError(`leaf kind ${spec.kind} must include "id" in its fields`);
  const toLeafObject = spec.toLeafObject ?? ((row: Record<string, unknown>) => pickLeafFields(row, spec.fields));
  const generic = (row: Record<string, unknown>) => canonicalJson(toLeafObject(row));
  const kind: LeafKind = Object.freeze({
    kind: spec.kind,
    version: spec.version,
    table: spec.table,
    fields: Object.freeze([...spec.fields]),
    toLeafObject,
    leafJson: spec.toLeafObject ? generic : compileFieldListJson(spec.fields, generic),
    versionOf: () => kind,
  });
  return kind;
}

/**
 * A kind whose format changed: new rows are written under `current`, and rows sealed under an
 * older version keep verifying under it. `versionOfRow` reads the version from the row's shape
 * (e.g. "has a sealed column"); a row made to look older than it is still fails, because the
 * version is part of the leaf bytes.
 */
export function withOlderVersions(
  current: LeafKind,
  older: readonly LeafKind[],
  versionOfRow: (row: Record<string, unknown>) => number,
): LeafKind {
  const byVersion = new Map([current, ...older].map((k) => [k.version, k]));
  if (byVersion.size !== older.length + 1 || older.some((k) => k.kind !== current.kind || k.table !== current.table))
    throw new TypeError(`older versions of ${current.kind} must be distinct versions of the same kind and table`);
  const fields = [...new Set([current, ...older].flatMap((k) => k.fields))];
  return Object.freeze({
    ...current,
    fields: Object.freeze(fields),
    versionOf: (row: Record<string, unknown>) => {
      const k = byVersion.get(versionOfRow(row));
      if (!k) throw new TypeError(`no version ${versionOfRow(row)} of leaf kind ${current.kind}`);
      return k;
    },
  });
}

/** Lowercase hex SHA-256 of a bytea value (null when absent): how a leaf covers a ciphertext. */
export function sha256HexOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Uint8Array)) throw new TypeError("sha256HexOf takes bytes");
  return bytesToHex(sha256(value));
}

/** Characters JSON must escape, and lone-surrogate candidates (left to the general serialiser). */
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const SURROGATE = /[\ud800-\udfff]/;

/** encodeLeafValue + JSON for one value, or null when only the general serialiser can say. */
function fastValueJson(value: unknown): string | null {
  if (value === undefined || value === null) return "null";
  switch (typeof value) {
    case "string":
      // Nothing to escape: the JSON string is the text in quotes (what JSON.stringify returns).
      if (!NEEDS_CARE.test(value)) return `"${value}"`;
      return SURROGATE.test(value) ? null : JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : null;
    case "bigint":
      return `"${value.toString()}"`;
  }
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (value instanceof Uint8Array) return `"${bytesToHex(value)}"`;
  return null;
}

/**
 * The canonical JSON of pickLeafFields(row, fields), built by concatenation: keys are known
 * and pre-sorted (RFC 8785 §3.2.3 orders by UTF-16 code units, as Array.prototype.sort does).
 * Falls back to the general path for JSON columns and anything unusual, so the bytes are
 * always identical to it (define-leaf-kind.test.ts checks that).
 */
function compileFieldListJson(fields: readonly string[], generic: (row: Record<string, unknown>) => string) {
  const sorted = [...new Set(fields)].sort();
  const prefixes = sorted.map((f, i) => `${i === 0 ? "{" : ","}${JSON.stringify(f)}:`);
  return (row: Record<string, unknown>): string => {
    let out = "";
    for (let i = 0; i < sorted.length; i++) {
      const v = fastValueJson(row[sorted[i]]);
      if (v === null) return generic(row);
      out += prefixes[i] + v;
    }
    return `${out}}`;
  };
}

/** The leaf bytes as text (they are UTF-8): lets a server hash them without an extra copy. */
export function leafTextFor(kind: LeafKind, row: Record<string, unknown>): string {
  const k = kind.versionOf(row);
  return `${k.kind}/v${k.version}\n${k.leafJson(row)}`;
}

export function leafBytesFor(kind: LeafKind, row: Record<string, unknown>): Uint8Array {
  return utf8ToBytes(leafTextFor(kind, row));
}

export function leafHashFor(kind: LeafKind, row: Record<string, unknown>): Uint8Array {
  return leafHash(leafBytesFor(kind, row));
}
