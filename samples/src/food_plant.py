"""Sample 1: a food plant moving production management to a cloud MES, with vendor remote
maintenance of its filling line and automated warehouse (さくら食品 千葉工場)."""
import sys

from common import Sample

# `python3 food_plant.py 1.0 OUT` writes the model as the customer agreed it in version 1.0
# (before the IDS and record-hash proposals, the treatment decisions and the supply-chain
# records were added); without arguments, the current model.
EDITION = sys.argv[1] if len(sys.argv) > 1 else "current"
FIRST = EDITION == "1.0"
s = Sample("food-plant")
s.p["meta"] = dict(
    name="さくら食品 千葉工場 クラウドMES導入に伴うセキュリティリスク評価",
    customer="さくら食品株式会社", site="千葉工場(千葉県市原市)", sier="東和システムインテグレーション株式会社",
    assessor="東和SI 制御セキュリティ部 佐藤 健", scope="千葉工場 第2製造棟の調合・充填包装・殺菌ラインと自動倉庫、クラウドMES連携、設備ベンダのリモート保守",
    version="1.0" if FIRST else "1.1", created="2026-09-01",
    updated="2026-10-15" if FIRST else "2026-11-20", language="ja")

r = s.p["requirements"]
r["business_goals"] = "2028年度までに第2製造棟の生産実績をリアルタイムに把握し、段取り替え時間を20%短縮する。食品安全(HACCP)の記録を電子化し監査対応工数を半減する。"
r["smart_factory_purpose"] = "紙の製造記録と工場内サーバのMESをクラウドMES(SaaS)へ移行し、本社・他工場と生産実績を共有する。充填機・自動倉庫は設備ベンダのリモート保守を受ける。"
r["bcp"] = {"status": "exists_without_cyber", "notes": "地震・停電を想定したBCPあり(2023改訂)。サイバー攻撃による停止は想定外のため、今回の評価結果を受けて追補する。"}
r["incident_impact"] = "殺菌工程の記録改ざん・欠損は回収(リコール)と取引停止につながる。大手小売3社への供給が止まると1日あたり約4,000万円の売上影響。"
r["governance"] = "情報システム部(本社)と千葉工場 生産技術課が共同で所管。工場のOTセキュリティ責任者は生産技術課長。"
s.requirement("goal1", "business_goal", "生産実績のリアルタイム把握", "段取り替え時間20%短縮のため、ライン稼働データを5分以内にMESへ反映する。", "中期経営計画 2026-2028", "経営企画部", "推進中")
s.requirement("haccp", "law", "食品衛生法 HACCPに沿った衛生管理", "殺菌温度・時間の記録を改ざんできない形で保存し、監査時に提示できること。", "食品衛生法 第51条", "品質保証部", "対応中")
s.requirement("meti", "standard", "工場システムにおけるサイバー・フィジカル・セキュリティ対策ガイドライン", "本編・別冊のステップに沿ってゾーン別の対策方針を定める。", "経済産業省 Ver1.0 / 別冊 2024", "生産技術課", "本評価で対応")
s.requirement("iec", "standard", "IEC 62443-3-2 ゾーンとコンジット", "ゾーン・コンジット単位でSL-Tを設定し、残留リスクを記録する。", "IEC 62443-3-2:2020", "東和SI", "本評価で対応")
s.requirement("retail", "customer_demand", "大手小売の取引先セキュリティ要求", "年1回のセキュリティ自己点検票の提出と、インシデント発生時24時間以内の報告。", "取引基本契約 別紙5", "営業部", "対応済")
s.requirement("policy", "internal", "情報セキュリティ基本方針(全社)", "工場ネットワークは全社方針の適用外となっており、工場専用ルールが未整備。", "全社規程 IS-001", "情報システム部", "要整備")
s.stakeholder("plant", "千葉工場長 高橋 誠", True, "千葉工場", "最終承認者(合意欄の署名者)")
s.stakeholder("pe", "生産技術課長 伊藤 直子", True, "千葉工場 生産技術課", "工場OTセキュリティ責任者")
s.stakeholder("is", "情報システム部 小林 亮", True, "本社 情報システム部", "全社ネットワーク・クラウド契約の窓口")
s.stakeholder("qa", "品質保証部 山本 恵", True, "品質保証部", "HACCP記録の責任者")
s.stakeholder("sier", "東和SI 佐藤 健", False, "東和システムインテグレーション", "評価者・構築責任者")
s.stakeholder("fillvendor", "日東パック機械 保守サービス部", False, "日東パック機械株式会社", "充填包装機の保守ベンダ(リモート保守)")
s.stakeholder("mesvendor", "クラウドMES提供会社 カスタマーサクセス", False, "ファクトリークラウド株式会社", "クラウドMESの提供者")

