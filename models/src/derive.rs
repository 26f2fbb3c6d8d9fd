//! Derived values that the guideline asks to be visible: asset importance from the businesses
//! an asset supports (step 1-5), and zone importance from its members (step 1-6).
//!
//! Rules (domain brief §1.3, P, consistent with the 別冊 wording "based on steps 1-3 and 1-4"):
//! - an asset's importance is the highest importance of the businesses that use it;
//! - an override with a reason replaces it (the derived value stays visible);
//! - an asset with no scored business defaults to 1 (低) and is reported by validation;
//! - a zone's importance is the highest of its assets' and linked businesses' importance.

use crate::id::{AssetId, BusinessId, ZoneId};
use crate::model::{Criterion, Lang, Level, Project, ProtectedAsset};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::Arc;

/// Why an asset has the importance it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportanceBasis {
    /// Taken from the most important business the asset supports.
    Business {
        /// The deciding business.
        business: BusinessId,
        /// Its name.
        name: Arc<str>,
        /// The criterion that set the business's importance.
        criterion: Criterion,
    },
    /// Set by hand.
    Override {
        /// The written reason.
        reason: Arc<str>,
    },
    /// No scored business: default 1.
    Default,
}

/// An asset's importance with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssetImportance {
    /// The level in force.
    pub level: Level,
    /// The level derived from businesses (before any override).
    pub derived: Option<Level>,
    /// Why.
    pub basis: ImportanceBasis,
}

impl AssetImportance {
    /// A one-line explanation, e.g. `derived from business 「成形」 (3 high, delivery)`.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.explain_into(lang, &mut out);
        out
    }

    /// [`AssetImportance::explain`] appended to `out`.
    pub fn explain_into(&self, lang: Lang, out: &mut String) {
        use crate::i18n::write;
        match &self.basis {
            ImportanceBasis::Business {
                name, criterion, ..
            } => write(
                out,
                lang,
                "explain.importance.business",
                &[
                    ("name", name),
                    ("level", &self.level.value()),
                    ("level_name", &self.level.label(lang)),
                    ("criterion", &criterion.label(lang)),
                ],
            ),
            ImportanceBasis::Override { reason } => match self.derived {
                Some(d) => write(
                    out,
                    lang,
                    "explain.importance.override_derived",
                    &[("derived", &d.value()), ("reason", reason)],
                ),
                None => write(
                    out,
                    lang,
                    "explain.importance.override",
                    &[("reason", reason)],
                ),
            },
            ImportanceBasis::Default => write(out, lang, "explain.importance.default", &[]),
        }
    }
}

/// Importance of every business, asset and zone, computed once per analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Importances {
    /// Business id → (level, criterion), for scored businesses.
    pub businesses: HashMap<BusinessId, (Level, Criterion)>,
    /// Asset id → importance.
    pub assets: HashMap<AssetId, AssetImportance>,
    /// Zone id → importance (absent for an empty zone).
    pub zones: HashMap<ZoneId, Level>,
}

impl Importances {
    /// Compute all importances.
    ///
    /// # Complexity
    /// O(B + A·b + Z) for B businesses, A assets with b businesses each, Z zones.
    pub fn compute(project: &Project) -> Self {
        let businesses: HashMap<BusinessId, (Level, Criterion)> = project
            .businesses
            .iter()
            .filter_map(|b| b.importance().map(|i| (b.id, i)))
            .collect();
        let names: HashMap<BusinessId, &str> = project
            .businesses
            .iter()
            .map(|b| (b.id, b.name.as_str()))
            .collect();
        let mut assets =
            HashMap::with_capacity_and_hasher(project.assets.len(), Default::default());
        for a in &project.assets {
            assets.insert(a.id, asset_importance_with(a, &businesses, &names));
        }
        let mut zones: HashMap<ZoneId, Level> = HashMap::default();
        for a in &project.assets {
            if let Some(z) = a.zone {
                let l = assets[&a.id].level;
                zones.entry(z).and_modify(|c| *c = (*c).max(l)).or_insert(l);
            }
        }
        for z in &project.zones {
            for b in &z.businesses {
                if let Some((l, _)) = businesses.get(b) {
                    zones
                        .entry(z.id)
                        .and_modify(|c| *c = (*c).max(*l))
                        .or_insert(*l);
                }
            }
        }
        Self {
            businesses,
            assets,
            zones,
        }
    }

    /// The importance in force for an asset (1 when unknown).
    pub fn asset_level(&self, id: AssetId) -> Level {
        self.assets.get(&id).map_or(Level::Low, |a| a.level)
    }
}

/// The importance of one asset, with its explanation.
pub fn asset_importance(project: &Project, asset: &ProtectedAsset) -> AssetImportance {
    let businesses: HashMap<BusinessId, (Level, Criterion)> = project
        .businesses
        .iter()
        .filter(|b| asset.businesses.contains(&b.id))
        .filter_map(|b| b.importance().map(|i| (b.id, i)))
        .collect();
    let names: HashMap<BusinessId, &str> = project
        .businesses
        .iter()
        .map(|b| (b.id, b.name.as_str()))
        .collect();
    asset_importance_with(asset, &businesses, &names)
}

