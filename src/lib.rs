//! diplint: a checker for diplomatic report drafts.
//!
//! The engine (`document`, `registry`, `rules`, `engine`) knows nothing of its two faces, the
//! command line (`cli`) and the language server (`lsp`).

pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod flat;
pub mod hash;
pub mod lsp;
pub mod registry;
pub mod rules;
pub mod text;

pub use engine::{Diagnostic, Engine, Report};
