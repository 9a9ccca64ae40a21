import { account, DEMO_PASSWORD, HOME, totpCode, type TRole } from "./fixtures/accounts";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

const ROLES = Object.keys(HOME) as TRole[];
const NAV: Record<TRole, string[]> = {
  ADMIN: ["Users"],
  COMPLIANCE_OFFICER: ["Dashboard", "Audit evidence"],
  CLINICIAN: ["Records"],
  AUDITOR: ["Audit evidence"],
  PATIENT: ["My data"],
};
const ALL_NAV = ["Dashboard", "Records", "Audit evidence", "Users", "My data"];

test.describe("sign-in", () => {
  for (const role of ROLES) {
    test(`${role} signs in on /login and lands on their home with only their navigation`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(account(role).email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByLabel("Authentication code").fill(await totpCode(account(role).email));
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`${HOME[role].path}$`));
      await expect(page.getByRole("heading", { level: 1, name: HOME[role].heading })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of ALL_NAV) {
        await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(
          NAV[role].includes(label) ? 1 : 0,
        );
      }
      await screenshot(page, `home-${role.toLowerCase()}`);
    });
  }

  test("a wrong password gets a clear message and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(account("CLINICIAN").email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password.");
    await screenshot(page, "login-wrong-password");
    await page.goto("/records");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("five failures lock the account, even against the right password", async ({ browser }) => {
    // Lock a seeded staff member (found on the admin page) so the demo accounts stay usable.
    const admin = await browser.newPage();
    await signInViaApi(admin, "ADMIN");
    await admin.goto("/admin");
    const email = (await admin
      .getByRole("cell", { name: /@staff\.healthledger\.test$/ })
      .first()
      .textContent())!.trim();
    await admin.close();

    const page = await browser.newPage();
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText(
        i < 4 ? "Invalid email or password." : /locked for 15 more minutes/,
      );
    }
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("locked");
    await expect(page).toHaveURL(/\/login$/);
    await screenshot(page, "login-locked");
  });

  test("sign-out ends the session, on the server too", async ({ page, browser }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(account("AUDITOR").email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/regulator$/);
    // A copy of the session cookie, as a shared computer or a stolen cookie would keep it.
    const thief = await browser.newContext();
    await thief.addCookies(await page.context().cookies());
    expect((await thief.request.get("/api/ledger/checkpoint")).status()).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/regulator");
    await expect(page).toHaveURL(/\/login$/);

    // The copy is refused too: signing out ended the session on the server, not only in this browser.
    expect((await thief.request.get("/api/ledger/checkpoint")).status()).toBe(401);
    await thief.close();
  });

  test("rapid sign-in attempts on one account get 429 with Retry-After, and the form says how long to wait", async ({
    page,
  }) => {
    const email = `rate.${Date.now()}@nowhere.healthledger.test`;
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const attempt = () =>
      page.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: "guess", otp: "", json: "true" },
      });
    for (let i = 0; i < 10; i++) expect((await attempt()).status()).not.toBe(429);
    const refused = await attempt();
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ code: "rate_limited" });

    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("guess");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/Too many sign-in attempts\. Try again in \d+/);
    await screenshot(page, "login-rate-limited");
  });
});
