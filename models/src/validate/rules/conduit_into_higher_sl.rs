//! Step 1-6 (IEC 62443-3-2 ZCR 3): a conduit over which a zone of lower SL-T reaches one of
//! higher SL-T (opening sessions, or answering them, see [`crate::graph`])
//! needs a blocking boundary control or a counted network countermeasure on it. Entry points
//! count as SL 0.
//!
//! A conduit from removable media or physical access carries no network traffic, so no
//! firewall or network measure can sit on it (IEC 62443-3-2 ZCR 3.4 asks that temporarily
//! connected devices — portable media, maintenance PCs — be treated as their own conduit;
//! the controls are then device and physical ones: 外部記憶媒体の制限・検査, 入退室管理). There an
//! agreed or implemented equipment or physical countermeasure controls the conduit when it is
//! scoped to the conduit or to the zone it enters AND names the threats that conduit brings:
//! for media T13 (持込みPC・USBメモリ等経由のマルウェア感染) or T23 (保守要員の作業ミス・ウイルス
//! 持込み), for physical access T10 or T11 (不正侵入者による盗難・破壊・不正操作). A measure with no
//! threat named, or against other threats (a backup, a UPS), does not.
use crate::graph::Node;
use crate::model::{EntryKind, MeasureCategory};
use crate::risk::coverage::State;
use crate::validate::{Context, Finding, Rule, Severity};
use std::collections::{HashMap, HashSet};

pub const RULE: Rule = Rule {
    id: "conduit_into_higher_sl",
    step: "1-6",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let sl: HashMap<_, u8> = ctx
        .project
        .zones
        .iter()
        .map(|z| (z.id, z.sl_t.max()))
        .collect();
    let level = |n: Node| match n {
        Node::Zone(z) => sl.get(&z).copied().unwrap_or(0),
        Node::Entry(..) => 0,
    };
    let mut reported = HashSet::new();
    let mut out = Vec::new();
    for (from, to, hop) in ctx.graph.edges() {
        let (Node::Zone(target), lower, higher) = (to, level(from), level(to)) else {
            continue;
        };
        if higher <= lower || reported.contains(&hop.conduit) {
            continue;
        }
        let c = &ctx.project.conduits[hop.conduit_index];
        if c.has_blocking_boundary() || ctx.protected.contains(&c.id) {
            continue;
        }
        let offline = matches!(
            from,
            Node::Entry(_, EntryKind::RemovableMedia | EntryKind::Physical)
        );
        let threats: &[&str] = match from {
            Node::Entry(_, EntryKind::RemovableMedia) => &["T13", "T23"],
            Node::Entry(_, EntryKind::Physical) => &["T10", "T11"],
            _ => &[],
        };
        if offline && device_or_physical_control(ctx, c.id, target, threats) {
            continue;
        }
        reported.insert(hop.conduit);
        let zone = ctx
            .project
            .zones
            .iter()
            .find(|z| z.id == target)
            .map(|z| z.name.as_str())
            .unwrap_or_default();
        out.push(rule.finding(
            "conduit",
            c.id,
            &c.name,
            &[
                ("zone", zone),
                ("from_sl", &lower.to_string()),
                ("to_sl", &higher.to_string()),
            ],
        ));
    }
    out
}

