// What the load benchmark asks of the server, each as the user who asks it in daily use: a
// clinician signs in and opens a chart (each opening is an anchored access event, so this load
// writes), a compliance officer opens the dashboard and the explorer and searches AuditEvents, an
// outside verifier fetches the checkpoint and an inclusion proof. A static file served by the
// same server is the floor every figure is compared with.
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { hashPassword } from "../../lib/auth/password";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-accounts";
import { signInCookie } from "../http/sign-in";

export type TLoadTarget = {
  name: string;
  path: string;
  method?: "GET" | "POST";
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
  /** One body per connection in turn, in place of `body`. */
  bodies?: readonly string[];
  /** The answer a request must get to count as served (2xx unless said). */
  note?: string;
};

const CLINICIAN = "clinician@healthledger.test";
const OFFICER = "compliance@healthledger.test";

/**
 * Sign-in forms for `emails`, sharing one csrf token and its cookie (next-auth checks the pair,
 * not a nonce). One account per connection: the per-account limit (lib/auth/rate-limit.ts)
 * counts attempts before the password is checked, so 50 at once on one account look like a
 * guessing attack and are refused, as they should be.
 */
async function signInForms(baseUrl: string, emails: string[]): Promise<{ cookie: string; bodies: string[] }> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookie = res.headers
    .getSetCookie()
    .map((l) => l.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const bodies = emails.map((email) =>
    new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }).toString(),
  );
  return { cookie, bodies };
}

async function firstMatch(baseUrl: string, path: string, cookie: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(baseUrl + path, { headers: { cookie } })).text();
  const m = pattern.exec(html);
  if (!m) throw new Error(`no ${pattern} in ${path}`);
  return m[1];
}

/**
 * Clinician accounts for the sign-in run, one per connection, with the demo password: the
 * benchmark's own rows in its own database (the demo has fewer clinicians than connections).
 * The fault runs (bench/faults) sign their writers in with them too.
 */
export async function signInAccounts(prisma: PrismaClient, count: number): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const emails = Array.from(
    { length: count },
    (_, i) => `load-${String(i + 1).padStart(3, "0")}@bench.healthledger.test`,
  );
  await prisma.user.createMany({
    data: emails.map((email, i) => ({
      email,
      displayName: `Load Clinician ${i + 1}`,
      role: "CLINICIAN" as const,
      department: "Emergency Medicine",
      passwordHash,
    })),
    skipDuplicates: true,
  });
  return emails;
}

export async function loadTargets(
  prisma: PrismaClient,
  baseUrl: string,
  maxConnections: number,
): Promise<{ floor: TLoadTarget; targets: TLoadTarget[] }> {
  const clinician = await signInCookie(baseUrl, CLINICIAN);
  const officer = await signInCookie(baseUrl, OFFICER);
  const form = await signInForms(baseUrl, await signInAccounts(prisma, maxConnections));
  const patientId = await firstMatch(baseUrl, "/records", clinician, /href="\/records\/([0-9a-f-]{36})"/);
  const asset = await firstMatch(baseUrl, "/login", "", /(\/_next\/static\/[^"]+\.css)/);
  const checkpoint = await (await fetch(`${baseUrl}/api/ledger/checkpoint`, { headers: { cookie: officer } })).text();
  const size = Number(checkpoint.split("\n")[1]);
  if (!Number.isInteger(size) || size < 2) throw new Error(`checkpoint without a usable tree size:\n${checkpoint}`);
  return {
    floor: { name: "static file (floor)", path: asset },
    targets: [
      {
        name: "sign-in (password, scrypt)",
        path: "/api/auth/callback/credentials",
        method: "POST",
        cookie: form.cookie,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        bodies: form.bodies,
        note: "one clinician per connection; scrypt N=2^17 by design: bounded by the CPU",
      },
      { name: "dashboard overview", path: "/dashboard", cookie: officer },
      { name: "access explorer page 1", path: "/explorer", cookie: officer },
      { name: "chart read (anchored event)", path: `/records/${patientId}`, cookie: clinician },
      { name: "FHIR AuditEvent search", path: `/api/fhir/AuditEvent?_count=50`, cookie: officer },
      {
        name: "inclusion proof",
        path: `/api/ledger/proofs/inclusion?index=${Math.floor(size / 2)}&treeSize=${size}`,
        cookie: officer,
      },
      { name: "checkpoint", path: "/api/ledger/checkpoint", cookie: officer },
    ],
  };
}
