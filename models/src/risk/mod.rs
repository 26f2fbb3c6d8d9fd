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
pub mod reuse;
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
use std::sync::Arc;

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
    /// The register, highest residual risk first. Rows are shared: an analysis that reuses
    /// the previous one's rows (see [`reuse`]) shares those it did not recompute.
    pub risks: Vec<Arc<RiskRow>>,
    /// (threat, asset) pairs of a zone's threats left out by a recorded decision (support end
    /// after the horizon, the analyst's per-asset decision).
    pub exclusions: Vec<applicability::Exclusion>,
    /// Attack paths per entry point × high-importance zone.
    pub attack_paths: Arc<Vec<AttackPath>>,
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
    /// What an analysis after an edit compares with (not serialized).
    #[serde(skip)]
    pub memo: reuse::Memo,
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
    analyse_with(project, catalogue, None)
}

/// [`analyse`] after an edit: the same result, taking from `since.prev` what the edit did not
/// reach (see [`reuse`]).
pub fn analyse_since(
    project: &Project,
    catalogue: &Catalogue,
    since: reuse::Since<'_>,
) -> Analysis {
    analyse_with(project, catalogue, Some(since))
}

fn analyse_with(
    project: &Project,
    catalogue: &Catalogue,
    since: Option<reuse::Since<'_>>,
) -> Analysis {
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
    let targets = attack_path::targets(project, &importances);
    let horizon = applicability::horizon(project);
    let plan = since.map(|s| {
        reuse::plan(
            s,
            &reuse::Now {
                project,
                importances: &importances,
                targets: &targets,
                protected: &protected,
                horizon: horizon.as_ref(),
                assets: project.assets.len(),
            },
        )
    });
    let mut reused = reuse::Reused::default();
    // The register (with its roll-ups) and the zone graph's paths and trees depend on the
    // same inputs but not on each other: computed side by side on two cores.
    let ((risks, exclusions, rollups), (attack_paths, scenarios, sl_gaps)) = rayon::join(
        || {
            let inputs = register::RegisterInputs {
                project,
                catalogue,
                method,
                importances: &importances,
                exposures: &exposures,
                measures: &measures,
            };
            let dirty = plan.as_ref().and_then(|p| p.dirty_assets.as_ref());
            let (risks, exclusions) = match (since, dirty) {
                (Some(s), Some(dirty)) => {
                    register::rebuild_assets(&inputs, &s.prev.risks, &s.prev.exclusions, dirty)
                }
                _ => register::build(&inputs),
            };
            let rollups = rollup::compute(project, &risks, method.values.len(), &measures);
            (risks, exclusions, rollups)
        },
        || {
            let attack_paths = match (since, &plan) {
                (Some(s), Some(p)) if p.keep_paths => s.prev.attack_paths.clone(),
                _ => Arc::new(attack_path::analyse(
                    project,
                    &graph,
                    &targets,
                    &protected,
                    PathLimits::default(),
                )),
            };
            let scenarios = scenario::build(project, &graph, &measures, scenario_method);
            let sl_gaps = sl_gap::compute(project, &measures);
            (attack_paths, scenarios, sl_gaps)
        },
    );
    if let Some(p) = &plan {
        reused.register_rebuilt_for = p.dirty_assets.as_ref().map(|d| d.len());
        reused.attack_paths = p.keep_paths;
    }
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
        memo: reuse::Memo {
            horizon,
            targets,
            protected,
            reused,
        },
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_reuse;
