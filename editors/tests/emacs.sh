#!/usr/bin/env bash
# Emacs 28 (Debian's emacs-nox, elpa-eglot, elpa-markdown-mode) in batch mode, configured with the
# eglot snippet of editors/README.md, against the real server.
# usage: bash editors/tests/emacs.sh [path/to/diplint]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIPLINT_BIN="$(resolve_diplint "${1:-}")"
start=$(now)
apt_install emacs-nox elpa-eglot elpa-markdown-mode

workspace="$(mktemp -d /tmp/diplint-emacs.XXXXXX)"
trap 'rm -rf "$workspace"' EXIT
fresh_workspace "$workspace/reports"
# The snippet runs "diplint" from PATH, as a user's setup would.
mkdir -p "$workspace/bin" && ln -s "$DIPLINT_BIN" "$workspace/bin/diplint"
marker="diplint-emacs-test-$$"
log "Emacs (eglot) against $DIPLINT_BIN"
status=0
(cd "$workspace/reports" && PATH="$workspace/bin:$PATH" HOME="$workspace" DIPLINT_EDITOR_TEST="$marker" \
    DIPLINT_EDITORS_README="$EDITORS/README.md" timeout 90 emacs --batch -l "$EDITORS/tests/emacs-test.el" 2>"$ARTIFACTS/emacs.log") \
    || { status=1; tail -20 "$ARTIFACTS/emacs.log" >&2; }
bash "$EDITORS/tests/leftovers.sh" "$marker" || status=1
log "Emacs test done in $(( $(now) - start )) s"
exit $status
