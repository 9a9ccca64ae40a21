-- CreateTable
CREATE TABLE "MonitorWatermark" (
    "consumer" TEXT NOT NULL,
    "ledgerIndex" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitorWatermark_pkey" PRIMARY KEY ("consumer")
);

-- CreateTable
CREATE TABLE "AccessHourlyRollup" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "subtype" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "purposeOfUse" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "events" INTEGER NOT NULL,

    CONSTRAINT "AccessHourlyRollup_pkey" PRIMARY KEY ("hour","type","subtype","action","outcome","purposeOfUse","actorRole","department")
);

-- CreateTable
CREATE TABLE "ActorHourlyRollup" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID NOT NULL,
    "events" INTEGER NOT NULL,
    "denied" INTEGER NOT NULL,

    CONSTRAINT "ActorHourlyRollup_pkey" PRIMARY KEY ("actorId","hour")
);

-- CreateTable
CREATE TABLE "ActorPatientDailyRollup" (
    "day" DATE NOT NULL,
    "actorId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "events" INTEGER NOT NULL,
    "denied" INTEGER NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ActorPatientDailyRollup_pkey" PRIMARY KEY ("day","actorId","patientId")
);

-- CreateIndex
CREATE INDEX "ActorHourlyRollup_hour_idx" ON "ActorHourlyRollup"("hour");

-- CreateIndex
CREATE INDEX "ActorPatientDailyRollup_patientId_day_idx" ON "ActorPatientDailyRollup"("patientId", "day");

-- CreateIndex
CREATE INDEX "ActorPatientDailyRollup_actorId_day_idx" ON "ActorPatientDailyRollup"("actorId", "day");

