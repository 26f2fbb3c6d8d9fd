use otzone_models::excel::ledger::{apply, preview, Action, Field, LedgerOptions, ProblemLevel};
use otzone_models::model::Project;
use otzone_tests::{sample, samples_dir, write_quirky_ledger};
use std::path::Path;

fn codes(
    p: &otzone_models::excel::ledger::Preview,
) -> Vec<(ProblemLevel, String, Option<u64>, Option<String>)> {
    p.problems
        .iter()
        .map(|(l, x)| {
            (
                *l,
                x.code.clone(),
                x.location.row,
                x.location.column.clone(),
            )
        })
        .collect()
}

fn check_quirky_preview(project: &Project, path: &Path) {
    let p = preview(project, path, &LedgerOptions::default()).unwrap();
    assert_eq!(
        p.sheet, "資産台帳",
        "the visible ledger sheet, not the cover or the hidden old sheet"
    );
    assert_eq!(p.header_row, 4, "header found below the title rows");
    let names: Vec<(&str, &Action, bool)> = p
        .rows
        .iter()
        .map(|r| (r.asset.name.as_str(), &r.action, r.has_error))
        .collect();
    let plc = project
        .assets
        .iter()
        .find(|a| a.name == "調合ラインPLC")
        .unwrap();
    assert_eq!(names.len(), 5);
    assert_eq!(
        names[0],
        ("調合ラインPLC", &Action::Update { id: plc.id }, false)
    );
    assert_eq!(
        (names[1].0, names[1].1, names[1].2),
        ("計量機2", &Action::Add, false)
    );
    assert_eq!((names[2].0, names[2].2), ("包装検査カメラ", false));
    assert_eq!((names[3].0, names[3].2), ("温湿度ロガー", true));
    assert_eq!((names[4].0, names[4].2), ("調合ラインPLC", true));

    let updated = &p.rows[0].asset;
    assert_eq!(updated.asset_type, "plc", "full-width ＰＬＣ recognised");
    assert_eq!(
        updated.address, "192.168.40.10",
        "full-width digits and punctuation folded"
    );
    assert_eq!(updated.location, "調合室 制御盤1");
    assert_eq!(
        updated.install_date.as_ref().unwrap().to_string(),
        "2024-01-01",
        "date serial"
    );
    assert_eq!(
        updated.support_end.as_ref().unwrap().to_string(),
        "2030-03-31",
        "date text"
    );
    assert!(
        updated.notes.contains("シリアル番号: 12345"),
        "unmapped column kept, number without .0: {:?}",
        updated.notes
    );
    assert_eq!(
        updated.businesses, plc.businesses,
        "existing business kept, not duplicated"
    );

    let scale = &p.rows[1].asset;
    assert_eq!(scale.model, "12345", "a model number stored as a number");
    assert_eq!(
        scale.location, "調合室 制御盤1",
        "vertically merged location applies to every row it spans"
    );
    assert_eq!(scale.asset_type, "sensor");
    assert_eq!(
        scale.install_date.as_ref().unwrap().to_string(),
        "2023-04-01"
    );
    assert_eq!(
        scale.zone,
        project
            .zones
            .iter()
            .find(|z| z.name == "調合ラインゾーン")
            .map(|z| z.id)
    );
    assert_eq!(scale.businesses.len(), 2, "both businesses resolved");
    assert!(scale.notes.contains("シリアル番号: A-99"));

    let camera = &p.rows[2].asset;
    assert_eq!(camera.asset_type, "other");
    assert!(
        camera.notes.contains("種別: 画像検査装置"),
        "unknown type kept in notes"
    );
    assert!(
        camera.notes.contains("新規導入。=保守契約は別途"),
        "notes kept whole"
    );
    assert_eq!(
        camera.install_date.as_ref().unwrap().to_string(),
        "2024-04-01"
    );

    assert_eq!(
        codes(&p),
        vec![
            (
                ProblemLevel::Warning,
                "unknown_type".into(),
                Some(8),
                Some("C".into())
            ),
            (
                ProblemLevel::Error,
                "invalid_address".into(),
                Some(9),
                Some("F".into())
            ),
            (
                ProblemLevel::Error,
                "duplicate_asset".into(),
                Some(10),
                Some("B".into())
            ),
            (ProblemLevel::Warning, "note_row".into(), Some(12), None),
        ]
    );
    assert!(p
        .problems
        .iter()
        .all(|(_, x)| x.location.sheet.as_deref() == Some("資産台帳")));
}

