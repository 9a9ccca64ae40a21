// GET /api/health as an uptime monitor polls it: signed out, answered fast, every check named,
// nothing about any patient in it.
import { expect, test } from "@playwright/test";

test.describe("health endpoint", () => {
  test("answers a signed-out monitor with every check, quickly and without patient data", async ({ request }) => {
    const t = Date.now();
    const res = await request.get("/api/health");
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const body = await res.json();
    expect(body.format).toBe("healthledger.health/v1");
    expect(["ok", "degraded"]).toContain(body.status);
    expect(Object.keys(body.checks).sort()).toEqual([
      "database",
      "monitor",
      "rollbackGuard",
      "sequencer",
      "verification",
      "witnesses",
    ]);
    expect(body.checks.database).toMatchObject({ status: "ok" });
    expect(body.checks.rollbackGuard).toMatchObject({ status: "ok", state: "trusted" });
    expect(body.checks.sequencer.treeSize).toBeGreaterThan(0);
    expect(body.checks.sequencer.sequencers.length).toBeGreaterThanOrEqual(1);
    // The demo's local witness cosigns every checkpoint (scripts/local-witness.ts).
    expect(body.checks.witnesses.witnesses.length).toBe(1);
    // No patient data: the demo's MRNs look like MRN-…, and no e-mail address or uuid of a row appears.
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/MRN|@|[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });
});
