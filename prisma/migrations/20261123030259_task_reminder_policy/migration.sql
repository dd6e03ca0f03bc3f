-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "reminderPolicy" JSONB;
