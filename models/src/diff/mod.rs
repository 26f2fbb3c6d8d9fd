//! What changed between two states of a project (the version the customer signed and now):
//! the items of the model added, removed or changed field by field, and every register row
//! whose risk moved, with the countermeasures that count for it before and after — so a
//! customer re-agrees only what changed.
//!
//! Items are matched by their id (risk rows by `threat@asset`, decisions by their row), so a
//! rename is a change of the `name` field, not a removal and an addition. Fields are compared
//! as the project file stores them (JSON values), top-level field by field; a nested field
//! (a conduit's channels, a measure's scope) is one field whose whole value changed.

pub mod lines;

use crate::catalogue::Catalogue;
use crate::model::Project;
use crate::risk::{analyse, Analysis};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One field of an item that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    /// Field name as in the project file (`name`, `zone`, `status` …).
    pub field: String,
    /// Before (absent = `null`).
    pub before: Value,
    /// After.
    pub after: Value,
}

/// An item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ItemChange {
    /// New in the later state.
    Added {
        /// Id.
        id: String,
        /// Name (or the best label the item has).
        name: String,
    },
    /// Gone from the later state.
    Removed {
        /// Id.
        id: String,
        /// Name.
        name: String,
    },
    /// In both, with fields that differ.
    Changed {
        /// Id.
        id: String,
        /// Name in the later state.
        name: String,
        /// The fields that differ.
        fields: Vec<FieldChange>,
    },
}

/// A register row whose risk moved (or that appeared or went).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskMove {
    /// Row id (`T01@<asset>`).
    pub id: String,
    /// Threat id.
    pub threat: String,
    /// Asset name (later state, else earlier).
    pub asset: String,
    /// The row's readable number, as the register shows it (`A-016/T03`).
    pub number: String,
    /// Inherent, planned, residual before (`None` = no such row).
    pub before: Option<[String; 3]>,
    /// After.
    pub after: Option<[String; 3]>,
    /// Why, in terms of the model.
    pub because: Vec<Reason>,
}

/// Why a register row moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// The countermeasures counted for the planned state changed (readable numbers, M-001).
    Measures {
        /// Before.
        before: Vec<String>,
        /// After.
        after: Vec<String>,
    },
    /// The row is new: a threat, asset or zone was added or now applies.
    RowAdded,
    /// The row went: a threat, asset or zone was removed or no longer applies.
    RowRemoved,
}

impl Reason {
    /// The reason in words.
    pub fn text(&self, lang: crate::model::Lang) -> String {
        let list = |v: &[String]| {
            if v.is_empty() {
                "—".to_owned()
            } else {
                v.join(", ")
            }
        };
        match self {
            Reason::Measures { before, after } => crate::i18n::format(
                lang,
                "diff.reason.measures",
                &[("before", &list(before)), ("after", &list(after))],
            ),
            Reason::RowAdded => crate::i18n::text(lang, "diff.reason.row_added").to_owned(),
            Reason::RowRemoved => crate::i18n::text(lang, "diff.reason.row_removed").to_owned(),
        }
    }
}

/// Everything that changed between two states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectDiff {
    /// Per collection (`assets`, `zones`, …), the items that changed, in id order.
    pub items: BTreeMap<String, Vec<ItemChange>>,
    /// Register rows that moved, appeared or went, in row-id order.
    pub risks: Vec<RiskMove>,
}

impl ProjectDiff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.items.values().all(Vec::is_empty) && self.risks.is_empty()
    }
}

/// The collections compared, with the key that identifies an item.
const COLLECTIONS: &[(&str, &str)] = &[
    ("businesses", "id"),
    ("assets", "id"),
    ("zones", "id"),
    ("entry_points", "id"),
    ("conduits", "id"),
    ("threats", "id"),
    ("countermeasures", "id"),
    ("damages", "id"),
    ("suppliers", "id"),
    ("risk_decisions", "risk_id"),
    ("ooda_roles", "id"),
    ("checklist_answers", "id"),
    ("vulnerabilities", "id"),
    ("inspection_results", "row_id"),
];

/// The project's own catalogue entries (`custom.threats`, `custom.measures`), compared as
/// collections named `custom_threats` and `custom_measures`.
const CUSTOM: &[(&str, &str)] = &[("threats", "id"), ("measures", "id")];

/// The project's single sections, compared field by field and listed under `project`, each as
/// one item named by its section (the version label and dates of `meta` are not compared).
const SECTIONS: &[&str] = &["meta", "settings", "requirements"];

/// Fields of `meta` that label a state rather than describe what was assessed.
const META_LABELS: &[&str] = &["version", "updated", "language"];

