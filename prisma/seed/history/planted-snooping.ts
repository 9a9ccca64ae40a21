// Snooping planted in the demo's history with known ground truth: each case names the rule(s)
// that should catch it under DEFAULT_RULE_SET, the member of staff, the patient and the local
// day. docs/demo-data.md lists them. Actors are staff positions of the seed (staff member i has
// the email ….<i+1>@staff.healthledger.test), patients positions in MRN order (MRN100000<k+1>),
// so the truth is stable across seeds of the same size; plantSnooping resolves them to ids.
import { Faker, en } from "@faker-js/faker";
import type { TRuleId } from "../../../lib/monitor/rules/rule-docs";
import { localTime } from "../../../lib/monitor/rules/local-time";
import { mrnFor } from "../fhir-factories";
import { FACTS } from "../monitoring-facts";
import { sharedAddressPatient, sharedLastNamePatient } from "../staff-factories";
import { breakGlassEpisode } from "./generate-activity";
import { patientAccessItem, signInItem, workstation, type TActorContext, type THistoryItem } from "./history-items";
import { pairKey, patientDepartments, type TWorld } from "./world";
import { DAY_MS, utcOfLocal, weekdayOf } from "./zoned-time";

type TShape =
  | "open"
  | "break-glass-open"
  | "night-burst"
  | "volume-spike"
  | "denial-burst"
  | "rapid-browsing"
  | "break-glass-no-write"
  | "disabled-sign-in";

export type TPlantedCaseSpec = {
  id: string;
  description: string;
  /** Rules that must find it with DEFAULT_RULE_SET (others may also fire). */
  rules: readonly TRuleId[];
  /** 0-based staff position in the seed. */
  actor: number;
  /** 0-based patient position (MRN order) for a seed of n patients; absent for cases about many patients. */
  patient?: (n: number) => number | null;
  daysAgo: number;
  /** Local start time in the actor's department's zone. */
  time: string;
  /** Moved back to the closest earlier day the actor's department has a day shift. */
  workday?: boolean;
  shape: TShape;
};

export const PLANTED_CASES: readonly TPlantedCaseSpec[] = [
  {
    id: "same-last-name-break-glass",
    description: "A cardiologist breaks the glass on a patient with their own last name, not theirs to treat.",
    rules: ["same-last-name", "break-glass-escalation"],
    actor: 6,
    patient: (n) => sharedLastNamePatient(6, n),
    daysAgo: 21,
    time: "14:10",
    workday: true,
    shape: "break-glass-open",
  },
  {
    id: "same-address",
    description: "A member of the privacy office opens the chart of a patient living at their address.",
    rules: ["same-address"],
    actor: FACTS.priorAddressStaff,
    patient: (n) => sharedAddressPatient(FACTS.priorAddressStaff, n),
    daysAgo: 17,
    time: "10:30",
    workday: true,
    shape: "open",
  },
  {
    id: "prior-address",
    description: "The same officer opens a patient who used to live at their address.",
    rules: ["same-address"],
    actor: FACTS.priorAddressStaff,
    patient: (n) => n - 2,
    daysAgo: 12,
    time: "15:45",
    workday: true,
    shape: "open",
  },
  {
    id: "contact-name",
    description: "A cardiologist opens a patient whose next of kin has the cardiologist's last name.",
    rules: ["contact-name"],
    actor: FACTS.kinStaff,
    patient: (n) => n - 1,
    daysAgo: 8,
    time: "11:20",
    workday: true,
    shape: "open",
  },
  {
    id: "self-access",
    description: "An emergency physician who is also a patient here opens their own chart.",
    rules: ["self-access"],
    actor: FACTS.employeeStaff,
    patient: () => FACTS.employeePatient,
    daysAgo: 15,
    time: "13:05",
    shape: "open",
  },
  {
    id: "co-worker",
    description: "An oncologist opens the chart of a co-worker who is a patient.",
    rules: ["co-worker"],
    actor: 2,
    patient: () => FACTS.employeePatient,
    daysAgo: 11,
    time: "09:50",
    workday: true,
    shape: "open",
  },
  {
    id: "vip",
    description: "A radiologist off the care team opens a VIP's chart.",
    rules: ["vip"],
    actor: 4,
    patient: () => FACTS.vipPatient,
    daysAgo: 9,
    time: "16:30",
    workday: true,
    shape: "open",
  },
  {
    id: "deceased",
    description: "An oncologist opens the chart of a patient who died two months ago.",
    rules: ["deceased"],
    actor: 8,
    patient: () => FACTS.deceasedPatient,
    daysAgo: 5,
    time: "10:15",
    workday: true,
    shape: "open",
  },
  {
    id: "disabled-account",
    description: "The terminated internist's account tries to sign in two days after termination.",
    rules: ["account-status"],
    actor: FACTS.terminatedStaff,
    daysAgo: FACTS.terminatedDaysAgo - 2,
    time: "21:40",
    shape: "disabled-sign-in",
  },
  {
    id: "night-burst",
    description: "A cardiologist (weekday day shifts only) opens nine charts between 02:10 and 03:00.",
    rules: ["after-hours"],
    actor: 12,
    daysAgo: 6,
    time: "02:10",
    workday: true,
    shape: "night-burst",
  },
  {
    id: "volume-spike",
    description: "An oncologist opens 36 distinct patients in one day shift, several times their usual.",
    rules: ["volume"],
    actor: 14,
    daysAgo: 2,
    time: "07:40",
    workday: true,
    shape: "volume-spike",
  },
  {
    id: "denial-burst",
    description: "A pediatrician is refused seven charts in twelve minutes.",
    rules: ["repeated-denials"],
    actor: 9,
    daysAgo: 3,
    time: "11:00",
    workday: true,
    shape: "denial-burst",
  },
  {
    id: "rapid-browsing",
    description: "A radiologist runs through twelve unrelated charts in six minutes.",
    rules: ["rapid-browsing", "repeated-denials"],
    actor: 16,
    daysAgo: 13,
    time: "14:00",
    workday: true,
    shape: "rapid-browsing",
  },
  {
    id: "break-glass-no-write",
    description: "An emergency physician breaks the glass and only reads: no clinical entry in the hour.",
    rules: ["break-glass-escalation"],
    actor: 13,
    daysAgo: 10,
    time: "15:00",
    shape: "break-glass-no-write",
  },
];

