"""The age envelope: encrypting to keys or a passphrase, and why an archive cannot be opened.

Like Fernet's single ``InvalidToken``, the sentences about a damaged archive say that something is wrong and
what to try, never which internal check failed beyond what age itself reports, and never a key or passphrase.
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    # encrypting
    "envelope.no_recipient": (
        "No recipient was given, so nobody could open the archive.",
        "受取人が指定されていないため、誰もこのファイルを開けません。",
    ),
    "envelope.passphrase_not_alone": (
        "A passphrase cannot be combined with other recipients.",
        "合言葉はほかの受取人と組み合わせられません。",
    ),
    "envelope.passphrase_not_alone_hint": (
        "Encrypt either to a passphrase alone or to one or more age1... keys.",
        "合言葉だけで暗号化するか、1つ以上の公開鍵（age1...）で暗号化してください。",
    ),
    "envelope.passphrase_empty": ("The passphrase is empty.", "合言葉が空です。"),
    "envelope.passphrase_empty_hint": (
        "Choose a passphrase of several words.",
        "十分に長い合言葉にしてください。",
    ),
    # recipient keys (age1...)
    "envelope.secret_key_as_recipient": (
        "A secret key was given where the recipient's public key belongs.",
        "受取人の公開鍵の代わりに秘密鍵が指定されています。",
    ),
    "envelope.exposed_key_hint": (
        "That secret key is no longer private (it is in a file or your shell history now): the recipient should make "
        "a new key with “exporter keygen” and send only its public key, which starts with age1.",
        "この秘密鍵はもう秘密ではありません（ファイルやコマンドの履歴に残っています）。受取人に「exporter keygen」で"
        "新しい鍵を作ってもらい、age1 で始まる公開鍵だけを送ってもらってください。",
    ),
    "envelope.post_quantum_recipient": (
        "Post-quantum recipients (age1pq1...) are not supported yet.",
        "耐量子暗号の公開鍵（age1pq1...）にはまだ対応していません。",
    ),
    "envelope.post_quantum_recipient_hint": (
        "Ask the recipient for an X25519 key that starts with age1.",
        "age1 で始まる X25519 の公開鍵を受取人に依頼してください。",
    ),
    "envelope.ssh_recipient": (
        "SSH keys are not supported as recipients.",
        "SSH の鍵は受取人の鍵として使えません。",
    ),
    "envelope.ssh_recipient_hint": (
        "Ask the recipient for an age key that starts with age1.",
        "age1 で始まる公開鍵を受取人に依頼してください。",
    ),
    "envelope.invalid_recipient": (
        "This is not a valid age recipient key.",
        "受取人の公開鍵として正しくありません。",
    ),
    "envelope.invalid_recipient_hint": (
        "A recipient key starts with age1 and is 62 characters long.",
        "受取人の公開鍵は age1 で始まる62文字です。",
    ),
    # secret keys (AGE-SECRET-KEY-1...)
    "envelope.post_quantum_identity": (
        "Post-quantum keys (AGE-SECRET-KEY-PQ-1...) are not supported yet.",
        "耐量子暗号の鍵（AGE-SECRET-KEY-PQ-1...）にはまだ対応していません。",
    ),
    "envelope.plugin_identity": (
        "Plugin keys (AGE-PLUGIN-...) such as hardware keys are not supported.",
        "ハードウェアキーなどのプラグインの鍵（AGE-PLUGIN-...）には対応していません。",
    ),
    "envelope.public_key_as_identity": (
        "A public key was given where the secret key belongs.",
        "秘密鍵の代わりに公開鍵が指定されています。",
    ),
    "envelope.public_key_as_identity_hint": (
        "Give the key file with the line that starts with AGE-SECRET-KEY-1.",
        "AGE-SECRET-KEY-1 で始まる行がある鍵ファイルを指定してください。",
    ),
    "envelope.invalid_identity": (
        "This is not a valid age secret key.",
        "秘密鍵として正しくありません。",
    ),
    "envelope.invalid_identity_hint": (
        "A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long.",
        "秘密鍵は AGE-SECRET-KEY-1 で始まる74文字です。",
    ),
    # key files: a sentence about one line of it, and files with nothing usable
    "envelope.at_line": ("{name}, line {line}: {message:lower}", "{name} の {line} 行目：{message}"),
    "envelope.no_recipient_in_file": (
        "{name} holds no recipient key.",
        "{name} には受取人の公開鍵が含まれていません。",
    ),
    "envelope.no_recipient_in_file_hint": (
        "Add the recipient's public key (age1...) on a line of its own.",
        "受取人の公開鍵（age1...）を1行に1つずつ書いてください。",
    ),
    "envelope.no_identity_in_file": ("{name} holds no secret key.", "{name} には秘密鍵が含まれていません。"),
    "envelope.no_identity_in_file_hint": (
        "Choose the key file made by 'exporter keygen' or age-keygen.",
        "「exporter keygen」または age-keygen で作った鍵ファイルを選んでください。",
    ),
    # opening
    "envelope.no_match": (
        "No key or passphrase given opens this archive.",
        "指定された鍵または合言葉では、このファイルを開けません。",
    ),
    "envelope.no_match_passphrase_hint": (
        "This archive is protected by a passphrase; check that it was typed exactly.",
        "このファイルは合言葉で保護されています。正確に入力されているか確認してください。",
    ),
    "envelope.no_match_keys_hint": (
        "This archive was encrypted to keys; choose the key file that belongs to one of them.",
        "このファイルは公開鍵で暗号化されています。そのどれかに対応する鍵ファイルを選んでください。",
    ),
    "envelope.no_match_unknown_hint": (
        "This archive was encrypted for a kind of key this program does not support.",
        "このファイルは、このプログラムが対応していない種類の鍵で暗号化されています。",
    ),
    "envelope.post_quantum_only": (
        "This archive is encrypted for a post-quantum key (mlkem768x25519), "
        "a recipient type that is not supported yet.",
        "このファイルは耐量子暗号の鍵（mlkem768x25519）向けに暗号化されています。"
        "この種類の鍵にはまだ対応していません。",
    ),
    "envelope.post_quantum_only_hint": (
        "Ask the sender to encrypt it to your age1... key or with a passphrase.",
        "あなたの公開鍵（age1...）か合言葉で暗号化し直すよう、送付元に依頼してください。",
    ),
    "envelope.post_quantum_also_hint": (
        "It is also encrypted for a post-quantum key (mlkem768x25519), which is not supported yet.",
        "耐量子暗号の鍵（mlkem768x25519）向けにも暗号化されていますが、その鍵にはまだ対応していません。",
    ),
    "envelope.too_many_stanzas": (
        "This archive names {count:,} recipients; this program opens archives of at most {limit:,}.",
        "このファイルには {count:,} 件の受取人が指定されています。このプログラムが開けるのは {limit:,} 件までです。",
    ),
    "envelope.too_many_stanzas_hint": (
        "Ask the sender to encrypt it to fewer recipients.",
        "受取人の数を減らして暗号化し直すよう、送付元に依頼してください。",
    ),
    "envelope.opening_cancelled": (
        "Opening the archive was cancelled; nothing was written.",
        "ファイルを開く処理を取り消しました。何も書き込んでいません。",
    ),
    "envelope.scrypt_too_costly": (
        "This archive's passphrase protection demands more computing work than allowed "
        "(scrypt work factor above {limit}); it was not opened.",
        "このファイルの合言葉保護は許容を超える計算量を必要とするため"
        "（scrypt の作業係数が {limit} を超えています）、開きませんでした。",
    ),
    "envelope.scrypt_no_memory": (
        "This archive's passphrase protection needs more memory than this computer gives the program "
        "({size:,} MiB for scrypt work factor {factor}); it was not opened.",
        "このファイルの合言葉保護には、このコンピューターがプログラムに割り当てられるより多くのメモリが必要です"
        "（scrypt の作業係数 {factor} で {size:,} MiB）。開きませんでした。",
    ),
    "envelope.scrypt_no_memory_hint": (
        "Open it on a computer with more memory, or ask the sender to encrypt it again with the usual settings.",
        "メモリの多いコンピューターで開くか、通常の設定で暗号化し直すよう送付元に依頼してください。",
    ),
    "envelope.encrypt_again_hint": (
        "Ask the sender to encrypt it again with the usual settings.",
        "通常の設定で暗号化し直すよう、送付元に依頼してください。",
    ),
    # a file that is not an archive, or is damaged
    "envelope.not_an_archive": (
        "This file is not an age-encrypted archive.",
        "このファイルは暗号化したファイル（.age）ではありません。",
    ),
    "envelope.not_an_archive_hint": (
        "Choose the .age file you received, not the key file or an already opened copy.",
        "鍵ファイルや開いた後のコピーではなく、受け取った .age ファイルを選んでください。",
    ),
    "envelope.unsupported_version": (
        "This archive was made with a newer age format version that this program does not understand.",
        "このファイルは、このプログラムが対応していない新しい age 形式で作られています。",
    ),
    "envelope.unsupported_version_hint": (
        "Ask the sender to encrypt it with age version 1 (age-encryption.org/v1).",
        "age バージョン1（age-encryption.org/v1）で暗号化し直すよう、送付元に依頼してください。",
    ),
    "envelope.damaged_header": (
        "The archive is damaged or was altered: its header is malformed.",
        "ファイルが壊れているか、改ざんされています（先頭部分の形式が正しくありません）。",
    ),
    "envelope.damaged_armor": (
        "The archive is damaged or was altered: its text (ASCII armor) encoding is malformed.",
        "ファイルが壊れているか、改ざんされています（テキスト形式の符号化が正しくありません）。",
    ),
    "envelope.damaged_header_mac": (
        "The archive is damaged or was altered: its header does not verify.",
        "ファイルが壊れているか、改ざんされています（先頭部分の検証に失敗しました）。",
    ),
    "envelope.damaged_content": (
        "The archive is damaged or was altered: its content does not verify.",
        "ファイルが壊れているか、改ざんされています（内容の検証に失敗しました）。",
    ),
    "envelope.damaged_cut_short": (
        "The archive is damaged or was altered: it was cut short.",
        "ファイルが壊れているか、改ざんされています（途中で切れています）。",
    ),
    "envelope.damaged_trailing_data": (
        "The archive is damaged or was altered: data follows its end.",
        "ファイルが壊れているか、改ざんされています（終わりの後に余分なデータがあります）。",
    ),
    "envelope.damaged_empty_last_chunk": (
        "The archive is damaged or was altered: its last part is empty.",
        "ファイルが壊れているか、改ざんされています（最後の部分が空です）。",
    ),
    "envelope.fresh_copy_hint": (
        "Ask the sender for a fresh copy of the archive.",
        "送付元にファイルを送り直してもらってください。",
    ),
}
