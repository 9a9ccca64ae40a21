import { describe, expect, it } from "vitest";
import { newAnchoredRowId } from "./anchored-row-id";

describe("newAnchoredRowId", () => {
  it("issues RFC 9562 version-7 uuids that sort in issue order", () => {
    const ids = Array.from({ length: 2_000 }, () => newAnchoredRowId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("leads with the creation time in milliseconds", () => {
    const before = Date.now();
    const id = newAnchoredRowId();
    const ms = parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
