import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMigrationPath, migrationGlob } from '../src/migrations';

test('recognizes the layouts of the migration tools lockstep knows', () => {
  for (const p of [
    '/app/prisma/migrations/20240101000000_init/migration.sql',
    '/app/src/main/resources/db/migration/V2__add_index.sql',
    '/app/migrations/000001_create_users.up.sql',
    '/app/drizzle/0001_brave_hulk.sql',
    '/app/supabase/migrations/20240101000000_init.sql',
    '/app/db/migrate/20240101_init.sql',
    'C:\\app\\prisma\\migrations\\1_init\\migration.sql',
    '/app/V3.1__fix.sql',
    '/app/sql/0002_orders.sql',
  ]) {
    assert.ok(isMigrationPath(p), p);
  }
});

test('ignores SQL that is not in a migration layout, and non-SQL files', () => {
  for (const p of ['/app/queries/report.sql', '/app/seed.sql', '/app/prisma/migrations/migration_lock.toml']) {
    assert.ok(!isMigrationPath(p), p);
  }
});

test('one brace glob for findFiles', () => {
  const g = migrationGlob();
  assert.ok(g.startsWith('{') && g.endsWith('}'));
  assert.ok(g.includes('**/prisma/migrations/**/*.sql'));
});
