"""The command line's ``--help``: the program's description, every command's and option's help, and argparse's
own words (the usage prefix, the group headings, the -h line).

argparse applies ``%``-formatting to help texts (``%(default)s``), so a literal percent sign is written ``%%`` in
both languages. Metavars (FILE, NAME, COLUMN=KIND[:ARG]) and option names stay as they are in Japanese too:
scripts and the README use them. The ids follow the command: ``help.<command>[.<action>].<option>``.
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    # argparse's own words (exporter/cli_help.py)
    "help.usage_prefix": ("usage: ", "使い方: "),
    "help.positionals": ("positional arguments", "引数"),
    "help.options": ("options", "オプション"),
    "help.help": ("show this help message and exit", "このヘルプを表示して終了する"),
    "help.version": ("show the version and commit, then exit", "バージョンとコミットを表示して終了する"),
    # the program and its wizard
    "help.program": (
        "Hand resident data to a contractor as an encrypted archive that holds only what the task needs.",
        "住民データを、業務に必要な分だけ暗号化したファイルにして委託先に渡します。",
    ),
    "help.lang": (
        "the language of the wizard and of messages (default: the system's)",
        "ウィザードとメッセージの言語（既定：システムの言語）",
    ),
    "help.lang_command": ("the language of messages", "メッセージの言語"),
    "help.wizard_sample": ("open the wizard on the bundled sample", "付属のサンプルでウィザードを開く"),
    "help.screenshots": (
        "save a picture of every wizard page into DIR, then exit",
        "ウィザードの全ページの画面を DIR に保存して終了する",
    ),
    "help.open": (
        "open the recipient's window: create your key, open an archive you received",
        "受取人の画面を開く：自分の鍵を作る、受け取ったファイルを開く",
    ),
    "help.sample": (
        "write a synthetic resident register for trying things out",
        "試しに使うための架空の住民データを書き出す",
    ),
    # shared by several commands
    "help.json": ("print one JSON object", "JSON オブジェクトを 1 つ出力する"),
    "help.passphrase_file": ("a file holding the passphrase", "合言葉を書いたファイル"),
    "help.protecting_passphrase_file": ("a file holding the protecting passphrase", "保護に使う合言葉を書いたファイル"),
    # reading a resident file (inspect, export)
    "help.reading.sheet": (
        "an Excel workbook's sheet (default: the first one shown)",
        "Excel ブックのシート（既定：最初に表示されるシート）",
    ),
    "help.reading.encoding": ("the file's encoding (default: detected)", "ファイルの文字コード（既定：自動判定）"),
    "help.reading.delimiter": (
        "the field delimiter: , ; | or tab (default: detected)",
        "区切り文字：, ; | または tab（既定：自動判定）",
    ),
    "help.reading.max_row_size": (
        "the largest row accepted, in MiB, quoted line breaks included (default: 128, at most 1024)",
        "受け付ける 1 行の最大の大きさ（MiB。引用符内の改行を含む。既定：128、最大 1024）",
    ),
    "help.reading.max_header_size": (
        "the largest header row accepted, in MiB (default: 4)",
        "受け付ける見出し行の最大の大きさ（MiB。既定：4）",
    ),
    # inspect
    "help.inspect": (
        "show encoding, delimiter, rows and the columns with their categories",
        "文字コード、区切り文字、行数と、各列とその分類を表示する",
    ),
    # export
    "help.export": ("write the chosen columns to an encrypted archive", "選んだ列を暗号化したファイルに書き出す"),
    "help.export.column": (
        "a column to keep; repeat it, in the order the columns should have (with --profile: the profile's)",
        "残す列。並べたい順に繰り返し指定する（--profile のときは目的プロファイルの列）",
    ),
    "help.export.output": ("the archive to write (.zip.age)", "書き出す暗号化ファイル（.zip.age）"),
    "help.export.recipient": ("a recipient's public key; repeatable", "受取人の公開鍵。繰り返し指定できる"),
    "help.export.recipients_file": (
        "a file of recipient keys, one per line",
        "受取人の公開鍵を 1 行に 1 つずつ書いたファイル",
    ),
    "help.export.generate_passphrase": (
        "make a passphrase of 8 groups of 6 digits (131 bits) to read out by phone, and print it once",
        "電話で読み上げられる 6 桁 × 8 組の合言葉（131 ビット）を作り、1 度だけ表示する",
    ),
    "help.export.to": (
        "a recipient by name from the address book (exporter recipients); repeatable, mixes with --recipient",
        "アドレス帳（exporter recipients）にある受取人の名前。繰り返し指定でき、--recipient と併用できる",
    ),
    "help.export.no_office_key": (
        "with a passphrase: leave the office copy out on purpose (recorded in the archive)",
        "合言葉で保護するとき、庁内用の暗号化をあえて省く（ファイルに記録される）",
    ),
    "help.export.purpose": ("why the data leaves the office", "データを持ち出す目的"),
    "help.export.instructions": (
        "also write FILE.README.txt: how to open the archive, its hash value and check codes (no personal data)",
        "FILE.README.txt も書く：ファイルの開き方、ハッシュ値、確認コード（個人のデータは含まない）",
    ),
    "help.export.instructions_purpose": (
        "put the purpose into the instructions too (implies --instructions)",
        "受け取る方への説明にも目的を書く（--instructions を含む）",
    ),
    "help.export.organisation": ("the organisation that receives the data", "データを受け取る組織"),
    "help.export.delete_by": (
        "the date by which the recipient must delete the data",
        "受取人がデータを削除する期限（削除期限）",
    ),
    "help.export.rename": (
        "call a kept column NAME in the recipient's data.csv (the manifest keeps both names); repeatable",
        "受取人の data.csv での列の名前を NAME にする（manifest には両方の名前が残る）。繰り返し指定できる",
    ),
    "help.export.reason": (
        "why a kept (sensitive) column leaves the office, recorded in the manifest; repeatable",
        "（注意の要る）列を持ち出す理由。manifest に記録される。繰り返し指定できる",
    ),
    "help.export.where": (
        "keep only the rows that meet CONDITION, e.g. '住民税区分 = 非課税' or 'age(生年月日) >= 65'; "
        "repeated conditions must all hold",
        "CONDITION を満たす行だけを残す（例：'住民税区分 = 非課税'、'age(生年月日) >= 65'）。"
        "繰り返すと、すべての条件を満たす行が残る",
    ),
    "help.export.or": (
        "start another group of --where conditions: a row is kept when all conditions of any group hold",
        "--where の条件の別のグループを始める。どれかのグループの条件をすべて満たす行が残る",
    ),
    "help.export.transform": (
        "change a kept column's values on the way out: mask:N, pseudonym, year, age-band:W, postal-area, "
        "address-town, formula-safe; repeatable",
        "書き出すときに列の値を変える：mask:N、pseudonym、year、age-band:W、postal-area、address-town、"
        "formula-safe。繰り返し指定できる",
    ),
    "help.export.pseudonym_key": (
        "the office's key for pseudonyms (exporter pseudonym-key)",
        "役所の仮名化の鍵（exporter pseudonym-key で作る）",
    ),
    "help.export.reference_date": (
        "the day ages are counted on, for age(...) conditions and age bands (default: today)",
        "age(...) の条件と年齢階級で年齢を数える基準日（既定：今日）",
    ),
    "help.export.max_unique_share": (
        "refuse the export when more than X of the rows (0.05 or 5%%) are the only one with their "
        "birth date, gender, address...",
        "生年月日・性別・住所などが同じ行がほかにない行が X（0.05 または 5%%）を超えるとき、書き出しを断る",
    ),
    "help.export.profile": (
        "the IT policy's purpose profile: its columns, transforms, row filter, recipients and delete-by period",
        "IT ポリシーの目的プロファイル：列、変換、行の条件、受取人、削除期限までの期間がこれで決まる",
    ),
    "help.export.signing_key": (
        "sign the archive with the office's signing key (exporter signing-key create)",
        "役所の署名用の鍵でファイルに署名する（exporter signing-key create で作る）",
    ),
    "help.export.signing_passphrase_file": (
        "a file holding the signing key's passphrase (default: asked on the terminal)",
        "署名用の鍵の合言葉を書いたファイル（既定：端末で尋ねる）",
    ),
    # decrypt
    "help.decrypt": ("open an archive (as its recipient)", "暗号化したファイルを開く（受取人として）"),
    "help.decrypt.output": (
        "the folder for data.csv and manifest.json (with --raw: the file to write)",
        "data.csv と manifest.json を置くフォルダー（--raw のときは書き出すファイル）",
    ),
    "help.decrypt.raw": (
        "write the decrypted content as it is (any age file)",
        "復号した中身をそのまま書き出す（どの age ファイルでもよい）",
    ),
    "help.decrypt.max_expansion": (
        "let data.csv unpack to at most N times the archive's size (default: 100; 64 MiB is always allowed)",
        "data.csv の展開後の大きさを、暗号化したファイルの N 倍までにする（既定：100。64 MiB までは常に可）",
    ),
    "help.decrypt.identity": ("an identity file from 'exporter keygen'", "'exporter keygen' で作った鍵ファイル"),
    "help.decrypt.identity_passphrase_file": (
        "a file holding the passphrase of a protected identity file (default: asked on the terminal)",
        "保護された鍵ファイルの合言葉を書いたファイル（既定：端末で尋ねる）",
    ),
    "help.decrypt.require_signature": (
        "refuse an archive that is not signed by one of your trusted signers (exporter signers)",
        "信頼する署名者（exporter signers）の署名がないファイルは開かない",
    ),
    "help.decrypt.receipt": (
        "after opening, write a signed receipt to FILE (*.statement.txt) to send back to the office",
        "開いた後、役所に送り返す署名付きの受領書を FILE（*.statement.txt）に書く",
    ),
    "help.decrypt.receipt_name": ("your name, as the receipt shows it", "受領書に書く自分の名前"),
    # delete
    "help.delete": (
        "delete the files of an archive you opened and write a signed deletion statement for the sender "
        "(without an argument: list what is not deleted yet)",
        "開いたファイルを削除し、送り主あての署名付きの削除証明書を書く（引数なし：まだ削除していないものの一覧）",
    ),
    "help.delete.reference": (
        "the folder the archive was opened into, or its hash value (the first 8 or more digits)",
        "ファイルを開いたフォルダー、またはそのファイルのハッシュ値（先頭 8 桁以上）",
    ),
    "help.delete.identity": ("your key file, which opened the archive", "そのファイルを開いた自分の鍵ファイル"),
    "help.delete.identity_passphrase_file": (
        "a file holding the passphrase of your key file (default: asked on the terminal)",
        "自分の鍵ファイルの合言葉を書いたファイル（既定：端末で尋ねる）",
    ),
    "help.delete.statement": (
        "where to write the deletion statement (default: <archive>.deletion.statement.txt in this folder)",
        "削除証明書の書き出し先（既定：このフォルダーの <archive>.deletion.statement.txt）",
    ),
    "help.delete.name": ("your name, written in the statement (optional)", "削除証明書に書く自分の名前（任意）"),
    "help.delete.no_statement": (
        "delete the files without writing a deletion statement",
        "削除証明書を書かずにファイルを削除する",
    ),
    "help.delete.forget": (
        "take the archive off the list without deleting anything, when its files were moved or deleted by hand (no "
        "deletion statement is made)",
        "ファイルを手で移動・削除したとき、何も削除せずにこのファイルを一覧から外す（削除証明書は作らない）",
    ),
    # keygen, key-card
    "help.keygen": (
        "make a key for receiving archives, protected by a passphrase; prints the public key and its check code",
        "ファイルを受け取るための鍵を合言葉で保護して作り、公開鍵と確認コードを表示する",
    ),
    "help.keygen.output": (
        "the key file to write (default: in your data folder)",
        "書き出す鍵ファイル（既定：データフォルダーの中）",
    ),
    "help.keygen.no_protect": (
        "write the key without a passphrase (as age-keygen)",
        "合言葉で保護せずに鍵を書き出す（age-keygen と同じ）",
    ),
    "help.keygen.card": (
        "also write the key card (public keys only) to FILE",
        "鍵カード（公開鍵だけ）を FILE にも書き出す",
    ),
    "help.key_card": (
        "show the key card of your key (with its signing key for receipts), to send it to the sender again",
        "自分の鍵の鍵カード（受領書用の署名用の鍵を含む）を表示する。送り主にもう一度送るときに",
    ),
    "help.key_card.identity": (
        "your key file (default: the key in your data folder)",
        "自分の鍵ファイル（既定：データフォルダーの鍵）",
    ),
    "help.key_card.identity_passphrase_file": (
        "a file holding the key file's passphrase",
        "鍵ファイルの合言葉を書いたファイル",
    ),
    "help.key_card.card": ("also write the key card to FILE", "鍵カードを FILE にも書き出す"),
    # recipients
    "help.recipients": ("the address book of recipients, and the office key", "受取人のアドレス帳と庁内用の鍵"),
    "help.recipients.add": (
        "add a recipient by name, from their key card or their public key",
        "受取人を名前で登録する（鍵カードか公開鍵から）",
    ),
    "help.recipients.add.key": ("the recipient's public key", "受取人の公開鍵"),
    "help.recipients.add.card": (
        "the recipient's key card file (its keys are taken from it; - reads stdin)",
        "受取人の鍵カードのファイル（鍵はここから読む。- なら標準入力）",
    ),
    "help.recipients.add.signing_key": (
        "the recipient's signing key (the RW... line of their key card)",
        "受取人の署名用の鍵（鍵カードの RW... の行）",
    ),
    "help.recipients.add.check_code": (
        "the check code the recipient read to you: the recipient is added only if it matches, as confirmed today",
        "受取人が読み上げた確認コード。一致したときだけ、今日確認したものとして登録する",
    ),
    "help.recipients.add.confirmed": (
        "the day the check code was confirmed with them",
        "確認コードを受取人と確かめた日",
    ),
    "help.recipients.list": (
        "names, organisations, check codes and dates confirmed",
        "名前、組織、確認コード、確認した日の一覧",
    ),
    "help.recipients.confirm": (
        "record that a recipient's check code was read back and matched",
        "受取人に確認コードを読み上げてもらい、一致したことを記録する",
    ),
    "help.recipients.confirm.on": ("the day it was confirmed (default: today)", "確認した日（既定：今日）"),
    "help.recipients.remove": ("remove a recipient by name", "受取人を名前で削除する"),
    "help.recipients.office": (
        "the office key every export is also encrypted to",
        "すべての書き出しを合わせて暗号化する庁内用の鍵",
    ),
    "help.recipients.office.set": ("encrypt every export also to this key", "すべての書き出しをこの鍵にも暗号化する"),
    "help.recipients.office.set.name": ("how the office key is named in listings", "一覧に出る庁内用の鍵の名前"),
    "help.recipients.office.show": ("show the office key", "庁内用の鍵を表示する"),
    "help.recipients.office.clear": ("stop encrypting exports to the office key", "庁内用の鍵への暗号化をやめる"),
    # pseudonym-key
    "help.pseudonym_key": (
        "make the office's key for pseudonyms (--transform COLUMN=pseudonym); prints its key id",
        "役所の仮名化の鍵を作り（--transform COLUMN=pseudonym 用）、その鍵 ID を表示する",
    ),
    "help.pseudonym_key.output": ("the key file to write (never overwritten)", "書き出す鍵ファイル（上書きはしない）"),
    # policy
    "help.policy": (
        "the IT policy: check a policy file, show the one in force",
        "IT ポリシー：ポリシーファイルを確かめる、適用中のポリシーを表示する",
    ),
    "help.policy.check": (
        "check a policy file; problems are named with their line",
        "ポリシーファイルを確かめる。問題は行番号とともに示す",
    ),
    "help.policy.check.source": (
        "also check that the profiles' columns are in this resident file's header",
        "目的プロファイルの列がこの住民ファイルの見出しにあることも確かめる",
    ),
    "help.policy.show": ("print the policy in force in plain words", "適用中のポリシーをわかりやすく表示する"),
    # register
    "help.register": (
        "the take-out register: show, verify, overdue, import",
        "持ち出し簿：表示（show）、検証（verify）、期限切れ（overdue）、取り込み（import）",
    ),
    "help.register.file": (
        "the register (default: the one the IT policy names)",
        "持ち出し簿（既定：IT ポリシーが指定するもの）",
    ),
    "help.register.show": (
        "list the records (a table, or --csv for Excel)",
        "記録を一覧にする（表で、または Excel 用に --csv で）",
    ),
    "help.register.show.csv": ("every field as CSV, for a spreadsheet", "すべての項目を CSV で（表計算ソフト用）"),
    "help.register.show.encoding": ("of the CSV", "CSV の文字コード"),
    "help.register.show.output": (
        "write the CSV to F (never overwritten)",
        "CSV を F に書き出す（上書きはしない）",
    ),
    "help.register.verify": (
        "check that no record was changed, removed, reordered or inserted",
        "記録の変更・削除・並べ替え・挿入がないことを確かめる",
    ),
    "help.register.verify.head": (
        "a head noted earlier or read from an archive's manifest (register.head): it must still be there",
        "以前に控えた、または manifest（register.head）にある最新の記録のハッシュ値。今も残っていることを確かめる",
    ),
    "help.register.overdue": (
        "exports past their delete-by date without a deletion statement",
        "削除期限を過ぎても削除証明書が届いていない書き出し",
    ),
    "help.register.overdue.on": ("the day to count from (default: today)", "期限を比べる日（既定：今日）"),
    "help.register.import": (
        "add receipts and deletion statements that recipients sent back",
        "受取人から返ってきた受領書と削除証明書を取り込む",
    ),
    "help.register.import.statements": ("a *.statement.txt file", "*.statement.txt ファイル"),
    # signing-key, signers
    "help.signing_key": (
        "the office's signing key: every export it signs can be verified",
        "役所の署名用の鍵：これで署名した書き出しはすべて検証できる",
    ),
    "help.signing_key.create": (
        "make the office's signing key, protected by a passphrase; writes FILE and FILE.pub",
        "役所の署名用の鍵を合言葉で保護して作り、FILE と FILE.pub を書き出す",
    ),
    "help.signing_key.create.output": ("the secret key file to write", "書き出す秘密鍵のファイル"),
    "help.signing_key.create.name": ("the office that signs, e.g. ○○市 市民課", "署名する部署（例：○○市 市民課）"),
    "help.signers": (
        "the offices whose signatures you trust (as a recipient)",
        "（受取人として）署名を信頼する役所",
    ),
    "help.signers.add": (
        "trust an office's signing key (its .pub file or the RW... line)",
        "役所の署名用の鍵を信頼する（その .pub ファイルか RW... の行）",
    ),
    "help.signers.add.name": ("the office, as you want it named", "その役所の呼び名"),
    "help.signers.list": ("the trusted signers with their check codes", "信頼する署名者と確認コードの一覧"),
    "help.signers.remove": ("stop trusting a signer", "署名者を信頼するのをやめる"),
}
