//! No lost updates and no broken files (issue 14): two programs changing one project, a save
//! killed at random points, leftovers of killed saves, an export aimed at the project.

use otzone_models::model::Project;
use otzone_models::store::{self, update};
use otzone_models::{json, ErrorCode};
use std::path::Path;
use std::process::{Command, Stdio};

fn otzone() -> Command {
    Command::new(env!("CARGO_BIN_EXE_otzone"))
}

fn sample(name: &str) -> Project {
    json::read(&crate::samples().join(name)).unwrap()
}

/// A CSV ledger of `n` assets named `{prefix}-{i}`.
fn ledger(path: &Path, prefix: &str, n: usize) {
    let mut s = String::from("設備名称,種別\n");
    for i in 0..n {
        s.push_str(&format!("{prefix}-{i},PLC\n"));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn two_imports_into_one_file_at_once_both_land() {
    // Before the lock, 10 of 10 runs lost one of the two imports, both exiting 0.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.otz");
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    ledger(&a, "甲", 30);
    ledger(&b, "乙", 30);
    for round in 0..5 {
        store::save(&project, &Project::new("t")).unwrap();
        let run = |l: &Path| {
            otzone()
                .arg("import-assets")
                .arg(&project)
                .arg(l)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (ca, cb) = (run(&a), run(&b));
        for c in [ca, cb] {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let p = store::open(&project).unwrap();
        let count = |prefix: &str| {
            p.assets
                .iter()
                .filter(|x| x.name.starts_with(prefix))
                .count()
        };
        assert_eq!((count("甲-"), count("乙-")), (30, 30), "round {round}");
    }
}

#[test]
fn a_save_over_a_file_changed_since_it_was_opened_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    store::save(&path, &sample("food-plant.json")).unwrap();
    let (mut mine, opened) = update::open_for_update(&path).unwrap();
    // Another program saves the file meanwhile.
    let mut theirs = mine.clone();
    theirs.meta.name = "their change".into();
    update::save_if_unchanged(&path, &theirs, None).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    mine.meta.name = "my change".into();
    let e = update::save_if_unchanged(&path, &mine, Some(&opened)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(e.to_string().contains("changed by another program"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "nothing written");
    // Saving what was opened, unchanged on disk, works and gives the next fingerprint.
    let (p, fp) = update::open_for_update(&path).unwrap();
    let next = update::save_if_unchanged(&path, &p, Some(&fp)).unwrap();
    assert_ne!(next, fp, "every save replaces the file");
    // JSON project files follow the same rule.
    let jpath = dir.path().join("p.json");
    json::write(&jpath, &p).unwrap();
    let (_, fp) = update::open_for_update(&jpath).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&jpath, std::fs::read(&jpath).unwrap()).unwrap();
    let e = update::save_if_unchanged(&jpath, &p, Some(&fp)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
}

#[test]
fn leftovers_of_killed_saves_are_removed_by_the_next_save_of_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    let mine = dir.path().join(".tmp-otzone-p.otz-k1Lled.otz");
    let other = dir.path().join(".tmp-otzone-q.otz-k1Lled.otz");
    std::fs::write(&mine, vec![0u8; 4096]).unwrap();
    std::fs::write(&other, vec![0u8; 4096]).unwrap();
    update::save_if_unchanged(&path, &Project::new("t"), None).unwrap();
    assert!(!mine.exists());
    assert!(
        other.exists(),
        "another file's leftovers are its own save's business"
    );
}

#[test]
fn an_export_never_replaces_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.otz");
    store::save(&project, &sample("electronics-line.json")).unwrap();
    let before = std::fs::read(&project).unwrap();
    let j = dir.path().join("p.json");
    json::write(&j, &sample("electronics-line.json")).unwrap();
    // A text file that happens to be called .xlsx is not a workbook either.
    let notes = dir.path().join("notes.xlsx");
    std::fs::write(&notes, "meeting notes").unwrap();
    for target in [&project, &j, &notes] {
        let out = otzone()
            .arg("export")
            .arg(&project)
            .arg("-o")
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", target.display());
        let err = String::from_utf8_lossy(&out.stderr);
        // A project name is refused for its extension; an existing .xlsx because it exists.
        assert!(
            err.contains("error[unsupported_format]") || err.contains("error[conflict]"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&project).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "meeting notes");
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_random_points_leaves_the_old_or_the_new_project() {
    // `convert` writes the new project over the old one; SIGKILL at random moments of it must
    // leave a file that opens as one of the two, never a broken one.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.otz");
    let old = sample("food-plant.json");
    let new = sample("electronics-line.json");
    store::save(&path, &old).unwrap();
    let new_json = dir.path().join("new.json");
    json::write(&new_json, &new).unwrap();
    // Kill within twice the time a whole convert takes here, so that kills fall before,
    // during and after the rename whatever the machine's speed.
    let t = std::time::Instant::now();
    let status = otzone()
        .arg("convert")
        .arg(&new_json)
        .arg(dir.path().join("timing.otz"))
        .output()
        .unwrap();
    assert!(status.status.success());
    let full = t.elapsed().as_micros() as u64;
    let mut rng = fastrand::Rng::with_seed(14);
    let (mut saw_old, mut saw_new) = (0, 0);
    for _ in 0..24 {
        let mut child = otzone()
            .arg("convert")
            .arg(&new_json)
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..2 * full)));
        let _ = child.kill();
        let _ = child.wait();
        let p = store::open(&path).expect("the project opens after every kill");
        if p.id == old.id {
            saw_old += 1;
        } else {
            assert_eq!(p.id, new.id);
            assert_eq!(p.assets.len(), new.assets.len());
            saw_new += 1;
            // Start over from the old project for the next kill.
            store::save(&path, &old).unwrap();
        }
    }
    // Both outcomes happened (the kills fell before and after the rename).
    assert!(saw_old > 0 && saw_new > 0, "old {saw_old}, new {saw_new}");
    // The next save leaves nothing behind.
    update::save_if_unchanged(&path, &old, None).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[cfg(unix)]
#[test]
fn a_save_through_a_link_changes_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::create_dir(dir.path().join("links")).unwrap();
    let real = dir.path().join("real/p.otz");
    let link = dir.path().join("links/p.otz");
    store::save(&real, &Project::new("t")).unwrap();
    std::os::unix::fs::symlink("../real/p.otz", &link).unwrap();
    let mut p = store::open(&link).unwrap();
    p.meta.name = "through the link".into();
    update::save_if_unchanged(&link, &p, None).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(store::open(&real).unwrap().meta.name, "through the link");
    // The lock is the real file's, whichever path a program used.
    assert!(dir.path().join("real/.p.otz.lock").exists());
    assert!(!dir.path().join("links/.p.otz.lock").exists());
}

#[cfg(unix)]
#[test]
fn devices_and_folders_are_refused_as_input_and_as_target() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("z.json");
    std::os::unix::fs::symlink("/dev/zero", &z).unwrap();
    let t = std::time::Instant::now();
    let e = store::load_any(&z).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedFormat, "{e}");
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "a refusal, not a hang"
    );
    let csv = dir.path().join("z.csv");
    std::os::unix::fs::symlink("/dev/zero", &csv).unwrap();
    let e = otzone_models::excel::ledger::preview(&Project::new("t"), &csv, &Default::default())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedFormat, "{e}");
    // A pipe named like a project file: opening it would block until someone writes.
    let fifo = dir.path().join("pipe.otz");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let t = std::time::Instant::now();
    let e = store::load_any(&fifo).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedFormat, "{e}");
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "a refusal, not a hang"
    );
    let folder = dir.path().join("f.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let p = Project::new("t");
    let a = otzone_models::risk::analyse(&p, otzone_models::catalogue::Catalogue::builtin());
    let options = otzone_models::excel::export::ExportOptions {
        lang: otzone_models::model::Lang::Ja,
        date: otzone_models::model::IsoDate::parse("2026-12-01").unwrap(),
    };
    assert!(otzone_models::excel::export::export_to_file(&folder, &p, &a, &options).is_err());
    assert!(folder.is_dir());
}

