"""A static HTML fallback for every toolkit widget.

Where no kernel is running (a shared or frozen notebook, a viewer without
widget support), the front end shows the output's ``text/html`` instead of the
live widget. A widget class mixes this in and defines ``to_html()`` (or
``_fallback_html()``, when the output's HTML can reuse what the widget drew).
"""

from __future__ import annotations


#: Set when a toolkit widget's front end has said it draws widgets (view.js sends
#: "hello" when its model is made): later outputs need no static copy.
_SEEN = {"widgets": False}


def widgets_seen() -> None:
    """A widget's front end answered in this kernel: it draws widgets."""
    _SEEN["widgets"] = True


def widgets_shown() -> bool:
    """Whether this kernel's outputs are shown by a front end that draws widgets:
    a toolkit widget's front end has answered, or a widget manager asked for the
    widgets' state (the ``jupyter.widget.control`` comm; JupyterLab opens it when
    it joins a kernel that has ipywidgets loaded). A headless run (nbclient,
    papermill, ``toolkit share``, even one started from a notebook) and a plain
    Python session are neither, and the first view of a session is not known
    to be drawn: its output keeps the whole static rendering."""
    if _SEEN["widgets"]:
        return True
    from ipywidgets import Widget

    return getattr(Widget, "_control_comm", None) is not None


class StaticFallback:
    """Adds the widget's own ``to_html()`` as the ``text/html`` of its output."""

    def to_html(self) -> str:  # pragma: no cover - each widget defines its own
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle or {}, {})
        data = dict(data)
        draw = getattr(self, "_fallback_html", None) or self.to_html
        data["text/html"] = draw()
        return data, meta
