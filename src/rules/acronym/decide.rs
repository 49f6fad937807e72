//! The whole-document decision, from the paragraphs' facts alone: which definition of each
//! acronym comes first, which acronyms are used before it or never spelt out, which definitions
//! conflict, and what each acronym stands for in hovers. It costs a few lookups per fact: the
//! text is read only at the spans that a finding quotes.

use super::facts::{Mention, ParagraphFacts};
use super::index::Index;
use super::{CONFLICT, UNDEFINED, same_meaning};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Acronym, Registry};
use crate::rules::{Context, Finding, Fix, Output, Scanned, Subject};
use std::ops::Range;

/// One paragraph's facts and where it starts.
struct Paragraph<'a> {
    start: usize,
    facts: &'a ParagraphFacts,
}

/// A place where the document spells an acronym out.
struct Definition<'a> {
    /// The defined mention: its paragraph (in [`Document::paragraphs`]) and its index there.
    paragraph: usize,
    mention: usize,
    key: &'a str,
    entry: Option<&'a Acronym>,
    /// The acronym where it is defined.
    site: Range<usize>,
    /// The words that spell it out, when they are known.
    expansion: Option<Range<usize>>,
    /// The normalised words of the expansion joined by spaces, "" when it is not one to
    /// recognise again.
    norms: &'a str,
    meaning: Option<&'a str>,
    /// The words are another acronym's registry expansion: that acronym ("UNSC").
    belongs_to: Option<&'a Acronym>,
}

/// One document's acronyms and definitions.
pub(super) struct Document<'a> {
    text: &'a str,
    registry: &'a Registry,
    index: &'a Index,
    paragraphs: Vec<Paragraph<'a>>,
    /// Capitals that are a family name somewhere in the document: nowhere an acronym.
    names: FastSet<&'a str>,
    definitions: Vec<Definition<'a>>,
    /// The first definition of each acronym (an index of `definitions`).
    first_definition: FastMap<&'a str, usize>,
}

impl<'a> Document<'a> {
    pub fn new(cx: &Context<'a>, index: &'a Index, scanned: &[Scanned<'a>]) -> Document<'a> {
        let text = cx.text;
        let paragraphs: Vec<Paragraph<'a>> = scanned
            .iter()
            .filter_map(|p| {
                Some(Paragraph {
                    start: p.start,
                    facts: p.facts::<ParagraphFacts>()?,
                })
            })
            .collect();
        let names = paragraphs
            .iter()
            .flat_map(|p| p.facts.names.iter().map(|n| &text[n.at(p.start)]))
            .collect();
        let mut document = Document {
            text,
            registry: cx.registry,
            index,
            paragraphs,
            names,
            definitions: Vec::new(),
            first_definition: FastMap::default(),
        };
        document.definitions = document.find_definitions();
        for (i, d) in document.definitions.iter().enumerate() {
            document.first_definition.entry(d.key).or_insert(i);
        }
        document
    }

    pub fn report(&self, out: &mut Output) {
        self.report_wrong_definitions(out);
        self.report_redefinitions(out);
        self.report_uses(out);
    }

    fn written(&self, span: &Range<usize>) -> &'a str {
        &self.text[span.clone()]
    }

    fn key(&self, start: usize, mention: &Mention) -> &'a str {
        &self.text[mention.key_at(start)]
    }