#[test]
fn leftovers_of_a_file_with_a_longer_name_are_not_this_files() {
    // `a.otz` and `a.otz-v2.otz` in one folder: a save of the first leaves the second's
    // temporary file alone (it may be being written).
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join(".tmp-otzone-a.otz-v2.otz-AbC123.otz");
    let mine = dir.path().join(".tmp-otzone-a.otz-XyZ789.otz");
    std::fs::write(&theirs, b"x").unwrap();
    std::fs::write(&mine, b"x").unwrap();
    update::save_if_unchanged(&dir.path().join("a.otz"), &Project::new("t"), None).unwrap();
    assert!(theirs.exists());
    assert!(!mine.exists());
}

#[test]
fn an_export_never_replaces_a_customers_workbook() {
    // A ledger the customer sent (an xlsx, but not one this program exported).
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("chiba-ledger.xlsx");
    std::fs::copy(crate::samples().join("ledgers/chiba-ledger.xlsx"), &ledger).unwrap();
    let before = std::fs::read(&ledger).unwrap();
    let out = otzone()
        .arg("export")
        .arg(crate::samples().join("food-plant.json"))
        .arg("-o")
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
    // Our own export (it may be a returned workbook with the customer's answers) is replaced
    // only on purpose.
    let ours = dir.path().join("assessment.xlsx");
    let export = |target: &std::path::Path, force: bool| {
        let mut c = otzone();
        c.arg("export")
            .arg(crate::samples().join("food-plant.json"))
            .arg("-o")
            .arg(target);
        if force {
            c.arg("--force");
        }
        c.output().unwrap()
    };
    assert!(export(&ours, false).status.success());
    let again = export(&ours, false);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("error[conflict]"));
    assert!(export(&ours, true).status.success());
    // Even with --force, a customer's ledger is never replaced.
    assert_eq!(export(&ledger, true).status.code(), Some(1));
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
}
