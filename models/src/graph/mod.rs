//! The zone/conduit graph (IEC 62443-3-2 ZCR 3) with the external entry points, built fresh
//! for each analysis with petgraph.
//!
//! Nodes are zones and entry points; each conduit becomes one directed edge per direction in
//! which its channels carry data (a conduit with no direction recorded counts both ways, so
//! that an empty field never hides a path). Sub-zones are not implicitly connected to their
//! parent: traffic between them needs a conduit like any other. `NodeIndex` never leaves this
//! module; callers use [`ZoneId`], [`EntryPointId`] and [`ConduitId`].

pub mod attack_path;

use crate::id::{ConduitId, EntryPointId, ZoneId};
use crate::model::{Endpoint, EntryKind, Project};
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

/// An edge: one conduit in one direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// The conduit.
    pub conduit: ConduitId,
    /// Index of the conduit in `project.conduits`.
    pub conduit_index: usize,
    /// True when the edge runs `to → from`.
    pub reverse: bool,
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
            if c.allows(false) {
                graph.add_edge(
                    a,
                    b,
                    Hop {
                        conduit: c.id,
                        conduit_index: i,
                        reverse: false,
                    },
                );
            }
            if c.allows(true) {
                graph.add_edge(
                    b,
                    a,
                    Hop {
                        conduit: c.id,
                        conduit_index: i,
                        reverse: true,
                    },
                );
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
        let mut dist = vec![None; self.graph.node_count()];
        dist[from.index()] = Some(0);
        let mut queue = VecDeque::from([from]);
        while let Some(u) = queue.pop_front() {
            let d = dist[u.index()].unwrap_or(0);
            if u != from && matches!(self.graph[u], Node::Entry(..)) {
                continue;
            }
            for (v, _) in self.out_edges(u) {
                if dist[v.index()].is_none() {
                    dist[v.index()] = Some(d + 1);
                    queue.push_back(v);
                }
            }
        }
        dist
    }

    /// Zones reachable from an entry point, with their hop distance.
    pub fn reachable_from(&self, entry: EntryPointId) -> HashMap<ZoneId, u32> {
        let Some(start) = self.entry_index(entry) else {
            return HashMap::default();
        };
        self.distances(start)
            .into_iter()
            .enumerate()
            .filter_map(|(i, d)| match (self.graph[NodeIndex::new(i)], d) {
                (Node::Zone(z), Some(d)) => Some((z, d)),
                _ => None,
            })
            .collect()
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
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::Drawing;
    use super::*;
    use crate::model::Direction;

    #[test]
    fn distances_follow_conduits_and_directions() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        for z in ["it", "dmz", "ot", "island"] {
            d.zone(z, 2);
        }
        d.conduit("net", "it");
        d.conduit("it", "dmz");
        let one_way = d.conduit("dmz", "ot");
        d.conduit_mut(one_way).channels[0].direction = Some(Direction::Reverse);
        let g = ZoneGraph::build(&d.project);
        let r = g.reachable_from(EntryPointId::derived("net"));
        assert_eq!(r.get(&ZoneId::derived("it")), Some(&1));
        assert_eq!(r.get(&ZoneId::derived("dmz")), Some(&2));
        assert_eq!(
            r.get(&ZoneId::derived("ot")),
            None,
            "data only flows ot → dmz"
        );
        assert_eq!(r.get(&ZoneId::derived("island")), None);
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
