//! Rows pasted from Excel into the asset table (issue 18): the same matching and located
//! errors as a ledger file. Expected values are worked out by hand from the pasted text.

use otzone_models::excel::ledger::{preview_pasted, Action, Field, LedgerOptions, PASTED};
use otzone_models::model::{Project, Zone};

/// The asset table's columns, left to right (as the app sends them for a headerless paste).
const TABLE: [Field; 7] = [
    Field::Name,
    Field::AssetType,
    Field::Zone,
    Field::Vendor,
    Field::Model,
    Field::Firmware,
    Field::Address,
];

fn factory() -> Project {
    let mut p = Project::new("tiny");
    p.zones.push(Zone::new("制御ゾーン"));
    p
}

#[test]
fn three_rows_without_header_fill_the_table_columns_in_order() {
    let p = factory();
    // As Excel copies three rows of cells: tab-separated, CRLF, a line break at the end.
    let text = "PLC-01\tPLC\t制御ゾーン\tOmron\tNX1P2\t1.50\t192.168.10.5\r\n\
                HMI-01\tHMI\t制御ゾーン\tPro-face\tGP4000\t\t192.168.10.6\r\n\
                SCADA-01\tSCADAサーバ\t\t\t\t\t192.168.20.10\r\n";
    let pv = preview_pasted(&p, text, &TABLE, &LedgerOptions::default()).unwrap();
    assert_eq!(pv.error_count(), 0, "{:?}", pv.problems);
    assert_eq!(pv.file, PASTED);
    assert_eq!(pv.rows.len(), 3, "the final line break is not a fourth row");
    // Row numbers count the pasted rows (no header was pasted).
    assert_eq!(pv.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(pv.rows.iter().all(|r| r.action == Action::Add));
    let types: Vec<&str> = pv
        .rows
        .iter()
        .map(|r| r.asset.asset_type.as_str())
        .collect();
    assert_eq!(
        types,
        ["plc", "hmi", "scada_server"],
        "types typed as names are matched"
    );
    assert_eq!(
        pv.rows[0].asset.zone,
        Some(p.zones[0].id),
        "zone matched by name"
    );
    assert_eq!(pv.rows[2].asset.zone, None);
    assert_eq!(pv.rows[0].asset.vendor, "Omron");
    assert_eq!(pv.rows[0].asset.firmware, "1.50");
    assert_eq!(pv.rows[2].asset.address, "192.168.20.10");
}

#[test]
fn a_bad_address_is_located_at_the_pasted_row_and_column() {
    let p = factory();
    let text = "PLC-01\tPLC\t\t\t\t\t192.168.10.300\nHMI-01\tHMI\t\t\t\t\t192.168.10.6\n";
    let pv = preview_pasted(&p, text, &TABLE, &LedgerOptions::default()).unwrap();
    let errors: Vec<_> = pv
        .problems
        .iter()
        .filter(|(l, _)| *l == otzone_models::excel::ledger::ProblemLevel::Error)
        .map(|(_, e)| e)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "invalid_address");
    // The 7th column (G) of the first pasted row.
    assert_eq!(errors[0].location.file.as_deref(), Some(PASTED));
    assert_eq!(errors[0].location.row, Some(1));
    assert_eq!(errors[0].location.column.as_deref(), Some("G"));
    assert!(pv.rows[0].has_error && !pv.rows[1].has_error);
}

#[test]
fn a_pasted_header_row_is_matched_like_a_ledger_file() {
    let p = factory();
    // Copied with the customer's headers, in their own order: the headers decide, not the table.
    let text = "IPアドレス\t設備名称\tメーカー\n192.168.10.5\tPLC-01\tKeyence\n";
    let pv = preview_pasted(&p, text, &TABLE, &LedgerOptions::default()).unwrap();
    assert_eq!(pv.header_row, 1);
    assert_eq!(pv.rows.len(), 1);
    assert_eq!(pv.rows[0].row, 2, "the row under the pasted header");
    assert_eq!(pv.rows[0].asset.name, "PLC-01");
    assert_eq!(pv.rows[0].asset.address, "192.168.10.5");
    assert_eq!(pv.rows[0].asset.vendor, "Keyence");
}

#[test]
fn a_quoted_cell_keeps_its_line_break_and_an_open_quote_is_located() {
    let p = factory();
    // Excel quotes a cell holding a line break when it copies it.
    let text = "PLC-01\tPLC\t\t\"Omron\nKyoto\"\n";
    let pv = preview_pasted(&p, text, &TABLE, &LedgerOptions::default()).unwrap();
    assert_eq!(pv.rows.len(), 1);
    assert_eq!(pv.rows[0].asset.vendor, "Omron\nKyoto");
    let err = preview_pasted(
        &p,
        "PLC-01\t\"PLC\nHMI-01\tHMI\n",
        &TABLE,
        &LedgerOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.location().file.as_deref(), Some(PASTED));
    assert_eq!(err.location().row, Some(1));
}

#[test]
fn an_existing_asset_is_updated_not_duplicated() {
    let mut p = factory();
    p.assets
        .push(otzone_models::model::ProtectedAsset::new("PLC-01", "plc"));
    let pv = preview_pasted(
        &p,
        "PLC-01\tPLC\t\tOmron\n",
        &TABLE,
        &LedgerOptions::default(),
    )
    .unwrap();
    assert_eq!(pv.rows[0].action, Action::Update { id: p.assets[0].id });
    assert_eq!(pv.rows[0].asset.vendor, "Omron");
}
