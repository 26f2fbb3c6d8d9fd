//! The open document held here between edits, and the analysis last sent to the window, so
//! that an edit costs what it changed rather than the whole factory.
//!
//! The window sends, after an edit, the changes since the document held here
//! ([`otzone_models::edit`]), or the whole document when it holds none (a new project, an
//! import, an error before). The answer carries, relative to the analysis the window already
//! has, only the register rows that changed (with their new order when it moved) and the
//! sections that changed; everything else the window keeps. A build with debug assertions
//! (the end-to-end test's) is sent the whole document as well and checks that both agree.

use crate::core::{self, ExclusionView, ImportanceView, RiskView};
use crate::error::{CmdResult, CommandError};
use otzone_models::edit::{self, Applied, Change};
use otzone_models::graph::attack_path::AttackPath;
use otzone_models::id::{AssetId, BusinessId, EntryPointId, ZoneId};
use otzone_models::model::Project;
use otzone_models::risk::register::RiskRow;
use otzone_models::risk::reuse::Since;
use otzone_models::risk::sl_gap::SlGap;
use otzone_models::risk::Analysis;
use otzone_models::steps::{self, StepCompletion};
use otzone_models::validate::Finding;
use otzone_models::Location;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::Arc;
use std::time::Instant;

/// What is held between edits.
#[derive(Default)]
pub struct OpenDocument {
    last_id: u64,
    held: Option<(u64, Arc<Project>)>,
    sent: Option<Sent>,
}

/// The analysis as the window has it.
struct Sent {
    revision: u64,
    /// The held document it is the analysis of.
    doc: u64,
    shown: Shown,
}

/// What the window shows of a project and its analysis.
struct Shown {
    analysis: Arc<Analysis>,
    importances: ImportanceView,
    completion: Vec<StepCompletion>,
}

impl OpenDocument {
    /// Hold `project` as the window's document; its id for the window to send changes to.
    pub fn hold(&mut self, project: Arc<Project>) -> u64 {
        self.last_id += 1;
        self.held = Some((self.last_id, project));
        self.last_id
    }
}

/// The window's analysis request.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The window's revision of its document (answers carry it back).
    pub revision: u64,
    /// The held document the changes apply to; absent: `project` is the whole document.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub base: Option<u64>,
    /// Changes since `base`.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<_>", optional))]
    pub changes: Vec<Change>,
    /// The whole document.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Project>", optional))]
    pub project: Option<serde_json::Value>,
    /// The revision of the analysis the window has, for an answer relative to it.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub known: Option<u64>,
    /// The whole document as well, to check against (builds with debug assertions).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Project>", optional))]
    pub check: Option<serde_json::Value>,
}

/// The window's request to remove items: its document, named as for [`analyze`], and what
/// to remove. The answer is the changes that make the window's document the one without them
/// (and without what referred to them, [`edit::remove`]).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RemoveRequest {
    /// The held document the changes apply to; absent: `project` is the whole document.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub base: Option<u64>,
    /// The window's changes since `base`.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<_>", optional))]
    pub changes: Vec<Change>,
    /// The whole document.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Project>", optional))]
    pub project: Option<serde_json::Value>,
    /// The list the items are in.
    pub collection: edit::Collection,
    /// Their ids.
    #[cfg_attr(test, ts(as = "Vec<String>"))]
    pub ids: Vec<uuid::Uuid>,
}

/// The changes that remove `req.ids` from the window's document. Nothing held changes: the
/// window applies the changes and sends them with its next analysis, as any edit.
pub fn remove_items(
    state: &std::sync::Mutex<OpenDocument>,
    req: RemoveRequest,
) -> CmdResult<Vec<Change>> {
    let before = match (&req.project, req.base) {
        // A document the core refuses for its structure can still lose the item at fault:
        // removing it is how the user repairs it (the next analysis checks the result).
        (Some(whole), _) => core::parse_for_repair(whole)?,
        (None, Some(base)) => {
            // Copied under the lock: an analysis taking the held document meanwhile would
            // otherwise find it shared and copy the whole factory too.
            let held = state
                .lock()
                .map_err(|_| CommandError::shell("internal", "state lock poisoned"))?
                .held
                .as_ref()
                .filter(|(id, _)| *id == base)
                .map(|(_, project)| Project::clone(project));
            let Some(mut project) = held else {
                return Err(resync(
                    "the document held is not the one the changes apply to",
                ));
            };
            // Changes refused (they break the structure) are read again whole, leniently.
            match edit::apply(&mut project, req.changes, &Location::path("project")) {
                Ok(Applied::Done) => project,
                Ok(Applied::WholeDocumentNeeded) => return Err(resync("items need numbers")),
                Err(e) => return Err(resync(&format!("the changes were refused: {e}"))),
            }
        }
        (None, None) => return Err(resync("no document was sent")),
    };
    // Which copy of a repeated id is the stray cannot be told: removing by it would take
    // every copy (and what refers to them), so nothing is removed.
    if let Some(id) = edit::repeated(&before, req.collection, &req.ids) {
        return Err(CommandError::shell(
            "ambiguous_removal",
            format!("several items have the id {id}; nothing was removed"),
        ));
    }
    let mut after = before.clone();
    edit::remove(&mut after, req.collection, &req.ids);
    Ok(edit::difference(&before, &after))
}

/// The code that asks the window to send its whole document.
pub const RESYNC: &str = "resync";

fn resync(why: &str) -> CommandError {
    CommandError::shell(RESYNC, format!("send the whole document: {why}"))
}

