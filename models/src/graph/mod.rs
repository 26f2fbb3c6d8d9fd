//! The zone/conduit graph (IEC 62443-3-2 ZCR 3) with the external entry points, built fresh
//! for each analysis with petgraph.
//!
//! Nodes are zones and entry points; each conduit becomes one directed edge per direction in
//! which an attacker holding one end can get to the other ([`Conduit::reach`]). Sub-zones are
//! not implicitly connected to their parent: traffic between them needs a conduit like any
//! other. `NodeIndex` never leaves this module; callers use [`ZoneId`], [`EntryPointId`] and
//! [`ConduitId`].
//!
//! # Reachability: who can open a session, not which way the data flows
//! IEC 62443-3-2 (ZCR 3.x) describes a conduit by its channels; an attacker's question is not
//! where the process data goes but what a compromised end can *send*. So:
//! - **Initiator reaches the responder.** A zone (or entry point) that may open a session over
//!   a channel reaches the other end whatever way the process data mainly flows: a SCADA
//!   server that polls a PLC over Modbus/TCP ("data flows back to SCADA") can write coils and
//!   registers as easily as it reads them. `initiator: either` (or unrecorded) reaches both
//!   ways. Hop kind [`HopKind::Initiate`].
//! - **Data sent over the other end's sessions reaches as easily.** When the responding end
//!   sends data the initiator consumes (a cloud MES answering the plant gateway's requests
//!   with recipes and orders, a database answering queries), what it sends is acted upon: a
//!   [`HopKind::Data`] hop, as easy as initiating. (Every edge of the earlier data-direction
//!   rule keeps its full strength.)
//! - **The responder that only answers reaches back, harder.** Where no data flows back —
//!   only acknowledgements and status — a response can still carry an exploit (a malformed
//!   reply to a client's parser), so the responding end reaches the initiator, as a
//!   [`HopKind::Response`] hop: shown in every path's explanation and, between zones, lowering
//!   the threat level by one when every network route into a zone needs such a hop
//!   ([`crate::risk::exposure`]). A protocol that never answers (the catalogue's
//!   `responds = false`: syslog, an LPWA uplink) gives no such hop. A response hop straight
//!   out of an entry point is not discounted: clients inside the plant opening sessions to
//!   the internet (web, mail, downloads) are the classic way malware comes in.
//! - **A one-way device closes the other way.** Across a data diode / unidirectional gateway
//!   only the recorded data direction is open (the sender pushes), whoever is recorded as
//!   initiating; nothing crosses against it. A diode whose direction is not recorded is taken
//!   as open `from` → `to` only, and validation asks for the direction.
//! - **Boundary controls make a hop harder; they never delete it.** A firewall, an industrial
//!   firewall restricted to read functions, a VPN gateway or a jump host is recorded on the
//!   hop (`controlled`): it stops the +1 for direct remote exposure, counts as protection of
//!   the conduit on attack paths, and its countermeasures raise the step's countermeasure
//!   level in attack trees; a misconfigured rule or a stolen credential still crosses it.
//! - **Empty fields never hide a path.** A conduit without channels, a channel without a
//!   direction or initiator counts as open both ways.
//!
//! Every edge of the earlier data-direction rule is kept at full strength
//! ([`Conduit::data_flows`] edges are initiated or data hops, except across a one-way device),
//! which the property tests check on random factories.

pub mod attack_path;
pub mod route;

use crate::id::{ConduitId, EntryPointId, ZoneId};
use crate::model::{Conduit, Endpoint, EntryKind, HopKind, Project};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;

/// A node of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A zone.
    Zone(ZoneId),
    /// An entry point, with its kind.
    Entry(EntryPointId, EntryKind),
}

/// An edge: one conduit in one direction, with the channel that carries it and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hop {
    /// The conduit.
    pub conduit: ConduitId,
    /// Index of the conduit in `project.conduits`.
    #[serde(skip)]
    pub conduit_index: usize,
    /// True when the edge runs `to → from`.
    pub reverse: bool,
    /// Index of the channel in the conduit's `channels` (none recorded: `None`).
    pub channel: Option<u32>,
    /// Initiated or response-only (harder).
    pub kind: HopKind,
    /// A blocking boundary control sits on the conduit (harder; the edge stays).
    pub controlled: bool,
}

