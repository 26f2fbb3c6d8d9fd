//! 自己適合宣言（レベル1）: the SI security certification's ②構築 items, each with its
//! requirement at Level 1 (self-declaration) and at Level 2 (certification audit) in the seed's
//! own words (seeds 000/001, 「SIセキュリティ認定制度詳細要件（案）構築」), the sheets of this
//! workbook that evidence it at each level, where the model stands on it now, and the
//! declarant's name and date for the SIer to fill in.
//!
//! Which sheets evidence which level is this tool's proposal (the draft leaves the audit
//! documents "今後詳細検討"); the requirement texts are quoted from the seed.

use super::columns::{editable, tabulate, Column};
use super::Ctx;
use crate::excel::sheet::{Cell, Table};
use crate::model::{SupplierKind, Treatment};

/// One ②構築 item: its key, and the i18n keys of the sheets evidencing Level 1 and Level 2.
struct Item {
    key: &'static str,
    level1: &'static [&'static str],
    level2: &'static [&'static str],
}

const ITEMS: &[Item] = &[
    Item {
        key: "risk",
        // L1 製品のセキュリティリスクの説明 / L2 情報セキュリティリスクアセスメント実施
        level1: &[
            "xl.sheet.product_risks",
            "xl.sheet.summary",
            "xl.sheet.cover",
        ],
        level2: &[
            "xl.sheet.requirements",
            "xl.sheet.businesses",
            "xl.sheet.assets",
            "xl.sheet.zones",
            "xl.sheet.conduits",
            "xl.sheet.threats",
            "xl.sheet.risks",
            "xl.sheet.measures",
            "xl.sheet.responsibility",
            "xl.sheet.cover",
            "xl.sheet.changes",
        ],
    },
    Item {
        key: "inspection",
        // L1 設定のチェックリスト / L2 標準に従った脆弱性検査の実施
        level1: &["xl.sheet.inspection"],
        level2: &["xl.sheet.vulnerabilities"],
    },
    Item {
        key: "config",
        // L1 顧客ネットワークへの影響度の確認 / L2 納入システムの構成管理表を提供する
        level1: &["xl.sheet.network"],
        level2: &[
            "xl.sheet.assets",
            "xl.sheet.conduits",
            "xl.sheet.diagram",
            "xl.sheet.revisions",
            "xl.sheet.changes",
        ],
    },
    Item {
        key: "supply",
        // L1 仕入れ先との情報セキュリティ合意 / L2 外部委託に対するセキュリティ管理体制
        level1: &["xl.sheet.suppliers", "xl.sheet.checklists"],
        level2: &["xl.sheet.subcontractors", "xl.sheet.checklists"],
    },
];

/// Where the model stands on an item: what is recorded and what is still open.
fn status(ctx: &Ctx<'_>, key: &str) -> String {
    let (text_key, counts) = match key {
        "risk" => ("xl.level1.status_risk", risk_counts(ctx)),
        "inspection" => ("xl.level1.status_inspection", inspection_counts(ctx)),
        "config" => ("xl.level1.status_config", config_counts(ctx)),
        _ => ("xl.level1.status_supply", supply_counts(ctx)),
    };
    let args: Vec<(&str, String)> = counts.iter().map(|(k, v)| (*k, v.to_string())).collect();
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    crate::i18n::format(ctx.lang, text_key, &refs)
}

/// セキュリティリスク評価: register rows, those above the tolerable level, accepted, undecided.
fn risk_counts(ctx: &Ctx<'_>) -> Vec<(&'static str, usize)> {
    let risks = &ctx.analysis.risks;
    let above = || risks.iter().filter(|r| !r.tolerable);
    let treatment = |r: &&std::sync::Arc<crate::risk::register::RiskRow>| {
        r.decision.as_ref().and_then(|d| d.treatment)
    };
    vec![
        ("rows", risks.len()),
        ("above", above().count()),
        (
            "accepted",
            above()
                .filter(|r| treatment(r) == Some(Treatment::Accept))
                .count(),
        ),
        ("open", above().filter(|r| treatment(r).is_none()).count()),
    ]
}

