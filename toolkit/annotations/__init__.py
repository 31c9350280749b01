"""The annotation store, in rooms: ``store`` (the class), ``files`` (names,
reading, the lock), ``anchoring`` (where words went after an edit),
``schema`` (every field's type and range), ``formats`` (JSON-LD, JSONL)."""

from toolkit.annotations.anchoring import CONTEXT, anchor, edit_map, locate, quote_selector
from toolkit.annotations.files import (FORMAT, VERSION, analyst_store_path, analyst_store_paths,
                                       default_store_path, legacy_store_path,
                                       settled_store_path, text_sha256)
from toolkit.annotations.schema import DECISIONS, FIELDS, PROVENANCES, STATUSES
from toolkit.annotations.store import LOCK_TIMEOUT, AnnotationStore, default_annotator

__all__ = ["AnnotationStore", "CONTEXT", "DECISIONS", "FIELDS", "FORMAT", "LOCK_TIMEOUT",
           "PROVENANCES", "STATUSES", "VERSION", "analyst_store_path", "analyst_store_paths",
           "anchor", "default_annotator", "default_store_path", "edit_map",
           "legacy_store_path", "locate", "quote_selector", "settled_store_path",
           "text_sha256"]