H, M, L = 3, 2, 1
s.business("recv", "原料受入・計量", "製造課", "原料の受入検査、計量、ロット番号の付与。", {"quality": M, "delivery": M}, "計量誤りは配合不良につながるが、再計量で是正可能。", data="原料ロット、計量値")
s.business("mix", "調合(ミキシング)", "製造課", "レシピに従いタンクで原料を調合する。", {"quality": H, "delivery": H, "safety": M, "information": M}, "レシピ改ざんは全量廃棄・回収につながる。攪拌機の異常運転は作業者に危険。レシピは製品の技術情報で、流出は競争力を損なう。", purpose="レシピをクラウドMESから配信する", smart_change="expanded", data="レシピ、調合実績")
s.business("fill", "充填・包装", "製造課", "容器への充填、シール、賞味期限印字、外装箱詰め。", {"delivery": H, "quality": M, "cost": M}, "停止が1週間続くと小売3社への供給が止まる。印字誤りは自主回収。", purpose="ベンダのリモート保守で停止時間を短縮する", smart_change="expanded", data="印字データ、稼働実績")
s.business("steril", "殺菌(レトルト)", "製造課", "レトルト殺菌釜での加圧加熱殺菌と温度記録。", {"safety": H, "quality": H, "delivery": H}, "殺菌不良品の出荷は食中毒・人命に関わる(HACCPの重要管理点)。", data="殺菌温度・時間の記録")
s.business("qc", "品質検査・HACCP記録", "品質保証部", "工程記録の確認、抜き取り検査、出荷判定。", {"quality": H, "information": M}, "記録の欠損・改ざんは監査不適合と出荷停止につながる。", purpose="記録を電子化しクラウドMESに保存する", smart_change="expanded", data="検査結果、HACCP記録")
s.business("plan", "生産計画・実績管理", "生産管理課", "日次生産計画の作成、実績の集計、本社への報告。", {"delivery": M, "cost": M, "information": M}, "停止時は紙運用で数日は代替可能。", purpose="クラウドMESで本社・他工場と実績を共有する", smart_change="new", data="生産計画、実績、在庫")
s.business("wh", "出荷・自動倉庫", "物流課", "製品の自動倉庫入出庫とトラック積込み。", {"delivery": H, "cost": M}, "自動倉庫停止時の手作業出荷は1日あたり2割程度しか捌けない。", purpose="ベンダのリモート保守", smart_change="expanded", data="在庫、出荷指示")
s.business("maint", "設備保全", "生産技術課", "設備の点検、故障対応、PLCプログラム変更。", {"delivery": M, "safety": M}, "保全作業の誤りは設備停止につながる。", data="保全記録、PLCプログラム")
s.business("util", "ユーティリティ管理", "施設課", "ボイラ・空調・冷却水の監視。", {"delivery": M, "environment": M}, "ボイラ停止は殺菌工程停止に直結するが、予備機あり。", data="設備状態")
s.business("office", "事務・受発注", "業務課", "受注入力、原料発注、メール。", {"cost": L, "information": M}, "情報系の停止は業務影響が小さい。", data="受発注情報")

s.zone("office", "情報系(事務)ゾーン", "事務PC・受発注システム", "Z-ENT", 1, "全社情報セキュリティ規程を適用し、制御系への直接通信を禁止する。", "事務PCから制御系への通信を遮断すること。", accountable="本社 情報システム部", area="事務棟2F", pos=(40, 40))
s.zone("dmz", "中継(DMZ)ゾーン", "IT/OT境界の中継サーバ群", "Z-DMZ", 2, "情報系(IT)と制御系(OT)の間の通信はすべてDMZで終端し、直接の通り抜けを禁止する。DMZを経由しない外部接続は次の2つに限り、本方針で認める: クラウドMESとの通信(生産管理ゾーンの連携ゲートウェイが開始するHTTPS、FWで宛先を固定)と、設備ベンダのリモート保守(VPN装置で終端し、保守・リモート接続ゾーンの踏み台サーバ経由・多要素認証・録画)。", "中継サーバ経由の通信のみ許可。ファイル受け渡しはウイルス検査後。", basis="生産系の重要度(高)と情報系の接続", accountable="生産技術課", area="第2製造棟 サーバ室", pos=(360, 40))
s.zone("mes", "生産管理ゾーン", "工場内のMESゲートウェイ・ヒストリアン", "Z-MES", 2, "クラウドMESとの通信は専用ゲートウェイ経由、送信元・宛先を固定する。", "クラウド連携はHTTPS(相互認証)のみ。ヒストリアンはバックアップを日次取得。", accountable="生産技術課", area="第2製造棟 サーバ室", pos=(360, 220))
s.zone("sup", "監視・操作ゾーン", "SCADA・HMI・EWS", "Z-SUP", 3, "操作端末は許可リスト方式とし、USB等の外部媒体を原則禁止する。", "EWSのログオンは個人アカウント。PLC書込みはEWSからのみ。", basis="調合・殺菌の重要度(高)", accountable="生産技術課", area="第2製造棟 中央監視室", pos=(700, 220))
s.zone("mix", "調合ラインゾーン", "調合タンク・計量の制御", "Z-CTL", 3, "ライン内通信は制御プロトコルに限定し、外部からの直接接続を禁止する。", "PLCの書込み保護を有効化。", basis="調合の重要度(高)", accountable="製造課", area="第2製造棟 1F 調合室", pos=(700, 420))
s.zone("fill", "充填包装ラインゾーン", "充填機・シーラ・印字機・ロボット", "Z-CTL", 3, "ベンダのリモート保守は保守ゾーン経由で、作業時間帯のみ接続を許可する。", "リモート保守の接続は工場側の承認後に開始。", basis="充填・包装の重要度(高)と外部接続", accountable="製造課", area="第2製造棟 1F 充填室", pos=(980, 420))
s.zone("steril", "殺菌工程ゾーン", "レトルト殺菌釜と温度記録(HACCP重要管理点)", "Z-SIS", 3, "殺菌工程への通信は、監視・操作ゾーンのSCADAからの読み出し(Modbus/TCP、産業用FWで読み出し機能に限定)のみとし、記録は一方向ゲートウェイで生産管理ゾーンへ送る。", "温度記録の改ざん検知。殺菌釜の安全インターロックはネットワークから変更不可。", basis="殺菌の重要度(高、安全)", accountable="製造課", area="第2製造棟 1F 殺菌室", safety=True, pos=(420, 420))
s.zone("wh", "自動倉庫ゾーン", "自動倉庫とAGV", "Z-WH", 2, "ベンダのリモート保守は保守ゾーン経由。無線AGVは専用SSIDで分離する。", "AGV用無線は許可機器のみ接続可。", accountable="物流課", area="製品倉庫", pos=(1240, 420))
s.zone("util", "ユーティリティゾーン", "ボイラ・空調・冷却水の監視", "Z-UTL", 2, "監視のみを許可し、遠隔からの操作を禁止する。", "BAS機器の初期パスワード変更。", accountable="施設課", area="ユーティリティ棟", pos=(120, 420))
s.zone("rmt", "保守・リモート接続ゾーン", "ベンダのリモート保守とVPN終端", "Z-RMT", 2, "リモート保守は踏み台サーバで多要素認証・録画し、作業時間外は回線を切断する。", "接続申請と工場側承認、作業ログの保存。", basis="外部からの接続点", accountable="生産技術課", area="第2製造棟 サーバ室", pos=(1040, 40))
s.zone("cloud", "外部サービス(クラウド)ゾーン", "クラウドMES(SaaS)と本社システム", "Z-EXT", 2, "クラウド事業者との責任分界を契約で明確化し、データの保存場所と暗号化を確認する。", "SLAとサービス終了時のデータ返却条件を契約に明記。", accountable="本社 情報システム部", external=True, pos=(700, 40))

