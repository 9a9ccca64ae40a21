import { getReadPrisma } from "@/lib/db/read-client";
import { handleApi } from "@/lib/http/handle-api";
import { readDashboardFigures } from "@/lib/monitor/read-dashboard-figures";

export const dynamic = "force-dynamic";

/** The dashboard's overview figures, shared for a few seconds (computedAt says when they were read). */
export const GET = handleApi("dashboard.read", async () => {
  const { value, computedAt } = await readDashboardFigures(getReadPrisma());
  return { ...value.overview, computedAt: computedAt.toISOString() };
});
