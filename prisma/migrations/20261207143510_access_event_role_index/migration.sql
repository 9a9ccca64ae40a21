-- CreateIndex
CREATE INDEX "AccessEvent_actorRole_recorded_id_idx" ON "AccessEvent"("actorRole", "recorded", "id");

