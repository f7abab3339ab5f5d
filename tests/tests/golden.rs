//! The checked-in generated code must be exactly what the generator writes now: the
//! `generated/` crate from `models/`, and `tests/goldens/` from `tests/models/`.

#[test]
fn checked_in_code_is_fresh() {
    let options = xtask::codegen::Options { check: true, ..Default::default() };
    if let Err(report) = xtask::codegen::run(&options) {
        panic!("{report}");
    }
}
