// `healthledger seed --events N`: N more access events over the last D days, from the staff,
// care teams and departments already in the database, written like the demo's history.
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import type { LedgerPool } from "../../../lib/ledger/ledger-pool";
import { loadWorld } from "./load-world";
import { scaleEvents } from "./scale-events";
import { writeHistory } from "./write-history";

export type TSeedScaleOptions = {
  events: number;
  days: number;
  seed?: number;
  now?: Date;
  onProgress?: (written: number) => void;
};

export async function seedScaleEvents(prisma: PrismaClient, pool: LedgerPool, o: TSeedScaleOptions): Promise<number> {
  const world = await loadWorld(prisma);
  if (![...world.careTeams.values()].some((team) => team.length > 0))
    throw new Error("no care teams to work from: seed the demo first (npm run db:seed)");
  const events = scaleEvents({
    world,
    count: o.events,
    days: o.days,
    now: o.now ?? new Date(),
    seed: o.seed ?? Date.now() % 1_000_000,
  });
  const items = (function* () {
    for (const event of events) yield { kind: "event" as const, at: event.recorded, event };
  })();
  const written = await writeHistory({ prisma, pool, items, onProgress: o.onProgress });
  return written.events;
}
