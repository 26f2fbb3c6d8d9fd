//! The analysis after an edit ([`super::analyse_since`]) against the whole analysis: for
//! every kind of edit the app makes, alone, mixed and chained, both give the same register,
//! exclusions, paths, trees, roll-ups, gaps, findings and importances. The expected answer
//! here is the whole analysis, which the domain tests (`tests.rs`, worked by hand) hold to the
//! guideline and the IPA method: this file proves only that reuse changes no figure, and that
//! it does reuse (so that a failure to reuse is seen, not hidden as slowness).

use super::reuse::{Reused, Since};
use super::{analyse, analyse_since, Analysis};
use crate::catalogue::Catalogue;
use crate::edit::{apply_tracked, Applied, Change};
use crate::model::Project;
use crate::Location;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;

fn load(bytes: &[u8]) -> Project {
    crate::json::parse(bytes, &Location::default()).expect("the sample loads")
}

/// The samples and a generated factory, as the app holds them (numbered).
fn factories() -> &'static [Project] {
    static F: std::sync::OnceLock<Vec<Project>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let mut generated = crate::generate::generate(crate::generate::Size::S);
        crate::model::numbering::assign(&mut generated);
        vec![
            load(include_bytes!("../../../samples/food-plant.json")),
            load(include_bytes!("../../../samples/electronics-line.json")),
            generated,
        ]
    })
}

/// One edit, as the app sends it: items replaced in place, added, removed or moved, or a
/// section set. The numbers pick items (taken modulo the list's length).
#[derive(Debug, Clone)]
enum Edit {
    /// An asset moved to another zone.
    AssetZone(usize, usize),
    /// An asset's businesses replaced (importance moves).
    AssetBusinesses(usize, Vec<usize>),
    /// An asset's importance set by hand, or the override taken away.
    AssetOverride(usize, Option<u8>),
    /// An asset's type changed (threats apply differently).
    AssetType(usize, usize),
    /// An asset renamed (no figure moves).
    AssetName(usize),
    /// An asset's support end set in the past (threats apply by support end) or cleared.
    AssetSupportEnd(usize, bool),
    /// The analyst decides whether a threat applies to an asset, or takes the decision back.
    AssetApplicability(usize, usize, Option<bool>),
    /// A treatment decision recorded on a register row.
    DecisionAdd(usize, usize),
    /// A decision's treatment changed.
    DecisionChange(usize, usize),
    /// A decision taken back.
    DecisionRemove(usize),
    /// A countermeasure's status changed (the whole register moves).
    MeasureStatus(usize, usize),
    /// A business's score changed (importances move).
    BusinessScore(usize, u8),
    /// The project's date moved (the assessment period moves).
    MetaUpdated(u8),
    /// An asset moved to the end of the list (register order moves).
    AssetToEnd(usize),
    /// A zone's target SL changed.
    ZoneSl(usize, u8),
    /// A step 1-3 item changed (nothing the analysis reads).
    OodaRole(usize),
}

const TREATMENTS: [&str; 4] = ["reduce", "accept", "avoid", "transfer"];
const STATUSES: [&str; 4] = ["proposed", "agreed", "implemented", "rejected"];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let n = 0usize..1000;
    prop_oneof![
        (n.clone(), n.clone()).prop_map(|(a, z)| Edit::AssetZone(a, z)),
        (n.clone(), proptest::collection::vec(n.clone(), 0..3))
            .prop_map(|(a, b)| Edit::AssetBusinesses(a, b)),
        (n.clone(), proptest::option::of(1u8..=3)).prop_map(|(a, l)| Edit::AssetOverride(a, l)),
        (n.clone(), n.clone()).prop_map(|(a, t)| Edit::AssetType(a, t)),
        n.clone().prop_map(Edit::AssetName),
        (n.clone(), any::<bool>()).prop_map(|(a, past)| Edit::AssetSupportEnd(a, past)),
        (n.clone(), n.clone(), proptest::option::of(any::<bool>()))
            .prop_map(|(a, t, v)| Edit::AssetApplicability(a, t, v)),
        (n.clone(), 0usize..4).prop_map(|(r, t)| Edit::DecisionAdd(r, t)),
        (n.clone(), 0usize..4).prop_map(|(d, t)| Edit::DecisionChange(d, t)),
        n.clone().prop_map(Edit::DecisionRemove),
        (n.clone(), 0usize..4).prop_map(|(m, s)| Edit::MeasureStatus(m, s)),
        (n.clone(), 1u8..=3).prop_map(|(b, s)| Edit::BusinessScore(b, s)),
        (1u8..=28).prop_map(Edit::MetaUpdated),
        n.clone().prop_map(Edit::AssetToEnd),
        (n.clone(), 1u8..=4).prop_map(|(z, s)| Edit::ZoneSl(z, s)),
        n.prop_map(Edit::OodaRole),
    ]
}

