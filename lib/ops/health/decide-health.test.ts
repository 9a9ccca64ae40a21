import { describe, expect, it } from "vitest";
import type { TWitnessView } from "@/lib/ledger/witness/witness-status";
import {
  decideHealth,
  MONITOR_BEHIND_SECONDS,
  SEQUENCER_BEHIND_SECONDS,
  WITNESS_BEHIND_SECONDS,
  type THealthReadings,
  type TMonitorReading,
  type TSequencerReading,
} from "./decide-health";

const now = new Date("2026-12-07T09:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

const sealing: TSequencerReading = {
  pendingLeaves: 2,
  oldestPendingAt: ago(0.3),
  lastSealAt: ago(0.5),
  treeSize: 1000,
  sequencers: [{ pid: 41, connectedAt: ago(600) }],
  lockHolder: null,
};

/** A monitor reading of a 1,000-leaf log with these consumers. */
const monitorOf = (consumers: TMonitorReading["consumers"]): THealthReadings["monitor"] => ({
  ok: true,
  value: { treeSize: 1000, consumers },
});

const healthy: THealthReadings = {
  now,
  tookMs: 3,
  database: { ok: true, value: { latencyMs: 0.4 } },
  sequencer: { ok: true, value: sealing },
  verification: {
    ok: true,
    value: {
      lastRun: { mode: "scheduled", startedAt: ago(60), finishedAt: ago(59), ok: true, treeSize: 990, findingCount: 0 },
      runningSince: null,
    },
  },
  witnesses: { ok: true, value: { quorum: 1, witnesses: [] } },
  rollbackGuard: { ok: true, value: { ok: true, state: "trusted", treeSize: 1000, issuedTreeSize: 1000, logId: "ab" } },
  monitor: monitorOf([
    { name: "rollups", watermark: 999, oldestUnreadSealedAt: null },
    { name: "rules", watermark: 990, oldestUnreadSealedAt: ago(2) },
  ]),
};

const witness = (over: Partial<TWitnessView>): TWitnessView => ({
  name: "w1",
  keyName: "w1.example",
  cosignedTreeSize: 1000,
  cosignedAt: ago(1),
  lag: 0,
  lastAttemptAt: ago(1),
  lastError: null,
  lastErrorAt: null,
  failures: 0,
  ...over,
});

const withReadings = (over: Partial<THealthReadings>) => decideHealth({ ...healthy, ...over });

describe("decideHealth", () => {
  it("is ok when every check is", () => {
    const h = decideHealth(healthy);
    expect(h.status).toBe("ok");
    expect(Object.values(h.checks).map((c) => c.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    expect(h.checks.monitor).toMatchObject({ message: "The monitor is 9 sealed leaves behind." });
    expect(h.checks.monitor.consumers[1]).toMatchObject({ leavesBehind: 9, oldestUnreadAgeSeconds: 2 });
    expect(h.checks.sequencer).toMatchObject({ pendingLeaves: 2, oldestPendingAgeSeconds: 0.3, treeSize: 1000 });
  });

  // [what happened, readings, overall, the check that says so, its status]
  const table: [
    string,
    Partial<THealthReadings>,
    string,
    Exclude<keyof ReturnType<typeof decideHealth>["checks"], "replica">,
    string,
  ][] = [
    ["database refused", { database: { ok: false, error: "failed" } }, "down", "database", "down"],
    ["database hung", { database: { ok: false, error: "timeout" } }, "down", "database", "down"],
    [
      "sequencer behind",
      {
        sequencer: {
          ok: true,
          value: { ...sealing, oldestPendingAt: ago(SEQUENCER_BEHIND_SECONDS + 1) },
        },
      },
      "degraded",
      "sequencer",
      "degraded",
    ],
    [
      "no sequencer connected",
      { sequencer: { ok: true, value: { ...sealing, sequencers: [] } } },
      "degraded",
      "sequencer",
      "degraded",
    ],
    ["sequencer not read in time", { sequencer: { ok: false, error: "timeout" } }, "degraded", "sequencer", "unknown"],
    [
      "verification found tampering",
      {
        verification: {
          ok: true,
          value: {
            lastRun: { mode: "full", startedAt: ago(9), finishedAt: ago(8), ok: false, treeSize: 9, findingCount: 3 },
            runningSince: null,
          },
        },
      },
      "degraded",
      "verification",
      "degraded",
    ],
    [
      "witness unreachable",
      {
        witnesses: {
          ok: true,
          value: { quorum: 1, witnesses: [witness({ failures: 2, lastError: "could not reach the witness" })] },
        },
      },
      "degraded",
      "witnesses",
      "degraded",
    ],
    [
      "witness silent while the log grew",
      {
        witnesses: {
          ok: true,
          value: { quorum: 1, witnesses: [witness({ lag: 50, cosignedAt: ago(WITNESS_BEHIND_SECONDS + 1) })] },
        },
      },
      "degraded",
      "witnesses",
      "degraded",
    ],
    [
      "rollback detected",
      {
        rollbackGuard: {
          ok: true,
          value: { ok: false, state: "behind", treeSize: 10, issuedTreeSize: 20, logId: "ab", reason: "smaller" },
        },
      },
      "down",
      "rollbackGuard",
      "down",
    ],
  ];
  it.each(table)("%s → %s", (_, over, overall, check, status) => {
    const h = withReadings(over);
    expect(h.status).toBe(overall);
    expect(h.checks[check].status).toBe(status);
    expect(h.checks[check].message.length).toBeGreaterThan(10);
  });

  it("keeps a witness lagging by a few entries it just cosigned ok (it is pushed in the background)", () => {
    const h = withReadings({ witnesses: { ok: true, value: { quorum: 1, witnesses: [witness({ lag: 40 })] } } });
    expect(h.checks.witnesses.status).toBe("ok");
  });

  it("says the quorum still holds when one witness of three fails", () => {
    const w = [witness({ name: "a" }), witness({ name: "b" }), witness({ name: "c", failures: 1 })];
    const h = withReadings({ witnesses: { ok: true, value: { quorum: 2, witnesses: w } } });
    expect(h.checks.witnesses.message).toMatch(/quorum of 2 still holds/);
  });

  it("reports every other check as not checked while the database is down", () => {
    const fail = { ok: false as const, error: "failed" as const };
    const h = withReadings({
      database: fail,
      sequencer: fail,
      verification: fail,
      witnesses: fail,
      rollbackGuard: fail,
    });
    expect(h.status).toBe("down");
    for (const c of ["sequencer", "verification", "witnesses", "rollbackGuard"] as const) {
      expect(h.checks[c].status).toBe("unknown");
      expect(h.checks[c].message).toMatch(/database is unavailable/);
    }
  });
});

describe("decideHealth, the monitor", () => {
  it("is degraded when a sealed leaf has waited past the bound for a consumer, naming it and what to check", () => {
    const h = decideHealth({
      ...healthy,
      monitor: monitorOf([
        { name: "rollups", watermark: 999, oldestUnreadSealedAt: null },
        { name: "rules", watermark: null, oldestUnreadSealedAt: ago(MONITOR_BEHIND_SECONDS + 1) },
      ]),
    });
    expect(h.status).toBe("degraded");
    expect(h.checks.monitor.status).toBe("degraded");
    expect(h.checks.monitor.message).toMatch(
      /^The monitor is behind: rules has 1000 sealed leaves unread, the oldest sealed 301 s ago/,
    );
    expect(h.checks.monitor.message).toContain("HL_MONITOR=on");
  });

  it("is not checked when it cannot be read, and ok with every leaf read", () => {
    expect(decideHealth({ ...healthy, monitor: { ok: false, error: "timeout" } }).checks.monitor).toMatchObject({
      status: "unknown",
      consumers: [],
    });
    const read = decideHealth({
      ...healthy,
      monitor: monitorOf([{ name: "rules", watermark: 999, oldestUnreadSealedAt: null }]),
    });
    expect(read.checks.monitor).toMatchObject({ status: "ok", message: "The monitor has read every sealed leaf." });
  });
});
