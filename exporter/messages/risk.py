"""Re-identification risk: how many residents the kept columns single out, said in plain words (exporter/risk.py)."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # column names from the file, joined into one phrase: "birth_date, gender and postal_code"
    "risk.columns_pair": ("{first} and {second}", "{first}、{second}"),
    "risk.columns_more": ("{first}, {rest}", "{first}、{rest}"),
    # the same as what residents share or not: "their birth_date" / "生年月日 の値"
    "risk.subject_one": ("{column}", "{column} の値"),
    "risk.subject_many": ("{columns}", "{columns} の組み合わせ"),
    # a share too close to 0 % or 100 % to show with one decimal
    "risk.share_under": ("under {limit}", "{limit} 未満"),
    "risk.share_over": ("over {limit}", "{limit} 超"),
    # an estimated share: "about 21.2%"; a share said as over or under a bound stays as it is
    "risk.share_about": ("about {share}", "約 {share}"),
    # the measure, for the Review page, the command line and the refusal
    "risk.no_rows": (
        "No resident is in scope, so nobody can be picked out.",
        "対象の住民がいないため、特定される人はいません。",
    ),
    "risk.no_quasi_identifier": (
        "The kept columns hold no birth date, age, gender, postal code or address, so these details cannot single "
        "out any of the {rows:,} residents.",
        "書き出す列に生年月日・年齢・性別・郵便番号・住所がないため、{rows:,} 人の住民をこうした情報から"
        "特定することはできません。",
    ),
    "risk.unique": (
        "{unique:,} of {rows:,} residents ({share}) are the only one with their {columns}: anyone who knows a "
        "person's {columns} can find that person's row.",
        "対象の {rows:,} 人のうち {unique:,} 人（{share}）は、{columns}がほかのだれとも一致しません。"
        "ある住民の {columns}を知っている人には、その住民の行がどれか分かります。",
    ),
    "risk.unique_one": (
        "1 of {rows:,} residents ({share}) is the only one with their {columns}: anyone who knows that person's "
        "{columns} can find their row.",
        "対象の {rows:,} 人のうち 1 人（{share}）は、{columns}がほかのだれとも一致しません。"
        "その住民の {columns}を知っている人には、その住民の行がどれか分かります。",
    ),
    "risk.k_anonymous": (
        "None of the {rows:,} residents is the only one with their {columns}: every resident has at least "
        "{others:,} others with the same values (k = {k:,}).",
        "対象の {rows:,} 人のうち、{columns}がほかのだれとも一致しない人はいません。"
        "どの人にも、同じ値の住民がほかに {others:,} 人以上います（k = {k:,}）。",
    ),
    # more combinations than the counter holds (exporter/risk_counter.py): one in {sampled} was counted
    "risk.unique_estimated": (
        "About {unique:,} of {rows:,} residents ({share}) are the only one with their {columns}: anyone who "
        "knows a person's {columns} can find that person's row. (Estimated from 1 in {sampled:,} of the "
        "combinations, each counted with all its residents.)",
        "対象の {rows:,} 人のうち約 {unique:,} 人（{share}）は、{columns}がほかのだれとも一致しません。"
        "ある住民の {columns}を知っている人には、その住民の行がどれか分かります。"
        "（組み合わせの {sampled:,} 分の 1 を、その住民すべてとともに数えた推定値です。）",
    ),
    "risk.k_estimated": (
        "Of 1 in {sampled:,} of the combinations of {columns}, counted with all their residents, none belongs to "
        "one of the {rows:,} residents alone; the smallest counted is shared by {k:,} (among the others k may be "
        "smaller).",
        "{columns}の組み合わせの {sampled:,} 分の 1 を、その住民すべてとともに数えたところ、"
        "対象の {rows:,} 人のうちほかのだれとも一致しない人はいませんでした。数えた中で最も小さい組は "
        "{k:,} 人です（数えなかった組み合わせには、もっと小さい組があるかもしれません）。",
    ),
    "risk.direct": (
        "The rows name residents directly ({columns}): the recipient knows whose row each one is, whatever the "
        "other columns.",
        "書き出す行には {columns} があり、住民を直接特定できます。ほかの列に関係なく、受取人には"
        "各行がだれのものか分かります。",
    ),
    # --max-unique-share
    "risk.above_limit": (
        "{unique:,} of {rows:,} residents ({share}) are the only one with their {columns}, more than the limit "
        "of {limit}.",
        "対象の {rows:,} 人のうち {unique:,} 人（{share}）が、{columns}だけで特定できます。"
        "上限の {limit} を超えています。",
    ),
    "risk.above_limit_estimated": (
        "About {unique:,} of {rows:,} residents ({share}, estimated from 1 in {sampled:,} of the "
        "combinations) are the only one with their {columns}, more than the limit of {limit}.",
        "対象の {rows:,} 人のうち約 {unique:,} 人（{share}。組み合わせの {sampled:,} 分の 1 からの推定）が、"
        "{columns}だけで特定できます。上限の {limit} を超えています。",
    ),
    "risk.direct_above_limit": (
        "The rows name residents directly ({columns}), so each of them singles out its resident: more than the "
        "limit of {limit} of unique rows.",
        "書き出す行には {columns} があり、どの行も住民を直接特定できます。特定できる行の上限 {limit} を超えています。",
    ),
    "risk.direct_above_limit_hint": (
        "Leave these columns out, or make them pseudonyms (pseudonym) or masks that keep at most the last {kept} "
        "characters (mask:{kept}).",
        "これらの列を書き出さないか、仮名（pseudonym）にするか、末尾 {kept} 文字までを残すマスク（mask:{kept}）に"
        "してください。",
    ),
    "risk.above_limit_hint": (
        "Keep fewer of these columns or make them coarser: birth dates as age bands (age-band:5) or years (year), "
        "postal codes as their first three digits (postal-area), addresses up to the town (address-town).",
        "これらの列を減らすか、粗くしてください。生年月日は年齢の幅（age-band:5）か年（year）に、"
        "郵便番号は上3桁（postal-area）に、住所は町名まで（address-town）にできます。",
    ),
    "risk.value_not_share": (
        "{text!r} is not a share (write it as 0.05 or 5%)",
        "{text!r} は割合として読めません（0.05 や 5% のように書いてください）",
    ),
    "risk.value_share_range": (
        "the share must lie between 0 and 1, or 0% and 100% (five percent is 0.05 or 5%)",
        "割合は 0 から 1 まで、または 0% から 100% までにしてください（5 パーセントは 0.05 か 5%）",
    ),
}
