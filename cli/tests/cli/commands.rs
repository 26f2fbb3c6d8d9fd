#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
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

#[test]
fn export_then_import_responses_and_assets_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("food.otz");
    let wb = dir.path().join("food.xlsx");
    let sample = crate::samples().join("food-plant.json");
    assert!(otzone()
        .arg("convert")
        .arg(&sample)
        .arg(&project)
        .status()
        .unwrap()
        .success());
    let out = otzone()
        .args(["--lang", "en", "export"])
        .arg(&project)
        .arg("-o")
        .arg(&wb)
        .args(["--date", "2026-11-23"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = otzone_models::risk::analyse(
        &otzone_models::json::read(&sample).unwrap(),
        otzone_models::catalogue::Catalogue::builtin(),
    )
    .risks
    .len();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains(&format!("({rows} risks)")));
    #[cfg(unix)]
    assert_eq!(
        std::fs::metadata(&wb).unwrap().permissions().mode() & 0o777,
        0o644,
        "a shareable file, not 0600"
    );

    let out = otzone()
        .args(["--lang", "en", "import-responses"])
        .arg(&project)
        .arg(&wb)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Customer answers: 0 changed, 0 problems"),
        "{text}"
    );

    // Another project's workbook is refused with a located error.
    let other = dir.path().join("other.json");
    std::fs::copy(crate::samples().join("electronics-line.json"), &other).unwrap();
    let out = otzone()
        .arg("import-responses")
        .arg(&other)
        .arg(&wb)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error[invalid_workbook]: "));

    // The ledger has two errors: without --skip-error-rows nothing changes.
    let ledger = crate::samples().join("ledgers/chiba-ledger.xlsx");
    let before = std::fs::read(&project).unwrap();
    let out = otzone()
        .args(["--lang", "en", "import-assets"])
        .arg(&project)
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2 error(s); nothing was imported"), "{err}");
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "refused import leaves the project file untouched"
    );
    let out = otzone()
        .args(["--lang", "en", "import-assets"])
        .arg(&project)
        .arg(&ledger)
        .arg("--skip-error-rows")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Added 2 and updated 1 assets"));
    let out = otzone()
        .args(["--lang", "en", "check", "--json"])
        .arg(&project)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["assets"], 32);
}

