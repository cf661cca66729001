SET lock_timeout = '5s';

-- CreateIndex
CREATE INDEX "Order_userId_idx" ON "Order"("userId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- lockstep:ignore rename-column -- the application reads both names since release 4.2
ALTER TABLE "User" RENAME COLUMN "name" TO "displayName";

-- lockstep:ignore drop-table -- nothing here to suppress
ALTER TABLE "Order" ALTER COLUMN "total" SET DATA TYPE BIGINT;
