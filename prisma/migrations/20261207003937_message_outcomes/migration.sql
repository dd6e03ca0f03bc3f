-- AlterEnum
ALTER TYPE "DeliveryState" ADD VALUE 'unknown';

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "answerClaimedBy" TEXT,
ADD COLUMN     "handleAttempts" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "InboundMessage_answerState_idx" ON "InboundMessage"("answerState");
