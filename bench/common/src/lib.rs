//! What the client benchmarks share: their arguments, the measuring loops and the report line.
//!
//! Each client binary takes `MODE N WARMUP CONCURRENCY [URL]` and prints one tab-separated line:
//! `client mode n concurrency rps p50_us p99_us cpu_us_per_req user_us_per_req sys_us_per_req`.
//! CPU time is the whole client process's (getrusage), taken over the N counted calls only.

use nix::sys::resource::{getrusage, UsageWho};
use std::future::Future;
use std::time::{Duration, Instant};

/// What a benchmark run does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One call after another, over one keep-alive connection.
    Sequential,
    /// `concurrency` callers at once, each one call after another.
    Concurrent,
    /// One call after another against a canned response: no network, so what is measured is
    /// building, serializing and signing the request and parsing the answer.
    Offline,
}

/// The command line of a client binary.
#[derive(Clone, Debug)]
pub struct Args {
    /// What to run.
    pub mode: Mode,
    /// Counted calls.
    pub n: usize,
    /// Calls before counting (connection set up, caches warm).
    pub warmup: usize,
    /// Callers at once (concurrent mode).
    pub concurrency: usize,
    /// The server's URL (not used offline).
    pub url: String,
}

impl Args {
    /// Reads `MODE N WARMUP CONCURRENCY [URL]` from the process arguments.
    pub fn parse() -> Result<Self, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let usage = "usage: MODE(seq|conc|offline) N WARMUP CONCURRENCY [URL]";
        let number = |i: usize, name: &str| -> Result<usize, String> {
            let text = args.get(i).ok_or_else(|| format!("{name} missing; {usage}"))?;
            text.parse().map_err(|_| format!("{name} must be a whole number, got `{text}`"))
        };
        let mode = match args.first().map(String::as_str) {
            Some("seq") => Mode::Sequential,
            Some("conc") => Mode::Concurrent,
            Some("offline") => Mode::Offline,
            other => return Err(format!("unknown mode {other:?}; {usage}")),
        };
        let n = number(1, "N")?;
        let warmup = number(2, "WARMUP")?;
        let concurrency = number(3, "CONCURRENCY")?.max(1);
        let url = args.get(4).cloned().unwrap_or_default();
        if mode != Mode::Offline && url.is_empty() {
            return Err(format!("URL missing; {usage}"));
        }
        if n == 0 {
            return Err("N must be at least 1".to_owned());
        }
        Ok(Self { mode, n, warmup, concurrency, url })
    }

    /// The mode's name in the report.
    pub fn mode_name(&self) -> &'static str {
        match self.mode {
            Mode::Sequential => "seq",
            Mode::Concurrent => "conc",
            Mode::Offline => "offline",
        }
    }
}

/// The process's user and system CPU time so far.
fn cpu() -> Result<(Duration, Duration), String> {
    let usage = getrusage(UsageWho::RUSAGE_SELF).map_err(|e| format!("getrusage: {e}"))?;
    let micros =
        |t: nix::sys::time::TimeVal| Duration::from_micros((t.tv_sec() as u64) * 1_000_000 + t.tv_usec() as u64);
    Ok((micros(usage.user_time()), micros(usage.system_time())))
}

/// Runs `call` `warmup` times, then `n` times one after another, timing each.
pub async fn sequential<F, Fut>(args: &Args, mut call: F) -> Result<String, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    for _ in 0..args.warmup {
        call().await?;
    }
    let (user0, sys0) = cpu()?;
    let start = Instant::now();
    let mut latencies = Vec::with_capacity(args.n);
    for _ in 0..args.n {
        let t = Instant::now();
        call().await?;
        latencies.push(t.elapsed());
    }
    let wall = start.elapsed();
    let (user1, sys1) = cpu()?;
    Ok(report(args, 1, latencies, wall, user1 - user0, sys1 - sys0))
}

/// Runs `concurrency` callers at once on the current (one-thread) runtime, after a warm-up
/// of `warmup` calls per caller (which opens the connections); `n` calls counted in all.
pub async fn concurrent<F, Fut>(args: &Args, call: F) -> Result<String, String>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let callers = args.concurrency;
    let run = |calls: usize| {
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..callers {
            let call = call.clone();
            // The calls shared out evenly, the remainder to the first callers.
            let mine = calls / callers + usize::from(i < calls % callers);
            tasks.spawn(async move {
                let mut latencies = Vec::with_capacity(mine);
                for _ in 0..mine {
                    let t = Instant::now();
                    call().await?;
                    latencies.push(t.elapsed());
                }
                Ok::<_, String>(latencies)
            });
        }
        tasks
    };
    let mut warm = run(args.warmup * callers);
    while let Some(done) = warm.join_next().await {
        done.map_err(|e| format!("a caller failed: {e}"))??;
    }
    let (user0, sys0) = cpu()?;
    let start = Instant::now();
    let mut tasks = run(args.n);
    let mut latencies = Vec::with_capacity(args.n);
    while let Some(done) = tasks.join_next().await {
        latencies.extend(done.map_err(|e| format!("a caller failed: {e}"))??);
    }
    let wall = start.elapsed();
    let (user1, sys1) = cpu()?;
    Ok(report(args, callers, latencies, wall, user1 - user0, sys1 - sys0))
}

/// The report line of a run.
fn report(
    args: &Args,
    concurrency: usize,
    mut latencies: Vec<Duration>,
    wall: Duration,
    user: Duration,
    sys: Duration,
) -> String {
    latencies.sort_unstable();
    let n = latencies.len().max(1);
    // Nearest-rank percentiles.
    let percentile = |p: f64| {
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
        latencies.get(rank - 1).map_or(0.0, |d| d.as_secs_f64() * 1e6)
    };
    let per_call = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    format!(
        "{}\t{n}\t{concurrency}\t{:.0}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}",
        args.mode_name(),
        n as f64 / wall.as_secs_f64(),
        percentile(0.50),
        percentile(0.99),
        per_call(user + sys),
        per_call(user),
        per_call(sys),
    )
}
