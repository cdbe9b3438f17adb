"""The coordinators' workflow on GitHub: the workflows and the pre-commit hook run the real check."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import yaml

from sitefixture import PROJECT, write_site

WORKFLOWS = PROJECT / ".github" / "workflows"
MISSPELT = {"content/countries/nor.yml": "name: Norway\nrole: [donor]\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"}


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _run_steps(workflow: dict) -> list[str]:
    return [step["run"].strip() for step in _steps(workflow) if "run" in step]


def _as_module(command: str) -> list[str]:
    """`ccm-ica …` as this interpreter runs it, so the test needs no installed console script."""
    words = shlex.split(command)
    assert words[0] == "ccm-ica"
    return [sys.executable, "-m", "ccm_ica", *words[1:]]


def test_pull_request_check_step_annotates_a_misspelt_field(tmp_path):
    workflow = _workflow("pull-request.yml")
    assert "pull_request" in workflow["on"]
    checks = [run for run in _run_steps(workflow) if run.startswith("ccm-ica check")]
    assert checks == ["ccm-ica check --format github"]
    result = subprocess.run(_as_module(checks[0]), cwd=write_site(tmp_path, MISSPELT), capture_output=True, text=True)
    assert result.returncode == 1  # the step, and so the pull request's check, fails
    lines = result.stdout.splitlines()
    assert ("::error file=content/countries/nor.yml,line=2,col=1,title=ccm-ica check::"
            "unknown field 'role' (did you mean 'roles'?)") in lines
    # Past the runner's 10 annotations, the log still has every problem and the count.
    assert "content/countries/nor.yml:2:1: unknown field 'role' (did you mean 'roles'?)" in lines
    assert lines[-1] == "1 error(s), 0 warning(s)."


def test_pull_request_builds_a_strict_preview_artifact():
    workflow = _workflow("pull-request.yml")
    preview = workflow["jobs"]["preview"]
    assert preview["needs"] == "check"
    assert [s["run"] for s in preview["steps"] if "run" in s] == ["make site"]
    upload = next(s for s in preview["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    build = next(s for s in preview["steps"] if s.get("run") == "make site")
    assert build["env"]["CCM_ICA_DIRECTORY_URLS"] == "false"
    assert "CCM_ICA_DIRECTORY_URLS" in (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")


def test_main_is_built_and_deployed_to_pages():
    workflow = _workflow("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in _steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "make site" in _run_steps(workflow)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_actions_are_pinned_by_major_version_with_python_3_11_and_pip_cache():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = _workflow(path.name)
        for name, job in workflow["jobs"].items():
            builds = any(step.get("run") == "make site" for step in job["steps"])
            for step in job["steps"]:
                uses = step.get("uses", "")
                if uses:
                    assert re.fullmatch(r"actions/[a-z-]+@v\d+", uses), (path.name, uses)
                if uses.startswith("actions/setup-python@"):
                    assert step["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "pyproject.toml"}
                if uses.startswith("actions/checkout@") and builds:
                    assert step["with"]["fetch-depth"] == 0, f"{path.name} {name}: last-changed dates need the whole history"


def test_pre_commit_hook_runs_the_same_check_on_content_changes():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "ccm-ica check"
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.match("content/countries/mne.yml") and files.match("site_config.yml")
    assert not files.match("generator/cli.py")


def test_contributing_guide_documents_the_workflows_and_the_hook():
    guide = (PROJECT / "docs" / "contribute" / "developers.md").read_text(encoding="utf-8")  # "For developers"
    for name in ("pull-request.yml", "publish.yml", ".pre-commit-config.yaml", "ccm-ica check --format github"):
        assert name in guide
    steps = (PROJECT / "docs" / "contribute" / "step-by-step.md").read_text(encoding="utf-8")
    for words in ("Files changed", "site-preview", "Merge pull"):
        assert words in steps
