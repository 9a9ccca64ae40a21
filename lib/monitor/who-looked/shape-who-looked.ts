// "Who looked at this record": the pure half. The SQL (who-looked-sql.ts) returns one group per
// person from the daily actor × patient rollup and, for the page's people only, what their events
// about the patient were; this module merges the two and cuts pages. Kept free of the database so
// the patient's own access report (HIPAA 164.528(b) asks for one, GDPR Art. 15 too) and the
// privacy office's page can share every rule of it and test them without PostgreSQL.

/** One person's accesses to one patient over the period, from the rollup. */
export type TWhoLookedGroup = {
  actorId: string;
  name: string | null;
  /** The person's role and department in the directory today (staff names are not PHI). */
  role: string | null;
  department: string | null;
  firstAt: Date;
  lastAt: Date;
  /** UTC days with at least one access. */
  days: number;
  /** Every attempt, allowed or not. */
  times: number;
  denied: number;
};

/** What one person's events about the patient were, from AccessEvent. */
export type TWhoLookedDetail = {
  actorId: string;
  actions: string[];
  subtypes: string[];
  purposes: string[];
  allowed: number;
  refused: number;
  failed: number;
  breakGlass: number;
};

export type TWhoLookedEntry = TWhoLookedGroup & Omit<TWhoLookedDetail, "actorId">;

/** FHIR AuditEvent action codes in the order a reader expects them: create, read, update, delete, execute. */
const ACTION_ORDER = ["C", "R", "U", "D", "E"];
const byAction = (a: string, b: string) =>
  (ACTION_ORDER.indexOf(a) + 1 || 99) - (ACTION_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

const NO_DETAIL: Omit<TWhoLookedDetail, "actorId"> = {
  actions: [],
  subtypes: [],
  purposes: [],
  allowed: 0,
  refused: 0,
  failed: 0,
  breakGlass: 0,
};

/**
 * Each group with its detail, in the groups' order. A group without detail (its events are no
 * longer readable, or not yet visible to this transaction) keeps the rollup's figures and shows
 * no action rather than disappearing: the rollup is what the dashboard counted.
 */
export function shapeWhoLooked(
  groups: readonly TWhoLookedGroup[],
  details: readonly TWhoLookedDetail[],
): TWhoLookedEntry[] {
  const detailOf = new Map(details.map((d) => [d.actorId, d]));
  return groups.map((g) => {
    const d = detailOf.get(g.actorId) ?? { actorId: g.actorId, ...NO_DETAIL };
    return {
      ...g,
      allowed: d.allowed,
      refused: d.refused,
      failed: d.failed,
      breakGlass: d.breakGlass,
      actions: [...new Set(d.actions)].sort(byAction),
      subtypes: [...new Set(d.subtypes)].sort(),
      purposes: [...new Set(d.purposes)].sort(),
    };
  });
}

/** A keyset position in the list: the last access of a person, then their id (newest first). */
export type TWhoLookedKey = { lastAt: Date; actorId: string };

/**
 * The page out of up to limit + 1 rows read in the cursor's direction (newest first when forward,
 * oldest first when backward), with whether a page exists on either side: as in the explorer, a
 * forward read came from a newer page exactly when it had a cursor, and a backward read always
 * came from an older one.
 */
export function cutPage<T>(
  rows: readonly T[],
  o: { limit: number; direction: "next" | "prev" | null },
): { rows: T[]; hasNewer: boolean; hasOlder: boolean } {
  const more = rows.length > o.limit;
  const page = rows.slice(0, o.limit);
  if (o.direction === "prev") page.reverse();
  return {
    rows: page,
    hasNewer: o.direction === "prev" ? more : o.direction === "next",
    hasOlder: o.direction === "prev" ? true : more,
  };
}
