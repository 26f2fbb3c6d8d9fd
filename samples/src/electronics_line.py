"""Sample 2: an electronics plant with a DCS-controlled plating/chemical supply, a safety
instrumented system, an SMT line and a new IoT data platform (みなと電子工業 熊本事業所)."""
import sys

from common import Sample

# `python3 electronics_line.py 1.0 OUT` writes the model as the customer agreed it in version
# 1.0 (before the IDS was assigned, the treatment decisions and the subcontractor were
# recorded); without arguments, the current model.
EDITION = sys.argv[1] if len(sys.argv) > 1 else "current"
FIRST = EDITION == "1.0"
s = Sample("electronics-line")
s.p["meta"] = dict(
    name="みなと電子工業 熊本事業所 IoTデータ基盤導入 リスク評価",
    customer="みなと電子工業株式会社", site="熊本事業所(熊本県菊池郡)", sier="九州インダストリアルシステムズ株式会社",
    assessor="KIS セキュリティコンサルティング室 田中 美咲", scope="めっき薬液供給(DCS)・安全計装(SIS)・SMT実装ライン・クリーンルーム空調と、新設するIoTデータ基盤(エッジ+クラウドデータレイク)",
    version="1.0" if FIRST else "1.1", created="2026-08-18",
    updated="2026-10-02" if FIRST else "2026-11-20", language="ja")
r = s.p["requirements"]
r["business_goals"] = "車載向け電子部品の不良率を2027年度までに30%削減する。設備予兆保全で計画外停止を半減する。"
r["smart_factory_purpose"] = "SMT実装機・検査機・薬液設備のデータをIoTデータ基盤に集約し、AIによる不良予測と予兆保全を行う。"
r["bcp"] = {"status": "covers_cyber", "notes": "2025年改訂のBCPにサイバー攻撃時の手動運転・出荷継続手順を含む。RTO: 実装ライン72時間。"}
r["incident_impact"] = "薬液(シアン系めっき液)の漏えいは作業者・周辺環境に重大な影響。車載顧客への納入停止はラインストップ補償の対象。"
r["governance"] = "製造本部 生産技術部が工場OTを所管。情報システム部はIT・クラウドを所管。事業所長が最終責任者。"
s.requirement("goal", "business_goal", "不良率30%削減", "実装・検査データを全数保存し不良予測に用いる。", "中期計画 2025-2027", "製造本部", "推進中")
s.requirement("pollution", "law", "水質汚濁防止法・毒物及び劇物取締法", "めっき薬液の漏えい防止と排水監視の記録保存。", "法令", "環境安全課", "対応済")
s.requirement("iatf", "industry_guideline", "IATF 16949 / 自動車産業サイバーセキュリティガイドライン", "自工会・部工会ガイドラインのレベル2相当の対策を2027年度までに実施。", "JAMA/JAPIA ガイドライン v2.2", "品質保証部", "対応中")
s.requirement("oem", "customer_demand", "車載OEMのサプライヤ要求", "重大インシデントを24時間以内に報告。年1回の自己評価結果を提出。", "取引基本契約", "営業部", "対応済")
s.requirement("62443", "standard", "IEC 62443-3-2 / 3-3", "SIS・DCSのゾーンはSL-T 3を目標とする。", "IEC 62443", "生産技術部", "本評価で対応")
s.stakeholder("gm", "事業所長 松本 剛", True, "熊本事業所", "最終承認者")
s.stakeholder("pe", "生産技術部 課長 井上 聡", True, "生産技術部", "OTセキュリティ責任者")
s.stakeholder("env", "環境安全課 木村 彩", True, "環境安全課", "薬液・排水の責任者")
s.stakeholder("kis", "KIS 田中 美咲", False, "九州インダストリアルシステムズ", "評価者")
s.stakeholder("dcsv", "DCSベンダ 保守部門", False, "アジア制御システム株式会社", "DCS・SISの保守")

