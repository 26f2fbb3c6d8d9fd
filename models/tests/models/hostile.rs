//! Hostile input: random and mutated bytes for every reader must give an error (or a valid
//! project), never a panic, and never write anything.

use otzone_models::catalogue::Catalogue;
use otzone_models::excel::{ledger, responses};
use otzone_models::{json, store, Location};
use proptest::prelude::*;

fn sample_bytes() -> Vec<u8> {
    std::fs::read(crate::samples().join("electronics-line.json")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn json_parse_never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = json::parse(&bytes, &Location::default());
    }

    #[test]
    fn json_parse_never_panics_on_mutated_samples(edits in proptest::collection::vec((0usize..60_000, any::<u8>()), 1..8)) {
        let mut bytes = sample_bytes();
        for (at, b) in edits {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        // Whatever is accepted saves as a project file and as JSON, and both reopen equal.
        if let Ok(p) = json::parse(&bytes, &Location::default()) {
            let dir = tempfile::tempdir().unwrap();
            for name in ["p.otz", "p.json"] {
                let path = dir.path().join(name);
                store::save_any(&path, &p).unwrap();
                prop_assert_eq!(store::load_any(&path).unwrap(), p.clone());
            }
        }
    }

    #[test]
    fn project_files_with_flipped_bytes_never_panic(edits in proptest::collection::vec((0usize..200_000, any::<u8>()), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.otz");
        let p = json::parse(&sample_bytes(), &Location::default()).unwrap();
        store::save(&path, &p).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        for (at, b) in edits {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        std::fs::write(&path, &bytes).unwrap();
        let _ = store::open(&path);
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes, "opening never writes");
    }

    #[test]
    fn workbooks_with_flipped_bytes_never_panic(edits in proptest::collection::vec((0usize..8_000, any::<u8>()), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.xlsx");
        let mut bytes = std::fs::read(crate::samples().join("ledgers/chiba-ledger.xlsx")).unwrap();
        for (at, b) in edits {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        std::fs::write(&path, &bytes).unwrap();
        let p = json::parse(&std::fs::read(crate::samples().join("food-plant.json")).unwrap(), &Location::default()).unwrap();
        let _ = ledger::preview(&p, &path, &ledger::LedgerOptions::default());
        let a = otzone_models::risk::analyse(&p, Catalogue::builtin());
        let _ = responses::read(&p, &a, &path);
    }

    #[test]
    fn xls_and_ods_ledgers_with_flipped_bytes_never_panic(edits in proptest::collection::vec((0usize..40_000, any::<u8>()), 1..6), ods in any::<bool>()) {
        // calamine's xls reader asserts on some damaged files, its ODS reader trusts repeat
        // counts: both must come back as errors (excel::intake::guard and the ODS scan).
        let name = if ods { "chiba-ledger.ods" } else { "chiba-ledger.xls" };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let mut bytes = std::fs::read(crate::samples().join("ledgers").join(name)).unwrap();
        for (at, b) in edits {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        std::fs::write(&path, &bytes).unwrap();
        let p = otzone_models::model::Project::new("t");
        let _ = ledger::preview(&p, &path, &ledger::LedgerOptions::default());
    }

    #[test]
    fn csv_ledgers_of_random_text_never_panic(text in "[a-z0-9,\"\\n\\r 名称種別IPアドレス０-９．]{0,400}") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.csv");
        std::fs::write(&path, format!("名称,種別,IPアドレス\n{text}")).unwrap();
        let p = otzone_models::model::Project::new("t");
        let _ = ledger::preview(&p, &path, &ledger::LedgerOptions::default());
    }
}
