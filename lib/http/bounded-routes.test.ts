import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FHIR_IMPORT_BODY_BYTES } from "./body-limits";

// Every route that takes a body refuses one over its cap with 413 and the house error body, at
// once when Content-Length declares it (before signing in is even checked, so a stranger cannot make
// the server hold a large upload), and as soon as a chunked upload passes the cap.
type TRoute = (req: Request, route: { params: Promise<never> }) => Promise<Response>;
const MUTATIONS: Record<string, () => Promise<{ POST: TRoute }>> = {
  "/api/admin/users": () => import("@/app/api/admin/users/route"),
  "/api/admin/users/[id]/disabled": () => import("@/app/api/admin/users/[id]/disabled/route"),
  "/api/admin/users/[id]/role": () => import("@/app/api/admin/users/[id]/role/route"),
  "/api/admin/users/[id]/password-reset": () => import("@/app/api/admin/users/[id]/password-reset/route"),
  "/api/admin/users/[id]/mfa-reset": () => import("@/app/api/admin/users/[id]/mfa-reset/route"),
  "/api/admin/account-resets/[id]/decision": () => import("@/app/api/admin/account-resets/[id]/decision/route"),
  "/api/admin/role-changes/[id]/decision": () => import("@/app/api/admin/role-changes/[id]/decision/route"),
  "/api/ledger/notarized-documents": () => import("@/app/api/ledger/notarized-documents/route"),
  "/api/ledger/verification-runs": () => import("@/app/api/ledger/verification-runs/route"),
  "/api/fhir": () => import("@/app/api/fhir/route"),
  "/api/reports": () => import("@/app/api/reports/route"),
  "/api/engagements": () => import("@/app/api/engagements/route"),
  "/api/engagements/[id]/revocation": () => import("@/app/api/engagements/[id]/revocation/route"),
  "/api/me/reports": () => import("@/app/api/me/reports/route"),
  "/api/monitor/alerts/[id]/changes": () => import("@/app/api/monitor/alerts/[id]/changes/route"),
  "/api/auth/[...nextauth]": () => import("@/app/api/auth/[...nextauth]/route"),
};

const params = {
  params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", nextauth: ["x"] }) as Promise<never>,
};

/** 32 MB of spaces, made as it is read: bigger than the largest cap. */
function endlessBody() {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if ((sent += 64 * 1024) > 32 * 1024 * 1024) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/larger than/) });
  return body.error;
}

describe("request bodies over the cap", () => {
  it("every route under app/api that accepts POST is in this test", () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === "route.ts" && /export (const|async function) POST/.test(fs.readFileSync(p, "utf8")))
          found.push("/" + path.relative("app", path.dirname(p)));
      }
    };
    walk("app/api");
    expect(found.sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  for (const [route, load] of Object.entries(MUTATIONS)) {
    it(`${route}: 413 for a Content-Length over its cap, signed out`, async () => {
      const { POST } = await load();
      const request = new Request(
        `http://hl.test${route.replace("[id]", "x").replace("[...nextauth]", "callback/credentials")}`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(FHIR_IMPORT_BODY_BYTES + 1) },
          body: endlessBody(),
          duplex: "half",
        } as RequestInit,
      );
      await expectTooLarge(await POST(request, params));
    });
  }

  it("the sign-in callback stops reading a chunked body at its cap", async () => {
    const { POST } = await MUTATIONS["/api/auth/[...nextauth]"]();
    const request = new Request("http://hl.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: endlessBody(),
      duplex: "half",
    } as RequestInit);
    await expectTooLarge(await POST(request, params));
  });
});

describe("x-request-id", () => {
  const refused = async (requestId: string) => {
    const { POST } = await MUTATIONS["/api/ledger/notarized-documents"]();
    const request = new Request("http://hl.test/api/ledger/notarized-documents", {
      method: "POST",
      headers: { "content-length": String(1024 * 1024), "x-request-id": requestId },
    });
    return (await expectTooLarge(await POST(request, params))).requestId;
  };

  it("is kept when it is at most 64 safe printable characters", async () => {
    expect(await refused("lb-7f3a9c2e.edge:42")).toBe("lb-7f3a9c2e.edge:42");
    expect(await refused("a".repeat(64))).toBe("a".repeat(64));
  });

  it("is replaced by a fresh one when longer, or when it carries spaces, quotes or control characters", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const sent of ["a".repeat(65), "ok\tforged", 'x" admin="1', "évian", "%0d%0a"]) {
      const id = await refused(sent);
      expect(id === sent ? "echoed" : id).toMatch(uuid);
    }
  });
});
