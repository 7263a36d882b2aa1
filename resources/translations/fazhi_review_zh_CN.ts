<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjudicationDialog</name>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="75"/>
        <source>— (not in this copy)</source>
        <translation>—（此副本中没有）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="81"/>
        <location filename="../../desktop/ui/adjudication.py" line="482"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="106"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="107"/>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="108"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="197"/>
        <source>Adjudicate Report</source>
        <translation>裁定报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="206"/>
        <source>Show &amp;agreements too</source>
        <translation>同时显示一致项(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="241"/>
        <source>Take A (1)</source>
        <translation>采用 A 的值 (1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="242"/>
        <source>Take B (2)</source>
        <translation>采用 B 的值 (2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="243"/>
        <source>Edit Final… (F2)</source>
        <translation>编辑最终值… (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="244"/>
        <source>Next Disagreement (Tab)</source>
        <translation>下一处分歧 (Tab)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="245"/>
        <source>Apply Agreed Values</source>
        <translation>应用一致的值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="247"/>
        <source>Write every value both coders agree on to the final items (one undo step)</source>
        <translation>将两位编码人一致的所有值写入最终条目（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="271"/>
        <source>1: take A · 2: take B · F2 or E: edit the final value · Tab or N: next disagreement · Ctrl+Z in the window undoes</source>
        <translation>1：采用 A · 2：采用 B · F2 或 E：编辑最终值 · Tab 或 N：下一处分歧 · 在主窗口按 Ctrl+Z 撤销</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="301"/>
        <source>The report no longer exists.</source>
        <translation>该报告已不存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="318"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="319"/>
        <source>A: %1</source>
        <translation>编码人 A：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="320"/>
        <source>B: %1</source>
        <translation>编码人 B：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="321"/>
        <source>Final</source>
        <translation>最终值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="337"/>
        <source>The coders agree</source>
        <translation>两位编码人一致</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="339"/>
        <source>Decided</source>
        <translation>已裁定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="341"/>
        <source>The coders differ</source>
        <translation>两位编码人有分歧</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="353"/>
        <source>%1 disagreements, %2 to decide; %3 rows in all</source>
        <translation>%1 处分歧，%2 处待裁定；共 %3 行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="496"/>
        <source>Nothing to write: no final item, and the choice rejects it.</source>
        <translation>无需写入：没有最终条目，而所选的值是驳回。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="498"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="513"/>
        <source>Apply agreed values</source>
        <translation>应用一致的值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="516"/>
        <source>%1 agreed values applied</source>
        <translation>已应用 %1 个一致的值</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="57"/>
        <source>Agreement</source>
        <extracomment>the store&apos;s note that explains a figure rather than weakens it</extracomment>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="61"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="64"/>
        <source>Every double-coded report</source>
        <translation>所有双人编码的报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="65"/>
        <source>Double-coded reports the library shows</source>
        <translation>资料库当前显示的双人编码报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="76"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="76"/>
        <source>Measure</source>
        <translation>度量</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="76"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="76"/>
        <source>n</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="76"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="88"/>
        <source>Tinted rows: fewer than %1 units, no value or a caveat; read them with care.</source>
        <translation>着色的行：样本少于 %1 个、没有数值或带有提示，请谨慎解读。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="96"/>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="100"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="122"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="123"/>
        <source>Agreement…</source>
        <translation>一致性…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="127"/>
        <source>Could not compute the agreement: %1</source>
        <translation>无法计算一致性：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="158"/>
        <source>A fragile figure: read it with care.</source>
        <translation>不稳定的数字，请谨慎解读。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="167"/>
        <source>No report is double-coded by two reviewers yet: assign reports to two reviewers (Team › Assign Reports…), let both code them, then come back.</source>
        <translation>还没有由两位审核人双人编码的报告：请先把报告分配给两位审核人（团队 › 分配报告…），待两人都完成编码后再来查看。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="171"/>
        <source>%1 double-coded reports; coders: %2.</source>
        <translation>%1 份双人编码报告；编码人：%2。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="176"/>
        <source>%1 matched items are left out: a coder has not decided them yet.</source>
        <translation>%1 个配对条目未计入：有编码人尚未作出决定。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="183"/>
        <source>Percent: the share of items both coders decided alike. Kappa: agreement beyond chance (1 perfect, 0 chance). Span F1: the same spans found (exact, or overlapping).</source>
        <translation>百分比：两位编码人决定相同的条目所占比例。Kappa：扣除偶然一致后的一致性（1 为完全一致，0 相当于偶然）。片段 F1：找到相同文本片段的程度（完全相同，或有重叠）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="195"/>
        <source>Fields: categorical, pooled</source>
        <translation>字段：分类字段合计</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="196"/>
        <source>Field: %1</source>
        <translation>字段：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="198"/>
        <source>Parts</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="199"/>
        <source>Indicators of metrics</source>
        <translation>指标的类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="200"/>
        <source>Headings</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="201"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="207"/>
        <source>percent agreement</source>
        <translation>百分比一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="208"/>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen kappa 系数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="209"/>
        <source>span F1, exact</source>
        <translation>片段 F1（完全相同）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="210"/>
        <source>span F1, overlapping</source>
        <translation>片段 F1（有重叠）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="219"/>
        <source>no decided double-coded items yet</source>
        <translation>还没有已决定的双人编码条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="220"/>
        <source>too few items to read much into</source>
        <translation>条目太少，难以说明问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="222"/>
        <source>one label dominates: kappa is unstable, look at percent agreement</source>
        <translation>一个标签占绝大多数：kappa 不稳定，请参看百分比一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="227"/>
        <source>kappa undefined: both coders used one label only (chance agreement is 1); look at percent agreement</source>
        <translation>kappa 无定义：两位编码人都只用了同一个标签（偶然一致为 1）；请参看百分比一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="229"/>
        <source>disagreement is mostly about span boundaries</source>
        <translation>分歧主要在于片段的起止位置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="247"/>
        <location filename="../../desktop/ui/team_agreement.py" line="256"/>
        <source>Export agreement</source>
        <translation>导出一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="247"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_agreement.py" line="259"/>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="144"/>
        <source>Fazhi Review ran into a problem: %1

Everything you saved so far is kept. Details were written to %2.</source>
        <extracomment>imported above before Qt (desktop.store.team: every report opened asks it, for double coding)</extracomment>
        <translation>法治报告审核遇到问题：%1

已保存的内容都不会丢失。详细信息已写入 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="150"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="254"/>
        <source>Cannot open library</source>
        <translation>无法打开资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="255"/>
        <source>%1 cannot be opened as a library:
%2</source>
        <translation>无法将 %1 作为资料库打开：
%2</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="58"/>
        <source>Assign Reports</source>
        <translation>分配报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="65"/>
        <source>Report ids, e.g. 3, 5-7</source>
        <translation>报告编号，例如 3, 5-7</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="66"/>
        <source>Reports the &amp;Library Shows</source>
        <translation>资料库当前显示的报告(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="67"/>
        <source>Every report that passes the library&apos;s filter and search</source>
        <translation>通过资料库筛选和搜索的所有报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="71"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="77"/>
        <source>&amp;Double coding: both code the report, each on a copy of their own</source>
        <translation>双人编码(&amp;D)：两人各自在自己的副本上编码该报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="81"/>
        <location filename="../../desktop/ui/team_assign.py" line="102"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="83"/>
        <source>Second reviewer</source>
        <translation>第二审核人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="86"/>
        <source>&amp;Assign</source>
        <translation>分配(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="100"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="101"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="103"/>
        <source>Coding</source>
        <translation>编码方式</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="104"/>
        <source>Assigned by</source>
        <translation>分配人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="105"/>
        <source>Coding done</source>
        <translation>编码完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="112"/>
        <source>&amp;Unassign</source>
        <translation>取消分配(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="146"/>
        <source>Not a report id: %1</source>
        <translation>不是报告编号：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="161"/>
        <source>Enter the reports to assign.</source>
        <translation>请输入要分配的报告。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="165"/>
        <source>Enter the reviewer&apos;s name.</source>
        <translation>请输入审核人姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="167"/>
        <source>Double coding needs two reviewers.</source>
        <translation>双人编码需要两位审核人。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="171"/>
        <source>Double coding needs two different reviewers.</source>
        <translation>双人编码需要两位不同的审核人。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="188"/>
        <source>Assigning reports…</source>
        <translation>正在分配报告…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="198"/>
        <source>%1 reports assigned to %2.</source>
        <translation>已将 %1 份报告分配给 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="200"/>
        <source>Double coding: each reviewer codes a copy of their own.</source>
        <translation>双人编码：每位审核人在自己的副本上编码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="202"/>
        <source>Not assigned:</source>
        <translation>未分配：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="210"/>
        <source>Not assigned: %1</source>
        <translation>未分配：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="225"/>
        <source>double</source>
        <translation>双人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="225"/>
        <source>single</source>
        <translation>单人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_assign.py" line="242"/>
        <source>Unassigned.</source>
        <translation>已取消分配。</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <location filename="../../desktop/ui/learning.py" line="224"/>
        <source>Indicator Catalogue</source>
        <translation>指标类别目录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="230"/>
        <source>Phrases you taught the app, used with the bundled catalogue by every extraction and re-extraction.
File: %1</source>
        <translation>您教给程序的短语，与内置目录一起用于每次抽取和重新抽取。
文件：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="239"/>
        <source>Indicator</source>
        <translation>指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="239"/>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="251"/>
        <source>New phrase, e.g. 满意程度</source>
        <translation>新短语，例如 满意程度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="252"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="254"/>
        <source>&amp;Remove Selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="284"/>
        <source>The catalogue file cannot be read: %1</source>
        <translation>无法读取目录文件：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="305"/>
        <source>Not a phrase: %1</source>
        <translation>不是有效短语：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="341"/>
        <source>Row %1: not a phrase: %2</source>
        <translation>第 %1 行不是有效短语：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="348"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>CatalogueLearner</name>
    <message>
        <location filename="../../desktop/ui/learning.py" line="180"/>
        <source>Catalogue not changed</source>
        <translation>目录未更改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="187"/>
        <source>“%1” added to the catalogue as %2; Review › Re-extract This Report uses it.</source>
        <translation>已将“%1”作为%2加入目录；“审核 › 重新抽取此报告”会用到它。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="192"/>
        <source>The catalogue already has “%1”.</source>
        <translation>目录中已有“%1”。</translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="407"/>
        <source>Distribution across regions</source>
        <translation>各地区分布</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="408"/>
        <source>Trend across years</source>
        <translation>历年趋势</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="409"/>
        <source>Coverage by province</source>
        <translation>按省份的覆盖情况</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="413"/>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="414"/>
        <source>Export &amp;SVG…</source>
        <translation>导出 SVG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="423"/>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="425"/>
        <source>Indicator:</source>
        <translation>指标类别：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="439"/>
        <source>No report in the dataset states this indicator</source>
        <translation>数据集中没有报告列出此指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="440"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="441"/>
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="442"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="443"/>
        <source>Share of the province&apos;s reports</source>
        <translation>占该省报告的比例</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="444"/>
        <source>%1: across regions</source>
        <translation>%1：各地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="445"/>
        <source>%1: across years</source>
        <translation>%1：历年</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="446"/>
        <source>Which indicators the reports state, by province</source>
        <translation>各省报告列出的指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="516"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="527"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="44"/>
        <source>Connect to Team Database</source>
        <translation>连接团队数据库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="50"/>
        <source>A library on a PostgreSQL server, shared by a team. Everyone&apos;s edits are saved there at once, with the reviewer&apos;s name.</source>
        <translation>位于 PostgreSQL 服务器上、由团队共用的资料库。每个人的修改都会立即保存在那里，并记录审核人姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="61"/>
        <source>The server&apos;s name or address (a folder starting with / for a local socket)</source>
        <translation>服务器名称或地址（本机套接字则填以 / 开头的文件夹）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="73"/>
        <source>Not stored; empty: use ~/.pgpass</source>
        <translation>不会保存；留空则使用 ~/.pgpass</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="74"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="75"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="76"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="77"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="78"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="81"/>
        <source>The password is never stored. To connect without typing it, put it in libpq&apos;s password file, ~/.pgpass (one line: host:port:database:user:password, readable by you only).</source>
        <translation>密码从不保存。若想连接时不必输入密码，请把它写入 libpq 的密码文件 ~/.pgpass（每行一条：host:port:database:user:password，仅限本人可读）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="90"/>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="102"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="121"/>
        <source>Enter the server&apos;s host name.</source>
        <translation>请输入服务器主机名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="123"/>
        <source>Enter the name of the database.</source>
        <translation>请输入数据库名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="136"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="137"/>
        <source>Testing the connection</source>
        <translation>正在测试连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="141"/>
        <source>Cannot connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="149"/>
        <source>The database is empty: it becomes a library when you connect.</source>
        <translation>该数据库是空的：连接后即成为资料库。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="151"/>
        <source>The database is a Fazhi Review library.</source>
        <translation>该数据库是法治报告审核的资料库。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="154"/>
        <source>The database is a Fazhi Review library of another version (%1); it is upgraded when you connect, if this version knows it.</source>
        <translation>该数据库是其他版本（%1）的法治报告审核资料库；若本版本支持，连接时会自动升级。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_connect.py" line="157"/>
        <source>Connected to PostgreSQL %1.</source>
        <translation>已连接到 PostgreSQL %1。</translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="659"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="668"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="670"/>
        <source>Show indicators no report states</source>
        <translation>显示没有报告列出的指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="693"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="694"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="695"/>
        <source>Quality</source>
        <translation>抽取质量</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="747"/>
        <location filename="../../desktop/ui/dataset_view.py" line="749"/>
        <source>Reading the dataset…</source>
        <translation>正在读取数据集…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="769"/>
        <source>The dataset could not be read: %1</source>
        <translation>无法读取数据集：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="806"/>
        <source>has flags</source>
        <translation>有标记</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="809"/>
        <source>%1 reports</source>
        <translation>%1 份报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="812"/>
        <source>Library filter: %1 · %2</source>
        <translation>资料库筛选：%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="815"/>
        <source>All reports in the library · %1</source>
        <translation>资料库中的全部报告 · %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="56"/>
        <location filename="../../desktop/ui/dialogs.py" line="107"/>
        <location filename="../../desktop/ui/dialogs.py" line="110"/>
        <source>Export dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="59"/>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines（.jsonl）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="60"/>
        <source>CSV, for Excel (two .csv files)</source>
        <translation>CSV，适用于 Excel（两个 .csv 文件）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="61"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="65"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="70"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="74"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="84"/>
        <source>Reports that are</source>
        <translation>报告状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="85"/>
        <source>Add provenance columns (source, extractor&apos;s value, confidence)</source>
        <translation>添加溯源列（出处、自动抽取的值、置信度）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="100"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="107"/>
        <source>Choose where to save the dataset.</source>
        <translation>请选择数据集的保存位置。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="110"/>
        <source>Choose at least one report state.</source>
        <translation>请至少选择一种报告状态。</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="67"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="103"/>
        <location filename="../../desktop/ui/panels/fields.py" line="123"/>
        <location filename="../../desktop/ui/panels/fields.py" line="134"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="105"/>
        <source>province</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="106"/>
        <source>prefecture (地级市, 自治州)</source>
        <translation>地级（地级市、自治州）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="107"/>
        <source>county (县, 县级市)</source>
        <translation>县级（县、县级市）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="108"/>
        <source>district (市辖区)</source>
        <translation>市辖区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="109"/>
        <source>zone (开发区, 高新区, 新区)</source>
        <translation>功能区（开发区、高新区、新区）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="110"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="111"/>
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="124"/>
        <source>simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="125"/>
        <source>traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="142"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="182"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="189"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="193"/>
        <source>Click “Save anyway” to keep this value.</source>
        <translation>点击“仍然保存”以保留此值。</translation>
    </message>
</context>
<context>
    <name>FieldsPanel</name>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="208"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="208"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="208"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="227"/>
        <source>Edit value…</source>
        <extracomment>The editor open now (None when none is).</extracomment>
        <translation>编辑值…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="228"/>
        <source>Accept</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="229"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/fields.py" line="313"/>
        <source>Not extracted: F2 adds it</source>
        <translation>未抽取：按 F2 添加</translation>
    </message>
</context>
<context>
    <name>FinalValueDialog</name>
    <message>
        <location filename="../../desktop/ui/adjudication.py" line="125"/>
        <source>Final Value</source>
        <translation>最终值</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="193"/>
        <source>%1 reports imported, %2 duplicates skipped, %3 files could not be read.</source>
        <translation>已导入 %1 份报告，跳过 %2 份重复报告，%3 个文件无法读取。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="199"/>
        <source>The import was cancelled; the files imported so far are kept.</source>
        <translation>导入已取消；已导入的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="201"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="204"/>
        <source>%1: already in the library</source>
        <translation>%1：已在资料库中</translation>
    </message>
</context>
<context>
    <name>IndicatorDelegate</name>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="311"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="359"/>
        <source>No indicator matches “%1”</source>
        <translation>没有与“%1”匹配的指标类别</translation>
    </message>
</context>
<context>
    <name>IndicatorTableModel</name>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="156"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="157"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="158"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="159"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="160"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="161"/>
        <source>Indicators</source>
        <translation>指标类别数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="170"/>
        <source>How many indicators the report states</source>
        <translation>报告列出的指标类别数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="182"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="191"/>
        <source>%1 of %2 reports state this indicator</source>
        <translation>%2 份报告中有 %1 份列出此指标类别</translation>
    </message>
</context>
<context>
    <name>Insights</name>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="68"/>
        <source>&amp;Dataset…</source>
        <translation>数据集(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="69"/>
        <source>Indicator &amp;Catalogue…</source>
        <translation>指标类别目录(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="70"/>
        <source>&amp;Share Summary…</source>
        <translation>分享摘要(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="86"/>
        <source>Re&amp;port</source>
        <translation>报告(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="123"/>
        <source>Share Summary</source>
        <translation>分享摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="123"/>
        <source>Open a report first.</source>
        <translation>请先打开一份报告。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="130"/>
        <source>Share a summary of the report</source>
        <translation>分享报告摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="132"/>
        <source>Web page (*.html);;PDF (*.pdf)</source>
        <translation>网页 (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="142"/>
        <source>Summary not written</source>
        <translation>摘要未写入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_menu.py" line="144"/>
        <source>Summary written to %1</source>
        <translation>摘要已写入 %1</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../desktop/ui/panels/base.py" line="195"/>
        <source>Extractor&apos;s confidence: %1</source>
        <extracomment>Rows of rejected items: greyed (and struck through). Marks a row whose item has problems. the caret&apos;s offset in the report text (set by the window), None when unknown The actions of the panel&apos;s context menu, in order (None: a separator). The actions the window may put in its menus (see :meth:`actions_for_menu`).</extracomment>
        <translation>自动抽取置信度：%1</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../desktop/ui/worker.py" line="62"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/worker.py" line="77"/>
        <source>Cancelling after the current file…</source>
        <translation>当前文件处理完后取消…</translation>
    </message>
</context>
<context>
    <name>LearningBar</name>
    <message>
        <location filename="../../desktop/ui/learning.py" line="93"/>
        <source>The words that name the indicator; trim them before adding</source>
        <translation>指明该指标类别的词语；添加前可删减</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="94"/>
        <source>Add to Catalogue</source>
        <translation>加入目录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="96"/>
        <source>Not Now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/learning.py" line="113"/>
        <source>The catalogue does not know that “%1” names %2. Add the phrase to your catalogue, so that re-extraction finds it?</source>
        <translation>目录还不知道“%1”指的是%2。把这个短语加入您的目录，让重新抽取能找到它吗？</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="54"/>
        <source>File</source>
        <extracomment>(sort key in queries.SORT_KEYS, LibraryRow attribute) per column</extracomment>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="55"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="56"/>
        <source>Issuer</source>
        <translation>发布机关</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="57"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="58"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="59"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="60"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="61"/>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="62"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="63"/>
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="69"/>
        <source>New</source>
        <translation>新导入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="70"/>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="71"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="72"/>
        <source>Flagged</source>
        <translation>待讨论</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="201"/>
        <source>Items not yet reviewed</source>
        <translation>尚未审核的条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="203"/>
        <source>Problems the extractor flagged</source>
        <translation>自动抽取标记的问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_model.py" line="205"/>
        <source>Items decided / all items of the report</source>
        <translation>已决定的条目 / 报告的全部条目</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/library_model.py" line="219"/>
        <source>%n item(s) not yet reviewed</source>
        <translation>
            <numerusform>%n 个条目尚未审核</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/library_model.py" line="221"/>
        <source>%n problem(s) flagged by the extractor</source>
        <translation>
            <numerusform>自动抽取标记了 %n 个问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="120"/>
        <source>Has flags</source>
        <extracomment>the background indexing starts this long after the window opens, not during its start pause after each indexing transaction: an edit waiting for SQLite&apos;s write lock polls for it every 25 ms at first, and must find it free</extracomment>
        <translation>有标记</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="122"/>
        <source>Only reports with problems flagged by the extractor</source>
        <translation>仅显示自动抽取标记了问题的报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="125"/>
        <source>Search text, file, title, issuer…</source>
        <translation>搜索正文、文件名、标题、发布机关…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="263"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="264"/>
        <source>All provinces</source>
        <translation>全部省份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="265"/>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="266"/>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/library_view.py" line="327"/>
        <source>%1 of %n reports</source>
        <translation>
            <numerusform>显示 %1 份，共 %n 份报告</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="345"/>
        <source>Indexing for search: %1 of %2</source>
        <translation>正在建立搜索索引：%1 / %2 份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="347"/>
        <source>Search already finds every report; it is faster for the reports indexed.</source>
        <translation>搜索已能找到所有报告；已建索引的报告搜索得更快。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="165"/>
        <source>Library</source>
        <extracomment>Review passes: which kinds of item Tab, A, R, S and the auto-advance visit. start-up work the first paint does not need, run once the report&apos;s text is painted</extracomment>
        <translation>资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="186"/>
        <source>Find in this report (any script)…  Return: next, Esc: close</source>
        <translation>在本报告中查找（繁简皆可）…  回车：下一个，Esc：关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="208"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="209"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="210"/>
        <source>Parts</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="211"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="217"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="240"/>
        <source>Import &amp;Files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="241"/>
        <source>Import Fol&amp;der…</source>
        <translation>导入文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="242"/>
        <source>&amp;Export Dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="243"/>
        <source>Open &amp;Library…</source>
        <translation>打开资料库(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="244"/>
        <source>&amp;New Library…</source>
        <translation>新建资料库(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="245"/>
        <source>&amp;Back Up Library…</source>
        <translation>备份资料库(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="246"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="248"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="250"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="255"/>
        <source>&amp;Accept</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="258"/>
        <source>Confirm the extractor&apos;s value and go to the next item</source>
        <translation>确认自动抽取的值，并转到下一个条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="261"/>
        <source>Accept (Space)</source>
        <translation>确认（空格键）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="263"/>
        <source>Toggle Appro&amp;x.</source>
        <translation>切换约数(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="266"/>
        <source>Mark the metric&apos;s value as approximate (约, 余, 多) or not</source>
        <translation>将指标的数值标为约数（约、余、多）或取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="269"/>
        <source>Span Start One Character Earlier</source>
        <translation>范围起点前移一个字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="272"/>
        <source>Span Start One Character Later</source>
        <translation>范围起点后移一个字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="275"/>
        <source>Span End One Character Earlier</source>
        <translation>范围终点前移一个字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="278"/>
        <source>Span End One Character Later</source>
        <translation>范围终点后移一个字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="281"/>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="284"/>
        <source>Turn the value down and go to the next item</source>
        <translation>驳回该值，并转到下一个条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="286"/>
        <location filename="../../desktop/ui/main_window.py" line="355"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="287"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="291"/>
        <source>&amp;Next Item Needing a Decision</source>
        <translation>下一个待决定的条目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="293"/>
        <source>&amp;Previous Item Needing a Decision</source>
        <translation>上一个待决定的条目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="296"/>
        <source>&amp;Lowest Confidence First</source>
        <translation>置信度最低的优先(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="300"/>
        <source>&amp;Skip (Decide Later)</source>
        <translation>跳过（稍后决定）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="303"/>
        <source>Leave the item pending and go to the next one</source>
        <translation>保留该条目为待审核，并转到下一个</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="308"/>
        <source>&amp;All Items</source>
        <translation>全部条目(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="309"/>
        <source>&amp;Metrics</source>
        <translation>指标(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="310"/>
        <source>&amp;Headings</source>
        <translation>标题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="311"/>
        <source>&amp;Parts</source>
        <translation>部分(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="312"/>
        <source>&amp;Fields</source>
        <translation>字段(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="323"/>
        <source>Next &amp;Report Needing Review</source>
        <translation>下一份待审核的报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="324"/>
        <source>Mark Report &amp;Done</source>
        <translation>将报告标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="326"/>
        <source>&amp;Flag Report for Discussion</source>
        <translation>将报告标记为待讨论(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="328"/>
        <source>Put Report Back &amp;In Review</source>
        <translation>将报告退回审核中(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="329"/>
        <source>Re-e&amp;xtract This Report</source>
        <translation>重新抽取此报告(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="331"/>
        <source>Show &amp;Simplified Text</source>
        <translation>显示简体文本(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="332"/>
        <source>&amp;Search Library</source>
        <translation>搜索资料库(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="333"/>
        <source>&amp;Find in Report</source>
        <translation>在报告中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="338"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="339"/>
        <source>&amp;About Fazhi Review</source>
        <translation>关于法治报告审核(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="343"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="349"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="374"/>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="375"/>
        <source>P&amp;ass</source>
        <translation>审核轮次(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="392"/>
        <source>&amp;Item Actions</source>
        <translation>条目操作(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="397"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="410"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="450"/>
        <source>Cannot open report</source>
        <translation>无法打开报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="519"/>
        <source>Import reports (File › Import, or drop files here), then double-click a report in the library.</source>
        <translation>请先导入报告（文件 › 导入，或将文件拖放到此处），然后在资料库中双击一份报告。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="595"/>
        <source>Nothing left to decide in this report: Ctrl+D marks it done, N opens the next one.</source>
        <translation>本报告已没有待决定的条目：按 Ctrl+D 标记为已完成，按 N 打开下一份。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="647"/>
        <source>Review item</source>
        <translation>审核条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="728"/>
        <source>Mark report done</source>
        <translation>将报告标记为已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="729"/>
        <source>%1 items still need a decision. Mark the report done anyway?</source>
        <translation>仍有 %1 个条目待决定。仍要将报告标记为已完成吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="740"/>
        <source>Every report is reviewed.</source>
        <translation>所有报告均已审核。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="700"/>
        <location filename="../../desktop/ui/main_window.py" line="781"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="504"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 of %4 items decided</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 已决定 %3 / %4 个条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="574"/>
        <source>Decided %1 / %2</source>
        <translation>已决定 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="637"/>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="669"/>
        <source>Approx. applies to metrics: choose a metric first</source>
        <translation>约数只适用于指标：请先选择一个指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="683"/>
        <source>A part&apos;s boundaries move with Assign selection to part (Ctrl+Shift+P): select the text it should cover</source>
        <translation>部分的边界通过“将选中文本归入部分”（Ctrl+Shift+P）调整：请选中它应覆盖的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="700"/>
        <source>No number in “%1”</source>
        <translation>“%1”中没有数字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="793"/>
        <source>Import reports</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="795"/>
        <source>Reports (*.txt *.html *.htm *.docx *.pdf);;All files (*)</source>
        <translation>报告 (*.txt *.html *.htm *.docx *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="803"/>
        <source>Import a folder of reports</source>
        <translation>导入报告文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="812"/>
        <source>Wait for the running job to finish.</source>
        <translation>请等待当前任务完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="826"/>
        <source>Importing reports…</source>
        <translation>正在导入报告…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="835"/>
        <source>Import: %1 imported, %2 already in the library, %3 unreadable</source>
        <translation>导入：已导入 %1 份，%2 份已在资料库中，%3 份无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="868"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="872"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="873"/>
        <source>Written:
%1</source>
        <translation>已写入：
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="891"/>
        <source>Re-extracting…</source>
        <translation>正在重新抽取…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="895"/>
        <source>Re-extraction</source>
        <translation>重新抽取</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="905"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="906"/>
        <source>The work stopped: %1
Everything saved before it stays saved.</source>
        <translation>任务已中止：%1
此前已保存的内容不受影响。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="924"/>
        <source>Open a library</source>
        <translation>打开资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="926"/>
        <source>Fazhi Review libraries (*.sqlite3 *.db);;All files (*)</source>
        <translation>法治报告审核资料库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="933"/>
        <source>New library</source>
        <translation>新建资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="933"/>
        <location filename="../../desktop/ui/main_window.py" line="1002"/>
        <source>Fazhi Review libraries (*.sqlite3)</source>
        <translation>法治报告审核资料库 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="952"/>
        <source>Cannot open library</source>
        <translation>无法打开资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="953"/>
        <source>%1 cannot be opened as a library:
%2</source>
        <translation>无法将 %1 作为资料库打开：
%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="984"/>
        <source>Library: %1 · Reviewer: %2</source>
        <translation>资料库：%1 · 审核人：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1000"/>
        <source>Back up the library</source>
        <translation>备份资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1009"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1011"/>
        <source>Backup written to %1</source>
        <translation>备份已写入 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1036"/>
        <source>Not found in this report: %1</source>
        <translation>本报告中未找到：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1048"/>
        <source>Found %1 of %2: %3</source>
        <translation>第 %1 处，共 %2 处：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1085"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1085"/>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1133"/>
        <source>Review pass: %1</source>
        <translation>审核轮次：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1142"/>
        <source>About Fazhi Review</source>
        <translation>关于法治报告审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1143"/>
        <source>Fazhi Review %1
A workbench for rule-of-law government annual reports.</source>
        <translation>法治报告审核 %1
法治政府建设年度报告审核工作台。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1151"/>
        <source>Fazhi Review</source>
        <translation>法治报告审核</translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <location filename="../../desktop/ui/marks.py" line="30"/>
        <source>The extractor&apos;s value, not yet confirmed</source>
        <translation>自动抽取的值，尚未确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="31"/>
        <source>Confirmed by a reviewer</source>
        <translation>已由审核人确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="32"/>
        <source>Corrected by a reviewer</source>
        <translation>已由审核人更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="33"/>
        <source>Added by a reviewer</source>
        <translation>由审核人添加</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="34"/>
        <source>Rejected by a reviewer</source>
        <translation>已由审核人驳回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="61"/>
        <source>Achievements</source>
        <translation>主要成效</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="62"/>
        <source>Leaders&apos; duty</source>
        <translation>第一责任人职责</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="63"/>
        <source>Shortcomings</source>
        <translation>存在的不足</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="64"/>
        <source>Next year</source>
        <translation>下一年度工作安排</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="65"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="75"/>
        <source>Garbled text (mojibake)</source>
        <translation>乱码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="76"/>
        <source>Inserted pinyin</source>
        <translation>插入的拼音</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="77"/>
        <source>Web page chrome</source>
        <translation>网页模板文字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="78"/>
        <source>Injected spam</source>
        <translation>垃圾信息</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="79"/>
        <source>Low confidence</source>
        <translation>置信度低</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="86"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="87"/>
        <source>Issuer</source>
        <translation>发布机关</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="88"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="89"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="90"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="91"/>
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="92"/>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="93"/>
        <source>Publication date</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="94"/>
        <source>Script</source>
        <translation>简繁体</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="107"/>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="108"/>
        <source>Prefectural</source>
        <translation>地级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="109"/>
        <source>County</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="110"/>
        <source>District</source>
        <translation>市辖区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="111"/>
        <source>Development zone</source>
        <translation>开发区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="112"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="113"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="126"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/marks.py" line="127"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
</context>
<context>
    <name>MetricsModel</name>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="126"/>
        <source>Text</source>
        <extracomment>the columns sized to their contents (while the panel is shown) below this width the label column would be too narrow to read: Text and Confidence hide</extracomment>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="127"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="128"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="129"/>
        <source>Approx.</source>
        <translation>约数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="130"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="131"/>
        <source>Indicator</source>
        <translation>指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="132"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="414"/>
        <source>Edit value</source>
        <translation>编辑数值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="415"/>
        <source>Toggle approx.</source>
        <translation>切换约数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="417"/>
        <source>Add metric from selection</source>
        <translation>从选中文本添加指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="422"/>
        <source>Accept</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="423"/>
        <source>Reject metric</source>
        <translation>驳回指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="424"/>
        <source>Sort doubtful first</source>
        <translation>存疑的排在前面</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="425"/>
        <source>Sort in text order</source>
        <translation>按原文顺序排列</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="580"/>
        <source>Not a number: %1</source>
        <translation>不是数字：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="601"/>
        <source>Select the number and its unit in the report text first</source>
        <translation>请先在报告正文中选中数字及其单位</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/metrics.py" line="606"/>
        <source>No number in the selection</source>
        <translation>选中的文本中没有数字</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="38"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="38"/>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="57"/>
        <source>Raise level</source>
        <translation>提升级别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="58"/>
        <source>Lower level</source>
        <translation>降低级别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="59"/>
        <source>Edit title</source>
        <translation>编辑标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="61"/>
        <source>Add heading from selection</source>
        <translation>从选中文本添加标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="63"/>
        <source>Delete heading</source>
        <translation>删除标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="64"/>
        <source>Merge with previous heading</source>
        <translation>与上一个标题合并</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="65"/>
        <source>Accept</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="165"/>
        <source>Heading without a number (inferred)</source>
        <translation>无序号的标题（推断）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="238"/>
        <source>Select the heading in the report text first</source>
        <translation>请先在报告正文中选中标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="243"/>
        <source>The selection holds no heading title</source>
        <translation>选中的文本中没有标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/outline.py" line="261"/>
        <source>Merge heading %1</source>
        <translation>合并标题 %1</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="51"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="51"/>
        <source>Span</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="51"/>
        <source>Begins with</source>
        <translation>开头文字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="73"/>
        <source>Assign selection to part</source>
        <extracomment>The statutory parts the report lacks (the checks&apos; part_missing), above the list. The part chooser: one action per part, keys 1-5 while the panel has focus.</extracomment>
        <translation>将选中文本归入部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="77"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="85"/>
        <source>Assign selection to part…</source>
        <translation>将选中文本归入部分…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="88"/>
        <source>Split part at caret</source>
        <translation>在光标处拆分部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="90"/>
        <source>Accept</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="91"/>
        <source>Reject part</source>
        <translation>驳回部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="196"/>
        <source>Select the text of the part in the report first</source>
        <translation>请先在报告正文中选中该部分的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="206"/>
        <source>Assign to part %1</source>
        <translation>归入部分“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="225"/>
        <source>Put the caret inside a part, where it should be split</source>
        <translation>请把光标放在部分内要拆分的位置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/panels/parts.py" line="228"/>
        <source>Split part %1</source>
        <translation>拆分部分“%1”</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="134"/>
        <location filename="../../desktop/ui/dialogs.py" line="152"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="137"/>
        <source>Your name, as recorded in the edit history</source>
        <translation>您的姓名，将记录在编辑历史中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="138"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="140"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="144"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="152"/>
        <source>Every edit records who made it: enter a name.</source>
        <translation>每次编辑都会记录编辑人：请输入姓名。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../desktop/ui/problems.py" line="47"/>
        <source>Low confidence: %1%</source>
        <translation>置信度低：%1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="49"/>
        <source>Low confidence</source>
        <translation>置信度低</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="51"/>
        <source>Rate over 100%: %1%</source>
        <translation>比率超过 100%：%1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="55"/>
        <source>Part larger than its total: %1 of %2</source>
        <translation>分项大于总数：%1（总数 %2）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="60"/>
        <source>Part missing: %1</source>
        <translation>缺少部分：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="63"/>
        <source>Date %1 does not fit report year %2</source>
        <translation>日期 %1 与报告年度 %2 不符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="68"/>
        <source>Not a province&apos;s full name: %1 (%2?)</source>
        <translation>不是省份全称：%1（应为 %2？）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="72"/>
        <source>Unknown province: %1</source>
        <translation>未知省份：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="74"/>
        <source>Unknown region: %1</source>
        <translation>未知地区：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="78"/>
        <source>%1 is not in %2 (found in %3)</source>
        <translation>%1 不在 %2 境内（见于 %3）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="84"/>
        <source>Not a date (YYYY-MM-DD): %1</source>
        <translation>不是有效日期（YYYY-MM-DD）：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="86"/>
        <source>Not a year: %1</source>
        <translation>不是有效年份：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="88"/>
        <source>Unusual document number: %1</source>
        <translation>文号格式异常：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="90"/>
        <source>Unknown level: %1</source>
        <translation>未知层级：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems.py" line="91"/>
        <source>Check failed: %1</source>
        <translation>检查未通过：%1</translation>
    </message>
</context>
<context>
    <name>QualityTab</name>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="552"/>
        <source>How the extractor did, from the reviewers&apos; decisions. Rates count decided items only: accepted, corrected and rejected are shares of the extractor&apos;s items a reviewer decided; missed is the share of the items reviewers kept that the extractor did not find (reviewers added them).</source>
        <translation>根据审核人的决定衡量自动抽取的效果。比率只计已审核的条目：确认、更正、驳回为审核人已处理的自动抽取条目中的占比；遗漏为审核人保留的条目中自动抽取未找到（由审核人添加）的占比。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="564"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="565"/>
        <source>Field, kind or indicator</source>
        <translation>字段、类型或指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="566"/>
        <source>Accepted</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="567"/>
        <source>Corrected</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="568"/>
        <source>Rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="569"/>
        <source>Missed</source>
        <translation>遗漏</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="570"/>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="571"/>
        <source>Accepted %</source>
        <translation>确认率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="572"/>
        <source>Corrected %</source>
        <translation>更正率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="573"/>
        <source>Rejected %</source>
        <translation>驳回率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="574"/>
        <source>Missed %</source>
        <translation>遗漏率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="591"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="592"/>
        <source>Item kind</source>
        <translation>条目类型</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="593"/>
        <source>Indicator</source>
        <translation>指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="594"/>
        <source>All items</source>
        <translation>全部条目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="597"/>
        <source>fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="598"/>
        <source>headings</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="599"/>
        <source>parts</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="600"/>
        <source>metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="601"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="609"/>
        <source>(no indicator)</source>
        <translation>（无指标类别）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="630"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="631"/>
        <source>range end</source>
        <translation>区间上限</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="632"/>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="633"/>
        <source>approximate</source>
        <translation>约数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="634"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="635"/>
        <source>indicator</source>
        <translation>指标类别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="636"/>
        <source>text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dataset_view.py" line="639"/>
        <source>Corrected metrics, by what was corrected: %1</source>
        <translation>更正的指标，按更正内容：%1</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="39"/>
        <source>My Queue</source>
        <translation>我的队列</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="43"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="55"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="55"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="55"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="55"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="55"/>
        <source>Coding</source>
        <translation>编码方式</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="96"/>
        <source>double</source>
        <translation>双人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="96"/>
        <source>single</source>
        <translation>单人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team_queue.py" line="98"/>
        <source>%1 reports to code</source>
        <translation>%1 份报告待编码</translation>
    </message>
</context>
<context>
    <name>ReportTextView</name>
    <message>
        <location filename="../../desktop/ui/report_view.py" line="429"/>
        <source>: repaired as %1</source>
        <translation>：已修复为 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_view.py" line="436"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_view.py" line="437"/>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_view.py" line="438"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_view.py" line="471"/>
        <source>Garbled text, repaired as: %1</source>
        <translation>乱码，已修复为：%1</translation>
    </message>
</context>
<context>
    <name>ReviewSession</name>
    <message>
        <location filename="../../desktop/ui/session.py" line="46"/>
        <source>Accept %1</source>
        <extracomment>How many of this reviewer&apos;s own edits are put back on the undo stack when a library opens.</extracomment>
        <translation>确认 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="47"/>
        <source>Reject %1</source>
        <translation>驳回 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="48"/>
        <source>Correct %1</source>
        <translation>更正 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="49"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="50"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="51"/>
        <source>Mark report %1</source>
        <translation>将报告标记为“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="211"/>
        <location filename="../../desktop/ui/session.py" line="239"/>
        <source>Saved: %1</source>
        <extracomment>report id -&gt; the coding copy (coder name) the reviewer works on, or None</extracomment>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="254"/>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="256"/>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="270"/>
        <source>new</source>
        <translation>新导入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="271"/>
        <source>in review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="272"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="273"/>
        <source>flagged</source>
        <translation>待讨论</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="274"/>
        <source>pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="275"/>
        <source>accepted</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="276"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="277"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/session.py" line="278"/>
        <source>added</source>
        <translation>审核人添加</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="171"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="174"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="174"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>TeamTools</name>
    <message>
        <location filename="../../desktop/ui/team.py" line="73"/>
        <source>Connect to &amp;Team Database…</source>
        <translation>连接团队数据库(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="75"/>
        <source>&amp;Assign Reports…</source>
        <translation>分配报告(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="76"/>
        <source>My &amp;Queue…</source>
        <translation>我的队列(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="78"/>
        <source>Mark My &amp;Coding Done</source>
        <translation>标记我的编码已完成(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="80"/>
        <source>A&amp;greement…</source>
        <translation>一致性(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="82"/>
        <source>A&amp;djudicate Report…</source>
        <translation>裁定报告(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="104"/>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="146"/>
        <source>Double coding: your own copy</source>
        <translation>双人编码：您自己的副本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="148"/>
        <source>You and another reviewer code this report separately; the lead adjudicates where you differ.</source>
        <translation>您和另一位审核人分别对该报告编码；有分歧之处由负责人裁定。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="176"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="176"/>
        <source>This version of the library has no team features.</source>
        <translation>此版本的资料库没有团队功能。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="214"/>
        <location filename="../../desktop/ui/team.py" line="223"/>
        <source>Mark my coding done</source>
        <translation>标记我的编码已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="215"/>
        <source>%1 items still need a decision. Mark your coding done anyway?</source>
        <translation>还有 %1 个条目需要决定。仍要标记您的编码已完成吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="225"/>
        <source>Your coding of %1 is done.</source>
        <translation>您对 %1 的编码已完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="256"/>
        <source>Adjudicate report</source>
        <translation>裁定报告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/team.py" line="257"/>
        <source>This report is not double-coded by two reviewers yet: there is nothing to adjudicate.</source>
        <translation>该报告尚未由两位审核人双人编码：没有需要裁定的内容。</translation>
    </message>
</context>
</TS>
