// Who treats whom before the history starts: every patient an ordinary day may open gets a home
// department and one or two of its clinicians. Related pairs (world.ts) and restricted patients are left
// out, so an ordinary day on the care team trips no relationship rule. Pure and deterministic.
import type { Faker } from "@faker-js/faker";
import { pairKey, type TWorld } from "./world";

export type TCareTeamAssignment = { staffId: string; patientId: string };

/** One clinician of the home department per patient, a second for about a third of them. */
export function planCareTeams(world: TWorld, faker: Faker): TCareTeamAssignment[] {
  const clinicians = world.staff.filter((s) => s.role === "CLINICIAN" && s.department && s.inactiveFrom === null);
  const byDepartment = new Map<string, string[]>();
  for (const c of clinicians) byDepartment.set(c.department!, [...(byDepartment.get(c.department!) ?? []), c.id]);
  const departments = [...byDepartment.keys()].sort();
  if (departments.length === 0) return [];
  const already = new Set([...world.careTeams].flatMap(([s, ps]) => ps.map((p) => pairKey(s, p))));
  const out: TCareTeamAssignment[] = [];
  world.patients.forEach((patientId, i) => {
    if (world.restricted.has(patientId)) return;
    const home = departments[(i + faker.number.int({ min: 0, max: departments.length - 1 })) % departments.length]!;
    const team = faker.helpers
      .shuffle([...byDepartment.get(home)!])
      .filter((s) => !world.relatedPairs.has(pairKey(s, patientId)) && !already.has(pairKey(s, patientId)));
    const size = faker.number.float({ min: 0, max: 1 }) < 0.35 ? 2 : 1;
    for (const staffId of team.slice(0, size)) out.push({ staffId, patientId });
  });
  return out;
}

/** The world with the planned memberships added. */
export function withCareTeams(world: TWorld, plan: readonly TCareTeamAssignment[]): TWorld {
  const teams = new Map([...world.careTeams].map(([k, v]) => [k, [...v]]));
  for (const a of plan) teams.set(a.staffId, [...(teams.get(a.staffId) ?? []), a.patientId]);
  return { ...world, careTeams: teams };
}
