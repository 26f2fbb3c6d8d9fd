//! Which Japanese font the charts and the zone-diagram image are drawn with, on every system
//! the app runs on, so that an export never fails for want of a font:
//!
//! 1. `OTZONE_CJK_FONT` (a font file the user chooses);
//! 2. the system's own Japanese font — Windows: Yu Gothic, Meiryo, MS Gothic in the system
//!    font folder (`%WINDIR%\Fonts`) or the user's (`%LOCALAPPDATA%\Microsoft\Windows\Fonts`);
//!    macOS: Hiragino Sans (ヒラギノ角ゴシック), then Hiragino Kaku Gothic ProN, in
//!    `/System/Library/Fonts` and `/Library/Fonts`; Linux: fontconfig's choice for Japanese
//!    (`fc-match 'sans-serif:lang=ja'`), then the known Noto Sans CJK and IPA paths;
//! 3. IPAexGothic, shipped inside the program (IPA Font License v1.0, which allows
//!    redistributing the font unmodified with its licence: `models/fonts/`).
//!
//! The lookup is plain data in, list out ([`candidates`] of a [`FontEnv`]), with no `cfg`, so
//! that the Windows and macOS orders are tested on any system.

use std::path::{Path, PathBuf};

/// The operating system a lookup is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Windows.
    Windows,
    /// macOS.
    MacOs,
    /// Linux and other Unix systems.
    Linux,
}

impl Os {
    /// The system this program runs on.
    pub fn current() -> Self {
        match std::env::consts::OS {
            "windows" => Os::Windows,
            "macos" => Os::MacOs,
            _ => Os::Linux,
        }
    }
}

/// What the lookup needs from the system: plain values, so that tests can give any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontEnv {
    /// The system.
    pub os: Os,
    /// `OTZONE_CJK_FONT`, if set.
    pub chosen: Option<PathBuf>,
    /// Windows: `%WINDIR%` (`C:\Windows` when unset).
    pub windir: Option<PathBuf>,
    /// Windows: `%LOCALAPPDATA%` (fonts installed for the user only).
    pub local_app_data: Option<PathBuf>,
    /// macOS: the home folder (`~/Library/Fonts`).
    pub home: Option<PathBuf>,
    /// Linux: the file fontconfig chooses for Japanese sans-serif text, if fontconfig is there.
    pub fontconfig: Option<PathBuf>,
    /// The file-system root the macOS system folders are under (`/`; a fake root in tests).
    pub root: PathBuf,
}

impl FontEnv {
    /// The environment of this process (on Linux, asks `fc-match`).
    pub fn current() -> Self {
        let os = Os::current();
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Self {
            os,
            chosen: var("OTZONE_CJK_FONT"),
            windir: var("WINDIR").or_else(|| var("SystemRoot")),
            local_app_data: var("LOCALAPPDATA"),
            home: var("HOME"),
            fontconfig: if os == Os::Linux {
                fontconfig_choice()
            } else {
                None
            },
            root: PathBuf::from("/"),
        }
    }
}

