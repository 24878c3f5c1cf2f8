<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Category</name>
    <message>
        <source>My Number</source>
        <translation>マイナンバー</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>識別番号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性別</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>口座情報</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税情報</translation>
    </message>
    <message>
        <source>Special care</source>
        <translation>要配慮個人情報</translation>
    </message>
    <message>
        <source>Free text (check)</source>
        <translation>自由記述（要確認）</translation>
    </message>
    <message>
        <source>Free text may hold anything, such as health, family or debt matters. Read its values before you keep it.</source>
        <translation>自由記述の列には、健康状態、家族の事情、滞納など、どんな情報が書かれているかわかりません。持ち出す前に中身を確認してください。</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>ColumnModel</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Kind of data</source>
        <translation>データの種類</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>値の例</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Columns</source>
        <translation>列の選択</translation>
    </message>
    <message>
        <source>Tick only the columns the task needs. Nothing is kept until you tick it.</source>
        <translation>業務に必要な列だけにチェックを入れてください。チェックを入れるまで、どの列も持ち出されません。</translation>
    </message>
    <message>
        <source>Name, kind of data or value</source>
        <translation>列名、データの種類または値</translation>
    </message>
    <message>
        <source>Find a column</source>
        <translation>列を検索</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>検索(&amp;F):</translation>
    </message>
    <message>
        <source>Tick &amp;all shown</source>
        <translation>表示中の列をすべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>Columns of the file; tick to keep</source>
        <translation>ファイルの列（チェックすると持ち出し対象）</translation>
    </message>
    <message>
        <source>Columns in the file (&amp;tick to keep):</source>
        <translation>ファイルの列（チェックで持ち出し）(&amp;T):</translation>
    </message>
    <message>
        <source>Name of the chosen kept column in the recipient&apos;s file</source>
        <translation>選んだ列の、受取人に渡すファイルでの名前</translation>
    </message>
    <message>
        <source>No column matches “{text}”. Try another word, such as 電話, カナ or phone.</source>
        <translation>「{text}」に一致する列はありません。「電話」「カナ」「phone」など、別の言葉で探してください。</translation>
    </message>
    <message>
        <source>Choose a kept column above</source>
        <translation>上の一覧で列を選んでください</translation>
    </message>
    <message>
        <source>{columns}: {note}</source>
        <translation>{columns}：{note}</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s) of {total} will leave the office.</source>
        <translation>
            <numerusform>{total} 列のうち %n 列を庁外に持ち出します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept columns, in the order of the archive</source>
        <translation>持ち出す列（渡すファイルでの並び順）</translation>
    </message>
    <message>
        <source>Clea&amp;r all</source>
        <translation>すべて解除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Kept, in this order:</source>
        <translation>持ち出す列と並び順(&amp;K):</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上へ(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下へ(&amp;W)</translation>
    </message>
    <message>
        <source>Name in the recipient&apos;s fil&amp;e:</source>
        <translation>受取人に渡す列名(&amp;E):</translation>
    </message>
    <message>
        <source>How many columns leave the office</source>
        <translation>庁外に持ち出す列の数</translation>
    </message>
    <message>
        <source>No column is kept yet: tick the ones the task needs.</source>
        <translation>まだ列が選ばれていません。業務に必要な列にチェックを入れてください。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>{name}, line {line}: {message}</source>
        <translation>{name} の {line} 行目: {message}</translation>
    </message>
    <message>
        <source>No key or passphrase given opens this archive.</source>
        <translation>指定された鍵またはパスフレーズでは、このアーカイブを開けません。</translation>
    </message>
    <message>
        <source>This archive is protected by a passphrase; check that it was typed exactly.</source>
        <translation>このアーカイブはパスフレーズで保護されています。正確に入力されているか確認してください。</translation>
    </message>
    <message>
        <source>This archive was encrypted to keys; choose the key file that belongs to one of them.</source>
        <translation>このアーカイブは鍵で暗号化されています。その鍵に対応する鍵ファイルを選んでください。</translation>
    </message>
    <message>
        <source>This archive was encrypted for a kind of key this program does not support.</source>
        <translation>このアーカイブは、このプログラムが対応していない種類の鍵で暗号化されています。</translation>
    </message>
    <message>
        <source>This file is not an age-encrypted archive.</source>
        <translation>このファイルは age で暗号化されたアーカイブではありません。</translation>
    </message>
    <message>
        <source>Choose the .age file you received, not the key file or an already opened copy.</source>
        <translation>鍵ファイルや開封済みのコピーではなく、受け取った .age ファイルを選んでください。</translation>
    </message>
    <message>
        <source>This archive was made with a newer age format version that this program does not understand.</source>
        <translation>このアーカイブは、このプログラムが対応していない新しい age 形式で作成されています。</translation>
    </message>
    <message>
        <source>Ask the sender to encrypt it with age version 1 (age-encryption.org/v1).</source>
        <translation>age バージョン1（age-encryption.org/v1）で暗号化し直すよう、送付元に依頼してください。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: its header is malformed.</source>
        <translation>アーカイブが破損しているか、改ざんされています（ヘッダーの形式が不正です）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: its text (ASCII armor) encoding is malformed.</source>
        <translation>アーカイブが破損しているか、改ざんされています（テキスト形式（ASCII アーマー）が不正です）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: its header does not verify.</source>
        <translation>アーカイブが破損しているか、改ざんされています（ヘッダーの検証に失敗しました）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: its content does not verify.</source>
        <translation>アーカイブが破損しているか、改ざんされています（内容の検証に失敗しました）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: it was cut short.</source>
        <translation>アーカイブが破損しているか、改ざんされています（ファイルが途中で切れています）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: data follows its end.</source>
        <translation>アーカイブが破損しているか、改ざんされています（終端の後に余分なデータがあります）。</translation>
    </message>
    <message>
        <source>The archive is damaged or was altered: its last part is empty.</source>
        <translation>アーカイブが破損しているか、改ざんされています（最後の部分が空です）。</translation>
    </message>
    <message>
        <source>Ask the sender for a fresh copy of the archive.</source>
        <translation>送付元にアーカイブを送り直してもらってください。</translation>
    </message>
    <message>
        <source>Use utf-8, utf-8-sig, cp932 or utf-16.</source>
        <translation>utf-8、utf-8-sig、cp932、utf-16 のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>Save it from Excel as “CSV UTF-8” and try again.</source>
        <translation>Excel で「CSV UTF-8」形式で保存し直してから、もう一度読み込んでください。</translation>
    </message>
    <message>
        <source>Open it with “exporter decrypt”.</source>
        <translation>「exporter decrypt」で開いてください。</translation>
    </message>
    <message>
        <source>If you know its encoding, give it with --encoding.</source>
        <translation>文字コードがわかっている場合は、--encoding で指定してください。</translation>
    </message>
    <message>
        <source>Give the file&apos;s encoding with --encoding (for example cp932 or utf-8).</source>
        <translation>ファイルの文字コードを --encoding で指定してください（例: cp932、utf-8）。</translation>
    </message>
    <message>
        <source>Rename one of them so every column has its own name.</source>
        <translation>どちらかの列名を変えて、列名が重複しないようにしてください。</translation>
    </message>
    <message>
        <source>Run “exporter inspect” to see the column names.</source>
        <translation>列名は「exporter inspect」で確認できます。</translation>
    </message>
    <message>
        <source>Check for a missing or extra delimiter, or a quote that is not closed.</source>
        <translation>区切り文字の不足や余分、閉じていない引用符がないか確認してください。</translation>
    </message>
    <message>
        <source>A quote may open a value only at its start, and the closing quote must end the value; write a quote inside a quoted value as two quotes (&quot;&quot;).</source>
        <translation>引用符（&quot;）で値を囲めるのは値の先頭からだけで、閉じる引用符の直後は区切り文字か改行でなければなりません。引用符で囲んだ値の中の引用符は2つ重ねて（&quot;&quot;）書いてください。</translation>
    </message>
    <message>
        <source>Check for a quote that is not closed.</source>
        <translation>閉じられていない引用符がないか確認してください。</translation>
    </message>
    <message>
        <source>Give the delimiter to use with --delimiter, or save the file with commas.</source>
        <translation>使う区切り文字を --delimiter で指定するか、カンマ区切りで保存し直してください。</translation>
    </message>
    <message>
        <source>Save the table as a file first.</source>
        <translation>先に表をファイルとして保存してください。</translation>
    </message>
    <message>
        <source>Say it in fewer words.</source>
        <translation>もっと短く書いてください。</translation>
    </message>
    <message>
        <source>Choose a shorter name.</source>
        <translation>もっと短い名前を選んでください。</translation>
    </message>
    <message>
        <source>Free some space and try again.</source>
        <translation>空き容量を確保してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The disk is full; nothing was written.</source>
        <translation>ディスクがいっぱいです。何も保存されていません。</translation>
    </message>
    <message>
        <source>Ask the sender to encrypt it to fewer recipients.</source>
        <translation>受取人の数を減らして暗号化し直すよう、送付元に依頼してください。</translation>
    </message>
    <message>
        <source>Open it on a computer with more memory, or ask the sender to encrypt it again with the usual settings.</source>
        <translation>メモリの多いコンピューターで開くか、通常の設定で暗号化し直すよう送付元に依頼してください。</translation>
    </message>
    <message>
        <source>Remove the columns that are not needed from the file before exporting.</source>
        <translation>書き出す前に、不要な列をファイルから削除してください。</translation>
    </message>
    <message>
        <source>Type it again in a terminal set to UTF-8, or use the wizard.</source>
        <translation>UTF-8 に設定した端末でもう一度入力するか、ウィザードを使ってください。</translation>
    </message>
    <message>
        <source>Export again once no other program is writing to the file.</source>
        <translation>ほかのプログラムがこのファイルに書き込んでいないときに、もう一度書き出してください。</translation>
    </message>
    <message>
        <source>No column was chosen, so there is nothing to export.</source>
        <translation>列が1つも選ばれていないため、持ち出すものがありません。</translation>
    </message>
    <message>
        <source>Name at least one column with --column.</source>
        <translation>--column で列を1つ以上指定してください。</translation>
    </message>
    <message>
        <source>Check that the disk has free space and that you may write there.</source>
        <translation>ディスクに空きがあるか、そこへの書き込みが許可されているかを確認してください。</translation>
    </message>
    <message>
        <source>Use either recipient keys or a passphrase, not both.</source>
        <translation>受取人の鍵とパスフレーズは同時に使えません。どちらか一方にしてください。</translation>
    </message>
    <message>
        <source>No recipient was given, so nobody could open the archive.</source>
        <translation>受取人が指定されていないため、誰もアーカイブを開けません。</translation>
    </message>
    <message>
        <source>Give the recipient&apos;s key with --recipient age1... or use --passphrase-file.</source>
        <translation>--recipient age1... で受取人の鍵を指定するか、--passphrase-file を使ってください。</translation>
    </message>
    <message>
        <source>A recipient key starts with age1 and is 62 characters long.</source>
        <translation>受取人の鍵は age1 で始まる62文字です。</translation>
    </message>
    <message>
        <source>Choose another file name or delete the old file.</source>
        <translation>別のファイル名を選ぶか、古いファイルを削除してください。</translation>
    </message>
    <message>
        <source>The passphrase is empty.</source>
        <translation>パスフレーズが空です。</translation>
    </message>
    <message>
        <source>Use --generate-passphrase to make a strong one.</source>
        <translation>--generate-passphrase で強いパスフレーズを作れます。</translation>
    </message>
    <message>
        <source>Choose a passphrase of several words.</source>
        <translation>いくつかの単語からなるパスフレーズにしてください。</translation>
    </message>
    <message>
        <source>Add the recipient&apos;s public key (age1...) on a line of its own.</source>
        <translation>受取人の公開鍵（age1...）を1行に1つずつ書いてください。</translation>
    </message>
    <message>
        <source>A secret key was given where the recipient&apos;s public key belongs.</source>
        <translation>受取人の公開鍵の代わりに秘密鍵が指定されています。</translation>
    </message>
    <message>
        <source>Give the public key that starts with age1; keep the secret key private.</source>
        <translation>age1 で始まる公開鍵を指定してください。秘密鍵は誰にも渡さないでください。</translation>
    </message>
    <message>
        <source>That secret key is no longer private (it is in a file or your shell history now): the recipient should make a new key with “exporter keygen” and send only its public key, which starts with age1.</source>
        <translation>この秘密鍵はもう秘密ではありません（ファイルやシェルの履歴に残っています）。受取人に「exporter keygen」で新しい鍵を作ってもらい、age1 で始まる公開鍵だけを送ってもらってください。</translation>
    </message>
    <message>
        <source>Post-quantum recipients (age1pq1...) are not supported yet.</source>
        <translation>耐量子暗号の受取人（age1pq1...）にはまだ対応していません。</translation>
    </message>
    <message>
        <source>Ask the recipient for an X25519 key that starts with age1.</source>
        <translation>age1 で始まる X25519 の鍵を受取人に依頼してください。</translation>
    </message>
    <message>
        <source>SSH keys are not supported as recipients.</source>
        <translation>SSH の鍵は受取人の鍵として使えません。</translation>
    </message>
    <message>
        <source>Ask the recipient for an age key that starts with age1.</source>
        <translation>age1 で始まる age の鍵を受取人に依頼してください。</translation>
    </message>
    <message>
        <source>This is not a valid age recipient key.</source>
        <translation>有効な age の受取人の鍵ではありません。</translation>
    </message>
    <message>
        <source>Post-quantum keys (AGE-SECRET-KEY-PQ-1...) are not supported yet.</source>
        <translation>耐量子暗号の鍵（AGE-SECRET-KEY-PQ-1...）にはまだ対応していません。</translation>
    </message>
    <message>
        <source>Plugin keys (AGE-PLUGIN-...) such as hardware keys are not supported.</source>
        <translation>ハードウェアキーなどのプラグインの鍵（AGE-PLUGIN-...）には対応していません。</translation>
    </message>
    <message>
        <source>A passphrase cannot be combined with other recipients.</source>
        <translation>パスフレーズはほかの受取人と組み合わせられません。</translation>
    </message>
    <message>
        <source>Encrypt either to a passphrase alone or to one or more age1... keys.</source>
        <translation>パスフレーズだけで暗号化するか、1つ以上の age1... の鍵で暗号化してください。</translation>
    </message>
    <message>
        <source>This archive is encrypted for a post-quantum key (mlkem768x25519), a recipient type that is not supported yet.</source>
        <translation>このアーカイブは耐量子暗号の鍵（mlkem768x25519）向けに暗号化されています。この種類の鍵にはまだ対応していません。</translation>
    </message>
    <message>
        <source>Ask the sender to encrypt it to your age1... key or with a passphrase.</source>
        <translation>あなたの age1... の鍵かパスフレーズで暗号化し直すよう、送付元に依頼してください。</translation>
    </message>
    <message>
        <source>It is also encrypted for a post-quantum key (mlkem768x25519), which is not supported yet.</source>
        <translation>耐量子暗号の鍵（mlkem768x25519）向けにも暗号化されていますが、その鍵にはまだ対応していません。</translation>
    </message>
    <message>
        <source>Ask the sender to encrypt it again with the usual settings.</source>
        <translation>通常の設定で暗号化し直すよう、送付元に依頼してください。</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>持ち出しを中止しました。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Opening the archive was cancelled; nothing was written.</source>
        <translation>アーカイブを開く処理を中止しました。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>Update exporter to open it.</source>
        <translation>開くには exporter を更新してください。</translation>
    </message>
    <message>
        <source>Choose a folder for the opened files.</source>
        <translation>開いたファイルを保存するフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Free some space or choose a folder on another disk.</source>
        <translation>空き容量を増やすか、別のディスクのフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>A FAT32 disk holds files of up to 4 GB; choose a disk formatted as exFAT or NTFS.</source>
        <translation>FAT32 のディスクには 4 GB までのファイルしか保存できません。exFAT か NTFS でフォーマットされたディスクを選んでください。</translation>
    </message>
    <message>
        <source>Use a few words, avoid common phrases.</source>
        <translation>よくある言い回しは避け、いくつかの単語を組み合わせてください。</translation>
    </message>
    <message>
        <source>No need for symbols, digits, or uppercase letters.</source>
        <translation>記号や数字、大文字を入れる必要はありません。</translation>
    </message>
    <message>
        <source>Add another word or two.</source>
        <translation>単語をあと1つか2つ加えてください。</translation>
    </message>
    <message>
        <source>Uncommon words are better.</source>
        <translation>あまり使われない単語のほうが安全です。</translation>
    </message>
    <message>
        <source>Straight rows of keys are easy to guess.</source>
        <translation>キーボードの並びをそのままなぞった文字列は簡単に推測されます。</translation>
    </message>
    <message>
        <source>Short keyboard patterns are easy to guess.</source>
        <translation>キーボード上の短い並びは簡単に推測されます。</translation>
    </message>
    <message>
        <source>Use a longer keyboard pattern with more turns.</source>
        <translation>キーボード上で何度も向きを変える、より長い並びにしてください。</translation>
    </message>
    <message>
        <source>Repeats like &quot;aaa&quot; are easy to guess.</source>
        <translation>「aaa」のような繰り返しは簡単に推測されます。</translation>
    </message>
    <message>
        <source>Repeats like &quot;abcabcabc&quot; are only slightly harder to guess than &quot;abc&quot;.</source>
        <translation>「abcabcabc」のような繰り返しは、「abc」よりわずかに推測しにくいだけです。</translation>
    </message>
    <message>
        <source>Avoid repeated words and characters.</source>
        <translation>同じ単語や文字の繰り返しは避けてください。</translation>
    </message>
    <message>
        <source>Sequences like &quot;abc&quot; or &quot;6543&quot; are easy to guess.</source>
        <translation>「abc」や「6543」のような連続した文字は簡単に推測されます。</translation>
    </message>
    <message>
        <source>Avoid sequences.</source>
        <translation>連続した文字や数字は避けてください。</translation>
    </message>
    <message>
        <source>Recent years are easy to guess.</source>
        <translation>最近の年は簡単に推測されます。</translation>
    </message>
    <message>
        <source>Avoid recent years.</source>
        <translation>最近の年は避けてください。</translation>
    </message>
    <message>
        <source>Avoid years that are associated with you.</source>
        <translation>自分に関係のある年は避けてください。</translation>
    </message>
    <message>
        <source>Dates are often easy to guess.</source>
        <translation>日付は推測されやすいものです。</translation>
    </message>
    <message>
        <source>Avoid dates and years that are associated with you.</source>
        <translation>自分に関係のある日付や年は避けてください。</translation>
    </message>
    <message>
        <source>This is a top-10 common password.</source>
        <translation>よく使われるパスワードの上位10位に入っています。</translation>
    </message>
    <message>
        <source>This is a top-100 common password.</source>
        <translation>よく使われるパスワードの上位100位に入っています。</translation>
    </message>
    <message>
        <source>This is a very common password.</source>
        <translation>非常によく使われるパスワードです。</translation>
    </message>
    <message>
        <source>This is similar to a commonly used password.</source>
        <translation>よく使われるパスワードに似ています。</translation>
    </message>
    <message>
        <source>A word by itself is easy to guess.</source>
        <translation>単語1つだけでは簡単に推測されます。</translation>
    </message>
    <message>
        <source>Names and surnames by themselves are easy to guess.</source>
        <translation>名前や名字だけでは簡単に推測されます。</translation>
    </message>
    <message>
        <source>Common names and surnames are easy to guess.</source>
        <translation>よくある名前や名字は簡単に推測されます。</translation>
    </message>
    <message>
        <source>Capitalization doesn&apos;t help very much.</source>
        <translation>先頭を大文字にしても、あまり効果はありません。</translation>
    </message>
    <message>
        <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
        <translation>すべて大文字にしても、すべて小文字の場合とほとんど同じように推測されます。</translation>
    </message>
    <message>
        <source>Reversed words aren&apos;t much harder to guess.</source>
        <translation>単語を逆から綴っても、推測しにくさはあまり変わりません。</translation>
    </message>
    <message>
        <source>Predictable substitutions like &apos;@&apos; instead of &apos;a&apos; don&apos;t help very much.</source>
        <translation>「a」の代わりに「@」を使うような予想しやすい置き換えは、あまり効果がありません。</translation>
    </message>
    <message>
        <source>The {kind} {path} does not exist.</source>
        <translation>{kind} {path} は存在しません。</translation>
    </message>
    <message>
        <source>The {kind} {path} cannot be read: {reason}.</source>
        <translation>{kind} {path} を読み込めません（{reason}）。</translation>
    </message>
    <message>
        <source>The {kind} {path} cannot be opened: permission denied.</source>
        <translation>{kind} {path} を開けません。読み取りが許可されていません。</translation>
    </message>
    <message>
        <source>The {kind} {path} is a folder, not a file.</source>
        <translation>{kind} {path} はフォルダーです。ファイルを指定してください。</translation>
    </message>
    <message>
        <source>The {kind} {path} is a device or socket, not a file.</source>
        <translation>{kind} {path} はデバイスまたはソケットで、ファイルではありません。</translation>
    </message>
    <message>
        <source>The {kind} {path} is too large (the limit is {limit} KiB).</source>
        <translation>{kind} {path} は大きすぎます（上限は {limit} KiB です）。</translation>
    </message>
    <message>
        <source>The {kind} {path} is not UTF-8 text.</source>
        <translation>{kind} {path} は UTF-8 のテキストではありません。</translation>
    </message>
    <message>
        <source>{path} can be opened by other users of this computer (permissions {mode}); make it private with “chmod 600 {path}”.</source>
        <translation>{path} は、このコンピューターの他のユーザーも開ける状態です（アクセス権 {mode}）。「chmod 600 {path}」で自分だけが読めるようにしてください。</translation>
    </message>
    <message>
        <source>Recipient {position} of {count}: {message}</source>
        <translation>{count} 件中 {position} 件目の受取人: {message}</translation>
    </message>
    <message>
        <source>{name} is empty: it has no header row.</source>
        <translation>{name} は空です。見出しの行がありません。</translation>
    </message>
    <message>
        <source>{name} line {line} contains a NUL byte, so it is not a text table.</source>
        <translation>{name} の {line} 行目に NUL バイトがあるため、テキストの表ではありません。</translation>
    </message>
    <message>
        <source>{name} contains binary data at line {line}, so it is not a CSV text file.</source>
        <translation>{name} の {line} 行目にバイナリデータがあるため、CSV のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is an Excel workbook or another ZIP file, not a CSV text file.</source>
        <translation>{name} は Excel ブックなどの ZIP ファイルで、CSV のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is an old Excel workbook (.xls), not a CSV text file.</source>
        <translation>{name} は古い形式の Excel ブック（.xls）で、CSV のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a CSV text file.</source>
        <translation>{name} は PDF 文書で、CSV のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is an age-encrypted archive, not a CSV text file.</source>
        <translation>{name} は age で暗号化されたアーカイブで、CSV のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is neither UTF-8 nor CP932 (Shift_JIS) text.</source>
        <translation>{name} は UTF-8 のテキストでも CP932（Shift_JIS）のテキストでもありません。</translation>
    </message>
    <message>
        <source>{name} line {line} cannot be read as {encoding}.</source>
        <translation>{name} の {line} 行目は {encoding} として読み込めません。</translation>
    </message>
    <message>
        <source>{name} line {line} has bytes that are not valid {encoding}.</source>
        <translation>{name} の {line} 行目に、{encoding} として正しくないバイトがあります。</translation>
    </message>
    <message>
        <source>{name} line {line} names the column “{column}” twice (columns {first} and {second}).</source>
        <translation>{name} の {line} 行目で、列名「{column}」が2回使われています（{first} 列目と {second} 列目）。</translation>
    </message>
    <message>
        <source>{name} line {line} has {count} value(s), but the header has {expected} columns.</source>
        <translation>{name} の {line} 行目には値が {count} 個ありますが、見出しの列は {expected} 個です。</translation>
    </message>
    <message>
        <source>{name} line {line} opens a quoted value that is never closed.</source>
        <translation>{name} の {line} 行目で始まる引用符付きの値が、最後まで閉じられていません。</translation>
    </message>
    <message>
        <source>{name} line {line} has a quoted value followed by more text before the next delimiter (column {column}, closed on line {closed}).</source>
        <translation>{name} の {line} 行目: {column} 列目の引用符で囲んだ値が {closed} 行目で閉じた後、次の区切り文字までに余分な文字があります。</translation>
    </message>
    <message>
        <source>{name} line {line} has a quoted value followed by more text before the next delimiter (column {column}).</source>
        <translation>{name} の {line} 行目: {column} 列目の引用符で囲んだ値の後、次の区切り文字までに余分な文字があります。</translation>
    </message>
    <message>
        <source>{name} line {line} opens a quoted value that is not closed within {limit}.</source>
        <translation>{name} の {line} 行目で始まる引用符が、{limit} 以内に閉じられていません。</translation>
    </message>
    <message>
        <source>{name} line {line} starts a header longer than the limit of {limit}.</source>
        <translation>{name} の {line} 行目の見出し行が、上限の {limit} を超えています。</translation>
    </message>
    <message>
        <source>{name} line {line} starts a row longer than the limit of {limit}.</source>
        <translation>{name} の {line} 行目から始まる行が、上限の {limit} を超えています。</translation>
    </message>
    <message>
        <source>If the file is right, raise the limit with the command line&apos;s {option} (in MiB).</source>
        <translation>ファイルが正しい場合は、コマンドラインの {option}（MiB 単位）で上限を引き上げてください。</translation>
    </message>
    <message>
        <source>{name} line {line} names the delimiter {value} (sep=), but a delimiter must be one ASCII character.</source>
        <translation>{name} の {line} 行目（sep=）が区切り文字に {value} を指定していますが、区切り文字は半角英数記号の1文字でなければなりません。</translation>
    </message>
    <message>
        <source>The file has a column name of {count} characters; at most {limit} fit in the archive.</source>
        <translation>ファイルに {count} 文字の列名があります。アーカイブに記録できる列名は {limit} 文字までです。</translation>
    </message>
    <message>
        <source>The file has too many columns to list in the archive ({count} left out; the list would take {size} MiB, at most {limit} MiB fit).</source>
        <translation>ファイルの列が多すぎて、アーカイブに一覧を記録できません（除外する列が {count} 列あり、一覧が {size} MiB になります。記録できるのは {limit} MiB までです）。</translation>
    </message>
    <message>
        <source>The archive&apos;s manifest would be invalid at “{field}”.</source>
        <translation>アーカイブのマニフェストの「{field}」が正しくない値になります。</translation>
    </message>
    <message>
        <source>This archive names {count} recipients; this program opens archives of at most {limit}.</source>
        <translation>このアーカイブには {count} 件の受取人が指定されています。このプログラムが開けるのは {limit} 件までです。</translation>
    </message>
    <message>
        <source>This archive&apos;s passphrase protection needs more memory than this computer gives the program ({size} MiB for scrypt work factor {factor}); it was not opened.</source>
        <translation>このアーカイブのパスフレーズ保護は、このコンピューターがプログラムに割り当てられるより多くのメモリを必要とします（scrypt 作業係数 {factor} で {size} MiB）。開きませんでした。</translation>
    </message>
    <message>
        <source>{path} is a longer name than the file system allows.</source>
        <translation>{path} は、ファイルシステムで使える長さを超える名前です。</translation>
    </message>
    <message>
        <source>{path} cannot be used: {reason}.</source>
        <translation>{path} を使用できません（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is not an ordinary file (it is a pipe or a device).</source>
        <translation>{name} は通常のファイルではありません（パイプまたはデバイスです）。</translation>
    </message>
    <message>
        <source>{name} changed while it was being read: its header is not the one read at first.</source>
        <translation>{name} が読み込み中に変更されました（見出し行が最初に読んだものと違います）。</translation>
    </message>
    <message>
        <source>“{encoding}” is not an encoding a text file is written in.</source>
        <translation>「{encoding}」はテキストファイルの文字コードではありません。</translation>
    </message>
    <message>
        <source>The text given with {option} is not valid in this terminal&apos;s encoding.</source>
        <translation>{option} で指定された文字列は、この端末の文字コードでは正しい文字になっていません。</translation>
    </message>
    <message>
        <source>{name} lines {first} to {last} could not be read as CSV.</source>
        <translation>{name} の {first} 行目から {last} 行目を CSV として読み取れませんでした。</translation>
    </message>
    <message>
        <source>{name} line {line} is not valid CSV ({detail}).</source>
        <translation>{name} の {line} 行目は正しい CSV ではありません（{detail}）。</translation>
    </message>
    <message>
        <source>{name} could not be read as CSV ({detail}).</source>
        <translation>{name} を CSV として読み込めませんでした（{detail}）。</translation>
    </message>
    <message>
        <source>{name} could not be read: {reason}.</source>
        <translation>{name} を読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>{name} cannot be opened: permission denied.</source>
        <translation>{name} を開けません。読み取りが許可されていません。</translation>
    </message>
    <message>
        <source>{name} grew while it was being read, so the export was stopped.</source>
        <translation>{name} が読み込み中に大きくなったため、書き出しを中止しました。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a CSV file.</source>
        <translation>{path} はフォルダーです。CSV ファイルではありません。</translation>
    </message>
    <message>
        <source>“{encoding}” is not an encoding this program knows.</source>
        <translation>「{encoding}」は、このプログラムが扱える文字コードではありません。</translation>
    </message>
    <message>
        <source>The delimiter must be one ASCII character such as , or ; (not {value}).</source>
        <translation>区切り文字は , や ; のような半角英数記号の1文字にしてください（{value} は使えません）。</translation>
    </message>
    <message>
        <source>{name} has no column named “{column}”.</source>
        <translation>{name} には「{column}」という列がありません。</translation>
    </message>
    <message>
        <source>The column “{column}” is asked for twice.</source>
        <translation>列「{column}」が2回指定されています。</translation>
    </message>
    <message>
        <source>Did you mean {names}?</source>
        <translation>{names}の間違いではありませんか？</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>{path} に書き込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>{path} cannot be created: {reason}.</source>
        <translation>{path} を作成できません（{reason}）。</translation>
    </message>
    <message>
        <source>identity file</source>
        <translation>鍵ファイル</translation>
    </message>
    <message>
        <source>passphrase file</source>
        <translation>パスフレーズファイル</translation>
    </message>
    <message>
        <source>recipients file</source>
        <translation>受取人ファイル</translation>
    </message>
    <message>
        <source>The passphrase is too weak: it could be guessed in about 10^{power} tries.</source>
        <translation>パスフレーズが弱すぎます。約 10^{power} 回試すだけで推測されるおそれがあります。</translation>
    </message>
    <message>
        <source>The purpose is {count} characters long; at most {limit} fit in the archive.</source>
        <translation>利用目的が {count} 文字あります。アーカイブに記録できるのは {limit} 文字までです。</translation>
    </message>
    <message>
        <source>The recipient&apos;s organisation is {count} characters long; at most {limit} fit in the archive.</source>
        <translation>受取先が {count} 文字あります。アーカイブに記録できるのは {limit} 文字までです。</translation>
    </message>
    <message>
        <source>{name} holds no recipient key.</source>
        <translation>{name} には受取人の鍵が含まれていません。</translation>
    </message>
    <message>
        <source>This archive&apos;s passphrase protection demands more computing work than allowed (scrypt work factor above {limit}); it was not opened.</source>
        <translation>このアーカイブのパスフレーズ保護は許容を超える計算量を必要とするため（scrypt の作業係数が {limit} を超えています）、開きませんでした。</translation>
    </message>
    <message>
        <source>{name} decrypted, but it is not an exporter archive.</source>
        <translation>{name} は復号できましたが、exporter のアーカイブではありません。</translation>
    </message>
    <message>
        <source>{name} decrypted, but it does not hold data.csv and manifest.json.</source>
        <translation>{name} は復号できましたが、data.csv と manifest.json が含まれていません。</translation>
    </message>
    <message>
        <source>{name} decrypted, but its manifest is not an exporter manifest.</source>
        <translation>{name} は復号できましたが、マニフェストが exporter の形式ではありません。</translation>
    </message>
    <message>
        <source>The ZIP inside {name} is damaged: its directory is malformed.</source>
        <translation>{name} の中の ZIP が壊れています（ファイル一覧の形式が正しくありません）。</translation>
    </message>
    <message>
        <source>The ZIP inside {name} is damaged: the sizes of {entry} disagree.</source>
        <translation>{name} の中の ZIP が壊れています（{entry} のサイズの記載が食い違っています）。</translation>
    </message>
    <message>
        <source>The ZIP inside {name} is damaged: {entry} fails its CRC-32 check.</source>
        <translation>{name} の中の ZIP が壊れています（{entry} の CRC-32 検査に失敗しました）。</translation>
    </message>
    <message>
        <source>The ZIP inside {name} is damaged: the compressed data of {entry} is corrupt.</source>
        <translation>{name} の中の ZIP が壊れています（{entry} の圧縮データが壊れています）。</translation>
    </message>
    <message>
        <source>The ZIP inside {name} is damaged: {entry} unpacks to more than its headers say.</source>
        <translation>{name} の中の ZIP が壊れています（{entry} を展開すると記載されたサイズを超えます）。</translation>
    </message>
    <message>
        <source>{entry} in {name} is compressed with {method} (method {number}), which exporter never uses.</source>
        <translation>{name} の {entry} は、exporter が使わない圧縮方式 {method}（方式 {number}）で圧縮されています。</translation>
    </message>
    <message>
        <source>{entry} in {name} is encrypted inside the archive, which exporter never does.</source>
        <translation>{name} の {entry} はアーカイブの内部で暗号化されています。exporter はこのような暗号化をしません。</translation>
    </message>
    <message>
        <source>{name} decrypted, but it holds other files than data.csv and manifest.json.</source>
        <translation>{name} は復号できましたが、data.csv と manifest.json 以外のファイルが含まれています。</translation>
    </message>
    <message>
        <source>{name} decrypted, but it holds {entry} twice.</source>
        <translation>{name} は復号できましたが、{entry} が 2 つ含まれています。</translation>
    </message>
    <message>
        <source>The manifest in {name} is too large to be genuine.</source>
        <translation>{name} のマニフェストは大きすぎるため、正規のものではありません。</translation>
    </message>
    <message>
        <source>The manifest in {name} is not UTF-8 text.</source>
        <translation>{name} のマニフェストは UTF-8 のテキストではありません。</translation>
    </message>
    <message>
        <source>The manifest in {name} is not valid JSON.</source>
        <translation>{name} のマニフェストは正しい JSON ではありません。</translation>
    </message>
    <message>
        <source>The manifest in {name} is nested too deeply.</source>
        <translation>{name} のマニフェストは入れ子が深すぎます。</translation>
    </message>
    <message>
        <source>The manifest in {name} names a field twice.</source>
        <translation>{name} のマニフェストには同じ項目が 2 回出てきます。</translation>
    </message>
    <message>
        <source>The manifest in {name} holds text that is not valid Unicode.</source>
        <translation>{name} のマニフェストに Unicode として正しくない文字列が含まれています。</translation>
    </message>
    <message>
        <source>The manifest in {name} lacks “{field}”.</source>
        <translation>{name} のマニフェストに「{field}」がありません。</translation>
    </message>
    <message>
        <source>The manifest in {name} has an invalid “{field}”.</source>
        <translation>{name} のマニフェストの「{field}」の値が正しくありません。</translation>
    </message>
    <message>
        <source>{name} was made by a newer version of exporter (archive format {version}).</source>
        <translation>{name} は新しいバージョンの exporter で作成されています（アーカイブ形式 {version}）。</translation>
    </message>
    <message>
        <source>data.csv in {name} would unpack to {size}, {ratio} times the size of the archive; the limit is {limit} times.</source>
        <translation>{name} の data.csv は展開すると {size} になり、アーカイブの {ratio} 倍です。上限は {limit} 倍です。</translation>
    </message>
    <message>
        <source>If you trust the archive, allow more with --max-expansion {number}.</source>
        <translation>このアーカイブを信頼できる場合は、--max-expansion {number} を指定して上限を上げてください。</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>The folder {path} cannot be made.</source>
        <translation>フォルダー {path} を作成できません。</translation>
    </message>
    <message>
        <source>There is not enough free space in {path}: {needed} are needed and {free} are free.</source>
        <translation>{path} の空き容量が足りません（必要な容量は {needed}、空きは {free} です）。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full; nothing was written.</source>
        <translation>{path} のあるディスクがいっぱいです。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>The files are too large for the disk holding {path}; nothing was written.</source>
        <translation>ファイルが大きすぎて {path} のあるディスクに保存できません。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>「{name}」</translation>
    </message>
    <message>
        <source> or </source>
        <translation>または</translation>
    </message>
    <message>
        <source>Use “exporter decrypt --raw” to get its content as it is.</source>
        <translation>中身をそのまま取り出すには「exporter decrypt --raw」を使ってください。</translation>
    </message>
    <message>
        <source>data.csv in {name} does not match its manifest: the archive was altered.</source>
        <translation>{name} の data.csv がマニフェストと一致しません。アーカイブは改ざんされています。</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>フォルダー {path} がありません。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} が見つかりません。</translation>
    </message>
    <message>
        <source>{path} is a folder, not an archive.</source>
        <translation>{path} はフォルダーです。アーカイブではありません。</translation>
    </message>
    <message>
        <source>{path} already exists.</source>
        <translation>{path} はすでに存在します。</translation>
    </message>
    <message>
        <source>Choose an empty folder, or move the earlier files away.</source>
        <translation>空のフォルダーを選ぶか、以前のファイルを別の場所に移してください。</translation>
    </message>
    <message>
        <source>The folder {path} cannot be written to.</source>
        <translation>フォルダー {path} に書き込めません。</translation>
    </message>
    <message>
        <source>Choose a folder where you may save files.</source>
        <translation>保存が許可されているフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{name} holds no secret key.</source>
        <translation>{name} には秘密鍵が含まれていません。</translation>
    </message>
    <message>
        <source>Choose the key file made by “exporter keygen” or age-keygen.</source>
        <translation>「exporter keygen」または age-keygen で作成した鍵ファイルを選んでください。</translation>
    </message>
    <message>
        <source>This is not a valid age secret key.</source>
        <translation>有効な age の秘密鍵ではありません。</translation>
    </message>
    <message>
        <source>A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long.</source>
        <translation>秘密鍵は AGE-SECRET-KEY-1 で始まる74文字です。</translation>
    </message>
    <message>
        <source>A public key was given where the secret key belongs.</source>
        <translation>秘密鍵の代わりに公開鍵が指定されています。</translation>
    </message>
    <message>
        <source>Give the key file with the line that starts with AGE-SECRET-KEY-1.</source>
        <translation>AGE-SECRET-KEY-1 で始まる行がある鍵ファイルを指定してください。</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Export</source>
        <translation>持ち出し</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>持ち出しの進捗</translation>
    </message>
    <message>
        <source>&amp;Stop the export</source>
        <translation>持ち出しを中止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the export; nothing is written</source>
        <translation>持ち出しを中止（何も書き込まれません）</translation>
    </message>
    <message>
        <source>&amp;Back to the review</source>
        <translation>確認画面に戻る(&amp;B)</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint of the archive</source>
        <translation>アーカイブの SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>ファイルサイズ:</translation>
    </message>
    <message>
        <source>Residents:</source>
        <translation>住民数:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>フォルダーを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the folder that holds the archive</source>
        <translation>暗号化したファイルのあるフォルダーを開く</translation>
    </message>
    <message>
        <source>Hand the file to the recipient. The fingerprint lets them check that it arrived unchanged. Only the intended recipient can open it.</source>
        <translation>このファイルを受取人に渡してください。フィンガープリントで、受取人は届いたファイルが変更されていないことを確認できます。開けるのは指定した受取人だけです。</translation>
    </message>
    <message>
        <source>Writing the encrypted archive. Only encrypted data reaches the disk.</source>
        <translation>暗号化したファイルを書き込んでいます。ディスクに書き込まれるのは暗号化されたデータだけです。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>The export is not complete yet; go back and fill in every page.</source>
        <translation>持ち出しの設定がまだ完了していません。前の画面に戻り、すべての項目を入力してください。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>Rows processed: {done} of {total}</source>
        <translation>処理した行：{total} 行中 {done} 行</translation>
    </message>
    <message>
        <source>Done. The archive is saved.</source>
        <translation>完了しました。暗号化したファイルを保存しました。</translation>
    </message>
    <message>
        <source>The export did not finish; nothing was written.</source>
        <translation>持ち出しは完了しませんでした。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>持ち出しを中止しました。何も書き込まれていません。</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>Export resident data</source>
        <translation>住民データの持ち出し</translation>
    </message>
    <message>
        <source>&amp;Language / 言語</source>
        <translation>言語 / Language(&amp;L)</translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation>画面の表示言語</translation>
    </message>
    <message>
        <source>Close the wizard?</source>
        <translation>ウィザードを閉じますか？</translation>
    </message>
    <message>
        <source>The export is running: it stops, and nothing is written.</source>
        <translation>持ち出しの途中です。閉じると中止し、ファイルは何も作られません。</translation>
    </message>
    <message>
        <source>The file you chose and what you entered are not kept.</source>
        <translation>選んだファイルや入力した内容は保存されません。</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keep working</source>
        <translation>作業を続ける(&amp;K)</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>ファイル名(&amp;N):</translation>
    </message>
