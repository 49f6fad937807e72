#!/usr/bin/env bash
# The diplint extension in a real VS Code (code-server in headless Chromium).
# usage: bash editors/tests/code-server.sh [path/to/diplint] [--screenshot]
#   --screenshot   also saves the hover screenshot to editors/screenshot.png (for the README)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

screenshot=()
binary=""
for arg in "$@"; do
    case "$arg" in
        --screenshot) screenshot=(--screenshot "$EDITORS/screenshot.png") ;;
        *) binary="$arg" ;;
    esac
done
DIPLINT_BIN="$(resolve_diplint "$binary")"

bash "$EDITORS/tests/setup-code-server.sh"
use_node24
[ -f "$EDITORS/vscode/diplint.vsix" ] || bash "$EDITORS/tests/vscode.sh"

scratch="$(mktemp -d /tmp/diplint-code-server.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
workspace="$scratch/reports"    # the name shown in VS Code's title bar and Explorer
fresh_workspace "$workspace"

log "code-server test against $DIPLINT_BIN"
node "$EDITORS/tests/code-server.mjs" \
    --code-server "$CACHE/code-server-$CODE_SERVER_VERSION/bin/code-server" \
    --diplint "$DIPLINT_BIN" \
    --vsix "$EDITORS/vscode/diplint.vsix" \
    --workspace "$workspace" \
    --artifacts "$ARTIFACTS" \
    "${screenshot[@]}"