/// Item `i` of a list (modulo its length) as JSON, or `None` for an empty list.
fn item(p: &Value, list: &str, i: usize) -> Option<(usize, Value)> {
    let items = p[list].as_array()?;
    if items.is_empty() {
        return None;
    }
    let at = i % items.len();
    Some((at, items[at].clone()))
}

fn replace(list: &str, at: usize, value: Value) -> Change {
    Change::Splice {
        section: list.into(),
        start: at,
        remove: 1,
        insert: vec![value],
    }
}

/// The changes the app would send for `edit` on `p` (analysed as `a`); none when the edit
/// has nothing to act on.
fn changes(p: &Project, a: &Analysis, edit: &Edit) -> Vec<Change> {
    let doc = serde_json::to_value(p).expect("a project serializes");
    let cat = Catalogue::builtin();
    let asset = |i: usize, f: &dyn Fn(&mut Value)| {
        item(&doc, "assets", i).map(|(at, mut v)| {
            f(&mut v);
            replace("assets", at, v)
        })
    };
    let nth_id = |list: &str, i: usize| item(&doc, list, i).map(|(_, v)| v["id"].clone());
    let change = match edit {
        Edit::AssetZone(i, z) => {
            nth_id("zones", *z).and_then(|z| asset(*i, &|v| v["zone"] = z.clone()))
        }
        Edit::AssetBusinesses(i, bs) => {
            let ids: Vec<Value> = bs.iter().filter_map(|b| nth_id("businesses", *b)).collect();
            let mut ids_unique = Vec::new();
            for id in ids {
                if !ids_unique.contains(&id) {
                    ids_unique.push(id);
                }
            }
            asset(*i, &|v| v["businesses"] = Value::Array(ids_unique.clone()))
        }
        Edit::AssetOverride(i, l) => asset(*i, &|v| {
            v["importance_override"] =
                l.map_or(Value::Null, |l| json!({"level": l, "reason": "試験"}));
        }),
        Edit::AssetType(i, t) => {
            let ty = &cat.asset_types[t % cat.asset_types.len()].id;
            asset(*i, &|v| v["asset_type"] = json!(ty))
        }
        Edit::AssetName(i) => asset(*i, &|v| v["name"] = json!(format!("改名 {i}"))),
        Edit::AssetSupportEnd(i, past) => asset(*i, &|v| {
            v["support_end"] = if *past {
                json!("2020-01-31")
            } else {
                Value::Null
            };
        }),
        Edit::AssetApplicability(i, t, decided) => {
            let threat = &cat.threats[t % cat.threats.len()].id;
            asset(*i, &|v| {
                if !v["threat_applicability"].is_array() {
                    v["threat_applicability"] = json!([]);
                }
                let list = v["threat_applicability"].as_array_mut().expect("a list");
                list.retain(|x| x["threat"] != json!(threat));
                if let Some(applies) = decided {
                    list.push(json!({"threat": threat, "applies": applies, "reason": "現地確認"}));
                }
            })
        }
        Edit::DecisionAdd(r, t) => {
            let row = (!a.risks.is_empty()).then(|| &a.risks[r % a.risks.len()]);
            row.filter(|row| !p.risk_decisions.iter().any(|d| d.risk_id == row.id)).map(|row| {
                Change::Splice {
                    section: "risk_decisions".into(),
                    start: p.risk_decisions.len(),
                    remove: 0,
                    insert: vec![json!({"risk_id": row.id, "treatment": TREATMENTS[*t], "justification": "理由"})],
                }
            })
        }
        Edit::DecisionChange(d, t) => item(&doc, "risk_decisions", *d).map(|(at, mut v)| {
            v["treatment"] = json!(TREATMENTS[*t]);
            v["justification"] = json!("見直し");
            replace("risk_decisions", at, v)
        }),
        Edit::DecisionRemove(d) => item(&doc, "risk_decisions", *d).map(|(at, _)| Change::Splice {
            section: "risk_decisions".into(),
            start: at,
            remove: 1,
            insert: vec![],
        }),
        Edit::MeasureStatus(m, s) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            // Always another status than the one it has.
            let s = if v["status"] == json!(STATUSES[*s]) {
                (s + 1) % 4
            } else {
                *s
            };
            v["status"] = json!(STATUSES[s]);
            replace("countermeasures", at, v)
        }),
        Edit::BusinessScore(b, s) => item(&doc, "businesses", *b).map(|(at, mut v)| {
            if let Some(scores) = v["scores"].as_object_mut() {
                for x in scores.values_mut() {
                    *x = json!(s);
                }
            }
            replace("businesses", at, v)
        }),
        Edit::MetaUpdated(d) => {
            let mut meta = doc["meta"].clone();
            meta["updated"] = json!(format!("2026-02-{d:02}"));
            Some(Change::Set {
                section: "meta".into(),
                value: meta,
            })
        }
        Edit::AssetToEnd(i) => item(&doc, "assets", *i).map(|(at, v)| {
            let n = p.assets.len();
            let mut moved: Vec<Value> =
                doc["assets"].as_array().expect("a list")[at + 1..].to_vec();
            moved.push(v);
            Change::Splice {
                section: "assets".into(),
                start: at,
                remove: n - at,
                insert: moved,
            }
        }),
        Edit::ZoneSl(z, s) => item(&doc, "zones", *z).map(|(at, mut v)| {
            v["sl_t"] = json!(s);
            replace("zones", at, v)
        }),
        Edit::OodaRole(o) => item(&doc, "ooda_roles", *o).map(|(at, mut v)| {
            v["contact"] = json!("内線 1234");
            replace("ooda_roles", at, v)
        }),
    };
    change.into_iter().collect()
}

