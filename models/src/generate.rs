//! Synthetic factories of a chosen size, for benchmarks and scale tests.
//!
//! The layout follows Purdue-style practice: enterprise and DMZ zones, site operations (MES),
//! supervisory cells, production-line control cells, safety, utilities, remote-maintenance and
//! external (cloud) zones. Conduits first form the hierarchy (each control cell to a
//! supervisory zone, each supervisory zone to an MES zone, …), then random cross-links of
//! neighbouring levels bring the count to the target. Entry points attach where they would in
//! a real plant. Output is deterministic for a size (fixed seed).

use crate::id::*;
use crate::model::*;

/// A named size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// ≈ 50 assets.
    S,
    /// ≈ 1k assets.
    M,
    /// ≈ 10k assets, 300 zones, 1k conduits, 20 entry points.
    L,
    /// ≈ 100k assets.
    Xl,
}

impl Size {
    /// (assets, zones, conduits, entry points).
    pub fn shape(self) -> (usize, usize, usize, usize) {
        match self {
            Size::S => (50, 10, 14, 4),
            Size::M => (1_000, 40, 130, 8),
            Size::L => (10_000, 300, 1_000, 20),
            Size::Xl => (100_000, 3_000, 10_000, 60),
        }
    }
    /// Parse `S`, `M`, `L`, `XL` (any case).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "S" => Some(Size::S),
            "M" => Some(Size::M),
            "L" => Some(Size::L),
            "XL" => Some(Size::Xl),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ent,
    Dmz,
    Mes,
    Sup,
    Ctl,
    Sis,
    Utl,
    Rmt,
    Ext,
}

impl Kind {
    fn level(self) -> u8 {
        match self {
            Kind::Ent | Kind::Ext => 5,
            Kind::Dmz | Kind::Rmt => 4,
            Kind::Mes => 3,
            Kind::Sup | Kind::Utl => 2,
            Kind::Ctl | Kind::Sis => 1,
        }
    }
    fn template(self) -> &'static str {
        match self {
            Kind::Ent => "Z-ENT",
            Kind::Dmz => "Z-DMZ",
            Kind::Mes => "Z-MES",
            Kind::Sup => "Z-SUP",
            Kind::Ctl => "Z-CTL",
            Kind::Sis => "Z-SIS",
            Kind::Utl => "Z-UTL",
            Kind::Rmt => "Z-RMT",
            Kind::Ext => "Z-EXT",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Kind::Ent => "情報系ゾーン",
            Kind::Dmz => "DMZゾーン",
            Kind::Mes => "生産管理ゾーン",
            Kind::Sup => "監視・操作ゾーン",
            Kind::Ctl => "製造ラインゾーン",
            Kind::Sis => "安全制御ゾーン",
            Kind::Utl => "ユーティリティゾーン",
            Kind::Rmt => "リモート保守ゾーン",
            Kind::Ext => "クラウドゾーン",
        }
    }
    fn sl_t(self) -> u8 {
        match self {
            Kind::Ent => 1,
            Kind::Dmz | Kind::Mes | Kind::Utl | Kind::Rmt | Kind::Ext => 2,
            Kind::Sup | Kind::Ctl | Kind::Sis => 3,
        }
    }
    fn asset_types(self) -> &'static [&'static str] {
        match self {
            Kind::Ent => &["office_pc", "erp_server", "file_server"],
            Kind::Dmz => &["jump_server", "patch_server", "firewall"],
            Kind::Mes => &["mes_server", "historian", "db_server", "data_set"],
            Kind::Sup => &["scada_server", "hmi", "ews", "switch"],
            Kind::Ctl => &[
                "plc",
                "robot_controller",
                "drive",
                "sensor",
                "hmi",
                "switch",
            ],
            Kind::Sis => &["sis", "sensor"],
            Kind::Utl => &["bas_controller", "ups", "camera"],
            Kind::Rmt => &["vpn_router", "maintenance_pc"],
            Kind::Ext => &["saas", "cloud_service", "data_set"],
        }
    }
    fn threats(self) -> &'static [&'static str] {
        match self {
            Kind::Ent => &["T01", "T14", "T09", "T18"],
            Kind::Dmz => &["T01", "T13", "T14", "T24"],
            Kind::Mes => &["T14", "T07", "T06", "T24", "T05"],
            Kind::Sup => &["T13", "T21", "T24", "T22", "T14", "T03"],
            Kind::Ctl => &["T21", "T20", "T15", "T17", "T03", "T23", "T11"],
            Kind::Sis => &["T21", "T11", "T28"],
            Kind::Utl => &["T28", "T03", "T01"],
            Kind::Rmt => &["T12", "T25"],
            Kind::Ext => &["T04", "T26", "T09"],
        }
    }
    fn measures(self) -> &'static [&'static str] {
        match self {
            Kind::Ent => &["C-EQ-01", "C-OP-05"],
            Kind::Dmz => &["C-NW-03", "C-EQ-07", "C-EQ-02"],
            Kind::Mes => &["C-EQ-09", "C-PG-02", "C-NW-12"],
            Kind::Sup => &["C-EQ-01", "C-EQ-06", "C-EQ-08"],
            Kind::Ctl => &["C-EQ-13", "C-NW-05", "C-PH-02"],
            Kind::Sis => &["C-EQ-13", "C-PH-01"],
            Kind::Utl => &["C-EQ-04", "C-PH-04"],
            Kind::Rmt => &["C-NW-04", "C-SC-01"],
            Kind::Ext => &["C-PG-03", "C-SC-07"],
        }
    }
}

