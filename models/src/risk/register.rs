//! The risk register: one row per (asset, applicable threat) pair, with inherent, planned and
//! residual risk, each explainable, and a stable id `threat@asset` so that user decisions
//! survive recomputation.

use super::applicability::{self, Applies, Decision, Exclusion};
use super::coverage::{MeasureIndex, State};
use super::exposure::{threat_level, Adjustment, ThreatBasis, ZoneExposure};
use super::impact::{self, ImpactLimit};
use super::method::{RiskValue, Table};
use crate::catalogue::{Catalogue, RiskMethod, Threat};
use crate::derive::{AssetImportance, Importances};
use crate::id::{AssetId, MeasureId, ZoneId, ZoneThreatId};
use crate::model::{Lang, Level, Lowers, Project, Responsibility, RiskDecision};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// One state's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment {
    /// Importance used (after impact-lowering measures, when enabled).
    pub importance: Level,
    /// Threat level used (after threat-lowering measures).
    pub threat: Level,
    /// Countermeasure level (対策レベル).
    pub countermeasure: Level,
    /// Vulnerability level = 4 − countermeasure level.
    pub vulnerability: Level,
    /// The risk value and its table cell.
    pub risk: RiskValue,
    /// Counted countermeasures covering the pair.
    pub measures: Arc<[MeasureId]>,
    /// A counted measure lowered the threat level.
    pub threat_lowered: bool,
    /// A counted measure lowered the impact.
    pub impact_lowered: bool,
}

/// A register row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskRow {
    /// Stable id `threat@asset`.
    pub id: String,
    /// Threat id.
    pub threat: Arc<str>,
    /// Asset.
    pub asset: AssetId,
    /// Zone of the asset.
    pub zone: ZoneId,
    /// The step 1-7 record it comes from.
    pub scenario: ZoneThreatId,
    /// Asset importance and why.
    pub importance: AssetImportance,
    /// The importance the row uses: the asset's, limited by the threat's recorded impacts.
    pub impact: ImpactLimit,
    /// Why the threat applies to the asset.
    pub applicability: Applies,
    /// Threat level and why.
    pub threat_basis: ThreatBasis,
    /// Without countermeasures.
    pub inherent: Assessment,
    /// With agreed, implemented and proposed countermeasures.
    pub planned: Assessment,
    /// With agreed and implemented countermeasures.
    pub residual: Assessment,
    /// Residual risk at or below the project's tolerable risk.
    pub tolerable: bool,
    /// The residual state if the countermeasures that depend on the customer or a vendor
    /// ([`by_others`]: theirs to carry out, shared, or theirs to operate) are not carried out:
    /// what the risk stays at when a decision relies on them and they are not done. `None`
    /// when the residual state counts no such measure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unless_others: Option<Box<Assessment>>,
    /// Parties responsible for the planned countermeasures covering the row.
    pub parties: Arc<[Responsibility]>,
    /// The user's decision, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub decision: Option<Box<RiskDecision>>,
}

impl RiskRow {
    /// The figures of one state.
    pub fn state(&self, s: State) -> &Assessment {
        match s {
            State::Inherent => &self.inherent,
            State::Planned => &self.planned,
            State::Residual => &self.residual,
        }
    }

    /// What the residual risk stays at if the customer's and vendors' countermeasures are not
    /// carried out, in words, naming those measures by `label`: `None` when no such measure
    /// counts for the row.
    pub fn unless_others_text(
        &self,
        lang: Lang,
        label: &dyn Fn(MeasureId) -> Option<String>,
    ) -> Option<String> {
        let without = self.unless_others.as_ref()?;
        let gone: Vec<String> = self
            .residual
            .measures
            .iter()
            .filter(|m| !without.measures.contains(m))
            .filter_map(|m| label(*m))
            .collect();
        Some(crate::i18n::format(
            lang,
            "xl.basis.unless_others",
            &[
                (
                    "measures",
                    &gone.join(crate::i18n::text(lang, "explain.list_sep")),
                ),
                ("value", without.risk.value.as_ref()),
            ],
        ))
    }

    /// A one-line explanation of one state's figure.
    pub fn explain(&self, s: State, lang: Lang, project: &Project) -> String {
        self.explain_with(s, lang, &|id| {
            project.countermeasures.iter().find(|m| m.id == id)
        })
    }

