//! Every input that once made a fuzz target fail (`fuzz/regressions/<target>/`), and the seed
//! inputs (`fuzz/seeds/<target>/`), replayed through the same code as the fuzz targets.

mod common;

use std::path::Path;

fn replay(folder: &str, target: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let data = std::fs::read(&path).unwrap();
        println!("replaying {}", path.display());
        target(&data);
        count += 1;
    }
    count
}

fn replay_target(name: &str, target: fn(&[u8])) {
    let replayed = replay(&format!("fuzz/regressions/{name}"), target)
        + replay(&format!("fuzz/seeds/{name}"), target);
    assert!(replayed > 0, "no inputs for the {name} target");
}

#[test]
fn document_inputs() {
    replay_target("document", common::targets::document);
}

#[test]
fn dates_inputs() {
    replay_target("dates", common::targets::dates);
}

#[test]
fn engine_inputs() {
    replay_target("engine", common::targets::engine);
}

#[test]
fn lsp_inputs() {
    replay_target("lsp", common::targets::lsp);
}
