//! The whole-document decision, from the paragraphs' facts alone: which definition of each
//! acronym comes first, which acronyms are used before it or never spelt out, which definitions
//! conflict, and what each acronym stands for in hovers.
//!
//! The decision walks a compact copy of every paragraph's facts ([`Mirror`]), whose strings
//! (acronyms, capitals as written, the words of definitions) are numbered once per document
//! ([`Strings`]): after an edit only the changed paragraphs' facts are read, and the walk
//! compares numbers. What it decided for each paragraph is kept with its reasons: a paragraph
//! whose facts and reasons are as they were keeps what was written about it. The text is read
//! only at the spans that a finding quotes.

use super::facts::ParagraphFacts;
use super::index::Index;
use super::{CONFLICT, UNDEFINED, same_meaning};
use crate::hash::{FastMap, FastSet};
use crate::registry::{Acronym, Registry};
use crate::rules::by_paragraph::{self, ByParagraph, Copies};
use crate::rules::{
    self, Context, Decided, Decision, Finding, Fix, Last, Output, Paragraphs, Subject,
};
use std::ops::Range;
use std::sync::Arc;

/// The strings the decision compares, each numbered once for a document (and kept from one
/// decision to the next, so that the numbers of unchanged paragraphs hold).
#[derive(Clone)]
struct Strings {
    ids: FastMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

/// The number of the empty string.
const EMPTY: u32 = 0;

impl Default for Strings {
    fn default() -> Strings {
        let mut strings = Strings {
            ids: FastMap::default(),
            texts: Vec::new(),
        };
        strings.id("");
        strings
    }
}

impl Strings {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    fn text(&self, id: u32) -> &str {
        self.texts.get(id as usize).map_or("", |t| t)
    }
}

/// A mention as the decision reads it.
#[derive(Debug, Clone, Copy)]
struct MentionStep {
    /// Relative to the paragraph.
    start: u32,
    end: u32,
    key: u32,
    /// The capitals as written (what a family name is compared with).
    written: u32,
    /// The registry's acronym, or `u32::MAX`.
    entry: u32,
    weak: bool,
}

impl MentionStep {
    fn entry(&self) -> Option<usize> {
        (self.entry != u32::MAX).then_some(self.entry as usize)
    }

    fn span(&self, start: usize) -> Range<usize> {
        start + self.start as usize..start + self.end as usize
    }
}

/// A place that may spell an acronym out, as the decision reads it.
#[derive(Debug, Clone, Copy)]
struct CandidateStep {
    /// Index of the mention in its paragraph.
    mention: u32,
    found: Option<FoundStep>,
    /// Whether an earlier definition's words are to be looked for in its words.
    again: bool,
}

/// What a candidate's words say alone (see `facts::Found`).
#[derive(Debug, Clone, Copy)]
struct FoundStep {
    /// Relative to the paragraph.
    expansion: Option<(u32, u32)>,
    norms: u32,
    meaning: Option<u32>,
    belongs_to: Option<u32>,
}

/// Every paragraph's acronym facts in one contiguous copy.
#[derive(Default, Clone)]
struct Mirror {
    mentions: ByParagraph<MentionStep>,
    /// Capitals that are a family name in a paragraph.
    names: ByParagraph<u32>,
    candidates: ByParagraph<CandidateStep>,
}

impl Mirror {
    /// Room for `paragraphs` paragraphs, and about as many facts as `last` had.
    fn like(last: Option<&Mirror>, paragraphs: usize) -> Mirror {
        Mirror {
            mentions: ByParagraph::like(last.map(|l| &l.mentions), paragraphs),
            names: ByParagraph::like(last.map(|l| &l.names), paragraphs),
            candidates: ByParagraph::like(last.map(|l| &l.candidates), paragraphs),
        }
    }

