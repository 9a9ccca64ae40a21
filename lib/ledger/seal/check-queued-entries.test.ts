import { describe, expect, it } from "vitest";
import { checkQueuedEntries, rowKey, type TQueuedEntry, type TRefusalReason } from "./check-queued-entries";
import { writerMac, type TWriterKeys } from "./writer-mac";

const keys: TWriterKeys = { current: Buffer.alloc(32, 7) };
const previousSeal = new Date("2026-12-03T06:00:00.000Z");
const now = new Date("2026-12-03T06:00:10.000Z");
const skewMs = 300_000;
const ctx = (sealed: string[] = []) => ({
  keys,
  notBefore: new Date(previousSeal.getTime() - skewMs),
  notAfter: new Date(now.getTime() + skewMs),
  sealed: new Set(sealed),
});

let n = 0;
function entry(over: Partial<TQueuedEntry> = {}): TQueuedEntry {
  n++;
  const base = {
    id: String(n),
    kind: "care_team_change",
    rowId: `0192f3a4-5b6c-7d8e-9f00-${String(n).padStart(12, "0")}`,
    leafHash: Buffer.alloc(32, n),
    recordedAt: new Date(now.getTime() - 1000),
    enqueuedAt: "2026-12-03 06:00:10",
    ...over,
  };
  return { ...base, mac: over.mac ?? writerMac(base, keys) };
}

const reasons = (entries: TQueuedEntry[], sealed: string[] = []) => {
  const r = checkQueuedEntries(entries, ctx(sealed));
  const byId = new Map<string, TRefusalReason>(r.refused.map((x) => [x.entry.id, x.reason]));
  return entries.map((e) => byId.get(e.id) ?? "sealed");
};

describe("checkQueuedEntries", () => {
  it("decides each entry by the first rule that refuses it", () => {
    const good = entry();
    const sealedBefore = entry();
    const table: [string, TQueuedEntry, TRefusalReason | "sealed"][] = [
      ["a genuine entry", good, "sealed"],
      [
        "recorded just inside the window before the previous seal",
        entry({ recordedAt: new Date(previousSeal.getTime() - skewMs) }),
        "sealed",
      ],
      [
        "recorded just inside the window ahead of the clock",
        entry({ recordedAt: new Date(now.getTime() + skewMs) }),
        "sealed",
      ],
      ["no MAC", entry({ mac: new Uint8Array(0) }), "mac_invalid"],
      [
        "a MAC under another key",
        entry({ mac: writerMac({ ...good, rowId: good.rowId }, { current: Buffer.alloc(32, 8) }) }),
        "mac_invalid",
      ],
      ["another entry's MAC", entry({ mac: good.mac }), "mac_invalid"],
      [
        "backdated (MAC made for the old time)",
        entry({ recordedAt: new Date(previousSeal.getTime() - skewMs - 1) }),
        "recorded_too_early",
      ],
      ["from the future", entry({ recordedAt: new Date(now.getTime() + skewMs + 1) }), "recorded_in_future"],
      ["already sealed (a replay)", sealedBefore, "already_sealed"],
      ["an unknown kind", entry({ kind: "nonsense" }), "malformed"],
      ["a short leaf hash", entry({ leafHash: Buffer.alloc(31), mac: Buffer.alloc(32) }), "malformed"],
    ];
    const got = reasons(
      table.map((t) => t[1]),
      [rowKey(sealedBefore.kind, sealedBefore.rowId)],
    );
    expect(table.map((t, i) => [t[0], got[i]])).toEqual(table.map((t) => [t[0], t[2]]));
  });

  it("reports a forged entry as forged even when it is also backdated or a replay", () => {
    const forged = entry({ mac: Buffer.alloc(32), recordedAt: new Date(0) });
    expect(reasons([forged], [rowKey(forged.kind, forged.rowId)])).toEqual(["mac_invalid"]);
  });

  it("seals the first of two entries for one row and refuses the second; a forged first one does not count", () => {
    const first = entry();
    const copy = { ...first, id: "900" };
    expect(reasons([first, copy])).toEqual(["sealed", "queued_twice"]);
    const forged = entry({ mac: Buffer.alloc(32) });
    const genuine = entry({ rowId: forged.rowId });
    expect(reasons([forged, genuine])).toEqual(["mac_invalid", "sealed"]);
  });

  it("keeps queue order among the accepted entries and loses none", () => {
    const batch = [entry(), entry({ mac: new Uint8Array(0) }), entry(), entry()];
    const r = checkQueuedEntries(batch, ctx());
    expect(r.accepted.map((e) => e.id)).toEqual([batch[0].id, batch[2].id, batch[3].id]);
    expect(r.accepted.length + r.refused.length).toBe(batch.length);
  });

  it("has no lower bound on an empty ledger", () => {
    const old = entry({ recordedAt: new Date("2020-01-01T00:00:00Z") });
    expect(checkQueuedEntries([old], { ...ctx(), notBefore: null }).accepted).toHaveLength(1);
  });
});
