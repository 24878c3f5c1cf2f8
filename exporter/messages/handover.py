"""Messages of the hand-over: generated passphrases typed back, and the instructions file beside the archive."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "handover.passphrase_group_wrong": (
        "Group {group} of the passphrase is not right.",
        "合言葉の {group} 番目のグループが正しくありません。",
    ),
    "handover.passphrase_groups_wrong": (
        "Group {group} and {more} more groups of the passphrase are not right.",
        "合言葉の {group} 番目のグループと、ほかに {more} つのグループが正しくありません。",
    ),
    "handover.passphrase_group_length": (
        "Group {group} of the passphrase has {digits} digits instead of 6.",
        "合言葉の {group} 番目のグループが 6 桁ではなく {digits} 桁です。",
    ),
    "handover.passphrase_group_hint": (
        "A passphrase made by exporter is 8 groups of 6 digits, each group a multiple of 11: compare that group "
        "with the passphrase as it was written down or read out.",
        "exporter が作る合言葉は 6 桁の数字が 8 グループ並んだもので、どのグループも 11 の倍数です。"
        "そのグループを、書き留めた合言葉や読み上げられた合言葉と見比べてください。",
    ),
    "handover.instructions_exist": (
        "{path} already exists, and the archive's instructions would be written there.",
        "{path} が既にあります。書き出すファイルの説明をここに書くことになります。",
    ),
    "handover.instructions_exist_hint": (
        "Choose another name for the archive, or move the old instructions away.",
        "書き出すファイルに別の名前を付けるか、古い説明ファイルを移動してください。",
    ),
    "handover.instructions_failed": (
        "The archive {archive} was written, but its instructions {path} could not be written.",
        "{archive} は書き出しましたが、その説明ファイル {path} は書けませんでした。",
    ),
    "handover.instructions_written": (
        "wrote the instructions for the recipient to {path}",
        "受け取る方への説明を {path} に書きました。",
    ),
    "handover.readme": (
        "How to open {name}\n"
        "\n"
        "This file explains an encrypted file you have received. It holds no personal data.\n"
        "\n"
        "  Encrypted file:       {name}\n"
        "  Size:                 {size:,} bytes ({megabytes} MB)\n"
        "  Hash value (SHA-256): {sha256}\n"
        "  Delete by:            {delete_by}\n"
        "{purpose}"
        "\n"
        "Who can open it\n"
        "{who}\n"
        "\n"
        "Check that the file arrived unchanged\n"
        "  Run one of these commands in the folder of the file and compare the hash value it prints with the one "
        "above, character by character. Comparing it with the hash value the sender reads out to you on the phone "
        "is safer still.\n"
        "    Windows:  certutil -hashfile {windows_file} SHA256\n"
        "    Linux:    sha256sum {posix_file}\n"
        "\n"
        "Open it with exporter\n"
        "{open_exporter}\n"
        "  You get data.csv (the data) and manifest.json (what was handed over, why, to whom, until when).\n"
        "\n"
        "Open it with the age command-line tool (https://age-encryption.org)\n"
        "{open_age}\n"
        "  Then unpack data.zip (Windows: right-click it and choose Extract All; Linux: unzip data.zip): it holds "
        "data.csv and manifest.json.\n",
        "{name} の開き方\n"
        "\n"
        "このファイルは、お送りした暗号化したファイルの説明です。個人のデータは入っていません。\n"
        "\n"
        "  暗号化したファイル:    {name}\n"
        "  大きさ:                {size:,} バイト（{megabytes} MB）\n"
        "  ハッシュ値（SHA-256）: {sha256}\n"
        "  削除期限:              {delete_by}\n"
        "{purpose}"
        "\n"
        "開ける人\n"
        "{who}\n"
        "\n"
        "ファイルが送られたときのままか確かめる\n"
        "  ファイルのあるフォルダで次のどちらかのコマンドを実行し、表示されたハッシュ値が上のハッシュ値と"
        "一文字ずつ同じか比べてください。送り主に電話でハッシュ値を読み上げてもらって比べると、より確実です。\n"
        "    Windows:  certutil -hashfile {windows_file} SHA256\n"
        "    Linux:    sha256sum {posix_file}\n"
        "\n"
        "exporter で開く\n"
        "{open_exporter}\n"
        "  data.csv（データ）と manifest.json（何を、なぜ、誰に、いつまで渡したかの記録）ができます。\n"
        "\n"
        "age コマンド（https://age-encryption.org）で開く\n"
        "{open_age}\n"
        "  できた data.zip を展開すると（Windows: 右クリックして「すべて展開」、Linux: unzip data.zip）、"
        "data.csv と manifest.json が出てきます。\n",
    ),
    "handover.readme_delete_by": (
        "{date} (delete this file and everything opened from it by this date)",
        "{date}（この日までに、このファイルと開いたデータをすべて削除してください）",
    ),
    "handover.readme_no_delete_by": ("not set", "指定なし"),
    "handover.readme_purpose": ("  Purpose:              {purpose}", "  利用目的:              {purpose}"),
    "handover.readme_who_keys": (
        "  Only the holder of a key with one of these check codes can open it. Check that one of them is the "
        "check code of your key (shown when you made the key):\n"
        "{codes}",
        "  次の確認コードの鍵を持つ人だけが開けます。どれかが、ご自分の鍵の確認コード（鍵を作ったときに表示された"
        "もの）と同じか確かめてください。\n"
        "{codes}",
    ),
    "handover.readme_office_key": (
        "{who}: the sending office's own copy",
        "{who}（送り主の控え用の鍵）",
    ),
    "handover.readme_office_key_unnamed": (
        "the sending office's own copy",
        "送り主の控え用の鍵",
    ),
    "handover.readme_who_passphrase": (
        "  It is protected by a passphrase. The passphrase is given to you separately (for example by phone); "
        "it is not written here.",
        "  合言葉（パスフレーズ）で保護されています。合言葉はこのファイルとは別に（電話などで）お伝えします。"
        "ここには書いていません。",
    ),
    "handover.readme_open_exporter_key": (
        "  In exporter's window for files you received (the command exporter open), choose this file and your "
        "key file. On the command line:\n"
        "{commands}",
        "  exporter の「受け取ったファイルを開く」画面（コマンドでは exporter open）で、このファイルとご自分の"
        "鍵ファイルを選びます。コマンドで開く場合は:\n"
        "{commands}",
    ),
    "handover.readme_open_exporter_passphrase": (
        "  In exporter's window for files you received (the command exporter open), choose this file and type "
        "the passphrase. On the command line, with the passphrase saved in a file:\n"
        "{commands}\n"
        "  A passphrase of 8 groups of 6 digits may be typed into exporter with full-width digits and with spaces or "
        "dashes between the groups.",
        "  exporter の「受け取ったファイルを開く」画面（コマンドでは exporter open）で、このファイルを選び、"
        "合言葉を入力します。コマンドで開く場合は、合言葉をファイルに保存して:\n"
        "{commands}\n"
        "  6 桁の数字 8 グループの合言葉は、exporter では全角の数字のままでも、"
        "グループの間がスペースや「ー」でも入力できます。",
    ),
    "handover.readme_open_age_passphrase": (
        "{commands}\n"
        "  When age asks for the passphrase, type it exactly as you were told it; if it is 8 groups of 6 "
        "digits, type them in half-width digits with a hyphen between the groups: 123456-123456-...",
        "{commands}\n"
        "  合言葉を聞かれたら、伝えられたとおりに入力してください。6 桁の数字 8 グループの合言葉なら、半角の数字で、"
        "グループの間を半角のハイフン（-）で区切って入力します（123456-123456-…）。",
    ),
    # command lines of the instructions; {file} is the archive's name, quoted for the shell the line is for
    "handover.cmd_exporter_key": (
        "exporter decrypt {file} --output FOLDER --identity KEYFILE",
        "exporter decrypt {file} --output 出力フォルダ --identity 鍵ファイル",
    ),
    "handover.cmd_exporter_passphrase": (
        "exporter decrypt {file} --output FOLDER --passphrase-file PASSPHRASEFILE",
        "exporter decrypt {file} --output 出力フォルダ --passphrase-file 合言葉のファイル",
    ),
    "handover.cmd_age_key": ("age -d -i KEYFILE -o data.zip {file}", "age -d -i 鍵ファイル -o data.zip {file}"),
    "handover.instructions_name_unsafe": (
        "The instructions file cannot name {path}: its name has characters that are not shown as they are "
        "(control, direction or line-break characters, or bytes that are not text).",
        "{path} の名前には、そのまま表示されない文字（制御文字、文字の向きを変える文字、改行、"
        "文字として読めないバイト）があるため、説明ファイルに書けません。",
    ),
    "handover.instructions_name_cmd": (
        "The instructions file cannot name {path} in a Windows command line: its name contains {chars}.",
        "{path} の名前には {chars} が含まれているため、説明ファイルの Windows のコマンドに書けません。",
    ),
    "handover.instructions_name_long": (
        "The name of {path} is too long for its instructions file (the name with {suffix} must fit in {limit} bytes).",
        "{path} の名前が長すぎて、説明ファイルを作れません（名前に {suffix} を付けて {limit} バイト以内にする"
        "必要があります）。",
    ),
    "handover.instructions_name_hint": (
        "Choose a shorter output name of ordinary letters, digits, spaces and punctuation, or leave out "
        "--instructions.",
        "普通の文字・数字・スペース・記号だけの短い出力ファイル名にするか、--instructions を付けずに実行してください。",
    ),
}