/// Run one analysis request: the document it names, analysed, and the answer (JSON) for the
/// window. On any error nothing stays held and the window must send the whole document.
pub fn analyze(
    state: &std::sync::Mutex<OpenDocument>,
    mut req: AnalyzeRequest,
) -> CmdResult<(String, Arc<Project>, Arc<Analysis>)> {
    let lock = || {
        state
            .lock()
            .map_err(|_| CommandError::shell("internal", "state lock poisoned"))
    };
    let t0 = Instant::now();
    // Whatever happens next, what was held is taken: an error leaves nothing half-changed.
    let (held, sent) = {
        let mut s = lock()?;
        (s.held.take(), s.sent.take())
    };
    // The document, and what the changes touched when they were applied to the held one.
    let changes = std::mem::take(&mut req.changes);
    let (project, touched) = document(held, req.project.as_ref(), req.base, changes)?;
    if let Some(whole) = &req.check {
        let expected = core::parse_project(whole)?;
        if expected != *project {
            return Err(CommandError::shell(
                "internal",
                "the document held differs from the window's after the changes",
            ));
        }
    }
    let applied = t0.elapsed();
    let t1 = Instant::now();
    // The analysis of the held document before the changes, to reuse what they left alone.
    let since = match (&touched, &sent) {
        (Some(touched), Some(s)) if Some(s.doc) == req.base => Some(Since {
            prev: &s.shown.analysis,
            touched,
        }),
        _ => None,
    };
    let analysis = Arc::new(match since {
        Some(since) => core::analyse_since(&project, since),
        None => core::analyse(&project),
    });
    let analysed = t1.elapsed();
    if req.check.is_some() && since.is_some() {
        check_reuse(&project, &analysis)?;
    }
    let t2 = Instant::now();
    let shown = Shown {
        importances: core::importances(&analysis),
        completion: steps::completion(&project),
        analysis: analysis.clone(),
    };
    let prev = sent.filter(|s| Some(s.revision) == req.known);
    // The rows and paths go with positions in the project's lists instead of ids.
    let at = Positions::of(&project);
    let views = RegisterViews::of(
        &analysis.risks,
        prev.as_ref().map(|p| &p.shown.analysis.risks[..]),
        &at,
    );
    let paths = PathViews::of(
        &analysis.attack_paths,
        prev.as_ref().map(|p| &p.shown.analysis.attack_paths),
        &at,
    );
    let doc = lock()?.hold(project.clone());
    let mut update = Update::new(
        req.revision,
        doc,
        &shown,
        views.section(),
        paths.section(),
        prev.as_ref(),
    );
    let (all, all_paths);
    if req.check.is_some() && prev.is_some() {
        all = RegisterViews::of(&analysis.risks, None, &at);
        all_paths = PathViews::of(&analysis.attack_paths, None, &at);
        update.whole = Some(Box::new(Update::new(
            req.revision,
            doc,
            &shown,
            all.section(),
            all_paths.section(),
            None,
        )));
    }
    update.timings_ms = [applied, analysed, t2.elapsed()].map(|d| d.as_secs_f64() * 1e3);
    let json = serde_json::to_string(&update).map_err(|e| {
        // Nothing stays held: the window must send the whole document.
        if let Ok(mut s) = state.lock() {
            s.held = None;
        }
        CommandError::shell("internal", format!("analysis: {e}"))
    })?;
    drop(update);
    drop(views);
    drop(paths);
    lock()?.sent = Some(Sent {
        revision: req.revision,
        doc,
        shown,
    });
    drop_later(prev);
    Ok((json, project, analysis))
}

/// The document a request names: the whole one it sent, or the one held (`held`, when it is
/// `base`) with `changes` applied, and what they touched.
fn document(
    held: Option<(u64, Arc<Project>)>,
    whole: Option<&serde_json::Value>,
    base: Option<u64>,
    changes: Vec<Change>,
) -> CmdResult<(Arc<Project>, Option<edit::Touched>)> {
    match (whole, base) {
        (Some(whole), _) => Ok((Arc::new(core::parse_project(whole)?), None)),
        (None, Some(base)) => {
            let Some((_, mut project)) = held.filter(|(id, _)| *id == base) else {
                return Err(resync(
                    "the document held is not the one the changes apply to",
                ));
            };
            let origin = Location::path("project");
            match edit::apply_tracked(Arc::make_mut(&mut project), changes, &origin)? {
                (Applied::Done, touched) => Ok((project, Some(touched))),
                (Applied::WholeDocumentNeeded, _) => Err(resync("items need numbers")),
            }
        }
        (None, None) => Err(resync("no document was sent")),
    }
}

/// In check mode: the analysis that reused the last one is the one a whole analysis gives,
/// section by section, importances included.
fn check_reuse(project: &Project, analysis: &Analysis) -> CmdResult<()> {
    let whole = core::analyse(project);
    let json = |a: &Analysis| {
        serde_json::to_value(a)
            .map_err(|e| CommandError::shell("internal", format!("analysis: {e}")))
    };
    let (got, want) = (json(analysis)?, json(&whole)?);
    let differs = match (got.as_object(), want.as_object()) {
        (Some(g), Some(w)) => w
            .iter()
            .filter(|(k, v)| g.get(*k) != Some(v))
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        _ => vec!["(not an object)"],
    };
    if !differs.is_empty() || analysis.importances != whole.importances {
        return Err(CommandError::shell(
            "internal",
            format!(
                "the analysis reusing the last one differs from a whole analysis in: {}",
                differs.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Free a large value (an analysis of 49k rows takes tens of milliseconds to free) on another
/// thread, after the answer has gone.
pub fn drop_later<T: Send + 'static>(value: T) {
    // Should no thread be had, the value is freed here, as it would have been.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// A list's changes relative to the one the window has (the register's rows, the attack
/// paths, the findings, the SL gaps): items that changed in place (with their position in the
/// new list), items that are new, and, when items moved or some went, the new order as
/// positions (a position past the old items is an entry of `added`). Items are matched by a
/// key; the window needs none, it puts the changed items at their positions.
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ListChanges<'a, T> {
    changed: Vec<(u32, &'a T)>,
    added: Vec<&'a T>,
    order: Option<Vec<u32>>,
}

impl<T> ListChanges<'_, T> {
    fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.order.is_none()
    }
}

/// Compare a list with the one the window has, matching items by `key`; `None` when items
/// cannot be matched one to one (a key repeated in the window's list, or two new items
/// matching one of it), and the list is then sent whole. (New items whose key repeats among
/// themselves but not in the window's list are simply added.)
pub fn list_changes<'a, T: PartialEq, K: Hash + Eq>(
    before: &'a [T],
    now: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Option<ListChanges<'a, T>> {
    let mut changes = ListChanges {
        changed: Vec::new(),
        added: Vec::new(),
        order: None,
    };
    // The usual case after an edit: the same items in the same order, a few changed (matched
    // by position, so a repeated key does no harm here).
    if before.len() == now.len() && before.iter().zip(now).all(|(b, n)| key(b) == key(n)) {
        for (i, (b, n)) in before.iter().zip(now).enumerate() {
            if b != n {
                changes.changed.push((i as u32, n));
            }
        }
        return Some(changes);
    }
    let mut index: HashMap<K, usize> = HashMap::with_capacity(before.len());
    for (i, r) in before.iter().enumerate() {
        if index.insert(key(r), i).is_some() {
            return None;
        }
    }
    let mut taken = vec![false; before.len()];
    let mut order = Vec::with_capacity(now.len());
    for (i, r) in now.iter().enumerate() {
        match index.get(&key(r)) {
            Some(&j) => {
                if std::mem::replace(&mut taken[j], true) {
                    return None;
                }
                order.push(j as u32);
                if before[j] != *r {
                    changes.changed.push((i as u32, r));
                }
            }
            None => {
                order.push((before.len() + changes.added.len()) as u32);
                changes.added.push(r);
            }
        }
    }
    changes.order = Some(order);
    Some(changes)
}

/// A map's changes relative to the one the window has: entries new or changed, and keys gone.
/// (In TypeScript its keys are strings: ids.)
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(concrete(K = String)))]
pub struct MapChanges<'a, K: Ord, V> {
    set: BTreeMap<&'a K, &'a V>,
    removed: Vec<&'a K>,
}