H, M, L = 3, 2, 1
s.business("plating", "めっき処理", "表面処理課", "リードフレームのめっき。薬液濃度・温度をDCSで制御。", {"safety": H, "environment": H, "quality": H}, "シアン系薬液の漏えいは人命・環境に重大。")
s.business("chem", "薬液供給・排水処理", "環境安全課", "薬液タンクからの自動供給と排水中和。", {"safety": H, "environment": H, "delivery": M}, "法令違反と周辺環境への影響。")
s.business("smt", "SMT実装", "実装課", "チップマウンタ・リフロー炉による実装。", {"delivery": H, "quality": H}, "車載顧客へのラインストップ補償。", purpose="実装データをIoT基盤に収集", smart_change="expanded", data="実装プログラム、トレーサビリティ")
s.business("aoi", "外観検査(AOI)・X線検査", "品質保証部", "自動外観検査と判定結果の記録。", {"quality": H, "information": M, "delivery": M}, "検査機が止まると出荷判定ができずラインが止まる。検査結果の改ざんは不良流出につながる。", purpose="AI判定の導入", smart_change="new", data="検査画像、判定結果")
s.business("cr", "クリーンルーム空調", "施設課", "クリーン度・温湿度の維持。", {"quality": M, "delivery": M}, "停止すると数日の歩留まり低下。")
s.business("pdm", "予兆保全・データ分析", "生産技術部", "IoTデータ基盤での不良予測・予兆保全。", {"delivery": M, "information": H}, "停止しても製造は継続可能。データは顧客の技術情報を含む。", purpose="AIによる不良予測", smart_change="new", data="設備データ、検査データ")
s.business("mes", "生産管理(MES)", "生産管理課", "ロット進捗、トレーサビリティ。", {"delivery": H, "quality": M, "cost": M}, "トレーサビリティ欠損は出荷不可。")

s.zone("ent", "情報系ゾーン", "事務・基幹", "Z-ENT", 1, "全社規程を適用。", "制御系への直接通信禁止。", accountable="情報システム部", pos=(40, 40))
s.zone("dmz", "DMZゾーン", "IT/OT境界", "Z-DMZ", 2, "IT/OT間の通信はDMZで終端。", "中継のみ許可。", accountable="生産技術部", pos=(360, 40))
s.zone("mes", "生産管理ゾーン", "MES・ヒストリアン", "Z-MES", 2, "MESとIoT基盤の連携は読み出しのみ。", "トレーサビリティDBの日次バックアップ。", accountable="生産管理課", pos=(360, 220))
s.zone("iot", "IoTデータ基盤ゾーン", "エッジサーバ・IoTゲートウェイ", "Z-MES", 2, "エッジはデータ収集専用とし、制御系への書込みを禁止する。", "IoT GWは制御系側から見て受信専用。", basis="新設(スマート化)", accountable="生産技術部", pos=(700, 220))
s.zone("smt", "SMT実装ラインゾーン", "実装機・リフロー・AOI", "Z-CTL", 3, "ライン内はベンダ指定プロトコルのみ。", "実装プログラムの改ざん検知。", accountable="実装課", pos=(1000, 420))
s.zone("dcs", "薬液制御(DCS)ゾーン", "めっき・薬液供給のDCS", "Z-SUP", 3, "DCSは独立ネットワークとし、外部との接続は、ヒストリアンへの一方向ゲートウェイと、リモート保守ゾーンの踏み台サーバ経由の申請時のみの保守接続(録画・作業後切断)に限る。", "DCS操作はオペレータ個人認証。", accountable="生産技術部", sl_a=2, pos=(600, 420))
s.zone("sis", "安全計装(SIS)ゾーン", "ガス検知・緊急遮断", "Z-SIS", 3, "SISは他のどのゾーンとも通信しない。状態表示はハードワイヤのみ。", "SISの設定変更はキースイッチと二人作業。", accountable="環境安全課", safety=True, sl_a=3, pos=(300, 420))
s.zone("fac", "クリーンルーム空調ゾーン", "空調・純水", "Z-UTL", 2, "監視のみ許可。", "初期パスワード変更。", accountable="施設課", pos=(40, 420))
s.zone("wl", "無線IoTセンサゾーン", "振動・温度の無線センサ", "Z-WL", 2, "無線センサは専用ゲートウェイでのみ受信。", "LPWAの暗号化と機器認証。", accountable="生産技術部", pos=(1000, 220))
s.zone("cloud", "クラウドデータレイクゾーン", "クラウド上のデータレイク・AI分析", "Z-EXT", 2, "クラウドへの送信は匿名化したデータに限る。", "データ保存リージョンを国内に限定。", accountable="情報システム部", external=True, pos=(700, 40))
s.zone("rmt", "リモート保守ゾーン", "DCS・実装機ベンダのリモート保守", "Z-RMT", 2, "リモート保守は申請・承認制、作業時のみ接続。", "多要素認証と録画。", accountable="生産技術部", pos=(1000, 40))