</context>
<context>
    <name>ManifestView</name>
    <message>
        <source>What you received</source>
        <translation>受け取ったデータの内容</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>利用目的:</translation>
    </message>
    <message>
        <source>Receiving organisation:</source>
        <translation>受取先:</translation>
    </message>
    <message>
        <source>Delete by:</source>
        <translation>削除期限:</translation>
    </message>
    <message>
        <source>Residents and columns:</source>
        <translation>件数と列数:</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列:</translation>
    </message>
    <message>
        <source>Sent at:</source>
        <translation>送信日時:</translation>
    </message>
    <message>
        <source>From the file:</source>
        <translation>元のファイル:</translation>
    </message>
    <message>
        <source>Saved in:</source>
        <translation>保存先:</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>フォルダーを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the folder that holds data.csv</source>
        <translation>data.csv のあるフォルダーを開く</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（記載なし）</translation>
    </message>
    <message>
        <source>The delete-by date has passed: delete this data now.</source>
        <translation>削除期限を過ぎています。このデータを直ちに削除してください。</translation>
    </message>
    <message>
        <source>{rows} × {columns}</source>
        <translation>{rows} × {columns}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} (kept {kept} of %Ln column(s))</source>
        <translation>
            <numerusform>{name}（全 %Ln 列のうち {kept} 列）</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
    <message>
        <source>No date was given; ask the sender when to delete the data.</source>
        <translation>削除期限の記載がありません。いつ削除すべきか送付元に確認してください。</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) ago)</source>
        <translation>
            <numerusform>{date}（%n 日前）</numerusform>
        </translation>
    </message>
    <message>
        <source>{date} (today)</source>
        <translation>{date}（本日）</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) left)</source>
        <translation>
            <numerusform>{date}（残り %n 日）</numerusform>
        </translation>
    </message>
    <message>
        <source>{date}, {time} ({zone})</source>
        <translation>{date} {time}（{zone}）</translation>
    </message>
