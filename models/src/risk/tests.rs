//! Risk engine tests on small hand-drawn factories.

use super::coverage::State;
use super::what_if::{apply, what_if, Change};
use super::*;
use crate::catalogue::CellProvenance;
use crate::graph::fixtures::Drawing;
use crate::id::*;
use crate::model::*;

fn scenario(zone: ZoneId, threat: &str) -> ThreatScenario {
    ThreatScenario {
        id: ZoneThreatId::derived(&format!("{zone}/{threat}")),
        zone,
        threat: threat.into(),
        applicable: true,
        reason: String::new(),
        entry_path: String::new(),
        threat_level: None,
        impacts: CriterionScores::default(),
        impact_ids: vec![],
        note: String::new(),
    }
}

fn measure(
    id: &str,
    m: &str,
    threats: &[&str],
    zones: &[ZoneId],
    status: MeasureStatus,
) -> Countermeasure {
    Countermeasure {
        number: 0,
        id: MeasureId::derived(id),
        measure: m.into(),
        detail: String::new(),
        category: None,
        threats: threats.iter().map(|t| t.to_string()).collect(),
        scope: MeasureScope {
            zones: zones.to_vec(),
            ..Default::default()
        },
        responsibility: Some(Responsibility::Sier),
        shared_with: Vec::new(),
        operator: None,
        paid: None,
        status,
        due: None,
        evidence: String::new(),
        notes: String::new(),
    }
}

/// Internet → it → ctl (SL 3) with a high-importance PLC in ctl, threat T03 reviewed there.
fn plant() -> (Drawing, ZoneId, AssetId) {
    let mut d = Drawing::new();
    d.entry("net", EntryKind::Internet);
    d.zone("it", 1);
    let ctl = d.zone("ctl", 3);
    d.conduit("net", "it");
    d.conduit("it", "ctl");
    let plc = d.asset("PLC", "plc", "ctl");
    let mut b = BusinessProcess {
        id: BusinessId::derived("成形"),
        name: "成形".into(),
        description: String::new(),
        department: String::new(),
        purpose: String::new(),
        smart_change: SmartChange::None,
        data_handled: String::new(),
        scores: CriterionScores::default(),
        rationale: String::new(),
    };
    b.scores.set(Criterion::Delivery, Some(Level::High));
    d.project.businesses.push(b);
    d.project.assets[0]
        .businesses
        .push(BusinessId::derived("成形"));
    // Step 1-7: T03 on the control zone would stop the moulding line (納期 3).
    let mut t03 = scenario(ctl, "T03");
    t03.impacts.set(Criterion::Delivery, Some(Level::High));
    d.project.threats.push(t03);
    (d, ctl, plc)
}

fn analyse(p: &Project) -> Analysis {
    super::analyse(p, crate::catalogue::Catalogue::builtin())
}

#[test]
fn one_row_per_asset_and_applicable_threat_with_a_stable_id() {
    let (mut d, ctl, plc) = plant();
    d.asset("受入データ", "data_set", "ctl"); // T03 does not apply to data sets
    d.project.threats.push(ThreatScenario {
        applicable: false,
        ..scenario(ctl, "T19")
    });
    let a = analyse(&d.project);
    let ids: Vec<_> = a.risks.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [format!("T03@{plc}")]);
}

#[test]
fn inherent_risk_uses_importance_threat_and_vulnerability_3() {
    let (d, _, _) = plant();
    let r = &analyse(&d.project).risks[0];
    // Importance 3 (成形, delivery); T03 base 2, not directly reachable from the internet
    // (it sits behind `it`), so threat 2; no countermeasure → countermeasure 1, vulnerability 3.
    assert_eq!(
        (
            r.inherent.importance,
            r.inherent.threat,
            r.inherent.vulnerability
        ),
        (Level::High, Level::Medium, Level::High)
    );
    assert_eq!(&*r.inherent.risk.value, "A");
    assert_eq!(
        r.inherent.risk.cell.provenance,
        CellProvenance::Reconstructed
    );
    assert_eq!(r.inherent, r.residual, "no countermeasures yet");
}

