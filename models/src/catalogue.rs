//! The guideline catalogue: reference data embedded in the binary and versioned.
//!
//! The TOML files under `models/catalogue/` are the single source: threat categories and
//! threats, impacts, IPA attack techniques, countermeasures, 付録E items, supply-chain
//! checklists, OODA rows, asset types and protocols, zone templates, scales and risk-method
//! tables. Every entry has a stable id, Japanese and English text, a source key that resolves
//! in `sources.toml`, and the domain brief's confidence tag — shown to users as 出典 so that a
//! reconstructed fact is never presented as published.
//!
//! A project may add threats and countermeasures of its own ([`crate::model::CustomCatalogue`]);
//! [`Catalogue::threat`] and [`Catalogue::measure`] resolve both.

use crate::model::{
    AssetClass, AssetTrait, CustomMeasure, CustomThreat, EntryKind, IpaView, Level, Lowers,
    MeasureCategory, OodaPhase, OodaStep, Project, ThreatVector,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How far a fact is confirmed (domain brief, "Confidence tags").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Confidence {
    /// Verified in a primary source or seed.
    H,
    /// Several consistent secondary sources, or a primary structure seen in part.
    M,
    /// Recollection, not confirmed.
    L,
    /// The product's proposal; no source claims it.
    P,
}

impl Confidence {
    /// Label for users.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::H => "confidence.h",
                Self::M => "confidence.m",
                Self::L => "confidence.l",
                Self::P => "confidence.p",
            },
        )
    }
}

/// A threat category (脅威種別).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ThreatCategory {
    /// `TC1`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// A threat (脅威).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Threat {
    /// `T01`… (project threats: `X-…`).
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Threat categories.
    pub categories: Vec<String>,
    /// Guideline countermeasure categories that answer it.
    #[serde(default)]
    pub measure_categories: Vec<MeasureCategory>,
    /// IPA attack techniques.
    #[serde(default)]
    pub techniques: Vec<String>,
    /// IEC 62443-3-3 FRs most concerned.
    #[serde(default)]
    pub fr: Vec<String>,
    /// How it arrives.
    pub vector: ThreatVector,
    /// Entry kinds that must reach the zone for the threat to be credible (empty: none).
    #[serde(default)]
    pub requires_entry: Vec<EntryKind>,
    /// Asset classes it applies to (empty: all).
    #[serde(default)]
    pub applies_to: Vec<AssetClass>,
    /// Asset attributes it needs, all of them (e.g. removable-media ports for T13); an asset
    /// has a trait when its type lists it ([`AssetType::traits`]) or, for wireless, when it
    /// speaks a wireless protocol.
    #[serde(default)]
    pub asset_traits: Vec<AssetTrait>,
    /// It exploits the end of vendor support (T24, T27): whether it applies depends on the
    /// asset's support end and the project's assessment horizon
    /// ([`crate::risk::applicability`]).
    #[serde(default)]
    pub support_dependent: bool,
    /// Confidence of `applies_to`, `asset_traits` and `support_dependent` (the brief gives
    /// none of them: P, the product's proposal).
    #[serde(default = "proposal")]
    pub applicability_confidence: Confidence,
    /// Base threat level before exposure.
    pub base_level: Level,
    /// Countermeasures suggested for it (P: the product's mapping).
    #[serde(default)]
    pub suggested: Vec<String>,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

fn proposal() -> Confidence {
    Confidence::P
}

impl Threat {
    /// Whether the threat applies to an asset of this class.
    pub fn applies_to_class(&self, class: AssetClass) -> bool {
        self.applies_to.is_empty() || self.applies_to.contains(&class)
    }
}