/// fontconfig's font file for Japanese sans-serif text (`None` without fontconfig, or when it
/// only offers a font that is not a file the charts can read).
fn fontconfig_choice() -> Option<PathBuf> {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    // fontconfig answers in milliseconds; a broken configuration (a FIFO as its file, a
    // stand-in that never returns) must not hold the export: two seconds, then it is skipped.
    let mut child = Command::new("fc-match")
        .args(["-f", "%{file}", "sans-serif:lang=ja"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let mut file = String::new();
    child
        .stdout
        .take()?
        .take(4096)
        .read_to_string(&mut file)
        .ok()?;
    let path = PathBuf::from(file.trim());
    readable_font_file(&path).then_some(path)
}

/// A font file the chart renderer reads (TrueType, OpenType, or a collection of them).
fn readable_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The Windows font files of Japanese fonts, best first: Yu Gothic (Windows 10 and later:
/// Medium then Regular; Windows 8.1: `yugothic.ttf`), Meiryo (Vista to 8), MS Gothic (every
/// version).
const WINDOWS_FILES: [&str; 5] = [
    "YuGothM.ttc",
    "YuGothR.ttc",
    "yugothic.ttf",
    "meiryo.ttc",
    "msgothic.ttc",
];

/// The macOS font files, best first: Hiragino Sans W3 (10.11 and later), W4, then Hiragino
/// Kaku Gothic ProN W3 (older systems).
const MAC_FILES: [&str; 4] = [
    "ヒラギノ角ゴシック W3.ttc",
    "ヒラギノ角ゴシック W4.ttc",
    "ヒラギノ角ゴ ProN W3.otf",
    "HiraginoSans-W3.ttc",
];

/// Known Linux paths: Debian's and Fedora's (older and 36+) Noto Sans CJK, then IPA Gothic.
pub const LINUX_PATHS: [&str; 7] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
];

/// The font files to try, in order (the shipped font comes after all of them).
pub fn candidates(env: &FontEnv) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = env.chosen.iter().cloned().collect();
    match env.os {
        Os::Windows => {
            let windir = env
                .windir
                .clone()
                .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
            let mut dirs = vec![windir.join("Fonts")];
            if let Some(local) = &env.local_app_data {
                dirs.push(local.join("Microsoft").join("Windows").join("Fonts"));
            }
            for file in WINDOWS_FILES {
                out.extend(dirs.iter().map(|d| d.join(file)));
            }
        }
        Os::MacOs => {
            let mut dirs = vec![
                env.root.join("System/Library/Fonts"),
                env.root.join("Library/Fonts"),
            ];
            if let Some(home) = &env.home {
                dirs.push(home.join("Library").join("Fonts"));
            }
            for file in MAC_FILES {
                out.extend(dirs.iter().map(|d| d.join(file)));
            }
        }
        Os::Linux => {
            out.extend(env.fontconfig.iter().cloned());
            out.extend(LINUX_PATHS.iter().map(PathBuf::from));
        }
    }
    out
}

/// The font shipped inside the program: IPAexGothic, unmodified (IPA Font License v1.0,
/// `models/fonts/IPA_Font_License_Agreement_v1.0.txt`).
pub static SHIPPED: &[u8] = include_bytes!("../fonts/ipaexg.ttf");

/// The largest font file read (Japanese collections are 10–60 MB; Noto Sans CJK's is 19 MB).
pub const MAX_FONT_BYTES: u64 = 128 << 20;

/// A candidate font file's bytes: only a regular file (not a device, pipe or folder) of at most
/// [`MAX_FONT_BYTES`], so that a variable pointing at `/dev/zero` or a FIFO can neither fill
/// memory nor block the export; anything else is skipped.
pub fn read_font_file(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FONT_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .ok()?
        .take(MAX_FONT_BYTES + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= MAX_FONT_BYTES).then_some(bytes)
}

/// Whether `bytes` are a font the chart renderer reads that has Japanese glyphs (kana and
/// kanji): a Latin-only font fontconfig falls back to would draw boxes (tofu).
pub fn has_japanese(bytes: &[u8]) -> bool {
    use ab_glyph::Font as _;
    ab_glyph::FontRef::try_from_slice(bytes).is_ok_and(|f| {
        // Everything the charts write: digits and Latin letters, every kana, and the kanji
        // of their titles and legends (a subset font holding a few characters is refused).
        let kana = ('ぁ'..='ん').chain('ァ'..='ン');
        let latin = ('0'..='9').chain('A'..='Z').chain('a'..='z');
        let kanji = "日本語漢字重要度脅威対策残留固有計画許容業務資産保護対象図件数";
        latin
            .chain(kana)
            .chain(kanji.chars())
            .all(|c| f.glyph_id(c).0 != 0)
    })
}

/// Where the font in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSource {
    /// A file on this system.
    File(PathBuf),
    /// The font shipped inside the program.
    Shipped,
}

