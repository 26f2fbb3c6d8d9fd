//! Attack paths from each entry point to each zone holding an asset of high importance.
//!
//! For every (entry point, target zone) pair the search reports whether the zone is reachable,
//! the shortest paths, how many distinct simple paths exist, the conduits on the shortest paths
//! that have no blocking boundary control and no counted network countermeasure, and the zones
//! crossed.
//!
//! # Bounds
//! Simple paths grow exponentially with the graph's cycles, so the search is bounded:
//! - shortest paths come from one breadth-first search per entry point and a backwards walk of
//!   its predecessor DAG, keeping at most [`PathLimits::max_shortest`] per pair;
//! - simple paths are counted by one depth-first search per entry point, limited to
//!   [`PathLimits::max_hops`] hops, counting at most [`PathLimits::count_cap`] per target and
//!   expanding at most [`PathLimits::budget`] edges; when the budget runs out the counts are
//!   lower bounds and `complete` is false;
//! - entry points are never relays (an attacker starts at one entry point).
//!
//! # Complexity
//! O(N·(V + E)) for the breadth-first searches of N entry points, plus O(N·budget) for the
//! counting, plus O(P·max_shortest·max_hops) to list paths for P pairs.

use super::{Hop, HopVia, Node, ZoneGraph};
use crate::derive::Importances;
use crate::id::{AssetId, ConduitId, EntryPointId, ZoneId};
use crate::model::{EntryKind, Level, Project};
use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Bounds of the search.
#[derive(Debug, Clone, Copy)]
pub struct PathLimits {
    /// Longest simple path counted (hops).
    pub max_hops: u32,
    /// Shortest paths listed per pair.
    pub max_shortest: usize,
    /// Simple paths counted per target, at most.
    pub count_cap: u32,
    /// Edges expanded per entry point while counting.
    pub budget: usize,
}

impl Default for PathLimits {
    fn default() -> Self {
        Self {
            max_hops: 10,
            max_shortest: 4,
            count_cap: 1000,
            budget: 20_000,
        }
    }
}

/// One path: the zones entered, in order, and the conduits used to enter them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PathSteps {
    /// Zones entered (the last is the target).
    pub zones: Vec<ZoneId>,
    /// Conduits used, `conduits[i]` leads into `zones[i]`.
    pub conduits: Vec<ConduitId>,
    /// How each conduit was crossed (`via[i]` goes with `conduits[i]`): channel, initiated,
    /// data or response-only, boundary control.
    pub via: Vec<HopVia>,
}

impl PathSteps {
    fn from_hops(zones: Vec<ZoneId>, hops: Vec<Hop>) -> Self {
        Self {
            zones,
            conduits: hops.iter().map(|h| h.conduit).collect(),
            via: hops.iter().map(Hop::via).collect(),
        }
    }

    /// The hops in order, each with its conduit.
    pub fn hops(&self) -> impl Iterator<Item = Hop> + '_ {
        self.conduits.iter().zip(&self.via).map(|(c, v)| v.hop(*c))
    }

    /// Whether some hop between zones rides a response (harder, see [`crate::graph`]).
    pub fn needs_response_hop(&self) -> bool {
        // via[0] leaves the entry point; later hops leave a zone.
        self.via
            .iter()
            .skip(1)
            .any(|h| h.kind == crate::model::HopKind::Response)
    }
}

/// The attack-path view of one (entry point, target zone) pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttackPath {
    /// Entry point.
    pub entry: EntryPointId,
    /// Its kind.
    pub entry_kind: EntryKind,
    /// The zone holding high-importance assets.
    pub target_zone: ZoneId,
    /// The high-importance assets in it (shared by every entry point's row for the zone).
    pub targets: std::sync::Arc<[AssetId]>,
    /// Whether any path exists.
    pub reachable: bool,
    /// Length of the shortest path (hops), when reachable.
    pub hops: Option<u32>,
    /// Shortest paths (at most `max_shortest`).
    pub shortest: Vec<PathSteps>,
    /// Distinct simple paths of at most `max_hops` hops (capped at `count_cap`).
    pub simple_paths: u32,
    /// False when the count is a lower bound (budget or cap reached).
    pub complete: bool,
    /// Conduits on the shortest paths without a blocking boundary or counted countermeasure.
    pub unprotected_conduits: Vec<ConduitId>,
    /// Zones crossed on the shortest paths before the target.
    pub zones_crossed: Vec<ZoneId>,
}

