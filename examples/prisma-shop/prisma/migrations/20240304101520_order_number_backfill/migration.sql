/*
  Warnings:

  - A unique constraint covering the columns `[orderNumber]` on the table `Order` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `orderNumber` to the `Order` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
-- Edited by hand: add as nullable, fill existing rows, then require it.
ALTER TABLE "Order" ADD COLUMN     "orderNumber" TEXT;

-- Backfill
UPDATE "Order" SET "orderNumber" = 'SO-' || to_char("createdAt" AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || upper(substr(md5("id"), 1, 10));

-- AlterTable
ALTER TABLE "Order" ALTER COLUMN "orderNumber" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Order_orderNumber_key" ON "Order"("orderNumber");