#[test]
fn what_if_reports_changed_risks_and_paths() {
    let sample = crate::samples().join("food-plant.json");
    let out = otzone()
        .args(["--lang", "en", "what-if"])
        .arg(&sample)
        .args(["--remove-conduit", "ベンダVPN回線", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !v["paths"].as_array().unwrap().is_empty(),
        "cutting the vendor VPN changes attack paths"
    );
    let out = otzone()
        .arg("what-if")
        .arg(&sample)
        .args(["--remove-conduit", "no such conduit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn revise_records_a_version_in_the_file_and_refuses_a_repeat_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let otz = dir.path().join("food.otz");
    assert!(otzone()
        .arg("convert")
        .arg(crate::samples().join("food-plant.json"))
        .arg(&otz)
        .status()
        .unwrap()
        .success());
    let run = |args: &[&str]| {
        let out = otzone()
            .arg("revise")
            .arg(&otz)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, text, _) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("最後に記録した版の後に変更があります"),
        "{text}"
    );

    let (code, text, err) = run(&[
        "--version",
        "1.3",
        "--summary",
        "資産台帳の取り込み",
        "--author",
        "佐藤",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(code, Some(0), "{err}");
    // The figures recorded are the register's: rows and residual risks above tolerable.
    let before = otzone_models::store::open(&otz).unwrap();
    let a = otzone_models::risk::analyse(&before, otzone_models::catalogue::Catalogue::builtin());
    let above = a.risks.iter().filter(|r| !r.tolerable).count();
    assert!(
        text.contains(&format!(
            "版 1.3  2026-12-01  リスク {} 件(許容超 {above} 件)",
            a.risks.len()
        )),
        "{text}"
    );
    assert!(text.contains("最後に記録した版と同じです"), "{text}");
    let p = otzone_models::store::open(&otz).unwrap();
    assert_eq!(p.meta.version, "1.3");
    assert_eq!(p.revisions.len(), 2, "the sample's 1.0 and 1.3");
    assert_eq!(p.revisions[1].author, "佐藤");
    assert_eq!(
        p.revisions[1].baseline,
        otzone_models::revision::baseline_hash(&p)
    );

    let before = std::fs::read(&otz).unwrap();
    let (code, _, err) = run(&["--version", "1.3"]);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with("error[invalid_model]: ")
            && err.contains("food.otz")
            && err.contains(
                "revisions[2].version: version 1.3 is already recorded [duplicate_version]"
            ),
        "{err}"
    );
    let (code, _, err) = run(&["--version", "1.4", "--date", "2026-13-01"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("--date \"2026-13-01\" is not YYYY-MM-DD"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&otz).unwrap(),
        before,
        "refused: file untouched"
    );
}

/// `otzone analyze --json … | head -1`: the reader goes away after one line of half a
/// megabyte of output (more than a pipe holds); the tool ends quietly (no panic message, not
/// the panic exit code 101), as other command-line tools do.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let mut child = otzone()
        .args(["analyze", "--json"])
        .arg(crate::samples().join("food-plant.json"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    // The pipe's read end is dropped here.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101));
}

/// `otzone diff`: exit 0 and "no change" for the same file; exit 1 with the renamed asset, the
/// removed countermeasure and the risks that moved because of it for a changed copy (worked by
/// hand on the food-plant sample: M-001 C-NW-01 covers T01 on five assets behind the IT/OT
/// firewall and T14 on two; without it those rows' planned and residual risk rise).
/// Run `otzone` with `args`: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = otzone().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn diff_lists_what_changed_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = crate::samples().join("food-plant.json");
    let same = run(&["diff", old.to_str().unwrap(), old.to_str().unwrap()]);
    assert_eq!(same.0, 0, "{}", same.2);
    assert!(same.1.contains("no change"), "{}", same.1);
    let mut p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&old).unwrap()).unwrap();
    let renamed = format!("{}（更新）", p["assets"][0]["name"].as_str().unwrap());
    p["assets"][0]["name"] = serde_json::Value::String(renamed.clone());
    let removed = p["countermeasures"].as_array_mut().unwrap().remove(0);
    assert_eq!(removed["measure"], "C-NW-01");
    let new = dir.path().join("new.json");
    std::fs::write(&new, serde_json::to_string(&p).unwrap()).unwrap();
    let (code, out, err) = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("~ A-") && out.contains(&renamed), "{out}");
    assert!(out.contains("- M-001 C-NW-01"), "{out}");
    let moved: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("計画状態で数える対策: M-001"))
        .collect();
    assert_eq!(moved.len(), 7, "{out}");
    let (code, json, _) = run(&[
        "diff",
        "--json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["items"]["countermeasures"][0]["change"], "removed");
    assert_eq!(v["risks"].as_array().unwrap().len(), 7);
}

/// `otzone diff FILE@VERSION FILE`: a version recorded in a project is compared with the file
/// as it is now (worked by hand: version 1.0 recorded, then one asset renamed, so exactly one
/// field of one asset differs and no risk moves, since names do not enter the figures); an
/// unknown version is refused with the versions that exist, exit 2.
#[test]
fn diff_compares_a_recorded_version_with_the_file_now() {
    use otzone_models::catalogue::Catalogue;
    use otzone_models::revision::{record, RevisionInput};
    let dir = tempfile::tempdir().unwrap();
    let mut p =
        otzone_models::store::load_any(&crate::samples().join("electronics-line.json")).unwrap();
    let a = otzone_models::risk::analyse(&p, Catalogue::builtin());
    let input = RevisionInput {
        version: "1.0".into(),
        date: otzone_models::model::IsoDate::parse("2026-12-01").unwrap(),
        summary: "合意版".into(),
        author: "佐藤".into(),
    };
    p.revisions.clear();
    record(&mut p, &a, input).unwrap();
    p.assets[0].name.push_str("（更新）");
    let file = dir.path().join("line.otz");
    otzone_models::store::save_any(&file, &p).unwrap();
    let at = format!("{}@1.0", file.display());
    let (code, out, err) = run(&["--lang", "en", "diff", &at, file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let changed: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with('~'))
        .collect();
    assert_eq!(changed.len(), 1, "{out}");
    assert!(changed[0].contains("（更新）"), "{out}");
    assert!(out.contains("name:"), "{out}");
    assert!(!out.contains("risks"), "no risk moved: {out}");
    let (code, _, err) = run(&["diff", &format!("{}@9.9", file.display()), &at]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("9.9") && err.contains("recorded: 1.0"),
        "{err}"
    );
}

/// Issue 17: with every system font folder hidden from the process (a mount namespace with
/// empty /usr/share/fonts and /usr/local/share/fonts, and no OTZONE_CJK_FONT), the export still
/// draws its charts: with the IPAexGothic shipped inside the program. Its charts differ from
/// those drawn with the system's Noto Sans CJK (another font), and are not blank. Skipped
/// where mount namespaces are not allowed (then the lookup order is covered by fonts.rs).
#[test]
fn the_export_draws_japanese_charts_with_no_system_font() {
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::samples().join("electronics-line.json");
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mount namespace here");
        return;
    }
    let export = |out: &std::path::Path, hidden: bool| {
        let bin = env!("CARGO_BIN_EXE_otzone");
        let mut cmd = if hidden {
            let mut c = Command::new("unshare");
            c.args(["--user", "--map-root-user", "--mount", "sh", "-c"])
                .arg(
                    "for d in /usr/share/fonts /usr/local/share/fonts; do \
                 [ -d \"$d\" ] && mount -t tmpfs none \"$d\"; done; \
                 fc-match -f '%{file}' 'sans-serif:lang=ja' >&2; exec \"$0\" \"$@\"",
                );
            c.arg(bin);
            c
        } else {
            Command::new(bin)
        };
        let out = cmd
            .env_remove("OTZONE_CJK_FONT")
            .env("HOME", dir.path())
            .arg("export")
            .arg(&sample)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // The comparison needs a Japanese font on the system (CI images may have none).
    let system_font = Command::new("fc-match")
        .args(["-f", "%{file}", "sans-serif:lang=ja"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|f| std::fs::read(f.trim()).ok())
        .is_some_and(|bytes| otzone_models::fonts::has_japanese(&bytes));
    let (with, without) = (
        dir.path().join("with.xlsx"),
        dir.path().join("without.xlsx"),
    );
    export(&with, false);
    let fc = export(&without, true);
    assert!(
        !fc.contains("/usr/share/fonts"),
        "fontconfig found no system font: {fc}"
    );
    let image = |book: &std::path::Path| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name("xl/media/image1.png").unwrap(), &mut bytes)
            .unwrap();
        bytes
    };
    let (a, b) = (image(&with), image(&without));
    assert!(
        b.len() > 10_000,
        "a chart, not a blank image: {} bytes",
        b.len()
    );
    if system_font {
        assert_ne!(a, b, "drawn with another font");
    }
    // Kept for a look: target/font-check/without-system-fonts.png.
    let keep = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/font-check");
    std::fs::create_dir_all(&keep).unwrap();
    std::fs::write(keep.join("without-system-fonts.png"), &b).unwrap();
    std::fs::write(keep.join("with-system-fonts.png"), &a).unwrap();
}

/// `otzone analyze --json` is written while it is produced (issue 16), and says exactly what
/// the analysis holds: every field `Analysis` serializes, and each register row with its
/// explanation per state, as `RiskRow::explain` words it (looked up here the plain way, one
/// countermeasure search per row, against the command's index).
#[test]
fn analyze_json_is_the_analysis_with_each_row_explained() {
    use otzone_models::risk::coverage::State;
    let file = crate::samples().join("food-plant.json");
    let out = otzone()
        .args(["--lang", "en", "analyze", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = otzone_models::store::load_any(&file).unwrap();
    let a = otzone_models::risk::analyse(&p, otzone_models::catalogue::Catalogue::builtin());
    let mut expected = serde_json::to_value(&a).unwrap();
    let lang = otzone_models::model::Lang::En;
    for (row, r) in expected["risks"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(&a.risks)
    {
        row["explanation"] = serde_json::json!({
            "inherent": r.explain(State::Inherent, lang, &p),
            "planned": r.explain(State::Planned, lang, &p),
            "residual": r.explain(State::Residual, lang, &p),
        });
    }
    assert_eq!(got, expected);
}

/// `otzone check` says how complete each guided step is, from the core's rule
/// (`otzone_models::steps`): a new project with only its business goals written has a third
/// of step 1-1 done (goals, purpose, requirements a third each) and nothing else.
#[test]
fn check_says_how_complete_each_step_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.json");
    let mut p = otzone_models::model::Project::new("新工場");
    p.requirements.business_goals = "品質の安定".into();
    std::fs::write(&file, serde_json::to_vec(&p).unwrap()).unwrap();
    let out = otzone()
        .args(["check", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = v["completion"].as_array().unwrap();
    assert_eq!(steps.len(), 10);
    assert_eq!(steps[0]["step"], "1-1");
    assert!((steps[0]["done"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert!(steps[1..].iter().all(|s| s["done"] == 0.0), "{steps:?}");
    let out = otzone()
        .args(["--lang", "en", "check"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1-1 Requirements: 33%"), "{text}");
    assert!(text.contains("3 Operations and supply chain: 0%"), "{text}");
}

#[test]
fn a_mapping_to_no_field_is_refused_naming_the_ledger_and_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.json");
    std::fs::copy(crate::samples().join("food-plant.json"), &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    let ledger = crate::samples().join("ledgers/chiba-ledger.ods");
    let out = otzone()
        .arg("import-assets")
        .arg(&project)
        .arg(&ledger)
        .args(["--map", "機器名=colour"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[invalid_mapping]"), "{err}");
    assert!(err.contains("chiba-ledger.ods"), "{err}");
    assert!(err.contains("column 機器名"), "{err}");
    assert!(err.contains("\"colour\""), "{err}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
}
