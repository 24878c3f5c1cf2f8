"""The frozen program's entry point: the same executable opens the wizard (no command) or runs a command."""

from exporter.launch import main

raise SystemExit(main())
