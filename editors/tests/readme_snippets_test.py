"""Every configuration snippet in editors/README.md at least parses: TOML (Helix), JSON (Zed),
YAML (workflow, pre-commit config), and Lua (Neovim; compiled by Neovim's own Lua when a nvim
binary is given). The Emacs block is run for real by emacs-test.el.

usage: python readme_snippets_test.py [path/to/nvim]     (needs PyYAML)
"""

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import yaml

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def check_lua(code, nvim):
    if nvim is None:
        return "not compiled (no nvim given)"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        # A block is a chunk of statements, or an expression such as a plugin-manager spec.
        script.write(
            f"local code = {json.dumps(code)}\n"
            "local chunk, err = load(code)\n"
            "if not chunk then chunk = load('return ' .. code) end\n"
            "if not chunk then error(err) end\n"
        )
    proc = subprocess.run([nvim, "--headless", "-l", script.name], capture_output=True, text=True, timeout=30)
    Path(script.name).unlink()
    if proc.returncode != 0:
        raise AssertionError(proc.stderr.strip())
    return "compiles"


def main():
    nvim = sys.argv[1] if len(sys.argv) > 1 else None
    blocks = BLOCK.findall(README.read_text())
    parsers = {
        "toml": lambda code: tomllib.loads(code) and "parses",
        "json": lambda code: json.loads(code) and "parses",
        "yaml": lambda code: yaml.safe_load(code) and "parses",
        "lua": lambda code: check_lua(code, nvim),
    }
    passed = failed = 0
    for language, code in blocks:
        if language not in parsers:
            continue
        first_line = code.strip().splitlines()[0][:60]
        try:
            note = parsers[language](code)
            assert note, "empty"
        except Exception as error:  # noqa: BLE001 - reported, then counted
            failed += 1
            print(f"not ok - [readme] {language} block '{first_line}'\n  {error}")
        else:
            passed += 1
            print(f"ok - [readme] {language} block '{first_line}' {note}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
