"""The CI workflow, the GitLab example and the pre-commit files, held to the validators their users run.

check-jsonschema's GitHub workflow and GitLab CI schemas (offline), actionlint
(with shellcheck for the `run:` scripts) and pre-commit's own validators; then
the rules docs/publishing.md promises: every trigger, a shard matrix that
matches the shard count, a merge that runs whatever the shards did, and a
Pages deploy that needs every job and only runs on the default branch.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuilder import ROOT

BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def tool(name: str) -> str:
    found = BIN / name
    assert found.exists(), f"{name} is a pinned test dependency: run `make setup`"
    return str(found)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_validates_against_the_github_workflow_schema():
    run = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_and_shellcheck_find_nothing():
    assert shutil.which("shellcheck"), "shellcheck checks the workflow's scripts: apt-get install -y shellcheck"
    run = subprocess.run([tool("actionlint"), str(WORKFLOW)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_does_fail_on_a_broken_workflow(tmp_path):
    broken = WORKFLOW.read_text(encoding="utf-8").replace("needs: [build, tests, a11y, a11y-merge]",
                                                          "needs: [build, tests, a11y, a11y-merj]")
    target = tmp_path / ".github" / "workflows" / "site.yml"
    target.parent.mkdir(parents=True)
    target.write_text(broken, encoding="utf-8")
    run = subprocess.run([tool("actionlint"), str(target)], capture_output=True, text=True)
    assert run.returncode == 1 and "a11y-merj" in run.stdout


def test_runs_on_every_change_on_demand_and_daily():
    triggers = workflow()[True]           # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request", "workflow_dispatch", "schedule"} <= set(triggers)
    assert len(triggers["schedule"][0]["cron"].split()) == 5


def test_the_shard_matrix_matches_the_shard_count_and_the_merge_always_runs():
    data = workflow()
    total = int(data["env"]["A11Y_SHARDS"])
    a11y = data["jobs"]["a11y"]
    assert a11y["strategy"]["matrix"]["shard"] == list(range(1, total + 1))
    assert a11y["strategy"]["fail-fast"] is False
    steps = " ".join(str(step.get("run", "")) for step in a11y["steps"])
    assert '--shard "${{ matrix.shard }}/$A11Y_SHARDS"' in steps
    uses = [step.get("uses", "") for step in a11y["steps"]]
    assert "actions/cache/restore@v5" in uses and "actions/cache/save@v5" in uses
    restore = next(step for step in a11y["steps"] if step.get("uses", "").startswith("actions/cache/restore"))
    assert "steps.tools.outputs.key" in restore["with"]["key"]            # keyed by tool versions
    assert "--print-tool-key" in next(step["run"] for step in a11y["steps"] if step.get("id") == "tools")
    merge = data["jobs"]["a11y-merge"]
    assert merge["needs"] == ["build", "a11y"] and merge["if"].startswith("always()")
    merge_run = " ".join(str(step.get("run", "")) for step in merge["steps"])
    assert "signpost a11y --merge" in merge_run
    assert any(step.get("uses", "").startswith("mikepenz/action-junit-report") for step in merge["steps"])


def test_pages_are_deployed_only_from_the_default_branch_when_every_job_passed():
    jobs = workflow()["jobs"]
    deploy = jobs["deploy"]
    checking = {name for name in jobs if name not in ("deploy", "digest")}
    assert set(deploy["needs"]) == checking
    assert "always()" not in deploy["if"] and "failure()" not in deploy["if"]
    assert "github.event.repository.default_branch" in deploy["if"] and "pull_request" in deploy["if"]
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow()["permissions"] == {"contents": "read"}


def test_pull_requests_get_annotations_and_the_build_uses_the_readme_commands():
    build = workflow()["jobs"]["build"]
    runs = [str(step.get("run", "")) for step in build["steps"]]
    assert "make setup" in runs and "make site" in runs
    assert ".venv/bin/signpost check --format github" in runs


def test_the_digest_goes_to_the_run_summary_and_an_artifact():
    digest = workflow()["jobs"]["digest"]
    assert "schedule" in digest["if"]
    script = " ".join(str(step.get("run", "")) for step in digest["steps"])
    assert "signpost report freshness --json" in script and '"$GITHUB_STEP_SUMMARY"' in script
    assert digest["permissions"]["issues"] == "write"


def test_the_gitlab_example_validates_against_the_gitlab_ci_schema():
    example = ROOT / "docs" / "examples" / "gitlab-ci.yml"
    run = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(example)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "signpost publish --dest" in example.read_text(encoding="utf-8")


def test_pre_commit_files_validate_with_pre_commit():
    for command, file in (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")):
        run = subprocess.run([tool("pre-commit"), command, str(ROOT / file)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "signpost-check" and hooks[0]["entry"] == "signpost check"


@pytest.mark.parametrize("name", ["install", "run"])
def test_ci_scripts_pass_shellcheck(name):
    assert shutil.which("shellcheck")
    run = subprocess.run(["shellcheck", str(ROOT / ".ci" / name)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
