import { v7 } from "uuid";

/**
 * A new id for a row of an anchored table: a UUIDv7 (RFC 9562 §5.7), whose leading 48 bits are
 * the creation time in milliseconds. Ids issued in order then sort in order, so the table's
 * primary key, LedgerEntry's ("rowId", kind) index and the sealer's inserts into it all grow at
 * the right edge instead of touching a random page per row, and full verification finds a
 * batch's source rows on neighbouring index pages. A v4 id would make both costs grow with the
 * size of the log once its indexes outgrow memory. The time in the id is no secret: every
 * anchored row also stores when it was created.
 */
export function newAnchoredRowId(): string {
  return v7();
}
