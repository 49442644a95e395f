"""``python -m wikireuse.cli``: the command line, as the ``wikireuse`` script."""

from wikireuse.cli import main

raise SystemExit(main())