s.entry("inet", "インターネット", "internet", "本社経由のインターネット接続(情報系)", pos=(40, -120))
s.entry("vpn", "設備ベンダのリモート保守回線", "remote_maintenance", "日東パック機械・倉庫ベンダからのインターネットVPN", pos=(1040, -120))
s.entry("usb", "USBメモリ(レシピ・ログ持出し)", "removable_media", "レシピの持込み、ログの持出しに使用", pos=(980, 640))
s.entry("vendorpc", "協力会社の持込み保守PC", "vendor_pc", "定期点検時に持ち込まれるベンダPC", pos=(700, 640))
s.entry("wifi", "工場無線LAN(AGV用)", "wireless", "倉庫内AGV用の無線LAN", pos=(1240, 640))

s.supplier("fillv", "日東パック機械株式会社", "equipment", "充填包装機・リモート保守サービス", "ISO 9001", "2026-08-20", "秘密保持契約、脆弱性発見時の30日以内通知、サポート期間10年", "2026-09 書面監査: 良", contract_holder=None if FIRST else "sier")
s.supplier("whv", "北関東マテハン株式会社", "equipment", "自動倉庫・AGV、リモート保守", "", None, "保守契約のみ。セキュリティ条項なし(今回追加を協議)", "", contract_holder=None if FIRST else "customer")
s.supplier("mesv", "ファクトリークラウド株式会社", "cloud", "クラウドMES(SaaS)", "ISO/IEC 27001, ISO/IEC 27017", "2026-07-10", "SLA 99.9%、障害通知1時間以内、契約終了後30日間データ返却", "SOC2報告書で確認", contract_holder=None if FIRST else "customer")
s.supplier("gw", "エッジソリューションズ株式会社", "equipment", "IoTゲートウェイ(汎用品)", "", None if FIRST else "2026-10-20", "" if FIRST else "売買契約に脆弱性情報の30日以内の提供とファームウェア更新5年を明記", "", contract_holder=None if FIRST else "sier")
s.supplier("sub", "千葉制御エンジニアリング(再委託)", "subcontractor", "PLCプログラム改修・現地工事", "" if FIRST else "情報セキュリティ基本方針・社内規程(2025年版)、ISMS認証なし", "2026-09-30", "再委託契約にセキュリティ教育受講と持込みPCのウイルス検査を明記", "" if FIRST else "2026-11-12 現地作業立会いで持込みPC検査と教育記録を確認: 適合")

