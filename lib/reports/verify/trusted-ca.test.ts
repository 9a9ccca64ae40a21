import { describe, expect, it } from "vitest";
import { makeTestEvidence } from "@/lib/reports/pdf/testing/test-evidence";
import { readTrustedCa } from "./trusted-ca";

describe("readTrustedCa", () => {
  it("reads a pasted CA certificate and gives the fingerprint /.well-known/healthledger publishes", async () => {
    const evidence = await makeTestEvidence();
    const ca = readTrustedCa(`some text before\n${evidence.caPem}\n`);
    expect(ca).toMatchObject({ ok: true, sha256: evidence.caSha256 });
    if (ca.ok) expect(ca.certificatesDer).toHaveLength(1);
  });

  it("says why text is not a CA certificate", async () => {
    const { caPem } = await makeTestEvidence();
    expect(readTrustedCa("")).toMatchObject({ ok: false, problem: expect.stringContaining("no PEM certificate") });
    expect(readTrustedCa(caPem.replace("CERTIFICATE", "PUBLIC KEY"))).toMatchObject({ ok: false });
    expect(readTrustedCa(caPem.replace(/\n[A-Za-z0-9+/]{8}/, "\n@@@@@@@@"))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("base64"),
    });
    expect(readTrustedCa("x".repeat((1 << 20) + 1))).toMatchObject({ ok: false });
  });
});
