-- CreateTable
CREATE TABLE "SignInFailureTally" (
    "source" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "SignInFailureTally_pkey" PRIMARY KEY ("source","minute")
);