A = s.asset
A("erp", "受発注システム", "erp_server", "office", ["office"], "富士通", "PRIMERGY RX2540 M7", "Windows Server 2022", "10.10.1.20", "本社データセンター", "情報システム部")
A("opc1", "事務PC(業務課)", "office_pc", "office", ["office", "plan"], "Dell", "OptiPlex 7010", "Windows 11 23H2", "10.10.2.0/24", "事務棟2F", "業務課", notes="12台を代表として記載")
A("relay", "中継サーバ", "jump_server", "dmz", ["plan", "maint"], "HPE", "ProLiant DL20 Gen11", "Windows Server 2022", "172.16.10.10", "サーバ室 ラックA", "生産技術課", delivered=True, supplier=None)
A("patch", "パッチ・ウイルス定義配信サーバ", "patch_server", "dmz", ["maint"], "HPE", "ProLiant DL20 Gen11", "Windows Server 2022 / WSUS", "172.16.10.11", "サーバ室 ラックA", "生産技術課", delivered=True)
A("fw_it", "IT/OT境界ファイアウォール", "firewall", "dmz", ["plan", "mix", "fill"], "Fortinet", "FortiGate 100F", "FortiOS 7.4.4", "172.16.10.1", "サーバ室 ラックA", "生産技術課", delivered=True, override=(3, "全ゾーン間通信の要。停止すると全ラインの実績収集が止まる"))
A("mesgw", "クラウドMES連携ゲートウェイ", "iot_gateway", "mes", ["plan", "qc"], "エッジソリューションズ", "EG-500", "Linux 5.15 / EGOS 3.2", "172.16.20.10", "サーバ室 ラックB", "生産技術課", delivered=True, generic_product=True, supplier="gw", support_end="2031-03-31", protocols=["opc_ua", "https"])
A("hist", "ヒストリアンサーバ", "historian", "mes", ["plan", "qc", "steril"], "AVEVA", "PI Server", "Windows Server 2016 / PI Server 2018 SP3", "172.16.20.20", "サーバ室 ラックB", "生産技術課", support_end="2027-01-12", notes="Windows Server 2016 の延長サポート終了日。Windows Server 2022 へ移行予定(M-008)")
A("mesdb", "HACCP記録データ", "data_set", "mes", ["qc", "steril"], "", "", "", "", "ヒストリアン内", "品質保証部", notes="殺菌温度・時間、金属検出記録")
A("scada", "SCADAサーバ", "scada_server", "sup", ["mix", "fill", "steril"], "横河電機", "FAST/TOOLS R10", "Windows Server 2019", "192.168.30.10", "中央監視室", "生産技術課", support_end="2029-01-09")
A("hmi1", "調合ライン操作端末(HMI)", "hmi", "sup", ["mix"], "デジタル", "GP4000シリーズ", "GP-Pro EX 4.09", "192.168.30.21", "中央監視室", "製造課")
A("hmi2", "充填ライン操作端末(HMI)", "hmi", "sup", ["fill"], "デジタル", "GP4000シリーズ", "GP-Pro EX 4.09", "192.168.30.22", "中央監視室", "製造課")
A("ews", "エンジニアリングワークステーション", "ews", "sup", ["maint", "mix", "fill"], "Dell", "Precision 3660", "Windows 10 IoT Enterprise LTSC 2021 / GX Works3", "192.168.30.30", "中央監視室", "生産技術課", support_end="2032-01-13", software="GX Works3 1.095Z、FAST/TOOLS Engineering")
A("plc_mix", "調合ラインPLC", "plc", "mix", ["mix"], "三菱電機", "MELSEC iQ-R R08CPU", "FW 72", "192.168.40.10", "調合室 制御盤1", "製造課", protocols=["mc_protocol", "cc_link_ie"])
A("scale", "組合せ計量機(包装)", "plc", "fill", ["fill"], "イシダ", "CCW-RV", "", "192.168.50.31", "充填室 包装工程", "製造課")
A("inv_mix", "攪拌機インバータ", "drive", "mix", ["mix"], "三菱電機", "FR-A800", "", "192.168.40.41", "調合室 制御盤1", "製造課")
A("plc_fill", "充填機PLC", "plc", "fill", ["fill"], "オムロン", "NX1P2", "1.50", "192.168.50.10", "充填室 充填機盤", "製造課", supplier="fillv", protocols=["ethernet_ip", "fins"])
A("sealer", "シーラ制御盤", "plc", "fill", ["fill"], "オムロン", "NX102", "1.50", "192.168.50.11", "充填室", "製造課", supplier="fillv")
A("printer", "賞味期限印字機", "other", "fill", ["fill", "qc"], "キーエンス", "MK-U6000", "", "192.168.50.20", "充填室", "製造課", notes="印字データはMESから受信")
A("robot", "箱詰めロボット", "robot_controller", "fill", ["fill"], "ファナック", "R-30iB Mini Plus", "V9.40", "192.168.50.30", "充填室", "製造課")
A("plc_st", "殺菌釜制御PLC", "plc", "steril", ["steril"], "横河電機", "STARDOM FCN", "R4.50", "192.168.60.10", "殺菌室", "製造課", override=(3, "HACCP重要管理点。安全インターロックを含む"))
A("rec_st", "殺菌温度記録計", "sensor", "steril", ["steril", "qc"], "横河電機", "SMARTDAC+ GX20", "R5.02", "192.168.60.20", "殺菌室", "品質保証部")
A("asrs", "自動倉庫コントローラ", "asrs_controller", "wh", ["wh"], "北関東マテハン", "AS-3000", "3.1.2", "192.168.70.10", "製品倉庫", "物流課", supplier="whv")
A("agv", "AGV(3台)", "agv", "wh", ["wh"], "北関東マテハン", "AGV-L200", "2.4", "192.168.71.0/24", "製品倉庫", "物流課", supplier="whv")
A("ap_wh", "倉庫無線LANアクセスポイント", "wireless_ap", "wh", ["wh"], "Cisco", "Catalyst 9130", "IOS-XE 17.9", "192.168.71.1", "製品倉庫 天井", "物流課")
A("bas", "ボイラ・空調監視コントローラ", "bas_controller", "util", ["util"], "アズビル", "savic-net G5", "", "192.168.80.10", "ユーティリティ棟", "施設課")
A("ups", "サーバ室UPS", "ups", "util", ["util", "plan"], "APC", "Smart-UPS SRT 5kVA", "", "192.168.80.20", "サーバ室", "施設課")
A("vpnr", "リモート保守VPNルータ", "vpn_router", "rmt", ["maint", "fill", "wh"], "ヤマハ", "RTX1300", "Rev.23.01", "172.16.90.1", "サーバ室 ラックA", "生産技術課", delivered=True)
A("jump", "リモート保守踏み台サーバ", "jump_server", "rmt", ["maint"], "HPE", "ProLiant DL20 Gen11", "Windows Server 2022 / 操作録画ソフト", "172.16.90.10", "サーバ室 ラックA", "生産技術課", delivered=True)
A("saasmes", "クラウドMES(SaaS)", "saas", "cloud", ["plan", "qc", "mix"], "ファクトリークラウド", "FactoryCloud MES Standard", "", "", "国内リージョン", "本社 情報システム部", supplier="mesv")
A("recipe", "レシピデータ", "data_set", "cloud", ["mix"], "", "", "", "", "クラウドMES内", "製造課", notes="製品別の配合比・温度条件。技術情報として機密")

