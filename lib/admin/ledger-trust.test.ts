import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { localFileStore } from "@/lib/ledger/rollback/local-file-store";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { decideLedgerTrust } from "./decide-ledger-trust";
import { getLedgerTrust } from "./get-ledger-trust";
import { requestLedgerTrust } from "./request-ledger-trust";

let db: TTestDatabase;
let pool: LedgerPool;
const ids: Record<string, string> = {};
// A missing state file for a ledger that exists: the guard is closed ("untrusted").
const stores = [localFileStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-trust-")), "issued.json"))];

async function user(key: string, role: Role) {
  const u = await db.prisma.user.create({
    data: { email: `${key}@t.test`, displayName: key, role, passwordHash: "x" },
  });
  ids[key] = u.id;
}
const counts = async () => ({
  requests: await db.prisma.ledgerTrustRequest.count(),
  decisions: await db.prisma.ledgerTrustDecision.count(),
  actions: await db.prisma.adminAction.count(),
  queued: await db.prisma.ledgerQueue.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  await user("alice", "ADMIN");
  await user("bob", "ADMIN");
  await user("carol", "CLINICIAN");
  await appendAccessEvents(pool, 6);
  await sealPending({ pool });
  return () => pool.end();
});

describe("re-trusting the ledger head (four eyes)", () => {
  it("needs a request with the typed root, then a different admin's typed approval, all anchored", async () => {
    const ctx = { pool, stores };
    const status = await getLedgerTrust(db.prisma, ctx);
    expect(status.check).toMatchObject({ ok: false, state: "untrusted" });
    const head = status.head!;
    const prefix = head.rootHash.slice(0, 8);
    const before = await counts();

    // Refused without writing anything: a wrong confirmation, a non-admin, a head that is no block.
    await expect(
      requestLedgerTrust(db.prisma, { actorId: ids.alice, treeSize: head.treeSize, confirm: "00000000", ...ctx }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      requestLedgerTrust(db.prisma, { actorId: ids.carol, treeSize: head.treeSize, confirm: prefix, ...ctx }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      requestLedgerTrust(db.prisma, { actorId: ids.alice, treeSize: 3, confirm: prefix, ...ctx }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      requestLedgerTrust(db.prisma, { actorId: ids.alice, treeSize: head.treeSize, confirm: "zz", ...ctx }),
    ).rejects.toThrow(/first 8 characters/);
    expect(await counts()).toEqual(before);

    const { requestId } = await requestLedgerTrust(db.prisma, {
      actorId: ids.alice,
      treeSize: head.treeSize,
      confirm: prefix.toUpperCase(),
      ...ctx,
    });
    expect((await checkRollback(pool, stores)).ok).toBe(false); // a request alone trusts nothing
    await expect(
      requestLedgerTrust(db.prisma, { actorId: ids.bob, treeSize: head.treeSize, confirm: prefix, ...ctx }),
    ).rejects.toMatchObject({ code: "conflict" });

    // The requester cannot approve; the approver must type the root too.
    await expect(
      decideLedgerTrust(db.prisma, { actorId: ids.alice, requestId, approve: true, confirm: prefix, ...ctx }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      decideLedgerTrust(db.prisma, { actorId: ids.bob, requestId, approve: true, ...ctx }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      decideLedgerTrust(db.prisma, { actorId: ids.carol, requestId, approve: true, confirm: prefix, ...ctx }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.ledgerTrustDecision.count()).toBe(0);

    await decideLedgerTrust(db.prisma, { actorId: ids.bob, requestId, approve: true, confirm: prefix, ...ctx });
    expect(await checkRollback(pool, stores)).toMatchObject({ ok: true, state: "trusted", issuedTreeSize: 6 });
    expect(await stores[0].latest((await checkRollback(pool, stores)).logId!)).toMatchObject({
      treeSize: 6,
      rootHash: head.rootHash,
      trustRequestId: requestId,
    });
    await expect(
      decideLedgerTrust(db.prisma, { actorId: ids.bob, requestId, approve: false, ...ctx }),
    ).rejects.toMatchObject({ code: "conflict" });

    const actions = await db.prisma.adminAction.findMany({
      where: { action: { startsWith: "ledger.trust" } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ["ledger.trust_request", ids.alice],
      ["ledger.trust_approve", ids.bob],
    ]);
    // Both steps are anchored: sealed, their leaves verify with the rest of the ledger.
    await sealPending({ pool });
    const kinds = await pool.query(`SELECT kind FROM "LedgerEntry" WHERE kind LIKE 'ledger_trust_%' ORDER BY "index"`);
    expect(kinds.rows.map((r) => r.kind)).toEqual(["ledger_trust_request", "ledger_trust_decision"]);
    expect((await verifyLedger({ pool })).ok).toBe(true);
    const request = await db.prisma.ledgerTrustRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect({ treeSize: request.treeSize, root: bytesToHex(request.rootHash), state: request.guardState }).toEqual({
      treeSize: 6n,
      root: head.rootHash,
      state: "untrusted",
    });
  });

  it("lets the requester withdraw, and refuses a request while the head is trusted", async () => {
    const elsewhere = [localFileStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-trust-")), "i.json"))];
    const ctx = { pool, stores: elsewhere };
    const head = (await getLedgerTrust(db.prisma, ctx)).head!;
    const { requestId } = await requestLedgerTrust(db.prisma, {
      actorId: ids.alice,
      treeSize: head.treeSize,
      confirm: head.rootHash.slice(0, 8),
      ...ctx,
    });
    await decideLedgerTrust(db.prisma, { actorId: ids.alice, requestId, approve: false, ...ctx });
    expect((await checkRollback(pool, elsewhere)).ok).toBe(false);
    expect(await db.prisma.adminAction.count({ where: { action: "ledger.trust_reject", actorId: ids.alice } })).toBe(1);
    await expect(
      requestLedgerTrust(db.prisma, {
        actorId: ids.alice,
        treeSize: head.treeSize,
        confirm: head.rootHash.slice(0, 8),
        pool,
        stores,
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/nothing to re-trust/) });
  });
});
