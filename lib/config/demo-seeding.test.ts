import { describe, expect, it } from "vitest";
import { decideDemoSeeding, DemoSeedingRefused } from "./demo-seeding";

describe("decideDemoSeeding", () => {
  it("seeds the embedded database, and an external one only when asked", () => {
    expect(decideDemoSeeding({ embedded: true, asked: false, nodeEnv: undefined })).toEqual({ seed: true });
    expect(decideDemoSeeding({ embedded: false, asked: true, nodeEnv: "development" })).toEqual({ seed: true });
    const external = decideDemoSeeding({ embedded: false, asked: false, nodeEnv: undefined });
    expect(external).toMatchObject({ seed: false, reason: expect.stringMatching(/HL_SEED_DEMO=1/) });
  });

  it("never seeds in production, and refuses loudly when asked to", () => {
    for (const embedded of [true, false]) {
      const r = decideDemoSeeding({ embedded, asked: false, nodeEnv: "production" });
      expect(r).toMatchObject({ seed: false, reason: expect.stringMatching(/users create-admin/) });
      expect(() => decideDemoSeeding({ embedded, asked: true, nodeEnv: "production" })).toThrow(DemoSeedingRefused);
    }
  });
});
