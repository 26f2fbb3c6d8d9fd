//! Shared helpers for the cross-crate tests: where the samples are, and loading them.

use otzone_models::model::Project;
use std::path::PathBuf;

/// The repository's `samples/` directory.
pub fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

/// Every sample project JSON, sorted by name (add a sample, get its tests).
pub fn sample_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples_dir())
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// Load a sample by file stem (`food-plant`).
pub fn sample(name: &str) -> Project {
    otzone_models::json::read(&samples_dir().join(format!("{name}.json"))).expect("sample loads")
}

/// Write a customer asset ledger for the food-plant sample with the quirks real ledgers have:
/// a cover sheet, title rows above the header, a vertically merged location, full-width
/// digits, model numbers stored as numbers, dates as serials and as text, a blank row, a note
/// under the table, a duplicate, an invalid address and a hidden older sheet.
pub fn write_quirky_ledger(path: &std::path::Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("表紙")?;
    cover.write(0, 0, "資産台帳(千葉工場)")?;
    cover.write(2, 0, "改訂履歴は別紙")?;
    let ws = wb.add_worksheet();
    ws.set_name("資産台帳")?;
    let merged = Format::new().set_align(FormatAlign::VerticalCenter);
    ws.merge_range(
        0,
        0,
        0,
        8,
        "千葉工場 第2製造棟 資産台帳",
        &Format::new().set_bold(),
    )?;
    ws.write(1, 0, "作成: 2026/10/01 生産技術課")?;
    let headers = [
        "No",
        "機器名",
        "種別",
        "メーカー",
        "型番",
        "IPアドレス",
        "設置場所",
        "導入日",
        "サポート終了日",
        "ゾーン",
        "関連業務",
        "シリアル番号",
        "備考",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write(3, c as u16, *h)?;
    }
    // Row 5 (index 4): the existing mixing PLC, with full-width type and address.
    ws.write(4, 0, 1)?;
    ws.write(4, 1, "調合ラインPLC")?;
    ws.write(4, 2, "ＰＬＣ")?;
    ws.write(4, 3, "三菱電機")?;
    ws.write(4, 4, "R08CPU")?;
    ws.write(4, 5, "１９２．１６８．４０．１０")?;
    ws.merge_range(4, 6, 5, 6, "調合室 制御盤1", &merged)?;
    ws.write(4, 7, 45292)?; // 2024-01-01 as a serial
    ws.write(4, 8, "2030/3/31")?;
    ws.write(4, 9, "調合ラインゾーン")?;
    ws.write(4, 10, "調合(ミキシング)")?;
    ws.write(4, 11, 12345)?;
    // Row 6: a new scale whose model number is a number, location from the merged cell.
    ws.write(5, 0, 2)?;
    ws.write(5, 1, "計量機2")?;
    ws.write(5, 2, "センサ")?;
    ws.write(5, 3, "イシダ")?;
    ws.write(5, 4, 12345)?;
    ws.write(5, 5, "192.168.40.32")?;
    ws.write(5, 7, "2023-04-01")?;
    ws.write(5, 9, "調合ラインゾーン")?;
    ws.write(5, 10, "原料受入・計量、調合(ミキシング)")?;
    ws.write(5, 11, "A-99")?;
    // Row 7 blank. Row 8: an unknown type and a Japanese date.
    ws.write(7, 0, 3)?;
    ws.write(7, 1, "包装検査カメラ")?;
    ws.write(7, 2, "画像検査装置")?;
    ws.write(7, 3, "キーエンス")?;
    ws.write(7, 4, "CV-X480")?;
    ws.write(7, 5, "192.168.50.40")?;
    ws.write(7, 6, "充填室")?;
    ws.write(7, 7, "2024年4月1日")?;
    ws.write(7, 9, "充填包装ラインゾーン")?;
    ws.write(7, 10, "充填・包装")?;
    ws.write(7, 12, "新規導入。=保守契約は別途")?;
    // Row 9: an invalid address.
    ws.write(8, 0, 4)?;
    ws.write(8, 1, "温湿度ロガー")?;
    ws.write(8, 2, "センサ")?;
    ws.write(8, 5, "300.1.1.1")?;
    ws.write(8, 6, "製品倉庫")?;
    // Row 10: a duplicate of row 5.
    ws.write(9, 0, 5)?;
    ws.write(9, 1, "調合ラインPLC")?;
    ws.write(9, 2, "PLC")?;
    // Row 12: a note under the table.
    ws.write(11, 0, "※IPアドレスは2026年10月時点の値です")?;
    let old = wb.add_worksheet();
    old.set_name("旧台帳")?;
    old.write(0, 0, "機器名")?;
    old.write(0, 1, "種別")?;
    old.write(1, 0, "廃棄済みPLC")?;
    old.write(1, 1, "PLC")?;
    old.set_hidden(true);
    wb.save(path)
}
