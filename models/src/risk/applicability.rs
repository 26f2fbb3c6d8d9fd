//! Whether a zone's threat applies to one asset in the zone (a register row exists), and why.
//!
//! Step 1-7 records threats per zone; a threat then applies to each asset in the zone that it
//! can hit. Rules, in order (P: the product's proposal, shown in every explanation):
//! 1. the analyst's per-asset decision (applies / does not apply, with a written reason) wins;
//! 2. the catalogue's asset classes (`applies_to`) and required traits (`asset_traits`, e.g.
//!    removable-media ports for T13) — an asset outside them gets no row, as before;
//! 3. support-dependent threats (T24) use the asset's `support_end` against the
//!    assessment horizon: the assessment date (the project's `updated`, else `created`) plus
//!    `settings.support_horizon_months` (default 12):
//!    - support ended or ends before the horizon → applies, saying when;
//!    - ends after the horizon → does not apply: no row, the decision recorded as an
//!      [`Exclusion`] (shown in `analyze` and in the workbook's register notes);
//!    - no support end recorded, or no assessment date → applies, flagged 要確認.

use crate::catalogue::{Catalogue, Threat};
use crate::id::{AssetId, ZoneId};
use crate::model::{AssetTrait, IsoDate, Lang, Project, ProtectedAsset};
use serde::Serialize;
use std::sync::Arc;

/// Why a row exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Applies {
    /// The catalogue's classes and traits.
    Catalogue,
    /// Support ended or ends before the horizon.
    SupportEnds {
        /// Support end.
        end: IsoDate,
        /// The horizon.
        horizon: IsoDate,
    },
    /// Support end not recorded (要確認).
    SupportUnknown,
    /// Support end recorded, but no assessment date to compare with (要確認).
    NoAssessmentDate,
    /// The analyst said it applies.
    Analyst {
        /// The written reason.
        reason: Arc<str>,
    },
}

impl Applies {
    /// Needs checking (要確認).
    pub fn needs_check(&self) -> bool {
        matches!(self, Self::SupportUnknown | Self::NoAssessmentDate)
    }

    /// A short sentence, empty for the plain catalogue rule.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::new();
        let w = |out: &mut String, key, args: &[(&str, &dyn std::fmt::Display)]| {
            crate::i18n::write(out, lang, key, args)
        };
        match self {
            Self::Catalogue => {}
            Self::SupportEnds { end, horizon } => w(
                &mut out,
                "explain.applies.support_ends",
                &[("end", end), ("horizon", horizon)],
            ),
            Self::SupportUnknown => w(&mut out, "explain.applies.support_unknown", &[]),
            Self::NoAssessmentDate => w(&mut out, "explain.applies.no_assessment_date", &[]),
            Self::Analyst { reason } => {
                w(&mut out, "explain.applies.analyst", &[("reason", reason)])
            }
        }
        out
    }
}

/// Why a threat of the asset's zone gets no row for it (recorded decisions only; the
/// catalogue's class and trait rules are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Support ends after the horizon.
    SupportLater {
        /// Support end.
        end: IsoDate,
        /// The horizon.
        horizon: IsoDate,
    },
    /// The analyst said it does not apply.
    Analyst {
        /// The written reason.
        reason: Arc<str>,
    },
}

/// A (threat, asset) pair left out of the register, with the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exclusion {
    /// The row id it would have had (`threat@asset`).
    pub id: String,
    /// Threat id.
    pub threat: Arc<str>,
    /// Asset.
    pub asset: AssetId,
    /// Its zone.
    pub zone: ZoneId,
    /// Why.
    pub reason: ExclusionReason,
}

impl ExclusionReason {
    /// A short sentence (対象外の理由).
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            Self::SupportLater { end, horizon } => crate::i18n::format(
                lang,
                "explain.excluded.support_later",
                &[("end", &end.to_string()), ("horizon", &horizon.to_string())],
            ),
            Self::Analyst { reason } => {
                crate::i18n::format(lang, "explain.excluded.analyst", &[("reason", reason)])
            }
        }
    }
}

