"""The shape of progress reports shared by every long operation of the core and by the GUI's worker.

``progress(fraction, message)``: ``fraction`` runs from 0.0 to 1.0; ``message`` is a catalogue message
(:mod:`exporter.messages.progress`) whose fields carry the numbers (``rows``, ``total``, ``size``), so the command
line renders it in the user's language and the GUI reads the numbers from the fields, never from text.
Cancelling is a ``threading.Event`` checked between chunks.
"""

from collections.abc import Callable

from exporter.messages import Message

Progress = Callable[[float, Message], None]

__all__ = ["Progress"]
