"""Signed exports: the office's signing key, signatures on archives, and the recipient's trusted signers."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "keyfiles.kind_signers_file": ("list of trusted signers", "信頼する署名者の一覧"),
    "keyfiles.kind_public_key_file": ("public key file", "公開鍵のファイル"),
    # the office's signing key
    "signing.key_exists": (
        "{path} already exists; a signing key is never written over another file.",
        "{path} は既にあります。署名用の鍵でほかのファイルを上書きすることはありません。",
    ),
    "signing.key_exists_hint": (
        "Choose another file name. Replacing the office's key means every recipient must add the new one.",
        "別のファイル名を指定してください。鍵を作り直すと、すべての受取人が新しい公開鍵を登録し直す必要があります。",
    ),
    "signing.name_empty": (
        "The office's name is empty; say who signs (--name).",
        "署名する部署の名前が空です。--name で指定してください。",
    ),
    "signing.name_invalid": (
        "The office's name must be at most {limit} characters, without line breaks or control characters.",
        "部署の名前は {limit} 文字以内で、改行や制御文字を含めないでください。",
    ),
    "signing.weak_passphrase": (
        "The passphrase protecting the signing key is too weak: it could be guessed.",
        "署名用の鍵を保護する合言葉が弱すぎます。推測されるおそれがあります。",
    ),
    "signing.wrong_passphrase": (
        "The passphrase does not open the signing key {path}.",
        "合言葉が違うため、署名用の鍵 {path} を開けません。",
    ),
    "signing.wrong_passphrase_hint": (
        "Type the passphrase chosen when the signing key was made, exactly; nothing was exported.",
        "署名用の鍵を作ったときの合言葉を正確に入力してください。何も書き出していません。",
    ),
    "signing.not_a_key_file": (
        "{path} is not a signing key made by exporter, or it is damaged.",
        "{path} は exporter で作った署名用の鍵ではないか、壊れています。",
    ),
    "signing.not_a_key_file_hint": (
        "Give the file that “exporter signing-key create” wrote (not the .pub file beside it).",
        "「exporter signing-key create」で作ったファイルを指定してください（横にある .pub ファイルではありません）。",
    ),
    "signing.key_missing": (
        "There is no signing key file at {path}: give the path of the office's signing key file (made with"
        " exporter signing-key create), or ask IT staff where it is.",
        "{path} に署名用の鍵のファイルがありません。役所の署名用の鍵のファイル（exporter signing-key create で"
        "作ったもの）の場所を指定するか、IT 担当者に場所を確認してください。",
    ),
    "signing.key_is_folder": (
        "{path} is a folder, not a signing key file: give the path of the key file itself.",
        "{path} はフォルダーです。署名用の鍵のファイルそのものを指定してください。",
    ),
    "signing.key_not_a_file": (
        "{path} is not a regular file (a pipe or a device): give the path of the signing key file itself.",
        "{path} は通常のファイルではありません（パイプやデバイス）。署名用の鍵のファイルそのものを指定してください。",
    ),
    "signing.key_not_readable": (
        "The signing key file {path} cannot be read by this account: ask IT staff to let this account read it.",
        "署名用の鍵のファイル {path} をこのアカウントでは読み込めません。読み込めるよう IT 担当者に設定を"
        "依頼してください。",
    ),
    "signing.key_not_opened": (
        "The signing key file {path} cannot be opened ({reason}): check the disk or the network folder it is on.",
        "署名用の鍵のファイル {path} を開けません（{reason}）。保存先のディスクやネットワークのフォルダーを"
        "確認してください。",
    ),
    "signing.passphrase_needed": (
        "The signing key {path} is protected by a passphrase, and none was given.",
        "署名用の鍵 {path} は合言葉で保護されていますが、合言葉が指定されていません。",
    ),
    "signing.passphrase_needed_hint": (
        "Give a file that holds it with --signing-passphrase-file, or run the command on a terminal to type it.",
        "合言葉を書いたファイルを --signing-passphrase-file で指定するか、端末で実行して入力してください。",
    ),
    # signatures
    "signing.not_a_signature": (
        "the signature is not in minisign's format",
        "署名が minisign の形式ではありません",
    ),
    "signing.legacy_signature": (
        "the signature is in minisign's old format, which signs the file itself rather than its hash value",
        "署名が minisign の古い形式（ハッシュ値ではなくファイルそのものへの署名）です",
    ),
    "signing.legacy_signature_hint": (
        "Sign again with a current minisign (0.10 or later), which writes the new format.",
        "新しい minisign（0.10 以降）で署名し直してください。",
    ),
    "signing.does_not_verify": (
        "the signature does not match (the manifest, the signature or its signed comment was changed)",
        "署名が一致しません（内容の説明、署名、または署名付きのコメントが変更されています）",
    ),
    "signing.not_a_public_key": (
        "This is not a minisign public key (a line starting with RW, 56 characters).",
        "minisign の公開鍵ではありません（RW で始まる 56 文字の行です）。",
    ),
    "signing.not_a_public_key_hint": (
        "Give the .pub file the office sent, or paste its second line.",
        "送られてきた .pub ファイルを指定するか、その 2 行目を貼り付けてください。",
    ),
    # opening an archive
    "signing.archive_altered": (
        "{name} cannot be trusted: {reason:lower}. Nothing was written.",
        "{name} は信頼できません。{reason}。何も書き出していません。",
    ),
    "signing.signed_by": (
        "Signed by {name} (check code {code}): the office's signature verifies.",
        "{name} の署名があり、正しいことを確認しました（確認コード：{code}）。",
    ),
    "signing.unsigned": (
        "This archive is not signed: it cannot show which office made it.",
        "このファイルには署名がありません。どの部署が作ったかを確かめられません。",
    ),
    "signing.unsigned_advice": (
        "Anyone who has your public key can make such a file; ask the sender whether they sent it.",
        "あなたの公開鍵を持つ人なら誰でもこのようなファイルを作れます。送り主に送ったかどうか確かめてください。",
    ),
    "signing.unknown_signer": (
        "This archive is signed by a key that is not in your list of trusted signers (key id {key_id}).",
        "このファイルは、信頼する署名者の一覧にない鍵で署名されています（鍵 ID：{key_id}）。",
    ),
    "signing.unknown_signer_advice": (
        "If the office reads you its check code on the phone, add its key with “exporter signers add”.",
        "部署から電話で確認コードを読み上げてもらい、一致したら「exporter signers add」でその鍵を登録してください。",
    ),
    "signing.refused_unsigned": (
        "{name} is not signed, and a signature is required; nothing was written.",
        "{name} には署名がなく、署名が必要な設定のため、何も書き出していません。",
    ),
    "signing.refused_unknown": (
        "{name} is signed by a key that is not in your list of trusted signers, and a trusted signature is "
        "required; nothing was written.",
        "{name} は信頼する署名者の一覧にない鍵で署名されています。"
        "信頼できる署名が必要な設定のため、何も書き出していません。",
    ),
    "signing.refused_hint": (
        "Ask the office to send the archive signed, and add its signing key with “exporter signers add”.",
        "署名付きで送り直すよう部署に依頼し、その署名用の公開鍵を「exporter signers add」で登録してください。",
    ),
    "signing.signature_too_large": (
        "The signature in {name} is too large to be one.",
        "{name} の署名が大きすぎます。署名ではありません。",
    ),
    # the recipient's trusted signers
    "signing.signers_name": ("the list of trusted signers {path}", "信頼する署名者の一覧 {path}"),
    "signing.signers_invalid": (
        "{what} is not a list of trusted signers ([[signer]] tables).",
        "{what} は署名者の一覧（[[signer]] の表）になっていません。",
    ),
    "signing.signer_entry_invalid": (
        'Entry {number} of {what} needs a name and a minisign public key (key = "RW...").',
        '{what} の {number} 番目の項目には、名前と minisign の公開鍵（key = "RW..."）が必要です。',
    ),
    "signing.signer_entry_twice": (
        "Entry {number} of {what} repeats the name of an earlier entry.",
        "{what} の {number} 番目の項目は、前の項目と同じ名前です。",
    ),
    "signing.signer_name_taken": (
        "{name} is already a trusted signer; remove it first to replace its key.",
        "{name} は既に登録されています。鍵を替えるには、先に削除してください。",
    ),
    "signing.signer_key_taken": (
        "This key is already trusted, as {name}.",
        "この鍵は {name} として既に登録されています。",
    ),
    "signing.signer_unknown": ("{name} is not in the list of trusted signers.", "{name} は署名者の一覧にありません。"),
    "signing.signer_unknown_hint": ("The list holds: {names}.", "一覧にあるのは次の名前です：{names}"),
    # the command line
    "signing.cli_prompt_new": (
        "Passphrase to protect the office's signing key: ",
        "署名用の鍵を保護する合言葉：",
    ),
    "signing.cli_prompt_key": ("Passphrase for the signing key {path}: ", "署名用の鍵 {path} の合言葉："),
    "signing.cli_passphrases_differ": (
        "The two passphrases differ; no key was made.",
        "2 回入力した合言葉が一致しないため、鍵は作っていません。",
    ),
    "signing.cli_no_terminal": (
        "There is no terminal on which to ask for the passphrase that protects the signing key.",
        "署名用の鍵を保護する合言葉を入力する端末がありません。",
    ),
    "signing.cli_no_terminal_hint": (
        "Give a file that holds the passphrase with --passphrase-file.",
        "合言葉を書いたファイルを --passphrase-file で指定してください。",
    ),
    "signing.card_title": (
        "The signing key of {name}: send this public key to recipients",
        "{name} の署名用の公開鍵（これを受取人に送ってください）",
    ),
    "signing.card_check_code": ("Check code: {code}", "確認コード：{code}"),
    "signing.card_read_aloud": (
        "Read the check code to each recipient on the phone; they add the key only when it matches.",
        "確認コードを電話で受取人に読み上げてください。一致したときだけ、受取人は鍵を登録します。",
    ),
    "signing.cli_wrote_key": (
        "wrote the signing key to {path}, protected by its passphrase; it never leaves the office.",
        "署名用の鍵を {path} に書き込みました（合言葉で保護）。この鍵は庁外に出さないでください。",
    ),
    "signing.cli_wrote_public": (
        "wrote the public key to {path}: this is the file to send.",
        "公開鍵を {path} に書き込みました。送るのはこのファイルです。",
    ),
    "signing.cli_public_exists": (
        "{path} already exists; the public key is written beside the key and never over another file.",
        "{path} は既にあります。公開鍵は鍵の横に書き込み、ほかのファイルを上書きすることはありません。",
    ),
    "signing.cli_signed": (
        "signed by {name} (check code {code})",
        "{name} の署名を付けました（確認コード：{code}）",
    ),
    "signing.cli_signer_added": (
        "added {name} to the trusted signers; check code {code}: it must be the code the office reads to you",
        "{name} を信頼する署名者に登録しました。確認コード：{code}（部署が読み上げる確認コードと同じであること）",
    ),
    "signing.cli_signer_removed": (
        "removed {name} from the trusted signers",
        "{name} を信頼する署名者から削除しました",
    ),
    "signing.cli_signers_empty": (
        "No trusted signers yet ({path}); add an office's key with “exporter signers add”.",
        "信頼する署名者はまだいません（{path}）。「exporter signers add」で部署の鍵を登録してください。",
    ),
    "signing.cli_column_name": ("Name", "名前"),
    "signing.cli_column_code": ("Check code", "確認コード"),
    "signing.cli_column_key_id": ("Key id", "鍵 ID"),
    "signing.cli_column_added": ("Added", "登録日"),
    "signing.cli_key_text_missing": (
        "Give the office's public key: its .pub file, or the line starting with RW.",
        "部署の公開鍵を指定してください。.pub ファイルか、RW で始まる行です。",
    ),
}
