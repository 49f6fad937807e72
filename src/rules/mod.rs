//! The rules: what a finding is, what every rule declares about itself, and the checks that
//! produce findings, one module per area.
//!
//! A *check* reads a whole document once and may raise findings of several rules of its area
//! (the country check finds every country name once, then decides between `country/misspelled`,
//! `country/former-name` and the others). Each rule is a static [`RuleInfo`].

pub mod acronym;
mod context;
pub mod country;
pub mod date;
pub mod markup;
pub mod person;
pub mod registry_stale;
pub mod title;

pub use context::{Context, DateSource, DocumentDate, Settings};

use crate::registry::{CountryId, OfficeId, PersonId, Registry};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// What a rule is: its id, default severity and explanation with a wrong and a right example.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Why it matters and what is and is not reported.
    pub explanation: &'static str,
    /// A text that draws the finding, checked against `example_date`.
    pub wrong: &'static str,
    /// The same text, corrected: it draws nothing.
    pub right: &'static str,
    pub example_date: &'static str,
}

/// A replacement of a finding's whole span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub replacement: String,
}

impl Fix {
    pub fn replace_with(replacement: impl Into<String>) -> Fix {
        let replacement = replacement.into();
        Fix {
            title: format!("Replace with '{replacement}'"),
            replacement,
        }
    }

    pub fn remove() -> Fix {
        Fix {
            title: "Remove".into(),
            replacement: String::new(),
        }
    }
}

/// What a span of text was recognised as; kept on findings and annotations for hovers,
/// inlay hints and completions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Country(CountryId),
    Person(PersonId),
    Office(OfficeId),
    /// A date or interval that the text resolves to, and how it was resolved.
    Date {
        start: Date,
        end: Date,
        relative: bool,
        note: String,
    },
    Acronym {
        short: String,
        expansion: Option<String>,
    },
    Session {
        series: String,
        number: u32,
    },
}

/// Another place in the document that explains a finding (an earlier definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleInfo,
    /// Byte range in the document's source.
    pub span: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
    pub subject: Option<Subject>,
}

impl Finding {
    pub fn new(rule: &'static RuleInfo, span: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            span,
            message: message.into(),
            fixes: Vec::new(),
            related: Vec::new(),
            subject: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }

    pub fn with_subject(mut self, subject: Subject) -> Finding {
        self.subject = Some(subject);
        self
    }

    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Finding {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// A recognised span that is not a finding (a correct name, a resolved date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub span: Range<usize>,
    pub subject: Subject,
}

/// Where a check writes.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub annotations: Vec<Annotation>,
}

impl Output {
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub fn annotate(&mut self, span: Range<usize>, subject: Subject) {
        self.annotations.push(Annotation { span, subject });
    }
}

/// One pass over a document for one area.
pub trait Check: Send + Sync {
    /// The rules this check can raise.
    fn rules(&self) -> &'static [&'static RuleInfo];
    fn check(&self, cx: &Context, out: &mut Output);
}

/// Every check, built once for a registry (each builds the indexes it needs).
pub fn checks(registry: &Registry) -> Vec<Box<dyn Check>> {
    // The indexes are independent and their building is most of start-up: the person check's,
    // the largest, is built on a thread of its own while this one builds the rest.
    std::thread::scope(|scope| {
        let person = scope.spawn(|| person::PersonCheck::new(registry));
        let country = country::CountryCheck::new(registry);
        let date = date::DateCheck::new(registry);
        let acronym = acronym::AcronymCheck::new(registry);
        let markup = markup::MarkupCheck::new(registry);
        // A panic there would have been one here: build it here again to get the same.
        let person = person
            .join()
            .unwrap_or_else(|_| person::PersonCheck::new(registry));
        vec![
            Box::new(country) as Box<dyn Check>,
            Box::new(person),
            Box::new(date),
            Box::new(acronym),
            Box::new(markup),
            Box::new(registry_stale::StaleCheck),
        ]
    })
}

/// Every rule, in a stable order (by id).
pub fn all_rules() -> Vec<&'static RuleInfo> {
    let mut rules: Vec<&'static RuleInfo> = [
        country::RULES,
        person::RULES,
        title::RULES,
        date::RULES,
        acronym::RULES,
        markup::RULES,
        registry_stale::RULES,
    ]
    .concat();
    rules.sort_by_key(|r| r.id);
    rules
}

pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    all_rules().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
#[allow(dead_code)] // helpers used by the rule modules' tests
pub(crate) mod testing;