/// An impact (影響).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Impact {
    /// `I01`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// The importance criterion it falls under.
    pub criterion: crate::model::Criterion,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// An IPA attack technique (攻撃手法).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Technique {
    /// `A01`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// `device` or `path`.
    pub target: String,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// A countermeasure (対策).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// `C-NW-01`… (project measures: `X-…`).
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Category.
    pub category: MeasureCategory,
    /// FRs.
    #[serde(default)]
    pub fr: Vec<String>,
    /// What it lowers.
    #[serde(default)]
    pub lowers: Vec<Lowers>,
    /// IPA viewpoints.
    #[serde(default)]
    pub views: Vec<IpaView>,
    /// Source key.
    pub source: String,
    /// Section or item it is grounded in.
    #[serde(default)]
    pub section: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// A 付録E-derived self-check item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AppendixEItem {
    /// `E-OR1`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// organisational / operational / technical / supply_chain.
    pub group: String,
    /// Countermeasures that evidence it.
    pub measures: Vec<String>,
}

/// Supply-chain checklist subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScSubject {
    /// Cloud services.
    Cloud,
    /// General-purpose products (汎用品).
    Generic,
    /// Software.
    Software,
}

/// Supply-chain checklist phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScPhase {
    /// 調達.
    Procurement,
    /// 契約.
    Contract,
    /// 開発.
    Development,
    /// 運用・保守.
    Operation,
}

/// A supply-chain checklist item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// `SC-CL-P1`…
    pub id: String,
    /// Subject.
    pub subject: ScSubject,
    /// Phase.
    pub phase: ScPhase,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

/// A cell of the checklist grid that has no items, and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct NotApplicableCell {
    /// Subject.
    pub subject: ScSubject,
    /// Phase.
    pub phase: ScPhase,
    /// Why (ja).
    pub ja: String,
    /// Why (en).
    pub en: String,
}

/// A row of the 別冊 OODA role table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OodaTemplate {
    /// `OODA-P-OBS`…
    pub id: String,
    /// Phase.
    pub phase: OodaPhase,
    /// Step.
    pub step: OodaStep,
    /// Main department (ja).
    pub department_ja: String,
    /// Main department (en).
    pub department_en: String,
    /// Decision makers (ja).
    pub decider_ja: String,
    /// Decision makers (en).
    pub decider_en: String,
    /// Example actions (ja).
    pub actions_ja: String,
    /// Example actions (en).
    pub actions_en: String,
}

/// An asset type.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AssetType {
    /// `plc`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Class.
    pub class: AssetClass,
    /// Protocols it commonly speaks.
    #[serde(default)]
    pub protocols: Vec<String>,
    /// IPA worked-example importance (M), where known.
    #[serde(default)]
    pub ipa_example: Option<u8>,
    /// Attributes every asset of the type has (P), e.g. a general-purpose OS.
    #[serde(default)]
    pub traits: Vec<AssetTrait>,
}

/// An industrial or IT protocol.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// `modbus_tcp`…
    pub id: String,
    /// Display name.
    pub name: String,
    /// Default ports.
    pub ports: String,
    /// An OT protocol (as opposed to IT).
    pub ot: bool,
    /// Answers the sessions it carries (false for one-way datagram pushes: syslog, an LPWA
    /// uplink); a responding end can reach back only over a protocol that answers.
    #[serde(default = "yes")]
    pub responds: bool,
}

fn yes() -> bool {
    true
}

/// A zone template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ZoneTemplate {
    /// `Z-CTL`…
    pub id: String,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Typical asset types.
    pub typical: Vec<String>,
    /// Default importance.
    pub importance: Level,
    /// Default SL-T.
    pub sl_t: u8,
}

/// Display names of an entry kind.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EntryKindInfo {
    /// The kind.
    pub id: EntryKind,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

/// An importance criterion with per-level guidance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CriterionInfo {
    /// The criterion.
    pub id: crate::model::Criterion,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Level 3 guidance (ja).
    pub high_ja: String,
    /// Level 3 guidance (en).
    pub high_en: String,
    /// Level 2 guidance (ja).
    pub medium_ja: String,
    /// Level 2 guidance (en).
    pub medium_en: String,
    /// Level 1 guidance (ja).
    pub low_ja: String,
    /// Level 1 guidance (en).
    pub low_en: String,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// Guidance text for one level of an IPA axis.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LevelText {
    /// The level.
    pub level: Level,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// A foundational requirement of IEC 62443-3-3.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FoundationalRequirement {
    /// `FR1`…
    pub id: String,
    /// `IAC`…
    pub abbr: String,
    /// Japanese (common translation).
    pub ja: String,
    /// English.
    pub en: String,
}