/// Compare a map with the one the window has.
pub fn map_changes<'a, K: Ord, V: PartialEq>(
    before: &'a BTreeMap<K, V>,
    now: &'a BTreeMap<K, V>,
) -> MapChanges<'a, K, V> {
    MapChanges {
        set: now
            .iter()
            .filter(|(k, v)| before.get(k) != Some(v))
            .collect(),
        removed: before.keys().filter(|k| !now.contains_key(k)).collect(),
    }
}

/// A register row as the window is sent it: its [`RiskView`] as an array, without the row id
/// (always `threat@asset`) and with its asset and zone as positions in the project's lists,
/// so that the 49k rows of a large factory are about 5 MB instead of 18. The window makes it
/// a `RiskView` again (`ui/src/sync.ts`, `expandRow`) and keeps it with ids, so rows are
/// compared as views: a row kept stays right when positions move.
#[derive(Debug, PartialEq)]
#[cfg_attr(
    test,
    derive(ts_rs::TS),
    ts(
        rename = "RowTuple",
        type = "[threat: string, asset: number, zone: number, importance: number, threat_level: number, values: [string, string, string], ranks: [number, number, number], countermeasure: [number, number, number], measures: [number, number], tolerable: boolean, parties: Array<Responsibility>, treatment: Treatment | null, reconstructed: boolean]"
    )
)]
pub struct RowTuple<'a> {
    view: RiskView<'a>,
    asset: u32,
    zone: u32,
}

impl<'a> RowTuple<'a> {
    fn of(view: RiskView<'a>, at: &Positions) -> Self {
        Self {
            asset: at.assets.get(&view.asset).copied().unwrap_or(u32::MAX),
            zone: at.zones.get(&view.zone).copied().unwrap_or(u32::MAX),
            view,
        }
    }
}

impl Serialize for RowTuple<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let v = &self.view;
        let mut t = s.serialize_tuple(13)?;
        t.serialize_element(v.threat)?;
        t.serialize_element(&self.asset)?;
        t.serialize_element(&self.zone)?;
        t.serialize_element(&v.importance)?;
        t.serialize_element(&v.threat_level)?;
        t.serialize_element(&v.values)?;
        t.serialize_element(&v.ranks)?;
        t.serialize_element(&v.countermeasure)?;
        t.serialize_element(&v.measures)?;
        t.serialize_element(&v.tolerable)?;
        t.serialize_element(v.parties)?;
        t.serialize_element(&v.treatment)?;
        t.serialize_element(&v.reconstructed)?;
        t.end()
    }
}

/// A list as the window is sent it, relative to the one it has: items are compared as the
/// analysis has them, and only those sent are made their wire form `T`.
enum SentList<T> {
    /// Every item (the window has none, or its items cannot be matched one to one).
    All(Vec<T>),
    /// The items that changed (with their positions in the new list), the new ones, and the
    /// new order when items moved or went.
    Changes {
        changed: Vec<(u32, T)>,
        added: Vec<T>,
        order: Option<Vec<u32>>,
    },
}

impl<T> SentList<T> {
    /// `c` with each item sent made its wire form.
    fn changes<'c, S: 'c>(c: ListChanges<'c, S>, wire: impl Fn(&'c S) -> T) -> Self {
        Self::Changes {
            changed: c.changed.into_iter().map(|(i, x)| (i, wire(x))).collect(),
            added: c.added.into_iter().map(wire).collect(),
            order: c.order,
        }
    }

    /// The answer's section for the list.
    fn section(&self) -> ListSection<'_, T> {
        match self {
            Self::All(items) => (Some(items), None),
            Self::Changes {
                changed,
                added,
                order,
            } => {
                let c = ListChanges {
                    changed: changed.iter().map(|(i, v)| (*i, v)).collect(),
                    added: added.iter().collect(),
                    order: order.clone(),
                };
                (None, (!c.is_empty()).then_some(c))
            }
        }
    }
}

/// The register rows as the window is sent them, relative to the rows it has (`before`).
/// Rows are compared as the window keeps them (with ids); only those sent are made arrays.
type RegisterViews<'a> = SentList<RowTuple<'a>>;

impl<'a> RegisterViews<'a> {
    fn of(now: &'a [Arc<RiskRow>], before: Option<&'a [Arc<RiskRow>]>, at: &Positions) -> Self {
        let tuple = |v: RiskView<'a>| RowTuple::of(v, at);
        let all = || Self::All(now.iter().map(|r| tuple(RiskView::of(r))).collect());
        let Some(before) = before else {
            return all();
        };
        // The usual case: the same rows in the same order. A row the analysis reused is the
        // one the window has (the same row, shared), so only the others are looked at.
        let same = |b: &Arc<RiskRow>, n: &Arc<RiskRow>| Arc::ptr_eq(b, n);
        if before.len() == now.len()
            && before
                .iter()
                .zip(now)
                .all(|(b, n)| same(b, n) || b.id == n.id)
        {
            let changed = before
                .iter()
                .zip(now)
                .enumerate()
                .filter(|(_, (b, n))| !same(b, n))
                .filter_map(|(i, (b, n))| {
                    let view = RiskView::of(n);
                    (RiskView::of(b) != view).then(|| (i as u32, tuple(view)))
                })
                .collect();
            return Self::Changes {
                changed,
                added: Vec::new(),
                order: None,
            };
        }
        let views = |rows: &'a [Arc<RiskRow>]| -> Vec<RiskView<'a>> {
            rows.iter().map(|r| RiskView::of(r)).collect()
        };
        let (now_views, before_views) = (views(now), views(before));
        match list_changes(&before_views, &now_views, row_id) {
            Some(c) => Self::changes(c, |v| tuple(*v)),
            None => all(),
        }
    }
}

/// An attack path as the window is sent it: its assets, zones and conduits as positions in
/// the project's lists (which the window has), and each crossing as one number, so that the
/// 6,000 paths of a large factory are under two megabytes instead of seventeen. The window
/// expands it to [`AttackPath`] (`ui/src/sync.ts`, `expandPath`).
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PathView<'a> {
    entry: EntryPointId,
    entry_kind: otzone_models::model::EntryKind,
    target_zone: ZoneId,
    /// The target zone's assets of importance 3, as positions in the project's asset list.
    targets: Vec<u32>,
    reachable: bool,
    hops: Option<u32>,
    /// Each shortest path: zone positions, conduit positions, crossings.
    shortest: Vec<StepsView>,
    simple_paths: u32,
    complete: bool,
    /// As positions in the project's conduit list.
    unprotected_conduits: Vec<u32>,
    /// As positions in the project's zone list.
    zones_crossed: Vec<u32>,
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    _path: std::marker::PhantomData<&'a AttackPath>,
}

