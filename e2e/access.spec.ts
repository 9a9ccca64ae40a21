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

  test("every response carries the security headers", async ({ request }) => {
    const res = await request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});
