//! `diplint explain [RULE]`: what each rule checks, with a wrong and a right example.

use crate::rules;

pub fn run(rule: Option<&str>) -> i32 {
    match rule {
        None => {
            for r in rules::all_rules() {
                println!("{:<26} {:<8} {}", r.id, r.severity.as_str(), r.summary);
            }
            0
        }
        Some(id) => match rules::rule(id) {
            Some(r) => {
                println!("{} ({} by default)\n", r.id, r.severity.as_str());
                println!("{}\n", r.summary);
                println!("{}\n", r.explanation);
                let dated = if r.example_date.is_empty() {
                    String::new()
                } else {
                    format!(" (dated {})", r.example_date)
                };
                println!("Wrong{dated}:\n    {}\n", r.wrong.replace('\n', "\n    "));
                println!("Right:\n    {}", r.right.replace('\n', "\n    "));
                0
            }
            None => {
                eprintln!("diplint: unknown rule '{id}'; `diplint explain` lists them");
                2
            }
        },
    }
}