/// Fields that are where things are drawn or how they are numbered for reading (a readable
/// number is given when a file is opened), not what was assessed.
const IGNORED: &[&str] = &["position", "number"];

/// The item as a reader names it: its readable number (A-001, M-001) and name.
fn label(coll: &str, v: &Value) -> String {
    let name = ["name", "title", "measure", "threat", "risk_id", "row_id"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))
        .unwrap_or_default();
    let n = v
        .get("number")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0);
    match (coll, n) {
        ("assets", Some(n)) => format!("{} {name}", crate::model::numbering::asset_label(n)),
        ("countermeasures", Some(n)) => {
            format!("{} {name}", crate::model::numbering::measure_label(n))
        }
        _ => name.to_owned(),
    }
}

fn items(p: &Value, coll: &str, key: &str) -> BTreeMap<String, Value> {
    p.get(coll)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|x| Some((x.get(key)?.as_str()?.to_owned(), x.clone())))
                .collect()
        })
        .unwrap_or_default()
}

fn fields(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !IGNORED.contains(&k.as_str()))
        .filter_map(|k| {
            let (x, y) = (
                b.get(k).cloned().unwrap_or(Value::Null),
                a.get(k).cloned().unwrap_or(Value::Null),
            );
            (x != y).then(|| FieldChange {
                field: k.clone(),
                before: x,
                after: y,
            })
        })
        .collect()
}

/// The difference from `old` to `new`.
///
/// # Panics
/// Never for projects that loaded (they serialise to JSON objects).
pub fn diff(old: &Project, new: &Project) -> ProjectDiff {
    diff_analysed(old, new, &analyse(new, Catalogue::builtin()))
}

/// As [`diff`], with the later state's analysis already made (the export has it).
pub fn diff_analysed(old: &Project, new: &Project, new_analysis: &Analysis) -> ProjectDiff {
    let (a, b) = (
        serde_json::to_value(old).expect("a project serialises"),
        serde_json::to_value(new).expect("a project serialises"),
    );
    let mut out = ProjectDiff::default();
    let null = Value::Null;
    let (ca, cb) = (
        a.get("custom").unwrap_or(&null),
        b.get("custom").unwrap_or(&null),
    );
    let parts = COLLECTIONS
        .iter()
        .map(|(coll, key)| ((*coll).to_owned(), &a, &b, *coll, *key))
        .chain(
            CUSTOM
                .iter()
                .map(|(coll, key)| (format!("custom_{coll}"), ca, cb, *coll, *key)),
        );
    for (name, a, b, coll, key) in parts {
        let (before, after) = (items(a, coll, key), items(b, coll, key));
        let mut list = Vec::new();
        for (id, x) in &before {
            match after.get(id) {
                None => list.push(ItemChange::Removed {
                    id: id.clone(),
                    name: label(coll, x),
                }),
                Some(y) => {
                    let f = fields(x, y);
                    if !f.is_empty() {
                        list.push(ItemChange::Changed {
                            id: id.clone(),
                            name: label(coll, y),
                            fields: f,
                        });
                    }
                }
            }
        }
        for (id, y) in &after {
            if !before.contains_key(id) {
                list.push(ItemChange::Added {
                    id: id.clone(),
                    name: label(coll, y),
                });
            }
        }
        if !list.is_empty() {
            out.items.insert(name, list);
        }
    }
    // A decision is named by its register row, as the register numbers it (A-016/T03) with
    // the asset's name.
    if let Some(list) = out.items.get_mut("risk_decisions") {
        // The later state's asset, unless only the earlier one has its readable number.
        let mut assets: BTreeMap<String, &crate::model::ProtectedAsset> = BTreeMap::new();
        for a in old.assets.iter().chain(&new.assets) {
            let slot = assets.entry(a.id.to_string()).or_insert(a);
            if a.number > 0 || slot.number == 0 {
                *slot = a;
            }
        }
        for c in list.iter_mut() {
            let (ItemChange::Added { id, name }
            | ItemChange::Removed { id, name }
            | ItemChange::Changed { id, name, .. }) = c;
            if let Some((threat, asset)) = id.split_once('@') {
                if let Some(a) = assets.get(asset) {
                    let number = crate::model::numbering::risk_label(a.number, threat);
                    *name = format!("{number} {}", a.name);
                }
            }
        }
    }
    let sections: Vec<ItemChange> = SECTIONS
        .iter()
        .filter_map(|sec| {
            let null = Value::Null;
            let mut f = fields(a.get(*sec).unwrap_or(&null), b.get(*sec).unwrap_or(&null));
            if *sec == "meta" {
                f.retain(|c| !META_LABELS.contains(&c.field.as_str()));
            }
            (!f.is_empty()).then(|| ItemChange::Changed {
                id: (*sec).to_owned(),
                name: (*sec).to_owned(),
                fields: f,
            })
        })
        .collect();
    if !sections.is_empty() {
        out.items.insert("project".to_owned(), sections);
    }
    out.risks = risk_moves(old, &analyse(old, Catalogue::builtin()), new, new_analysis);
    out
}

