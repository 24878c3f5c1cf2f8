"""Sentences about Excel workbooks read as a source (exporter/sources/)."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "workbook.damaged": (
        "{name} cannot be read as an Excel workbook: its part {part} is missing or damaged.",
        "{name} は Excel ブックとして読み込めません（内部の {part} が見つからないか、壊れています）。",
    ),
    "workbook.resave_hint": (
        "Open it in Excel and save it again as an Excel workbook (.xlsx), or as “CSV UTF-8”.",
        "Excel で開き、Excel ブック（.xlsx）または「CSV UTF-8」形式で保存し直してください。",
    ),
    "workbook.too_much_text": (
        "{name} holds more than {limit} of text in its part {part}, more than this program reads from a workbook.",
        "{name} の {part} には {limit} を超える文字データがあり、ブックとして読み込める量を超えています。",
    ),
    "workbook.save_as_csv_hint": (
        "Save the sheet from Excel as “CSV UTF-8”: a CSV file of any size is read as a stream.",
        "Excel でシートを「CSV UTF-8」形式で保存してください。CSV ファイルなら大きさに関係なく読み込めます。",
    ),
    "workbook.old_format": (
        "{name} is an old Excel workbook (.xls), which this program does not read.",
        "{name} は古い形式の Excel ブック（.xls）のため、読み込めません。",
    ),
    "workbook.ods": (
        "{name} is an OpenDocument spreadsheet (.ods), which this program does not read.",
        "{name} は OpenDocument 形式の表計算ファイル（.ods）のため、読み込めません。",
    ),
    "workbook.encrypted": (
        "{name} is protected with a password, so it cannot be read.",
        "{name} はパスワードで保護されているため、読み込めません。",
    ),
    "workbook.remove_password_hint": (
        "Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as a new file.",
        "Excel で開いてパスワードを解除し（［ファイル］→［情報］→［ブックの保護］）、"
        "別のファイルとして保存してください。",
    ),
    "workbook.no_such_sheet": (
        "{name} has no sheet named “{sheet}”. Its sheets: {sheets}.",
        "{name} には「{sheet}」という名前のシートがありません。シートは {sheets} です。",
    ),
    "workbook.not_a_table_sheet": (
        "The sheet “{sheet}” of {name} is a chart sheet, not a table. Its sheets with tables: {sheets}.",
        "{name} のシート「{sheet}」はグラフのシートで、表ではありません。表のあるシートは {sheets} です。",
    ),
    "workbook.no_table_sheet": (
        "{name} has no sheet with a table.",
        "{name} には表のあるシートがありません。",
    ),
    "workbook.empty_sheet": (
        "The sheet {sheet} of {name} is empty.",
        "{name} のシート {sheet} は空です。",
    ),
    "workbook.too_many_rows": (
        "The sheet {sheet} of {name} reaches row {rows:,} ({cell}), more than the {limit:,} rows this program reads.",
        "{name} のシート {sheet} は {rows:,} 行目（{cell}）まであり、読み込める {limit:,} 行を超えています。",
    ),
    "workbook.too_many_cells": (
        "The sheet {sheet} of {name} spans {rows:,} rows and {columns:,} columns (to {cell}), more cells than the "
        "{limit:,} this program reads.",
        "{name} のシート {sheet} は {rows:,} 行 × {columns:,} 列（{cell} まで）あり、読み込めるセルの数 {limit:,} "
        "を超えています。",
    ),
    "workbook.far_cells_hint": (
        "A stray value far below or to the right of the table makes the sheet this large: delete it, or copy the "
        "table to a new sheet.",
        "表から遠く離れた下や右のセルに値があると、シートがこのように大きくなります。その値を消すか、表を新しいシートに"
        "コピーしてください。",
    ),
    "workbook.merged_header": (
        "The header cell {cell} of {name} is merged with other cells ({range}), so the columns have no names of "
        "their own.",
        "{name} の見出しのセル {cell} がほかのセルと結合されているため（{range}）、列ごとの名前がありません。",
    ),
    "workbook.unmerge_hint": (
        "Unmerge the header cells in Excel and give every column its own name in one row.",
        "Excel でセルの結合を解除し、1 行の見出しで列ごとに名前を付けてください。",
    ),
    "workbook.empty_header": (
        "The header cell {cell} of {name} is empty, but its column holds values (the first: {value}).",
        "{name} の見出しのセル {cell} が空ですが、その列には値があります（最初の値は {value}）。",
    ),
    "workbook.empty_column": (
        "The header cell {cell} of {name} is empty, and so is its column, between columns with names.",
        "{name} の見出しのセル {cell} が空で、その列にも値がありません（名前のある列の間にある空の列です）。",
    ),
    "workbook.empty_column_hint": (
        "Delete the empty column in Excel, or give it a name in the header row.",
        "Excel でその空の列を削除するか、見出しの行で名前を付けてください。",
    ),
    "workbook.list_separator": (", ", "、"),
    "workbook.hidden_rows": (
        "The sheet {sheet} of {name} has rows hidden in Excel within its table (the first: {row}); they would be "
        "exported although Excel does not show them.",
        "{name} のシート {sheet} には、Excel で非表示にした行が表の中にあり（最初は {row}）、このままでは Excel で"
        "見えていない行も書き出されます。",
    ),
    "workbook.hidden_rows_hint": (
        "Unhide the rows in Excel (a filter hides rows too: clear it), or delete the rows that should not be sent, "
        "or choose the rows with exporter's own row conditions.",
        "Excel で行を再表示するか（フィルターで絞り込んだ行も非表示です。フィルターを解除してください）、"
        "送らない行を削除してください。exporter の行の条件で書き出す行を選ぶこともできます。",
    ),
    "workbook.merged_data": (
        "The cells {range} of {name} are merged: Excel shows the value of {cell} across them, but the other cells "
        "of the range hold no value of their own.",
        "{name} のセル {range} は結合されているため、Excel では {cell} の値が範囲全体に表示されますが、"
        "ほかのセルには値がありません。",
    ),
    "workbook.unmerge_data_hint": (
        "Unmerge the cells in Excel and fill in each row's value (or leave the column out).",
        "Excel でセルの結合を解除して行ごとに値を入れるか、その列を書き出しの対象から外してください。",
    ),
    "workbook.partial_date": (
        "The cell {cell} of {name} holds a date that Excel shows through the number format “{code}”, which does not "
        "show the whole date (year, month and day), so exporter cannot pass it on as Excel shows it.",
        "{name} のセル {cell} の日付は、表示形式「{code}」で年・月・日の一部しか表示されていないため、exporter では"
        " Excel の表示どおりに書き出せません。",
    ),
    "workbook.partial_date_hint": (
        "In Excel, give the column a date format that shows year, month and day, or make a column of text that holds "
        "what should be sent.",
        "Excel でその列を年・月・日をすべて表示する日付の表示形式にするか、送りたい内容を文字列で入れた列を作って"
        "ください。",
    ),
    "workbook.header_twice": (
        "The header of {name} names the column “{column}” twice ({first} and {cell}).",
        "{name} の見出しに「{column}」という列名が 2 回あります（{first} と {cell}）。",
    ),
    "workbook.header_rename_hint": (
        "Give every column its own name in the header row (the first row that is not empty).",
        "見出しの行（最初の空でない行）で、列ごとに別の名前を付けてください。",
    ),
    "workbook.formula_not_calculated": (
        "The cell {cell} of {name} holds a formula whose result was never saved, so its value is unknown.",
        "{name} のセル {cell} には計算結果が保存されていない数式があるため、値がわかりません。",
    ),
    "workbook.calculate_hint": (
        "Open the workbook in Excel and save it: Excel saves the result of every formula.",
        "Excel でブックを開いて保存してください。保存すると数式の計算結果も保存されます。",
    ),
    "workbook.number_format": (
        "The cell {cell} of {name} holds a number that Excel shows through the number format “{code}”, which "
        "exporter cannot show as Excel does (codes such as 0000000000, 000-0000, #,##0 or 0.00 it can).",
        "{name} のセル {cell} の数は、表示形式「{code}」で表示されていますが、exporter ではこの表示形式を Excel と"
        "同じように表示できません（0000000000、000-0000、#,##0、0.00 などの表示形式なら、Excel の表示どおりに"
        "書き出せます）。",
    ),
    "workbook.number_format_hint": (
        "In Excel, format the column as text (or as General), or save the sheet as “CSV UTF-8” and export that.",
        "Excel でその列の表示形式を「文字列」（または「標準」）にするか、シートを「CSV UTF-8」で保存して、"
        "そのファイルを書き出してください。",
    ),
    "workbook.error_cell": (
        "The cell {cell} of {name} shows the error {error} instead of a value.",
        "{name} のセル {cell} には値ではなくエラー {error} が表示されています。",
    ),
    "workbook.fix_error_hint": (
        "Correct the formula in Excel (or leave the column out) and save the workbook again.",
        "Excel で数式を直して保存し直すか、その列を書き出しの対象から外してください。",
    ),
    "workbook.unreadable_sheet": (
        "The sheet {sheet} of {name} cannot be read: the workbook is damaged.",
        "{name} のシート {sheet} を読み込めません。ブックが壊れています。",
    ),
    "workbook.sheet_for_csv": (
        "--sheet is for Excel workbooks; {name} is a CSV text file.",
        "--sheet は Excel ブックを読み込むときの指定です。{name} は CSV のテキストファイルです。",
    ),
    "workbook.inspect_sheet": ("  sheet      {sheet}", "  シート      {sheet}"),
    "workbook.inspect_sheets": ("  sheets     {sheets}", "  シート一覧  {sheets}"),
    "workbook.changed": (
        "{name} changed while it was being read.",
        "{name} は読み込んでいる間に変更されました。",
    ),
}
