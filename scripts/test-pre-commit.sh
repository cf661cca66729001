#!/usr/bin/env bash
# Tests the pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit: `pre-commit
# try-repo` against this checkout in a throwaway Prisma repository. An unsafe staged migration (a
# plain CREATE INDEX on a table an earlier migration created) must be rejected with the text
# report; a safe one must pass. Needs pre-commit (apt-get install pre-commit), git and Java 17,
# and cli/target/lockstep.jar (./mvnw -DskipTests package).
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LOCKSTEP_JAR="${LOCKSTEP_JAR:-$root/cli/target/lockstep.jar}"
LOCKSTEP_JAR="$(cd "$(dirname "$LOCKSTEP_JAR")" 2>/dev/null && pwd)/$(basename "$LOCKSTEP_JAR")"
[[ -f "$LOCKSTEP_JAR" ]] || { echo "missing $LOCKSTEP_JAR: run ./mvnw -DskipTests package first" >&2; exit 2; }
command -v pre-commit >/dev/null || { echo "pre-commit not found (apt-get install pre-commit)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_NOSYSTEM=1 HOME="$work/home"
mkdir -p "$HOME"
git config --global user.name test
git config --global user.email test@example.com
git config --global init.defaultBranch main
git config --global commit.gpgsign false
git config --global --add safe.directory '*'

# try-repo runs the hook as committed at HEAD plus uncommitted changes of this checkout.
repo="$work/app"
mkdir -p "$repo/prisma/migrations/20240101000000_init"
cd "$repo"
git init -q
printf 'provider = "postgresql"\n' > prisma/migrations/migration_lock.toml
cat > prisma/migrations/20240101000000_init/migration.sql <<'SQL'
CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
SQL
git add -A && git commit -q -m init

fail=0
check() { # name expected-exit pattern...
  local name="$1" expected="$2"; shift 2
  local out status=0
  out="$(pre-commit try-repo "$root" lockstep --verbose 2>&1)" || status=$?
  if [[ "$status" != "$expected" ]]; then
    echo "FAIL $name: pre-commit exited $status, expected $expected"; echo "$out"; fail=1; return
  fi
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" <<<"$out"; then
      echo "FAIL $name: output lacks '$pattern'"; echo "$out"; fail=1; return
    fi
  done
  echo "ok   $name"
  [[ -z "${VERBOSE:-}" ]] || echo "$out"
}

# 1. Unsafe: a non-concurrent index on a table that already exists.
mkdir -p prisma/migrations/20240201000000_email_index
cat > prisma/migrations/20240201000000_email_index/migration.sql <<'SQL'
CREATE INDEX "User_email_idx" ON "User"("email");
SQL
git add -A
check "unsafe migration is rejected" 1 "Failed" \
  "prisma/migrations/20240201000000_email_index/migration.sql:1:1  error  require-concurrent-index-creation" \
  "SHARE lock on \"User\"" "= fix:" "1 error"

# 2. Safe: the same index built concurrently, alone in its file.
cat > prisma/migrations/20240201000000_email_index/migration.sql <<'SQL'
CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");
SQL
git add -A
check "safe migration passes" 0 "Passed"

# 3. A new table with its index in the same migration is safe (the history says it is new).
git commit -q -m index
mkdir -p prisma/migrations/20240301000000_tags
cat > prisma/migrations/20240301000000_tags/migration.sql <<'SQL'
CREATE TABLE "Tag" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"));
CREATE INDEX "Tag_name_idx" ON "Tag"("name");
SQL
git add -A
check "index on a table created in the same migration passes" 0 "Passed"

exit "$fail"
