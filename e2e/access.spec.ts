import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test.describe("authorization", () => {
  test("signed-out visitors are sent to /login from every page", async ({ page }) => {
    for (const path of ["/dashboard", "/admin", "/records", "/regulator", "/me"]) {
      await page.goto(path);
      await expect(page, `${path} should redirect`).toHaveURL(/\/login$/);
    }
  });

  test("signed-out API calls get 401 JSON", async ({ request }) => {
    const res = await request.get("/api/overview");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  test("a clinician opening the admin area gets a 403 page", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "403 — Not allowed" })).toBeVisible();
    await screenshot(page, "forbidden-clinician-admin");
  });

  test("a wrong role on an API gets 403 JSON naming the permission", async ({ page }) => {
    await signInViaApi(page, "PATIENT");
    const res = await page.request.get("/api/overview");
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("dashboard.read"),
    });
  });

  test("a JSON API mutation sent from another site is refused and writes nothing", async ({ page, baseURL }) => {
    await signInViaApi(page, "ADMIN");
    const count = async () =>
      ((await (await page.request.get("/api/admin/users")).json()) as { users: unknown[] }).users.length;
    const before = await count();
    const user = (n: string) => ({
      email: `origin.${n}.${Date.now()}@staff.healthledger.test`,
      displayName: "Origin Test",
      role: "AUDITOR",
    });
    const forged = await page.request.post("/api/admin/users", {
      headers: { origin: "https://evil.example" },
      data: user("forged"),
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.message).toMatch(/another site/);
    expect(await count()).toBe(before);
    const own = await page.request.post("/api/admin/users", {
      headers: { origin: new URL(baseURL!).origin },
      data: user("own"),
    });
    expect(own.status()).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  test("every response carries the security headers", async ({ request }) => {
    const res = await request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});
