//! Step 1-3: every business needs an importance (at least one criterion scored).
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "business_without_importance",
    step: "1-3",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .businesses
        .iter()
        .filter(|b| b.importance().is_none())
        .map(|b| rule.finding("business", b.id, &b.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn unscored_business_is_reported() {
        let mut p = Project::new("t");
        p.businesses.push(BusinessProcess {
            id: crate::id::BusinessId::new(),
            name: "検査".into(),
            description: String::new(),
            department: String::new(),
            purpose: String::new(),
            smart_change: SmartChange::None,
            data_handled: String::new(),
            scores: CriterionScores::default(),
            rationale: String::new(),
        });
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message_ja, "業務「検査」の重要度が設定されていません");
        p.businesses[0]
            .scores
            .set(Criterion::Quality, Some(Level::High));
        assert!(findings(&p, &RULE).is_empty());
    }
}
