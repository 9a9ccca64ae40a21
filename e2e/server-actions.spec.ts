// Every server action of the production build, called as an attacker would call it: signed out,
// with each role that does not hold it, and (with the right role) with a bound id or form field
// that names another patient's or actor's row, or none at all. Each call must be refused and
// must write nothing: the row counts of every table are compared before and after.
//
// The actions are read from the build's manifest (.next/server/server-reference-manifest.json),
// and the first test fails when it lists an action this table does not, so a new action cannot
// ship without a decision about who may call it and what a tampered call must do.
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import { ruleSetFields } from "../lib/admin/rule-set-form";
import { DEFAULT_RULE_SET_CONFIG } from "../lib/monitor/rules/rule-set";
import type { TRole } from "./fixtures/accounts";
import { changedTables, countsAtRest, SEALING_TABLES, withDatabase } from "./fixtures/row-counts";
import { builtServerActions, callServerAction, outcomeOf, type TActionArg } from "./fixtures/server-action";
import { expect, signInAs, signInViaApi, test } from "./fixtures/session";

const A = "ADMIN",
  C = "COMPLIANCE_OFFICER",
  K = "CLINICIAN",
  U = "AUDITOR",
  P = "PATIENT";
const ROLES: TRole[] = [A, C, K, U, P];
const NO_SUCH = "00000000-0000-4000-8000-000000000000";
const COMPLIANCE2 = "compliance2@healthledger.test";
const ADMIN2 = "admin2@healthledger.test";

/** Rows this spec creates with the right role (valid calls) so that tampered calls can aim at them. */
type TIds = {
  /** On the demo clinician's care team (MRN1000001). */
  carePatientId: string;
  /** On nobody's care team, not the demo patient (MRN1000180). */
  otherPatientId: string;
  ownPatientId: string;
  clinicianId: string;
  /** A consent of the other patient, recorded by the compliance officer. */
  otherConsentId: string;
  /** An erasure request for the other patient, filed by the compliance officer. */
  erasureRequestId: string;
  /** A disclosure in the other patient's register. */
  disclosureId: string;
};

type TCall = { who: TRole | "compliance2" | "admin2"; args: (ids: TIds) => TActionArg[] };
type TTamper = TCall & { why: string };
type TEntry = {
  file: string;
  name: string;
  /** Roles holding the action's permission; "SIGNED_IN": any account (its own password or MFA). */
  allowed: TRole[] | "SIGNED_IN";
  /** Arguments a legitimate caller would send: what the wrong roles and the signed-out call send. */
  args: (ids: TIds) => TActionArg[];
  /** With the right role, a call naming someone else's row or none; [] says why there is none. */
  tamper: TTamper[];
  /** Why a tamper-free action has no id to tamper with. */
  noTamper?: string;
};

const form = (f: Record<string, string | string[]>) => ({ form: f });
/** The monitoring-thresholds form as submitted for the built-in rule set, with `changes` applied. */
const ruleSetForm = (changes: Record<string, string>) =>
  form({
    ...Object.fromEntries(
      ruleSetFields(DEFAULT_RULE_SET_CONFIG)
        .filter((f) => f.value !== false)
        .map((f) => [f.name, f.kind === "boolean" ? "on" : String(f.value)]),
    ),
    ...changes,
  });
const obs = form({ code: "8867-4", value: "72", effective: "2026-11-30T10:00" });
const consent = form({ provisionType: "deny", granteeType: "role", grantee: "AUDITOR", purposes: "RESEARCH" });
const disclosure = form({
  disclosedAt: "2026-11-01",
  recipientName: "County health department",
  description: "Immunization history",
  legalBasis: "public_health",
  purpose: "Reporting required by the state",
});

/** An engagement grant for `auditorId`, over this year, for the one organization report there surely is. */
const engagement = (auditorId: string) =>
  form({
    auditorId,
    from: "2026-01-01",
    to: "2026-12-31",
    expires: "2030-01-01",
    reportTypes: ["integrity_attestation"],
  });
