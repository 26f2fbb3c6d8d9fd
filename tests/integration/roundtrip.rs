use otzone_models::{json, store};
use otzone_tests::sample_paths;

#[test]
fn there_are_at_least_two_complete_samples() {
    let paths = sample_paths();
    assert!(
        paths.len() >= 2,
        "need two realistic samples, found {paths:?}"
    );
    for path in paths {
        let p = json::read(&path).unwrap();
        let name = path.display();
        assert!(p.businesses.len() >= 5, "{name}: businesses");
        assert!(p.assets.len() >= 20, "{name}: assets");
        assert!(
            p.zones.len() >= 8 && p.conduits.len() >= 10,
            "{name}: zones and conduits"
        );
        assert!(p.entry_points.len() >= 4, "{name}: entry points");
        assert!(p.threats.len() >= 20, "{name}: step 1-7 threats");
        assert!(
            p.countermeasures.len() >= 15,
            "{name}: step 2-2 countermeasures"
        );
        assert!(
            p.zones.iter().all(|z| !z.policy.is_empty()),
            "{name}: step 2-1 policy per zone"
        );
        assert_eq!(p.ooda_roles.len(), 8, "{name}: step 3 OODA table");
        assert!(
            !p.checklist_answers.is_empty() && !p.suppliers.is_empty(),
            "{name}: step 3 SC"
        );
        assert!(!p.requirements.items.is_empty(), "{name}: step 1-1");
        assert!(!p.damages.is_empty(), "{name}: business damages");
    }
}

#[test]
fn json_to_project_file_and_back_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    for path in sample_paths() {
        let original = json::read(&path).unwrap();
        let otz = dir.path().join("p.otz");
        store::save(&otz, &original).unwrap();
        let reopened = store::open(&otz).unwrap();
        assert!(
            reopened == original,
            "{}: .otz round trip changed the model",
            path.display()
        );
        let text = json::to_string(&reopened);
        assert!(
            text == std::fs::read_to_string(&path).unwrap(),
            "{}: JSON written back differs from the sample (samples are kept canonical)",
            path.display()
        );
        // Saving the reopened project again gives the same model (idempotent saves).
        store::save(&otz, &reopened).unwrap();
        assert!(store::open(&otz).unwrap() == original);
    }
}
