"""The recipient's record of opened archives, Delete now, and ``exporter delete`` (issue 11, section 4)."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "keyfiles.kind_openings_file": ("record of opened archives", "開いたファイルの記録"),
    "openings.damaged": (
        "The record of opened archives {path} is damaged: exporter cannot read it.",
        "開いたファイルの記録 {path} が壊れているため、読み込めません。",
    ),
    "openings.damaged_hint": (
        "Rename or move that file; exporter then starts a new record (archives opened before are no longer listed).",
        "このファイルの名前を変えるか移動してください。新しい記録が作られます（それまでに開いたファイルは一覧に出なくなります）。",
    ),
    "openings.busy": (
        "The record of opened archives {path} is being changed by another exporter; try again in a moment.",
        "開いたファイルの記録 {path} をほかの exporter が変更中です。少し待ってからやり直してください。",
    ),
    "openings.not_written": (
        "The record of opened archives {path} could not be written ({reason}).",
        "開いたファイルの記録 {path} を書き込めませんでした（{reason}）。",
    ),
    "openings.folder_moved": (
        "{folder} is not the folder exporter saved the data into any more (it was moved, renamed or replaced by a "
        "link); nothing was deleted.",
        "{folder} は、exporter がデータを保存したフォルダーではなくなっています"
        "（移動、名前の変更、またはリンクへの置き換え）。何も削除していません。",
    ),
    "openings.file_missing": (
        "{path} is no longer there (moved or deleted by hand); nothing was deleted.",
        "{path} がありません（移動されたか、手作業で削除されています）。何も削除していません。",
    ),
    "openings.file_replaced": (
        "{path} is no longer a plain file (a link, a folder or a device is in its place); nothing was deleted.",
        "{path} は普通のファイルではなくなっています（リンク、フォルダー、デバイスに置き換えられています）。"
        "何も削除していません。",
    ),
    "openings.hard_linked": (
        "{path} has another name elsewhere (a hard link), so deleting it would not delete the data; nothing was "
        "deleted.",
        "{path} にはほかの場所に別名（ハードリンク）があるため、削除してもデータは消えません。何も削除していません。",
    ),
    "openings.changed_meanwhile": (
        "{path} was changed while it was being deleted; run the deletion again.",
        "削除の途中で {path} が変更されました。もう一度削除を実行してください。",
    ),
    "openings.statement_not_written": (
        "The deletion statement {path} could not be written ({reason}); nothing was deleted.",
        "削除証明書 {path} を書き込めませんでした（{reason}）。何も削除していません。",
    ),
    "openings.statement_after_delete": (
        "The files were deleted, but the deletion statement {path} could not be saved ({reason}).",
        "ファイルは削除しましたが、削除証明書 {path} を保存できませんでした（{reason}）。",
    ),
    "openings.statement_again_hint": (
        "Run “exporter delete” again with the same folder and key (and --statement with a free place): it writes "
        "the statement of the deletion already done.",
        "同じフォルダーと鍵で「exporter delete」をもう一度実行してください（保存先は --statement で空いている場所を"
        "指定）。削除済みの分の証明書が作られます。",
    ),
    "openings.cancelled": (
        "Deleting was cancelled; nothing was deleted.",
        "削除を取り消しました。何も削除していません。",
    ),
    "openings.cancelled_midway": (
        "Deleting was cancelled part way; run the same command again to finish it.",
        "削除を途中で取り消しました。同じコマンドをもう一度実行すると、残りを削除して完了します。",
    ),
    "openings.cli_missing": (
        "{files} is no longer in {folder} (moved or deleted by hand): exporter did not delete it, so the statement "
        "does not list it. Delete it yourself wherever it went.",
        "{folder} に {files} がもうありません（移動されたか、手作業で削除されています）。"
        "exporter が削除したものではないため、証明書には含めません。移動先にあれば、ご自分で削除してください。",
    ),
    "openings.cli_replaced": (
        "{files} in {folder} is not the file exporter saved: it was saved over (by Excel, for example) or put back "
        "from a copy. It is deleted too, and the statement tells the sender it had been changed.",
        "{folder} の {files} は exporter が保存したファイルではありません"
        "（Excel などでの上書き保存か、コピーからの復元）。"
        "これも削除し、変更されていたことを証明書で送り主に伝えます。",
    ),
    "openings.not_ours_hint": (
        "exporter deletes, and states as deleted, only the files it saved itself. Delete the data and every copy "
        "yourself and tell the sender what you deleted; then take the archive off the list with “exporter delete "
        "FOLDER --forget” (Forget in the Open window).",
        "exporter が削除し、削除したと証明できるのは、自分で保存したファイルだけです。"
        "データとそのすべての写しをご自分で削除し、何を削除したかを送り主に伝えてください。"
        "そのあと「exporter delete フォルダー --forget」（受け取ったファイルを開く画面では「一覧から外す」）で、"
        "このファイルを一覧から外せます。",
    ),
    "openings.cannot_remove": (
        "{path} could not be deleted ({reason}); nothing was recorded as deleted.",
        "{path} を削除できませんでした（{reason}）。削除したことは記録していません。",
    ),
    "openings.cannot_remove_hint": (
        "Close the program that has it open (Excel, for example), then try again.",
        "このファイルを開いているプログラム（Excel など）を閉じてから、もう一度試してください。",
    ),
    "openings.not_remembered": (
        "The archive was opened, but it could not be added to the record of opened archives: {reason}",
        "ファイルは開けましたが、開いたファイルの記録に追加できませんでした。{reason}",
    ),
    "openings.unknown": (
        "No archive opened on this computer matches {reference}.",
        "このコンピューターで開いたファイルに {reference} に当たるものはありません。",
    ),
    "openings.unknown_hint": (
        "Run “exporter delete” without an argument to list the archives opened and not yet deleted.",
        "引数なしで「exporter delete」を実行すると、開いてまだ削除していないファイルの一覧が出ます。",
    ),
    "openings.ambiguous_folders": (
        "{reference} is one archive opened into several folders ({folders}); give the folder.",
        "{reference} は、複数のフォルダー（{folders}）に開いた同じファイルです。保存先のフォルダーを指定してください。",
    ),
    "openings.ambiguous": (
        "{reference} matches {count} archives opened on this computer; give the folder or more of the hash value.",
        "{reference} に当たる開いたファイルが {count} 件あります。"
        "保存先のフォルダーか、ハッシュ値をもっと長く指定してください。",
    ),
    "openings.already_deleted": (
        "The files of {name} in {folder} were already deleted on {day}.",
        "{folder} にある {name} のファイルは {day} に削除済みです。",
    ),
    "openings.no_identity_for_passphrase": (
        "{name} was opened with a passphrase, so there is no key to sign a deletion statement with.",
        "{name} は合言葉で開いたため、削除の証明書に署名する鍵がありません。",
    ),
    "openings.no_identity_for_passphrase_hint": (
        "Give --no-statement to delete its files without a statement.",
        "証明書を作らずにファイルだけ削除するには --no-statement を付けてください。",
    ),
    "openings.other_key": (
        "The key file {path} is not the key that opened {name}; its statement must be signed by that key.",
        "鍵ファイル {path} は {name} を開いた鍵ではありません。証明書にはその鍵で署名する必要があります。",
    ),
    "openings.statement_folder_is_data": (
        "The statement {path} would be written into the folder whose files are deleted; choose another place.",
        "証明書 {path} の保存先が、削除するファイルのあるフォルダーです。ほかの場所を指定してください。",
    ),
    "openings.delete_busy": (
        "Another exporter is deleting the files of {name} in {folder} right now; try again in a moment.",
        "ほかの exporter が {folder} にある {name} のファイルを削除中です。少し待ってからやり直してください。",
    ),
    "openings.forget_refused": (
        "The files of {name} are still in {folder}, where exporter saved them: delete them instead of taking the "
        "archive off the list.",
        "{name} のファイルは、exporter が保存した {folder} にまだあります。一覧から外すのではなく、削除してください。",
    ),
    "openings.forget_refused_hint": (
        "“exporter delete FOLDER --identity KEY” (Delete now in the Open window) deletes them and writes a signed "
        "deletion statement for the sender.",
        "「exporter delete フォルダー --identity 鍵ファイル」（受け取ったファイルを開く画面では「今すぐ削除」）で"
        "削除すると、送り主に返す署名付きの削除証明書ができます。",
    ),
    # exporter delete, its lines
    "openings.cli_forgotten": (
        "{name} in {folder} was taken off the list on {day}. Nothing was deleted and no deletion statement is "
        "made: tell the sender yourself what became of the data.",
        "{folder} にある {name} を {day} に一覧から外しました。何も削除しておらず、削除証明書も作りません。"
        "データをどうしたかは、ご自分で送り主に伝えてください。",
    ),
    "openings.cli_none_pending": (
        "No archive opened on this computer is waiting to be deleted.",
        "このコンピューターで開いたファイルのうち、削除を待っているものはありません。",
    ),
    "openings.cli_pending_heading": (
        "Archives opened on this computer whose files are not yet deleted:",
        "このコンピューターで開き、まだ削除していないファイル:",
    ),
    "openings.cli_pending_line": (
        "{name}  in {folder}  opened {opened}  {due}  (hash value {sha})",
        "{name}  保存先 {folder}  {opened} に開封  {due}  （ハッシュ値 {sha}）",
    ),
    "openings.cli_due_in": ("delete by {day} ({days} days left)", "削除期限 {day}（あと {days} 日）"),
    "openings.cli_due_today": ("delete by {day} (today)", "削除期限 {day}（今日）"),
    "openings.cli_due_past": ("delete by {day} ({days} days past)", "削除期限 {day}（{days} 日過ぎています）"),
    "openings.cli_no_due": ("no delete-by date", "削除期限なし"),
    "openings.cli_pending_hint": (
        "Delete one with “exporter delete FOLDER --identity KEY”: its files go and a signed deletion statement is "
        "written for the sender.",
        "「exporter delete フォルダー --identity 鍵ファイル」で削除すると、ファイルが消え、送り主に返す署名付きの"
        "削除証明書ができます。",
    ),
    "openings.cli_deleted": ("Deleted {files} from {folder}.", "{folder} から {files} を削除しました。"),
    "openings.cli_nothing_left": (
        "The files of {name} in {folder} were already gone; recorded as deleted.",
        "{folder} にある {name} のファイルは既にありませんでした。削除済みとして記録しました。",
    ),
    "openings.cli_wrote_statement": (
        "Wrote the deletion statement {path}: send it to the sender.",
        "削除証明書 {path} を作りました。送り主に送ってください。",
    ),
    "openings.cli_copies_note": (
        "Copies made elsewhere (another folder, a USB stick, e-mail) are not covered: delete them yourself.",
        "ほかの場所（別のフォルダー、USB メモリー、メールなど）に作ったコピーは対象外です。ご自分で削除してください。",
    ),
}