/// The outcome for one (threat, asset) pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// A row, and why.
    Applies(Applies),
    /// No row, decision recorded.
    Excluded(ExclusionReason),
    /// No row: outside the catalogue's classes or traits.
    OutOfScope,
}

/// The end of the assessment horizon: assessment date + `support_horizon_months`.
pub fn horizon(project: &Project) -> Option<IsoDate> {
    project
        .meta
        .updated
        .as_ref()
        .or(project.meta.created.as_ref())
        .map(|d| d.plus_months(project.settings.support_horizon_months))
}

/// Whether the asset has a trait: from its catalogue type (an unknown type has every trait,
/// so that it never loses a threat), and wireless also from the protocols it speaks.
pub fn has_trait(catalogue: &Catalogue, asset: &ProtectedAsset, t: AssetTrait) -> bool {
    let Some(ty) = catalogue.asset_type(&asset.asset_type) else {
        return true;
    };
    ty.traits.contains(&t)
        || (t == AssetTrait::Wireless
            && asset
                .protocols
                .iter()
                .any(|p| matches!(p.as_str(), "wifi" | "lpwa" | "bluetooth" | "5g")))
}

/// Decide one pair.
pub fn decide(
    catalogue: &Catalogue,
    threat: &Threat,
    asset: &ProtectedAsset,
    horizon: Option<&IsoDate>,
) -> Decision {
    decide_for_class(
        catalogue,
        threat,
        asset,
        catalogue.class_of(&asset.asset_type),
        horizon,
    )
}

