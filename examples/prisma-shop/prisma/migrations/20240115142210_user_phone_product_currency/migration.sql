-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
ALTER COLUMN "name" SET DATA TYPE VARCHAR(200);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "phone" TEXT;
