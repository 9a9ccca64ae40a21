import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseStoredFindings } from "./verification-findings";

/** Recorded verification runs, newest first, with their findings (at most 1000 each, of any format version). */
export async function listVerificationRuns(prisma: PrismaClient, opts: { limit?: number } = {}) {
  const runs = await prisma.verificationRun.findMany({
    orderBy: { startedAt: "desc" },
    take: Math.min(opts.limit ?? 20, 100),
  });
  return runs.map((r) => ({ ...r, treeSize: Number(r.treeSize), findings: parseStoredFindings(r.findings) }));
}
