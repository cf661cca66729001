import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  InlayHint,
  InlayHintRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { JAVA_DOWNLOAD_URL, findJava, javaCandidates } from './java';
import { blocks, ServerState, statusText, strongestLock } from './locks';
import { documentSelector, EXCLUDE_GLOB, isMigrationPath, MIGRATION_GLOBS } from './migrations';
import { flatten, parseReport, planMarkdown, summary } from './report';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let state: ServerState = 'starting';
let java: string | undefined;
let workspaceDiagnostics: vscode.DiagnosticCollection;
let lockTimer: NodeJS.Timeout | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('lockstep');
  status = vscode.window.createStatusBarItem('lockstep.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'lockstep';
  status.command = 'lockstep.showOutput';
  workspaceDiagnostics = vscode.languages.createDiagnosticCollection('lockstep-workspace');
  context.subscriptions.push(output, status, workspaceDiagnostics);

  context.subscriptions.push(
    vscode.commands.registerCommand('lockstep.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('lockstep.restartServer', () => restart(context)),
    vscode.commands.registerCommand('lockstep.lintWorkspace', () => lintWorkspace(context)),
    vscode.commands.registerCommand('lockstep.showPlan', () => showPlan(context)),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleLockUpdate()),
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
    vscode.languages.onDidChangeDiagnostics(() => scheduleLockUpdate()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // These choose the server process or the documents it is sent: they take effect on a restart.
      if (e.affectsConfiguration('lockstep.javaHome') || e.affectsConfiguration('lockstep.jarPath')
        || e.affectsConfiguration('lockstep.lintUntitled')) {
        void restart(context);
      }
    }),
  );
  status.show();
  render();
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('lockstep');
}

/** The jar: the lockstep.jarPath setting, else the one shipped in the extension. */
function jarPath(context: vscode.ExtensionContext): string {
  const configured = config().get<string>('jarPath', '').trim();
  return configured || context.asAbsolutePath(path.join('server', 'lockstep.jar'));
}

function serverSettings(): Record<string, unknown> {
  const c = config();
  const pg = c.get<number | null>('pgVersion', null);
  const configPath = c.get<string>('configPath', '').trim();
  return {
    pgVersion: typeof pg === 'number' ? pg : null,
    tool: c.get<string>('tool', ''),
    config: configPath ? resolveInWorkspace(configPath) : '',
  };
}

function resolveInWorkspace(p: string): string {
  if (path.isAbsolute(p)) {
    return p;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, p) : p;
}

/** Arguments `lockstep lint` takes for the current settings. */
function lintArgs(): string[] {
  const s = serverSettings();
  const args: string[] = [];
  if (typeof s.pgVersion === 'number') {
    args.push('--pg-version', String(s.pgVersion));
  }
  if (s.tool) {
    args.push('--tool', String(s.tool));
  }
  if (s.config) {
    args.push('--config', String(s.config));
  }
  return args;
}

function resolveJava(): string | undefined {
  const found = findJava(javaCandidates(config().get<string>('javaHome', ''), process.env));
  if (found.ok) {
    output.appendLine(`Using Java ${found.major}: ${found.executable} (from ${found.source})`);
    return found.executable;
  }
  output.appendLine(found.message);
  void vscode.window
    .showErrorMessage(found.message, 'Download Java 17', 'Set lockstep.javaHome')
    .then((choice) => {
      if (choice === 'Download Java 17') {
        void vscode.env.openExternal(vscode.Uri.parse(JAVA_DOWNLOAD_URL));
      } else if (choice === 'Set lockstep.javaHome') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'lockstep.javaHome');
      }
    });
  return undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  java = resolveJava();
  if (!java) {
    setState('no-java');
    return;
  }
  const jar = jarPath(context);
  const serverOptions: ServerOptions = {
    command: java,
    args: ['-XX:+UseSerialGC', '-Xss4m', '-jar', jar, 'lsp'],
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(config().get<boolean>('lintUntitled', true)),
    initializationOptions: { lockstep: serverSettings() },
    synchronize: { configurationSection: 'lockstep' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('lockstep', 'lockstep', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      setState('running');
    } else if (e.newState === State.Starting) {
      setState('starting');
    } else {
      setState('stopped');
    }
  });
  setState('starting');
  try {
    await client.start();
    setState('running');
  } catch (e) {
    setState('stopped');
    output.appendLine(`lockstep language server failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`lockstep language server failed to start: ${String(e)}`, 'Show output')
      .then((c) => c && output.show(true));
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    try {
      await client.stop();
    } catch {
      // already stopped
    }
    client = undefined;
  }
  await start(context);
}

function setState(s: ServerState): void {
  state = s;
  render();
  scheduleLockUpdate();
}

let currentLock: string | undefined;

function render(): void {
  const doc = vscode.window.activeTextEditor?.document;
  const migration = !!doc && doc.uri.scheme === 'file' && isMigrationPath(doc.uri.fsPath);
  status.text = statusText(state, currentLock, migration);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**lockstep** language server: ${state}`);
  if (migration && currentLock) {
    md.appendMarkdown(`\n\nStrongest lock in this file: **${currentLock}** (${blocks(currentLock)})`);
  }
  md.appendMarkdown('\n\nClick for the lockstep output.');
  status.tooltip = md;
}

