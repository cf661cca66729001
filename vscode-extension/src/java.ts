import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Where a Java executable came from, for messages. */
export type JavaSource = 'setting lockstep.javaHome' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  executable: string;
  source: JavaSource;
}

export interface JavaFound {
  ok: true;
  executable: string;
  source: JavaSource;
  major: number;
}

export interface JavaMissing {
  ok: false;
  /** Human-readable reason, naming what was tried. */
  message: string;
}

export const MIN_JAVA = 17;
export const JAVA_DOWNLOAD_URL = 'https://adoptium.net/temurin/releases/?version=17';

/** Parses the major version out of `java -version` output (or a `release` file's JAVA_VERSION). */
export function parseJavaMajor(text: string): number | undefined {
  const m = /(?:version|JAVA_VERSION=)\s*"?(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) {
    return undefined;
  }
  const first = Number(m[1]);
  if (first === 1 && m[2] !== undefined) {
    return Number(m[2]);
  }
  return first;
}

function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

/** The candidates in order: the setting, JAVA_HOME, then PATH. */
export function javaCandidates(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = fs.existsSync,
): JavaCandidate[] {
  const exe = executableName(platform);
  const out: JavaCandidate[] = [];
  if (setting && setting.trim()) {
    out.push({ executable: path.join(setting.trim(), 'bin', exe), source: 'setting lockstep.javaHome' });
  }
  if (env.JAVA_HOME && env.JAVA_HOME.trim()) {
    out.push({ executable: path.join(env.JAVA_HOME.trim(), 'bin', exe), source: 'JAVA_HOME' });
  }
  const sep = platform === 'win32' ? ';' : ':';
  for (const dir of (env.PATH ?? env.Path ?? '').split(sep)) {
    if (!dir) {
      continue;
    }
    const p = path.join(dir, exe);
    if (exists(p)) {
      out.push({ executable: p, source: 'PATH' });
      break;
    }
  }
  return out;
}

export type VersionProbe = (executable: string) => string | undefined;

/** Runs `java -version` and returns what it printed, or undefined when it cannot run. */
export const probeJavaVersion: VersionProbe = (executable) => {
  const r = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 15000 });
  if (r.error || r.status !== 0) {
    return undefined;
  }
  return `${r.stderr ?? ''}${r.stdout ?? ''}`;
};

/**
 * The first candidate that runs and is Java 17 or newer. A configured candidate that is missing
 * or too old is reported rather than silently skipped, so a wrong setting is noticed.
 */
export function findJava(candidates: JavaCandidate[], probe: VersionProbe = probeJavaVersion): JavaFound | JavaMissing {
  const tried: string[] = [];
  for (const c of candidates) {
    const out = probe(c.executable);
    if (out === undefined) {
      tried.push(`${c.executable} (from ${c.source}) does not run`);
      continue;
    }
    const major = parseJavaMajor(out);
    if (major === undefined) {
      tried.push(`${c.executable} (from ${c.source}): cannot read its version`);
      continue;
    }
    if (major < MIN_JAVA) {
      tried.push(`${c.executable} (from ${c.source}) is Java ${major}`);
      continue;
    }
    return { ok: true, executable: c.executable, source: c.source, major };
  }
  const what = tried.length
    ? `Tried: ${tried.join('; ')}.`
    : 'No java found: lockstep.javaHome and JAVA_HOME are not set and there is no java on PATH.';
  return {
    ok: false,
    message: `lockstep needs Java ${MIN_JAVA} or newer. ${what} Install a JDK (for example Eclipse Temurin ${MIN_JAVA}) and set lockstep.javaHome or JAVA_HOME.`,
  };
}
