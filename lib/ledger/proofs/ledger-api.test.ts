import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { sealPending } from "../seal/seal-pending";
import { startSequencer, type TSequencer } from "../seal/sequencer";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { runVerification } from "../verify/run-verification";
import {
  ZBlockListResponse,
  ZBlockResponse,
  ZCheckpointResponse,
  ZConsistencyProofResponse,
  ZInclusionProofResponse,
  ZNotarizedDocumentResponse,
  ZTreeHeadResponse,
  ZVerificationRunListResponse,
  ZVerificationJobResponse,
} from "./ledger-api.types";

// Every ledger route, called as the app calls it against a real database, answers JSON that its
// response schema parses, strictly; and the schemas refuse what an outside verifier must not accept.
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

const officer = {
  id: "00000000-0000-4000-8000-0000000000c1",
  email: "o@x.test",
  name: "O",
  role: "COMPLIANCE_OFFICER",
  department: null,
  patientId: null,
  mfaEnabled: true,
} as TCurrentUser;

type TRoute = (req: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
  "proofs/inclusion": () => import("@/app/api/ledger/proofs/inclusion/route"),
  "proofs/consistency": () => import("@/app/api/ledger/proofs/consistency/route"),
  checkpoint: () => import("@/app/api/ledger/checkpoint/route"),
  "tree-heads/[size]": () => import("@/app/api/ledger/tree-heads/[size]/route"),
  blocks: () => import("@/app/api/ledger/blocks/route"),
  "blocks/[height]": () => import("@/app/api/ledger/blocks/[height]/route"),
  "verification-runs": () => import("@/app/api/ledger/verification-runs/route"),
  "notarized-documents": () => import("@/app/api/ledger/notarized-documents/route"),
};
let db: TTestDatabase;
let pool: LedgerPool;
let blockSizes: number[];

async function call(route: string, path: string, init: RequestInit & { params?: Record<string, string> } = {}) {
  const handler = (await ROUTES[route]())[init.method ?? "GET"] as TRoute;
  return handler(new Request(`http://hl.test/api/ledger/${path}`, init), {
    params: Promise.resolve(init.params ?? {}),
  });
}

async function parsed<T extends z.ZodType>(schema: T, res: Response, status = 200): Promise<z.infer<T>> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  const result = schema.safeParse(res.headers.get("content-type")?.startsWith("text/plain") ? body : JSON.parse(body));
  expect(result.error?.issues ?? []).toEqual([]);
  return result.data as z.infer<T>;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  // Blocks that end mid-tile and on a tile boundary, so tree heads exist signed and unsigned.
  for (const n of [3, 253, 300]) {
    await appendAccessEvents(pool, n);
    await sealPending({ pool });
  }
  blockSizes = (await pool.query(`SELECT "treeSize"::int AS n FROM "LedgerBlock" ORDER BY height`)).rows.map(
    (r) => r.n,
  );
  currentUser = officer;
}, 120_000);
afterAll(async () => {
  await pool.end();
});