function scheduleLockUpdate(): void {
  if (lockTimer) {
    clearTimeout(lockTimer);
  }
  lockTimer = setTimeout(() => void updateLock(), 250);
}

/** The current file's strongest lock, from the server's inlay hints (one per statement). */
async function updateLock(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  currentLock = undefined;
  if (!editor || !client || state !== 'running' || !isMigrationPath(editor.document.uri.fsPath)) {
    render();
    return;
  }
  const doc = editor.document;
  try {
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const hints = (await client.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: doc.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: { line: end.line, character: end.character } },
    })) as InlayHint[] | null;
    const labels = (hints ?? []).map((h) =>
      typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
    );
    currentLock = strongestLock(labels);
  } catch (e) {
    output.appendLine(`inlay hints for the status bar failed: ${String(e)}`);
  }
  render();
}

function runLockstep(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!java) {
      reject(new Error('no Java 17 found'));
      return;
    }
    execFile(java, ['-jar', jarPathCache, ...args], { cwd, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      // Exit 1 means findings; 2 input problems (the report is still complete).
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      if (err && code !== 1 && code !== 2) {
        reject(new Error(stderr || String(err)));
        return;
      }
      if (stderr.trim()) {
        output.appendLine(stderr.trim());
      }
      resolve(stdout);
    });
  });
}

let jarPathCache = '';

async function lintWorkspace(context: vscode.ExtensionContext): Promise<void> {
  jarPathCache = jarPath(context);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('lockstep: open a folder to lint its migrations.');
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'lockstep: linting workspace migrations' },
    async () => {
      workspaceDiagnostics.clear();
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.fsPath));
      const byFile = new Map<string, vscode.Diagnostic[]>();
      const summaries: string[] = [];
      for (const folder of folders) {
        const files = await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, `{${MIGRATION_GLOBS.join(',')}}`),
          EXCLUDE_GLOB,
        );
        if (files.length === 0) {
          continue;
        }
        let report;
        try {
          report = parseReport(await runLockstep(['lint', '--format', 'json', '--fail-on', 'never', ...lintArgs(), '.'], folder.uri.fsPath));
        } catch (e) {
          output.appendLine(`lockstep lint failed in ${folder.uri.fsPath}: ${String(e)}`);
          void vscode.window.showErrorMessage(`lockstep lint failed: ${String(e)}`);
          continue;
        }
        summaries.push(`${folder.name}: ${summary(report)}`);
        for (const p of report.problems) {
          output.appendLine(`problem: ${p.path}: ${p.message}`);
        }
        for (const d of flatten(report, folder.uri.fsPath, path.join)) {
          if (open.has(d.file)) {
            continue; // the language server reports open files
          }
          const diag = new vscode.Diagnostic(
            new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character),
            d.message,
            d.severity === 'error'
              ? vscode.DiagnosticSeverity.Error
              : d.severity === 'warning'
                ? vscode.DiagnosticSeverity.Warning
                : vscode.DiagnosticSeverity.Information,
          );
          diag.source = 'lockstep';
          diag.code = d.ruleId;
          const list = byFile.get(d.file) ?? [];
          list.push(diag);
          byFile.set(d.file, list);
        }
      }
      for (const [file, diags] of byFile) {
        workspaceDiagnostics.set(vscode.Uri.file(file), diags);
      }
      const text = summaries.length ? summaries.join('; ') : 'no migrations found';
      output.appendLine(`lint workspace migrations: ${text}`);
      const choice = await vscode.window.showInformationMessage(`lockstep: ${text}`, 'Show Problems');
      if (choice) {
        await vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    },
  );
}

async function showPlan(context: vscode.ExtensionContext): Promise<void> {
  jarPathCache = jarPath(context);
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('lockstep: open a migration file and put the cursor in a statement.');
    return;
  }
  const doc = editor.document;
  if (doc.isDirty) {
    await doc.save();
  }
  const pos = editor.selection.active;
  const dir = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? path.dirname(doc.uri.fsPath);
  let markdown: string;
  try {
    const report = parseReport(
      await runLockstep(['lint', '--format', 'json', '--fail-on', 'never', ...lintArgs(), doc.uri.fsPath], dir),
    );
    const file = report.files.find((f) => path.resolve(dir, f.path) === doc.uri.fsPath) ?? report.files[0];
    if (!file) {
      const why = report.problems.map((p) => p.message).join('; ');
      void vscode.window.showInformationMessage(`lockstep: ${doc.uri.fsPath} is not a migration lockstep can find${why ? `: ${why}` : ''}.`);
      return;
    }
    markdown = planMarkdown(file, pos.line + 1, pos.character + 1, doc.getText());
  } catch (e) {
    void vscode.window.showErrorMessage(`lockstep: ${String(e)}`);
    return;
  }
  const planDoc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(planDoc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
