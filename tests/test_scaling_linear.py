"""The work of toolkit's components grows linearly with the text, counted, not timed.

Each test builds a text of its own making with k and then 2k repetitions of the
pattern that once made a component quadratic (many "in 3 years" dates in one
sentence with no word of the future, many peak cues among many figures, many
figures in one sentence, many names in one sentence, many short forms defined
in brackets), runs spaCy's components, then the toolkit component alone while
counting its work: every Python line executed and every function call, Cython's
included (``Token``, ``Span`` and ``Doc`` code that spaCy builds with profiling
hooks). A walk over the whole Doc, a sentence or a growing list per match shows
as about four times the work for twice the text; linear work doubles. Two tests
count the work of one look-up (the closest namesake, the holder of a role)
against twice as many earlier mentions: it must not grow.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline_support import PUBLISHED

#: Most growth per doubling that counts as linear (linear work gives about 2.0).
LINEAR = 2.3


def _work(fn) -> int:
    """Lines executed plus calls made while ``fn()`` runs (deterministic)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(old_profile)
        sys.settrace(old_trace)
    return count


def _component_work(nlp, text: str, component: str) -> int:
    """The work of ``component`` alone on ``text`` (the ones before it run untraced)."""
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    for name, proc in nlp.pipeline:
        if name == component:
            return _work(lambda: proc(doc))
        doc = proc(doc)
    raise AssertionError(f"{component} is not in the pipeline")


def _growth(nlp, make, component: str, k: int = 40) -> float:
    _component_work(nlp, make(k), component)  # warm-up: what a first call builds once
    small = _component_work(nlp, make(k), component)
    big = _component_work(nlp, make(2 * k), component)
    return big / small


def _in_n_dates(k: int) -> str:
    """One sentence of k "in N years" dates and no word of the future: each is
    checked against the words before it in its sentence."""
    return "Prices were the lowest " + " and ".join(
        f"in {n % 9 + 2} years" for n in range(k)) + ".\n"


def _peaks(k: int) -> str:
    """k peak cues among k measures restated in other units."""
    return " ".join(f"The flood peaked at {n % 50 + 10} square kilometres "
                    f"({n % 50 + 4} square miles) in the north. Roads ran {n % 7 + 2} km."
                    for n in range(k)) + "\n"


def _figures_in_one_sentence(k: int) -> str:
    """One sentence of k lengths that measure nothing named: each looks for a
    sibling of its kind in the sentence."""
    return "Marks at " + ", ".join(f"{n % 40 + 2} metres" for n in range(k)) + ".\n"


def _cities_in_one_sentence(k: int) -> str:
    """One sentence naming k cities (no capitals) and no words of clubs or firms:
    each name looks through its sentence for such a word."""
    cities = ["Manchester", "Liverpool", "Leeds", "Bristol", "Sheffield", "Glasgow"]
    return "The list named " + ", ".join(cities[n % len(cities)] for n in range(k)) + \
        " and nothing else.\n"


