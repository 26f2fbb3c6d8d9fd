//! Project files and JSON from outside (issue 14): nothing in them may hang opening, make
//! opening write, or get a project saved that does not open again. Every hostile file is made
//! here from a sample; each test checks the error, its location and that no file changed.

use otzone_models::model::Project;
use otzone_models::{json, store, Error, ErrorCode};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn sample() -> Project {
    json::read(&crate::samples().join("electronics-line.json")).expect("sample loads")
}

/// A saved sample, tampered with by `sql` through SQLite as another program would.
fn tampered(dir: &Path, sql: &str) -> PathBuf {
    let path = dir.join("p.otz");
    store::save(&path, &sample()).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

/// The files in `dir`, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_recursive_view_in_place_of_a_table_is_refused_before_any_query() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "DROP TABLE asset;
         CREATE VIEW asset AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
         SELECT x AS id, x AS ord, '' AS name, '' AS asset_type, NULL AS zone_id, '{}' AS body FROM r;",
    );
    let before = files(dir.path());
    let t = Instant::now();
    let e = store::open(&path).unwrap_err();
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "a refusal, not a hang: {:?}",
        t.elapsed()
    );
    assert_eq!(e.code(), ErrorCode::CorruptProject, "{e}");
    let text = e.to_string();
    assert!(text.contains("unexpected view \"asset\""), "{text}");
    assert!(text.contains("p.otz"), "{text}");
    assert_eq!(files(dir.path()), before);
}

#[test]
fn triggers_and_extra_tables_are_refused() {
    for sql in [
        "CREATE TRIGGER t AFTER INSERT ON zone BEGIN DELETE FROM asset; END;",
        "CREATE TABLE extra (x);",
        "CREATE INDEX extra_ix ON asset (body);",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = tampered(dir.path(), sql);
        let e = store::open(&path).unwrap_err();
        assert_eq!(e.code(), ErrorCode::CorruptProject, "{sql}: {e}");
        assert!(e.to_string().contains("unexpected"), "{sql}: {e}");
    }
}

#[test]
fn a_wal_mode_project_opens_without_creating_files_next_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    store::save(&path, &sample()).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    // Closing the last connection checkpointed and removed -wal and -shm.
    let before = files(dir.path());
    assert_eq!(
        before.len(),
        1,
        "{:?}",
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let p = store::open(&path).expect("a WAL-mode file opens");
    assert_eq!(p.assets.len(), sample().assets.len());
    assert_eq!(
        files(dir.path()),
        before,
        "opening wrote next to the project"
    );
}

#[test]
fn changes_left_in_a_wal_file_are_not_silently_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    store::save(&path, &sample()).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    std::fs::write(dir.path().join("p.otz-wal"), b"changes of another program").unwrap();
    let before = files(dir.path());
    let e = store::open(&path).unwrap_err();
    assert!(e.to_string().contains("p.otz-wal"), "{e}");
    assert_eq!(files(dir.path()), before);
}

#[test]
fn an_unknown_format_version_in_a_project_file_is_refused_and_never_converted() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "UPDATE project SET value = '99' WHERE key = 'format_version';",
    );
    let e = store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidModel, "{e}");
    assert!(e.to_string().contains("format version 99"), "{e}");
    // Nor can such a project be written by anyone: the save checks first.
    let mut p = sample();
    p.format_version = 99;
    let out = dir.path().join("out.json");
    assert!(json::write(&out, &p).is_err());
    assert!(!out.exists());
}

#[test]
fn an_oversized_text_in_a_project_file_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    // 3 MB of scope in the meta row (the limit is 1 MiB per text).
    let path = tampered(
        dir.path(),
        "UPDATE project SET value = json_set(value, '$.scope', printf('%.*c', 3000000, 'x'))
         WHERE key = 'meta';",
    );
    let e = store::open(&path).unwrap_err();
    let Error::InvalidModel { problems, .. } = &e else {
        panic!("{e}");
    };
    assert_eq!(problems[0].code, "text_too_long");
    assert_eq!(problems[0].location.path.as_deref(), Some("meta.scope"));
}