/// The zones attack paths lead to: each zone holding an asset of importance 3, in project
/// order, with those assets (in project order).
pub type Targets = Vec<(ZoneId, std::sync::Arc<[AssetId]>)>;

/// The target zones of [`analyse`].
pub fn targets(project: &Project, importances: &Importances) -> Targets {
    let mut targets: BTreeMap<usize, (ZoneId, Vec<AssetId>)> = BTreeMap::new();
    let zone_order: HashMap<ZoneId, usize> = project
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id, i))
        .collect();
    for a in &project.assets {
        let (Some(z), true) = (a.zone, importances.asset_level(a.id) == Level::High) else {
            continue;
        };
        if let Some(&order) = zone_order.get(&z) {
            targets
                .entry(order)
                .or_insert_with(|| (z, Vec::new()))
                .1
                .push(a.id);
        }
    }
    targets
        .into_values()
        .map(|(z, a)| (z, std::sync::Arc::from(a.as_slice())))
        .collect()
}

/// Attack paths for every entry point × zone holding an asset of importance 3 (`targets`,
/// from [`targets`]).
///
/// `protected` lists conduits that count as controlled by a countermeasure (in addition to
/// conduits with a blocking boundary control).
pub fn analyse(
    project: &Project,
    graph: &ZoneGraph,
    shared_targets: &Targets,
    protected: &HashSet<ConduitId>,
    limits: PathLimits,
) -> Vec<AttackPath> {
    let conduit_index: HashMap<ConduitId, usize> = project
        .conduits
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let unprotected = |i: usize| {
        let c = &project.conduits[i];
        !c.has_blocking_boundary() && !protected.contains(&c.id)
    };
    let mut out = Vec::new();
    for e in &project.entry_points {
        let Some(start) = graph.entry_index(e.id) else {
            continue;
        };
        let dist = graph.distances(start);
        let mut preds = PredCache::new(graph.node_count());
        let target_nodes: Vec<NodeIndex> = shared_targets
            .iter()
            .filter_map(|(z, _)| graph.zone_index(*z))
            .collect();
        let (counts, complete) = count_simple_paths(graph, start, &target_nodes, limits);
        for (z, assets) in shared_targets {
            let Some(t) = graph.zone_index(*z) else {
                continue;
            };
            let hops = dist[t.index()];
            let shortest = match hops {
                Some(_) => shortest_paths(graph, start, t, &dist, limits.max_shortest, &mut preds),
                None => Vec::new(),
            };
            let mut unprot: Vec<ConduitId> = Vec::new();
            let mut crossed: Vec<ZoneId> = Vec::new();
            for p in &shortest {
                for (i, c) in p.conduits.iter().enumerate() {
                    let idx = conduit_index.get(c).copied();
                    if idx.is_some_and(unprotected) && !unprot.contains(c) {
                        unprot.push(*c);
                    }
                    if i + 1 < p.zones.len() && !crossed.contains(&p.zones[i]) {
                        crossed.push(p.zones[i]);
                    }
                }
            }
            out.push(AttackPath {
                entry: e.id,
                entry_kind: e.kind,
                target_zone: *z,
                targets: assets.clone(),
                reachable: hops.is_some(),
                hops,
                shortest,
                simple_paths: counts.get(&t).copied().unwrap_or(0),
                complete,
                unprotected_conduits: unprot,
                zones_crossed: crossed,
            });
        }
    }
    out
}

