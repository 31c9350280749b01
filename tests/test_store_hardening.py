"""The store under hostile input: fields of the wrong type, broken files,
read-only folders, killed saves; and re-anchoring that never lands on other
words (hand-made repro cases and random edits)."""

from __future__ import annotations

import json
import os
from pathlib import Path
import shutil
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.annotations import AnnotationStore
from toolkit.errors import ToolkitError

SENT = "The mayor said the bridge would reopen in May after repairs."
TEXT = (f"{SENT} Officials agreed.\n\nTraffic grew in the north of the city.\n\n"
        f"{SENT} Residents were unsure.")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "article.annotations.json"


def _field(path, **bad):
    store = AnnotationStore(path, text=TEXT)
    rec = store.add(TEXT.index("bridge"), TEXT.index("bridge") + 6, "INFRA", note="ok")
    good = store.add(TEXT.index("mayor"), TEXT.index("mayor") + 5, "ROLE")
    data = json.loads(path.read_text(encoding="utf-8"))
    for obj in data["annotations"]:
        if obj["id"] == rec["id"]:
            for key, value in bad.items():
                if key == "start":
                    obj["target"]["selector"][0]["start"] = value
                else:
                    obj[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return rec, good


@pytest.mark.parametrize("bad", [{"label": 7}, {"label": None}, {"note": {"x": 1}},
                                 {"start": True}, {"modified": "yesterday"},
                                 {"created": "2025-13-45"}, {"status": "maybe"}])
def test_a_bad_field_makes_an_orphan_with_its_reason_and_is_kept(path, bad):
    rec, good = _field(path, **bad)
    before = path.read_bytes()
    store = AnnotationStore(path, text=TEXT)
    got = store.get(rec["id"])
    assert got["orphan"] and got["orphan_reason"].startswith("invalid record")
    assert next(iter(bad)) in got["orphan_reason"]
    assert not store.get(good["id"])["orphan"]
    items = store.apply([])  # what renderers use: the bad record is not drawn
    assert [i["annotation_id"] for i in items] == [good["id"]]
    assert all(isinstance(i["label"], str) for i in items)
    store.to_frame(), store.to_jsonld()  # no raw TypeError / AttributeError
    store.update(good["id"], note="still saves")
    raw = json.loads(path.read_text(encoding="utf-8"))["annotations"]
    kept = next(o for o in raw if o["id"] == rec["id"])
    original = next(o for o in json.loads(before)["annotations"] if o["id"] == rec["id"])
    assert kept == original  # written back as it was
    fixed = store.reattach(rec["id"], TEXT.index("repairs"), TEXT.index("repairs") + 7)
    assert not fixed["orphan"] and fixed["exact"] == "repairs"


def test_a_corrupted_file_opens_read_only_with_the_numbered_error(path):
    AnnotationStore(path, text=TEXT).add(4, 9, "ROLE")
    path.write_text('{"format": "toolkit.annot', encoding="utf-8")
    store = AnnotationStore.open_readonly_or_error(path, text=TEXT)
    assert store.read_only and store.error.code == "TK201" and store.records == []
    with pytest.raises(ToolkitError) as err:
        store.add(4, 9, "X")
    assert err.value.code == "TK201"
    assert path.read_text(encoding="utf-8") == '{"format": "toolkit.annot'
    article = path.with_name("article.txt")
    article.write_text(TEXT, encoding="utf-8")
    shown = AnnotationStore.for_reading(article, TEXT)
    assert shown.error.code == "TK201" and shown.apply([]) == []


def _read_only_folder_checks(path):
    store = AnnotationStore(path, text=TEXT)
    assert store.read_only and store.error.code == "TK230"
    assert [r["label"] for r in store.records] == ["ROLE"]  # still shown
    with pytest.raises(ToolkitError) as err:
        store.add(10, 16, "X")
    assert err.value.code == "TK230"


def test_a_read_only_folder_is_a_numbered_error():
    # A folder the analyst may read but not write. Root writes anywhere, so as
    # root the checks run in a child process that has dropped to 'nobody'.
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="tk-ro-"))
    path = folder / "article.annotations.json"
    try:
        AnnotationStore(path, text=TEXT).add(4, 9, "ROLE")
        for item in folder.rglob("*"):
            os.chmod(item, 0o755 if item.is_dir() else 0o644)
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP
                 | stat.S_IROTH | stat.S_IXOTH)
        if os.geteuid() != 0:
            _read_only_folder_checks(path)
            return
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                _read_only_folder_checks(path)
                code = 0
            except BaseException as exc:  # report to the parent through the code
                print(f"read-only check failed as nobody: {exc!r}", flush=True)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the checks failed as 'nobody'"
    finally:
        os.chmod(folder, stat.S_IRWXU)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_lock_that_cannot_be_made_is_tk230_not_a_permission_error(path, monkeypatch):
    store = AnnotationStore(path, text=TEXT)

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("filelock.FileLock.acquire", refuse)
    with pytest.raises(ToolkitError) as err:
        store.add(4, 9, "ROLE")
    assert err.value.code == "TK230"


