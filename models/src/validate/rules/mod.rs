//! The validation rules, one per file. Each names the guideline step it serves.

mod asset_outside_zone;
mod asset_without_business;
mod business_without_importance;
mod checklist_unanswered;
mod conduit_into_higher_sl;
mod conduit_without_protocol;
mod criterion_not_scored;
mod duplicate_name;
mod generic_without_support_end;
mod high_residual_without_measure;
mod measure_without_responsibility;
mod one_way_without_direction;
mod override_without_reason;
mod reduction_without_measure;
mod residual_treatment_undecided;
mod safety_asset_outside_safety_zone;
mod sl_achieved_below_target;
mod subcontractor_unchecked;
mod subcontractor_without_agreement;
mod supplier_without_security_agreement;
mod support_ended;
mod threat_decision_without_effect;
mod threat_without_impact;
mod unknown_asset_type;
mod unnamed_item;
mod zone_without_policy;
mod zone_without_threat_review;

use super::Rule;

/// Every rule, in the order findings are reported (guideline step order).
pub const ALL: &[Rule] = &[
    unnamed_item::RULE,
    duplicate_name::RULE,
    business_without_importance::RULE,
    criterion_not_scored::RULE,
    asset_without_business::RULE,
    unknown_asset_type::RULE,
    override_without_reason::RULE,
    asset_outside_zone::RULE,
    conduit_without_protocol::RULE,
    conduit_into_higher_sl::RULE,
    one_way_without_direction::RULE,
    safety_asset_outside_safety_zone::RULE,
    zone_without_threat_review::RULE,
    threat_without_impact::RULE,
    threat_decision_without_effect::RULE,
    zone_without_policy::RULE,
    sl_achieved_below_target::RULE,
    measure_without_responsibility::RULE,
    high_residual_without_measure::RULE,
    residual_treatment_undecided::RULE,
    reduction_without_measure::RULE,
    checklist_unanswered::RULE,
    subcontractor_without_agreement::RULE,
    subcontractor_unchecked::RULE,
    supplier_without_security_agreement::RULE,
    generic_without_support_end::RULE,
    support_ended::RULE,
];
