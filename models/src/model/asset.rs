//! Steps 1-4 / 1-5 (本編 3.1.4–3.1.5): protected assets (保護対象) and their importance,
//! derived from the businesses they support unless overridden with a written reason.

use super::{IsoDate, Level, Position};
use crate::id::{AssetId, BusinessId, SupplierId, ZoneId};
use serde::{Deserialize, Serialize};

/// A protected asset: equipment, data, or a system/service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ProtectedAsset {
    /// Id.
    pub id: AssetId,
    /// Readable number, given once and kept ([`super::numbering`]); 0 = none yet.
    #[serde(default, skip_serializing_if = "super::numbering::is_zero")]
    pub number: u32,
    /// Name or tag (e.g. `PLC-L1-01`).
    pub name: String,
    /// Asset type: a catalogue id from `asset_types` (e.g. `plc`, `historian`, `cloud_service`).
    pub asset_type: String,
    /// Manufacturer.
    #[serde(default)]
    pub vendor: String,
    /// Model / 型式.
    #[serde(default)]
    pub model: String,
    /// Firmware or OS and version.
    #[serde(default)]
    pub firmware: String,
    /// Network address(es): IPv4/IPv6, optionally with a prefix; several separated by `;`.
    #[serde(default)]
    pub address: String,
    /// Physical location (building, room, panel).
    #[serde(default)]
    pub location: String,
    /// Owning department or person.
    #[serde(default)]
    pub owner: String,
    /// Installed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub install_date: Option<IsoDate>,
    /// Vendor support ends on (サポート終了日).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_end: Option<IsoDate>,
    /// The zone the asset belongs to (each asset is in exactly one zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<ZoneId>,
    /// Businesses the asset supports (importance derives from them).
    #[serde(default)]
    pub businesses: Vec<BusinessId>,
    /// A deliberate importance different from the derived one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance_override: Option<ImportanceOverride>,
    /// A general-purpose, off-the-shelf product (汎用品).
    #[serde(default)]
    pub generic_product: bool,
    /// Delivered as part of this SI project (it appears in the 構成管理表).
    #[serde(default)]
    pub delivered: bool,
    /// Who supplied it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<SupplierId>,
    /// Industrial protocols it speaks (catalogue ids, e.g. `modbus_tcp`).
    #[serde(default)]
    pub protocols: Vec<String>,
    /// Installed software, licences, SBOM reference.
    #[serde(default)]
    pub software: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// The analyst's decisions that a catalogue threat does or does not apply to this asset,
    /// each with its written reason (they win over the catalogue's rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub threat_applicability: Vec<ThreatApplicability>,
    /// Place on the zone diagram, relative to its zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// A manual importance with its justification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ImportanceOverride {
    /// The level to use instead of the derived one.
    pub level: Level,
    /// Why (required; an empty reason is a validation finding).
    pub reason: String,
}

impl ProtectedAsset {
    /// A new asset with only the required fields set.
    pub fn new(name: impl Into<String>, asset_type: impl Into<String>) -> Self {
        Self {
            id: AssetId::new(),
            number: 0,
            name: name.into(),
            asset_type: asset_type.into(),
            vendor: String::new(),
            model: String::new(),
            firmware: String::new(),
            address: String::new(),
            location: String::new(),
            owner: String::new(),
            install_date: None,
            support_end: None,
            zone: None,
            businesses: Vec::new(),
            importance_override: None,
            generic_product: false,
            delivered: false,
            supplier: None,
            protocols: Vec::new(),
            software: String::new(),
            notes: String::new(),
            threat_applicability: Vec::new(),
            position: None,
        }
    }

    /// The analyst's decision on `threat` for this asset, if any.
    pub fn applicability_of(&self, threat: &str) -> Option<&ThreatApplicability> {
        self.threat_applicability
            .iter()
            .find(|o| o.threat == threat)
    }
}

/// The analyst's decision that a threat does (or does not) apply to one asset, overriding the
/// catalogue's applicability rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ThreatApplicability {
    /// Threat id (`T24`, `X-…`).
    pub threat: String,
    /// Applies (true) or does not apply (false).
    pub applies: bool,
    /// Why (required; an empty reason is a validation finding).
    pub reason: String,
}

/// An attribute of an asset that decides whether some threats apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AssetTrait {
    /// Runs a general-purpose OS (Windows, Linux): commodity malware runs on it.
    GeneralPurposeOs,
    /// Has removable-media ports (USB, SD card) that are used in operation or maintenance.
    RemovableMedia,
    /// Talks over a wireless link.
    Wireless,
}

/// Broad class of an asset type; threats state which classes they apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AssetClass {
    /// PLC, DCS controller, robot/CNC controller, drive.
    Controller,
    /// Safety instrumented system / safety PLC.
    Safety,
    /// HMI, engineering workstation, operator or office PC.
    Workstation,
    /// SCADA, MES, historian, database, patch or file server.
    Server,
    /// Switch, router, firewall, VPN router, gateway, access point.
    Network,
    /// Sensor, actuator, field instrument, camera, IoT device.
    Field,
    /// A cloud or external service.
    Cloud,
    /// A data set (recipes, drawings, production records).
    Data,
    /// An application or software package.
    Software,
    /// Power, HVAC and other facility equipment.
    Facility,
}

impl AssetClass {
    /// All classes.
    pub const ALL: [AssetClass; 10] = [
        Self::Controller,
        Self::Safety,
        Self::Workstation,
        Self::Server,
        Self::Network,
        Self::Field,
        Self::Cloud,
        Self::Data,
        Self::Software,
        Self::Facility,
    ];
}