#[test]
fn agreed_measures_lower_residual_and_proposed_ones_only_planned() {
    let (mut d, ctl, _) = plant();
    // C-EQ-02 patching: protect view → countermeasure level 2 → vulnerability 2.
    d.project.countermeasures.push(measure(
        "patch",
        "C-EQ-02",
        &["T03"],
        &[ctl],
        MeasureStatus::Agreed,
    ));
    // C-NW-05 IDS: detect view; together with protection → level 3 → vulnerability 1.
    d.project.countermeasures.push(measure(
        "ids",
        "C-NW-05",
        &["T03"],
        &[ctl],
        MeasureStatus::Proposed,
    ));
    let r = analyse(&d.project).risks[0].clone();
    assert_eq!(
        (r.residual.countermeasure, r.residual.vulnerability),
        (Level::Medium, Level::Medium)
    );
    assert_eq!(
        &*r.residual.risk.value, "B",
        "importance 3, threat 2, vulnerability 2: the rule's B"
    );
    assert_eq!(
        r.residual.risk.cell.provenance,
        CellProvenance::Reconstructed,
        "the asset table has no third-party cell of its own"
    );
    assert_eq!(
        (r.planned.countermeasure, r.planned.vulnerability),
        (Level::High, Level::Low)
    );
    assert_eq!(
        &*r.planned.risk.value, "C",
        "importance 3, threat 2, vulnerability 1: the rule's C"
    );
    assert_eq!(&*r.residual.measures, [MeasureId::derived("patch")]);
    assert_eq!(r.planned.measures.len(), 2);
    // Rejected measures never count.
    d.project.countermeasures[1].status = MeasureStatus::Rejected;
    let r = analyse(&d.project).risks[0].clone();
    assert_eq!(&*r.planned.risk.value, "B");
}

#[test]
fn a_measure_for_another_threat_or_zone_does_not_count() {
    let (mut d, ctl, _) = plant();
    let it = ZoneId::derived("it");
    d.project.countermeasures.push(measure(
        "a",
        "C-EQ-02",
        &["T14"],
        &[ctl],
        MeasureStatus::Implemented,
    ));
    d.project.countermeasures.push(measure(
        "b",
        "C-EQ-02",
        &["T03"],
        &[it],
        MeasureStatus::Implemented,
    ));
    let r = &analyse(&d.project).risks[0];
    assert!(r.residual.measures.is_empty());
    // A general measure (no threats named) in the zone does count.
    d.project.countermeasures.push(measure(
        "c",
        "C-EQ-03",
        &[],
        &[ctl],
        MeasureStatus::Implemented,
    ));
    assert_eq!(
        analyse(&d.project).risks[0].residual.measures,
        vec![MeasureId::derived("c")].into()
    );
}

#[test]
fn every_figure_explains_inputs_cell_and_measures() {
    let (mut d, ctl, _) = plant();
    d.project.countermeasures.push(measure(
        "patch",
        "C-EQ-02",
        &["T03"],
        &[ctl],
        MeasureStatus::Agreed,
    ));
    let r = analyse(&d.project).risks[0].clone();
    let ja = r.explain(State::Residual, Lang::Ja, &d.project);
    assert_eq!(
        ja,
        "重要度 3(資産: 業務「成形」(3 高、納期)から導出、重要度 3(納期)・影響 3 → 3) × 脅威 2(基準 2) × 脆弱性 2(対策レベル 2: C-EQ-02 合意) \
         → ipa-asset-v2 表 (3,2,2) = B [再構成値]"
    );
    let en = r.explain(State::Inherent, Lang::En, &d.project);
    assert!(
        en.contains("vulnerability 3 (countermeasure level 1: no countermeasure)"),
        "{en}"
    );
    assert!(en.ends_with("= A [reconstructed]"), "{en}");
}

