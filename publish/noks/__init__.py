"""noks: the Serbian National Qualifications Framework (NOKS) as linked open data."""

__version__ = "0.1.0"
