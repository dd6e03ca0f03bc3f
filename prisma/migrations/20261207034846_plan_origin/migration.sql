-- CreateEnum
CREATE TYPE "PlanOrigin" AS ENUM ('instruction', 'meeting', 'other');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "meetingDate" DATE,
ADD COLUMN     "meetingName" TEXT,
ADD COLUMN     "origin" "PlanOrigin",
ADD COLUMN     "originLeader" TEXT,
ADD COLUMN     "originText" TEXT;
