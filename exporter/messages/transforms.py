"""Messages about values transformed on the way out (exporter/transforms.py), the pseudonym key
(exporter/pseudonym.py, ``exporter pseudonym-key``) and the formula cells ``inspect`` warns about."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # Reading a transform (--transform COLUMN=KIND[:N])
    "transforms.unknown_kind": (
        "There is no transform called {kind}.",
        "{kind} という変換はありません。",
    ),
    "transforms.kinds_hint": (
        "The transforms are: {kinds}.",
        "使える変換は {kinds} です。",
    ),
    "transforms.closest_hint": (
        "Did you mean {closest}? The transforms are: {kinds}.",
        "{closest} のことでしょうか。使える変換は {kinds} です。",
    ),
    "transforms.needs_argument": (
        "The transform {kind} needs a number after a colon, for example {example}.",
        "{kind} には、コロンの後に数を付けてください（例: {example}）。",
    ),
    "transforms.takes_no_argument": (
        "The transform {kind} takes no number after a colon.",
        "{kind} には、コロンの後に数を付けられません。",
    ),
    "transforms.bad_argument": (
        "The number after {kind}: must be a whole number from {low} to {high}.",
        "{kind}: の後の数は、{low} から {high} までの整数にしてください。",
    ),
    "transforms.option_shape": (
        "--transform takes COLUMN=KIND or COLUMN=KIND:N, for example phone=mask:4.",
        "--transform は 列名=変換 または 列名=変換:数 の形で指定してください（例: phone=mask:4）。",
    ),
    "transforms.pseudonym_needs_key": (
        "The pseudonym transform needs the office's pseudonym key (--pseudonym-key FILE).",
        "pseudonym（仮名化）には、役所で保管している仮名化用の鍵が必要です（--pseudonym-key FILE）。",
    ),
    "transforms.pseudonym_needs_key_hint": (
        "Make one once with “exporter pseudonym-key --output FILE” and keep it: the same key gives the same "
        "tokens in every export.",
        "鍵は「exporter pseudonym-key --output FILE」で一度作り、保管してください。同じ鍵を使う限り、"
        "どの書き出しでも同じ値は同じ仮名になります。",
    ),
    # A value a transform cannot handle (TransformRefused); the lead names the file and line
    "transforms.refused": (
        "A value cannot be transformed with {transform}: {reason:lower}",
        "{transform} で変換できない値があります。{reason}",
    ),
    "transforms.refused_in_column": (
        "A value of the column {column} cannot be transformed with {transform}: {reason:lower}",
        "列 {column} に、{transform} で変換できない値があります。{reason}",
    ),
    "transforms.refused_at": (
        "{name}, line {line:,}: the column {column} cannot be transformed with {transform}: {reason:lower}",
        "{name} の {line:,} 行目：列 {column} の値は {transform} で変換できません。{reason}",
    ),
    "transforms.not_a_date": (
        "It is not a date (such as 1950-04-01, 1950/4/1 or 昭和25年4月1日).",
        "日付ではありません（1950-04-01、1950/4/1、昭和25年4月1日 などの形で書かれた日付が必要です）。",
    ),
    "transforms.born_after_reference": (
        "The birth date is after the day ages are counted on ({reference}).",
        "生年月日が、年齢を数える基準日（{reference}）より後です。",
    ),
    "transforms.not_a_postal_code": (
        "It is not a postal code of seven digits (such as 464-9081 or 〒464-9081).",
        "7 桁の郵便番号ではありません（464-9081、〒464-9081 などの形が必要です）。",
    ),
    "transforms.no_town": (
        "No town name comes before the first number, space or 字 of the address.",
        "住所の最初の数字・空白・字より前に、町名がありません。",
    ),
    # The pseudonym key file (exporter pseudonym-key)
    "transforms.key_file_missing": (
        "The pseudonym key file does not exist; its name is not repeated here, in case it is the key itself.",
        "仮名化用の鍵のファイルがありません。指定された名前が鍵そのものかもしれないため、ここには表示しません。",
    ),
    "transforms.key_file_missing_hint": (
        "Give the name of the key file made by “exporter pseudonym-key --output FILE”.",
        "「exporter pseudonym-key --output ファイル」で作った鍵のファイルの名前を指定してください。",
    ),
    "transforms.kind_pseudonym_key_file": ("pseudonym key file", "仮名化用の鍵のファイル"),
    "transforms.key_malformed": (
        "{path} is not a pseudonym key file made by “exporter pseudonym-key”.",
        "{path} は、「exporter pseudonym-key」で作った仮名化用の鍵のファイルではありません。",
    ),
    "transforms.key_exists": (
        "{path} already exists; a pseudonym key file is never overwritten.",
        "{path} はすでにあります。仮名化用の鍵のファイルは上書きしません。",
    ),
    "transforms.key_exists_hint": (
        "Choose another file name. Keep the old key as long as its tokens need to match those of new exports.",
        "別のファイル名を選んでください。古い鍵は、その仮名を新しい書き出しの仮名と突き合わせる必要がある間は"
        "消さないでください。",
    ),
    "transforms.cli_wrote_key": (
        "wrote a new pseudonym key to {path} (key id {key_id}). Keep it inside the office like a password: "
        "whoever has it can find which resident a token stands for.",
        "新しい仮名化用の鍵を {path} に保存しました（鍵の識別番号 {key_id}）。パスワードと同じように役所の中で"
        "保管してください。鍵があれば、仮名がどの住民のものか調べられてしまいます。",
    ),
    # inspect: cells a spreadsheet would run as formulas
    "transforms.inspect_formula_cell": (
        "{column}: 1 cell in the first {rows:,} rows starts with = + - @, a tab or a carriage return (or the "
        "full-width ＝＋－＠); Excel would run it as a formula.",
        "{column}：先頭の {rows:,} 行のうち 1 個のセルが、= + - @、タブ、復帰（CR）または全角の ＝＋－＠ で"
        "始まっています。Excel はこれを数式として実行します。",
    ),
    "transforms.inspect_formula_cells": (
        "{column}: {cells:,} cells in the first {rows:,} rows start with = + - @, a tab or a carriage return (or the "
        "full-width ＝＋－＠); Excel would run them as formulas.",
        "{column}：先頭の {rows:,} 行のうち {cells:,} 個のセルが、= + - @、タブ、復帰（CR）または全角の ＝＋－＠ で"
        "始まっています。Excel はこれを数式として実行します。",
    ),
    "transforms.inspect_formula_hint": (
        "--transform COLUMN=formula-safe writes such cells with a leading apostrophe, so that they stay text.",
        "--transform 列名=formula-safe を指定すると、そのようなセルの先頭にアポストロフィ（'）を付けて、"
        "文字のまま書き出します。",
    ),
}
