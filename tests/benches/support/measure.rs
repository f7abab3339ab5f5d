//! The timing loop the benchmarks share.

use std::hint::black_box;
use std::time::Instant;

/// Median nanoseconds per call of `f`, over `SAMPLES` samples of `calls` calls.
pub fn measure(name: &str, calls: u32, mut f: impl FnMut() -> bool) {
    const SAMPLES: usize = 11;
    assert!(f(), "{name}: the benchmarked call must give the expected result");
    let mut per_call: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                black_box(f());
            }
            start.elapsed().as_nanos() as f64 / f64::from(calls)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    println!("{name:<48} {:>10.1} ns/call", per_call[SAMPLES / 2]);
}
