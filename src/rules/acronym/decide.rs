//! The whole-document decision, from the paragraphs' facts alone: which definition of each
//! acronym comes first, which acronyms are used before it or never spelt out, which definitions
//! conflict, and what each acronym stands for in hovers. It costs a few lookups per fact: the
//! text is read only at the spans that a finding quotes.

use super::facts::{Mention, ParagraphFacts};
use super::index::Index;
use super::{CONFLICT, UNDEFINED, same_meaning};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Acronym, Registry};
use crate::rules::{
    self, Context, Decided, Decision, Finding, Fix, Last, Output, Paragraphs, Subject,
};
use std::ops::Range;
use std::sync::Arc;

/// One paragraph's facts, where it starts and where it was in the last decision.
struct Paragraph<'a> {
    start: usize,
    facts: Option<&'a ParagraphFacts>,
    was: Option<usize>,
}

/// How a candidate was made a definition. With the candidate (its paragraph's facts), it tells
/// all the definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    /// Recognised by an earlier definition's words, which start at this offset of the
    /// paragraph.
    Again(u32),
    /// By what its words say alone.
    Alone,
}

/// A definition: the candidate that made it and how.
#[derive(Debug, Clone, Copy)]
struct DefinitionId {
    /// The index of its paragraph in its decision.
    paragraph: u32,
    candidate: u32,
    made: Made,
}

impl DefinitionId {
    /// Whether this definition is `old`, of the last decision, whose paragraphs this one's
    /// were at `was`.
    fn is(&self, old: &DefinitionId, was: &impl Fn(u32) -> Option<usize>) -> bool {
        was(self.paragraph) == Some(old.paragraph as usize)
            && self.candidate == old.candidate
            && self.made == old.made
    }
}

/// A place where the document spells an acronym out.
struct Definition<'a> {
    id: DefinitionId,
    /// The defined mention's index in its paragraph.
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

/// What was written about a paragraph depends on, beyond its own facts: one reason for each
/// candidate, then one for each mention, in order.
#[derive(Debug, Clone, Copy)]
enum Reason {
    /// A candidate that is no definition.
    NoDefinition,
    /// A candidate made a definition: how, its acronym's first definition (its expansion shows
    /// in hovers), and the first that gave a meaning, with where that is relative to the
    /// paragraph when a finding points there.
    Definition {
        made: Made,
        first: Option<Def>,
        first_meaning: Option<Def>,
        points_at: Option<isize>,
    },
    /// A mention whose capitals are a family name in the document.
    Name,
    /// An acronym: what its first use draws, and its first definition, with where that is
    /// relative to the paragraph when a finding points there.
    Use {
        draws: Draws,
        first: Option<Def>,
        points_at: Option<isize>,
    },
}

/// A definition a reason refers to: which it is, and its index in this decision.
#[derive(Debug, Clone, Copy)]
struct Def {
    id: DefinitionId,
    index: u32,
}

/// What a mention draws as the first use of its acronym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Draws {
    Nothing,
    UsedBeforeDefinition,
    NeverDefined,
}

impl Reason {
    /// Whether this reason, of this decision, is `old`, of the last, whose paragraphs this
    /// one's were at `was`.
    fn is(&self, old: &Reason, was: &impl Fn(u32) -> Option<usize>) -> bool {
        let same = |a: &Option<Def>, b: &Option<Def>| match (a, b) {
            (Some(a), Some(b)) => a.id.is(&b.id, was),
            (None, None) => true,
            _ => false,
        };
        match (self, old) {
            (Reason::NoDefinition, Reason::NoDefinition) | (Reason::Name, Reason::Name) => true,
            (
                Reason::Definition {
                    made,
                    first,
                    first_meaning,
                    points_at,
                },
                Reason::Definition {
                    made: old_made,
                    first: old_first,
                    first_meaning: old_meaning,
                    points_at: old_points_at,
                },
            ) => {
                made == old_made
                    && same(first, old_first)
                    && same(first_meaning, old_meaning)
                    && points_at == old_points_at
            }
            (
                Reason::Use {
                    draws,
                    first,
                    points_at,
                },
                Reason::Use {
                    draws: old_draws,
                    first: old_first,
                    points_at: old_points_at,
                },
            ) => draws == old_draws && same(first, old_first) && points_at == old_points_at,
            _ => false,
        }
    }
}

/// Every paragraph's reasons, kept as the basis of a decision.
#[derive(Default)]
struct Reasons {
    all: Vec<Reason>,
    /// Where each paragraph's reasons start in `all`, and then where the last ends.
    from: Vec<u32>,
}

