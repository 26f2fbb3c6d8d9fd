//! The threat level (脅威レベル) of a threat in a zone, from the catalogue's base level and the
//! zone's exposure in the zone/conduit graph — unless the analyst set one in step 1-7.
//!
//! Rules (P; shown with every figure):
//! - network-borne threats: +1 when a remote entry point (internet, cloud, remote maintenance)
//!   reaches straight into the zone — opening sessions, or sending data over the sessions the
//!   zone opens (browsing) — over a conduit with no blocking boundary control; −1 when no entry point other than physical access reaches the zone at all; −1
//!   when every network route into the zone needs a response hop between zones (the zone is
//!   reached only through answers to sessions its side opens, see [`crate::graph`]);
//! - threats that need a kind of entry point (e.g. T12 needs remote maintenance): level 1 when
//!   no entry point of that kind reaches the zone;
//! - wireless threats: level 1 when neither a wireless entry point nor a wireless conduit
//!   reaches the zone;
//! - physical, insider, supply-chain and operational threats keep their base level.

use crate::catalogue::Threat;
use crate::graph::{Node, ZoneGraph};
use crate::id::ZoneId;
use crate::model::{EntryKind, Level, Project, ThreatVector};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeSet;

/// How exposed a zone is.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneExposure {
    /// Kinds of entry point that reach the zone.
    pub reached_by: BTreeSet<EntryKind>,
    /// Kinds of entry point that reach the zone without a response hop between zones.
    pub session_reached_by: BTreeSet<EntryKind>,
    /// Fewest hops from a remote entry point.
    pub remote_hops: Option<u32>,
    /// A remote entry point's conduit enters the zone without a blocking boundary control.
    pub direct_remote_unprotected: bool,
    /// A wireless conduit touches the zone.
    pub wireless_conduit: bool,
}

/// Exposure of every zone.
///
/// # Complexity
/// O(N·(V + E)) for N entry points.
pub fn exposures(project: &Project, graph: &ZoneGraph) -> HashMap<ZoneId, ZoneExposure> {
    let mut out: HashMap<ZoneId, ZoneExposure> = project
        .zones
        .iter()
        .map(|z| (z.id, ZoneExposure::default()))
        .collect();
    for e in &project.entry_points {
        for (z, hops) in graph.reachable_from(e.id) {
            let x = out.entry(z).or_default();
            x.reached_by.insert(e.kind);
            if e.kind.is_remote() {
                x.remote_hops = Some(x.remote_hops.map_or(hops, |h| h.min(hops)));
            }
        }
        for z in graph.reachable_by_sessions_from(e.id).into_keys() {
            out.entry(z).or_default().session_reached_by.insert(e.kind);
        }
    }
    for (from, to, hop) in graph.edges() {
        let c = &project.conduits[hop.conduit_index];
        if let (Node::Entry(_, kind), Node::Zone(z)) = (from, to) {
            if kind.is_remote() && !hop.controlled && hop.kind != crate::model::HopKind::Response {
                out.entry(z).or_default().direct_remote_unprotected = true;
            }
        }
        if c.wireless {
            for n in [from, to] {
                if let Node::Zone(z) = n {
                    out.entry(z).or_default().wireless_conduit = true;
                }
            }
        }
    }
    out
}

/// Why a threat level is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Adjustment {
    /// Set by the analyst in step 1-7.
    Analyst,
    /// No adjustment.
    None,
    /// +1: a remote entry point reaches the zone through an unprotected conduit.
    DirectRemote,
    /// −1: no entry point reaches the zone over the network.
    Unreachable,
    /// −1: every network route into the zone rides a response between zones.
    ResponseOnly,
    /// Forced to 1: no entry point of the required kinds reaches the zone.
    RequiredEntryMissing {
        /// The kinds the threat needs.
        kinds: Vec<EntryKind>,
    },
    /// Forced to 1: no wireless path reaches the zone.
    NoWirelessPath,
}

/// The threat level and its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThreatBasis {
    /// Catalogue base level.
    pub base: Level,
    /// The adjustment applied.
    pub adjustment: Adjustment,
    /// The level before countermeasures that lower threat.
    pub level: Level,
}

/// Derive the threat level for `threat` in a zone with `exposure`.
pub fn threat_level(
    threat: &Threat,
    analyst: Option<Level>,
    exposure: Option<&ZoneExposure>,
) -> ThreatBasis {
    let base = threat.base_level;
    if let Some(l) = analyst {
        return ThreatBasis {
            base,
            adjustment: Adjustment::Analyst,
            level: l,
        };
    }
    let default = ZoneExposure::default();
    let x = exposure.unwrap_or(&default);
    if !threat.requires_entry.is_empty()
        && !threat
            .requires_entry
            .iter()
            .any(|k| x.reached_by.contains(k))
    {
        return ThreatBasis {
            base,
            adjustment: Adjustment::RequiredEntryMissing {
                kinds: threat.requires_entry.clone(),
            },
            level: Level::Low,
        };
    }
    let (adjustment, level) = match threat.vector {
        ThreatVector::Network => {
            let networked = x.reached_by.iter().any(|k| *k != EntryKind::Physical);
            if !networked {
                (
                    Adjustment::Unreachable,
                    Level::clamped(i32::from(base.value()) - 1),
                )
            } else if x.direct_remote_unprotected {
                (
                    Adjustment::DirectRemote,
                    Level::clamped(i32::from(base.value()) + 1),
                )
            } else if !x
                .session_reached_by
                .iter()
                .any(|k| *k != EntryKind::Physical)
            {
                (
                    Adjustment::ResponseOnly,
                    Level::clamped(i32::from(base.value()) - 1),
                )
            } else {
                (Adjustment::None, base)
            }
        }
        ThreatVector::Wireless => {
            if x.reached_by.contains(&EntryKind::Wireless) || x.wireless_conduit {
                (Adjustment::None, base)
            } else {
                (Adjustment::NoWirelessPath, Level::Low)
            }
        }
        _ => (Adjustment::None, base),
    };
    ThreatBasis {
        base,
        adjustment,
        level,
    }
}
