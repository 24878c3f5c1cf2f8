"""Passphrases: refusing a weak one, and the strength estimator's advice (zxcvbn's fixed English sentences).

``ZXCVBN`` maps each sentence zxcvbn can say (zxcvbn/feedback.py) to its message id here."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "passphrase.empty": ("The passphrase is empty.", "合言葉が空です。"),
    "passphrase.generate_hint": (
        "Use --generate-passphrase to make a strong one.",
        "--generate-passphrase で強い合言葉を作れます。",
    ),
    "passphrase.too_weak": (
        "The passphrase is too weak: it could be guessed in about 10^{power} tries.",
        "合言葉が弱すぎます。約 10^{power} 回試すだけで推測されるおそれがあります。",
    ),
    "passphrase.repeated_group": (
        "The passphrase repeats a group of digits, so it is easy to guess.",
        "合言葉の中に同じ数字の組が繰り返されているため、簡単に推測されます。",
    ),
    "passphrase.plain_groups": (
        "More than one group of the passphrase is made of only one or two different digits (like 000000 or 121212), "
        "so it is easy to guess.",
        "合言葉の中に 000000 や 121212 のように 1〜2 種類の数字だけでできた組が 2 つ以上あるため、簡単に推測されます。",
    ),
    "passphrase.few_digit_values": (
        "The passphrase uses fewer than {least} different digits, so it is easy to guess.",
        "合言葉に使われている数字が {least} 種類より少ないため、簡単に推測されます。",
    ),
    "passphrase.prompt_cancelled": (
        "The work was cancelled; nothing was written.",
        "処理を取り消しました。何も書き込んでいません。",
    ),
    "passphrase.prompt_eof": ("No passphrase was typed.", "合言葉が入力されませんでした。"),
    # two sentences in a row: a space between English ones, none after a Japanese 。
    "passphrase.then": ("{first} {second}", "{first}{second}"),
    # zxcvbn's advice
    "passphrase.zxcvbn.use_a_few_words_avoid_common": (
        "Use a few words, avoid common phrases.",
        "よくある言い回しは避け、いくつかの単語を組み合わせてください。",
    ),
    "passphrase.zxcvbn.no_need_for_symbols_digits_or": (
        "No need for symbols, digits, or uppercase letters.",
        "記号や数字、大文字を入れる必要はありません。",
    ),
    "passphrase.zxcvbn.add_another_word_or_two": ("Add another word or two.", "単語をあと1つか2つ加えてください。"),
    "passphrase.zxcvbn.uncommon_words_are_better": (
        "Uncommon words are better.",
        "あまり使われない単語のほうが安全です。",
    ),
    "passphrase.zxcvbn.straight_rows_of_keys_are_easy": (
        "Straight rows of keys are easy to guess.",
        "キーボードの並びをそのままなぞった文字列は簡単に推測されます。",
    ),
    "passphrase.zxcvbn.short_keyboard_patterns_are_easy_to": (
        "Short keyboard patterns are easy to guess.",
        "キーボード上の短い並びは簡単に推測されます。",
    ),
    "passphrase.zxcvbn.use_a_longer_keyboard_pattern_with": (
        "Use a longer keyboard pattern with more turns.",
        "キーボード上で何度も向きを変える、より長い並びにしてください。",
    ),
    "passphrase.zxcvbn.repeats_like_aaa_are_easy_to": (
        'Repeats like "aaa" are easy to guess.',
        "「aaa」のような繰り返しは簡単に推測されます。",
    ),
    "passphrase.zxcvbn.repeats_like_abcabcabc_are_only_slightly": (
        'Repeats like "abcabcabc" are only slightly harder to guess than "abc".',
        "「abcabcabc」のような繰り返しは、「abc」よりわずかに推測しにくいだけです。",
    ),
    "passphrase.zxcvbn.avoid_repeated_words_and_characters": (
        "Avoid repeated words and characters.",
        "同じ単語や文字の繰り返しは避けてください。",
    ),
    "passphrase.zxcvbn.sequences_like_abc_or_6543_are": (
        'Sequences like "abc" or "6543" are easy to guess.',
        "「abc」や「6543」のような連続した文字は簡単に推測されます。",
    ),
    "passphrase.zxcvbn.avoid_sequences": ("Avoid sequences.", "連続した文字や数字は避けてください。"),
    "passphrase.zxcvbn.recent_years_are_easy_to_guess": (
        "Recent years are easy to guess.",
        "最近の年は簡単に推測されます。",
    ),
    "passphrase.zxcvbn.avoid_recent_years": ("Avoid recent years.", "最近の年は避けてください。"),
    "passphrase.zxcvbn.avoid_years_that_are_associated_with": (
        "Avoid years that are associated with you.",
        "自分に関係のある年は避けてください。",
    ),
    "passphrase.zxcvbn.dates_are_often_easy_to_guess": (
        "Dates are often easy to guess.",
        "日付は推測されやすいものです。",
    ),
    "passphrase.zxcvbn.avoid_dates_and_years_that_are": (
        "Avoid dates and years that are associated with you.",
        "自分に関係のある日付や年は避けてください。",
    ),
    "passphrase.zxcvbn.this_is_a_top10_common_password": (
        "This is a top-10 common password.",
        "よく使われるパスワードの上位10位に入っています。",
    ),
    "passphrase.zxcvbn.this_is_a_top100_common_password": (
        "This is a top-100 common password.",
        "よく使われるパスワードの上位100位に入っています。",
    ),
    "passphrase.zxcvbn.this_is_a_very_common_password": (
        "This is a very common password.",
        "非常によく使われるパスワードです。",
    ),
    "passphrase.zxcvbn.this_is_similar_to_a_commonly": (
        "This is similar to a commonly used password.",
        "よく使われるパスワードに似ています。",
    ),
    "passphrase.zxcvbn.a_word_by_itself_is_easy": (
        "A word by itself is easy to guess.",
        "単語1つだけでは簡単に推測されます。",
    ),
    "passphrase.zxcvbn.names_and_surnames_by_themselves_are": (
        "Names and surnames by themselves are easy to guess.",
        "名前や名字だけでは簡単に推測されます。",
    ),
    "passphrase.zxcvbn.common_names_and_surnames_are_easy": (
        "Common names and surnames are easy to guess.",
        "よくある名前や名字は簡単に推測されます。",
    ),
    "passphrase.zxcvbn.capitalization_doesnt_help_very_much": (
        "Capitalization doesn't help very much.",
        "先頭を大文字にしても、あまり効果はありません。",
    ),
    "passphrase.zxcvbn.alluppercase_is_almost_as_easy_to": (
        "All-uppercase is almost as easy to guess as all-lowercase.",
        "すべて大文字にしても、すべて小文字の場合とほとんど同じように推測されます。",
    ),
    "passphrase.zxcvbn.reversed_words_arent_much_harder_to": (
        "Reversed words aren't much harder to guess.",
        "単語を逆から綴っても、推測しにくさはあまり変わりません。",
    ),
    "passphrase.zxcvbn.predictable_substitutions_like_instead_of_a": (
        "Predictable substitutions like '@' instead of 'a' don't help very much.",
        "「a」の代わりに「@」を使うような予想しやすい置き換えは、あまり効果がありません。",
    ),
    "passphrase.zxcvbn.add_another_word_or_two_uncommon": (
        "Add another word or two. Uncommon words are better.",
        "単語をあと1つか2つ加えてください。あまり使われない単語のほうが安全です。",
    ),
}

ZXCVBN: dict[str, str] = {
    english: key for key, (english, _) in CATALOGUE.items() if key.startswith("passphrase.zxcvbn.")
}
