"""benchmarks/scaling.py runs end to end on tiny input and prints its table.
No timing is asserted: growth is measured only by running the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import scaling  # noqa: E402


def test_shapes_have_the_asked_size_and_their_shape():
    for shape in scaling.SHAPES:
        text = scaling.make_text(shape, 5000)
        assert 4500 <= len(text) <= 5000
    assert "\n" not in scaling.make_text("paragraph", 5000)
    wrapped = scaling.make_text("newlines", 5000)
    assert "\n\n" in wrapped and max(len(line) for line in wrapped.split("\n")) <= 70
    assert scaling.make_text("quotes", 3000).count("\u201c") >= 10
    assert sum(c.isdigit() for c in scaling.make_text("numbers", 3000)) >= 150


def test_the_command_prints_a_table_for_every_shape(tmp_path):
    out = tmp_path / "scaling.md"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scaling.py"),
                           "--what", "load", "--start", "2000", "--stop", "8000",
                           "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    for shape in scaling.SHAPES:
        rows = [line for line in table.splitlines()
                if line.startswith(f"| load_article | {shape} | ")]
        assert len(rows) == 4  # 2k, 4k, 8k and the verdict line
    assert "growth per doubling" in table and table in proc.stdout