describe("ledger API responses parse with their schemas", () => {
  it("inclusion and consistency proofs", async () => {
    const total = blockSizes[blockSizes.length - 1];
    for (const [index, treeSize] of [
      [0, 1],
      [2, 3],
      [255, blockSizes[1]],
      [500, total],
    ])
      await parsed(
        ZInclusionProofResponse,
        await call("proofs/inclusion", `proofs/inclusion?index=${index}&treeSize=${treeSize}`),
      );
    const latest = await parsed(ZInclusionProofResponse, await call("proofs/inclusion", `proofs/inclusion?index=7`));
    expect(latest).toMatchObject({ treeSize: total, treeHead: { signed: true } });
    const { rows } = await pool.query(`SELECT kind, "rowId" FROM "LedgerEntry" WHERE "index" = 9`);
    const byRow = await parsed(
      ZInclusionProofResponse,
      await call("proofs/inclusion", `proofs/inclusion?kind=${rows[0].kind}&rowId=${rows[0].rowId}`),
    );
    expect(byRow.index).toBe(9);
    for (const [from, to] of [
      [0, 1],
      [1, 3],
      [3, blockSizes[1]],
      [100, total],
      [total, total],
    ])
      await parsed(
        ZConsistencyProofResponse,
        await call("proofs/consistency", `proofs/consistency?from=${from}&to=${to}`),
      );
    await parsed(ZConsistencyProofResponse, await call("proofs/consistency", `proofs/consistency?from=5`));
  });

  it("the checkpoint and tree heads, signed at block boundaries and unsigned between them", async () => {
    const note = await parsed(ZCheckpointResponse, await call("checkpoint", "checkpoint"));
    expect(note).toContain(`\n${blockSizes[blockSizes.length - 1]}\n`);
    for (const size of [0, 1, ...blockSizes, blockSizes[1] + 1]) {
      const head = await parsed(
        ZTreeHeadResponse,
        await call("tree-heads/[size]", `tree-heads/${size}`, { params: { size: String(size) } }),
      );
      expect(head.signed).toBe(blockSizes.includes(size));
    }
  });

  it("blocks, as a page and one by one", async () => {
    const page = await parsed(ZBlockListResponse, await call("blocks", "blocks?limit=2"));
    expect(page.blocks.map((b) => b.height)).toEqual([2, 1]);
    expect(page.nextBefore).toBe(1);
    const last = await parsed(ZBlockListResponse, await call("blocks", "blocks?before=1"));
    expect(last).toMatchObject({ blocks: [{ height: 0 }], nextBefore: null });
    for (const height of [0, 1, 2]) {
      const block = await parsed(
        ZBlockResponse,
        await call("blocks/[height]", `blocks/${height}`, { params: { height: String(height) } }),
      );
      expect(block.treeSize).toBe(blockSizes[height]);
    }
  });

  it("verification runs, clean and with findings", async () => {
    // Two people press "Run full verification" at once: one run starts, the other joins it.
    const [a, b] = await Promise.all(
      [0, 1].map(async () =>
        parsed(ZVerificationJobResponse, await call("verification-runs", "verification-runs", { method: "POST" }), 202),
      ),
    );
    expect(a.jobId).toBe(b.jobId);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    let list = await parsed(ZVerificationRunListResponse, await call("verification-runs", "verification-runs"));
    for (let i = 0; list.running && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      list = await parsed(ZVerificationRunListResponse, await call("verification-runs", "verification-runs"));
    }
    expect(list.running).toBeNull();
    expect(list.runs.filter((r) => r.mode === "full")).toHaveLength(1);
    expect(list.runs[0]).toMatchObject({ mode: "full", ok: true, findingCount: 0 });
    // A DBA's edit of one anchored row: the next run reports it.
    const su = await db.superuser();
    await su.query(
      `UPDATE "AccessEvent" SET outcome = '8' WHERE id = (SELECT "rowId" FROM "LedgerEntry" WHERE "index" = 4)`,
    );
    const tampered = await runVerification({ pool, mode: "scheduled" });
    expect(tampered.ok).toBe(false);
    list = await parsed(ZVerificationRunListResponse, await call("verification-runs", "verification-runs"));
    expect(list.runs.map((r) => [r.mode, r.ok, r.findingCount > 0])).toEqual([
      ["scheduled", false, true],
      ["full", true, false],
    ]);
    expect(list.runs[0].findings[0]).toMatchObject({ index: 4, table: "AccessEvent" });
  });

  it("a notarized document with its receipt and inclusion proof", async () => {
    let sequencer: TSequencer | undefined;
    const sealer = createLedgerPool(db.url);
    try {
      sequencer = startSequencer({ pool: sealer, intervalMs: 50 });
      const res = await call("notarized-documents", "notarized-documents", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: " Cohort export 2026-03 ", sha256: "AB".repeat(32) }),
      });
      const doc = await parsed(ZNotarizedDocumentResponse, res, 201);
      expect(doc).toMatchObject({ title: "Cohort export 2026-03", sha256: "ab".repeat(32) });
    } finally {
      await sequencer?.stop();
      await sealer.end();
    }
  });
});

describe("the response schemas refuse", () => {
  it("an extra or a missing field, a hash that is not canonical base64, a checkpoint of another tree", async () => {
    const block = await parsed(ZBlockResponse, await call("blocks/[height]", "blocks/1", { params: { height: "1" } }));
    const failing = (v: unknown) => ZBlockResponse.safeParse(v).error?.issues.map((i) => i.path.join(".") || i.code);
    expect(failing({ ...block, extra: 1 })).toEqual(["unrecognized_keys"]);
    expect(failing({ ...block, blockHash: undefined })).toEqual(["blockHash"]);
    expect(failing({ ...block, rootHash: Buffer.alloc(32, 7).toString("hex") })).toContain("rootHash");
    expect(failing({ ...block, rootHash: block.rootHash.replace(/.=$/, "B=") })).toContain("rootHash");
    expect(failing({ ...block, rootHash: Buffer.alloc(32, 9).toString("base64") })).toEqual(["checkpoint"]);
    expect(failing({ ...block, treeSize: block.treeSize + 1 })).toEqual(["checkpoint"]);
    expect(failing({ ...block, checkpoint: block.checkpoint.replace("\n\n", "\n") })).toEqual(["checkpoint"]);
    expect(failing({ ...block, checkpoint: block.checkpoint.replace("\u2014", "-") })).toEqual(["checkpoint"]);
    expect(failing({ ...block, sealedAt: "yesterday" })).toEqual(["sealedAt"]);
  });

  it("a tree head that claims a signature it does not carry, or a proof of a leaf beyond the tree", async () => {
    const head = await parsed(
      ZTreeHeadResponse,
      await call("tree-heads/[size]", "tree-heads/5", { params: { size: "5" } }),
    );
    expect(ZTreeHeadResponse.safeParse({ ...head, signed: true }).success).toBe(false);
    const proof = await parsed(
      ZInclusionProofResponse,
      await call("proofs/inclusion", "proofs/inclusion?index=1&treeSize=3"),
    );
    expect(ZInclusionProofResponse.safeParse({ ...proof, index: 3 }).success).toBe(false);
    expect(ZInclusionProofResponse.safeParse({ ...proof, treeSize: 4 }).success).toBe(false);
  });
});
