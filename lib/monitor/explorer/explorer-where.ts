import { Prisma } from "@/lib/generated/prisma/client";
import type { TExplorerFilters } from "./explorer-filters";

// The WHERE clause of an explorer query over "AccessEvent" e, shared by the page/API and the CSV
// export. Each filter is written so an index of docs/monitoring-indexes.md can serve it:
// actor and patient by equality on the leading column of their (…, recorded, id) indexes; a
// denial or break-glass filter repeats the predicate of its partial index word for word, since
// the planner uses a partial index only when the query implies its predicate.

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;

export function explorerWhere(f: TExplorerFilters): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  // "recorded" is timestamp(3) holding UTC; a literal's zone is ignored by ::timestamp, so the
  // ISO string of a Date compares as UTC whatever the session's TimeZone.
  if (f.from) and.push(Prisma.sql`e.recorded >= ${ts(f.from)}`);
  if (f.to) and.push(Prisma.sql`e.recorded < ${ts(f.to)}`);
  if (f.actor) and.push(Prisma.sql`e."actorId" = ${f.actor}::uuid`);
  if (f.patient) and.push(Prisma.sql`e."patientId" = ${f.patient}::uuid`);
  // The role at the time of the event, as recorded with it (a later role change does not move it).
  if (f.role) and.push(Prisma.sql`e."actorRole" = ${f.role}::"Role"`);
  // Departments are directory data on the user: the actor's department now, not at the time.
  // ARRAY(…) is computed once, before the scan: as a plain IN (subquery) the planner joined it to
  // every event of each member through the actor index and sorted them all (126 ms at 200k
  // events, growing with the table); as an array it walks (recorded, id) and stops at the page.
  if (f.department)
    and.push(Prisma.sql`e."actorId" = ANY(ARRAY(SELECT u.id FROM "User" u JOIN "Department" d ON d.name = u.department
                                               WHERE d.id = ${f.department}::uuid))`);
  if (f.action) and.push(Prisma.sql`e.action = ${f.action}`);
  if (f.outcome === "denied") and.push(Prisma.sql`e.outcome <> '0'`);
  else if (f.outcome === "0") and.push(Prisma.sql`e.outcome = '0'`);
  else if (f.outcome) and.push(Prisma.sql`e.outcome <> '0' AND e.outcome = ${f.outcome}`);
  if (f.purpose && f.purpose !== "ETREAT") and.push(Prisma.sql`e."purposeOfUse" = ${f.purpose}`);
  // Break-glass events are those recorded with purpose ETREAT (docs/access-policy.md).
  if (f.breakGlass === "yes" || f.purpose === "ETREAT") and.push(Prisma.sql`e."purposeOfUse" = 'ETREAT'`);
  if (f.breakGlass === "no") and.push(Prisma.sql`e."purposeOfUse" IS DISTINCT FROM 'ETREAT'`);
  // The events that alerts of one rule cite: the cited ids are gathered once, before the scan,
  // from that rule's alerts (ARRAY(…) is an InitPlan, like the department's), and read through
  // the primary key; a correlated "e.id = ANY(a."eventIds")" instead compared every event with
  // every alert (54 ms against 0.4 ms on the demo; docs/monitoring-indexes.md, "Rule hits").
  if (f.rule)
    and.push(Prisma.sql`e.id = ANY(ARRAY(SELECT unnest(a."eventIds") FROM "PrivacyAlert" a
                                        WHERE a.kind = 'rule' AND a."ruleId" = ${f.rule}))`);
  return and;
}