/// All shortest paths from `start` to `target` (at most `max`), walking the BFS predecessor
/// DAG backwards; deterministic order (edge insertion order).
fn shortest_paths(
    graph: &ZoneGraph,
    start: NodeIndex,
    target: NodeIndex,
    dist: &[Option<u32>],
    max: usize,
    cache: &mut PredCache,
) -> Vec<PathSteps> {
    // Backtracking walk from the target towards the start along edges that shorten the BFS
    // distance by one; one shared stack of nodes and conduits, no copies per branch.
    let mut out = Vec::new();
    let mut nodes: Vec<NodeIndex> = vec![target];
    let mut hops: Vec<Hop> = Vec::new();
    // Per depth: the predecessors still to try, as a range of the cache taken from its end.
    let mut frames: Vec<(u32, u32)> = vec![cache.get(graph, start, target, dist)];
    while let Some(frame) = frames.last_mut() {
        if out.len() >= max {
            break;
        }
        if frame.1 == frame.0 {
            frames.pop();
            nodes.pop();
            hops.pop();
            continue;
        }
        frame.1 -= 1;
        let (u, c) = cache.flat[frame.1 as usize];
        nodes.push(u);
        hops.push(c);
        if u == start {
            let zones = nodes
                .iter()
                .rev()
                .filter_map(|n| match graph.node(*n) {
                    Node::Zone(z) => Some(z),
                    Node::Entry(..) => None,
                })
                .collect();
            out.push(PathSteps::from_hops(
                zones,
                hops.iter().rev().copied().collect(),
            ));
            nodes.pop();
            hops.pop();
        } else {
            frames.push(cache.get(graph, start, u, dist));
        }
    }
    out
}

/// Predecessors of each node one BFS step closer to the entry point, found on first use and
/// kept for every target of that entry point (a hub zone's incoming edges are scanned once per
/// entry point, not once per target). Stored flat; each node's list is reversed so that taking
/// from its end yields them in edge insertion order (deterministic output).
struct PredCache {
    ranges: Vec<Option<(u32, u32)>>,
    flat: Vec<(NodeIndex, Hop)>,
}

impl PredCache {
    fn new(nodes: usize) -> Self {
        Self {
            ranges: vec![None; nodes],
            flat: Vec::new(),
        }
    }

    fn get(
        &mut self,
        graph: &ZoneGraph,
        start: NodeIndex,
        v: NodeIndex,
        dist: &[Option<u32>],
    ) -> (u32, u32) {
        if let Some(r) = self.ranges[v.index()] {
            return r;
        }
        let lo = self.flat.len();
        if let Some(dv) = dist[v.index()] {
            self.flat.extend(graph.in_edges(v).filter(|(u, _)| {
                dist[u.index()] == Some(dv.wrapping_sub(1))
                    && (*u == start || matches!(graph.node(*u), Node::Zone(_)))
            }));
            self.flat[lo..].reverse();
        }
        let r = (lo as u32, self.flat.len() as u32);
        self.ranges[v.index()] = Some(r);
        r
    }
}

/// Count simple paths from `start` to each target, bounded (see the module docs).
fn count_simple_paths(
    graph: &ZoneGraph,
    start: NodeIndex,
    targets: &[NodeIndex],
    limits: PathLimits,
) -> (HashMap<NodeIndex, u32>, bool) {
    let n = graph.node_count();
    let mut is_target = vec![false; n];
    for t in targets {
        is_target[t.index()] = true;
    }
    let mut counts: HashMap<NodeIndex, u32> = Default::default();
    let mut on_path = vec![false; n];
    let mut budget = limits.budget;
    let mut complete = true;
    // Iterative DFS: each frame holds a node and the index of its next out-edge.
    let mut stack: Vec<(NodeIndex, usize)> = vec![(start, 0)];
    on_path[start.index()] = true;
    while let Some((u, next)) = stack.last_mut() {
        let u = *u;
        if *next >= graph.out_degree(u) {
            stack.pop();
            on_path[u.index()] = false;
            continue;
        }
        let v = graph.out_edge(u, *next);
        *next += 1;
        if on_path[v.index()] {
            continue;
        }
        if budget == 0 {
            complete = false;
            break;
        }
        budget -= 1;
        if is_target[v.index()] {
            let c = counts.entry(v).or_insert(0);
            if *c < limits.count_cap {
                *c += 1;
            } else {
                complete = false;
            }
        }
        let depth = stack.len() as u32; // hops to reach v
        if depth < limits.max_hops && matches!(graph.node(v), Node::Zone(_)) {
            on_path[v.index()] = true;
            stack.push((v, 0));
        }
    }
    (counts, complete)
}

