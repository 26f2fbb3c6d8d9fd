//! Profiling aid: the core's side of the app's edit loop with the L factory held, as the
//! window drives it (`sync::analyze` with one spliced item per edit), without the window.
//! `cargo run --release -p otzone-studio --example edit_loop [S|M|L] [rounds]`
//! (With the app's allocator, the system's: mimalloc made this loop faster but not the app's
//! edits, and it made opening a factory slower, docs/benchmarks.md.)
use otzone_models::edit::Change;
use otzone_models::generate::{generate, Size};
use otzone_models::model::MeasureStatus;
use otzone_studio::sync::{self, AnalyzeRequest, OpenDocument};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Instant;

fn request(revision: u64, base: u64, known: u64, changes: Vec<Change>) -> AnalyzeRequest {
    serde_json::from_value(json!({
        "revision": revision, "base": base, "known": known,
        "changes": serde_json::to_value(changes).unwrap(),
    }))
    .unwrap()
}

fn main() {
    let size = std::env::args()
        .nth(1)
        .and_then(|s| Size::parse(&s))
        .unwrap_or(Size::L);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let mut p = generate(size);
    otzone_models::model::numbering::assign(&mut p);
    let state = Mutex::new(OpenDocument::default());
    let mut doc = state.lock().unwrap().hold(Arc::new(p.clone()));
    let first: AnalyzeRequest =
        serde_json::from_value(json!({"revision": 1, "base": doc})).unwrap();
    let started = std::time::Instant::now();
    let (json, _, analysis) = sync::analyze(&state, first).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    println!(
        "first answer (whole): {:.1} ms, {} bytes; core {:?}",
        started.elapsed().as_secs_f64() * 1e3,
        json.len(),
        v["timings_ms"]
    );
    let mut sections: Vec<(usize, &String)> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, s)| (serde_json::to_string(s).unwrap().len(), k))
        .collect();
    sections.sort_unstable_by(|a, b| b.cmp(a));
    for (bytes, k) in sections.iter().take(6) {
        println!("  {k}: {bytes} bytes");
    }
    if std::env::var_os("SHOW_PATH").is_some() {
        println!(
            "{}",
            serde_json::to_string_pretty(&v["attack_paths"][100]).unwrap()
        );
    }
    doc = v["doc"].as_u64().unwrap();
    let risk_ids: Vec<String> = analysis.risks.iter().map(|r| r.id.clone()).collect();
    let mut revision = 1;
    let mut all = Vec::new();
    let mut cache = None;
    for round in 0..rounds {
        for kind in [
            "rename_asset",
            "measure_status",
            "asset_business",
            "treatment",
        ] {
            let change = match kind {
                "rename_asset" => {
                    let i = 17 + round;
                    p.assets[i].name.push('′');
                    splice("assets", i, serde_json::to_value(&p.assets[i]).unwrap())
                }
                "measure_status" => {
                    let i = 40 + round;
                    let m = &mut p.countermeasures[i];
                    m.status = if m.status == MeasureStatus::Implemented {
                        MeasureStatus::Proposed
                    } else {
                        MeasureStatus::Implemented
                    };
                    splice("countermeasures", i, serde_json::to_value(m).unwrap())
                }
                "asset_business" => {
                    let i = 300 + round * 7;
                    let others: Vec<_> = p
                        .businesses
                        .iter()
                        .filter(|b| !p.assets[i].businesses.contains(&b.id))
                        .map(|b| b.id)
                        .collect();
                    p.assets[i].businesses = vec![others[round % others.len()]];
                    splice("assets", i, serde_json::to_value(&p.assets[i]).unwrap())
                }
                _ => {
                    let id = &risk_ids[500 + round * 11];
                    let d = json!({"risk_id": id, "treatment": "accept",
                        "justification": format!("bench {round}"), "owner": ""});
                    let n = p.risk_decisions.len();
                    p.risk_decisions
                        .push(serde_json::from_value(d.clone()).unwrap());
                    Change::Splice {
                        section: "risk_decisions".into(),
                        start: n,
                        remove: 0,
                        insert: vec![d],
                    }
                }
            };
            revision += 1;
            let t = Instant::now();
            let (json, project, analysis) =
                sync::analyze(&state, request(revision, doc, revision - 1, vec![change])).unwrap();
            let total = t.elapsed().as_secs_f64() * 1e3;
            // As the app's explanation cache does (its countermeasures, not the project).
            let measures: Arc<[_]> = Arc::from(project.countermeasures.as_slice());
            drop(project);
            sync::drop_later(cache.replace((measures, analysis)));
            let v: Value = serde_json::from_str(&json).unwrap();
            doc = v["doc"].as_u64().unwrap();
            let t = &v["timings_ms"];
            println!(
                "{kind:15} applied {:6.1} analysed {:6.1} answer {:6.1} total {total:6.1} bytes {}",
                t[0].as_f64().unwrap(),
                t[1].as_f64().unwrap(),
                t[2].as_f64().unwrap(),
                json.len()
            );
            let sizes: Vec<String> = v
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, x)| (k, x.to_string().len()))
                .filter(|(_, n)| *n > 1000)
                .map(|(k, n)| format!("{k}={}k", n / 1000))
                .collect();
            println!("    {}", sizes.join(" "));
            all.push(total);
        }
    }
    all.sort_by(f64::total_cmp);
    println!("median total {:.1} ms", all[all.len() / 2]);
}

fn splice(section: &str, start: usize, item: Value) -> Change {
    Change::Splice {
        section: section.into(),
        start,
        remove: 1,
        insert: vec![item],
    }
}
