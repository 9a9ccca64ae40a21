import { describe, expect, it } from "vitest";
import { decideHealth, type THealthReadings } from "./decide-health";
import { replicaCheck, replayLagSeconds, type TReplicaReading } from "./decide-replica";

const now = new Date("2026-12-07T15:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const caughtUp: TReplicaReading = {
  inRecovery: true,
  behindBytes: 0,
  lastReplayAt: ago(3600),
  replicaNow: now,
  replayPaused: false,
  latencyMs: 0.7,
};
const THRESHOLD = 30;
const check = (over: Partial<TReplicaReading>) =>
  replicaCheck({ ok: true, value: { ...caughtUp, ...over } }, THRESHOLD);

describe("the replica line of /api/health", () => {
  it("is ok with no lag when the replica has replayed all the primary wrote, however long ago its last commit", () => {
    // An idle primary commits nothing for an hour: its replica is not an hour behind.
    const c = check({});
    expect(c).toMatchObject({ status: "ok", reachable: true, replayLagSeconds: 0, replayLagBytes: 0 });
    expect(c.message).toMatch(/0 s behind/);
  });

  // [what happened, reading, status, lag seconds, message]
  const table: [string, Partial<TReplicaReading>, string, number | null, RegExp][] = [
    ["a few seconds behind", { behindBytes: 4096, lastReplayAt: ago(2.5) }, "ok", 2.5, /2\.5 s behind.*4096 bytes/],
    ["just under the threshold", { behindBytes: 1, lastReplayAt: ago(THRESHOLD) }, "ok", THRESHOLD, /behind/],
    ["past the threshold", { behindBytes: 8e6, lastReplayAt: ago(THRESHOLD + 1) }, "degraded", 31, /31 s behind/],
    [
      "replay paused, behind",
      { behindBytes: 512, lastReplayAt: ago(90), replayPaused: true },
      "degraded",
      90,
      /paused/,
    ],
    ["replay paused, caught up", { replayPaused: true }, "degraded", 0, /paused/],
    ["primary not read: the age of the last commit", { behindBytes: null, lastReplayAt: ago(5) }, "ok", 5, /5 s/],
    ["nothing replayed yet", { behindBytes: 100, lastReplayAt: null }, "ok", null, /no transaction/],
    ["not a standby", { inRecovery: false, behindBytes: null }, "degraded", null, /not a standby/],
  ];
  it.each(table)("%s → %s", (_, over, status, lag, message) => {
    const c = check(over);
    expect(c.status).toBe(status);
    expect(c.replayLagSeconds).toBe(lag);
    expect(c.message).toMatch(message);
    expect(c.degradedAfterSeconds).toBe(THRESHOLD);
  });

  it("never reports negative bytes when the replica replayed past the position read from the primary", () => {
    const c = check({ behindBytes: -200 });
    expect(c.replayLagBytes).toBe(0);
    expect(replayLagSeconds({ ...caughtUp, behindBytes: -200 })).toBe(0);
  });

  it("is degraded, with nothing measured, when the replica cannot be read", () => {
    for (const error of ["timeout", "failed"] as const) {
      const c = replicaCheck({ ok: false, error }, THRESHOLD);
      expect(c).toMatchObject({ status: "degraded", reachable: false, replayLagSeconds: null, latencyMs: null });
      expect(c.message).toMatch(error === "timeout" ? /did not answer in time/ : /cannot be reached/);
    }
  });

  it("makes the whole service degraded, not down, and is absent without a replica", () => {
    const readings: THealthReadings = {
      now,
      tookMs: 1,
      database: { ok: true, value: { latencyMs: 1 } },
      sequencer: {
        ok: true,
        value: {
          pendingLeaves: 0,
          oldestPendingAt: null,
          lastSealAt: ago(1),
          treeSize: 10,
          sequencers: [{ pid: 7, connectedAt: ago(60) }],
          lockHolder: null,
        },
      },
      verification: { ok: true, value: { lastRun: null, runningSince: null } },
      witnesses: { ok: true, value: { quorum: 0, witnesses: [] } },
      rollbackGuard: { ok: true, value: { ok: true, state: "trusted", treeSize: 10, issuedTreeSize: 10, logId: "ab" } },
      monitor: { ok: true, value: { treeSize: 10, consumers: [] } },
    };
    const without = decideHealth(readings);
    expect(without.status).toBe("ok");
    expect(without.checks.replica).toBeUndefined();
    const fresh = decideHealth({
      ...readings,
      replica: { reading: { ok: true, value: caughtUp }, degradedSeconds: 30 },
    });
    expect(fresh.status).toBe("ok");
    expect(fresh.checks.replica?.status).toBe("ok");
    const behind = { ok: true as const, value: { ...caughtUp, behindBytes: 1e6, lastReplayAt: ago(120) } };
    const h = decideHealth({ ...readings, replica: { reading: behind, degradedSeconds: THRESHOLD } });
    expect(h.checks.replica?.status).toBe("degraded");
    expect(h.status).toBe("degraded");
  });
});
