import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./same-origin";

const post = (headers: Record<string, string>, url = "http://localhost:3000/api/admin/users") =>
  new Request(url, { method: "POST", headers });

describe("assertSameOrigin", () => {
  it("refuses a mutation sent from another site", () => {
    expect(() => assertSameOrigin(post({ origin: "https://evil.example" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ origin: "http://localhost:3001" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ origin: "null" }))).toThrow(/another site/);
  });

  it("lets the app's own origin, its public URL and a proxy's forwarded host through", () => {
    expect(() => assertSameOrigin(post({ origin: "http://localhost:3000" }))).not.toThrow();
    const proxied = post({ origin: "https://ledger.hospital.example" }, "http://10.0.0.5:3000/api/x");
    expect(() => assertSameOrigin(proxied, "https://ledger.hospital.example")).not.toThrow();
    const forwarded = post(
      { origin: "https://ledger.hospital.example", "x-forwarded-host": "ledger.hospital.example" },
      "http://10.0.0.5:3000/api/x",
    );
    expect(() => assertSameOrigin(forwarded)).not.toThrow();
    expect(() => assertSameOrigin(proxied)).toThrow(/another site/);
  });

  it("leaves reads and requests without Origin (command-line tools) alone", () => {
    expect(() =>
      assertSameOrigin(new Request("http://localhost:3000/api/x", { headers: { origin: "https://evil.example" } })),
    ).not.toThrow();
    expect(() => assertSameOrigin(post({}))).not.toThrow();
  });
});