#[test]
fn a_date_before_year_1900_or_signed_is_refused_from_json() {
    let text = std::fs::read_to_string(crate::samples().join("electronics-line.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["meta"]["created"] = serde_json::json!("-0005-01-01");
    let e = json::parse(v.to_string().as_bytes(), &Default::default()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson, "{e}");
    assert!(e.to_string().contains("meta.created"), "{e}");
}

#[test]
fn a_project_that_would_not_reopen_is_never_saved() {
    // A 2 MiB text got into the model (the old importers let it): both savers refuse it with
    // the model path, and the file on disk stays as it was.
    let dir = tempfile::tempdir().unwrap();
    for name in ["p.otz", "p.json"] {
        let path = dir.path().join(name);
        store::save_any(&path, &sample()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut p = sample();
        p.assets[0].notes = "x".repeat(2 << 20);
        let e = store::save_any(&path, &p).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidModel, "{e}");
        assert!(e.to_string().contains("assets[0].notes"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} changed");
    }
    let leftovers: Vec<_> = files(dir.path())
        .into_iter()
        .map(|f| f.0)
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_small_file_of_many_damages_and_entry_points_analyses_in_bounded_work() {
    // 30 zones all connected both ways, 300 internet entry points into the first, 2,000
    // damages on one asset in the last: 1.5 MB of JSON that asked for millions of attack trees
    // (gigabytes). Paths are found once per entry point and zone, and the trees are capped.
    use serde_json::{json, Value};
    let text = std::fs::read_to_string(crate::samples().join("food-plant.json")).unwrap();
    let mut d: Value = serde_json::from_str(&text).unwrap();
    let id = |s: String| uuid_from(&s);
    let (z0, e0, c0, dm0, a0) = (
        d["zones"][0].clone(),
        d["entry_points"][0].clone(),
        d["conduits"][0].clone(),
        d["damages"][0].clone(),
        d["assets"][0].clone(),
    );
    let zones: Vec<Value> = (0..30)
        .map(|i| {
            let mut z = z0.clone();
            z["id"] = json!(id(format!("z{i}")));
            z["name"] = json!(format!("Z{i}"));
            z.as_object_mut().unwrap().remove("parent");
            z
        })
        .collect();
    let mut conduits = Vec::new();
    for i in 0..30 {
        for j in 0..30 {
            if i != j {
                let mut c = c0.clone();
                c["id"] = json!(id(format!("c{i}-{j}")));
                c["name"] = json!(format!("C{i}-{j}"));
                c["from"] = json!({ "zone": zones[i]["id"] });
                c["to"] = json!({ "zone": zones[j]["id"] });
                c["boundary"] = json!([]);
                conduits.push(c);
            }
        }
    }
    let mut entries = Vec::new();
    for i in 0..300 {
        let mut e = e0.clone();
        e["id"] = json!(id(format!("e{i}")));
        e["name"] = json!(format!("E{i}"));
        let mut c = c0.clone();
        c["id"] = json!(id(format!("ce{i}")));
        c["name"] = json!(format!("CE{i}"));
        c["from"] = json!({ "entry": e["id"] });
        c["to"] = json!({ "zone": zones[0]["id"] });
        c["boundary"] = json!([]);
        conduits.push(c);
        entries.push(e);
    }
    let mut target = a0.clone();
    target["id"] = json!(id("target".into()));
    target["zone"] = zones[29]["id"].clone();
    target["name"] = json!("target");
    target["number"] = json!(9999);
    let damages: Vec<Value> = (0..2000)
        .map(|i| {
            let mut dm = dm0.clone();
            dm["id"] = json!(id(format!("d{i}")));
            dm["target"] = target["id"].clone();
            dm["name"] = json!(format!("D{i}"));
            dm
        })
        .collect();
    d["zones"].as_array_mut().unwrap().extend(zones);
    d["conduits"].as_array_mut().unwrap().extend(conduits);
    d["entry_points"].as_array_mut().unwrap().extend(entries);
    d["assets"].as_array_mut().unwrap().push(target);
    d["damages"].as_array_mut().unwrap().extend(damages);
    let p = json::parse(d.to_string().as_bytes(), &Default::default()).unwrap();
    let t = Instant::now();
    let a = otzone_models::risk::analyse(&p, otzone_models::catalogue::Catalogue::builtin());
    assert_eq!(a.scenarios.len(), otzone_models::risk::scenario::MAX_TREES);
    // Bounded work: a few seconds in a debug build (it did not finish before).
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

fn uuid_from(s: &str) -> String {
    // A stable id per name (the test's own namespace).
    otzone_models::id::ZoneId::derived(s).to_string()
}

#[test]
fn project_json_with_a_byte_order_mark_is_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(crate::samples().join("electronics-line.json")).unwrap());
    let p = json::parse(&bytes, &Default::default()).unwrap();
    assert_eq!(p, sample());
}
