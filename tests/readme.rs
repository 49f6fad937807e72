//! The README's rule table must list every rule with its default severity and summary.

#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut missing = Vec::new();
    for rule in diplint::rules::all_rules() {
        let row = format!(
            "| `{}` | {} | {} |",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        );
        if !readme.contains(&row) {
            missing.push(row);
        }
    }
    assert!(
        missing.is_empty(),
        "README rule table is out of date; expected rows:\n{}",
        missing.join("\n")
    );
}