    /// As [`RiskRow::explain`], with a countermeasure lookup (an index for large registers).
    pub fn explain_with<'p>(
        &self,
        s: State,
        lang: Lang,
        measure: &dyn Fn(MeasureId) -> Option<&'p crate::model::Countermeasure>,
    ) -> String {
        use crate::i18n::{text, write};
        let a = self.state(s);
        let c = &a.risk.cell;
        // One buffer for the whole sentence: the register explains tens of thousands of rows
        // (each text is split at its parameters once, `i18n::write`).
        let mut out = String::with_capacity(320);
        write(
            &mut out,
            lang,
            "explain.importance",
            &[("value", &a.importance.value())],
        );
        self.importance.explain_into(lang, &mut out);
        self.impact.explain_into(lang, &mut out);
        if a.impact_lowered {
            out.push_str(text(lang, "explain.impact_lowered"));
        }
        write(
            &mut out,
            lang,
            "explain.threat",
            &[
                ("threat", &a.threat.value()),
                ("base", &self.threat_basis.base.value()),
            ],
        );
        if let Some(t) = adjustment_text(&self.threat_basis.adjustment, lang) {
            out.push_str(text(lang, "explain.clause_sep"));
            out.push_str(&t);
        }
        if a.threat_lowered {
            out.push_str(text(lang, "explain.threat_lowered"));
        }
        write(
            &mut out,
            lang,
            "explain.vulnerability",
            &[
                ("vulnerability", &a.vulnerability.value()),
                ("countermeasure", &a.countermeasure.value()),
            ],
        );
        let mut any = false;
        for m in a.measures.iter().filter_map(|id| measure(*id)) {
            if any {
                out.push_str(text(lang, "explain.list_sep"));
            }
            any = true;
            out.push_str(&m.measure);
            out.push(' ');
            out.push_str(m.status.label(lang));
        }
        if !any {
            out.push_str(text(lang, "explain.no_measure"));
        }
        write(
            &mut out,
            lang,
            "explain.table",
            &[
                ("method", &c.method),
                ("i", &c.i),
                ("t", &c.t),
                ("v", &c.v),
                ("risk", &a.risk.value),
                ("provenance", &c.provenance.label(lang)),
            ],
        );
        // Why the threat applies to the asset, when a rule other than the catalogue's classes
        // decided (support end, 要確認, the analyst).
        let why = self.applicability.explain(lang);
        if !why.is_empty() {
            out.push_str(text(lang, "explain.sentence_sep"));
            out.push_str(&why);
        }
        out
    }
}

fn adjustment_text(a: &Adjustment, lang: Lang) -> Option<String> {
    use crate::i18n::{format, text};
    Some(match a {
        Adjustment::None => return None,
        Adjustment::Analyst => text(lang, "explain.adjust.analyst").into(),
        Adjustment::DirectRemote => text(lang, "explain.adjust.direct_remote").into(),
        Adjustment::Unreachable => text(lang, "explain.adjust.unreachable").into(),
        Adjustment::ResponseOnly => text(lang, "explain.adjust.response_only").into(),
        Adjustment::RequiredEntryMissing { kinds } => {
            let kinds: Vec<&str> = kinds
                .iter()
                .map(|k| text(lang, &format!("entry.{}", k.key())))
                .collect();
            format(
                lang,
                "explain.adjust.required_entry_missing",
                &[("kinds", &kinds.join("/"))],
            )
        }
        Adjustment::NoWirelessPath => text(lang, "explain.adjust.no_wireless_path").into(),
    })
}

/// Inputs shared by every row.
pub struct RegisterInputs<'a> {
    /// The project.
    pub project: &'a Project,
    /// The catalogue.
    pub catalogue: &'a Catalogue,
    /// The risk method.
    pub method: &'a RiskMethod,
    /// Importances.
    pub importances: &'a Importances,
    /// Zone exposures.
    pub exposures: &'a HashMap<ZoneId, ZoneExposure>,
    /// Countermeasures.
    pub measures: &'a MeasureIndex,
}

/// A row's three states, the parties of its planned measures, and its residual state without
/// the measures others carry out.
type Figures = (
    [Assessment; 3],
    Arc<[Responsibility]>,
    Option<Box<Assessment>>,
);

