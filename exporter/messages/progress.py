"""Progress reports of long operations: the numbers are fields, so a display words them as it likes."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # ``total`` is the number of rows when known, else None (the file's rows are counted as it is read)
    "progress.rows_read": ("{rows:,} rows read", "{rows:,} 行を読み込みました"),
    "progress.rows_exported": ("{rows:,} rows exported", "{rows:,} 行を書き出しました"),
    "progress.sample_rows": (
        "{rows:,} of {total:,} sample rows written",
        "サンプル {total:,} 行のうち {rows:,} 行を書き出しました",
    ),
    "progress.bytes_decrypted": ("{size:,} bytes decrypted", "{size:,} バイトを復号しました"),
    "progress.bytes_unpacked": ("{size:,} bytes unpacked", "{size:,} バイトを展開しました"),
    "progress.verified": ("verified", "検証しました"),
}
