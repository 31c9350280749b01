"""Reprint matching is blocked (near-linear) and finds what scoring every pair
finds: invented quotes, each reprinted with small edits, checked against the
all-pairs rapidfuzz scores."""

from __future__ import annotations

import random

import pandas as pd
from rapidfuzz import fuzz, process

from toolkit.corpus.people import (REPRINT_SIMILARITY, _NUMBER, _normalise, reprints_table,
                                   similar_pairs)

def _vocabulary(n: int = 4000, seed: int = 5) -> list[str]:
    """Invented words, most common first (drawn with Zipf-like weights below)."""
    rng = random.Random(seed)
    onsets, vowels, codas = "b d f g k l m n p r s t v z br st tr kl".split(), "aeiou", "nrsltk"
    words: list[str] = []
    while len(words) < n:
        word = "".join(rng.choice(onsets) + rng.choice(vowels)
                       for _ in range(rng.randint(1, 4))) + rng.choice(["", *codas])
        if word not in words:
            words.append(word)
    return words


WORDS = _vocabulary()
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]


def _edit(rng: random.Random, text: str) -> str:
    """One small change: a letter dropped, added or changed, a plural, a
    word dropped or two words swapped."""
    words = text.split()
    kind = rng.randrange(6)
    i = rng.randrange(len(words))
    if kind == 0:
        w = words[i]
        words[i] = w[:-1] if len(w) > 2 else w
    elif kind == 1:
        words[i] = words[i] + rng.choice("sde")
    elif kind == 2:
        w = words[i]
        k = rng.randrange(len(w))
        words[i] = w[:k] + rng.choice("aeiou") + w[k + 1:]
    elif kind == 3 and len(words) > 8:
        del words[i]
    elif kind == 4 and i + 1 < len(words):
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        words.insert(i, rng.choice(WORDS))
    return " ".join(words)


def _quotes(n_statements: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n_statements):
        words = rng.choices(WORDS, WEIGHTS, k=rng.randint(6, 30))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 5000)))
        base = " ".join(words)
        texts.append(base)
        for _ in range(rng.randint(0, 3)):          # reprints, each edited a little
            text = base
            for _ in range(rng.randint(0, 3)):
                text = _edit(rng, text)
            texts.append(text)
    return sorted(set(texts))


def _all_pairs(texts: list[str]) -> list[tuple[int, int, float]]:
    """The reference: every pair scored."""
    numbers = [sorted(_NUMBER.findall(t)) for t in texts]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=REPRINT_SIMILARITY)
    return [(int(i), int(j), float(scores[i, j])) for i, j in zip(*scores.nonzero())
            if i < j and numbers[i] == numbers[j]]


def test_blocked_matching_finds_every_pair_that_scoring_all_pairs_finds():
    texts = _quotes(1000)
    assert len(texts) > 2000
    reference = _all_pairs(texts)
    assert len(reference) > 1000                     # many reprints to find
    found, scored = similar_pairs(texts)
    assert found == reference
    n = len(texts)
    assert scored < n * (n - 1) / 2 / 10             # a small share of all pairs


def test_the_work_grows_about_linearly():
    small, large = _quotes(400, seed=3), _quotes(1600, seed=3)
    scored_small, scored_large = similar_pairs(small)[1], similar_pairs(large)[1]
    ratio = len(large) / len(small)                  # about 4
    assert scored_large < scored_small * ratio * 2.5  # all pairs would be about ratio ** 2


def test_numbers_must_agree_and_short_quotes_are_not_reprints():
    texts = ["the army holds about 1,100 square kilometres of the northern region now",
             "the army holds about 1,300 square kilometres of the northern region now",
             "the army holds about 1,100 square kilometres of the northern regions now"]
    found, _ = similar_pairs([_normalise(t) for t in texts])
    assert [(i, j) for i, j, _ in found] == [(0, 2)]
    quotes = pd.DataFrame({
        "content": texts + ["We will hold.", "We will hold!"],
        "speaker": ["A Person"] * 5,
        "article_id": ["a1", "a2", "a3", "a1", "a2"],
        "outlet": ["One", "Two", "Three", "One", "Two"],
        "published": ["2030-01-01", "2030-01-02", "2030-01-03", "2030-01-01", "2030-01-02"]})
    table = reprints_table(quotes, {})
    assert len(table) == 1
    row = table.iloc[0]
    assert row["article_ids"] == ["a1", "a3"] and row["first_outlet"] == "One"
    assert row["similarity"] >= REPRINT_SIMILARITY
