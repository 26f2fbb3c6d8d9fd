use otzone_models::id::{AssetId, BusinessId, ProjectId, ZoneId};
use otzone_models::model::{Project, SlVector};
use otzone_models::store::{self, migrate, APPLICATION_ID, SCHEMA_VERSION};
use otzone_models::{json, ErrorCode};
use rusqlite::Connection;
use std::path::Path;

fn sample() -> Project {
    json::read(&crate::samples().join("food-plant.json")).expect("sample loads")
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// Build a project file exactly as schema v1 wrote it: zone SL-T in its own column, no settings
/// row, no decision tables.
fn write_v1_file(path: &Path) -> (ProjectId, ZoneId, AssetId) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate::apply(&mut conn, 1).unwrap();
    let (pid, zid, aid, bid) = (
        ProjectId::derived("v1"),
        ZoneId::derived("v1-zone"),
        AssetId::derived("v1-asset"),
        BusinessId::derived("v1-biz"),
    );
    let put = |k: &str, v: String| {
        conn.execute("INSERT INTO project (key, value) VALUES (?1, ?2)", (k, v))
            .unwrap();
    };
    put("id", format!("\"{pid}\""));
    put("format_version", "1".into());
    put(
        "meta",
        r#"{"name":"旧形式の工場","customer":"顧客","language":"ja"}"#.into(),
    );
    put("requirements", r#"{"business_goals":"v1 の目標"}"#.into());
    conn.execute(
        "INSERT INTO business (id, ord, name, body) VALUES (?1, 0, '成形', ?2)",
        (
            bid.to_string(),
            format!(r#"{{"id":"{bid}","name":"成形","scores":{{"delivery":3}}}}"#),
        ),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO zone (id, ord, name, parent_id, sl_t, body) VALUES (?1, 0, '制御', NULL, 3, ?2)",
        (zid.to_string(), format!(r#"{{"id":"{zid}","name":"制御"}}"#)),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO asset (id, ord, name, asset_type, zone_id, body) VALUES (?1, 0, 'PLC', 'plc', ?2, ?3)",
        (
            aid.to_string(),
            zid.to_string(),
            format!(r#"{{"id":"{aid}","name":"PLC","asset_type":"plc","zone":"{zid}","businesses":["{bid}"]}}"#),
        ),
    )
    .unwrap();
    (pid, zid, aid)
}

#[test]
fn schema_v1_files_open_migrated_without_being_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.otz");
    let (pid, _zid, aid) = write_v1_file(&path);
    let before = std::fs::read(&path).unwrap();
    assert_eq!(user_version(&path), 1);

    let p = store::open(&path).expect("v1 file opens");
    assert_eq!(p.id, pid);
    assert_eq!(p.meta.name, "旧形式の工場");
    assert_eq!(p.requirements.business_goals, "v1 の目標");
    assert_eq!(
        p.zones[0].sl_t,
        SlVector::uniform(3),
        "v1 SL-T column moved into the zone"
    );
    assert_eq!(p.assets[0].id, aid);
    assert_eq!(
        p.settings.risk_method, "ipa-asset-v2",
        "settings get their defaults"
    );
    assert!(p.risk_decisions.is_empty());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "opening never writes to the file"
    );

    store::save(&path, &p).unwrap();
    assert_eq!(
        user_version(&path),
        SCHEMA_VERSION,
        "the next save upgrades the file"
    );
    assert_eq!(store::open(&path).unwrap(), p);
}

#[test]
fn save_is_one_fresh_database_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    let p = sample();
    store::save(&path, &p).unwrap();
    store::save(&path, &p).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("p.otz")],
        "no temporary or journal files remain"
    );
    let conn = Connection::open(&path).unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    let assets: i64 = conn
        .query_row("SELECT count(*) FROM asset", [], |r| r.get(0))
        .unwrap();
    assert_eq!(assets as usize, p.assets.len());
}

