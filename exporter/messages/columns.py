"""Messages about the kept columns: their names in data.csv (renamed for the recipient) and the reasons given."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "columns.formula_name": (
        "The column {column} would be named in data.csv by a text that Excel and LibreOffice run as a formula "
        "(it begins with =, +, -, @, a tab or a carriage return).",
        "列 {column} の data.csv での名前は、Excel や LibreOffice が数式として実行する文字（=、+、-、@、タブ、"
        "復帰）で始まっています。",
    ),
    "columns.formula_name_hint": (
        "Give the column another name for the recipient (--rename COLUMN=NAME, or the name field of the Columns page).",
        "受取人向けに別の列名を付けてください（--rename 列=名前、または「列」のページの名前欄）。",
    ),
    "columns.not_kept": (
        "The column {column} is renamed or given a reason, but it is not kept.",
        "列 {column} に新しい名前または理由が指定されていますが、この列は持ち出す列に含まれていません。",
    ),
    "columns.not_kept_hint": (
        "Keep it with --column, or leave out its --rename and --reason.",
        "--column で持ち出す列に加えるか、その列の --rename と --reason を外してください。",
    ),
    "columns.empty_name": (
        "The new name of the column {column} is empty.",
        "列 {column} の新しい名前が空です。",
    ),
    "columns.control_in_name": (
        "The new name of the column {column} holds a line break or another character that is not shown ({code}).",
        "列 {column} の新しい名前に、改行など画面に表示されない文字（{code}）が含まれています。",
    ),
    "columns.long_name": (
        "The new name of the column {column} is {length:,} characters long; at most {limit:,} fit.",
        "列 {column} の新しい名前が {length:,} 文字あります。{limit:,} 文字以内にしてください。",
    ),
    "columns.control_in_reason": (
        "The reason for the column {column} holds a line break or another character that is not shown ({code}); "
        "write it on one line.",
        "列 {column} を持ち出す理由に、改行など画面に表示されない文字（{code}）が含まれています。"
        "理由は 1 行で書いてください。",
    ),
    "columns.given_twice": (
        "{option} is given twice for the column {column}; give it once.",
        "列 {column} に {option} が 2 回指定されています。1 回だけ指定してください。",
    ),
    "columns.name_clash": (
        "The columns {first} and {second} would both be called {name} in the recipient's file.",
        "列 {first} と列 {second} が、受取人に渡すファイルでどちらも {name} という名前になります。",
    ),
    "columns.name_clash_hint": (
        "Give each kept column its own name.",
        "持ち出す列には、それぞれ別の名前を付けてください。",
    ),
    "columns.empty_reason": (
        "The reason for the column {column} is empty.",
        "列 {column} を持ち出す理由が空です。",
    ),
    "columns.long_reason": (
        "The reason for the column {column} is {length:,} characters long; at most {limit:,} fit.",
        "列 {column} を持ち出す理由が {length:,} 文字あります。{limit:,} 文字以内にしてください。",
    ),
    "columns.renamed_line": (
        "renamed for the recipient: {renames}",
        "受取人向けに変えた列名：{renames}",
    ),
    "columns.rename_item": (
        "{source} → {name}",
        "{source} を {name} に",
    ),
    "columns.reasons_line": (
        "reasons given: {reasons}",
        "持ち出す理由：{reasons}",
    ),
    "columns.reason_item": (
        "{column}: {reason}",
        "{column}：{reason}",
    ),
}
