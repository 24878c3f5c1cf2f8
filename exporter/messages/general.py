"""Messages that belong to no single area: cancelling, the operating system's refusals, internal errors."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "general.cancelled": (
        "The export was cancelled; nothing was written.",
        "書き出しを取り消しました。何も書き込んでいません。",
    ),
    "general.work_cancelled": (
        "The work was cancelled; nothing was written.",
        "処理を取り消しました。何も書き込んでいません。",
    ),
    "general.internal_error": (
        "An internal error stopped the work ({kind}); nothing was written.",
        "内部エラーのため処理を中止しました（{kind}）。何も書き込んでいません。",
    ),
    "general.internal_error_hint": (
        "Please report this; set EXPORTER_DEBUG=1 to see the details.",
        "この問題を報告してください。詳しい内容は EXPORTER_DEBUG=1 を設定すると表示されます。",
    ),
}