/// Positions of the items of the project's lists, for [`PathView`]: an id the project no
/// longer has (none, in a path of its own analysis) is `u32::MAX`.
struct Positions {
    assets: HashMap<AssetId, u32>,
    zones: HashMap<ZoneId, u32>,
    conduits: HashMap<otzone_models::id::ConduitId, u32>,
}

impl Positions {
    fn of(p: &Project) -> Self {
        fn index<K: Hash + Eq>(ids: impl Iterator<Item = K>) -> HashMap<K, u32> {
            ids.enumerate().map(|(i, k)| (k, i as u32)).collect()
        }
        Self {
            assets: index(p.assets.iter().map(|a| a.id)),
            zones: index(p.zones.iter().map(|z| z.id)),
            conduits: index(p.conduits.iter().map(|c| c.id)),
        }
    }
}

fn positions<K: Hash + Eq>(ids: &[K], of: &HashMap<K, u32>) -> Vec<u32> {
    ids.iter()
        .map(|k| of.get(k).copied().unwrap_or(u32::MAX))
        .collect()
}

/// One shortest path of a [`PathView`].
#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StepsView {
    /// Zones entered, as positions in the project's zone list.
    z: Vec<u32>,
    /// Conduits used, as positions in the project's conduit list.
    c: Vec<u32>,
    /// How each conduit was crossed: `(channel + 1) << 4 | kind << 2 | reverse << 1 |
    /// controlled`, with channel 0 for none and kind 0 initiate, 1 data, 2 response.
    v: Vec<u32>,
}

impl<'a> PathView<'a> {
    fn of(p: &'a AttackPath, at: &Positions) -> Self {
        use otzone_models::model::HopKind;
        let steps = |s: &otzone_models::graph::attack_path::PathSteps| StepsView {
            z: positions(&s.zones, &at.zones),
            c: positions(&s.conduits, &at.conduits),
            v: s.via
                .iter()
                .map(|v| {
                    let kind = match v.kind {
                        HopKind::Initiate => 0,
                        HopKind::Data => 1,
                        HopKind::Response => 2,
                    };
                    // Channels of one conduit are a handful; 2^27 of them would not fit.
                    debug_assert!(v.channel.is_none_or(|c| c < 1 << 27));
                    (v.channel.map_or(0, |c| c.saturating_add(1)) << 4)
                        | (kind << 2)
                        | (u32::from(v.reverse) << 1)
                        | u32::from(v.controlled)
                })
                .collect(),
        };
        Self {
            entry: p.entry,
            entry_kind: p.entry_kind,
            target_zone: p.target_zone,
            targets: positions(&p.targets, &at.assets),
            reachable: p.reachable,
            hops: p.hops,
            shortest: p.shortest.iter().map(steps).collect(),
            simple_paths: p.simple_paths,
            complete: p.complete,
            unprotected_conduits: positions(&p.unprotected_conduits, &at.conduits),
            zones_crossed: positions(&p.zones_crossed, &at.zones),
            _path: std::marker::PhantomData,
        }
    }
}

/// The attack paths as the window is sent them, relative to the paths it has.
type PathViews<'a> = SentList<PathView<'a>>;

impl<'a> PathViews<'a> {
    /// Paths are compared as the analysis has them; only those sent are made views.
    fn of(
        now: &'a Arc<Vec<AttackPath>>,
        before: Option<&'a Arc<Vec<AttackPath>>>,
        at: &Positions,
    ) -> Self {
        let view = |p| PathView::of(p, at);
        let all = || Self::All(now.iter().map(view).collect());
        let Some(before) = before else {
            return all();
        };
        // Paths the analysis reused are the ones the window has.
        let changes = if Arc::ptr_eq(now, before) {
            ListChanges {
                changed: Vec::new(),
                added: Vec::new(),
                order: None,
            }
        } else {
            match list_changes(before, now, path_key) {
                Some(c) => c,
                None => return all(),
            }
        };
        Self::changes(changes, view)
    }
}

/// A list section of the answer: whole when the window has none of it (or its keys repeat),
/// otherwise its changes; neither when it did not change.
type ListSection<'a, T> = (Option<&'a [T]>, Option<ListChanges<'a, T>>);

fn list_section<'a, T: PartialEq, K: Hash + Eq>(
    now: &'a [T],
    before: Option<&'a [T]>,
    key: impl Fn(&'a T) -> K,
) -> ListSection<'a, T> {
    let Some(before) = before else {
        return (Some(now), None);
    };
    match list_changes(before, now, key) {
        Some(c) if c.is_empty() => (None, None),
        Some(c) => (None, Some(c)),
        None => (Some(now), None),
    }
}

/// A map section of the answer, as [`list_section`].
type MapSection<'a, K, V> = (Option<&'a BTreeMap<K, V>>, Option<MapChanges<'a, K, V>>);

fn map_section<'a, K: Ord, V: PartialEq>(
    now: &'a BTreeMap<K, V>,
    before: Option<&'a BTreeMap<K, V>>,
) -> MapSection<'a, K, V> {
    let Some(before) = before else {
        return (Some(now), None);
    };
    let c = map_changes(before, now);
    if c.set.is_empty() && c.removed.is_empty() {
        (None, None)
    } else {
        (None, Some(c))
    }
}

/// A register row's key.
fn row_id<'a>(r: &RiskView<'a>) -> &'a str {
    r.id
}

/// An attack path's key: its (entry point, target zone).
fn path_key(p: &AttackPath) -> (EntryPointId, ZoneId) {
    (p.entry, p.target_zone)
}

/// A finding's key: its rule, item and message (a rule may say two things of one item).
fn finding_key(f: &Finding) -> (&str, &str, &str, &str) {
    (f.rule, f.item.kind, &f.item.id, &f.message_en)
}

/// An SL gap's key: its zone or conduit.
fn gap_key(g: &SlGap) -> (&str, &str) {
    (g.kind, &g.id)
}

