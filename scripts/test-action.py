#!/usr/bin/env python3
"""Runs the shell steps of the composite GitHub Action (action.yml) as a runner would, in a
throwaway repository with a base commit and a pull-request commit: `${{ ... }}` expressions are
evaluated for a pull_request event, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / RUNNER_TEMP are files,
and `uses:` steps are checked, not run (setup-java; upload-sarif gets the SARIF file, which is
checked with shared/tools/validate-sarif when present). Needs cli/target/lockstep.jar, git and
PyYAML (python3-yaml, which pre-commit depends on)."""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # Debian's python3-yaml (a pre-commit dependency) serves /usr/bin/python3
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

ROOT = pathlib.Path(__file__).resolve().parent.parent
JAR = pathlib.Path(os.environ.get("LOCKSTEP_JAR", ROOT / "cli/target/lockstep.jar"))


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, check=True, capture_output=True)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def evaluate(expr, ctx):
    """The few expression forms action.yml uses: a || b, x == 'y', a && b, dotted names."""
    expr = expr.strip()
    if "||" in expr:
        for part in expr.split("||"):
            v = evaluate(part, ctx)
            if v:
                return v
        return ""
    if "&&" in expr:
        return all(evaluate(p, ctx) for p in expr.split("&&"))
    m = re.fullmatch(r"(.+?)\s*==\s*'([^']*)'", expr)
    if m:
        return evaluate(m.group(1), ctx) == m.group(2)
    value = ctx
    for key in expr.split("."):
        value = value.get(key, "") if isinstance(value, dict) else ""
    return value


def render(text, ctx):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1), ctx)), str(text))


def run_action(repo, inputs, base_sha, tmp):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    ctx = {"github": {"event": {"pull_request": {"base": {"sha": base_sha}}, "before": ""}},
           "inputs": {}, "steps": {}}
    for name, spec in action["inputs"].items():
        ctx["inputs"][name] = inputs.get(name, render(spec.get("default", ""), ctx))
    summary = tmp / "summary.md"
    summary.write_text("")
    uploads = []
    log = []
    for i, step in enumerate(action["runs"]["steps"]):
        if "if" in step and not evaluate(step["if"], ctx):
            continue
        if "uses" in step:
            if step["uses"].startswith("github/codeql-action/upload-sarif@"):
                uploads.append(render(step["with"]["sarif_file"], ctx))
            continue
        out_file = tmp / f"output-{i}"
        out_file.write_text("")
        env = dict(os.environ, GITHUB_OUTPUT=str(out_file), GITHUB_STEP_SUMMARY=str(summary),
                   RUNNER_TEMP=str(tmp), GITHUB_ACTION_PATH=str(ROOT))
        for k, v in step.get("env", {}).items():
            env[k] = render(v, ctx)
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", render(step["run"], ctx)],
                           cwd=repo, env=env, capture_output=True, text=True)
        log.append(p.stdout + p.stderr)
        outputs = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": outputs, "outcome": "success" if p.returncode == 0 else "failure"}
        if p.returncode != 0:
            return p.returncode, "".join(log), summary.read_text(), uploads
    return 0, "".join(log), summary.read_text(), uploads


def main():
    if not JAR.exists():
        sys.exit(f"missing {JAR}: run ./mvnw -DskipTests package first")
    failures = []

    def check(name, cond, detail=""):
        print(("ok   " if cond else "FAIL ") + name)
        if not cond:
            failures.append(name)
            print(detail)

    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        repo = tmp / "app"
        mig = repo / "prisma/migrations"
        write(mig / "migration_lock.toml", 'provider = "postgresql"\n')
        write(mig / "20240101000000_init/migration.sql",
              'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "name" TEXT,'
              ' CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n')
        write(mig / "20240102000000_old/migration.sql", 'CREATE INDEX "User_name_idx" ON "User"("name");\n')
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
        git(repo, "checkout", "-q", "-b", "pr")
        write(mig / "20240201000000_email/migration.sql", 'CREATE INDEX "User_email_idx" ON "User"("email");\n')
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "pr")

        inputs = {"jar": str(JAR), "setup-java": "false"}
        code, log, summary, uploads = run_action(repo, inputs, base, tmp)
        check("unsafe pull request fails the action", code == 1, log)
        check("annotation for the changed migration",
              "::error file=prisma/migrations/20240201000000_email/migration.sql,line=1" in log, log)
        check("no annotation for the unchanged old migration", "20240102000000_old" not in log, log)
        check("job summary is the markdown report", "<!-- lockstep-report -->" in summary
              and "require-concurrent-index-creation" in summary, summary)
        check("SARIF is uploaded", len(uploads) == 1 and pathlib.Path(uploads[0]).exists(), str(uploads))
        if uploads and pathlib.Path(uploads[0]).exists():
            sarif = pathlib.Path(uploads[0]).read_text()
            check("SARIF holds only the changed migration", "20240201000000_email" in sarif
                  and "20240102000000_old/migration.sql" not in sarif, sarif[:2000])
            validator = next((p / "shared/tools/validate-sarif" for p in [ROOT, *ROOT.parents]
                              if (p / "shared/tools/validate-sarif").exists()), None)
            if validator:
                v = subprocess.run([str(validator), uploads[0]], capture_output=True, text=True)
                check("SARIF passes validate-sarif", v.returncode == 0, v.stdout + v.stderr)

        code, log, summary, uploads = run_action(repo, dict(inputs, **{"fail-on": "never"}), base, tmp)
        check("fail-on: never reports without failing", code == 0 and "::error file=" in log, log)

        write(mig / "20240201000000_email/migration.sql",
              'CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n')
        git(repo, "commit", "-q", "-am", "concurrently")
        code, log, summary, uploads = run_action(repo, inputs, base, tmp)
        check("safe pull request passes", code == 0, log)


        code, log, summary, uploads = run_action(repo, dict(inputs, **{"base-ref": "", "upload-sarif": "false"}),
                                                 base, tmp)
        check("without a base ref everything is linted", code == 1 and "20240102000000_old" in log
              and not uploads, log)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
