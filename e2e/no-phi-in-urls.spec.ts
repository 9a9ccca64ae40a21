import type { Page } from "@playwright/test";
import { demoPatients } from "./fixtures/demo-patients";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// Searches and lookups by MRN or name travel in POST bodies (server actions): a URL ends up in
// proxy logs, browser history and Referer headers. This walks the app as every role and checks
// each address the browser shows or requests against every seeded patient's MRN and name.

const PATIENTS = demoPatients();
const word = (s: string) => new RegExp(`(?<![\\p{L}])${s.replace(/[^\p{L}\p{N}]/gu, ".")}(?![\\p{L}])`, "iu");
const NEEDLES = PATIENTS.flatMap((p) => [
  { what: `MRN ${p.mrn}`, re: new RegExp(`(?<!\\d)${p.mrn.slice(3)}(?!\\d)`) },
  { what: `name ${p.given} ${p.lastName}`, re: word(p.lastName.length >= 4 ? p.lastName : `${p.given} ${p.lastName}`) },
]);

function phiIn(url: string): string[] {
  let plain = url;
  try {
    plain = decodeURIComponent(url.replace(/\+/g, " "));
  } catch {
    // A malformed escape: check the raw text.
  }
  return NEEDLES.filter((n) => n.re.test(plain)).map((n) => `${n.what} in ${url}`);
}

/** Every request URL the page makes, and the address after each step. */
function watch(page: Page) {
  const seen = new Set<string>();
  page.on("request", (r) => seen.add(r.url()));
  page.on("framenavigated", (f) => seen.add(f.url()));
  return {
    step: () => seen.add(page.url()),
    problems: () => [...seen].flatMap(phiIn),
    count: () => seen.size,
  };
}

async function search(page: Page, query: string) {
  await page.getByPlaceholder(/MRN/).fill(query);
  await page.getByRole("button", { name: /Search|Find patient|Open register/ }).click();
}

test.describe("no PHI in URLs", () => {
  test("a clinician's searches by MRN and name, and the charts opened from them, keep MRNs and names out of every URL", async ({
    page,
  }) => {
    const urls = watch(page);
    await signInViaApi(page, "CLINICIAN");
    await page.goto("/records");
    await search(page, PATIENTS[1].mrn);
    const results = page.getByRole("table", { name: "Search results" });
    await expect(results.getByRole("row")).toHaveCount(2);
    await expect(results).toContainText(PATIENTS[1].lastName);
    urls.step();
    await results.getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    urls.step();
    await page.goto("/records");
    await search(page, PATIENTS[1].lastName);
    await expect(results).toContainText(PATIENTS[1].lastName);
    urls.step();
    await search(page, PATIENTS[149].mrn);
    await expect(results.getByRole("row")).toHaveCount(2);
    await expect(results).toContainText("no relationship");
    urls.step();
    await results.getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    urls.step();
    await page.goto("/records");
    await search(page, "--");
    await expect(page.locator("main").getByRole("alert")).toContainText("at least one letter or digit");
    urls.step();
    // A refresh shows an empty search: the results lived in the POST response, not the address.
    await page.reload();
    await expect(results).toHaveCount(0);
    expect(urls.count()).toBeGreaterThan(10);
    expect(urls.problems()).toEqual([]);
  });

  test("the privacy office's consent and disclosure lookups by MRN end on the patient's pseudonymous id", async ({
    page,
  }) => {
    const urls = watch(page);
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/consents");
    await search(page, "MRN0000000");
    await expect(page.locator("main").getByRole("alert")).toHaveText("No patient has that MRN.");
    await search(page, "---");
    await expect(page.locator("main").getByRole("alert")).toHaveText("An MRN needs at least one letter or digit.");
    await search(page, PATIENTS[29].mrn);
    await expect(page).toHaveURL(/\/consents\?patient=[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /Consents of patient pt_/ })).toBeVisible();
    await screenshot(page, "consents-lookup");
    await page.goto("/disclosures");
    await search(page, PATIENTS[6].mrn);
    await expect(page).toHaveURL(/\/disclosures\?patient=[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /^Patient pt_/ })).toBeVisible();
    await screenshot(page, "disclosures-lookup");
    for (const path of ["/dashboard", "/alerts", "/erasure"]) {
      await page.goto(path);
      urls.step();
    }
    expect(urls.problems()).toEqual([]);
  });

  test("the other roles' pages carry no MRN or patient name in their URLs either", async ({ page }) => {
    for (const [role, paths] of [
      ["PATIENT", ["/me"]],
      ["ADMIN", ["/admin", "/admin/history"]],
      ["AUDITOR", ["/regulator"]],
    ] as const) {
      await page.context().clearCookies();
      const urls = watch(page);
      await signInViaApi(page, role);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        urls.step();
      }
      expect(urls.problems(), role).toEqual([]);
    }
  });

  test("the old GET addresses no longer search or look anything up", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    await page.goto(`/records?q=${PATIENTS[1].mrn}`);
    await expect(page.getByRole("heading", { name: "Patient records" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Search results" })).toHaveCount(0);
    await page.context().clearCookies();
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    for (const path of ["/consents", "/disclosures"]) {
      await page.goto(`${path}?mrn=${PATIENTS[6].mrn}`);
      await expect(page).toHaveURL(new RegExp(`${path}\\?mrn=`));
      await expect(page.getByRole("heading", { name: /pt_/ })).toHaveCount(0);
    }
  });
});
