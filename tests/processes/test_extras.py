"""The install hint of an optional extra: a checkout's editable install, or the extra's packages
for an installed permitflow (where no setup.cfg is beside the packages)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

from processes.extras import extra_packages, install_hint, is_checkout

ROOT = Path(__file__).resolve().parents[2]
WEB = ["starlette>=0.40", "uvicorn>=0.30", "python-multipart>=0.0.9"]  # setup.cfg's web extra


def test_a_folder_is_a_checkout_when_setup_cfg_is_beside_the_packages(tmp_path: Path) -> None:
    (tmp_path / "processes").mkdir()
    assert not is_checkout(tmp_path)  # site-packages: the packages without setup.cfg
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = permitflow\n", encoding="utf-8")
    assert is_checkout(tmp_path)
    assert is_checkout(ROOT)


def test_the_packages_of_an_extra_come_from_the_package_metadata() -> None:
    installed = requires("permitflow")
    assert extra_packages("web", installed) == WEB
    assert extra_packages("logs", installed) == ["pm4py>=2.7"]
    assert extra_packages("dask", installed) == ["dask[distributed]>=2024.1"]
    assert extra_packages("lemmas", installed) == ["simplemma<3,>=2.0"]
    assert extra_packages("we", installed) == [] and extra_packages("web", None) == []


def test_a_checkout_is_told_the_editable_install() -> None:
    assert install_hint("web") == "in the permitflow folder: .venv/bin/pip install -e '.[web]'"


def test_an_installed_permitflow_is_told_the_extras_packages_for_its_environment(tmp_path: Path) -> None:
    # as installed from a wheel: the packages and cli.py in a folder without setup.cfg (the
    # metadata is this environment's); before, it was told ".venv/bin/pip install -e '.[logs]'"
    site = tmp_path / "site"
    for package in ("processes", "simulator", "bpmn_io", "scenarios", "calibrate", "report", "web",
                    "clicommands"):
        shutil.copytree(ROOT / package, site / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "cli.py", site / "cli.py")
    code = ("import sys; sys.modules['pm4py'] = sys.modules['pandas'] = None\n"  # as if the logs extra were missing
            "import processes.extras, cli\n"
            "assert processes.extras.__file__.startswith(sys.argv[1]), processes.extras.__file__\n"
            "print(processes.extras.install_hint('web'))\n"
            "cli.cli(['discover', sys.argv[2], '-o', sys.argv[3]])\n")
    log = ROOT / "tests" / "fixtures" / "logs" / "tiny_cases.csv"
    done = subprocess.run([sys.executable, "-c", code, str(site), str(log), str(tmp_path / "d.bpmn")],
                          cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    pip = shlex.join([sys.executable, "-m", "pip", "install"])
    assert done.stdout == f"in the environment permitflow runs in: {pip} {shlex.join(WEB)}\n", done.stderr
    assert done.returncode == 2
    assert done.stderr == ("permitflow: error: discovering a model needs pm4py: in the environment permitflow "
                           f"runs in: {pip} 'pm4py>=2.7'\n")
    assert not (tmp_path / "d.bpmn").exists()
