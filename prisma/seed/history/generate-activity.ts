// An ordinary month: who works which shift (day, night, on-call, weekday/weekend staffing), and
// what they do in it — sign in, open their care-team patients, search, write, export, now and
// then get denied or break the glass. Pure and deterministic: same world, range and seed, same items.
import { Faker, en } from "@faker-js/faker";
import {
  auditSearchItem,
  byTime,
  patientAccessItem,
  searchItems,
  signInItem,
  signOutItem,
  workstation,
  type TActorContext,
  type THistoryItem,
} from "./history-items";
import { shiftIntervals, type TShiftInterval } from "./shift-patterns";
import { pairKey, patientDepartments, type TStaffMember, type TWorld } from "./world";
import { weekdayOf } from "./zoned-time";

export type TActivityOptions = {
  world: TWorld;
  from: Date;
  to: Date;
  seed: number;
  /** Multiplies the opens per shift (scale runs); 1 = the demo's month. */
  intensity?: number;
  /** Break-glass declarations (they need BreakGlass rows, so scale runs leave them out). */
  breakGlass?: boolean;
};

const MINUTE = 60_000;
const WEEK_MS = 7 * 86_400_000;
// Down, never up: a time drawn just below a shift's end must stay inside the shift.
const at = (ms: number) => new Date(Math.floor(ms));

export function generateActivity(o: TActivityOptions): THistoryItem[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(o.seed);
  const world = o.world;
  const departments = new Map(world.departments.map((d) => [d.name, d]));
  const careDepartments = patientDepartments(world);
  const openable = (s: TStaffMember, p: string) =>
    !world.restricted.has(p) && !world.relatedPairs.has(pairKey(s.id, p));
  // The patients each department cares for, in world order, restricted ones left out: each
  // clinician's colleagues' patients are drawn from their department's list rather than from every
  // patient, and each officer's from one list, which keeps a grown world (thousands of staff, tens
  // of thousands of patients) from costing staff × patients string keys per pass. Same lists, in
  // the same order, as filtering every patient would give.
  const byDepartment = new Map<string, string[]>();
  const unrestricted = world.patients.filter((p) => !world.restricted.has(p));
  for (const p of unrestricted)
    for (const d of careDepartments.get(p) ?? []) {
      let list = byDepartment.get(d);
      if (!list) byDepartment.set(d, (list = []));
      list.push(p);
    }
  const items: THistoryItem[] = [];
  const roster = rosterOf(world);

  world.staff.forEach((s, index) => {
    const a: TActorContext = { staff: s, faker, ...workstation(s, index) };
    const department = s.department ? departments.get(s.department) : undefined;
    if (!department || s.role === "PATIENT" || s.role === "AUDITOR") {
      items.push(...occasionalSignIns(a, o, world));
      return;
    }
    const team = (world.careTeams.get(s.id) ?? []).filter((p) => openable(s, p));
    const onTeam = new Set(team);
    const colleagues = (byDepartment.get(department.name) ?? []).filter((p) => !onTeam.has(p) && openable(s, p));
    let officerPatients: string[] | undefined;
    const { position, size } = roster.get(s.id) ?? { position: 0, size: 1 };
    const hasNights = department.shifts.some((x) => x.end <= x.start);
    for (const shift of shiftIntervals(department, o.from, o.to)) {
      if (s.inactiveFrom && shift.start >= s.inactiveFrom) break;
      if (!works({ s, shift, position, size, hasNights, faker })) continue;
      const end = s.inactiveFrom && s.inactiveFrom < shift.end ? s.inactiveFrom : shift.end;
      const session = { start: shift.start.getTime(), end: end.getTime() };
      if (s.role === "CLINICIAN") items.push(...clinicianShift({ a, shift, session, team, colleagues, o }));
      else if (s.role === "COMPLIANCE_OFFICER")
        items.push(...officerShift(a, session, (officerPatients ??= unrestricted.filter((p) => openable(s, p)))));
      else items.push(...signInSession(a, session));
    }
  });
  return items.sort(byTime);
}

/** Each clinician's place in their department's rota (clinicians only, by email). */
function rosterOf(world: TWorld) {
  const out = new Map<string, { position: number; size: number }>();
  const byDept = new Map<string, TStaffMember[]>();
  for (const s of world.staff) if (s.department) byDept.set(s.department, [...(byDept.get(s.department) ?? []), s]);
  for (const members of byDept.values()) {
    const clinicians = members.filter((m) => m.role === "CLINICIAN" && m.inactiveFrom === null);
    members.forEach((m) =>
      out.set(m.id, { position: Math.max(0, clinicians.indexOf(m)), size: Math.max(1, clinicians.length) }),
    );
  }
  return out;
}

