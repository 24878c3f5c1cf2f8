"""Rows and values on the way out: transforms tied to the plan, refused cells, the export's risk limit and lines."""

_DATE_HINT = (
    "Correct the cell in the file, or leave its row out with --where (for example '{column} is not empty').",
    "ファイルのそのセルを直すか、--where でその行を対象から外してください（例：'{column} is not empty'）。",
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
    "shaping.cell_refused": (
        "{name}, line {line:,}: the value in {column} cannot be turned into {transform}.",
        "{name} の {line:,} 行目：{column} の値を {transform} に変換できません。",
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
    "shaping.summary_and": (" and ", " かつ "),
    "shaping.summary_or": (" or ", " または "),
    "shaping.summary_transforms": ("Changed values: {items}.", "変換した値：{items}。"),
    "shaping.summary_transform_item": ("{column} ({kind})", "{column}（{kind}）"),
    "shaping.summary_reference_date": ("ages on {date}", "{date} 時点の年齢"),
}
