import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJava, javaCandidates, parseJavaMajor } from '../src/java';

test('parses java -version output of modern and legacy JDKs', () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
  assert.equal(parseJavaMajor('java version "21" 2023-09-19 LTS'), 21);
  assert.equal(parseJavaMajor('openjdk version "1.8.0_292"'), 8);
  assert.equal(parseJavaMajor('JAVA_VERSION="11.0.2"'), 11);
  assert.equal(parseJavaMajor('garbage'), undefined);
});

test('candidates: setting, then JAVA_HOME, then the first java on PATH', () => {
  const c = javaCandidates('/opt/jdk21', { JAVA_HOME: '/usr/lib/jvm/17', PATH: '/nope:/usr/bin:/bin' }, 'linux',
    (p) => p === '/usr/bin/java' || p === '/bin/java');
  assert.deepEqual(c, [
    { executable: '/opt/jdk21/bin/java', source: 'setting lockstep.javaHome' },
    { executable: '/usr/lib/jvm/17/bin/java', source: 'JAVA_HOME' },
    { executable: '/usr/bin/java', source: 'PATH' },
  ]);
});

test('blank settings and environment give no candidates', () => {
  assert.deepEqual(javaCandidates('  ', { PATH: '' }, 'linux', () => false), []);
});

test('skips a candidate that is too old and takes the next', () => {
  const found = findJava(
    [
      { executable: '/old/bin/java', source: 'JAVA_HOME' },
      { executable: '/usr/bin/java', source: 'PATH' },
    ],
    (exe) => (exe === '/old/bin/java' ? 'openjdk version "11.0.1"' : 'openjdk version "17.0.15"'),
  );
  assert.deepEqual(found, { ok: true, executable: '/usr/bin/java', source: 'PATH', major: 17 });
});

test('no usable java: the message says what was tried and what to do', () => {
  const found = findJava([{ executable: '/old/bin/java', source: 'JAVA_HOME' }], () => 'openjdk version "1.8.0_292"');
  assert.equal(found.ok, false);
  if (!found.ok) {
    assert.match(found.message, /Java 17 or newer/);
    assert.match(found.message, /\/old\/bin\/java \(from JAVA_HOME\) is Java 8/);
    assert.match(found.message, /lockstep\.javaHome/);
  }
  const none = findJava([], () => undefined);
  assert.equal(none.ok, false);
  if (!none.ok) {
    assert.match(none.message, /no java on PATH/);
  }
});

test('a candidate that does not run is reported', () => {
  const found = findJava([{ executable: '/x/bin/java', source: 'setting lockstep.javaHome' }], () => undefined);
  assert.equal(found.ok, false);
  if (!found.ok) {
    assert.match(found.message, /\/x\/bin\/java \(from setting lockstep\.javaHome\) does not run/);
  }
});
