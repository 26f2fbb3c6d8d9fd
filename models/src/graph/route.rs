//! Words for a route: which conduit and channel carried each hop of an attack path or tree
//! (protocol, who opens the session, which way the data flows, initiated or response-only,
//! boundary control), shared by `otzone analyze`, the workbook and the app's explanations.

use super::Hop;
use crate::catalogue::Catalogue;
use crate::i18n;
use crate::id::{EntryPointId, ZoneId};
use crate::model::{Direction, Endpoint, HopKind, Initiator, Lang, Project};
use rustc_hash::FxHashMap as HashMap;

/// Routes longer than this are described hop by hop at both ends, the middle counted.
pub const FULL_ROUTE_HOPS: usize = 12;

/// Names looked up for every hop, indexed once per export or report.
pub struct RouteNames<'a> {
    zones: HashMap<ZoneId, &'a str>,
    entries: HashMap<EntryPointId, &'a str>,
    protocols: HashMap<&'a str, &'a str>,
}

impl<'a> RouteNames<'a> {
    /// Index the project's zone and entry-point names and the catalogue's protocol names.
    pub fn new(project: &'a Project, catalogue: &'a Catalogue) -> Self {
        Self {
            zones: project
                .zones
                .iter()
                .map(|z| (z.id, z.name.as_str()))
                .collect(),
            entries: project
                .entry_points
                .iter()
                .map(|e| (e.id, e.name.as_str()))
                .collect(),
            protocols: catalogue
                .protocols
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    /// The name of a conduit end (zone or entry point).
    fn end(&self, end: Endpoint) -> &'a str {
        match end {
            Endpoint::Zone(z) => self.zones.get(&z).copied().unwrap_or("?"),
            Endpoint::Entry(e) => self.entries.get(&e).copied().unwrap_or("?"),
        }
    }
}

/// One hop in words, e.g. 「監視・操作→殺菌工程」Modbus/TCP、監視・操作ゾーンが開始、データ
/// 殺菌工程ゾーン→監視・操作ゾーン、境界制御あり.
pub fn describe_hop(project: &Project, names: &RouteNames<'_>, hop: &Hop, lang: Lang) -> String {
    let Some(c) = project.conduits.get(hop.conduit_index) else {
        return String::new();
    };
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    let mut parts: Vec<String> = Vec::with_capacity(5);
    match hop.channel.and_then(|i| c.channels.get(i as usize)) {
        Some(ch) => {
            let proto = names
                .protocols
                .get(ch.protocol.as_str())
                .copied()
                .unwrap_or(ch.protocol.as_str());
            parts.push(if ch.port.is_empty() {
                proto.to_owned()
            } else {
                format!("{proto}:{}", ch.port)
            });
            let (from, to) = (names.end(c.from), names.end(c.to));
            parts.push(match ch.initiator {
                Some(Initiator::From) => i18n::format(lang, "route.opened_by", &[("end", from)]),
                Some(Initiator::To) => i18n::format(lang, "route.opened_by", &[("end", to)]),
                Some(Initiator::Either) => i18n::text(lang, "route.opened_either").to_owned(),
                None => i18n::text(lang, "route.opened_unknown").to_owned(),
            });
            parts.push(match ch.direction {
                Some(Direction::Forward) => {
                    i18n::format(lang, "route.data", &[("from", from), ("to", to)])
                }
                Some(Direction::Reverse) => {
                    i18n::format(lang, "route.data", &[("from", to), ("to", from)])
                }
                Some(Direction::Both) => i18n::text(lang, "route.data_both").to_owned(),
                None => i18n::text(lang, "route.data_unknown").to_owned(),
            });
        }
        None => parts.push(i18n::text(lang, "route.no_channel").to_owned()),
    }
    if c.is_one_way() {
        parts.push(i18n::text(lang, "route.one_way").to_owned());
    }
    let from_entry = matches!(if hop.reverse { c.to } else { c.from }, Endpoint::Entry(_));
    match hop.kind {
        HopKind::Initiate => {}
        HopKind::Data => parts.push(i18n::text(lang, "route.data_over_sessions").to_owned()),
        HopKind::Response if from_entry => {
            parts.push(i18n::text(lang, "route.response_from_entry").to_owned())
        }
        HopKind::Response => parts.push(i18n::text(lang, "route.response").to_owned()),
    }
    parts.push(
        i18n::text(
            lang,
            if hop.controlled {
                "route.controlled"
            } else {
                "route.uncontrolled"
            },
        )
        .to_owned(),
    );
    let quote = |s: &str| {
        if lang == Lang::Ja {
            format!("「{s}」")
        } else {
            format!("\"{s}\" ")
        }
    };
    format!("{}{}", quote(&c.name), parts.join(sep))
}

/// A whole route, one line per hop: the entry point, then `→ zone (hop in words)`. A route
/// of more than [`FULL_ROUTE_HOPS`] hops is described at both ends, the middle counted.
pub fn describe_route<Z: AsRef<str>, H: std::borrow::Borrow<Hop>>(
    project: &Project,
    names: &RouteNames<'_>,
    entry: &str,
    steps: impl IntoIterator<Item = (Z, H)>,
    lang: Lang,
) -> String {
    let steps: Vec<(Z, H)> = steps.into_iter().collect();
    let n = steps.len();
    let head = FULL_ROUTE_HOPS / 2;
    let tail = FULL_ROUTE_HOPS - head;
    let mut out = entry.to_owned();
    for (i, (zone, hop)) in steps.iter().enumerate() {
        if n > FULL_ROUTE_HOPS && i >= head && i < n - tail {
            if i == head {
                out.push_str("\n→ ");
                out.push_str(&i18n::format(
                    lang,
                    "route.skipped",
                    &[("n", &(n - FULL_ROUTE_HOPS).to_string())],
                ));
            }
            continue;
        }
        out.push_str("\n→ ");
        out.push_str(zone.as_ref());
        out.push_str(" (");
        out.push_str(&describe_hop(project, names, hop.borrow(), lang));
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::attack_path::simple_paths;
    use crate::graph::fixtures::Drawing;
    use crate::graph::ZoneGraph;
    use crate::id::EntryPointId;
    use crate::model::EntryKind;

    /// A chain net → z0 → … → z13 (14 hops): both ends described hop by hop, the middle two
    /// zones counted; a 3-hop route in full, each hop with its conduit and channel.
    #[test]
    fn long_routes_are_described_at_both_ends() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        let names: Vec<String> = (0..14).map(|i| format!("z{i}")).collect();
        for n in &names {
            d.zone(n, 2);
        }
        d.conduit("net", "z0");
        for w in names.windows(2) {
            d.conduit(&w[0], &w[1]);
        }
        let g = ZoneGraph::build(&d.project);
        let cat = Catalogue::builtin();
        let rn = RouteNames::new(&d.project, cat);
        let net = EntryPointId::derived("net");
        let path = &simple_paths(&g, net, ZoneId::derived("z13"), 20, 1)[0];
        let zone_names: Vec<&str> = path
            .zones
            .iter()
            .map(|z| rn.zones.get(z).copied().unwrap())
            .collect();
        let text = describe_route(
            &d.project,
            &rn,
            "net",
            zone_names.iter().zip(path.hops()),
            Lang::Ja,
        );
        assert_eq!(text.lines().count(), 1 + FULL_ROUTE_HOPS + 1);
        assert!(text.contains("…(2 ゾーン省略)"), "{text}");
        assert!(text.contains("→ z5 (") && !text.contains("→ z6 (") && text.contains("→ z8 ("));
        let short = &simple_paths(&g, net, ZoneId::derived("z2"), 20, 1)[0];
        let text = describe_route(
            &d.project,
            &rn,
            "net",
            short.zones.iter().map(|z| rn.zones[z]).zip(short.hops()),
            Lang::Ja,
        );
        assert_eq!(
            text,
            "net\n→ z0 (「net-z0」OPC UA:4840、netが開始、データ双方向、境界制御なし)\n\
             → z1 (「z0-z1」OPC UA:4840、z0が開始、データ双方向、境界制御なし)\n\
             → z2 (「z1-z2」OPC UA:4840、z1が開始、データ双方向、境界制御なし)"
        );
    }
}