/// Whether an edit leaves the register's other rows and the paths as they were, so that the
/// analysis after it must reuse them.
fn reusable(edit: &Edit) -> bool {
    !matches!(
        edit,
        Edit::MeasureStatus(..)
            | Edit::BusinessScore(..)
            | Edit::MetaUpdated(..)
            | Edit::AssetToEnd(..)
            | Edit::ZoneSl(..)
    )
}

/// Every section of the answer and the importances, compared one by one (to name the one
/// that differs).
fn assert_same(got: &Analysis, want: &Analysis, what: &str) {
    let (g, w) = (
        serde_json::to_value(got).expect("serializes"),
        serde_json::to_value(want).expect("serializes"),
    );
    for (k, v) in w.as_object().expect("an object") {
        assert!(
            g.get(k) == Some(v),
            "{what}: `{k}` differs from the whole analysis"
        );
    }
    assert_eq!(got.importances, want.importances, "{what}: importances");
    assert_eq!(got.memo.targets, want.memo.targets, "{what}: path targets");
    assert_eq!(got.memo.horizon, want.memo.horizon, "{what}: horizon");
}

/// Apply `batch` (edits made together) to `p` analysed as `prev`, and check the analysis
/// reusing `prev` against the whole one. The new project and analysis.
fn step(p: &Project, prev: &Analysis, batch: &[Edit]) -> (Project, Analysis) {
    let mut next = p.clone();
    let mut touched_all = Vec::new();
    let mut all = Vec::new();
    // Each edit's changes are worked out on the project as the earlier ones left it, and
    // sent together, as the app sends what happened since its last analysis.
    let mut scratch = p.clone();
    let mut scratch_a = None::<Analysis>;
    for e in batch {
        let c = changes(&scratch, scratch_a.as_ref().unwrap_or(prev), e);
        if c.is_empty() {
            continue;
        }
        let (applied, _) = apply_tracked(&mut scratch, c.clone(), &Location::path("project"))
            .unwrap_or_else(|err| panic!("{e:?} applies: {err}"));
        assert_eq!(applied, Applied::Done);
        scratch_a = Some(analyse(&scratch, Catalogue::builtin()));
        touched_all.push(e.clone());
        all.extend(c);
    }
    let (applied, touched) =
        apply_tracked(&mut next, all, &Location::path("project")).expect("the batch applies");
    assert_eq!(applied, Applied::Done);
    assert_eq!(
        next, scratch,
        "the batch gives what the edits one by one gave"
    );
    let got = analyse_since(
        &next,
        Catalogue::builtin(),
        Since {
            prev,
            touched: &touched,
        },
    );
    let want = analyse(&next, Catalogue::builtin());
    assert_same(&got, &want, &format!("{batch:?}"));
    if !touched_all.is_empty() && touched_all.iter().all(reusable) {
        let Reused {
            register_rebuilt_for,
            attack_paths: _,
        } = got.memo.reused;
        assert!(
            register_rebuilt_for.is_some(),
            "{batch:?}: the register was built whole"
        );
        // The rows of assets the edits did not reach are the previous analysis's own.
        let shared = got
            .risks
            .iter()
            .filter(|r| prev.risks.iter().any(|q| Arc::ptr_eq(q, r)))
            .count();
        assert!(
            shared > 0 || got.risks.len() <= register_rebuilt_for.unwrap_or(0) * 40,
            "{batch:?}: no row was reused"
        );
    }
    (next, got)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Chains of edit batches on each factory: every analysis reuses the one before it (not
    /// the whole one), as the app does, so a wrong reuse would carry on and be seen.
    #[test]
    fn reuse_gives_the_whole_analysis(
        f in 0usize..3,
        batches in proptest::collection::vec(proptest::collection::vec(edit_strategy(), 1..4), 1..4),
    ) {
        let mut p = factories()[f].clone();
        let mut a = analyse(&p, Catalogue::builtin());
        for batch in &batches {
            (p, a) = step(&p, &a, batch);
        }
    }
}

/// Worked through: on the food-plant sample, renaming an asset rebuilds that asset's rows
/// only, keeps every other row and the attack paths as they were (the same rows, shared), and
/// changes no figure; taking a decision back rebuilds the rows of its asset only.
#[test]
fn a_rename_rebuilds_one_asset_and_keeps_the_rest() {
    let p = factories()[0].clone();
    let a = analyse(&p, Catalogue::builtin());
    let (p2, a2) = step(&p, &a, &[Edit::AssetName(3)]);
    assert_eq!(a2.memo.reused.register_rebuilt_for, Some(1));
    assert!(a2.memo.reused.attack_paths);
    assert!(Arc::ptr_eq(&a.attack_paths, &a2.attack_paths));
    let renamed = p2.assets[3].id;
    for (r, q) in a.risks.iter().zip(&a2.risks) {
        assert_eq!(r.id, q.id, "a rename moves no row");
        assert_eq!(Arc::ptr_eq(r, q), r.asset != renamed, "{}", r.id);
    }
    let decided = p2.risk_decisions[0].risk_id.clone();
    let (_, a3) = step(&p2, &a2, &[Edit::DecisionRemove(0)]);
    assert_eq!(a3.memo.reused.register_rebuilt_for, Some(1));
    let row = a3
        .risks
        .iter()
        .find(|r| r.id == decided)
        .expect("the row stays");
    assert!(row.decision.is_none(), "the decision is gone from its row");
}

/// An edit the register reads everywhere (a countermeasure's status) rebuilds it whole.
#[test]
fn a_measure_status_rebuilds_the_register() {
    let p = factories()[0].clone();
    let a = analyse(&p, Catalogue::builtin());
    let (_, a2) = step(&p, &a, &[Edit::MeasureStatus(0, 2)]);
    assert_eq!(a2.memo.reused.register_rebuilt_for, None);
    assert!(!a2.memo.reused.attack_paths);
}
