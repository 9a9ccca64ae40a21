// The demo's history: care teams set up before it starts, then `days` days of ordinary activity
// ending now, the planted snooping and a little activity in the last hours (so every figure of
// the dashboard's last 24 h has something in it), written through the app's write paths.
import { Faker, en } from "@faker-js/faker";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { addCareTeamMembers } from "../../../lib/access/care-team/add-care-team-members";
import { requireDatabaseUrl } from "../../../lib/config/runtime-env";
import { createLedgerPool } from "../../../lib/ledger/ledger-pool";
import { generateActivity, breakGlassEpisode } from "./generate-activity";
import { byTime, signInItem, workstation, type THistoryItem } from "./history-items";
import { loadWorld } from "./load-world";
import { plantSnooping, type TPlantedCase } from "./planted-snooping";
import { planCareTeams, withCareTeams } from "./plan-care-teams";
import { pairKey, patientDepartments, type TWorld } from "./world";
import { writeHistory } from "./write-history";
import { DAY_MS } from "./zoned-time";

export const DEFAULT_HISTORY_DAYS = 30;

export type THistorySummary = {
  days: number;
  events: number;
  breakGlass: number;
  careTeamMembers: number;
  planted: TPlantedCase[];
};

/** Every item of the history, in time order (pure: the same world, now and seed give the same items). */
export function buildHistory(world: TWorld, o: { now: Date; days: number; seed: number }) {
  const from = new Date(o.now.getTime() - o.days * DAY_MS);
  const ordinary = generateActivity({ world, from, to: o.now, seed: o.seed });
  const planted = o.days >= 22 ? plantSnooping(world, o.now, o.seed) : { items: [], cases: [] };
  const items = [...ordinary, ...planted.items, ...lastHours(world, o.now, o.seed)].filter((i) => i.at < o.now);
  return { items: items.sort(byTime), cases: planted.cases };
}

/** A failed sign-in and an emergency with its clinical note in the last hours, whatever the shifts did. */
function lastHours(world: TWorld, now: Date, seed: number): THistoryItem[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed + 3);
  const departments = patientDepartments(world);
  const index = world.staff.findIndex(
    (s) =>
      s.role === "CLINICIAN" &&
      s.department === "Emergency Medicine" &&
      s.inactiveFrom === null &&
      s.staffNumber !== null,
  );
  const staff = world.staff[index];
  if (!staff) return [];
  const a = { staff, faker, ...workstation(staff, index) };
  const team = new Set(world.careTeams.get(staff.id) ?? []);
  const patient = world.patients.find(
    (p) =>
      !team.has(p) &&
      !world.restricted.has(p) &&
      !world.relatedPairs.has(pairKey(staff.id, p)) &&
      departments.get(p)?.has("Emergency Medicine"),
  );
  const t = now.getTime() - 4 * 3_600_000;
  return [
    signInItem(a, new Date(now.getTime() - 2 * 3_600_000), "wrong password"),
    signInItem(a, new Date(now.getTime() - 2 * 3_600_000 + 40_000)),
    ...(patient ? breakGlassEpisode(a, t, patient, true) : []),
  ];
}

export async function seedHistory(
  prisma: PrismaClient,
  o: { patientOrder: readonly string[]; now?: Date; days?: number; seed?: number },
): Promise<THistorySummary> {
  const now = o.now ?? new Date();
  const days = o.days ?? DEFAULT_HISTORY_DAYS;
  const seed = o.seed ?? 2026;
  const bare = await loadWorld(prisma, { patientOrder: o.patientOrder });
  const faker = new Faker({ locale: [en] });
  faker.seed(seed + 2);
  const plan = planCareTeams(bare, faker);
  // The care teams predate the history: a month before its first day.
  const since = new Date(now.getTime() - (days + 30) * DAY_MS);
  await prisma.$transaction(
    (tx) =>
      addCareTeamMembers(tx, {
        members: plan.map((a) => ({ patientId: a.patientId, userId: a.staffId, byId: a.staffId })),
        at: since,
      }),
    { timeout: 120_000 },
  );
  const world = withCareTeams(bare, plan);
  const { items, cases } = buildHistory(world, { now, days, seed });
  const pool = createLedgerPool(requireDatabaseUrl(), 2);
  try {
    const written = await writeHistory({ prisma, pool, items });
    return { days, ...written, careTeamMembers: plan.length, planted: cases };
  } finally {
    await pool.end();
  }
}
