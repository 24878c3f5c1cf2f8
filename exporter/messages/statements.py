"""Receipts and deletion statements: reading one, making one, and importing one into the register."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "keyfiles.kind_statement_file": ("statement file", "受領書・削除証明書のファイル"),
    # reading a statement file
    "statements.not_text": (
        "{path} is not a receipt or deletion statement: it is not UTF-8 text.",
        "{path} は受領書・削除証明書ではありません（UTF-8 のテキストではありません）。",
    ),
    "statements.edited": (
        "{path} was changed by a text editor (its line ends or a byte order mark were changed), so its signature "
        "cannot be checked.",
        "{path} はテキストエディターで保存し直されている（改行や BOM が変わっている）ため、署名を確かめられません。",
    ),
    "statements.edited_hint": (
        "Ask the recipient to send the file exporter wrote as it is, as a mail attachment, without opening and "
        "saving it.",
        "exporter が作ったファイルを開いて保存し直さずに、そのままメールに添付して送ってもらってください。",
    ),
    "statements.lines": (
        "{path} is not a receipt or deletion statement: it must have exactly 5 lines (the statement and its "
        "signature), and it has {count:,}.",
        "{path} は受領書・削除証明書ではありません。ちょうど 5 行（証明書と署名）のはずが、{count:,} 行あります。",
    ),
    "statements.not_json": (
        "{path} is not a receipt or deletion statement: its first line is not a JSON object.",
        "{path} は受領書・削除証明書ではありません。1 行目が JSON オブジェクトではありません。",
    ),
    "statements.unknown_format": (
        "{path} is not a receipt or deletion statement in a format this version of exporter knows.",
        "{path} は、このバージョンの exporter が知っている形式の受領書・削除証明書ではありません。",
    ),
    "statements.unknown_kind": (
        "{path} is a statement of a kind this version of exporter does not know (neither a receipt nor a deletion "
        "statement).",
        "{path} は、このバージョンの exporter が知らない種類の証明書です（受領書でも削除証明書でもありません）。",
    ),
    "statements.update_hint": (
        "It may come from a newer exporter: update exporter and import it again.",
        "新しいバージョンの exporter で作られた可能性があります。exporter を新しくしてから取り込み直してください。",
    ),
    "statements.invalid": (
        "{path} is not a valid receipt or deletion statement: the field {field} is missing, unknown or wrong.",
        "{path} は正しい受領書・削除証明書ではありません。"
        "項目 {field} がないか、知らない項目か、値が正しくありません。",
    ),
    "statements.not_signed": (
        "{path} is not a signed statement: lines 2 to 5 are not a minisign signature.",
        "{path} は署名された報告ではありません。2～5 行目が minisign の署名ではありません。",
    ),
    "statements.comment_mismatch": (
        "The signed comment of {path} does not match its statement: one of them was changed.",
        "{path} の署名付きコメントが報告の内容と合いません。どちらかが書き換えられています。",
    ),
    "statements.does_not_verify": (
        "The signature of {path} does not verify with the signing key it names: the statement or its signature "
        "was changed after it was signed.",
        "{path} の署名が、記載された署名確認用の公開鍵で確認できません。署名の後で報告か署名が書き換えられています。",
    ),
    "statements.does_not_verify_hint": (
        "Do not rely on it; ask the recipient to send the file exporter wrote again.",
        "この報告は信用せず、exporter が作ったファイルをもう一度送ってもらってください。",
    ),
    "statements.name_invalid": (
        "The signer's name is too long (at most {limit} characters) or holds a control character.",
        "署名する人の名前が長すぎるか（{limit} 文字まで）、制御文字を含んでいます。",
    ),
    # importing into the register (the office)
    "statements.no_export": (
        "{path} is refused: it answers an archive (hash value {sha256}) that the register {register} holds no "
        "export of.",
        "{path} は取り込めません。持ち出し簿 {register} に、この報告の対象（ハッシュ値 {sha256}）の書き出しの"
        "記録がありません。",
    ),
    "statements.no_export_hint": (
        "Check that this is the register the export was recorded in.",
        "書き出しを記録した持ち出し簿かどうか確かめてください。",
    ),
    "statements.no_signing_key": (
        "{path} is refused: the key cards of the recipients of export {export:,} have no signing key, so their "
        "statements cannot be checked.",
        "{path} は取り込めません。書き出し（記録 {export:,}）の受取人の鍵カードに署名確認用の公開鍵がないため、"
        "報告を確かめられません。",
    ),
    "statements.no_signing_key_hint": (
        "Ask the recipient for a new key card (it has a signing key) and add it to the address book.",
        "受取人に新しい鍵カード（署名確認用の公開鍵つき）を依頼し、アドレス帳に登録してください。",
    ),
    "statements.not_recipients_key": (
        "{path} is refused: it is signed by a key that is not the signing key of any recipient of export {export:,}.",
        "{path} は取り込めません。書き出し（記録 {export:,}）の受取人の署名確認用の公開鍵ではない鍵で"
        "署名されています。",
    ),
    "statements.unkeyed_recipients_hint": (
        "Some recipients of that export ({who}) had a key card without a signing key: if the statement is from one "
        "of them, ask them for a new key card (exporter key-card), add it to the address book, and export again.",
        "その書き出しの受取人の一部（{who}）は、署名確認用の公開鍵のない鍵カードでした。その方からの報告であれば、"
        "新しい鍵カード（exporter key-card）を送ってもらってアドレス帳に追加し、書き出し直してください。",
    ),
    "statements.nothing_deleted": (
        "exporter deleted none of the files of {name} itself, so it cannot state that they were deleted.",
        "exporter は {name} のファイルを自分では削除していないため、削除したと証明できません。",
    ),
    "statements.signed_before_export": (
        "{path} is refused: it says it was signed at {time}, before the export was made ({export_time}).",
        "{path} は取り込めません。署名した日時が {time} となっていて、書き出し（{export_time}）より前です。",
    ),
    "statements.signed_in_future": (
        "{path} is refused: it says it was signed at {time}, later than now on this computer ({now}).",
        "{path} は取り込めません。署名した日時が {time} となっていて、このパソコンの現在時刻（{now}）より後です。",
    ),
    "statements.not_recipients_key_hint": (
        "Only the recipient the archive was made for can confirm receiving or deleting it; ask them directly.",
        "受領や削除を報告できるのは、そのファイルの受取人本人だけです。受取人に直接確かめてください。",
    ),
    "statements.code_mismatch": (
        "{path} is refused: its check code {code} is not the one recorded for that recipient in export {export:,}.",
        "{path} は取り込めません。確認コード {code} が、書き出し（記録 {export:,}）にその受取人の確認コードとして"
        "記録されたものと違います。",
    ),
    "statements.created_mismatch": (
        "{path} is refused: the archive creation time it states (created_utc {given}) is not that of export "
        "{export:,} ({recorded}).",
        "{path} は取り込めません。記載されたファイルの作成日時（created_utc：{given}）が、書き出し（記録 "
        "{export:,}）の作成日時（{recorded}）と違います。",
    ),
    "statements.rows_mismatch": (
        "{path} is refused: the row count it states (rows {given:,}) is not that of export {export:,} ({recorded}).",
        "{path} は取り込めません。記載された行数（rows：{given:,}）が、書き出し（記録 {export:,}）の行数"
        "（{recorded}）と違います。",
    ),
    "statements.not_an_archive_file": (
        "{path} is refused: its list of deleted files (deleted.files) names {name}, which is not a file an archive "
        "holds ({files}).",
        "{path} は取り込めません。削除したファイルの一覧（deleted.files）にある {name} は、書き出したファイルに"
        "入っているファイル（{files}）ではありません。",
    ),
    "statements.imported": (
        "{path}: record {number:,}, {kind} of {archive} (export {export:,}).",
        "{path}：記録 {number:,}、{archive} の{kind}（書き出しは記録 {export:,}）。",
    ),
    "statements.already": (
        "{path}: already in the register as record {number:,} ({kind} of {archive}); nothing was added.",
        "{path}：すでに記録 {number:,} として持ち出し簿にあります（{archive} の{kind}）。追加していません。",
    ),
    "statements.no_register_hint": (
        "Give the register file: exporter register import FILE... --register REGISTER.",
        "持ち出し簿のファイルを指定してください（exporter register import 報告のファイル --register 持ち出し簿）。",
    ),
    "statements.kind_receipt": ("receipt", "受領書"),
    "statements.kind_deletion": ("deletion statement", "削除証明書"),
    # register show / overdue
    "statements.col_receipt": ("Receipt", "受領"),
    "statements.col_deletion": ("Deleted", "削除"),
    "statements.col_answers": ("Answers record", "対象の記録"),
    "statements.col_signed_utc": ("Signed (UTC)", "署名日時（UTC）"),
    "statements.answers": ("statement on record {export}", "記録 {export} についての報告"),
    "statements.answers_replaced": (
        "saved over before deletion: {files}",
        "削除前に上書き保存あり：{files}",
    ),
    "statements.overdue_with_receipt": (
        "{count:,} of them sent back a receipt.",
        "そのうち {count:,} 件は受領書が届いています。",
    ),
    # decrypt --receipt
    "statements.wrote_receipt": ("Wrote the receipt {path}.", "受領書 {path} を作りました。"),
    "statements.receipt_needs_key": (
        "A receipt needs the key file that opened the archive (--identity), not a passphrase.",
        "受領書を作るには、ファイルを開いた鍵ファイル（--identity）が必要です。合言葉では作れません。",
    ),
}
