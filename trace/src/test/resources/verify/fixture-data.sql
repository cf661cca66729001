-- Rows for the fixture (server only; lockstep does not see data). A few thousand rows per table,
-- enough for scans and rewrites to show in pg_stat and relfilenode. Properties cases rely on:
--   "User"."nickname" has NULLs, "User"."bio" has none (nullable, no NULLs),
--   "User"."name" has duplicates, "User"."email" is unique,
--   "Product"."weight" has no NULLs, every "Product"."title" fits in VARCHAR(50),
--   "Product"."description" has values longer than 100 characters,
--   "Order"."note" is NULL except in a few rows, "Review"."rating" is within 1..5,
--   "Event" has rows in 2025, 2026 and (default partition) 2028, none in 2024.
INSERT INTO "User" ("email", "name", "nickname", "bio", "role", "createdAt", "updatedAt")
SELECT 'user' || i || '@example.com', 'name ' || (i % 100), CASE WHEN i % 3 = 0 THEN NULL ELSE 'nick' || i END,
       'bio of user ' || i, CASE WHEN i % 50 = 0 THEN 'ADMIN'::"Role" ELSE 'USER'::"Role" END,
       timestamp '2025-01-01' + i * interval '1 hour', timestamp '2025-06-01' + i * interval '1 minute'
FROM generate_series(1, 3000) AS i;

INSERT INTO "Category" ("id", "name", "slug")
SELECT 'cat' || lpad(i::text, 4, '0'), 'Category ' || i, 'category-' || i
FROM generate_series(1, 50) AS i;

INSERT INTO "Product" ("sku", "title", "description", "price", "stock", "weight", "createdAt")
SELECT 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, repeat('long description ', 8) || i,
       (i % 500) + 0.99, i % 40, 100 + i % 900, timestamp '2025-01-01' + i * interval '2 hours'
FROM generate_series(1, 3000) AS i;

INSERT INTO "Order" ("userId", "status", "total", "note", "placedAt")
SELECT 1 + (i % 3000), (ARRAY['PENDING', 'PAID', 'SHIPPED', 'CANCELLED']::"Status"[])[1 + i % 4], (i % 1000) + 10.50,
       CASE WHEN i % 500 = 0 THEN 'gift' END, timestamp '2025-02-01' + i * interval '30 minutes'
FROM generate_series(1, 5000) AS i;

INSERT INTO "OrderItem" ("orderId", "productId", "quantity", "unitPrice")
SELECT 1 + (i % 5000), 1 + (i * 7 % 3000), 1 + i % 5, (i % 500) + 0.99
FROM generate_series(1, 10000) AS i;

INSERT INTO "Review" ("id", "productId", "userId", "rating", "body")
SELECT 'rev' || i, 1 + (i % 3000), 1 + (i % 3000), 1 + i % 5, 'review ' || i
FROM generate_series(1, 3000) AS i;

INSERT INTO "_CategoryToProduct" ("A", "B")
SELECT 'cat' || lpad((1 + i % 50)::text, 4, '0'), 1 + (i / 50) % 3000
FROM generate_series(0, 4999) AS i;

INSERT INTO "Event" ("userId", "kind", "payload", "createdAt")
SELECT 1 + (i % 3000), 'kind' || (i % 7), jsonb_build_object('n', i),
       CASE WHEN i % 3 = 0 THEN timestamp '2025-01-01' + (i % 8000) * interval '1 hour'
            WHEN i % 3 = 1 THEN timestamp '2026-01-01' + (i % 8000) * interval '1 hour'
            ELSE timestamp '2028-01-01' + (i % 8000) * interval '1 hour' END
FROM generate_series(1, 6000) AS i;

REFRESH MATERIALIZED VIEW "ProductStats";
