//! End-to-end tests of generated clients against moto, the AWS-compatible server.
//!
//! `build.rs` generates, with the project's generator, the services of the AWS models the
//! tests call, narrowed to the operations of `selection.txt`: each service is a module of
//! this crate (absent when `../shared/aws-models` is). [`moto`] starts a moto server with its
//! SigV4 signature checks on, an IAM user to sign as and the fixtures the tests read.

#![deny(warnings)]
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/services.rs"));

pub mod moto;