# Conduits: (protocol, port, direction, initiator, purpose, encrypted, authenticated)
C = s.conduit
C("c_off_dmz", "情報系→DMZ", "zone:office", "zone:dmz", [("https", "443", "forward", "from", "実績レポート閲覧", True, True), ("smb", "445", "forward", "from", "ファイル受け渡し", False, True)], [("firewall", "fw_it", "IT側ポリシー")], sl_t=2)
C("c_dmz_mes", "DMZ→生産管理", "zone:dmz", "zone:mes", [("rdp", "3389", "forward", "from", "保守作業", True, True), ("https", "443", "forward", "from", "パッチ配信", True, True)], [("firewall", "fw_it", "OT側ポリシー")], sl_t=2)
C("c_mes_cloud", "生産管理→クラウドMES", "zone:mes", "zone:cloud", [("https", "443", "both", "from", "実績送信・レシピ受信", True, True)], [("firewall", "fw_it", "宛先FQDN固定")], sl_t=2, introduced_by_delivery=True)
C("c_cloud_saas", "インターネット→クラウドMES(公開サービス)", "entry:inet", "zone:cloud", [("https", "443", "both", "from", "SaaSの利用者・他拠点からのアクセス", True, True)], [], owner="ファクトリークラウド", notes="マルチテナントSaaSはインターネットに公開されている。境界制御は事業者側(WAF等)で当社の管理外")
C("c_inet_off", "インターネット接続(本社経由)", "entry:inet", "zone:office", [("https", "443", "both", "to", "Web・メール", True, False)], [("firewall", None, "本社UTM")], owner="本社 情報システム部")
C("c_mes_sup", "生産管理↔監視・操作", "zone:mes", "zone:sup", [("opc_ua", "4840", "reverse", "from", "実績収集", True, True), ("https", "443", "forward", "from", "レシピ配信", True, True)], [("firewall", "fw_it", "")], sl_t=3, introduced_by_delivery=True)
C("c_sup_mix", "監視・操作→調合ライン", "zone:sup", "zone:mix", [("mc_protocol", "5007", "both", "from", "監視・操作・プログラム書込み", False, False)], [], sl_t=3)
C("c_sup_fill", "監視・操作→充填包装ライン", "zone:sup", "zone:fill", [("ethernet_ip", "44818", "both", "from", "監視・操作", False, False)], [], sl_t=3)
C("c_st_mes", "殺菌記録→生産管理(一方向)", "zone:steril", "zone:mes", [("opc_ua", "4840", "forward", "from", "温度記録の送信", True, True)], [("data_diode", None, "一方向ゲートウェイ導入予定")], sl_t=3)
C("c_sup_st", "監視・操作→殺菌工程(監視のみ)", "zone:sup", "zone:steril", [("modbus_tcp", "502", "reverse", "from", "運転状態の監視", False, False)], [("industrial_firewall", None, "読み出しコードのみ許可")], sl_t=3)
C("c_rmt_fill", "リモート保守→充填包装ライン", "zone:rmt", "zone:fill", [("ethernet_ip", "44818", "both", "from", "ベンダ保守", False, False), ("vnc", "5900", "forward", "from", "HMI画面保守", False, True)], [("firewall", "fw_it", "作業時間帯のみ許可")], sl_t=3, temporary=True, introduced_by_delivery=True)
C("c_rmt_wh", "リモート保守→自動倉庫", "zone:rmt", "zone:wh", [("rdp", "3389", "forward", "from", "倉庫ベンダ保守", True, True)], [("jump_host", "jump", "踏み台サーバ経由・多要素認証・録画")], sl_t=2, temporary=True)
C("c_vpn_rmt", "ベンダVPN回線", "entry:vpn", "zone:rmt", [("ipsec", "500,4500", "both", "from", "VPN", True, True)], [("vpn_gateway", "vpnr", "ベンダ別アカウント")], sl_t=2, owner="生産技術課", introduced_by_delivery=True)
C("c_usb_sup", "USBメモリ持込み", "entry:usb", "zone:sup", [("usb", "", "both", "either", "レシピ・ログの受け渡し", False, False)], [])
C("c_pc_fill", "持込み保守PCの直結", "entry:vendorpc", "zone:fill", [("ethernet_ip", "44818", "both", "from", "定期点検", False, False)], [] if FIRST else [("nac", None, "保守用スイッチポートの認証(NAC)で登録済み保守PC以外の接続を遮断")], temporary=True)
C("c_wifi_wh", "倉庫無線LAN", "entry:wifi", "zone:wh", [("wifi", "", "both", "either", "AGV制御", True, True)], [], wireless=True)
C("c_mes_wh", "生産管理→自動倉庫", "zone:mes", "zone:wh", [("https", "443", "forward", "from", "出荷指示", True, True)], [("firewall", "fw_it", "")], sl_t=2)
C("c_dmz_util", "DMZ→ユーティリティ(監視)", "zone:dmz", "zone:util", [("bacnet", "47808", "reverse", "from", "設備状態の収集", False, False)], [("firewall", "fw_it", "")], sl_t=2)

T = s.threat
T("sup", "T13", {"safety": M, "quality": H, "delivery": H}, "USBメモリ・持込みPC", ["I03", "I04"])
T("sup", "T21", {"quality": H, "delivery": H}, "EWS経由のPLCプログラム書換え", ["I04", "I03"])
T("sup", "T24", {"delivery": H}, "サポート切れWindowsの既知脆弱性", ["I03"])
T("sup", "T22", {"quality": M, "delivery": M}, "操作員の誤操作", ["I04"])
T("sup", "T14", {"delivery": H, "cost": M}, "生産管理ゾーンからの横展開", ["I03", "I05"])
T("mix", "T21", {"quality": H, "safety": M}, "監視・操作ゾーン経由のレシピ改ざん", ["I04", "I01"])
T("mix", "T20", {"quality": H}, "暗号化されていない制御通信の改ざん", ["I04"])
T("mix", "T15", {"delivery": M}, "制御通信の輻輳", ["I03"])
T("mix", "T17", {"delivery": M}, "制御盤内スイッチへの不正機器接続", ["I03"])
T("fill", "T12", {"delivery": H, "quality": M}, "ベンダVPN・リモート保守", ["I03", "I10"])
T("fill", "T23", {"delivery": H}, "保守要員の作業ミス・持込みPC", ["I03"])
T("fill", "T03", {"delivery": H}, "保守経路からPLCの脆弱性を突く", ["I03"])
T("fill", "T11", {"delivery": M}, "充填室への不正侵入", ["I07"])
T("steril", "T21", {"safety": H, "quality": H}, "記録計・PLC設定値の改ざん", ["I01", "I04", "I08"])
T("steril", "T11", {"safety": H}, "殺菌室での不正操作", ["I01"])
T("steril", "T28", {"delivery": H, "quality": M}, "ボイラ・電源の停止", ["I03"])
T("mes", "T14", {"delivery": M, "information": M, "quality": H}, "情報系・DMZからのランサムウェア", ["I03", "I08"])
T("mes", "T07", {"quality": H}, "ヒストリアン容量不足によるHACCP記録欠損", ["I04", "I08"])
T("mes", "T06", {"quality": H, "delivery": M}, "クラウドから誤ったレシピが配信される", ["I04"])
T("mes", "T24", {"quality": M}, "サポート切れOSのヒストリアン", ["I04"])
T("cloud", "T04", {"information": H}, "クラウドMES上のレシピ漏えい", ["I06"])
T("cloud", "T26", {"delivery": M, "quality": M}, "クラウドMESの停止・サービス終了", ["I03", "I08"])
T("cloud", "T09", {"information": M}, "データ取扱不備による外部漏えい", ["I06", "I09"])
T("cloud", "T01", {"information": H, "quality": M}, "クラウドのアカウント乗っ取り", ["I06"])
T("rmt", "T12", {"delivery": H}, "VPNの認証情報漏えい", ["I03"])
T("rmt", "T25", {"delivery": M}, "ベンダ環境の侵害を経由した攻撃", ["I10"])
T("wh", "T16", {"delivery": M}, "無線LANへの不正接続・妨害", ["I03"])
T("wh", "T12", {"delivery": M}, "倉庫ベンダのリモート保守", ["I03"])
T("util", "T28", {"delivery": M, "environment": M}, "ボイラ停止", ["I03", "I02"])
T("util", "T03", {"delivery": L}, "BAS機器の初期パスワード", ["I03"])
T("office", "T14", {"cost": M, "information": M}, "メール経由のランサムウェア", ["I05"])
T("office", "T01", {"information": M}, "インターネットからの不正アクセス", ["I06"])
T("dmz", "T01", {"delivery": M}, "情報系からの侵入", ["I03"])
T("dmz", "T13", {"delivery": M}, "受け渡しファイル経由のマルウェア", ["I03"])
T("util", "T19", {}, "", [], reason="監視通信に機密情報を含まないため対象外", applicable=False)