    fn entry(&self, mention: &Mention) -> Option<&'a Acronym> {
        mention.entry().and_then(|e| self.registry.acronyms.get(e))
    }

    /// Whether the mention's capitals are a family name elsewhere in the document.
    fn is_name(&self, start: usize, mention: &Mention) -> bool {
        !self.names.is_empty() && self.names.contains(self.written(&mention.span.at(start)))
    }

    /// Every definition, in order. A place is recognised first by the registry's expansion of
    /// its acronym (decided when its paragraph was read), then by the words of an earlier
    /// definition, then by what its words say alone.
    fn find_definitions(&self) -> Vec<Definition<'a>> {
        let mut found = Vec::new();
        // The different expansions each acronym was given so far.
        let mut earlier: FastMap<&str, Vec<&str>> = FastMap::default();
        for (p, paragraph) in self.paragraphs.iter().enumerate() {
            let start = paragraph.start;
            for candidate in &paragraph.facts.candidates {
                let i = candidate.mention as usize;
                let Some(mention) = paragraph.facts.mentions.get(i) else {
                    continue;
                };
                if self.is_name(start, mention) {
                    continue;
                }
                let key = self.key(start, mention);
                let placed = |expansion, norms, meaning, belongs_to| Definition {
                    paragraph: p,
                    mention: i,
                    key,
                    entry: self.entry(mention),
                    site: mention.span.at(start),
                    expansion,
                    norms,
                    meaning,
                    belongs_to,
                };
                let recognised = candidate.again.as_ref().and_then(|again| {
                    earlier
                        .get(key)?
                        .iter()
                        .find_map(|words| again.recognise(words))
                });
                let definition = match (recognised, &candidate.found) {
                    (Some(r), _) => {
                        placed(Some(r.expansion.at(start)), r.norms, Some(r.meaning), None)
                    }
                    (None, Some(f)) => placed(
                        f.expansion.map(|e| e.at(start)),
                        &f.norms,
                        f.meaning.as_deref(),
                        f.belongs_to
                            .and_then(|a| self.registry.acronyms.get(a as usize)),
                    ),
                    (None, None) => continue,
                };
                if !definition.norms.is_empty() {
                    let known = earlier.entry(key).or_default();
                    if !known.contains(&definition.norms) {
                        known.push(definition.norms);
                    }
                }
                found.push(definition);
            }
        }
        found
    }

    /// What an acronym stands for here: its first definition, else the registry's first
    /// expansion.
    fn expansion_of(&self, key: &str, entry: Option<&Acronym>) -> Option<String> {
        let defined = self
            .first_definition
            .get(key)
            .map(|&d| &self.definitions[d])
            .filter(|d| d.belongs_to.is_none())
            .and_then(|d| d.expansion.clone())
            .map(|span| self.written(&span).to_string());
        defined.or_else(|| entry.and_then(|a| a.expansions.first().cloned()))
    }

    fn subject(&self, key: &str, entry: Option<&Acronym>) -> Subject {
        Subject::Acronym {
            short: key.to_string(),
            expansion: self.expansion_of(key, entry),
        }
    }

    /// "United Nations Security Council (UNGA)".
    fn report_wrong_definitions(&self, out: &mut Output) {
        for d in &self.definitions {
            let (Some(other), Some(words)) = (d.belongs_to, &d.expansion) else {
                continue;
            };
            let words = self.written(words);
            let own = d
                .entry
                .and_then(|a| a.expansions.first())
                .map(|e| format!(" ({} is {e})", d.key))
                .unwrap_or_default();
            let message = format!("'{words}' is {}, not {}{own}", other.short, d.key);
            let mut finding = Finding::new(&CONFLICT, d.site.clone(), message)
                .with_subject(self.subject(d.key, d.entry));
            if self.written(&d.site) == d.key {
                finding = finding.with_fix(Fix::replace_with(other.short.as_str()));
            }
            out.push(finding);
        }
    }

    /// A second definition that means something else than the first.
    fn report_redefinitions(&self, out: &mut Output) {
        let mut firsts: FastMap<&str, &Definition> = FastMap::default();
        for later in &self.definitions {
            let Some(meaning) = later.meaning else {
                continue;
            };
            let first = *firsts.entry(later.key).or_insert(later);
            let differs = first.meaning.is_some_and(|m| !same_meaning(m, meaning));
            if !differs {
                continue;
            }
            let (Some(first_words), Some(later_words)) = (&first.expansion, &later.expansion)
            else {
                continue;
            };
            let message = format!(
                "'{}' was spelt out as '{}' before; here it is '{}'",
                later.key,
                self.written(first_words),
                self.written(later_words)
            );
            out.push(
                Finding::new(&CONFLICT, later.site.clone(), message)
                    .with_subject(self.subject(later.key, later.entry))
                    .with_related(first.site.clone(), "first spelt out here"),
            );
        }
    }

    /// Every mention in order: the first use of each acronym, when it comes before the
    /// definition or there is none, is reported; what it stands for is annotated for hovers.
    fn report_uses(&self, out: &mut Output) {
        let mut next_definition = self.definitions.iter().peekable();
        let mut settled: FastSet<&str> = FastSet::default();
        for (p, paragraph) in self.paragraphs.iter().enumerate() {
            let start = paragraph.start;
            for (i, mention) in paragraph.facts.mentions.iter().enumerate() {
                if self.is_name(start, mention) {
                    continue;
                }
                let is_site = next_definition
                    .next_if(|d| d.paragraph == p && d.mention == i)
                    .is_some();
                let used = Use {
                    span: mention.span.at(start),
                    key: self.key(start, mention),
                    entry: self.entry(mention),
                    entry_id: mention.entry(),
                    weak: mention.weak,
                };
                let definition = self.first_definition.get(used.key).copied();
                let known = used.entry.is_some_and(|a| a.known);
                if !(is_site || known || (used.weak && definition.is_none()))
                    && settled.insert(used.key)
                {
                    match definition.map(|d| &self.definitions[d]) {
                        Some(d) if d.site.start < used.span.start => {}
                        Some(d) => out.push(self.used_before_definition(&used, d)),
                        None => out.push(self.never_defined(&used)),
                    }
                }
                self.annotate(&used, definition.is_some(), out);
            }
        }
    }

    fn used_before_definition(&self, used: &Use, d: &Definition) -> Finding {
        let written = self.written(&used.span);
        let message = match d.expansion.as_ref().filter(|_| d.belongs_to.is_none()) {
            Some(words) => format!(
                "'{written}' is used before it is spelt out ('{} ({})' comes later)",
                self.written(words),
                self.written(&d.site)
            ),
            None => format!("'{written}' is used before it is spelt out"),
        };
        Finding::new(&UNDEFINED, used.span.clone(), message)
            .with_subject(self.subject(used.key, used.entry))
            .with_related(d.site.clone(), "spelt out here")
    }

    fn never_defined(&self, used: &Use) -> Finding {
        let written = self.written(&used.span);
        let expansions = used
            .entry_id
            .map_or(&[][..], |id| self.index.spelt_out(id, self.registry));
        let message = match expansions {
            [] => format!("'{written}' is never spelt out"),
            [one] => format!("'{written}' is never spelt out: {one}"),
            many => format!("'{written}' is never spelt out: {}", many.join(" or ")),
        };
        let mut finding = Finding::new(&UNDEFINED, used.span.clone(), message)
            .with_subject(self.subject(used.key, used.entry));
        for expansion in expansions {
            let replacement = format!("{expansion} ({written})");
            finding = finding.with_fix(Fix {
                title: format!("Spell out as '{replacement}'"),
                replacement,
            });
        }
        finding
    }

    /// Hovers: what an acronym stands for, where that is known.
    fn annotate(&self, used: &Use, defined: bool, out: &mut Output) {
        if used.weak && !defined {
            return;
        }
        if let Some(expansion) = self.expansion_of(used.key, used.entry) {
            let subject = Subject::Acronym {
                short: used.key.to_string(),
                expansion: Some(expansion),
            };
            out.annotate(used.span.clone(), subject);
        }
    }
}

/// A mention placed in the document.
struct Use<'a> {
    span: Range<usize>,
    key: &'a str,
    entry: Option<&'a Acronym>,
    /// The entry's index in `Registry::acronyms`.
    entry_id: Option<usize>,
    weak: bool,
}
