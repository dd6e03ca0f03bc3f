-- CreateIndex
CREATE INDEX "InboundMessage_chatId_senderId_receivedAt_idx" ON "InboundMessage"("chatId", "senderId", "receivedAt");
