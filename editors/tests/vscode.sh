#!/usr/bin/env bash
# Builds the VS Code extension offline (npm ci, tsc), runs its unit tests (node --test, no VS Code
# download) and packages editors/vscode/diplint.vsix.
# usage: bash editors/tests/vscode.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_node24
cd "$EDITORS/vscode"
start=$(now)

# npm ci again only when the lock file changed since the last one.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
    log "npm ci (editors/vscode)"
    npm ci --no-fund --no-audit --silent
    echo "$lock_sum" >node_modules/.lock-sum
fi
log "compile and unit tests"
npm test --silent
log "package diplint.vsix"
rm -f diplint.vsix
npx --no-install vsce package --skip-license --allow-missing-repository -o diplint.vsix >"$ARTIFACTS/vsce.log" 2>&1 \
    || { cat "$ARTIFACTS/vsce.log" >&2; die "vsce package"; }
python3 -c 'import sys, zipfile; sys.exit("extension/out/src/extension.js" not in zipfile.ZipFile("diplint.vsix").namelist())' \
    || die "diplint.vsix lacks out/src/extension.js"
log "VS Code extension built, tested and packaged in $(( $(now) - start )) s: $(du -h diplint.vsix | cut -f1) editors/vscode/diplint.vsix"