export type TPlantedCase = {
  id: string;
  description: string;
  rules: readonly TRuleId[];
  actorId: string;
  actorEmail: string;
  patientId: string | null;
  patientMrn: string | null;
  /** Local day (YYYY-MM-DD) in the actor's department's zone: the finding's day. */
  day: string;
  /** When the case's first event happened. */
  at: Date;
};

const MINUTE = 60_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The planted cases' items and their ground truth, for a world whose patients are in MRN order. */
export function plantSnooping(
  world: TWorld,
  now: Date,
  seed: number,
): { items: THistoryItem[]; cases: TPlantedCase[] } {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed + 1);
  const n = world.patients.length;
  const departments = new Map(world.departments.map((d) => [d.name, d]));
  const careDepartments = patientDepartments(world);
  const items: THistoryItem[] = [];
  const cases: TPlantedCase[] = [];
  for (const spec of PLANTED_CASES) {
    const index = world.staff.findIndex((s) => s.staffNumber === spec.actor + 1);
    const staff = world.staff[index];
    const department = staff?.department ? departments.get(staff.department) : undefined;
    const patientIndex = spec.patient ? spec.patient(n) : null;
    if (!staff || !department || (spec.patient && (patientIndex === null || patientIndex < 0 || patientIndex >= n)))
      continue;
    const patientId = patientIndex === null ? null : world.patients[patientIndex]!;
    const tz = department.timeZone;
    let day = localTime(tz, new Date(now.getTime() - spec.daysAgo * DAY_MS)).day;
    const workday = (d: string) => department.shifts.some((s) => s.weekday === weekdayOf(d) && s.end > s.start);
    while (spec.workday && !workday(day))
      day = localTime(tz, new Date(utcOfLocal(tz, day, 12 * 60).getTime() - DAY_MS)).day;
    const start = utcOfLocal(tz, day, minutesOf(spec.time)).getTime();
    const a: TActorContext = { staff, faker, ...workstation(staff, index) };
    const team = new Set(world.careTeams.get(staff.id) ?? []);
    const openable = world.patients.filter(
      (p) => !world.restricted.has(p) && !world.relatedPairs.has(pairKey(staff.id, p)),
    );
    const colleagues = openable.filter((p) => !team.has(p) && careDepartments.get(p)?.has(department.name));
    const open = (t: number, p: string, extra: { breakGlass?: boolean } = {}) =>
      patientAccessItem(a, new Date(t), { patientId: p, action: "read", careTeam: team.has(p), ...extra }).item;
    const spaced = (patients: readonly string[], gap: [number, number]) => {
      let t = start;
      for (const p of patients) {
        items.push(open(t, p));
        t += faker.number.int({ min: gap[0], max: gap[1] }) * 1000;
      }
    };
    switch (spec.shape) {
      case "open":
        items.push(open(start, patientId!), open(start + 3 * MINUTE, patientId!));
        break;
      case "break-glass-open":
        items.push(...breakGlassEpisode(a, start, patientId!, true));
        break;
      case "break-glass-no-write":
        items.push(...breakGlassEpisode(a, start, faker.helpers.arrayElement(colleagues), false));
        break;
      case "disabled-sign-in":
        for (let i = 0; i < 3; i++) items.push(signInItem(a, new Date(start + i * 70_000), "account disabled"));
        break;
      case "night-burst":
        spaced(
          faker.helpers.arrayElements(
            [...team].filter((p) => openable.includes(p)),
            9,
          ),
          [240, 360],
        );
        break;
      case "volume-spike":
        spaced(
          [...[...team].filter((p) => openable.includes(p)), ...colleagues, ...faker.helpers.shuffle(openable)]
            .filter((p, i, all) => all.indexOf(p) === i)
            .slice(0, 36),
          [13 * 60, 17 * 60],
        );
        break;
      case "denial-burst":
        spaced(
          [
            ...colleagues,
            ...faker.helpers.shuffle(openable.filter((p) => !team.has(p) && !colleagues.includes(p))),
          ].slice(0, 7),
          [80, 120],
        );
        break;
      case "rapid-browsing":
        spaced(
          faker.helpers.arrayElements(
            openable.filter((p) => !team.has(p)),
            12,
          ),
          [25, 35],
        );
        break;
    }
    cases.push({
      id: spec.id,
      description: spec.description,
      rules: spec.rules,
      actorId: staff.id,
      actorEmail: staff.email,
      patientId,
      patientMrn: patientIndex === null ? null : mrnFor(patientIndex + 1),
      day,
      at: new Date(start),
    });
  }
  return { items, cases };
}
