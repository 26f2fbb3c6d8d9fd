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
use crate::id::AssetId;
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
        let food = load(include_bytes!("../../../samples/food-plant.json"));
        vec![
            own_measure(&food),
            food,
            load(include_bytes!("../../../samples/electronics-line.json")),
            generated,
        ]
    })
}

/// `p` with a measure of its own (`X-FW`, network) implemented on its first conduit and
/// covering every threat, and the catalogue's measures taken off the conduits: which
/// conduits the attack paths count as protected then hangs on the project's definition.
/// And a threat of its own (`X-T01`) recorded in the first zone.
fn own_threat(level: u8) -> Value {
    json!({"id": "X-T01", "ja": "独自脅威", "en": "Own threat", "vector": "network", "base_level": level})
}

fn own_measure(p: &Project) -> Project {
    let mut doc = serde_json::to_value(p).expect("serializes");
    doc["custom"]["measures"] =
        json!([{"id": "X-FW", "ja": "独自FW", "en": "Own FW", "category": "network"}]);
    doc["custom"]["threats"] = json!([own_threat(2)]);
    doc["threats"].as_array_mut().expect("a list").push(json!({
        "id": "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "zone": p.assets.iter().find_map(|a| a.zone).expect("a zone with assets"),
        "threat": "X-T01",
        "applicable": true,
        "impacts": {"safety": 2, "quality": 3},
    }));
    for m in doc["countermeasures"].as_array_mut().expect("a list") {
        m["scope"]["conduits"] = json!([]);
    }
    let number = p
        .countermeasures
        .iter()
        .map(|m| m.number)
        .max()
        .unwrap_or(0)
        + 1;
    let threats: Vec<&str> = Catalogue::builtin()
        .threats
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    doc["countermeasures"]
        .as_array_mut()
        .expect("a list")
        .push(json!({
            "id": "0b6f5c1e-2f4a-4d3b-9c1e-5a6b7c8d9e0f",
            "number": number,
            "measure": "X-FW",
            "detail": "",
            "threats": threats,
            "scope": {"zones": [], "conduits": [p.conduits[0].id], "assets": []},
            "status": "implemented",
        }));
    load(&serde_json::to_vec(&doc).expect("serializes"))
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
    /// A countermeasure's status changed (the rows it covers move).
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
    /// The project's own measures set whole: `X-FW` made network or operational (which
    /// conduits count as protected moves), or the list left empty.
    CustomMeasure(Option<bool>),
    /// The project's own threat given another base level.
    CustomThreat(u8),
    /// A conduit's boundary controls taken away (the zone graph's hardness moves).
    ConduitBoundary(usize),
    /// An entry point's kind changed (which threats reach which zones moves).
    EntryKind(usize, usize),
    /// The tolerable risk changed.
    Tolerable(usize),
    /// A step 1-7 record switched off or on, or given the analyst's threat level.
    ThreatRecord(usize, Option<u8>),
    /// A zone renamed.
    ZoneName(usize),
    /// An asset taken out of its zone.
    AssetZoneClear(usize),
    /// An asset added (a copy of another, with its own id and number).
    AssetAdd(usize),
    /// The decision list set whole, in reverse order.
    DecisionsReversed,
    /// A countermeasure's scope set to one zone (0), one conduit (1), one asset (2) or
    /// everywhere (3).
    MeasureScope(usize, u8, usize),
    /// A countermeasure made to answer one threat only.
    MeasureThreats(usize, usize),
    /// A countermeasure made the customer's to carry out, or the SIer's and operated by the
    /// customer (the residual risk "unless others" moves).
    MeasureParty(usize, bool),
    /// A countermeasure's notes and evidence changed (no row reads them).
    MeasureNotes(usize),
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
        n.clone().prop_map(Edit::OodaRole),
        proptest::option::of(any::<bool>()).prop_map(Edit::CustomMeasure),
        (1u8..=3).prop_map(Edit::CustomThreat),
        n.clone().prop_map(Edit::ConduitBoundary),
        (n.clone(), 0usize..8).prop_map(|(e, k)| Edit::EntryKind(e, k)),
        (0usize..5).prop_map(Edit::Tolerable),
        (n.clone(), proptest::option::of(0u8..=3)).prop_map(|(t, l)| Edit::ThreatRecord(t, l)),
        n.clone().prop_map(Edit::ZoneName),
        n.clone().prop_map(Edit::AssetZoneClear),
        n.clone().prop_map(Edit::AssetAdd),
        Just(Edit::DecisionsReversed),
        (n.clone(), 0u8..4, n.clone()).prop_map(|(m, k, i)| Edit::MeasureScope(m, k, i)),
        (n.clone(), n.clone()).prop_map(|(m, t)| Edit::MeasureThreats(m, t)),
        (n.clone(), any::<bool>()).prop_map(|(m, c)| Edit::MeasureParty(m, c)),
        n.prop_map(Edit::MeasureNotes),
    ]
}