/// A security level definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SecurityLevelInfo {
    /// 0..=4.
    pub level: u8,
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// Confidence.
    pub confidence: Confidence,
}

/// How a risk method maps its inputs to the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// (importance, threat, vulnerability), each 1..=3.
    Ipa3,
    /// likelihood (1..=5) × consequence (1..=5).
    Matrix5,
}

/// Where a risk-table cell comes from. Three labels, never more certain than the evidence:
/// IPA's own publication, third-party material that reproduces the method (naming it), or a
/// reconstruction from the method's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CellProvenance {
    /// Read in IPA's own publication (the `source`). No cell has this yet.
    Published,
    /// Confirmed in third-party material that reproduces the method (the `source` says which).
    ThirdParty,
    /// Follows the method's documented rule; to be checked against the publication.
    Reconstructed,
}

impl CellProvenance {
    /// Label for explanations and the workbook.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::Published => "provenance.published",
                Self::ThirdParty => "provenance.third_party",
                Self::Reconstructed => "provenance.reconstructed",
            },
        )
    }
}

/// One cell of a risk table. For `ipa3`: `i`, `t`, `v` = importance, threat, vulnerability.
/// For `matrix5`: `i` = consequence, `t` = likelihood, `v` unused (0).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RiskCell {
    /// First axis.
    pub i: u8,
    /// Second axis.
    pub t: u8,
    /// Third axis.
    pub v: u8,
    /// Risk value.
    pub value: String,
    /// Provenance.
    pub provenance: CellProvenance,
    /// Source key for published and third-party cells.
    #[serde(default)]
    pub source: Option<String>,
}

/// A risk method: its table as data, with provenance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RiskMethod {
    /// `ipa-asset-v2`…
    pub id: String,
    /// Input mapping.
    pub kind: MethodKind,
    /// Japanese name.
    pub ja: String,
    /// English name.
    pub en: String,
    /// Values, highest risk first.
    pub values: Vec<String>,
    /// The documented rule reconstructed cells follow.
    pub rule: String,
    /// Provenance note (ja).
    pub provenance_ja: String,
    /// Provenance note (en).
    pub provenance_en: String,
    /// Source key.
    pub source: String,
    /// Confidence.
    pub confidence: Confidence,
    /// Cells.
    pub cells: Vec<RiskCell>,
}

impl RiskMethod {
    /// The cell for the given axes.
    pub fn cell(&self, i: u8, t: u8, v: u8) -> Option<&RiskCell> {
        self.cells.iter().find(|c| c.i == i && c.t == t && c.v == v)
    }
    /// Rank of a value: 0 is the highest risk.
    pub fn rank(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v == value)
    }
}

