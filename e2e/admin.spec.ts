import { totpSecretFromBase32, generateTotp } from "../lib/auth/totp";
import { DEMO_PASSWORD, nextUnusedCode } from "./fixtures/accounts";
import { expect, screenshot, signInAs, signInViaApi, test } from "./fixtures/session";

const ADMIN2 = "admin2@healthledger.test";

test.describe("admin", () => {
  test("a new compliance officer must enrol in MFA, then signs in with a code", async ({ browser }) => {
    const admin = await browser.newPage();
    await signInViaApi(admin, "ADMIN");
    await admin.goto("/admin/new");
    const email = `officer.${Date.now()}@staff.healthledger.test`;
    const form = admin.getByRole("form", { name: "Create user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Olivia Officer");
    await form.getByLabel("Role").selectOption("COMPLIANCE_OFFICER");
    await form.getByLabel("Department").fill("Privacy Office");
    await form.getByRole("button", { name: "Create user" }).click();
    const oneTime = (await admin.getByTestId("one-time-password").textContent())!.trim();
    await screenshot(admin, "admin-user-created");
    await admin.close();

    // The one-time password opens only the page that replaces it.
    const page = await browser.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/password$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/password$/);
    const blocked = await page.request.get("/api/overview");
    expect(blocked.status()).toBe(403);
    expect((await blocked.json()).error.message).toMatch(/one-time password/);
    const change = page.getByRole("form", { name: "Change password" });
    const password = "a phrase only Olivia knows";
    await change.getByLabel("Current password").fill("not it at all");
    await change.getByLabel("New password", { exact: true }).fill(password);
    await change.getByLabel("New password again").fill(password);
    await change.getByRole("button", { name: "Save password" }).click();
    await expect(change.getByRole("alert")).toHaveText("The current password is not correct.");
    await change.getByLabel("Current password").fill(oneTime);
    await change.getByLabel("New password", { exact: true }).fill(password);
    await change.getByLabel("New password again").fill(password);
    await screenshot(page, "password-change");
    await change.getByRole("button", { name: "Save password" }).click();
    await expect(page).toHaveURL(/\/login\?password=changed$/);
    await expect(page.getByRole("status")).toHaveText("Your password was changed. Sign in with the new one.");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password.");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/mfa$/);
    await expect(page.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
    // Nothing else opens before enrolment: pages send back here, the API answers 403.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/mfa$/);
    const api = await page.request.get("/api/overview");
    expect(api.status()).toBe(403);
    expect((await api.json()).error.message).toMatch(/multi-factor/);
    await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
    await screenshot(page, "mfa-enrolment");

    const secret = totpSecretFromBase32((await page.getByTestId("totp-secret").textContent())!);
    const confirm = page.getByRole("form", { name: "Confirm authenticator" });
    await confirm
      .getByLabel("Code from your app")
      .fill(generateTotp({ secret, now: new Date(Date.now() - 10 * 60_000) }));
    await confirm.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(confirm.getByRole("alert")).toContainText("does not match");
    await confirm.getByLabel("Code from your app").fill(await nextUnusedCode(email, secret));
    await confirm.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page).toHaveURL(/\/dashboard\?mfa=enabled$/);
    await expect(page.getByRole("heading", { level: 1, name: "Compliance dashboard" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/Enter the 6-digit authentication code/);
    await page.getByLabel("Authentication code").fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/not valid/);
    await screenshot(page, "login-wrong-code");
    // The code that turned MFA on is spent: sign-in takes the next one.
    await page.getByLabel("Authentication code").fill(await nextUnusedCode(email, secret));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("a grant of ADMIN waits for a second administrator's approval and is in the history", async ({ browser }) => {
    const first = await browser.newPage();
    await signInViaApi(first, "ADMIN");
    await first.goto("/admin?role=CLINICIAN&status=active");
    const row = first
      .getByRole("row")
      .filter({ has: first.getByRole("cell", { name: /@staff\.healthledger\.test$/ }) })
      .nth(2);
    const name = (await row.getByRole("link").textContent())!.trim();
    await row.getByRole("link").click();
    await expect(first.getByRole("heading", { level: 1, name })).toBeVisible();
    // The page says what the current role lets its holder do, in the permission table's words.
    const abilities = first.getByRole("region", { name: "What clinicians can do" });
    await expect(abilities.getByRole("definition")).toHaveCount(6);
    await expect(abilities).toContainText("breakglass.declare");
    await expect(abilities).toContainText("Declare an emergency to open a chart the policy would deny");
    await expect(abilities).not.toContainText("users.manage");
    const change = first.getByRole("form", { name: "Change role" });
    await change.getByLabel("New role").selectOption("ADMIN");
    await change.getByRole("button", { name: "Change role" }).click();
    await expect(change.getByRole("status")).toContainText("Another administrator must approve");
    await expect(first.getByText("→ Administrator pending approval")).toBeVisible();

    // The requester sees no Approve button, only Withdraw.
    await first.goto("/admin");
    const pending = first.getByRole("region", { name: "Pending approvals" });
    await expect(pending).toContainText(name);
    await expect(pending.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(pending.getByRole("button", { name: "Withdraw" })).toBeVisible();
    await screenshot(first, "admin-role-request-pending");
    await first.close();

    const second = await browser.newPage();
    await signInAs(second, { email: ADMIN2 });
    await second.goto("/admin");
    const toDecide = second.getByRole("region", { name: "Pending approvals" });
    await toDecide.getByRole("button", { name: "Approve" }).click();
    await expect(toDecide).toHaveCount(0);
    await second.goto(`/admin?q=${encodeURIComponent(name)}`);
    await expect(second.getByRole("row", { name: new RegExp(name) })).toContainText("Administrator");

    await second.goto("/admin/history");
    const history = second.getByRole("table", { name: "Admin actions" });
    await expect(history.getByRole("row").nth(1)).toContainText("role.approve");
    await expect(history.getByRole("row").nth(1)).toContainText("Morgan Admin");
    await expect(history.getByRole("row").nth(1)).toContainText("Clinician → Administrator");
    await expect(history.getByRole("row").filter({ hasText: "role.request" }).first()).toContainText("Avery Admin");
    await screenshot(second, "admin-history");
  });

  test("a clinician's password is reset only when a second administrator approves", async ({ browser }) => {
    const first = await browser.newPage();
    await signInViaApi(first, "ADMIN");
    const email = `carer.${Date.now()}@staff.healthledger.test`;
    const created = await first.request.post("/api/admin/users", {
      data: { email, displayName: "Casey Carer", role: "CLINICIAN", department: "Cardiology" },
    });
    expect(created.status()).toBe(201);
    const { userId, password: issued } = (await created.json()) as { userId: string; password: string };

    await first.goto(`/admin/users/${userId}`);
    const reset = first.getByRole("form", { name: "Reset password" });
    await reset.getByRole("button", { name: "Request password reset" }).click();
    await expect(reset.getByRole("status")).toContainText("another administrator must approve");
    await expect(first.getByTestId("one-time-password")).toHaveCount(0);
    await first.goto("/admin");
    const mine = first
      .getByRole("region", { name: "Pending approvals" })
      .getByRole("form", { name: "Decide account reset" });
    await expect(mine.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await first.close();

    const second = await browser.newPage();
    await signInAs(second, { email: ADMIN2 });
    await second.goto("/admin");
    const pending = second.getByRole("region", { name: "Pending approvals" });
    await expect(pending).toContainText("Casey Carer");
    await expect(pending).toContainText("new one-time password");
    await screenshot(second, "admin-account-reset-pending");
    await pending.getByRole("form", { name: "Decide account reset" }).getByRole("button", { name: "Approve" }).click();
    const password = (await second.getByTestId("one-time-password").textContent())!.trim();
    expect(password).not.toBe(issued);
    await screenshot(second, "admin-account-reset-approved");
    await second.close();

    const clinician = await browser.newPage();
    await clinician.goto("/login");
    await clinician.getByLabel("Email").fill(email);
    await clinician.getByLabel("Password").fill(issued);
    await clinician.getByRole("button", { name: "Sign in" }).click();
    await expect(clinician.locator("form").getByRole("alert")).toHaveText("Invalid email or password.");
    await clinician.getByLabel("Password").fill(password);
    await clinician.getByRole("button", { name: "Sign in" }).click();
    await expect(clinician).toHaveURL(/\/password$/);
  });

  test("bad input and forbidden moves get a clear 4xx and change nothing", async ({ browser }) => {
    const page = await browser.newPage();
    await signInViaApi(page, "ADMIN");
    const count = async () =>
      ((await (await page.request.get("/api/admin/users")).json()) as { users: unknown[] }).users.length;
    const before = await count();
    const me = (await (await page.request.get("/api/auth/session")).json()).user.id as string;

    const badEmail = await page.request.post("/api/admin/users", {
      data: { email: "nope", displayName: "X Y", role: "CLINICIAN" },
    });
    expect(badEmail.status()).toBe(422);
    expect(JSON.stringify(await badEmail.json())).toContain("valid email");
    const directAdmin = await page.request.post("/api/admin/users", {
      data: { email: "boss@staff.healthledger.test", displayName: "Boss", role: "ADMIN" },
    });
    expect(directAdmin.status()).toBe(422);
    const notJson = await page.request.post("/api/admin/users", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{"),
    });
    expect(notJson.status()).toBe(400);
    const selfDisable = await page.request.post(`/api/admin/users/${me}/disabled`, { data: { disabled: true } });
    expect(selfDisable.status()).toBe(409);
    const selfRole = await page.request.post(`/api/admin/users/${me}/role`, { data: { toRole: "AUDITOR" } });
    expect(selfRole.status()).toBe(409);
    expect(await count()).toBe(before);

    const clinician = await browser.newPage();
    await signInViaApi(clinician, "CLINICIAN");
    expect((await clinician.request.get("/api/admin/users")).status()).toBe(403);
    expect((await clinician.request.post(`/api/admin/users/${me}/password-reset`)).status()).toBe(403);
    await clinician.goto("/admin");
    await expect(clinician.getByRole("heading", { name: /forbidden|not allowed|403/i })).toBeVisible();

    // The demo admin still signs in with the old password: nothing was reset.
    const again = await browser.newPage();
    await signInAs(again, { email: "admin@healthledger.test", password: DEMO_PASSWORD });
  });
});
