import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MIGRATION_GLOBS } from '../src/migrations';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pom = fs.readFileSync(path.join(root, 'pom.xml'), 'utf8');

test('@types/vscode is pinned to the lowest VS Code the extension supports', () => {
  assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
});

test('the .vsix version in the Maven build is package.json\'s version', () => {
  assert.match(pom, new RegExp(`<vsix.version>${pkg.version.replace(/\./g, '\\.')}</vsix.version>`));
});

test('every command is contributed with a title and every setting has a description', () => {
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(commands.sort(), [
    'lockstep.lintWorkspace',
    'lockstep.restartServer',
    'lockstep.showOutput',
    'lockstep.showPlan',
  ]);
  for (const [key, spec] of Object.entries(pkg.contributes.configuration.properties) as [string, { markdownDescription?: string }][]) {
    assert.ok(spec.markdownDescription, key);
  }
  for (const key of ['lockstep.pgVersion', 'lockstep.configPath', 'lockstep.trace.server']) {
    assert.ok(pkg.contributes.configuration.properties[key], key);
  }
});

test('activates on migration folders and on the commands', () => {
  const events: string[] = pkg.activationEvents;
  assert.ok(events.includes('workspaceContains:**/prisma/migrations/**/migration.sql'));
  assert.ok(events.includes('onCommand:lockstep.lintWorkspace'));
  assert.ok(events.includes('onCommand:lockstep.showPlan'));
  assert.ok(MIGRATION_GLOBS.includes('**/prisma/migrations/**/*.sql'));
});
