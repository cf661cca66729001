-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX CONCURRENTLY "Product_archivedAt_idx" ON "Product"("archivedAt");
