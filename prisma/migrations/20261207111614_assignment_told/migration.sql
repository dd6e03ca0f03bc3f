-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "toldAt" TIMESTAMP(3);