#[test]
fn a_failed_save_leaves_the_previous_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty directory: refused before anything is written (it used to
    // fail only at the final rename, after the temporary file was written).
    let target = dir.path().join("busy.otz");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    let err = store::save(&target, &sample()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnsupportedFormat);
    assert!(err.to_string().contains("busy.otz"), "{err}");
    assert_eq!(std::fs::read_to_string(target.join("keep")).unwrap(), "x");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "the temporary file is removed: {names:?}");
}

#[test]
fn not_sqlite_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.otz");
    std::fs::write(&path, "これはプロジェクトではありません").unwrap();
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotAProject);
    assert_eq!(
        e.to_string(),
        format!(
            "{}: not an OT Zone Studio project file: the file is not an SQLite database (wrong header)",
            path.display()
        )
    );
    let empty = dir.path().join("empty.otz");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(
        store::open(&empty).unwrap_err().code(),
        ErrorCode::NotAProject
    );
}

#[test]
fn another_applications_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.otz");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotAProject);
    assert!(
        e.to_string()
            .contains("another application (application_id 0x0)"),
        "{e}"
    );
}

#[test]
fn newer_schema_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.otz");
    store::save(&path, &sample()).unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NewerSchema);
    assert!(e.to_string().contains("schema version 99 is newer"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_row_names_table_row_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.otz");
    let p = sample();
    store::save(&path, &p).unwrap();
    let id = p.assets[4].id.to_string();
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE asset SET body = json_set(body, '$.businesses', 'oops') WHERE id = ?1",
            [&id],
        )
        .unwrap();
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CorruptProject);
    let s = e.to_string();
    assert!(s.starts_with(&path.display().to_string()), "{s}");
    assert!(s.contains(&format!("table asset, row {id}")), "{s}");
    assert!(s.contains("field `businesses`"), "{s}");
}

#[test]
fn a_truncated_file_is_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.otz");
    store::save(&path, &sample()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let e = store::open(&path).unwrap_err();
    assert!(
        matches!(e.code(), ErrorCode::CorruptProject | ErrorCode::NotAProject),
        "unexpected {e:?}"
    );
    assert_eq!(
        e.location().file.as_deref(),
        Some(path.display().to_string().as_str())
    );
}

#[test]
fn dangling_references_in_a_project_file_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dangling.otz");
    let p = sample();
    store::save(&path, &p).unwrap();
    let gone = ZoneId::derived("deleted zone");
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE asset SET body = json_set(body, '$.zone', ?1) WHERE ord = 2",
            [gone.to_string()],
        )
        .unwrap();
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidModel);
    let s = e.to_string();
    assert!(s.contains("assets[2].zone"), "{s}");
    assert!(s.contains(&format!("zone {gone} does not exist")), "{s}");
}

#[test]
fn dangling_references_in_json_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dangling.json");
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::samples().join("food-plant.json")).unwrap(),
    )
    .unwrap();
    v["conduits"][3]["to"] = serde_json::json!({"zone": ZoneId::derived("nowhere").to_string()});
    v["countermeasures"][0]["scope"]["assets"] =
        serde_json::json!([AssetId::derived("x").to_string()]);
    std::fs::write(&path, v.to_string()).unwrap();
    let e = json::read(&path).unwrap_err();
    let otzone_models::Error::InvalidModel { problems, location } = &e else {
        panic!("expected InvalidModel, got {e:?}")
    };
    assert_eq!(
        location.file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    let paths: Vec<_> = problems
        .iter()
        .filter_map(|p| p.location.path.clone())
        .collect();
    assert_eq!(
        paths,
        ["conduits[3].to", "countermeasures[0].scope.assets[0]"]
    );
}

#[test]
fn corrupt_json_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let text = std::fs::read_to_string(crate::samples().join("food-plant.json")).unwrap();
    // Cut in half by bytes (the cut may fall inside a Japanese character).
    std::fs::write(&path, &text.as_bytes()[..text.len() / 2]).unwrap();
    let e = json::read(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson);
    let l = e.location();
    assert_eq!(l.file.as_deref(), Some(path.display().to_string().as_str()));
    assert!(l.row.is_some() && l.column.is_some(), "{l:?}");
}

