-- AlterTable
ALTER TABLE "Disclosure" ADD COLUMN     "sealedRecipient" BYTEA,
ALTER COLUMN "recipientName" DROP NOT NULL,
ALTER COLUMN "recipientAddress" DROP NOT NULL;

