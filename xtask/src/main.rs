//! `cargo xtask codegen [--check] [--strict] [--models DIR] [--out DIR] [--operation ID]… [--crate-name NAME]`

use std::process::ExitCode;
use xtask::codegen::{run, Options};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--strict] [--models DIR] [--out DIR] [--operation ID]... [--crate-name NAME]

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
  --crate-name NAME the package name of the generated crate (default: generated)";

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
            println!("{report}");
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
}