/// Zone kinds in proportion (out of 100).
const MIX: [(Kind, usize); 9] = [
    (Kind::Ent, 5),
    (Kind::Dmz, 3),
    (Kind::Mes, 7),
    (Kind::Sup, 15),
    (Kind::Ctl, 52),
    (Kind::Sis, 5),
    (Kind::Utl, 6),
    (Kind::Rmt, 4),
    (Kind::Ext, 3),
];

/// Generate a synthetic factory: the same one for a size on every run (a seeded generator).
pub fn generate(size: Size) -> Project {
    let (n_assets, n_zones, n_conduits, n_entries) = size.shape();
    let mut f = Factory {
        size,
        rng: fastrand::Rng::with_seed(0x07_20_4E_53 + n_assets as u64),
        p: Project::new(format!("合成工場 {size:?} ({n_assets} 資産)")),
        kinds: Vec::with_capacity(n_zones),
    };
    f.p.id = ProjectId::derived(&format!("synthetic-{size:?}"));
    f.p.meta.customer = "合成顧客".into();
    f.p.meta.site = "ベンチマーク工場".into();
    f.p.meta.sier = "OT Zone Studio".into();
    f.p.meta.version = "1.0".into();
    f.p.meta.created = IsoDate::parse("2026-11-01");
    f.p.meta.updated = IsoDate::parse("2026-11-20");
    // In this order: each part draws from the one generator.
    f.businesses(n_assets);
    f.zones(n_zones);
    f.conduits(n_conduits);
    f.entry_points(n_entries);
    f.assets(n_assets);
    f.threats_and_measures();
    f.damages();
    f.p
}

/// A synthetic factory being made.
struct Factory {
    size: Size,
    rng: fastrand::Rng,
    p: Project,
    /// The kind of each zone, in order.
    kinds: Vec<Kind>,
}

/// A stable id's name for the `i`th item of `kind`.
fn uid(size: Size, kind: &str, i: usize) -> String {
    format!("syn/{size:?}/{kind}/{i}")
}

/// The zones of kind `k`, by position.
fn of_kind(kinds: &[Kind], k: Kind) -> Vec<usize> {
    (0..kinds.len()).filter(|i| kinds[*i] == k).collect()
}