def test_no_lock_file_beside_the_article(path):
    AnnotationStore(path, text=TEXT).add(4, 9, "ROLE")
    assert sorted(p.name for p in path.parent.iterdir()) == [".toolkit", path.name]


def test_insert_before_an_annotation_keeps_it_in_its_own_paragraph(path):
    start = TEXT.index("bridge")
    rec = AnnotationStore(path, text=TEXT).add(start, start + 6, "INFRA")
    edited = TEXT.replace("The mayor said", "The new mayor said", 1)
    got = AnnotationStore(path, text=edited).get(rec["id"])  # a new session
    assert (got["start"], got["orphan"]) == (start + 4, False)
    # Without the snapshot of the old text: an orphan, never paragraph 3.
    for snap in (path.parent / ".toolkit").glob("*.txt"):
        snap.unlink()
    again = AnnotationStore(path, text=edited.replace("new", "newly elected", 1))
    got = again.get(rec["id"])
    assert got["orphan"] or got["start"] < edited.index("\n\n")


def test_deleted_words_orphan_the_note_instead_of_moving_it(path):
    text = ("Officials praised job creation, with 156,000 new posts. Critics said "
            "creating posts is not enough.")
    store = AnnotationStore(path, text=text)
    rec = store.add(text.index("creation"), text.index("creation") + 8, "CLAIM", note="check")
    edited = text.replace("job creation, with 156,000 ", "")
    for reopened in (AnnotationStore(path, text=edited), store):
        if reopened is store:
            store.bind(edited)
        got = reopened.get(rec["id"])
        assert got["orphan"] and got["note"] == "check"


VOCAB = ["the", "plan", "said", "minister", "cost", "late", "river", "north", "May", "and"]


@st.composite
def _case(draw):
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=20, max_size=60))
    text = " ".join(words)
    bounds = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    spans = set()
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(words) - 1))
        k = draw(st.integers(0, min(2, len(words) - 1 - i)))
        s = bounds[i]
        e = bounds[i + k] + len(words[i + k])
        spans.add((s, e))
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, min(12, len(text) - at)))
    insert = draw(st.sampled_from(["", "new ", "river ", "the plan ", "x"]))
    return text, sorted(spans), at, cut, insert


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_case())
def test_random_edits_leave_each_annotation_on_its_own_words_or_an_orphan(tmp_path, case):
    text, spans, at, cut, insert = case
    edited = text[:at] + insert + text[at + cut:]
    shift = len(insert) - cut
    for fresh in (True, False):
        path = tmp_path / f"a{fresh}.annotations.json"
        path.unlink(missing_ok=True)
        store = AnnotationStore(path, text=text)
        recs = [store.add(s, e, "L") for s, e in spans]
        if fresh:
            for snap in (tmp_path / ".toolkit").glob(path.name + "*"):
                snap.unlink()  # the hardest case: the old text is unknown
            store = AnnotationStore(path, text=edited)
        else:
            store.bind(edited)
        for rec in recs:
            got = store.get(rec["id"])
            s, e = rec["start"], rec["end"]
            if got["orphan"]:
                continue
            # its own characters: untouched by the edit, moved with the text
            if e <= at:
                own = (s, e)
            elif s >= at + cut and not (s == at and insert):
                own = (s + shift, e + shift)
            else:
                own = None
            if own is not None and (got["start"], got["end"]) == own:
                continue
            # an edit right at its edge may align either way: same words, same place
            assert edited[got["start"]:got["end"]] == rec["exact"]
            assert own is None or abs(got["start"] - own[0]) <= len(insert) + cut


def test_two_edits_apart_keep_every_annotation_between_them_on_its_words(path):
    start = TEXT.index("north")
    store = AnnotationStore(path, text=TEXT)
    mid = store.add(start, start + 5, "PLACE")
    first = store.add(TEXT.index("bridge"), TEXT.index("bridge") + 6, "INFRA")
    last_at = TEXT.rindex("bridge")
    last = store.add(last_at, last_at + 6, "INFRA")
    edited = TEXT.replace("Officials agreed.", "Officials agreed at once.", 1)
    edited = edited.replace("Residents were unsure.", "Residents, asked, were unsure.")
    reopened = AnnotationStore(path, text=edited)  # a new session: aligned via the snapshot
    for rec, where in ((mid, edited.index("north")), (first, edited.index("bridge")),
                       (last, edited.rindex("bridge"))):
        got = reopened.get(rec["id"])
        assert not got["orphan"] and got["start"] == where


def test_a_folder_reported_unwritable_opens_read_only_with_tk230(path, monkeypatch):
    AnnotationStore(path, text=TEXT).add(4, 9, "ROLE")
    monkeypatch.setattr("toolkit.annotations.files.writable", lambda folder: False)
    store = AnnotationStore(path, text=TEXT)
    assert store.read_only and store.error.code == "TK230"
    assert [r["label"] for r in store.records] == ["ROLE"]  # still shown
    before = path.read_bytes()
    with pytest.raises(ToolkitError) as err:
        store.update(store.records[0]["id"], note="x")
    assert err.value.code == "TK230" and path.read_bytes() == before
