//! The importance a register row uses: the asset's importance limited to what the threat can
//! do, from the impacts the analyst recorded for the threat in step 1-7 (本編 3.1.7).
//!
//! Rule (P, the product's proposal; domain brief §2.3 uses one importance per asset):
//! - for every criterion the threat impacts (安全, 環境, 品質, 納期, コスト, 情報), take the
//!   smaller of the asset's importance on that criterion and the recorded impact; the row uses
//!   the largest of these. The asset's importance on a criterion is the highest score of its
//!   businesses on that criterion; an importance set by hand counts on every criterion;
//! - a criterion the threat impacts but none of the asset's businesses scores is not taken as
//!   unimportant: the asset's own importance stands in for it, and the row is flagged 要確認
//!   (the business analysis of step 1-3 should say how much that criterion matters);
//! - so a cloud outage recorded with impact 1 does not score an asset at 3 because its
//!   importance came from the 情報 criterion: 「重要度 3(情報) → 影響 1 により 1」;
//! - when no impact is recorded for the threat, the asset's importance is used as it is, the
//!   explanation says so and validation reports it (`threat_without_impact`).

use crate::derive::{AssetImportance, ImportanceBasis};
use crate::id::BusinessId;
use crate::model::{Criterion, CriterionScores, Lang, Level};
use serde::Serialize;

/// Where the asset's importance on the deciding criterion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CriterionSource {
    /// The business that scores the criterion highest.
    Business {
        /// The business.
        business: BusinessId,
    },
    /// The importance set by hand (counts on every criterion).
    Override,
    /// No business of the asset scores the criterion: the asset's importance stands in (要確認).
    Unscored,
}

/// Why the row's importance is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
        /// Where `asset` comes from.
        source: CriterionSource,
    },
    /// No impact recorded for the threat: the asset's importance as it is.
    NotRecorded,
}

/// The row's importance before impact-lowering measures, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImpactLimit {
    /// The importance used.
    pub level: Level,
    /// Why.
    pub basis: ImpactBasis,
}

/// The asset's importance per criterion, with the business that gives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssetScores([Option<(Level, BusinessId)>; 6]);

impl AssetScores {
    /// The asset's importance on `c` and the deciding business, if any business scores it.
    pub fn get(&self, c: Criterion) -> Option<(Level, BusinessId)> {
        self.0[Criterion::ALL.iter().position(|x| *x == c).unwrap_or(0)]
    }
}

/// The asset's importance per criterion: the highest score of its businesses on each (the
/// first business listed wins a tie).
pub fn asset_scores<'a>(
    businesses: impl IntoIterator<Item = (BusinessId, &'a CriterionScores)>,
) -> AssetScores {
    let mut out = AssetScores::default();
    for (b, s) in businesses {
        for (i, c) in Criterion::ALL.into_iter().enumerate() {
            if let Some(l) = s.get(c) {
                if out.0[i].is_none_or(|(o, _)| l > o) {
                    out.0[i] = Some((l, b));
                }
            }
        }
    }
    out
}

/// Limit `importance` (the asset's, with `scores` per criterion) by the threat's `impacts`.
pub fn limit(
    importance: &AssetImportance,
    scores: &AssetScores,
    impacts: &CriterionScores,
) -> ImpactLimit {
    let hand_set = matches!(importance.basis, ImportanceBasis::Override { .. });
    // (level, scored, criterion, asset level, impact, source)
    let mut best: Option<(Level, bool, Criterion, Level, Level, CriterionSource)> = None;
    for c in Criterion::ALL {
        let Some(impact) = impacts.get(c) else {
            continue;
        };
        let (asset, source) = if hand_set {
            (importance.level, CriterionSource::Override)
        } else {
            match scores.get(c) {
                Some((l, business)) => (l, CriterionSource::Business { business }),
                None => (importance.level, CriterionSource::Unscored),
            }
        };
        let level = asset.min(impact);
        let scored = source != CriterionSource::Unscored;
        // Highest wins; on a tie a scored criterion over an unscored one, then display order.
        if best.is_none_or(|(b, bs, ..)| (level, scored) > (b, bs)) {
            best = Some((level, scored, c, asset, impact, source));
        }
    }
    match best {
        Some((level, _, criterion, asset, impact, source)) => ImpactLimit {
            level,
            basis: ImpactBasis::Limited {
                criterion,
                asset,
                impact,
                source,
            },
        },
        None => ImpactLimit {
            level: importance.level,
            basis: ImpactBasis::NotRecorded,
        },
    }
}

impl ImpactLimit {
    /// The deciding criterion is scored by none of the asset's businesses (要確認).
    pub fn needs_check(&self) -> bool {
        matches!(
            self.basis,
            ImpactBasis::Limited {
                source: CriterionSource::Unscored,
                ..
            }
        )
    }

