# Shared helpers for the editor tests. Source it; it sets:
#   REPO      repository root
#   EDITORS   $REPO/editors
#   CACHE     where tools are installed ($DIPLINT_EDITORS_CACHE, default editors/.cache, git-ignored)
#   ARTIFACTS where a run leaves screenshots and logs (editors/tests/artifacts, git-ignored)
# Every install helper is idempotent: it checks first and installs only what is missing.

set -euo pipefail

EDITORS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$EDITORS/.." && pwd)"
CACHE="${DIPLINT_EDITORS_CACHE:-$EDITORS/.cache}"
ARTIFACTS="${DIPLINT_EDITORS_ARTIFACTS:-$EDITORS/tests/artifacts}"
mkdir -p "$CACHE" "$ARTIFACTS"

# Pinned versions: the recipes in the README and these tests were checked with them.
NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
NEOVIM_WHEEL_VERSION="0.11.4"

log() { printf '\033[1m[editors]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[editors] FAIL:\033[0m %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch, for the timings each script prints.
now() { date +%s; }

# apt_install PKG...: installs the Debian packages not yet installed (one `apt-get update` per cache).
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "need Debian packages: ${missing[*]} (no apt-get here)"
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if [ ! -e "$CACHE/.apt-updated" ] || ! apt-get install -y --no-install-recommends "${missing[@]}" >"$CACHE/apt.log" 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$CACHE/apt.log" 2>&1 || { cat "$CACHE/apt.log" >&2; die "apt-get update"; }
        touch "$CACHE/.apt-updated"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$CACHE/apt.log" 2>&1 \
            || { tail -30 "$CACHE/apt.log" >&2; die "apt-get install ${missing[*]}"; }
    fi
}

# use_node24: puts Node $NODE_VERSION (from the npm registry's node-linux-* package) first on PATH.
# vsce 4 and code-server 4.139 need Node >= 22; Debian 12 ships 18.
use_node24() {
    local arch dir="$CACHE/node-$NODE_VERSION"
    case "$(uname -m)" in
        x86_64) arch=x64 ;;
        aarch64) arch=arm64 ;;
        *) die "no Node package for $(uname -m)" ;;
    esac
    if [ ! -x "$dir/bin/node" ]; then
        command -v npm >/dev/null || apt_install nodejs npm
        log "fetching Node $NODE_VERSION (npm package node-linux-$arch)"
        local tmp
        tmp="$(mktemp -d "$CACHE/node-dl.XXXXXX")"
        (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
        rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
    fi
    export PATH="$dir/bin:$PATH" npm_config_nodedir="$dir"
    # npm's own chatter stays out of the test logs.
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    [ "$(node --version)" = "v$NODE_VERSION" ] || die "node on PATH is $(node --version), wanted v$NODE_VERSION"
}

# resolve_diplint [PATH]: prints the absolute path of the diplint binary to test against:
# the argument, else $DIPLINT, else target/release/diplint, else target/debug/diplint.
resolve_diplint() {
    local candidate
    for candidate in "${1:-}" "${DIPLINT:-}" "$REPO/target/release/diplint" "$REPO/target/debug/diplint"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && [ -f "$candidate" ]; then
            (cd "$(dirname "$candidate")" && printf '%s/%s\n' "$(pwd)" "$(basename "$candidate")")
            return 0
        fi
    done
    die "no diplint binary: pass its path, set DIPLINT, or run 'cargo build --release'"
}

# python_venv DIR: a virtualenv (installs Debian's python3-venv when the stdlib venv lacks ensurepip).
python_venv() {
    local dir="$1"
    [ -x "$dir/bin/python" ] && return 0
    command -v python3 >/dev/null || apt_install python3
    if ! python3 -m venv "$dir" >/dev/null 2>&1; then
        rm -rf "$dir"
        apt_install python3-venv
        python3 -m venv "$dir"
    fi
}

# A fresh copy of the fixture workspace (reports with known mistakes) in $1.
fresh_workspace() {
    local dest="$1"
    rm -rf "$dest" && mkdir -p "$dest"
    cp -a "$EDITORS/tests/workspace/." "$dest/"
}