</context>
<context>
    <name>OpenForm</name>
    <message>
        <source>1. Archive</source>
        <translation>1. アーカイブ</translation>
    </message>
    <message>
        <source>The .zip.age file you received</source>
        <translation>受け取った .zip.age ファイル</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>アーカイブファイル</translation>
    </message>
    <message>
        <source>Choose &amp;archive…</source>
        <translation>アーカイブを選択(&amp;A)…</translation>
    </message>
    <message>
        <source>You can also drag the archive or your key file onto this window.</source>
        <translation>アーカイブや鍵ファイルは、このウィンドウにドラッグして指定することもできます。</translation>
    </message>
    <message>
        <source>2. Your key or passphrase</source>
        <translation>2. 鍵またはパスフレーズ</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>鍵ファイル(&amp;K):</translation>
    </message>
    <message>
        <source>The key file made by “exporter keygen”</source>
        <translation>「exporter keygen」で作成した鍵ファイル</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>鍵ファイル</translation>
    </message>
    <message>
        <source>Choose key f&amp;ile…</source>
        <translation>鍵ファイルを選択(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>パスフレーズ(&amp;P):</translation>
    </message>
    <message>
        <source>The passphrase the sender told you</source>
        <translation>送付元から伝えられたパスフレーズ</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>3. Where to save the data</source>
        <translation>3. データの保存先</translation>
    </message>
    <message>
        <source>An empty folder</source>
        <translation>空のフォルダー</translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>保存先フォルダー</translation>
    </message>
    <message>
        <source>Choose &amp;folder…</source>
        <translation>フォルダーを選択(&amp;F)…</translation>
    </message>
    <message>
        <source>data.csv and manifest.json are saved here; a folder that already holds them is refused.</source>
        <translation>data.csv と manifest.json をここに保存します。これらのファイルがすでにあるフォルダーは使えません。</translation>
    </message>
    <message>
        <source>Choose the archive</source>
        <translation>アーカイブを選択</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age);;All files (*)</source>
        <translation>暗号化された持ち出しデータ (*.age);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose your key file</source>
        <translation>鍵ファイルを選択</translation>
    </message>
    <message>
        <source>Key files (*.txt *.key);;All files (*)</source>
        <translation>鍵ファイル (*.txt *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose a folder for the data</source>
        <translation>データの保存先フォルダーを選択</translation>
    </message>
    <message>
        <source>Choose the archive (.zip.age) first.</source>
        <translation>先にアーカイブ（.zip.age）を選んでください。</translation>
    </message>
    <message>
        <source>Choose your key file, or choose Passphrase and type it.</source>
        <translation>鍵ファイルを選ぶか、「パスフレーズ」を選んで入力してください。</translation>
    </message>
    <message>
        <source>Type the passphrase, or choose Key file.</source>
        <translation>パスフレーズを入力するか、「鍵ファイル」を選んでください。</translation>
    </message>
    <message>
        <source>Choose a folder for the data.</source>
        <translation>データの保存先フォルダーを選んでください。</translation>
    </message>
</context>
<context>
    <name>OpenWindow</name>
    <message>
        <source>Open an export</source>
        <translation>持ち出しデータを開く</translation>
    </message>
    <message>
        <source>Open an archive that was sent to you: choose the .zip.age file, your key file or the passphrase you were told, and a folder for the data. Nothing is saved unless the whole archive verifies.</source>
        <translation>送られてきたアーカイブを開きます。.zip.age ファイル、ご自分の鍵ファイル（または伝えられたパスフレーズ）、データの保存先フォルダーを選んでください。アーカイブ全体の検証に成功するまで、何も保存されません。</translation>
    </message>
    <message>
        <source>&amp;Verify and open</source>
        <translation>検証して開く(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Decrypting and verifying… %p%</source>
        <translation>復号・検証中… %p%</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Intact and complete: nothing was changed after the archive was encrypted, and data.csv matches its manifest. This does not prove who made it.</source>
        <translation>完全で、改ざんはありません。暗号化された後に変更された箇所はなく、data.csv はマニフェストの記載と一致しています。ただし、誰が作成したかを証明するものではありません。</translation>
    </message>
    <message>
        <source>If you trust the archive, open it on the command line with “exporter decrypt --max-expansion {factor}”.</source>
        <translation>このアーカイブを信頼できる場合は、コマンドラインで「exporter decrypt --max-expansion {factor}」を使って開いてください。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>中止しました。何も保存されていません。</translation>
    </message>
</context>
<context>
    <name>ProtectionPage</name>
    <message>
        <source>Protection</source>
        <translation>保護方法</translation>
    </message>
    <message>
        <source>Choose who can open the archive.</source>
        <translation>アーカイブを開ける人を決めてください。</translation>
    </message>
    <message>
        <source>The recipient&apos;s &amp;key (recommended)</source>
        <translation>受取人の鍵（推奨）(&amp;K)</translation>
    </message>
    <message>
        <source>A &amp;passphrase</source>
        <translation>パスフレーズ(&amp;P)</translation>
    </message>
    <message>
        <source>Paste the recipient&apos;s public key here: age1…</source>
        <translation>受取人の公開鍵をここに貼り付けてください: age1…</translation>
    </message>
    <message>
        <source>Recipient&apos;s public key</source>
        <translation>受取人の公開鍵</translation>
    </message>
    <message>
        <source>Load a recipients &amp;file…</source>
        <translation>受取人ファイルを読み込む(&amp;F)…</translation>
    </message>
    <message>
        <source>Key fingerprint to read aloud</source>
        <translation>読み上げ確認用の鍵フィンガープリント</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>表示(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Generate a passphrase of easily spoken words</source>
        <translation>読み上げやすい単語でパスフレーズを生成</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>コピー(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the passphrase; the clipboard is cleared after a minute</source>
        <translation>パスフレーズをコピー（クリップボードは1分後に消去されます）</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>パスフレーズの強度</translation>
    </message>
    <message>
        <source>Tell the recipient the passphrase by another way than the file: by phone or in person, never in the same e-mail or on the same medium.</source>
        <translation>パスフレーズは、ファイルとは別の方法で受取人に伝えてください。電話や対面で伝え、同じメールや同じ媒体には決して書かないでください。</translation>
    </message>
    <message>
        <source>No key yet. Ask the recipient for their public key.</source>
        <translation>鍵がまだありません。受取人に公開鍵を依頼してください。</translation>
    </message>
    <message>
        <source>This is not a recipient key. A key starts with age1 and is 62 characters long.</source>
        <translation>受取人の鍵ではありません。鍵は age1 で始まる62文字です。</translation>
    </message>
    <message>
        <source>Read this aloud to the recipient to check the key:</source>
        <translation>鍵を確認するため、受取人に次を読み上げてください:</translation>
    </message>
    <message>
        <source>Choose a recipients file</source>
        <translation>受取人ファイルを選択</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard is emptied in %n seconds.</source>
        <translation>
            <numerusform>コピーしました。クリップボードは %n 秒後に消去されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Generated from easily spoken words.</source>
        <translation>読み上げやすい単語から生成しました。</translation>
    </message>
    <message>
        <source>Too easy to guess. Press Generate, or use a longer phrase of unrelated words.</source>
        <translation>推測されやすいパスフレーズです。「生成」を押すか、関連のない単語を並べた、より長いフレーズにしてください。</translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message>
        <source>Purpose</source>
        <translation>利用目的</translation>
    </message>
    <message>
        <source>Say what the data is for and who receives it. This is written into the archive for the recipient.</source>
        <translation>データを何に使うか、誰が受け取るかを入力してください。この内容は暗号化したファイルに記録され、受取人も読めます。</translation>
    </message>
    <message>
        <source>For example: reminder calls for the autumn health check</source>
        <translation>例：秋の健康診断の受診勧奨の電話連絡</translation>
    </message>
    <message>
        <source>Purpose (required)</source>
        <translation>利用目的（必須）</translation>
    </message>
    <message>
        <source>For example: Example Call Centre Ltd.</source>
        <translation>例：株式会社サンプルコールセンター</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>受取先</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>削除期限</translation>
    </message>
    <message>
        <source>&amp;Purpose (required):</source>
        <translation>利用目的（必須）(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Receiving organisation:</source>
        <translation>受取先(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Delete by:</source>
        <translation>削除期限(&amp;D):</translation>
    </message>
    <message numerus="yes">
        <source>The recipient must delete the data by this date. Choose the shortest time the task needs; the default is %n days from today.</source>
        <translation>
            <numerusform>受取人はこの日までにデータを削除しなければなりません。業務に必要な最短の期間を選んでください（既定は本日から %n 日後です）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Check what leaves the office, then choose where to save the archive.</source>
        <translation>庁外に持ち出す内容を確認し、暗号化したファイルの保存先を選んでください。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>持ち出す(&amp;E)</translation>
    </message>
    <message>
        <source>Summary of the export</source>
        <translation>持ち出し内容の概要</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>暗号化したファイルの保存先</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>保存先(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>変更(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose where to save the archive</source>
        <translation>暗号化したファイルの保存先を選択</translation>
    </message>
    <message>
        <source>Type where to save the archive, or choose it with Change….</source>
        <translation>保存先を入力するか、「変更…」で選んでください。</translation>
    </message>
    <message>
        <source>Give the whole path, starting with the drive or folder, or choose it with Change….</source>
        <translation>ドライブまたはフォルダーから始まる保存先を入力するか、「変更…」で選んでください。</translation>
    </message>
    <message>
        <source>The file name must end in .zip.age, so that the recipient&apos;s program knows it.</source>
        <translation>受取人のプログラムが開けるように、ファイル名の末尾は .zip.age にしてください。</translation>
    </message>
    <message>
        <source>A file of this name already exists there. Choose another name; nothing is overwritten.</source>
        <translation>同じ名前のファイルがすでにあります。別の名前を選んでください（上書きはしません）。</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>このフォルダーはありません。</translation>
    </message>
    <message>
        <source>Excel shows at most {limit} rows, the header included: the recipient can open only the first {shown} of these {rows} rows in Excel. All of them are in the archive; tell the recipient.</source>
        <translation>Excel で表示できるのは見出し行を含めて {limit} 行までです。この {rows} 行のうち、受取人が Excel で開けるのは最初の {shown} 行だけです。すべての行は暗号化したファイルに入っていることを、受取人に伝えてください。</translation>
    </message>
    <message>
        <source>Save the archive as</source>
        <translation>暗号化したファイルの保存先</translation>
    </message>
    <message>
        <source>Encrypted archive (*.zip.age)</source>
        <translation>暗号化したファイル (*.zip.age)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln resident(s)</source>
        <translation>
            <numerusform>%Ln 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
    <message>
        <source>{residents} × {columns} leave the office.</source>
        <translation>{residents} × {columns}を庁外に持ち出します。</translation>
    </message>
    <message>
        <source>a passphrase. Tell it to the recipient by phone or in person, not with the file.</source>
        <translation>パスフレーズ。受取人には電話か対面で伝え、ファイルと一緒に送らないでください。</translation>
    </message>
    <message>
        <source>the recipient&apos;s key: {keys}</source>
        <translation>受取人の鍵: {keys}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{column}: {reason}</source>
        <translation>{column}：{reason}</translation>
    </message>
    <message>
        <source>Kept, in this order</source>
        <translation>持ち出す列（この順）</translation>
    </message>
    <message>
        <source>Kept, by kind</source>
        <translation>持ち出す列（種類別）</translation>
    </message>
    <message>
        <source>Reasons for sensitive columns</source>
        <translation>慎重な扱いが必要な列の理由</translation>
    </message>
    <message numerus="yes">
        <source>Left out (%n column(s))</source>
        <translation>
            <numerusform>持ち出さない列（%n 列）</numerusform>
        </translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>利用目的</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>受取先</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>削除期限</translation>
    </message>
    <message>
        <source>Protected with</source>
        <translation>保護方法</translation>
    </message>
    <message>
        <source>From the file</source>
        <translation>元のファイル</translation>
    </message>
    <message>
        <source>{kind}: {columns}</source>
        <translation>{kind}：{columns}</translation>
    </message>
</context>
<context>
    <name>SensitivePanel</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{column} ({kind})</source>
        <translation>{column}（{kind}）</translation>
    </message>
    <message>
        <source>Careful: {columns} hold the most protected kinds of personal data. Send them only if the law and the contract allow it and the task cannot be done without them.</source>
        <translation>注意：{columns}には、特に厳重な保護が必要な個人情報が含まれています。法令と契約で認められ、かつ業務に欠かせない場合に限り持ち出してください。</translation>
    </message>
    <message>
        <source>Why does the task need them? The reasons are written into the archive.</source>
        <translation>業務に必要な理由を列ごとに入力してください。理由は暗号化したファイルに記録されます。</translation>
    </message>
    <message>
        <source>Reason for {column}:</source>
        <translation>{column} の理由:</translation>
    </message>
    <message>
        <source>For example: to check eligibility against the tax records</source>
        <translation>例：課税情報で給付の対象かどうかを確認するため</translation>
    </message>
    <message>
        <source>Reason for sending {column}</source>
        <translation>{column} を持ち出す理由</translation>
    </message>
    <message numerus="yes">
        <source>I &amp;confirm the task needs these %n column(s).</source>
        <translation>
            <numerusform>この %n 列が業務に必要であることを確認しました(&amp;C)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm the sensitive columns</source>
        <translation>慎重な扱いが必要な列の確認</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Resident file</source>
        <translation>住民データファイル</translation>
    </message>
    <message>
        <source>Choose the file to take data from. It is only read, never changed.</source>
        <translation>データを取り出すファイルを選んでください。ファイルは読み込むだけで、変更されることはありません。</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>ファイルを選択(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose a resident file</source>
        <translation>住民データファイルを選択</translation>
    </message>
    <message>
        <source>Use the bundled &amp;sample</source>
        <translation>付属のサンプルを使う(&amp;S)</translation>
    </message>
    <message>
        <source>Use the bundled sample of invented residents</source>
        <translation>架空の住民による付属サンプルを使う</translation>
    </message>
    <message>
        <source>or drop a CSV file on this window</source>
        <translation>または CSV ファイルをこのウィンドウにドロップしてください</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>まだファイルが選ばれていません。</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>区切り文字</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>文字コード(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>区切り文字(&amp;D):</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>規模:</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>読み込みの進捗</translation>
    </message>
    <message>
        <source>Problem with the file</source>
        <translation>ファイルの問題</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>先頭行のプレビュー</translation>
    </message>
    <message>
        <source>&amp;Preview of the first rows:</source>
        <translation>先頭行のプレビュー(&amp;P):</translation>
    </message>
    <message>
        <source>Did you receive an archive (.zip.age) from someone else?</source>
        <translation>ほかの人から暗号化したファイル（.zip.age）を受け取った場合：</translation>
    </message>
    <message>
        <source>&amp;Open an export I received…</source>
        <translation>受け取ったデータを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an export you received, in its own window</source>
        <translation>受け取ったデータを別のウィンドウで開く</translation>
    </message>
    <message numerus="yes">
        <source>Bundled sample: %Ln invented resident(s)</source>
        <translation>
            <numerusform>付属サンプル：架空の住民 %Ln 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln resident(s) (rows)</source>
        <translation>
            <numerusform>%Ln 人（行）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making the sample file (only the first time): %Ln rows written…</source>
        <translation>
            <numerusform>サンプルファイルを作成しています（初回のみ）：%Ln 行を書き込みました…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking every row: %Ln rows read…</source>
        <translation>
            <numerusform>すべての行を確認しています：%Ln 行を読み込みました…</numerusform>
        </translation>
    </message>
    <message>
        <source>Other ( {char} )</source>
        <translation>その他（ {char} ）</translation>
    </message>
    <message>
        <source>CSV and text files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV・テキストファイル (*.csv *.txt *.tsv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>ファイルを読み込んでいます…</translation>
    </message>
    <message>
        <source>{rows} × {columns}</source>
        <translation>{rows} × {columns}</translation>
    </message>
    <message>
        <source>(from the file&apos;s sep= line)</source>
        <translation>（ファイルの sep= 行による指定）</translation>
    </message>
    <message>
        <source>(chosen here instead of the file&apos;s sep= line)</source>
        <translation>（ファイルの sep= 行ではなく、ここで選んだもの）</translation>
    </message>
    <message>
        <source>Every row was read without a problem.</source>
        <translation>すべての行を問題なく読み込みました。</translation>
    </message>
    <message>
        <source>Choose the file&apos;s encoding above, and it is read again.</source>
        <translation>上で文字コードを選ぶと、ファイルを読み直します。</translation>
    </message>
    <message>
        <source>Open it with “Open an export I received…” below.</source>
        <translation>下の「受け取ったデータを開く…」で開いてください。</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 with BOM (Excel)</source>
        <translation>UTF-8 BOM付き（Excel）</translation>
    </message>
    <message>
        <source>Shift_JIS (CP932)</source>
        <translation>Shift_JIS（CP932）</translation>
    </message>
    <message>
        <source>UTF-16 (Excel Unicode text)</source>
        <translation>UTF-16（Excel の Unicode テキスト）</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>カンマ（ , ）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>タブ</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>セミコロン（ ; ）</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>パイプ（ | ）</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>No passphrase yet</source>
        <translation>パスフレーズが未入力です</translation>
    </message>
    <message numerus="yes">
        <source>Too weak: about %n bits</source>
        <translation>
            <numerusform>弱すぎます：約 %n ビット</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Strong enough: about %n bits</source>
        <translation>
            <numerusform>十分な強度です：約 %n ビット</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>An internal error stopped the work ({0}); nothing was written.</source>
        <translation>内部エラーのため処理を中止しました（{0}）。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Please report this; set EXPORTER_DEBUG=1 to see the details.</source>
        <translation>この問題をご報告ください。EXPORTER_DEBUG=1 を設定すると詳細を確認できます。</translation>
    </message>
</context>
</TS>
