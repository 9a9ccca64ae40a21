import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "./current-user";
import { mustEnrolMfa } from "./mfa-policy";

// The enforcement points (page guards and the API wrapper) with the session mocked: an
// un-enrolled admin or compliance officer reaches nothing but the enrolment page.
const current = vi.hoisted(() => ({ user: null as TCurrentUser | null }));
vi.mock("./current-user", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
}));

const { requirePagePermission, requireSignedIn, requireSignedInForEnrolment, requireSignedInForPasswordChange } =
  await import("./guards");
const { handleApi } = await import("@/lib/http/handle-api");

function as(role: TCurrentUser["role"], mfaEnabled: boolean, mustChangePassword = false) {
  current.user = {
    id: "u1",
    email: "u@t.test",
    name: "U",
    role,
    department: null,
    patientId: null,
    mfaEnabled,
    mustChangePassword,
  };
}
const route = handleApi("users.read", async () => ({ ok: true }));
const call = () => route(new Request("http://localhost/api/x"), { params: Promise.resolve({}) });

beforeEach(() => {
  current.user = null;
});

describe("MFA required for ADMIN and COMPLIANCE_OFFICER", () => {
  it("is required for exactly those two roles", () => {
    expect(mustEnrolMfa({ role: "ADMIN", mfaEnabled: false })).toBe(true);
    expect(mustEnrolMfa({ role: "COMPLIANCE_OFFICER", mfaEnabled: false })).toBe(true);
    expect(mustEnrolMfa({ role: "ADMIN", mfaEnabled: true })).toBe(false);
    for (const role of ["CLINICIAN", "AUDITOR", "PATIENT"] as const)
      expect(mustEnrolMfa({ role, mfaEnabled: false })).toBe(false);
  });

  it("sends an un-enrolled admin from every page to /mfa, but lets the enrolment page through", async () => {
    as("ADMIN", false);
    await expect(requirePagePermission("users.read")).rejects.toThrow("redirect:/mfa");
    await expect(requireSignedIn()).rejects.toThrow("redirect:/mfa");
    await expect(requireSignedInForEnrolment()).resolves.toMatchObject({ role: "ADMIN" });
  });

  it("answers 403 on the API for an un-enrolled admin and 200 once enrolled", async () => {
    as("ADMIN", false);
    const denied = await call();
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toMatch(/multi-factor/);
    as("ADMIN", true);
    expect((await call()).status).toBe(200);
    await expect(requirePagePermission("users.read")).resolves.toMatchObject({ role: "ADMIN" });
  });

  it("leaves roles without the requirement alone", async () => {
    as("CLINICIAN", false);
    await expect(requireSignedIn()).resolves.toMatchObject({ role: "CLINICIAN" });
  });
});

describe("a one-time password must be replaced first", () => {
  it("sends the user from every page, the enrolment page included, to /password", async () => {
    as("ADMIN", false, true);
    await expect(requirePagePermission("users.read")).rejects.toThrow("redirect:/password");
    await expect(requireSignedIn()).rejects.toThrow("redirect:/password");
    await expect(requireSignedInForEnrolment()).rejects.toThrow("redirect:/password");
    await expect(requireSignedInForPasswordChange()).resolves.toMatchObject({ role: "ADMIN" });
    as("CLINICIAN", false, true);
    await expect(requireSignedIn()).rejects.toThrow("redirect:/password");
  });

  it("answers 403 on the API until the password is changed", async () => {
    as("ADMIN", true, true);
    const denied = await call();
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toMatch(/one-time password/);
    as("ADMIN", true, false);
    expect((await call()).status).toBe(200);
  });
});
