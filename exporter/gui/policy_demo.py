"""Pictures of what an IT policy locks, for the README (``exporter --screenshots``), made under a real policy file:

policy-04-protection     the Protection page under ``rules.approved_recipients``: one address-book entry
                         approved and ticked, the other greyed (its tooltip says the rule), the passphrase locked
policy-14-protection-office  the same page when the office key set in Settings is not among the approved
                         recipients: the office line in red with the rule and the policy file, Next waiting
policy-07-open-forwarded the Open window for an archive made under a purpose profile and passed on: encrypted
                         again for another key, so it warns that it was not made for the key that opened it
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from exporter.gui.key_screens import demo_folders

if TYPE_CHECKING:
    from exporter.envelope import X25519Identity

WAIT_MS = 60_000
DEMO_ROWS = 200
BOOK = {  # (name, organisation): the approved call centre, and a firm the policy does not approve
    "ja": (("みらいコールセンター", "株式会社みらいコールセンター"), ("ほしぞら調査", "ほしぞら調査株式会社")),
    "en": (("Mirai Call Centre", "Mirai Call Centre Ltd."), ("Hoshizora Research", "Hoshizora Research Inc.")),
}


def render(folder: Path, language: str) -> None:
    """Save the pictures listed in the module docstring into ``folder``."""
    from exporter.envelope import X25519Identity
    from exporter.gui.i18n import switch_language
    from exporter.keys import add_recipient, check_code, set_office_key

    app = QApplication.instance() or QApplication([])
    switch_language(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    japanese = language == "ja"
    with demo_folders(), tempfile.TemporaryDirectory(prefix="exporter-demo-") as temp:
        work = Path(temp)
        approved, other = X25519Identity.generate(), X25519Identity.generate()
        (centre, centre_org), (firm, firm_org) = BOOK["ja" if japanese else "en"]
        add_recipient(centre, str(approved.recipient), organisation=centre_org)
        add_recipient(firm, str(other.recipient), organisation=firm_org)
        policy, code = work / "policy.toml", check_code(str(approved.recipient))
        policy.write_text(
            f'[register]\npath = "{(work / "register.jsonl").as_posix()}"\n\n'
            f'[rules]\nnever_export = ["my_number"]\napproved_recipients = ["{code}"]\n\n'
            '[profiles.health_check]\ntitle = "Health check calls"\nversion = 2\n'
            'legal_basis = "Health Promotion Act, art. 19"\n'
            'columns = { family_name = "keep", given_name = "keep", phone = "keep" }\n',
            encoding="utf-8",
        )
        with _policy(policy):
            _protection(folder / "policy-04-protection.png", language, centre)
            _forwarded(folder / "policy-07-open-forwarded.png", work, approved, other, japanese)
            office = "総務課（旧）" if japanese else "General Affairs (old key)"
            set_office_key(str(X25519Identity.generate().recipient), office)
            _protection(folder / "policy-14-protection-office.png", language, centre)


@contextmanager
def _policy(path: Path) -> Iterator[None]:
    before = os.environ.get("EXPORTER_POLICY")
    os.environ["EXPORTER_POLICY"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("EXPORTER_POLICY", None)
        else:
            os.environ["EXPORTER_POLICY"] = before


def _protection(target: Path, language: str, approved: str) -> None:
    from exporter.gui.screenshots import save, wait_until
    from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard

    wizard = ExportWizard(sample_rows=DEMO_ROWS)
    wizard.resize(DEFAULT_SIZE)
    wizard.show()
    source = wizard.source_page
    source.use_sample()
    wait_until(lambda: source.isComplete() or not source.busy)
    wizard.next()
    wizard.purpose_page.choose_profile("health_check")
    purpose = "特定健診の受診勧奨の電話連絡" if language == "ja" else "Health check calls"
    wizard.purpose_page.purpose_edit.setText(purpose)
    wizard.next()
    wizard.next()
    wizard.next()
    page = wizard.protection_page
    page.choose_by_name([approved])
    save(wizard, target)
    source.stop()
    wizard.close()
    wizard.deleteLater()


def _forwarded(target: Path, work: Path, approved: X25519Identity, other: X25519Identity, japanese: bool) -> None:
    """An export under the profile for ``approved``, its inner ZIP encrypted again for ``other`` (as a recipient
    passing it on would, with any age tool), opened with ``other``'s key."""
    from exporter.envelope import decrypt, encrypt, format_identity_file
    from exporter.gui.open_window import OpenWindow
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan
    from exporter.sample import sample_bytes

    (work / "residents.csv").write_bytes(sample_bytes(DEMO_ROWS))
    sent = work / "residents.zip.age"
    run_export(
        ExportPlan(
            source=work / "residents.csv",
            columns=("family_name", "given_name", "phone"),
            output=sent,
            recipients=(str(approved.recipient),),
            purpose="特定健診の受診勧奨の電話連絡" if japanese else "Health check calls",
            recipient_organisation="株式会社みらいコールセンター" if japanese else "Mirai Call Centre Ltd.",
            delete_by=date.today() + timedelta(days=30),
            profile="health_check",
        )
    )
    passed = work / "passed-on.zip.age"
    with sent.open("rb") as source, passed.open("wb") as target_file:
        reader = decrypt(source, [approved])
        with encrypt(target_file, [other.recipient]) as writer:
            while chunk := reader.read(1 << 16):
                writer.write(chunk)
    key_file = work / "my-key.txt"
    key_file.write_text(format_identity_file(other, datetime.now().astimezone()), encoding="utf-8")
    key_file.chmod(0o600)
    window = OpenWindow()
    window.set_archive(passed)
    window.set_key_file(key_file)
    window.show()
    loop = QEventLoop()
    finished: list[bool] = []
    window.done.connect(lambda: (finished.append(True), loop.quit()))
    QTimer.singleShot(WAIT_MS, loop.quit)
    window.start_open()
    if not finished:
        loop.exec()
    window.fit_to_content()
    app = QApplication.instance()
    for _ in range(3):
        if app is not None:
            app.processEvents()
    window.grab().save(str(target))
    window.close()
    window.deleteLater()
