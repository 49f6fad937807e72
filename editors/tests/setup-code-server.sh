#!/usr/bin/env bash
# Installs what the code-server test needs, idempotently, under $CACHE:
# Debian's Chromium, Node 24, code-server (npm) and playwright-core (npm ci in editors/tests).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start=$(now)

# libkrb5-dev, pkg-config, python3, make and g++ build code-server's native modules;
# the fonts make the screenshot legible.
apt_install chromium libkrb5-dev pkg-config python3 make g++ fonts-dejavu-core ca-certificates
use_node24

CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CODE_SERVER_DIR/bin/code-server" ] || [ ! -e "$CODE_SERVER_DIR/.complete" ]; then
    log "npm install code-server@$CODE_SERVER_VERSION (about 4 minutes; its native modules build)"
    rm -rf "$CODE_SERVER_DIR"
    # code-server's native modules (node-pty, kerberos, ...) build in postinstall scripts,
    # which npm 11 blocks unless told otherwise.
    npm_config_dangerously_allow_all_scripts=true \
        npm install -g --prefix "$CODE_SERVER_DIR" --no-fund --no-audit "code-server@$CODE_SERVER_VERSION" \
        >"$CACHE/code-server-install.log" 2>&1 || { tail -40 "$CACHE/code-server-install.log" >&2; die "code-server install"; }
    touch "$CODE_SERVER_DIR/.complete"
fi

TESTS_DIR="$EDITORS/tests"
# npm ci again only when the lock file changed since the last one.
lock_sum="$(sha256sum "$TESTS_DIR/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$TESTS_DIR/node_modules/.lock-sum" 2>/dev/null)" != "$lock_sum" ]; then
    log "npm ci (playwright-core)"
    (cd "$TESTS_DIR" && npm ci --no-fund --no-audit --silent)
    echo "$lock_sum" >"$TESTS_DIR/node_modules/.lock-sum"
fi
log "code-server setup done in $(( $(now) - start )) s"