/// Whether a protocol answers the sessions it carries (the catalogue's `responds`; unknown
/// and free-text protocols answer, so that a path is never hidden).
pub fn responds(protocol: &str) -> bool {
    crate::catalogue::Catalogue::builtin()
        .protocols
        .iter()
        .find(|p| p.id == protocol)
        .is_none_or(|p| p.responds)
}

/// How one hop of a path crossed its conduit, without the conduit id (a path keeps those
/// apart): compact, since a large factory's attack paths hold hundreds of thousands of hops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HopVia {
    /// Index of the conduit in `project.conduits`.
    #[serde(skip)]
    pub conduit_index: u32,
    /// True when the hop runs `to → from`.
    pub reverse: bool,
    /// Index of the channel in the conduit's `channels`.
    pub channel: Option<u32>,
    /// Initiated, data or response-only.
    pub kind: HopKind,
    /// A blocking boundary control sits on the conduit.
    pub controlled: bool,
}

impl HopVia {
    /// The full hop over `conduit`.
    pub fn hop(self, conduit: ConduitId) -> Hop {
        Hop {
            conduit,
            conduit_index: self.conduit_index as usize,
            reverse: self.reverse,
            channel: self.channel,
            kind: self.kind,
            controlled: self.controlled,
        }
    }
}

impl Hop {
    /// The hop without its conduit id.
    pub fn via(&self) -> HopVia {
        HopVia {
            conduit_index: self.conduit_index as u32,
            reverse: self.reverse,
            channel: self.channel,
            kind: self.kind,
            controlled: self.controlled,
        }
    }

    fn new(c: &Conduit, conduit_index: usize, reverse: bool) -> Option<Self> {
        let r = c.reach(reverse, responds)?;
        Some(Self {
            conduit: c.id,
            conduit_index,
            reverse,
            channel: r.channel.map(|i| i as u32),
            kind: r.kind,
            controlled: c.has_blocking_boundary(),
        })
    }

    /// Whether the hop is one of the "harder" response hops that lower a threat level: a
    /// response between zones (not one straight out of an entry point, see the module docs).
    pub fn is_response_between_zones(&self, from: Node) -> bool {
        self.kind == HopKind::Response && matches!(from, Node::Zone(_))
    }
}

/// The zone/conduit graph.
#[derive(Debug, Clone)]
pub struct ZoneGraph {
    graph: DiGraph<Node, Hop>,
    // Out-edges per node in insertion order, flattened once so that searches do not allocate.
    adjacency: Vec<Vec<(NodeIndex, Hop)>>,
    zones: HashMap<ZoneId, NodeIndex>,
    entries: HashMap<EntryPointId, NodeIndex>,
}

impl ZoneGraph {
    /// Build the graph. Conduits whose ends do not exist are skipped (integrity reports them).
    ///
    /// # Complexity
    /// O(Z + E + C) for zones, entry points and conduits.
    pub fn build(project: &Project) -> Self {
        Self::build_without(project, None)
    }

    /// The graph as if `skip` did not exist (for "what does this conduit add" questions).
    ///
    /// # Complexity
    /// As [`ZoneGraph::build`].
    pub fn build_without(project: &Project, skip: Option<ConduitId>) -> Self {
        let mut graph = DiGraph::with_capacity(
            project.zones.len() + project.entry_points.len(),
            project.conduits.len() * 2,
        );
        let mut zones = HashMap::with_capacity_and_hasher(project.zones.len(), Default::default());
        let mut entries =
            HashMap::with_capacity_and_hasher(project.entry_points.len(), Default::default());
        for z in &project.zones {
            zones.insert(z.id, graph.add_node(Node::Zone(z.id)));
        }
        for e in &project.entry_points {
            entries.insert(e.id, graph.add_node(Node::Entry(e.id, e.kind)));
        }
        let index = |end: Endpoint| match end {
            Endpoint::Zone(z) => zones.get(&z).copied(),
            Endpoint::Entry(e) => entries.get(&e).copied(),
        };
        for (i, c) in project.conduits.iter().enumerate() {
            if Some(c.id) == skip {
                continue;
            }
            let (Some(a), Some(b)) = (index(c.from), index(c.to)) else {
                continue;
            };
            if let Some(h) = Hop::new(c, i, false) {
                graph.add_edge(a, b, h);
            }
            if let Some(h) = Hop::new(c, i, true) {
                graph.add_edge(b, a, h);
            }
        }
        let mut adjacency = vec![Vec::new(); graph.node_count()];
        for e in graph.edge_references() {
            adjacency[e.source().index()].push((e.target(), *e.weight()));
        }
        Self {
            graph,
            adjacency,
            zones,
            entries,
        }
    }

