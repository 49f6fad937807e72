#!/usr/bin/env bash
# The server process always ends: after `exit` with stdin still open, when stdin closes, when
# its client is killed, when the process named in `processId` dies.
# usage: bash editors/tests/lsp-exit.sh [path/to/diplint]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIPLINT_BIN="$(resolve_diplint "${1:-}")"
command -v python3 >/dev/null || apt_install python3
start=$(now)
log "server lifetime against $DIPLINT_BIN"
status=0
python3 "$EDITORS/tests/lsp_exit_test.py" "$DIPLINT_BIN" || status=1
log "server lifetime tests done in $(( $(now) - start )) s"
exit $status