const ADMIN_FILE = "app/(shell)/admin/actions.ts";
const ACTIONS: TEntry[] = [
  {
    file: ADMIN_FILE,
    name: "createUserAction",
    allowed: [A],
    args: () => [null, form({ email: "new.user@healthledger.test", displayName: "New User", role: "AUDITOR" })],
    tamper: [
      {
        why: "creates an ADMIN directly (ADMIN needs a second admin's approval)",
        who: A,
        args: () => [null, form({ email: "new.admin@healthledger.test", displayName: "New Admin", role: "ADMIN" })],
      },
    ],
  },
  {
    file: ADMIN_FILE,
    name: "setDisabledAction",
    allowed: [A],
    args: (ids) => [ids.clinicianId, null, form({ disabled: "true" })],
    tamper: [{ why: "no such user", who: A, args: () => [NO_SUCH, null, form({ disabled: "true" })] }],
  },
  {
    file: ADMIN_FILE,
    name: "resetPasswordAction",
    allowed: [A],
    args: (ids) => [ids.clinicianId],
    tamper: [{ why: "no such user", who: A, args: () => [NO_SUCH] }],
  },
  {
    file: ADMIN_FILE,
    name: "requestMfaResetAction",
    allowed: [A],
    args: (ids) => [ids.clinicianId],
    tamper: [{ why: "no such user", who: A, args: () => [NO_SUCH] }],
  },
  {
    file: ADMIN_FILE,
    name: "decideAccountResetAction",
    allowed: [A],
    args: () => [NO_SUCH, null, form({ decision: "approve" })],
    tamper: [{ why: "no such reset request", who: A, args: () => [NO_SUCH, null, form({ decision: "approve" })] }],
  },
  {
    file: ADMIN_FILE,
    name: "requestRoleChangeAction",
    allowed: [A],
    args: (ids) => [ids.clinicianId, null, form({ toRole: "AUDITOR" })],
    tamper: [{ why: "no such user", who: A, args: () => [NO_SUCH, null, form({ toRole: "AUDITOR" })] }],
  },
  {
    file: ADMIN_FILE,
    name: "decideRoleChangeAction",
    allowed: [A],
    args: () => [NO_SUCH, null, form({ decision: "approve" })],
    tamper: [{ why: "no such role change", who: A, args: () => [NO_SUCH, null, form({ decision: "approve" })] }],
  },
  {
    file: "app/(shell)/regulator/actions.ts",
    name: "issueReportAction",
    allowed: [C, U],
    args: () => [null, form({ type: "integrity_attestation" })],
    tamper: [],
    noTamper: "it names no row: the report covers the whole ledger, and issuing it is an anchored act",
  },
  {
    file: "app/(shell)/regulator/patient-report-actions.ts",
    name: "issuePatientReportAction",
    allowed: [C],
    args: () => [null, form({ type: "hipaa_disclosure_accounting", mrn: "MRN1000180" })],
    tamper: [
      {
        why: "a patient id instead of an MRN",
        who: C,
        args: (ids) => [null, form({ type: "hipaa_disclosure_accounting", patientId: ids.otherPatientId })],
      },
    ],
  },
  {
    file: "app/(shell)/regulator/engagement-actions.ts",
    name: "grantEngagementAction",
    allowed: [C],
    args: () => [null, engagement(NO_SUCH)],
    tamper: [
      { why: "no such auditor account", who: C, args: () => [null, engagement(NO_SUCH)] },
      { why: "an account that is not an auditor", who: C, args: (ids) => [null, engagement(ids.clinicianId)] },
    ],
  },
  {
    file: "app/(shell)/regulator/engagement-actions.ts",
    name: "revokeEngagementAction",
    allowed: [C],
    args: () => [null, form({ engagementId: NO_SUCH })],
    tamper: [{ why: "no such engagement", who: C, args: () => [null, form({ engagementId: NO_SUCH })] }],
  },
  {
    file: "app/(shell)/me/report-actions.ts",
    name: "issueOwnReportAction",
    allowed: [P],
    args: (ids) => [null, form({ type: "hipaa_access_report", patientId: ids.otherPatientId })],
    tamper: [
      {
        why: "a patient names another patient (the patient is the session's own)",
        who: P,
        args: (ids) => [null, form({ type: "hipaa_access_report", patientId: ids.otherPatientId })],
      },
      {
        why: "a report type that is not self-service",
        who: P,
        args: () => [null, form({ type: "integrity_attestation" })],
      },
    ],
  },
  {
    file: "app/(shell)/admin/ledger/actions.ts",
    name: "requestLedgerTrustAction",
    allowed: [A],
    args: () => [null, form({ treeSize: "1", confirm: "00000000" })],
    tamper: [
      {
        why: "a re-trust of a head while the ledger is trusted, with a wrong root",
        who: A,
        args: () => [null, form({ treeSize: "1", confirm: "00000000" })],
      },
    ],
  },
  {
    file: "app/(shell)/admin/ledger/actions.ts",
    name: "decideLedgerTrustAction",
    allowed: [A],
    args: () => [NO_SUCH, null, form({ decision: "approve", confirm: "00000000" })],
    tamper: [
      {
        why: "no such re-trust request",
        who: "admin2",
        args: () => [NO_SUCH, null, form({ decision: "approve", confirm: "00000000" })],
      },
    ],
  },
  {
    file: "app/(shell)/admin/monitoring-rules/actions.ts",
    name: "activateRuleSetAction",
    allowed: [A],
    args: () => [null, ruleSetForm({ "repeatedDenials.minDenials": "3" })],
    tamper: [
      {
        why: "a threshold out of range",
        who: A,
        args: () => [null, ruleSetForm({ "repeatedDenials.minDenials": "0" })],
      },
      { why: "the rule set already in force, unchanged", who: A, args: () => [null, ruleSetForm({})] },
    ],
  },
  {
    file: "app/(shell)/alerts/actions.ts",
    name: "acknowledgeAlertAction",
    allowed: [C],
    args: () => [NO_SUCH, null, form({ note: "Looked into" })],
    tamper: [{ why: "no such alert", who: C, args: () => [NO_SUCH, null, form({ note: "Looked into" })] }],
  },
  {
    file: "app/(shell)/explorer/actions.ts",
    name: "applyExplorerFiltersAction",
    allowed: [C, U],
    args: () => [null, form({ mrn: "MRN1000180", outcome: "denied" })],
    tamper: [],
    noTamper:
      "filters name no row the caller may not already filter on (any patient's access log is the privacy office's to read); an MRN lookup is an audited access",
  },
  {
    file: "app/(shell)/alerts/actions.ts",
    name: "changeAlertAction",
    allowed: [C],
    args: () => [NO_SUCH, null, form({ action: "start_review" })],
    tamper: [
      { why: "no such alert", who: C, args: () => [NO_SUCH, null, form({ action: "start_review" })] },
      {
        why: "given to someone who is not a compliance officer",
        who: C,
        args: () => [NO_SUCH, null, form({ action: "assign", ownerId: NO_SUCH })],
      },
      { why: "a close without a reason", who: C, args: () => [NO_SUCH, null, form({ action: "close" })] },
    ],
  },
  {
    file: "app/(shell)/cases/actions.ts",
    name: "changeCaseAction",
    allowed: [C],
    args: () => [NO_SUCH, null, form({ action: "note", text: "Looked into" })],
    tamper: [
      { why: "no such case", who: C, args: () => [NO_SUCH, null, form({ action: "start_investigation" })] },
      { why: "a change off the list", who: C, args: () => [NO_SUCH, null, form({ action: "reopen" })] },
      {
        why: "a discovery date in the future",
        who: C,
        args: () => [
          NO_SUCH,
          null,
          form({ action: "intake", discoveredAt: "2999-01-01T00:00", discoveredHow: "audit" }),
        ],
      },
    ],
  },
  {
    file: "app/(shell)/alerts/actions.ts",
    name: "escalateAlertAction",
    allowed: [C],
    args: () => [NO_SUCH, null, form({})],
    tamper: [{ why: "no such alert", who: C, args: () => [NO_SUCH, null, form({})] }],
  },
  {
    file: "app/(shell)/alerts/actions.ts",
    name: "bulkCloseAlertsAction",
    allowed: [C],
    args: () => [null, form({ alertId: [NO_SUCH], reasonCode: "duplicate" })],
    tamper: [
      { why: "no such alert", who: C, args: () => [null, form({ alertId: [NO_SUCH], reasonCode: "duplicate" })] },
      {
        why: "a reason off the list",
        who: C,
        args: () => [null, form({ alertId: [NO_SUCH], reasonCode: "whatever" })],
      },
    ],
  },
  {
    file: "app/(shell)/consents/actions.ts",
    name: "findConsentPatientAction",
    allowed: [C],
    args: () => [null, form({ mrn: "MRN1000180" })],
    tamper: [],
    noTamper: "a lookup by MRN names no row; the lookup itself is an audited access",
  },
  {
    file: "app/(shell)/consents/actions.ts",
    name: "grantConsentAction",
    allowed: [C],
    args: (ids) => [ids.otherPatientId, null, consent],
    tamper: [{ why: "no such patient", who: C, args: () => [NO_SUCH, null, consent] }],
  },
  {
    file: "app/(shell)/consents/actions.ts",
    name: "revokeConsentAction",
    allowed: [C],
    args: (ids) => [ids.otherPatientId, null, form({ consentId: ids.otherConsentId })],
    tamper: [
      {
        why: "the consent belongs to another patient than the bound one",
        who: C,
        args: (ids) => [ids.carePatientId, null, form({ consentId: ids.otherConsentId })],
      },
      {
        why: "no such consent",
        who: C,
        args: (ids) => [ids.otherPatientId, null, form({ consentId: NO_SUCH })],
      },
    ],
  },
  {
    file: "app/(shell)/disclosures/actions.ts",
    name: "openRegisterAction",
    allowed: [C],
    args: () => [null, form({ mrn: "MRN1000180" })],
    tamper: [],
    noTamper: "a lookup by MRN names no row; the lookup itself is an audited access",
  },
  {
    file: "app/(shell)/disclosures/actions.ts",
    name: "recordDisclosureAction",
    allowed: [C],
    args: (ids) => [ids.otherPatientId, null, disclosure],
    tamper: [{ why: "no such patient", who: C, args: () => [NO_SUCH, null, disclosure] }],
  },
  {
    file: "app/(shell)/disclosures/actions.ts",
    name: "correctDisclosureAction",
    allowed: [C],
    args: (ids) => [ids.otherPatientId, ids.disclosureId, null, disclosure],
    tamper: [
      {
        why: "the disclosure belongs to another patient than the bound one",
        who: C,
        args: (ids) => [ids.carePatientId, ids.disclosureId, null, disclosure],
      },
      { why: "no such disclosure", who: C, args: (ids) => [ids.otherPatientId, NO_SUCH, null, disclosure] },
    ],
  },
  {
    file: "app/(shell)/erasure/actions.ts",
    name: "fileErasureAction",
    allowed: [C],
    args: () => [null, form({ mrn: "MRN1000181" })],
    tamper: [
      { why: "no patient has the MRN", who: C, args: () => [null, form({ mrn: "MRN0000000" })] },
      {
        why: "the patient already has an open request",
        who: "compliance2",
        args: () => [null, form({ mrn: "MRN1000180" })],
      },
    ],
  },
  {
    file: "app/(shell)/erasure/actions.ts",
    name: "decideErasureAction",
    allowed: [C],
    args: (ids) => [ids.erasureRequestId, null, form({ outcome: "refused", ground: "legal_claims" })],
    tamper: [
      {
        why: "the officer who filed the request decides it (four eyes)",
        who: C,
        args: (ids) => [ids.erasureRequestId, null, form({ outcome: "approved", reason: "" })],
      },
      { why: "no such request", who: "compliance2", args: () => [NO_SUCH, null, form({ outcome: "approved" })] },
    ],
  },
  {
    file: "app/(shell)/erasure/actions.ts",
    name: "withdrawErasureAction",
    allowed: [C],
    args: (ids) => [ids.erasureRequestId],
    tamper: [
      {
        why: "an officer withdraws another officer's request",
        who: "compliance2",
        args: (ids) => [ids.erasureRequestId],
      },
      { why: "no such request", who: C, args: () => [NO_SUCH] },
    ],
  },
  {
    file: "app/(shell)/erasure/actions.ts",
    name: "issueErasureCertificateAction",
    allowed: [C],
    args: (ids) => [ids.erasureRequestId],
    tamper: [
      {
        why: "the request is not approved: there is no erasure to certify",
        who: C,
        args: (ids) => [ids.erasureRequestId],
      },
      { why: "no such request", who: C, args: () => [NO_SUCH] },
      { why: "not an erasure request's id", who: C, args: () => ["REQ-1"] },
    ],
  },
  {
    file: "app/(shell)/me/actions.ts",
    name: "requestOwnErasureAction",
    // erasure.request is the officer's too (the officer's own filing goes through /erasure).
    allowed: [C, P],
    args: () => [],
    tamper: [{ why: "an account linked to no patient (the patient is the session's own)", who: C, args: () => [] }],
  },
  {
    file: "app/(shell)/me/actions.ts",
    name: "withdrawOwnErasureAction",
    // An officer withdrawing here withdraws only a request of their own, as at /erasure.
    allowed: [C, P],
    args: (ids) => [ids.erasureRequestId],
    tamper: [
      { why: "a patient withdraws another patient's request", who: P, args: (ids) => [ids.erasureRequestId] },
      { why: "no such request", who: P, args: () => [NO_SUCH] },
    ],
  },
  {
    file: "app/(shell)/me/consent-actions.ts",
    name: "grantOwnConsentAction",
    allowed: [P],
    args: () => [null, consent],
    tamper: [],
    noTamper: "names no row: the patient is the session's own (a patientId field is ignored)",
  },
  {
    file: "app/(shell)/me/consent-actions.ts",
    name: "revokeOwnConsentAction",
    allowed: [P],
    args: (ids) => [null, form({ consentId: ids.otherConsentId })],
    tamper: [
      {
        why: "a patient revokes another patient's consent",
        who: P,
        args: (ids) => [null, form({ consentId: ids.otherConsentId })],
      },
    ],
  },
  {
    file: "app/(shell)/records/actions.ts",
    name: "searchPatientsAction",
    allowed: [K],
    args: () => [null, form({ q: "MRN1000001" })],
    tamper: [],
    noTamper: "a search names no row; each hit is an audited access",
  },
  {
    file: "app/(shell)/records/[patientId]/actions.ts",
    name: "addObservationAction",
    allowed: [K],
    args: (ids) => [ids.carePatientId, null, obs],
    tamper: [
      { why: "a patient outside the clinician's care team", who: K, args: (ids) => [ids.otherPatientId, null, obs] },
      { why: "no such patient", who: K, args: () => [NO_SUCH, null, obs] },
    ],
  },
  {
    file: "app/(shell)/records/[patientId]/break-glass-actions.ts",
    name: "declareBreakGlassAction",
    allowed: [K],
    args: (ids) => [ids.otherPatientId, null, form({ reason: "Unconscious patient in the emergency room" })],
    tamper: [
      {
        why: "no such patient",
        who: K,
        args: () => [NO_SUCH, null, form({ reason: "Unconscious patient in the emergency room" })],
      },
    ],
  },
  {
    file: "app/(shell)/records/[patientId]/care-team-actions.ts",
    name: "changeCareTeamAction",
    allowed: [C, K],
    args: (ids) => [ids.carePatientId, null, form({ email: "auditor@healthledger.test", change: "add" })],
    tamper: [
      {
        why: "a clinician adds themself to a patient outside their care team",
        who: K,
        args: (ids) => [ids.otherPatientId, null, form({ email: "clinician@healthledger.test", change: "add" })],
      },
      {
        why: "no such patient",
        who: C,
        args: () => [NO_SUCH, null, form({ email: "clinician@healthledger.test", change: "add" })],
      },
    ],
  },
  {
    file: "app/mfa/actions.ts",
    name: "confirmMfaAction",
    allowed: "SIGNED_IN",
    args: () => [null, form({ code: "000000" })],
    tamper: [],
    noTamper: "names no row: the account is the session's own",
  },
  {
    file: "app/password/actions.ts",
    name: "changePasswordAction",
    allowed: "SIGNED_IN",
    args: () => [null, form({ current: "x", next: "a-new-passphrase-2026", confirm: "a-new-passphrase-2026" })],
    tamper: [],
    noTamper: "names no row: the account is the session's own",
  },
];

