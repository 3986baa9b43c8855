"""The referencing view in the site: its data files (CSV, JSON) and its pages."""

from __future__ import annotations

import pyoxigraph as ox

from noks import render
from noks.pages import shared_index
from noks.referencing_data import referencing, referencing_data
from noks.referencing_pages import referencing_pages


def referencing_site(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    model = referencing(triples, base)
    return {**referencing_data(model), **referencing_pages(model, shared_index(triples, base), render.environment())}
