import { describe, expect, it } from "vitest";
import { assertNoNulInQuery } from "./query";

// Found by e2e/api-fuzz.spec.ts: GET /api/admin/users?q=%00 and /api/monitor/access-events?to=%00 were 500s.
describe("assertNoNulInQuery", () => {
  it("refuses a NUL in a query key or value with 400, and lets other text through", () => {
    for (const q of ["q=%00", "a%00=1", "to=x%00y"])
      expect(() => assertNoNulInQuery(new Request(`http://hl.test/api/x?${q}`))).toThrow(
        expect.objectContaining({ code: "bad_request" }),
      );
    expect(() => assertNoNulInQuery(new Request("http://hl.test/api/x?q=%07%E2%80%AE&from=Infinity"))).not.toThrow();
  });
});