/// A cited source.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Key.
    pub id: String,
    /// Japanese title.
    pub ja: String,
    /// English title.
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThreatsFile {
    version: String,
    category: Vec<ThreatCategory>,
    threat: Vec<Threat>,
    impact: Vec<Impact>,
    technique: Vec<Technique>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasuresFile {
    version: String,
    measure: Vec<Measure>,
    appendix_e: Vec<AppendixEItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistsFile {
    version: String,
    item: Vec<ChecklistItem>,
    not_applicable: Vec<NotApplicableCell>,
    ooda: Vec<OodaTemplate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssetsFile {
    version: String,
    asset_type: Vec<AssetType>,
    protocol: Vec<Protocol>,
    zone_template: Vec<ZoneTemplate>,
    entry_kind: Vec<EntryKindInfo>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScalesFile {
    version: String,
    criterion: Vec<CriterionInfo>,
    threat_level: Vec<LevelText>,
    countermeasure_level: Vec<LevelText>,
    foundational_requirement: Vec<FoundationalRequirement>,
    security_level: Vec<SecurityLevelInfo>,
    risk_method: Vec<RiskMethod>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    version: String,
    source: Vec<Source>,
}

/// The embedded files, by name, for tests and error messages.
pub const FILES: [(&str, &str); 6] = [
    ("threats.toml", include_str!("../catalogue/threats.toml")),
    (
        "countermeasures.toml",
        include_str!("../catalogue/countermeasures.toml"),
    ),
    (
        "checklists.toml",
        include_str!("../catalogue/checklists.toml"),
    ),
    ("assets.toml", include_str!("../catalogue/assets.toml")),
    ("scales.toml", include_str!("../catalogue/scales.toml")),
    ("sources.toml", include_str!("../catalogue/sources.toml")),
];

/// The whole catalogue, typed and indexed.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Catalogue version (the same in every file).
    pub version: String,
    /// Threat categories.
    pub categories: Vec<ThreatCategory>,
    /// Threats.
    pub threats: Vec<Threat>,
    /// Impacts.
    pub impacts: Vec<Impact>,
    /// IPA attack techniques.
    pub techniques: Vec<Technique>,
    /// Countermeasures.
    pub measures: Vec<Measure>,
    /// 付録E items.
    pub appendix_e: Vec<AppendixEItem>,
    /// Supply-chain checklist items.
    pub checklist: Vec<ChecklistItem>,
    /// Empty checklist cells and why.
    pub checklist_not_applicable: Vec<NotApplicableCell>,
    /// OODA rows.
    pub ooda: Vec<OodaTemplate>,
    /// Asset types.
    pub asset_types: Vec<AssetType>,
    /// Protocols.
    pub protocols: Vec<Protocol>,
    /// Zone templates.
    pub zone_templates: Vec<ZoneTemplate>,
    /// Entry kinds.
    pub entry_kinds: Vec<EntryKindInfo>,
    /// Importance criteria.
    pub criteria: Vec<CriterionInfo>,
    /// Threat-level guidance.
    pub threat_levels: Vec<LevelText>,
    /// Countermeasure-level guidance.
    pub countermeasure_levels: Vec<LevelText>,
    /// FR1…FR7.
    pub frs: Vec<FoundationalRequirement>,
    /// SL 0…4.
    pub security_levels: Vec<SecurityLevelInfo>,
    /// Risk methods.
    pub risk_methods: Vec<RiskMethod>,
    /// Sources.
    pub sources: Vec<Source>,
    threat_index: HashMap<String, usize>,
    measure_index: HashMap<String, usize>,
    asset_type_index: HashMap<String, usize>,
}

/// A catalogue file that does not parse (a build defect, caught by tests).
#[derive(Debug, thiserror::Error)]
#[error("catalogue file {file}: {message}")]
pub struct CatalogueError {
    /// File name.
    pub file: &'static str,
    /// Parser message (with line and column).
    pub message: String,
}

fn parse<T: serde::de::DeserializeOwned>(file: &'static str) -> Result<T, CatalogueError> {
    let text = FILES
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, t)| *t)
        .unwrap_or_default();
    toml::from_str(text).map_err(|e| CatalogueError {
        file,
        message: e.to_string(),
    })
}

fn index<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| (id(t).to_owned(), i))
        .collect()
}

impl Catalogue {
    /// Parse the embedded files.
    ///
    /// # Errors
    /// [`CatalogueError`] naming the file and position when a file does not parse.
    pub fn load() -> Result<Self, CatalogueError> {
        let threats: ThreatsFile = parse("threats.toml")?;
        let measures: MeasuresFile = parse("countermeasures.toml")?;
        let checklists: ChecklistsFile = parse("checklists.toml")?;
        let assets: AssetsFile = parse("assets.toml")?;
        let scales: ScalesFile = parse("scales.toml")?;
        let sources: SourcesFile = parse("sources.toml")?;
        let versions = [
            &threats.version,
            &measures.version,
            &checklists.version,
            &assets.version,
            &scales.version,
            &sources.version,
        ];
        if versions.iter().any(|v| *v != versions[0]) {
            return Err(CatalogueError {
                file: "*.toml",
                message: format!("catalogue files disagree on version: {versions:?}"),
            });
        }
        Ok(Self {
            version: threats.version.clone(),
            threat_index: index(&threats.threat, |t| &t.id),
            measure_index: index(&measures.measure, |m| &m.id),
            asset_type_index: index(&assets.asset_type, |a| &a.id),
            categories: threats.category,
            threats: threats.threat,
            impacts: threats.impact,
            techniques: threats.technique,
            measures: measures.measure,
            appendix_e: measures.appendix_e,
            checklist: checklists.item,
            checklist_not_applicable: checklists.not_applicable,
            ooda: checklists.ooda,
            asset_types: assets.asset_type,
            protocols: assets.protocol,
            zone_templates: assets.zone_template,
            entry_kinds: assets.entry_kind,
            criteria: scales.criterion,
            threat_levels: scales.threat_level,
            countermeasure_levels: scales.countermeasure_level,
            frs: scales.foundational_requirement,
            security_levels: scales.security_level,
            risk_methods: scales.risk_method,
            sources: sources.source,
        })
    }

