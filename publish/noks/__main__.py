"""Allow `python -m noks`."""

from noks.cli import main

raise SystemExit(main())
