//! What the benchmarks share: percentiles and milliseconds as printed.

use std::time::Duration;

/// The 50th and 95th percentile of a run.
pub struct Figures {
    pub p50: Duration,
    pub p95: Duration,
}

/// The percentiles of `xs`.
pub fn figures(mut xs: Vec<Duration>) -> Figures {
    xs.sort();
    Figures {
        p50: xs[xs.len() / 2],
        p95: xs[xs.len() * 95 / 100],
    }
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}