#[test]
fn exposure_adjusts_the_threat_level() {
    let (mut d, _, _) = plant();
    // Connect the internet straight into the control zone without a boundary: +1.
    d.conduit("net", "ctl");
    let r = &analyse(&d.project).risks[0];
    assert_eq!(r.inherent.threat, Level::High);
    assert_eq!(
        r.threat_basis.adjustment,
        exposure::Adjustment::DirectRemote
    );
    // A firewall on that conduit removes the +1.
    let c = ConduitId::derived("net-ctl");
    d.conduit_mut(c).boundary.push(BoundaryControl {
        kind: BoundaryKind::Firewall,
        device: None,
        note: String::new(),
    });
    assert_eq!(analyse(&d.project).risks[0].inherent.threat, Level::Medium);
    // No entry point reaches an island zone: −1.
    let mut d = Drawing::new();
    let z = d.zone("island", 3);
    d.asset("PLC", "plc", "island");
    d.project.threats.push(scenario(z, "T03"));
    d.project.threats.push(scenario(z, "T12"));
    let a = analyse(&d.project);
    let t03 = a.risks.iter().find(|r| &*r.threat == "T03").unwrap();
    assert_eq!(
        (t03.inherent.threat, &t03.threat_basis.adjustment),
        (Level::Low, &exposure::Adjustment::Unreachable)
    );
    // T12 needs a remote-maintenance path: forced to 1.
    let t12 = a.risks.iter().find(|r| &*r.threat == "T12").unwrap();
    assert!(matches!(
        t12.threat_basis.adjustment,
        exposure::Adjustment::RequiredEntryMissing { .. }
    ));
    assert_eq!(t12.inherent.threat, Level::Low);
}

#[test]
fn the_analyst_threat_level_wins() {
    let (mut d, _, _) = plant();
    d.project.threats[0].threat_level = Some(Level::Low);
    let r = &analyse(&d.project).risks[0];
    assert_eq!(
        (r.inherent.threat, &r.threat_basis.adjustment),
        (Level::Low, &exposure::Adjustment::Analyst)
    );
}

#[test]
fn decisions_survive_recomputation_and_a_method_switch() {
    let (mut d, _, plc) = plant();
    d.project.risk_decisions.push(RiskDecision {
        risk_id: format!("T03@{plc}"),
        treatment: Some(Treatment::Reduce),
        justification: "パッチ適用".into(),
        owner: "生産技術課".into(),
        date: IsoDate::parse("2026-11-01"),
        due: None,
        relies_on: Vec::new(),
    });
    let r = &analyse(&d.project).risks[0];
    assert_eq!(r.decision.as_ref().unwrap().justification, "パッチ適用");
    d.project.settings.risk_method = "matrix-5x5".into();
    d.project.settings.tolerable_risk = "M".into();
    let a = analyse(&d.project);
    assert_eq!(a.method, "matrix-5x5");
    let r = &a.risks[0];
    assert_eq!(r.id, format!("T03@{plc}"));
    // consequence 2·3−1 = 5, likelihood 2+3−1 = 4 → VH.
    assert_eq!(
        (
            r.inherent.risk.cell.i,
            r.inherent.risk.cell.t,
            &*r.inherent.risk.value
        ),
        (5, 4, "VH")
    );
    assert!(r.decision.is_some());
    assert!(!r.tolerable);
}

#[test]
fn rollups_and_heatmaps_count_every_row() {
    let (mut d, ctl, _) = plant();
    d.asset("HMI", "hmi", "ctl");
    d.project.threats.push(scenario(ctl, "T13"));
    let a = analyse(&d.project);
    let n = a.risks.len();
    assert_eq!(n, 4, "PLC and HMI × T03 and T13");
    assert_eq!(a.rollups.total.rows, n);
    assert_eq!(a.rollups.total.residual.iter().sum::<usize>(), n);
    for h in &a.rollups.heatmaps {
        assert_eq!(h.grid.iter().flatten().sum::<usize>(), n, "{:?}", h.state);
    }
    assert_eq!(a.rollups.zones.len(), 1);
    assert_eq!(a.rollups.businesses.len(), 1, "only the PLC supports 成形");
    assert_eq!(a.rollups.businesses[0].counts.rows, 2);
}

