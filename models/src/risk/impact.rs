//! The importance a register row uses: the asset's importance limited to what the threat can
//! do, from the impacts the analyst recorded for the threat in step 1-7 (本編 3.1.7).
//!
//! Rule (P, the product's proposal; domain brief §2.3 uses one importance per asset):
//! - for every criterion the threat impacts (安全, 環境, 品質, 納期, コスト, 情報), take the
//!   smaller of the asset's importance on that criterion and the recorded impact; the row uses
//!   the largest of these. The asset's importance on a criterion is the highest score of its
//!   businesses on that criterion (a criterion none of them scores counts as 1); an importance
//!   set by hand counts on every criterion;
//! - so a cloud outage recorded with impact 1 does not score an asset at 3 because its
//!   importance came from the 情報 criterion: 「重要度 3(情報) → 影響 1 により 1」;
//! - when no impact is recorded for the threat, the asset's importance is used as it is, the
//!   explanation says so and validation reports it (`threat_without_impact`).

use crate::derive::{AssetImportance, ImportanceBasis};
use crate::model::{Criterion, CriterionScores, Lang, Level};
use serde::Serialize;

/// Why the row's importance is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImpactBasis {
    /// Limited by a recorded impact on `criterion`.
    Limited {
        /// The deciding criterion.
        criterion: Criterion,
        /// The asset's importance on it.
        asset: Level,
        /// The impact recorded for the threat on it.
        impact: Level,
    },
    /// No impact recorded for the threat: the asset's importance as it is.
    NotRecorded,
}

/// The row's importance before impact-lowering measures, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImpactLimit {
    /// The importance used.
    pub level: Level,
    /// Why.
    pub basis: ImpactBasis,
}

/// The asset's importance per criterion: the highest score of its businesses on each.
pub fn asset_scores<'a>(
    businesses: impl IntoIterator<Item = &'a CriterionScores>,
) -> CriterionScores {
    let mut out = CriterionScores::default();
    for s in businesses {
        for c in Criterion::ALL {
            if let Some(l) = s.get(c) {
                if out.get(c).is_none_or(|o| l > o) {
                    out.set(c, Some(l));
                }
            }
        }
    }
    out
}

/// Limit `importance` (the asset's, with `scores` per criterion) by the threat's `impacts`.
pub fn limit(
    importance: &AssetImportance,
    scores: &CriterionScores,
    impacts: &CriterionScores,
) -> ImpactLimit {
    let hand_set = matches!(importance.basis, ImportanceBasis::Override { .. });
    let mut best: Option<(Level, Criterion, Level, Level)> = None;
    for c in Criterion::ALL {
        let Some(impact) = impacts.get(c) else {
            continue;
        };
        let asset = if hand_set {
            importance.level
        } else {
            scores.get(c).unwrap_or(Level::Low)
        };
        let level = asset.min(impact);
        // Highest wins; on ties the criterion first in display order (stable).
        if best.is_none_or(|(b, ..)| level > b) {
            best = Some((level, c, asset, impact));
        }
    }
    match best {
        Some((level, criterion, asset, impact)) => ImpactLimit {
            level,
            basis: ImpactBasis::Limited {
                criterion,
                asset,
                impact,
            },
        },
        None => ImpactLimit {
            level: importance.level,
            basis: ImpactBasis::NotRecorded,
        },
    }
}

