//! Steps 1-2 / 1-3 (本編 3.1.2–3.1.3): business processes (業務) and their importance.

use super::{Criterion, CriterionScores, Level};
use crate::id::BusinessId;
use serde::{Deserialize, Serialize};

/// How smart-factory change touches a business (別冊: re-check new/expanded businesses).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum SmartChange {
    /// Unchanged.
    #[default]
    None,
    /// A new business added by smart-factory change.
    New,
    /// An existing business expanded or upgraded.
    Expanded,
}

/// A business process (業務).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct BusinessProcess {
    /// Id.
    pub id: BusinessId,
    /// Name.
    pub name: String,
    /// What is done.
    #[serde(default)]
    pub description: String,
    /// Department in charge.
    #[serde(default)]
    pub department: String,
    /// Purpose of the smart-factory change for this business.
    #[serde(default)]
    pub purpose: String,
    /// New / expanded by smart-factory change.
    #[serde(default)]
    pub smart_change: SmartChange,
    /// Data the business handles.
    #[serde(default)]
    pub data_handled: String,
    /// Worst credible outcome per criterion if the business is stopped or corrupted.
    #[serde(default)]
    pub scores: CriterionScores,
    /// Why these scores.
    #[serde(default)]
    pub rationale: String,
}

impl BusinessProcess {
    /// The importance (highest criterion score) and the criterion that set it;
    /// `None` until at least one criterion is scored.
    pub fn importance(&self) -> Option<(Level, Criterion)> {
        // Ties resolve to the first criterion in display order, so the answer is stable.
        self.scores.max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn business(scores: &[(Criterion, Level)]) -> BusinessProcess {
        BusinessProcess {
            id: BusinessId::derived("b"),
            name: "成形".into(),
            description: String::new(),
            department: String::new(),
            purpose: String::new(),
            smart_change: SmartChange::None,
            data_handled: String::new(),
            scores: scores.iter().copied().collect(),
            rationale: String::new(),
        }
    }

    #[test]
    fn importance_is_highest_score_with_its_criterion() {
        let b = business(&[
            (Criterion::Cost, Level::Medium),
            (Criterion::Delivery, Level::High),
        ]);
        assert_eq!(b.importance(), Some((Level::High, Criterion::Delivery)));
    }

    #[test]
    fn ties_go_to_the_first_criterion_in_display_order() {
        let b = business(&[
            (Criterion::Cost, Level::High),
            (Criterion::Safety, Level::High),
        ]);
        assert_eq!(b.importance(), Some((Level::High, Criterion::Safety)));
    }

    #[test]
    fn unscored_business_has_no_importance() {
        assert_eq!(business(&[]).importance(), None);
    }
}
