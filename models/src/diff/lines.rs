//! The difference in words, one line per changed field, added or removed item and moved risk,
//! as the 変更点 sheet and the app's compare view show it: ids of zones, assets and measures by
//! their names, values in the reader's language, each line with a stable id
//! (`change:<collection>:<item>[:<field>]`, `change:risk:<row>`) so that an answer given on a
//! line stays with that change.

use super::{ItemChange, ProjectDiff};
use crate::catalogue::Catalogue;
use crate::i18n;
use crate::model::{Lang, Project};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// One line of the difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeLine {
    /// Stable id.
    pub id: String,
    /// What kind of item (資産, ゾーン …, リスク).
    pub area: String,
    /// 追加 / 削除 / 変更 / リスク変動.
    pub kind: String,
    /// The item, by its readable name.
    pub item: String,
    /// The field (empty for an addition or removal).
    pub field: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
    /// Why (risks: the countermeasures that made the row move).
    pub reason: String,
}

/// Names for the ids a changed field may hold (zones, assets, businesses …), from both
/// states, so that a moved asset shows its zones' names rather than their ids.
fn names(old: &Project, new: &Project) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for p in [old, new] {
        let mut put = |id: String, name: &str| {
            out.insert(id, name.to_owned());
        };
        p.businesses.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.assets.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.zones.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.entry_points
            .iter()
            .for_each(|x| put(x.id.to_string(), &x.name));
        p.conduits.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.suppliers.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.countermeasures.iter().for_each(|m| {
            let label = crate::model::numbering::measure_label(m.number);
            put(m.id.to_string(), &format!("{label} {}", m.measure));
        });
    }
    out
}

/// The reader's language and the names of ids.
struct Words {
    lang: Lang,
    names: HashMap<String, String>,
}

impl Words {
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key).to_owned()
    }

    fn pick<'s>(&self, ja: &'s str, en: &'s str) -> &'s str {
        if self.lang == Lang::Ja {
            ja
        } else {
            en
        }
    }

    /// A field's name in the reader's language (the model's name when the table has none).
    fn field(&self, field: &str) -> String {
        let key = format!("xl.field.{field}");
        if i18n::has(&key) {
            self.t(&key)
        } else {
            field.to_owned()
        }
    }

    /// A field's value as a reader reads it: ids by their names, lists joined, yes/no in words.
    fn show(&self, v: &Value) -> String {
        match v {
            Value::Null => "—".into(),
            Value::Bool(b) => self.t(if *b { "xl.change.yes" } else { "xl.change.no" }),
            Value::Number(n) => n.to_string(),
            Value::String(s) => self.names.get(s).cloned().unwrap_or_else(|| s.clone()),
            Value::Array(items) if items.is_empty() => "—".into(),
            Value::Array(items) => items
                .iter()
                .map(|x| self.show(x))
                .collect::<Vec<_>>()
                .join(self.pick("、", ", ")),
            Value::Object(map) => map
                .iter()
                .filter(|(_, x)| !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, x)| format!("{}: {}", self.field(k), self.show(x)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// The lines of `d`, the difference from `old` to `new`.
pub fn lines(
    old: &Project,
    new: &Project,
    d: &ProjectDiff,
    catalogue: &Catalogue,
    lang: Lang,
) -> Vec<ChangeLine> {
    let w = Words {
        lang,
        names: names(old, new),
    };
    let mut out = Vec::new();
    let kind = |k: &str| w.t(&format!("xl.change.{k}"));
    for (coll, list) in &d.items {
        let area = w.t(&format!("xl.coll.{coll}"));
        for c in list {
            match c {
                ItemChange::Added { id, name } | ItemChange::Removed { id, name } => {
                    let added = matches!(c, ItemChange::Added { .. });
                    out.push(ChangeLine {
                        id: format!("change:{coll}:{id}"),
                        area: area.clone(),
                        kind: kind(if added { "added" } else { "removed" }),
                        item: name.clone(),
                        field: String::new(),
                        before: String::new(),
                        after: String::new(),
                        reason: String::new(),
                    });
                }
                ItemChange::Changed { id, name, fields } => {
                    let item = if coll == "project" {
                        w.t(&format!("xl.section.{name}"))
                    } else {
                        name.clone()
                    };
                    for f in fields {
                        out.push(ChangeLine {
                            id: format!("change:{coll}:{id}:{}", f.field),
                            area: area.clone(),
                            kind: kind("changed"),
                            item: item.clone(),
                            field: w.field(&f.field),
                            before: w.show(&f.before),
                            after: w.show(&f.after),
                            reason: String::new(),
                        });
                    }
                }
            }
        }
    }
    let state = |v: &Option<[String; 3]>| {
        v.as_ref()
            .map_or_else(|| "—".to_owned(), |[i, p, r]| format!("{i} → {p} → {r}"))
    };
    for r in &d.risks {
        let threat = catalogue
            .threat(new, &r.threat)
            .or_else(|| catalogue.threat(old, &r.threat))
            .map(|t| format!("{} {}", r.threat, w.pick(&t.ja, &t.en)))
            .unwrap_or_else(|| r.threat.clone());
        out.push(ChangeLine {
            id: format!("change:risk:{}", r.id),
            area: w.t("xl.coll.risks"),
            kind: kind("risk_moved"),
            item: format!("{} × {threat}", r.asset),
            field: w.t("xl.change.risk_states"),
            before: state(&r.before),
            after: state(&r.after),
            reason: r
                .because
                .iter()
                .map(|b| b.text(lang))
                .collect::<Vec<_>>()
                .join(w.pick("。", ". ")),
        });
    }
    out
}
