//! Charts drawn with plotters into PNG bytes (no files, no globals but the registered font):
//! the risk heat map, the risk-by-zone bars and the zone diagram for the Excel export.
//!
//! Japanese text needs a CJK font. Bitmap text uses plotters' pure-Rust `ab_glyph` renderer
//! with a font registered from bytes, found by [`crate::fonts`]: the user's choice
//! (`OTZONE_CJK_FONT`), the system's Japanese font on Windows, macOS or Linux, else the
//! IPAexGothic shipped inside the program — so the export never fails for want of a font and
//! never draws boxes (tofu).

use crate::model::{Endpoint, Lang, Project};
use crate::risk::rollup::{HeatMap, ZoneRollup};
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::OnceLock;

const FAMILY: &str = "otzone-cjk";

/// Register the Japanese font once, and say where it came from.
///
/// # Errors
/// None in practice (the shipped font is always there); kept for a font the renderer refuses.
pub fn ensure_font() -> Result<crate::fonts::FontSource, String> {
    static READY: OnceLock<Result<crate::fonts::FontSource, String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            let env = crate::fonts::FontEnv::current();
            let mut chosen: Option<&'static [u8]> = None;
            let source = crate::fonts::choose(&crate::fonts::candidates(&env), |path| {
                let Some(bytes) = crate::fonts::read_font_file(path) else {
                    return false;
                };
                if !crate::fonts::has_japanese(&bytes) {
                    return false;
                }
                // The font lives for the whole process, as plotters requires.
                chosen = Some(Box::leak(bytes.into_boxed_slice()));
                true
            });
            let bytes = chosen.unwrap_or(crate::fonts::SHIPPED);
            plotters::style::register_font(FAMILY, FontStyle::Normal, bytes)
                .map_err(|_| format!("the chart font from {source:?} could not be used"))?;
            Ok(source)
        })
        .clone()
}

