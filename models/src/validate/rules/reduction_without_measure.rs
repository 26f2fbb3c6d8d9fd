//! Step 2-2 (リスク対応): a decision to reduce a risk is a promise the customer signs, often
//! with a due date — and it says how: the countermeasures the reduction relies on (shown on
//! the cover's agreement block and the product risk statement). A reduction that names none,
//! because none was chosen or because the last one was deleted (the delete takes it out of
//! every decision), promises a lower risk without saying by what.
use crate::model::Treatment;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "reduction_without_measure",
    step: "2-2",
    severity: Severity::Warning,
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
        .filter(|r| {
            r.decision
                .as_ref()
                .is_some_and(|d| d.treatment == Some(Treatment::Reduce) && d.relies_on.is_empty())
        })
        .map(|r| {
            let asset = names.get(&r.asset).copied().unwrap_or_default();
            rule.finding("risk", &r.id, &format!("{} @ {asset}", r.threat), &[])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{remove, Collection};
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::findings;

    /// The smallest factory with a risk above the tolerable level (internet → ctl, a PLC of
    /// importance 3, threat T01; residual B with one implemented firewall), decided "reduce".
    fn reduced(relies_on: Vec<crate::id::MeasureId>) -> (Project, String, crate::id::MeasureId) {
        let (mut d, z, a) = Drawing::exposed_plc();
        let fw = Drawing::implemented_firewall(z);
        let fw_id = fw.id;
        d.project.countermeasures.push(fw);
        let id = format!("T01@{a}");
        d.project.risk_decisions.push(RiskDecision {
            risk_id: id.clone(),
            treatment: Some(Treatment::Reduce),
            justification: "VLAN分離を追加".into(),
            owner: "生産技術課長".into(),
            date: None,
            due: IsoDate::parse("2027-03-31"),
            relies_on,
        });
        (d.project, id, fw_id)
    }

    #[test]
    fn a_reduction_naming_no_measure_is_flagged_on_its_row() {
        let (p, id, _) = reduced(Vec::new());
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.id, id);
        assert_eq!(f[0].step, "2-2");
    }

    #[test]
    fn a_reduction_relying_on_a_measure_is_not() {
        let (p, _, fw) = reduced(Vec::new());
        let (p2, _, _) = reduced(vec![fw]);
        assert_eq!(findings(&p, &RULE).len(), 1);
        assert!(findings(&p2, &RULE).is_empty());
    }

    /// Deleting the one countermeasure a reduction relied on takes it out of the decision
    /// (the delete's cascade): the decision stays, and this finding says it now rests on
    /// nothing — lasting, unlike the notice shown at the delete.
    #[test]
    fn deleting_the_measure_a_reduction_relied_on_leaves_a_finding() {
        let (mut p, id, fw) = reduced(Vec::new());
        p.risk_decisions[0].relies_on = vec![fw];
        assert!(findings(&p, &RULE).is_empty());
        remove(&mut p, Collection::Countermeasures, &[fw.0]);
        assert!(p.risk_decisions[0].relies_on.is_empty(), "the cascade");
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.id, id);
    }

    #[test]
    fn other_treatments_need_no_measure_here() {
        for t in [Treatment::Accept, Treatment::Transfer, Treatment::Avoid] {
            let (mut p, _, _) = reduced(Vec::new());
            p.risk_decisions[0].treatment = Some(t);
            assert!(findings(&p, &RULE).is_empty(), "{t:?}");
        }
    }
}