/**
 * Staffing: in departments with nights, every other clinician works nights, five shifts a week;
 * elsewhere clinicians work the weekday day shift, and one of them per ISO week takes the
 * on-call cover. Officers and admins work weekday day shifts.
 */
function works(x: {
  s: TStaffMember;
  shift: TShiftInterval;
  position: number;
  size: number;
  hasNights: boolean;
  faker: Faker;
}) {
  const { s, shift, faker } = x;
  const weekend = weekdayOf(shift.day) >= 6;
  const roll = faker.number.float({ min: 0, max: 1 });
  if (s.role !== "CLINICIAN") return shift.kind === "day" && !weekend && roll < 0.9;
  // One clinician a week takes the cover; most rounds need a chart or two, some none.
  if (shift.kind === "on-call")
    return Math.floor(shift.start.getTime() / WEEK_MS) % x.size === x.position && roll < 0.6;
  if (x.hasNights) return (shift.kind === "night") === (x.position % 2 === 1) && roll < (weekend ? 0.55 : 0.75);
  return shift.kind === "day" && roll < (weekend ? 0.3 : 0.92);
}

function signInSession(a: TActorContext, session: { start: number; end: number }): THistoryItem[] {
  const f = a.faker;
  const t = session.start + f.number.int({ min: 2, max: 40 }) * MINUTE;
  if (t >= session.end) return [];
  const out: THistoryItem[] = [];
  const failure = f.number.float({ min: 0, max: 1 });
  if (failure < 0.06) out.push(signInItem(a, at(t - 45_000), "wrong password"));
  else if (failure < 0.09 && a.staff.mfa) out.push(signInItem(a, at(t - 30_000), "wrong code"));
  out.push(signInItem(a, at(t)));
  return out;
}

function clinicianShift(x: {
  a: TActorContext;
  shift: TShiftInterval;
  session: { start: number; end: number };
  team: readonly string[];
  colleagues: readonly string[];
  o: TActivityOptions;
}): THistoryItem[] {
  const { a, shift, session, team, colleagues, o } = x;
  const f = a.faker;
  const out = signInSession(a, session);
  if (out.length === 0 || team.length === 0) return out;
  const first = out[out.length - 1]!.at.getTime() + MINUTE;
  const last = session.end - MINUTE;
  if (first >= last) return out;
  const scale = o.intensity ?? 1;
  const [lo, hi, listLo, listHi] =
    shift.kind === "day" ? [28, 48, 5, 11] : shift.kind === "night" ? [16, 30, 4, 8] : [1, 3, 1, 2];
  const opens = Math.max(1, Math.round(f.number.int({ min: lo, max: hi }) * scale));
  const list = f.helpers.arrayElements(team, {
    min: Math.min(listLo, team.length),
    max: Math.min(listHi, team.length),
  });
  const times = Array.from({ length: opens }, () => f.number.float({ min: first, max: last })).sort((p, q) => p - q);
  for (const t of times) {
    if (shift.kind !== "on-call" && colleagues.length > 0 && f.number.float({ min: 0, max: 1 }) < 0.04) {
      // A colleague's patient, not on this clinician's care team: the policy says no.
      const patientId = f.helpers.arrayElement(colleagues);
      out.push(patientAccessItem(a, at(t), { patientId, action: "read", careTeam: false }).item);
      continue;
    }
    const patientId = f.helpers.weightedArrayElement(list.map((p, i) => ({ value: p, weight: list.length - i })));
    out.push(patientAccessItem(a, at(t), { patientId, action: "read", careTeam: true }).item);
    const roll = f.number.float({ min: 0, max: 1 });
    if (roll < 0.25) {
      const action = roll < 0.15 ? "create" : "update";
      const w = t + f.number.int({ min: 1, max: 4 }) * MINUTE;
      if (w < session.end)
        out.push(
          patientAccessItem(a, at(w), {
            patientId,
            action,
            careTeam: true,
            resourceType: "Observation",
            entityWhat: "Observation",
          }).item,
        );
    }
  }
  const searches = shift.kind === "on-call" ? 0 : f.number.int({ min: shift.kind === "day" ? 1 : 0, max: 3 });
  for (let i = 0; i < searches; i++) {
    const t = f.number.float({ min: first, max: last });
    const target = f.helpers.arrayElement(list);
    const others = f.helpers.arrayElements(colleagues, { min: 0, max: Math.min(3, colleagues.length) });
    out.push(
      ...searchItems(a, at(t), [
        { patientId: target, careTeam: true },
        ...others.map((p) => ({ patientId: p, careTeam: false })),
      ]),
    );
  }
  if (shift.kind === "day" && f.number.float({ min: 0, max: 1 }) < 0.08) {
    const t = f.number.float({ min: first, max: last });
    const patientId = f.helpers.arrayElement(list);
    out.push(patientAccessItem(a, at(t), { patientId, action: "export", careTeam: true }).item);
  }
  const emergency = f.number.float({ min: 0, max: 1 }) < 0.05;
  if (
    o.breakGlass !== false &&
    emergency &&
    shift.kind !== "on-call" &&
    colleagues.length > 0 &&
    last - 50 * MINUTE > first
  ) {
    out.push(
      ...breakGlassEpisode(
        a,
        f.number.float({ min: first, max: last - 50 * MINUTE }),
        f.helpers.arrayElement(colleagues),
        true,
      ),
    );
  }
  // A shift still running at the end of the history has not signed out yet.
  const signOut = f.number.float({ min: 0, max: 1 }) < 0.6;
  if (signOut && session.end < o.to.getTime())
    out.push(signOutItem(a, at(session.end - f.number.int({ min: 1, max: 20 }) * MINUTE)));
  return out;
}

