//! The cascade worked by hand on a small factory: what each removal must leave, and that the
//! result is a project the integrity check accepts (no reference left dangling).

use super::*;
use crate::catalogue::Catalogue;
use crate::id::*;
use crate::model::*;

/// Zones 情報 ⊃ 制御 (制御's parent is 情報); the internet entry point; PLC in 制御 (supplier
/// 機械メーカー, business 生産), HMI in 情報; conduit internet→情報 whose firewall is the HMI;
/// conduit 情報→制御; a threat per zone; a measure scoped to both zones, both conduits and the
/// PLC; a damage to the PLC; supply-chain answers about the supplier, about the PLC and about
/// neither; a decision relying on the measure; a finding on the PLC.
struct Factory {
    p: Project,
    info: ZoneId,
    control: ZoneId,
    internet: EntryPointId,
    plc: AssetId,
    hmi: AssetId,
    outer: ConduitId,
    inner: ConduitId,
    measure: MeasureId,
    supplier: SupplierId,
    business: BusinessId,
}

fn factory() -> Factory {
    let b = blank::blanks();
    let mut p = Project::new("t");
    let info = Zone::new("情報");
    let mut control = Zone::new("制御");
    control.parent = Some(info.id);
    let mut internet = b.entry_point.clone();
    internet.id = EntryPointId::derived("internet");
    let mut supplier = b.supplier.clone();
    supplier.id = SupplierId::derived("maker");
    let mut business = b.business.clone();
    business.id = BusinessId::derived("production");
    let mut plc = ProtectedAsset::new("PLC", "plc");
    plc.zone = Some(control.id);
    plc.supplier = Some(supplier.id);
    plc.businesses = vec![business.id];
    let mut hmi = ProtectedAsset::new("HMI", "hmi");
    hmi.zone = Some(info.id);
    let mut outer = Conduit::new(
        "internet – 情報",
        Endpoint::Entry(internet.id),
        Endpoint::Zone(info.id),
    );
    outer.boundary.push(BoundaryControl {
        device: Some(hmi.id),
        ..serde_json::from_value(serde_json::json!({ "kind": "firewall" })).unwrap()
    });
    let inner = Conduit::new(
        "情報 – 制御",
        Endpoint::Zone(info.id),
        Endpoint::Zone(control.id),
    );
    for (z, name) in [(info.id, "info-t01"), (control.id, "control-t01")] {
        let mut t = b.threat.clone();
        t.id = ZoneThreatId::derived(name);
        t.zone = z;
        t.threat = "T01".into();
        p.threats.push(t);
    }
    let mut m = b.measure.clone();
    m.id = MeasureId::derived("fw");
    m.measure = "C-NW-01".into();
    m.threats = vec!["T01".into()];
    m.scope.zones = vec![info.id, control.id];
    m.scope.conduits = vec![outer.id, inner.id];
    m.scope.assets = vec![plc.id];
    let mut damage = b.damage.clone();
    damage.id = DamageId::derived("stop");
    damage.target = plc.id;
    let item = Catalogue::builtin().checklist[0].id.clone();
    for (name, s, a) in [
        ("about-supplier", Some(supplier.id), None),
        ("about-plc", None, Some(plc.id)),
        ("plain", None, None),
    ] {
        let mut c = b.checklist_answer.clone();
        c.id = ChecklistAnswerId::derived(name);
        c.item = item.clone();
        c.supplier = s;
        c.asset = a;
        p.checklist_answers.push(c);
    }
    let mut d = b.risk_decision.clone();
    d.risk_id = format!("T01@{}", plc.id.0);
    d.relies_on = vec![m.id];
    let mut v = b.finding.clone();
    v.id = VulnerabilityId::derived("default-password");
    v.title = "既定パスワードのまま".into();
    v.asset = Some(plc.id);
    let f = Factory {
        info: info.id,
        control: control.id,
        internet: internet.id,
        plc: plc.id,
        hmi: hmi.id,
        outer: outer.id,
        inner: inner.id,
        measure: m.id,
        supplier: supplier.id,
        business: business.id,
        p: Project::new("t"),
    };
    p.zones = vec![info, control];
    p.entry_points = vec![internet];
    p.suppliers = vec![supplier];
    p.businesses = vec![business];
    p.assets = vec![plc, hmi];
    p.conduits = vec![outer, inner];
    p.countermeasures = vec![m];
    p.damages = vec![damage];
    p.risk_decisions = vec![d];
    p.vulnerabilities = vec![v];
    crate::model::numbering::assign(&mut p);
    assert!(integrity::check(&p, Catalogue::builtin()).is_empty());
    Factory { p, ..f }
}

/// `remove` on a copy: the result, checked whole, and the changes that give it.
fn removed(f: &Factory, c: Collection, id: uuid::Uuid) -> Project {
    let mut q = f.p.clone();
    assert_eq!(remove(&mut q, c, &[id]), 1);
    let problems = integrity::check(&q, Catalogue::builtin());
    assert!(problems.is_empty(), "{problems:?}");
    // The changes the app receives give the same project when the core applies them.
    let mut again = f.p.clone();
    let applied = apply(&mut again, difference(&f.p, &q), &Location::path("t")).unwrap();
    assert_eq!(applied, Applied::Done);
    assert_eq!(again, q);
    q
}