    /// Adds the next paragraph, starting at `start` of `text`, read from its facts.
    fn push_read(
        &mut self,
        text: &str,
        start: usize,
        facts: Option<&ParagraphFacts>,
        strings: &mut Strings,
    ) {
        self.mentions.start_paragraph();
        self.names.start_paragraph();
        self.candidates.start_paragraph();
        let Some(facts) = facts else {
            return;
        };
        for m in &facts.mentions {
            self.mentions.push(MentionStep {
                start: m.span.start,
                end: m.span.end,
                key: strings.id(&text[m.key_at(start)]),
                written: strings.id(&text[m.span.at(start)]),
                entry: m.entry().map_or(u32::MAX, |e| e as u32),
                weak: m.weak,
            });
        }
        for name in &facts.names {
            self.names.push(strings.id(&text[name.at(start)]));
        }
        for c in &facts.candidates {
            let found = c.found.as_ref().map(|f| FoundStep {
                expansion: f.expansion.map(|e| (e.start, e.end)),
                norms: strings.id(&f.norms),
                meaning: f.meaning.as_deref().map(|m| strings.id(m)),
                belongs_to: f.belongs_to,
            });
            self.candidates.push(CandidateStep {
                mention: c.mention,
                found,
                again: c.again.is_some(),
            });
        }
    }
}

impl Copies for Mirror {
    fn push_kept(&mut self, last: &Mirror, was: Range<usize>) -> bool {
        self.mentions.push_kept(&last.mentions, was.clone())
            && self.names.push_kept(&last.names, was.clone())
            && self.candidates.push_kept(&last.candidates, was)
    }
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
struct Definition {
    id: DefinitionId,
    /// The defined mention's index in its paragraph.
    mention: usize,
    key: u32,
    entry: Option<usize>,
    /// The acronym where it is defined.
    site: Range<usize>,
    /// The words that spell it out, when they are known.
    expansion: Option<Range<usize>>,
    /// The normalised words of the expansion joined by spaces, [`EMPTY`] when it is not one
    /// to recognise again.
    norms: u32,
    meaning: Option<u32>,
    /// The words are another acronym's registry expansion: that acronym (an index of
    /// `Registry::acronyms`).
    belongs_to: Option<usize>,
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

/// The basis of a decision: the facts it was made from, their strings, and its reasons.
#[derive(Default, Clone)]
struct Basis {
    strings: Strings,
    mirror: Mirror,
    /// Every paragraph's reasons.
    reasons: ByParagraph<Reason>,
}

/// One document's acronyms and definitions.
pub(super) struct Document<'a, 'p> {
    text: &'a str,
    registry: &'a Registry,
    index: &'a Index,
    paragraphs: &'a Paragraphs<'p>,
    strings: Strings,
    mirror: Mirror,
    /// Capitals that are a family name somewhere in the document: nowhere an acronym.
    names: FastSet<u32>,
    definitions: Vec<Definition>,
    /// The first definition of each acronym (an index of `definitions`).
    first_definition: FastMap<u32, usize>,
    /// The first definition of each acronym that gives a meaning.
    first_meaning: FastMap<u32, usize>,
}

/// Past this many strings for each mention, the numbering is started again: edits leave
/// strings no paragraph has any more.
const STRINGS_PER_MENTION: usize = 8;

/// Decides on a document's acronyms, paragraph by paragraph, from the last decision on it when
/// there is one.
pub(super) fn decide(
    cx: &Context<'_>,
    index: &Index,
    paragraphs: &Paragraphs<'_>,
    mut last: Option<Last<'_>>,
) -> Decision {
    let mut basis = last.as_mut().and_then(|l| {
        l.take_basis::<Basis>()
            .or_else(|| l.basis::<Basis>().map(|b| Box::new(b.clone())))
    });
    let document = Document::new(cx, index, paragraphs, basis.as_deref_mut());
    document.decide(last, basis.as_deref())
}

impl<'a, 'p> Document<'a, 'p> {
    /// The document's acronyms: every paragraph's facts as `last` had them where the
    /// paragraph is as it was, read from its facts where not. The strings are taken over
    /// from `last`.
    fn new<'c: 'a>(
        cx: &Context<'c>,
        index: &'a Index,
        paragraphs: &'a Paragraphs<'p>,
        last: Option<&mut Basis>,
    ) -> Document<'a, 'p> {
        let text = cx.text;
        let last = last.filter(|b| {
            b.strings.texts.len() <= STRINGS_PER_MENTION * b.mirror.mentions.all().len() + 4096
        });
        let (mut strings, last) = match last {
            Some(b) => (std::mem::take(&mut b.strings), Some(&*b)),
            None => (Strings::default(), None),
        };
        let last = last.map(|last| &last.mirror);
        let mut mirror = Mirror::like(last, paragraphs.len());
        by_paragraph::keep_or_read(paragraphs, &mut mirror, last, |mirror, i| {
            let facts = paragraphs.facts::<ParagraphFacts>(i);
            mirror.push_read(text, paragraphs.start(i), facts, &mut strings);
        });
        let names = mirror.names.all().iter().copied().collect();
        let mut document = Document {
            text,
            registry: cx.registry,
            index,
            paragraphs,
            strings,
            mirror,
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
    /// reasons are what they were in `last` (whose basis is `old`) is taken over, the rest is
    /// written anew.
    fn decide(self, mut last: Option<Last<'_>>, old: Option<&Basis>) -> Decision {
        let n = self.paragraphs.len();
        let was = |p: u32| {
            let p = p as usize;
            (p < n).then(|| self.paragraphs.was(p)).flatten()
        };
        let mut reasons = ByParagraph::like(old.map(|old| &old.reasons), n);
        let mut settled: FastSet<u32> = FastSet::default();
        let mut definitions = 0;
        let mut decision = Decision::with_capacity(n);
        for p in 0..n {
            reasons.start_paragraph();
            if self.mirror.mentions.of(p).is_empty() {
                // No acronym (a candidate is a mention too): nothing to write, nothing to keep.
                match (self.paragraphs.was(p), last.as_mut()) {
                    (Some(w), Some(last)) => decision.keep(last, w),
                    _ => decision.write(None),
                }
                continue;
            }
            let start = self.paragraphs.start(p);
            let own = self.definitions[definitions..]
                .iter()
                .take_while(|d| d.id.paragraph as usize == p)
                .count();
            let own = definitions..definitions + own;
            definitions = own.end;
            self.candidate_reasons(p, start, own.clone(), &mut reasons);
            self.use_reasons(p, start, own.clone(), &mut settled, &mut reasons);
            let now = reasons.current();
            let kept = self.paragraphs.was(p).filter(|&w| {
                old.is_some_and(|old| {
                    let before = old.reasons.of(w);
                    now.len() == before.len() && now.iter().zip(before).all(|(a, b)| a.is(b, &was))
                })
            });
            match (kept, last.as_mut()) {
                (Some(w), Some(last)) => decision.keep(last, w),
                _ if now.is_empty() => decision.write(None),
                _ => decision.write(self.write(p, start, own, now)),
            }
        }
        decision.basis = Some(Box::new(Basis {
            strings: self.strings,
            mirror: self.mirror,
            reasons,
        }));
        decision
    }

    fn written(&self, span: &Range<usize>) -> &'a str {
        &self.text[span.clone()]
    }

    fn key(&self, id: u32) -> &str {
        self.strings.text(id)
    }

    fn acronym(&self, entry: Option<usize>) -> Option<&'a Acronym> {
        entry.and_then(|e| self.registry.acronyms.get(e))
    }