def _defined_names(k: int) -> str:
    """k councils, each defining its short form: each bracket looked at every
    mention, and every council was compared with every other ("... Council")."""
    words = ["Alpha", "Bravo", "Delta", "Echo", "Golf", "Hotel", "Kilo", "Lima", "Oscar",
             "Romeo", "Sierra", "Tango"]
    out = []
    for n in range(k):
        a, b = words[n % 12], words[(n // 12) % 12]
        out.append(f"The {a} {b} Council ({a[0]}{b[0]}C) met on Tuesday.")
    return " ".join(out) + "\n"


def _unattributed_quotes(k: int) -> str:
    """k paragraphs, each one quote with no attribution anywhere: each looked
    back through every earlier quote for a speaker to inherit."""
    return "\n\n".join(f"\u201cThere is nothing more to say about case {n}.\u201d"
                         for n in range(k)) + "\n"


@pytest.mark.parametrize("make, component, k", [
    (_in_n_dates, "toolkit_dates", 80),
    (_peaks, "toolkit_figures", 80),
    (_figures_in_one_sentence, "toolkit_figures", 160),
    (_cities_in_one_sentence, "toolkit_entities", 160),
    (_defined_names, "toolkit_entities", 80),
    (_unattributed_quotes, "toolkit_quotes", 320),
], ids=["in-n-dates", "peaks", "figures-one-sentence", "cities-one-sentence", "defined-names",
        "unattributed-quotes"])
def test_component_work_doubles_with_the_text(nlp, make, component, k):
    growth = _growth(nlp, make, component, k)
    assert growth <= LINEAR, f"{component}: {growth:.2f}x the work for twice the text"


def test_the_closest_namesake_is_found_without_reading_every_earlier_mention():
    """"Petrova" after two Petrovas: the one named last before it. The work
    must not grow with the number of earlier mentions (it was a scan of all
    of them, for every mention: quadratic in a long text)."""
    from toolkit.pipeline.entity_data import Person
    from toolkit.pipeline.entity_groups import Grouping

    def closest(n, position):
        # Ana named at 0, 4, 8 ... 4n-4; Ivan at 2, 6 ... 4n-6
        ana = Person("Ana Petrova", "person:ana-petrova", "Ana", "Petrova",
                     positions=list(range(0, 4 * n, 4)))
        ivan = Person("Ivan Petrova", "person:ivan-petrova", "Ivan", "Petrova",
                      positions=list(range(2, 4 * n - 4, 4)))
        found = []
        work = _work(lambda: found.append(Grouping._closest([ana, ivan], position)))
        return found[0].first, work

    assert closest(3, 9)[0] == "Ana" and closest(3, 7)[0] == "Ivan"
    assert closest(3, 1)[0] == "Ana" and closest(3, 5)[0] == "Ana"
    (first, work), (first_2n, work_2n) = closest(1000, 3997), closest(2000, 7997)
    assert first == first_2n == "Ana"
    assert work_2n <= 1.2 * work


def test_a_role_finds_its_holder_without_reading_every_earlier_mention(nlp):
    """"the minister" names the minister mentioned last before it; the work must
    not grow with how often the people were named before (it was a scan of
    every mention of every person, for every role mention)."""
    from toolkit.pipeline.entity_data import Person

    resolver = nlp.get_pipe("toolkit_entities")

    def holder(n, position):
        # Ana named at 0, 4, 8 ... 4n-4; Ivan at 2, 6 ... 4n-6; both ministers
        ana = Person("Ana Petrova", "person:ana-petrova", "Ana", "Petrova",
                     positions=list(range(0, 4 * n, 4)), titles={"minister"})
        ivan = Person("Ivan Sokolov", "person:ivan-sokolov", "Ivan", "Sokolov",
                      positions=list(range(2, 4 * n - 4, 4)), titles={"minister"})
        people = {"ana petrova": ana, "ivan sokolov": ivan}
        found = []
        work = _work(lambda: found.append(
            resolver._resolve_role("minister", None, position, people)))
        return found[0].first, work

    assert holder(3, 9)[0] == "Ana" and holder(3, 7)[0] == "Ivan"
    assert holder(3, 5)[0] == "Ana" and holder(3, 0)[0] == "Ana"  # nobody before: the first named
    (first, work), (first_2n, work_2n) = holder(1000, 3997), holder(2000, 7997)
    assert first == first_2n == "Ana"
    assert work_2n <= 1.2 * work


def test_the_stress_shapes_of_the_profiling_benchmark_have_their_size_and_shape():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.scaling_profile import STRESS, stress_text

    for shape in STRESS:
        text = stress_text(shape, 4000)
        assert 3500 <= len(text) <= 4001, shape
        assert text == stress_text(shape, 4000)  # deterministic
    assert stress_text("long_sentence", 4000).count(".") == 1  # one full stop: one sentence
    assert stress_text("quote_paragraph", 4000).count("\n") == 0
    assert stress_text("in_n_dates", 4000).count(" in ") >= 40
    assert "peaked at" in stress_text("peaks", 4000)
