"""Reading the resident file: what it is, its encoding and delimiter, and the rows that cannot be read.

Sentences name the file (``{name}``) and, where there is one, the line (``{line}``).
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    # the file itself
    "reader.missing": ("{path} does not exist.", "{path} が見つかりません。"),
    "reader.folder": ("{path} is a folder, not a CSV file.", "{path} はフォルダーです。CSV ファイルを選んでください。"),
    "reader.not_regular": (
        "{name} is not an ordinary file (it is a pipe or a device).",
        "{name} は通常のファイルではありません（パイプまたはデバイスです）。",
    ),
    "reader.save_as_file_hint": ("Save the table as a file first.", "先に表をファイルとして保存してください。"),
    "reader.permission_denied": (
        "{name} cannot be opened: permission denied.",
        "{name} を開けません。読み取りが許可されていません。",
    ),
    "reader.os_error": ("{name} could not be read: {reason}.", "{name} を読み込めませんでした（{reason}）。"),
    "reader.empty": ("{name} is empty: it has no header row.", "{name} は空です。見出しの行がありません。"),
    # not a CSV text file
    "reader.workbook": (
        "{name} is an Excel workbook or another ZIP file, not a CSV text file.",
        "{name} は Excel ブックなどの ZIP ファイルで、CSV のテキストファイルではありません。",
    ),
    "reader.old_workbook": (
        "{name} is an old Excel workbook (.xls), not a CSV text file.",
        "{name} は古い形式の Excel ブック（.xls）で、CSV のテキストファイルではありません。",
    ),
    "reader.save_as_csv_hint": (
        "Save it from Excel as “CSV UTF-8” and try again.",
        "Excel で「CSV UTF-8」形式で保存し直してから、もう一度読み込んでください。",
    ),
    "reader.pdf": (
        "{name} is a PDF document, not a CSV text file.",
        "{name} は PDF 文書で、CSV のテキストファイルではありません。",
    ),
    "reader.archive": (
        "{name} is an age-encrypted archive, not a CSV text file.",
        "{name} は暗号化したファイル（.age）で、CSV のテキストファイルではありません。",
    ),
    "reader.open_with_decrypt_hint": ("Open it with “exporter decrypt”.", "「exporter decrypt」で開いてください。"),
    "reader.binary": (
        "{name} contains binary data at line {line}, so it is not a CSV text file.",
        "{name} の {line} 行目にバイナリデータがあるため、CSV のテキストファイルではありません。",
    ),
    "reader.nul_byte": (
        "{name} line {line} contains a NUL byte, so it is not a text table.",
        "{name} の {line} 行目に NUL バイトがあるため、テキストの表ではありません。",
    ),
    # encodings
    "reader.unknown_encoding": (
        "{name} is neither UTF-8 nor CP932 (Shift_JIS) text.",
        "{name} は UTF-8 のテキストでも CP932（Shift_JIS）のテキストでもありません。",
    ),
    "reader.give_encoding_if_known_hint": (
        "If you know its encoding, give it with --encoding.",
        "文字コードがわかっている場合は、--encoding で指定してください。",
    ),
    "reader.not_an_encoding": (
        "“{encoding}” is not an encoding this program knows.",
        "「{encoding}」は、このプログラムが扱える文字コードではありません。",
    ),
    "reader.not_a_file_encoding": (
        "“{encoding}” is not an encoding a text file is written in.",
        "「{encoding}」はテキストファイルの文字コードではありません。",
    ),
    "reader.encodings_hint": (
        "Use utf-8, utf-8-sig, cp932 or utf-16.",
        "utf-8、utf-8-sig、cp932、utf-16 のいずれかを指定してください。",
    ),
    "reader.undecodable": (
        "{name} line {line} has bytes that are not valid {encoding}.",
        "{name} の {line} 行目に、{encoding} として正しくないバイトがあります。",
    ),
    "reader.give_encoding_hint": (
        "If the file is in another encoding, give it with --encoding (for example cp932 or utf-8); if that was the "
        "right one, the file is damaged there: ask its sender for a new copy.",
        "ファイルの文字コードが違う場合は --encoding で指定してください（例：cp932、utf-8）。"
        "指定した文字コードで正しい場合は、その箇所でファイルが壊れています。作成元に作り直してもらってください。",
    ),
    # delimiter and header
    "reader.bad_delimiter": (
        "The delimiter must be one ASCII character such as , or ; (not {value!r}).",
        "区切り文字は , や ; のような半角の1文字にしてください（{value!r} は使えません）。",
    ),
    "reader.bad_sep_line": (
        "{name} line {line} names the delimiter {value!r} (sep=), but a delimiter must be one ASCII character.",
        "{name} の {line} 行目（sep=）が区切り文字に {value!r} を指定していますが、"
        "区切り文字は半角の1文字でなければなりません。",
    ),
    "reader.give_delimiter_hint": (
        "Give the delimiter to use with --delimiter, or save the file with commas.",
        "使う区切り文字を --delimiter で指定するか、カンマ区切りで保存し直してください。",
    ),
    "reader.too_many_columns": (
        "{name} line {line} names {columns:,} columns; a resident file may have at most {limit:,} (as many as a "
        "spreadsheet holds).",
        "{name} の {line} 行目の列は {columns:,} 列あります。住民データファイルの列は {limit:,} 列"
        "（表計算ソフトの最大）までです。",
    ),
    "reader.duplicate_column": (
        "{name} line {line} names the column “{column}” twice (columns {first} and {second}).",
        "{name} の {line} 行目で、列名「{column}」が2回使われています（{first} 列目と {second} 列目）。",
    ),
    "reader.rename_column_hint": (
        "Rename one of them so every column has its own name.",
        "どちらかの列名を変えて、列名が重複しないようにしてください。",
    ),
    "reader.header_changed": (
        "{name} changed while it was being read: its header is not the one read at first.",
        "{name} が読み込み中に変更されました（見出しの行が最初に読んだものと違います）。",
    ),
    "reader.grew": (
        "{name} grew while it was being read, so the export was stopped.",
        "{name} が読み込み中に大きくなったため、書き出しを中止しました。",
    ),
    "reader.not_being_written_hint": (
        "Export again once no other program is writing to the file.",
        "ほかのプログラムがこのファイルに書き込んでいないときに、もう一度書き出してください。",
    ),
    # rows
    "reader.field_count": (
        "{name} line {line} has {count:,} values, but the header has {expected:,} columns.",
        "{name} の {line} 行目には値が {count:,} 個ありますが、見出しの列は {expected:,} 個です。",
    ),
    "reader.field_count_one": (
        "{name} line {line} has 1 value, but the header has {expected:,} columns.",
        "{name} の {line} 行目には値が1個しかありませんが、見出しの列は {expected:,} 個です。",
    ),
    "reader.delimiter_or_quote_hint": (
        "Check for a missing or extra delimiter, or a quote that is not closed.",
        "区切り文字の不足や余分、閉じていない引用符がないか確認してください。",
    ),
    "reader.lines_unreadable": (
        "{name} lines {first} to {last} could not be read as CSV.",
        "{name} の {first} 行目から {last} 行目を CSV として読み取れませんでした。",
    ),
    "reader.unclosed_quote": (
        "{name} line {line} opens a quoted value that is never closed.",
        "{name} の {line} 行目で始まる引用符付きの値が、最後まで閉じられていません。",
    ),
    "reader.text_after_quote": (
        "{name} line {line} has a quoted value followed by more text before the next delimiter (column {column}).",
        "{name} の {line} 行目：{column} 列目の引用符で囲んだ値の後、次の区切り文字までに余分な文字があります。",
    ),
    "reader.text_after_quote_closed_later": (
        "{name} line {line} has a quoted value followed by more text before the next delimiter "
        "(column {column}, closed on line {closed}).",
        "{name} の {line} 行目：{column} 列目の引用符で囲んだ値が {closed} 行目で閉じた後、"
        "次の区切り文字までに余分な文字があります。",
    ),
    "reader.quote_rules_hint": (
        "A quote may open a value only at its start, and the closing quote must end the value; "
        'write a quote inside a quoted value as two quotes ("").',
        '引用符（"）で値を囲めるのは値の先頭からだけで、閉じる引用符の直後は区切り文字か改行でなければなりません。'
        '引用符で囲んだ値の中の引用符は2つ重ねて（""）書いてください。',
    ),
    # limits
    "reader.quote_not_closed_within": (
        "{name} line {line} opens a quoted value that is not closed within {limit:g} MiB.",
        "{name} の {line} 行目で始まる引用符が、{limit:g} MiB 以内に閉じられていません。",
    ),
    "reader.header_too_long": (
        "{name} line {line} starts a header longer than the limit of {limit:g} MiB.",
        "{name} の {line} 行目の見出しの行が、上限の {limit:g} MiB を超えています。",
    ),
    "reader.row_too_long": (
        "{name} line {line} starts a row longer than the limit of {limit:g} MiB.",
        "{name} の {line} 行目から始まる行が、上限の {limit:g} MiB を超えています。",
    ),
    "reader.raise_limit_hint": (
        "If the file is right, raise the limit with the command line's {option} (in MiB).",
        "ファイルが正しい場合は、コマンドラインの {option}（MiB 単位）で上限を引き上げてください。",
    ),
    "reader.quote_then_raise_limit_hint": (
        "Check for a quote that is not closed. "
        "If the file is right, raise the limit with the command line's {option} (in MiB).",
        "閉じられていない引用符がないか確認してください。"
        "ファイルが正しい場合は、コマンドラインの {option}（MiB 単位）で上限を引き上げてください。",
    ),
    # columns asked for
    "reader.no_such_column": (
        "{name} has no column named “{column}”.",
        "{name} には「{column}」という列がありません。",
    ),
    "reader.column_twice": ("The column “{column}” is asked for twice.", "列「{column}」が2回指定されています。"),
    "reader.did_you_mean_1": ("Did you mean “{a}”?", "「{a}」の間違いではありませんか？"),
    "reader.did_you_mean_2": ("Did you mean “{a}” or “{b}”?", "「{a}」または「{b}」の間違いではありませんか？"),
    "reader.did_you_mean_3": (
        "Did you mean “{a}” or “{b}” or “{c}”?",
        "「{a}」、「{b}」、「{c}」のどれかの間違いではありませんか？",
    ),
    "reader.see_columns_hint": (
        "Run “exporter inspect” to see the column names.",
        "列名は「exporter inspect」で確認できます。",
    ),
}