    /// Number of nodes (zones + entry points).
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub(crate) fn zone_index(&self, z: ZoneId) -> Option<NodeIndex> {
        self.zones.get(&z).copied()
    }

    pub(crate) fn entry_index(&self, e: EntryPointId) -> Option<NodeIndex> {
        self.entries.get(&e).copied()
    }

    pub(crate) fn node(&self, i: NodeIndex) -> Node {
        self.graph[i]
    }

    pub(crate) fn out_edges(&self, i: NodeIndex) -> impl Iterator<Item = (NodeIndex, Hop)> + '_ {
        self.adjacency[i.index()].iter().copied()
    }

    pub(crate) fn out_degree(&self, i: NodeIndex) -> usize {
        self.adjacency[i.index()].len()
    }

    pub(crate) fn out_edge(&self, i: NodeIndex, k: usize) -> NodeIndex {
        self.adjacency[i.index()][k].0
    }

    pub(crate) fn in_edges(&self, i: NodeIndex) -> impl Iterator<Item = (NodeIndex, Hop)> + '_ {
        self.graph
            .edges_directed(i, petgraph::Direction::Incoming)
            .map(|e| (e.source(), *e.weight()))
    }

    /// Every directed edge as (from node, to node, hop).
    pub fn edges(&self) -> impl Iterator<Item = (Node, Node, Hop)> + '_ {
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()], self.graph[e.target()], *e.weight()))
    }

    /// Hop distance from `from` to every node it reaches (breadth-first). Entry points are
    /// never passed through: an attacker enters at one, but cannot use another as a relay.
    ///
    /// # Complexity
    /// O(V + E).
    pub(crate) fn distances(&self, from: NodeIndex) -> Vec<Option<u32>> {
        self.distances_where(from, |_, _| true)
    }

    /// As [`ZoneGraph::distances`], over the edges `keep(source node, hop)` accepts.
    pub(crate) fn distances_where(
        &self,
        from: NodeIndex,
        keep: impl Fn(Node, &Hop) -> bool,
    ) -> Vec<Option<u32>> {
        let mut dist = vec![None; self.graph.node_count()];
        dist[from.index()] = Some(0);
        let mut queue = VecDeque::from([from]);
        while let Some(u) = queue.pop_front() {
            let d = dist[u.index()].unwrap_or(0);
            if u != from && matches!(self.graph[u], Node::Entry(..)) {
                continue;
            }
            let source = self.graph[u];
            for (v, hop) in self.out_edges(u) {
                if dist[v.index()].is_none() && keep(source, &hop) {
                    dist[v.index()] = Some(d + 1);
                    queue.push_back(v);
                }
            }
        }
        dist
    }

    /// Zones an entry point reaches without a response hop between zones (see the module
    /// docs): the "easy" reach that keeps a threat level at its base.
    pub fn reachable_by_sessions_from(&self, entry: EntryPointId) -> HashMap<ZoneId, u32> {
        let Some(start) = self.entry_index(entry) else {
            return HashMap::default();
        };
        self.zone_distances(
            self.distances_where(start, |from, hop| !hop.is_response_between_zones(from)),
        )
    }

    fn zone_distances(&self, dist: Vec<Option<u32>>) -> HashMap<ZoneId, u32> {
        dist.into_iter()
            .enumerate()
            .filter_map(|(i, d)| match (self.graph[NodeIndex::new(i)], d) {
                (Node::Zone(z), Some(d)) => Some((z, d)),
                _ => None,
            })
            .collect()
    }

    /// Zones reachable from an entry point, with their hop distance.
    pub fn reachable_from(&self, entry: EntryPointId) -> HashMap<ZoneId, u32> {
        let Some(start) = self.entry_index(entry) else {
            return HashMap::default();
        };
        self.zone_distances(self.distances(start))
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small hand-drawn graphs shared by the graph and risk tests.
    use crate::id::*;
    use crate::model::*;

    /// A project with named zones, entries and conduits; `conduit(a, b)` joins names.
    pub struct Drawing {
        pub project: Project,
    }

    impl Drawing {
        pub fn new() -> Self {
            Self {
                project: Project::new("drawing"),
            }
        }
        pub fn zone(&mut self, name: &str, sl_t: u8) -> ZoneId {
            let mut z = Zone::new(name);
            z.id = ZoneId::derived(name);
            z.sl_t = SlVector::uniform(sl_t);
            self.project.zones.push(z);
            ZoneId::derived(name)
        }
        pub fn entry(&mut self, name: &str, kind: EntryKind) -> EntryPointId {
            self.project.entry_points.push(EntryPoint {
                id: EntryPointId::derived(name),
                name: name.into(),
                kind,
                description: String::new(),
                position: None,
            });
            EntryPointId::derived(name)
        }
        fn end(&self, name: &str) -> Endpoint {
            if self.project.zones.iter().any(|z| z.name == name) {
                Endpoint::Zone(ZoneId::derived(name))
            } else {
                Endpoint::Entry(EntryPointId::derived(name))
            }
        }
        /// A bidirectional conduit without boundary control.
        pub fn conduit(&mut self, a: &str, b: &str) -> ConduitId {
            let mut c = Conduit::new(format!("{a}-{b}"), self.end(a), self.end(b));
            c.id = ConduitId::derived(&format!("{a}-{b}"));
            c.channels.push(Channel {
                protocol: "opc_ua".into(),
                port: "4840".into(),
                direction: Some(Direction::Both),
                initiator: Some(Initiator::From),
                purpose: String::new(),
                encrypted: false,
                authenticated: false,
            });
            let id = c.id;
            self.project.conduits.push(c);
            id
        }
        pub fn conduit_mut(&mut self, id: ConduitId) -> &mut Conduit {
            self.project
                .conduits
                .iter_mut()
                .find(|c| c.id == id)
                .unwrap()
        }
        pub fn asset(&mut self, name: &str, asset_type: &str, zone: &str) -> AssetId {
            let mut a = ProtectedAsset::new(name, asset_type);
            a.id = AssetId::derived(name);
            a.zone = Some(ZoneId::derived(zone));
            self.project.assets.push(a);
            AssetId::derived(name)
        }

        /// M-001: an implemented firewall (C-NW-01) by the SIer against T01 in zone `z`.
        pub fn implemented_firewall(z: ZoneId) -> Countermeasure {
            let mut m: Countermeasure = serde_json::from_value(serde_json::json!({
                "id": MeasureId::derived("fw").to_string(),
                "measure": "C-NW-01",
                "threats": ["T01"],
                "scope": { "zones": [z.to_string()] },
                "responsibility": "sier",
                "status": "implemented"
            }))
            .expect("a valid countermeasure");
            m.number = 1;
            m
        }

        /// Internet → `ctl` (SL 3) with a PLC set to importance 3 by hand and threat T01
        /// reviewed in `ctl`: the smallest factory with a risk above the tolerable level.
        pub fn exposed_plc() -> (Self, ZoneId, AssetId) {
            let mut d = Self::new();
            d.entry("net", EntryKind::Internet);
            let z = d.zone("ctl", 3);
            d.conduit("net", "ctl");
            let a = d.asset("PLC", "plc", "ctl");
            let asset = d
                .project
                .assets
                .iter_mut()
                .find(|x| x.id == a)
                .expect("the PLC");
            asset.importance_override = Some(ImportanceOverride {
                level: Level::High,
                reason: "ライン停止".into(),
            });
            d.project
                .threats
                .push(crate::validate::testing::threat(z, "T01"));
            (d, z, a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::Drawing;
    use super::*;
    use crate::model::Direction;

    use crate::model::{BoundaryControl, BoundaryKind, Initiator};

    /// Set the only channel of a conduit (the fixture makes one: OPC UA, both, from).
    fn channel(d: &mut Drawing, c: ConduitId, dir: Option<Direction>, init: Option<Initiator>) {
        let ch = &mut d.conduit_mut(c).channels[0];
        ch.direction = dir;
        ch.initiator = init;
    }

    fn bound(d: &mut Drawing, c: ConduitId, kind: BoundaryKind) {
        d.conduit_mut(c).boundary.push(BoundaryControl {
            kind,
            device: None,
            note: String::new(),
        });
    }

    fn z(n: &str) -> ZoneId {
        ZoneId::derived(n)
    }

    /// The hop that carries `conduit` in the direction leaving `from`.
    fn hop(g: &ZoneGraph, conduit: ConduitId, from: Node) -> Option<Hop> {
        g.edges()
            .find(|(a, _, h)| *a == from && h.conduit == conduit)
            .map(|(_, _, h)| h)
    }

    /// net → it → dmz → ot, where dmz polls ot: Modbus-style, the data flows back (ot → dmz),
    /// dmz opens the session. The earlier rule followed the data and lost ot; an attacker
    /// holding dmz can write to ot as easily as read it, so ot is 3 hops from the internet.
    #[test]
    fn the_initiator_reaches_the_responder_whatever_way_the_data_flows() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        for n in ["it", "dmz", "ot", "island"] {
            d.zone(n, 2);
        }
        d.conduit("net", "it");
        d.conduit("it", "dmz");
        let poll = d.conduit("dmz", "ot");
        channel(
            &mut d,
            poll,
            Some(Direction::Reverse),
            Some(Initiator::From),
        );
        let g = ZoneGraph::build(&d.project);
        let r = g.reachable_from(EntryPointId::derived("net"));
        assert_eq!(r.get(&z("it")), Some(&1));
        assert_eq!(r.get(&z("dmz")), Some(&2));
        assert_eq!(r.get(&z("ot")), Some(&3), "dmz opens the Modbus session");
        assert_eq!(r.get(&z("island")), None, "no conduit at all");
        let forward = hop(&g, poll, Node::Zone(z("dmz"))).unwrap();
        assert_eq!(forward.kind, HopKind::Initiate);
        assert!(!forward.controlled);
        // ... and ot answers dmz's polls with the process data dmz consumes: ot reaches dmz
        // as a data hop, at full strength (as the earlier data-direction rule had it).
        let back = hop(&g, poll, Node::Zone(z("ot"))).unwrap();
        assert_eq!(back.kind, HopKind::Data);
        assert_eq!(
            g.reachable_by_sessions_from(EntryPointId::derived("net"))
                .get(&z("ot")),
            Some(&3)
        );
    }

    /// dmz ← ot where ot opens the session (it pushes to a collector in dmz). Holding dmz, the
    /// attacker reaches ot only by answering ot's sessions: reachable, harder, and not part of
    /// the session reach that keeps a threat level at its base.
    #[test]
    fn the_responder_reaches_back_only_as_a_harder_hop() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        d.zone("dmz", 2);
        d.zone("ot", 2);
        d.conduit("net", "dmz");
        let push = d.conduit("dmz", "ot");
        channel(&mut d, push, Some(Direction::Reverse), Some(Initiator::To));
        let g = ZoneGraph::build(&d.project);
        let net = EntryPointId::derived("net");
        assert_eq!(g.reachable_from(net).get(&z("ot")), Some(&2));
        assert_eq!(
            hop(&g, push, Node::Zone(z("dmz"))).unwrap().kind,
            HopKind::Response
        );
        assert_eq!(
            hop(&g, push, Node::Zone(z("ot"))).unwrap().kind,
            HopKind::Initiate
        );
        let sessions = g.reachable_by_sessions_from(net);
        assert_eq!(sessions.get(&z("dmz")), Some(&1));
        assert_eq!(sessions.get(&z("ot")), None, "only through responses");
    }

    /// A zone whose clients open sessions to the internet (web, mail): the pages and mail
    /// they fetch are data the internet side sends — a full-strength hop. A zone that only
    /// uploads (data office → internet) is reached through the responses, and still not
    /// discounted straight out of an entry point: the classic malware route.
    #[test]
    fn responses_from_an_entry_point_are_not_discounted() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        d.zone("office", 1);
        let browse = d.conduit("net", "office");
        channel(&mut d, browse, Some(Direction::Both), Some(Initiator::To));
        let g = ZoneGraph::build(&d.project);
        let net = EntryPointId::derived("net");
        let entry = Node::Entry(net, EntryKind::Internet);
        assert_eq!(hop(&g, browse, entry).unwrap().kind, HopKind::Data);
        channel(
            &mut d,
            browse,
            Some(Direction::Reverse),
            Some(Initiator::To),
        );
        let g = ZoneGraph::build(&d.project);
        assert_eq!(hop(&g, browse, entry).unwrap().kind, HopKind::Response);
        assert_eq!(
            g.reachable_by_sessions_from(net).get(&z("office")),
            Some(&1)
        );
    }

    /// The plant's MES gateway opens HTTPS sessions to a cloud MES that answers with recipes
    /// and orders (data both ways): holding the cloud service, the attacker's recipes are
    /// consumed in the plant — a data hop, as easy as initiating, not a harder response.
    #[test]
    fn data_sent_over_the_other_ends_sessions_is_not_discounted() {
        let mut d = Drawing::new();
        d.zone("mes", 2);
        d.zone("cloud", 2);
        let c = d.conduit("mes", "cloud");
        channel(&mut d, c, Some(Direction::Both), Some(Initiator::From));
        let g = ZoneGraph::build(&d.project);
        assert_eq!(
            hop(&g, c, Node::Zone(z("mes"))).unwrap().kind,
            HopKind::Initiate
        );
        let back = hop(&g, c, Node::Zone(z("cloud"))).unwrap();
        assert_eq!(back.kind, HopKind::Data);
        assert!(!back.is_response_between_zones(Node::Zone(z("cloud"))));
    }

    /// A PLC pushes syslog to a collector: syslog never answers, so the collector's side
    /// cannot reach the PLC over it at all; the PLC reaches the collector (it initiates).
    #[test]
    fn a_protocol_that_never_answers_gives_no_way_back() {
        let mut d = Drawing::new();
        d.zone("ot", 2);
        d.zone("log", 2);
        let c = d.conduit("ot", "log");
        d.conduit_mut(c).channels[0].protocol = "syslog".into();
        channel(&mut d, c, Some(Direction::Forward), Some(Initiator::From));
        let g = ZoneGraph::build(&d.project);
        assert!(hop(&g, c, Node::Zone(z("ot"))).is_some());
        assert!(hop(&g, c, Node::Zone(z("log"))).is_none());
        // The same push over HTTPS (which answers): the collector reaches back, harder.
        d.conduit_mut(c).channels[0].protocol = "https".into();
        let g = ZoneGraph::build(&d.project);
        assert_eq!(
            hop(&g, c, Node::Zone(z("log"))).unwrap().kind,
            HopKind::Response
        );
    }

    /// A data diode with no direction recorded (no channel, or only "both") is taken as open
    /// from → to only, never both ways.
    #[test]
    fn a_diode_without_a_recorded_direction_opens_from_to_only() {
        for channels in [false, true] {
            let mut d = Drawing::new();
            d.zone("ot", 2);
            d.zone("it", 2);
            let c = d.conduit("ot", "it");
            if channels {
                channel(&mut d, c, Some(Direction::Both), Some(Initiator::Either));
            } else {
                d.conduit_mut(c).channels.clear();
            }
            bound(&mut d, c, BoundaryKind::DataDiode);
            assert!(d.conduit_mut(c).one_way_without_direction());
            let g = ZoneGraph::build(&d.project);
            assert!(hop(&g, c, Node::Zone(z("ot"))).is_some(), "ot → it");
            assert!(hop(&g, c, Node::Zone(z("it"))).is_none(), "nothing back");
        }
    }

    /// A data diode from ot to dmz: dmz is recorded as "initiating" (it subscribes), yet
    /// nothing crosses against the diode. ot still reaches dmz (the sender pushes).
    #[test]
    fn a_data_diode_closes_the_reverse_direction_whoever_initiates() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        d.entry("usb", EntryKind::RemovableMedia);
        d.zone("dmz", 2);
        d.zone("ot", 2);
        d.conduit("net", "dmz");
        d.conduit("usb", "ot");
        let diode = d.conduit("ot", "dmz");
        channel(&mut d, diode, Some(Direction::Forward), Some(Initiator::To));
        bound(&mut d, diode, BoundaryKind::DataDiode);
        let g = ZoneGraph::build(&d.project);
        assert_eq!(
            g.reachable_from(EntryPointId::derived("net")).get(&z("ot")),
            None
        );
        assert!(hop(&g, diode, Node::Zone(z("dmz"))).is_none());
        assert_eq!(
            g.reachable_from(EntryPointId::derived("usb"))
                .get(&z("dmz")),
            Some(&2)
        );
        // The same conduit without the diode: dmz initiates, so it reaches ot.
        d.conduit_mut(diode).boundary.clear();
        let g = ZoneGraph::build(&d.project);
        assert_eq!(
            g.reachable_from(EntryPointId::derived("net")).get(&z("ot")),
            Some(&2)
        );
    }

    /// An industrial firewall restricted to read functions on the polling conduit: the hop
    /// is harder (recorded as controlled) but the edge stays.
    #[test]
    fn a_boundary_control_makes_a_hop_harder_never_absent() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        d.zone("scada", 2);
        d.zone("plc", 3);
        d.conduit("net", "scada");
        let poll = d.conduit("scada", "plc");
        channel(
            &mut d,
            poll,
            Some(Direction::Reverse),
            Some(Initiator::From),
        );
        bound(&mut d, poll, BoundaryKind::IndustrialFirewall);
        let g = ZoneGraph::build(&d.project);
        assert_eq!(
            g.reachable_from(EntryPointId::derived("net"))
                .get(&z("plc")),
            Some(&2)
        );
        let h = hop(&g, poll, Node::Zone(z("scada"))).unwrap();
        assert!(h.controlled);
        assert_eq!(h.kind, HopKind::Initiate);
    }

    /// `either`, and an initiator or direction left empty, open both ways as initiated hops.
    #[test]
    fn either_or_unrecorded_initiators_reach_both_ways() {
        for init in [Some(Initiator::Either), None] {
            let mut d = Drawing::new();
            d.zone("a", 2);
            d.zone("b", 2);
            let c = d.conduit("a", "b");
            channel(&mut d, c, Some(Direction::Forward), init);
            let g = ZoneGraph::build(&d.project);
            assert_eq!(
                hop(&g, c, Node::Zone(z("a"))).unwrap().kind,
                HopKind::Initiate
            );
            assert_eq!(
                hop(&g, c, Node::Zone(z("b"))).unwrap().kind,
                HopKind::Initiate
            );
        }
        // A conduit with no channel at all: both ways, no channel named.
        let mut d = Drawing::new();
        d.zone("a", 2);
        d.zone("b", 2);
        let c = d.conduit("a", "b");
        d.conduit_mut(c).channels.clear();
        let g = ZoneGraph::build(&d.project);
        let h = hop(&g, c, Node::Zone(z("b"))).unwrap();
        assert_eq!((h.kind, h.channel), (HopKind::Initiate, None));
    }

    #[test]
    fn entry_points_are_not_relays() {
        let mut d = Drawing::new();
        d.entry("usb", EntryKind::RemovableMedia);
        d.entry("net", EntryKind::Internet);
        d.zone("a", 2);
        d.zone("b", 2);
        d.conduit("net", "a");
        d.conduit("a", "usb");
        d.conduit("usb", "b");
        let g = ZoneGraph::build(&d.project);
        let r = g.reachable_from(EntryPointId::derived("net"));
        assert!(r.contains_key(&ZoneId::derived("a")));
        assert!(
            !r.contains_key(&ZoneId::derived("b")),
            "no path through another entry point"
        );
    }
}

