use otzone_models::derive::{ImportanceBasis, Importances};
use otzone_models::model::{Lang, Level};
use otzone_tests::sample;

#[test]
fn food_plant_importance_is_derived_from_businesses_or_justified() {
    let p = sample("food-plant");
    let imp = Importances::compute(&p);
    let by_name = |n: &str| {
        let a = p
            .assets
            .iter()
            .find(|a| a.name == n)
            .unwrap_or_else(|| panic!("asset {n}"));
        imp.assets[&a.id].clone()
    };
    // The mixing HMI supports only 調合 (quality 3, delivery 3): high, from quality first.
    let hmi = by_name("調合ライン操作端末(HMI)");
    assert_eq!(hmi.level, Level::High);
    assert_eq!(
        hmi.explain(Lang::Ja),
        "業務「調合(ミキシング)」(3 高、品質)から導出"
    );
    // The sterilisation PLC is overridden to 3 with a reason, and its derived value shows.
    let st = by_name("殺菌釜制御PLC");
    assert!(matches!(st.basis, ImportanceBasis::Override { .. }));
    assert_eq!(st.derived, Some(Level::High));
    // Office PCs support 事務 (1/2) and 生産計画 (2): medium.
    assert_eq!(by_name("事務PC(業務課)").level, Level::Medium);
    // Every asset has a business (no default) in a complete sample.
    assert!(imp
        .assets
        .values()
        .all(|a| a.basis != ImportanceBasis::Default));
    // Zone importance is the max of members: the sterilisation zone is high.
    let st_zone = p.zones.iter().find(|z| z.name == "殺菌工程ゾーン").unwrap();
    assert_eq!(imp.zones[&st_zone.id], Level::High);
}