/// Whether a countermeasure depends on the customer or a vendor: theirs to carry out (alone
/// or shared — a split measure fails when either party skips its part), or theirs to operate
/// after delivery (a key-switch rule, a monthly log review the SIer installs but the customer
/// runs).
pub fn by_others(m: &crate::risk::coverage::ResolvedMeasure) -> bool {
    let others = |r: Option<Responsibility>| {
        matches!(
            r,
            Some(Responsibility::Customer | Responsibility::Vendor | Responsibility::Shared)
        )
    };
    others(m.responsibility) || others(m.operator)
}

/// What a row's figures are worked out from: its threat level, its impact, and the
/// countermeasures that cover it.
struct RowInputs<'r, 'a> {
    inp: &'r RegisterInputs<'a>,
    table: &'r Table,
    basis: &'r ThreatBasis,
    impact: &'r ImpactLimit,
    covering: &'r [usize],
}

/// One state of a row (IPA: importance × threat × vulnerability → risk), counting the
/// covering measures that count in `state`; without the customer's and vendors' measures
/// unless `with_others`.
fn assess(r: &RowInputs<'_, '_>, state: State, with_others: bool) -> Assessment {
    let (inp, p) = (r.inp, r.inp.project);
    let counted: Vec<_> = inp
        .measures
        .counted(r.covering, state)
        .filter(|m| with_others || !by_others(m))
        .collect();
    let countermeasure = MeasureIndex::level(counted.iter().copied());
    let vulnerability = countermeasure.inverse();
    let threat_lowered = counted.iter().any(|m| m.lowers.contains(&Lowers::Threat));
    let impact_lowered =
        p.settings.impact_reduction && counted.iter().any(|m| m.lowers.contains(&Lowers::Impact));
    let t = if threat_lowered {
        Level::clamped(i32::from(r.basis.level.value()) - 1)
    } else {
        r.basis.level
    };
    let i = if impact_lowered {
        Level::clamped(i32::from(r.impact.level.value()) - 1)
    } else {
        r.impact.level
    };
    Assessment {
        importance: i,
        threat: t,
        countermeasure,
        vulnerability,
        risk: r.table.lookup(i, t, vulnerability),
        measures: counted
            .iter()
            .map(|m| p.countermeasures[m.index].id)
            .collect(),
        threat_lowered,
        impact_lowered,
    }
}

/// A row's three states, the parties of its planned measures, and its residual state
/// without the measures others carry out (when any counts).
fn row_figures(r: &RowInputs<'_, '_>) -> Figures {
    let measures = &r.inp.measures;
    let mut parties: Vec<Responsibility> = measures
        .counted(r.covering, State::Planned)
        .filter_map(|m| m.responsibility)
        .collect();
    parties.sort_unstable();
    parties.dedup();
    let unless = measures
        .counted(r.covering, State::Residual)
        .any(by_others)
        .then(|| Box::new(assess(r, State::Residual, false)));
    (
        [
            assess(r, State::Inherent, true),
            assess(r, State::Planned, true),
            assess(r, State::Residual, true),
        ],
        Arc::from(parties),
        unless,
    )
}

/// What every row of a project looks up, found once.
struct Lookups<'a> {
    /// The end of the assessment period (support ending before it makes a threat apply).
    horizon: Option<crate::model::IsoDate>,
    /// Each zone's assets, as positions in the project's list.
    assets_by_zone: HashMap<ZoneId, Vec<usize>>,
    /// Each zone's position (register order).
    zone_order: HashMap<ZoneId, usize>,
    /// The treatment decision of each row id.
    decisions: HashMap<&'a str, &'a RiskDecision>,
    /// The rank of the highest tolerable risk value.
    tolerable_rank: usize,
    /// The risk method's table.
    table: Table,
    /// Each business's scores per criterion.
    business_scores: HashMap<crate::id::BusinessId, &'a crate::model::CriterionScores>,
    /// The step 1-7 records that yield rows, as positions in order: the applicable ones, each
    /// the first of its (zone, threat) pair (a pair recorded twice yields its rows once).
    records: Vec<usize>,
    /// The record of each (zone, threat) pair that yields its rows.
    record_of: HashMap<(ZoneId, &'a str), usize>,
}