impl Factory {
    /// Businesses: one per ~40 assets.
    fn businesses(&mut self, n_assets: usize) {
        let Factory { size, rng, p, .. } = self;
        let size = *size;
        let n_biz = (n_assets / 40).max(5);
        for i in 0..n_biz {
            let mut scores = CriterionScores::default();
            for c in Criterion::ALL {
                if rng.u8(0..3) == 0 {
                    scores.set(c, Level::from_value(rng.u8(1..=3)));
                }
            }
            if scores.is_empty() {
                scores.set(Criterion::Delivery, Some(Level::Medium));
            }
            p.businesses.push(BusinessProcess {
                id: BusinessId::derived(&uid(size, "biz", i)),
                name: format!("業務{:04}", i + 1),
                description: "合成された業務".into(),
                department: format!("製造{}課", i % 7 + 1),
                purpose: String::new(),
                smart_change: SmartChange::None,
                data_handled: String::new(),
                scores,
                rationale: "合成データ".into(),
            });
        }
    }

    /// Zones by mix; at least one of each kind.
    fn zones(&mut self, n_zones: usize) {
        let Factory { size, p, kinds, .. } = self;
        let size = *size;
        let mut counts: Vec<usize> = MIX
            .iter()
            .map(|(_, share)| (n_zones * share / 100).max(1))
            .collect();
        // Fit the total to the size while keeping one zone of every kind.
        while counts.iter().sum::<usize>() > n_zones.max(MIX.len()) {
            let (i, _) = counts
                .iter()
                .enumerate()
                .max_by_key(|(_, c)| **c)
                .expect("non-empty");
            counts[i] -= 1;
        }
        for ((k, _), n) in MIX.iter().zip(&counts) {
            kinds.extend(std::iter::repeat_n(*k, *n));
        }
        while kinds.len() < n_zones {
            kinds.push(Kind::Ctl);
        }
        for (i, k) in kinds.iter().enumerate() {
            let mut z = Zone::new(format!("{}{:04}", k.name(), i + 1));
            z.id = ZoneId::derived(&uid(size, "zone", i));
            z.template = Some(k.template().into());
            z.sl_t = SlVector::uniform(k.sl_t());
            z.safety = *k == Kind::Sis;
            z.external = *k == Kind::Ext;
            z.policy = "合成ゾーンの方針".into();
            p.zones.push(z);
        }
    }

