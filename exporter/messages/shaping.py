"""Rows and values on the way out: transforms tied to the plan, refused cells, the export's risk limit and lines."""

_DATE_HINT = (
    "Correct the cell in the file, or keep only the rows with a date with --where (for example "
    "'{column} >= 1800-01-01': a cell that is not a date never meets it).",
    "ファイルのそのセルを直すか、--where で日付のある行だけを対象にしてください（例：'{column} >= 1800-01-01'。"
    "日付でないセルはこの条件に当てはまりません）。",
)

CATALOGUE: dict[str, tuple[str, str]] = {
    "shaping.transform_not_kept": (
        "A transform is given for {column}, which is not a kept column.",
        "{column} に変換が指定されていますが、この列は持ち出す列に入っていません。",
    ),
    "shaping.pseudonym_needs_key": (
        "A column is to be replaced by pseudonyms, but no pseudonym key is given.",
        "仮名に置き換える列がありますが、仮名化の鍵が指定されていません。",
    ),
    "shaping.pseudonym_key_hint": (
        "Give the office's key with --pseudonym-key FILE (make one with: exporter pseudonym-key --output FILE).",
        "--pseudonym-key FILE で役所の仮名化の鍵を指定してください（作り方：exporter pseudonym-key --output FILE）。",
    ),
    "shaping.refused_hint_year": (
        "Only dates can be cut to their year (2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1). " + _DATE_HINT[0],
        "年だけにできるのは日付だけです（2026-04-01、2026/4/1、令和8年4月1日、R8.4.1）。" + _DATE_HINT[1],
    ),
    "shaping.refused_hint_age_band": (
        "Only birth dates can be turned into age bands (2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1). " + _DATE_HINT[0],
        "年齢層にできるのは生年月日だけです（2026-04-01、2026/4/1、令和8年4月1日、R8.4.1）。" + _DATE_HINT[1],
    ),
    "shaping.refused_hint_postal_area": (
        "Only postal codes of 7 digits (123-4567) can be cut to their first three digits.",
        "上3桁にできるのは7桁の郵便番号（123-4567）だけです。",
    ),
    "shaping.refused_hint_address_town": (
        "Only addresses can be cut to their town.",
        "町名までにできるのは住所だけです。",
    ),
    "shaping.refused_hint_mask": ("Check the value in the file.", "ファイルの値を確認してください。"),
    "shaping.refused_hint_pseudonym": ("Check the value in the file.", "ファイルの値を確認してください。"),
    "shaping.refused_hint_formula_safe": ("Check the value in the file.", "ファイルの値を確認してください。"),
    "shaping.refused_hint_keep": ("Check the value in the file.", "ファイルの値を確認してください。"),
    "shaping.unique_share_range": (
        "The largest share of unique rows must be between 0 and 1 (or 0% and 100%), not {limit}.",
        "一人だけの行の割合の上限は 0 から 1（0% から 100%）の間で指定してください（指定：{limit}）。",
    ),
    "shaping.rows_in_scope": (
        "{kept:,} of {read:,} rows are in scope.",
        "{read:,} 行のうち {kept:,} 行が対象です。",
    ),
    "shaping.or_without_condition": (
        "--or must stand between two groups of --where conditions.",
        "--or は --where の条件のまとまりとまとまりの間に置いてください。",
    ),
    "shaping.or_without_condition_hint": (
        "For example: --where 'gender = 女' --or --where 'age(birth_date) >= 65'.",
        "例：--where 'gender = 女' --or --where 'age(birth_date) >= 65'",
    ),
    "shaping.value_not_date": (
        "{text} is not a date (write 2026-04-01, 2026/4/1, 令和8年4月1日 or R8.4.1).",
        "{text} は日付ではありません（2026-04-01、2026/4/1、令和8年4月1日、R8.4.1 のように書いてください）。",
    ),
    "shaping.summary_rows": (
        "Rows: only those where {where} ({kept} of {read}).",
        "行：{where} の行だけ（{read} 行のうち {kept} 行）。",
    ),
    "shaping.summary_rows_on": (
        "Rows: only those where {where} ({kept} of {read}; ages on {date}).",
        "行：{where} の行だけ（{read} 行のうち {kept} 行。年齢は {date} 時点）。",
    ),
    "shaping.summary_and": (" and ", " かつ "),
    "shaping.summary_or": (" or ", " または "),
    "shaping.summary_transforms": ("Changed values: {items}.", "変換した値：{items}。"),
    # a changed column named by data.csv's header, when the source called it otherwise
    "shaping.summary_renamed": ("{column} (“{source}” in the source)", "{column}（元のファイルでは {source}）"),
    "shaping.summary_transform_item": ("{column} ({kind})", "{column}（{kind}）"),
    "shaping.summary_reference_date": ("ages on {date}", "{date} 時点の年齢"),
    "shaping.reference_date_hint": (
        "Ages are counted on the reference date: give a later one with --reference-date, or correct {column} in "
        "the file.",
        "年齢は基準日の時点で数えます。--reference-date でもっと後の日を指定するか、"
        "ファイルの {column} を直してください。",
    ),
    "shaping.transform_not_kept_hint": (
        "Keep the column with --column, or leave out its --transform.",
        "--column でその列を持ち出すか、その列の --transform を外してください。",
    ),
    "shaping.my_number_condition": (
        "The condition “{condition}” compares {column}, a column of My Numbers: conditions are written into the "
        "manifest that the recipient reads, and My Numbers never leave that way.",
        "条件「{condition}」は個人番号（マイナンバー）の列 {column} を比べています。条件は受取人が読む"
        "記録に書かれるため、個人番号を条件に書くことはできません。",
    ),
    "shaping.my_number_condition_hint": (
        "Choose the residents by another column (a resident or household number), or use “is empty” / “is not "
        "empty”, which write no number.",
        "住民番号や世帯番号など別の列で対象を選ぶか、値を書かない「is empty」「is not empty」を使ってください。",
    ),
    "shaping.no_row_in_scope": (
        "No row meets the conditions: the archive holds only data.csv's header.",
        "条件に当てはまる行がないため、暗号化したファイルには data.csv の見出しの行しかありません。",
    ),
    "shaping.unreadable_cell": (
        "1 cell of {column} is not a date or number a condition can compare (or is a birth date after the day ages "
        "are counted on), so the condition never held for its row; check it in the file.",
        "{column} の 1 個のセルは、日付や数として読めないか、年齢の基準日より後の生年月日のため、"
        "その行では条件が成り立ちませんでした。ファイルを確認してください。",
    ),
    "shaping.unreadable_cells": (
        "{cells:,} cells of {column} are not dates or numbers a condition can compare (or are birth dates after the "
        "day ages are counted on), so the condition never held for their rows; check them in the file.",
        "{column} の {cells:,} 個のセルは、日付や数として読めないか、年齢の基準日より後の生年月日のため、"
        "その行では条件が成り立ちませんでした。ファイルを確認してください。",
    ),
    "shaping.too_many_conditions": (
        "Too many conditions: at most {groups} groups (--or) of at most {conditions} conditions each.",
        "条件が多すぎます。--or で分けるまとまりは {groups} 個まで、1 つのまとまりの条件は {conditions} 個までです。",
    ),
    "shaping.condition_too_long": (
        "A condition is {length:,} characters long; at most {limit:,} can be recorded.",
        "条件が {length:,} 文字あります。記録できるのは {limit:,} 文字までです。",
    ),
    "shaping.summary_list_separator": (", ", "、"),
}
