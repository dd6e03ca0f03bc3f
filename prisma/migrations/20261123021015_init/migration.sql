-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('wecom', 'dingtalk', 'console');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('member', 'leader', 'admin');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('draft', 'active', 'archived');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('lead', 'assist', 'owner');

-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('date', 'inferred', 'recurring', 'ongoing', 'unknown');

-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('open', 'claimed_done', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ExtensionState" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('queued', 'sending', 'sent', 'failed', 'acknowledged');

-- CreateEnum
CREATE TYPE "GroupKind" AS ENUM ('unit', 'leaders');

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT,
    "docNumber" TEXT,
    "issuedAt" DATE,
    "planPeriod" TEXT,
    "sourceHash" TEXT NOT NULL,
    "sourceName" TEXT,
    "status" "PlanStatus" NOT NULL DEFAULT 'draft',
    "reminderPolicy" JSONB,
    "pausedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "collective" BOOLEAN NOT NULL DEFAULT false,
    "pausedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "pathKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "targets" TEXT[],
    "warnings" TEXT[],
    "recurring" TEXT,
    "state" "TaskState" NOT NULL DEFAULT 'open',
    "percent" INTEGER NOT NULL DEFAULT 0,
    "lastReportAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "pausedUntil" TIMESTAMP(3),
    "dueDate" DATE,
    "dueKind" "DeadlineKind" NOT NULL DEFAULT 'unknown',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" "AssignmentRole" NOT NULL DEFAULT 'owner',
    "nameAsWritten" TEXT NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("taskId","unitId")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "date" DATE,
    "raw" TEXT NOT NULL,
    "kind" "DeadlineKind" NOT NULL,
    "original" DATE,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "userId" TEXT NOT NULL,
    "unitId" TEXT,
    "role" "Role" NOT NULL DEFAULT 'member',
    "mobile" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "name" TEXT,
    "kind" "GroupKind" NOT NULL DEFAULT 'unit',
    "unitId" TEXT,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "messageId" TEXT NOT NULL,
    "chatType" TEXT NOT NULL,
    "chatId" TEXT,
    "senderId" TEXT NOT NULL,
    "senderName" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "quote" TEXT,
    "replyTo" JSONB,
    "raw" JSONB,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "answer" TEXT,
    "answerState" "DeliveryState",
    "answeredAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT,
    "personId" TEXT,
    "kind" TEXT NOT NULL,
    "percent" INTEGER,
    "previousPercent" INTEGER,
    "note" TEXT,
    "messageId" TEXT,
    "originalText" TEXT NOT NULL,
    "reminderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT,
    "personId" TEXT,
    "requestedDate" DATE NOT NULL,
    "approvedDate" DATE,
    "reason" TEXT NOT NULL,
    "state" "ExtensionState" NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitId" TEXT,
    "groupId" TEXT,
    "slot" TIMESTAMP(3) NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "text" TEXT,
    "sentAt" TIMESTAMP(3),
    "ackAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderItem" (
    "reminderId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "daysOverdue" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReminderItem_pkey" PRIMARY KEY ("reminderId","taskId")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "reminderId" TEXT,
    "messageId" TEXT,
    "route" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" "DeliveryState" NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingDialog" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingDialog_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "taskId" TEXT,
    "planId" TEXT,
    "unitId" TEXT,
    "messageId" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "destination" JSONB NOT NULL,
    "markdown" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mention" TEXT[],
    "fileName" TEXT,
    "fileContent" BYTEA,
    "state" "DeliveryState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_sourceHash_key" ON "Plan"("sourceHash");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Task_state_dueDate_idx" ON "Task"("state", "dueDate");

-- CreateIndex
CREATE INDEX "Task_pathKey_idx" ON "Task"("pathKey");

-- CreateIndex
CREATE UNIQUE INDEX "Task_planId_path_key" ON "Task"("planId", "path");

-- CreateIndex
CREATE INDEX "Assignment_unitId_idx" ON "Assignment"("unitId");

-- CreateIndex
CREATE INDEX "Deadline_date_idx" ON "Deadline"("date");

-- CreateIndex
CREATE INDEX "Deadline_taskId_idx" ON "Deadline"("taskId");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_platform_userId_key" ON "Person"("platform", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_platform_chatId_key" ON "ChatGroup"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_platform_messageId_key" ON "InboundMessage"("platform", "messageId");

-- CreateIndex
CREATE INDEX "ProgressReport_taskId_createdAt_idx" ON "ProgressReport"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_messageId_taskId_kind_key" ON "ProgressReport"("messageId", "taskId", "kind");

-- CreateIndex
CREATE INDEX "ExtensionRequest_taskId_state_idx" ON "ExtensionRequest"("taskId", "state");

-- CreateIndex
CREATE INDEX "Reminder_slot_idx" ON "Reminder"("slot");

-- CreateIndex
CREATE INDEX "Reminder_unitId_sentAt_idx" ON "Reminder"("unitId", "sentAt");

-- CreateIndex
CREATE INDEX "ReminderItem_taskId_idx" ON "ReminderItem"("taskId");

-- CreateIndex
CREATE INDEX "Delivery_reminderId_idx" ON "Delivery"("reminderId");

-- CreateIndex
CREATE INDEX "Delivery_messageId_idx" ON "Delivery"("messageId");

-- CreateIndex
CREATE INDEX "AuditLog_taskId_at_idx" ON "AuditLog"("taskId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "Outbox_state_createdAt_idx" ON "Outbox"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderItem" ADD CONSTRAINT "ReminderItem_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderItem" ADD CONSTRAINT "ReminderItem_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
