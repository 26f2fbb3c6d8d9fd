//! Step 1-6 (本編 3.1.6): zones, the entry points outside them, and conduits as first-class
//! objects between zones and entry points (IEC 62443-3-2 ZCR 3).

use super::{Position, SlVector};
use crate::id::{AssetId, BusinessId, ConduitId, EntryPointId, ZoneId};
use serde::{Deserialize, Serialize};

/// A zone (ゾーン): assets and businesses of equivalent content and importance that share
/// security requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Id.
    pub id: ZoneId,
    /// Name.
    pub name: String,
    /// Purpose.
    #[serde(default)]
    pub purpose: String,
    /// Catalogue zone template it was made from (e.g. `Z-CTL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Enclosing zone, for sub-zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ZoneId>,
    /// Businesses linked explicitly (those of member assets are linked implicitly).
    #[serde(default)]
    pub businesses: Vec<BusinessId>,
    /// Target security level SL-T (ZCR 5.6).
    #[serde(default = "default_sl_t")]
    pub sl_t: SlVector,
    /// Achieved security level SL-A, once assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sl_a: Option<SlVector>,
    /// Security requirements set for the zone (step 1-7, 別冊).
    #[serde(default)]
    pub security_requirements: String,
    /// Step 2-1: the zone's security policy.
    #[serde(default)]
    pub policy: String,
    /// What the policy is based on (importance, requirements).
    #[serde(default)]
    pub policy_basis: String,
    /// Organisation accountable for the zone.
    #[serde(default)]
    pub accountable: String,
    /// Physical area (building, floor, panel).
    #[serde(default)]
    pub physical_area: String,
    /// Holds safety-related assets (ZCR 3.3).
    #[serde(default)]
    pub safety: bool,
    /// Outside the plant (cloud, another site, vendor).
    #[serde(default)]
    pub external: bool,
    /// Place on the zone diagram.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn default_sl_t() -> SlVector {
    SlVector::uniform(1)
}

impl Zone {
    /// A new zone with defaults (SL-T 1).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: ZoneId::new(),
            name: name.into(),
            purpose: String::new(),
            template: None,
            parent: None,
            businesses: Vec::new(),
            sl_t: default_sl_t(),
            sl_a: None,
            security_requirements: String::new(),
            policy: String::new(),
            policy_basis: String::new(),
            accountable: String::new(),
            physical_area: String::new(),
            safety: false,
            external: false,
            position: None,
        }
    }
}

/// Kinds of external entry point (侵入口).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The internet.
    Internet,
    /// A cloud service.
    Cloud,
    /// Remote-maintenance line / VPN.
    RemoteMaintenance,
    /// USB memory and other removable media.
    RemovableMedia,
    /// A vendor's or contractor's PC brought on site.
    VendorPc,
    /// Wireless (Wi-Fi, LPWA, 5G).
    Wireless,
    /// The corporate (IT) network or another site.
    CorporateNetwork,
    /// Physical access to the site.
    Physical,
}

impl EntryKind {
    /// All kinds.
    pub const ALL: [EntryKind; 8] = [
        Self::Internet,
        Self::Cloud,
        Self::RemoteMaintenance,
        Self::RemovableMedia,
        Self::VendorPc,
        Self::Wireless,
        Self::CorporateNetwork,
        Self::Physical,
    ];
    /// Wire name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Internet => "internet",
            Self::Cloud => "cloud",
            Self::RemoteMaintenance => "remote_maintenance",
            Self::RemovableMedia => "removable_media",
            Self::VendorPc => "vendor_pc",
            Self::Wireless => "wireless",
            Self::CorporateNetwork => "corporate_network",
            Self::Physical => "physical",
        }
    }
    /// Whether an attacker can use it from afar (no presence on site needed).
    pub fn is_remote(self) -> bool {
        matches!(self, Self::Internet | Self::Cloud | Self::RemoteMaintenance)
    }
}

/// An entry point outside every zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EntryPoint {
    /// Id.
    pub id: EntryPointId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: EntryKind,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Place on the zone diagram.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// One end of a conduit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// A zone.
    Zone(ZoneId),
    /// An external entry point.
    Entry(EntryPointId),
}

/// Traffic direction of a channel relative to the conduit's `from` → `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// from → to only.
    Forward,
    /// to → from only.
    Reverse,
    /// Both ways.
    Both,
}

