"""Opening an archive: the file itself, the ZIP inside it, its description (manifest.json) and its data.

The Japanese calls manifest.json the archive's description (説明ファイル), a word a clerk can follow.
"""

_DESCRIPTION = "{name} の説明ファイル（manifest.json）"

CATALOGUE: dict[str, tuple[str, str]] = {
    "decrypt.made_for_others": (
        "This archive was not made for your key: the sender's list of recipients does not include it. Someone "
        "passed it on after it was sent; ask the sender before you use the data.",
        "このファイルはあなたの鍵あてに作られたものではありません。送り主の受取人の一覧にあなたの鍵がありません。"
        "送られた後に誰かが転送したものです。データを使う前に送り主に確かめてください。",
    ),
    # the .age file
    "decrypt.missing": ("{path} does not exist.", "{path} が見つかりません。"),
    "decrypt.folder": (
        "{path} is a folder, not an archive.",
        "{path} はフォルダーです。暗号化したファイルを選んでください。",
    ),
    "decrypt.unreadable": ("{path} could not be read: {reason}.", "{path} を読み込めませんでした（{reason}）。"),
    # the ZIP inside
    "decrypt.not_exporter_archive": (
        "{name} decrypted, but it is not an exporter archive.",
        "{name} は復号できましたが、exporter で書き出したファイルではありません。",
    ),
    "decrypt.use_raw_hint": (
        "Use “exporter decrypt --raw” to get its content as it is.",
        "中身をそのまま取り出すには「exporter decrypt --raw」を使ってください。",
    ),
    "decrypt.zip_malformed": (
        "The ZIP inside {name} is damaged: its directory is malformed.",
        "{name} の中の ZIP が壊れています（ファイル一覧の形式が正しくありません）。",
    ),
    "decrypt.zip_sizes_disagree": (
        "The ZIP inside {name} is damaged: the sizes of {entry} disagree.",
        "{name} の中の ZIP が壊れています（{entry} のサイズの記載が食い違っています）。",
    ),
    "decrypt.zip_corrupt": (
        "The ZIP inside {name} is damaged: the compressed data of {entry} is corrupt.",
        "{name} の中の ZIP が壊れています（{entry} の圧縮データが壊れています）。",
    ),
    "decrypt.zip_overlong": (
        "The ZIP inside {name} is damaged: {entry} unpacks to more than its headers say.",
        "{name} の中の ZIP が壊れています（{entry} を展開すると記載されたサイズを超えます）。",
    ),
    "decrypt.zip_crc": (
        "The ZIP inside {name} is damaged: {entry} fails its CRC-32 check.",
        "{name} の中の ZIP が壊れています（{entry} の CRC-32 検査に失敗しました）。",
    ),
    "decrypt.other_files": (
        "{name} decrypted, but it holds other files than data.csv and manifest.json.",
        "{name} は復号できましたが、data.csv と manifest.json 以外のファイルが含まれています。",
    ),
    "decrypt.entry_twice": (
        "{name} decrypted, but it holds {entry} twice.",
        "{name} は復号できましたが、{entry} が2つ含まれています。",
    ),
    "decrypt.entries_missing": (
        "{name} decrypted, but it does not hold data.csv and manifest.json.",
        "{name} は復号できましたが、data.csv と manifest.json が含まれていません。",
    ),
    "decrypt.entry_encrypted": (
        "{entry} in {name} is encrypted inside the archive, which exporter never does.",
        "{name} の {entry} はファイルの内部でさらに暗号化されています。exporter はこのような暗号化をしません。",
    ),
    "decrypt.entry_method": (
        "{entry} in {name} is compressed with {method} (method {number}), which exporter never uses.",
        "{name} の {entry} は、exporter が使わない圧縮方式 {method}（方式 {number}）で圧縮されています。",
    ),
    "decrypt.unknown_method": ("an unknown method", "不明な方式"),
    # manifest.json
    "decrypt.manifest_too_large": (
        "The manifest in {name} is too large to be genuine.",
        _DESCRIPTION + "は大きすぎるため、正規のものではありません。",
    ),
    "decrypt.manifest_not_utf8": (
        "The manifest in {name} is not UTF-8 text.",
        _DESCRIPTION + "は UTF-8 のテキストではありません。",
    ),
    "decrypt.manifest_not_json": (
        "The manifest in {name} is not valid JSON.",
        _DESCRIPTION + "は正しい JSON ではありません。",
    ),
    "decrypt.manifest_nested": (
        "The manifest in {name} is nested too deeply.",
        _DESCRIPTION + "は入れ子が深すぎます。",
    ),
    "decrypt.manifest_repeated_field": (
        "The manifest in {name} names a field twice.",
        _DESCRIPTION + "には同じ項目が2回出てきます。",
    ),
    "decrypt.manifest_bad_unicode": (
        "The manifest in {name} holds text that is not valid Unicode.",
        _DESCRIPTION + "に Unicode として正しくない文字列が含まれています。",
    ),
    "decrypt.manifest_lacks": (
        "The manifest in {name} lacks “{field}”.",
        _DESCRIPTION + "に「{field}」がありません。",
    ),
    "decrypt.manifest_invalid": (
        "The manifest in {name} has an invalid “{field}”.",
        _DESCRIPTION + "の「{field}」の値が正しくありません。",
    ),
    "decrypt.not_exporter_manifest": (
        "{name} decrypted, but its manifest is not an exporter manifest.",
        "{name} は復号できましたが、説明ファイル（manifest.json）が exporter の形式ではありません。",
    ),
    "decrypt.newer_format": (
        "{name} was made by a newer version of exporter (archive format {version}).",
        "{name} は新しいバージョンの exporter で作られています（形式 {version}）。",
    ),
    "decrypt.update_hint": ("Update exporter to open it.", "開くには exporter を新しいバージョンにしてください。"),
    # the data
    "decrypt.expansion": (
        "data.csv in {name} would unpack to {size}, {ratio:,.0f} times the size of the archive; "
        "the limit is {limit:,g} times.",
        "{name} の data.csv は展開すると {size} になり、暗号化したファイルの {ratio:,.0f} 倍です。"
        "上限は {limit:,g} 倍です。",
    ),
    "decrypt.expansion_hint": (
        "If you trust the archive, allow more with --max-expansion {number}.",
        "このファイルを信頼できる場合は、--max-expansion {number} を指定して上限を上げてください。",
    ),
    "decrypt.altered": (
        "data.csv in {name} does not match its manifest: the archive was altered.",
        "{name} の data.csv が説明ファイル（manifest.json）の記録と一致しません。ファイルは改ざんされています。",
    ),
}
