//! Step 2-2: a residual risk above the tolerable level with no countermeasure counted and no
//! treatment decided (accept / avoid / transfer) is left unanswered.
use crate::model::Treatment;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "high_residual_without_measure",
    step: "2-2",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let names: std::collections::HashMap<_, &str> = ctx
        .project
        .assets
        .iter()
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    ctx.register
        .iter()
        .filter(|r| !r.tolerable && r.planned.measures.is_empty())
        .filter(|r| {
            !r.decision.as_ref().is_some_and(|d| {
                matches!(
                    d.treatment,
                    Some(Treatment::Accept | Treatment::Avoid | Treatment::Transfer)
                )
            })
        })
        .map(|r| {
            let asset = names.get(&r.asset).copied().unwrap_or_default();
            let name = format!("{} @ {asset}", r.threat);
            rule.finding("risk", &r.id, &name, &[("value", &r.residual.risk.value)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::findings;

    fn exposed() -> Drawing {
        Drawing::exposed_plc().0
    }

    #[test]
    fn untreated_high_risk_is_reported_and_acceptance_clears_it() {
        let mut d = exposed();
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].item.id,
            format!("T01@{}", crate::id::AssetId::derived("PLC"))
        );
        d.project.risk_decisions.push(RiskDecision {
            risk_id: f[0].item.id.clone(),
            treatment: Some(Treatment::Accept),
            justification: "一時的に受容".into(),
            owner: "工場長".into(),
            date: None,
            due: None,
            relies_on: Vec::new(),
        });
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
