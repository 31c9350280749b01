"""What the tests of the article view share."""


def span_record(text, word, layer, label, attrs=None):
    """A highlight record for the first ``word`` in ``text``, as the view draws one."""
    s = text.index(word)
    return {"id": f"{layer}:{s}-{s + len(word)}", "layer": layer, "label": label, "start": s,
            "end": s + len(word), "text": word, "attrs": attrs or {}}