fn png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = ::png::Encoder::new(&mut out, w, h);
    enc.set_color(::png::ColorType::Rgb);
    enc.set_depth(::png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

fn draw<F>(w: u32, h: u32, f: F) -> Result<Vec<u8>, String>
where
    F: FnOnce(&DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
{
    ensure_font()?;
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        f(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    png(&buf, w, h)
}

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// Colour of the risk value of `rank` (0 = highest) among `values` values, from the one shared
/// scale ([`crate::risk::colour`]).
fn rank_colour(rank: usize, values: usize) -> RGBColor {
    let c = crate::risk::colour::of_rank(rank, values).fill;
    RGBColor((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

/// Heat maps (importance × likelihood) for inherent and residual risk side by side.
///
/// # Errors
/// Font or encoding failures, as text.
pub fn heatmap(maps: &[HeatMap], values: usize, lang: Lang) -> Result<Vec<u8>, String> {
    let (w, h) = (1000u32, 430u32);
    let pick = |s: crate::risk::coverage::State| maps.iter().find(|m| m.state == s);
    let panels = [
        (
            crate::i18n::text(lang, "chart.inherent"),
            pick(crate::risk::coverage::State::Inherent),
        ),
        (
            crate::i18n::text(lang, "chart.residual"),
            pick(crate::risk::coverage::State::Residual),
        ),
    ];
    draw(w, h, |root| {
        let e = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.draw(&Text::new(
            crate::i18n::text(lang, "chart.heatmap_title"),
            (20, 12),
            font(22),
        ))
        .map_err(e)?;
        for (p, (title, map)) in panels.iter().enumerate() {
            let ox = 90 + p as i32 * 470;
            let oy = 80;
            let (cw, ch) = (72, 82);
            root.draw(&Text::new(*title, (ox, oy - 30), font(18)))
                .map_err(e)?;
            for (row, imp) in [3usize, 2, 1].iter().enumerate() {
                root.draw(&Text::new(
                    format!("{imp}"),
                    (ox - 22, oy + row as i32 * ch + 30),
                    font(16),
                ))
                .map_err(e)?;
                for l in 1..=5usize {
                    let x = ox + (l as i32 - 1) * cw;
                    let y = oy + row as i32 * ch;
                    // Coloured by the highest risk value among the cell's rows, on the same
                    // scale as every other chart and view (never by a sum of inputs).
                    let n = map.map_or(0, |m| m.grid[imp - 1][l - 1]);
                    let worst = map.and_then(|m| m.worst[imp - 1][l - 1]);
                    let colour = match worst {
                        Some(rank) if n > 0 => rank_colour(usize::from(rank), values),
                        _ => RGBColor(242, 242, 242),
                    };
                    root.draw(&Rectangle::new(
                        [(x, y), (x + cw - 3, y + ch - 3)],
                        colour.filled(),
                    ))
                    .map_err(e)?;
                    let label = n.to_string();
                    let tx = x + cw / 2 - 6 * label.len() as i32;
                    let ink = worst.filter(|_| n > 0).map_or(0, |rank| {
                        crate::risk::colour::of_rank(usize::from(rank), values).text
                    });
                    let ink = RGBColor((ink >> 16) as u8, (ink >> 8) as u8, ink as u8);
                    root.draw(&Text::new(
                        label,
                        (tx, y + ch / 2 - 12),
                        font(20).color(&ink),
                    ))
                    .map_err(e)?;
                }
            }
            for l in 1..=5 {
                root.draw(&Text::new(
                    format!("{l}"),
                    (ox + (l - 1) * cw + cw / 2 - 5, oy + 3 * ch + 6),
                    font(16),
                ))
                .map_err(e)?;
            }
            root.draw(&Text::new(
                crate::i18n::text(lang, "chart.likelihood_axis"),
                (ox, oy + 3 * ch + 30),
                font(15),
            ))
            .map_err(e)?;
            root.draw(&Text::new(
                crate::i18n::text(lang, "chart.importance_axis"),
                (ox - 80, oy - 4),
                font(15),
            ))
            .map_err(e)?;
        }
        Ok(())
    })
}

/// Stacked bars of residual risk per zone (the zones with most risks first, at most 15).
///
/// # Errors
/// Font or encoding failures, as text.
pub fn risk_by_zone(
    project: &Project,
    zones: &[ZoneRollup],
    values: &[String],
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let mut rows: Vec<&ZoneRollup> = zones.iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.counts.rows));
    rows.truncate(15);
    let (w, h) = (1000u32, 90 + 34 * rows.len().max(1) as u32 + 60);
    let max = rows.iter().map(|r| r.counts.rows).max().unwrap_or(1).max(1);
    draw(w, h, |root| {
        let e = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.draw(&Text::new(
            crate::i18n::text(lang, "chart.zones_title"),
            (20, 12),
            font(22),
        ))
        .map_err(e)?;
        let (left, top, bar_w) = (330, 60, 600);
        for (i, r) in rows.iter().enumerate() {
            let y = top + i as i32 * 34;
            let name = project
                .zones
                .iter()
                .find(|z| z.id == r.zone)
                .map_or_else(String::new, |z| z.name.clone());
            let name: String = name.chars().take(18).collect();
            root.draw(&Text::new(name, (20, y + 6), font(16)))
                .map_err(e)?;
            let mut x = left;
            for (rank, n) in r.counts.residual.iter().enumerate() {
                if *n == 0 {
                    continue;
                }
                let len = (*n as f64 / max as f64 * bar_w as f64).round().max(2.0) as i32;
                root.draw(&Rectangle::new(
                    [(x, y), (x + len, y + 26)],
                    rank_colour(rank, values.len()).filled(),
                ))
                .map_err(e)?;
                x += len;
            }
            root.draw(&Text::new(
                r.counts.rows.to_string(),
                (x + 8, y + 4),
                font(15),
            ))
            .map_err(e)?;
        }
        let ly = top + rows.len() as i32 * 34 + 16;
        for (rank, v) in values.iter().enumerate() {
            let x = left + rank as i32 * 110;
            root.draw(&Rectangle::new(
                [(x, ly), (x + 22, ly + 18)],
                rank_colour(rank, values.len()).filled(),
            ))
            .map_err(e)?;
            root.draw(&Text::new(v.clone(), (x + 28, ly), font(15)))
                .map_err(e)?;
        }
        Ok(())
    })
}

/// The zone diagram: zones as boxes at their saved positions (a grid where none is saved),
/// entry points above, conduits as lines — red where no blocking boundary control exists.
///
/// # Errors
/// Font or encoding failures, as text.
pub fn zone_diagram(project: &Project, lang: Lang) -> Result<Vec<u8>, String> {
    let (bw, bh) = (230.0, 70.0);
    let mut boxes: Vec<(Endpoint, f64, f64, String, bool)> = Vec::new();
    let cols = ((project.zones.len() as f64).sqrt().ceil() as usize).max(1);
    for (i, z) in project.zones.iter().enumerate() {
        let (x, y) = z.position.map_or(
            ((i % cols) as f64 * 280.0, 160.0 + (i / cols) as f64 * 130.0),
            |p| (p.x, p.y),
        );
        let members = project
            .assets
            .iter()
            .filter(|a| a.zone == Some(z.id))
            .count();
        boxes.push((
            Endpoint::Zone(z.id),
            x,
            y,
            format!("{} ({members}) SL-T {}", z.name, z.sl_t.describe()),
            false,
        ));
    }
    for (i, en) in project.entry_points.iter().enumerate() {
        let (x, y) = en.position.map_or((i as f64 * 280.0, 0.0), |p| (p.x, p.y));
        boxes.push((Endpoint::Entry(en.id), x, y, en.name.clone(), true));
    }
    let min_x = boxes.iter().map(|b| b.1).fold(f64::MAX, f64::min).min(0.0);
    let min_y = boxes.iter().map(|b| b.2).fold(f64::MAX, f64::min).min(0.0);
    let max_x = boxes.iter().map(|b| b.1).fold(0.0, f64::max) - min_x + bw + 40.0;
    let max_y = boxes.iter().map(|b| b.2).fold(0.0, f64::max) - min_y + bh + 80.0;
    let scale = (1600.0 / max_x).min(1.0);
    let (w, h) = (
        (max_x * scale).ceil().max(400.0) as u32,
        (max_y * scale).ceil().max(300.0) as u32,
    );
    let pos = |x: f64, y: f64| {
        (
            ((x - min_x + 20.0) * scale) as i32,
            ((y - min_y + 50.0) * scale) as i32,
        )
    };
    let centre = |e: Endpoint| {
        boxes.iter().find(|b| b.0 == e).map(|b| {
            let (x, y) = pos(b.1, b.2);
            (x + (bw * scale / 2.0) as i32, y + (bh * scale / 2.0) as i32)
        })
    };
    draw(w, h, |root| {
        let e = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.draw(&Text::new(
            crate::i18n::text(lang, "chart.diagram_title"),
            (10, 8),
            font(20),
        ))
        .map_err(e)?;
        for c in &project.conduits {
            if let (Some(a), Some(b)) = (centre(c.from), centre(c.to)) {
                let colour = if c.has_blocking_boundary() {
                    RGBColor(60, 60, 60)
                } else {
                    RGBColor(200, 30, 30)
                };
                root.draw(&PathElement::new(vec![a, b], colour.stroke_width(2)))
                    .map_err(e)?;
            }
        }
        let fs = ((14.0 * scale).round() as u32).max(9);
        for (_, x, y, label, entry) in &boxes {
            let (px, py) = pos(*x, *y);
            let (qw, qh) = ((bw * scale) as i32, (bh * scale) as i32);
            let fill = if *entry {
                RGBColor(255, 235, 205)
            } else {
                RGBColor(221, 235, 247)
            };
            root.draw(&Rectangle::new(
                [(px, py), (px + qw, py + qh)],
                fill.filled(),
            ))
            .map_err(e)?;
            root.draw(&Rectangle::new(
                [(px, py), (px + qw, py + qh)],
                BLACK.stroke_width(1),
            ))
            .map_err(e)?;
            let text: String = label.chars().take(26).collect();
            root.draw(&Text::new(
                text,
                (px + 6, py + qh / 2 - fs as i32 / 2),
                font(fs),
            ))
            .map_err(e)?;
        }
        Ok(())
    })
}
