"""bpmn-moddle (the parser inside bpmn.io and Camunda Modeler) on BPMN documents, through node.

Needs node and tests/js/node_modules (``make node-deps``; ``make test`` installs both).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

__all__ = ["JS", "warnings_of"]

JS = Path(__file__).resolve().parent / "js"


def warnings_of(documents: Mapping[str, bytes], folder: Path,
                sources: Mapping[str, Path] | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """bpmn-moddle's warnings on each of ``documents`` (name: bytes, written into ``folder``)
    and on each of ``sources`` (name: path), in one node run; skips the test without node."""
    if shutil.which("node") is None or not (JS / "node_modules" / "bpmn-moddle").is_dir():
        pytest.skip("node and tests/js/node_modules (make node-deps) are needed for the bpmn-moddle check")
    written = {}
    for name, data in documents.items():
        path = folder / name.replace("/", "__")
        path.write_bytes(data)
        written[str(path)] = name
    read = {str(path): name for name, path in (sources or {}).items()}
    run = subprocess.run(["node", "check_moddle.mjs", *written, *read], cwd=JS, capture_output=True, text=True,
                         timeout=120, check=True)
    result = json.loads(run.stdout)
    return ({written[f]: w for f, w in result.items() if f in written},
            {read[f]: w for f, w in result.items() if f in read})
