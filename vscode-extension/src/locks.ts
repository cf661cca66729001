/** PostgreSQL table-level lock modes, weakest first. */
export const LOCK_MODES: readonly string[] = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
];

// Longest names first so "SHARE ROW EXCLUSIVE" is not read as "SHARE".
const BY_LENGTH = [...LOCK_MODES].sort((a, b) => b.length - a.length);
const PATTERN = new RegExp(`\\b(${BY_LENGTH.join('|')})\\b`, 'g');

/** Every lock mode named in a text (an inlay hint such as `SHARE "User" · scans`), in order. */
export function locksIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PATTERN)) {
    out.push(m[1]);
  }
  return out;
}

/** The strongest lock mode named in any of the texts. */
export function strongestLock(texts: Iterable<string>): string | undefined {
  let best = -1;
  for (const t of texts) {
    for (const lock of locksIn(t)) {
      best = Math.max(best, LOCK_MODES.indexOf(lock));
    }
  }
  return best >= 0 ? LOCK_MODES[best] : undefined;
}

/** What the lock blocks, for the status bar tooltip. */
export function blocks(lock: string): string {
  const i = LOCK_MODES.indexOf(lock);
  if (i >= LOCK_MODES.indexOf('ACCESS EXCLUSIVE')) {
    return 'blocks reads and writes';
  }
  if (i >= LOCK_MODES.indexOf('SHARE')) {
    return 'blocks writes';
  }
  if (i >= LOCK_MODES.indexOf('SHARE UPDATE EXCLUSIVE')) {
    return 'blocks schema changes, not reads or writes';
  }
  return 'blocks only ACCESS EXCLUSIVE';
}

export type ServerState = 'starting' | 'running' | 'stopped' | 'no-java';

/** The status bar text: the server state, then the current file's strongest lock. */
export function statusText(state: ServerState, lock: string | undefined, isMigration: boolean): string {
  switch (state) {
    case 'starting':
      return '$(sync~spin) lockstep';
    case 'stopped':
      return '$(error) lockstep: stopped';
    case 'no-java':
      return '$(warning) lockstep: no Java 17';
    default:
      break;
  }
  if (!isMigration) {
    return '$(lock) lockstep';
  }
  if (!lock) {
    return '$(unlock) lockstep: no locks';
  }
  const icon = LOCK_MODES.indexOf(lock) >= LOCK_MODES.indexOf('SHARE') ? '$(lock)' : '$(unlock)';
  return `${icon} ${lock}`;
}
