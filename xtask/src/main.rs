//! `cargo xtask codegen [--check] [--strict] [--models DIR] [--out DIR] [--operation ID]… [--crate-name NAME]
//! [--runtime-path PATH | --runtime-version REQ]`

use std::io::Write as _;
use std::process::ExitCode;

/// Generation allocates a small value for nearly every token it formats; mimalloc serves
/// them faster than the system allocator (see `cargo bench -p codegen --bench generate`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use codegen::RuntimeDependency;
use xtask::codegen::{run, Options};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--strict] [--models DIR] [--out DIR] [--operation ID]... [--crate-name NAME]
                           [--runtime-path PATH | --runtime-version REQ]

Generates the Rust crate for the Smithy JSON AST models in DIR (default: models/) into the
output folder (default: generated/). With the defaults it also regenerates the golden files
of tests/goldens/ from tests/models/. Warnings (constraints the generated validate() cannot
check, each with its file, shape and reason) are listed after the summary, with their number.

  --check           compare with what is on disk instead of writing; fail if anything differs
  --strict          fail on warnings: a constraint the generator cannot check (an uncompilable
                    @pattern, say) is an error instead of being left out of validate()
  --models DIR      the folder of *.json models
  --out DIR         the crate folder to write
  --operation ID    generate only this operation (an absolute shape ID) and the shapes it
                    reaches; repeatable. Without it, <models>/selection.txt is read if present
  --crate-name NAME the package name of the generated crate (default: generated)
  --runtime-path PATH
                    the generated manifest depends on the runtime crate (smithy-runtime) at PATH,
                    relative to the output folder (default: this workspace's runtime/, as a
                    relative path; generated files never hold an absolute path)
  --runtime-version REQ
                    depend on the runtime crate by version requirement instead (from a registry)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(report) => {
            // A closed pipe (`| head`) is no reason to fail, or to panic as `println!` would.
            let _ = writeln!(std::io::stdout(), "{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("codegen") => {}
        Some("-h" | "--help") | None => return Err("no task given".to_owned()),
        Some(other) => return Err(format!("unknown task `{other}`")),
    }
    let mut options = Options::default();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => options.check = true,
            "--strict" => options.strict = true,
            "--models" => options.models = Some(value(arg)?.into()),
            "--out" => options.out = Some(value(arg)?.into()),
            "--operation" => options.operations.push(value(arg)?),
            "--crate-name" => options.crate_name = Some(value(arg)?),
            "--runtime-path" | "--runtime-version" if options.runtime.is_some() => {
                return Err("give at most one of `--runtime-path` and `--runtime-version`".to_owned())
            }
            "--runtime-path" => options.runtime = Some(RuntimeDependency::Path(value(arg)?)),
            "--runtime-version" => options.runtime = Some(RuntimeDependency::Version(value(arg)?)),
            "-h" | "--help" => return Err("help requested".to_owned()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn strict_is_a_flag_off_by_default_and_documented() {
        assert!(parse(&args("codegen --check --strict")).is_ok_and(|o| o.strict && o.check));
        assert!(parse(&args("codegen")).is_ok_and(|o| !o.strict));
        assert!(USAGE.contains("--strict "), "the usage documents --strict");
    }

    #[test]
    fn the_runtime_is_found_by_path_or_by_version_not_both() {
        let path = parse(&args("codegen --runtime-path ../rt")).map(|o| o.runtime);
        assert_eq!(path, Ok(Some(RuntimeDependency::Path("../rt".to_owned()))));
        let version = parse(&args("codegen --runtime-version 0.1")).map(|o| o.runtime);
        assert_eq!(version, Ok(Some(RuntimeDependency::Version("0.1".to_owned()))));
        assert!(parse(&args("codegen --runtime-path a --runtime-version 1")).is_err());
        assert!(parse(&args("codegen")).is_ok_and(|o| o.runtime.is_none()));
    }
}