Mz = s.measure
Mz("m01", "C-NW-01", "IT/OT境界FWでゾーン間通信を許可リスト化し、情報系→制御系の直接通信を遮断", ["T01", "T14"], "sier", "implemented", zones=["dmz", "mes"], conduits=["c_off_dmz", "c_dmz_mes"], operator="customer", paid=True, evidence="FW設定書 v1.3")
Mz("m02", "C-NW-04", "踏み台サーバで多要素認証・接続先と時間帯の制限・操作録画を行う", ["T12"], "sier", "agreed", zones=["rmt"], conduits=["c_vpn_rmt", "c_rmt_fill", "c_rmt_wh"], operator="customer", paid=True, due="2026-12-20")
Mz("m03", "C-NW-08", "殺菌記録の送信を一方向ゲートウェイに置き換える", ["T21", "T20"], "sier", "proposed", zones=["steril"], conduits=["c_st_mes"], paid=True, due="2027-03-31")
Mz("m04", "C-EQ-06", "USBメモリは工場指定の暗号化USBのみ、持出し申請制", ["T13"], "customer", "agreed", zones=["sup"], conduits=["c_usb_sup"], due="2026-12-01")
Mz("m05", "C-EQ-07", "持込みPCは保守ゾーンの検疫端末でウイルス検査後に接続", ["T13", "T23"], "shared", "proposed", zones=["fill", "sup"], conduits=["c_pc_fill"], operator="customer", paid=False, due="2027-01-31", shared_with=["customer", "vendor"])
Mz("m06", "C-EQ-13", "調合・充填PLCの書込みパスワードとキースイッチ運用", ["T21", "T02"], "sier", "implemented", assets=["plc_mix", "plc_fill", "sealer"], operator="customer", paid=True, evidence="完成検査記録 CI-2026-014")
Mz("m07", "C-EQ-01", "SCADA・HMI・EWSにアプリケーション許可リストを導入", ["T13", "T14", "T24"], "sier", "agreed", zones=["sup"], operator="customer", paid=True, due="2026-12-20")
Mz("m08", "C-EQ-02", "ヒストリアンのOS更新(Windows Server 2022へ移行)", ["T24", "T14"], "customer", "proposed", assets=["hist"], due="2027-06-30")
Mz("m09", "C-EQ-09", "ヒストリアン・SCADA・PLCプログラムのオフラインバックアップと四半期の復旧テスト", ["T14", "T07", "T05"], "shared", "agreed", zones=["mes", "sup", "mix", "fill"], operator="customer", paid=True, due="2026-12-20", shared_with=["sier", "customer"])
Mz("m10", "C-PG-02", "ヒストリアン容量の監視と閾値アラート", ["T07"], "sier", "implemented", assets=["hist"], operator="customer", paid=True, evidence="監視設定 MON-07")
Mz("m11", "C-NW-12", "クラウドから受信したレシピの値域チェックと承認フロー", ["T06"], "vendor", "agreed", zones=["mes"], operator="customer", paid=False, due="2027-01-31")
Mz("m12", "C-PG-03", "レシピデータのテナント暗号化と閲覧権限の最小化", ["T04"], "vendor", "implemented", zones=["cloud"], evidence="ファクトリークラウド社 SOC2報告書")
Mz("m13", "C-SC-07", "クラウドMESの別冊チェックリスト確認(SLA・終了時データ返却)", ["T26", "T25"], "customer", "agreed", zones=["cloud"], due="2026-12-15")
Mz("m14", "C-PG-04", "工場データの機密区分と外部提供ルールを制定", ["T09"], "customer", "proposed", zones=["cloud", "mes"], due="2027-03-31")
Mz("m15", "C-NW-06", "AGV用SSIDをMACアドレス許可リストとWPA3-Enterpriseで保護", ["T16"], "sier", "implemented", zones=["wh"], conduits=["c_wifi_wh"], operator="customer", paid=True, evidence="無線設定書 WL-02")
Mz("m16", "C-PH-02", "制御盤・サーバラックの施錠と鍵管理台帳", ["T11", "T17", "T10"], "customer", "implemented", zones=["mix", "fill", "steril"])
Mz("m17", "C-PH-01", "殺菌室の入室をICカードで管理し監視カメラで記録", ["T11"], "customer", "agreed", zones=["steril"], due="2027-01-31")
Mz("m18", "C-PH-04", "サーバ室UPSの容量見直しと停電時の自動シャットダウン", ["T28"], "customer", "implemented", zones=["util", "steril"])
Mz("m19", "C-EQ-08", "踏み台サーバ・EWSの操作ログを1年保存し月次レビュー", ["T12", "T21", "T18"], "sier", "proposed", zones=["rmt", "sup"], operator="customer", paid=True, due="2027-01-31")
if not FIRST:
    # Proposed after the customer's review of version 1.0.
    Mz("m20", "C-NW-05", "監視・操作ゾーンのミラーポートにOT向けIDSを設置", ["T20", "T15", "T03"], "sier", "proposed", zones=["sup", "mix", "fill"], paid=True, due="2027-03-31")
