"""The command line's own lines: inspect's report, the summaries after export, decrypt, keygen and sample, its
refusals of arguments, and the internal-error line. Error and hint lines keep the ``exporter: error:`` and
``exporter: hint:`` prefixes in every language (scripts look for them); what follows is in the user's language."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # argparse's usage errors (exporter/usage.py)
    "cli.usage_required": (
        "the following arguments are required: {names}",
        "次の指定が足りません：{names}",
    ),
    "cli.usage_one_of": ("one of the arguments {names} is required", "{names} のどれか1つを指定してください。"),
    "cli.usage_expected_one": ("argument {option}: expected one argument", "{option} のあとに値を書いてください。"),
    "cli.usage_not_together": (
        "argument {option}: not allowed with argument {other}",
        "{option} と {other} は一緒に指定できません。",
    ),
    "cli.usage_invalid_choice": (
        "argument {option}: invalid choice (choose from {choices})",
        "{option} に指定できるのは {choices} のどれかです。",
    ),
    "cli.usage_unrecognised": ("unrecognized arguments: {names}", "知らない指定があります：{names}"),
    "cli.usage_unrecognised_values": (
        "unrecognized arguments: {values} (not shown, in case one is a secret)",
        "知らない指定があります：{values}（秘密の値かもしれないため表示しません）",
    ),
    "cli.usage_unrecognised_and_values": (
        "unrecognized arguments: {names} and {values} (not shown, in case one is a secret)",
        "知らない指定があります：{names} と{values}（秘密の値かもしれないため表示しません）",
    ),
    "cli.usage_one_value": ("1 value", "値 1 個"),
    "cli.usage_values": ("{count} values", "値 {count} 個"),
    "cli.usage_argument": ("argument {option}: {detail}", "{option} の値が正しくありません：{detail}"),
    "cli.value_not_mib": ("{text!r} is not a number of MiB", "{text!r} は MiB 単位の数ではありません"),
    "cli.value_mib_range": (
        "the size must be at least 1 and at most 1024 MiB",
        "大きさは 1 MiB 以上 1024 MiB 以下にしてください",
    ),
    "cli.value_not_one_character": (
        "{text!r} is not one character (use , ; | or tab)",
        "{text!r} は1文字ではありません（, ; | または tab を使ってください）",
    ),
    "cli.value_not_number": ("{text!r} is not a number", "{text!r} は数ではありません"),
    "cli.value_at_least_one": ("the limit must be a number of at least 1", "上限は 1 以上の数にしてください"),
    "cli.value_not_pair": ("{text!r} is not COLUMN=VALUE", "{text!r} は「列名=値」の形ではありません"),
    "cli.value_not_whole_number": ("{text!r} is not a whole number", "{text!r} は整数ではありません"),
    "cli.value_negative_rows": ("the number of rows cannot be negative", "行数に負の数は指定できません"),
    "cli.usage_other": ("{detail}", "コマンドの指定が正しくありません（{detail}）。"),
    # inspect's report: labels padded to one width in each language
    "cli.inspect_encoding": ("  encoding   {encoding}", "  文字コード  {encoding}"),
    "cli.inspect_delimiter": ("  delimiter  {delimiter}", "  区切り文字  {delimiter}"),
    "cli.inspect_delimiter_sep": (
        "  delimiter  {delimiter} (from the file's sep= line)",
        "  区切り文字  {delimiter}（ファイルの sep= の行による）",
    ),
    "cli.inspect_rows": ("  rows       {rows:,}", "  行数        {rows:,}"),
    "cli.inspect_columns": ("  columns    {columns:,}", "  列数        {columns:,}"),
    "cli.inspect_sensitive": (
        "sensitive: needs a reason to leave the office",
        "要注意：庁外に持ち出すには理由が必要です",
    ),
    "cli.delimiter_comma": ("comma", "カンマ"),
    "cli.delimiter_tab": ("tab", "タブ"),
    "cli.delimiter_semicolon": ("semicolon", "セミコロン"),
    "cli.delimiter_pipe": ("pipe", "縦線（|）"),
    # the categories of inspect's text report (JSON keeps the English names)
    "cli.category_my_number": ("my_number", "マイナンバー"),
    "cli.category_identifier": ("identifier", "識別番号"),
    "cli.category_name": ("name", "氏名"),
    "cli.category_address": ("address", "住所"),
    "cli.category_contact": ("contact", "連絡先"),
    "cli.category_birth": ("birth", "生年月日"),
    "cli.category_gender": ("gender", "性別"),
    "cli.category_financial": ("financial", "口座情報"),
    "cli.category_tax": ("tax", "税情報"),
    "cli.category_special": ("special", "要配慮個人情報"),
    "cli.category_free_text": ("free_text", "自由記述"),
    "cli.category_other": ("other", "その他"),
    # counts
    "cli.rows_one": ("1 row", "1 行"),
    "cli.rows": ("{count:,} rows", "{count:,} 行"),
    "cli.rows_unstated": ("an unstated number of rows", "行数不明"),
    "cli.columns_one": ("1 column", "1 列"),
    "cli.columns": ("{count:,} columns", "{count:,} 列"),
    "cli.columns_unstated": ("an unstated number of columns", "列数不明"),
    "cli.for_recipients_one": ("for 1 recipient", "受取人 1 人向け"),
    "cli.for_recipients": ("for {count:,} recipients", "受取人 {count:,} 人向け"),
    "cli.for_recipients_office_one": ("for 1 recipient and the office key", "受取人 1 人と庁内用の鍵向け"),
    "cli.for_recipients_office": (
        "for {count:,} recipients and the office key",
        "受取人 {count:,} 人と庁内用の鍵向け",
    ),
    "cli.for_office_only": ("for the office key only", "庁内用の鍵のみ向け"),
    "cli.for_passphrase": ("for a passphrase", "合言葉で保護"),
    "cli.residents_one": ("1 synthetic resident", "架空の住民 1 人"),
    "cli.residents": ("{count:,} synthetic residents", "架空の住民 {count:,} 人"),
    # export
    "cli.passphrase_shown_once": (
        "exporter: this passphrase is shown once: pass it to the recipient by another channel than the file "
        "(for example by phone).",
        "exporter: この合言葉は一度だけ表示されます。ファイルとは別の方法（電話など）で受取人に伝えてください。",
    ),
    "cli.exported": (
        "exporter: wrote {path} ({size}): {rows} × {columns}, {who}; hash value (SHA-256) {sha256}",
        "exporter: {path}（{size}）を書き出しました：{rows} × {columns}、{who}。ハッシュ値（SHA-256）：{sha256}",
    ),
    # decrypt
    "cli.wrote": ("exporter: wrote {path}", "exporter: {path} を書き出しました。"),
    "cli.wrote_two": ("exporter: wrote {data} and {manifest}", "exporter: {data} と {manifest} を書き出しました。"),
    "cli.intact": (
        "{name} is intact and complete: nothing was changed after it was encrypted; this does not prove who made it.",
        "{name} は完全で、暗号化の後に変更されていません。ただし、誰が作ったかを証明するものではありません。",
    ),
    "cli.facts_separator": ("; ", "、"),
    "cli.fact_purpose": ("purpose: {purpose}", "利用目的：{purpose}"),
    "cli.no_purpose": ("(none)", "（なし）"),
    "cli.fact_for": ("for: {organisation}", "受取先：{organisation}"),
    "cli.fact_delete_by": ("delete by: {date}", "削除期限：{date}"),
    # keygen and sample
    "cli.keygen_wrote": (
        "exporter: wrote the secret key to {path}; keep it private and give the line above to the sender.",
        "exporter: 秘密鍵を {path} に保存しました。秘密鍵は誰にも渡さず、上の行（公開鍵）を送付元に伝えてください。",
    ),
    "cli.identity_exists": (
        "{path} already exists; an identity file is never overwritten.",
        "{path} はすでにあります。鍵ファイルは上書きしません。",
    ),
    "cli.other_name_hint": ("Choose another file name.", "別のファイル名を選んでください。"),
    "cli.sample_wrote": (
        "exporter: wrote {path}: {residents} ({encoding})",
        "exporter: {path} に{residents}を書き出しました（{encoding}）。",
    ),
    # arguments
    "cli.not_terminal_text": (
        "The text given with {option} is not valid in this terminal's encoding.",
        "{option} で指定された文字列は、この端末の文字コードでは正しい文字になっていません。",
    ),
    "cli.terminal_utf8_hint": (
        "Type it again in a terminal set to UTF-8, or use the wizard.",
        "UTF-8 に設定した端末でもう一度入力するか、ウィザードを使ってください。",
    ),
    "cli.no_passphrase_file": (
        "The passphrase file does not exist; its name is not repeated here, in case it is the passphrase.",
        "合言葉のファイルがありません。指定された名前が合言葉そのものかもしれないため、ここには表示しません。",
    ),
    "cli.secret_key_in_passphrase_file": (
        "The passphrase file {path} holds a secret key, not a passphrase; it was not used.",
        "合言葉のファイル {path} には、合言葉ではなく秘密鍵が書かれています。このファイルは使いませんでした。",
    ),
    "cli.secret_key_in_passphrase_file_hint": (
        "A key file is given with --identity; a passphrase file holds only a passphrase.",
        "鍵ファイルは --identity で指定してください。合言葉のファイルには合言葉だけを書きます。",
    ),
    "cli.passphrase_file_hint": (
        "Give the name of a file that holds the passphrase.",
        "合言葉を書いたファイルの名前を指定してください。",
    ),
    "cli.secret_key_as_identity_file": (
        "A secret key was given where the name of the identity file belongs.",
        "鍵ファイルの名前の代わりに秘密鍵そのものが指定されています。",
    ),
    "cli.secret_key_as_identity_file_hint": (
        "Save the key in a file and give the file's name. The key is now in your shell history: "
        "once you have opened what was sent to it, make a new key with “exporter keygen”.",
        "鍵をファイルに保存して、そのファイルの名前を指定してください。この鍵はコマンドの履歴に残りました。"
        "送られたファイルを開いた後で、「exporter keygen」で新しい鍵を作ってください。",
    ),
    "cli.no_identity_file": (
        "The identity file does not exist; its name is not repeated here, in case it is a secret key.",
        "鍵ファイルがありません。指定された名前が秘密鍵そのものかもしれないため、ここには表示しません。",
    ),
    "cli.identity_file_hint": (
        "Give the name of the key file made by “exporter keygen” or age-keygen.",
        "「exporter keygen」または age-keygen で作った鍵ファイルの名前を指定してください。",
    ),
    # the wizard missing, or no display for it
    "cli.no_display": (
        "The wizard needs a display, and this session has none.",
        "ウィザードには画面が必要ですが、このセッションには画面がありません。",
    ),
    "cli.display_not_answering": (
        "The wizard cannot reach the display {display} (DISPLAY): it does not answer or refuses this program.",
        "ウィザードが画面 {display}（DISPLAY）に接続できません。応答がないか、このプログラムを拒否しています。",
    ),
    "cli.no_display_hint": (
        "Run it on a desktop, or use a command (see exporter --help).",
        "デスクトップで起動するか、コマンドを使ってください（exporter --help を参照）。",
    ),
    "cli.no_wizard": ("The wizard cannot start: {reason}.", "ウィザードを起動できません（{reason}）。"),
    "cli.no_wizard_system_hint": (
        "This computer lacks a part the wizard needs (on Windows: Windows 10 version 1809 or later); the commands "
        "still work (see --help).",
        "このパソコンにはウィザードに必要な部品がありません（Windows では Windows 10 バージョン 1809 以降が必要です）。"
        "コマンドは使えます（--help を参照）。",
    ),
    "cli.no_wizard_hint": (
        "Install the wizard with “pip install 'exporter[gui]'”, or use a command (see exporter --help).",
        "「pip install 'exporter[gui]'」でウィザードを入れるか、コマンドを使ってください（exporter --help を参照）。",
    ),
}
