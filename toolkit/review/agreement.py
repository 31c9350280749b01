"""How often a team's analysts agree, per layer and label.

For the engine's items (each analyst's confirm / reject / relabel), items
judged by at least two analysts are compared: observed agreement, Cohen's
kappa (scikit-learn's ``cohen_kappa_score``, exactly two analysts) and
Krippendorff's alpha (the ``krippendorff`` package, nominal, two or more, a
missing judgement left missing). For the spans analysts added themselves, span
agreement is the share of spans the other analyst also marked, on exactly the
same characters (``span_exact``) or overlapping them (``span_overlap``),
averaged over pairs of analysts. The ``notes`` row compares, over items two
or more analysts judged, whether each wrote a note on it. A quote's speaker is
a label-like decision too: the ``quotes`` / ``speaker`` row compares, over the
engine's quotes, the speaker each analyst gave (the one they set, or
``"(as found)"`` when they kept the engine's; a rejected quote has none), with
the same kappa and alpha.
"""

from __future__ import annotations

import itertools
import math

from toolkit.errors import ToolkitError
from toolkit.review.team import items, judgement, load_team, speaker_judgement

COLUMNS = ["layer", "label", "items", "judged_by_2", "observed", "cohen_kappa",
           "krippendorff_alpha", "span_exact", "span_overlap"]


def cohen_kappa(a: list, b: list) -> float:
    """Cohen's kappa of two analysts' paired judgements (scikit-learn)."""
    from sklearn.metrics import cohen_kappa_score

    if not a:
        return math.nan
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score([str(x) for x in a], [str(x) for x in b])
    return float(value)


def krippendorff_alpha(table: list[list]) -> float:
    """Nominal alpha of ``table`` (one row per analyst, None = not judged)."""
    import krippendorff
    import numpy as np

    values = sorted({v for row in table for v in row if v is not None}, key=str)
    if len(values) < 2:
        return math.nan  # no variation at all: alpha is undefined
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else code[v] for v in row] for row in table],
                    dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data,
                                        level_of_measurement="nominal"))
    except ValueError:
        return math.nan


def _engine_row(layer, label, group, names) -> dict:
    judged = [g for g in group if sum(g[n] is not None for n in names) >= 2]
    same = [g for g in judged if len({g[n] for n in names if g[n] is not None}) == 1]
    row = {"layer": layer, "label": label, "items": len(group), "judged_by_2": len(judged),
           "observed": len(same) / len(judged) if judged else math.nan,
           "cohen_kappa": math.nan, "krippendorff_alpha": math.nan,
           "span_exact": math.nan, "span_overlap": math.nan}
    if len(names) == 2 and judged:
        both = [g for g in judged if g[names[0]] is not None and g[names[1]] is not None]
        row["cohen_kappa"] = cohen_kappa([g[names[0]] for g in both],
                                         [g[names[1]] for g in both])
    if judged:
        row["krippendorff_alpha"] = krippendorff_alpha([[g[n] for g in judged] for n in names])
    return row


def span_agreement(spans: dict[str, list[tuple[int, int]]]) -> tuple[float, float]:
    """(exact, overlapping) agreement of the analysts' added spans, pairwise."""
    exact, overlap = [], []
    for x, y in itertools.combinations(sorted(spans), 2):
        a, b = spans[x], spans[y]
        if not a and not b:
            continue
        same = len(set(a) & set(b))
        exact.append(2 * same / (len(a) + len(b)))
        hit_a = sum(any(s < e2 and s2 < e for s2, e2 in b) for s, e in a)
        hit_b = sum(any(s < e2 and s2 < e for s2, e2 in a) for s, e in b)
        overlap.append((hit_a + hit_b) / (len(a) + len(b)))
    mean = (lambda v: sum(v) / len(v) if v else math.nan)
    return mean(exact), mean(overlap)


def agreement(article_or_analysis, annotators=None):
    """A DataFrame of agreement per layer and label (see the module docstring).

    ``article_or_analysis`` is an Analysis, an Article or the article's path;
    ``annotators`` picks analysts (default: every analyst with a file).
    One row per layer with ``label == "(all)"`` comes first in each layer.
    """
    import pandas as pd

    team = load_team(article_or_analysis, annotators)
    names = list(team)
    if len(names) < 2:
        raise ToolkitError("TK233", found=len(names), names=", ".join(names) or "none")
    by_key = items(team)
    engine: dict[str, dict[str, list]] = {}
    added: dict[str, dict[str, dict[str, list]]] = {}
    speakers: list[dict] = []
    for key, recs in by_key.items():
        kind, layer = key[0], key[1]
        first = next(iter(recs.values()))
        if kind == "engine":
            label = first.get("engine_label") or first["label"]
            row = {n: judgement(recs.get(n)) for n in names}
            engine.setdefault(layer, {}).setdefault(label, []).append(row)
            if layer == "quotes":
                speakers.append({n: speaker_judgement(recs.get(n)) for n in names})
        else:
            for who, rec in recs.items():
                added.setdefault(layer, {}).setdefault(rec["label"], {n: [] for n in names})
                added[layer][rec["label"]][who].append((rec["start"], rec["end"]))
    notes = [{n: (None if n not in recs else ("note" if recs[n]["note"] else "no note"))
              for n in names} for recs in by_key.values() if len(recs) >= 2]
    rows = []
    for layer in sorted(set(engine) | set(added)):
        labels = engine.get(layer, {})
        everything = [g for group in labels.values() for g in group]
        if everything:
            rows.append(_engine_row(layer, "(all)", everything, names))
            rows += [_engine_row(layer, label, labels[label], names) for label in sorted(labels)]
        if layer == "quotes" and speakers:
            rows.append(_engine_row(layer, "speaker", speakers, names))
        for label, spans in sorted(added.get(layer, {}).items()):
            exact, overlap = span_agreement(spans)
            rows.append({"layer": layer, "label": f"{label} (added spans)",
                         "items": sum(len(v) for v in spans.values()),
                         "judged_by_2": math.nan, "observed": math.nan, "cohen_kappa": math.nan,
                         "krippendorff_alpha": math.nan, "span_exact": exact,
                         "span_overlap": overlap})
    if any(v == "note" for g in notes for v in g.values()):
        rows.append(_engine_row("notes", "(all)", notes, names))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs["annotators"] = names
    return frame


__all__ = ["agreement", "cohen_kappa", "krippendorff_alpha", "span_agreement"]
