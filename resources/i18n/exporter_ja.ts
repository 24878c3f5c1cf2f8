<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddRecipientDialog</name>
    <message>
        <source>Add to the address book</source>
        <translation>アドレス帳に登録</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>公開鍵：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <source>How the clerk will find them, e.g. Mirai Call Centre</source>
        <translation>一覧に表示する名前（例：みらいコールセンター）</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>組織(&amp;O)：</translation>
    </message>
    <message>
        <source>Signing key (for receipts):</source>
        <translation>署名確認用の公開鍵（受領書用）：</translation>
    </message>
    <message>
        <source>The recipient &amp;confirmed this check code today</source>
        <translation>この確認コードを今日、受取人と電話で確かめた(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>登録(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>AfterOpenPanel</name>
    <message>
        <source>Receipt and deletion</source>
        <translation>受領書と削除</translation>
    </message>
    <message>
        <source>Make a &amp;receipt…</source>
        <translation>受領書を作る(&amp;R)…</translation>
    </message>
    <message>
        <source>Save a signed receipt that tells the sender you received the archive.</source>
        <translation>ファイルを受け取ったことを送り主に知らせる、署名付きの受領書を保存します。</translation>
    </message>
    <message>
        <source>This archive was opened with a passphrase: receipts and deletion statements are signed with a key, so none can be made. Delete now still deletes the files.</source>
        <translation>このファイルは合言葉で開いたため、鍵で署名する受領書や削除証明書は作れません。「今すぐ削除」でファイルを削除することはできます。</translation>
    </message>
    <message>
        <source>Tell the sender you received the archive with a signed receipt. When you no longer need the data, Delete now removes the files exporter saved and makes a signed deletion statement to send back.</source>
        <translation>署名付きの受領書で、受け取ったことを送り主に知らせてください。データが不要になったら「今すぐ削除」を押すと、exporter が保存したファイルを削除し、送り主に返す署名付きの削除証明書を作ります。</translation>
    </message>
    <message>
        <source>Make the &amp;deletion statement…</source>
        <translation>削除証明書を作る(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Delete now…</source>
        <translation>今すぐ削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Receipt saved: {path}. Send it to the sender.</source>
        <translation>受領書を保存しました：{path}。送り主に送ってください。</translation>
    </message>
    <message>
        <source>The files were deleted. No deletion statement was saved; make it with the button above.</source>
        <translation>ファイルを削除しました。削除証明書は保存していません。上のボタンで作れます。</translation>
    </message>
    <message>
        <source>The files were deleted.</source>
        <translation>ファイルを削除しました。</translation>
    </message>
    <message>
        <source>The files were deleted. Deletion statement saved: {path}. Send it to the sender.</source>
        <translation>ファイルを削除しました。削除証明書を保存しました：{path}。送り主に送ってください。</translation>
    </message>
</context>
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
    <name>CheckCodes</name>
    <message>
        <source>Say it: {reading}</source>
        <translation>読み方：{reading}</translation>
    </message>
    <message>
        <source>Read the check code to the recipient on the phone: it must be the same as on their key card. If one digit differs, do not use the key.</source>
        <translation>確認コードを電話で受取人に読み上げてください。受取人の鍵カードと同じはずです。1桁でも違えば、その鍵は使わないでください。</translation>
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
        <translation>検索(&amp;F)：</translation>
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
        <translation>ファイルの列（チェックで持ち出し）(&amp;T)：</translation>
    </message>
    <message>
        <source>Name of the chosen kept column in the recipient&apos;s file</source>
        <translation>選んだ列の、受取人に渡すファイルでの名前</translation>
    </message>
    <message>
        <source> [{transform}]</source>
        <translation> ［{transform}］</translation>
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
        <translation>持ち出す列と並び順(&amp;K)：</translation>
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
        <translation>受取人に渡す列名(&amp;E)：</translation>
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
    <name>Condition</name>
    <message>
        <source>is</source>
        <translation>と等しい</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>と等しくない</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>のどれか</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>のどれでもない</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>を含む</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>空である</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>空でない</translation>
    </message>
    <message>
        <source>is on or after</source>
        <translation>以降</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>以上</translation>
    </message>
    <message>
        <source>is on or before</source>
        <translation>以前</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>以下</translation>
    </message>
    <message>
        <source>is after</source>
        <translation>より後</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>より大きい</translation>
    </message>
    <message>
        <source>is before</source>
        <translation>より前</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>より小さい</translation>
    </message>
    <message>
        <source>age is at least (years)</source>
        <translation>歳以上（年齢）</translation>
    </message>
    <message>
        <source>age is at most (years)</source>
        <translation>歳以下（年齢）</translation>
    </message>
    <message>
        <source>aged {value} or over by {column}</source>
        <translation>{column} から見て {value} 歳以上</translation>
    </message>
    <message>
        <source>aged {value} or under by {column}</source>
        <translation>{column} から見て {value} 歳以下</translation>
    </message>
    <message>
        <source>{column} {operator}</source>
        <translation>{column} が {operator}</translation>
    </message>
</context>
<context>
    <name>ConditionGroup</name>
    <message>
        <source>Rows where all of these hold:</source>
        <translation>次の条件をすべて満たす行：</translation>
    </message>
    <message>
        <source>+ &amp;And another condition</source>
        <translation>＋ 条件を追加（かつ）(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Type a value.</source>
        <translation>値を入力してください。</translation>
    </message>
    <message>
        <source>Age in years, such as 65</source>
        <translation>年齢（例：65）</translation>
    </message>
    <message>
        <source>Values separated by commas</source>
        <translation>値を「、」で区切って入力</translation>
    </message>
    <message>
        <source>A date (2026/4/1 or 令和8年4月1日) or a number</source>
        <translation>日付（2026/4/1、令和8年4月1日）または数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>この条件を削除</translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <source>Create my key</source>
        <translation>自分の鍵を作成</translation>
    </message>
    <message>
        <source>Your key lets you open the files sent to you. It is saved on this computer, protected by a passphrase that only you know: you type it each time you open a file. Choose a long passphrase and keep it safe; without it the key cannot be used.</source>
        <translation>鍵があれば、あなた宛てに送られたファイルを開けます。鍵はこのパソコンに保存され、あなただけが知る合言葉で守られます。ファイルを開くたびにその合言葉を入力します。長い合言葉を選び、大切に保管してください。合言葉がないと鍵は使えません。</translation>
    </message>
    <message>
        <source>Create a new key</source>
        <translation>新しい鍵を作成</translation>
    </message>
    <message>
        <source>You already have a key ({old}). It is kept as it is: files sent to it can still be opened with it. The new key is saved beside it as {new}; send its key card to the sender.</source>
        <translation>すでに鍵（{old}）があります。この鍵はそのまま残るので、この鍵あてに送られたファイルは引き続き開けます。新しい鍵は同じ場所に {new} という名前で保存されます。新しい鍵の鍵カードを送り主に送ってください。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>合言葉(&amp;P)：</translation>
    </message>
    <message>
        <source>Passphrase for your key</source>
        <translation>鍵を守る合言葉</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>もう一度(&amp;A)：</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>同じ合言葉をもう一度</translation>
    </message>
    <message>
        <source>&amp;Create the key</source>
        <translation>鍵を作成(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Too easy to guess: use a longer phrase of several unrelated words.</source>
        <translation>推測されやすすぎます。関係のない言葉をいくつか並べた、もっと長い合言葉にしてください。</translation>
    </message>
    <message>
        <source>Type the same passphrase again in the second field.</source>
        <translation>2つ目の欄に同じ合言葉をもう一度入力してください。</translation>
    </message>
    <message>
        <source>Creating your key…</source>
        <translation>鍵を作成しています…</translation>
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
        <source>File:</source>
        <translation>ファイル：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>ファイルサイズ：</translation>
    </message>
    <message>
        <source>Residents:</source>
        <translation>住民数：</translation>
    </message>
    <message>
        <source>Take-out register:</source>
        <translation>持ち出し簿：</translation>
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
        <source>Writing the encrypted archive. Only encrypted data reaches the disk.</source>
        <translation>暗号化したファイルを書き込んでいます。ディスクに書き込まれるのは暗号化されたデータだけです。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>record {number}</source>
        <translation>記録番号 {number}</translation>
    </message>
    <message>
        <source>none (no register is set by the IT policy)</source>
        <translation>なし（IT ポリシーで持ち出し簿が設定されていません）</translation>
    </message>
    <message>
        <source>{name} (send it with the archive: it says how to open and check it)</source>
        <translation>{name}（ファイルと一緒に送ってください。開き方と確認のしかたが書いてあります）</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>作成できませんでした</translation>
    </message>
    <message>
        <source>none (not asked for)</source>
        <translation>なし（作成しない設定）</translation>
    </message>
    <message>
        <source>The export is not complete yet; go back and fill in every page.</source>
        <translation>持ち出しの設定がまだ完了していません。前の画面に戻り、すべての項目を入力してください。</translation>
    </message>
    <message>
        <source>Nothing was exported: the office signing key&apos;s passphrase was not given.</source>
        <translation>署名用の鍵の合言葉が入力されなかったため、何も持ち出していません。</translation>
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
        <source>Hash value (SHA-256) of the archive</source>
        <translation>暗号化したファイルのハッシュ値（SHA-256）</translation>
    </message>
    <message>
        <source>Hash value (SHA-256):</source>
        <translation>ハッシュ値（SHA-256）：</translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation>説明書：</translation>
    </message>
    <message>
        <source>Hand the file to the recipient. The hash value lets them check that it arrived unchanged: exporter shows it when they open the file. Only the intended recipient can open it.</source>
        <translation>このファイルを受取人に渡してください。ハッシュ値を比べれば、ファイルが途中で変わっていないことを受取人が確かめられます（exporter で開くと表示されます）。開けるのは指定した受取人だけです。</translation>
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
        <translation>場所(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T)：</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>ファイル名(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>KeyCardDialog</name>
    <message>
        <source>Your key card</source>
        <translation>あなたの鍵カード</translation>
    </message>
    <message>
        <source>Send this card to the sender (for example the city office) by e-mail or on paper. They encrypt the files for you with this public key, and read the check code to you on the phone.</source>
        <translation>この鍵カードを、メールや紙で送り主（市役所など）に送ってください。送り主はこの公開鍵であなた宛てにファイルを暗号化し、電話で確認コードを読み上げます。</translation>
    </message>
    <message>
        <source>Your &amp;public key:</source>
        <translation>あなたの公開鍵(&amp;P)：</translation>
    </message>
    <message>
        <source>Your public key</source>
        <translation>あなたの公開鍵</translation>
    </message>
    <message>
        <source>Your &amp;signing key (for receipts and deletion statements):</source>
        <translation>署名確認用の公開鍵（受領書と削除の報告用）(&amp;S)：</translation>
    </message>
    <message>
        <source>Your signing key</source>
        <translation>署名確認用の公開鍵</translation>
    </message>
    <message>
        <source>Check code (confirm it with the sender on the phone):</source>
        <translation>確認コード（送り主と電話で確かめてください）：</translation>
    </message>
    <message>
        <source>Check code of both keys (confirm it with the sender on the phone):</source>
        <translation>2 つの公開鍵の確認コード（送り主と電話で確かめてください）：</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>確認コード</translation>
    </message>
    <message>
        <source>Send only this public key. Never send your secret key (the key file), and never tell anyone its passphrase.</source>
        <translation>この公開鍵だけを送ってください。秘密鍵（鍵ファイル）は送らないでください。合言葉も誰にも教えないでください。</translation>
    </message>
    <message>
        <source>Send only these two public keys. Never send your secret key (the key file), and never tell anyone its passphrase.</source>
        <translation>この 2 つの公開鍵だけを送ってください。秘密鍵（鍵ファイル）は送らないでください。合言葉も誰にも教えないでください。</translation>
    </message>
    <message>
        <source>Your secret key stays on this computer: {path}</source>
        <translation>秘密鍵はこのパソコンに残ります：{path}</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the key card (public keys and check code)</source>
        <translation>鍵カード（公開鍵と確認コード）をコピーする</translation>
    </message>
    <message>
        <source>&amp;Save as text file…</source>
        <translation>テキストファイルとして保存(&amp;S)…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>Copied. Paste it into an e-mail to the sender.</source>
        <translation>コピーしました。送り主へのメールに貼り付けてください。</translation>
    </message>
    <message>
        <source>my-public-key.txt</source>
        <translation>公開鍵.txt</translation>
    </message>
    <message>
        <source>Save the key card</source>
        <translation>鍵カードを保存</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>テキスト (*.txt)</translation>
    </message>
    <message>
        <source>Saved: {path}. Send this file to the sender; it holds only your public key.</source>
        <translation>保存しました：{path}。このファイルを送り主に送ってください。中身は公開鍵だけです。</translation>
    </message>
</context>
<context>
    <name>KeyPassphraseDialog</name>
    <message>
        <source>Passphrase of your key</source>
        <translation>鍵の合言葉</translation>
    </message>
    <message>
        <source>Your key file {name} is protected. Type its passphrase to show its key card.</source>
        <translation>鍵ファイル {name} は合言葉で守られています。鍵カードを表示するには、その合言葉を入力してください。</translation>
    </message>
    <message>
        <source>Your key file {name} is protected. Type its passphrase to open the archive.</source>
        <translation>鍵ファイル {name} は合言葉で守られています。ファイルを開くには、その合言葉を入力してください。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>合言葉(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Show the card</source>
        <translation>鍵カードを表示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ManifestView</name>
    <message>
        <source>What you received</source>
        <translation>受け取ったデータの内容</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>署名：</translation>
    </message>
    <message>
        <source>Purpose profile:</source>
        <translation>目的プロファイル：</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>利用目的：</translation>
    </message>
    <message>
        <source>Receiving organisation:</source>
        <translation>受取先：</translation>
    </message>
    <message>
        <source>Delete by:</source>
        <translation>削除期限：</translation>
    </message>
    <message>
        <source>Residents and columns:</source>
        <translation>件数と列数：</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>Rows and values:</source>
        <translation>行と値：</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>暗号化の宛先：</translation>
    </message>
    <message>
        <source>Sent at:</source>
        <translation>送信日時：</translation>
    </message>
    <message>
        <source>Hash value (SHA-256):</source>
        <translation>ハッシュ値（SHA-256）：</translation>
    </message>
    <message>
        <source>From the file:</source>
        <translation>元のファイル：</translation>
    </message>
    <message>
        <source>Saved in:</source>
        <translation>保存先：</translation>
    </message>
    <message>
        <source>Compare the hash value with the one the sender gave you (on their screen or in the instructions file beside the archive): if they are the same, this is the file they sent.</source>
        <translation>このハッシュ値を、送り主から伝えられたもの（送り主の画面、またはファイルに添えた説明書）と比べてください。同じなら、送り主が送ったファイルそのものです。</translation>
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
    <message>
        <source>Every row; every value as the sender&apos;s file has it.</source>
        <translation>すべての行。値は送り主のファイルのままです。</translation>
    </message>
    <message>
        <source>Deleted with Delete now (it was {path})</source>
        <translation>「今すぐ削除」で削除しました（保存先は {path} でした）</translation>
    </message>
    <message>
        <source>{name}, version {version}</source>
        <translation>{name}（第 {version} 版）</translation>
    </message>
    <message>
        <source>Legal basis: {basis}</source>
        <translation>法令上の根拠：{basis}</translation>
    </message>
    <message>
        <source>None (made under an IT policy without a purpose profile)</source>
        <translation>なし（IT ポリシーのもとで、目的プロファイルを使わずに作られました）</translation>
    </message>
    <message>
        <source>IT policy&apos;s hash value: {hash}</source>
        <translation>IT ポリシーのハッシュ値：{hash}</translation>
    </message>
    <message>
        <source>a passphrase (told to you separately)</source>
        <translation>合言葉（別の方法で伝えられたもの）</translation>
    </message>
    <message>
        <source>the sender&apos;s office</source>
        <translation>送り主の庁内用</translation>
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
    <name>OfficeRow</name>
    <message>
        <source>Also for our office:</source>
        <translation>庁内用にも暗号化：</translation>
    </message>
    <message>
        <source>{name}, check code {code}. The office can reopen every export (set by the IT policy).</source>
        <translation>{name}（確認コード {code}）。書き出したファイルはすべて庁内でも開き直せます（IT ポリシーで設定）。</translation>
    </message>
    <message>
        <source>{name}, check code {code}. The office can reopen every export (set in Settings).</source>
        <translation>{name}（確認コード {code}）。書き出したファイルはすべて庁内でも開き直せます（「設定」で変更）。</translation>
    </message>
    <message>
        <source>office key</source>
        <translation>庁内用の鍵</translation>
    </message>
</context>
<context>
    <name>OpenForm</name>
    <message>
        <source>1. Archive</source>
        <translation>1. 受け取ったファイル</translation>
    </message>
    <message>
        <source>The .zip.age file you received</source>
        <translation>受け取った .zip.age ファイル</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>受け取ったファイル</translation>
    </message>
    <message>
        <source>Choose &amp;archive…</source>
        <translation>ファイルを選択(&amp;A)…</translation>
    </message>
    <message>
        <source>You can also drag the archive or your key file onto this window.</source>
        <translation>受け取ったファイルや鍵ファイルは、このウィンドウにドラッグして指定することもできます。</translation>
    </message>
    <message>
        <source>2. Your key or passphrase</source>
        <translation>2. 鍵または合言葉</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>鍵ファイル(&amp;K)：</translation>
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
        <translation>合言葉(&amp;P)：</translation>
    </message>
    <message>
        <source>The passphrase the sender told you</source>
        <translation>送付元から伝えられた合言葉</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>合言葉</translation>
    </message>
    <message>
        <source>&amp;Create my key…</source>
        <translation>自分の鍵を作成(&amp;C)…</translation>
    </message>
    <message>
        <source>Your key is on this computer ({name}). The sender needs its key card once. Lost its passphrase? Create a new key: it is saved beside the old one, which is kept.</source>
        <translation>あなたの鍵はこのパソコンにあります（{name}）。送り主には鍵カードを一度送れば十分です。合言葉を忘れたときは新しい鍵を作成してください。新しい鍵は古い鍵の隣に保存され、古い鍵も残ります。</translation>
    </message>
    <message>
        <source>Create a &amp;new key…</source>
        <translation>新しい鍵を作成(&amp;N)…</translation>
    </message>
    <message>
        <source>Show my key &amp;card…</source>
        <translation>自分の鍵カードを表示(&amp;C)…</translation>
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
        <translation>受け取ったファイルを選択</translation>
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
        <source>No key yet? Create one, then send its key card to the sender so they can encrypt for you.</source>
        <translation>鍵をまだ持っていない場合は作成し、鍵カードを送り主に送ってください。送り主があなた宛てに暗号化できるようになります。</translation>
    </message>
    <message>
        <source>Choose the archive (.zip.age) first.</source>
        <translation>先に受け取ったファイル（.zip.age）を選んでください。</translation>
    </message>
    <message>
        <source>Choose your key file, or choose Passphrase and type it.</source>
        <translation>鍵ファイルを選ぶか、「合言葉」を選んで入力してください。</translation>
    </message>
    <message>
        <source>Type the passphrase, or choose Key file.</source>
        <translation>合言葉を入力するか、「鍵ファイル」を選んでください。</translation>
    </message>
    <message>
        <source>Choose a folder for the data.</source>
        <translation>データの保存先フォルダーを選んでください。</translation>
    </message>
</context>
<context>
    <name>OpenPanels</name>
    <message>
        <source>Nothing was deleted: the deletion statement is saved first, so choose where to save it to delete the files.</source>
        <translation>何も削除していません。削除証明書を先に保存するため、保存先を選ぶとファイルを削除します。</translation>
    </message>
</context>
<context>
    <name>OpenWindow</name>
    <message>
        <source>Open an export</source>
        <translation>受け取ったファイルを開く</translation>
    </message>
    <message>
        <source>Open an archive that was sent to you: choose the .zip.age file, your key file or the passphrase you were told, and a folder for the data. Nothing is saved unless the whole archive verifies.</source>
        <translation>送られてきた暗号化ファイルを開きます。.zip.age ファイル、ご自分の鍵ファイル（または伝えられた合言葉）、データの保存先フォルダーを選んでください。ファイル全体の確認が済むまで、何も保存されません。</translation>
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
        <translation>欠けも改ざんもありません。暗号化された後に変更された箇所はなく、data.csv は添付の記録（manifest.json）と一致しています。ただし、誰が作成したかを証明するものではありません。</translation>
    </message>
    <message>
        <source>If you trust the archive, open it on the command line with “exporter decrypt --max-expansion {factor}”.</source>
        <translation>このファイルを信頼できる場合は、コマンドラインで「exporter decrypt --max-expansion {factor}」を使って開いてください。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>中止しました。何も保存されていません。</translation>
    </message>
</context>
<context>
    <name>PassphraseField</name>
    <message>
        <source>S&amp;how</source>
        <translation>表示する(&amp;H)</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>合言葉を表示する</translation>
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
        <translation>暗号化したファイルを開ける人を決めてください。</translation>
    </message>
    <message>
        <source>A &amp;passphrase</source>
        <translation>合言葉(&amp;P)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>合言葉</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>The recipients&apos; &amp;keys (recommended)</source>
        <translation>受取人の鍵（推奨）(&amp;K)</translation>
    </message>
    <message>
        <source>Generate a passphrase of digit groups to read aloud</source>
        <translation>読み上げやすい数字の組で合言葉を生成する</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>コピー(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the passphrase; the clipboard is cleared after a minute</source>
        <translation>合言葉をコピー（クリップボードは1分後に消去されます）</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>合言葉の強度</translation>
    </message>
    <message>
        <source>Tell the recipient the passphrase by another way than the file: by phone or in person, never in the same e-mail or on the same medium.</source>
        <translation>合言葉は、ファイルとは別の方法で受取人に伝えてください。電話や対面で伝え、同じメールや同じ媒体には決して書かないでください。</translation>
    </message>
    <message>
        <source>Write &amp;instructions beside the archive (how to open and check it)</source>
        <translation>説明書をファイルの横に作成する（開き方と確認のしかた）(&amp;I)</translation>
    </message>
    <message>
        <source>Include the p&amp;urpose in the instructions</source>
        <translation>説明書に利用目的を含める(&amp;U)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>設定(&amp;T)…</translation>
    </message>
    <message>
        <source>Settings: the office key</source>
        <translation>設定：庁内用の鍵</translation>
    </message>
    <message>
        <source>Export &amp;without the copy for our office</source>
        <translation>庁内用の暗号化をせずに書き出す(&amp;W)</translation>
    </message>
    <message>
        <source>A passphrase cannot be combined with the office key, so the office will not be able to reopen an archive protected by a passphrase. Tick the box above to export it anyway.</source>
        <translation>合言葉は庁内用の鍵と組み合わせられないため、合言葉で守るファイルは庁内で開き直せません。それでも書き出す場合は、上のチェックを付けてください。</translation>
    </message>
    <message>
        <source>Generated. Read it to the recipient group by group; they may type it with or without the hyphens.</source>
        <translation>生成しました。受取人には組ごとに読み上げてください。入力するときはハイフンがあってもなくてもかまいません。</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard is emptied in %n seconds.</source>
        <translation>
            <numerusform>コピーしました。クリップボードは %n 秒後に消去されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too easy to guess. Press Generate, or use a longer phrase of unrelated words.</source>
        <translation>推測されやすい合言葉です。「生成」を押すか、関連のない単語を並べた、より長いフレーズにしてください。</translation>
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
        <translation>利用目的（必須）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Receiving organisation:</source>
        <translation>受取先(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Delete by:</source>
        <translation>削除期限(&amp;D)：</translation>
    </message>
    <message>
        <source>Purpose pro&amp;file:</source>
        <translation>目的のプロファイル(&amp;F)：</translation>
    </message>
    <message>
        <source>Purpose profile of the IT policy</source>
        <translation>IT ポリシーの目的のプロファイル</translation>
    </message>
    <message numerus="yes">
        <source>The recipient must delete the data by this date. Choose the shortest time the task needs; the default is %n days from today.</source>
        <translation>
            <numerusform>受取人はこの日までにデータを削除しなければなりません。業務に必要な最短の期間を選んでください（既定は本日から %n 日後です）。</numerusform>
        </translation>
    </message>
    <message>
        <source>none (no purpose profile)</source>
        <translation>なし（目的のプロファイルを使わない）</translation>
    </message>
    <message>
        <source>The IT policy {path} applies to this export.</source>
        <translation>この書き出しには IT ポリシー {path} が適用されます。</translation>
    </message>
    <message>
        <source>Legal basis: {basis}</source>
        <translation>法的根拠：{basis}</translation>
    </message>
    <message numerus="yes">
        <source>The recipient keeps the data at most %n day(s) under this profile.</source>
        <translation>
            <numerusform>このプロファイルでは、受取人がデータを保管できるのは最長 %n 日です。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipientActions</name>
    <message>
        <source>Save the receipt</source>
        <translation>受領書の保存</translation>
    </message>
    <message>
        <source>Delete the data now?</source>
        <translation>データを今すぐ削除しますか？</translation>
    </message>
    <message>
        <source>Delete these files of {name} now?</source>
        <translation>{name} の次のファイルを今すぐ削除しますか？</translation>
    </message>
    <message>
        <source>Only these files, which exporter saved, are deleted. Copies made elsewhere (another folder, a USB stick, e-mail, a printout) are not covered: delete them yourself.</source>
        <translation>削除するのは exporter が保存したこれらのファイルだけです。ほかの場所（別のフォルダー、USB メモリー、メール、印刷物）に作ったコピーは対象外です。ご自分で削除してください。</translation>
    </message>
    <message>
        <source>A signed deletion statement is then saved for you to send to the sender.</source>
        <translation>削除後、送り主に送る署名付きの削除証明書を保存します。</translation>
    </message>
    <message>
        <source>This archive was opened with a passphrase, so no signed deletion statement can be made.</source>
        <translation>このファイルは合言葉で開いたため、署名付きの削除証明書は作れません。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除する(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep the files</source>
        <translation>削除しない(&amp;K)</translation>
    </message>
    <message>
        <source>{files} was saved over after exporter saved it (by Excel, for example). It is deleted too, and the statement tells the sender it had been changed.</source>
        <translation>{files} は exporter が保存した後に上書き保存されています（Excel など）。これも削除し、変更されていたことを証明書で送り主に伝えます。</translation>
    </message>
    <message>
        <source>Save the deletion statement</source>
        <translation>削除証明書の保存</translation>
    </message>
    <message>
        <source>Take the archive off the list?</source>
        <translation>一覧から外しますか？</translation>
    </message>
    <message>
        <source>Take {name} off the list without deleting anything?</source>
        <translation>何も削除せずに {name} を一覧から外しますか？</translation>
    </message>
    <message>
        <source>exporter cannot delete its files: {reason}</source>
        <translation>exporter はこのファイルを削除できません。{reason}</translation>
    </message>
    <message>
        <source>Forget only stops the reminder. No deletion statement is made, because exporter did not delete the files. Delete the data and every copy yourself, and tell the sender what became of it.</source>
        <translation>一覧から外しても、削除期限のお知らせが出なくなるだけです。exporter はファイルを削除していないため、削除証明書は作りません。データとそのすべての写しをご自分で削除し、データをどうしたかを送り主に伝えてください。</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>一覧から外す(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Choose your key file first (box 2).</source>
        <translation>先に鍵ファイルを選んでください（2 の欄）。</translation>
    </message>
    <message>
        <source>Statements (*.statement.txt)</source>
        <translation>証明書 (*.statement.txt)</translation>
    </message>
</context>
<context>
    <name>RecipientPicker</name>
    <message>
        <source>Tick the recipients in the &amp;address book:</source>
        <translation>アドレス帳から受取人にチェックを付けてください(&amp;A)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>確認コード</translation>
    </message>
    <message>
        <source>Code confirmed</source>
        <translation>コード確認日</translation>
    </message>
    <message>
        <source>Address book of recipients</source>
        <translation>受取人のアドレス帳</translation>
    </message>
    <message>
        <source>The address book is empty. Paste the recipient&apos;s public key below; IT staff can add recipients with “exporter recipients add”.</source>
        <translation>アドレス帳は空です。下に受取人の公開鍵を貼り付けてください。情報システム担当者は「exporter recipients add」で受取人を登録できます。</translation>
    </message>
    <message>
        <source>Or past&amp;e a public key (age1…) or a key card, one key per line:</source>
        <translation>または公開鍵（age1…）か鍵カードを、1行に鍵1つずつ貼り付け(&amp;E)：</translation>
    </message>
    <message>
        <source>age1…</source>
        <translation>age1…</translation>
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
        <source>A&amp;dd to the address book…</source>
        <translation>アドレス帳に登録(&amp;D)…</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>This is not a recipient key. A key starts with age1 and is 62 characters long.</source>
        <translation>受取人の鍵ではありません。鍵は age1 で始まる62文字です。</translation>
    </message>
    <message>
        <source>No recipient yet. Tick a name, or paste a public key.</source>
        <translation>受取人がまだいません。名前にチェックを付けるか、公開鍵を貼り付けてください。</translation>
    </message>
    <message>
        <source>The pasted key card also has a signing key. Add the recipient to the address book to keep it: the check code on their card covers both keys, so it matches only once they are in the book.</source>
        <translation>貼り付けた鍵カードには署名確認用の公開鍵もあります。残すには受取人をアドレス帳に登録してください。鍵カードの確認コードは 2 つの鍵をまとめたものなので、アドレス帳に登録して初めて一致します。</translation>
    </message>
    <message>
        <source>Pasted key {start}…</source>
        <translation>貼り付けた鍵 {start}…</translation>
    </message>
    <message>
        <source>Choose a recipients file</source>
        <translation>受取人ファイルを選択</translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message>
        <source>Data to delete soon</source>
        <translation>削除期限が近いデータ</translation>
    </message>
    <message>
        <source>The delete-by date of these archives you opened is within {days} days or has passed. Delete the data once you no longer need it, and send the sender the deletion statement.</source>
        <translation>開いた次のファイルは、削除期限まで {days} 日以内か、期限を過ぎています。不要になったらデータを削除し、削除証明書を送り主に送ってください。</translation>
    </message>
    <message>
        <source>Delete now…</source>
        <translation>今すぐ削除…</translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation>一覧から外す…</translation>
    </message>
    <message>
        <source>exporter cannot delete these files (they were moved or deleted by hand). Take the archive off the list without a deletion statement.</source>
        <translation>ファイルが移動されたか手作業で削除されているため、exporter では削除できません。削除証明書を作らずに一覧から外します。</translation>
    </message>
    <message>
        <source>The files of {name} were deleted.</source>
        <translation>{name} のファイルを削除しました。</translation>
    </message>
    <message>
        <source>Deletion statement saved: {path}. Send it to the sender.</source>
        <translation>削除証明書を保存しました：{path}。送り主に送ってください。</translation>
    </message>
    <message>
        <source>{name} was taken off the list. Nothing was deleted and no deletion statement was made: tell the sender yourself what became of the data.</source>
        <translation>{name} を一覧から外しました。何も削除しておらず、削除証明書も作っていません。データをどうしたかは、ご自分で送り主に伝えてください。</translation>
    </message>
    <message numerus="yes">
        <source>delete by {day}: %n day(s) left</source>
        <translation>
            <numerusform>削除期限 {day}（あと %n 日）</numerusform>
        </translation>
    </message>
    <message>
        <source>delete by {day}: today</source>
        <translation>削除期限 {day}（今日）</translation>
    </message>
    <message numerus="yes">
        <source>delete by {day}: %n day(s) past</source>
        <translation>
            <numerusform>削除期限 {day}（%n 日過ぎています）</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} in {folder} — {due}</source>
        <translation>{name}（保存先 {folder}）— {due}</translation>
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
        <translation>保存先(&amp;A)：</translation>
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
    <message>
        <source>The residents in scope × {columns} leave the office.</source>
        <translation>対象の住民 × {columns}を庁外に持ち出します。</translation>
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
        <translation>合言葉。受取人には電話か対面で伝え、ファイルと一緒に送らないでください。</translation>
    </message>
    <message>
        <source>Not for our office: the office cannot reopen it.</source>
        <translation>庁内用には暗号化しません。庁内では開き直せません。</translation>
    </message>
    <message>
        <source>Pasted key {start}…</source>
        <translation>貼り付けた鍵 {start}…</translation>
    </message>
    <message>
        <source>the recipients&apos; keys (check code beside each name):</source>
        <translation>受取人の鍵（名前の横は確認コード）：</translation>
    </message>
    <message>
        <source>Also for our office ({name})</source>
        <translation>庁内用にも暗号化（{name}）</translation>
    </message>
    <message>
        <source>office key</source>
        <translation>庁内用の鍵</translation>
    </message>
    <message>
        <source>none</source>
        <translation>作成しない</translation>
    </message>
    <message>
        <source>written beside the archive, with the purpose</source>
        <translation>ファイルの横に作成（利用目的を含む）</translation>
    </message>
    <message>
        <source>written beside the archive, without the purpose</source>
        <translation>ファイルの横に作成（利用目的は含めない）</translation>
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
        <source>Rows in scope</source>
        <translation>対象の行</translation>
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
        <source>Instructions</source>
        <translation>説明書</translation>
    </message>
    <message>
        <source>Re-identification risk</source>
        <translation>個人が特定されるおそれ</translation>
    </message>
    <message>
        <source>From the file</source>
        <translation>元のファイル</translation>
    </message>
    <message numerus="yes">
        <source>every row (%Ln resident(s))</source>
        <translation>
            <numerusform>すべての行（%Ln 人）</numerusform>
        </translation>
    </message>
    <message>
        <source>{rows} of {total} resident(s)</source>
        <translation>{rows} / {total} 人</translation>
    </message>
    <message>
        <source>or</source>
        <translation>または</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、かつ </translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>値</translation>
    </message>
    <message>
        <source>all as they are in the file</source>
        <translation>すべてファイルのまま</translation>
    </message>
    <message>
        <source>{column}: {transform}</source>
        <translation>{column}：{transform}</translation>
    </message>
    <message>
        <source>Values changed</source>
        <translation>値の加工</translation>
    </message>
    <message>
        <source>Pseudonym key</source>
        <translation>仮名化の鍵</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>計算しています…</translation>
    </message>
    <message>
        <source>{kind}: {columns}</source>
        <translation>{kind}：{columns}</translation>
    </message>
</context>
<context>
    <name>RowsPage</name>
    <message>
        <source>In scope: {rows} of {total} resident(s)</source>
        <translation>対象：{rows} / {total} 人</translation>
    </message>
    <message>
        <source>Correct the condition marked below to count again.</source>
        <translation>赤字で示した条件を直すと、もう一度数えます。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>数えています…</translation>
    </message>
    <message>
        <source>No condition: every row leaves the office.</source>
        <translation>条件がないため、すべての行を持ち出します。</translation>
    </message>
    <message>
        <source>Counted on the whole file; ages on {date}.</source>
        <translation>ファイル全体で数えました。年齢は {date} 時点です。</translation>
    </message>
    <message>
        <source>Counted on the whole file.</source>
        <translation>ファイル全体で数えました。</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>対象の行</translation>
    </message>
    <message>
        <source>Keep only the residents the task needs. Without a condition, every row leaves.</source>
        <translation>業務に必要な住民だけに絞ります。条件がなければ、すべての行を持ち出します。</translation>
    </message>
    <message>
        <source>No condition yet. Add one to keep only some rows, such as residents aged 65 or over.</source>
        <translation>まだ条件がありません。「65 歳以上の住民だけ」のように絞るには、条件を追加してください。</translation>
    </message>
    <message>
        <source>+ &amp;Add a condition</source>
        <translation>＋ 条件を追加(&amp;A)</translation>
    </message>
    <message>
        <source>+ &amp;Or another group of conditions</source>
        <translation>＋ または（別の条件のまとまり）(&amp;O)</translation>
    </message>
    <message>
        <source>Remove all conditions</source>
        <translation>すべての条件を削除</translation>
    </message>
    <message>
        <source>Ages counted on:</source>
        <translation>年齢の基準日：</translation>
    </message>
    <message>
        <source>The day ages are counted on</source>
        <translation>年齢を数える基準日</translation>
    </message>
    <message>
        <source>Residents in scope</source>
        <translation>対象の住民の数</translation>
    </message>
    <message>
        <source>or</source>
        <translation>または</translation>
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
        <translation>{column} の理由：</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Office key</source>
        <translation>庁内用の鍵</translation>
    </message>
    <message>
        <source>When an office key is set, every export is also encrypted to it, so that the office can reopen and check what it sent. Review shows it, and the record inside the archive names it. The recipient does not need it. IT staff keep the office&apos;s secret key; enter only its public key here.</source>
        <translation>庁内用の鍵を設定すると、書き出すファイルはすべてこの鍵宛てにも暗号化され、送ったものを庁内で開き直して確かめられます。確認ページに表示され、ファイル内の記録にも残ります。受取人には必要ありません。秘密鍵は情報システム担当者が保管し、ここには公開鍵だけを入力してください。</translation>
    </message>
    <message>
        <source>Office &amp;public key:</source>
        <translation>庁内用の公開鍵(&amp;P)：</translation>
    </message>
    <message>
        <source>age1…</source>
        <translation>age1…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. Citizens Division, Kita City</source>
        <translation>例：北市 市民課</translation>
    </message>
    <message>
        <source>&amp;Set as office key</source>
        <translation>庁内用の鍵に設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove the office key</source>
        <translation>庁内用の鍵を削除(&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>No office key is set: exports are encrypted only for their recipients.</source>
        <translation>庁内用の鍵は設定されていません。ファイルは受取人宛てにだけ暗号化されます。</translation>
    </message>
    <message>
        <source>Current office key: {name}</source>
        <translation>現在の庁内用の鍵：{name}</translation>
    </message>
    <message>
        <source>Saved. Every export from now on is also for the office.</source>
        <translation>保存しました。これから書き出すファイルはすべて庁内用にも暗号化します。</translation>
    </message>
    <message>
        <source>Removed. Exports are encrypted only for their recipients.</source>
        <translation>削除しました。これからはファイルを受取人宛てにだけ暗号化します。</translation>
    </message>
</context>
<context>
    <name>SignPassphraseDialog</name>
    <message>
        <source>Passphrase of your key</source>
        <translation>鍵の合言葉</translation>
    </message>
    <message>
        <source>Your key file {name} is protected. Type its passphrase to sign the statement for the sender.</source>
        <translation>鍵ファイル {name} は合言葉で守られています。送り主に送る証明書に署名するため、その合言葉を入力してください。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>合言葉(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>署名する(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>SigningPrompt</name>
    <message>
        <source>Office signing key</source>
        <translation>庁内の署名用の鍵</translation>
    </message>
    <message>
        <source>The IT policy signs every export with the office&apos;s key {path}.
Type its passphrase:</source>
        <translation>IT ポリシーにより、持ち出すファイルにはすべて庁内の鍵 {path} で署名します。
その合言葉を入力してください：</translation>
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
        <translation>ファイル：</translation>
    </message>
    <message>
        <source>or drop a CSV file or an Excel workbook on this window</source>
        <translation>または CSV ファイルか Excel ブックをこのウィンドウにドロップしてください</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>文字コード(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>区切り文字(&amp;D)：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>規模：</translation>
    </message>
    <message>
        <source>S&amp;heet:</source>
        <translation>シート(&amp;H)：</translation>
    </message>
    <message>
        <source>Sheet of the workbook</source>
        <translation>ブックのシート</translation>
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
        <translation>先頭行のプレビュー(&amp;P)：</translation>
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
    <message>
        <source>CSV files and Excel workbooks (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)</source>
        <translation>CSV ファイル・Excel ブック (*.csv *.txt *.tsv *.xlsx *.xlsm);;すべてのファイル (*)</translation>
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
    <name>StatementDrops</name>
    <message>
        <source>No take-out register is set up (the IT policy names none), so statements cannot be imported here. Import them with “exporter register import FILE --register REGISTER”.</source>
        <translation>持ち出し簿が設定されていない（IT ポリシーに指定がない）ため、ここでは証明書を取り込めません。「exporter register import ファイル --register 持ち出し簿」で取り込んでください。</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>受領書</translation>
    </message>
    <message>
        <source>deletion statement</source>
        <translation>削除証明書</translation>
    </message>
    <message>
        <source>{file}: already in the register as record {number} ({kind}); nothing was added.</source>
        <translation>{file}：持ち出し簿の記録 {number}（{kind}）として取り込み済みです。何も追加していません。</translation>
    </message>
    <message>
        <source>{file}: added to the register as record {number}, the {kind} for export {export}.</source>
        <translation>{file}：記録 {export} の持ち出しに対する{kind}として、持ち出し簿に記録 {number} を追加しました。</translation>
    </message>
    <message>
        <source>Statements from recipients</source>
        <translation>受取人からの証明書</translation>
    </message>
    <message>
        <source>The statements were added to the take-out register.</source>
        <translation>証明書を持ち出し簿に取り込みました。</translation>
    </message>
    <message>
        <source>Not every statement could be added to the take-out register.</source>
        <translation>持ち出し簿に取り込めなかった証明書があります。</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>No passphrase yet</source>
        <translation>合言葉が未入力です</translation>
    </message>
    <message numerus="yes">
        <source>Too weak: about %n bits</source>
        <translation>
            <numerusform>弱すぎて、簡単に推測されます</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Strong enough: about %n bits</source>
        <translation>
            <numerusform>十分に強い合言葉です</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Transform</name>
    <message>
        <source>As it is</source>
        <translation>そのまま</translation>
    </message>
    <message>
        <source>Masked (the last {n} characters kept)</source>
        <translation>伏せ字（末尾 {n} 文字を残す）</translation>
    </message>
    <message>
        <source>Pseudonym (a token)</source>
        <translation>仮名化（記号に置き換え）</translation>
    </message>
    <message>
        <source>Year only</source>
        <translation>年だけ</translation>
    </message>
    <message>
        <source>Age band ({n} years)</source>
        <translation>年齢層（{n} 歳ごと）</translation>
    </message>
    <message>
        <source>First 3 digits of the postal code</source>
        <translation>郵便番号の上3桁</translation>
    </message>
    <message>
        <source>Address up to the town</source>
        <translation>町名まで</translation>
    </message>
    <message>
        <source>Formulas made inert</source>
        <translation>数式を無効にする</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>伏せ字</translation>
    </message>
    <message>
        <source>pseudonym</source>
        <translation>仮名化</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年だけ</translation>
    </message>
    <message>
        <source>age band</source>
        <translation>年齢層</translation>
    </message>
    <message>
        <source>postal area</source>
        <translation>郵便番号の上3桁</translation>
    </message>
    <message>
        <source>town</source>
        <translation>町名まで</translation>
    </message>
    <message>
        <source>formula-safe</source>
        <translation>数式を無効化</translation>
    </message>
    <message>
        <source>Masked (only the end kept)</source>
        <translation>伏せ字（末尾だけ残す）</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年齢層</translation>
    </message>
    <message>
        <source>Postal area (3 digits)</source>
        <translation>郵便番号の上3桁</translation>
    </message>
</context>
<context>
    <name>TransformChooser</name>
    <message>
        <source>Characters kept at the en&amp;d:</source>
        <translation>末尾に残す文字数(&amp;D)：</translation>
    </message>
    <message>
        <source>Years in each ban&amp;d:</source>
        <translation>年齢層の幅（歳）(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Values leave:</source>
        <translation>値の扱い(&amp;V)：</translation>
    </message>
    <message>
        <source>How the chosen column&apos;s values leave</source>
        <translation>選んだ列の値の扱い</translation>
    </message>
</context>
<context>
    <name>TransformNotes</name>
    <message>
        <source>Choose the pseudonym key</source>
        <translation>仮名化の鍵を選ぶ</translation>
    </message>
    <message>
        <source>Key files (*)</source>
        <translation>鍵ファイル (*)</translation>
    </message>
    <message>
        <source>Save the new pseudonym key as</source>
        <translation>新しい仮名化の鍵の保存先</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{columns}: some values start with =, +, - or @, which Excel may run as a formula. Make them inert if the recipient opens the file in Excel.</source>
        <translation>{columns}：=、+、-、@ で始まる値があり、Excel で開くと数式として実行されることがあります。受取人が Excel で開くなら、数式を無効にしてください。</translation>
    </message>
    <message>
        <source>Make formulas &amp;inert</source>
        <translation>数式を無効にする(&amp;I)</translation>
    </message>
    <message>
        <source>C&amp;hoose key…</source>
        <translation>鍵を選ぶ(&amp;H)…</translation>
    </message>
    <message>
        <source>Create a new ke&amp;y…</source>
        <translation>新しい鍵を作る(&amp;Y)…</translation>
    </message>
    <message>
        <source>Pseudonyms need the office&apos;s pseudonym key: choose its file.</source>
        <translation>仮名化には庁内の仮名化の鍵が必要です。鍵ファイルを選んでください。</translation>
    </message>
    <message>
        <source>Pseudonym key: {file}</source>
        <translation>仮名化の鍵：{file}</translation>
    </message>
</context>
<context>
    <name>policy_view</name>
    <message>
        <source>{reason} Rule {rule} of the policy {path}.</source>
        <translation>{reason}ポリシー {path} の規則 {rule} によります。</translation>
    </message>
</context>
</TS>
