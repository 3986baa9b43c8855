"""What the build publishes for the register: the ELM view for the QDR (`eu/qualifications.*`), and
the column layout (`register/qualifications/register.csv-metadata.json`) with a header-only
`register.csv` to fill in, beside the sub-register's own documents."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from noks.elm import elm_files
from noks.register import REGISTER
from noks.register_layout import METADATA_NAME, TEMPLATE_NAME, metadata_bytes, template_csv


def register_outputs(triples: Iterable[ox.Triple], base: str) -> dict[str, bytes]:
    """Every register output, by site path."""
    out = elm_files(triples, base)
    out[f"{REGISTER}/{METADATA_NAME}"] = metadata_bytes()
    out[f"{REGISTER}/{TEMPLATE_NAME}"] = template_csv()
    return out
