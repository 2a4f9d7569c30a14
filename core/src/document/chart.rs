//! Charts drawn in a document as vector lines (a report's bars and trend
//! lines): no image, so they print sharp and their labels are text a reader
//! can copy. Bars are grouped per label, one colour per series; a line
//! chart joins each series' points and marks them.

use genpdfi::style::{Color, LineStyle, Style};
use genpdfi::{Context, Element, Mm, Position, RenderResult, Size};

/// Series colours: blue, amber, red, green.
const COLOURS: [(u8, u8, u8); 4] = [(31, 78, 121), (200, 120, 0), (176, 0, 32), (46, 125, 50)];

/// A chart of `series` over `labels`, `height` tall, the full width.
pub(super) struct ChartBox {
    pub lines: bool,
    pub labels: Vec<String>,
    pub series: Vec<(String, Vec<f64>)>,
    pub height: Mm,
}

/// The axis' top: 1, 2, 4, 6 or 8 times a power of ten (so its half is a
/// round number too), at least `max` and at least 2.
fn nice(max: f64) -> f64 {
    if max <= 2.0 {
        return 2.0;
    }
    let p = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * p)
}

fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

impl Element for ChartBox {
    fn render(
        &mut self,
        context: &Context,
        area: genpdfi::render::Area<'_>,
        style: Style,
    ) -> std::result::Result<RenderResult, genpdfi::error::Error> {
        let fonts = &context.font_cache;
        let w = area.size().width;
        let h = self.height;
        if area.size().height < h {
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }
        let small = style.with_font_size(8);
        let text = |x: Mm, y: Mm, s: &str| area.print_str(fonts, Position::new(x, y), small, s);
        let (left, bottom, top) = (Mm::from(14), Mm::from(9), Mm::from(8));
        let plot_w = w - left - Mm::from(2);
        let plot_h = h - bottom - top;
        let max = nice(
            self.series
                .iter()
                .flat_map(|(_, v)| v.iter().copied())
                .fold(0.0, f64::max),
        );
        let y_of = |v: f64| top + plot_h * (1.0 - (v / max) as f32);
        let axis = LineStyle::new().with_thickness(0.2);
        let grid = LineStyle::new()
            .with_thickness(0.1)
            .with_color(Color::Rgb(200, 205, 210));
        // Grid lines and the value axis' labels at 0, half and the top.
        for v in [0.0, max / 2.0, max] {
            let y = y_of(v);
            area.draw_line(
                vec![Position::new(left, y), Position::new(left + plot_w, y)],
                if v == 0.0 { axis } else { grid },
            );
            let label = number(v);
            let lw = small.str_width(fonts, &label);
            text(left - lw - Mm::from(1.5), y - Mm::from(2), &label)?;
        }
        area.draw_line(
            vec![Position::new(left, top), Position::new(left, top + plot_h)],
            axis,
        );
        let n = self.labels.len().max(1);
        let slot = plot_w / n as f32;
        for (i, label) in self.labels.iter().enumerate() {
            let lw = small.str_width(fonts, label);
            let x = left + slot * (i as f32 + 0.5) - lw / 2.0;
            text(x, top + plot_h + Mm::from(1.5), label)?;
        }
        let k = self.series.len().max(1);
        for (s, (name, values)) in self.series.iter().enumerate() {
            let (r, g, b) = COLOURS[s % COLOURS.len()];
            let colour = Color::Rgb(r, g, b);
            if self.lines {
                let points: Vec<Position> = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Position::new(left + slot * (i as f32 + 0.5), y_of(*v)))
                    .collect();
                if points.len() > 1 {
                    area.draw_line(
                        points.clone(),
                        LineStyle::new().with_thickness(0.6).with_color(colour),
                    );
                }
                for p in points {
                    area.draw_line(
                        vec![
                            Position::new(p.x - Mm::from(0.8), p.y),
                            Position::new(p.x + Mm::from(0.8), p.y),
                        ],
                        LineStyle::new().with_thickness(1.6).with_color(colour),
                    );
                }
            } else {
                let bar = slot * 0.8 / k as f32;
                for (i, v) in values.iter().enumerate() {
                    if *v <= 0.0 {
                        continue;
                    }
                    let x = left + slot * i as f32 + slot * 0.1 + bar * (s as f32 + 0.5);
                    // A bar is one line as thick as the bar is wide.
                    area.draw_line(
                        vec![Position::new(x, y_of(0.0)), Position::new(x, y_of(*v))],
                        LineStyle::new().with_thickness(bar).with_color(colour),
                    );
                    let label = number(*v);
                    let lw = small.str_width(fonts, &label);
                    text(x - lw / 2.0, y_of(*v) - Mm::from(3.5), &label)?;
                }
            }
            // The legend above the plot.
            let lx = left + Mm::from(2) + Mm::from(40) * s as f32;
            area.draw_line(
                vec![
                    Position::new(lx, Mm::from(3)),
                    Position::new(lx + Mm::from(4), Mm::from(3)),
                ],
                LineStyle::new().with_thickness(2.5).with_color(colour),
            );
            text(lx + Mm::from(5.5), Mm::from(1), name)?;
        }
        Ok(RenderResult {
            size: Size::new(w, h),
            has_more: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number_and_numbers_read_indonesian() {
        assert_eq!(nice(0.0), 2.0);
        assert_eq!(nice(5.0), 6.0);
        assert_eq!(nice(7.0), 8.0);
        assert_eq!(nice(13.0), 20.0);
        assert_eq!(nice(41.0), 60.0);
        assert_eq!(nice(100.0), 100.0);
        assert_eq!(number(12.0), "12");
        assert_eq!(number(66.7), "66,7");
    }
}