#[cfg(test)]
mod properties {
    //! The initiator rule only adds reach to the data-direction rule, except across one-way
    //! devices, on random small factories.
    use super::fixtures::Drawing;
    use super::*;
    use crate::model::{BoundaryControl, BoundaryKind, Direction, HopKind, Initiator};
    use proptest::prelude::*;

    /// Reachability under the earlier rule (an edge where some channel's data flows that
    /// way), written out here independently of the graph: BFS, entry points not relays.
    fn data_direction_reach(
        p: &Project,
        start: EntryPointId,
    ) -> std::collections::BTreeSet<ZoneId> {
        let mut seen = std::collections::BTreeSet::new();
        let mut queue = VecDeque::from([Endpoint::Entry(start)]);
        while let Some(u) = queue.pop_front() {
            for c in &p.conduits {
                for (a, b, rev) in [(c.from, c.to, false), (c.to, c.from, true)] {
                    if a == u && c.data_flows(rev) {
                        if let Endpoint::Zone(z) = b {
                            if seen.insert(z) {
                                queue.push_back(b);
                            }
                        }
                    }
                }
            }
        }
        seen
    }

    fn dir(k: u8) -> Option<Direction> {
        [
            None,
            Some(Direction::Forward),
            Some(Direction::Reverse),
            Some(Direction::Both),
        ][k as usize % 4]
    }
    fn init(k: u8) -> Option<Initiator> {
        [
            None,
            Some(Initiator::From),
            Some(Initiator::To),
            Some(Initiator::Either),
        ][k as usize % 4]
    }

