//! Words for a route: which conduit and channel carried each hop of an attack path or tree
//! (protocol, who opens the session, which way the data flows, initiated or response-only,
//! boundary control), shared by `otzone analyze`, the workbook and the app's explanations.

use super::Hop;
use crate::catalogue::Catalogue;
use crate::i18n;
use crate::model::{Direction, Endpoint, HopKind, Initiator, Lang, Project};

/// The name of a conduit end (zone or entry point).
fn end_name(project: &Project, end: Endpoint) -> &str {
    match end {
        Endpoint::Zone(z) => project
            .zones
            .iter()
            .find(|x| x.id == z)
            .map_or("?", |x| x.name.as_str()),
        Endpoint::Entry(e) => project
            .entry_points
            .iter()
            .find(|x| x.id == e)
            .map_or("?", |x| x.name.as_str()),
    }
}

/// One hop in words, e.g. 「監視・操作→殺菌工程」Modbus/TCP、監視・操作ゾーンが開始、データ
/// 殺菌工程ゾーン→監視・操作ゾーン、境界制御あり.
pub fn describe_hop(project: &Project, catalogue: &Catalogue, hop: &Hop, lang: Lang) -> String {
    let Some(c) = project.conduits.get(hop.conduit_index) else {
        return String::new();
    };
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    let mut parts: Vec<String> = Vec::with_capacity(5);
    match hop.channel.and_then(|i| c.channels.get(i as usize)) {
        Some(ch) => {
            let proto = catalogue
                .protocols
                .iter()
                .find(|p| p.id == ch.protocol)
                .map_or(ch.protocol.as_str(), |p| p.name.as_str());
            parts.push(if ch.port.is_empty() {
                proto.to_owned()
            } else {
                format!("{proto}:{}", ch.port)
            });
            let (from, to) = (end_name(project, c.from), end_name(project, c.to));
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

/// A whole route, one line per hop: the entry point, then `→ zone (hop in words)`.
pub fn describe_route<'a, Z: AsRef<str>>(
    project: &Project,
    catalogue: &Catalogue,
    entry: &str,
    steps: impl IntoIterator<Item = (Z, &'a Hop)>,
    lang: Lang,
) -> String {
    let mut out = entry.to_owned();
    for (zone, hop) in steps {
        out.push_str("\n→ ");
        out.push_str(zone.as_ref());
        out.push_str(" (");
        out.push_str(&describe_hop(project, catalogue, hop, lang));
        out.push(')');
    }
    out
}