#[test]
fn unknown_extensions_are_refused() {
    let e = store::load_any(Path::new("factory.xlsx")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedFormat);
    assert!(
        e.to_string()
            .starts_with("factory.xlsx: unsupported file type"),
        "{e}"
    );
}

/// A schema-v2 file (before the revision history and inspection results) opens with neither,
/// unchanged on disk, and a project with both comes back from the file and from JSON as it was.
#[test]
fn revisions_and_inspection_results_are_migrated_and_survive_files_and_json() {
    use otzone_models::model::IsoDate;
    use otzone_models::revision::{self, RevisionInput};
    let dir = tempfile::tempdir().unwrap();
    let v2 = dir.path().join("v2.otz");
    {
        let mut conn = Connection::open(&v2).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        migrate::apply(&mut conn, 2).unwrap();
        let pid = ProjectId::derived("v2");
        for (k, v) in [
            ("id", format!("\"{pid}\"")),
            ("format_version", "1".into()),
            ("meta", r#"{"name":"v2 の工場","language":"ja"}"#.into()),
        ] {
            conn.execute(
                "INSERT INTO project (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (k, v),
            )
            .unwrap();
        }
    }
    let before = std::fs::read(&v2).unwrap();
    let old = store::open(&v2).expect("v2 file opens");
    assert!(old.revisions.is_empty() && old.inspection_results.is_empty());
    assert_eq!(std::fs::read(&v2).unwrap(), before, "opening never writes");

    let mut p = sample();
    // The sample's own history (version 1.0) is left out: this test records its own.
    p.revisions.clear();
    for (version, day) in [("1.3", 1), ("1.4", 8)] {
        let analysis =
            otzone_models::risk::analyse(&p, otzone_models::catalogue::Catalogue::builtin());
        revision::record(
            &mut p,
            &analysis,
            RevisionInput {
                version: version.into(),
                date: IsoDate::from_ymd(2026, 12, day).unwrap(),
                summary: format!("{version}: 受領した資産台帳を反映"),
                author: "佐藤".into(),
            },
        )
        .unwrap();
        p.assets[0].name.push_str("(更新)");
    }
    p.inspection_results
        .push(otzone_models::model::InspectionResult {
            row_id: "CHK-0001abcd-default_password".into(),
            outcome: Some(otzone_models::model::InspectionOutcome::Ng),
            evidence: "写真 P-002".into(),
            inspector: "山田".into(),
            date: IsoDate::from_ymd(2026, 12, 3),
        });
    p.vulnerabilities
        .push(otzone_models::model::VulnerabilityFinding {
            id: otzone_models::id::VulnerabilityId::derived("f1"),
            asset: Some(p.assets[0].id),
            method: "Nessus 10.7".into(),
            inspected: IsoDate::from_ymd(2026, 12, 2),
            reference: "CVE-2024-0001".into(),
            cvss: Some(9.8),
            title: "既定パスワードのまま".into(),
            action: "変更済み".into(),
            status: otzone_models::model::FindingStatus::Fixed,
            retest: "OK (2026-12-04)".into(),
        });
    let path = dir.path().join("p.otz");
    store::save(&path, &p).unwrap();
    let back = store::open(&path).unwrap();
    assert_eq!(back.revisions, p.revisions);
    assert_eq!(back.inspection_results, p.inspection_results);
    assert_eq!(back.vulnerabilities, p.vulnerabilities);
    assert_eq!(back, p);
    let via_json = json::parse(json::to_string(&p).as_bytes(), &Default::default()).unwrap();
    assert_eq!(via_json, p);
    assert_eq!(
        back.revisions
            .iter()
            .map(|r| r.version.as_str())
            .collect::<Vec<_>>(),
        ["1.3", "1.4"]
    );
    assert_ne!(back.revisions[0].baseline, back.revisions[1].baseline);
}
