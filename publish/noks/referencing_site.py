"""The referencing view in the site: its data files and its pages."""

from __future__ import annotations

import pyoxigraph as ox

from noks.referencing_data import referencing, referencing_data


def referencing_site(triples: list[ox.Triple], base: str) -> dict[str, bytes]:
    view = referencing(triples, base)
    return referencing_data(view)