s.entry("inet", "インターネット", "internet", "情報系のインターネット接続", pos=(40, -120))
s.entry("cl", "クラウドデータレイク", "cloud", "パブリッククラウド(国内リージョン)", pos=(700, -120))
s.entry("rm", "ベンダのリモート保守回線", "remote_maintenance", "DCSベンダ・実装機ベンダ", pos=(1000, -120))
s.entry("usb", "USBメモリ(実装プログラム)", "removable_media", "実装プログラムの持込み", pos=(1200, 620))
s.entry("lpwa", "LPWA無線", "wireless", "振動センサの無線通信", pos=(1250, 220))
s.entry("phys", "協力会社の入構", "physical", "設備メンテナンスの入構", pos=(300, 620))

s.supplier("dcsv", "アジア制御システム株式会社", "equipment", "DCS・SIS・リモート保守", "IEC 62443-2-4 (ML2)", "2026-08-01", "脆弱性情報の月次提供、インシデント時4時間以内の駆け付け", "2026-06 現地監査: 指摘1件(是正済)", contract_holder=None if FIRST else "customer")
s.supplier("smtv", "大和実装機器株式会社", "equipment", "チップマウンタ・AOI", "", None, "保守契約。セキュリティ条項なし", "", contract_holder=None if FIRST else "customer")
s.supplier("cloudv", "パブリッククラウド事業者", "cloud", "IaaS/PaaS(データレイク)", "ISMAP登録", "2026-07-15", "責任共有モデルに基づく", "", contract_holder=None if FIRST else "customer")
s.supplier("iotv", "センサネット株式会社", "software", "IoTデータ収集ソフトウェア", "", None if FIRST else "2026-11-10", "SBOM提供を協議中" if FIRST else "ライセンス契約に脆弱性情報の提供とSBOMの提供(2027年3月まで)を明記", "", contract_holder=None if FIRST else "sier")
if not FIRST:
    s.supplier("sub", "熊本計装工事株式会社(再委託)", "subcontractor", "DCS周辺の計装・配線工事", "ISO 9001", "2026-10-05", "再委託契約: 秘密保持、作業PCの検疫と持込み申請、作業記録の提出", "2026-11-05 書面確認と現地立会い: 適合")

