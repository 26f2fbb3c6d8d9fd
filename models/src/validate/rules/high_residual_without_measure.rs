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
    let unanswered = |r: &crate::risk::register::RiskRow| {
        !r.tolerable
            && r.planned.measures.is_empty()
            && !r.decision.as_ref().is_some_and(|d| {
                matches!(
                    d.treatment,
                    Some(Treatment::Accept | Treatment::Avoid | Treatment::Transfer)
                )
            })
    };
    ctx.risk_findings(rule, unanswered, |r| {
        vec![("value", r.residual.risk.value.to_string())]
    })
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
