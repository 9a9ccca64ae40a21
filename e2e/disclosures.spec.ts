import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test.describe.serial("disclosure register (HIPAA 164.528) and AuditEvent search", () => {
  let patientRef = "";

  test("a compliance officer records a disclosure and corrects it with a superseding entry", async ({ page }) => {
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/disclosures");
    await page.getByLabel("Patient MRN").fill("MRN0000000");
    await page.getByRole("button", { name: "Open register" }).click();
    await expect(page.getByText("No patient has that MRN.")).toBeVisible();
    await page.getByLabel("Patient MRN").fill("MRN1000007");
    await page.getByRole("button", { name: "Open register" }).click();
    await expect(page).toHaveURL(/\/disclosures\?patient=[0-9a-f-]{36}$/);
    await expect(page.getByText("No disclosures recorded in the last six years.")).toBeVisible();
    patientRef = (await page
      .locator("code")
      .filter({ hasText: /^Patient\// })
      .textContent())!;

    const form = page.getByRole("form", { name: "Record disclosure" });
    await form.getByLabel("Date of disclosure").fill("2026-03-02");
    await form.getByLabel("Recipient name").fill("Springfield Police Dept");
    await form.getByLabel("PHI disclosed").fill("Emergency department visit note of 1 March 2026");
    await form.getByRole("button", { name: "Record disclosure" }).click();
    await expect(form.getByRole("alert")).toContainText("Choose the legal basis of the disclosure.");
    await expect(form.getByRole("alert")).toContainText(
      "State the purpose of the disclosure or paste a copy of the written request.",
    );
    await expect(form.getByLabel("Recipient name")).toHaveValue("Springfield Police Dept");
    await form.getByLabel("Legal basis").selectOption("law_enforcement");
    await form
      .getByLabel("Copy of the written request (optional)")
      .fill("Administrative subpoena 26-114 dated 28 February 2026");
    await form.getByRole("button", { name: "Record disclosure" }).click();
    await expect(page.getByRole("status")).toHaveText("Disclosure recorded and anchored in the ledger.");
    const table = page.getByRole("table", { name: "Disclosures" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText("Emergency department visit note of 1 March 2026");
    await expect(table).toContainText("Law enforcement (164.512(f))");

    await table.getByRole("link", { name: /^Correct entry/ }).click();
    const fix = page.getByRole("form", { name: "Record correction" });
    await expect(fix.getByLabel("Recipient name")).toHaveValue("Springfield Police Dept");
    await fix.getByLabel("Recipient name").fill("Springfield Police Department");
    await fix.getByLabel("Recipient address (if known)").fill("1 Court Square, Springfield");
    await fix.getByRole("button", { name: "Record correction" }).click();
    await expect(page.getByRole("status")).toHaveText("Correction recorded; the earlier entry is shown as superseded.");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(
      table.getByRole("row").filter({ hasText: "Springfield Police Dept" }).filter({ hasText: "address unknown" }),
    ).toContainText("superseded by");
    await expect(table.getByRole("row").filter({ hasText: "1 Court Square" })).toContainText(/current\s*corrects/);
    await expect(page.getByRole("link", { name: /^Correct entry/ })).toHaveCount(1);
    await screenshot(page, "disclosures-corrected");
  });

  test("an auditor queries AuditEvent for the patient; other roles and bad parameters are refused", async ({
    page,
  }) => {
    expect(patientRef).toMatch(/^Patient\/[0-9a-f-]{36}$/);
    const today = new Date().toISOString().slice(0, 10);
    const url = `/api/fhir/AuditEvent?patient=${patientRef}&date=ge${today}&date=le${today}&_count=5`;

    await signInViaApi(page, "CLINICIAN");
    expect((await page.request.get(url)).status()).toBe(403);
    await page.context().clearCookies();

    await signInViaApi(page, "AUDITOR");
    const res = await page.request.get(url);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/fhir+json");
    const bundle = await res.json();
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    const events = bundle.entry.map(
      (e: {
        resource: { subtype: { code: string }[]; entity: { what?: { reference?: string }; description?: string }[] };
      }) => e.resource,
    );
    expect(events.length).toBe(5);
    expect(
      events.every((e: { entity: { what?: { reference?: string } }[] }) => e.entity[0].what?.reference === patientRef),
    ).toBe(true);
    expect(bundle.link.find((l: { relation: string }) => l.relation === "next")).toBeTruthy();
    const next = await page.request.get(bundle.link.find((l: { relation: string }) => l.relation === "next").url);
    const all = [...events, ...(await next.json()).entry.map((e: { resource: unknown }) => e.resource)];
    expect(all.map((e) => e.subtype[0].code)).toEqual(expect.arrayContaining(["create", "update", "read"]));

    const bad = await page.request.get("/api/fhir/AuditEvent?patient=Smith&date=yesterday&_count=9999");
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["patient", "date.0", "_count"]),
    );

    await page.goto(url);
    await screenshot(page, "audit-event-search");
  });
});
