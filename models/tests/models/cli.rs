use std::process::Command;

fn otzone() -> Command {
    Command::new(env!("CARGO_BIN_EXE_otzone"))
}

#[test]
fn check_prints_a_summary_in_the_chosen_language() {
    let out = otzone()
        .args(["--lang", "en", "check"])
        .arg(crate::samples().join("electronics-line.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("23 assets, 11 zones, 17 conduits"), "{text}");
    let out = otzone()
        .arg("check")
        .arg(crate::samples().join("electronics-line.json"))
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("保護対象 23件"));
}

#[test]
fn convert_round_trips_and_a_bad_input_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let otz = dir.path().join("food.otz");
    let back = dir.path().join("back.json");
    let sample = crate::samples().join("food-plant.json");
    assert!(otzone()
        .arg("convert")
        .arg(&sample)
        .arg(&otz)
        .status()
        .unwrap()
        .success());
    assert!(otzone()
        .arg("convert")
        .arg(&otz)
        .arg(&back)
        .status()
        .unwrap()
        .success());
    assert!(
        std::fs::read(&back).unwrap() == std::fs::read(&sample).unwrap(),
        "JSON → .otz → JSON reproduces the sample byte for byte"
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format_version\": 1, \"id\": 5}").unwrap();
    let before = std::fs::read(&otz).unwrap();
    let out = otzone()
        .arg("convert")
        .arg(&bad)
        .arg(&otz)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[invalid_json]: "), "{err}");
    assert!(err.contains("bad.json, id: invalid project JSON"), "{err}");
    assert_eq!(std::fs::read(&otz).unwrap(), before, "output untouched");
}
