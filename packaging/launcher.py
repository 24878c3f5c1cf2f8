"""The frozen program's entry point: the same executable opens the wizard (no command) or runs a command."""

try:
    from exporter.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python loads the program: finish loading it to say so in one sentence
    from exporter.cli import cancelled_while_starting

    raise SystemExit(cancelled_while_starting()) from None

raise SystemExit(main())
