//! 変更点: what changed since the last recorded (agreed) version, so that the customer
//! re-agrees only that — every item added, removed or changed field by field, and every risk
//! that moved, with the countermeasures that made it move. The first row says which two
//! states are compared; a project with no earlier version says so instead of listing nothing.

use super::columns::{tabulate, Column};
use super::Ctx;
use crate::diff::lines::ChangeLine;
use crate::excel::sheet::Table;

/// Change lines listed on the sheet at most (a model rebuilt from scratch would otherwise
/// make a sheet of hundreds of thousands of rows); the first row says how many there are.
const MAX_LINES: usize = 20_000;

/// The 変更点 sheet.
pub(super) fn changes(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, ChangeLine>;
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.change_area", 12.0, |l| l.area.as_str().into()),
        C::new(ctx, "xl.col.change_kind", 9.0, |l| l.kind.as_str().into()),
        C::new(ctx, "xl.col.change_item", 24.0, |l| l.item.as_str().into()),
        C::new(ctx, "xl.col.change_field", 14.0, |l| {
            l.field.as_str().into()
        }),
        C::new(ctx, "xl.col.before", 28.0, |l| l.before.as_str().into()),
        C::new(ctx, "xl.col.after", 28.0, |l| l.after.as_str().into()),
        C::new(ctx, "xl.col.change_reason", 30.0, |l| {
            l.reason.as_str().into()
        }),
    ];
    let lines = change_lines(ctx, MAX_LINES);
    let (cols, rows) = tabulate(columns, lines.iter().map(|l| (l.id.clone(), l)));
    Table {
        name: ctx.t("xl.sheet.changes"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

/// The sheet's lines: first which two states are compared (and how many changes there are,
/// or why none can be listed), then every change, at most `max`.
fn change_lines(ctx: &Ctx<'_>, max: usize) -> Vec<ChangeLine> {
    let p = ctx.project;
    let now = if crate::revision::changed_since_last(p, ctx.baseline()) {
        format!("{} {}", p.meta.version, ctx.t("xl.rev.working"))
            .trim()
            .to_owned()
    } else {
        p.meta.version.clone()
    };
    let head = |before: String, note: String| ChangeLine {
        id: "change:base".to_owned(),
        area: ctx.t("xl.change.compared"),
        kind: String::new(),
        item: String::new(),
        field: ctx.t("xl.change.version"),
        before,
        after: format!("{now} ({})", ctx.baseline()),
        reason: note,
    };
    let Some(i) = crate::revision::compare_base(p, ctx.baseline()) else {
        return vec![head("—".into(), ctx.t("xl.change.first"))];
    };
    let rev = &p.revisions[i];
    let before = format!("{} {} ({})", rev.version, rev.date, rev.baseline);
    let old = match crate::revision::restore(p, i) {
        Ok(old) => old,
        Err(e) => {
            let code = match &e {
                crate::Error::InvalidModel { problems, .. } => problems
                    .first()
                    .map_or_else(|| e.code().as_str().to_owned(), |p| p.code.clone()),
                other => other.code().as_str().to_owned(),
            };
            let note = if code == "no_snapshot" {
                crate::i18n::format(ctx.lang, "xl.change.no_copy", &[("v", &rev.version)])
            } else {
                crate::i18n::format(
                    ctx.lang,
                    "xl.change.unreadable",
                    &[("v", &rev.version), ("code", &code)],
                )
            };
            return vec![head(before, note)];
        }
    };
    let d = crate::diff::diff_analysed(&old, p, ctx.analysis);
    let lines = crate::diff::lines::lines(&old, p, &d, ctx.catalogue, ctx.lang);
    // The rows the customer is asked to agree to: one per changed field, item or risk.
    let count = lines.len().to_string();
    let mut note = crate::i18n::format(ctx.lang, "xl.change.count", &[("n", &count)]);
    if lines.len() > max {
        note.push('\n');
        note += &crate::i18n::format(
            ctx.lang,
            "xl.change.too_many",
            &[("shown", &max.to_string()), ("n", &lines.len().to_string())],
        );
    }
    let mut out = vec![head(before, note)];
    out.extend(lines.into_iter().take(max));
    out
}

#[cfg(test)]
mod tests {
    use crate::catalogue::Catalogue;
    use crate::excel::export::{tables, ExportOptions};
    use crate::excel::sheet::Cell;
    use crate::graph::fixtures::Drawing;
    use crate::model::{IsoDate, Lang, Project};
    use crate::revision::{record, RevisionInput};
    use crate::risk::analyse;

    fn text(c: &Cell) -> String {
        match c {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The 変更点 rows as text: (row id, cells).
    fn changes(p: &Project, lang: Lang) -> Vec<(String, Vec<String>)> {
        let a = analyse(p, Catalogue::builtin());
        let options = ExportOptions {
            lang,
            date: IsoDate::parse("2026-12-01").unwrap(),
        };
        let name = crate::i18n::text(lang, "xl.sheet.changes");
        tables(p, &a, &options)
            .into_iter()
            .find(|t| t.name == name)
            .expect("a 変更点 sheet")
            .rows
            .iter()
            .map(|(id, cells)| (id.clone(), cells.iter().map(text).collect()))
            .collect()
    }

    fn version(p: &mut Project, v: &str) {
        let a = analyse(p, Catalogue::builtin());
        let input = RevisionInput {
            version: v.into(),
            date: IsoDate::parse("2026-12-01").unwrap(),
            summary: String::new(),
            author: "佐藤".into(),
        };
        record(p, &a, input).unwrap();
    }

    /// Worked by hand on the smallest factory (internet → ctl, one PLC of importance 3, T01):
    /// after version 1.0 the PLC is renamed and an implemented firewall (C-NW-01 against T01
    /// in ctl) is added. The sheet lists exactly: the versions compared, the rename (one field
    /// of one asset, old and new name), the added measure, and the PLC's T01 row, whose
    /// inherent risk stays (measures never change it) while planned and residual fall because
    /// M-001 now counts. Recording 1.1 keeps the same list (1.1 is compared with 1.0); with
    /// no earlier version the sheet says it is the first edition.
    #[test]
    fn the_changes_sheet_lists_exactly_what_changed_since_the_agreed_version() {
        let (d, z, _) = Drawing::exposed_plc();
        let mut p = d.project;
        let first = changes(&p, Lang::Ja);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].0, "change:base");
        assert!(first[0].1[6].contains("初版"), "{first:?}");

        version(&mut p, "1.0");
        let base = p.revisions[0].baseline.clone();
        assert_eq!(changes(&p, Lang::Ja).len(), 1, "1.0 is the first edition");

        p.assets[0].name = "充填機PLC".into();
        p.countermeasures.push(Drawing::implemented_firewall(z));
        let rows = changes(&p, Lang::Ja);
        assert_eq!(rows.len(), 4, "{rows:#?}");
        assert_eq!(rows[0].1[4], format!("1.0 2026-12-01 ({base})"));
        assert!(rows[0].1[5].contains("作業版"), "{:?}", rows[0]);
        assert_eq!(
            rows[0].1[6],
            "前の版からの変更 3 件。この版では、これらの行について合意をお願いします。"
        );
        let asset = p.assets[0].id;
        assert_eq!(rows[1].0, format!("change:assets:{asset}:name"));
        assert_eq!(
            rows[1].1[..6],
            ["保護対象", "変更", "充填機PLC", "名称", "PLC", "充填機PLC"]
        );
        assert_eq!(rows[2].1[..3], ["対策", "追加", "M-001 C-NW-01"]);
        // An added measure says what it is: its status and party in words, not model keys.
        assert_eq!(rows[2].1[5], "状態: 実装済; 責任: SIer", "{:?}", rows[2]);
        assert_eq!(rows[3].0, format!("change:risk:T01@{asset}"));
        assert_eq!(rows[3].1[1], "リスク変動");
        // Named as the register numbers it: the asset's readable number and the threat.
        assert!(
            rows[3].1[2].starts_with("A-001/T01 充填機PLC — T01 "),
            "{:?}",
            rows[3]
        );
        let states = |s: &str| s.split(" → ").map(str::to_owned).collect::<Vec<_>>();
        let (before, after) = (states(&rows[3].1[4]), states(&rows[3].1[5]));
        assert_eq!(before.len(), 3);
        assert!(
            before.iter().all(|v| *v == before[0]),
            "no measure before: {before:?}"
        );
        assert_eq!(after[0], before[0], "inherent does not move");
        assert_ne!(after[2], before[2], "residual falls with the firewall");
        assert_eq!(
            after[1], after[2],
            "implemented counts for planned and residual"
        );
        assert_eq!(rows[3].1[6], "計画状態で数える対策: — → M-001");

        // Past the sheet's limit the first lines are listed and the head says how many there
        // are: the same three changes with room for two.
        let a = analyse(&p, Catalogue::builtin());
        let date = IsoDate::parse("2026-12-01").unwrap();
        let ctx = super::super::Ctx::new(&p, &a, Lang::En, &date);
        let capped = super::change_lines(&ctx, 2);
        assert_eq!(capped.len(), 3, "{capped:#?}");
        assert_eq!(capped[1].id, rows[1].0);
        assert_eq!(
            capped[0].reason,
            "3 changes since the earlier version. Please agree to these rows for this edition.\n\
             Only the first 2 of 3 changes are listed; otzone diff lists them all."
        );

        // The head counts the rows listed, one per changed field: renaming the PLC and
        // changing its vendor is two rows (and two changes), not one changed item.
        let mut two_fields = p.clone();
        two_fields.assets[0].vendor = "Omron".into();
        assert_ne!(p.assets[0].vendor, "Omron");
        let rows = changes(&two_fields, Lang::Ja);
        assert_eq!(rows.len(), 5, "{rows:#?}");
        assert!(
            rows[0].1[6].starts_with("前の版からの変更 4 件。"),
            "{:?}",
            rows[0]
        );

        version(&mut p, "1.1");
        let again = changes(&p, Lang::En);
        assert_eq!(again.len(), 4, "1.1 is compared with 1.0");
        assert!(again[0].1[5].starts_with("1.1 ("), "{:?}", again[0]);
        assert_eq!(again[1].1[3..6], ["Name", "PLC", "充填機PLC"]);
    }
}