impl<'a> Lookups<'a> {
    fn new(inp: &RegisterInputs<'a>) -> Self {
        let p = inp.project;
        let mut assets_by_zone: HashMap<ZoneId, Vec<usize>> = HashMap::default();
        for (i, a) in p.assets.iter().enumerate() {
            if let Some(z) = a.zone {
                assets_by_zone.entry(z).or_default().push(i);
            }
        }
        let mut records = Vec::new();
        let mut record_of: HashMap<(ZoneId, &str), usize> = HashMap::default();
        for (si, sc) in p.threats.iter().enumerate().filter(|(_, t)| t.applicable) {
            if let std::collections::hash_map::Entry::Vacant(v) =
                record_of.entry((sc.zone, sc.threat.as_str()))
            {
                v.insert(si);
                records.push(si);
            }
        }
        Self {
            horizon: applicability::horizon(p),
            assets_by_zone,
            zone_order: p.zones.iter().enumerate().map(|(i, z)| (z.id, i)).collect(),
            decisions: p
                .risk_decisions
                .iter()
                .map(|d| (d.risk_id.as_str(), d))
                .collect(),
            tolerable_rank: inp
                .method
                .rank(&p.settings.tolerable_risk)
                .unwrap_or(inp.method.values.len() / 2),
            table: Table::new(inp.method),
            business_scores: p.businesses.iter().map(|b| (b.id, &b.scores)).collect(),
            records,
            record_of,
        }
    }

    /// The assets of a zone, as positions in the project's list.
    fn assets_in(&self, zone: ZoneId) -> &[usize] {
        self.assets_by_zone
            .get(&zone)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Register order of a row: its three risk ranks, then its zone, asset (position `ai`)
    /// and step 1-7 record (position `si`).
    fn sort_key(&self, row: &RiskRow, ai: usize, si: usize) -> SortKey {
        (
            row.residual.risk.rank,
            row.planned.risk.rank,
            row.inherent.risk.rank,
            self.zone_order
                .get(&row.zone)
                .copied()
                .unwrap_or(usize::MAX),
            ai,
            si,
        )
    }
}

/// Register order: residual, planned and inherent rank, then zone, asset and step 1-7 order.
type SortKey = (u8, u8, u8, usize, usize, usize);

/// The catalogue's threat of each threat id (a project's own threats included), looked up
/// once.
type Threats<'a> = HashMap<&'a str, Option<Cow<'a, Threat>>>;

/// What each asset's rows look up, found once per asset.
struct AssetCache {
    /// Its importance on each criterion.
    scores: Vec<Option<impact::AssetScores>>,
    /// Its catalogue class.
    classes: Vec<Option<crate::model::AssetClass>>,
}

impl AssetCache {
    fn new(assets: usize) -> Self {
        Self {
            scores: vec![None; assets],
            classes: vec![None; assets],
        }
    }
}

/// What the rows of one step 1-7 record share: the threat, its level in the zone, and the
/// countermeasures covering the zone's assets against it.
struct Record<'r> {
    /// Position in the project's step 1-7 list.
    index: usize,
    scenario: &'r crate::model::ThreatScenario,
    threat: &'r Threat,
    threat_id: Arc<str>,
    basis: ThreatBasis,
    /// Countermeasures covering the zone (those scoped to single assets aside).
    zone_covering: Vec<usize>,
    /// The figures of the assets without measures of their own, by importance level:
    /// coverage depends on the zone and threat, so the figures depend only on the level.
    by_level: HashMap<Level, Figures>,
}

impl<'r> Record<'r> {
    /// The record at `si`; `None` when its threat is in neither the catalogue nor the
    /// project.
    fn new<'a: 'r>(
        inp: &RegisterInputs<'a>,
        threats: &'r mut Threats<'a>,
        si: usize,
    ) -> Option<Self> {
        let sc = &inp.project.threats[si];
        let threat = threats
            .entry(sc.threat.as_str())
            .or_insert_with(|| inp.catalogue.threat(inp.project, &sc.threat))
            .as_deref()?;
        Some(Self {
            index: si,
            scenario: sc,
            threat,
            threat_id: Arc::from(sc.threat.as_str()),
            basis: threat_level(threat, sc.threat_level, inp.exposures.get(&sc.zone)),
            zone_covering: inp
                .measures
                .covering(None, Some(sc.zone), &sc.threat, threat.vector),
            by_level: HashMap::default(),
        })
    }
}

