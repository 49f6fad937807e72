#!/usr/bin/env bash
# Every editor and CI integration test, against one diplint binary.
# usage: bash editors/tests/run-all.sh [path/to/diplint]
#   (default: $DIPLINT, else target/release/diplint, else target/debug/diplint)
#   DIPLINT_EDITORS_SKIP="emacs code-server"   skips those suites
#   DIPLINT_EDITORS_CACHE=DIR                   where tools are installed (default editors/.cache)
# Installs what it needs (Debian packages, npm, PyPI); run as root on Debian 12.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIPLINT_BIN="$(resolve_diplint "${1:-}")"
export DIPLINT="$DIPLINT_BIN"
log "diplint: $DIPLINT_BIN ($("$DIPLINT_BIN" --version 2>&1))"

suites=(vscode lsp-exit nvim emacs ci-integrations code-server)
skip=" ${DIPLINT_EDITORS_SKIP:-} "
passed=0 failed=0 summary=()
overall=$(now)
for suite in "${suites[@]}"; do
    if [[ "$skip" == *" $suite "* ]]; then
        summary+=("$(printf '%-16s skipped' "$suite")")
        continue
    fi
    start=$(now)
    if bash "$EDITORS/tests/$suite.sh" "$DIPLINT_BIN"; then
        passed=$((passed + 1)) verdict=passed
    else
        failed=$((failed + 1)) verdict=FAILED
    fi
    summary+=("$(printf '%-16s %-7s %4d s' "$suite" "$verdict" $(( $(now) - start )))")
done
echo
echo "editor and CI integration suites ($(( $(now) - overall )) s):"
printf '  %s\n' "${summary[@]}"
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
