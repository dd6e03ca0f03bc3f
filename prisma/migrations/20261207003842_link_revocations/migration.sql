-- CreateTable
CREATE TABLE "LinkRevocation" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "linkId" TEXT,
    "reason" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LinkRevocation_subject_idx" ON "LinkRevocation"("subject");

-- CreateIndex
CREATE INDEX "LinkRevocation_linkId_idx" ON "LinkRevocation"("linkId");
