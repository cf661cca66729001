/*
  Warnings:

  - Added the required column `country` to the `Address` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Address" ADD COLUMN     "country" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Order" ALTER COLUMN "totalCents" SET DATA TYPE BIGINT,
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "OrderItem" ALTER COLUMN "unitPriceCents" SET DATA TYPE BIGINT;
