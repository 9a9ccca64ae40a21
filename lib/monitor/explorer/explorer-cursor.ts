import { AppError } from "@/lib/errors";

// A keyset cursor: the (recorded, id) of the row a page starts after, and which way it reads.
// It is a position, not a permission: the filters travel beside it and are checked on every
// request, so a cursor edited by hand can only move the reader elsewhere in the same result.
// That is why it is validated strictly rather than signed. Format (versioned so a later change
// can tell old cursors apart): base64url("v1:" + "n"|"p" + ":" + ISO-8601 ms UTC + ":" + uuid).

export type TCursorDirection = "next" | "prev";
export type TExplorerCursor = { direction: TCursorDirection; recorded: Date; id: string };

const CURSOR_RE =
  /^v1:([np]):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(c: TExplorerCursor): string {
  const body = `v1:${c.direction === "next" ? "n" : "p"}:${c.recorded.toISOString()}:${c.id}`;
  return Buffer.from(body, "utf8").toString("base64url");
}

export const CURSOR_INVALID = "cursor is not a cursor this server issued; follow the next or prev link";

/** The position a cursor names, or null for anything this server did not issue. */
export function readCursor(cursor: string): TExplorerCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const m = CURSOR_RE.exec(text);
  // Re-encoding must give the same string back: no padding tricks, no second spelling of a position.
  if (!m || Buffer.from(text, "utf8").toString("base64url") !== cursor) return null;
  const recorded = new Date(m[2]);
  if (Number.isNaN(recorded.getTime()) || recorded.toISOString() !== m[2]) return null;
  return { direction: m[1] === "n" ? "next" : "prev", recorded, id: m[3] };
}

/** The cursor, or a 400 naming the parameter. */
export function decodeCursor(cursor: string): TExplorerCursor {
  const c = readCursor(cursor);
  if (!c)
    throw new AppError("bad_request", "The cursor is not one this server issued.", [
      { path: "cursor", message: CURSOR_INVALID },
    ]);
  return c;
}
