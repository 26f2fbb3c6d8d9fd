//! How a table sheet prints: on paper where every text keeps its size (100 %, so the 9 pt body
//! stays 9 pt and nothing falls under 8 pt), A4 landscape when the columns fit, A3 landscape
//! when they do not, and when they do not fit A3 either, several A3 pages across with the key
//! columns (the row's name) repeated on each and page breaks between whole columns.
//!
//! Widths are Excel's character units. A column stored `w` units wide (Excel adds 5 pixels of
//! padding, 0.71 unit, to the width it is given) prints 5.55 points per stored unit in
//! LibreOffice with Calibri's metrics (Carlito), measured on its PDF renders; Excel prints it
//! a little narrower (5.43 points), so a plan that fits LibreOffice fits Excel.

/// A paper size, always landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// A4 landscape.
    A4,
    /// A3 landscape.
    A3,
}

impl Paper {
    /// Excel's paper-size code.
    pub fn code(self) -> u8 {
        match self {
            Paper::A4 => 9,
            Paper::A3 => 8,
        }
    }

    /// Printable width in points: the landscape page less the left and right margins (0.4
    /// inch each, as [`super::sheet::page_setup`] sets), less 1 % for rounding in the
    /// spreadsheet programs.
    pub fn printable_pt(self) -> f64 {
        let page_in: f64 = match self {
            Paper::A4 => 297.0 / 25.4,
            Paper::A3 => 420.0 / 25.4,
        };
        ((page_in - 0.8) * 72.0 * 0.99).floor()
    }
}

/// Printed width in points of a column given `w` character units.
pub fn column_pt(w: f64) -> f64 {
    (w + 5.0 / 7.0) * 5.55
}

/// The print layout of one table sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintPlan {
    /// Paper.
    pub paper: Paper,
    /// Sheet columns (0-based) that start a new page across, after the first page.
    pub breaks: Vec<u32>,
    /// Columns repeated at the left of every page across, `(first, last)`; `None` when the
    /// table prints one page across.
    pub repeat: Option<(u16, u16)>,
}

/// Plan the print of columns `widths` (character units; `None` for a hidden column), with
/// columns `0..=keys` repeated on every page across when more than one is needed.
pub fn plan(widths: &[Option<f64>], keys: u16) -> PrintPlan {
    let px = |c: usize| widths[c].map_or(0.0, column_pt);
    let total: f64 = (0..widths.len()).map(px).sum();
    for paper in [Paper::A4, Paper::A3] {
        if total <= paper.printable_pt() {
            return PrintPlan {
                paper,
                breaks: Vec::new(),
                repeat: None,
            };
        }
    }
    let budget = Paper::A3.printable_pt();
    let keys = usize::from(keys).min(widths.len().saturating_sub(1));
    let key_px: f64 = (0..=keys).map(px).sum();
    let mut breaks = Vec::new();
    let mut used = key_px;
    for c in keys + 1..widths.len() {
        let w = px(c);
        if used + w > budget && used > key_px {
            breaks.push(c as u32);
            used = key_px;
        }
        used += w;
    }
    PrintPlan {
        paper: Paper::A3,
        breaks,
        repeat: Some((0, keys as u16)),
    }
}

/// How much wider than A3 a table may be and still be narrowed to one page across.
pub const NARROW_UP_TO: f64 = 1.2;

/// Columns at least this wide (character units) are the ones narrowed: wrapped text.
pub const NARROWABLE: f64 = 14.0;