/// [`decide`] with the asset's class already looked up (the register does it once per asset).
pub fn decide_for_class(
    catalogue: &Catalogue,
    threat: &Threat,
    asset: &ProtectedAsset,
    class: crate::model::AssetClass,
    horizon: Option<&IsoDate>,
) -> Decision {
    if let Some(o) = asset.applicability_of(&threat.id) {
        let reason: Arc<str> = Arc::from(o.reason.as_str());
        return if o.applies {
            Decision::Applies(Applies::Analyst { reason })
        } else {
            Decision::Excluded(ExclusionReason::Analyst { reason })
        };
    }
    if !threat.applies_to_class(class)
        || !threat
            .asset_traits
            .iter()
            .all(|t| has_trait(catalogue, asset, *t))
    {
        return Decision::OutOfScope;
    }
    if !threat.support_dependent {
        return Decision::Applies(Applies::Catalogue);
    }
    match (&asset.support_end, horizon) {
        (None, _) => Decision::Applies(Applies::SupportUnknown),
        (Some(_), None) => Decision::Applies(Applies::NoAssessmentDate),
        (Some(end), Some(h)) if end <= h => Decision::Applies(Applies::SupportEnds {
            end: end.clone(),
            horizon: h.clone(),
        }),
        (Some(end), Some(h)) => Decision::Excluded(ExclusionReason::SupportLater {
            end: end.clone(),
            horizon: h.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ThreatApplicability;

    fn cat() -> &'static Catalogue {
        Catalogue::builtin()
    }

    fn t24() -> Threat {
        cat()
            .threats
            .iter()
            .find(|t| t.id == "T24")
            .unwrap()
            .clone()
    }

    fn gateway(support_end: Option<&str>) -> ProtectedAsset {
        let mut a = ProtectedAsset::new("GW", "iot_gateway");
        a.support_end = support_end.and_then(IsoDate::parse);
        a
    }

    /// Assessment 2026-12-01, horizon 12 months → 2027-12-01. A gateway supported until
    /// 2031-03-31 is not exposed to end-of-support exploits in the horizon; one whose support
    /// ended 2025-10-14 (Windows 10) is; one ending 2027-06-30 is (within the horizon); the
    /// horizon's own day counts as within.
    #[test]
    fn t24_follows_the_support_end_against_the_horizon() {
        let h = IsoDate::parse("2026-12-01").unwrap().plus_months(12);
        assert_eq!(h.to_string(), "2027-12-01");
        assert!(matches!(
            decide(cat(), &t24(), &gateway(Some("2031-03-31")), Some(&h)),
            Decision::Excluded(ExclusionReason::SupportLater { .. })
        ));
        for within in ["2025-10-14", "2027-06-30", "2027-12-01"] {
            assert!(
                matches!(
                    decide(cat(), &t24(), &gateway(Some(within)), Some(&h)),
                    Decision::Applies(Applies::SupportEnds { .. })
                ),
                "{within}"
            );
        }
        assert!(matches!(
            decide(cat(), &t24(), &gateway(Some("2027-12-02")), Some(&h)),
            Decision::Excluded(_)
        ));
    }

    /// Unknown support end → applies, flagged 要確認; no assessment date → the same.
    #[test]
    fn an_unknown_support_end_applies_and_asks_for_a_check() {
        let h = IsoDate::parse("2027-12-01").unwrap();
        let d = decide(cat(), &t24(), &gateway(None), Some(&h));
        assert_eq!(d, Decision::Applies(Applies::SupportUnknown));
        let Decision::Applies(a) = d else {
            unreachable!()
        };
        assert!(a.needs_check());
        assert!(a.explain(Lang::Ja).contains("要確認"));
        assert_eq!(
            decide(cat(), &t24(), &gateway(Some("2025-01-01")), None),
            Decision::Applies(Applies::NoAssessmentDate)
        );
    }

    /// The analyst's decision wins both ways, with its reason.
    #[test]
    fn a_per_asset_override_wins_with_its_reason() {
        let h = IsoDate::parse("2027-12-01").unwrap();
        let mut a = gateway(Some("2020-01-01"));
        a.threat_applicability.push(ThreatApplicability {
            threat: "T24".into(),
            applies: false,
            reason: "閉域網・更新済みの延長サポート契約あり".into(),
        });
        let d = decide(cat(), &t24(), &a, Some(&h));
        let Decision::Excluded(r) = d else {
            panic!("{d:?}")
        };
        assert!(r.explain(Lang::Ja).contains("延長サポート"));
        // Says applies on an asset the catalogue's classes leave out (a data set).
        let mut data = ProtectedAsset::new("レシピ", "data_set");
        data.threat_applicability.push(ThreatApplicability {
            threat: "T24".into(),
            applies: true,
            reason: "旧形式のレシピ編集ソフトに依存".into(),
        });
        assert!(matches!(
            decide(cat(), &t24(), &data, Some(&h)),
            Decision::Applies(Applies::Analyst { .. })
        ));
    }

    /// T13 (USB / brought-in PCs) needs removable-media ports: an AGV (a controller, so in
    /// T13's classes) has none, a PLC has (programs and recipes are loaded that way), an
    /// unknown type keeps the threat.
    #[test]
    fn required_traits_come_from_the_asset_type() {
        let t13 = cat().threats.iter().find(|t| t.id == "T13").unwrap();
        assert_eq!(t13.asset_traits, [AssetTrait::RemovableMedia]);
        let h = IsoDate::parse("2027-12-01").unwrap();
        let plc = ProtectedAsset::new("PLC", "plc");
        assert_eq!(
            decide(cat(), t13, &plc, Some(&h)),
            Decision::Applies(Applies::Catalogue)
        );
        let agv = ProtectedAsset::new("AGV-1", "agv");
        assert_eq!(decide(cat(), t13, &agv, Some(&h)), Decision::OutOfScope);
        let odd = ProtectedAsset::new("謎の箱", "vendor_box_x");
        assert_eq!(
            decide(cat(), t13, &odd, Some(&h)),
            Decision::Applies(Applies::Catalogue)
        );
    }
}
