//! Step 1-6 (本編 3.1.6): zones, the entry points outside them, and conduits as first-class
//! objects between zones and entry points (IEC 62443-3-2 ZCR 3).

use super::{Position, SlVector};
use crate::id::{AssetId, BusinessId, ConduitId, EntryPointId, ZoneId};
use serde::{Deserialize, Serialize};

/// A zone (ゾーン): assets and businesses of equivalent content and importance that share
/// security requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// A zone.
    Zone(ZoneId),
    /// An external entry point.
    Entry(EntryPointId),
}

/// Traffic direction of a channel relative to the conduit's `from` → `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Whether traffic can be initiated from `from` towards `to` (and, with `reverse`, back).
    ///
    /// A conduit with no channel direction recorded is taken as bidirectional: the analysis
    /// must not hide a path because a field was left empty.
    pub fn allows(&self, reverse: bool) -> bool {
        if self.channels.is_empty() {
            return true;
        }
        self.channels.iter().any(|c| match c.direction {
            None | Some(Direction::Both) => true,
            Some(Direction::Forward) => !reverse,
            Some(Direction::Reverse) => reverse,
        })
    }
}