/// The answer: every section when `relative_to` is absent, otherwise only those that changed
/// since the analysis of that revision (an absent section is unchanged).
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct Update<'a> {
    revision: u64,
    /// The document held now, for the window's next changes.
    doc: u64,
    relative_to: Option<u64>,
    method: &'a str,
    values: &'a [String],
    tolerable: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    risks: Option<&'a [RowTuple<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    risk_changes: Option<ListChanges<'a, RowTuple<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    attack_paths: Option<&'a [PathView<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    attack_path_changes: Option<ListChanges<'a, PathView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    scenarios: Option<&'a [otzone_models::risk::scenario::AttackTree]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    exclusions: Option<Vec<ExclusionView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    rollups: Option<&'a otzone_models::risk::rollup::Rollups>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    sl_gaps: Option<&'a [SlGap]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    sl_gap_changes: Option<ListChanges<'a, SlGap>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    findings: Option<&'a [Finding]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    finding_changes: Option<ListChanges<'a, Finding>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    asset_importance: Option<&'a BTreeMap<AssetId, u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    asset_importance_changes: Option<MapChanges<'a, AssetId, u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    business_importance: Option<&'a BTreeMap<BusinessId, u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    business_importance_changes: Option<MapChanges<'a, BusinessId, u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    zone_importance: Option<&'a BTreeMap<ZoneId, u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    zone_importance_changes: Option<MapChanges<'a, ZoneId, u8>>,
    /// How complete each guided step is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    completion: Option<&'a [StepCompletion]>,
    /// Where the time went (ms): changes applied, analysis, answer built.
    timings_ms: [f64; 3],
    /// The whole answer as well, for the window to check that what it merged is the same
    /// (builds with debug assertions, when the request asks for a check).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    whole: Option<Box<Update<'a>>>,
}

