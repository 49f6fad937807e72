//! `diplint registry lookup | check | import`.

use super::LookupFormat;
use crate::registry::query::{CountryMatch, Hit};
use crate::registry::{PersonId, Registry};
use jiff::civil::Date;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn lookup(query: &str, date: Option<Date>, format: LookupFormat, overlays: &[PathBuf]) -> i32 {
    let registry = if overlays.is_empty() {
        Registry::embedded()
    } else {
        match Registry::with_overlays(overlays) {
            Ok(r) => Arc::new(r),
            Err(errors) => {
                for e in errors {
                    eprintln!("diplint: {e}");
                }
                return 2;
            }
        }
    };
    let hits = registry.lookup(query);
    let described: Vec<Value> = hits.iter().map(|h| describe(&registry, h, date)).collect();
    match format {
        LookupFormat::Json => {
            let doc =
                json!({ "query": query, "date": date.map(|d| d.to_string()), "hits": described });
            println!("{}", super::output::json_string(&doc));
        }
        LookupFormat::Human => {
            if hits.is_empty() {
                println!("nothing in the registry is known as '{query}'");
            }
            for h in &described {
                for line in h["text"].as_str().unwrap_or("").lines() {
                    println!("{line}");
                }
                println!();
            }
        }
    }
    if hits.is_empty() { 1 } else { 0 }
}

/// One hit as JSON, with a human `text` rendering.
fn describe(reg: &Registry, hit: &Hit, date: Option<Date>) -> Value {
    match hit {
        Hit::Person(id) => describe_person(reg, *id, date),
        Hit::Country(id, how) => {
            let c = reg.country(*id);
            let mut text = match how {
                CountryMatch::Former { until } => {
                    format!(
                        "former name of {} ({}), no longer used from {until}\n",
                        c.short, c.code
                    )
                }
                CountryMatch::Misspelling => format!("a misspelling of {} ({})\n", c.short, c.code),
                _ => String::new(),
            };
            text.push_str(&format!(
                "{} ({}, {}): country\n  official name: {}\n  UN name: {}\n",
                c.short, c.code, c.alpha3, c.official, c.un
            ));
            if !c.adjectives.is_empty() {
                text.push_str(&format!("  adjective: {}\n", c.adjectives.join(", ")));
            }
            for f in &c.former {
                text.push_str(&format!("  former name: {} (until {})\n", f.name, f.until));
            }
            json!({
                "kind": "country", "code": c.code, "short": c.short, "official": c.official, "un": c.un,
                "adjectives": c.adjectives, "match": how,
                "former": c.former.iter().map(|f| json!({"name": f.name, "until": f.until.to_string()})).collect::<Vec<_>>(),
                "text": text.trim_end(),
            })
        }
        Hit::Office(id) => {
            let o = reg.office(*id);
            let mut text = format!("{} ({}): office of {}", o.name, o.id, reg.owner_name(o));
            let holders: Vec<Value> = match date {
                Some(d) => reg
                    .holders_on(*id, d)
                    .iter()
                    .map(|(p, t)| {
                        text.push_str(&format!(
                            "\n  on {d}: {} ({} – {})",
                            reg.person(*p).name,
                            t.start,
                            t.end.map_or("present".into(), |e| e.to_string())
                        ));
                        json!({ "person": reg.person(*p).name, "term": reg.term_report(t) })
                    })
                    .collect(),
                None => Vec::new(),
            };
            json!({ "kind": "office", "id": o.id, "name": o.name, "titles": o.titles, "holders": holders, "text": text })
        }
        Hit::Acronym(short) => {
            let a = reg.acronym(short);
            let expansions = a.map(|a| a.expansions.clone()).unwrap_or_default();
            let known = a.is_some_and(|a| a.known);
            let text = format!(
                "{short}: {}{}",
                expansions.join("; "),
                if known { " (universally known)" } else { "" }
            );
            json!({ "kind": "acronym", "short": short, "expansions": expansions, "known": known, "text": text })
        }
        Hit::Series(id) => {
            let s = reg.series_by_id(id);
            let name = s.map_or(id.as_str(), |s| s.name.as_str());
            let mut text = format!("{id}: numbered {name}");
            if let (Some(s), Some(d)) = (s, date)
                && let Some(item) = s.items.iter().rev().find(|i| i.start <= d)
            {
                text.push_str(&format!(
                    "\n  on {d}: number {} (from {})",
                    item.number, item.start
                ));
            }
            json!({ "kind": "series", "id": id, "name": name, "text": text })
        }
    }
}

fn describe_person(reg: &Registry, id: PersonId, date: Option<Date>) -> Value {
    let p = reg.person(id);
    let mut text = format!("{}: person", p.name);
    if let Some(q) = &p.wikidata {
        text.push_str(&format!(" (wikidata {q})"));
    }
    for t in &p.terms {
        text.push_str(&format!("\n  {}", reg.describe_term(t)));
    }
    let mut on_date = Value::Null;
    if let Some(d) = date {
        let held = reg.terms_on(id, d);
        if held.is_empty() {
            text.push_str(&format!("\n  on {d}: held no office in the registry"));
            let mut then = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for t in &p.terms {
                if !seen.insert(t.office) {
                    continue;
                }
                let office = reg.office(t.office);
                for (holder, _) in reg.holders_on(t.office, d) {
                    text.push_str(&format!(
                        "\n  {} on {d}: {}",
                        office.name,
                        reg.person(holder).name
                    ));
                    then.push(json!({ "office": office.id, "office_name": office.name, "holder": reg.person(holder).name }));
                }
            }
            on_date = json!({ "date": d.to_string(), "offices": [], "holders_then": then });
        } else {
            let names: Vec<&str> = held
                .iter()
                .map(|t| reg.office(t.office).name.as_str())
                .collect();
            text.push_str(&format!("\n  on {d}: {}", names.join("; ")));
            on_date = json!({ "date": d.to_string(), "offices": held.iter().map(|t| reg.term_report(t)).collect::<Vec<_>>() });
        }
    }
    json!({
        "kind": "person", "id": p.id, "name": p.name, "wikidata": p.wikidata, "variants": p.variants,
        "terms": p.terms.iter().map(|t| reg.term_report(t)).collect::<Vec<_>>(),
        "on_date": on_date, "text": text,
    })
}

pub fn check(files: &[PathBuf]) -> i32 {
    let errors = Registry::check_overlays(files);
    if errors.is_empty() {
        println!(
            "{} overlay file{} valid",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
        0
    } else {
        for e in &errors {
            println!("{e}");
        }
        1
    }
}

pub fn import_wikidata(file: &Path, output: Option<&Path>) -> i32 {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("diplint: {}: cannot read: {e}", file.display());
            return 2;
        }
    };
    let overlay = match crate::registry::import::wikidata_to_overlay(&text) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("diplint: {}: {e}", file.display());
            return 2;
        }
    };
    match output {
        Some(path) => match std::fs::write(path, overlay) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("diplint: {}: cannot write: {e}", path.display());
                2
            }
        },
        None => {
            print!("{overlay}");
            0
        }
    }
}
