"""The export request: columns, recipients, the passphrase, and what must fit in the archive's description."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "plan.no_column": (
        "No column was chosen, so there is nothing to export.",
        "列が1つも選ばれていないため、持ち出すものがありません。",
    ),
    "plan.no_column_hint": ("Name at least one column with --column.", "--column で列を1つ以上指定してください。"),
    "plan.keys_and_passphrase": (
        "Use either recipient keys or a passphrase, not both.",
        "受取人の公開鍵と合言葉は同時に使えません。どちらか一方にしてください。",
    ),
    "plan.no_recipient_hint": (
        "Give the recipient's key with --recipient age1... or use --passphrase-file.",
        "--recipient age1... で受取人の公開鍵を指定するか、--passphrase-file を使ってください。",
    ),
    "plan.recipient_n_of": (
        "Recipient {position} of {count}: {message:lower}",
        "{count} 件中 {position} 件目の受取人：{message}",
    ),
    # the archive's description (manifest.json) must hold what the recipient's exporter accepts
    "plan.purpose_too_long": (
        "The purpose is {count:,} characters long; at most {limit:,} fit in the archive.",
        "利用目的が {count:,} 文字あります。ファイルに記録できるのは {limit:,} 文字までです。",
    ),
    "plan.organisation_too_long": (
        "The recipient's organisation is {count:,} characters long; at most {limit:,} fit in the archive.",
        "受取先の名前が {count:,} 文字あります。ファイルに記録できるのは {limit:,} 文字までです。",
    ),
    "plan.fewer_words_hint": ("Say it in fewer words.", "もっと短く書いてください。"),
    "plan.column_name_too_long": (
        "The file has a column name of {count:,} characters; at most {limit:,} fit in the archive.",
        "ファイルに {count:,} 文字の列名があります。記録できる列名は {limit:,} 文字までです。",
    ),
    "plan.too_many_columns": (
        "The file has too many columns to list in the archive ({count:,} left out; the list would take "
        "{size:.1f} MiB, at most {limit} MiB fit).",
        "ファイルの列が多すぎて、一覧を記録できません"
        "（除外する列が {count:,} 列あり、一覧が {size:.1f} MiB になります。記録できるのは {limit} MiB までです）。",
    ),
    "plan.remove_columns_hint": (
        "Remove the columns that are not needed from the file before exporting.",
        "書き出す前に、不要な列をファイルから削除してください。",
    ),
    "plan.description_invalid": (
        "The archive's manifest would be invalid at “{field}”.",
        "書き出すファイルの説明（manifest.json）の「{field}」が正しくない値になります。",
    ),
    # the delete-by date
    "plan.delete_by_not_a_date": (
        "“{text}” is not a date the recipient must delete the data by.",
        "「{text}」は削除期限の日付として読めません。",
    ),
    "plan.delete_by_format_hint": (
        "Write it as YYYY-MM-DD, for example 2027-03-31.",
        "2027-03-31 のように、年-月-日 の形で書いてください。",
    ),
    "plan.delete_by_passed": (
        "The delete-by date {date} has already passed (today is {today}).",
        "削除期限の {date} はすでに過ぎています（今日は {today} です）。",
    ),
    "plan.delete_by_future_hint": (
        "Give the date by which the recipient must delete the data, today or later.",
        "受取人がデータを削除すべき日を、今日以降の日付で指定してください。",
    ),
    # the synthetic sample
    "plan.sample_encoding": (
        "The sample cannot be written as {encoding!r}; use utf-8, utf-8-sig or cp932.",
        "サンプルは {encoding!r} では書き出せません。utf-8、utf-8-sig、cp932 のいずれかを指定してください。",
    ),
    "plan.sample_rows": (
        "The sample needs a row count of 0 or more, not {rows}.",
        "サンプルの行数は0以上にしてください（{rows} は使えません）。",
    ),
    "plan.sample_cancelled": ("Writing the sample was cancelled.", "サンプルの書き出しを取り消しました。"),
}
