"""Runs the repository's action.yml the way GitHub's runner runs a composite action, on this
machine: each `run` step in bash with its `env`, `${{ }}` expressions and `if:` conditions
evaluated, GITHUB_OUTPUT collected into step outputs. The `uses` steps are stood in for:
actions/cache misses, and the SARIF upload checks the file it was given.

usage: python action_test.py DIPLINT   (needs PyYAML)
Prints "ok - ..." per scenario and "N passed, N failed" last.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKSPACE_FIXTURE = REPO / "editors" / "tests" / "workspace"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Run:
    """One run of the action: its inputs, its steps' outputs and what it printed."""

    def __init__(self, action, inputs, env, cwd):
        self.action = action
        self.inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
        self.inputs.update(inputs)
        self.env = env
        self.cwd = cwd
        self.steps = {}
        self.failed = False
        self.log = []
        self.uploads = []
        self.exit_status = 0

    def value(self, path):
        parts = path.split(".")
        if parts[0] == "inputs":
            return self.inputs.get(parts[1], "")
        if parts[0] == "steps":
            return self.steps.get(parts[1], {}).get(parts[3], "") if len(parts) == 4 else ""
        if parts[0] == "github" and parts[1] == "action_path":
            return str(REPO)
        if parts[0] == "runner":
            return {"temp": self.env["RUNNER_TEMP"], "os": "Linux"}.get(parts[1], "")
        raise ValueError(f"expression not understood by this test: {path}")

    def substitute(self, text):
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), str(text))

    def condition(self, expression):
        """Evaluates the small subset of the expression language that action.yml uses."""
        text = EXPRESSION.sub(lambda m: m.group(1), expression)
        uses_always = "always()" in text
        text = text.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
        text = re.sub(
            r"\b(inputs|steps|github|runner)\.[\w.-]+",
            lambda m: repr(self.value(m.group(0))),
            text,
        )
        result = bool(eval(text, {"__builtins__": {}}, {"True": True}))  # noqa: S307 - test input only
        return result and (uses_always or not self.failed)

    def run_step(self, step):
        if "if" in step and not self.condition(str(step["if"])):
            return
        if not step.get("if") and self.failed:
            return
        outputs = {}
        if "uses" in step:
            outputs = self.stand_in(step)
        else:
            outputs = self.shell(step)
        if "id" in step:
            self.steps[step["id"]] = outputs

    def shell(self, step):
        output_file = Path(self.env["RUNNER_TEMP"]) / f"output-{len(self.log)}"
        output_file.write_text("")
        env = dict(self.env, GITHUB_OUTPUT=str(output_file))
        for name, value in (step.get("env") or {}).items():
            env[name] = self.substitute(value)
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.log.append((step.get("name"), proc.returncode, proc.stdout, proc.stderr))
        if proc.returncode != 0:
            self.failed = True
            self.exit_status = proc.returncode
        outputs = {}
        for line in output_file.read_text().splitlines():
            name, _, value = line.partition("=")
            outputs[name] = value
        return outputs

    def stand_in(self, step):
        uses = step["uses"]
        given = {name: self.substitute(value) for name, value in (step.get("with") or {}).items()}
        if uses.startswith("actions/cache@"):
            return {"cache-hit": "false"}
        if uses.startswith("github/codeql-action/upload-sarif@"):
            self.uploads.append(given)
            return {}
        raise AssertionError(f"unexpected action {uses}")

    def go(self):
        for step in self.action["runs"]["steps"]:
            self.run_step(step)
        return self

    def printed(self):
        return "".join(stdout for _, _, stdout, _ in self.log)

    def output(self, name):
        return self.substitute(self.action["outputs"][name]["value"])


def fresh_repo(base):
    repo = Path(base) / "repo"
    shutil.copytree(WORKSPACE_FIXTURE, repo / "reports")
    return repo


def runner_env(base, path_dirs):
    temp = Path(base) / "runner-temp"
    temp.mkdir(exist_ok=True)
    return {
        "PATH": os.pathsep.join([*path_dirs, "/usr/bin", "/bin"]),
        "HOME": str(Path(base) / "home"),
        "RUNNER_TEMP": str(temp),
        "RUNNER_OS": "Linux",
        "RUNNER_ARCH": "X64",
        "LANG": "C.UTF-8",
    }


