//! Embeds every registry data file (`data/registry/**/*.toml`) and word list (`data/words/*.txt`)
//! in the binary, so that new data files need no code change.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn embed(name: &str, dir: &str, ext: &str, code: &mut String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join(dir), ext, &mut files);
    files.sort();
    println!("cargo:rerun-if-changed={dir}");
    writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
}

fn main() {
    let mut code = String::new();
    embed("REGISTRY_FILES", "data/registry", "toml", &mut code);
    embed("WORD_FILES", "data/words", "txt", &mut code);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
