// Leaf bytes for anchored rows (DESIGN.md §3 "Leaves"): "<kind>/v<version>\n" followed by the
// RFC 8785 canonical JSON of a fixed field list. Pure and isomorphic, so a browser can recompute
// the leaf of a row cited in a report.
import canonicalize from "canonicalize";
import { bytesToHex, utf8ToBytes } from "../encoding";
import { leafHash } from "../merkle";

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
  if (!/^[a-z][a-z0-9_]*$/.test(spec.kind)) throw new TypeError(`leaf kind ${JSON.stringify(spec.kind)} must be snake_case`);
  if (!Number.isInteger(spec.version) || spec.version < 1) throw new TypeError("leaf kind version must be a positive integer");
  if (!spec.fields.includes("id")) throw new TypeError(`leaf kind ${spec.kind} must include "id" in its fields`);
  return Object.freeze({
    kind: spec.kind,
    version: spec.version,
    table: spec.table,
    fields: Object.freeze([...spec.fields]),
    toLeafObject: spec.toLeafObject ?? ((row: Record<string, unknown>) => pickLeafFields(row, spec.fields)),
  });
}

export function leafBytesFor(kind: LeafKind, row: Record<string, unknown>): Uint8Array {
  const json = canonicalize(kind.toLeafObject(row));
  if (json === undefined) throw new TypeError(`leaf kind ${kind.kind}: row is not JSON-serialisable`);
  return utf8ToBytes(`${kind.kind}/v${kind.version}\n${json}`);
}

export function leafHashFor(kind: LeafKind, row: Record<string, unknown>): Uint8Array {
  return leafHash(leafBytesFor(kind, row));
}
