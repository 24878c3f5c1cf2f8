"""The shape of progress reports shared by every long operation of the core and by the GUI's worker.

``progress(fraction, message)``: ``fraction`` runs from 0.0 to 1.0; ``message`` is a short English status that
starts with the count of what was done so far (rows, bytes), so a GUI can word it in the clerk's language.
Cancelling is a ``threading.Event`` checked between chunks.
"""

from collections.abc import Callable

Progress = Callable[[float, str], None]

__all__ = ["Progress"]