    /// Whether the mention's capitals are a family name somewhere in the document.
    fn is_name(&self, mention: &MentionStep) -> bool {
        !self.names.is_empty() && self.names.contains(&mention.written)
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
    fn find_definitions(&mut self) -> Vec<Definition> {
        let mut found = Vec::new();
        // The different expansions each acronym was given so far.
        let mut earlier: FastMap<u32, Vec<u32>> = FastMap::default();
        for p in 0..self.paragraphs.len() {
            let start = self.paragraphs.start(p);
            for c in 0..self.mirror.candidates.of(p).len() {
                let candidate = self.mirror.candidates.of(p)[c];
                let i = candidate.mention as usize;
                let Some(mention) = self.mirror.mentions.of(p).get(i).copied() else {
                    continue;
                };
                if self.is_name(&mention) {
                    continue;
                }
                let placed = |made, expansion, norms, meaning, belongs_to| Definition {
                    id: DefinitionId {
                        paragraph: p as u32,
                        candidate: c as u32,
                        made,
                    },
                    mention: i,
                    key: mention.key,
                    entry: mention.entry(),
                    site: mention.span(start),
                    expansion,
                    norms,
                    meaning,
                    belongs_to,
                };
                let earlier_words = earlier.get(&mention.key).filter(|_| candidate.again);
                let recognised = match earlier_words {
                    Some(words) => self.recognise(p, c, words),
                    None => None,
                };
                let definition = match (recognised, &candidate.found) {
                    (Some((made, expansion, norms, meaning)), _) => {
                        placed(made, Some(expansion), norms, Some(meaning), None)
                    }
                    (None, Some(f)) => placed(
                        Made::Alone,
                        f.expansion
                            .map(|(a, b)| start + a as usize..start + b as usize),
                        f.norms,
                        f.meaning,
                        f.belongs_to.map(|a| a as usize),
                    ),
                    (None, None) => continue,
                };
                if definition.norms != EMPTY {
                    let known = earlier.entry(mention.key).or_default();
                    if !known.contains(&definition.norms) {
                        known.push(definition.norms);
                    }
                }
                found.push(definition);
            }
        }
        found
    }

    /// Candidate `c` of paragraph `p` recognised by the first of the earlier definitions'
    /// words `earlier` that its words end with: how, its expansion, norms and meaning. Only
    /// this reads the paragraph's facts.
    fn recognise(
        &mut self,
        p: usize,
        c: usize,
        earlier: &[u32],
    ) -> Option<(Made, Range<usize>, u32, u32)> {
        let facts = self.paragraphs.facts::<ParagraphFacts>(p)?;
        let again = facts.candidates.get(c)?.again.as_ref()?;
        let r = earlier
            .iter()
            .find_map(|&words| again.recognise(self.strings.text(words)))?;
        let start = self.paragraphs.start(p);
        let (norms, meaning) = (r.norms.to_string(), r.meaning.to_string());
        Some((
            Made::Again(r.expansion.start),
            r.expansion.at(start),
            self.strings.id(&norms),
            self.strings.id(&meaning),
        ))
    }

    /// The reasons of paragraph `p`'s candidates; `own` are its definitions.
    fn candidate_reasons(
        &self,
        p: usize,
        start: usize,
        own: Range<usize>,
        reasons: &mut ByParagraph<Reason>,
    ) {
        let mut own = own.peekable();
        for c in 0..self.mirror.candidates.of(p).len() {
            let Some(d) = own.next_if(|&d| self.definitions[d].id.candidate as usize == c) else {
                reasons.push(Reason::NoDefinition);
                continue;
            };
            let definition = &self.definitions[d];
            let first = self
                .first_definition
                .get(&definition.key)
                .map(|&f| self.def(f));
            let first_meaning = self.first_meaning.get(&definition.key).copied();
            let points_at = first_meaning
                .filter(|&f| self.redefinition(f, definition).is_some())
                .map(|f| self.definitions[f].site.start as isize - start as isize);
            reasons.push(Reason::Definition {
                made: definition.id.made,
                first,
                first_meaning: first_meaning.map(|f| self.def(f)),
                points_at,
            });
        }
    }

    /// The reasons of paragraph `p`'s mentions: what each draws as the first use of its
    /// acronym (`settled` are the acronyms whose first use came before), and its acronym's
    /// first definition.
    fn use_reasons(
        &self,
        p: usize,
        start: usize,
        own: Range<usize>,
        settled: &mut FastSet<u32>,
        reasons: &mut ByParagraph<Reason>,
    ) {
        let mut sites = self.definitions[own].iter().map(|d| d.mention).peekable();
        for (i, mention) in self.mirror.mentions.of(p).iter().enumerate() {
            if self.is_name(mention) {
                reasons.push(Reason::Name);
                continue;
            }
            let is_site = sites.next_if(|&m| m == i).is_some();
            let first = self.first_definition.get(&mention.key).copied();
            let known = self.acronym(mention.entry()).is_some_and(|a| a.known);
            let counts = !(is_site || known || (mention.weak && first.is_none()));
            let draws = if !(counts && settled.insert(mention.key)) {
                Draws::Nothing
            } else {
                match first.map(|d| &self.definitions[d]) {
                    Some(d) if d.site.start < mention.span(start).start => Draws::Nothing,
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

    /// Writes what is decided about paragraph `p`, from its facts, its definitions `own` and
    /// its reasons: definitions whose words are another acronym's, definitions that mean
    /// something else than the first, then first uses before a definition or without one,
    /// and what each acronym stands for in hovers.
    fn write(
        &self,
        p: usize,
        start: usize,
        own: Range<usize>,
        reasons: &[Reason],
    ) -> Option<Arc<Decided>> {
        let mut out = Output::default();
        let candidates = self.mirror.candidates.of(p).len();
        let (candidates, uses) = reasons.split_at(candidates.min(reasons.len()));
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
        for (mention, reason) in self.mirror.mentions.of(p).iter().zip(uses) {
            let Reason::Use { draws, .. } = reason else {
                continue;
            };
            let used = Use {
                span: mention.span(start),
                key: self.key(mention.key),
                entry: self.acronym(mention.entry()),
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
        defined.or_else(|| entry.and_then(|a| a.expansions.first().map(|e| e.to_string())))
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
        let Some(other) = self.acronym(Some(other)) else {
            return;
        };
        let (words, key, entry) = (self.written(words), self.key(d.key), self.acronym(d.entry));
        let own = entry
            .and_then(|a| a.expansions.first())
            .map(|e| format!(" ({key} is {e})"))
            .unwrap_or_default();
        let message = format!("'{words}' is {}, not {key}{own}", other.short);
        let mut finding = Finding::new(&CONFLICT, d.site.clone(), message)
            .with_subject(self.subject(key, entry, first));
        if self.written(&d.site) == key {
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
        let meaning = self.strings.text(meaning);
        let differs = first
            .meaning
            .is_some_and(|m| !same_meaning(self.strings.text(m), meaning));
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
        let key = self.key(later.key);
        let message = format!(
            "'{key}' was spelt out as '{}' before; here it is '{}'",
            self.written(first_words),
            self.written(later_words)
        );
        let site = self.definitions[first_meaning].site.clone();
        let entry = self.acronym(later.entry);
        out.push(
            Finding::new(&CONFLICT, later.site.clone(), message)
                .with_subject(self.subject(key, entry, first_definition))
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