/// The row of `rec` for the asset at position `ai`, with its place in register order; `None`
/// when the threat does not apply to the asset (recorded in `exclusions` when a decision
/// left it out).
fn row(
    inp: &RegisterInputs<'_>,
    lk: &Lookups<'_>,
    cache: &mut AssetCache,
    rec: &mut Record<'_>,
    ai: usize,
    exclusions: &mut Vec<Exclusion>,
) -> Option<(SortKey, RiskRow)> {
    let p = inp.project;
    let (sc, threat) = (rec.scenario, rec.threat);
    let asset = &p.assets[ai];
    let class = *cache.classes[ai].get_or_insert_with(|| inp.catalogue.class_of(&asset.asset_type));
    let applies = match applicability::decide_for_class(
        inp.catalogue,
        threat,
        asset,
        class,
        lk.horizon.as_ref(),
    ) {
        Decision::Applies(a) => a,
        Decision::OutOfScope => return None,
        Decision::Excluded(reason) => {
            exclusions.push(Exclusion {
                id: format!("{}@{}", sc.threat, asset.id),
                threat: rec.threat_id.clone(),
                asset: asset.id,
                zone: sc.zone,
                reason,
            });
            return None;
        }
    };
    let importance = inp
        .importances
        .assets
        .get(&asset.id)
        .cloned()
        .unwrap_or_else(|| crate::derive::asset_importance(p, asset));
    let scores = cache.scores[ai].get_or_insert_with(|| {
        impact::asset_scores(
            asset
                .businesses
                .iter()
                .filter_map(|b| lk.business_scores.get(b).map(|s| (*b, *s))),
        )
    });
    let limited = impact::limit(&importance, scores, &sc.impacts);
    let own = inp.measures.has_asset_scope(asset.id);
    let own_covering;
    let covering: &[usize] = if own {
        own_covering =
            inp.measures
                .covering(Some(asset.id), Some(sc.zone), &sc.threat, threat.vector);
        &own_covering
    } else {
        &rec.zone_covering
    };
    let row_inputs = RowInputs {
        inp,
        table: &lk.table,
        basis: &rec.basis,
        impact: &limited,
        covering,
    };
    let compute = || row_figures(&row_inputs);
    let ([inherent, planned, residual], parties, unless_others) = if own {
        compute()
    } else {
        rec.by_level
            .entry(limited.level)
            .or_insert_with(compute)
            .clone()
    };
    let id = format!("{}@{}", sc.threat, asset.id);
    let row = RiskRow {
        tolerable: usize::from(residual.risk.rank) >= lk.tolerable_rank,
        decision: lk
            .decisions
            .get(id.as_str())
            .map(|d| Box::new((*d).clone())),
        id,
        threat: rec.threat_id.clone(),
        asset: asset.id,
        zone: sc.zone,
        scenario: sc.id,
        importance,
        impact: limited,
        applicability: applies,
        threat_basis: rec.basis.clone(),
        inherent,
        planned,
        residual,
        unless_others,
        parties,
    };
    Some((lk.sort_key(&row, ai, rec.index), row))
}

/// Build the register.
///
/// # Complexity
/// O(R·m) for R rows and m countermeasures in scope of a row, plus O(R log R) to sort.
pub fn build(inp: &RegisterInputs<'_>) -> (Vec<Arc<RiskRow>>, Vec<Exclusion>) {
    let p = inp.project;
    let lk = Lookups::new(inp);
    let mut threats = Threats::default();
    let mut cache = AssetCache::new(p.assets.len());
    let mut exclusions: Vec<Exclusion> = Vec::new();
    // At most one row per (step 1-7 record, asset of its zone): reserve that once, so that the
    // register is written into its final place instead of being copied as it grows (the copies
    // into fresh pages were a third of the XL analysis).
    let bound: usize = lk
        .records
        .iter()
        .map(|&si| lk.assets_in(p.threats[si].zone).len())
        .sum();
    let mut rows: Vec<Arc<RiskRow>> = Vec::with_capacity(bound);
    let mut keys: Vec<(SortKey, u32)> = Vec::with_capacity(bound);
    for &si in &lk.records {
        let Some(mut rec) = Record::new(inp, &mut threats, si) else {
            continue;
        };
        for &ai in lk.assets_in(rec.scenario.zone) {
            if let Some((key, row)) = row(inp, &lk, &mut cache, &mut rec, ai, &mut exclusions) {
                keys.push((key, rows.len() as u32));
                rows.push(Arc::new(row));
            }
        }
    }
    // Highest residual risk first; ties by planned, inherent, then zone, asset and step 1-7
    // order, so that the register is the same on every run.
    // Sort small keys, then put each row in its place without a second register in memory.
    keys.sort_unstable();
    let order: Vec<u32> = keys.into_iter().map(|(_, i)| i).collect();
    permute_in_place(&mut rows, order);
    (rows, exclusions)
}

