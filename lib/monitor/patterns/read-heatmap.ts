import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hourOfWeekGrid, type THourOfWeekGrid } from "./hour-of-week-grid";

/** Whose activity a heatmap shows. */
export type THeatmapScope =
  { kind: "hospital" } | { kind: "department"; departmentId: string } | { kind: "user"; userId: string };

export type THeatmap = THourOfWeekGrid & { scope: THeatmapScope; label: string; from: Date; to: Date };

/**
 * Access events by local hour and weekday over [from, to), from the hourly rollups (never a
 * count over AccessEvent). A department is shown in its own time zone and a user in their
 * department's; the whole hospital in UTC, since its departments may keep different clocks.
 * An unknown department or user answers null.
 */
export async function readHeatmap(
  prisma: PrismaClient,
  scope: THeatmapScope,
  period: { from: Date; to: Date },
): Promise<THeatmap | null> {
  const { from, to } = period;
  if (scope.kind === "hospital") {
    const rows = await prisma.$queryRaw<{ hour: Date; events: number }[]>`
      SELECT hour, sum(events)::int AS events FROM "AccessHourlyRollup"
      WHERE hour >= ${from} AND hour < ${to} GROUP BY hour`;
    return { ...hourOfWeekGrid(rows, "UTC"), scope, label: "Whole hospital", from, to };
  }
  if (scope.kind === "department") {
    const department = await prisma.department.findUnique({ where: { id: scope.departmentId } });
    if (!department) return null;
    // The rollups name an event's department as the actor's User.department does: by name.
    const rows = await prisma.$queryRaw<{ hour: Date; events: number }[]>`
      SELECT hour, sum(events)::int AS events FROM "AccessHourlyRollup"
      WHERE department = ${department.name} AND hour >= ${from} AND hour < ${to} GROUP BY hour`;
    return { ...hourOfWeekGrid(rows, department.timeZone), scope, label: department.name, from, to };
  }
  const user = await prisma.user.findUnique({
    where: { id: scope.userId },
    select: { displayName: true, department: true, role: true },
  });
  if (!user || user.role === "PATIENT") return null;
  const department = user.department
    ? await prisma.department.findUnique({ where: { name: user.department }, select: { timeZone: true } })
    : null;
  const rows = await prisma.$queryRaw<{ hour: Date; events: number }[]>`
    SELECT hour, events FROM "ActorHourlyRollup"
    WHERE "actorId" = ${scope.userId}::uuid AND hour >= ${from} AND hour < ${to}`;
  return { ...hourOfWeekGrid(rows, department?.timeZone ?? "UTC"), scope, label: user.displayName, from, to };
}
