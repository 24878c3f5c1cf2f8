"""Writing files and folders: the archive, the opened files, sizes and the disk's refusals."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "output.exists": ("{path} already exists.", "{path} はすでにあります。"),
    "output.other_name_hint": (
        "Choose another file name or delete the old file.",
        "別のファイル名を選ぶか、古いファイルを削除してください。",
    ),
    "output.empty_folder_hint": (
        "Choose an empty folder, or move the earlier files away.",
        "空のフォルダーを選ぶか、以前のファイルを別の場所に移してください。",
    ),
    "output.no_folder": ("The folder {path} does not exist.", "フォルダー {path} がありません。"),
    "output.not_a_folder": ("{path} is a file, not a folder.", "{path} はフォルダーではなくファイルです。"),
    "output.folder_for_opened_hint": (
        "Choose a folder for the opened files.",
        "開いたファイルを保存するフォルダーを選んでください。",
    ),
    "output.folder_not_made": ("The folder {path} cannot be made.", "フォルダー {path} を作れません。"),
    "output.folder_not_writable": ("The folder {path} cannot be written to.", "フォルダー {path} に書き込めません。"),
    "output.writable_folder_hint": (
        "Choose a folder where you may save files.",
        "保存が許可されているフォルダーを選んでください。",
    ),
    "output.cannot_create": ("{path} cannot be created: {reason}.", "{path} を作れません（{reason}）。"),
    "output.not_written": ("{path} could not be written: {reason}.", "{path} に書き込めませんでした（{reason}）。"),
    "output.temporary_left_hint": (
        "Its hidden temporary file {path} (encrypted and incomplete) could not be removed: delete it once the folder"
        " can be written to again.",
        "途中まで書いた隠し一時ファイル {path}（暗号化済み）を削除できませんでした。"
        "フォルダーに書き込めるようになったら削除してください。",
    ),
    "output.check_disk_hint": (
        "Check that the disk has free space and that you may write there.",
        "ディスクに空きがあるか、そこへの書き込みが許可されているかを確認してください。",
    ),
    "output.not_enough_space": (
        "There is not enough free space in {path}: {needed} are needed and {free} are free.",
        "{path} の空き容量が足りません（必要な容量は {needed}、空きは {free} です）。",
    ),
    "output.free_space_hint": (
        "Free some space or choose a folder on another disk.",
        "空き容量を増やすか、別のディスクのフォルダーを選んでください。",
    ),
    "output.disk_full_at": (
        "The disk holding {path} is full; nothing was written.",
        "{path} のあるディスクがいっぱいです。何も書き込んでいません。",
    ),
    "output.too_large_for_disk": (
        "The files are too large for the disk holding {path}; nothing was written.",
        "ファイルが大きすぎて {path} のあるディスクに保存できません。何も書き込んでいません。",
    ),
    "output.fat32_hint": (
        "A FAT32 disk holds files of up to 4 GB; choose a disk formatted as exFAT or NTFS.",
        "FAT32 のディスクには 4 GB までのファイルしか保存できません。"
        "exFAT か NTFS でフォーマットされたディスクを選んでください。",
    ),
    # errors.from_os_error: the operating system's refusals that reached the top without a sentence of their own
    "output.name_too_long": (
        "{path} is a longer name than the file system allows.",
        "{path} は、ファイルシステムで使える長さを超える名前です。",
    ),
    "output.a_file": ("A file", "ファイル"),
    "output.shorter_name_hint": ("Choose a shorter name.", "もっと短い名前にしてください。"),
    "output.disk_full": ("The disk is full; nothing was written.", "ディスクがいっぱいです。何も書き込んでいません。"),
    "output.free_space_retry_hint": (
        "Free some space and try again.",
        "空き容量を確保してから、もう一度実行してください。",
    ),
    "output.cannot_use": ("{path} cannot be used: {reason}.", "{path} を使えません（{reason}）。"),
    # sizes (binary units)
    "output.size_bytes": ("{size:,} bytes", "{size:,} バイト"),
}
