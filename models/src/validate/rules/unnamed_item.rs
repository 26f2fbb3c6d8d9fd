//! Steps 1-2, 1-4, 1-6: a business, asset, zone, entry point or conduit without a name. The
//! app refuses a blank name at the field, but a project from elsewhere (a file, an import)
//! may carry one; the workbook and every finding would then speak of 「」.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "unnamed_item",
    step: "1-4",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let p = ctx.project;
    let mut out = Vec::new();
    let mut check = |kind: &'static str, step: &'static str, id: String, name: &str| {
        if name.trim().is_empty() {
            let mut f = rule.finding(kind, id, name, &[]);
            f.step = step;
            out.push(f);
        }
    };
    for x in &p.businesses {
        check("business", "1-2", x.id.to_string(), &x.name);
    }
    for x in &p.assets {
        check("asset", "1-4", x.id.to_string(), &x.name);
    }
    for x in &p.zones {
        check("zone", "1-6", x.id.to_string(), &x.name);
    }
    for x in &p.entry_points {
        check("entry_point", "1-6", x.id.to_string(), &x.name);
    }
    for x in &p.conduits {
        check("conduit", "1-6", x.id.to_string(), &x.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::{business, findings};

    #[test]
    fn blank_names_from_a_file_are_reported_at_their_step() {
        let mut p = Project::new("t");
        p.businesses.push(business("組立"));
        p.businesses.push(business("  "));
        p.zones.push(Zone::new(""));
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].item.kind, f[0].step), ("business", "1-2"));
        assert_eq!((f[1].item.kind, f[1].step), ("zone", "1-6"));
    }
}
