//! Fuzz target: see `targets::lsp` in tests/common/targets.rs for what it runs and checks.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::targets::lsp(data));
