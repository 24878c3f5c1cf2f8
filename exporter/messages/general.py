"""Messages that belong to no single area: cancelling, the operating system's refusals, internal errors."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "general.cancelled": (
        "The export was cancelled; nothing was written.",
        "書き出しを取り消しました。何も書き込んでいません。",
    ),
}