#[test]
fn attack_trees_take_the_strongest_step() {
    let (mut d, _, plc) = plant();
    let it = ZoneId::derived("it");
    d.project.damages.push(BusinessDamage {
        id: DamageId::derived("stop"),
        name: "供給停止".into(),
        level: Level::High,
        target: plc,
        final_attack: String::new(),
        pruned: vec![],
        criteria: vec![Criterion::Delivery],
    });
    // Protection + detection on the first step (level 3), nothing on the second.
    d.project.countermeasures.push(measure(
        "fw",
        "C-NW-04",
        &[],
        &[it],
        MeasureStatus::Implemented,
    ));
    let a = analyse(&d.project);
    assert_eq!(a.scenarios.len(), 1);
    let t = &a.scenarios[0];
    assert_eq!(t.steps.len(), 2);
    assert_eq!(
        t.steps.iter().map(|s| s.levels[2]).collect::<Vec<_>>(),
        [Level::High, Level::Low]
    );
    assert_eq!(
        (
            t.threat,
            t.residual.countermeasure,
            t.residual.vulnerability
        ),
        (Level::High, Level::High, Level::Low)
    );
    assert_eq!(
        &*t.residual.risk.value, "B",
        "damage 3, threat 3, vulnerability 1: verified cell"
    );
    assert_eq!(&*t.inherent.risk.value, "A");
    // Pruning keeps the tree listed, marked.
    d.project.damages[0].pruned.push(t.key.clone());
    assert!(analyse(&d.project).scenarios[0].pruned);
}

#[test]
fn what_if_removing_a_conduit_cuts_paths_and_changes_risks() {
    let (mut d, _, _) = plant();
    d.conduit("net", "ctl");
    let w = what_if(
        &d.project,
        crate::catalogue::Catalogue::builtin(),
        &Change::RemoveConduit {
            id: ConduitId::derived("net-ctl"),
        },
    );
    assert_eq!(w.paths.len(), 1);
    assert_eq!(
        (w.paths[0].hops_before, w.paths[0].hops_after),
        (Some(1), Some(2))
    );
    assert_eq!(w.risks.len(), 1, "T03 loses the direct-remote +1");
    assert_eq!(
        (
            w.risks[0].before.as_ref().unwrap().threat,
            w.risks[0].after.as_ref().unwrap().threat
        ),
        (3, 2)
    );
    let w = what_if(
        &d.project,
        crate::catalogue::Catalogue::builtin(),
        &Change::RemoveConduit {
            id: ConduitId::derived("it-ctl"),
        },
    );
    assert_eq!(w.paths.len(), 1);
    let p = &w.paths[0];
    assert_eq!(
        (p.hops_before, p.hops_after),
        (Some(1), Some(1)),
        "ctl is still reached directly"
    );
    assert_eq!(
        (p.paths_before, p.paths_after),
        (2, 1),
        "but by one path fewer"
    );
}

#[test]
fn what_if_agreeing_a_measure_lowers_residual_only() {
    let (mut d, ctl, _) = plant();
    d.project.countermeasures.push(measure(
        "patch",
        "C-EQ-02",
        &["T03"],
        &[ctl],
        MeasureStatus::Proposed,
    ));
    let w = what_if(
        &d.project,
        crate::catalogue::Catalogue::builtin(),
        &Change::SetMeasureStatus {
            id: MeasureId::derived("patch"),
            status: MeasureStatus::Agreed,
        },
    );
    assert_eq!(w.risks.len(), 1);
    let (b, a) = (
        w.risks[0].before.clone().unwrap(),
        w.risks[0].after.clone().unwrap(),
    );
    assert_eq!((b.planned.as_str(), b.residual.as_str()), ("B", "A"));
    assert_eq!((a.planned.as_str(), a.residual.as_str()), ("B", "B"));
}