A = s.asset
A("erp", "基幹システム", "erp_server", "ent", ["mes"], "SAP", "S/4HANA", "", "10.20.1.10", "本社DC", "情報システム部")
A("relay", "中継サーバ", "jump_server", "dmz", ["mes", "pdm"], "Dell", "PowerEdge R260", "Windows Server 2022", "172.20.10.10", "サーバ室", "生産技術部", delivered=True)
A("fw", "境界ファイアウォール", "firewall", "dmz", ["mes", "smt", "plating"], "Palo Alto Networks", "PA-445", "PAN-OS 11.1", "172.20.10.1", "サーバ室", "生産技術部", delivered=True)
A("mes", "MESサーバ", "mes_server", "mes", ["mes", "smt"], "NEC", "Express5800", "Windows Server 2019 / 自社MES", "172.20.20.10", "サーバ室", "生産管理課")
A("trace", "トレーサビリティDB", "db_server", "mes", ["mes", "aoi"], "NEC", "Express5800", "SQL Server 2019", "172.20.20.11", "サーバ室", "生産管理課")
A("hist", "プロセスヒストリアン", "historian", "mes", ["plating", "chem", "pdm"], "横河電機", "Exaquantum", "R3.40", "172.20.20.20", "サーバ室", "生産技術部")
A("edge", "エッジ分析サーバ", "db_server", "iot", ["pdm"], "HPE", "Edgeline EL300", "Ubuntu 22.04 LTS", "172.20.30.10", "実装棟 ラック", "生産技術部", delivered=True, generic_product=True, supplier="iotv", software="IoT収集ソフト 4.2、Python 3.11")
A("iotgw", "IoTゲートウェイ(実装ライン)", "iot_gateway", "iot", ["pdm", "smt"], "センサネット", "SG-200", "3.0.1", "172.20.30.20", "実装棟", "生産技術部", delivered=True, generic_product=True, supplier="iotv", support_end="2030-12-31")
A("mounter", "チップマウンタ(2台)", "robot_controller", "smt", ["smt"], "大和実装機器", "YM-40", "5.2", "192.168.10.11", "実装棟 ライン1", "実装課", supplier="smtv", support_end="2031-12-31")
A("reflow", "リフロー炉", "plc", "smt", ["smt"], "タムラ", "TNV-EN", "", "192.168.10.20", "実装棟 ライン1", "実装課", support_end="2033-03-31", notes="メーカ保守契約による部品・ソフト供給期限")
A("aoi", "AOI検査機", "workstation" if False else "operator_pc", "smt", ["aoi"], "大和実装機器", "AOI-9000", "Windows 10 IoT", "192.168.10.30", "実装棟 ライン1", "品質保証部", supplier="smtv", support_end="2026-10-14", notes="Windows 10 IoT のサポート終了済み")
A("smtpc", "ライン管理PC", "operator_pc", "smt", ["smt", "mes"], "Lenovo", "ThinkCentre M75q", "Windows 11 IoT Enterprise LTSC 2024", "192.168.10.40", "実装棟", "実装課", support_end="2034-10-10")
A("dcs_ctl", "DCSコントローラ", "dcs_controller", "dcs", ["plating", "chem"], "アジア制御システム", "ACS-9000 FCS", "R6.10", "192.168.20.10", "めっき棟 計器室", "生産技術部", supplier="dcsv")
A("dcs_hmi", "DCS操作ステーション", "hmi", "dcs", ["plating", "chem"], "アジア制御システム", "ACS-9000 HIS", "Windows 10 LTSC 2019", "192.168.20.20", "めっき棟 計器室", "生産技術部", supplier="dcsv")
A("dcs_ews", "DCSエンジニアリングステーション", "ews", "dcs", ["plating", "chem"], "アジア制御システム", "ACS-9000 ENG", "Windows 10 LTSC 2019", "192.168.20.30", "めっき棟 計器室", "生産技術部", supplier="dcsv")
A("sis", "安全計装システム(ガス検知・緊急遮断)", "sis", "sis", ["chem", "plating"], "アジア制御システム", "ACS-SIS", "R3.02", "192.168.25.10", "めっき棟 SIS盤", "環境安全課", supplier="dcsv")
A("gas", "ガス検知器(HCN)", "sensor", "sis", ["chem"], "理研計器", "SD-3", "", "", "めっき棟", "環境安全課")
A("ahu", "空調コントローラ", "bas_controller", "fac", ["cr"], "アズビル", "savic-net G5", "", "192.168.30.10", "空調機械室", "施設課")
A("vib", "無線振動センサ(24台)", "iot_sensor", "wl", ["pdm"], "センサネット", "VS-10", "1.8", "", "実装棟・めっき棟", "生産技術部", supplier="iotv")
A("lpgw", "LPWA受信ゲートウェイ", "iot_gateway", "wl", ["pdm"], "センサネット", "LG-1", "1.2", "172.20.31.10", "実装棟", "生産技術部", delivered=True, generic_product=True, supplier="iotv")
A("lake", "クラウドデータレイク", "cloud_service", "cloud", ["pdm"], "パブリッククラウド", "オブジェクトストレージ+分析基盤", "", "", "国内リージョン", "情報システム部", supplier="cloudv")
A("aimodel", "不良予測AIモデル・学習データ", "data_set", "cloud", ["pdm", "aoi"], "", "", "", "", "データレイク内", "生産技術部", notes="顧客図面由来の特徴量を含む")
A("rvpn", "リモート保守ゲートウェイ", "vpn_router", "rmt", ["plating", "smt"], "Cisco", "ISR 1100", "IOS-XE 17.12", "172.20.90.1", "サーバ室", "生産技術部", delivered=True)