impl<'a> Update<'a> {
    fn new(
        revision: u64,
        doc: u64,
        now: &'a Shown,
        (risks, risk_changes): ListSection<'a, RowTuple<'a>>,
        (attack_paths, attack_path_changes): ListSection<'a, PathView<'a>>,
        prev: Option<&'a Sent>,
    ) -> Self {
        /// A section, unless the window has it already.
        fn unless<'a, T: PartialEq + ?Sized>(now: &'a T, before: Option<&T>) -> Option<&'a T> {
            (before != Some(now)).then_some(now)
        }
        let (a, imp) = (&*now.analysis, &now.importances);
        let b = prev.map(|p| &*p.shown.analysis);
        let exclusions = unless(&a.exclusions, b.map(|b| &b.exclusions))
            .map(|x| x.iter().map(ExclusionView::of).collect());
        let (findings, finding_changes) =
            list_section(&a.findings, b.map(|b| &b.findings[..]), finding_key);
        let (sl_gaps, sl_gap_changes) =
            list_section(&a.sl_gaps, b.map(|b| &b.sl_gaps[..]), gap_key);
        let was = prev.map(|p| &p.shown.importances);
        let (asset_importance, asset_importance_changes) =
            map_section(&imp.assets, was.map(|w| &w.assets));
        let (business_importance, business_importance_changes) =
            map_section(&imp.businesses, was.map(|w| &w.businesses));
        let (zone_importance, zone_importance_changes) =
            map_section(&imp.zones, was.map(|w| &w.zones));
        Self {
            revision,
            doc,
            relative_to: prev.map(|p| p.revision),
            method: &a.method,
            values: &a.values,
            tolerable: &a.tolerable,
            risks,
            risk_changes,
            attack_paths,
            attack_path_changes,
            scenarios: unless(&a.scenarios[..], b.map(|b| &b.scenarios[..])),
            exclusions,
            rollups: unless(&a.rollups, b.map(|b| &b.rollups)),
            sl_gaps,
            sl_gap_changes,
            findings,
            finding_changes,
            asset_importance,
            asset_importance_changes,
            business_importance,
            business_importance_changes,
            zone_importance,
            zone_importance_changes,
            completion: unless(&now.completion[..], prev.map(|p| &p.shown.completion[..])),
            timings_ms: [0.0; 3],
            whole: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::sync::Mutex;

    fn row<'a>(id: &'a str, residual: &'a str) -> RiskView<'a> {
        RiskView {
            id,
            threat: "T01",
            asset: otzone_models::id::AssetId::derived("a"),
            zone: otzone_models::id::ZoneId::derived("z"),
            importance: 3,
            threat_level: 2,
            values: ["A", "B", residual],
            ranks: [0, 1, 2],
            countermeasure: [1, 2, 2],
            measures: [1, 1],
            tolerable: false,
            parties: &[],
            treatment: None,
            reconstructed: false,
        }
    }

    #[test]
    fn the_register_changes_name_the_rows_that_changed_and_the_new_order() {
        // The window has a, b, c. Now b is gone, c's residual changed, and d is new.
        let before = [row("a", "B"), row("b", "C"), row("c", "D")];
        let now = [row("a", "B"), row("c", "C"), row("d", "D")];
        let c = list_changes(&before, &now, row_id).unwrap();
        assert_eq!(
            c.changed,
            vec![(1, &now[1])],
            "only c changed in place, now at 1"
        );
        assert_eq!(c.added, vec![&now[2]]);
        // a was at 0, c at 2; d is the first added row: position 3 (after the 3 old rows).
        assert_eq!(c.order, Some(vec![0, 2, 3]));
        // Nothing changed: nothing to send, not even the order.
        let same = list_changes(&before, &before, row_id).unwrap();
        assert!(same.is_empty());
        // The same rows in the same order, one changed: no order, the row at its position.
        let edited = [row("a", "B"), row("b", "D"), row("c", "D")];
        let c = list_changes(&before, &edited, row_id).unwrap();
        assert_eq!((c.changed, c.order), (vec![(1, &edited[1])], None));
    }

    /// A register row goes as an array in the order `ui/src/sync.ts` reads it, with its asset
    /// and zone as positions, and without its id, which is always `threat@asset` (checked on
    /// every row of both samples).
    #[test]
    fn a_register_row_is_sent_as_an_array_without_its_id() {
        for sample in ["food-plant", "electronics-line"] {
            let p = core::sample(sample).unwrap();
            let a = core::analyse(&p);
            let at = Positions::of(&p);
            for r in a.risks.iter() {
                assert_eq!(r.id, format!("{}@{}", r.threat, r.asset));
                let t = serde_json::to_value(RowTuple::of(RiskView::of(r), &at)).unwrap();
                let v = serde_json::to_value(RiskView::of(r)).unwrap();
                // Every field of the view but the id and the two ids made positions: a field
                // added to RiskView fails here until the tuple (and wire.ts) carry it.
                assert_eq!(v.as_object().unwrap().len(), 14);
                let asset = p.assets.iter().position(|x| x.id == r.asset).unwrap();
                let zone = p.zones.iter().position(|z| z.id == r.zone).unwrap();
                assert_eq!(
                    t,
                    json!([
                        v["threat"],
                        asset,
                        zone,
                        v["importance"],
                        v["threat_level"],
                        v["values"],
                        v["ranks"],
                        v["countermeasure"],
                        v["measures"],
                        v["tolerable"],
                        v["parties"],
                        v["treatment"],
                        v["reconstructed"]
                    ])
                );
            }
        }
    }

    /// A path's zones and conduits go as positions in the project's lists and each crossing
    /// as one number (the same numbers `ui/test/sync.test.ts` expands by hand): 39 = channel
    /// 1, data, reversed, controlled; 24 = channel 0, response-only; 0 = no channel,
    /// initiated.
    #[test]
    fn a_path_is_sent_as_positions_and_crossing_numbers() {
        use otzone_models::graph::attack_path::PathSteps;
        use otzone_models::graph::HopVia;
        use otzone_models::model::{EntryKind, HopKind};
        let zones: Vec<ZoneId> = (0..3).map(|i| ZoneId::derived(&format!("z{i}"))).collect();
        let via = |conduit_index, channel, kind, reverse, controlled| HopVia {
            conduit_index,
            reverse,
            channel,
            kind,
            controlled,
        };
        let c = |i: u32| otzone_models::id::ConduitId::derived(&format!("c{i}"));
        let path = AttackPath {
            entry: EntryPointId::derived("e"),
            entry_kind: EntryKind::Internet,
            target_zone: zones[2],
            targets: Arc::from(vec![AssetId::derived("a")]),
            reachable: true,
            hops: Some(2),
            shortest: vec![
                PathSteps {
                    zones: vec![zones[1], zones[2]],
                    conduits: vec![c(2), c(0)],
                    via: vec![
                        via(2, Some(1), HopKind::Data, true, true),
                        via(0, Some(0), HopKind::Response, false, false),
                    ],
                },
                PathSteps {
                    zones: vec![zones[2]],
                    conduits: vec![c(1)],
                    via: vec![via(1, None, HopKind::Initiate, false, false)],
                },
            ],
            simple_paths: 2,
            complete: true,
            unprotected_conduits: vec![c(0)],
            zones_crossed: vec![zones[1]],
        };
        let at = Positions {
            assets: [(AssetId::derived("b"), 0), (AssetId::derived("a"), 1)]
                .into_iter()
                .collect(),
            zones: zones
                .iter()
                .enumerate()
                .map(|(i, z)| (*z, i as u32))
                .collect(),
            // Positions in the list, not the graph's edge indices the hops carry.
            conduits: (0..3).map(|i| (c(i), 2 - i)).collect(),
        };
        let sent = serde_json::to_value(PathView::of(&path, &at)).unwrap();
        assert_eq!(
            sent["shortest"],
            json!([{"z": [1, 2], "c": [0, 2], "v": [39, 24]}, {"z": [2], "c": [1], "v": [0]}])
        );
        assert_eq!(sent["targets"], json!([1]));
        assert_eq!(sent["unprotected_conduits"], json!([2]));
        assert_eq!(sent["zones_crossed"], json!([1]));
        // Everything else goes as the path has it.
        let mut whole = serde_json::to_value(&path).unwrap();
        let mut rest = sent.clone();
        for v in [&mut whole, &mut rest] {
            for k in [
                "shortest",
                "targets",
                "unprotected_conduits",
                "zones_crossed",
            ] {
                v.as_object_mut().unwrap().remove(k);
            }
        }
        assert_eq!(rest, whole);
    }

    #[test]
    fn a_list_whose_keys_repeat_is_sent_whole() {
        // Two rows under one key cannot be told apart once they move: the whole list goes.
        let before = [row("a", "B"), row("a", "C"), row("c", "D")];
        let now = [row("c", "D"), row("a", "B"), row("a", "C")];
        assert!(list_changes(&before, &now, row_id).is_none());
        assert_eq!(
            list_section(&now, Some(&before), row_id).0.map(<[_]>::len),
            Some(3)
        );
        // In place they can (matched by position).
        let edited = [row("a", "B"), row("a", "D"), row("c", "D")];
        let c = list_changes(&before, &edited, row_id).unwrap();
        assert_eq!(c.changed, vec![(1, &edited[1])]);
        // A repeat that appears only now is caught as well.
        let repeated = [row("a", "B"), row("c", "D"), row("c", "D"), row("d", "D")];
        assert!(list_changes(&before[1..], &repeated, row_id).is_none());
    }

    #[test]
    fn the_importances_changes_name_the_entries_set_and_gone() {
        let (a, b, c) = (
            ZoneId::derived("a"),
            ZoneId::derived("b"),
            ZoneId::derived("c"),
        );
        let before = BTreeMap::from([(a, 1u8), (b, 2)]);
        let now = BTreeMap::from([(a, 1u8), (b, 3), (c, 1)]);
        let d = map_changes(&before, &now);
        assert_eq!(d.set, BTreeMap::from([(&b, &3), (&c, &1)]));
        assert!(d.removed.is_empty());
        let d = map_changes(&now, &before);
        assert_eq!((d.set, d.removed), (BTreeMap::from([(&b, &2)]), vec![&c]));
        assert_eq!(map_section(&now, Some(&now)), (None, None));
    }

    fn request(revision: u64, base: Option<u64>, changes: Vec<Change>) -> AnalyzeRequest {
        AnalyzeRequest {
            revision,
            base,
            changes,
            project: None,
            known: None,
            check: None,
        }
    }

    fn answer(state: &Mutex<OpenDocument>, req: AnalyzeRequest) -> Value {
        serde_json::from_str(&analyze(state, req).unwrap().0).unwrap()
    }

    /// What the window has after an answer (the rule `ui/src/sync.ts` follows).
    fn merge(had: &Value, answer: &Value) -> Value {
        let mut out = had.clone();
        for (k, v) in answer.as_object().unwrap() {
            out[k] = v.clone();
        }
        for (changes, list) in [
            ("risk_changes", "risks"),
            ("attack_path_changes", "attack_paths"),
            ("finding_changes", "findings"),
            ("sl_gap_changes", "sl_gaps"),
        ] {
            let Some(c) = answer.get(changes) else {
                continue;
            };
            let old = had[list].as_array().unwrap();
            let added = c["added"].as_array().unwrap();
            let mut items: Vec<Value> = match c["order"].as_array() {
                Some(order) => order
                    .iter()
                    .map(|i| {
                        let i = i.as_u64().unwrap() as usize;
                        old.get(i).unwrap_or_else(|| &added[i - old.len()]).clone()
                    })
                    .collect(),
                None => old.clone(),
            };
            for changed in c["changed"].as_array().unwrap() {
                items[changed[0].as_u64().unwrap() as usize] = changed[1].clone();
            }
            out[list] = Value::Array(items);
        }
        for map in ["asset_importance", "business_importance", "zone_importance"] {
            let Some(c) = answer.get(format!("{map}_changes").as_str()) else {
                continue;
            };
            let m = out[map].as_object_mut().unwrap();
            for k in c["removed"].as_array().unwrap() {
                m.remove(k.as_str().unwrap());
            }
            for (k, v) in c["set"].as_object().unwrap() {
                m.insert(k.clone(), v.clone());
            }
        }
        out
    }

    fn without_bookkeeping(mut v: Value) -> Value {
        for k in [
            "revision",
            "doc",
            "relative_to",
            "timings_ms",
            "risk_changes",
            "attack_path_changes",
            "finding_changes",
            "sl_gap_changes",
            "asset_importance_changes",
            "business_importance_changes",
            "zone_importance_changes",
            "whole",
        ] {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    }

    #[test]
    fn an_edit_is_answered_with_what_changed_and_merges_into_the_whole_answer() {
        let p = crate::core::sample("food-plant").unwrap();
        let state = Mutex::new(OpenDocument::default());
        let doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let first = answer(&state, request(1, Some(doc), vec![]));
        assert!(first["relative_to"].is_null());

        // The window implements a proposed countermeasure: residual risks of its threats drop.
        let rows = |p: &Project| -> Value {
            serde_json::to_value(
                core::analyse(p)
                    .risks
                    .iter()
                    .map(|r| RiskView::of(r))
                    .collect::<Vec<_>>(),
            )
            .unwrap()
        };
        let i = (0..p.countermeasures.len())
            .find(|&i| {
                let mut q = p.clone();
                q.countermeasures[i].status = otzone_models::model::MeasureStatus::Implemented;
                rows(&q) != rows(&p)
            })
            .expect("a measure whose implementation moves a risk");
        let mut window = serde_json::to_value(&p).unwrap();
        window["countermeasures"][i]["status"] = json!("implemented");
        let item = window["countermeasures"][i].clone();
        let splice = Change::replace_item("countermeasures", i, item);
        let mut req = request(2, first["doc"].as_u64(), vec![splice]);
        req.known = Some(1);
        req.check = Some(window.clone());
        let second = answer(&state, req);
        assert_eq!(second["relative_to"], 1);
        assert!(
            second.get("attack_paths").is_none(),
            "paths do not depend on measures and are not sent again"
        );
        assert!(!second["risk_changes"]["changed"]
            .as_array()
            .unwrap()
            .is_empty());

        // What the window then has is what a whole analysis of its document gives.
        let whole = |revision, window: &Value| {
            let fresh = Mutex::new(OpenDocument::default());
            let mut req = request(revision, None, vec![]);
            req.project = Some(window.clone());
            without_bookkeeping(answer(&fresh, req))
        };
        let had = merge(&first, &second);
        assert_eq!(without_bookkeeping(had.clone()), whole(2, &window));

        // Then an asset of lower importance is raised to 3 with a reason: its zone's attack
        // paths now name it among their targets (or the zone becomes a target), and only
        // those paths are sent.
        let i = p
            .assets
            .iter()
            .position(|a| a.zone.is_some() && first["asset_importance"][a.id.to_string()] != 3)
            .expect("an asset below importance 3");
        window["assets"][i]["importance_override"] = json!({"level": 3, "reason": "試験"});
        let splice = Change::replace_item("assets", i, window["assets"][i].clone());
        let mut req = request(3, second["doc"].as_u64(), vec![splice]);
        req.known = Some(2);
        req.check = Some(window.clone());
        let third = answer(&state, req);
        let paths = &third["attack_path_changes"];
        assert!(third.get("attack_paths").is_none());
        assert!(
            !paths["changed"].as_array().unwrap().is_empty()
                || !paths["added"].as_array().unwrap().is_empty(),
            "{paths}"
        );
        assert!(
            paths["changed"].as_array().unwrap().len() + paths["added"].as_array().unwrap().len()
                < first["attack_paths"].as_array().unwrap().len(),
            "only the paths that changed are sent"
        );
        // The importances come as the entries that changed.
        let id = p.assets[i].id.to_string();
        assert!(third.get("asset_importance").is_none());
        assert_eq!(third["asset_importance_changes"]["set"][&id], 3);
        let had = merge(&had, &third);
        assert_eq!(without_bookkeeping(had.clone()), whole(3, &window));

        // Then an asset is given another asset's name: two duplicate-name findings appear
        // (step 1-4), and only they are sent, with the new order.
        let i = 1;
        window["assets"][i]["name"] = json!(p.assets[0].name.clone());
        let splice = Change::replace_item("assets", i, window["assets"][i].clone());
        let mut req = request(4, third["doc"].as_u64(), vec![splice]);
        req.known = Some(3);
        req.check = Some(window.clone());
        let (fourth, _, analysis) = analyze(&state, req).unwrap();
        let fourth: Value = serde_json::from_str(&fourth).unwrap();
        // The analysis reused the last one (and check mode held it to a whole analysis): one
        // asset's rows were built again, the paths kept.
        assert_eq!(analysis.memo.reused.register_rebuilt_for, Some(1));
        assert!(analysis.memo.reused.attack_paths);
        assert!(fourth.get("findings").is_none());
        assert!(
            fourth.get("risk_changes").is_none() && fourth.get("risks").is_none(),
            "a rename moves no register figure"
        );
        let sent = &fourth["finding_changes"];
        let added = sent["added"].as_array().unwrap();
        assert_eq!(added.len(), 2, "{sent}");
        assert!(added.iter().all(|f| f["rule"] == "duplicate_name"));
        assert!(sent["order"].is_array());
        assert_eq!(without_bookkeeping(merge(&had, &fourth)), whole(4, &window));
    }

    /// Check mode compares the analysis that reused the last one with a whole analysis: a
    /// last analysis that is not the held document's (made so here by hand) is caught, and
    /// nothing stays held.
    #[test]
    fn a_wrong_reuse_is_caught_when_checking() {
        let p = crate::core::sample("food-plant").unwrap();
        let state = Mutex::new(OpenDocument::default());
        let doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let first = answer(&state, request(1, Some(doc), vec![]));
        // The analysis kept is made that of another factory: every measure implemented.
        let mut other = p.clone();
        for m in &mut other.countermeasures {
            m.status = otzone_models::model::MeasureStatus::Implemented;
        }
        state.lock().unwrap().sent.as_mut().unwrap().shown.analysis =
            Arc::new(core::analyse(&other));
        let mut window = serde_json::to_value(&p).unwrap();
        window["assets"][0]["name"] = json!("改名");
        let splice = Change::replace_item("assets", 0, window["assets"][0].clone());
        let mut req = request(2, first["doc"].as_u64(), vec![splice]);
        req.check = Some(window);
        let e = analyze(&state, req).unwrap_err();
        assert_eq!(e.code, "internal");
        assert!(e.message.contains("risks"), "{}", e.message);
        assert!(state.lock().unwrap().held.is_none());
    }

    /// Another document opened between two requests (the shell holds it at once): the
    /// analysis of the old one is never reused for the new one, even though it is still kept
    /// as the last one sent, and changes to the old one ask for the whole document.
    #[test]
    fn an_analysis_is_reused_only_for_the_document_it_is_of() {
        // The same file opened again after it changed outside the app: every countermeasure
        // implemented since. The same assets, so only the document id tells them apart.
        let p = crate::core::sample("food-plant").unwrap();
        let mut q = p.clone();
        for m in &mut q.countermeasures {
            m.status = otzone_models::model::MeasureStatus::Implemented;
        }
        let state = Mutex::new(OpenDocument::default());
        let first_doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let first = answer(&state, request(1, Some(first_doc), vec![]));
        let old_doc = first["doc"].as_u64();
        // Opened: the new document is held; the last analysis sent is still the old one's.
        let new_doc = state.lock().unwrap().hold(Arc::new(q.clone()));
        assert!(state
            .lock()
            .unwrap()
            .sent
            .as_ref()
            .is_some_and(|s| Some(s.doc) == old_doc));
        // The new document's first edit is analysed whole, not from the old analysis.
        let mut window = serde_json::to_value(&q).unwrap();
        window["assets"][0]["name"] = json!("改名");
        let edit = Change::replace_item("assets", 0, window["assets"][0].clone());
        let (_, _, a) = analyze(&state, request(2, Some(new_doc), vec![edit])).unwrap();
        assert_eq!(a.memo.reused, otzone_models::risk::reuse::Reused::default());
        let whole = core::analyse(&serde_json::from_value(window).unwrap());
        assert_eq!(
            serde_json::to_value(&*a).unwrap(),
            serde_json::to_value(&whole).unwrap()
        );
        // Changes to the old document now ask for the whole document.
        let mut old = serde_json::to_value(&p).unwrap();
        old["assets"][0]["name"] = json!("改名");
        let stale = Change::replace_item("assets", 0, old["assets"][0].clone());
        let e = analyze(&state, request(3, old_doc, vec![stale])).unwrap_err();
        assert_eq!(e.code, RESYNC);
    }

    #[test]
    fn changes_to_a_document_not_held_ask_for_the_whole_one() {
        let p = crate::core::sample("electronics-line").unwrap();
        let state = Mutex::new(OpenDocument::default());
        let doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let e = analyze(&state, request(1, Some(doc + 1), vec![])).unwrap_err();
        assert_eq!(e.code, RESYNC);
        // That request took the held document away: even the right id is now unknown.
        let e = analyze(&state, request(1, Some(doc), vec![])).unwrap_err();
        assert_eq!(e.code, RESYNC);

        // A bad change is refused where it is, and nothing half-changed stays held.
        let doc = state.lock().unwrap().hold(Arc::new(p));
        let bad = Change::replace_item("assets", 0, json!({"name": 1}));
        let e = analyze(&state, request(2, Some(doc), vec![bad])).unwrap_err();
        assert_eq!(e.code, "invalid_json");
        assert_eq!(
            e.location.and_then(|l| l.path).as_deref(),
            Some("assets[0].name")
        );
        let e = analyze(&state, request(3, Some(doc), vec![])).unwrap_err();
        assert_eq!(e.code, RESYNC);
    }

    /// A conduit whose two ends the user set to one zone makes the document one the core
    /// refuses (`conduit_self_loop`): no analysis, no save. Deleting that conduit must still
    /// work, or the user could not repair it. Both ways the window sends the document: whole,
    /// and as changes to the held one (which the core refuses, so it asks for the whole).
    #[test]
    fn a_document_refused_for_its_structure_can_lose_the_item_at_fault() {
        let p = crate::core::sample("food-plant").unwrap();
        let mut bad = p.clone();
        bad.conduits[0].to = bad.conduits[0].from;
        let gone = bad.conduits[0].id.0;
        let whole = serde_json::to_value(&bad).unwrap();
        let e = crate::core::parse_project(&whole).unwrap_err();
        assert_eq!(e.code, "invalid_model");

        let state = Mutex::new(OpenDocument::default());
        let removal = |base: Option<u64>, changes: Vec<Change>, project: Option<Value>| {
            remove_items(
                &state,
                RemoveRequest {
                    base,
                    changes,
                    project,
                    collection: edit::Collection::Conduits,
                    ids: vec![gone],
                },
            )
        };
        // Sent whole: the changes take the conduit out, and the result is a project again.
        let changes = removal(None, vec![], Some(whole.clone())).unwrap();
        let mut repaired = bad.clone();
        edit::apply(&mut repaired, changes, &Location::path("project")).unwrap();
        assert_eq!(repaired.conduits.len(), p.conduits.len() - 1);
        assert!(repaired.conduits.iter().all(|c| c.id.0 != gone));
        crate::core::parse_project(&serde_json::to_value(&repaired).unwrap()).unwrap();

        // Sent as the edit that broke it, on the held document: the core asks for the whole
        // one (it cannot apply a change that breaks the structure), which then works.
        let doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let edit = Change::replace_item(
            "conduits",
            0,
            serde_json::to_value(&bad.conduits[0]).unwrap(),
        );
        let e = removal(Some(doc), vec![edit], None).unwrap_err();
        assert_eq!(e.code, RESYNC);

        // A repeated id is not repaired: removing by it would take both copies (the real
        // conduit with the stray), so nothing is removed and the user is told why.
        let mut twice = p.clone();
        twice.conduits.push(p.conduits[0].clone());
        let e = removal(None, vec![], Some(serde_json::to_value(&twice).unwrap())).unwrap_err();
        assert_eq!(e.code, "ambiguous_removal");
        let other = p.conduits[1].id.0;
        let changes = remove_items(
            &state,
            RemoveRequest {
                base: None,
                changes: vec![],
                project: Some(serde_json::to_value(&twice).unwrap()),
                collection: edit::Collection::Conduits,
                ids: vec![other],
            },
        )
        .unwrap();
        assert!(
            !changes.is_empty(),
            "another item of the same list still goes"
        );

        // What stays refused: a document that is not one (a wrong type), located.
        let mut broken = whole;
        broken["conduits"][0]["name"] = json!(5);
        let e = removal(None, vec![], Some(broken)).unwrap_err();
        assert_eq!(e.code, "invalid_json");
        assert_eq!(
            e.location.and_then(|l| l.path).as_deref(),
            Some("conduits[0].name")
        );
    }

    #[test]
    fn a_held_document_that_differs_from_the_window_is_caught_when_checking() {
        let p = crate::core::sample("electronics-line").unwrap();
        let state = Mutex::new(OpenDocument::default());
        let doc = state.lock().unwrap().hold(Arc::new(p.clone()));
        let mut window = serde_json::to_value(&p).unwrap();
        window["meta"]["name"] = json!("別の名前");
        let mut req = request(1, Some(doc), vec![]);
        req.check = Some(window);
        let e = analyze(&state, req).unwrap_err();
        assert_eq!(e.code, "internal");
    }
}
