"""Speakers and reprints across the articles of a corpus.

Names are merged across articles by a general rule, never a list of people:
a name joins a longer one when its words (honorifics such as "Mr" left out)
are all in the longer name and both end in the same word — "Reiss" joins
"Anton Reiss", which joins "General Anton Reiss". A short
name that would join two unrelated longer names ("Smith": "Anna Smith",
"John Smith") is ambiguous and stays on its own. A group is named by its
shortest name of two words or more (else its most quoted one).

Reprints are quotes whose normalised content is the same or nearly the same
(rapidfuzz ``ratio`` at or above :data:`REPRINT_SIMILARITY`, and the same
numbers: "about 1,100" and "about 1,300" are two statements, however alike the
words) in two or more articles. Quotes are not all scored against each other:
each is filed under its few rarest word stems and only quotes sharing a stem
(and their numbers) are scored, so the work grows about linearly with the
corpus (:func:`similar_pairs`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "mx"}
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: Quotes shorter than this many words are too common to call a reprint.
REPRINT_MIN_WORDS = 6
#: rapidfuzz ratio at or above which two quotes are the same statement.
REPRINT_SIMILARITY = 90
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Candidate reprints are blocked by this many of a quote's rarest word stems...
REPRINT_KEYS = 5
#: ...a stem being a word's first this many letters ("soldiers" -> "soldi").
REPRINT_STEM = 5


def name_words(name: str) -> tuple[str, ...]:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(name or "")]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return tuple(w for w in words if w not in HONORIFICS)


def _contains(long: tuple, short: tuple) -> bool:
    return (len(short) < len(long) and bool(short) and short[-1] == long[-1]
            and set(short) <= set(long))


def merge_names(counts: Counter) -> dict[str, str]:
    """Map every name in ``counts`` (name -> how often it is used) to its
    corpus-wide canonical name."""
    names = [n for n in counts if n and name_words(n)]
    words = {n: name_words(n) for n in names}
    by_last: dict[str, list[str]] = defaultdict(list)
    for n in names:
        by_last[words[n][-1]].append(n)
    parent = {n: n for n in names}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n in names:
        w = words[n]
        longer = [m for m in by_last[w[-1]] if _contains(words[m], w)]
        if not longer:
            # the same words in another form ("Reiss's", "Mr Reiss") join too
            same = [m for m in by_last[w[-1]] if m != n and words[m] == w]
            for m in same:
                parent[find(m)] = find(n)
            continue
        # ambiguous when two of the longer names are unrelated to each other
        related = all(_contains(words[a], words[b]) or _contains(words[b], words[a])
                      or words[a] == words[b]
                      for i, a in enumerate(longer) for b in longer[i + 1:])
        if related:
            for m in longer:
                parent[find(m)] = find(n)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in names:
        groups[find(n)].append(n)
    mapping = {}
    for members in groups.values():
        full = [m for m in members if len(words[m]) >= 2]
        pool = full or members
        best = min(pool, key=lambda m: (len(words[m]) if full else 0, -counts[m], m))
        for m in members:
            mapping[m] = best
    return mapping


def speaker_map(quotes: pd.DataFrame, extra: pd.Series | None = None) -> dict[str, str]:
    counts = Counter(quotes["speaker"].dropna()) if len(quotes) else Counter()
    if extra is not None:
        for name in extra.dropna():
            counts[name] += 0 if name in counts else 1
    return merge_names(counts)


def speakers_table(quotes: pd.DataFrame, entities: pd.DataFrame,
                   mapping: dict[str, str]) -> pd.DataFrame:
    """One row per speaker across the corpus, with quote counts per outlet."""
    base = ["speaker", "label", "aliases", "quotes", "articles", "outlets",
            "first_published", "last_published"]
    frame = quotes[quotes["speaker"].notna()].copy() if len(quotes) else quotes
    if not len(frame):
        return pd.DataFrame(columns=base)
    frame["who"] = frame["speaker"].map(lambda n: mapping.get(n, n))
    frame["outlet"] = frame["outlet"].fillna("(no outlet)")
    labels = _labels(entities, mapping)
    rows = []
    for who, group in frame.groupby("who", sort=False):
        rows.append({
            "speaker": who, "label": labels.get(who),
            "aliases": "; ".join(sorted(set(group["speaker"]) - {who})),
            "quotes": len(group), "articles": group["article_id"].nunique(),
            "outlets": group["outlet"].nunique(),
            "first_published": group["published"].min(),
            "last_published": group["published"].max()})
    table = pd.DataFrame(rows, columns=base)
    per_outlet = pd.crosstab(frame["who"], frame["outlet"])
    table = table.merge(per_outlet, left_on="speaker", right_index=True, how="left")
    return table.sort_values(["quotes", "speaker"], ascending=[False, True]).reset_index(drop=True)


def _labels(entities: pd.DataFrame, mapping: dict[str, str]) -> dict[str, str]:
    if not len(entities):
        return {}
    names = entities["canonical"].map(lambda n: mapping.get(n, n))
    pairs = pd.DataFrame({"who": names, "label": entities["label"]})
    return (pairs.groupby("who")["label"]
            .agg(lambda s: s.value_counts().index[0]).to_dict())


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _stems(text: str) -> set[str]:
    return {word[:REPRINT_STEM] for word in text.split()}


def _blocks(texts: list[str], numbers: list[tuple]) -> list[list[int]]:
    """Groups of text indices that may hold reprints of each other: each text
    is filed under its :data:`REPRINT_KEYS` rarest word stems (rarity counted
    over all the texts), together with its numbers, which a reprint must share
    anyway. Only groups of two or more are returned."""
    stems = [_stems(text) for text in texts]
    frequency = Counter(stem for group in stems for stem in group)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, group in enumerate(stems):
        for stem in sorted(group, key=lambda s: (frequency[s], s))[:REPRINT_KEYS]:
            blocks[(numbers[i], stem)].append(i)
    return [members for members in blocks.values() if len(members) > 1]


def similar_pairs(texts: list[str], cutoff: float = REPRINT_SIMILARITY):
    """``(i, j, score)`` for the pairs ``i < j`` of ``texts`` whose rapidfuzz
    ``ratio`` is at least ``cutoff`` and whose numbers are the same, plus how
    many pairs were scored.

    Near-linear: texts are first blocked by shared rare word stems
    (:func:`_blocks`) and only pairs within a block are scored, so a corpus of
    n quotes costs about n times the size of a block, not n squared. A pair is
    missed only when an edit removes every one of a text's rarest stems from
    the other text, which a ratio of 90 leaves little room for.
    """
    from rapidfuzz import fuzz, process

    numbers = [tuple(sorted(_NUMBER.findall(text))) for text in texts]
    found: dict[tuple[int, int], float] = {}
    scored = 0
    for members in _blocks(texts, numbers):
        block = [texts[i] for i in members]
        step = max(1, 4_000_000 // len(block))         # at most 16 MB of scores at once
        for start in range(0, len(members), step):
            rows = block[start:start + step]
            scores = process.cdist(rows, block, scorer=fuzz.ratio, score_cutoff=cutoff,
                                   workers=-1 if len(rows) * len(block) > 1_000_000 else 1)
            scored += len(rows) * len(block)
            for r, c in zip(*scores.nonzero()):
                i, j = members[start + int(r)], members[int(c)]
                if i < j:
                    found[(i, j)] = float(scores[r, c])
    return [(i, j, score) for (i, j), score in sorted(found.items())], scored


def reprints_table(quotes: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """The same statement quoted in two or more articles."""
    columns = ["content", "speaker", "articles", "outlets", "first_article", "first_outlet",
               "first_published", "last_published", "article_ids", "similarity"]
    if not len(quotes):
        return pd.DataFrame(columns=columns)
    frame = quotes[["content", "speaker", "article_id", "outlet", "published"]].copy()
    frame["norm"] = frame["content"].map(_normalise)
    frame = frame[frame["norm"].str.count(" ") + 1 >= REPRINT_MIN_WORDS]
    uniques = sorted(set(frame["norm"]))
    if len(uniques) < 1:
        return pd.DataFrame(columns=columns)
    parent = list(range(len(uniques)))
    lowest = [100.0] * len(uniques)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, score in similar_pairs(uniques)[0]:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a
        lowest[i] = min(lowest[i], score)
        lowest[j] = min(lowest[j], score)
    index = {text: i for i, text in enumerate(uniques)}
    frame["group"] = frame["norm"].map(lambda t: find(index[t]))
    frame["score"] = frame["norm"].map(lambda t: lowest[index[t]])
    rows = []
    for _, group in frame.groupby("group"):
        if group["article_id"].nunique() < 2:
            continue
        group = group.sort_values(["published", "article_id"], na_position="last")
        first = group.iloc[0]
        speakers = group["speaker"].dropna().map(lambda n: mapping.get(n, n))
        rows.append({
            "content": first["content"],
            "speaker": speakers.value_counts().index[0] if len(speakers) else None,
            "articles": group["article_id"].nunique(), "outlets": group["outlet"].nunique(),
            "first_article": first["article_id"], "first_outlet": first["outlet"],
            "first_published": first["published"], "last_published": group["published"].max(),
            "article_ids": list(dict.fromkeys(group["article_id"])),
            "similarity": group["score"].min()})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["articles", "first_published"], ascending=[False, True]
                             ).reset_index(drop=True)