    /// Conduits: the hierarchy first, then random ones between neighbouring levels.
    fn conduits(&mut self, n_conduits: usize) {
        let Factory {
            size,
            rng,
            p,
            kinds,
        } = self;
        let size = *size;
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let parent_kinds = |k: Kind| -> &'static [Kind] {
            match k {
                Kind::Ctl | Kind::Sis => &[Kind::Sup],
                Kind::Sup | Kind::Utl => &[Kind::Mes],
                Kind::Mes => &[Kind::Dmz],
                Kind::Dmz => &[Kind::Ent],
                Kind::Rmt => &[Kind::Dmz],
                Kind::Ext => &[Kind::Mes],
                Kind::Ent => &[],
            }
        };
        for (i, k) in kinds.iter().enumerate() {
            for pk in parent_kinds(*k) {
                let parents = of_kind(kinds, *pk);
                if !parents.is_empty() {
                    pairs.push((parents[i % parents.len()], i));
                }
            }
        }
        let mut guard = 0;
        while pairs.len() < n_conduits && guard < n_conduits * 20 {
            guard += 1;
            let a = rng.usize(0..kinds.len());
            let b = rng.usize(0..kinds.len());
            let (la, lb) = (kinds[a].level(), kinds[b].level());
            if a != b
                && la.abs_diff(lb) <= 1
                && !pairs.contains(&(a, b))
                && !pairs.contains(&(b, a))
            {
                pairs.push((a, b));
            }
        }
        let protocols = [
            "opc_ua",
            "https",
            "modbus_tcp",
            "ethernet_ip",
            "s7comm",
            "rdp",
            "sql",
            "smb",
        ];
        for (ci, (a, b)) in pairs.into_iter().enumerate() {
            let mut c = Conduit::new(
                format!("コンジット{:05}", ci + 1),
                Endpoint::Zone(p.zones[a].id),
                Endpoint::Zone(p.zones[b].id),
            );
            c.id = ConduitId::derived(&uid(size, "conduit", ci));
            let proto = protocols[rng.usize(0..protocols.len())];
            c.channels.push(Channel {
                protocol: proto.into(),
                port: String::new(),
                direction: Some(if rng.u8(0..4) == 0 {
                    Direction::Forward
                } else {
                    Direction::Both
                }),
                initiator: Some(Initiator::From),
                purpose: "合成".into(),
                encrypted: rng.bool(),
                authenticated: rng.bool(),
            });
            if rng.u8(0..10) < 7 {
                c.boundary.push(BoundaryControl {
                    kind: BoundaryKind::Firewall,
                    device: None,
                    note: String::new(),
                });
            }
            c.sl_t = Some(SlVector::uniform(kinds[a].sl_t().max(kinds[b].sl_t())));
            p.conduits.push(c);
        }
    }

    /// Entry points where they attach in a real plant.
    fn entry_points(&mut self, n_entries: usize) {
        let Factory { size, p, kinds, .. } = self;
        let size = *size;
        let entry_kinds = [
            (EntryKind::Internet, Kind::Ent),
            (EntryKind::Cloud, Kind::Ext),
            (EntryKind::RemoteMaintenance, Kind::Rmt),
            (EntryKind::RemovableMedia, Kind::Sup),
            (EntryKind::VendorPc, Kind::Ctl),
            (EntryKind::Wireless, Kind::Ctl),
            (EntryKind::CorporateNetwork, Kind::Ent),
            (EntryKind::Physical, Kind::Sis),
        ];
        for i in 0..n_entries {
            let (kind, zk) = entry_kinds[i % entry_kinds.len()];
            let id = EntryPointId::derived(&uid(size, "entry", i));
            p.entry_points.push(EntryPoint {
                id,
                name: format!("侵入口{:03}", i + 1),
                kind,
                description: String::new(),
                position: None,
            });
            let targets = of_kind(kinds, zk);
            let z = targets[(i / entry_kinds.len() * 7) % targets.len()];
            let mut c = Conduit::new(
                format!("侵入経路{:03}", i + 1),
                Endpoint::Entry(id),
                Endpoint::Zone(p.zones[z].id),
            );
            c.id = ConduitId::derived(&uid(size, "entry-conduit", i));
            c.wireless = kind == EntryKind::Wireless;
            c.channels.push(Channel {
                protocol: "https".into(),
                port: "443".into(),
                direction: Some(Direction::Both),
                initiator: Some(Initiator::From),
                purpose: String::new(),
                encrypted: true,
                authenticated: kind != EntryKind::RemovableMedia,
            });
            if kind.is_remote() {
                c.boundary.push(BoundaryControl {
                    kind: BoundaryKind::Firewall,
                    device: None,
                    note: String::new(),
                });
            }
            p.conduits.push(c);
        }
    }

    /// Assets: weighted towards control cells.
    fn assets(&mut self, n_assets: usize) {
        let Factory {
            size,
            rng,
            p,
            kinds,
        } = self;
        let size = *size;
        let n_biz = p.businesses.len();
        let weight = |k: Kind| match k {
            Kind::Ctl => 6,
            Kind::Sup => 3,
            Kind::Mes | Kind::Ent => 2,
            _ => 1,
        };
        let total: usize = kinds.iter().map(|k| weight(*k)).sum();
        let mut ai = 0;
        for (zi, k) in kinds.iter().enumerate() {
            let n = if zi + 1 == kinds.len() {
                n_assets.saturating_sub(ai)
            } else {
                n_assets * weight(*k) / total
            };
            for j in 0..n {
                if ai >= n_assets {
                    break;
                }
                let types = k.asset_types();
                let t = types[j % types.len()];
                let mut a = ProtectedAsset::new(format!("{}-{:06}", t.to_uppercase(), ai + 1), t);
                a.id = AssetId::derived(&uid(size, "asset", ai));
                a.zone = Some(p.zones[zi].id);
                a.businesses.push(p.businesses[rng.usize(0..n_biz)].id);
                if rng.u8(0..4) == 0 {
                    a.businesses.push(p.businesses[rng.usize(0..n_biz)].id);
                    a.businesses.dedup();
                }
                a.vendor =
                    ["三菱電機", "横河電機", "オムロン", "Siemens", "Rockwell"][ai % 5].into();
                a.address = format!("10.{}.{}.{}", zi / 250, zi % 250, j % 250 + 1);
                p.assets.push(a);
                ai += 1;
            }
        }
    }

    /// Threat reviews and countermeasures per zone.
    fn threats_and_measures(&mut self) {
        let Factory {
            size,
            rng,
            p,
            kinds,
        } = self;
        let size = *size;
        let statuses = [
            MeasureStatus::Proposed,
            MeasureStatus::Agreed,
            MeasureStatus::Implemented,
            MeasureStatus::Implemented,
        ];
        let parties = [
            Responsibility::Sier,
            Responsibility::Customer,
            Responsibility::Vendor,
            Responsibility::Shared,
        ];
        for (zi, k) in kinds.iter().enumerate() {
            let zid = p.zones[zi].id;
            for t in k.threats() {
                let mut impacts = CriterionScores::default();
                impacts.set(Criterion::Delivery, Level::from_value(rng.u8(1..=3)));
                p.threats.push(ThreatScenario {
                    id: ZoneThreatId::derived(&format!("{}/{t}", uid(size, "threat", zi))),
                    zone: zid,
                    threat: (*t).into(),
                    applicable: true,
                    reason: String::new(),
                    entry_path: String::new(),
                    threat_level: None,
                    impacts,
                    impact_ids: vec![],
                    note: String::new(),
                });
            }
            for (mi, m) in k.measures().iter().enumerate() {
                p.countermeasures.push(Countermeasure {
                    number: 0,
                    id: MeasureId::derived(&format!("{}/{mi}", uid(size, "measure", zi))),
                    measure: (*m).into(),
                    detail: String::new(),
                    category: None,
                    threats: vec![],
                    scope: MeasureScope {
                        zones: vec![zid],
                        ..Default::default()
                    },
                    responsibility: Some(parties[rng.usize(0..parties.len())]),
                    shared_with: Vec::new(),
                    operator: None,
                    paid: Some(rng.bool()),
                    status: statuses[rng.usize(0..statuses.len())],
                    due: None,
                    evidence: String::new(),
                    notes: String::new(),
                });
            }
        }
    }

    /// Business damages on a few high-value control assets.
    fn damages(&mut self) {
        let Factory { size, p, .. } = self;
        let size = *size;
        for (di, a) in p
            .assets
            .iter()
            .filter(|a| a.asset_type == "plc")
            .take(3)
            .enumerate()
        {
            p.damages.push(BusinessDamage {
                id: DamageId::derived(&uid(size, "damage", di)),
                name: format!("供給停止{}", di + 1),
                level: Level::High,
                target: a.id,
                final_attack: String::new(),
                pruned: vec![],
                criteria: vec![Criterion::Delivery],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn sizes_have_the_promised_shape_and_are_consistent() {
        for size in [Size::S, Size::M] {
            let p = generate(size);
            let (assets, zones, conduits, entries) = size.shape();
            assert_eq!(p.assets.len(), assets);
            assert_eq!(p.zones.len(), zones);
            assert_eq!(p.entry_points.len(), entries);
            assert!(
                p.conduits.len() >= conduits,
                "{} conduits",
                p.conduits.len()
            );
            assert!(crate::integrity::check(&p, Catalogue::builtin()).is_empty());
        }
    }

    #[test]
    fn generation_is_deterministic() {
        assert!(generate(Size::S) == generate(Size::S));
    }
}
