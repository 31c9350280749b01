"""Team review: several analysts annotate one article; how often they agree
(:mod:`~toolkit.review.agreement`) and how a reviewer settles the differences
(:mod:`~toolkit.review.adjudication`). Reads the store's public API only."""

from toolkit.review.adjudication import Review
from toolkit.review.agreement import agreement
from toolkit.review.sharing import SettledVersion, settled_version
from toolkit.review.team import ANONYMOUS, analyst_files, load_team

__all__ = ["ANONYMOUS", "Review", "SettledVersion", "agreement", "analyst_files", "load_team",
           "settled_version"]