def scenario_findings_fail_the_step(action, diplint, base):
    repo = fresh_repo(base)
    run = Run(action, {"paths": "reports", "diplint": diplint}, runner_env(base, []), repo).go()
    printed = run.printed()
    assert run.output("exit-code") == "1", f"exit-code {run.output('exit-code')!r}\n{run.log}"
    assert run.exit_status == 1 and run.failed, "the Verdict step should fail the job"
    weekday = [l for l in printed.splitlines() if l.startswith("::error ") and "title=date/weekday-mismatch" in l]
    assert weekday, f"no weekday annotation in:\n{printed}"
    assert "file=reports/report.md,line=5,col=4" in weekday[0], weekday[0]
    assert any("title=markup/residue" in l for l in printed.splitlines()), printed
    # The SARIF file is uploaded, and holds the same findings.
    assert len(run.uploads) == 1 and run.uploads[0]["category"] == "diplint", run.uploads
    sarif = json.loads((repo / run.uploads[0]["sarif_file"]).read_text())
    assert sarif["version"] == "2.1.0", sarif.get("version")
    rule_ids = {result["ruleId"] for result in sarif["runs"][0]["results"]}
    assert {"date/weekday-mismatch", "country/misspelled", "markup/residue"} <= rule_ids, rule_ids
    annotations = [l for l in printed.splitlines() if re.match(r"::(error|warning|notice) file=", l)]
    assert len(annotations) == len(sarif["runs"][0]["results"]), (annotations, rule_ids)


def scenario_report_only(action, diplint, base):
    repo = fresh_repo(base)
    inputs = {"paths": "reports/report.md\nreports/notes.txt", "diplint": diplint, "fail-on-findings": "false",
              "sarif": "false"}
    run = Run(action, inputs, runner_env(base, []), repo).go()
    assert run.output("exit-code") == "1", run.log
    assert not run.failed, f"fail-on-findings: false should pass: {run.log}"
    assert run.uploads == [] and run.output("sarif-file") == "", "sarif: false should upload nothing"


def scenario_clean_files_pass(action, diplint, base):
    repo = Path(base) / "repo"
    (repo / "reports").mkdir(parents=True)
    (repo / "reports" / "clean.md").write_text(
        "Friday, 24 September 2021\n\nThe Minister met a delegation from the Philippines in New York.\n"
    )
    # diplint on PATH, no input: the action uses it.
    bin_dir = Path(base) / "bin"
    bin_dir.mkdir()
    (bin_dir / "diplint").symlink_to(diplint)
    run = Run(action, {"paths": "reports", "args": "--deny warnings"}, runner_env(base, [str(bin_dir)]), repo).go()
    assert run.steps["locate"]["bin"] == str(bin_dir / "diplint"), run.steps["locate"]
    assert run.output("exit-code") == "0", run.log
    assert not run.failed, run.log
    assert len(run.uploads) == 1, "a clean run still uploads (it clears old alerts)"


def scenario_unreadable_is_an_error(action, diplint, base):
    repo = fresh_repo(base)
    inputs = {"paths": "reports/missing.md", "diplint": diplint, "fail-on-findings": "false"}
    run = Run(action, inputs, runner_env(base, []), repo).go()
    assert run.output("exit-code") == "2", run.log
    assert run.failed and run.exit_status == 2, "exit status 2 fails the step even without fail-on-findings"


def scenario_build_when_not_installed(action, diplint, base):
    repo = fresh_repo(base)
    env = runner_env(base, [])
    run = Run(action, {"paths": "reports"}, env, repo)
    run.run_step(action["runs"]["steps"][0])
    locate = run.steps["locate"]
    assert locate["build"] == "true", locate
    assert re.fullmatch(r"diplint-Linux-X64-[0-9a-f]{16}", locate["key"]), locate
    assert locate["bin"] == f"{env['HOME']}/.cache/diplint-action/bin/diplint", locate
    if os.environ.get("DIPLINT_TEST_ACTION_BUILD") == "1":
        # The whole action, building diplint from this repository with cargo (minutes).
        env["PATH"] = os.pathsep.join([str(Path.home() / ".cargo" / "bin"), env["PATH"]])
        env["CARGO_HOME"] = os.environ.get("CARGO_HOME", str(Path.home() / ".cargo"))
        env["RUSTUP_HOME"] = os.environ.get("RUSTUP_HOME", str(Path.home() / ".rustup"))
        run = Run(action, {"paths": "reports", "fail-on-findings": "false"}, env, repo).go()
        assert run.output("exit-code") == "1", run.log


SCENARIOS = [
    ("findings annotate the files, upload SARIF and fail the step", scenario_findings_fail_the_step),
    ("fail-on-findings: false and sarif: false", scenario_report_only),
    ("clean files pass, with diplint taken from PATH", scenario_clean_files_pass),
    ("a file that cannot be checked fails the step", scenario_unreadable_is_an_error),
    ("without diplint, the action builds it with cargo, keyed on its source", scenario_build_when_not_installed),
]


def main():
    diplint = str(Path(sys.argv[1]).resolve())
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    passed = failed = 0
    for name, scenario in SCENARIOS:
        with tempfile.TemporaryDirectory(prefix="diplint-action-") as base:
            try:
                scenario(action, diplint, base)
            except Exception as error:  # noqa: BLE001 - reported, then counted
                failed += 1
                print(f"not ok - [action] {name}\n  {error!r}"[:4000])
            else:
                passed += 1
                print(f"ok - [action] {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
