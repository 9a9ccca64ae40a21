import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_SECONDS, sessionEndReason } from "./session-validity";

const now = new Date("2026-12-03T12:00:00Z");
const user = { sessionVersion: 3, disabled: false };
const fresh = { sessionVersion: 3, authenticatedAt: now.getTime() - 60_000 };

describe("sessionEndReason", () => {
  it("lets a current session through", () => {
    expect(sessionEndReason(fresh, user, now)).toBeNull();
  });

  it("ends a session issued under an older (or newer, forged) version", () => {
    expect(sessionEndReason({ ...fresh, sessionVersion: 2 }, user, now)).toBe("revoked");
    expect(sessionEndReason({ ...fresh, sessionVersion: 4 }, user, now)).toBe("revoked");
    expect(sessionEndReason({ authenticatedAt: fresh.authenticatedAt }, user, now)).toBe("revoked");
  });

  it("ends a session at its absolute lifetime, however active", () => {
    const edge = now.getTime() - SESSION_ABSOLUTE_SECONDS * 1000;
    expect(sessionEndReason({ ...fresh, authenticatedAt: edge }, user, now)).toBeNull();
    expect(sessionEndReason({ ...fresh, authenticatedAt: edge - 1 }, user, now)).toBe("expired");
    expect(sessionEndReason({ sessionVersion: 3 }, user, now)).toBe("expired");
  });

  it("ends every session of a disabled account", () => {
    expect(sessionEndReason(fresh, { ...user, disabled: true }, now)).toBe("disabled");
  });
});
