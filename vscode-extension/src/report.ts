/** The parts of `lockstep lint --format json` (docs/json-format.md, version 1) the extension reads. */
export interface Report {
  version: number;
  serverVersion: number;
  files: ReportFile[];
  problems: { path: string; message: string }[];
}

export interface Range1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportFile {
  path: string;
  tool: string;
  executionModel: string;
  statements: Statement[];
  findings: Finding[];
}

export interface Statement extends Range1 {
  index: number;
  operations: string[];
  recognized: boolean;
  inTransaction: boolean;
  effects: Effect[];
}

export interface Effect {
  relation: string;
  lock: string;
  blocks: string[];
  rewrite: boolean;
  scan: boolean;
}

export interface Finding extends Range1 {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  help: string;
  statementIndex: number;
  fix: { title: string } | null;
  plan: Plan | null;
}

export interface Plan {
  title: string;
  steps: { kind: string; title: string; path: string | null; sql: string | null; why: string }[];
}

export function parseReport(json: string): Report {
  const r = JSON.parse(json) as Report;
  if (!r || typeof r !== 'object' || !Array.isArray(r.files)) {
    throw new Error('not a lockstep JSON report');
  }
  return r;
}

/** Whether a 1-based (line) position falls in a range (end column exclusive). */
export function contains(r: Range1, line: number, column: number): boolean {
  if (line < r.line || line > r.endLine) {
    return false;
  }
  if (line === r.line && column < r.column) {
    return false;
  }
  if (line === r.endLine && column >= r.endColumn && !(r.line === r.endLine && r.column === r.endColumn)) {
    return false;
  }
  return true;
}

/** The statement at a 1-based position, else the last statement that starts on or before its line. */
export function statementAt(file: ReportFile, line: number, column: number): Statement | undefined {
  const hit = file.statements.find((s) => contains(s, line, column));
  if (hit) {
    return hit;
  }
  let best: Statement | undefined;
  for (const s of file.statements) {
    if (s.line <= line) {
      best = s;
    }
  }
  return best;
}

function describeEffect(e: Effect): string {
  const parts = [`**${e.lock}** on \`${e.relation}\``];
  parts.push(e.blocks.length ? `blocks ${e.blocks.join(', ')}` : 'blocks no ordinary traffic');
  if (e.rewrite) {
    parts.push('rewrites it');
  }
  if (e.scan) {
    parts.push('reads every row');
  }
  return parts.join(' — ');
}

/**
 * Markdown for "show plan for statement": what the statement at the position does (locks per
 * relation, rewrite, scan, transaction), its findings, and each finding's expand/contract plan
 * with the SQL of every step.
 */
export function planMarkdown(file: ReportFile, line: number, column: number, text: string): string {
  const st = statementAt(file, line, column);
  if (!st) {
    return `# lockstep\n\nNo statement at line ${line} of \`${file.path}\`.\n`;
  }
  const out: string[] = [];
  out.push(`# lockstep: statement ${st.index + 1} of \`${file.path}\``, '');
  const sql = sliceRange(text, st).trim();
  if (sql) {
    out.push('```sql', sql, '```', '');
  }
  out.push(`Runs ${st.inTransaction ? 'inside a transaction' : 'outside a transaction'} (${file.tool}, ${file.executionModel}).`, '');
  if (!st.recognized) {
    out.push('lockstep does not understand all of this statement: its effects are unknown.', '');
  }
  out.push('## Effects', '');
  if (st.effects.length === 0) {
    out.push('No table-level locks lockstep knows of.', '');
  } else {
    for (const e of st.effects) {
      out.push(`- ${describeEffect(e)}`);
    }
    out.push('');
  }
  const findings = file.findings.filter((f) => f.statementIndex === st.index);
  out.push('## Findings', '');
  if (findings.length === 0) {
    out.push('None: this statement is safe as far as lockstep can tell.', '');
  }
  for (const f of findings) {
    out.push(`### ${f.severity}: ${f.ruleId} (line ${f.line})`, '', f.message, '');
    if (f.help) {
      out.push(`**Fix:** ${f.help}`, '');
    }
    if (f.plan) {
      out.push(`**Plan:** ${f.plan.title}`, '');
      f.plan.steps.forEach((s, i) => {
        out.push(`${i + 1}. *${s.kind}*: ${s.title}${s.path ? ` (\`${s.path}\`)` : ''}`);
        if (s.why) {
          out.push(`   ${s.why}`);
        }
        if (s.sql) {
          out.push('', '   ```sql', ...s.sql.trim().split('\n').map((l) => `   ${l}`), '   ```');
        }
        out.push('');
      });
    }
  }
  return out.join('\n');
}

/** The text of a 1-based range (UTF-16 columns, end exclusive). */
export function sliceRange(text: string, r: Range1): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      starts.push(i + 1);
    }
  }
  const at = (line: number, col: number) => Math.min(text.length, (starts[line - 1] ?? text.length) + col - 1);
  return text.slice(at(r.line, r.column), at(r.endLine, r.endColumn));
}

export interface FlatDiagnostic {
  /** Absolute path of the file. */
  file: string;
  /** 0-based line and UTF-16 character, end exclusive: what VS Code ranges use. */
  start: { line: number; character: number };
  end: { line: number; character: number };
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
}

/** Every finding of a report as an editor diagnostic; report paths are relative to `baseDir`. */
export function flatten(report: Report, baseDir: string, join: (a: string, b: string) => string): FlatDiagnostic[] {
  const out: FlatDiagnostic[] = [];
  for (const f of report.files) {
    const file = f.path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f.path) ? f.path : join(baseDir, f.path);
    for (const x of f.findings) {
      out.push({
        file,
        start: { line: x.line - 1, character: x.column - 1 },
        end: { line: x.endLine - 1, character: x.endColumn - 1 },
        severity: x.severity,
        ruleId: x.ruleId,
        message: x.message,
      });
    }
  }
  return out;
}

/** `2 errors, 1 warning in 3 files`. */
export function summary(report: Report): string {
  let errors = 0;
  let warnings = 0;
  for (const f of report.files) {
    for (const x of f.findings) {
      if (x.severity === 'error') {
        errors++;
      } else if (x.severity === 'warning') {
        warnings++;
      }
    }
  }
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')} in ${n(report.files.length, 'file')}`;
}
