/**
 * Where migration tools keep their SQL. The language server decides for itself what a file is;
 * these patterns only choose which SQL files the extension sends it and when it activates.
 */
export const MIGRATION_GLOBS: readonly string[] = [
  '**/prisma/migrations/**/*.sql',
  '**/migrations/**/*.sql',
  '**/migration/**/*.sql',
  '**/db/migrate/**/*.sql',
  '**/db/migration/**/*.sql',
  '**/drizzle/**/*.sql',
  '**/supabase/migrations/*.sql',
  '**/schema/**/*.sql',
  '**/sql/**/*.sql',
];

const FLYWAY = /(^|\/)[VUR]\d[\w.]*__[^/]*\.sql$/i;
const GOLANG_MIGRATE = /(^|\/)\d+_[^/]*\.(up|down)\.sql$/i;
const DIRS = /(^|\/)(migrations?|db\/migrate|drizzle|schema|sql)\//i;

/** Whether a path (any separators) looks like a migration file of a tool lockstep knows. */
export function isMigrationPath(p: string): boolean {
  const s = p.replace(/\\/g, '/');
  if (!/\.sql$/i.test(s)) {
    return false;
  }
  return DIRS.test(s) || FLYWAY.test(s) || GOLANG_MIGRATE.test(s);
}

/** One glob for `workspace.findFiles`: every migration pattern. */
export function migrationGlob(): string {
  return `{${MIGRATION_GLOBS.join(',')}}`;
}

export const EXCLUDE_GLOB = '{**/node_modules/**,**/target/**,**/.git/**,**/dist/**,**/build/**}';

/** A document filter of the language client: which open documents the server is sent. */
export interface SelectorEntry {
  scheme: string;
  language: string;
  pattern?: string;
}

/**
 * The documents the server lints: saved SQL files in a migration layout, and SQL buffers never
 * saved (`untitled:`) unless `lintUntitled` is off.
 */
export function documentSelector(lintUntitled: boolean): SelectorEntry[] {
  return [
    ...MIGRATION_GLOBS.map((pattern) => ({ scheme: 'file', language: 'sql', pattern })),
    ...(lintUntitled ? [{ scheme: 'untitled', language: 'sql' }] : []),
  ];
}
