<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ColumnsPage</name>
    <message numerus="yes">
        <source>%n column(s) of {total} will leave the office.</source>
        <translation>
            <numerusform>%n column of {total} will leave the office.</numerusform>
            <numerusform>%n columns of {total} will leave the office.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManifestView</name>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) ago)</source>
        <translation>
            <numerusform>{date} (%n day ago)</numerusform>
            <numerusform>{date} (%n days ago)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) left)</source>
        <translation>
            <numerusform>{date} (%n day left)</numerusform>
            <numerusform>{date} (%n days left)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} (kept {kept} of %Ln column(s))</source>
        <translation>
            <numerusform>{name} (kept {kept} of %Ln column)</numerusform>
            <numerusform>{name} (kept {kept} of %Ln columns)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProtectionPage</name>
    <message numerus="yes">
        <source>Copied. The clipboard is emptied in %n seconds.</source>
        <translation>
            <numerusform>Copied. The clipboard is emptied in %n second.</numerusform>
            <numerusform>Copied. The clipboard is emptied in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurposePage</name>
    <message numerus="yes">
        <source>The recipient must delete the data by this date. Choose the shortest time the task needs; the default is %n days from today.</source>
        <translation>
            <numerusform>The recipient must delete the data by this date. Choose the shortest time the task needs; the default is %n day from today.</numerusform>
            <numerusform>The recipient must delete the data by this date. Choose the shortest time the task needs; the default is %n days from today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The recipient keeps the data at most %n day(s) under this profile.</source>
        <translation>
            <numerusform>The recipient keeps the data at most %n day under this profile.</numerusform>
            <numerusform>The recipient keeps the data at most %n days under this profile.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message numerus="yes">
        <source>delete by {day}: %n day(s) left</source>
        <translation>
            <numerusform>delete by {day}: %n day left</numerusform>
            <numerusform>delete by {day}: %n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>delete by {day}: %n day(s) past</source>
        <translation>
            <numerusform>delete by {day}: %n day past</numerusform>
            <numerusform>delete by {day}: %n days past</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%Ln resident(s)</source>
        <translation>
            <numerusform>%Ln resident</numerusform>
            <numerusform>%Ln residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out (%n column(s))</source>
        <translation>
            <numerusform>Left out (%n column)</numerusform>
            <numerusform>Left out (%n columns)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every row (%Ln resident(s))</source>
        <translation>
            <numerusform>every row (%Ln resident)</numerusform>
            <numerusform>every row (%Ln residents)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SensitivePanel</name>
    <message numerus="yes">
        <source>I &amp;confirm the task needs these %n column(s).</source>
        <translation>
            <numerusform>I &amp;confirm the task needs this column.</numerusform>
            <numerusform>I &amp;confirm the task needs these %n columns.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message numerus="yes">
        <source>Bundled sample: %Ln invented resident(s)</source>
        <translation>
            <numerusform>Bundled sample: %Ln invented resident</numerusform>
            <numerusform>Bundled sample: %Ln invented residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln resident(s) (rows)</source>
        <translation>
            <numerusform>%Ln resident (rows)</numerusform>
            <numerusform>%Ln residents (rows)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making the sample file (only the first time): %Ln rows written…</source>
        <translation>
            <numerusform>Making the sample file (only the first time): %Ln row written…</numerusform>
            <numerusform>Making the sample file (only the first time): %Ln rows written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking every row: %Ln rows read…</source>
        <translation>
            <numerusform>Checking every row: %Ln row read…</numerusform>
            <numerusform>Checking every row: %Ln rows read…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message numerus="yes">
        <source>Too weak: about %n bits</source>
        <translation>
            <numerusform>Too weak: about %n bit</numerusform>
            <numerusform>Too weak: about %n bits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Strong enough: about %n bits</source>
        <translation>
            <numerusform>Strong enough: about %n bit</numerusform>
            <numerusform>Strong enough: about %n bits</numerusform>
        </translation>
    </message>
</context>
</TS>