const ENTRY_KINDS: [&str; 8] = [
    "internet",
    "cloud",
    "remote_maintenance",
    "removable_media",
    "vendor_pc",
    "wireless",
    "corporate_network",
    "physical",
];

/// Item `i` of a list (modulo its length) as JSON, or `None` for an empty list.
fn item(p: &Value, list: &str, i: usize) -> Option<(usize, Value)> {
    let items = p[list].as_array()?;
    if items.is_empty() {
        return None;
    }
    let at = i % items.len();
    Some((at, items[at].clone()))
}

/// The changes the app would send for `edit` on `p` (analysed as `a`), and the assets the
/// edit is about (an asset edited, the asset of a decision); no changes when the edit has
/// nothing to act on.
fn changes(p: &Project, a: &Analysis, edit: &Edit) -> (Vec<Change>, Vec<AssetId>) {
    let doc = serde_json::to_value(p).expect("a project serializes");
    let cat = Catalogue::builtin();
    let about = std::cell::RefCell::new(Vec::new());
    let asset = |i: usize, f: &dyn Fn(&mut Value)| {
        item(&doc, "assets", i).map(|(at, mut v)| {
            f(&mut v);
            about.borrow_mut().push(p.assets[at].id);
            Change::replace_item("assets", at, v)
        })
    };
    let decided = |risk_id: &str| {
        if let Some(id) = risk_id.rsplit_once('@').and_then(|(_, a)| a.parse().ok()) {
            about.borrow_mut().push(id);
        }
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
                decided(&row.id);
                Change::Splice {
                    section: "risk_decisions".into(),
                    start: p.risk_decisions.len(),
                    remove: 0,
                    insert: vec![json!({"risk_id": row.id, "treatment": TREATMENTS[*t], "justification": "理由"})],
                }
            })
        }
        Edit::DecisionChange(d, t) => item(&doc, "risk_decisions", *d).map(|(at, mut v)| {
            decided(v["risk_id"].as_str().unwrap_or_default());
            v["treatment"] = json!(TREATMENTS[*t]);
            v["justification"] = json!("見直し");
            Change::replace_item("risk_decisions", at, v)
        }),
        Edit::DecisionRemove(d) => item(&doc, "risk_decisions", *d).map(|(at, v)| {
            decided(v["risk_id"].as_str().unwrap_or_default());
            Change::remove_item("risk_decisions", at)
        }),
        Edit::MeasureStatus(m, s) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            // Always another status than the one it has.
            let s = if v["status"] == json!(STATUSES[*s]) {
                (s + 1) % 4
            } else {
                *s
            };
            v["status"] = json!(STATUSES[s]);
            Change::replace_item("countermeasures", at, v)
        }),
        Edit::BusinessScore(b, s) => item(&doc, "businesses", *b).map(|(at, mut v)| {
            if let Some(scores) = v["scores"].as_object_mut() {
                for x in scores.values_mut() {
                    *x = json!(s);
                }
            }
            Change::replace_item("businesses", at, v)
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
            Change::replace_item("zones", at, v)
        }),
        Edit::OodaRole(o) => item(&doc, "ooda_roles", *o).map(|(at, mut v)| {
            v["contact"] = json!("内線 1234");
            Change::replace_item("ooda_roles", at, v)
        }),
        Edit::CustomMeasure(network) => {
            let mut custom = doc["custom"].clone();
            custom["measures"] = match network {
                // Taken away only when no countermeasure names it.
                None if p.countermeasures.iter().any(|m| m.measure == "X-FW") => {
                    custom["measures"].clone()
                }
                None => json!([]),
                Some(n) => json!([{"id": "X-FW", "ja": "独自FW", "en": "Own FW",
                    "category": if *n { "network" } else { "operational" }}]),
            };
            Some(Change::Set {
                section: "custom".into(),
                value: custom,
            })
        }
        Edit::CustomThreat(level) => {
            let mut custom = doc["custom"].clone();
            // Changed only where the project has it (a step 1-7 record names it).
            if p.threats.iter().any(|t| t.threat == "X-T01") {
                custom["threats"] = json!([own_threat(*level)]);
            }
            Some(Change::Set {
                section: "custom".into(),
                value: custom,
            })
        }
        Edit::ConduitBoundary(c) => item(&doc, "conduits", *c).map(|(at, mut v)| {
            v["boundary"] = json!([]);
            Change::replace_item("conduits", at, v)
        }),
        Edit::EntryKind(e, k) => item(&doc, "entry_points", *e).map(|(at, mut v)| {
            v["kind"] = json!(ENTRY_KINDS[*k]);
            Change::replace_item("entry_points", at, v)
        }),
        Edit::Tolerable(t) => {
            let mut settings = doc["settings"].clone();
            settings["tolerable_risk"] = json!(a.values[t % a.values.len()]);
            Some(Change::Set {
                section: "settings".into(),
                value: settings,
            })
        }
        Edit::ThreatRecord(t, level) => item(&doc, "threats", *t).map(|(at, mut v)| {
            match level {
                None => v["applicable"] = json!(!v["applicable"].as_bool().unwrap_or(true)),
                Some(0) => v["threat_level"] = Value::Null,
                Some(l) => v["threat_level"] = json!(l),
            }
            Change::replace_item("threats", at, v)
        }),
        Edit::ZoneName(z) => item(&doc, "zones", *z).map(|(at, mut v)| {
            v["name"] = json!(format!("改名ゾーン {z}"));
            Change::replace_item("zones", at, v)
        }),
        Edit::AssetZoneClear(i) => asset(*i, &|v| v["zone"] = Value::Null),
        Edit::AssetAdd(i) => item(&doc, "assets", *i).map(|(_, mut v)| {
            v["id"] = json!(uuid::Uuid::new_v4());
            v["number"] = json!(p.assets.iter().map(|a| a.number).max().unwrap_or(0) + 1);
            v["name"] = json!(format!("追加 {i}"));
            Change::Splice {
                section: "assets".into(),
                start: p.assets.len(),
                remove: 0,
                insert: vec![v],
            }
        }),
        Edit::MeasureScope(m, kind, i) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            let none = json!({"zones": [], "conduits": [], "assets": []});
            let mut scope = none.clone();
            let list = ["zones", "conduits", "assets"];
            if let Some(l) = list.get(usize::from(*kind)) {
                if let Some(id) = nth_id(l, *i) {
                    scope[*l] = json!([id]);
                }
            }
            v["scope"] = scope;
            Change::replace_item("countermeasures", at, v)
        }),
        Edit::MeasureThreats(m, t) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            v["threats"] = json!([cat.threats[t % cat.threats.len()].id]);
            Change::replace_item("countermeasures", at, v)
        }),
        Edit::MeasureParty(m, customer) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            if *customer {
                v["responsibility"] = json!("customer");
            } else {
                v["responsibility"] = json!("sier");
                v["operator"] = json!("customer");
            }
            Change::replace_item("countermeasures", at, v)
        }),
        Edit::MeasureNotes(m) => item(&doc, "countermeasures", *m).map(|(at, mut v)| {
            v["notes"] = json!("見直し済み");
            v["evidence"] = json!("点検記録 2026-12");
            Change::replace_item("countermeasures", at, v)
        }),
        Edit::DecisionsReversed => {
            let mut list = doc["risk_decisions"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            list.reverse();
            Some(Change::Set {
                section: "risk_decisions".into(),
                value: Value::Array(list),
            })
        }
    };
    let about = about.into_inner();
    (change.into_iter().collect(), about)
}

