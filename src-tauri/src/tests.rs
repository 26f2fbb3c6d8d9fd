//! Command-level tests: everything the commands do, without a window.

use crate::core::{self, LedgerRequest};
use crate::files::{Chosen, RecentFiles, RecoveryStore};
use otzone_models::model::{IsoDate, Lang, MeasureStatus};
use otzone_models::risk::what_if::Change as WhatIfChange;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn samples_parse_and_analyse() {
    for (key, _) in core::SAMPLES {
        let p = core::sample(key).unwrap();
        let state = std::sync::Mutex::new(crate::sync::OpenDocument::default());
        let request = crate::sync::AnalyzeRequest {
            revision: 7,
            base: None,
            changes: Vec::new(),
            project: Some(serde_json::to_value(&p).unwrap()),
            known: None,
            check: None,
        };
        let (json, held, a) = crate::sync::analyze(&state, request).unwrap();
        assert_eq!(*held, p);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["revision"], 7);
        assert!(v["relative_to"].is_null(), "a first answer is whole");
        let risks = v["risks"].as_array().unwrap();
        assert_eq!(risks.len(), a.risks.len());
        assert!(!risks.is_empty(), "{key}");
        assert_eq!(
            v["asset_importance"].as_object().unwrap().len(),
            p.assets.len()
        );
        // Rows keep the engine's order (highest residual first); a row goes as an array
        // (`sync::RowTuple`), its ranks seventh.
        let ranks: Vec<u64> = risks.iter().map(|r| r[6][2].as_u64().unwrap()).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{key}: {ranks:?}");
    }
    assert!(core::sample("nope").is_err());
}

#[test]
fn ui_project_is_checked_like_a_file_with_the_path_of_the_problem() {
    let p = core::sample("food-plant").unwrap();
    let mut v = serde_json::to_value(&p).unwrap();
    v["assets"][3]["zone"] = serde_json::json!("00000000-0000-4000-8000-000000000000");
    let e = core::parse_project(&v).unwrap_err();
    assert_eq!(e.code, "invalid_model");
    assert!(
        e.problems
            .iter()
            .any(|p| p.to_string().contains("assets[3]")),
        "{e:?}"
    );
    let mut v = serde_json::to_value(&p).unwrap();
    v["assets"][0]["colour"] = serde_json::json!("red");
    let e = core::parse_project(&v).unwrap_err();
    assert!(e.message.contains("colour"), "{}", e.message);
    // A valid project round-trips unchanged.
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(core::parse_project(&v).unwrap(), p);
}

#[test]
fn save_then_open_is_lossless_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = core::sample("electronics-line").unwrap();
    for name in ["a.otz", "a.json"] {
        let path = dir.path().join(name);
        core::save(&path, &p).unwrap();
        assert_eq!(core::open(&path).unwrap(), p, "{name}");
    }
    let e = core::open(&dir.path().join("missing.otz")).unwrap_err();
    assert_eq!(e.code, "io");
    assert!(e.location.is_some());
}

#[test]
fn explanation_names_every_state() {
    let p = core::sample("food-plant").unwrap();
    let a = core::analyse(&p);
    let id = a.risks[0].id.clone();
    let e = core::explain(&p.countermeasures, &a, &id, Lang::En).unwrap();
    assert_eq!(e.id, id);
    for s in &e.states {
        assert!(!s.is_empty());
    }
    assert!(!e.importance.is_empty());
    assert!(core::explain(&p.countermeasures, &a, "T99@nothing", Lang::Ja).is_none());
}

#[test]
fn what_if_a_measure_status_change_moves_residual_risk() {
    let p = core::sample("food-plant").unwrap();
    let proposed = p
        .countermeasures
        .iter()
        .find(|m| m.status == MeasureStatus::Proposed)
        .expect("sample has a proposed measure");
    let w = core::what_if(
        &p,
        &WhatIfChange::SetMeasureStatus {
            id: proposed.id,
            status: MeasureStatus::Implemented,
        },
    );
    assert!(
        !w.risks.is_empty(),
        "implementing a proposed measure changes residual risk"
    );
    let change: WhatIfChange = serde_json::from_value(serde_json::json!({
        "kind": "set_measure_status", "id": proposed.id, "status": "implemented"
    }))
    .unwrap();
    assert!(matches!(change, WhatIfChange::SetMeasureStatus { .. }));
}