/// Which end opens the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// The `from` end.
    From,
    /// The `to` end.
    To,
    /// Either end.
    Either,
}

/// A communication channel carried by a conduit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Protocol: a catalogue id (e.g. `opc_ua`) or free text.
    pub protocol: String,
    /// Port(s), e.g. `4840` or `49152-65535`.
    #[serde(default)]
    pub port: String,
    /// Direction of data flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Which end initiates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<Initiator>,
    /// What flows.
    #[serde(default)]
    pub purpose: String,
    /// Encrypted on the wire.
    #[serde(default)]
    pub encrypted: bool,
    /// Authenticated.
    #[serde(default)]
    pub authenticated: bool,
}

/// Kinds of boundary control on a conduit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum BoundaryKind {
    /// Firewall.
    Firewall,
    /// Industrial firewall with deep packet inspection.
    IndustrialFirewall,
    /// Unidirectional gateway.
    DataDiode,
    /// VPN gateway.
    VpnGateway,
    /// Jump host / remote-access server.
    JumpHost,
    /// Proxy or relay server.
    Proxy,
    /// Router with ACLs.
    RouterAcl,
    /// Network access control.
    Nac,
    /// Passive intrusion detection (detects, does not block).
    Ids,
}

impl BoundaryKind {
    /// Does it block traffic (rather than only watch)?
    pub fn blocks(self) -> bool {
        !matches!(self, Self::Ids)
    }
}

/// A boundary control on a conduit, optionally the asset that implements it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct BoundaryControl {
    /// Kind.
    pub kind: BoundaryKind,
    /// The device, if it is a modelled asset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<AssetId>,
    /// Notes (rule set, product).
    #[serde(default)]
    pub note: String,
}

/// A conduit (コンジット): the channels between two zones, or between an entry point and a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Conduit {
    /// Id.
    pub id: ConduitId,
    /// Name.
    pub name: String,
    /// One end.
    pub from: Endpoint,
    /// The other end.
    pub to: Endpoint,
    /// Channels (protocol, port, direction).
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Boundary controls (firewall, diode …).
    #[serde(default)]
    pub boundary: Vec<BoundaryControl>,
    /// Target security level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sl_t: Option<SlVector>,
    /// Achieved security level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sl_a: Option<SlVector>,
    /// Owning organisation.
    #[serde(default)]
    pub owner: String,
    /// Only connected at times (maintenance).
    #[serde(default)]
    pub temporary: bool,
    /// Carried over a wireless link.
    #[serde(default)]
    pub wireless: bool,
    /// Added by the system being delivered (顧客NWへの影響確認).
    #[serde(default)]
    pub introduced_by_delivery: bool,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
}

impl Conduit {
    /// A new conduit without channels.
    pub fn new(name: impl Into<String>, from: Endpoint, to: Endpoint) -> Self {
        Self {
            id: ConduitId::new(),
            name: name.into(),
            from,
            to,
            channels: Vec::new(),
            boundary: Vec::new(),
            sl_t: None,
            sl_a: None,
            owner: String::new(),
            temporary: false,
            wireless: false,
            introduced_by_delivery: false,
            notes: String::new(),
        }
    }
    /// True when at least one boundary control blocks traffic.
    pub fn has_blocking_boundary(&self) -> bool {
        self.boundary.iter().any(|b| b.kind.blocks())
    }
    /// True when a physically one-way device (data diode / unidirectional gateway) sits on
    /// the conduit: nothing crosses it against the data direction, whoever "initiates".
    pub fn is_one_way(&self) -> bool {
        self.boundary
            .iter()
            .any(|b| b.kind == BoundaryKind::DataDiode)
    }