/// The register of `inp.project` worked out from `prev`, the register (rows and exclusions)
/// of a project that differs from it only in the assets `dirty`: the rows of every other
/// asset are taken from `prev` as they are (shared, not copied), the rows of `dirty` are
/// built again and put in their places. The result is what [`build`] gives.
///
/// "Differs only in" is the caller's to establish (see [`super::reuse`]): the same assets at
/// the same positions, nothing else a row reads changed (settings, businesses, zones,
/// conduits, entry points, step 1-7, the project's own threats, the assessment period), and
/// every asset whose row inputs changed in `dirty`: its fields, its importance, a treatment
/// decision on one of its rows, a countermeasure that covered or covers it.
///
/// # Complexity
/// O(R) to carry the other rows over (pointer copies), plus the dirty assets' rows and
/// O(d·log R) to place them.
pub fn rebuild_assets(
    inp: &RegisterInputs<'_>,
    prev: &[Arc<RiskRow>],
    prev_exclusions: &[Exclusion],
    dirty: &rustc_hash::FxHashSet<AssetId>,
) -> (Vec<Arc<RiskRow>>, Vec<Exclusion>) {
    let p = inp.project;
    let lk = Lookups::new(inp);
    let position: HashMap<AssetId, usize> = p
        .assets
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    // The dirty assets by zone, in list order, and each zone's records in order.
    let mut dirty_by_zone: std::collections::BTreeMap<(usize, ZoneId), Vec<usize>> =
        Default::default();
    for (ai, a) in p.assets.iter().enumerate() {
        if let (true, Some(z)) = (dirty.contains(&a.id), a.zone) {
            let order = lk.zone_order.get(&z).copied().unwrap_or(usize::MAX);
            dirty_by_zone.entry((order, z)).or_default().push(ai);
        }
    }
    // The records of those zones, in order (one pass over the records).
    let mut records_by_zone: HashMap<ZoneId, Vec<usize>> = dirty_by_zone
        .keys()
        .map(|(_, z)| (*z, Vec::new()))
        .collect();
    for &si in &lk.records {
        if let Some(list) = records_by_zone.get_mut(&p.threats[si].zone) {
            list.push(si);
        }
    }
    let mut threats = Threats::default();
    let mut cache = AssetCache::new(p.assets.len());
    let mut new_rows: Vec<(SortKey, RiskRow)> = Vec::new();
    let mut new_exclusions: Vec<((usize, usize), Exclusion)> = Vec::new();
    let mut excluded = Vec::new();
    for ((_, zone), assets) in &dirty_by_zone {
        for &si in records_by_zone
            .get(zone)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let Some(mut rec) = Record::new(inp, &mut threats, si) else {
                continue;
            };
            for &ai in assets {
                new_rows.extend(row(inp, &lk, &mut cache, &mut rec, ai, &mut excluded));
                new_exclusions.extend(excluded.drain(..).map(|e| ((si, ai), e)));
            }
        }
    }
    // The other rows keep their order (their keys did not change); each new row goes in at
    // its key.
    let key_of = |r: &RiskRow| {
        let ai = position.get(&r.asset).copied().unwrap_or(usize::MAX);
        let si = lk
            .record_of
            .get(&(r.zone, &*r.threat))
            .copied()
            .unwrap_or(usize::MAX);
        lk.sort_key(r, ai, si)
    };
    new_rows.sort_unstable_by_key(|(k, _)| *k);
    let kept = prev.iter().filter(|r| !dirty.contains(&r.asset));
    let rows = merge_sorted(kept.cloned().collect(), new_rows, |r| key_of(r), Arc::new);
    // Exclusions are in (record, asset) order, as `build` finds them.
    let exclusion_key = |e: &Exclusion| {
        let si = lk.record_of.get(&(e.zone, &*e.threat)).copied();
        let ai = position.get(&e.asset).copied();
        (si.unwrap_or(usize::MAX), ai.unwrap_or(usize::MAX))
    };
    new_exclusions.sort_by_key(|(k, _)| *k);
    let kept: Vec<Exclusion> = prev_exclusions
        .iter()
        .filter(|e| !dirty.contains(&e.asset))
        .cloned()
        .collect();
    let exclusions = merge_sorted(kept, new_exclusions, exclusion_key, |e| e);
    (rows, exclusions)
}