C = s.conduit
C("ent_dmz", "情報系→DMZ", "zone:ent", "zone:dmz", [("https", "443", "forward", "from", "帳票閲覧", True, True)], [("firewall", "fw", "")], sl_t=2)
C("inet_ent", "インターネット", "entry:inet", "zone:ent", [("https", "443", "both", "to", "Web・メール", True, False)], [("firewall", None, "本社UTM")])
C("dmz_mes", "DMZ→生産管理", "zone:dmz", "zone:mes", [("sql", "1433", "forward", "from", "実績照会", True, True)], [("firewall", "fw", "")], sl_t=2)
C("mes_iot", "生産管理→IoT基盤", "zone:mes", "zone:iot", [("https", "443", "forward", "from", "ロット情報", True, True)], [("firewall", "fw", "")], sl_t=2, introduced_by_delivery=True)
C("iot_cloud", "IoT基盤→クラウド", "zone:iot", "zone:cloud", [("https", "443", "forward", "from", "匿名化データ送信", True, True), ("mqtt", "8883", "forward", "from", "テレメトリ", True, True)], [("firewall", "fw", "宛先固定")], sl_t=2, introduced_by_delivery=True)
C("cl_cloud", "クラウド接続", "entry:cl", "zone:cloud", [("https", "443", "both", "either", "管理コンソール", True, True)], [] if FIRST else [("firewall", None, "クラウドのセキュリティグループで接続元を工場の固定IPと管理者端末に限定")])
C("smt_iot", "SMTライン→IoT基盤", "zone:smt", "zone:iot", [("opc_ua", "4840", "forward", "to", "設備データ収集", True, True), ("smb", "445", "forward", "to", "検査画像収集", False, True)], [], sl_t=3, introduced_by_delivery=True, notes="IoT GWが実装ライン側に直接接続(境界装置なし)")
C("mes_smt", "生産管理↔SMTライン", "zone:mes", "zone:smt", [("sql", "1433", "both", "to", "ロット実績", False, True)], [("router_acl", None, "L3スイッチACL")], sl_t=3)
C("dcs_mes", "DCS→ヒストリアン(一方向)", "zone:dcs", "zone:mes", [("opc_ua", "4840", "forward", "from", "プロセスデータ", True, True)], [("data_diode", None, "一方向ゲートウェイ")], sl_t=3)
C("wl_iot", "無線センサ→IoT基盤", "zone:wl", "zone:iot", [("mqtt", "8883", "forward", "from", "振動データ", True, True)], [("firewall", "fw", "")], sl_t=2, introduced_by_delivery=True)
C("lpwa_wl", "LPWA無線", "entry:lpwa", "zone:wl", [("lpwa", "", "forward", "from", "センサ送信", True, True)], [], wireless=True, introduced_by_delivery=True)
C("rm_rmt", "ベンダリモート回線", "entry:rm", "zone:rmt", [("ipsec", "500,4500", "both", "from", "VPN", True, True)], [("vpn_gateway", "rvpn", "")], sl_t=2)
C("rmt_dcs", "リモート保守→DCS", "zone:rmt", "zone:dcs", [("rdp", "3389", "forward", "from", "DCS保守", True, True)], [("jump_host", "relay", "録画")], sl_t=3, temporary=True)
C("rmt_smt", "リモート保守→SMTライン", "zone:rmt", "zone:smt", [("vnc", "5900", "forward", "from", "実装機保守", False, True)], [], sl_t=3, temporary=True)
C("usb_smt", "USBメモリ", "entry:usb", "zone:smt", [("usb", "", "both", "either", "実装プログラム持込み", False, False)], [])
C("phys_sis", "SIS盤への物理アクセス", "entry:phys", "zone:sis", [("local", "", "both", "either", "点検", False, False)], [])
C("ent_fac", "情報系→空調(監視)", "zone:ent", "zone:fac", [("bacnet", "47808", "reverse", "from", "空調状態", False, False)], [], sl_t=2, notes="施設課の事務PCから直接監視している")