/// Narrow the wide text columns of a table slightly wider than one A3 page (up to
/// [`NARROW_UP_TO`] times) so that it prints one page across: every column of
/// [`NARROWABLE`] units or more loses the same share of its width (to half a unit, never under
/// [`NARROWABLE`] less 2), and their text wraps onto more lines. `others_pt` is the printed
/// width (points) of the columns not in `widths` (the customer's). Tables that fit, or that are much
/// wider, are left as they are.
pub fn narrow_to_fit(widths: &mut [f64], others_pt: f64) {
    let budget = Paper::A3.printable_pt();
    let total = |widths: &[f64]| widths.iter().map(|w| column_pt(*w)).sum::<f64>() + others_pt;
    let start = total(widths);
    if start <= budget || start > budget * NARROW_UP_TO {
        return;
    }
    let floor = NARROWABLE - 2.0;
    let original: Vec<f64> = widths.to_vec();
    // Columns that reach the floor stop giving; the rest give a little more on the next pass.
    for _ in 0..4 {
        let now = total(widths);
        if now <= budget {
            return;
        }
        let give: f64 = original
            .iter()
            .zip(widths.iter())
            .filter(|(o, w)| **o >= NARROWABLE && **w > floor)
            .map(|(_, w)| column_pt(*w))
            .sum();
        if give <= 0.0 {
            break;
        }
        let keep = 1.0 - (now - budget) / give;
        for (o, w) in original.iter().zip(widths.iter_mut()) {
            if *o >= NARROWABLE && *w > floor {
                *w = ((*w * keep * 2.0).floor() / 2.0).max(floor);
            }
        }
    }
    if total(widths) > budget {
        // Cannot fit without going under the floor: print pages across instead.
        widths.copy_from_slice(&original);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A4 landscape is 297 mm: 11.69 in less 0.8 in of margins is 10.89 in, 784 pt, 776 pt
    /// with the 1 % allowance; A3's 420 mm gives 1133 pt, 1121 pt. A column of 10 units is
    /// stored 10.71 units wide and prints 59.5 pt.
    #[test]
    fn printable_widths_are_the_landscape_pages_less_margins_and_allowance() {
        assert_eq!(Paper::A4.printable_pt(), 776.0);
        assert_eq!(Paper::A3.printable_pt(), 1121.0);
        assert!((column_pt(10.0) - 59.46).abs() < 0.01);
    }

    #[test]
    fn a_table_takes_the_smallest_paper_it_fits_at_full_size() {
        // 10 columns of 13 units = 10 × 76.1 pt = 761 pt: A4.
        let narrow = vec![Some(13.0); 10];
        assert_eq!(plan(&narrow, 1).paper, Paper::A4);
        // 14 such columns = 1065 pt: A3, one page across.
        let wide = vec![Some(13.0); 14];
        let p = plan(&wide, 1);
        assert_eq!((p.paper, p.breaks.len(), p.repeat), (Paper::A3, 0, None));
        // A hidden column does not print.
        let mut hidden = vec![Some(13.0); 11];
        hidden[0] = None;
        assert_eq!(plan(&hidden, 1).paper, Paper::A4);
    }

    /// 30 columns of 76.1 pt = 2283 pt. With columns 0–1 (152 pt) repeated, each A3 page
    /// holds them and floor((1121 − 152) / 76.1) = 12 more: page 1 is 0–13, page 2 starts at
    /// column 14, page 3 at 26.
    #[test]
    fn a_table_wider_than_a3_breaks_between_columns_and_repeats_its_keys() {
        let widths = vec![Some(13.0); 30];
        let p = plan(&widths, 1);
        assert_eq!(p.paper, Paper::A3);
        assert_eq!(p.breaks, vec![14, 26]);
        assert_eq!(p.repeat, Some((0, 1)));
    }

    /// 11 columns of 20 units = 11 × 114.96 pt = 1265 pt, 144 pt over A3's 1121 (and within
    /// 1.2 times it): the wide columns (all of them) keep 1 − 144/1265 = 88.6 % of their
    /// width, 17.5 units after rounding down to half units: 11 × 101.1 = 1112 pt, one page.
    #[test]
    fn a_table_a_little_wider_than_a3_is_narrowed_to_one_page() {
        let mut widths = vec![20.0; 11];
        narrow_to_fit(&mut widths, 0.0);
        assert_eq!(widths, vec![17.5; 11]);
        let pt: f64 = widths.iter().map(|w| column_pt(*w)).sum();
        assert!(pt <= Paper::A3.printable_pt());
        // Much wider: left for pages across.
        let mut wide = vec![20.0; 20];
        narrow_to_fit(&mut wide, 0.0);
        assert_eq!(wide, vec![20.0; 20]);
        // Narrow columns are never touched.
        let mut mixed = vec![6.0, 6.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0];
        narrow_to_fit(&mut mixed, 200.0);
        assert_eq!(&mixed[..2], &[6.0, 6.0]);
        assert!(mixed[2] < 30.0);
    }
}
