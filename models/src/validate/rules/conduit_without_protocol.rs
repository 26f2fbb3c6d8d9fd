//! Step 1-6: a conduit documents its channels — protocol and direction — or it cannot be
//! reviewed (or configured in a firewall).
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "conduit_without_protocol",
    step: "1-6",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .conduits
        .iter()
        .filter(|c| {
            c.channels.is_empty()
                || c.channels
                    .iter()
                    .any(|ch| ch.protocol.trim().is_empty() || ch.direction.is_none())
        })
        .map(|c| rule.finding("conduit", c.id, &c.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::validate::testing::findings;

    #[test]
    fn missing_channels_or_direction_are_reported() {
        let mut d = Drawing::new();
        d.zone("a", 1);
        d.zone("b", 1);
        let c = d.conduit("a", "b");
        assert!(findings(&d.project, &RULE).is_empty());
        d.conduit_mut(c).channels[0].direction = None;
        assert_eq!(findings(&d.project, &RULE).len(), 1);
        d.conduit_mut(c).channels.clear();
        assert_eq!(findings(&d.project, &RULE).len(), 1);
    }
}
