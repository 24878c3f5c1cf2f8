"""Widgets that word themselves again when the language changes at run time.

Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every widget (see
:mod:`exporter.gui.i18n`); a widget that sets its texts in :meth:`retranslate_ui` and lists this mixin before its
Qt base class follows the switch: ``class KeyCardDialog(Retranslating, QDialog)``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Calls :meth:`retranslate_ui` on every ``LanguageChange`` event, then lets Qt handle the event as usual."""

    def retranslate_ui(self) -> None:
        """Set every text again through ``self.tr()``; subclasses override it."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
