//! Step 1-6: a conduit with a one-way device (data diode / unidirectional gateway) records
//! which way the device passes data (a channel `forward` or `reverse`). Until it does, the
//! analysis takes it as open `from` → `to` only ([`crate::model::Conduit::reach`]).
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "one_way_without_direction",
    step: "1-6",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .conduits
        .iter()
        .filter(|c| c.one_way_without_direction())
        .map(|c| rule.finding("conduit", c.id, &c.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::{BoundaryControl, BoundaryKind, Direction};
    use crate::validate::testing::findings;

    #[test]
    fn a_diode_without_direction_is_reported_until_one_is_recorded() {
        let mut d = Drawing::new();
        d.zone("ot", 3);
        d.zone("it", 1);
        let c = d.conduit("ot", "it");
        d.conduit_mut(c).boundary.push(BoundaryControl {
            kind: BoundaryKind::DataDiode,
            device: None,
            note: String::new(),
        });
        assert_eq!(
            findings(&d.project, &RULE).len(),
            1,
            "the fixture's channel says both"
        );
        d.conduit_mut(c).channels[0].direction = Some(Direction::Forward);
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
