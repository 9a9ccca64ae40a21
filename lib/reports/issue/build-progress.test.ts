import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILD_PHASES,
  INITIAL_PROGRESS,
  advanceProgress,
  describeProgress,
  progressFraction,
  type TBuildProgress,
} from "./build-progress";

const at = (phase: TBuildProgress["phase"], done = 0, total = 0): TBuildProgress => ({ phase, done, total });

describe("report build progress", () => {
  it("moves forward through the phases, skipping any, and counts up within one", () => {
    let p = INITIAL_PROGRESS;
    p = advanceProgress(p, at("anchoring"));
    p = advanceProgress(p, at("sealing"));
    p = advanceProgress(p, at("citations", 0, 100_000));
    p = advanceProgress(p, at("citations", 4_096, 100_000));
    p = advanceProgress(p, at("citations", 100_000, 100_000));
    p = advanceProgress(p, at("storing"));
    expect(p).toEqual(at("storing"));
  });

  it.each([
    ["a phase that came before", at("citations", 5, 10), at("signing")],
    ["a count that shrinks", at("citations", 5, 10), at("citations", 4, 10)],
    ["a total that changes", at("citations", 5, 10), at("citations", 6, 11)],
    ["a count past its total", at("files", 0, 10), at("files", 11, 10)],
    ["a negative count", INITIAL_PROGRESS, at("files", -1, 10)],
    ["a fraction", INITIAL_PROGRESS, at("files", 0.5, 10)],
    ["an unknown phase", INITIAL_PROGRESS, { phase: "guessing", done: 0, total: 0 } as unknown as TBuildProgress],
  ])("refuses %s", (_what, from, to) => {
    expect(() => advanceProgress(from, to)).toThrow(RangeError);
  });

  it("never moves the bar backwards over any sequence of accepted steps, and ends at 1 when ready", () => {
    const step = fc.record({
      phase: fc.constantFrom(...BUILD_PHASES),
      done: fc.nat({ max: 20 }),
      total: fc.nat({ max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let p = INITIAL_PROGRESS;
        let shown = progressFraction(p);
        for (const s of steps) {
          try {
            p = advanceProgress(p, s);
          } catch {
            continue;
          }
          const now = progressFraction(p);
          expect(now).toBeGreaterThanOrEqual(shown);
          expect(now).toBeLessThanOrEqual(1);
          shown = now;
        }
        expect(progressFraction(p, "ready")).toBe(1);
      }),
    );
  });

  it("says where the build is in words", () => {
    expect(describeProgress(at("citations", 40_960, 100_000))).toBe(
      "Proving the cited events: 40,960 of 100,000 (step 6 of 8)",
    );
    expect(describeProgress(INITIAL_PROGRESS)).toBe("Reading the events (step 1 of 8)");
    expect(progressFraction(at("citations", 50, 100))).toBeCloseTo(5.5 / 8);
  });
});