    /// The catalogue built into this binary, parsed once.
    pub fn builtin() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            // The embedded files are checked by the catalogue tests; failing here is a build
            // defect, not a user error.
            Catalogue::load().expect("embedded catalogue parses (see catalogue tests)")
        })
    }

    /// A catalogue threat or one of the project's own, by id.
    pub fn threat<'a>(&'a self, project: &'a Project, id: &str) -> Option<Cow<'a, Threat>> {
        if let Some(&i) = self.threat_index.get(id) {
            return Some(Cow::Borrowed(&self.threats[i]));
        }
        project
            .custom
            .threats
            .iter()
            .find(|t| t.id == id)
            .map(|t| Cow::Owned(custom_threat(t)))
    }

    /// A catalogue countermeasure or one of the project's own, by id.
    pub fn measure<'a>(&'a self, project: &'a Project, id: &str) -> Option<Cow<'a, Measure>> {
        if let Some(&i) = self.measure_index.get(id) {
            return Some(Cow::Borrowed(&self.measures[i]));
        }
        project
            .custom
            .measures
            .iter()
            .find(|m| m.id == id)
            .map(|m| Cow::Owned(custom_measure(m)))
    }

    /// An asset type by id.
    pub fn asset_type(&self, id: &str) -> Option<&AssetType> {
        self.asset_type_index.get(id).map(|&i| &self.asset_types[i])
    }

    /// The class of an asset type; unknown types count as workstations (the broadest
    /// network-attached class), and validation reports the unknown type.
    pub fn class_of(&self, asset_type: &str) -> AssetClass {
        self.asset_type(asset_type)
            .map_or(AssetClass::Workstation, |t| t.class)
    }

    /// A risk method by id.
    pub fn risk_method(&self, id: &str) -> Option<&RiskMethod> {
        self.risk_methods.iter().find(|m| m.id == id)
    }

    /// A source by key.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// A checklist item by id.
    pub fn checklist_item(&self, id: &str) -> Option<&ChecklistItem> {
        self.checklist.iter().find(|c| c.id == id)
    }
}

fn custom_threat(t: &CustomThreat) -> Threat {
    Threat {
        id: t.id.clone(),
        ja: t.ja.clone(),
        en: t.en.clone(),
        categories: t.categories.clone(),
        measure_categories: Vec::new(),
        techniques: Vec::new(),
        fr: Vec::new(),
        vector: t.vector,
        requires_entry: Vec::new(),
        applies_to: t.applies_to.clone(),
        asset_traits: Vec::new(),
        support_dependent: false,
        applicability_confidence: Confidence::P,
        base_level: t.base_level,
        suggested: Vec::new(),
        source: "project".into(),
        confidence: Confidence::P,
    }
}

fn custom_measure(m: &CustomMeasure) -> Measure {
    Measure {
        id: m.id.clone(),
        ja: m.ja.clone(),
        en: m.en.clone(),
        category: m.category,
        fr: m.fr.clone(),
        lowers: m.lowers.clone(),
        views: m.views.clone(),
        source: "project".into(),
        section: String::new(),
        confidence: Confidence::P,
    }
}

#[cfg(test)]
mod tests;
