"""The wizard: a thin Qt client of the core. Pages fill an :class:`~exporter.plan.ExportPlan`; the worker runs
the same core functions as the command line on a thread pool, so the window never freezes.

Nothing outside this package imports Qt.
"""
