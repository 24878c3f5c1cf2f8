"""Messages about keys: protected identity files, key cards, the address book, settings and the office key."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # Files the core keeps (exporter/keys/store.py); the two nouns follow keyfiles' naming (keyfiles.kind_<noun>),
    # so that the key-file reader names these files in Japanese once it takes its nouns from the catalogue
    "keyfiles.kind_address_book": ("address book", "アドレス帳"),
    "keyfiles.kind_settings_file": ("settings file", "設定ファイル"),
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
    "keys.locked_not_boolean": (
        "{what}: line {line} must say locked = true or locked = false.",
        "{what} の {line} 行目は、locked = true か locked = false のどちらかにしてください。",
    ),
    "keys.locked_not_boolean_hint": (
        "Write true or false without quotation marks.",
        'true または false を引用符（"）なしで書いてください。',
    ),
    "keys.lock_busy": (
        "another program kept it busy for too long; try again in a moment",
        "別のプログラムが使用中のまま時間切れになりました。少し待ってからもう一度お試しください。",
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
    "keys.book_entry_future": (
        "{what}: entry {number} was confirmed on {date}, a day in the future.",
        "{what}：{number} 件目の確認日 {date} が未来の日付です。",
    ),
    "keys.book_missing": (
        "The address book {path} named in the settings does not exist.",
        "設定で指定されたアドレス帳 {path} がありません。",
    ),
    "keys.book_missing_hint": (
        "Check the address_book line of the settings file, or ask your IT staff where the address book is.",
        "設定ファイルの address_book の行を確認するか、アドレス帳の場所を情報システム担当者に確認してください。",
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
    "keys.secret_key_as_name": (
        "A secret key was given where a recipient's name belongs.",
        "宛先の名前を書くところに秘密鍵が書かれています。",
    ),
    "keys.key_as_name": (
        "A public key was given where a name from the address book belongs.",
        "アドレス帳の名前を書くところに公開鍵が書かれています。",
    ),
    "keys.key_as_name_hint": (
        "Give a public key with --recipient, and a name from the address book with --to.",
        "公開鍵は --recipient で、アドレス帳の名前は --to で指定してください。",
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
        "庁内用の鍵が設定されていますが、合言葉で暗号化するファイルには庁内用の鍵を加えられません。",
    ),
    "keys.office_passphrase_hint": (
        "Encrypt to the recipient's public key instead, or leave the office copy out on purpose with "
        "--no-office-key (the archive records that).",
        "受取人の公開鍵で暗号化してください。庁内用の暗号化をあえて省く場合は --no-office-key を付けてください"
        "（省いたことはファイルの中に記録されます）。",
    ),
    "keys.office_waiver_needs_passphrase": (
        "The office copy can only be left out of an export to a passphrase; an export to keys always includes "
        "the office key.",
        "庁内用の暗号化を省けるのは、合言葉で暗号化する場合だけです。公開鍵への書き出しには必ず庁内用の鍵が加わります。",
    ),
    # The command line (exporter/key_commands.py)
    "keys.card_folder_missing": (
        "The key card {path} cannot be written: the folder {folder} does not exist. No key was made.",
        "鍵カード {path} を書き出せません。フォルダー {folder} がありません。鍵は作っていません。",
    ),
    "keys.card_is_key_file": (
        "The key card {path} would be the key file itself; give the card another name.",
        "鍵カード {path} が鍵ファイルと同じ名前です。鍵カードには別の名前を指定してください。",
    ),
    "keys.card_exists": (
        "{path} already exists; the key card is never written over another file.",
        "{path} はすでにあります。鍵カードでほかのファイルを上書きすることはしません。",
    ),
    "keys.cli_prompt_new": ("Passphrase to protect the new key: ", "新しい鍵を保護する合言葉："),
    "keys.cli_prompt_again": ("The same passphrase again: ", "確認のため、もう一度入力してください："),
    "keys.cli_passphrases_differ": (
        "The two passphrases differ; no key was made.",
        "2 回入力した合言葉が一致しません。鍵は作っていません。",
    ),
    "keys.cli_keygen_no_terminal": (
        "There is no terminal on which to ask for the passphrase that protects the key.",
        "鍵を保護する合言葉を入力する端末がありません。",
    ),
    "keys.cli_keygen_no_terminal_hint": (
        "Give a file that holds the passphrase with --passphrase-file (--no-protect makes a key without one, which "
        "is not recommended).",
        "合言葉を書いたファイルを --passphrase-file で指定してください（--no-protect で合言葉なしの鍵も作れますが、"
        "お勧めしません）。",
    ),
    "keys.cli_wrote_key": (
        "wrote the key to {path}, protected by your passphrase; keep the file and the passphrase to yourself.",
        "鍵を {path} に保存しました（合言葉で保護しています）。ファイルも合言葉も人に渡さないでください。",
    ),
    "keys.cli_wrote_plain_key": (
        "wrote the key to {path} without a passphrase: anyone who gets a copy of this file can open what is sent "
        "to you.",
        "鍵を合言葉なしで {path} に保存しました。このファイルの写しを手に入れた人は、あなたあてのファイルを開けます。",
    ),
    "keys.cli_wrote_card": ("wrote the key card to {path}", "鍵カードを {path} に保存しました。"),
    "keys.cli_prompt_key": ("Passphrase for the key file {path}: ", "鍵ファイル {path} の合言葉："),
    "keys.cli_decrypt_no_terminal": (
        "The key file {path} is protected by a passphrase, and there is no terminal to ask for it on.",
        "鍵ファイル {path} は合言葉で保護されていますが、合言葉を入力する端末がありません。",
    ),
    "keys.cli_decrypt_no_terminal_hint": (
        "Give a file that holds the passphrase with --identity-passphrase-file.",
        "合言葉を書いたファイルを --identity-passphrase-file で指定してください。",
    ),
    "keys.cli_added": (
        "added {name} to the address book; check code {code}",
        "{name} をアドレス帳に登録しました。確認コード：{code}",
    ),
    "keys.cli_confirmed": (
        "recorded that the check code {code} of {name} was confirmed on {date}",
        "{name} の確認コード {code} を {date} に確認済みとして記録しました。",
    ),
    "keys.cli_unconfirmed_unknown": (
        "whether the check codes of the recipients were confirmed could not be checked: {reason}",
        "宛先の確認コードが確認済みかどうかを調べられませんでした。{reason}",
    ),
    "keys.cli_unconfirmed": (
        "the check code {code} of {name} has not been confirmed yet: read it back with the recipient on the phone, "
        "then record it with “exporter recipients confirm”",
        "{name} の確認コード {code} はまだ確認されていません。受取人と電話で読み合わせてから、"
        "「exporter recipients confirm」で記録してください。",
    ),
    "keys.cli_removed": ("removed {name} from the address book", "{name} をアドレス帳から削除しました。"),
    "keys.cli_book_empty": ("The address book is empty ({path}).", "アドレス帳は空です（{path}）。"),
    "keys.cli_column_name": ("Name", "名前"),
    "keys.cli_column_organisation": ("Organisation", "組織"),
    "keys.cli_column_code": ("Check code", "確認コード"),
    "keys.cli_column_confirmed": ("Confirmed", "確認日"),
    "keys.cli_office_unnamed": ("(no name)", "（名前なし）"),
    "keys.cli_office_set": (
        "every export is now also encrypted to the office key {name}; check code {code}",
        "これからの書き出しはすべて、庁内用の鍵 {name} でも暗号化します。確認コード：{code}",
    ),
    "keys.cli_office_show": (
        "office key {name}: {key}, check code {code}; every export is also encrypted to it",
        "庁内用の鍵 {name}：{key}　確認コード：{code}　書き出しはすべて、この鍵でも暗号化します。",
    ),
    "keys.cli_office_none": (
        "no office key is set: exports are encrypted only to their recipients",
        "庁内用の鍵は設定されていません。書き出したファイルは受取人だけが開けます。",
    ),
    "keys.cli_office_cleared": (
        "the office key is removed: exports are no longer encrypted to it",
        "庁内用の鍵を外しました。これからの書き出しは庁内用の鍵では暗号化しません。",
    ),
    "keys.cli_office_was_none": ("no office key was set", "庁内用の鍵は設定されていませんでした。"),
    "keys.cli_recipient_line": ("for {who}: check code {code}", "宛先 {who}：確認コード {code}"),
    "keys.cli_office_line": (
        "for the office, {who}: check code {code}",
        "庁内用 {who}：確認コード {code}",
    ),
    "keys.cli_office_left_out": (
        "the office copy was left out on purpose (--no-office-key): the office cannot reopen this archive",
        "庁内用の暗号化をあえて省きました（--no-office-key）。庁内ではこのファイルを開けません。",
    ),
    "keys.recipients_changed": (
        "The address book or the office key changed after the recipients were shown; nothing was written.",
        "受取人を表示した後に、アドレス帳または庁内用の鍵が変更されました。何も書き出していません。",
    ),
    "keys.recipients_changed_hint": (
        "Go back to Protection and confirm the check codes again.",
        "「保護方法」に戻り、確認コードをもう一度確かめてください。",
    ),
    # Key cards with the recipient's signing key, and reading cards back (issue 11, section 4)
    "keyfiles.kind_key_card": ("key card", "鍵カード"),
    "keys.card_signing_title": (
        "Your signing key (for receipts and deletion statements):",
        "署名確認用の公開鍵（受領書と削除の報告を確かめるためのものです）：",
    ),
    "keys.card_send_only_both": (
        "Send only these two public keys. Never send the key file (your secret key) to anyone.",
        "送るのはこの 2 つの公開鍵だけです。鍵ファイル（秘密鍵）は誰にも送らないでください。",
    ),
    "keys.card_read_aloud_both": (
        "When the sender calls, read the check code aloud: it confirms that both keys arrived unchanged.",
        "送り主から電話があったら確認コードを読み上げてください。"
        "2 つの公開鍵が正しく届いたことをまとめて確かめられます。",
    ),
    "keys.card_file_secret_key": (
        "The key card {source} holds a secret key; only public keys belong on a key card.",
        "鍵カード {source} に秘密鍵が書かれています。鍵カードに書くのは公開鍵だけです。",
    ),
    "keys.card_text_secret_key": (
        "The pasted text holds a secret key; only public keys belong on a key card.",
        "貼り付けた文字に秘密鍵が含まれています。鍵カードに書くのは公開鍵だけです。",
    ),
    "keys.card_file_bad_key": (
        "The key card {source} has a line starting with age1 that is not a public key.",
        "鍵カード {source} の age1 で始まる行が、公開鍵として正しくありません。",
    ),
    "keys.card_text_bad_key": (
        "The pasted text has a line starting with age1 that is not a public key.",
        "貼り付けた文字の age1 で始まる行が、公開鍵として正しくありません。",
    ),
    "keys.card_file_bad_signing_key": (
        "The key card {source} has a signing key line (starting with RW) that is not written correctly.",
        "鍵カード {source} の署名確認用の公開鍵（RW で始まる行）が正しくありません。",
    ),
    "keys.card_text_bad_signing_key": (
        "The pasted text has a signing key line (starting with RW) that is not written correctly.",
        "貼り付けた文字の署名確認用の公開鍵（RW で始まる行）が正しくありません。",
    ),
    "keys.bad_signing_key": (
        "This is not a signing key: it is one line starting with RW, 56 characters long.",
        "署名確認用の公開鍵ではありません。RW で始まる 56 文字の 1 行です。",
    ),
    "keys.card_bad_signing_key_hint": (
        "Ask the recipient to send the key card file again, or to read the line out to you.",
        "受取人に鍵カードのファイルをもう一度送ってもらうか、その行を読み上げてもらってください。",
    ),
    "keys.card_file_no_key": (
        "The key card {source} has no public key (a line starting with age1).",
        "鍵カード {source} に公開鍵（age1 で始まる行）がありません。",
    ),
    "keys.card_text_no_key": (
        "The pasted text has no public key (a line starting with age1).",
        "貼り付けた文字に公開鍵（age1 で始まる行）がありません。",
    ),
    "keys.card_file_two_keys": (
        "The key card {source} holds two different keys of the same kind; a card is for one recipient.",
        "鍵カード {source} に同じ種類の違う鍵が 2 つあります。鍵カードは受取人 1 人分です。",
    ),
    "keys.card_text_two_keys": (
        "The pasted text holds two different keys of the same kind; add one recipient at a time.",
        "貼り付けた文字に同じ種類の違う鍵が 2 つあります。受取人は 1 人ずつ登録してください。",
    ),
    "keys.code_mismatch": (
        "The check code {code} is not this key card's code; nothing was added. Read the code again with the recipient.",
        "確認コード {code} はこの鍵カードのコードと違います。登録していません。"
        "受取人ともう一度コードを読み合わせてください。",
    ),
    "keys.code_mismatch_hint": (
        "If the codes still differ, the card may have been changed on the way: ask the recipient to send it again.",
        "それでも違う場合は、途中で鍵カードが書き換えられたおそれがあります。もう一度送ってもらってください。",
    ),
    "keys.cli_added_signing": (
        "added {name} to the address book with a signing key (receipts from them can be checked); check code {code}",
        "{name} を署名確認用の公開鍵とともにアドレス帳に登録しました（受領書などを確かめられます）。確認コード：{code}",
    ),
    "keys.cli_no_signing_key_given": (
        "{name} has no signing key in the address book: receipts and deletion statements from them cannot be "
        "checked. Add them from their key card (--card), or give the RW… line with --signing-key.",
        "{name} には署名確認用の公開鍵が登録されていないため、受領書や削除証明書を確かめられません。"
        "鍵カードから登録するか（--card）、RW… の行を --signing-key で指定してください。",
    ),
    "keys.cli_no_signing_key": (
        "{name} has no signing key on the key card: receipts and deletion statements from them cannot be checked. "
        "Ask them for a new key card.",
        "{name} の鍵カードには署名確認用の公開鍵がありません。受領書や削除の報告を確かめられません。"
        "新しい鍵カードを送ってもらってください。",
    ),
    "keys.cli_signing_key_differs": (
        "The signing key given with --signing-key is not the one on the key card; nothing was added.",
        "--signing-key で指定した署名確認用の公開鍵が、鍵カードのものと違います。登録していません。",
    ),
    "keys.cli_card_or_key": (
        "Give the recipient's key card with --card FILE, or the key with --key age1... (not both).",
        "受取人の鍵カードを --card FILE で指定するか、公開鍵を --key age1... で指定してください（どちらか一方です）。",
    ),
}