impl ImpactLimit {
    /// Appends e.g. `、重要度 3(品質) → 影響 1 により 1`.
    pub fn explain_into(&self, lang: Lang, out: &mut String) {
        use std::fmt::Write as _;
        let crit = |c: Criterion| crate::i18n::text(lang, &format!("criterion.{}", c.key()));
        let _ = match (self.basis, lang) {
            (
                ImpactBasis::Limited {
                    criterion,
                    asset,
                    impact,
                },
                Lang::Ja,
            ) if impact < asset => write!(
                out,
                "、重要度 {}({}) → 影響 {} により {}",
                asset.value(),
                crit(criterion),
                impact.value(),
                self.level.value()
            ),
            (
                ImpactBasis::Limited {
                    criterion,
                    asset,
                    impact,
                },
                Lang::En,
            ) if impact < asset => write!(
                out,
                "; importance {} ({}) → {} by impact {}",
                asset.value(),
                crit(criterion),
                self.level.value(),
                impact.value()
            ),
            (ImpactBasis::Limited { criterion, .. }, Lang::Ja) => {
                write!(out, "、{}への影響 {}", crit(criterion), self.level.value())
            }
            (ImpactBasis::Limited { criterion, .. }, Lang::En) => write!(
                out,
                "; impact on {} {}",
                crit(criterion),
                self.level.value()
            ),
            (ImpactBasis::NotRecorded, Lang::Ja) => {
                out.write_str("、影響未記録のため資産の重要度をそのまま使用")
            }
            (ImpactBasis::NotRecorded, Lang::En) => {
                out.write_str("; no impact recorded: the asset's importance as it is")
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::BusinessId;
    use std::sync::Arc;

    fn scores(pairs: &[(Criterion, Level)]) -> CriterionScores {
        pairs.iter().copied().collect()
    }

    fn derived(level: Level, criterion: Criterion) -> AssetImportance {
        AssetImportance {
            level,
            derived: Some(level),
            basis: ImportanceBasis::Business {
                business: BusinessId::derived("b"),
                name: Arc::from("b"),
                criterion,
            },
        }
    }

    /// T26 cloud outage on an asset whose importance 3 comes from 情報, 納期 2: the analyst
    /// recorded impact 1 on 納期 and nothing else. min(2, 1) = 1 → importance 1.
    #[test]
    fn a_small_recorded_impact_limits_the_importance() {
        let s = scores(&[
            (Criterion::Information, Level::High),
            (Criterion::Delivery, Level::Medium),
        ]);
        let l = limit(
            &derived(Level::High, Criterion::Information),
            &s,
            &scores(&[(Criterion::Delivery, Level::Low)]),
        );
        assert_eq!(l.level, Level::Low);
        assert_eq!(
            l.basis,
            ImpactBasis::Limited {
                criterion: Criterion::Delivery,
                asset: Level::Medium,
                impact: Level::Low
            }
        );
        let mut ja = String::new();
        l.explain_into(Lang::Ja, &mut ja);
        assert_eq!(ja, "、重要度 2(納期) → 影響 1 により 1");
    }

    /// Quality 3 on the asset, impacts quality 1 and cost 2 on a criterion the asset scores 1:
    /// max(min(3, 1), min(1, 2)) = 1. With quality impact 3 instead: min(3, 3) = 3.
    #[test]
    fn the_largest_limited_criterion_wins() {
        let s = scores(&[
            (Criterion::Quality, Level::High),
            (Criterion::Cost, Level::Low),
        ]);
        let imp = derived(Level::High, Criterion::Quality);
        let small = limit(
            &imp,
            &s,
            &scores(&[
                (Criterion::Quality, Level::Low),
                (Criterion::Cost, Level::Medium),
            ]),
        );
        assert_eq!(small.level, Level::Low);
        let full = limit(
            &imp,
            &s,
            &scores(&[
                (Criterion::Quality, Level::High),
                (Criterion::Cost, Level::Medium),
            ]),
        );
        assert_eq!(full.level, Level::High);
        let mut en = String::new();
        full.explain_into(Lang::En, &mut en);
        assert_eq!(en, "; impact on quality 3");
    }

    /// A criterion none of the asset's businesses scores counts as 1: an impact of 3 on 安全
    /// cannot make an asset that matters only for 納期 a safety asset.
    #[test]
    fn an_unscored_criterion_counts_as_one() {
        let s = scores(&[(Criterion::Delivery, Level::High)]);
        let l = limit(
            &derived(Level::High, Criterion::Delivery),
            &s,
            &scores(&[(Criterion::Safety, Level::High)]),
        );
        assert_eq!(l.level, Level::Low);
    }

    /// An importance set by hand (2) counts on every criterion: impact 3 on 安全 → 2.
    #[test]
    fn a_hand_set_importance_counts_on_every_criterion() {
        let imp = AssetImportance {
            level: Level::Medium,
            derived: Some(Level::High),
            basis: ImportanceBasis::Override {
                reason: Arc::from("冗長化"),
            },
        };
        let l = limit(
            &imp,
            &CriterionScores::default(),
            &scores(&[(Criterion::Safety, Level::High)]),
        );
        assert_eq!(l.level, Level::Medium);
    }

    /// Nothing recorded: the asset's importance, said so.
    #[test]
    fn without_impacts_the_asset_importance_is_used_and_said() {
        let s = scores(&[(Criterion::Quality, Level::High)]);
        let l = limit(
            &derived(Level::High, Criterion::Quality),
            &s,
            &CriterionScores::default(),
        );
        assert_eq!((l.level, l.basis), (Level::High, ImpactBasis::NotRecorded));
        let mut ja = String::new();
        l.explain_into(Lang::Ja, &mut ja);
        assert!(ja.contains("影響未記録"));
    }

    #[test]
    fn asset_scores_take_the_highest_per_criterion() {
        let a = scores(&[
            (Criterion::Quality, Level::Low),
            (Criterion::Cost, Level::High),
        ]);
        let b = scores(&[(Criterion::Quality, Level::Medium)]);
        let s = asset_scores([&a, &b]);
        assert_eq!(
            (
                s.get(Criterion::Quality),
                s.get(Criterion::Cost),
                s.get(Criterion::Safety)
            ),
            (Some(Level::Medium), Some(Level::High), None)
        );
    }
}