/// The difference from the model recorded with `project.revisions[index]` to `project` now.
///
/// # Errors
/// As [`crate::revision::restore`]: the version has no readable copy of its model.
pub fn since(project: &Project, index: usize) -> crate::Result<ProjectDiff> {
    let old = crate::revision::restore(project, index)?;
    Ok(diff(&old, project))
}

/// One side of a comparison, as the command line names it: a project file (`plant.otz`), or a
/// version recorded in one (`plant.otz@1.0`, by its version label). A path that exists as
/// written is a file even if it holds an `@`.
///
/// # Errors
/// The file does not load, it records no such version, or the version's copy of the model is
/// not readable ([`crate::revision::restore`]).
pub fn load_state(spec: &std::path::Path) -> crate::Result<Project> {
    if spec.exists() {
        return crate::store::load_any(spec);
    }
    let text = spec.to_string_lossy();
    let Some((file, version)) = text.rsplit_once('@') else {
        return crate::store::load_any(spec);
    };
    if file.is_empty() {
        return Err(crate::Error::InvalidModel {
            location: crate::Location::default(),
            problems: vec![crate::Problem::at(
                "no_file",
                "",
                format!("{text:?} names a version but no file before '@' (plant.otz@1.0)"),
            )],
        });
    }
    let path = std::path::Path::new(file);
    let project = crate::store::load_any(path)?;
    let index = project
        .revisions
        .iter()
        .position(|r| r.version == version)
        .ok_or_else(|| crate::Error::InvalidModel {
            location: crate::Location::file(path),
            problems: vec![crate::Problem::at(
                "no_such_revision",
                "revisions",
                format!(
                    "version {version:?} is not recorded (recorded: {})",
                    project
                        .revisions
                        .iter()
                        .map(|r| r.version.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )],
        })?;
    crate::revision::restore(&project, index).map_err(|e| match e {
        crate::Error::InvalidModel { problems, .. } => crate::Error::InvalidModel {
            location: crate::Location::file(path),
            problems,
        },
        other => other,
    })
}

fn risk_moves(old: &Project, a: &Analysis, new: &Project, b: &Analysis) -> Vec<RiskMove> {
    let values = |r: &crate::risk::register::RiskRow| {
        [
            r.inherent.risk.value.to_string(),
            r.planned.risk.value.to_string(),
            r.residual.risk.value.to_string(),
        ]
    };
    let number = |p: &Project, id: crate::id::MeasureId| {
        p.countermeasures.iter().find(|m| m.id == id).map_or_else(
            || id.to_string(),
            |m| crate::model::numbering::measure_label(m.number),
        )
    };
    let why = |p: &Project, r: &crate::risk::register::RiskRow| {
        let mut ms: Vec<String> = r.planned.measures.iter().map(|m| number(p, *m)).collect();
        ms.sort();
        ms
    };
    let before: BTreeMap<&str, _> = a.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let after: BTreeMap<&str, _> = b.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut ids: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let asset_name = |p: &Project, id: crate::id::AssetId| {
        p.assets.iter().find(|x| x.id == id).map(|x| x.name.clone())
    };
    ids.into_iter()
        .filter_map(|id| {
            let (x, y) = (before.get(id), after.get(id));
            let (vx, vy) = (x.map(|r| values(r)), y.map(|r| values(r)));
            if vx == vy {
                return None;
            }
            let row = y.or(x)?;
            let asset = y
                .and_then(|r| asset_name(new, r.asset))
                .or_else(|| x.and_then(|r| asset_name(old, r.asset)))
                .unwrap_or_default();
            // The number a file gives when it is opened (an item added since has none yet).
            let asset_number = [new, old]
                .iter()
                .filter_map(|p| p.assets.iter().find(|a| a.id == row.asset))
                .map(|a| a.number)
                .find(|n| *n > 0)
                .unwrap_or(0);
            let number = crate::model::numbering::risk_label(asset_number, &row.threat);
            let mut because = Vec::new();
            let (wx, wy) = (x.map(|r| why(old, r)), y.map(|r| why(new, r)));
            if wx != wy {
                because.push(Reason::Measures {
                    before: wx.unwrap_or_default(),
                    after: wy.unwrap_or_default(),
                });
            }
            if x.is_none() {
                because.push(Reason::RowAdded);
            } else if y.is_none() {
                because.push(Reason::RowRemoved);
            }
            Some(RiskMove {
                id: id.to_owned(),
                threat: row.threat.to_string(),
                asset,
                number,
                before: vx,
                after: vy,
                because,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;

    /// Internet → ctl, one PLC of importance 3 in ctl, T01 reviewed there.
    fn plant() -> (Drawing, crate::id::ZoneId) {
        let (d, z, _) = Drawing::exposed_plc();
        (d, z)
    }

    #[test]
    fn an_unchanged_project_has_no_difference() {
        let (d, _) = plant();
        assert!(diff(&d.project, &d.project.clone()).is_empty());
    }

    /// Worked by hand: renaming the PLC is one field of one asset (not a removal and an
    /// addition); adding a zone is one addition; an implemented firewall measure against T01
    /// is one added countermeasure, and it moves the PLC's T01 row (planned and residual fall
    /// with one more countermeasure level) with the measure named as the reason.
    #[test]
    fn a_rename_an_added_zone_and_a_measure_are_listed_with_the_risk_that_moved() {
        let (d, z) = plant();
        let old = d.project.clone();
        let mut new = d.project.clone();
        new.assets[0].name = "充填機PLC".into();
        new.zones.push(Zone::new("情報"));
        new.countermeasures.push(Drawing::implemented_firewall(z));
        let dd = diff(&old, &new);
        let assets = &dd.items["assets"];
        assert_eq!(assets.len(), 1);
        match &assets[0] {
            ItemChange::Changed { name, fields, .. } => {
                assert_eq!(
                    name, "充填機PLC",
                    "a fixture asset has no readable number yet"
                );
                assert_eq!(fields.len(), 1, "{fields:?}");
                assert_eq!(fields[0].field, "name");
                assert_eq!(fields[0].before, Value::String("PLC".into()));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&dd.items["zones"][..], [ItemChange::Added { name, .. }] if name == "情報")
        );
        assert!(
            matches!(&dd.items["countermeasures"][..], [ItemChange::Added { name, .. }] if name == "M-001 C-NW-01")
        );
        assert_eq!(
            dd.items.len(),
            3,
            "{:?}",
            dd.items.keys().collect::<Vec<_>>()
        );
        assert_eq!(dd.risks.len(), 1, "{:?}", dd.risks);
        let mv = &dd.risks[0];
        assert_eq!(mv.threat, "T01");
        assert_eq!(mv.asset, "充填機PLC");
        let (b, a) = (mv.before.as_ref().unwrap(), mv.after.as_ref().unwrap());
        assert_eq!(b[0], a[0], "inherent does not move with a countermeasure");
        assert_ne!(b[2], a[2], "residual moves");
        assert_eq!(
            mv.because,
            vec![Reason::Measures {
                before: vec![],
                after: vec!["M-001".into()]
            }]
        );
        assert_eq!(
            mv.because[0].text(Lang::Ja),
            "計画状態で数える対策: — → M-001"
        );
    }

    /// Everything the baseline covers is compared: a vulnerability finding, an inspection
    /// result and a project threat added are each listed (the hostile review found them
    /// missing while the baseline moved).
    #[test]
    fn findings_inspections_and_project_threats_are_compared_too() {
        let (d, _) = plant();
        let old = d.project.clone();
        let mut new: serde_json::Value = serde_json::to_value(&d.project).unwrap();
        new["vulnerabilities"] = serde_json::json!([{
            "id": crate::id::VulnerabilityId::derived("v1").to_string(),
            "method": "Nessus", "reference": "CVE-2024-0001", "title": "既定パスワード",
            "status": "open"
        }]);
        new["inspection_results"] =
            serde_json::json!([{"row_id": "CHK-1", "outcome": "ng", "evidence": "写真"}]);
        new["custom"]["threats"] = serde_json::json!([{
            "id": "X01", "ja": "独自の脅威", "en": "own threat", "vector": "network",
            "base_level": 2
        }]);
        let new: Project = match serde_json::from_value(new) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let dd = diff(&old, &new);
        let colls: Vec<&str> = dd.items.keys().map(String::as_str).collect();
        assert_eq!(
            colls,
            ["custom_threats", "inspection_results", "vulnerabilities"],
            "{dd:?}"
        );
    }

    #[test]
    fn moving_a_drawn_item_is_not_a_change_of_the_assessment() {
        let (d, _) = plant();
        let mut new = d.project.clone();
        new.zones[0].position = Some(Position { x: 10.0, y: 20.0 });
        assert!(diff(&d.project, &new).is_empty());
    }
}