#[test]
fn what_if_covering_another_threat_with_a_measure_lowers_that_risk() {
    let (mut d, ctl, _) = plant();
    d.project.countermeasures.push(measure(
        "patch",
        "C-EQ-02",
        &["T01"],
        &[ctl],
        MeasureStatus::Agreed,
    ));
    let before = d.project.clone();
    let mut edited = d.project.countermeasures[0].clone();
    edited.threats.push("T03".into());
    let w = what_if(
        &d.project,
        crate::catalogue::Catalogue::builtin(),
        &Change::ReplaceMeasure {
            measure: edited.clone(),
        },
    );
    assert_eq!(w.risks.len(), 1, "only T03's row moves: {:?}", w.risks);
    let (b, a) = (
        w.risks[0].before.clone().unwrap(),
        w.risks[0].after.clone().unwrap(),
    );
    assert_eq!((b.planned.as_str(), a.planned.as_str()), ("A", "B"));
    assert_eq!(b.inherent, a.inherent, "inherent risk ignores measures");
    let applied = apply(&d.project, &Change::ReplaceMeasure { measure: edited });
    assert_eq!(applied.countermeasures.len(), 1, "replaced, not added");
    assert_eq!(d.project, before, "the project itself is untouched");
}

#[test]
fn sl_gaps_use_recorded_levels_or_label_estimates() {
    let (mut d, ctl, _) = plant();
    d.project.countermeasures.push(measure(
        "seg",
        "C-NW-01",
        &[],
        &[ctl],
        MeasureStatus::Implemented,
    ));
    let a = analyse(&d.project);
    let z = a.sl_gaps.iter().find(|g| g.id == ctl.to_string()).unwrap();
    assert_eq!(z.source, sl_gap::Achieved::Estimated);
    assert_eq!(z.achieved.0[4], 1, "one FR5 measure");
    assert_eq!(z.gap, [3, 3, 3, 3, 2, 3, 3]);
    d.project.zones[1].sl_a = Some(SlVector::uniform(3));
    let a = analyse(&d.project);
    let z = a.sl_gaps.iter().find(|g| g.id == ctl.to_string()).unwrap();
    assert_eq!((z.source, z.gap), (sl_gap::Achieved::Recorded, [0; 7]));
}

/// The plant's `it → ctl` conduit re-drawn so that the control zone opens the only session
/// (`initiator: to`, e.g. a PLC pushing to a collector in `it`). Holding `it`, the attacker
/// reaches ctl only by answering ctl's sessions: T03 (network, base 2) drops to 1 with the
/// reason given; the attack tree to the PLC exists, rides that response and its threat level
/// drops from 3 (internet) to 2. Worked by hand: importance 3 × threat 1 × vulnerability 3.
#[test]
fn a_zone_reached_only_through_responses_is_harder() {
    let (mut d, _, plc) = plant();
    let c = ConduitId::derived("it-ctl");
    d.conduit_mut(c).channels[0].direction = Some(Direction::Reverse);
    d.conduit_mut(c).channels[0].initiator = Some(Initiator::To);
    d.project.damages.push(BusinessDamage {
        id: DamageId::derived("stop"),
        name: "供給停止".into(),
        level: Level::High,
        target: plc,
        final_attack: String::new(),
        pruned: vec![],
        criteria: vec![Criterion::Delivery],
    });
    let a = analyse(&d.project);
    let r = &a.risks[0];
    assert_eq!(
        (r.inherent.threat, &r.threat_basis.adjustment),
        (Level::Low, &exposure::Adjustment::ResponseOnly)
    );
    assert!(r
        .explain(State::Inherent, Lang::Ja, &d.project)
        .contains("応答経由"));
    assert_eq!(a.scenarios.len(), 1);
    let tree = &a.scenarios[0];
    assert!(tree.response_hop);
    assert_eq!(tree.threat, Level::Medium);
    assert_eq!(tree.steps[1].hop.kind, HopKind::Response);
    // Let ctl's peer open the session instead (it polls ctl): back to the base level 2 and a
    // tree at the internet's threat level 3.
    d.conduit_mut(c).channels[0].initiator = Some(Initiator::From);
    let a = analyse(&d.project);
    assert_eq!(
        (
            a.risks[0].inherent.threat,
            &a.risks[0].threat_basis.adjustment
        ),
        (Level::Medium, &exposure::Adjustment::None)
    );
    assert_eq!(
        (a.scenarios[0].threat, a.scenarios[0].response_hop),
        (Level::High, false)
    );
}

