/*
  Warnings:

  - You are about to drop the column `name` on the `User` table. All the data in the column will be lost.
  - You are about to drop the column `phone` on the `User` table. All the data in the column will be lost.
  - Added the required column `displayName` to the `User` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
-- Edited by hand: rename instead of drop + add, so existing names are kept.
ALTER TABLE "User" RENAME COLUMN "name" TO "displayName";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "phone";

-- Addresses carry the phone number now; every shipping address has been checked.
ALTER TABLE "Order" VALIDATE CONSTRAINT "Order_shippingAddressId_fkey";