    /// Appends e.g. `、重要度 3(品質) → 影響 1 により 1`.
    pub fn explain_into(&self, lang: Lang, out: &mut String) {
        use crate::i18n::write;
        match self.basis {
            ImpactBasis::Limited {
                criterion,
                asset,
                impact,
                ..
            } => write(
                out,
                lang,
                if impact < asset {
                    "explain.impact.limited_lowered"
                } else {
                    "explain.impact.limited"
                },
                &[
                    ("asset", &asset.value()),
                    ("criterion", &criterion.label(lang)),
                    ("impact", &impact.value()),
                    ("level", &self.level.value()),
                ],
            ),
            ImpactBasis::NotRecorded => write(out, lang, "explain.impact.not_recorded", &[]),
        }
        if let ImpactBasis::Limited {
            criterion,
            source: CriterionSource::Unscored,
            asset,
            ..
        } = self.basis
        {
            write(
                out,
                lang,
                "explain.impact.unscored",
                &[
                    ("criterion", &criterion.label(lang)),
                    ("asset", &asset.value()),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn scores(pairs: &[(Criterion, Level)]) -> CriterionScores {
        pairs.iter().copied().collect()
    }

    fn b(name: &str) -> BusinessId {
        BusinessId::derived(name)
    }

    /// The asset's scores from one business each: (business, its scores).
    fn asset(list: &[(&str, &[(Criterion, Level)])]) -> AssetScores {
        let owned: Vec<(BusinessId, CriterionScores)> =
            list.iter().map(|(n, s)| (b(n), scores(s))).collect();
        asset_scores(owned.iter().map(|(id, s)| (*id, s)))
    }

    fn derived(level: Level, criterion: Criterion) -> AssetImportance {
        AssetImportance {
            level,
            derived: Some(level),
            basis: ImportanceBasis::Business {
                business: b("x"),
                name: Arc::from("x"),
                criterion,
            },
        }
    }

    /// T26 cloud outage on an asset whose importance 3 comes from 情報 (business 「実績共有」)
    /// and 納期 2 (「生産計画」): the analyst recorded impact 1 on 納期 only.
    /// min(2, 1) = 1 → importance 1, decided by 納期 through 「生産計画」.
    #[test]
    fn a_small_recorded_impact_limits_the_importance() {
        let s = asset(&[
            ("実績共有", &[(Criterion::Information, Level::High)]),
            ("生産計画", &[(Criterion::Delivery, Level::Medium)]),
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
                impact: Level::Low,
                source: CriterionSource::Business {
                    business: b("生産計画")
                },
            }
        );
        let mut ja = String::new();
        l.explain_into(Lang::Ja, &mut ja);
        assert_eq!(ja, "、重要度 2(納期) → 影響 1 により 1");
        assert!(!l.needs_check());
    }

    /// Quality 3 and cost 1 on the asset; impacts quality 1 and cost 2:
    /// max(min(3, 1), min(1, 2)) = 1. With quality impact 3 instead: min(3, 3) = 3, and the
    /// explanation names the impact recorded (3), not a derived figure.
    #[test]
    fn the_largest_limited_criterion_wins() {
        let s = asset(&[(
            "成形",
            &[
                (Criterion::Quality, Level::High),
                (Criterion::Cost, Level::Low),
            ],
        )]);
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
        assert_eq!(en, "; importance 3 (quality), impact 3 → 3");
    }

    /// An impact of 3 on 情報 for an asset whose businesses score only 品質 3: 情報 is not
    /// taken as unimportant — the asset's importance 3 stands in, min(3, 3) = 3, flagged 要確認.
    #[test]
    fn an_unscored_criterion_takes_the_asset_importance_and_asks_for_a_check() {
        let s = asset(&[("調合", &[(Criterion::Quality, Level::High)])]);
        let l = limit(
            &derived(Level::High, Criterion::Quality),
            &s,
            &scores(&[(Criterion::Information, Level::High)]),
        );
        assert_eq!(l.level, Level::High);
        assert!(l.needs_check());
        let mut ja = String::new();
        l.explain_into(Lang::Ja, &mut ja);
        assert_eq!(
            ja,
            "、重要度 3(情報)・影響 3 → 3(情報は業務で未評価のため資産の重要度 3 を使用、要確認)"
        );
        // A scored criterion with the same level wins the tie (no check needed).
        let l = limit(
            &derived(Level::High, Criterion::Quality),
            &s,
            &scores(&[
                (Criterion::Information, Level::High),
                (Criterion::Quality, Level::High),
            ]),
        );
        assert!(!l.needs_check());
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
            &AssetScores::default(),
            &scores(&[(Criterion::Safety, Level::High)]),
        );
        assert_eq!(l.level, Level::Medium);
    }

    /// Nothing recorded: the asset's importance, said so.
    #[test]
    fn without_impacts_the_asset_importance_is_used_and_said() {
        let s = asset(&[("調合", &[(Criterion::Quality, Level::High)])]);
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
    fn asset_scores_take_the_highest_per_criterion_with_its_business() {
        let s = asset(&[
            (
                "a",
                &[
                    (Criterion::Quality, Level::Low),
                    (Criterion::Cost, Level::High),
                ],
            ),
            ("b", &[(Criterion::Quality, Level::Medium)]),
        ]);
        assert_eq!(s.get(Criterion::Quality), Some((Level::Medium, b("b"))));
        assert_eq!(s.get(Criterion::Cost), Some((Level::High, b("a"))));
        assert_eq!(s.get(Criterion::Safety), None);
    }
}