Mz("m21", "C-OP-12", "OODAの役割分担表に基づく連絡体制と年1回の訓練", ["T14", "T12"], "customer", "agreed", due="2027-02-28")
Mz("m22", "C-SC-01", "充填機・倉庫ベンダとのインシデント連絡体制(24時間窓口)", ["T12", "T25"], "vendor", "agreed", zones=["fill", "wh"], due="2026-12-15")
Mz("m23", "C-EQ-04", "BAS機器の初期パスワード変更とパスワード規則の適用", ["T03"], "customer", "implemented", zones=["util"])
if not FIRST:
    Mz("m24", "C-PG-07", "殺菌温度記録のハッシュ値をMESで照合し改ざんを検知", ["T21"], "sier", "proposed", zones=["steril", "mes"], paid=True, due="2027-03-31")
Mz("m25", "C-OP-08", "制御系端末からのメール・インターネット利用禁止", ["T14", "T01"], "customer", "implemented", zones=["sup", "mes"])
Mz("m26", "C-SC-08", "SIer・顧客・ベンダの責任分界とインシデント時の役割を契約書別紙で合意", ["T25", "T12"], None if FIRST else "shared", "proposed", shared_with=() if FIRST else ["sier", "customer", "vendor"])
Mz("m27", "C-NW-04", "クラウドMESの利用者認証を多要素認証とし、本社・工場の固定IPからの接続に限定(SaaS側の設定)", ["T01", "T04"], "vendor", "agreed", assets=["saasmes"], conduits=["c_cloud_saas"], operator="customer", paid=False, due="2026-12-15", evidence="ファクトリークラウド社 設定確認書")
if not FIRST:
    # Recorded after the review, as the customer's own controls the acceptances rely on.
    Mz("m28", "C-EQ-06", "中継・配信サーバの外部媒体ポートを封止し、媒体の使用を管理規程で禁止", ["T13"], "customer", "implemented", zones=["dmz"], evidence="管理規程 第12条、封止写真 2026-11-05")
    Mz("m29", "C-PG-06", "SCADA・HMI・EWSの操作権限を職務で分離し、重要な設定変更は製造課長の承認制", ["T22"], "customer", "implemented", zones=["sup"], evidence="権限設定表 2026-11")

O = s.ooda
O("OODA-P-OBS", "preventive", "observe", "日東パック機械・東和SI", "生産技術課長", "導入機器の脆弱性情報を月次で収集し工場へ連絡", "vendor", "日東パック機械 保守サービス部 / 東和SI 佐藤", "保守窓口 0120-xxx-xxx")
O("OODA-P-ORI", "preventive", "orient", "生産技術課", "生産技術課長", "悪用可能性と工場への影響を分析", "customer", "生産技術課 伊藤")
O("OODA-P-DEC", "preventive", "decide", "生産技術課", "工場長(重大時は本社CISO)", "対策と操業影響を判断", "customer", "千葉工場長 高橋")
O("OODA-P-ACT", "preventive", "act", "製造課", "製造課長", "停止計画に合わせて対策を実施", "customer", "製造課 中村")
O("OODA-I-OBS", "incident", "observe", "製造課(現場)", "製造課長", "HMI・設備の異常を理由付きで報告し、構成台帳を最新に保つ", "customer", "各ライン班長")
O("OODA-I-ORI", "incident", "orient", "生産技術課・情報システム部", "生産技術課長、情報システム部長", "影響範囲とセキュリティ起因かを判断", "shared", "伊藤 / 小林、東和SI 佐藤(支援)")
O("OODA-I-DEC", "incident", "decide", "生産技術課", "工場長(重大時は本社CISO)", "ライン停止・切り離しを決定", "customer", "千葉工場長 高橋")
O("OODA-I-ACT", "incident", "act", "製造課", "製造課長", "ネットワーク切り離し・手動運転・復旧", "shared", "製造課 中村、ベンダ各社")

for item, ans, ev in [("SC-CL-P1", "done", "ISO/IEC 27001/27017 認証書写し"), ("SC-CL-P2", "done", "サポート契約書 第4条"), ("SC-CL-P3", "partial", "工場専用ポリシー未整備のため全社規程と照合"), ("SC-CL-P4", "done", "連携ゲートウェイのみ"), ("SC-CL-K1", "done", "SLA 99.9%・RTO 4時間"), ("SC-CL-K2", "done", "契約終了後30日間CSVで返却"), ("SC-CL-O1", "partial", "障害時の切り分け手順を作成中"), ("SC-CL-O2", "partial", "レシピの機密区分を検討中"), ("SC-CL-O3", "done", "生産管理課 2名が研修受講"), ("SC-CL-O4", "not_done", ""), ("SC-CL-O5", "partial", "紙運用への切替え手順のみ"), ("SC-CL-O6", None, "")]:
    s.answer(item, supplier="mesv", answer=ans, evidence=ev)