/// The +1 for direct remote exposure needs the remote side to reach in at full strength: a
/// zone whose clients browse the internet over an unprotected conduit (data both ways, the
/// zone opens) gets it, as before the initiator rule; a zone that only uploads (data zone →
/// internet, the zone opens) is reached only through answers and keeps its base level.
#[test]
fn direct_remote_exposure_needs_a_full_strength_hop_from_outside() {
    let (mut d, _, _) = plant();
    let direct = d.conduit("net", "ctl");
    d.conduit_mut(direct).channels[0].initiator = Some(Initiator::To);
    let r = &analyse(&d.project).risks[0];
    assert_eq!(
        (r.inherent.threat, &r.threat_basis.adjustment),
        (Level::High, &exposure::Adjustment::DirectRemote),
        "browsing: pages and mail come in"
    );
    d.conduit_mut(direct).channels[0].direction = Some(Direction::Reverse);
    let r = &analyse(&d.project).risks[0];
    assert_eq!(
        (r.inherent.threat, &r.threat_basis.adjustment),
        (Level::Medium, &exposure::Adjustment::None),
        "upload only: the internet side only answers"
    );
}

/// Step 1-7 impacts limit the importance a row uses. The PLC's importance is 3 (成形, 納期).
/// Recording T03's impact as 納期 1 says the threat can do little there: the row uses
/// min(3, 1) = 1, so inherent risk = table(1, 2, 3) = C instead of table(3, 2, 3) = A.
/// Nothing recorded: the asset's 3 is used, said in the explanation and by validation.
#[test]
fn recorded_impacts_limit_the_importance_of_a_row() {
    let (mut d, _, _) = plant();
    d.project.threats[0].impacts = CriterionScores::default();
    d.project.threats[0]
        .impacts
        .set(Criterion::Delivery, Some(Level::Low));
    let r = analyse(&d.project).risks[0].clone();
    assert_eq!(
        r.importance.level,
        Level::High,
        "the asset's own importance"
    );
    assert_eq!(r.inherent.importance, Level::Low);
    assert_eq!(&*r.inherent.risk.value, "C");
    let ja = r.explain(State::Inherent, Lang::Ja, &d.project);
    assert!(
        ja.starts_with(
            "重要度 1(資産: 業務「成形」(3 高、納期)から導出、重要度 3(納期) → 影響 1 により 1)"
        ),
        "{ja}"
    );
    // No impact recorded: the asset's importance 3, A, and a finding.
    d.project.threats[0].impacts = CriterionScores::default();
    let a = analyse(&d.project);
    assert_eq!(
        (
            a.risks[0].inherent.importance,
            &*a.risks[0].inherent.risk.value
        ),
        (Level::High, "A")
    );
    assert!(a.risks[0]
        .explain(State::Inherent, Lang::Ja, &d.project)
        .contains("影響未記録"));
    assert!(a.findings.iter().any(|f| f.rule == "threat_without_impact"));
}

