//! Embeds every registry data file (`data/registry/**/*.toml`) and word list (`data/words/*.txt`)
//! in the binary, so that new data files need no code change; and stores the registry files
//! already parsed (`src/registry/snapshot.rs`), so that start-up does not parse TOML.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The registry's model, file format, loader and binary snapshot, shared with the crate: the
// build loads the embedded registry once so that start-up does not.
#[allow(dead_code)]
#[path = "src/registry/data.rs"]
mod data;
#[allow(dead_code)]
#[path = "src/registry/file.rs"]
mod file;
#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;
#[allow(dead_code)]
#[path = "src/registry/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "src/registry/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/registry/snapshot.rs"]
mod snapshot;

use data::Registry;

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

/// Writes a static list of (path relative to the crate, text) and returns it as files.
fn embed(name: &str, dir: &str, ext: &str, code: &mut String) -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join(dir), ext, &mut files);
    files.sort();
    println!("cargo:rerun-if-changed={dir}");
    writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
    let mut embedded = Vec::new();
    for file in files {
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
        embedded.push((rel, file));
    }
    writeln!(code, "];").unwrap();
    embedded
}

/// The parsed registry files, when every one of them parses, and the registry loaded from them,
/// when it loads without errors. Where either is missing the program does the work at start-up
/// and reports the problems as it does for overlays.
fn snapshots(files: &[(String, PathBuf)], out_dir: &Path, code: &mut String) {
    let parsed: Option<Vec<(String, file::RegistryFile)>> = files
        .iter()
        .map(|(rel, path)| {
            let text = std::fs::read_to_string(path).ok()?;
            let parsed = toml::from_str::<file::RegistryFile>(&text).ok()?;
            Some((rel.clone(), parsed))
        })
        .collect();
    let files_snapshot = parsed.as_deref().map(snapshot::encode_files);
    let registry = parsed.and_then(|parsed| {
        let mut loader = load::Loader::new();
        for ((rel, path), (_, file)) in files.iter().zip(parsed) {
            let text = std::fs::read_to_string(path).ok()?;
            loader.add_parsed(rel, &text, file);
        }
        loader.finish().ok()
    });
    let registry_snapshot = registry.map(|r| snapshot::encode_registry(&r));
    for (name, bytes) in [
        ("REGISTRY_FILES_SNAPSHOT", files_snapshot),
        ("REGISTRY_SNAPSHOT", registry_snapshot),
    ] {
        match bytes {
            Some(bytes) => {
                let out = out_dir.join(format!("{name}.bin"));
                std::fs::write(&out, bytes).unwrap();
                writeln!(
                    code,
                    "pub static {name}: Option<&[u8]> = Some(include_bytes!({:?}));",
                    out.display().to_string()
                )
                .unwrap();
            }
            None => writeln!(code, "pub static {name}: Option<&[u8]> = None;").unwrap(),
        }
    }
}

/// The English word list as one text and an open-addressing hash table of where each word
/// starts, so that the program asks it in a probe or two without building a set at start-up.
/// Entries are read as `word_list_entries` reads them: one a line, `#` starts a comment.
fn english_words(out_dir: &Path, code: &mut String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/words/english.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut words: Vec<&str> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    // Word i is `joined[starts[i]..starts[i + 1] - 1]` (a newline ends each).
    let mut joined = String::new();
    let mut starts = Vec::new();
    for w in &words {
        starts.extend_from_slice(&(joined.len() as u32).to_le_bytes());
        joined.push_str(w);
        joined.push('\n');
    }
    starts.extend_from_slice(&(joined.len() as u32).to_le_bytes());
    // Slots hold a word's index + 1 (0: empty); at most half of them are used.
    let slots = (words.len() * 2).next_power_of_two().max(2);
    let mut table = vec![0u32; slots];
    for (i, w) in words.iter().enumerate() {
        let mut slot = hash::hash_bytes(w.as_bytes()) as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = i as u32 + 1;
    }
    let table: Vec<u8> = table.iter().flat_map(|s| s.to_le_bytes()).collect();
    for (name, file, bytes) in [
        ("ENGLISH_WORD_STARTS", "english-words.starts", starts),
        ("ENGLISH_WORD_TABLE", "english-words.table", table),
    ] {
        let out = out_dir.join(file);
        std::fs::write(&out, bytes).unwrap();
        writeln!(
            code,
            "pub static {name}: &[u8] = include_bytes!({:?});",
            out.display().to_string()
        )
        .unwrap();
    }
    let text_out = out_dir.join("english-words.txt");
    std::fs::write(&text_out, joined).unwrap();
    writeln!(
        code,
        "pub static ENGLISH_WORDS: &str = include_str!({:?});",
        text_out.display().to_string()
    )
    .unwrap();
}

fn main() {
    for shared in ["data", "file", "load", "model", "snapshot"] {
        println!("cargo:rerun-if-changed=src/registry/{shared}.rs");
    }
    println!("cargo:rerun-if-changed=src/hash.rs");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::new();
    let registry_files = embed("REGISTRY_FILES", "data/registry", "toml", &mut code);
    embed("WORD_FILES", "data/words", "txt", &mut code);
    snapshots(&registry_files, &out_dir, &mut code);
    english_words(&out_dir, &mut code);
    std::fs::write(out_dir.join("embedded.rs"), code).unwrap();
}
