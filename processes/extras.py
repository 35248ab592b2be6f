"""How to install an optional extra (``web``, ``logs``, ``dask``, ``lemmas``), worded for how
this permitflow is installed."""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["extra_packages", "install_hint", "is_checkout"]

#: the folder that holds the packages (processes/, web/, ..., clicommands/ and cli.py)
_ROOT = Path(__file__).resolve().parent.parent


def is_checkout(root: Path) -> bool:
    """Whether the packages in ``root`` are a checkout of the repository (setup.cfg beside them),
    not an installed copy (site-packages has no setup.cfg)."""
    return (root / "setup.cfg").is_file()


def extra_packages(extra: str, requires: Iterable[str] | None) -> list[str]:
    """The requirements of ``extra`` among ``requires`` (the package metadata's Requires-Dist lines,
    e.g. ``'pm4py>=2.7; extra == "logs"'``), in their order."""
    marker = re.compile(r"""\bextra\s*==\s*["']""" + re.escape(extra) + r"""["']""")
    return [req.split(";", 1)[0].strip() for req in requires or ()
            if ";" in req and marker.search(req.split(";", 1)[1])]


def install_hint(extra: str) -> str:
    """Where and how to install ``extra``: in a checkout the editable install from its folder; in an
    installed permitflow the extra's packages (named from its metadata) into the environment it runs in."""
    if is_checkout(_ROOT):
        return f"in the permitflow folder: .venv/bin/pip install -e '.[{extra}]'"
    from importlib.metadata import PackageNotFoundError, requires

    try:
        packages = extra_packages(extra, requires("permitflow"))
    except PackageNotFoundError:
        packages = []
    if not packages:  # metadata missing: name the extra
        return f"install permitflow's {extra} extra into the environment permitflow runs in"
    return ("in the environment permitflow runs in: "
            + shlex.join([sys.executable, "-m", "pip", "install", *packages]))