impl Reasons {
    fn of(&self, paragraph: usize) -> Option<&[Reason]> {
        let (&start, &end) = (self.from.get(paragraph)?, self.from.get(paragraph + 1)?);
        self.all.get(start as usize..end as usize)
    }
}

/// One document's acronyms and definitions.
pub(super) struct Document<'a> {
    text: &'a str,
    registry: &'a Registry,
    index: &'a Index,
    /// Every paragraph, in order.
    paragraphs: Vec<Paragraph<'a>>,
    /// Capitals that are a family name somewhere in the document: nowhere an acronym.
    names: FastSet<&'a str>,
    definitions: Vec<Definition<'a>>,
    /// The first definition of each acronym (an index of `definitions`).
    first_definition: FastMap<&'a str, usize>,
    /// The first definition of each acronym that gives a meaning.
    first_meaning: FastMap<&'a str, usize>,
}

impl<'a> Document<'a> {
    pub fn new<'p: 'a>(
        cx: &Context<'a>,
        index: &'a Index,
        scanned: &Paragraphs<'p>,
    ) -> Document<'a> {
        let text = cx.text;
        let paragraphs: Vec<Paragraph<'a>> = (0..scanned.len())
            .map(|i| Paragraph {
                start: scanned.start(i),
                facts: scanned.facts::<ParagraphFacts>(i),
                was: scanned.was(i),
            })
            .collect();
        let names = paragraphs
            .iter()
            .filter_map(|p| Some((p.start, p.facts?)))
            .flat_map(|(start, facts)| facts.names.iter().map(move |n| &text[n.at(start)]))
            .collect();
        let mut document = Document {
            text,
            registry: cx.registry,
            index,
            paragraphs,
            names,
            definitions: Vec::new(),
            first_definition: FastMap::default(),
            first_meaning: FastMap::default(),
        };
        document.definitions = document.find_definitions();
        for (i, d) in document.definitions.iter().enumerate() {
            document.first_definition.entry(d.key).or_insert(i);
            if d.meaning.is_some() {
                document.first_meaning.entry(d.key).or_insert(i);
            }
        }
        document
    }

    /// Decides paragraph by paragraph: what is written about a paragraph whose facts and
    /// reasons are what they were in `last` is taken over, the rest is written anew.
    pub fn decide(&self, mut last: Option<Last<'_>>) -> Decision {
        let was = |p: u32| self.paragraphs.get(p as usize).and_then(|p| p.was);
        let mut reasons = Reasons {
            all: Vec::new(),
            from: Vec::with_capacity(self.paragraphs.len() + 1),
        };
        let mut settled: FastSet<&str> = FastSet::default();
        let mut definitions = 0;
        let mut decision = Decision::with_capacity(self.paragraphs.len());
        for (p, paragraph) in self.paragraphs.iter().enumerate() {
            let from = reasons.all.len();
            reasons.from.push(from as u32);
            let Some(facts) = paragraph.facts else {
                decision.write(None);
                continue;
            };
            let own = self.definitions[definitions..]
                .iter()
                .take_while(|d| d.id.paragraph as usize == p)
                .count();
            let own = definitions..definitions + own;
            definitions = own.end;
            self.candidate_reasons(paragraph, facts, own.clone(), &mut reasons.all);
            self.use_reasons(
                paragraph,
                facts,
                own.clone(),
                &mut settled,
                &mut reasons.all,
            );
            let now = &reasons.all[from..];
            let kept = paragraph.was.filter(|&w| {
                let before = last.as_ref().and_then(|l| l.basis::<Reasons>()?.of(w));
                before.is_some_and(|before| {
                    now.len() == before.len() && now.iter().zip(before).all(|(a, b)| a.is(b, &was))
                })
            });
            match (kept, last.as_mut()) {
                (Some(w), Some(last)) => decision.keep(last, w),
                _ => decision.write(self.write(paragraph, facts, own, now)),
            }
        }
        reasons.from.push(reasons.all.len() as u32);
        decision.basis = Some(Box::new(reasons));
        decision
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

    fn def(&self, index: usize) -> Def {
        Def {
            id: self.definitions[index].id,
            index: index as u32,
        }
    }

    /// Every definition, in order. A place is recognised first by the registry's expansion of
    /// its acronym (decided when its paragraph was read), then by the words of an earlier
    /// definition, then by what its words say alone.
    fn find_definitions(&self) -> Vec<Definition<'a>> {
        let mut found = Vec::new();
        // The different expansions each acronym was given so far.
        let mut earlier: FastMap<&str, Vec<&str>> = FastMap::default();
        for (p, paragraph) in self.paragraphs.iter().enumerate() {
            let Some(facts) = paragraph.facts else {
                continue;
            };
            let start = paragraph.start;
            for (c, candidate) in facts.candidates.iter().enumerate() {
                let i = candidate.mention as usize;
                let Some(mention) = facts.mentions.get(i) else {
                    continue;
                };
                if self.is_name(start, mention) {
                    continue;
                }
                let key = self.key(start, mention);
                let placed = |made, expansion, norms, meaning, belongs_to| Definition {
                    id: DefinitionId {
                        paragraph: p as u32,
                        candidate: c as u32,
                        made,
                    },
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
                    (Some(r), _) => placed(
                        Made::Again(r.expansion.start),
                        Some(r.expansion.at(start)),
                        r.norms,
                        Some(r.meaning),
                        None,
                    ),
                    (None, Some(f)) => placed(
                        Made::Alone,
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

    /// The reasons of a paragraph's candidates; `own` are its definitions (in `definitions`).
    fn candidate_reasons(
        &self,
        paragraph: &Paragraph,
        facts: &ParagraphFacts,
        own: Range<usize>,
        reasons: &mut Vec<Reason>,
    ) {
        let mut own = own.peekable();
        for c in 0..facts.candidates.len() {
            let Some(d) = own.next_if(|&d| self.definitions[d].id.candidate as usize == c) else {
                reasons.push(Reason::NoDefinition);
                continue;
            };
            let definition = &self.definitions[d];
            let first = self
                .first_definition
                .get(definition.key)
                .map(|&f| self.def(f));
            let first_meaning = self.first_meaning.get(definition.key).copied();
            let points_at = first_meaning
                .filter(|&f| self.redefinition(f, definition).is_some())
                .map(|f| self.definitions[f].site.start as isize - paragraph.start as isize);
            reasons.push(Reason::Definition {
                made: definition.id.made,
                first,
                first_meaning: first_meaning.map(|f| self.def(f)),
                points_at,
            });
        }
    }

    /// The reasons of a paragraph's mentions: what each draws as the first use of its acronym
    /// (`settled` are the acronyms whose first use came before), and its acronym's first
    /// definition.
    fn use_reasons(
        &self,
        paragraph: &Paragraph,
        facts: &ParagraphFacts,
        own: Range<usize>,
        settled: &mut FastSet<&'a str>,
        reasons: &mut Vec<Reason>,
    ) {
        let start = paragraph.start;
        let mut sites = self.definitions[own].iter().map(|d| d.mention).peekable();
        for (i, mention) in facts.mentions.iter().enumerate() {
            if self.is_name(start, mention) {
                reasons.push(Reason::Name);
                continue;
            }
            let is_site = sites.next_if(|&m| m == i).is_some();
            let key = self.key(start, mention);
            let first = self.first_definition.get(key).copied();
            let known = self.entry(mention).is_some_and(|a| a.known);
            let counts = !(is_site || known || (mention.weak && first.is_none()));
            let draws = if !(counts && settled.insert(key)) {
                Draws::Nothing
            } else {
                match first.map(|d| &self.definitions[d]) {
                    Some(d) if d.site.start < mention.span.at(start).start => Draws::Nothing,
                    Some(_) => Draws::UsedBeforeDefinition,
                    None => Draws::NeverDefined,
                }
            };
            let points_at = first
                .filter(|_| draws == Draws::UsedBeforeDefinition)
                .map(|d| self.definitions[d].site.start as isize - start as isize);
            reasons.push(Reason::Use {
                draws,
                first: first.map(|d| self.def(d)),
                points_at,
            });
        }
    }

    /// Writes what is decided about a paragraph, from its facts, its definitions `own` and
    /// its reasons: definitions whose words are another acronym's, definitions that mean
    /// something else than the first, then first uses before a definition or without one,
    /// and what each acronym stands for in hovers.
    fn write(
        &self,
        paragraph: &Paragraph,
        facts: &ParagraphFacts,
        own: Range<usize>,
        reasons: &[Reason],
    ) -> Option<Arc<Decided>> {
        let mut out = Output::default();
        let (candidates, uses) = reasons.split_at(facts.candidates.len().min(reasons.len()));
        let first_of = |reason: &Reason| match reason {
            Reason::Definition { first, .. } | Reason::Use { first, .. } => {
                first.map(|f| &self.definitions[f.index as usize])
            }
            _ => None,
        };
        let defined = || {
            candidates
                .iter()
                .filter(|r| matches!(r, Reason::Definition { .. }))
                .zip(&self.definitions[own.clone()])
        };
        for (reason, d) in defined() {
            self.report_wrong_definition(d, first_of(reason), &mut out);
        }
        for (reason, d) in defined() {
            if let Reason::Definition {
                first_meaning: Some(f),
                ..
            } = reason
            {
                self.report_redefinition(f.index as usize, d, first_of(reason), &mut out);
            }
        }
        let start = paragraph.start;
        for (mention, reason) in facts.mentions.iter().zip(uses) {
            let Reason::Use { draws, .. } = reason else {
                continue;
            };
            let used = Use {
                span: mention.span.at(start),
                key: self.key(start, mention),
                entry: self.entry(mention),
                entry_id: mention.entry(),
                weak: mention.weak,
            };
            let first = first_of(reason);
            match (draws, first) {
                (Draws::UsedBeforeDefinition, Some(d)) => {
                    out.push(self.used_before_definition(&used, d))
                }
                (Draws::NeverDefined, _) => out.push(self.never_defined(&used)),
                _ => {}
            }
            self.annotate(&used, first, &mut out);
        }
        rules::decided(start, out)
    }

    /// What an acronym stands for here: its first definition `first`, else the registry's
    /// first expansion.
    fn expansion_of(&self, first: Option<&Definition>, entry: Option<&Acronym>) -> Option<String> {
        let defined = first
            .filter(|d| d.belongs_to.is_none())
            .and_then(|d| d.expansion.clone())
            .map(|span| self.written(&span).to_string());
        defined.or_else(|| entry.and_then(|a| a.expansions.first().cloned()))
    }

    fn subject(&self, key: &str, entry: Option<&Acronym>, first: Option<&Definition>) -> Subject {
        Subject::Acronym {
            short: key.to_string(),
            expansion: self.expansion_of(first, entry),
        }
    }

    /// "United Nations Security Council (UNGA)"; `first` is the acronym's first definition.
    fn report_wrong_definition(
        &self,
        d: &Definition,
        first: Option<&Definition>,
        out: &mut Output,
    ) {
        let (Some(other), Some(words)) = (d.belongs_to, &d.expansion) else {
            return;
        };
        let words = self.written(words);
        let own = d
            .entry
            .and_then(|a| a.expansions.first())
            .map(|e| format!(" ({} is {e})", d.key))
            .unwrap_or_default();
        let message = format!("'{words}' is {}, not {}{own}", other.short, d.key);
        let mut finding = Finding::new(&CONFLICT, d.site.clone(), message)
            .with_subject(self.subject(d.key, d.entry, first));
        if self.written(&d.site) == d.key {
            finding = finding.with_fix(Fix::replace_with(other.short.as_str()));
        }
        out.push(finding);
    }

    /// The words of the first definition that gave a meaning (`first_meaning`, an index of
    /// `definitions`) and of `later`, when `later` means something else.
    fn redefinition<'d>(
        &'d self,
        first_meaning: usize,
        later: &'d Definition,
    ) -> Option<(&'d Range<usize>, &'d Range<usize>)> {
        let first = &self.definitions[first_meaning];
        let meaning = later.meaning?;
        let differs = first.meaning.is_some_and(|m| !same_meaning(m, meaning));
        if !differs {
            return None;
        }
        Some((first.expansion.as_ref()?, later.expansion.as_ref()?))
    }

    /// A definition that means something else than the first that gave a meaning;
    /// `first_definition` is the acronym's first definition.
    fn report_redefinition(
        &self,
        first_meaning: usize,
        later: &Definition,
        first_definition: Option<&Definition>,
        out: &mut Output,
    ) {
        let Some((first_words, later_words)) = self.redefinition(first_meaning, later) else {
            return;
        };
        let message = format!(
            "'{}' was spelt out as '{}' before; here it is '{}'",
            later.key,
            self.written(first_words),
            self.written(later_words)
        );
        let site = self.definitions[first_meaning].site.clone();
        out.push(
            Finding::new(&CONFLICT, later.site.clone(), message)
                .with_subject(self.subject(later.key, later.entry, first_definition))
                .with_related(site, "first spelt out here"),
        );
    }

    /// `d` is the acronym's first definition, after the use.
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
            .with_subject(self.subject(used.key, used.entry, Some(d)))
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
            .with_subject(self.subject(used.key, used.entry, None));
        for expansion in expansions {
            let replacement = format!("{expansion} ({written})");
            finding = finding.with_fix(Fix {
                title: format!("Spell out as '{replacement}'"),
                replacement,
            });
        }
        finding
    }

    /// Hovers: what an acronym stands for, where that is known; `first` is its first
    /// definition.
    fn annotate(&self, used: &Use, first: Option<&Definition>, out: &mut Output) {
        if used.weak && first.is_none() {
            return;
        }
        if let Some(expansion) = self.expansion_of(first, used.entry) {
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
