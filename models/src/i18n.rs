//! The one i18n table for user-facing text, shared by the CLI, the Excel export and the desktop
//! UI (which imports the same JSON files). Japanese first; English as a switch.
//!
//! Keys are flat (`status.agreed`); `{name}` marks a parameter. Parity of the two locales is
//! tested here.

use crate::model::Lang;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::sync::OnceLock;

const JA: &str = include_str!("../i18n/ja.json");
const EN: &str = include_str!("../i18n/en.json");

fn table(lang: Lang) -> &'static BTreeMap<String, String> {
    static TABLES: OnceLock<(BTreeMap<String, String>, BTreeMap<String, String>)> = OnceLock::new();
    let (ja, en) = TABLES.get_or_init(|| {
        // Both files are embedded and checked by the parity test.
        (
            serde_json::from_str(JA).expect("i18n/ja.json parses (see i18n tests)"),
            serde_json::from_str(EN).expect("i18n/en.json parses (see i18n tests)"),
        )
    });
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The text for `key`; the key itself when it is missing (visible, never empty).
pub fn text(lang: Lang, key: &str) -> &'static str {
    match table(lang).get(key) {
        Some(s) => s.as_str(),
        None => missing(key),
    }
}

/// A missing key shown as itself. Interned so that a missing key used in a loop is allocated
/// once, not on every call.
fn missing(key: &str) -> &'static str {
    static MISSING: OnceLock<std::sync::Mutex<std::collections::HashMap<String, &'static str>>> =
        OnceLock::new();
    let mut map = MISSING
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(key.to_owned())
        .or_insert_with(|| Box::leak(key.to_owned().into_boxed_str()))
}

/// The text for `key` with `{name}` parameters replaced.
pub fn format(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let args: Vec<(&str, &dyn Display)> =
        args.iter().map(|(k, v)| (*k, v as &dyn Display)).collect();
    template(lang, key).write(&mut out, &args);
    out
}

/// Append the text for `key` to `out`, its `{name}` parameters filled from `args`: the fast
/// path for texts written once per register row (the template is split once per language, and
/// values are written straight into `out`).
pub fn write(out: &mut String, lang: Lang, key: &str, args: &[(&str, &dyn Display)]) {
    template(lang, key).write(out, args);
}

/// A text split at its `{name}` parameters.
pub struct Template {
    parts: Vec<Part>,
}

enum Part {
    Text(&'static str),
    Param(&'static str),
}

impl Template {
    fn compile(text: &'static str) -> Self {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if name_len > 0 && after[name_len..].starts_with('}') {
                if open > 0 {
                    parts.push(Part::Text(&rest[..open]));
                }
                parts.push(Part::Param(&after[..name_len]));
                rest = &after[name_len + 1..];
            } else {
                // A brace that opens no parameter is text.
                parts.push(Part::Text(&rest[..=open]));
                rest = after;
            }
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest));
        }
        Self { parts }
    }

    /// Append the text to `out` with its parameters from `args`; a parameter not given stays
    /// as written (`{name}`), visible rather than empty.
    pub fn write(&self, out: &mut String, args: &[(&str, &dyn Display)]) {
        use std::fmt::Write as _;
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Param(name) => match args.iter().find(|(k, _)| k == name) {
                    // Writing to a String cannot fail.
                    Some((_, v)) => {
                        let _ = write!(out, "{v}");
                    }
                    None => {
                        let _ = write!(out, "{{{name}}}");
                    }
                },
            }
        }
    }
}

/// The template for `key`, compiled once per language.
pub fn template(lang: Lang, key: &str) -> &'static Template {
    type Compiled = HashMap<&'static str, Template>;
    static COMPILED: OnceLock<(Compiled, Compiled)> = OnceLock::new();
    let (ja, en) = COMPILED.get_or_init(|| {
        let compile = |lang| -> Compiled {
            table(lang)
                .iter()
                .map(|(k, v)| (k.as_str(), Template::compile(v.as_str())))
                .collect()
        };
        (compile(Lang::Ja), compile(Lang::En))
    });
    let compiled = match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    match compiled.get(key) {
        Some(t) => t,
        None => missing_template(key),
    }
}

/// A missing key's template: the key itself, as [`text`] shows it.
fn missing_template(key: &str) -> &'static Template {
    static MISSING: OnceLock<std::sync::Mutex<HashMap<String, &'static Template>>> =
        OnceLock::new();
    let mut map = MISSING
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(key.to_owned()).or_insert_with(|| {
        Box::leak(Box::new(Template {
            parts: vec![Part::Text(missing(key))],
        }))
    })
}

/// Whether `key` exists (in both locales, by the parity test).
pub fn has(key: &str) -> bool {
    table(Lang::Ja).contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_parameters_once_and_keep_other_braces() {
        let t = Template::compile("{a}と{b}、{a}。{ not } {c}{");
        let mut out = String::new();
        let (one, two): (&dyn Display, &dyn Display) = (&1, &"二");
        t.write(&mut out, &[("a", one), ("b", two)]);
        // A value is never read as a template: `{b}` in a value stays as given.
        assert_eq!(out, "1と二、1。{ not } {c}{");
        let mut out = String::new();
        let tricky: &dyn Display = &"{b}";
        t.write(&mut out, &[("a", tricky), ("b", two)]);
        assert!(out.starts_with("{b}と二"), "{out}");
    }

    fn params(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn locales_have_the_same_keys_and_parameters() {
        let ja = table(Lang::Ja);
        let en = table(Lang::En);
        let ja_keys: Vec<_> = ja.keys().collect();
        let en_keys: Vec<_> = en.keys().collect();
        assert_eq!(
            ja_keys, en_keys,
            "ja.json and en.json must have the same keys"
        );
        for (k, v) in ja {
            assert!(!v.trim().is_empty(), "ja {k} is empty");
            assert!(!en[k].trim().is_empty(), "en {k} is empty");
            assert_eq!(
                params(v),
                params(&en[k]),
                "{k}: parameters differ between ja and en"
            );
        }
    }

    #[test]
    fn japanese_is_translated() {
        // A ja value equal to its en value is an untranslated leftover, except proper names.
        const SAME_ALLOWED: [&str; 16] = [
            "ui.ok",
            "xl.field.bcp",
            "xl.contract_holder.sier",
            "xl.field.sl_a",
            "xl.field.sl_t",
            "xl.field.sier",
            "responsibility.sier",
            "xl.col.no",
            "xl.col.sl_a",
            "xl.col.sl_t",
            "xl.req.bcp",
            "xl.boundary.nac",
            "xl.cover.sier",
            "xl.cover.party_sier",
            "xl.col.ooda_step",
            "xl.col.cvss",
        ];
        for (k, v) in table(Lang::Ja) {
            if table(Lang::En)[k] == *v {
                assert!(
                    SAME_ALLOWED.contains(&k.as_str()),
                    "{k}: ja equals en ({v:?})"
                );
            }
        }
    }

    #[test]
    fn format_fills_parameters() {
        assert_eq!(
            format(Lang::En, "convert.done", &[("from", "a"), ("to", "b")]),
            "Converted a to b"
        );
        assert_eq!(text(Lang::Ja, "no.such.key"), "no.such.key");
    }
}