/// 完成検査: checks with a result, vulnerability findings, those still open.
fn inspection_counts(ctx: &Ctx<'_>) -> Vec<(&'static str, usize)> {
    let p = ctx.project;
    let done = p
        .inspection_results
        .iter()
        .filter(|r| r.outcome.is_some())
        .count();
    let open = p
        .vulnerabilities
        .iter()
        .filter(|v| matches!(v.status, crate::model::FindingStatus::Open))
        .count();
    vec![
        ("done", done),
        ("findings", p.vulnerabilities.len()),
        ("open", open),
    ]
}

/// 構成管理: assets, conduits the delivery introduces, recorded versions.
fn config_counts(ctx: &Ctx<'_>) -> Vec<(&'static str, usize)> {
    let p = ctx.project;
    let new = p
        .conduits
        .iter()
        .filter(|c| c.introduced_by_delivery)
        .count();
    vec![
        ("assets", p.assets.len()),
        ("new", new),
        ("revisions", p.revisions.len()),
    ]
}

/// サプライチェーン管理: suppliers, those still without agreed terms or a confirmed policy by
/// who holds the contract, and the SIer's subcontractors still missing something.
fn supply_counts(ctx: &Ctx<'_>) -> Vec<(&'static str, usize)> {
    use crate::model::{ContractHolder, SecurityGap};
    let p = ctx.project;
    let suppliers: Vec<_> = p
        .suppliers
        .iter()
        .filter(|s| s.kind != SupplierKind::Subcontractor)
        .collect();
    let held = |h: ContractHolder| {
        suppliers
            .iter()
            .filter(|s| s.contract_holder == Some(h))
            .filter(|s| s.lacks(&[SecurityGap::NoTerms, SecurityGap::NoPolicy]))
            .count()
    };
    let subs: Vec<_> = p
        .suppliers
        .iter()
        .filter(|s| s.kind == SupplierKind::Subcontractor)
        .collect();
    let subs_open = subs
        .iter()
        .filter(|s| {
            s.lacks(&[
                SecurityGap::NoTerms,
                SecurityGap::NoPolicy,
                SecurityGap::NoManagementSystem,
            ])
        })
        .count();
    let unknown = suppliers
        .iter()
        .filter(|s| s.contract_holder.is_none())
        .count();
    vec![
        ("suppliers", suppliers.len()),
        ("sier_open", held(ContractHolder::Sier)),
        ("customer_open", held(ContractHolder::Customer)),
        ("unknown", unknown),
        ("subs", subs.len()),
        ("subs_open", subs_open),
    ]
}

/// The Level 1 self-declaration checklist.
pub(super) fn level1(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Item>;
    let sheets = |keys: &[&str]| keys.iter().map(|k| ctx.t(k)).collect::<Vec<_>>().join("、");
    let k = |it: &Item, part: &str| ctx.t(&format!("xl.level1.{}.{part}", it.key));
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.level1.col.item", 14.0, |it| {
            ctx.t(&format!("xl.item.{}", it.key)).into()
        }),
        C::new(ctx, "xl.level1.col.aim", 20.0, |it| k(it, "aim").into()),
        C::new(ctx, "xl.level1.col.level1", 22.0, |it| {
            k(it, "level1").into()
        }),
        C::new(ctx, "xl.level1.col.level1_sheets", 22.0, |it| {
            sheets(it.level1).into()
        }),
        C::new(ctx, "xl.level1.col.level2", 22.0, |it| {
            k(it, "level2").into()
        }),
        C::new(ctx, "xl.level1.col.level2_sheets", 26.0, |it| {
            sheets(it.level2).into()
        }),
        C::new(ctx, "xl.level1.col.status", 30.0, |it| {
            status(ctx, it.key).into()
        }),
        // The SIer declares: conformity (適合 / 一部 / 未), who, and when.
        C::new(ctx, "xl.level1.col.declared", 10.0, |_| Cell::Empty).editable(Some(vec![
            ctx.t("xl.level1.conforms"),
            ctx.t("xl.level1.partly"),
            ctx.t("xl.level1.not_yet"),
        ])),
        C::new(ctx, "xl.level1.col.declarant", 14.0, |_| Cell::Empty).editable(None),
        C::new(ctx, "xl.level1.col.date", 11.0, |_| Cell::Empty).editable(None),
    ];
    let editable = editable(&columns);
    let (cols, rows) = tabulate(
        columns,
        ITEMS.iter().map(|it| (format!("level1:{}", it.key), it)),
    );
    Table {
        name: ctx.t("xl.sheet.level1"),
        cols,
        rows,
        customer: false,
        editable,
    }
}
