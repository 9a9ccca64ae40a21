-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mfaLastStep" INTEGER;

