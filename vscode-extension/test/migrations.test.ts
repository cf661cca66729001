import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentSelector, isMigrationPath, MIGRATION_GLOBS, migrationGlob } from '../src/migrations';

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

test('the language client is sent saved migration files, and untitled SQL buffers only when asked', () => {
  const withUntitled = documentSelector(true);
  const without = documentSelector(false);
  assert.deepEqual(withUntitled.filter((d) => d.scheme === 'untitled'), [{ scheme: 'untitled', language: 'sql' }]);
  assert.deepEqual(without.filter((d) => d.scheme === 'untitled'), []);
  assert.deepEqual(without, withUntitled.filter((d) => d.scheme !== 'untitled'));
  assert.deepEqual(without.map((d) => d.pattern), [...MIGRATION_GLOBS]);
  assert.ok(without.every((d) => d.scheme === 'file' && d.language === 'sql'));
});
