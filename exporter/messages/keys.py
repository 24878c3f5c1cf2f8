"""Messages about keys: protected identity files, key cards, the address book, settings and the office key."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # Files the core keeps (exporter/keys/store.py)
    "keys.book_name": ("The address book {path}", "アドレス帳 {path}"),
    "keys.settings_name": ("The settings file {path}", "設定ファイル {path}"),
    "keys.toml_bad_line": (
        "{what} cannot be read: line {line} is not written correctly.",
        "{what} を読み込めません。{line} 行目の書き方が正しくありません。",
    ),
    "keys.toml_bad": (
        "{what} cannot be read: it is not written correctly.",
        "{what} を読み込めません。書き方が正しくありません。",
    ),
    "keys.locked_by_content": ("it is locked (locked = true)", "locked = true でロックされているため、"),
    "keys.locked_by_permissions": ("the file is read-only", "書き込み禁止のファイルのため、"),
    "keys.read_only": ("{what} cannot be changed: {reason}.", "{what} は、{reason}変更できません。"),
    "keys.read_only_hint": (
        "Ask your IT staff to make the change.",
        "変更は情報システム担当者に依頼してください。",
    ),
    "keys.cannot_write": ("{what} could not be saved: {reason}.", "{what} を保存できませんでした（{reason}）。"),
    # The recipient's own key (exporter/keys/identity.py)
    "keys.passphrase_needed": (
        "The key file {path} is protected by a passphrase; it is needed to use the key.",
        "鍵ファイル {path} は合言葉で保護されています。鍵を使うには合言葉が必要です。",
    ),
    "keys.passphrase_needed_hint": (
        "Enter the passphrase that was chosen when the key was made.",
        "鍵を作ったときに決めた合言葉を入力してください。",
    ),
    "keys.wrong_passphrase": (
        "The passphrase does not open the key file {path}.",
        "合言葉が違うため、鍵ファイル {path} を開けません。",
    ),
    "keys.wrong_passphrase_hint": (
        "Type the passphrase chosen when the key was made, exactly (capital and small letters differ).",
        "鍵を作ったときに決めた合言葉を正確に入力してください（大文字と小文字は区別されます）。",
    ),
    "keys.identity_exists": (
        "{path} already exists; a key file is never overwritten.",
        "{path} はすでにあります。鍵ファイルは上書きしません。",
    ),
    "keys.identity_exists_hint": (
        "Choose another file name. Keep the old key as long as files sent to it may still need opening.",
        "別のファイル名を選んでください。古い鍵あてに送られたファイルを開く必要がある間は、古い鍵を消さないでください。",
    ),
    "keys.folder_not_made": (
        "The folder {path} could not be made: {reason}.",
        "フォルダー {path} を作れませんでした（{reason}）。",
    ),
    "keys.identity_not_text": (
        "{path} is not a key file: it is not text.",
        "{path} は鍵ファイルではありません（テキストではありません）。",
    ),
    "keys.protected_too_costly": (
        "The key file {path} demands more computing work than allowed (scrypt work factor above {limit}); "
        "it was not opened.",
        "鍵ファイル {path} は許される以上の計算を求めるため、開きませんでした"
        "（scrypt の作業係数が {limit} を超えています）。",
    ),
    "keys.protected_unreadable": (
        "The key file {path} is encrypted, but not with a passphrase, or it is damaged.",
        "鍵ファイル {path} は暗号化されていますが、合言葉による保護ではないか、壊れています。",
    ),
    "keys.protected_damaged_hint": (
        "Use the key file as it was made, or make a new key.",
        "作ったときのままの鍵ファイルを使うか、新しい鍵を作ってください。",
    ),
    "keys.weak_passphrase": (
        "The passphrase protecting the key is too weak: it could be guessed.",
        "鍵を保護する合言葉が弱すぎます。推測されるおそれがあります。",
    ),
    "keys.weak_passphrase_hint": (
        "Use a longer passphrase: several unrelated words, or a long row of digits.",
        "もっと長い合言葉にしてください。関係のない単語をいくつか並べるか、長い数字の列を使えます。",
    ),
    # The key card (exporter/keys/card.py)
    "keys.card_title": (
        "Your public key (send this to the sender):",
        "あなたの公開鍵（これを送り主に送ってください）：",
    ),
    "keys.card_check_code": ("Check code: {code}", "確認コード：{code}"),
    "keys.card_send_only": (
        "Send only this public key. Never send the key file (your secret key) to anyone.",
        "送るのはこの公開鍵だけです。鍵ファイル（秘密鍵）は誰にも送らないでください。",
    ),
    "keys.card_read_aloud": (
        "When the sender calls, read the check code aloud to confirm that the key arrived unchanged.",
        "送り主から電話があったら確認コードを読み上げて、公開鍵が正しく届いたことを確かめてください。",
    ),
    # The address book (exporter/keys/book.py)
    "keys.book_invalid": ("{what} is not a valid address book.", "{what} はアドレス帳として正しくありません。"),
    "keys.book_entry_invalid": ("{what}: entry {number} is not valid.", "{what}：{number} 件目が正しくありません。"),
    "keys.book_entry_field": (
        "{what}: entry {number} has an invalid {field}.",
        "{what}：{number} 件目の {field} が正しくありません。",
    ),
    "keys.book_entry_twice": (
        "{what}: entry {number} has the same name as an entry before it.",
        "{what}：{number} 件目の名前が、それより前の項目と同じです。",
    ),
    "keys.unknown_name": ("{name} is not in the address book.", "{name} はアドレス帳にありません。"),
    "keys.did_you_mean": ("Did you mean {names}?", "{names} のことですか？"),
    "keys.unknown_name_hint": (
        "See the names with “exporter recipients list”, or add the recipient with “exporter recipients add”.",
        "登録済みの名前は「exporter recipients list」で確認できます。宛先の登録は「exporter recipients add」です。",
    ),
    "keys.name_taken": ("{name} is already in the address book.", "{name} はすでにアドレス帳にあります。"),
    "keys.name_taken_hint": (
        "Choose another name, or first remove the old entry with “exporter recipients remove {name}”.",
        "別の名前にするか、先に「exporter recipients remove {name}」で古い項目を削除してください。",
    ),
    "keys.key_taken": (
        "This key is already in the address book, as {name}.",
        "この公開鍵は、すでに {name} としてアドレス帳にあります。",
    ),
    "keys.name_empty": ("The recipient's name is empty.", "宛先の名前が空です。"),
    "keys.name_invalid": (
        "A name may have at most {limit} characters and no control characters.",
        "名前は {limit} 文字以内で、制御文字を含まないものにしてください。",
    ),
    "keys.organisation_invalid": (
        "An organisation may have at most {limit} characters and no control characters.",
        "組織名は {limit} 文字以内で、制御文字を含まないものにしてください。",
    ),
    "keys.confirmed_in_future": (
        "The confirmation date {date} lies in the future.",
        "確認日 {date} が未来の日付です。",
    ),
    # Settings and the office key (exporter/keys/settings.py, exporter/pipeline.py)
    "keys.settings_field": ("{what} has an invalid {field}.", "{what} の {field} が正しくありません。"),
    "keys.office_passphrase": (
        "An office key is set, and an export to a passphrase cannot also be encrypted to it.",
        "事務所の鍵が設定されていますが、合言葉で暗号化するファイルには事務所の鍵を加えられません。",
    ),
    "keys.office_passphrase_hint": (
        "Encrypt to the recipient's public key instead, or leave the office copy out on purpose with "
        "--no-office-key (the archive records that).",
        "受取人の公開鍵で暗号化してください。事務所の控えをあえて省く場合は --no-office-key を付けてください"
        "（省いたことはファイルの中に記録されます）。",
    ),
    "keys.office_waiver_needs_passphrase": (
        "The office copy can only be left out of an export to a passphrase; an export to keys always includes "
        "the office key.",
        "事務所の控えを省けるのは、合言葉で暗号化する場合だけです。公開鍵への書き出しには必ず事務所の鍵が加わります。",
    ),
}
