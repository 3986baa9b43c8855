"""What the build publishes for the register: its pages (each qualification, and the register that
lists and filters them), the ELM view for the QDR (`eu/qualifications.*`), and the column layout
(`register/qualifications/register.csv-metadata.json`) with a header-only `register.csv` to fill in."""

from __future__ import annotations

import pyoxigraph as ox

from noks import reuse
from noks.elm import ELM_FILES, elm_files
from noks.pages import shared_index
from noks.register import REGISTER
from noks.register_layout import METADATA_NAME, TEMPLATE_NAME, metadata_bytes, template_csv
from noks.register_pages import register_pages
from noks.site_writer import SiteWriter


def register_outputs(triples: list[ox.Triple], base: str, into: SiteWriter | None = None) -> dict[str, bytes]:
    """Every register output, by site path (with `into`, the pages are written there as they are made)."""
    # the ELM view reads the whole graph: the last build's files if the graph is the same
    out = reuse.pages(shared_index(triples, base), ELM_FILES, lambda: elm_files(triples, base), everything=True)
    out.update(register_pages(triples, base, into))
    out[f"{REGISTER}/{METADATA_NAME}"] = metadata_bytes()
    out[f"{REGISTER}/{TEMPLATE_NAME}"] = template_csv()
    return out
