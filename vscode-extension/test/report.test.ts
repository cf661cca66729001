import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { contains, flatten, parseReport, planMarkdown, sliceRange, statementAt, summary } from '../src/report';

const TEXT = 'CREATE TABLE "Tag" ("id" INT);\nCREATE INDEX "User_email_idx" ON "User"("email");\n';

const REPORT = JSON.stringify({
  version: 1,
  serverVersion: 17,
  files: [
    {
      path: 'prisma/migrations/2_idx/migration.sql',
      tool: 'prisma',
      dialect: 'postgresql',
      executionModel: 'implicit-transaction',
      statements: [
        { index: 0, line: 1, column: 1, endLine: 1, endColumn: 31, section: 'whole', operations: ['create-table'],
          recognized: true, inTransaction: true, effects: [] },
        { index: 1, line: 2, column: 1, endLine: 2, endColumn: 50, section: 'whole', operations: ['create-index'],
          recognized: true, inTransaction: true,
          effects: [{ relation: 'public.User', lock: 'SHARE', blocks: ['writes', 'ddl'], rewrite: false, scan: true }] },
      ],
      findings: [
        { ruleId: 'require-concurrent-index-creation', severity: 'error', message: 'CREATE INDEX takes a SHARE lock on "User"',
          help: 'Use CREATE INDEX CONCURRENTLY', statementIndex: 1, line: 2, column: 1, endLine: 2, endColumn: 50,
          fix: null,
          plan: { title: 'Build the index concurrently', steps: [
            { kind: 'migration', title: 'Create the index concurrently', path: 'prisma/migrations/3_c/migration.sql',
              sql: 'CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");', why: 'reads and writes continue' },
          ] } },
      ],
    },
  ],
  problems: [],
});

test('parses the JSON report and rejects other JSON', () => {
  assert.equal(parseReport(REPORT).files.length, 1);
  assert.throws(() => parseReport('{"x":1}'));
});

test('positions: end column exclusive, 1-based', () => {
  const r = { line: 2, column: 1, endLine: 2, endColumn: 50 };
  assert.ok(contains(r, 2, 1));
  assert.ok(contains(r, 2, 49));
  assert.ok(!contains(r, 2, 50));
  assert.ok(!contains(r, 1, 5));
  assert.equal(sliceRange(TEXT, r), 'CREATE INDEX "User_email_idx" ON "User"("email");');
});

test('the statement under the cursor, or the one before it', () => {
  const f = parseReport(REPORT).files[0];
  assert.equal(statementAt(f, 2, 10)?.index, 1);
  assert.equal(statementAt(f, 1, 3)?.index, 0);
  assert.equal(statementAt(f, 3, 1)?.index, 1);
});

test('plan markdown: SQL, effects, finding and each step with its SQL', () => {
  const f = parseReport(REPORT).files[0];
  const md = planMarkdown(f, 2, 5, TEXT);
  assert.match(md, /```sql\nCREATE INDEX "User_email_idx" ON "User"\("email"\);\n```/);
  assert.match(md, /\*\*SHARE\*\* on `public.User` — blocks writes, ddl — reads every row/);
  assert.match(md, /### error: require-concurrent-index-creation \(line 2\)/);
  assert.match(md, /\*\*Plan:\*\* Build the index concurrently/);
  assert.match(md, /1\. \*migration\*: Create the index concurrently \(`prisma\/migrations\/3_c\/migration.sql`\)/);
  assert.match(md, / {3}CREATE INDEX CONCURRENTLY/);
  const safe = planMarkdown(f, 1, 1, TEXT);
  assert.match(safe, /No table-level locks/);
  assert.match(safe, /None: this statement is safe/);
});

test('findings become 0-based editor diagnostics with absolute paths', () => {
  const d = flatten(parseReport(REPORT), '/ws', path.posix.join);
  assert.deepEqual(d, [{
    file: '/ws/prisma/migrations/2_idx/migration.sql',
    start: { line: 1, character: 0 },
    end: { line: 1, character: 49 },
    severity: 'error',
    ruleId: 'require-concurrent-index-creation',
    message: 'CREATE INDEX takes a SHARE lock on "User"',
  }]);
  assert.equal(summary(parseReport(REPORT)), '1 error, 0 warnings in 1 file');
});