/** The page the build attached an action to, as a URL (dynamic segments filled in). */
function pageUrl(pages: string[], ids: TIds): string {
  const worker = pages.find((p) => !p.includes("[")) ?? pages[0];
  const segs = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s === "[patientId]" ? ids.carePatientId : s === "[id]" ? ids.clinicianId : s));
  return `/${segs.join("/")}`;
}

async function signedIn(browser: Browser, who: TCall["who"] | "ANON"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (who === "compliance2") await signInAs(page, { email: COMPLIANCE2 });
  else if (who === "admin2") await signInAs(page, { email: ADMIN2 });
  else if (who !== "ANON") await signInViaApi(page, who);
  return page;
}

/**
 * A tampered call that reached the access policy is denied on the record (every access attempt
 * is audited, DESIGN.md §1): one AccessEvent with a failure outcome and its ledger entry, and
 * nothing else — but for the privacy alerts the monitoring rules may raise from that refusal
 * (e.g. repeated denials), each with its raising transition by the monitor and that leaf.
 * Returns what remains written once that event is accounted for.
 */
async function unlessAuditedRefusal(db: pg.Client, written: string[]): Promise<string[]> {
  const delta = (t: string) => {
    const w = written.find((x) => x.startsWith(`${t}: `));
    if (!w) return 0;
    const [before, after] = /: (\d+) → (\d+)$/.exec(w)!.slice(1).map(Number);
    return after! - before!;
  };
  const alerts = delta("PrivacyAlert");
  const rest = written.filter((w) => !/^PrivacyAlert(Transition)?: /.test(w));
  if (rest.length !== 2 || delta("AccessEvent") !== 1 || delta("LedgerEntry") !== 1 + alerts) return written;
  if (delta("PrivacyAlertTransition") !== alerts) return written;
  if (alerts > 0) {
    const raised = await one<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM (SELECT t."byId", a.kind FROM "PrivacyAlertTransition" t
         JOIN "PrivacyAlert" a ON a.id = t."alertId" ORDER BY t.id DESC LIMIT $1) x
        WHERE x."byId" IS NULL AND x.kind = 'rule'`,
      [alerts],
    );
    if (raised.n !== alerts) return [...written, "(an alert not raised by the monitoring rules)"];
  }
  const last = await one<{ outcome: string }>(db, `SELECT outcome FROM "AccessEvent" ORDER BY id DESC LIMIT 1`);
  return last.outcome === "0" ? [...written, "(the access event records a success)"] : [];
}

async function one<T extends Record<string, unknown>>(db: pg.Client, sql: string, params: unknown[] = []) {
  const r = await db.query<T>(sql, params);
  expect(r.rows.length, sql).toBeGreaterThan(0);
  return r.rows[0];
}

/** A patient's id by MRN, found as the privacy office finds it (the lookup redirects to ?patient=<id>). */
async function patientIdOfMrn(page: Page, mrn: string): Promise<string> {
  const res = await callServerAction(page, "/consents", actionId("findConsentPatientAction"), [null, form({ mrn })]);
  const to = res.headers()["x-action-redirect"] ?? "";
  const id = /patient=([0-9a-f-]{36})/.exec(to)?.[1];
  expect(id, `no patient found for ${mrn}: ${await outcomeOf(res)}`).toBeTruthy();
  return id!;
}

const built = builtServerActions();
function actionId(name: string): string {
  const a = built.find((x) => x.name === name);
  if (!a) throw new Error(`the build has no server action ${name}`);
  return a.id;
}

test.describe.serial("server actions", () => {
  test("every server action of the build is in the table, and nothing else", () => {
    const key = (a: { file: string; name: string }) => `${a.file} ${a.name}`;
    expect(built.map(key).sort()).toEqual(ACTIONS.map(key).sort());
    for (const e of ACTIONS)
      expect(e.tamper.length > 0 || !!e.noTamper, `${e.name}: name a tampered call or say why there is none`).toBe(
        true,
      );
  });

  test("signed out, with a wrong role or with a tampered id, every action is refused and writes nothing", async ({
    browser,
  }) => {
    // Some 150 calls, each waiting for the ledger to be at rest before and after: about a minute on
    // a quiet machine, four on one loaded with other work. It grows with the table of actions.
    test.setTimeout(120_000 + ACTIONS.length * 12_000);
    const sessions = new Map<string, Page>();
    for (const who of ["ANON", ...ROLES, "compliance2", "admin2"] as const)
      sessions.set(who, await signedIn(browser, who));
    const as = (who: string) => sessions.get(who)!;

    // The rows tampered calls aim at, made by valid calls of the right roles.
    const officer = as(C);
    const carePatientId = await patientIdOfMrn(officer, "MRN1000001");
    const otherPatientId = await patientIdOfMrn(officer, "MRN1000180");
    const valid = async (who: string, name: string, url: string, args: TActionArg[]) => {
      const res = await callServerAction(as(who), url, actionId(name), args);
      const outcome = await outcomeOf(res);
      expect(outcome, `${name} by ${who}`).toMatch(/^(done|redirect \/(consents|disclosures|erasure))/);
    };
    await valid(C, "grantConsentAction", "/consents", [otherPatientId, null, consent]);
    await valid(C, "fileErasureAction", "/erasure", [null, form({ mrn: "MRN1000180" })]);
    await valid(C, "recordDisclosureAction", "/disclosures", [otherPatientId, null, disclosure]);
    const ids = await withDatabase(async (db): Promise<TIds> => {
      const patient = await one<{ patientId: string }>(db, `SELECT "patientId" FROM "User" WHERE role = 'PATIENT'`);
      const clinician = await one<{ id: string }>(db, `SELECT id FROM "User" WHERE email = $1`, [
        "clinician@healthledger.test",
      ]);
      const byPatient = (table: string) =>
        one<{ id: string }>(db, `SELECT id FROM "${table}" WHERE "patientId" = $1 ORDER BY id DESC LIMIT 1`, [
          otherPatientId,
        ]).then((r) => r.id);
      return {
        carePatientId,
        otherPatientId,
        ownPatientId: patient.patientId,
        clinicianId: clinician.id,
        otherConsentId: await byPatient("Consent"),
        erasureRequestId: await byPatient("ErasureRequest"),
        disclosureId: await byPatient("Disclosure"),
      };
    });
    expect(ids.ownPatientId).not.toBe(otherPatientId);

    const problems: string[] = [];
    await withDatabase(async (db) => {
      for (const entry of ACTIONS) {
        const action = built.find((a) => a.name === entry.name && a.file === entry.file)!;
        const url = pageUrl(action.pages, ids);
        const calls: { who: string; args: TActionArg[]; expect: RegExp; what: string }[] = [
          { who: "ANON", args: entry.args(ids), expect: /^redirect \/login/, what: "signed out" },
          ...(entry.allowed === "SIGNED_IN" ? [] : ROLES.filter((r) => !(entry.allowed as TRole[]).includes(r))).map(
            (r) => ({ who: r, args: entry.args(ids), expect: /^status 403$/, what: "wrong role" }),
          ),
          ...entry.tamper.map((t) => ({ who: t.who, args: t.args(ids), expect: /^refused/, what: t.why })),
        ];
        for (const call of calls) {
          const before = await countsAtRest(db);
          const res = await callServerAction(as(call.who), url, action.id, call.args);
          const outcome = await outcomeOf(res);
          // At rest again, so a write shows as the ledger entry it was sealed into.
          let written = changedTables(before, await countsAtRest(db), SEALING_TABLES);
          if (call.what !== "signed out" && call.what !== "wrong role")
            written = await unlessAuditedRefusal(db, written);
          if (!call.expect.test(outcome) || written.length > 0)
            problems.push(
              `${entry.name} as ${call.who} (${call.what}) → ${outcome}${written.length ? `; wrote ${written.join(", ")}` : ""}`,
            );
        }
      }
    });
    expect(problems).toEqual([]);
    // Leave the specs after this one a patient with no open request.
    await valid(C, "withdrawErasureAction", "/erasure", [ids.erasureRequestId]);
  });
});
