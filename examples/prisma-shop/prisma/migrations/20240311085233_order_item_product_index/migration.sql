-- CreateIndex
CREATE INDEX CONCURRENTLY "OrderItem_productId_idx" ON "OrderItem"("productId");
