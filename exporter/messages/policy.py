"""The IT policy (policy.toml): reading it, the refusals of a plan by its rules, and what the wizard shows locked."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "keyfiles.kind_policy_file": ("policy file", "ポリシーファイル"),
    # reading the file
    "policy.not_utf8": (
        "The policy file {path} is not UTF-8 text.",
        "ポリシーファイル {path} は UTF-8 のテキストではありません。",
    ),
    "policy.not_toml": (
        "{path}, line {line}: this is not valid TOML ({reason}).",
        "{path} の {line} 行目：TOML として正しくありません（{reason}）。",
    ),
    "policy.quote_names_hint": (
        'Names in Japanese must be written in double quotes, e.g. "氏名" = "keep".',
        '日本語の名前は "氏名" = "keep" のように二重引用符で囲んでください。',
    ),
    "policy.unknown_key": (
        "{path}, line {line}: {key} is not a setting of [{table}].",
        "{path} の {line} 行目：{key} は [{table}] の設定項目ではありません。",
    ),
    "policy.in_force_broken_hint": (
        "This is the IT policy in force, and nothing can be done under it until it is mended: ask IT staff (they "
        "see every problem with “exporter policy check {path}”).",
        "これは適用中の IT ポリシーで、直るまでこの操作はできません。IT 担当者に連絡してください（担当者は"
        "「exporter policy check {path}」ですべての問題を確かめられます）。",
    ),
    "policy.dead_end_no_envelope": (
        "{path}, line {line}: rules.envelopes allows only a passphrase, which rules.allow_passphrase forbids: no "
        "export is possible under this policy.",
        "{path} の {line} 行目：rules.envelopes が合言葉だけを許していますが、rules.allow_passphrase が合言葉を"
        "禁じているため、このポリシーではどの書き出しもできません。",
    ),
    "policy.dead_end_office_passphrase": (
        "{path}, line {line}: rules.envelopes allows only a passphrase, and a passphrase archive cannot also be for "
        "the office key that rules.require_office_key requires: no export is possible under this policy.",
        "{path} の {line} 行目：rules.envelopes が合言葉だけを許していますが、合言葉の暗号化ファイルは "
        "rules.require_office_key が求める庁内用の鍵あてにはできないため、このポリシーではどの書き出しもできません。",
    ),
    "policy.dead_end_no_recipient": (
        "{path}, line {line}: rules.approved_recipients is empty, so it approves no recipient: no export is possible "
        "under this policy.",
        "{path} の {line} 行目：rules.approved_recipients が空のため、どの受取人も承認されず、このポリシーでは"
        "どの書き出しもできません。",
    ),
    "policy.dead_end_profile_recipient": (
        "{path}, line {line}: the profile {profile} names the recipient {entry}, which rules.approved_recipients "
        "does not hold: exports under it would always be refused.",
        "{path} の {line} 行目：目的プロファイル {profile} の受取人 {entry} は rules.approved_recipients に"
        "ないため、このプロファイルでの書き出しは必ず断られます。",
    ),
    "policy.unknown_top_key": (
        "{path}, line {line}: {key} is not a section or setting of a policy file.",
        "{path} の {line} 行目：{key} はポリシーファイルの節・設定項目ではありません。",
    ),
    "policy.known_keys": ("Known settings there: {keys}.", "ここで使える設定項目：{keys}。"),
    "policy.missing_key": (
        "{path}, line {line}: [{table}] needs {key}.",
        "{path} の {line} 行目：[{table}] には {key} が必要です。",
    ),
    "policy.missing_top_key": (
        "{path}: the policy file needs [{key}].",
        "{path}：ポリシーファイルには [{key}] が必要です。",
    ),
    "policy.wrong_type": (
        "{path}, line {line}: {key} must be {kind}.",
        "{path} の {line} 行目：{key} は{kind}で書いてください。",
    ),
    "policy.type_text": ("text in quotes", "引用符で囲んだ文字列"),
    "policy.type_integer": ("a whole number", "整数"),
    "policy.type_number": ("a number", "数値"),
    "policy.type_boolean": ("true or false", "true か false"),
    "policy.type_list": ("a list [...]", "リスト [...]"),
    "policy.type_table": ("a table", "テーブル"),
    "policy.type_either": ("{first} or {second}", "{first}か{second}"),
    "policy.bad_value": (
        "{path}, line {line}: the value of {key} is not allowed: {rule}.",
        "{path} の {line} 行目：{key} の値が正しくありません。{rule}。",
    ),
    "policy.rule_minimum": ("it must be at least {limit}", "{limit} 以上にしてください"),
    "policy.rule_maximum": ("it must be at most {limit}", "{limit} 以下にしてください"),
    "policy.rule_not_empty": ("it must not be empty", "空にはできません"),
    "policy.rule_one_of": ("it must be one of {values}", "{values} のいずれかにしてください"),
    "policy.rule_unique": ("an entry is given twice", "同じ値が2回書かれています"),
    "policy.rule_too_long": ("it is too long", "長すぎます"),
    "policy.secret_key": (
        "{path}, line {line}: this is a secret key; a policy names public keys (age1...) only. Treat the secret key "
        "as exposed.",
        "{path} の {line} 行目：これは秘密鍵です。ポリシーには公開鍵（age1...）だけを書きます。"
        "この秘密鍵は漏れたものとして扱ってください。",
    ),
    "policy.bad_key": (
        "{path}, line {line}: {key} holds a key that is not a valid public key: {reason:lower}",
        "{path} の {line} 行目：{key} の鍵は正しい公開鍵ではありません。{reason}",
    ),
    "policy.bad_profile_name": (
        "{path}, line {line}: a profile's name must be visible text.",
        "{path} の {line} 行目：目的プロファイルの名前には見える文字を使ってください。",
    ),
    "policy.bad_transform": (
        "{path}, line {line}: the column {column} has a transform that does not exist: {reason:lower}",
        "{path} の {line} 行目：列 {column} の変換方法が正しくありません。{reason}",
    ),
    "policy.unknown_column": (
        "{path}, line {line}: the profile {profile} names the column {column}, which is not among [source] columns.",
        "{path} の {line} 行目：目的プロファイル {profile} の列 {column} は [source] columns にありません。",
    ),
    "policy.never_export_unknown": (
        "{path}, line {line}: rules.never_export lists {entry}, which is neither a kind of data nor a column,"
        " so it forbids nothing.",
        "{path} の {line} 行目：rules.never_export の {entry} はデータの種類でも列名でもないため、"
        "何も禁止していません。",
    ),
    "policy.never_export_misspelt": (
        "{path}, line {line}: rules.never_export lists {entry}, which is not a kind of data (did you mean"
        " {category}?), so it forbids nothing.",
        "{path} の {line} 行目：rules.never_export の {entry} はデータの種類ではないため、何も禁止していません"
        "（{category} の書き間違いではありませんか）。",
    ),
    "policy.never_export_hint": (
        "Write a column name as in the file's header, or one of the kinds: {categories}.",
        "ファイルの見出しどおりの列名か、次のデータの種類のどれかを書いてください：{categories}。",
    ),
    "policy.unknown_column_in_source": (
        "{path}, line {line}: the profile {profile} names the column {column}, which {source} does not have.",
        "{path} の {line} 行目：目的プロファイル {profile} の列 {column} は {source} にありません。",
    ),
    "policy.column_never_exported": (
        "{path}, line {line}: the profile {profile} allows the column {column}, which rules.never_export forbids.",
        "{path} の {line} 行目：目的プロファイル {profile} が列 {column} を許していますが、"
        "rules.never_export で禁止されています。",
    ),
    "policy.where_shape": (
        "{path}, line {line}: where in the profile {profile} must be a list of conditions, or a list of lists of "
        "conditions.",
        "{path} の {line} 行目：目的プロファイル {profile} の where は、"
        "条件のリストか、条件のリストのリストで書いてください。",
    ),
    "policy.bad_where": (
        "{path}, line {line}: a row filter of the profile {profile} is not valid: {reason:lower}",
        "{path} の {line} 行目：目的プロファイル {profile} の行の条件が正しくありません。{reason}",
    ),
    "policy.profile_required_but_none": (
        "{path}, line {line}: require_profile is set, but the policy has no profile.",
        "{path} の {line} 行目：require_profile が指定されていますが、目的プロファイルが1つもありません。",
    ),
    "policy.unknown_profile": (
        "The policy {path} has no profile {name} (its profiles: {known}).",
        "ポリシー {path} に目的プロファイル {name} はありません（あるもの：{known}）。",
    ),
    "policy.profile_without_policy": (
        "The profile {name} was asked for, but no IT policy is in force.",
        "目的プロファイル {name} が指定されましたが、IT ポリシーが設定されていません。",
    ),
    "policy.not_a_file": (
        "The policy {path} is not a regular file (a pipe or a device); a policy is a file IT deploys.",
        "ポリシー {path} は通常のファイルではありません（パイプやデバイス）。"
        "ポリシーは IT 担当者が配置するファイルです。",
    ),
    "policy.no_policy_hint": (
        "IT staff deploy the policy as /etc/exporter/policy.toml (Windows: %PROGRAMDATA%\\exporter\\policy.toml).",
        "IT 担当者が /etc/exporter/policy.toml（Windows では %PROGRAMDATA%\\exporter\\policy.toml）に配置します。",
    ),
    "policy.office_key_name": ("the office key (IT policy)", "庁内保管用の鍵（IT ポリシー）"),
    # refusals of a plan: one sentence naming the file and the rule
    "policy.reference_date_fixed": (
        "The profile {profile} counts ages on the day of the export; another reference date is not allowed.",
        "プロファイル {profile} では年齢を書き出しの日で数えるため、ほかの基準日は指定できません。",
    ),
    "policy.other_signing_key": (
        "Exports are signed with the office's signing key {path}, not with another one.",
        "書き出しには役所の署名用の鍵 {path} で署名するため、ほかの鍵は使えません。",
    ),
    "policy.refused": (
        "The policy {path} does not allow this export (rule {rule}): {reason:lower}",
        "ポリシー {path} の規則 {rule} により、この書き出しはできません：{reason}",
    ),
    "policy.no_profile": (
        "Every export must use a purpose profile (--profile: {known}).",
        "書き出しには目的プロファイルを選ぶ必要があります（--profile：{known}）。",
    ),
    "policy.never_export": (
        "The column {column} may never leave the office.",
        "列 {column} は持ち出しが禁止されています。",
    ),
    "policy.never_export_category": (
        "The column {column} holds data of the kind {category}, which may never leave the office.",
        "列 {column} は持ち出しが禁止されている種類（{category}）のデータです。",
    ),
    "policy.passphrase_not_approved": (
        "Exports go only to approved recipients' keys, so a passphrase cannot be used.",
        "書き出しは承認された受取人の公開鍵にだけ渡せるため、合言葉は使えません。",
    ),
    "policy.my_number": (
        "The column {column} holds My Numbers, which leave the office only under a profile that cites a legal basis.",
        "列 {column} にはマイナンバーが含まれています。法令上の根拠を記した目的プロファイルでしか持ち出せません。",
    ),
    "policy.hidden_my_numbers": (
        "The column {column} holds My Numbers ({matches:,} with a valid check digit, the first on line {line} of"
        " {name}), which leave the office only under a profile that cites a legal basis.",
        "列 {column} にはマイナンバーが含まれています（チェックデジットが正しい番号が {matches:,} 件、最初は {name} の"
        " {line} 行目）。法令上の根拠を記した目的プロファイルでしか持ち出せません。",
    ),
    "policy.hidden_never_export": (
        "The column {column} holds My Numbers ({matches:,} with a valid check digit, the first on line {line} of"
        " {name}), which may never leave the office.",
        "列 {column} にはマイナンバーが含まれています（チェックデジットが正しい番号が {matches:,} 件、最初は {name} の"
        " {line} 行目）。マイナンバーは持ち出しが禁止されています。",
    ),
    "policy.hidden_hint": (
        "Leave the column out, or export it as a pseudonym (--transform COLUMN=pseudonym) or masked (mask:4).",
        "この列を外すか、仮名（--transform 列名=pseudonym）か伏せ字（mask:4）にして書き出してください。",
    ),
    "policy.not_in_profile": (
        "The column {column} is not among the columns of the profile {profile}.",
        "列 {column} は目的プロファイル {profile} で持ち出せる列ではありません。",
    ),
    "policy.transform_required": (
        "The column {column} must be exported as {transform}, not {given}.",
        "列 {column} は {given} ではなく {transform} に変換して持ち出す必要があります。",
    ),
    "policy.where_required": (
        "The rows must be limited by the profile's conditions: {where}.",
        "行を目的プロファイルの条件で絞り込む必要があります：{where}。",
    ),
    "policy.purpose_missing": ("The purpose must be given.", "利用目的を書く必要があります。"),
    "policy.organisation_missing": (
        "The receiving organisation must be given.",
        "受取先の名前を書く必要があります。",
    ),
    "policy.delete_by_missing": ("A delete-by date must be given.", "削除期限を指定する必要があります。"),
    "policy.delete_by_too_late": (
        "The delete-by date {date} is more than {days} days away (at the latest {latest}).",
        "削除期限 {date} は {days} 日より先です（遅くとも {latest} まで）。",
    ),
    "policy.passphrase_forbidden": (
        "Exports may not be protected by a passphrase; use recipient keys.",
        "合言葉での暗号化は禁止されています。受取人の公開鍵を使ってください。",
    ),
    "policy.envelope_forbidden": (
        "The encryption {envelope} is not among the allowed ones.",
        "暗号化の方式 {envelope} は許可されていません。",
    ),
    "policy.office_key_with_passphrase": (
        "Every export must also be encrypted to the office key, which a passphrase export cannot be.",
        "書き出しは必ず庁内保管用の鍵でも暗号化する必要があり、合言葉ではそれができません。",
    ),
    "policy.office_key_not_set": (
        "Every export must also be encrypted to the office key, but none is set.",
        "書き出しは必ず庁内保管用の鍵でも暗号化する必要がありますが、その鍵が設定されていません。",
    ),
    "policy.office_key_left_out": (
        "The office key may not be left out.",
        "庁内保管用の鍵を外すことはできません。",
    ),
    "policy.passphrase_not_for_profile": (
        "This profile's data goes only to its approved recipients' keys, not to a passphrase.",
        "この目的プロファイルのデータは承認された受取人の公開鍵にだけ渡せます。合言葉は使えません。",
    ),
    "policy.passphrase_weak": (
        "The passphrase is about {bits} bits strong; at least {least} are required.",
        "合言葉の強さは約 {bits} ビットです。{least} ビット以上が必要です。",
    ),
    "policy.recipient_not_approved": (
        "The recipient {who} is not on the approved list.",
        "受取人 {who} は承認された受取人ではありません。",
    ),
    "policy.book_not_machine": (
        "The recipient {who} is approved by name, and names count only in the address book IT staff deploy beside"
        " the policy ({path}), which does not give this key for it: a book the clerk can change proves nothing.",
        "受取人 {who} は名前で承認されていますが、名前が有効なのは IT 担当者がポリシーと同じ場所に配置するアドレス帳"
        "（{path}）だけで、そこではこの名前にこの公開鍵が登録されていません。利用者が書き換えられるアドレス帳では"
        "確認になりません。",
    ),
    "policy.machine_book_writable": (
        "The address book {path} beside the policy can be changed by this account, so the names in it cannot"
        " approve a recipient: IT staff must make it and its folder read-only for clerks.",
        "ポリシーと同じ場所にあるアドレス帳 {path} はこのアカウントで書き換えられるため、その名前では受取人を"
        "承認できません。IT 担当者がファイルとフォルダーを利用者には書き込めないようにする必要があります。",
    ),
    "policy.recipient_not_for_profile": (
        "The recipient {who} is not approved for the profile {profile}.",
        "受取人 {who} は目的プロファイル {profile} の受取人として承認されていません。",
    ),
    "policy.too_many_rows": (
        "The export holds {rows:,} rows; at most {limit:,} are allowed.",
        "書き出す行が {rows:,} 行あります。許可されているのは {limit:,} 行までです。",
    ),
    # what the wizard shows locked
    "policy.lock_transform": (
        "The profile {profile} requires {transform} for {column}.",
        "目的プロファイル {profile} では {column} を {transform} に変換します。",
    ),
    "policy.lock_profile_recipients": (
        "The profile {profile} decides the recipients.",
        "受取人は目的プロファイル {profile} で決められています。",
    ),
    "policy.lock_delete_by": (
        "The profile {profile} allows at most {days} days until deletion.",
        "目的プロファイル {profile} では削除期限は {days} 日以内です。",
    ),
    "policy.lock_approved_recipients": (
        "Only approved recipients can be chosen (IT policy).",
        "承認された受取人だけを選べます（IT ポリシー）。",
    ),
    "policy.lock_passphrase": (
        "A passphrase cannot be used (IT policy).",
        "合言葉は使えません（IT ポリシー）。",
    ),
    "policy.lock_office_key": (
        "The office key is always added (IT policy).",
        "庁内保管用の鍵は必ず追加されます（IT ポリシー）。",
    ),
    "policy.lock_office_key_fixed": (
        "The IT policy sets the office key: every export is also for it, and an office key set here is not used.",
        "庁内保管用の鍵は IT ポリシーで決められています。すべての書き出しがその鍵あてにもなり、ここで設定した鍵は"
        "使われません。",
    ),
    "policy.lock_purpose": ("The purpose must be given (IT policy).", "利用目的は必須です（IT ポリシー）。"),
    "policy.lock_organisation": (
        "The receiving organisation must be given (IT policy).",
        "受取先の名前は必須です（IT ポリシー）。",
    ),
    # exporter policy check / show
    "policy.check_ok": (
        "{path} is a valid policy ({profiles} purpose profiles).",
        "{path} は正しいポリシーです（目的プロファイル {profiles} 件）。",
    ),
    "policy.check_ok_one": (
        "{path} is a valid policy (1 purpose profile).",
        "{path} は正しいポリシーです（目的プロファイル 1 件）。",
    ),
    "policy.check_ok_none": (
        "{path} is a valid policy (no purpose profile).",
        "{path} は正しいポリシーです（目的プロファイルなし）。",
    ),
    "policy.show_none": (
        "No IT policy is in force ({where} does not exist): exports follow the clerk's choices.",
        "IT ポリシーは設定されていません（{where} がありません）。書き出しは担当者の選択どおりに行われます。",
    ),
    "policy.show_file": ("IT policy: {path} (hash value {sha256})", "IT ポリシー：{path}（ハッシュ値 {sha256}）"),
    "policy.show_register": ("Take-out register: {path}", "持ち出し簿：{path}"),
    "policy.show_signing": ("The office's signing key: {path}", "庁内の署名用の鍵：{path}"),
    "policy.show_never": ("Never exported: {items}", "持ち出し禁止：{items}"),
    "policy.show_my_number": (
        "My Number columns: only under a profile that cites a legal basis",
        "マイナンバーの列：法令上の根拠を記した目的プロファイルでのみ",
    ),
    "policy.show_any_recipient": ("Recipients: any", "受取人：制限なし"),
    "policy.show_approved": ("Approved recipients only: {items}", "承認された受取人のみ：{items}"),
    "policy.show_office_key_given": (
        "Office key (from the policy): check code {code}",
        "庁内保管用の鍵（ポリシーで指定）：確認コード {code}",
    ),
    "policy.show_office_key_required": (
        "The office key is added to every export",
        "庁内保管用の鍵を必ずすべての書き出しに追加",
    ),
    "policy.show_passphrase_no": ("Passphrases: not allowed", "合言葉：使用不可"),
    "policy.show_passphrase_min": ("Passphrases: at least {bits} bits strong", "合言葉：{bits} ビット以上の強さ"),
    "policy.show_envelopes": ("Allowed encryption: {items}", "許可された暗号化の方式：{items}"),
    "policy.show_max_rows": ("At most {limit:,} rows per export", "1回の書き出しは {limit:,} 行まで"),
    "policy.show_required": ("Required: {items}", "必須：{items}"),
    "policy.word_purpose": ("purpose", "利用目的"),
    "policy.word_organisation": ("receiving organisation", "受取先"),
    "policy.word_delete_by": ("delete-by date", "削除期限"),
    "policy.word_profile": ("a purpose profile", "目的プロファイル"),
    "policy.show_profile": (
        "Purpose profile {name} ({title}), version {version}",
        "目的プロファイル {name}（{title}）、版 {version}",
    ),
    "policy.show_legal_basis": ("  legal basis: {text}", "  法令上の根拠：{text}"),
    "policy.show_purpose": ("  purpose: {text}", "  利用目的：{text}"),
    "policy.show_column": ("  column {column}: {transform}", "  列 {column}：{transform}"),
    "policy.show_where": ("  rows: {where}", "  行の条件：{where}"),
    "policy.show_profile_recipients": ("  recipients: {items}", "  受取人：{items}"),
    "policy.show_delete_days": ("  delete within {days} days", "  {days} 日以内に削除"),
}