#[test]
fn removing_a_zone_removes_its_conduits_threats_and_scope_and_unsets_what_was_in_it() {
    let f = factory();
    let q = removed(&f, Collection::Zones, f.info.0);
    // 制御 stays, no longer under 情報; the HMI was in 情報 and is in no zone now.
    assert_eq!(q.zones.len(), 1);
    assert_eq!(q.zones[0].parent, None);
    assert_eq!(q.assets.iter().find(|a| a.id == f.hmi).unwrap().zone, None);
    assert_eq!(
        q.assets.iter().find(|a| a.id == f.plc).unwrap().zone,
        Some(f.control)
    );
    // Both conduits had an end in 情報; the measure covers 制御 only, and no conduit.
    assert!(q.conduits.is_empty());
    assert_eq!(q.threats.len(), 1);
    assert_eq!(q.threats[0].zone, f.control);
    let m = &q.countermeasures[0];
    assert_eq!(m.scope.zones, vec![f.control]);
    assert!(m.scope.conduits.is_empty());
    assert_eq!(m.scope.assets, vec![f.plc]);
}

#[test]
fn removing_an_entry_point_removes_its_conduits_and_their_scope() {
    let f = factory();
    let q = removed(&f, Collection::EntryPoints, f.internet.0);
    assert_eq!(
        q.conduits.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![f.inner]
    );
    assert_eq!(q.countermeasures[0].scope.conduits, vec![f.inner]);
}

#[test]
fn removing_an_asset_removes_its_damages_and_answers_and_keeps_its_findings() {
    let f = factory();
    let q = removed(&f, Collection::Assets, f.plc.0);
    assert!(
        q.damages.is_empty(),
        "a damage is the compromise of its target"
    );
    let answers: Vec<_> = q.checklist_answers.iter().map(|c| c.id).collect();
    assert_eq!(
        answers,
        vec![
            ChecklistAnswerId::derived("about-supplier"),
            ChecklistAnswerId::derived("plain")
        ]
    );
    assert!(q.countermeasures[0].scope.assets.is_empty());
    // What was found still happened: the finding stays, without the asset.
    assert_eq!(q.vulnerabilities.len(), 1);
    assert_eq!(q.vulnerabilities[0].asset, None);
}

#[test]
fn removing_a_firewall_device_keeps_the_control_without_it() {
    let f = factory();
    let q = removed(&f, Collection::Assets, f.hmi.0);
    let outer = q.conduits.iter().find(|c| c.id == f.outer).unwrap();
    assert_eq!(outer.boundary.len(), 1);
    assert_eq!(outer.boundary[0].device, None);
}

#[test]
fn removing_a_supplier_a_business_or_a_measure_leaves_no_reference() {
    let f = factory();
    let q = removed(&f, Collection::Suppliers, f.supplier.0);
    assert_eq!(q.assets[0].supplier, None);
    assert!(q.checklist_answers.iter().all(|c| c.supplier.is_none()));
    assert_eq!(q.checklist_answers.len(), 2);
    let q = removed(&f, Collection::Businesses, f.business.0);
    assert!(q.assets[0].businesses.is_empty());
    let q = removed(&f, Collection::Countermeasures, f.measure.0);
    assert!(q.countermeasures.is_empty());
    assert!(q.risk_decisions[0].relies_on.is_empty());
}

#[test]
fn the_changes_name_only_what_the_removal_changed() {
    let f = factory();
    let mut q = f.p.clone();
    remove(&mut q, Collection::Conduits, &[f.inner.0]);
    let changes = difference(&f.p, &q);
    // The conduit taken out at position 1, the measure replaced at position 0: nothing else.
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        matches!(&changes[0], Change::Splice { section, start: 1, remove: 1, insert }
        if section == "conduits" && insert.is_empty())
    );
    assert!(
        matches!(&changes[1], Change::Splice { section, start: 0, remove: 1, insert }
        if section == "countermeasures" && insert.len() == 1)
    );
    assert!(difference(&f.p, &f.p).is_empty());
}

#[test]
fn a_countermeasure_scoped_only_to_what_is_removed_goes_with_it() {
    // An empty scope means the whole project: a firewall rule scoped to one conduit must not
    // start counting for every asset when that conduit is removed (the residual risk of other
    // zones would fall with no measure there).
    let mut f = factory();
    let b = blank::blanks();
    let mut only_outer = b.measure.clone();
    only_outer.id = MeasureId::derived("outer-only");
    only_outer.measure = "C-NW-01".into();
    only_outer.threats = vec!["T01".into()];
    only_outer.scope.conduits = vec![f.outer];
    let mut everywhere = b.measure.clone();
    everywhere.id = MeasureId::derived("everywhere");
    everywhere.measure = "C-NW-01".into();
    everywhere.threats = vec!["T01".into()];
    f.p.countermeasures.push(only_outer);
    f.p.countermeasures.push(everywhere);
    crate::model::numbering::assign(&mut f.p);
    let q = removed(&f, Collection::Conduits, f.outer.0);
    let left: Vec<_> = q.countermeasures.iter().map(|m| m.id).collect();
    // The measure scoped to both conduits keeps the inner one; the one scoped only to the
    // outer conduit is gone; the project-wide one was never scoped and stays.
    assert_eq!(
        left,
        vec![f.measure, MeasureId::derived("everywhere")],
        "{left:?}"
    );
    // Removing 情報 removes both conduits: the first measure keeps 制御 and the PLC.
    let q = removed(&f, Collection::Zones, f.info.0);
    assert!(q.countermeasures.iter().any(|m| m.id == f.measure));
    assert!(!q
        .countermeasures
        .iter()
        .any(|m| m.id == MeasureId::derived("outer-only")));
}
