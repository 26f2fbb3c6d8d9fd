//! Step 2-2 (リスク対応): a residual risk still above the tolerable level although
//! countermeasures cover it needs a treatment decision — reduce further, accept, transfer or
//! avoid — before the customer can agree to it. (With no countermeasure at all the row is an
//! error of [`super::high_residual_without_measure`] instead.)
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "residual_treatment_undecided",
    step: "2-2",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let tolerable = ctx.project.settings.tolerable_risk.as_str();
    let undecided = |r: &crate::risk::register::RiskRow| {
        !r.tolerable
            && !r.planned.measures.is_empty()
            && r.decision.as_ref().is_none_or(|d| d.treatment.is_none())
    };
    ctx.risk_findings(rule, undecided, |r| {
        vec![
            ("value", r.residual.risk.value.to_string()),
            ("tolerable", tolerable.to_owned()),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::findings;

    /// An Internet-facing control zone with a PLC of importance 3 and threat T01, covered by
    /// one implemented firewall measure: by the IPA table (importance 3, threat 2,
    /// vulnerability 2 once one measure counts) the residual is B, above the tolerable C.
    fn covered_but_high() -> (Drawing, String) {
        let (mut d, z, a) = Drawing::exposed_plc();
        d.project
            .countermeasures
            .push(Drawing::implemented_firewall(z));
        (d, format!("T01@{a}"))
    }

    #[test]
    fn a_covered_risk_above_tolerable_needs_a_decision() {
        let (mut d, id) = covered_but_high();
        let reg = crate::risk::analyse(&d.project, crate::catalogue::Catalogue::builtin());
        let row = reg.risks.iter().find(|r| r.id == id).unwrap();
        assert!(
            !row.tolerable,
            "precondition: residual {} is above C",
            row.residual.risk.value
        );
        assert!(
            !row.planned.measures.is_empty(),
            "precondition: a measure covers it"
        );
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.id, id);
        // A decision record without a treatment is still undecided (未決).
        d.project.risk_decisions.push(RiskDecision {
            risk_id: id.clone(),
            treatment: None,
            justification: String::new(),
            owner: "工場長".into(),
            date: None,
            due: None,
            relies_on: Vec::new(),
        });
        assert_eq!(findings(&d.project, &RULE).len(), 1);
        // Any treatment decided clears it: reduce further (with a due date), or accept.
        for t in [
            Treatment::Reduce,
            Treatment::Accept,
            Treatment::Transfer,
            Treatment::Avoid,
        ] {
            d.project.risk_decisions[0].treatment = Some(t);
            assert!(findings(&d.project, &RULE).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn an_uncovered_risk_is_the_other_rules_error_not_this_warning() {
        let (mut d, _) = covered_but_high();
        d.project.countermeasures.clear();
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
