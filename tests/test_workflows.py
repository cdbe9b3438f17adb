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


def test_main_is_built_and_published_on_the_branch_the_previews_share():
    workflow = _workflow("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "make site" in _run_steps(workflow)
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    [deploy] = _job_uses(job, "JamesIves/github-pages-deploy-action")
    # The open pull requests' previews (pull-request.yml) survive every publication of main.
    assert deploy["with"]["branch"] == "gh-pages" and deploy["with"]["folder"] == "site"
    assert deploy["with"]["clean-exclude"] == "pr-preview/" and deploy["with"]["force"] is False


def _job_uses(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"


def test_pull_request_previews_under_pr_preview_and_removes_it_on_close():
    workflow = _workflow("pull-request.yml")
    assert set(workflow["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}
    jobs = workflow["jobs"]
    [deploy] = _job_uses(jobs["preview"], "rossjrw/pr-preview-action")
    assert deploy["with"]["action"] == "deploy" and deploy["with"]["source-dir"] == "site/"
    assert deploy["with"]["comment"] is False and deploy["with"]["qr-code"] is False  # one comment, ours; no QR service
    assert deploy["if"] == SAME_REPOSITORY  # a fork's token cannot push: its preview is the zip
    assert jobs["preview"]["permissions"] == {"contents": "write"}
    assert jobs["preview"]["outputs"]["url"] == "${{ steps.deploy.outputs.preview-url }}"
    remove = jobs["remove-preview"]
    assert remove["if"] == f"github.event.action == 'closed' && {SAME_REPOSITORY}"
    assert _job_uses(remove, "rossjrw/pr-preview-action")[0]["with"]["action"] == "remove"
    for name in ("check", "preview"):
        assert jobs[name]["if"] == "github.event.action != 'closed'"


def test_pull_request_comment_is_one_updated_comment_with_the_diff(tmp_path):
    from test_diff import CHAD, git, repository

    job = _workflow("pull-request.yml")["jobs"]["comment"]
    assert set(job["needs"]) == {"check", "preview"}
    assert job["if"] == "${{ !cancelled() && github.event.action != 'closed' }}"  # a failed check updates it too
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert _job_uses(job, "actions/checkout")[0]["with"]["fetch-depth"] == 0
    [sticky] = _job_uses(job, "marocchino/sticky-pull-request-comment")
    assert sticky["with"] == {"header": "ccm-ica-diff", "path": "comment.md"}  # same header: updated, not duplicated
    assert sticky["if"] == SAME_REPOSITORY
    [script] = [step["run"] for step in job["steps"] if "ccm-ica diff" in step.get("run", "")]
    command, summary = script.strip().splitlines()
    assert summary == 'cat comment.md >> "$GITHUB_STEP_SUMMARY"'  # forks read it on the run's page
    # The step's command, run as the runner would, in a clone with a pull request's change.
    command = command.replace("${{ github.base_ref }}", "main").replace("${{ needs.preview.outputs.url }}", "https://x.test/pr-preview/pr-1/")
    assert command.endswith(" > comment.md || true")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repository(tmp_path / "origin")), str(clone)], check=True, capture_output=True)
    write_site(clone, {"content/countries/tcd.yml": CHAD})
    git(clone, "add", "-A")
    result = subprocess.run(_as_module(command.removesuffix(" > comment.md || true")), cwd=clone, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "**Preview of the site:** https://x.test/pr-preview/pr-1/" in result.stdout
    assert "- country **Chad**, `content/countries/tcd.yml`" in result.stdout


def test_actions_are_pinned_with_python_3_11_and_pip_cache():
    """GitHub's own actions by major version; anyone else's by the commit of a release."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = _workflow(path.name)
        for name, job in workflow["jobs"].items():
            builds = any(step.get("run") == "make site" for step in job["steps"])
            for step in job["steps"]:
                uses = step.get("uses", "")
                if uses:
                    assert re.fullmatch(r"actions/[a-z-]+@v\d+|[\w-]+/[\w-]+@[0-9a-f]{40}", uses), (path.name, uses)
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
