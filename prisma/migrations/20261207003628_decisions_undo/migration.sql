-- AlterEnum
ALTER TYPE "ExtensionState" ADD VALUE 'withdrawn';

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "outcome" TEXT;

-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "told" JSONB,
ADD COLUMN     "undoOf" TEXT,
ADD COLUMN     "undoable" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "undoneAt" TIMESTAMP(3),
ADD COLUMN     "undoneBy" TEXT;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_planId_at_idx" ON "AuditLog"("planId", "at");
