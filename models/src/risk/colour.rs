//! The one colour scale for risk values (`models/catalogue/risk-colours.json`, shared with the
//! app): a risk is coloured by its value — A, B, C, D, E for the IPA methods — never by a sum
//! of inputs. Methods with another number of values spread them over the same five steps.

use serde::Deserialize;
use std::sync::OnceLock;

/// One step of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Fill colour, 0xRRGGBB.
    pub fill: u32,
    /// Text colour on it, 0xRRGGBB.
    pub text: u32,
}

#[derive(Deserialize)]
struct File {
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
struct RawStep {
    fill: String,
    text: String,
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s.trim_start_matches('#'), 16).unwrap_or(0)
}

/// The five steps, highest risk first.
pub fn steps() -> &'static [Step] {
    static STEPS: OnceLock<Vec<Step>> = OnceLock::new();
    STEPS.get_or_init(|| {
        let f: File = serde_json::from_str(include_str!("../../catalogue/risk-colours.json"))
            .expect("the built-in colour scale parses (colour tests)");
        f.steps
            .iter()
            .map(|s| Step {
                fill: hex(&s.fill),
                text: hex(&s.text),
            })
            .collect()
    })
}

/// The step for the value of `rank` (0 = highest) among `values` values.
pub fn step_index(rank: usize, values: usize) -> usize {
    let n = steps().len();
    if values <= 1 {
        return 0;
    }
    let scaled = (rank.min(values - 1) as f64 / (values - 1) as f64 * (n - 1) as f64).round();
    (scaled as usize).min(n - 1)
}

/// The colour of the value of `rank` among `values` values.
pub fn of_rank(rank: usize, values: usize) -> Step {
    steps()[step_index(rank, values)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_steps_and_a_to_e_map_one_to_one() {
        assert_eq!(steps().len(), 5);
        assert_eq!(of_rank(0, 5).fill, 0xC00000, "A is dark red");
        assert_eq!(of_rank(1, 5).fill, 0xED7D31, "B is orange");
        assert_eq!(
            (0..5).map(|r| step_index(r, 5)).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
        // A three-value method uses the ends and the middle.
        assert_eq!(
            (0..3).map(|r| step_index(r, 3)).collect::<Vec<_>>(),
            [0, 2, 4]
        );
    }
}