T = s.threat
T("sis", "T11", {"safety": H, "environment": H}, "協力会社の入構時の不正操作", ["I01", "I02"])
T("sis", "T21", {"safety": H, "environment": H}, "設定値の改ざん", ["I01", "I02"])
T("dcs", "T21", {"safety": H, "environment": H, "quality": H}, "EWSからの制御ロジック改ざん", ["I01", "I02", "I04"])
T("dcs", "T12", {"safety": M, "quality": H}, "DCSベンダのリモート保守", ["I04"])
T("dcs", "T24", {"quality": M}, "Windows 10 LTSC 2019", ["I04"])
T("dcs", "T13", {"quality": M}, "保守時の媒体", ["I04"])
T("smt", "T13", {"delivery": H, "quality": H}, "実装プログラムのUSB持込み", ["I03", "I04"])
T("smt", "T24", {"quality": H}, "サポート切れのAOI検査機", ["I04"])
T("smt", "T06", {"quality": H}, "IoT基盤からの不正データ", ["I04"])
T("smt", "T12", {"delivery": H}, "実装機ベンダのVNC保守", ["I03"])
T("smt", "T14", {"delivery": H}, "IoT GW経由のランサムウェア", ["I03", "I10"])
T("iot", "T03", {"delivery": M, "information": M}, "IoT GWの脆弱性", ["I06"])
T("iot", "T27", {"delivery": L}, "汎用品のサポート終了", ["I03"])
T("iot", "T25", {"information": M}, "収集ソフトのサプライチェーン", ["I06"])
T("wl", "T16", {"delivery": L}, "LPWAの妨害・なりすまし", ["I03"])
T("cloud", "T04", {"information": H}, "学習データ(顧客図面由来)の漏えい", ["I06", "I08"])
T("cloud", "T26", {"delivery": L}, "クラウド停止", ["I03"])
T("cloud", "T09", {"information": H}, "データ取扱不備", ["I06", "I09"])
T("mes", "T14", {"delivery": H}, "情報系からのランサムウェア", ["I03", "I10"])
T("mes", "T05", {"quality": M}, "トレーサビリティの欠損", ["I04"])
T("fac", "T01", {"quality": M}, "情報系PCからの空調操作", ["I04"])
T("rmt", "T12", {"delivery": M}, "VPN認証情報の漏えい", ["I03"])
T("ent", "T14", {"cost": M}, "メール", ["I05"])
T("dmz", "T01", {"delivery": M}, "情報系からの侵入", ["I03"])

Mz = s.measure
Mz("m01", "C-NW-01", "境界FWのゾーン間許可リスト化", ["T01", "T14"], "sier", "implemented", zones=["dmz", "mes"], conduits=["ent_dmz", "dmz_mes"], operator="customer", paid=True, evidence="FW設定書 KIS-FW-01")
Mz("m02", "C-NW-08", "DCS→ヒストリアンを一方向ゲートウェイで接続", ["T21", "T14"], "vendor", "implemented", zones=["dcs"], conduits=["dcs_mes"], evidence="DCSベンダ納入仕様書")
Mz("m03", "C-NW-01", "SMTライン→IoT基盤の間に産業用FWを追加", ["T14", "T06", "T03"], "sier", "proposed" if FIRST else "agreed", zones=["smt", "iot"], conduits=["smt_iot"], paid=True, due="2027-02-28")
Mz("m04", "C-NW-04", "リモート保守を踏み台・多要素認証・録画に統一(VNC直結を廃止)", ["T12"], "sier", "agreed", zones=["rmt", "smt", "dcs"], conduits=["rm_rmt", "rmt_dcs", "rmt_smt"], operator="customer", paid=True, due="2027-01-31")
Mz("m05", "C-EQ-13", "SISの設定変更はキースイッチと二人作業", ["T21", "T11"], "customer", "implemented", zones=["sis"])
Mz("m06", "C-PH-01", "めっき棟・SIS盤の入室管理と付添い", ["T11"], "customer", "implemented", zones=["sis", "dcs"])
Mz("m07", "C-EQ-06", "実装プログラムの持込みを検疫済みUSBに限定", ["T13"], "customer", "agreed", zones=["smt"], conduits=["usb_smt"], due="2026-12-31")
Mz("m08", "C-EQ-01", "AOI検査機に許可リスト型の保護ソフトを導入(OS更新までの代替策)", ["T24", "T13", "T14"], "vendor", "proposed", assets=["aoi"], paid=True, due="2027-03-31")
Mz("m09", "C-NW-12", "IoT基盤から設備への書込みを禁止し、受信データの値域検査", ["T06"], "sier", "agreed", zones=["iot", "smt"], paid=True, due="2027-01-31")
Mz("m10", "C-PG-03", "データレイクの暗号化・国内リージョン固定・アクセス権の最小化", ["T04", "T09"], "customer", "agreed", zones=["cloud"], due="2026-12-31")
Mz("m11", "C-PG-04", "顧客図面由来データの匿名化と提供ルール", ["T09", "T04"], "customer", "proposed", zones=["cloud", "iot"], due="2027-03-31")
Mz("m12", "C-NW-09", "LPWAの暗号化と機器認証", ["T16"], "vendor", "implemented", zones=["wl"], conduits=["lpwa_wl"])
Mz("m13", "C-EQ-09", "MES・トレーサビリティDB・DCS設定のバックアップと復旧訓練", ["T14", "T05"], "shared", "agreed", zones=["mes", "dcs"], operator="customer", paid=True, due="2026-12-31", shared_with=["sier", "customer"])
Mz("m14", "C-SC-07", "IoT収集ソフトのSBOM提供とサポート期間の契約明記", ["T25", "T27"], "customer", "proposed", zones=["iot"], due="2027-03-31")
Mz("m15", "C-NW-01", "空調監視を情報系から切り離しDMZ経由に変更", ["T01"], "sier", "proposed" if FIRST else "agreed", zones=["fac"], conduits=["ent_fac"], paid=True, due="2027-03-31")
Mz("m16", "C-EQ-08", "DCS操作ログ・踏み台ログの保存と月次確認", ["T21", "T12"], "vendor", "agreed", zones=["dcs", "rmt"], operator="customer", paid=False, due="2027-01-31")
Mz("m17", "C-OP-12", "OODA役割分担と年次訓練(薬液漏えいシナリオ)", ["T21", "T14"], "customer", "implemented")
Mz("m18", "C-SC-01", "DCSベンダ・実装機ベンダとの24時間連絡体制", ["T12", "T25"], "vendor", "agreed", zones=["dcs", "smt"], due="2026-12-31")
Mz("m19", "C-EQ-02", "DCS操作ステーションのOS更新計画(ベンダ認定版)", ["T24"], "vendor", "proposed", zones=["dcs"], paid=True, due="2027-09-30")
# Version 1.0 left the IDS without an owner; the SIer took it on after the review.
Mz("m20", "C-NW-05", "DCS・SMTゾーンへのOT向けIDS導入", ["T21", "T03", "T14"], None if FIRST else "sier", "proposed", zones=["dcs", "smt"], paid=True, due=None if FIRST else "2027-03-31")
if not FIRST:
    Mz("m21", "C-EQ-07", "DCSベンダの保守PCは持込み前に検疫し、作業記録を提出(保守契約 第8条)", ["T13", "T23"], "vendor", "agreed", zones=["dcs"], due="2026-12-15")