/**
 * An emergency: the chart is refused, the clinician declares break-glass, reads under it
 * (ETREAT) and — in an ordinary emergency — records an observation within the hour.
 */
export function breakGlassEpisode(
  a: TActorContext,
  t: number,
  patientId: string,
  clinicalWrite: boolean,
): THistoryItem[] {
  const f = a.faker;
  const out: THistoryItem[] = [patientAccessItem(a, at(t), { patientId, action: "read", careTeam: false }).item];
  out.push({ kind: "break-glass", at: at(t + MINUTE), actorId: a.staff.id, actorName: a.staff.name, patientId });
  let u = t + 2 * MINUTE;
  for (let i = 0; i < f.number.int({ min: 2, max: 4 }); i++) {
    out.push(patientAccessItem(a, at(u), { patientId, action: "read", careTeam: false, breakGlass: true }).item);
    u += f.number.int({ min: 3, max: 12 }) * MINUTE;
  }
  if (clinicalWrite)
    out.push(
      patientAccessItem(a, at(u), {
        patientId,
        action: "create",
        careTeam: false,
        breakGlass: true,
        resourceType: "Observation",
        entityWhat: "Observation",
      }).item,
    );
  return out;
}

/** Compliance officers: the audit log, and patients' consents and care teams (their data). */
function officerShift(
  a: TActorContext,
  session: { start: number; end: number },
  patients: readonly string[],
): THistoryItem[] {
  const f = a.faker;
  const out = signInSession(a, session);
  if (out.length === 0) return out;
  const first = out[out.length - 1]!.at.getTime() + MINUTE;
  const last = session.end - MINUTE;
  // A session cut short (the end of the history, a disabled account) may leave no room after sign-in.
  if (first >= last) return out;
  for (let i = 0; i < f.number.int({ min: 1, max: 4 }); i++)
    out.push(
      auditSearchItem(
        a,
        at(f.number.float({ min: first, max: last })),
        f.helpers.arrayElement(["date", "agent,date", "entity", "outcome,date"]),
      ),
    );
  for (let i = 0; i < f.number.int({ min: 0, max: 3 }) && patients.length; i++) {
    const patientId = f.helpers.arrayElement(patients);
    const resourceType = f.helpers.arrayElement(["Consent", "CareTeam"]);
    out.push(
      patientAccessItem(a, at(f.number.float({ min: first, max: last })), {
        patientId,
        action: "read",
        careTeam: false,
        resourceType,
        entityWhat: `${resourceType}?patient=${patientId}`,
      }).item,
    );
  }
  return out;
}

/** The auditor and the patient portal: a sign-in every few days (the patient reads their own record). */
function occasionalSignIns(a: TActorContext, o: TActivityOptions, world: TWorld): THistoryItem[] {
  const f = a.faker;
  const out: THistoryItem[] = [];
  const own = a.staff.patientId && world.patients.includes(a.staff.patientId) ? a.staff.patientId : null;
  for (
    let t = o.from.getTime() + f.number.int({ min: 1, max: 3 }) * 86_400_000;
    t < o.to.getTime();
    t += f.number.int({ min: 2, max: 5 }) * 86_400_000
  ) {
    const s = t + f.number.int({ min: 0, max: 10 * 60 }) * MINUTE;
    if (s >= o.to.getTime()) break;
    out.push(signInItem(a, at(s)));
    if (own && s + 2 * MINUTE < o.to.getTime())
      out.push(patientAccessItem(a, at(s + 2 * MINUTE), { patientId: own, action: "read", careTeam: false }).item);
  }
  return out;
}
