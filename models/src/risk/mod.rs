//! The risk engine: the register (inherent → planned → residual, each explainable), attack
//! paths and attack trees over the zone graph, roll-ups and heat maps, the SL gap matrix and
//! validation findings — everything the app and the Excel export present.

pub mod applicability;
pub mod colour;
pub mod coverage;
pub mod exposure;
pub mod impact;
pub mod method;
pub mod register;
pub mod rollup;
pub mod scenario;
pub mod sl_gap;
pub mod what_if;

use crate::catalogue::Catalogue;
use crate::derive::Importances;
use crate::graph::attack_path::{self, AttackPath, PathLimits};
use crate::graph::ZoneGraph;
use crate::model::Project;
use crate::validate::{self, Finding};
use coverage::MeasureIndex;
use register::RiskRow;
use rollup::Rollups;
use scenario::AttackTree;
use serde::Serialize;
use sl_gap::SlGap;

/// Everything computed from a project.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Analysis {
    /// Risk method used.
    pub method: String,
    /// Values of the method, highest first.
    pub values: Vec<String>,
    /// Tolerable risk value.
    pub tolerable: String,
    /// The register, highest residual risk first.
    pub risks: Vec<RiskRow>,
    /// (threat, asset) pairs of a zone's threats left out by a recorded decision (support end
    /// after the horizon, the analyst's per-asset decision).
    pub exclusions: Vec<applicability::Exclusion>,
    /// Attack paths per entry point × high-importance zone.
    pub attack_paths: Vec<AttackPath>,
    /// Candidate attack trees per business damage.
    pub scenarios: Vec<AttackTree>,
    /// Roll-ups and heat maps.
    pub rollups: Rollups,
    /// SL gap matrix.
    pub sl_gaps: Vec<SlGap>,
    /// Validation findings.
    pub findings: Vec<Finding>,
    /// Importances (for presentation; not serialized).
    #[serde(skip)]
    pub importances: Importances,
}

/// Analyse a project.
///
/// The risk method is the project's (`settings.risk_method`); an unknown method (refused on
/// load, so only possible for a project built in code) falls back to `ipa-asset-v2`.
///
/// # Complexity
/// Linear in assets, threats and countermeasures for the register (plus a sort), and bounded
/// for attack paths (see [`crate::graph::attack_path`]).
pub fn analyse(project: &Project, catalogue: &Catalogue) -> Analysis {
    let method = catalogue
        .risk_method(&project.settings.risk_method)
        .or_else(|| catalogue.risk_method("ipa-asset-v2"))
        .expect("the catalogue has the ipa-asset-v2 method (catalogue tests)");
    let scenario_method = if method.id.starts_with("ipa-") {
        catalogue.risk_method("ipa-scenario-v2").unwrap_or(method)
    } else {
        method
    };
    let importances = Importances::compute(project);
    let graph = ZoneGraph::build(project);
    let exposures = exposure::exposures(project, &graph);
    let measures = MeasureIndex::build(project, catalogue);
    let protected = measures.protected_conduits(project);
    // The register (with its roll-ups) and the zone graph's paths and trees depend on the
    // same inputs but not on each other: computed side by side on two cores.
    let ((risks, exclusions, rollups), (attack_paths, scenarios, sl_gaps)) = rayon::join(
        || {
            let (risks, exclusions) = register::build(&register::RegisterInputs {
                project,
                catalogue,
                method,
                importances: &importances,
                exposures: &exposures,
                measures: &measures,
            });
            let rollups = rollup::compute(project, &risks, method.values.len(), &measures);
            (risks, exclusions, rollups)
        },
        || {
            let attack_paths = attack_path::analyse(
                project,
                &graph,
                &importances,
                &protected,
                PathLimits::default(),
            );
            let scenarios = scenario::build(project, &graph, &measures, scenario_method);
            let sl_gaps = sl_gap::compute(project, &measures);
            (attack_paths, scenarios, sl_gaps)
        },
    );
    let findings = validate::run(&validate::Context {
        project,
        catalogue,
        graph: &graph,
        importances: &importances,
        measures: &measures,
        protected: &protected,
        register: &risks,
    });
    Analysis {
        method: method.id.clone(),
        values: method.values.clone(),
        tolerable: project.settings.tolerable_risk.clone(),
        risks,
        exclusions,
        attack_paths,
        scenarios,
        rollups,
        sl_gaps,
        findings,
        importances,
    }
}

#[cfg(test)]
mod tests;
