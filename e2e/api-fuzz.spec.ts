// Every API route of the production build, sent what a careless client or an attacker sends:
// malformed JSON, wrong content types, JSON of the wrong types (NUL and control characters,
// lone surrogates, "__proto__" keys, nesting thousands deep), bodies just over the route's cap
// and Content-Lengths that lie, bad path parameters and query strings, and cross-site Origins;
// signed out, with each role that may not use the route, and with each role that may. The app
// must never answer 5xx, must refuse with a 4xx whose body is `{ error: { code, message } }`
// (lib/http/handle-api.ts), and must store nothing for a refused request: the row counts of every
// table before and after each route's batch are compared.
//
// The routes are read from the build (.next/app-path-routes-manifest.json) and their methods
// from the running server (Next answers OPTIONS with the route's Allow header); the first test
// fails when the build has a route or method the table does not list.
//
// Inputs come from fast-check with one seed for the whole run: random per run (printed, and
// named in every failure with the shrunk counterexample), so that each run of the suite tries
// new inputs; HL_FUZZ_SEED=<seed> replays a failing run exactly.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import fc from "fast-check";
import type pg from "pg";
import { runtimeEnv } from "../lib/config/runtime-env";
import {
  COMMAND_BODY_BYTES,
  CREATE_USER_BODY_BYTES,
  ENGAGEMENT_BODY_BYTES,
  FHIR_IMPORT_BODY_BYTES,
  NO_BODY_BYTES,
  NOTARIZE_BODY_BYTES,
  SIGN_IN_BODY_BYTES,
} from "../lib/http/body-limits";
import type { TRole } from "./fixtures/accounts";
import { hostileRequests, NO_SUCH, weirdString, type TFuzzRequest, type TRouteShape } from "./fixtures/fuzz-inputs";
import { rawRequest } from "./fixtures/raw-request";
import { changedTables, countsAtRest, SEALING_TABLES, withDatabase, type TRowCounts } from "./fixtures/row-counts";
import { builtServerActions, callServerAction } from "./fixtures/server-action";
import { expect, signInViaApi, test } from "./fixtures/session";

const A = "ADMIN",
  C = "COMPLIANCE_OFFICER",
  K = "CLINICIAN",
  U = "AUDITOR",
  P = "PATIENT";
const ROLES: TRole[] = [A, C, K, U, P];
type TWho = "ANON" | TRole;

