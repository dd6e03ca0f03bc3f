-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "card" JSONB;