fn asset_importance_with(
    asset: &ProtectedAsset,
    businesses: &HashMap<BusinessId, (Level, Criterion)>,
    names: &HashMap<BusinessId, &str>,
) -> AssetImportance {
    // Highest wins; on ties the first business listed on the asset decides (stable).
    let mut best: Option<(Level, Criterion, BusinessId)> = None;
    for b in &asset.businesses {
        if let Some(&(l, c)) = businesses.get(b) {
            if best.is_none_or(|(bl, _, _)| l > bl) {
                best = Some((l, c, *b));
            }
        }
    }
    let derived = best.map(|(l, _, _)| l);
    if let Some(o) = &asset.importance_override {
        return AssetImportance {
            level: o.level,
            derived,
            basis: ImportanceBasis::Override {
                reason: Arc::from(o.reason.as_str()),
            },
        };
    }
    match best {
        Some((level, criterion, business)) => AssetImportance {
            level,
            derived,
            basis: ImportanceBasis::Business {
                business,
                name: Arc::from(names.get(&business).copied().unwrap_or_default()),
                criterion,
            },
        },
        None => AssetImportance {
            level: Level::Low,
            derived: None,
            basis: ImportanceBasis::Default,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BusinessProcess, ImportanceOverride, SmartChange, Zone};

    fn business(name: &str, scores: &[(Criterion, Level)]) -> BusinessProcess {
        BusinessProcess {
            id: BusinessId::derived(name),
            name: name.into(),
            description: String::new(),
            department: String::new(),
            purpose: String::new(),
            smart_change: SmartChange::None,
            data_handled: String::new(),
            scores: scores.iter().copied().collect(),
            rationale: String::new(),
        }
    }

    fn fixture() -> (Project, AssetId) {
        let mut p = Project::new("t");
        let molding = business("成形", &[(Criterion::Delivery, Level::High)]);
        let report = business("日報", &[(Criterion::Cost, Level::Low)]);
        let mut plc = ProtectedAsset::new("PLC-1", "plc");
        plc.businesses = vec![report.id, molding.id];
        let id = plc.id;
        p.businesses = vec![molding, report];
        p.assets.push(plc);
        (p, id)
    }

    #[test]
    fn highest_business_wins_and_is_named() {
        let (p, id) = fixture();
        let imp = asset_importance(&p, &p.assets[0]);
        assert_eq!(imp.level, Level::High);
        assert_eq!(imp.derived, Some(Level::High));
        assert!(matches!(&imp.basis, ImportanceBasis::Business { name, .. } if &**name == "成形"));
        assert_eq!(imp.explain(Lang::Ja), "業務「成形」(3 高、納期)から導出");
        assert_eq!(
            imp.explain(Lang::En),
            "derived from business \"成形\" (3 high, delivery)"
        );
        assert_eq!(Importances::compute(&p).asset_level(id), Level::High);
    }

    #[test]
    fn override_wins_but_keeps_the_derived_value_visible() {
        let (mut p, _) = fixture();
        p.assets[0].importance_override = Some(ImportanceOverride {
            level: Level::Medium,
            reason: "冗長化済み".into(),
        });
        let imp = asset_importance(&p, &p.assets[0]);
        assert_eq!(imp.level, Level::Medium);
        assert_eq!(imp.derived, Some(Level::High));
        assert_eq!(imp.explain(Lang::Ja), "手動設定(導出値 3): 冗長化済み");
    }

    #[test]
    fn asset_without_scored_business_defaults_to_low() {
        let mut p = Project::new("t");
        p.businesses.push(business("未評価", &[]));
        let mut a = ProtectedAsset::new("PC", "office_pc");
        a.businesses.push(p.businesses[0].id);
        p.assets.push(a);
        let imp = asset_importance(&p, &p.assets[0]);
        assert_eq!(imp.level, Level::Low);
        assert_eq!(imp.basis, ImportanceBasis::Default);
    }

    #[test]
    fn zone_importance_is_max_of_members_and_linked_businesses() {
        let (mut p, _) = fixture();
        let mut z = Zone::new("制御");
        let mut office = Zone::new("事務");
        office.businesses.push(p.businesses[1].id);
        p.assets[0].zone = Some(z.id);
        z.businesses.push(p.businesses[1].id);
        let (zid, oid) = (z.id, office.id);
        let empty = Zone::new("空");
        let eid = empty.id;
        p.zones = vec![z, office, empty];
        let imp = Importances::compute(&p);
        assert_eq!(imp.zones.get(&zid), Some(&Level::High));
        assert_eq!(imp.zones.get(&oid), Some(&Level::Low));
        assert_eq!(
            imp.zones.get(&eid),
            None,
            "an empty zone has no importance yet"
        );
    }
}