/// `old` (in `key` order) with `new` (sorted keys and items) put in at their keys.
fn merge_sorted<T, N, K: Ord + Copy>(
    old: Vec<T>,
    new: Vec<(K, N)>,
    key: impl Fn(&T) -> K,
    wrap: impl Fn(N) -> T,
) -> Vec<T> {
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut rest = old.into_iter();
    for (k, item) in new {
        let at = rest.as_slice().partition_point(|x| key(x) < k);
        out.extend(rest.by_ref().take(at));
        out.push(wrap(item));
    }
    out.extend(rest);
    out
}

/// Reorder `items` so that position `j` holds the item that was at `order[j]`, by following
/// the permutation's cycles with swaps (`order` must be a permutation of `0..items.len()`).
fn permute_in_place<T>(items: &mut [T], mut order: Vec<u32>) {
    debug_assert_eq!(items.len(), order.len());
    for start in 0..order.len() {
        // Walk the cycle through `start`; `order[j] == j` marks a settled position.
        let mut j = start;
        loop {
            let from = order[j] as usize;
            order[j] = j as u32;
            if from == start {
                break;
            }
            items.swap(j, from);
            j = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute_in_place;
    use proptest::prelude::*;

    /// Worked by hand on the smallest factory (internet → ctl, a PLC of importance 3, T01):
    /// without a countermeasure its T01 row is A in every state; an implemented firewall
    /// (C-NW-01) brings planned and residual to B (one countermeasure level more). When the SIer
    /// carries the firewall out and runs it, nothing depends on others: no figure. When the
    /// customer carries it out, or the SIer installs it but the customer operates it, or it is
    /// shared, the residual risk "if others do not carry out their measures" is the row
    /// without it: A. The sentence names the measure and that value.
    #[test]
    fn the_risk_if_others_do_not_carry_out_their_measures() {
        use crate::graph::fixtures::Drawing;
        use crate::model::{Lang, Responsibility};
        let (d, z, _) = Drawing::exposed_plc();
        let row = |resp: Responsibility, operator: Option<Responsibility>| {
            let mut p = d.project.clone();
            let mut fw = Drawing::implemented_firewall(z);
            fw.responsibility = Some(resp);
            fw.operator = operator;
            p.countermeasures.push(fw);
            let a = crate::risk::analyse(&p, crate::catalogue::Catalogue::builtin());
            assert_eq!(a.risks.len(), 1);
            a.risks[0].clone()
        };
        let sier = row(Responsibility::Sier, None);
        assert_eq!(sier.residual.risk.value.as_ref(), "B");
        assert!(sier.unless_others.is_none(), "the SIer's own measure");
        for (resp, op) in [
            (Responsibility::Customer, None),
            (Responsibility::Vendor, None),
            (Responsibility::Shared, None),
            (Responsibility::Sier, Some(Responsibility::Customer)),
        ] {
            let r = row(resp, op);
            assert_eq!(r.residual.risk.value.as_ref(), "B", "{resp:?} {op:?}");
            let without = r.unless_others.as_ref().expect("depends on others");
            assert_eq!(without.risk.value.as_ref(), "A", "{resp:?} {op:?}");
            assert!(without.measures.is_empty());
            let text = r
                .unless_others_text(Lang::Ja, &|_| Some("M-001 C-NW-01".into()))
                .unwrap();
            assert_eq!(text, "M-001 C-NW-01 が実施されない場合、残留リスクは A");
        }
    }

    #[test]
    fn permutation_puts_each_item_where_the_order_says() {
        // Position j receives the item that was at order[j]: [a,b,c] with [2,0,1] → [c,a,b].
        let mut items = vec!['a', 'b', 'c'];
        permute_in_place(&mut items, vec![2, 0, 1]);
        assert_eq!(items, vec!['c', 'a', 'b']);
    }

    proptest! {
        #[test]
        fn permutation_matches_a_copying_reorder(seed in proptest::collection::vec(any::<u16>(), 0..200)) {
            // Any permutation: sort indices by the random keys.
            let mut order: Vec<u32> = (0..seed.len() as u32).collect();
            order.sort_by_key(|&i| (seed[i as usize], i));
            let items: Vec<usize> = (0..seed.len()).map(|i| i * 10).collect();
            let expected: Vec<usize> = order.iter().map(|&i| items[i as usize]).collect();
            let mut got = items.clone();
            permute_in_place(&mut got, order);
            prop_assert_eq!(got, expected);
        }
    }
}