/// T24 (end-of-support exploits) on three assets of one zone, assessed 2026-11-16 with the
/// default 12-month horizon (→ 2027-11-16): a gateway supported until 2031-03-31 gets no row
/// and the decision is recorded; an EWS on Windows 10 (support ended 2025-10-14) gets a row
/// that says so; a PLC with no support end gets a row flagged 要確認. An analyst's decision
/// that T24 does not apply to the EWS removes its row, with the reason recorded.
#[test]
fn t24_applies_by_support_end_and_the_analyst_can_decide_per_asset() {
    let mut d = Drawing::new();
    d.project.meta.updated = IsoDate::parse("2026-11-16");
    d.entry("net", EntryKind::Internet);
    let z = d.zone("cell", 2);
    d.conduit("net", "cell");
    let gw = d.asset("GW", "iot_gateway", "cell");
    let ews = d.asset("EWS", "ews", "cell");
    let plc = d.asset("PLC", "plc", "cell");
    for (id, end) in [
        (gw, Some("2031-03-31")),
        (ews, Some("2025-10-14")),
        (plc, None),
    ] {
        let a = d.project.assets.iter_mut().find(|a| a.id == id).unwrap();
        a.support_end = end.and_then(IsoDate::parse);
    }
    d.project.threats.push(scenario(z, "T24"));
    let a = analyse(&d.project);
    let rows: Vec<_> = a.risks.iter().map(|r| r.asset).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.contains(&ews) && rows.contains(&plc));
    assert_eq!(a.exclusions.len(), 1);
    assert_eq!(a.exclusions[0].asset, gw);
    assert!(a.exclusions[0]
        .reason
        .explain(Lang::Ja)
        .contains("サポート終了 2031-03-31 は評価期間の終わり 2027-11-16 より後"));
    let row = |id| a.risks.iter().find(|r| r.asset == id).unwrap();
    assert!(row(ews)
        .explain(State::Inherent, Lang::Ja, &d.project)
        .ends_with("適用: サポート終了 2025-10-14(評価期間の終わり 2027-11-16 まで)"));
    assert!(row(plc).applicability.needs_check());
    // A 60-month horizon (to 2031-11-16) takes in the gateway's 2031-03-31.
    d.project.settings.support_horizon_months = 60;
    assert_eq!(analyse(&d.project).risks.len(), 3, "2031-11-16 horizon");
    d.project.settings.support_horizon_months = 12;
    // The analyst decides T24 does not apply to the EWS.
    let e = d.project.assets.iter_mut().find(|a| a.id == ews).unwrap();
    e.threat_applicability.push(ThreatApplicability {
        threat: "T24".into(),
        applies: false,
        reason: "ESU契約で2028年までパッチ提供".into(),
    });
    let a = analyse(&d.project);
    assert_eq!(a.risks.len(), 1);
    assert_eq!(a.exclusions.len(), 2);
}

/// Heat maps colour a cell by the risk value of its rows, from the one scale. The plant's
/// inherent row is importance 3, threat 2, vulnerability 3: likelihood 2 + 3 − 1 = 4, value A
/// (table (3,2,3)). The old colouring by importance + likelihood (3 + 4 = 7) gave it the
/// orange of B; the cell now carries A's rank 0, and the scale gives A dark red.
#[test]
fn heat_map_cells_carry_the_value_of_their_rows() {
    let (d, _, _) = plant();
    let a = analyse(&d.project);
    assert_eq!(&*a.risks[0].inherent.risk.value, "A");
    let inherent = a
        .rollups
        .heatmaps
        .iter()
        .find(|m| m.state == State::Inherent)
        .unwrap();
    assert_eq!(inherent.grid[2][3], 1);
    assert_eq!(inherent.worst[2][3], Some(0));
    assert_eq!(inherent.worst[2][4], None, "an empty cell has no value");
    assert_eq!(colour::of_rank(0, a.values.len()).fill, 0x00C0_0000);
}
