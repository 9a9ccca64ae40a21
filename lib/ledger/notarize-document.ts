import "server-only";
import { AppError } from "@/lib/errors";
import { dbBytes } from "@/lib/db/bytes";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZNotarizedTitle } from "./notarized-title";
import { enqueueLeaf } from "./seal/enqueue-leaf";

/**
 * Time-stamps a file by its SHA-256 (research datasets, exports): stores the fingerprint and a
 * title and anchors them in the same transaction. The file itself never reaches the server.
 * Await the receipt with awaitSealed({ kind: "notarized_document", rowId: document.id }).
 */
export async function notarizeDocument(input: {
  prisma: PrismaClient;
  title: string;
  sha256: Uint8Array;
  createdById?: string | null;
}) {
  if (!(input.sha256 instanceof Uint8Array) || input.sha256.length !== 32)
    throw new AppError("unprocessable", "sha256 must be 32 bytes");
  const title = ZNotarizedTitle.parse(input.title);
  return input.prisma.$transaction(async (tx) => {
    const document = await tx.notarizedDocument.create({
      data: { title, sha256: dbBytes(input.sha256), createdById: input.createdById ?? null },
    });
    await enqueueLeaf(tx, { kind: "notarized_document", row: document });
    return document;
  });
}
