//! Step 2-1 (IEC 62443-3-2 ZCR 5.6): a recorded SL-A below SL-T in any FR is a gap to close.
//! Estimated levels are shown in the SL gap matrix but not reported here.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "sl_achieved_below_target",
    step: "2-1",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for z in &ctx.project.zones {
        let Some(a) = z.sl_a else { continue };
        let gap = z.sl_t.gap(&a);
        if gap.iter().any(|g| *g > 0) {
            let frs: Vec<String> = gap
                .iter()
                .enumerate()
                .filter(|(_, g)| **g > 0)
                .map(|(i, _)| format!("FR{}", i + 1))
                .collect();
            out.push(rule.finding(
                "zone",
                z.id,
                &z.name,
                &[
                    ("target", &z.sl_t.describe()),
                    ("achieved", &a.describe()),
                    ("frs", &frs.join(", ")),
                ],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::SlVector;
    use crate::validate::testing::findings;

    #[test]
    fn recorded_gap_is_reported_per_fr() {
        let mut d = Drawing::new();
        d.zone("dcs", 3);
        assert!(findings(&d.project, &RULE).is_empty(), "no SL-A recorded");
        d.project.zones[0].sl_a = Some(SlVector([3, 3, 2, 3, 3, 3, 2]));
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1);
        assert!(f[0].message_en.contains("FR3, FR7"), "{}", f[0].message_en);
    }
}
