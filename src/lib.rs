//! diplint: a checker for diplomatic report drafts.
//!
//! The engine (`document`, `registry`, `rules`, `engine`) knows nothing of its two faces, the
//! command line (`cli`) and the language server (`lsp`).

pub mod allocator;
pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod flat;
pub mod hash;
pub mod lsp;
pub mod registry;
pub mod rules;
mod swar;
pub mod text;

pub use engine::{Diagnostic, Engine, Report};

/// A number that no other call in this process has returned, never 0: what tells engines,
/// documents and the checks' scans and decisions apart, so that a memo is only used with what
/// filled it.
pub fn unique_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