/// An agreed or implemented equipment or physical countermeasure scoped to the conduit or to
/// the zone it enters, naming one of `threats`.
fn device_or_physical_control(
    ctx: &Context<'_>,
    conduit: crate::id::ConduitId,
    zone: crate::id::ZoneId,
    threats: &[&str],
) -> bool {
    ctx.measures.measures.iter().any(|m| {
        let scope = &ctx.project.countermeasures[m.index].scope;
        matches!(
            m.category,
            MeasureCategory::Equipment | MeasureCategory::Physical
        ) && State::Residual.counts(m.status)
            && m.threats.iter().any(|t| threats.contains(&t.as_str()))
            && (scope.conduits.contains(&conduit) || scope.zones.contains(&zone))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn unprotected_step_up_is_reported_until_controlled() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        d.zone("it", 1);
        d.zone("ot", 3);
        d.conduit("net", "it");
        let up = d.conduit("it", "ot");
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 2, "net→it (0→1) and it→ot (1→3): {f:?}");
        assert!(
            f[1].message_en.contains("SL-T 1 to 3"),
            "{}",
            f[1].message_en
        );
        d.conduit_mut(up).boundary.push(BoundaryControl {
            kind: BoundaryKind::Firewall,
            device: None,
            note: String::new(),
        });
        assert_eq!(findings(&d.project, &RULE).len(), 1);
        // A passive IDS is not a boundary that blocks.
        d.conduit_mut(up).boundary[0].kind = BoundaryKind::Ids;
        assert_eq!(findings(&d.project, &RULE).len(), 2);
    }

    #[test]
    fn an_agreed_network_countermeasure_on_the_conduit_counts() {
        let mut d = Drawing::new();
        d.zone("it", 1);
        d.zone("ot", 3);
        let up = d.conduit("it", "ot");
        let mut m = Countermeasure {
            number: 0,
            id: crate::id::MeasureId::new(),
            measure: "C-NW-01".into(),
            detail: String::new(),
            category: None,
            threats: vec![],
            scope: MeasureScope {
                conduits: vec![up],
                ..Default::default()
            },
            responsibility: Some(Responsibility::Sier),
            shared_with: Vec::new(),
            operator: None,
            paid: None,
            status: MeasureStatus::Proposed,
            due: None,
            evidence: String::new(),
            notes: String::new(),
        };
        d.project.countermeasures.push(m.clone());
        assert_eq!(
            findings(&d.project, &RULE).len(),
            1,
            "a proposal does not count yet"
        );
        m.status = MeasureStatus::Agreed;
        d.project.countermeasures[0] = m;
        assert!(findings(&d.project, &RULE).is_empty());
    }

    /// Worked by hand: USB media (SL 0) into a zone of SL-T 3 is reported until an agreed
    /// media rule (C-EQ-06, equipment, against T13) covers the conduit; a physical-access
    /// conduit into the same zone is controlled by implemented 入退室管理 (C-PH-01 against
    /// T11) scoped to the zone. A proposal does not count, an equipment measure against other
    /// threats (a backup, C-EQ-09 against T14) does not either, and a media rule does nothing
    /// for a network conduit from the internet, which still needs a firewall.
    #[test]
    fn media_and_physical_conduits_are_controlled_by_device_and_physical_measures() {
        let mut d = Drawing::new();
        d.entry("usb", EntryKind::RemovableMedia);
        d.entry("door", EntryKind::Physical);
        d.entry("net", EntryKind::Internet);
        let ot = d.zone("ot", 3);
        let usb = d.conduit("usb", "ot");
        d.conduit("door", "ot");
        d.conduit("net", "ot");
        assert_eq!(findings(&d.project, &RULE).len(), 3);
        let measure = |code: &str, threat: &str, scope: MeasureScope, status| -> Countermeasure {
            serde_json::from_value(serde_json::json!({
                "id": crate::id::MeasureId::new().to_string(),
                "measure": code,
                "threats": [threat],
                "scope": scope,
                "responsibility": "customer",
                "status": status,
            }))
            .unwrap()
        };
        let on_usb = MeasureScope {
            conduits: vec![usb],
            ..Default::default()
        };
        let in_ot = MeasureScope {
            zones: vec![ot],
            ..Default::default()
        };
        d.project
            .countermeasures
            .push(measure("C-EQ-06", "T13", on_usb.clone(), "proposed"));
        assert_eq!(findings(&d.project, &RULE).len(), 3, "a proposal");
        d.project.countermeasures[0] = measure("C-EQ-09", "T14", in_ot.clone(), "implemented");
        assert_eq!(
            findings(&d.project, &RULE).len(),
            3,
            "a backup is no media rule"
        );
        d.project.countermeasures[0] = measure("C-EQ-06", "T13", on_usb, "agreed");
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 2, "{f:?}");
        d.project
            .countermeasures
            .push(measure("C-PH-01", "T11", in_ot, "implemented"));
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message_en.contains("SL-T 0 to 3"),
            "{}",
            f[0].message_en
        );
        assert_eq!(
            f[0].item.name, d.project.conduits[2].name,
            "the internet one"
        );
    }
}