    /// How the `from` end reaches the `to` end (with `reverse`, `to` reaches `from`), or
    /// `None` when nothing can cross that way. `responds(protocol)` tells whether a channel's
    /// protocol answers the sessions it carries (false for one-way datagram pushes such as
    /// syslog or an LPWA uplink; unknown protocols answer). The rule (see [`crate::graph`] for
    /// the IEC 62443-3-2 reasoning):
    /// - an end that may **initiate** a session over a channel reaches the other end,
    ///   whatever way the process data mainly flows ([`HopKind::Initiate`]);
    /// - an end that sends **data** over sessions the other end opens reaches it as easily
    ///   (a cloud service answering an MES gateway's requests with recipes) ([`HopKind::Data`]);
    /// - otherwise the end only answers (acknowledgements, status): a response can carry an
    ///   exploit, so it still reaches the initiator over a channel whose protocol answers, but
    ///   only as a harder hop ([`HopKind::Response`]);
    /// - across a one-way device (data diode) only the recorded data direction is open (the
    ///   sender pushes); a diode with no direction recorded (no channel, or only `both`) is
    ///   taken as open `from` → `to` only, and validation asks for the direction;
    /// - otherwise a conduit or channel with the field left empty is taken as open both ways,
    ///   so that an empty field never hides a path.
    ///
    /// The channel reported is the first that gives the easiest hop kind.
    pub fn reach(&self, reverse: bool, responds: impl Fn(&str) -> bool) -> Option<Reach> {
        let indexed = || self.channels.iter().enumerate();
        if self.is_one_way() {
            let explicit = |c: &Channel| {
                matches!(
                    c.direction,
                    Some(Direction::Forward) | Some(Direction::Reverse)
                )
            };
            if !self.channels.iter().any(explicit) {
                return (!reverse).then_some(Reach {
                    channel: (!self.channels.is_empty()).then_some(0),
                    kind: HopKind::Initiate,
                });
            }
            return indexed()
                .find(|(_, c)| explicit(c) && c.carries_data(reverse))
                .map(|(i, _)| Reach {
                    channel: Some(i),
                    kind: HopKind::Initiate,
                });
        }
        if self.channels.is_empty() {
            return Some(Reach {
                channel: None,
                kind: HopKind::Initiate,
            });
        }
        let found = |kind: HopKind, f: &dyn Fn(&Channel) -> bool| {
            indexed().find(|(_, c)| f(c)).map(|(i, _)| Reach {
                channel: Some(i),
                kind,
            })
        };
        found(HopKind::Initiate, &|c| c.may_initiate(reverse))
            .or_else(|| found(HopKind::Data, &|c| c.carries_data(reverse)))
            .or_else(|| found(HopKind::Response, &|c| responds(&c.protocol)))
    }

    /// True when a one-way device sits on the conduit but no channel records which way it
    /// passes data (then only `from` → `to` is taken as open).
    pub fn one_way_without_direction(&self) -> bool {
        self.is_one_way()
            && !self.channels.iter().any(|c| {
                matches!(
                    c.direction,
                    Some(Direction::Forward) | Some(Direction::Reverse)
                )
            })
    }

    /// The rule before initiators were considered: an edge where some channel's data flows
    /// that way. Kept for comparison (tests and the property that [`Conduit::reach`] only
    /// adds hops, except across one-way devices).
    pub fn data_flows(&self, reverse: bool) -> bool {
        self.channels.is_empty() || self.channels.iter().any(|c| c.carries_data(reverse))
    }
}

impl Channel {
    /// Whether the end on the `from` side (with `reverse`, the `to` side) may open a session.
    /// An unrecorded initiator counts as either end.
    pub fn may_initiate(&self, reverse: bool) -> bool {
        match self.initiator {
            None | Some(Initiator::Either) => true,
            Some(Initiator::From) => !reverse,
            Some(Initiator::To) => reverse,
        }
    }

    /// Whether process data flows from the `from` side (with `reverse`, from the `to` side).
    /// An unrecorded direction counts as both.
    pub fn carries_data(&self, reverse: bool) -> bool {
        match self.direction {
            None | Some(Direction::Both) => true,
            Some(Direction::Forward) => !reverse,
            Some(Direction::Reverse) => reverse,
        }
    }
}

/// How an attacker holding one end of a conduit gets to the other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    /// The end may open a session to the other end (or pushes data through a one-way device).
    Initiate,
    /// The end sends data over sessions the other end opens: what it sends is consumed there.
    Data,
    /// The end only answers sessions the other end opens (acknowledgements, status): the
    /// exploit must ride a response. Harder, never invisible.
    Response,
}

/// One way across a conduit: which channel carries it and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Index into [`Conduit::channels`]; `None` when the conduit records no channel.
    pub channel: Option<usize>,
    /// Initiated or response-only.
    pub kind: HopKind,
}
