import { describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorResponse } from "./handle-api";

describe("errorResponse", () => {
  it("answers 503 with Retry-After when the database had no connection free in time", async () => {
    for (const code of ["P2024", "P2028"]) {
      const error = new Prisma.PrismaClientKnownRequestError("Unable to start a transaction in the given time.", {
        code,
        clientVersion: Prisma.prismaVersion.client,
      });
      const res = errorResponse(error, "req-1");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).error).toMatchObject({ code: "unavailable", requestId: "req-1" });
    }
  });

  it("still answers 500 for any other database error, without its message in the answer or the log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Prisma.PrismaClientKnownRequestError("secret detail", {
      code: "P2002",
      clientVersion: Prisma.prismaVersion.client,
    });
    const res = errorResponse(error, "req-2");
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("secret detail");
    expect(JSON.stringify(logged.mock.calls)).not.toContain("secret detail");
    expect(JSON.stringify(logged.mock.calls)).toContain("req-2");
    logged.mockRestore();
  });

  it("answers 503 database_unavailable with Retry-After when PostgreSQL cannot be reached", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      syscall: "connect",
      errno: -111,
    });
    const res = errorResponse(refused, "req-3");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "database_unavailable", requestId: "req-3" });
    expect(body.error.message).toMatch(/try again/i);
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
  });

  it("answers 503 storage_full when PostgreSQL's disk is full (53100), without the statement", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const full = Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), {
      code: "53100",
      severity: "ERROR",
    });
    const res = errorResponse(full, "req-4");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("60");
    const body = await res.json();
    expect(body.error.code).toBe("storage_full");
    expect(body.error.message).toMatch(/disk is full/);
    expect(JSON.stringify(body) + JSON.stringify(warned.mock.calls)).not.toContain("base/16384");
    warned.mockRestore();
  });
});