/// Simple paths from an entry point to a zone, shortest first, at most `max` of them and at
/// most `max_hops` hops each (for attack trees). Iterative deepening keeps the order by
/// length and the work bounded.
pub fn simple_paths(
    graph: &ZoneGraph,
    entry: EntryPointId,
    target: ZoneId,
    max_hops: u32,
    max: usize,
) -> Vec<PathSteps> {
    let (Some(start), Some(t)) = (graph.entry_index(entry), graph.zone_index(target)) else {
        return Vec::new();
    };
    let Some(shortest) = graph.distances(start)[t.index()] else {
        return Vec::new();
    };
    let mut out: Vec<PathSteps> = Vec::new();
    let mut budget = 10_000usize;
    for limit in shortest..=max_hops.max(shortest) {
        let mut on_path = vec![false; graph.node_count()];
        on_path[start.index()] = true;
        let mut nodes = Vec::new();
        let mut hops = Vec::new();
        dfs_exact(
            graph,
            start,
            t,
            limit,
            &mut on_path,
            &mut nodes,
            &mut hops,
            &mut out,
            max,
            &mut budget,
        );
        if out.len() >= max || budget == 0 {
            break;
        }
    }
    out.truncate(max);
    out
}

#[allow(clippy::too_many_arguments)]
fn dfs_exact(
    graph: &ZoneGraph,
    u: NodeIndex,
    target: NodeIndex,
    remaining: u32,
    on_path: &mut [bool],
    zones: &mut Vec<ZoneId>,
    hops: &mut Vec<Hop>,
    out: &mut Vec<PathSteps>,
    max: usize,
    budget: &mut usize,
) {
    if out.len() >= max || *budget == 0 || remaining == 0 {
        return;
    }
    for (v, hop) in graph.out_edges(u) {
        if on_path[v.index()] {
            continue;
        }
        let Node::Zone(z) = graph.node(v) else {
            continue;
        };
        *budget = budget.saturating_sub(1);
        zones.push(z);
        hops.push(hop);
        if v == target && remaining == 1 {
            out.push(PathSteps::from_hops(zones.clone(), hops.clone()));
        } else if v != target {
            on_path[v.index()] = true;
            dfs_exact(
                graph,
                v,
                target,
                remaining - 1,
                on_path,
                zones,
                hops,
                out,
                max,
                budget,
            );
            on_path[v.index()] = false;
        }
        zones.pop();
        hops.pop();
        if out.len() >= max || *budget == 0 {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::{BoundaryControl, BoundaryKind, ImportanceOverride};

    fn high(d: &mut Drawing, name: &str, zone: &str) {
        let id = d.asset(name, "plc", zone);
        let a = d.project.assets.iter_mut().find(|a| a.id == id).unwrap();
        a.importance_override = Some(ImportanceOverride {
            level: Level::High,
            reason: "test".into(),
        });
    }

    fn run(d: &Drawing) -> Vec<AttackPath> {
        let imp = Importances::compute(&d.project);
        analyse(
            &d.project,
            &ZoneGraph::build(&d.project),
            &targets(&d.project, &imp),
            &HashSet::new(),
            PathLimits::default(),
        )
    }

    /// net → it → dmz → ot, plus a cycle it → mes → dmz, and an island zone.
    fn factory() -> Drawing {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        for z in ["it", "dmz", "mes", "ot", "island"] {
            d.zone(z, 2);
        }
        d.conduit("net", "it");
        d.conduit("it", "dmz");
        d.conduit("it", "mes");
        d.conduit("mes", "dmz");
        d.conduit("dmz", "ot");
        high(&mut d, "plc", "ot");
        high(&mut d, "sis", "island");
        d
    }

    #[test]
    fn shortest_path_count_and_crossed_zones_on_a_cycle() {
        let paths = run(&factory());
        let ot = paths
            .iter()
            .find(|p| p.target_zone == ZoneId::derived("ot"))
            .unwrap();
        assert!(ot.reachable);
        assert_eq!(ot.hops, Some(3), "net→it→dmz→ot crosses three conduits");
        assert_eq!(ot.shortest.len(), 1);
        let names: Vec<ZoneId> = ["it", "dmz", "ot"]
            .iter()
            .map(|n| ZoneId::derived(n))
            .collect();
        assert_eq!(ot.shortest[0].zones, names);
        // it→dmz→ot and it→mes→dmz→ot (and through the cycle back: it→dmz→mes is not to ot).
        assert_eq!(ot.simple_paths, 2);
        assert!(ot.complete);
        assert_eq!(
            ot.zones_crossed,
            vec![ZoneId::derived("it"), ZoneId::derived("dmz")]
        );
        assert_eq!(
            ot.unprotected_conduits.len(),
            3,
            "no conduit has a boundary control"
        );
    }

    #[test]
    fn unreachable_targets_are_reported_as_such() {
        let paths = run(&factory());
        let island = paths
            .iter()
            .find(|p| p.target_zone == ZoneId::derived("island"))
            .unwrap();
        assert!(!island.reachable);
        assert_eq!((island.hops, island.simple_paths), (None, 0));
        assert!(island.shortest.is_empty());
    }

    #[test]
    fn boundary_controls_and_countermeasures_protect_conduits() {
        let mut d = factory();
        let fw = ConduitId::derived("dmz-ot");
        d.conduit_mut(fw).boundary.push(BoundaryControl {
            kind: BoundaryKind::Firewall,
            device: None,
            note: String::new(),
        });
        let imp = Importances::compute(&d.project);
        let protected: HashSet<ConduitId> = [ConduitId::derived("net-it")].into();
        let paths = analyse(
            &d.project,
            &ZoneGraph::build(&d.project),
            &targets(&d.project, &imp),
            &protected,
            PathLimits::default(),
        );
        let ot = paths
            .iter()
            .find(|p| p.target_zone == ZoneId::derived("ot"))
            .unwrap();
        assert_eq!(ot.unprotected_conduits, vec![ConduitId::derived("it-dmz")]);
    }

    #[test]
    fn counting_is_bounded_on_dense_graphs() {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        let names: Vec<String> = (0..12).map(|i| format!("z{i}")).collect();
        for n in &names {
            d.zone(n, 2);
        }
        d.conduit("net", "z0");
        for a in 0..12 {
            for b in (a + 1)..12 {
                d.conduit(&names[a], &names[b]);
            }
        }
        high(&mut d, "plc", "z11");
        let imp = Importances::compute(&d.project);
        let limits = PathLimits {
            budget: 5_000,
            ..PathLimits::default()
        };
        let paths = analyse(
            &d.project,
            &ZoneGraph::build(&d.project),
            &targets(&d.project, &imp),
            &HashSet::new(),
            limits,
        );
        assert_eq!(paths.len(), 1);
        assert!(
            !paths[0].complete,
            "a complete graph of 12 zones exceeds the budget"
        );
        assert!(paths[0].simple_paths > 0);
        assert_eq!(paths[0].hops, Some(2));
    }

    #[test]
    fn simple_paths_come_shortest_first() {
        let d = factory();
        let g = ZoneGraph::build(&d.project);
        let p = simple_paths(
            &g,
            EntryPointId::derived("net"),
            ZoneId::derived("ot"),
            8,
            10,
        );
        assert_eq!(p.len(), 2);
        assert!(p[0].zones.len() < p[1].zones.len());
        assert_eq!(p[1].zones.len(), 4, "it → mes → dmz → ot");
    }
}

#[cfg(test)]
mod properties {
    //! Property tests over random small zone graphs.
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::ImportanceOverride;
    use proptest::prelude::*;

    /// A random graph: `n` zones, an internet entry on zone 0, edges from the given pairs,
    /// a high-importance asset in every zone.
    fn drawing(n: usize, edges: &[(usize, usize)]) -> Drawing {
        let mut d = Drawing::new();
        d.entry("net", EntryKind::Internet);
        for i in 0..n {
            d.zone(&format!("z{i}"), 2);
            let id = d.asset(&format!("a{i}"), "plc", &format!("z{i}"));
            let a = d.project.assets.iter_mut().find(|a| a.id == id).unwrap();
            a.importance_override = Some(ImportanceOverride {
                level: Level::High,
                reason: "p".into(),
            });
        }
        d.conduit("net", "z0");
        for (a, b) in edges {
            if a != b
                && !d
                    .project
                    .conduits
                    .iter()
                    .any(|c| c.name == format!("z{a}-z{b}"))
            {
                d.conduit(&format!("z{a}"), &format!("z{b}"));
            }
        }
        d
    }

    fn paths(d: &Drawing) -> Vec<AttackPath> {
        let imp = Importances::compute(&d.project);
        analyse(
            &d.project,
            &ZoneGraph::build(&d.project),
            &targets(&d.project, &imp),
            &HashSet::new(),
            PathLimits::default(),
        )
    }

    proptest! {
        #[test]
        fn paths_only_use_existing_conduits_between_consecutive_zones(
            n in 2usize..8,
            edges in proptest::collection::vec((0usize..8, 0usize..8), 0..16),
        ) {
            let edges: Vec<_> = edges.into_iter().filter(|(a, b)| *a < n && *b < n).collect();
            let d = drawing(n, &edges);
            let conduits: HashMap<_, _> = d.project.conduits.iter().map(|c| (c.id, c)).collect();
            for p in paths(&d) {
                for s in &p.shortest {
                    prop_assert_eq!(s.zones.len(), s.conduits.len());
                    prop_assert_eq!(Some(s.zones.len() as u32), p.hops);
                    for (i, c) in s.conduits.iter().enumerate() {
                        let c = conduits.get(c).expect("path uses an existing conduit");
                        let into = crate::model::Endpoint::Zone(s.zones[i]);
                        prop_assert!(c.from == into || c.to == into, "conduit leads into the step's zone");
                    }
                }
            }
        }

        #[test]
        fn removing_a_conduit_never_adds_paths(
            n in 2usize..7,
            edges in proptest::collection::vec((0usize..7, 0usize..7), 1..14),
            victim in 0usize..14,
        ) {
            let edges: Vec<_> = edges.into_iter().filter(|(a, b)| *a < n && *b < n).collect();
            let d = drawing(n, &edges);
            let mut cut = drawing(n, &edges);
            let idx = 1 + victim % cut.project.conduits.len().max(1);
            if idx < cut.project.conduits.len() {
                cut.project.conduits.remove(idx);
            }
            let before: HashMap<_, _> = paths(&d).into_iter().map(|p| (p.target_zone, p)).collect();
            for p in paths(&cut) {
                let b = &before[&p.target_zone];
                prop_assert!(p.simple_paths <= b.simple_paths || !b.complete);
                prop_assert!(!p.reachable || b.reachable);
                if let (Some(after), Some(was)) = (p.hops, b.hops) {
                    prop_assert!(after >= was, "a cut never shortens a path");
                }
            }
        }
    }
}