    proptest! {
        #[test]
        fn initiator_reach_is_a_superset_except_across_one_way_devices(
            n in 2usize..8,
            edges in proptest::collection::vec((0usize..8, 0usize..8, 0u8..4, 0u8..4, 0u8..5), 0..16),
        ) {
            let mut d = Drawing::new();
            d.entry("net", EntryKind::Internet);
            for i in 0..n {
                d.zone(&format!("z{i}"), 2);
            }
            d.conduit("net", "z0");
            let mut diodes = Vec::new();
            for (k, (a, b, dk, ik, bk)) in edges.into_iter().enumerate() {
                if a >= n || b >= n || a == b {
                    continue;
                }
                let mut c = Conduit::new(format!("c{k}"), Endpoint::Zone(ZoneId::derived(&format!("z{a}"))), Endpoint::Zone(ZoneId::derived(&format!("z{b}"))));
                c.id = ConduitId::derived(&format!("c{k}"));
                c.channels.push(crate::model::Channel {
                    protocol: "modbus_tcp".into(),
                    port: String::new(),
                    direction: dir(dk),
                    initiator: init(ik),
                    purpose: String::new(),
                    encrypted: false,
                    authenticated: false,
                });
                let kind = [BoundaryKind::Firewall, BoundaryKind::IndustrialFirewall, BoundaryKind::VpnGateway, BoundaryKind::DataDiode, BoundaryKind::Ids][bk as usize];
                if bk < 4 {
                    c.boundary.push(BoundaryControl { kind, device: None, note: String::new() });
                }
                if kind == BoundaryKind::DataDiode {
                    diodes.push(c.id);
                }
                d.project.conduits.push(c);
            }
            let g = ZoneGraph::build(&d.project);
            let net = EntryPointId::derived("net");
            let new: std::collections::BTreeSet<ZoneId> = g.reachable_from(net).into_keys().collect();
            let old = data_direction_reach(&d.project, net);
            // Without diodes the new reach contains the old one.
            if diodes.is_empty() {
                prop_assert!(old.is_subset(&new), "old {:?} new {:?}", old, new);
            }
            // Per edge: every data-direction edge is kept, and across a diode the edges are
            // exactly the data-direction ones.
            for c in &d.project.conduits {
                for rev in [false, true] {
                    let hop = c.reach(rev, responds);
                    if diodes.contains(&c.id) {
                        // Across a diode: never more than the data direction.
                        prop_assert!(hop.is_none() || c.data_flows(rev));
                    } else if c.data_flows(rev) {
                        // Every earlier edge is kept at full strength.
                        prop_assert!(hop.is_some_and(|h| h.kind != HopKind::Response));
                    }
                }
            }
            // Boundary controls never delete an edge: the same conduits without them reach
            // the same zones (unless a diode was among them).
            if diodes.is_empty() {
                let mut bare = d.project.clone();
                for c in &mut bare.conduits {
                    c.boundary.clear();
                }
                let bare_reach: std::collections::BTreeSet<ZoneId> = ZoneGraph::build(&bare).reachable_from(net).into_keys().collect();
                prop_assert_eq!(bare_reach, new);
            }
        }
    }
}