O = s.ooda
O("OODA-P-OBS", "preventive", "observe", "アジア制御システム・大和実装機器", "生産技術部長", "脆弱性情報の月次提供", "vendor", "各ベンダ保守窓口")
O("OODA-P-ORI", "preventive", "orient", "生産技術部", "生産技術部長", "影響分析", "customer", "井上")
O("OODA-P-DEC", "preventive", "decide", "生産技術部", "事業所長", "対策決定", "customer", "松本")
O("OODA-P-ACT", "preventive", "act", "表面処理課・実装課", "各課長", "計画停止時に実施", "customer", "各課長")
O("OODA-I-OBS", "incident", "observe", "表面処理課・実装課", "各課長", "異常の報告", "customer", "各班長")
O("OODA-I-ORI", "incident", "orient", "生産技術部・環境安全課", "生産技術部長、環境安全課長", "影響とセキュリティ起因の判断", "shared", "井上・木村、KIS 田中(支援)")
O("OODA-I-DEC", "incident", "decide", "生産技術部", "事業所長", "停止・切り離しの決定", "customer", "松本")
O("OODA-I-ACT", "incident", "act", "表面処理課", "表面処理課長", "手動運転・薬液の安全停止", "customer", "表面処理課")

for item, ans in [("SC-CL-P1", "done"), ("SC-CL-P2", "done"), ("SC-CL-P3", "done"), ("SC-CL-P4", "not_applicable"), ("SC-CL-K1", "done"), ("SC-CL-K2", "partial"), ("SC-CL-O1", "done"), ("SC-CL-O2", "partial"), ("SC-CL-O3", "done"), ("SC-CL-O4", "done"), ("SC-CL-O5", "not_done"), ("SC-CL-O6", "done")]:
    s.answer(item, supplier="cloudv", answer=ans, evidence="ISMAP登録・責任共有モデル資料" if ans == "done" else "")
