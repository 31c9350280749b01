"""Two example analysts for the team-review notebook (DEMO DATA, not real work).

:func:`make_demo_analysts` writes ``<stem>.annotations.demo-alice.json`` and
``<stem>.annotations.demo-bob.json`` for any analysed article, by a fixed
recipe over the engine's highlights, so the walk-through has something to
compare: demo-alice confirms every entity, quote and figure; demo-bob agrees
with her mostly, but rejects every fifth entity, relabels every seventh as
``ORG``, gives every fourth quote the speaker of the quote before it (when that
one names someone else), marks every third figure "needs source", and adds one
span of his own. The files shipped in ``notebooks/team_demo/`` were made this
way for the seed.
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.annotations import AnnotationStore, analyst_store_path

DEMO = ("demo-alice", "demo-bob")


def make_demo_analysts(analysis, folder=None) -> dict[str, Path]:
    """Write the two demo analysts' files beside the article (or in ``folder``,
    under the article's stem). Existing files are left as they are."""
    article = Path(os.fspath(analysis.article.path))
    if folder is not None:
        article = Path(os.fspath(folder)) / article.name
    out = {}
    highlights = analysis.highlights(("entities", "quotes", "figures"))
    for who in DEMO:
        path = analyst_store_path(article, who)
        out[who] = path
        if path.exists():
            continue
        store = AnnotationStore(path, text=analysis.text, annotator=who,
                                source=str(analysis.article.path))
        n_ent = n_fig = n_quote = 0
        previous = None  # the speaker of the quote before
        for h in highlights:
            if h["layer"] == "quotes":
                n_quote += 1
                speaker = (h.get("attrs") or {}).get("speaker")
                if who == "demo-bob" and n_quote % 4 == 0 and previous \
                        and previous != speaker:
                    store.decide(h, decision="confirmed", speaker=str(previous))
                else:
                    store.decide(h, decision="confirmed")
                previous = speaker or previous
            elif h["layer"] == "entities":
                n_ent += 1
                if who == "demo-bob" and n_ent % 5 == 0:
                    store.decide(h, decision="rejected")
                elif who == "demo-bob" and n_ent % 7 == 0:
                    store.decide(h, label="ORG")
                else:
                    store.decide(h, decision="confirmed")
            else:
                n_fig += 1
                status = "needs source" if who == "demo-bob" and n_fig % 3 == 0 else "verified"
                store.decide(h, status=status)
        if who == "demo-bob":
            words = analysis.text.split(" ")
            start = len(" ".join(words[:3])) + 1
            end = start + len(words[3].strip())
            if analysis.text[start:end].strip():
                store.add(start, end, "CLAIM", note="demo: worth a second look")
    return out
