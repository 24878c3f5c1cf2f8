"""Small files people give on the command line: key files, passphrase files, recipients files."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "keyfiles.kind_identity_file": ("identity file", "鍵ファイル"),
    "keyfiles.kind_passphrase_file": ("passphrase file", "合言葉のファイル"),
    "keyfiles.kind_recipients_file": ("recipients file", "受取人のファイル"),
    "keyfiles.missing": ("The {kind} {path} does not exist.", "{kind} {path} がありません。"),
    "keyfiles.unreadable": (
        "The {kind} {path} cannot be read: {reason}.",
        "{kind} {path} を読み込めません（{reason}）。",
    ),
    "keyfiles.permission_denied": (
        "The {kind} {path} cannot be opened: permission denied.",
        "{kind} {path} を開けません。読み取りが許可されていません。",
    ),
    "keyfiles.too_large": (
        "The {kind} {path} is too large (the limit is {limit} KiB).",
        "{kind} {path} は大きすぎます（上限は {limit} KiB です）。",
    ),
    "keyfiles.not_utf8": ("The {kind} {path} is not UTF-8 text.", "{kind} {path} は UTF-8 のテキストではありません。"),
    "keyfiles.folder": (
        "The {kind} {path} is a folder, not a file.",
        "{kind} {path} はフォルダーです。ファイルを指定してください。",
    ),
    "keyfiles.device": (
        "The {kind} {path} is a device or socket, not a file.",
        "{kind} {path} はデバイスまたはソケットで、ファイルではありません。",
    ),
    "keyfiles.exposed": (
        "{path} can be opened by other users of this computer (permissions {mode:04o}); "
        "make it private with “chmod 600 {path}”.",
        "{path} は、このコンピューターのほかの利用者も開ける状態です（アクセス権 {mode:04o}）。"
        "「chmod 600 {path}」で自分だけが読めるようにしてください。",
    ),
}
