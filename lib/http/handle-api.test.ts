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
});
