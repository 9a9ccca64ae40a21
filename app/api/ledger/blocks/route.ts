import { z } from "zod";
import { handleApi } from "@/lib/http/handle-api";
import { parseQuery, zNonNegativeInt } from "@/lib/http/query";
import { blockJson } from "@/lib/ledger/proofs/ledger-json";
import { listBlocks } from "@/lib/ledger/proofs/list-blocks";

export const dynamic = "force-dynamic";

const ZQuery = z
  .object({ limit: zNonNegativeInt("limit").min(1).max(500).optional(), before: zNonNegativeInt("before").optional() })
  .strict();

/** Blocks, newest first; pass `nextBefore` back as `before` for the next page. */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const page = await listBlocks(parseQuery(request, ZQuery));
  return { blocks: page.blocks.map(blockJson), nextBefore: page.nextBefore };
});