impl std::fmt::Display for FontSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontSource::File(p) => write!(f, "{}", p.display()),
            FontSource::Shipped => f.write_str("IPAexGothic (shipped)"),
        }
    }
}

/// The first of `candidates` that `accept` takes (the caller reads and registers it), else the
/// shipped font.
pub fn choose(candidates: &[PathBuf], mut accept: impl FnMut(&Path) -> bool) -> FontSource {
    candidates
        .iter()
        .find(|p| accept(p))
        .map_or(FontSource::Shipped, |p| FontSource::File(p.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(os: Os) -> FontEnv {
        FontEnv {
            os,
            chosen: None,
            windir: None,
            local_app_data: None,
            home: None,
            fontconfig: None,
            root: PathBuf::from("/"),
        }
    }

    /// A fake font folder holding the named files (their content is not read here).
    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"font").unwrap();
        }
        dir
    }

    fn first_existing(env: &FontEnv) -> FontSource {
        choose(&candidates(env), |p| p.exists())
    }

    /// Windows: Yu Gothic is taken over Meiryo and MS Gothic when the system has it; a system
    /// without Yu Gothic (Windows 7) uses Meiryo; a font the user installed for themselves
    /// counts; the variable the user sets comes first.
    #[test]
    fn windows_prefers_yu_gothic_then_meiryo_then_ms_gothic() {
        let win = folder(&[
            "Fonts/meiryo.ttc",
            "Fonts/msgothic.ttc",
            "Fonts/YuGothM.ttc",
        ]);
        let mut e = env(Os::Windows);
        e.windir = Some(win.path().to_owned());
        assert_eq!(
            first_existing(&e),
            FontSource::File(win.path().join("Fonts/YuGothM.ttc"))
        );
        std::fs::remove_file(win.path().join("Fonts/YuGothM.ttc")).unwrap();
        assert_eq!(
            first_existing(&e),
            FontSource::File(win.path().join("Fonts/meiryo.ttc"))
        );
        std::fs::remove_file(win.path().join("Fonts/meiryo.ttc")).unwrap();
        let user = folder(&["Microsoft/Windows/Fonts/YuGothR.ttc"]);
        e.local_app_data = Some(user.path().to_owned());
        assert_eq!(
            first_existing(&e),
            FontSource::File(user.path().join("Microsoft/Windows/Fonts/YuGothR.ttc")),
            "the user's own Yu Gothic before the system's MS Gothic"
        );
        e.chosen = Some(PathBuf::from("/somewhere/chosen.ttf"));
        assert_eq!(candidates(&e)[0], PathBuf::from("/somewhere/chosen.ttf"));
        // Without %WINDIR% the default folder is used.
        assert!(candidates(&env(Os::Windows))
            .iter()
            .any(|p| p.to_string_lossy().starts_with(r"C:\Windows")));
    }

    /// macOS, in a fake system root: Hiragino Sans W3 is taken when the system has it, the
    /// older Hiragino Kaku Gothic ProN otherwise, and a font in the user's own folder counts.
    #[test]
    fn macos_takes_hiragino_sans_from_a_fake_system_folder() {
        let root = folder(&[
            "System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
            "System/Library/Fonts/ヒラギノ角ゴ ProN W3.otf",
        ]);
        let home = folder(&[]);
        let mut e = FontEnv {
            root: root.path().to_owned(),
            home: Some(home.path().to_owned()),
            ..env(Os::MacOs)
        };
        assert_eq!(
            first_existing(&e),
            FontSource::File(
                root.path()
                    .join("System/Library/Fonts/ヒラギノ角ゴシック W3.ttc")
            )
        );
        std::fs::remove_file(
            root.path()
                .join("System/Library/Fonts/ヒラギノ角ゴシック W3.ttc"),
        )
        .unwrap();
        assert_eq!(
            first_existing(&e),
            FontSource::File(
                root.path()
                    .join("System/Library/Fonts/ヒラギノ角ゴ ProN W3.otf")
            )
        );
        std::fs::remove_file(
            root.path()
                .join("System/Library/Fonts/ヒラギノ角ゴ ProN W3.otf"),
        )
        .unwrap();
        assert_eq!(first_existing(&e), FontSource::Shipped);
        let user = folder(&["Library/Fonts/ヒラギノ角ゴシック W3.ttc"]);
        e.home = Some(user.path().to_owned());
        assert_eq!(
            first_existing(&e),
            FontSource::File(user.path().join("Library/Fonts/ヒラギノ角ゴシック W3.ttc"))
        );
    }

    /// macOS: the order of the system folders' names.
    #[test]
    fn macos_prefers_hiragino_sans() {
        let e = FontEnv {
            home: Some(PathBuf::from("/Users/sato")),
            ..env(Os::MacOs)
        };
        let c = candidates(&e);
        assert_eq!(
            c[0],
            PathBuf::from("/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc")
        );
        let pron = c
            .iter()
            .position(|p| p.ends_with("ヒラギノ角ゴ ProN W3.otf"))
            .unwrap();
        let w4 = c
            .iter()
            .position(|p| p.ends_with("ヒラギノ角ゴシック W4.ttc"))
            .unwrap();
        assert!(w4 < pron);
        assert!(c.contains(&PathBuf::from(
            "/Users/sato/Library/Fonts/ヒラギノ角ゴシック W3.ttc"
        )));
    }

    /// Linux: fontconfig's choice for Japanese first, then the known paths; with no font
    /// anywhere (folders hidden), the shipped IPAexGothic.
    #[test]
    fn linux_asks_fontconfig_then_known_paths_then_ships_its_own() {
        let fc = folder(&["fonts/TakaoPGothic.ttf"]);
        let e = FontEnv {
            fontconfig: Some(fc.path().join("fonts/TakaoPGothic.ttf")),
            ..env(Os::Linux)
        };
        assert_eq!(
            first_existing(&e),
            FontSource::File(fc.path().join("fonts/TakaoPGothic.ttf"))
        );
        assert_eq!(candidates(&e)[1], PathBuf::from(LINUX_PATHS[0]));
        assert_eq!(choose(&candidates(&e), |_| false), FontSource::Shipped);
        assert!(readable_font_file(Path::new("/x/NotoSansCJK-Regular.ttc")));
        assert!(
            !readable_font_file(Path::new("/x/font.pcf.gz")),
            "a bitmap font"
        );
    }

    /// A variable pointing at a device, a pipe, a folder or a huge file is skipped without
    /// reading it (the export then uses the next font).
    #[test]
    #[cfg(unix)]
    fn only_a_regular_font_file_of_sensible_size_is_read() {
        assert!(read_font_file(Path::new("/dev/zero")).is_none());
        assert!(read_font_file(Path::new("/tmp")).is_none());
        assert!(read_font_file(Path::new("/no/such/font.ttf")).is_none());
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.ttf");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FONT_BYTES + 1)
            .unwrap();
        assert!(read_font_file(&big).is_none(), "a sparse 128 MB + 1 file");
        let small = dir.path().join("small.ttf");
        std::fs::write(&small, SHIPPED).unwrap();
        assert_eq!(read_font_file(&small).as_deref(), Some(SHIPPED));
    }

    #[test]
    fn the_shipped_font_has_japanese_glyphs_and_a_latin_font_does_not_pass() {
        assert_eq!(&SHIPPED[..4], &[0, 1, 0, 0], "TrueType outlines");
        assert!(has_japanese(SHIPPED));
        assert!(!has_japanese(b"not a font"));
        // DejaVu Sans, Debian's default Latin font, has no kanji.
        let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        if let Ok(bytes) = std::fs::read(dejavu) {
            assert!(!has_japanese(&bytes));
        }
    }
}