#[test]
fn what_if_covering_one_more_threat_reports_the_rows_it_lowers() {
    let p = core::sample("food-plant").unwrap();
    let a = core::analyse(&p);
    // A measure in force, and an applicable threat it does not cover yet in one of its zones.
    let (m, threat) = p
        .countermeasures
        .iter()
        .filter(|m| m.status == MeasureStatus::Implemented)
        .find_map(|m| {
            let t = p.threats.iter().find(|t| {
                t.applicable && !m.threats.contains(&t.threat) && m.scope.zones.contains(&t.zone)
            })?;
            Some((m, t.threat.clone()))
        })
        .expect("sample has an implemented measure with an uncovered threat in scope");
    let mut edited = m.clone();
    edited.threats.push(threat.clone());
    let change: WhatIfChange =
        serde_json::from_value(serde_json::json!({ "kind": "replace_measure", "measure": edited }))
            .unwrap();
    let w = core::what_if(&p, &change);
    assert!(!w.risks.is_empty(), "covering {threat} changes its risks");
    for r in &w.risks {
        assert!(
            r.id.starts_with(threat.as_str()),
            "{} is not a {threat} row",
            r.id
        );
        assert!(a.risks.iter().any(|x| x.id == r.id));
    }
}

#[test]
fn export_writes_a_workbook_calamine_reads() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let p = core::sample("food-plant").unwrap();
    let a = core::analyse(&p);
    let path = dir.path().join("out.xlsx");
    let r = core::export(&path, &p, &a, Lang::Ja, core::today()).unwrap();
    assert!(r.bytes > 10_000);
    assert_eq!(r.risks, a.risks.len());
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert!(wb.sheet_names().len() >= 19);
}

#[test]
fn ledger_preview_and_apply_through_the_command_layer() {
    let p = core::sample("food-plant").unwrap();
    let ledger = root().join("samples/ledgers/chiba-ledger.xlsx");
    let req = LedgerRequest::default();
    let preview = core::ledger_preview(&p, &ledger, &req).unwrap();
    assert!(!preview.rows.is_empty());
    let (q, added, updated) = core::ledger_apply(&p, &ledger, &req, true).unwrap();
    assert_eq!(q.assets.len(), p.assets.len() + added);
    assert!(added + updated > 0);
    let bad = LedgerRequest {
        sheet: None,
        mapping: vec![("A".into(), "colour".into())],
    };
    let e = core::ledger_preview(&p, &ledger, &bad).unwrap_err();
    assert_eq!(e.code, "invalid_mapping");
    // Every field the mapping drop-down offers is read back as itself.
    use otzone_models::excel::ledger::Field;
    for f in Field::all() {
        let key = serde_json::to_value(f).unwrap();
        assert_eq!(Field::parse(key.as_str().unwrap()), Some(f), "{key}");
    }
    assert_eq!(Field::parse(" Type "), Some(Field::AssetType));
    assert_eq!(Field::parse("ip"), Some(Field::Address));
    assert_eq!(Field::parse("colour"), None);
}

#[test]
fn responses_round_trip_through_the_command_layer() {
    let dir = tempfile::tempdir().unwrap();
    let p = core::sample("food-plant").unwrap();
    let a = core::analyse(&p);
    let path = dir.path().join("out.xlsx");
    core::export(&path, &p, &a, Lang::Ja, core::today()).unwrap();
    // An untouched workbook changes nothing.
    let r = core::responses_preview(&p, &path).unwrap();
    assert!(r.changes.is_empty(), "{:?}", r.changes);
    let (q, n) = core::responses_apply(&p, &path).unwrap();
    assert_eq!(n, 0);
    assert_eq!(q, p);
}

