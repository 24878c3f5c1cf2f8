"""The take-out register (持ち出し簿): writing it, checking it, showing it."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "register.overdue_waiting_for": (
        "Record {number}: no deletion statement yet from {who}.",
        "記録 {number}：{who} からの削除証明書がまだありません。",
    ),
    # reading and writing
    "register.missing": ("The register {path} does not exist.", "持ち出し簿 {path} がありません。"),
    "register.unreadable": (
        "The register {path} cannot be read: {reason}.",
        "持ち出し簿 {path} を読み込めません（{reason}）。",
    ),
    "register.no_folder": (
        "The register {path} cannot be written: the folder {folder} does not exist.",
        "持ち出し簿 {path} に書き込めません。フォルダー {folder} がありません。",
    ),
    "register.not_writable": (
        "The register {path} cannot be written: permission denied, so the export was not made.",
        "持ち出し簿 {path} に書き込む権限がないため、書き出しはしませんでした。",
    ),
    "register.not_writable_hint": (
        "Ask IT staff to let this user write to the register's folder.",
        "持ち出し簿のフォルダーに書き込めるよう、情報システム担当に依頼してください。",
    ),
    "register.not_written": (
        "The register {path} cannot be written ({reason}), so the export was not made.",
        "持ち出し簿 {path} に書き込めないため（{reason}）、書き出しはしませんでした。",
    ),
    "register.not_written_hint": (
        "Check the network folder of the register, then export again.",
        "持ち出し簿のネットワークフォルダーにつながるか確かめてから、もう一度書き出してください。",
    ),
    "register.locked": (
        "The register {path} has been in use by another PC for {seconds} seconds, so the export was not made.",
        "持ち出し簿 {path} を別のパソコンが {seconds} 秒以上使っているため、書き出しはしませんでした。",
    ),
    "register.locked_hint": (
        "Try again in a minute; if it stays locked, ask IT staff to check the register's folder.",
        "少し待ってからもう一度試してください。続くときは情報システム担当に持ち出し簿のフォルダーを確かめてもらってください。",
    ),
    "register.locked_reading": (
        "The register {path} has been in use by another PC for {seconds} seconds, so it was not read.",
        "持ち出し簿 {path} を別のパソコンが {seconds} 秒以上使っているため、読み込めませんでした。",
    ),
    "register.no_register": (
        "No register was given, and no IT policy names one.",
        "持ち出し簿が指定されておらず、情報システムのポリシーにも記載がありません。",
    ),
    "register.no_register_hint": (
        "Give the register file: exporter register verify FILE.",
        "持ち出し簿のファイルを指定してください（exporter register verify ファイル）。",
    ),
    # the chain
    "register.broken_last_line": (
        "Line {line} of the register {path} is incomplete: the last record was not written to the end.",
        "持ち出し簿 {path} の {line} 行目が途中で切れています。最後の記録が最後まで書かれていません。",
    ),
    "register.last_not_a_record": (
        "The last line of the register {path} is not a record.",
        "持ち出し簿 {path} の最後の行は記録ではありません。",
    ),
    "register.not_a_record": (
        "Line {line} of the register {path} is not a record (not a JSON object in UTF-8).",
        "持ち出し簿 {path} の {line} 行目は記録ではありません（UTF-8 の JSON オブジェクトではありません）。",
    ),
    "register.bad_fields": (
        "Line {line} of the register {path} lacks its record number or the hash value of the record before it.",
        "持ち出し簿 {path} の {line} 行目に、記録番号か直前の記録のハッシュ値がありません。",
    ),
    "register.changed": (
        "Record {number} (line {line}) of the register {path} was changed after it was written: record "
        "{next_number} (line {next_line}) holds another hash value for it.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）は、書かれた後に変更されています。記録 {next_number}"
        "（{next_line} 行目）が持つハッシュ値と合いません。",
    ),
    "register.missing_record": (
        "Record {number} of the register {path} was removed: line {line} holds record {found}.",
        "持ち出し簿 {path} の記録 {number} が削除されています。{line} 行目は記録 {found} です。",
    ),
    "register.missing_records": (
        "Records {first} to {last} of the register {path} were removed: line {line} holds record {found}.",
        "持ち出し簿 {path} の記録 {first}～{last} が削除されています。{line} 行目は記録 {found} です。",
    ),
    "register.reordered": (
        "The records of the register {path} were reordered: line {line} holds record {number}, and record "
        "{expected} is at line {expected_line}.",
        "持ち出し簿 {path} の記録の順番が入れ替えられています。{line} 行目が記録 {number} で、記録 {expected} は "
        "{expected_line} 行目にあります。",
    ),
    "register.inserted": (
        "Record {number} (line {line}) of the register {path} was inserted: the record at line {next_line} "
        "follows line {before} directly.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）は後から挿入されたものです。{next_line} 行目の記録は "
        "{before} 行目の直後の記録です。",
    ),
    "register.duplicate": (
        "Record {number} of the register {path} appears twice, at lines {first} and {line}.",
        "持ち出し簿 {path} の記録 {number} が {first} 行目と {line} 行目の 2 か所にあります。",
    ),
    "register.not_first": (
        "Record 1 (line 1) of the register {path} links to a record before it: the register's beginning was "
        "removed or replaced.",
        "持ち出し簿 {path} の記録 1（1 行目）が、それより前の記録につながっています。持ち出し簿の先頭が削除されたか"
        "差し替えられています。",
    ),
    "register.bad_link": (
        "Record {number} (line {line}) of the register {path} does not follow the record before it.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）は、直前の記録に続いていません。",
    ),
    "register.statement_invalid": (
        "Record {number} (line {line}) of the register {path} holds a statement that is not validly signed: its "
        "text does not verify with the signing key it names, or is not a receipt or deletion statement at all.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）に入っている受領書・削除証明書は、正しく署名されていません"
        "（記載された署名確認用の公開鍵で確認できないか、受領書・削除証明書ではありません）。",
    ),
    "register.statement_no_export": (
        "Record {number} (line {line}) of the register {path} holds a statement about an archive that no record "
        "before it exported.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）は、それより前に書き出しの記録がないファイルについての"
        "受領書・削除証明書です。",
    ),
    "register.statement_refused": (
        "Record {number} (line {line}) of the register {path} holds a statement that does not answer export "
        "{export}: its field {field} does not agree with that export's record, so register import would refuse it.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）の受領書・削除証明書は、項目 {field} が書き出し（記録 "
        "{export}）の内容と合わず、取り込みの際に受け付けられないはずのものです。",
    ),
    "register.statement_repeated": (
        "Record {number} (line {line}) of the register {path} holds the same statement as record {first}; register "
        "import adds a statement once, so this copy was added by hand.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）は、記録 {first} と同じ受領書・削除証明書です。"
        "取り込みでは同じものは 1 度しか追加されないため、この記録は手作業で追加されています。",
    ),
    "register.statement_disagrees": (
        "Record {number} (line {line}) of the register {path} does not say what the statement it holds says: its "
        "field {field} differs.",
        "持ち出し簿 {path} の記録 {number}（{line} 行目）の項目 {field} が、記録に入っている受領書・削除証明書の"
        "内容と違います。",
    ),
    "register.append_refused_hint": (
        "Nothing was added to it, and no export is made while it is so: run exporter register verify and ask IT staff.",
        "持ち出し簿には何も追加しておらず、このままでは書き出しもできません。exporter register verify を実行して、"
        "情報システム担当に相談してください。",
    ),
    "register.tampered_hint": (
        "Keep this file as it is and tell the data-protection officer; an earlier copy or the archives' hash "
        "values show what it held.",
        "このファイルはそのままにして、個人情報保護の担当者に知らせてください。以前の控えや書き出したファイルの"
        "記録から、元の内容を確かめられます。",
    ),
    # the command line
    "register.intact": (
        "The register {path} is intact: {count:,} records; the last one's hash value is {sha256}.",
        "持ち出し簿 {path} に改ざんの形跡はありません。記録は {count:,} 件、最後の記録のハッシュ値は {sha256} です。",
    ),
    "register.intact_empty": (
        "The register {path} holds no record yet.",
        "持ち出し簿 {path} にはまだ記録がありません。",
    ),
    "register.none_overdue": (
        "No export in {path} is past its delete-by date without a deletion statement.",
        "{path} には、削除期限を過ぎて削除の報告がない書き出しはありません。",
    ),
    "register.overdue_count": (
        "{count:,} exports are past their delete-by date without a deletion statement.",
        "削除期限を過ぎても削除の報告がない書き出しが {count:,} 件あります。",
    ),
    "register.overdue_one": (
        "1 export is past its delete-by date without a deletion statement.",
        "削除期限を過ぎても削除の報告がない書き出しが 1 件あります。",
    ),
    "register.recorded": (
        "Recorded in the register {path} as record {number:,}.",
        "持ち出し簿 {path} に記録 {number:,} として記録しました。",
    ),
    "register.csv_not_encodable": (
        "Record {number} ({field}) cannot be written in {encoding}: it holds a character that encoding lacks.",
        "記録 {number} の {field} に {encoding} で書けない文字があります。",
    ),
    "register.csv_not_encodable_hint": (
        "Write it with --encoding utf-8-sig (Excel opens that too).",
        "--encoding utf-8-sig で書き出してください（Excel でも開けます）。",
    ),
    "register.wrote_csv": ("Wrote {count:,} records to {path}.", "{count:,} 件の記録を {path} に書き出しました。"),
    "register.head_found": (
        "It still holds the record with the hash value {sha256}: record {number:,}.",
        "ハッシュ値 {sha256} の記録（記録 {number:,}）も残っています。",
    ),
    "register.head_missing": (
        "The register {path} no longer holds the record with the hash value {sha256}: records were removed or "
        "changed since that hash value was taken.",
        "持ち出し簿 {path} に、ハッシュ値 {sha256} の記録がありません。そのハッシュ値を控えた後に、記録が削除または"
        "変更されています。",
    ),
    "register.head_not_a_hash": (
        "--head takes a SHA-256 hash value: 64 characters 0-9 and a-f.",
        "--head には SHA-256 のハッシュ値（0～9 と a～f の 64 文字）を指定してください。",
    ),
    # column headings (table and CSV)
    "register.col_number": ("No.", "番号"),
    "register.col_kind": ("Kind", "種類"),
    "register.col_time_utc": ("Time (UTC)", "日時（UTC）"),
    "register.col_time_local": ("Time", "日時"),
    "register.col_user": ("User", "利用者"),
    "register.col_machine": ("PC", "パソコン"),
    "register.col_profile": ("Profile", "用途プロファイル"),
    "register.col_profile_version": ("Profile version", "プロファイルの版"),
    "register.col_purpose": ("Purpose", "目的"),
    "register.col_organisation": ("Recipient organisation", "提供先"),
    "register.col_columns": ("Columns", "項目"),
    "register.col_where": ("Rows chosen by", "行の条件"),
    "register.col_rows": ("Rows", "行数"),
    "register.col_recipients": ("Recipients' check codes", "受取人の確認コード"),
    "register.col_delete_by": ("Delete by", "削除期限"),
    "register.col_archive": ("File", "ファイル"),
    "register.col_size": ("Size (bytes)", "サイズ（バイト）"),
    "register.col_sha256": ("Hash value (SHA-256)", "ハッシュ値（SHA-256）"),
    "register.col_source": ("Source file", "元のファイル"),
    "register.col_version": ("exporter version", "exporter の版"),
    "register.col_policy": ("Policy hash value", "ポリシーのハッシュ値"),
    "register.col_record_hash": ("Record hash value", "記録のハッシュ値"),
    "register.col_previous": ("Previous record's hash value", "直前の記録のハッシュ値"),
    "register.kind_export": ("export", "書き出し"),
    "register.kind_deletion": ("deletion", "削除"),
    "register.kind_receipt": ("receipt", "受領"),
    "register.office_role": ("office", "庁内控え"),
    "register.passphrase": ("passphrase", "合言葉"),
}
