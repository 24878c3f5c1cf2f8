"""Rows in scope: the conditions of --where (and the wizard's Rows page) that do not parse or do not fit the file."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "filters.empty_condition": (
        "A condition is empty: write one like “住民税区分 = 非課税”.",
        "条件が空です（「住民税区分 = 非課税」のように書きます）。",
    ),
    "filters.empty_group": (
        "Group {group} of the conditions is empty: --or must stand between two conditions.",
        "{group} 番目の条件のまとまりが空です（--or は2つの条件の間に置きます）。",
    ),
    "filters.no_column": (
        "The condition “{text}” does not start with a column name.",
        "条件「{text}」が列名で始まっていません。",
    ),
    "filters.unclosed_column": (
        "In the condition “{text}”, the column name that opens with {mark} is not closed.",
        "条件「{text}」の {mark} で始まる列名が閉じていません。",
    ),
    "filters.unknown_column": (
        "The condition “{text}” names the column “{column}”, which the file does not have.",
        "条件「{text}」の列「{column}」はファイルにありません。",
    ),
    "filters.unclosed_age": (
        "In the condition “{text}”, “age(” is not closed with “)” after the column name.",
        "条件「{text}」の「age(」が、列名の後の「)」で閉じていません。",
    ),
    "filters.operator_typo": (
        "In the condition “{text}”, “{part}” is not an operator; write one of =, !=, <, <=, >, >=.",
        "条件「{text}」の「{part}」は演算子ではないため、=、!=、<、<=、>、>= のどれかで書いてください。",
    ),
    "filters.operator_typo_hint": (
        'A value that itself begins with =, !, < or > goes in double quotes: notes = "=A".',
        '値そのものが =、!、<、> で始まるときは、二重引用符で囲んでください（例: 備考 = "=A"）。',
    ),
    "filters.no_operator": (
        "In the condition “{text}”, “{part}” after the column is not one of =, !=, <, <=, >, >=, in, not in, "
        "contains, is empty, is not empty.",
        "条件「{text}」の列名の後の「{part}」は、=、!=、<、<=、>、>=、in、not in、contains、is empty、"
        "is not empty のどれでもありません。",
    ),
    "filters.missing_operator": (
        "The condition “{text}” has nothing after the column: add an operator and a value, such as “= 非課税”.",
        "条件「{text}」の列名の後に、「= 非課税」のような演算子と値がありません。",
    ),
    "filters.contains_nothing": (
        "{text}: contains needs some text to look for (spaces at its ends do not count), else every row would meet it.",
        "{text}：contains には探す文字を指定してください（前後の空白は数えません）。"
        "空のままでは、すべての行が当てはまります。",
    ),
    "filters.contains_nothing_hint": (
        "To keep rows whose cell is empty or not, use 'is empty' or 'is not empty'.",
        "セルが空かどうかで選ぶときは 'is empty' か 'is not empty' を使ってください。",
    ),
    "filters.no_value": (
        "The condition “{text}” has no value after “{op}”.",
        "条件「{text}」の「{op}」の後に値がありません。",
    ),
    "filters.text_after_empty": (
        "In the condition “{text}”, nothing may follow “{op}”, but “{part}” does.",
        "条件「{text}」の「{op}」の後には何も書けませんが、「{part}」があります。",
    ),
    "filters.unclosed_quote": (
        "In the condition “{text}”, the quoted value “{part}” is not closed with a double quote.",
        '条件「{text}」の引用符で始まる値「{part}」が、閉じる引用符（"）で閉じていません。',
    ),
    "filters.text_after_quote": (
        "In the condition “{text}”, “{part}” follows the closing quote of the value.",
        "条件「{text}」の値を閉じる引用符の後に「{part}」があります。",
    ),
    "filters.empty_list_item": (
        "In the condition “{text}”, the list after “{op}” has an empty item.",
        "条件「{text}」の「{op}」の後の一覧に空の項目があります。",
    ),
    "filters.not_a_date": (
        "In the condition “{text}”, “{value}” is not a date.",
        "条件「{text}」の「{value}」は日付として読めません。",
    ),
    "filters.not_date_or_number": (
        "In the condition “{text}”, “{value}” is neither a date nor a number, so “{op}” cannot compare with it.",
        "条件「{text}」の「{value}」は日付でも数でもないため、「{op}」で比べられません。",
    ),
    "filters.age_not_whole_number": (
        "In the condition “{text}”, the age “{value}” is not a whole number of years from 0 to 999.",
        "条件「{text}」の年齢「{value}」が、0 から 999 までの年数を表す整数ではありません。",
    ),
    "filters.age_operator": (
        "In the condition “{text}”, an age can only be compared with =, !=, <, <=, > or >=.",
        "条件「{text}」の年齢は、=、!=、<、<=、>、>= でしか比べられません。",
    ),
    "filters.date_format_hint": (
        "Write dates as 2026-04-01, 2026/4/1, 令和8年4月1日 or R8.4.1.",
        "日付は 2026-04-01、2026/4/1、令和8年4月1日、R8.4.1 のように書いてください。",
    ),
    "filters.quote_column_hint": (
        'Put a column name that holds spaces or operators in [brackets] or "double quotes".',
        '空白や演算子を含む列名は、[角かっこ] か "二重引用符" で囲んでください。',
    ),
    "filters.quote_value_hint": (
        'Inside a quoted value, write a double quote as two: "".',
        '引用符で囲んだ値の中の引用符は、"" のように2つ続けて書いてください。',
    ),
}