#[test]
fn recovery_copies_are_kept_per_window_and_project_and_cleared_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    assert!(store.read_all().0.is_empty());
    let a = serde_json::json!({"id": "0000-a", "meta": {"name": "a"}});
    let b = serde_json::json!({"id": "0000-b", "meta": {"name": "b"}});
    let (ka, kb) = (
        crate::files::recovery_key("main", &a),
        crate::files::recovery_key("main", &b),
    );
    // Another window with the same project keeps its own copy too.
    let ka2 = crate::files::recovery_key("window-2", &a);
    assert_ne!(ka, ka2);
    store
        .write(&ka, Some("/tmp/a.otz".into()), a.clone())
        .unwrap();
    store.write(&kb, None, b.clone()).unwrap();
    store.write(&ka2, None, a.clone()).unwrap();
    let (found, errors) = store.read_all();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(found.len(), 3);
    // Saving project a in the main window clears only that copy.
    store.clear(&ka).unwrap();
    let keys: Vec<String> = store.read_all().0.into_iter().map(|r| r.key).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&kb) && keys.contains(&ka2), "{keys:?}");
    // No temporary file is left beside the copies.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("recovery"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // A key from the web view cannot name a file outside the store.
    store.clear("../../etc/passwd").unwrap();
    // A damaged copy is reported, with the file, and the others are still read.
    std::fs::write(dir.path().join("recovery/current.json"), b"{\"path\": ").unwrap();
    let (found, errors) = store.read_all();
    assert_eq!(found.len(), 2);
    assert_eq!(errors[0].code, "invalid_recovery");
    assert!(errors[0].message.contains("current.json"));
}

#[test]
fn saving_over_a_file_changed_since_it_was_opened_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    let p = core::sample("food-plant").unwrap();
    core::save(&path, &p).unwrap();
    let (mine, opened) = core::open_for_update(&path).unwrap();
    let mut theirs = mine.clone();
    theirs.meta.name = "changed elsewhere".into();
    core::save(&path, &theirs).unwrap();
    let e = core::save_checked(&path, &mine, Some(&opened)).unwrap_err();
    assert_eq!(e.code, "conflict");
    assert_eq!(core::open(&path).unwrap().meta.name, "changed elsewhere");
    // Overwrite (the user's answer) saves without the check.
    core::save_checked(&path, &mine, None).unwrap();
    assert_eq!(core::open(&path).unwrap().meta.name, mine.meta.name);
}

#[test]
fn recent_files_are_newest_first_unique_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let r = RecentFiles::new(dir.path());
    for i in 0..15 {
        r.push(Path::new(&format!("/p/{i}.otz"))).unwrap();
    }
    r.push(Path::new("/p/3.otz")).unwrap();
    let list = r.list();
    assert_eq!(list.len(), crate::files::RECENT_MAX);
    assert_eq!(list[0], "/p/3.otz");
    assert_eq!(list.iter().filter(|p| *p == "/p/3.otz").count(), 1);
}

#[test]
fn only_chosen_paths_are_accepted() {
    let mut c = Chosen::default();
    assert_eq!(c.check("/etc/passwd").unwrap_err().code, "not_chosen");
    c.allow(Path::new("/home/u/a.otz"));
    assert!(c.check("/home/u/a.otz").is_ok());
    assert!(c.check("/home/u/b.otz").is_err());
}

#[test]
fn today_is_a_plausible_date() {
    let d = core::today().to_string();
    assert!(d.as_str() >= "2025-01-01", "{d}");
}

#[test]
fn a_gpu_render_node_is_recognised_and_its_absence_too() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!crate::has_render_node(&dir.path().join("missing")));
    assert!(!crate::has_render_node(dir.path()));
    std::fs::write(dir.path().join("card0"), b"").unwrap();
    assert!(
        !crate::has_render_node(dir.path()),
        "a card node alone renders nothing"
    );
    std::fs::write(dir.path().join("renderD128"), b"").unwrap();
    assert!(crate::has_render_node(dir.path()));
}