#[test]
fn xlsx_ledger_with_every_quirk_is_read_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.xlsx");
    write_quirky_ledger(&path).unwrap();
    check_quirky_preview(&sample("food-plant"), &path);
}

#[test]
fn committed_xls_and_ods_ledgers_read_the_same() {
    // The same ledger saved by LibreOffice as .xls and .ods (samples/ledgers/).
    let dir = tempfile::tempdir().unwrap();
    let xlsm = dir.path().join("chiba-ledger.xlsm");
    std::fs::copy(samples_dir().join("ledgers/chiba-ledger.xlsx"), &xlsm).unwrap();
    for ext in ["xlsx", "xlsm", "xls", "ods"] {
        let path = if ext == "xlsm" {
            xlsm.clone()
        } else {
            samples_dir().join(format!("ledgers/chiba-ledger.{ext}"))
        };
        let p = preview(&sample("food-plant"), &path, &LedgerOptions::default()).unwrap();
        assert_eq!(p.rows.len(), 5, "{ext}");
        let scale = &p.rows[1].asset;
        assert_eq!(
            (scale.model.as_str(), scale.location.as_str()),
            ("12345", "調合室 制御盤1"),
            "{ext}"
        );
        assert_eq!(p.rows[0].asset.address, "192.168.40.10", "{ext}");
        assert_eq!(p.error_count(), 2, "{ext}");
    }
}

#[test]
fn nothing_is_applied_while_errors_remain_unless_error_rows_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.xlsx");
    write_quirky_ledger(&path).unwrap();
    let mut project = sample("food-plant");
    let before = project.clone();
    let p = preview(&project, &path, &LedgerOptions::default()).unwrap();
    let e = apply(&mut project, &p, false).unwrap_err();
    assert!(
        e.to_string().contains("2 error(s); nothing was imported"),
        "{e}"
    );
    assert!(
        e.to_string().contains("sheet '資産台帳', row 9, column F"),
        "{e}"
    );
    assert!(project == before, "a refused import changes nothing");
    let (added, updated) = apply(&mut project, &p, true).unwrap();
    assert_eq!((added, updated), (2, 1));
    assert_eq!(project.assets.len(), before.assets.len() + 2);
    assert!(otzone_models::integrity::check(
        &project,
        otzone_models::catalogue::Catalogue::builtin()
    )
    .is_empty());
}

#[test]
fn csv_in_shift_jis_and_explicit_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台帳.csv");
    let csv = "設備台帳\r\n設備番号,ホスト,区分,IP,置き場\r\nM-1,新HMI,HMI,192.168.30.99,中央監視室\r\n,,,,\r\nM-2,新スイッチ,スイッチ,192.168.30.2,中央監視室\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
    std::fs::write(&path, &sjis).unwrap();
    let project = sample("food-plant");
    // Without mapping the header row is found by its words (ホスト = host name, 区分, IP);
    // 置き場 is no field's word, so it goes to the notes until mapped.
    let guess =
        preview(&project, &path, &LedgerOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(guess.header_row, 2);
    assert_eq!(guess.rows[0].asset.name, "新HMI");
    assert!(guess.rows[0].asset.notes.contains("置き場: 中央監視室"));
    let options = LedgerOptions {
        sheet: None,
        mapping: vec![
            ("ホスト".into(), Field::Name),
            ("区分".into(), Field::AssetType),
            ("E".into(), Field::Location),
            ("IP".into(), Field::Address),
        ],
    };
    // With `--map ホスト=name …` the header is found and the columns land where mapped.
    let p = preview(&project, &path, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rows.len(), 2);
    assert_eq!(
        (
            p.rows[0].asset.name.as_str(),
            p.rows[0].asset.asset_type.as_str()
        ),
        ("新HMI", "hmi")
    );
    assert_eq!(p.rows[1].asset.asset_type, "switch");
    assert_eq!(p.rows[1].asset.location, "中央監視室");
    assert!(p.rows[0].asset.notes.contains("設備番号: M-1"));
    assert_eq!(p.sheet, "");
}

