//! Generates into `OUT_DIR`, with the project's generator: `services.rs`, every service of
//! the AWS models (`../shared/aws-models`) that has waiters, narrowed to the operations that
//! have them; and `registry.rs`, one entry per waiter, through which the test evaluates its
//! paths on any JSON output.
//!
//! When the models are absent both files are empty and the `waiter_models` cfg is unset,
//! so the test still compiles and says why it ran nothing.

use codegen::model::Model;
use codegen::Settings;
use quote::{format_ident, quote};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TRAIT: &str = "smithy.waiters#waitable";

fn main() {
    if let Err(message) = run() {
        eprintln!("waiter-paths-tests build script: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let models = manifest.join("../../../shared/aws-models");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", models.display());
    println!("cargo::rustc-check-cfg=cfg(waiter_models)");
    let Ok(entries) = std::fs::read_dir(&models) else {
        println!("cargo:warning=waiter-paths-tests generates nothing: {} is absent", models.display());
        write(&out.join("services.rs"), "")?;
        return write(&out.join("registry.rs"), "");
    };
    // The models with waiters: a text search is enough to pick them, and cheap.
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if text.contains(TRAIT) {
                files.push(path);
            }
        }
    }
    files.sort();
    let model = Model::load_files(&files).map_err(|e| format!("cannot load the models:\n{e}"))?;
    let operations: BTreeSet<_> =
        model.shapes().filter(|shape| shape.traits.other.contains_key(TRAIT)).map(|shape| shape.id.clone()).collect();
    // With the clients: every `wait_until_*` method is compiled (and linted) too.
    let settings = Settings { operations: Some(operations.clone()), client: true, ..Settings::default() };
    let lowered =
        codegen::ir::lower(&model, settings.operations.as_ref()).map_err(|e| format!("cannot lower:\n{e}"))?;
    let generated = codegen::generate_file(&model, &settings).map_err(|e| format!("cannot generate:\n{e}"))?;
    write(&out.join("services.rs"), &generated.code)?;

    let entries = lowered.services.iter().flat_map(|service| {
        let module = format_ident!("{}", service.module);
        service.operations.iter().flat_map(move |op| {
            let module = module.clone();
            op.waiters.iter().map(move |waiter| {
                let name = format_ident!("{}", waiter.type_name);
                let operation = op.id.to_string();
                let service_name = &service.module;
                let waiter_name = &waiter.name;
                quote! {
                    Entry {
                        service: #service_name,
                        operation: #operation,
                        waiter: #waiter_name,
                        acceptors: <#module::waiters::#name as Waiter>::ACCEPTORS,
                        evaluate: evaluate::<#module::waiters::#name>,
                    }
                }
            })
        })
    });
    let registry = quote! {
        /// Every generated waiter, in the order of the services and operations.
        pub const WAITERS: &[Entry] = &[#(#entries),*];
    };
    let file: syn::File = syn::parse2(registry).map_err(|e| e.to_string())?;
    write(&out.join("registry.rs"), &prettyplease::unparse(&file))?;
    println!("cargo::rustc-cfg=waiter_models");
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
