"""Which words in a column's name say what kind of personal data it holds: the header vocabulary of the classifier.

Only data: :mod:`exporter.classify_patterns` compiles it, and :mod:`exporter.classify_text` says how a header is
folded before it is compared. Every term is folded the same way when compiled, so terms are written as people
write them (ジュウショ with its small ュ and ョ, メール with its ー) and still match ｼﾞﾕｳｼﾖ, じゅうしょ or ﾒｰﾙ.

Sources of the half-width katakana item names: the record layouts of the 全銀協 (Japanese Bankers Association)
transfer files (総合振込, 給与振込, 口座振替: 被仕向銀行番号, 被仕向支店名, 預金種目, 口座番号, 受取人名,
振込金額, 預金者名, 引落金額, 顧客番号...), which banks publish in their EB service manuals and which legacy
hosts name in half-width katakana; and the item names of resident-register and tax, national health insurance
and long-term care interface files (住民票コード, 宛名番号, 世帯番号, 方書, 続柄, 被保険者番号, 要介護状態区分).

Precedence: the first entry whose terms match decides, so the order is the tie-break. The more sensitive or
more specific kind comes first: ｺｳｻﾞﾒｲｷﾞ is financial before ﾒｲ could make it a name, 世帯主との続柄 is a
relationship before 世帯主 makes it a name, 生年月日 is a birth date before 年月日 makes it an ordinary date.
`other` entries mark headers that are specific but not personal data.

Short kana words are never matched as substrings: ｾｲ (姓) would be found in ｾｲﾍﾞﾂ, ｾｲﾈﾝｶﾞｯﾋﾟ and ｾｲﾘﾊﾞﾝｺﾞｳ,
ﾒｲ (名) in ｺｳｻﾞﾒｲｷﾞ and ｼﾃﾝﾒｲ; they are patterns over the whole header. Patterns are regexes searched in the
folded compact header, so they are written folded: katakana, large kana, no ー, lower-case Latin.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["HEADER_VOCABULARY", "HeaderWords"]


class HeaderWords(NamedTuple):
    """The words that name one kind of column; strings hold space-separated terms."""

    category: str
    japanese: str = ""  # kanji and kana, anywhere in the header (Japanese writes no word breaks)
    kana: str = ""  # item names of half-width katakana layouts, written full-width; anywhere in the header
    latin: str = ""  # English and romaji, anywhere in the header once separators are dropped
    words: str = ""  # short English words, only as whole words (so `page` and `hotel` hold no `age` or `tel`)
    patterns: tuple[str, ...] = ()  # folded regexes for short or ambiguous items


def _product(prefixes: str, suffixes: str) -> str:
    return " ".join(prefix + suffix for prefix in prefixes.split() for suffix in suffixes.split())


# Resident, addressee, household, person, insured... followed by number, code, ID: an identifier of a person.
# 個人番号 and コジンバンゴウ are caught first, as my_number.
_IDENTIFIER_PREFIXES_JA = "住民 住民票 宛名 世帯 個人 被保険者 受給者 識別 管理 整理 顧客"
_IDENTIFIER_PREFIXES_KANA = (
    "ジュウミン ジュウミンヒョウ アテナ セタイ コジン ヒホケンシャ ジュキュウシャ シキベツ カンリ セイリ コキャク"
)
_IDENTIFIER_SUFFIXES = "番号 番 コード ID No CD バンゴウ ナンバー"

HEADER_VOCABULARY: tuple[HeaderWords, ...] = (
    HeaderWords(
        "my_number",
        japanese="マイナンバー 個人番号 特定個人情報",
        kana="コジンバンゴウ マイナンバー トクテイコジンジョウホウ",
        latin="mynumber individualnumber kojinbango kojinbangou",
    ),
    HeaderWords(
        "special",
        japanese="要配慮 要介護 要支援 介護 障害 障がい 障碍 療育 病歴 病名 疾病 疾患 傷病 既往 健康 診断 服薬 "
        "通院 入院 生活保護 被保護 犯罪 犯歴 前科 逮捕 刑事 信条 信仰 宗教 思想 人種 民族 社会的身分 被害 "
        "支援措置",
        kana="ヨウハイリョ ヨウシエン ショウガイ リョウイク セイシンホケン ビョウメイ ビョウレキ キオウショウ "
        "キオウレキ シッペイ シッカン ショウビョウ ケンコウ シンダン フクヤク ツウイン ニュウイン セイカツホゴ "
        "ヒホゴ ハンザイ ハンレキ シュウキョウ ジンシュ ミンゾク ヒガイ シエンソチ",
        latin="health disab handicap carelevel nursingcare longtermcare medical diagnos disease illness welfare "
        "publicassistance criminal conviction religio creed ethnic kaigo shogai shougai",
        words="care race belief beliefs crime crimes dv",
        patterns=(
            "(?<![a-z])dv(?![a-z])",  # DV等支援措置: protection from a violent partner
            "カイゴ(?![ウロト])",  # 介護, not 会合 (カイゴウ)
            "タイホ(?![ウン])",  # 逮捕, not 大砲 (タイホウ)
            "^キオウ",  # 既往(症), not 臨機応変 (リンキオウヘン)
            "^ゼンカ(?![イクン])",  # 前科, not 前回 (ゼンカイ)
        ),
    ),
    HeaderWords(
        "financial",
        japanese="金融機関 銀行 信用金庫 信金 信用組合 労働金庫 農協 支店 店番 口座 預金 貯金 名義 振込 振替 "
        "引落 引き落 仕向 受取人 手形交換",
        kana="キンユウキカン ギンコウ シンヨウキンコ シンヨウクミアイ ロウドウキンコ ロウキン チョキン フリコミ "
        "フリカエ ヒキオトシ シムケ ウケトリニン テガタコウカン ミセバン",
        latin="account iban swift deposit payee bankcode bankname branchcode branchname kouza koza ginko yokin meigi "
        "furikomi kinyukikan shiten",
        words="bank branch bic",
        patterns=(
            "コウザ(?![ンイツ])",  # 口座, not 鉱山 (コウザン), 鋼材 (コウザイ)
            "シテン(?!ノウ)",  # 支店, not 四天王
            "メイギ(?!ン)",  # 名義, not 名吟
            "(?<!トク)テンバン",  # 店番, not 得点板
            "(?<!キ)ヨキン",  # 預金, not 醵金 (キョキン)
            "(?<!キ)ノウキヨウ(?!ゲン)",  # 農協, not 昨日今日 or 能狂言
            "^ユウチヨ(?!ウ)",  # ゆうちょ, not 悠長, 流暢 (リュウチョウ), 躊躇 (チュウチョ)
        ),
    ),
    HeaderWords(
        "tax",
        japanese="所得 課税 税 控除 収入 年収 給与 納付 滞納 賦課 徴収",
        kana="ショトク シュウニュウ ネンシュウ ノウフ タイノウ フカガク チョウシュウ",
        latin="taxable income salary earnings deduction withholding zeigaku shotoku kazei",
        words="tax taxes wage wages",
        patterns=(
            # 税 as ゼイ is also 勢 (多勢 タゼイ), 贅 (贅沢 ゼイタク), 風情: at an end of the header, or in the
            # compounds tax items use
            "^ゼイ(?!タク|ジヤク|ニク|チク|ロク|ブツ)|ゼイ[0-9]*$",  # 税額, 住民税, 国税, 税1
            "ゼイ(?:ガク|キン|ム|リ|コミ|ヌキ|ビキ|ク|シユ|セイ|ホウ|ベツ|モク|ゲン|チヨウ|キヨク)",
            "(?:カ|ノウ|ミン|トク|ザイ|サン|シヤ|ヨウ|ケン|トウ|シヨトク|ジヨウト|ソウゾク|ゾウヨ)ゼイ",
            "コウジヨ(?![ウリ])",  # 控除, not 工場 (コウジョウ) or 公序良俗
            "キユウヨ(?!ウ)",  # 給与, not 休養 (キュウヨウ)
        ),
    ),
    HeaderWords("other", japanese="続柄 続き柄", kana="ツヅキガラ ゾクガラ", latin="relationship relation"),
    HeaderWords(
        "contact",
        japanese="電話 携帯 連絡先 メール ファックス ファクス",
        kana="デンワ レンラクサキ メール ファックス ファクス ファクシミリ ケイタイデンワ ケイタイバンゴウ",
        latin="phone mobile email contact fax denwa renrakusaki",
        words="tel mail cell",
        patterns=("^ケイタイ$",),  # alone, not 形態 (ケイタイ) in 就労形態
    ),
    HeaderWords(
        "address",
        japanese="住所 郵便 〒 都道府県 市区町村 市町村 方書 番地 所在地 居所 町名 町域 丁目 地番 本籍 建物 "
        "住居表示 居住地",
        kana="カタガキ ショザイチ トドウフケン シクチョウソン シチョウソン ホンセキ ジュウキョヒョウジ チョウメイ "
        "キョジュウチ",
        latin="address addr postal postcode zipcode prefecture municipality street building jusho juusho jyusho "
        "yubin yuubin katagaki",
        words="zip city town ward",
        patterns=(
            # where things are sent, unless it is the name of whom they are sent to (送付先氏名 is a name)
            "(?:送付先|ソウフサキ|宛先|アテサキ)(?!氏名|シメイ|名|メイ|カナ|フリガナ)",
            "ジユウシヨ(?![クウ])",  # 住所, not 住職 (ジュウショク), 重傷 (ジュウショウ)
            "(?<!キ)ユウビン",  # 郵便, not 宅急便 (タッキュウビン)
            "チヨウメ(?!ン)",  # 丁目, not 帳面
            "(?<!シ)タテモノ",  # 建物, not 仕立物
            "バンチ(?![ヨヤ])",  # 番地, not 番長, 番茶
            "キヨシヨ(?![ウク])",  # 居所, not 免許証 (メンキョショウ), 虚飾
            "^チバン",  # 地番, not 一番 (イチバン)
        ),
    ),
    HeaderWords(
        "birth",
        japanese="生年月日 誕生日 生年 年齢 年令 満年齢 出生 生まれ",
        kana="セイネンガッピ タンジョウビ ネンレイ シュッセイ シュッショウ ウマレ",
        latin="birth seinengappi tanjobi tanjoubi nenrei",
        words="dob age born bday",
    ),
    HeaderWords(
        "other",
        japanese="年月日 日付 日時 異動日 届出日 登録日 更新日 作成日 転入日 転出日",
        kana="ネンガッピ ヒヅケ ニチジ イドウビ トドケデビ トウロクビ コウシンビ サクセイビ テンニュウビ テンシュツビ",
        latin="timestamp",
        words="date created updated modified",
    ),
    HeaderWords(
        "gender",
        japanese="性別 男女",
        kana="セイベツ",
        latin="gender seibetsu seibetu",
        words="sex",
        patterns=("^性$", "ダンジヨ(?!ウ)"),  # 男女, not 壇上 (ダンジョウ)
    ),
    HeaderWords(
        "identifier",
        japanese=_product(_IDENTIFIER_PREFIXES_JA, _IDENTIFIER_SUFFIXES)
        + " 個人識別 基礎年金番号 年金番号 旅券番号 パスポート番号 免許証番号 在留カード番号",
        kana=_product(_IDENTIFIER_PREFIXES_KANA, _IDENTIFIER_SUFFIXES)
        + " キソネンキンバンゴウ ネンキンバンゴウ リョケンバンゴウ パスポートバンゴウ メンキョショウバンゴウ "
        "ザイリュウカードバンゴウ",
        latin="residentnumber residentno residentid residentcode householdnumber householdno householdid "
        "householdcode personid personalid citizenid customerid customerno customernumber customercode "
        "passport pensionnumber driverslicen",
        words="id uid identifier",
    ),
    HeaderWords(
        "name",
        japanese="氏名 姓名 名前 苗字 名字 フリガナ 世帯主 旧姓 通称",
        kana="シメイ ナマエ フリガナ セタイヌシ ツウショウメイ",
        latin="furigana kana surname shimei namae",
        patterns=(
            # 姓, 名, 氏, ｾｲ, ﾒｲ, ｾｲﾒｲ, ｶﾅ only as the whole header (with 漢字, ｶﾝｼﾞ or ｶﾅ and a number): not
            # 魚 (サカナ) or 金物 (カナモノ), not the ｾｲ of ｾｲﾍﾞﾂ or the ﾒｲ of ｺｳｻﾞﾒｲｷﾞ
            "^(?:漢字|カンジ|カナ)?(?:姓|名|氏|セイ|メイ|セイメイ|キユウセイ)(?:漢字|カンジ|カナ)?[0-9]*$",
            "^カナ[0-9]*$",
            "(?:送付先|ソウフサキ|宛先|アテサキ)(?:名|メイ|カナ)",  # whom things are sent to
            "ミヨウジ(?![ンヨ])",  # 名字, not 明神 (ミョウジン), 明星
            "(?<!un)name",  # pandas calls a blank header "Unnamed: 3"
        ),
    ),
    HeaderWords(
        "free_text",
        japanese="備考 摘要 特記 記事 コメント 自由記述 所見 補足 注記 申し送り 連絡事項",
        kana="コメント トッキジコウ ホソク モウシオクリ レンラクジコウ",
        latin="remark memo comment description freetext annotation biko bikou",
        words="note notes misc",
        patterns=(
            "^テキヨウ(?:ラン)?$",  # 摘要 alone, not 適用 (テキヨウ) in 適用開始日
            "メモ(?![リヨトノ])",  # メモ, not 目盛 (メモリ), 目元, 染物 (ソメモノ)
            "(?<![ヨタ])ビコウ(?!ギヨウ)",  # 備考, not 予備校, 旅興行
            "シヨケン(?!メイ)",  # 所見, not 一所懸命
        ),
    ),
)