/// Regenerate the committed ledger fixture: `cargo test -p otzone-tests -- --ignored
/// regenerate_ledger_fixture`, then convert it with LibreOffice to .xls and .ods
/// (`libreoffice --headless --convert-to xls|ods samples/ledgers/chiba-ledger.xlsx`).
#[test]
#[ignore]
fn regenerate_ledger_fixture() {
    write_quirky_ledger(&samples_dir().join("ledgers/chiba-ledger.xlsx")).unwrap();
}

/// A real-style 資産台帳 with the headers customers use (設備名称, 型式, メーカー,
/// 「ファームウェア/OS」 with a line break, ＩＰアドレス in full width, ネットワーク区分, 保守期限)
/// and type words (IoTゲートウェイ, 調節計, L2スイッチ, 画像処理装置, ネットワーク機器): read
/// without --map, every column where it belongs, the contained-word column proposed with its
/// reason, the network column offered as the zone (an unknown zone name is reported, not lost).
#[test]
fn a_real_style_ledger_is_read_without_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("資産台帳.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("資産一覧").unwrap();
    ws.write(0, 0, "工場設備 資産台帳(2026年度)").unwrap();
    let headers = [
        "No.",
        "設備名称",
        "種別",
        "型式",
        "メーカー",
        "ファームウェア\n/OS",
        "ＩＰアドレス",
        "ネットワーク区分",
        "保守期限",
        "備考",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "1",
            "充填機GW",
            "IoTゲートウェイ",
            "GW-100",
            "A社",
            "Linux 5.10",
            "192.168.10.5",
            "制御LAN",
            "2031-03-31",
            "",
        ],
        [
            "2",
            "殺菌温調",
            "調節計",
            "UT55A",
            "横河電機",
            "R2.01",
            "192.168.10.21",
            "制御LAN",
            "",
            "盤内",
        ],
        [
            "3",
            "ライン1スイッチ",
            "L2スイッチ",
            "SW-24",
            "B社",
            "3.2",
            "192.168.10.1",
            "制御LAN",
            "",
            "",
        ],
        [
            "4",
            "外観検査",
            "画像処理装置",
            "CV-X",
            "C社",
            "5.0",
            "192.168.10.40",
            "制御LAN",
            "",
            "",
        ],
        [
            "5",
            "事務所ルータ",
            "ネットワーク機器",
            "RT-9",
            "D社",
            "",
            "10.0.0.1",
            "情報LAN",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(3 + r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let mut project = sample("food-plant");
    let p = preview(&project, &path, &LedgerOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((p.sheet.as_str(), p.header_row), ("資産一覧", 3));
    let field = |h: &str| {
        p.columns
            .iter()
            .find(|c| c.header == h)
            .and_then(|c| c.field)
    };
    assert_eq!(field("設備名称"), Some(Field::Name));
    assert_eq!(field("種別"), Some(Field::AssetType));
    assert_eq!(field("型式"), Some(Field::Model));
    assert_eq!(field("メーカー"), Some(Field::Vendor));
    assert_eq!(field("ファームウェア\n/OS"), Some(Field::Firmware));
    assert_eq!(field("ＩＰアドレス"), Some(Field::Address));
    assert_eq!(field("ネットワーク区分"), Some(Field::Zone));
    assert_eq!(field("保守期限"), Some(Field::SupportEnd));
    let fw = p
        .columns
        .iter()
        .find(|c| c.header == "ファームウェア\n/OS")
        .unwrap();
    assert!(
        !fw.reason.as_ref().unwrap().certain(),
        "a contained word is a proposal"
    );
    let types: Vec<&str> = p.rows.iter().map(|r| r.asset.asset_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "iot_gateway",
            "loop_controller",
            "switch",
            "camera",
            "switch"
        ]
    );
    assert_eq!(p.rows[0].asset.firmware, "Linux 5.10");
    assert_eq!(p.rows[0].asset.address, "192.168.10.5");
    assert_eq!(
        p.rows[0]
            .asset
            .support_end
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("2031-03-31")
    );
    // 制御LAN is no zone of the project: reported with its cell, kept in the notes.
    assert!(p
        .problems
        .iter()
        .any(|(_, x)| x.code == "unknown_zone" && x.location.column.as_deref() == Some("H")));
    assert!(p.rows[0].asset.notes.contains("制御LAN"));
    let (added, _) = apply(&mut project, &p, true).unwrap();
    assert_eq!(added, 5);
}

/// A ledger whose name column has no known heading: the preview proposes the column of
/// all-different text as the name, says why (a located warning), and reads the rest.
#[test]
fn without_a_name_heading_the_preview_proposes_one_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.csv");
    std::fs::write(
        &path,
        "管理番号,機器,型式,IPアドレス\n1001,PLC-A,Q03UDV,192.168.1.10\n1002,PLC-B,Q03UDV,192.168.1.11\n",
    )
    .unwrap();
    let project = sample("food-plant");
    let p = preview(&project, &path, &LedgerOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let name = p
        .columns
        .iter()
        .find(|c| c.field == Some(Field::Name))
        .unwrap();
    assert_eq!(name.header, "機器", "管理番号 holds numbers only");
    assert!(p.problems.iter().any(|(l, x)| *l == ProblemLevel::Warning
        && x.code == "name_column_proposed"
        && x.location.column.as_deref() == Some("B")));
    assert_eq!(p.rows[0].asset.name, "PLC-A");
    assert_eq!(p.rows[1].asset.model, "Q03UDV");
}

/// Two columns under the same heading (名称, 名称, IPアドレス, IPアドレス): one column per field,
/// the other kept in the notes as `header: value` — nothing is lost. `--map` takes a field
/// over from the column that matched it; two `--map`s to one field are refused, located.
#[test]
fn duplicate_headings_and_map_never_lose_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.csv");
    std::fs::write(
        &path,
        "名称,名称,IPアドレス,IPアドレス,種別\nPLC1,PLC2,10.0.0.1,10.0.0.2,PLC\n",
    )
    .unwrap();
    let project = sample("food-plant");
    let p = preview(&project, &path, &LedgerOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let a = &p.rows[0].asset;
    assert_eq!((a.name.as_str(), a.address.as_str()), ("PLC1", "10.0.0.1"));
    assert!(a.notes.contains("名称: PLC2"), "{}", a.notes);
    assert!(a.notes.contains("IPアドレス: 10.0.0.2"), "{}", a.notes);
    // --map B=name: column B is the name, column A goes to the notes.
    let options = LedgerOptions {
        sheet: None,
        mapping: vec![("B".into(), Field::Name)],
    };
    let p = preview(&project, &path, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rows[0].asset.name, "PLC2");
    assert!(p.rows[0].asset.notes.contains("名称: PLC1"));
    let options = LedgerOptions {
        sheet: None,
        mapping: vec![("A".into(), Field::Name), ("B".into(), Field::Name)],
    };
    let e = preview(&project, &path, &options).unwrap_err();
    assert!(e.to_string().contains("two columns are mapped"), "{e}");
}
