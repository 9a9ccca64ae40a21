import { describe, expect, it } from "vitest";
import { cutPage, shapeWhoLooked, type TWhoLookedGroup } from "./shape-who-looked";

const group = (actorId: string): TWhoLookedGroup => ({
  actorId,
  name: actorId,
  role: "CLINICIAN",
  department: null,
  firstAt: new Date(0),
  lastAt: new Date(1),
  days: 1,
  times: 2,
  denied: 0,
});

describe("shapeWhoLooked", () => {
  it("orders actions C R U D E, dedupes and sorts the rest, and keeps a person whose events are not readable", () => {
    const [a, b] = shapeWhoLooked(
      [group("a"), group("b")],
      [
        {
          actorId: "a",
          actions: ["E", "R", "C", "R"],
          subtypes: ["vread", "read"],
          purposes: ["TREAT", "ETREAT"],
          allowed: 1,
          refused: 1,
          failed: 0,
          breakGlass: 1,
        },
      ],
    );
    expect(a).toMatchObject({ actions: ["C", "R", "E"], subtypes: ["read", "vread"], purposes: ["ETREAT", "TREAT"] });
    expect(b).toMatchObject({ times: 2, actions: [], allowed: 0, breakGlass: 0 });
  });
});

describe("cutPage", () => {
  const rows = [1, 2, 3, 4];
  it.each([
    // direction, rows read, limit → page, newer?, older?
    [null, rows, 3, [1, 2, 3], false, true],
    [null, rows.slice(0, 3), 3, [1, 2, 3], false, false],
    ["next", rows, 3, [1, 2, 3], true, true],
    ["next", rows.slice(0, 2), 3, [1, 2], true, false],
    ["prev", rows, 3, [3, 2, 1], true, true],
    ["prev", rows.slice(0, 2), 3, [2, 1], false, true],
  ] as const)("%s over %j, limit %i", (direction, read, limit, page, newer, older) => {
    expect(cutPage(read, { limit, direction })).toEqual({ rows: page, hasNewer: newer, hasOlder: older });
  });
});
