"""The benchmark command runs end to end on a tiny input and writes its report.

No timing is asserted: speed is measured only by ``python benchmarks/run.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.model


def test_benchmark_command_writes_a_report_on_tiny_input(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tiny",
                           "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    # the machine it ran on
    for key in ("| CPU |", "| cores (logical) |", "| RAM |", "| Python |", "| spaCy |",
                "| spaCy pipeline |"):
        assert key in report
    # every section has a heading; the batch ones always carry figures
    for number in range(1, 7):
        assert re.search(rf"^## {number}\. ", report, re.M), f"section {number} missing"
    summary = report.split("## Summary", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in summary.splitlines() if line.startswith("| ")][1:]  # no header
    by_section = {}
    for row in rows:
        by_section.setdefault(row.split("|")[1].strip(), []).append(row)
    assert re.search(r"\d\.\d\dx", by_section["1"][0])          # a ratio vs bare nlp.pipe
    assert any("words/s" in row for row in by_section["2"])
    assert re.search(r"\d+ MB", by_section["6"][0])
    assert "left out in tiny mode" in report                      # the browser section
    # the tiny run measured 2 articles of the generated corpus
    assert "2 articles" in report
