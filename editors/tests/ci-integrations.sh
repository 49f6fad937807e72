#!/usr/bin/env bash
# The CI integrations against the real binary: the GitHub Action (action.yml, run step by step by
# action_test.py as GitHub's runner would) and the pre-commit hooks (.pre-commit-hooks.yaml, run
# by the real pre-commit through `pre-commit try-repo`).
# usage: bash editors/tests/ci-integrations.sh [path/to/diplint]
#   DIPLINT_TEST_PRECOMMIT_RUST=1  also runs the `diplint` hook, which builds diplint with cargo
#   DIPLINT_TEST_ACTION_BUILD=1    also runs the action's own cargo build
#   DIPLINT_TEST_ZED=1             also type-checks the Zed extension (editors/zed; fetches crates)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIPLINT_BIN="$(resolve_diplint "${1:-}")"
start=$(now)

venv="$CACHE/py-venv"
python_venv "$venv"
if ! "$venv/bin/pre-commit" --version 2>/dev/null | grep -q '^pre-commit 4.3.0$'; then
    log "pip install pre-commit==4.3.0 (brings PyYAML)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.3.0
fi
command -v git >/dev/null || apt_install git

status=0
log "GitHub Action (action.yml) against $DIPLINT_BIN"
"$venv/bin/python" "$EDITORS/tests/action_test.py" "$DIPLINT_BIN" || status=1

log "README snippets"
nvim="$CACHE/nvim-venv/bin/nvim"
[ -x "$nvim" ] || nvim=""
"$venv/bin/python" "$EDITORS/tests/readme_snippets_test.py" $nvim || status=1

log "pre-commit hooks (.pre-commit-hooks.yaml)"
passed=0 failed=0
tag=pre-commit
ok() { passed=$((passed + 1)); echo "ok - [$tag] $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - [$tag] $1"; sed 's/^/  /' "$2" | tail -30; }

repo="$(mktemp -d /tmp/diplint-pre-commit.XXXXXX)"
trap 'rm -rf "$repo"' EXIT
mkdir -p "$repo/bin" && ln -s "$DIPLINT_BIN" "$repo/bin/diplint"
cp -a "$EDITORS/tests/workspace/." "$repo/"
printf 'Friday, 24 September 2021\n\nThe Minister met a delegation from the Philippines.\n' >"$repo/clean.md"
# Not a report: the hook must leave it alone whatever it says.
printf '# Thursday, 24 September 2021 in the Phillipines\n' >"$repo/script.py"
export GIT_AUTHOR_NAME=diplint GIT_AUTHOR_EMAIL=diplint@localhost GIT_COMMITTER_NAME=diplint GIT_COMMITTER_EMAIL=diplint@localhost
export PRE_COMMIT_HOME="$CACHE/pre-commit" PATH="$repo/bin:$PATH"
(cd "$repo" && git init -q && git add -A)

try_repo() { (cd "$repo" && "$venv/bin/pre-commit" try-repo "$REPO" "$@" >"$repo/.out" 2>&1); }

if try_repo diplint-system --files report.md notes.txt; then
    not_ok "a report with mistakes fails the hook" "$repo/.out"
elif grep -q 'date/weekday-mismatch' "$repo/.out" && grep -q 'markup/residue' "$repo/.out"; then
    ok "a report with mistakes fails the hook, naming the findings"
else
    not_ok "a report with mistakes fails the hook, naming the findings" "$repo/.out"
fi
if try_repo diplint-system --files clean.md; then
    ok "a clean report passes"
else
    not_ok "a clean report passes" "$repo/.out"
fi
if try_repo diplint-system --files script.py && grep -q 'no files to check' "$repo/.out"; then
    ok "files that are not Markdown, text or HTML are not passed to diplint"
else
    not_ok "files that are not Markdown, text or HTML are not passed to diplint" "$repo/.out"
fi
if [ "${DIPLINT_TEST_PRECOMMIT_RUST:-}" = 1 ]; then
    if try_repo diplint --files report.md; then
        not_ok "the cargo-built hook fails on the report" "$repo/.out"
    elif grep -q 'date/weekday-mismatch' "$repo/.out"; then
        ok "the cargo-built hook fails on the report"
    else
        not_ok "the cargo-built hook fails on the report" "$repo/.out"
    fi
fi
if [ "${DIPLINT_TEST_ZED:-}" = 1 ]; then
    tag=zed
    if (cd "$EDITORS/zed" && CARGO_TARGET_DIR="$CACHE/zed-target" cargo check --quiet >"$repo/.out" 2>&1); then
        ok "the Zed extension type-checks (cargo check)"
    else
        not_ok "the Zed extension type-checks (cargo check)" "$repo/.out"
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
log "CI integrations done in $(( $(now) - start )) s"
exit $status