/// Whether an edit leaves the register rows of the assets it is not about as they were, so
/// that the analysis after it must reuse them.
fn keeps_other_rows(edit: &Edit) -> bool {
    matches!(
        edit,
        Edit::AssetZone(..)
            | Edit::AssetBusinesses(..)
            | Edit::AssetOverride(..)
            | Edit::AssetType(..)
            | Edit::AssetName(..)
            | Edit::AssetSupportEnd(..)
            | Edit::AssetApplicability(..)
            | Edit::AssetZoneClear(..)
            | Edit::DecisionAdd(..)
            | Edit::DecisionChange(..)
            | Edit::DecisionRemove(..)
            | Edit::OodaRole(..)
            | Edit::MeasureNotes(..)
    )
}

/// Whether an edit leaves the attack paths as they were, so that they must be reused.
fn keeps_paths(edit: &Edit) -> bool {
    matches!(
        edit,
        Edit::AssetName(..)
            | Edit::AssetType(..)
            | Edit::AssetSupportEnd(..)
            | Edit::AssetApplicability(..)
            | Edit::DecisionAdd(..)
            | Edit::DecisionChange(..)
            | Edit::DecisionRemove(..)
            | Edit::DecisionsReversed
            | Edit::OodaRole(..)
            | Edit::Tolerable(..)
            | Edit::ThreatRecord(..)
            | Edit::CustomThreat(..)
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
    let mut about = std::collections::HashSet::new();
    for e in batch {
        let (c, concerned) = changes(&scratch, scratch_a.as_ref().unwrap_or(prev), e);
        if c.is_empty() {
            continue;
        }
        about.extend(concerned);
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
    let Reused {
        register_rebuilt_for,
        attack_paths,
    } = got.memo.reused;
    if !touched_all.is_empty() && touched_all.iter().all(keeps_other_rows) {
        assert!(
            register_rebuilt_for.is_some() || about.len() * 4 > next.assets.len(),
            "{batch:?}: the register was built whole"
        );
        // Every row of an asset the edits are not about is the previous analysis's own.
        if register_rebuilt_for.is_some() {
            let before: std::collections::HashMap<&str, &Arc<_>> =
                prev.risks.iter().map(|r| (r.id.as_str(), r)).collect();
            for r in got.risks.iter().filter(|r| !about.contains(&r.asset)) {
                let old = before.get(r.id.as_str());
                assert!(
                    old.is_some_and(|q| Arc::ptr_eq(q, r)),
                    "{batch:?}: row {} was built again",
                    r.id
                );
            }
        }
    }
    if !touched_all.is_empty() && touched_all.iter().all(keeps_paths) {
        assert!(
            attack_paths,
            "{batch:?}: the attack paths were worked out again"
        );
        assert!(Arc::ptr_eq(&got.attack_paths, &prev.attack_paths));
    }
    (next, got)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Chains of edit batches on each factory: every analysis reuses the one before it (not
    /// the whole one), as the app does, so a wrong reuse would carry on and be seen.
    #[test]
    fn reuse_gives_the_whole_analysis(
        f in 0usize..4,
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
    let p = factories()[1].clone();
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

/// A countermeasure's status, worked through on the food-plant sample: the measure scoped to
/// zones only rebuilds the rows of the assets in those zones (counted here from the sample)
/// and shares every other row; scoped nowhere, it counts everywhere and the whole register
/// is built again.
#[test]
fn a_measure_status_rebuilds_the_rows_it_covers() {
    let p = factories()[1].clone();
    let a = analyse(&p, Catalogue::builtin());
    let m = p
        .countermeasures
        .iter()
        .position(|m| {
            !m.scope.zones.is_empty() && m.scope.conduits.is_empty() && m.scope.assets.is_empty()
        })
        .expect("a measure scoped to zones only");
    let zones = &p.countermeasures[m].scope.zones;
    let inside: Vec<_> = p
        .assets
        .iter()
        .filter(|x| x.zone.is_some_and(|z| zones.contains(&z)))
        .map(|x| x.id)
        .collect();
    assert!(!inside.is_empty() && inside.len() < p.assets.len());
    let (_, a2) = step(&p, &a, &[Edit::MeasureStatus(m, 0)]);
    assert_eq!(a2.memo.reused.register_rebuilt_for, Some(inside.len()));
    let before: std::collections::HashMap<&str, &Arc<_>> =
        a.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in a2.risks.iter().filter(|r| !inside.contains(&r.asset)) {
        assert!(Arc::ptr_eq(before[r.id.as_str()], r), "{}", r.id);
    }
    // The rebuild mattered: a row inside the zones moved.
    assert!(a2
        .risks
        .iter()
        .filter(|r| inside.contains(&r.asset))
        .any(|r| !Arc::ptr_eq(before[r.id.as_str()], r) && **before[r.id.as_str()] != **r));
    // Notes and evidence: no row is built again.
    let (_, a4) = step(&p, &a, &[Edit::MeasureNotes(m)]);
    assert_eq!(a4.memo.reused.register_rebuilt_for, Some(0));
    let (q, a3) = step(&p, &a, &[Edit::MeasureScope(m, 3, 0)]);
    assert!(q.countermeasures[m].scope.is_everywhere());
    assert_eq!(a3.memo.reused.register_rebuilt_for, None);
}
