"""A static HTML fallback for every toolkit widget.

Where no kernel is running (a shared or frozen notebook, a viewer without
widget support), the front end shows the output's ``text/html`` instead of the
live widget. A widget class mixes this in and defines ``to_html()`` (or
``_fallback_html()``, when the output's HTML can reuse what the widget drew).
"""

from __future__ import annotations


def widgets_shown() -> bool:
    """Whether a front end that draws widgets is connected to this kernel:
    JupyterLab's and Notebook 7's widget manager open the ``jupyter.widget.control``
    comm when they join the kernel (ipywidgets 8); a headless run (nbclient,
    papermill) and a plain Python session never do."""
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
