-- The alert queue (/alerts, GET /api/monitor/alerts) pages by keyset over ("createdAt", id),
-- newest first (docs/monitoring-indexes.md, "The alert queue"). The older indexes ended at
-- "createdAt", so a page boundary inside a batch of alerts raised at one instant needed a sort.

-- DropIndex
DROP INDEX "PrivacyAlert_createdAt_idx";

-- DropIndex
DROP INDEX "PrivacyAlert_actorId_createdAt_idx";

-- CreateIndex
CREATE INDEX "PrivacyAlert_createdAt_id_idx" ON "PrivacyAlert"("createdAt", "id");

-- CreateIndex
CREATE INDEX "PrivacyAlert_status_createdAt_id_idx" ON "PrivacyAlert"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PrivacyAlert_actorId_createdAt_id_idx" ON "PrivacyAlert"("actorId", "createdAt", "id");

-- The open queue (new or under review), the page's default: partial, so it stays the size of the
-- backlog while closed alerts accumulate. alertQueueWhere (lib/monitor/alerts/list-alert-queue.ts) writes this
-- predicate word for word (a partial index is used only when the query's WHERE implies it).
CREATE INDEX "PrivacyAlert_open_createdAt_id_idx" ON "PrivacyAlert"("createdAt", "id") WHERE "status" IN ('new', 'under_review');