for item, ans in [("SC-GP-P1", "partial"), ("SC-GP-P2", "done"), ("SC-GP-P3", "not_done"), ("SC-GP-P4", "done"), ("SC-GP-P5", "not_done"), ("SC-GP-P6", "partial"), ("SC-GP-P7", "done"), ("SC-GP-P8", "done"), ("SC-GP-O1", "done"), ("SC-GP-O2", "partial"), ("SC-GP-O3", "partial"), ("SC-GP-O4", "done"), ("SC-GP-O5", "not_done")]:
    s.answer(item, supplier="iotv", asset="iotgw", answer=ans)
for item, ans in [("SC-SW-P1", "partial"), ("SC-SW-P2", "partial"), ("SC-SW-P3", "done"), ("SC-SW-P4", "not_done"), ("SC-SW-P5", "partial"), ("SC-SW-P6", "done"), ("SC-SW-P7", "done"), ("SC-SW-K1", "partial"), ("SC-SW-K2", "done"), ("SC-SW-K3", "not_done"), ("SC-SW-K4", "done"), ("SC-SW-D1", None), ("SC-SW-D2", None), ("SC-SW-D3", None), ("SC-SW-O1", "done"), ("SC-SW-O2", "partial"), ("SC-SW-O3", "partial"), ("SC-SW-O4", "done"), ("SC-SW-O5", "not_done")]:
    s.answer(item, supplier="iotv", asset="edge", answer=ans)

s.damage("d1", "シアン系薬液の漏えい(人身・環境)", 3, "dcs_ctl", "改ざんされた制御ロジックで供給弁を開放し、SISの遮断前に薬液があふれる", ["safety", "environment"])
s.damage("d2", "車載顧客への納入停止", 3, "mounter", "IoT GW経由で侵入したランサムウェアが実装ラインPCを暗号化する", ["delivery"])
s.damage("d3", "顧客技術情報の漏えい", 2, "aimodel", "データレイクの設定不備から学習データが外部公開される", ["information"])
# リスク対応 for every residual risk above the tolerable level (C), agreed on 2026-11-20.
if not FIRST:
    D, day = s.decide, "2026-11-20"
    smt = ["mounter", "reflow", "aoi", "smtpc"]
    dcs = ["dcs_ctl", "dcs_hmi", "dcs_ews"]
    D("T04", ["lake", "aimodel"], "transfer", "データの保護と設定は顧客が実施する(暗号化 M-010、匿名化 M-011)。それでも残る漏えい時の損害賠償・対応費用はサイバー保険(2026年度契約、情報漏えい補償特約)で移転する。", "情報システム課長", day, relies_on=["m10", "m11"])
    D("T09", ["lake", "aimodel"], "reduce", "顧客図面由来データの匿名化と提供ルール(M-011、顧客実施)を制定する。", "情報システム課長", day, due="2027-03-31", relies_on=["m11"])
    D("T24", ["aoi"], "reduce", "OS更新までの代替策として許可リスト型の保護ソフト(M-008、ベンダ実施)を導入する。", "実装課長", day, due="2027-02-28", relies_on=["m08"])
    D("T13", smt, "accept", "実装プログラムの持込みは検疫済みUSBに限定した(M-007、顧客実施)。検疫記録を月次で確認し、残るリスクを受容する。", "実装課長", day, relies_on=["m07"])
    D("T14", ["smtpc"], "reduce", "SMTライン→IoT基盤の間の産業用FW(M-003)とIDS(M-020)で感染の拡大を防ぐ。", "生産技術部長", day, due="2027-03-31", relies_on=["m03", "m20"])
    D("T03", ["edge", "iotgw"], "reduce", "産業用FW(M-003)でIoT基盤への通信を許可リスト化する。", "生産技術部長", day, due="2027-03-31", relies_on=["m03"])
    D("T13", dcs, "accept", "DCSゾーンへの媒体・PCの持込みはベンダ作業時のみで、保守契約の検疫手順(M-021、ベンダ実施)による。残るリスクは作業立会いで管理し受容する。", "生産技術部長", day, relies_on=["m21"])
    D("T24", dcs, "reduce", "ベンダ認定版OSへの更新(M-019、ベンダ実施)を2027年度の定修で行う。", "生産技術部長", day, due="2027-09-30", relies_on=["m19"])
s.write(sys.argv[2] if len(sys.argv) > 2 else "../electronics-line.json")
