//! Validation: is the assessment complete and coherent? Each finding names the guideline step,
//! a severity, the item it concerns and a message in Japanese and English. Findings never
//! refuse a file (that is [`crate::integrity`]); they tell the engineer what is left to do.
//!
//! One rule per file under `rules/`, registered in [`rules::ALL`].

pub mod address;
pub mod rules;

use crate::catalogue::Catalogue;
use crate::derive::Importances;
use crate::graph::ZoneGraph;
use crate::i18n;
use crate::model::{Lang, Project};
use crate::risk::coverage::MeasureIndex;
use crate::risk::register::RiskRow;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed before the assessment can be agreed.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Info,
}

/// The model item a finding concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemRef {
    /// `asset`, `business`, `zone`, `conduit`, `countermeasure`, `risk`, `checklist_answer`…
    pub kind: &'static str,
    /// Its id (UUID or risk id).
    pub id: String,
    /// Its display name.
    pub name: String,
}

/// A validation finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Rule id.
    pub rule: &'static str,
    /// Guideline step (`1-6`…).
    pub step: &'static str,
    /// Severity.
    pub severity: Severity,
    /// The item.
    pub item: ItemRef,
    /// Japanese message.
    pub message_ja: String,
    /// English message.
    pub message_en: String,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.message_ja,
            Lang::En => &self.message_en,
        }
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// The project.
    pub project: &'a Project,
    /// The catalogue.
    pub catalogue: &'a Catalogue,
    /// The zone graph.
    pub graph: &'a ZoneGraph,
    /// Importances.
    pub importances: &'a Importances,
    /// Countermeasures by scope.
    pub measures: &'a MeasureIndex,
    /// Conduits controlled by a counted network countermeasure.
    pub protected: &'a std::collections::HashSet<crate::id::ConduitId>,
    /// The risk register.
    pub register: &'a [std::sync::Arc<RiskRow>],
}

impl Context<'_> {
    /// Findings of `rule` on the register rows `keep` selects, each named as the rules name a
    /// risk (`T01 @ <asset>`), with the message arguments `args` gives the row.
    pub fn risk_findings(
        &self,
        rule: &Rule,
        keep: impl Fn(&RiskRow) -> bool,
        args: impl Fn(&RiskRow) -> Vec<(&'static str, String)>,
    ) -> Vec<Finding> {
        let kept: Vec<&RiskRow> = self
            .register
            .iter()
            .map(|r| &**r)
            .filter(|r| keep(r))
            .collect();
        if kept.is_empty() {
            // The usual case on every edit: no name map built for nothing.
            return Vec::new();
        }
        let names: std::collections::HashMap<_, &str> = self
            .project
            .assets
            .iter()
            .map(|a| (a.id, a.name.as_str()))
            .collect();
        kept.into_iter()
            .map(|r| {
                let asset = names.get(&r.asset).copied().unwrap_or_default();
                let name = format!("{} @ {asset}", r.threat);
                let args = args(r);
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                rule.finding("risk", &r.id, &name, &args)
            })
            .collect()
    }
}

/// A rule's metadata and check.
pub struct Rule {
    /// Stable id, also the i18n key suffix `finding.<id>`.
    pub id: &'static str,
    /// Guideline step.
    pub step: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// The check.
    pub evaluate: fn(&Context<'_>, &Rule) -> Vec<Finding>,
}

impl Rule {
    /// A finding of this rule about `item`, with message parameters.
    pub fn finding(
        &self,
        kind: &'static str,
        id: impl ToString,
        name: &str,
        args: &[(&str, &str)],
    ) -> Finding {
        let key = format!("finding.{}", self.id);
        let mut all: Vec<(&str, &str)> = vec![("name", name)];
        all.extend_from_slice(args);
        Finding {
            rule: self.id,
            step: self.step,
            severity: self.severity,
            item: ItemRef {
                kind,
                id: id.to_string(),
                name: name.to_owned(),
            },
            message_ja: i18n::format(Lang::Ja, &key, &all),
            message_en: i18n::format(Lang::En, &key, &all),
        }
    }
}

/// Run every rule; findings ordered by rule then item (deterministic).
pub fn run(ctx: &Context<'_>) -> Vec<Finding> {
    use rayon::prelude::*;
    // The rules are independent: evaluated on every core, their findings kept in rule order.
    rules::ALL
        .par_iter()
        .map(|r| (r.evaluate)(ctx, r))
        .collect::<Vec<_>>()
        .concat()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Run one rule on a project, the way `analyse` would.
    use super::*;

    /// An applicable threat recorded for a zone in step 1-7, nothing else set.
    pub fn threat(zone: crate::id::ZoneId, id: &str) -> crate::model::ThreatScenario {
        crate::model::ThreatScenario {
            id: crate::id::ZoneThreatId::new(),
            zone,
            threat: id.into(),
            applicable: true,
            reason: String::new(),
            entry_path: String::new(),
            threat_level: None,
            impacts: crate::model::CriterionScores::default(),
            impact_ids: vec![],
            note: String::new(),
        }
    }

    /// A business with a name and nothing scored.
    pub fn business(name: &str) -> crate::model::BusinessProcess {
        crate::model::BusinessProcess {
            id: crate::id::BusinessId::new(),
            name: name.into(),
            description: String::new(),
            department: String::new(),
            purpose: String::new(),
            smart_change: crate::model::SmartChange::None,
            data_handled: String::new(),
            scores: crate::model::CriterionScores::default(),
            rationale: String::new(),
        }
    }

    pub fn findings(project: &Project, rule: &Rule) -> Vec<Finding> {
        let analysis = crate::risk::analyse(project, Catalogue::builtin());
        analysis
            .findings
            .into_iter()
            .filter(|f| f.rule == rule.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_unique_id_and_messages_in_both_languages() {
        let mut ids = std::collections::HashSet::new();
        for r in rules::ALL {
            assert!(ids.insert(r.id), "rule {} registered twice", r.id);
            assert!(
                i18n::has(&format!("finding.{}", r.id)),
                "finding.{} missing from i18n",
                r.id
            );
        }
    }
}
