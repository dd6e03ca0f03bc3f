-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "answerAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "answerClaimedAt" TIMESTAMP(3),
ADD COLUMN     "answerError" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "claimedAt" TIMESTAMP(3);
