"""Allow `python -m noks`."""

from noks.cli import run

run()
