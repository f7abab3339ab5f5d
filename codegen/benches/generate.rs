//! Generation speed: `cargo bench -p codegen --bench generate`.
//!
//! Times each stage (load, lower, emit) over the project's models as `cargo xtask codegen`
//! generates them (narrowed by `models/selection.txt`), over the same four models with every
//! operation and, when `../shared` is beside the workspace, over every real AWS model as one
//! crate (as `cargo xtask codegen --models ../shared/aws-models` generates it). Lowering and
//! emission are timed on one thread, then on every core as the tool runs; loading always
//! reads and parses the files on every core. Prints medians of several runs; read
//! them as ratios between stages and inputs measured in the same run, since the machines are
//! shared and noisy. Each run also reads and parses the same files with `serde_json` alone
//! (on one thread, the fastest of three), the speed of reading the input, and the ratio of
//! the two is printed: how many times slower generating is than parsing what it generates
//! from. Last, for each
//! input, prettyplease alone is timed printing the generated files (given them parsed),
//! with its ratio to the parse: the floor no work inside the generator can go under while
//! it formats with prettyplease. Like `cargo xtask codegen`, the benchmark allocates with
//! mimalloc.

use codegen::model::{Model, ShapeId};

/// The allocator `cargo xtask codegen` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeSet;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|ext| ext == "json"));
    files.sort();
    files
}

/// One model to generate: its files, and the operations it is narrowed to (`None`: all).
struct Input {
    files: Vec<PathBuf>,
    operations: Option<BTreeSet<ShapeId>>,
}

/// Load, lower and emit each input on `threads` threads (every file handed to a sink that
/// drops it, as `cargo xtask codegen` writes and drops them); the time of each stage,
/// summed; then the time of reading and parsing the same files with `serde_json` alone.
fn run_once(inputs: &[Input], threads: NonZeroUsize) -> [Duration; 4] {
    let mut stages = [Duration::ZERO; 4];
    let settings = codegen::Settings { crate_name: "bench".to_owned(), ..codegen::Settings::default() };
    for input in inputs {
        let start = Instant::now();
        let model = Model::load_files(&input.files).expect("model loads");
        stages[0] += start.elapsed();
        let start = Instant::now();
        let ir = codegen::ir::lower_on(&model, input.operations.as_ref(), threads).expect("model lowers");
        stages[1] += start.elapsed();
        let start = Instant::now();
        let sink = |_: PathBuf, text: String| {
            std::hint::black_box(text);
            Ok(())
        };
        std::hint::black_box(codegen::emit::write_crate(&ir, &settings, threads, &sink).expect("model emits"));
        stages[2] += start.elapsed();
    }
    stages[3] = run_parse(inputs);
    stages
}

/// The time of reading and parsing the inputs' files with `serde_json` alone: the fastest
/// of three, since a parse of the corpus takes a few hundred milliseconds, over which the
/// machine's noise moved a single reading by half (0.23 to 0.52 s within one run).
fn run_parse(inputs: &[Input]) -> Duration {
    let once = || {
        let start = Instant::now();
        for file in inputs.iter().flat_map(|input| &input.files) {
            let text = std::fs::read(file).expect("model file reads");
            std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&text).expect("model file is JSON"));
        }
        start.elapsed()
    };
    (0..3).map(|_| once()).min().expect("three readings")
}

fn bench(name: &str, inputs: &[Input], runs: usize) {
    let models: usize = inputs.iter().map(|input| input.files.len()).sum();
    if models == 0 {
        println!("{name}: skipped, no models found");
        return;
    }
    let parallel = codegen::parallel::available_threads();
    for threads in [NonZeroUsize::MIN, parallel] {
        let mut samples: Vec<[Duration; 4]> = (0..runs).map(|_| run_once(inputs, threads)).collect();
        let median = |stage: usize, samples: &mut Vec<[Duration; 4]>| {
            samples.sort_by_key(|s| s[stage]);
            samples[samples.len() / 2][stage]
        };
        let (load, lower, emit) = (median(0, &mut samples), median(1, &mut samples), median(2, &mut samples));
        let parse = median(3, &mut samples);
        let total = load + lower + emit;
        // Pair by pair, as both were timed in the same run; then the median ratio.
        let mut ratios: Vec<f64> =
            samples.iter().map(|s| (s[0] + s[1] + s[2]).as_secs_f64() / s[3].as_secs_f64().max(1e-9)).collect();
        ratios.sort_by(f64::total_cmp);
        let ratio = ratios[ratios.len() / 2];
        println!(
            "{name} ({models} models, {threads} thread{s}, median of {runs}): load {load:.2?}, lower {lower:.2?}, \
             emit {emit:.2?}, total {total:.2?}; serde_json parse {parse:.2?}; generate/parse ratio {ratio:.1}",
            s = if threads.get() == 1 { "" } else { "s" }
        );
        if parallel.get() == 1 {
            break;
        }
    }
    printing_floor(name, inputs);
}

/// The time prettyplease alone takes to print the generated files, given them parsed: work
/// that no change inside the generator removes while it formats with prettyplease, so the
/// ratio below which it cannot go. Once, on one thread, beside a `serde_json` parse timed
/// in the same way.
fn printing_floor(name: &str, inputs: &[Input]) {
    let settings = codegen::Settings { crate_name: "bench".to_owned(), ..codegen::Settings::default() };
    let printing = std::sync::Mutex::new(Duration::ZERO);
    for input in inputs {
        let model = Model::load_files(&input.files).expect("model loads");
        let ir = codegen::ir::lower_on(&model, input.operations.as_ref(), NonZeroUsize::MIN).expect("model lowers");
        let sink = |path: PathBuf, text: String| {
            if path.extension().is_some_and(|ext| ext == "rs") {
                let file = syn::parse_file(&text).expect("generated code parses");
                let start = Instant::now();
                std::hint::black_box(prettyplease::unparse(&file));
                *printing.lock().expect("no panic while timing") += start.elapsed();
            }
            Ok(())
        };
        codegen::emit::write_crate(&ir, &settings, NonZeroUsize::MIN, &sink).expect("model emits");
    }
    let printing = printing.into_inner().expect("no panic while timing");
    let parse = run_parse(inputs);
    let ratio = printing.as_secs_f64() / parse.as_secs_f64().max(1e-9);
    println!(
        "{name}: printing alone (prettyplease, 1 thread, one run) {printing:.2?}; serde_json parse {parse:.2?}; \
         ratio {ratio:.1}"
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let models = root.join("models");
    let files = json_files(&models);
    let model = Model::load_files(&files).expect("the project's models load");
    let operations = codegen::selection::read(&models, &model).expect("the selection names operations of the models");
    bench("project models, selected operations", &[Input { files: files.clone(), operations }], 21);
    bench("project models, every operation", &[Input { files, operations: None }], 5);
    // As `cargo xtask codegen --models ../shared/aws-models` generates it: one crate.
    let corpus = json_files(&root.join("../shared/aws-models"));
    bench("aws-models corpus, one crate", &[Input { files: corpus, operations: None }], 3);
}
