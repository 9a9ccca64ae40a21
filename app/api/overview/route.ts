import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { getOverview } from "@/lib/monitor/get-overview";

export const dynamic = "force-dynamic";

export const GET = handleApi("dashboard.read", async () => getOverview(getPrisma()));