for item, ans, ev in [("SC-GP-P1", "done", "製品セキュリティポリシー公開"), ("SC-GP-P2", "done", "5年間のセキュリティ更新"), ("SC-GP-P3", "partial", "窓口はあるが脆弱性受付は未整備"), ("SC-GP-P4", "done", "署名付きファーム更新"), ("SC-GP-P5", "not_done", ""), ("SC-GP-P6", "partial", ""), ("SC-GP-P7", "done", "設定ガイド"), ("SC-GP-P8", "not_applicable", "付随機器なし"), ("SC-GP-O1", "done", "資産台帳に登録"), ("SC-GP-O2", "done", "FWで宛先固定"), ("SC-GP-O3", "partial", "四半期確認"), ("SC-GP-O4", "done", "生産技術課"), ("SC-GP-O5", None, "")]:
    s.answer(item, supplier="gw", asset="mesgw", answer=ans, evidence=ev)
for item, ans, ev in [("SC-SW-P1", "done", ""), ("SC-SW-K1", "done", "保守契約"), ("SC-SW-K3", "not_done", "SBOM提供なし"), ("SC-SW-K4", "done", ""), ("SC-SW-O1", "done", ""), ("SC-SW-O3", "partial", ""), ("SC-SW-O5", "not_done", "PI 2018 SP3 のサポート終了(2027-01)への対応計画なし")]:
    s.answer(item, asset="hist", answer=ans, evidence=ev)

s.damage("d1", "殺菌不良品の出荷(食中毒)", 3, "plc_st", "改ざんされた殺菌温度設定値で殺菌不足のまま記録は正常と表示される", ["safety", "quality"])
s.damage("d2", "充填ラインの長期停止(供給停止)", 3, "plc_fill", "リモート保守経路から充填機PLCのプログラムを消去し再起動不能にする", ["delivery"])
s.damage("d3", "レシピ(技術情報)の漏えい", 2, "recipe", "クラウドMESのアカウントを乗っ取りレシピを持ち出す", ["information"])

# リスク対応 for every residual risk above the tolerable level (C), agreed with the customer on
# 2026-11-20; version 1.0 recorded only the AGV decision.
s.p["risk_decisions"] = [
    {"risk_id": f"T16@{s.uid('asset', 'agv')}", "treatment": "accept", "justification": "WPA3-Enterprise と許可リストで十分に低減済み。妨害による停止は手動搬送で代替可能。", "owner": "物流課長", "date": "2026-11-10"},
]
if not FIRST:
    D, day = s.decide, "2026-11-20"
    fill = ["scale", "plc_fill", "sealer", "printer", "robot"]
    D("T21", ["hmi1", "hmi2", "ews"], "reduce", "操作ログの1年保存と月次レビュー(M-019)で不正な改ざんを早期に検知する。導入後に再評価する。", "生産技術課長", day, due="2027-01-31", relies_on=["m19"])
    D("T20", ["plc_mix", "inv_mix"], "reduce", "OT向けIDS(M-020)で制御コマンドの改ざんを検知し、検知時は手順に従い調合ラインを手動運転に切り替える。設置後に残留リスクを再評価する。", "生産技術課長", day, due="2027-03-31", relies_on=["m20"])
    D("T15", ["plc_mix", "inv_mix"], "reduce", "IDS(M-020)で通信の輻輳を検知し、制御通信を優先する設定をあわせて行う。", "生産技術課長", day, due="2027-03-31", relies_on=["m20"])
    D("T03", fill, "reduce", "IDS(M-020)で脆弱性を突く通信を検知し、検知時は手順に従い当該機器を切り離す。充填ライン機器のファーム更新は次回定修で実施する。", "製造課長", day, due="2027-03-31", relies_on=["m20"])
    D("T23", fill, "reduce", "保守要員の持込みPCは検疫端末で検査してから接続する(M-005、顧客・ベンダと分担)。", "製造課長", day, due="2027-01-31", relies_on=["m05"])
    D("T21", ["plc_st"], "reduce", "HACCP重要管理点のため、殺菌記録の一方向化(M-003)とハッシュ照合(M-024)を2027年3月までに導入する。", "品質保証部長", day, due="2027-03-31", relies_on=["m03", "m24"])
    D("T24", ["hist"], "reduce", "Windows Server 2022 への移行(M-008、顧客実施)で解消する。完了までは境界FWで通信先を限定する。", "情報システム部長", day, due="2027-06-30", relies_on=["m08"])
    D("T09", ["saasmes", "recipe"], "reduce", "工場データの機密区分と外部提供ルール(M-014、顧客実施)を制定し、MES事業者との契約に反映する。", "情報システム部長", day, due="2027-03-31", relies_on=["m14"])
    D("T07", ["hist", "mesdb"], "accept", "オフラインバックアップと四半期の復旧テスト(M-009)で記録は復旧できる。容量は運用で監視し、残る停止時間は受容する。", "工場長", day, relies_on=["m09"])
    D("T13", ["scada", "hmi1", "hmi2", "ews"], "accept", "USBの制限(M-004)と許可リスト(M-007)で経路を絞った。持込みPCの検疫(M-005)は2027年1月から。残る誤持込みは教育と年次監査で管理し受容する。", "工場長", day, relies_on=["m04", "m07"])
    D("T24", ["hmi1", "hmi2"], "accept", "HMIは専用OSで更新手段がない。許可リスト(M-007)で悪用を抑え、2029年の設備更新で置き換える。", "製造課長", day, relies_on=["m07"])
    D("T21", ["plc_mix"], "accept", "書込みパスワードとキースイッチ運用(M-006)で改ざんを抑止済み。PLC更新計画(2029年)で再評価する。", "製造課長", day, relies_on=["m06"])
    D("T13", ["relay", "patch"], "accept", "中継・配信サーバの媒体ポートは封止し、使用を管理規程で禁止した(M-028、顧客実施)。技術的対策は次期更新で検討する。", "生産技術課長", day, relies_on=["m28"])
    D("T22", ["scada", "hmi1", "hmi2", "ews"], "accept", "操作権限の分離と重要な設定変更の承認制(M-029、顧客実施)で誤操作を抑えている。年1回の教育で管理し、残るリスクを受容する。", "製造課長", day, relies_on=["m29"])
s.write(sys.argv[2] if len(sys.argv) > 2 else "../food-plant.json")
