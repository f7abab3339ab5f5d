//! Generation speed: `cargo bench -p codegen --bench generate`.
//!
//! Times each stage (load, lower, emit) over the project's models and, when `../shared` is
//! beside the workspace, over every real AWS model. Prints medians of several runs; read
//! them as ratios between stages and inputs measured in the same run, since the machines
//! are shared and noisy.

use codegen::model::Model;
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

/// Load, lower and emit each file as its own model; the time of each stage, summed.
fn run_once(files: &[PathBuf]) -> [Duration; 3] {
    let mut stages = [Duration::ZERO; 3];
    for file in files {
        let start = Instant::now();
        let model = Model::load_files(std::slice::from_ref(file)).expect("model loads");
        stages[0] += start.elapsed();
        let start = Instant::now();
        let ir = codegen::ir::lower(&model, None).expect("model lowers");
        stages[1] += start.elapsed();
        let start = Instant::now();
        let settings = codegen::Settings { crate_name: "bench".to_owned(), ..codegen::Settings::default() };
        let files = codegen::emit::crate_files(&ir, &settings).expect("model emits").code;
        stages[2] += start.elapsed();
        std::hint::black_box(files);
    }
    stages
}

fn bench(name: &str, files: &[PathBuf], runs: usize) {
    if files.is_empty() {
        println!("{name}: skipped, no models found");
        return;
    }
    let mut samples: Vec<[Duration; 3]> = (0..runs).map(|_| run_once(files)).collect();
    let median = |stage: usize, samples: &mut Vec<[Duration; 3]>| {
        samples.sort_by_key(|s| s[stage]);
        samples[samples.len() / 2][stage]
    };
    let (load, lower, emit) = (median(0, &mut samples), median(1, &mut samples), median(2, &mut samples));
    let total = load + lower + emit;
    println!(
        "{name} ({} models, median of {runs}): load {load:.2?}, lower {lower:.2?}, emit {emit:.2?}, total {total:.2?}",
        files.len()
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    bench("project models", &json_files(&root.join("models")), 21);
    bench("aws-models corpus", &json_files(&root.join("../shared/aws-models")), 3);
}