#[test]
fn a_version_is_recorded_through_the_command_layer_and_a_repeat_is_refused() {
    let p = core::sample("food-plant").unwrap();
    let (hash, changed) = core::baseline(&p);
    assert!(changed, "the sample changed since its version 1.0");
    assert_eq!(p.revisions.len(), 1);
    let request = |v: &str| core::RevisionRequest {
        version: v.into(),
        summary: "顧客レビュー反映".into(),
        author: "佐藤".into(),
    };
    let day = IsoDate::from_ymd(2026, 12, 1).unwrap();
    let q = core::record_revision(&p, request("1.3"), day.clone()).unwrap();
    assert_eq!(p.revisions.len(), 1, "the input is not changed");
    assert_eq!(q.meta.version, "1.3");
    let r = &q.revisions[1];
    assert_eq!(
        (r.baseline.as_str(), r.risks as usize),
        (hash.as_str(), core::analyse(&p).risks.len())
    );
    assert_eq!(core::baseline(&q), (hash, false));
    let e = core::record_revision(&q, request("1.3"), day).unwrap_err();
    assert_eq!(e.code, "invalid_model");
    assert_eq!(e.problems[0].code, "duplicate_version");
    assert_eq!(e.problems[0].location.to_string(), "revisions[2].version");

    // Compared with 1.0: the four measures recorded since (the IDS M-020 and hash check M-024
    // proposed, and the customer's media-port sealing M-028 and role separation M-029) are
    // listed among the lines, in Japanese; compared with 1.3 (the model now), nothing.
    let c = core::compare_revision(&q, 0, Lang::Ja).unwrap();
    assert_eq!(c.version, "1.0");
    assert_ne!(c.baseline, c.now);
    let added: Vec<&str> = c
        .lines
        .iter()
        .filter(|l| l.area == "対策" && l.kind == "追加")
        .map(|l| l.item.as_str())
        .collect();
    let mut added = added;
    added.sort_unstable();
    assert_eq!(
        added,
        [
            "M-020 C-NW-05",
            "M-024 C-PG-07",
            "M-028 C-EQ-06",
            "M-029 C-PG-06"
        ]
    );
    assert!(core::compare_revision(&q, 1, Lang::Ja)
        .unwrap()
        .lines
        .is_empty());
    let e = core::compare_revision(&q, 5, Lang::Ja).unwrap_err();
    assert_eq!(e.problems[0].code, "no_such_revision");
}

/// The WebKit renderer switch is Linux's only: on Windows (WebView2) and macOS (WKWebView)
/// nothing is set and the render-node folder is never looked at; on Linux the user's own
/// setting wins, and the plain renderer is asked for only without a GPU render node.
#[test]
fn the_webkit_renderer_switch_is_for_linux_without_a_gpu_only() {
    let never = || -> bool { panic!("looked for a render node") };
    assert!(!crate::plain_renderer_needed("windows", false, never));
    assert!(!crate::plain_renderer_needed("macos", false, never));
    assert!(!crate::plain_renderer_needed("linux", true, never));
    assert!(crate::plain_renderer_needed("linux", false, || false));
    assert!(!crate::plain_renderer_needed("linux", false, || true));
}

/// The register row the window reads (ui/src/register.ts `RiskView`): ids as text, parties
/// and treatments by their wire names, levels as numbers.
#[test]
fn a_register_row_reaches_the_window_in_its_wire_shape() {
    let p = core::sample("food-plant").unwrap();
    let a = core::analyse(&p);
    let r = a
        .risks
        .iter()
        .find(|r| {
            r.decision.as_ref().is_some_and(|d| d.treatment.is_some()) && !r.parties.is_empty()
        })
        .expect("a decided row with parties");
    let v = serde_json::to_value(core::RiskView::of(r)).unwrap();
    assert_eq!(v["id"], r.id);
    assert_eq!(v["asset"], r.asset.to_string());
    assert_eq!(v["zone"], r.zone.to_string());
    assert_eq!(v["threat"], &*r.threat);
    let treatment = r.decision.as_ref().unwrap().treatment.unwrap();
    assert_eq!(
        v["treatment"],
        serde_json::to_value(treatment).unwrap(),
        "snake_case, as the file has it"
    );
    assert!(v["treatment"]
        .as_str()
        .unwrap()
        .chars()
        .all(|c| c.is_ascii_lowercase()));
    let parties: Vec<&str> = r.parties.iter().map(|p| p.key()).collect();
    assert_eq!(v["parties"], serde_json::json!(parties));
    assert_eq!(v["values"][2], &*r.residual.risk.value);
    assert_eq!(v["importance"], r.importance.level as u8);
}