const PORT = runtimeEnv().HL_E2E_PORT;
const SEED = Number(process.env.HL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Runs per route and caller: enough to reach every input class, small enough for ~2 minutes in all. */
const RUNS_ALLOWED = 25;
const RUNS_REFUSED = 6;

type TEntry = Omit<TRouteShape, "method" | "url" | "hasParam" | "wellFormedParam"> & {
  method: "GET" | "POST";
  route: string;
  allowed: TRole[] | "PUBLIC";
  /** The route's body cap (lib/http/body-limits.ts). */
  cap: number;
  wellFormedParam?: string;
  /**
   * What an allowed caller's attempt legitimately writes: "access", an access event and its
   * ledger entry (every access attempt is audited, DESIGN.md §1); "sign-in", what a failed
   * sign-in records and counts. Omitted: nothing, ever.
   */
  audits?: "access" | "sign-in";
  /** Why allowed callers get only the over-cap, lying and cross-site requests. */
  onlyRefusals?: string;
  /** Why the route has no body cap (it is not behind handleApi or limitSignIn). */
  uncapped?: string;
  /** Fuzz runs per allowed caller when fewer than RUNS_ALLOWED, and why. */
  runs?: { count: number; why: string };
};

/** A Bundle that looks importable; `type: "searchset"` (the anchor) is one the import refuses. */
const BUNDLE = {
  resourceType: "Bundle",
  type: "transaction",
  entry: [
    { resource: { resourceType: "Patient", name: [{ family: "Fuzz", given: ["Test"] }], birthDate: "1980-01-01" } },
  ],
};

const TABLE: TEntry[] = [
  {
    method: "GET",
    route: "/.well-known/healthledger/log-key",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["format"],
    uncapped: "a public key, read by anyone; it reads no body",
  },
  {
    method: "GET",
    route: "/.well-known/healthledger",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    uncapped: "the public evidence index, read by anyone; it reads no body",
  },
  {
    method: "GET",
    route: "/.well-known/healthledger/evidence-ca.pem",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    uncapped: "a public certificate, read by anyone; it reads no body",
  },
  {
    method: "GET",
    route: "/.well-known/healthledger/evidence-signer.pem",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    uncapped: "a public certificate, read by anyone; it reads no body",
  },
  {
    method: "GET",
    route: "/api/health",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    uncapped: "the health of the service, read by uptime monitors without signing in; it reads no body",
  },
  {
    method: "GET",
    route: "/api/auth/[...nextauth]",
    allowed: "PUBLIC",
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["callbackUrl", "error", "csrf"],
    wellFormedParam: "providers",
    uncapped: "next-auth's own GET endpoints read no body",
  },
  {
    method: "POST",
    route: "/api/auth/[...nextauth]",
    allowed: "PUBLIC",
    cap: SIGN_IN_BODY_BYTES,
    body: {
      template: { csrfToken: "x", email: "fuzz@nowhere.healthledger.test", password: "x", otp: "000000", json: "true" },
    },
    queryKeys: ["callbackUrl"],
    wellFormedParam: "callback/credentials",
    audits: "sign-in",
    // Each failed attempt counts against the client address (100 in 5 minutes) that every spec
    // after this one signs in from; ten leave that budget to them.
    runs: { count: 10, why: "sign-in attempts are rate-limited per address" },
  },
  { method: "GET", route: "/api/overview", allowed: [C], cap: NO_BODY_BYTES, body: "none", queryKeys: ["range"] },
  {
    method: "GET",
    route: "/api/admin/users",
    allowed: [A],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["q", "role", "status"],
  },
  {
    method: "POST",
    route: "/api/admin/users",
    allowed: [A],
    cap: CREATE_USER_BODY_BYTES,
    body: {
      template: {
        email: "fuzz.user@healthledger.test",
        displayName: "Fuzz User",
        role: "AUDITOR",
        department: "Radiology",
      },
      anchor: { role: "ADMIN" },
    },
    queryKeys: [],
  },
  ...(["disabled", "role"] as const).map((what): TEntry => ({
    method: "POST",
    route: `/api/admin/users/[id]/${what}`,
    allowed: [A],
    cap: COMMAND_BODY_BYTES,
    body: { template: what === "disabled" ? { disabled: true } : { toRole: "AUDITOR" } },
    queryKeys: [],
  })),
  ...(["password-reset", "mfa-reset"] as const).map((what): TEntry => ({
    method: "POST",
    route: `/api/admin/users/[id]/${what}`,
    allowed: [A],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  })),
  ...(["account-resets", "role-changes"] as const).map((what): TEntry => ({
    method: "POST",
    route: `/api/admin/${what}/[id]/decision`,
    allowed: [A],
    cap: COMMAND_BODY_BYTES,
    body: { template: { approve: true } },
    queryKeys: [],
  })),
  {
    method: "GET",
    route: "/api/admin/actions",
    allowed: [A],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["limit", "user"],
  },
  {
    method: "GET",
    route: "/api/erasure/[id]/certificate",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  { method: "GET", route: "/api/ledger/checkpoint", allowed: [C, U], cap: NO_BODY_BYTES, body: "none", queryKeys: [] },
  {
    method: "GET",
    route: "/api/ledger/cosigned-checkpoint",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  {
    method: "GET",
    route: "/api/ledger/witness-policy",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  {
    method: "GET",
    route: "/api/ledger/tree-heads/[size]",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "1",
  },
  {
    method: "GET",
    route: "/api/ledger/proofs/inclusion",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["index", "treeSize", "kind", "rowId"],
  },
  {
    method: "GET",
    route: "/api/ledger/proofs/consistency",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["from", "to"],
  },
  {
    method: "GET",
    route: "/api/ledger/blocks",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["limit", "before"],
  },
  {
    method: "GET",
    route: "/api/ledger/blocks/[height]",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "0",
  },
  {
    method: "GET",
    route: "/api/ledger/verification-runs",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  {
    method: "POST",
    route: "/api/ledger/verification-runs",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    onlyRefusals: "it reads no input: any other request starts (or joins) a verification, as it should",
  },
  {
    method: "POST",
    route: "/api/ledger/notarized-documents",
    allowed: [C],
    cap: NOTARIZE_BODY_BYTES,
    body: { template: { title: "Fuzz policy", sha256: "ab".repeat(32) }, anchor: { sha256: "ab".repeat(31) } },
    queryKeys: [],
  },
  {
    method: "GET",
    route: "/api/reports",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["limit", "cursor"],
  },
  {
    method: "POST",
    route: "/api/reports",
    allowed: [C, U],
    cap: COMMAND_BODY_BYTES,
    body: { template: { type: "integrity_attestation" }, anchor: { type: "hipaa_everything" } },
    queryKeys: [],
    onlyRefusals:
      "a well-formed request starts building a signed report (201 or 202); refused input is covered by lib/reports/issue/issue-report.test.ts",
  },
  {
    method: "GET",
    route: "/api/reports/[id]",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "00000000-0000-7000-8000-000000000000",
  },
  {
    method: "GET",
    route: "/api/reports/[id]/bundle",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "00000000-0000-7000-8000-000000000000",
  },
  {
    method: "GET",
    route: "/api/engagements",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  {
    method: "POST",
    route: "/api/engagements",
    allowed: [C],
    cap: ENGAGEMENT_BODY_BYTES,
    body: {
      template: {
        auditorId: NO_SUCH,
        period: { from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z" },
        reportTypes: ["integrity_attestation"],
        expiresAt: "2030-01-01T00:00:00Z",
      },
      // No account has this id: a grant to it is refused (422), so no call here grants anything.
      anchor: { auditorId: NO_SUCH },
    },
    queryKeys: [],
  },
  {
    method: "POST",
    route: "/api/engagements/[id]/revocation",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "00000000-0000-7000-8000-000000000000",
  },
  {
    method: "GET",
    route: "/api/me/reports",
    allowed: [P],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["limit", "cursor"],
  },
  {
    method: "POST",
    route: "/api/me/reports",
    allowed: [P],
    cap: COMMAND_BODY_BYTES,
    body: { template: { type: "hipaa_access_report" }, anchor: { type: "integrity_attestation" } },
    queryKeys: [],
    onlyRefusals:
      "a well-formed request starts building a signed report (201 or 202); refused input is covered by lib/reports/engagements/engagements.test.ts",
  },
  {
    method: "GET",
    route: "/api/me/reports/[id]",
    allowed: [P],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "00000000-0000-7000-8000-000000000000",
  },
  {
    method: "GET",
    route: "/api/me/reports/[id]/bundle",
    allowed: [P],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    wellFormedParam: "00000000-0000-7000-8000-000000000000",
  },
  {
    method: "POST",
    route: "/api/fhir",
    allowed: [K],
    cap: FHIR_IMPORT_BODY_BYTES,
    body: { template: BUNDLE, anchor: { type: "searchset" } },
    queryKeys: [],
    audits: "access",
  },
  {
    method: "GET",
    route: "/api/fhir/Patient/[id]",
    allowed: [K],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
    audits: "access",
  },
  {
    method: "GET",
    route: "/api/fhir/Consent",
    allowed: [C, K, P],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["patient"],
    audits: "access",
  },
  {
    method: "GET",
    route: "/api/fhir/AuditEvent",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["patient", "agent", "date", "outcome", "_count", "_sort"],
    audits: "access",
  },
  {
    method: "GET",
    route: "/api/monitor/access-events",
    allowed: [C, U],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [
      "from",
      "to",
      "actor",
      "role",
      "department",
      "patient",
      "action",
      "outcome",
      "purpose",
      "breakGlass",
      "rule",
      "limit",
      "cursor",
    ],
    audits: "access",
  },
  {
    method: "GET",
    route: "/api/monitor/access-events/export",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["from", "to", "actor", "role", "outcome", "limit"],
    audits: "access",
    runs: { count: 10, why: "an accepted query streams a CSV of up to MAX_EXPORT_ROWS events" },
  },
  {
    method: "GET",
    route: "/api/monitor/alerts",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["status", "severity", "rule", "owner", "actor", "limit", "cursor"],
  },
  {
    method: "GET",
    route: "/api/monitor/alerts/[id]",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
  {
    method: "POST",
    route: "/api/monitor/alerts/[id]/changes",
    allowed: [C],
    cap: COMMAND_BODY_BYTES,
    body: { template: { action: "close", reasonCode: "duplicate" } },
    queryKeys: [],
  },
  {
    method: "GET",
    route: "/api/monitor/cases",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: ["state", "owner", "actor", "overdue", "limit", "cursor"],
  },
  {
    method: "GET",
    route: "/api/monitor/cases/[id]",
    allowed: [C],
    cap: NO_BODY_BYTES,
    body: "none",
    queryKeys: [],
  },
];

const CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unprocessable",
  "locked",
  "rate_limited",
];

/** Origins a cross-site page (or a look-alike host) would send. */
const FOREIGN_ORIGINS = [
  "https://evil.example",
  "null",
  `http://localhost:${PORT}.evil.example`,
  `https://localhost:${PORT}`,
  `http://localhost:${PORT + 1}`,
  `http://127.0.0.1:${PORT}`,
];

/** The route's URL with its dynamic segment set to `param`. */
function shapeOf(e: TEntry): TRouteShape {
  const hasParam = /\[/.test(e.route);
  return {
    ...e,
    hasParam,
    wellFormedParam: e.wellFormedParam ?? NO_SUCH,
    url: (param) => e.route.replace(/\[(\.\.\.)?\w+\]/, param),
  };
}

/** API routes of the build (route handlers, not pages) with the methods the server says they take. */
async function builtRoutes(page: Page): Promise<string[]> {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const found: string[] = [];
  for (const [file, route] of Object.entries(manifest)) {
    if (!file.endsWith("/route")) continue;
    const url = route.replace(/\[\.\.\.\w+\]/, "providers").replace(/\[\w+\]/, NO_SUCH);
    const res = await page.request.fetch(url, { method: "OPTIONS", maxRedirects: 0 });
    const allow = (res.headers()["allow"] ?? "").split(",").map((m) => m.trim());
    expect(allow.length, `OPTIONS ${url} named no methods`).toBeGreaterThan(0);
    for (const m of allow) if (!["HEAD", "OPTIONS"].includes(m)) found.push(`${m} ${route}`);
  }
  return found.sort();
}

type TAnswer = { status: number; contentType: string; body: string };

async function send(page: Page, req: TFuzzRequest): Promise<TAnswer> {
  const res = await page.request.fetch(req.path, {
    method: req.method,
    headers: req.headers,
    data: req.body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  return { status: res.status(), contentType: res.headers()["content-type"] ?? "", body: await res.text() };
}

/**
 * The answer to a hostile request: never 5xx; a refusal is 4xx with `{ error: { code, message } }`.
 * Exempt from the body shape: next-auth's own answers (its protocol, not ours), Node's 431 for a
 * request line over its header limit, Next's 404 page for a URL no route matches.
 * `mustRefuse`: a 2xx or 3xx is a failure too.
 */
function judge(req: TFuzzRequest, a: TAnswer, opts: { mustRefuse: boolean; ours: boolean; status?: number }) {
  const where = `${req.what}: ${req.method} ${req.path.slice(0, 300)} → ${a.status} ${a.body.slice(0, 300)}`;
  if (a.status >= 500 || a.status === 0) throw new Error(`server error: ${where}`);
  if (opts.status !== undefined && a.status !== opts.status) throw new Error(`expected ${opts.status}: ${where}`);
  if (opts.mustRefuse && a.status < 400) throw new Error(`accepted: ${where}`);
  if (a.status < 400 || a.status === 431 || (a.status === 404 && a.contentType.startsWith("text/html"))) return;
  if (!opts.ours && a.status !== 413 && a.status !== 429) return;
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = (JSON.parse(a.body) as { error?: typeof error }).error;
  } catch {
    throw new Error(`a refusal that is not JSON: ${where}`);
  }
  if (!CODES.includes(String(error?.code)) || typeof error?.message !== "string" || !error.message)
    throw new Error(`a refusal without { error: { code, message } }: ${where}`);
}

/**
 * What a refused request may still write, by what it was:
 * - an allowed caller's access attempt on an audited route: its AccessEvent (a failure, unless
 *   the read succeeded), the event's ledger entry, and a privacy alert the monitoring rules
 *   raise on repeated denials (with its raising transition and that transition's ledger entry);
 * - a sign-in attempt: its failure event (or the unknown-account tally) and ledger entry, and
 *   the rate-limit counters that count it.
 * Every other table, for every request, must be unchanged; signed-out and wrong-role requests
 * are refused before anything is recorded.
 */
const MAY_WRITE: Record<NonNullable<TEntry["audits"]>, string[]> = {
  access: ["AccessEvent", "LedgerEntry", "PrivacyAlert", "PrivacyAlertTransition"],
  "sign-in": ["AccessEvent", "LedgerEntry", "SignInFailureTally", "RateLimitBucket"],
};

async function newestEventId(db: pg.Client): Promise<string> {
  const r = await db.query<{ id: string }>(`SELECT id FROM "AccessEvent" ORDER BY id DESC LIMIT 1`);
  return r.rows[0]?.id ?? NO_SUCH;
}

/** Problems with what a batch wrote, given what it was allowed to write. */
async function unexpectedWrites(opts: {
  db: pg.Client;
  before: TRowCounts;
  after: TRowCounts;
  since: string;
  audits?: TEntry["audits"];
  successes: number;
}): Promise<string[]> {
  const { db, before, after } = opts;
  const allowed = opts.audits ? MAY_WRITE[opts.audits] : [];
  const problems = changedTables(before, after, [...SEALING_TABLES, ...allowed]);
  if (!opts.audits) return problems;
  const grew = (t: string) => (after[t] ?? 0) - (before[t] ?? 0);
  // An alert is raised with one transition, and that transition is what the ledger anchors.
  if (grew("PrivacyAlertTransition") !== grew("PrivacyAlert"))
    problems.push(`PrivacyAlertTransition grew by ${grew("PrivacyAlertTransition")}, not one per alert raised`);
  if (grew("LedgerEntry") !== grew("AccessEvent") + grew("PrivacyAlertTransition"))
    problems.push(`LedgerEntry grew by ${grew("LedgerEntry")}, not one per access event and alert raised`);
  const ok = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "AccessEvent" WHERE id > $1 AND outcome = '0'`, [
    opts.since,
  ]);
  if (Number(ok.rows[0].n) > opts.successes)
    problems.push(`${ok.rows[0].n} access events record a success, for ${opts.successes} answers that were one`);
  return problems;
}

async function sessionFor(browser: Browser, who: TWho): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (who !== "ANON") await signInViaApi(page, who);
  return page;
}

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * Requests no fast-check input can stand for: a body one byte over the cap (413), Content-Lengths
 * that lie (over the cap with a short body: 413 before a byte is read; shorter than the body; not
 * a number: Node refuses it) and a chunked body over the cap, and, for mutations, a request whose
 * Origin is another site (403, however valid the rest: the template without its anchor).
 */
async function fixedCases(page: Page, e: TEntry, shape: TRouteShape, allowed: boolean): Promise<number> {
  const mustRefuse = !allowed;
  let successes = 0;
  const ours = !e.route.startsWith("/api/auth/");
  const url = shape.url(shape.wellFormedParam);
  const template = e.body === "none" ? {} : e.body.template;
  const json = Buffer.from(JSON.stringify(template));
  const over = Buffer.concat([json, Buffer.alloc(Math.max(0, e.cap + 1 - json.length), " ")]);
  const cookie = await cookieHeader(page);
  const base = { what: "", method: e.method, path: url, headers: { "content-type": "application/json" } };

  if (e.method === "POST") {
    const req = { ...base, what: "a body one byte over the cap", body: over };
    judge(req, await send(page, req), { mustRefuse: true, ours, status: 413 });
  }
  const raw = async (
    what: string,
    headers: Record<string, string>,
    body: Buffer | Buffer[],
    status?: number,
    app = true,
  ) => {
    const req = { ...base, what, headers };
    const r = await rawRequest({ method: e.method, path: url, headers: { ...headers, cookie }, body });
    // Closed on us mid-body before an answer could be read: the body was refused unread.
    if (r.reset) return;
    const a = { status: r.status, contentType: /content-type: *([^\r\n]*)/i.exec(r.headers)?.[1] ?? "", body: r.body };
    if (a.status < 300) successes++;
    judge(req, a, { mustRefuse: mustRefuse || status !== undefined, ours: ours && app, status });
  };
  if (!e.uncapped)
    await raw(
      "Content-Length over the cap, short body",
      { "content-length": String(e.cap + 1) },
      json.subarray(0, 8),
      413,
    );
  if (e.method === "POST") {
    const chunks = [];
    for (let sent = 0; sent <= e.cap; sent += 64 * 1024) {
      const part = over.subarray(sent, sent + 64 * 1024);
      chunks.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from("0\r\n\r\n"));
    // Over the cap for a route that reads its body (413); a route that reads none never sees it.
    // Read only once the caller may use the route: a stranger is refused before the body is read.
    if (e.body !== "none")
      await raw("chunked, over the cap", { "transfer-encoding": "chunked" }, chunks, allowed ? 413 : undefined);
    else if (!(allowed && e.onlyRefusals))
      await raw("chunked, over the cap, to a route that reads no body", { "transfer-encoding": "chunked" }, chunks);
    // The bytes past the declared length reach Node's parser as a next request, which it may
    // refuse (a bare 400) before the app answers the first.
    if (json.length > 2)
      await raw(
        "Content-Length shorter than the body",
        { "content-length": String(json.length - 2) },
        json,
        undefined,
        false,
      );
    // Node's HTTP parser answers this one, before the app: a bare 400.
    await raw("Content-Length not a number", { "content-length": "12abc" }, json, 400, false);
    if (ours)
      for (const origin of FOREIGN_ORIGINS) {
        const req = { ...base, what: `Origin ${origin}`, headers: { ...base.headers, origin }, body: json };
        const a = await send(page, req);
        judge(req, a, { mustRefuse: true, ours, status: 403 });
        expect(a.body, `${req.what}: ${url}`).toContain("another site");
      }
  }
  return successes;
}

test.describe.serial("API fuzzing", () => {
  // One session per caller for the whole spec: every sign-in of an MFA account uses up a TOTP step.
  const sessions = new Map<TWho, Page>();
  test.beforeAll(async ({ browser }) => {
    // Two MFA accounts may each wait for a fresh TOTP step (e2e/fixtures/accounts.ts).
    test.setTimeout(120_000);
    console.log(`API fuzz seed: ${SEED} (replay with HL_FUZZ_SEED=${SEED})`);
    for (const who of ["ANON", ...ROLES] as TWho[]) sessions.set(who, await sessionFor(browser, who));
  });

  test("every API route and method of the build is in the table, and nothing else", async ({ page }) => {
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    expect(await builtRoutes(page)).toEqual(TABLE.map((e) => `${e.method} ${e.route}`).sort());
  });

  test("hostile input to every route is refused with a 4xx JSON error and stores nothing", async () => {
    test.setTimeout(300_000);
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    const startedAt = new Date();
    const failures: string[] = [];
    const check = async (what: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : "";
        failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
    };

    await withDatabase(async (db) => {
      // Each batch's "after" is the next one's "before": nothing else runs in between.
      let before = await countsAtRest(db);
      for (const [i, e] of TABLE.entries()) {
        const shape = shapeOf(e);
        const ours = !e.route.startsWith("/api/auth/");
        const callers: { who: TWho; allowed: boolean }[] =
          e.allowed === "PUBLIC"
            ? [{ who: "ANON", allowed: true }]
            : [
                { who: "ANON", allowed: false },
                ...ROLES.map((r) => ({ who: r as TWho, allowed: (e.allowed as TRole[]).includes(r) })),
              ];
        const since = await newestEventId(db);
        let successes = 0;
        for (const { who, allowed } of callers) {
          const page = sessions.get(who)!;
          // A mutation by an allowed caller must be refused too: every input is bad or names no row.
          const mustRefuse = !allowed || e.method === "POST";
          await check(`${e.method} ${e.route} as ${who}, fixed cases`, async () => {
            successes += await fixedCases(page, e, shape, allowed);
          });
          if (allowed && e.onlyRefusals) continue;
          const arb = hostileRequests(shape, e.cap, {});
          await check(`${e.method} ${e.route} as ${who}`, () =>
            fc.assert(
              fc.asyncProperty(arb, async (req) => {
                const a = await send(page, req);
                if (a.status < 300) successes++;
                judge(req, a, { mustRefuse: mustRefuse && ours, ours });
              }),
              // One seed per run; each route and caller gets its own stream from it.
              {
                seed: SEED + i * 7 + ROLES.indexOf(who as TRole) + 1,
                numRuns: allowed ? (e.runs?.count ?? RUNS_ALLOWED) : RUNS_REFUSED,
              },
            ),
          );
        }
        const after = await countsAtRest(db);
        const problems = await unexpectedWrites({ db, before, after, since, audits: e.audits, successes });
        for (const p of problems) failures.push(`${e.method} ${e.route}: a refused request wrote ${p}`);
        before = after;
      }
    });
    // Every route is tried before the test fails, so one run reports every problem it finds.
    expect(failures, `seed ${SEED}`).toEqual([]);
    await acknowledgeAlertsSince(sessions.get(C)!, startedAt);
  });

  test("names and titles with NUL, control characters or lone surrogates are stored or refused, never a 5xx", async () => {
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    const admin = sessions.get(A)!;
    const officer = sessions.get(C)!;
    let n = 0;
    // Otherwise valid bodies, so the text reaches the database (a new account, a notarization).
    const cases = [
      {
        page: admin,
        path: "/api/admin/users",
        body: (s: string) => ({
          email: `fuzz.${SEED}.${++n}@healthledger.test`,
          displayName: `Fuzz ${s}`,
          role: "AUDITOR",
          department: s,
        }),
        runs: 12,
      },
      {
        page: officer,
        path: "/api/ledger/notarized-documents",
        body: (s: string) => ({
          title: `Fuzz ${s}`,
          sha256: createHash("sha256").update(`${SEED} ${++n}`).digest("hex"),
        }),
        runs: 6,
      },
    ];
    for (const c of cases)
      await fc.assert(
        fc.asyncProperty(weirdString, async (s) => {
          const req: TFuzzRequest = {
            what: "odd text in an otherwise valid body",
            method: "POST",
            path: c.path,
            headers: { "content-type": "application/json" },
            body: Buffer.from(JSON.stringify(c.body(s))),
          };
          judge(req, await send(c.page, req), { mustRefuse: false, ours: true });
        }),
        { seed: SEED, numRuns: c.runs },
      );
  });
});

/**
 * The monitor may raise an alert on repeated denials, and the denials here are the spec's own:
 * once it has read every sealed entry, acknowledge what it raised since the spec began, so the
 * specs after this one find the alerts they expect.
 */
async function acknowledgeAlertsSince(officer: Page, since: Date) {
  const open = await withDatabase(async (db) => {
    await countsAtRest(db);
    for (let tries = 0; tries < 60; tries++) {
      const r = await db.query<{ behind: boolean }>(
        `SELECT coalesce(min(w."ledgerIndex"), -1) < (SELECT coalesce(max(index), -1) FROM "LedgerEntry") AS behind
           FROM "MonitorWatermark" w`,
      );
      if (!r.rows[0].behind) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    const r = await db.query<{ id: string }>(
      `SELECT id FROM "PrivacyAlert" WHERE "acknowledgedAt" IS NULL AND "createdAt" >= $1`,
      [since],
    );
    return r.rows.map((x) => x.id);
  });
  if (open.length === 0) return;
  const action = builtServerActions().find((a) => a.name === "acknowledgeAlertAction")!;
  for (const id of open)
    await callServerAction(officer, `/alerts/${id}`, action.id, [id, null, { form: { note: "" } }]);
}
