import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blocks, locksIn, statusText, strongestLock } from '../src/locks';

test('reads lock modes from inlay hint labels without confusing overlapping names', () => {
  assert.deepEqual(locksIn('SHARE "User" · scans'), ['SHARE']);
  assert.deepEqual(locksIn('SHARE ROW EXCLUSIVE "Order", SHARE ROW EXCLUSIVE "User"'), [
    'SHARE ROW EXCLUSIVE',
    'SHARE ROW EXCLUSIVE',
  ]);
  assert.deepEqual(locksIn('ACCESS EXCLUSIVE "Order" · rewrites'), ['ACCESS EXCLUSIVE']);
  assert.deepEqual(locksIn('ACCESS SHARE "x"'), ['ACCESS SHARE']);
  assert.deepEqual(locksIn('SHAREHOLDER "x"'), []);
});

test('the strongest lock over several statements', () => {
  assert.equal(strongestLock(['SHARE UPDATE EXCLUSIVE "a"', 'SHARE "b"', 'ROW EXCLUSIVE "c"']), 'SHARE');
  assert.equal(strongestLock(['SHARE "b"', 'ACCESS EXCLUSIVE "c"']), 'ACCESS EXCLUSIVE');
  assert.equal(strongestLock([]), undefined);
  assert.equal(strongestLock(['no locks']), undefined);
});

test('status text follows the server state, then the lock', () => {
  assert.equal(statusText('starting', undefined, true), '$(sync~spin) lockstep');
  assert.equal(statusText('no-java', 'SHARE', true), '$(warning) lockstep: no Java 17');
  assert.equal(statusText('stopped', 'SHARE', true), '$(error) lockstep: stopped');
  assert.equal(statusText('running', 'SHARE', true), '$(lock) SHARE');
  assert.equal(statusText('running', 'SHARE UPDATE EXCLUSIVE', true), '$(unlock) SHARE UPDATE EXCLUSIVE');
  assert.equal(statusText('running', undefined, true), '$(unlock) lockstep: no locks');
  assert.equal(statusText('running', 'SHARE', false), '$(lock) lockstep');
});

test('what each lock blocks', () => {
  assert.equal(blocks('ACCESS EXCLUSIVE'), 'blocks reads and writes');
  assert.equal(blocks('SHARE'), 'blocks writes');
  assert.equal(blocks('SHARE UPDATE EXCLUSIVE'), 'blocks schema changes, not reads or writes');
});
