-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "reachedAt" TIMESTAMP(3),
ADD COLUMN     "signMessageId" TEXT,
ADD COLUMN     "signedAt" TIMESTAMP(3),
ADD COLUMN     "signedById" TEXT;
