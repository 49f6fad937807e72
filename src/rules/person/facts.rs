//! What the whole-document decision of the person check needs of each paragraph, and that
//! decision: which person a family name alone stands for once earlier paragraphs have
//! introduced people ("Toshimitsu Motegi arrived. ... Later Motegi spoke").
//!
//! A paragraph's scan resolves every mention it can alone and records, in order, the people
//! those mentions introduce. A mention whose person depends on who was introduced before it
//! keeps its candidates, each with the findings it would draw, worked out in the scan:
//! [`decide_paragraphs`] only picks among them, in time proportional to the facts. What it
//! picked for a paragraph is kept: after an edit, a paragraph whose facts and picks are as they
//! were keeps what was written about it, and only the others are written again.

use crate::registry::{PersonId, Registry};
use crate::rules::{self, Decided, Decision, Finding, Output, Scanned, Subject};
use std::ops::Range;
use std::sync::Arc;

/// One paragraph's mentions that introduce someone or depend on who was introduced, in order.
#[derive(Default)]
pub struct ParagraphFacts {
    pub facts: Vec<Fact>,
}

pub struct Fact {
    /// The mention, relative to the paragraph.
    pub span: Range<usize>,
    pub kind: FactKind,
}

pub enum FactKind {
    /// Resolved alone: later family names may stand for this person.
    Introduces(PersonId),
    /// The latest introduced of some candidates, else one that needs no introduction.
    Latest(Box<Latest>),
    /// A misspelt family name after an honorific, whose evidence may be an earlier mention
    /// ("Mr. Motegy" after "Toshimitsu Motegi").
    MisspeltIfIntroduced(Box<[NearCandidate]>),
}

/// A person the mention may name, and what the mention draws if it names them.
pub struct Outcome {
    pub person: PersonId,
    /// Relative to the paragraph.
    pub findings: Vec<Finding>,
    /// Whether hovers show the person (nothing wrong with the title).
    pub annotate: bool,
}

impl Outcome {
    /// Writes the outcome `by` bytes further on, pointing at the introduction it relies on.
    fn emit(
        &self,
        by: usize,
        span: &Range<usize>,
        introduced_at: Option<(&Range<usize>, &str)>,
        out: &mut Output,
    ) {
        if self.annotate {
            out.annotate(span.clone(), Subject::Person(self.person));
        }
        for f in &self.findings {
            let mut f = f.shifted(by);
            if let Some((at, name)) = introduced_at {
                f = f.with_related(at.clone(), format!("{name} is introduced here"));
            }
            out.push(f);
        }
    }
}

pub struct Latest {
    /// The first `pool` are the candidates an introduction decides between; one more may
    /// follow as the fallback.
    pub candidates: Vec<Outcome>,
    pub pool: usize,
    /// Index of the candidate named when none of the pool was introduced.
    pub fallback: Option<usize>,
}

/// A person a misspelt family name may stand for.
pub struct NearCandidate {
    pub person: PersonId,
    /// A title they held or their country stands with the name: evidence without an
    /// introduction.
    pub by_title: bool,
    /// `person/misspelled` for them, relative to the paragraph.
    pub finding: Finding,
}

/// The latest full mention of each person, in document offsets.
struct Introductions {
    /// By person: when (the count of introductions so far) and where they were last
    /// introduced. Indexed by person rather than hashed: this runs for every mention of the
    /// document on every edit.
    by_person: Vec<Option<(usize, Range<usize>)>>,
    /// Counts the introductions: the latest wins.
    order: usize,
}

impl Introductions {
    fn new(people: usize) -> Introductions {
        Introductions {
            by_person: vec![None; people],
            order: 0,
        }
    }

    fn get(&self, person: PersonId) -> Option<&(usize, Range<usize>)> {
        self.by_person.get(person.0 as usize)?.as_ref()
    }

    fn introduce(&mut self, person: PersonId, span: Range<usize>) {
        self.order += 1;
        if let Some(slot) = self.by_person.get_mut(person.0 as usize) {
            *slot = Some((self.order, span));
        }
    }

    fn contains(&self, person: PersonId) -> bool {
        self.get(person).is_some()
    }

    /// The index in `pool` of the candidate introduced last, and where.
    fn latest<'a>(&'a self, pool: &[Outcome]) -> Option<(usize, &'a Range<usize>)> {
        pool.iter()
            .enumerate()
            .filter_map(|(k, c)| self.get(c.person).map(|i| (k, i)))
            .max_by_key(|(_, (order, _))| *order)
            .map(|(k, (_, span))| (k, span))
    }
}

/// What a fact that depends on introductions came to: all that is written about it beyond its
/// own facts depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// `Latest`: the candidate of the pool introduced last, and where that introduction is
    /// relative to the paragraph's start (start, length) when the candidate's findings point
    /// at it.
    Introduced {
        candidate: u32,
        at: Option<(isize, usize)>,
    },
    /// `Latest` with none of the pool introduced: its fallback, if it has one.
    Fallback(Option<u32>),
    /// `MisspeltIfIntroduced`: the candidate meant, if one is.
    Meant(Option<u32>),
}

/// Every paragraph's choices, kept as the basis of a decision.
#[derive(Default)]
struct Choices {
    all: Vec<Choice>,
    /// Where each paragraph's choices start in `all`, and then where the last ends.
    from: Vec<u32>,
}

impl Choices {
    fn of(&self, paragraph: usize) -> Option<&[Choice]> {
        let (&start, &end) = (self.from.get(paragraph)?, self.from.get(paragraph + 1)?);
        self.all.get(start as usize..end as usize)
    }
}

/// Walks every paragraph's facts in order, choosing for each fact that depends on
/// introductions; writes its findings and annotations paragraph by paragraph, in document
/// offsets, taking over what `last` wrote about a paragraph whose facts and choices are as
/// they were there.
pub fn decide_paragraphs(
    registry: &Registry,
    paragraphs: &[Scanned<'_>],
    last: Option<&Decision>,
) -> Decision {
    let last_choices = last.and_then(|l| l.basis::<Choices>());
    let mut intros = Introductions::new(registry.people.len());
    let mut choices = Choices {
        all: Vec::new(),
        from: Vec::with_capacity(paragraphs.len() + 1),
    };
    let mut written = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let from = choices.all.len();
        choices.from.push(from as u32);
        let Some(facts) = paragraph.facts::<ParagraphFacts>() else {
            written.push(None);
            continue;
        };
        for fact in &facts.facts {
            if let Some(choice) = choose(&mut intros, paragraph.start, fact) {
                choices.all.push(choice);
            }
        }
        let chosen = &choices.all[from..];
        let kept = paragraph.was.and_then(|was| {
            let (last, before) = (last?, last_choices?.of(was)?);
            (before == chosen).then(|| last.written(was).cloned())
        });
        written.push(kept.unwrap_or_else(|| write(registry, paragraph.start, facts, chosen)));
    }
    choices.from.push(choices.all.len() as u32);
    Decision {
        paragraphs: written,
        basis: Some(Box::new(choices)),
    }
}

/// What `fact`, of a paragraph starting at `by`, comes to with the introductions so far (which
/// it may add to); `None` for a fact that introduces someone and is all it does.
fn choose(intros: &mut Introductions, by: usize, fact: &Fact) -> Option<Choice> {
    let span = fact.span.start + by..fact.span.end + by;
    match &fact.kind {
        FactKind::Introduces(person) => {
            intros.introduce(*person, span);
            None
        }
        FactKind::Latest(latest) => {
            let pool = &latest.candidates[..latest.pool];
            if let Some((k, at)) = intros.latest(pool) {
                let points_there = !pool[k].findings.is_empty();
                let relative = (at.start as isize - by as isize, at.len());
                return Some(Choice::Introduced {
                    candidate: k as u32,
                    at: points_there.then_some(relative),
                });
            }
            if let Some(k) = latest.fallback {
                intros.introduce(latest.candidates[k].person, span);
            }
            Some(Choice::Fallback(latest.fallback.map(|k| k as u32)))
        }
        FactKind::MisspeltIfIntroduced(candidates) => {
            let meant = meant(candidates, intros);
            if let Some(k) = meant {
                intros.introduce(candidates[k].person, span);
            }
            Some(Choice::Meant(meant.map(|k| k as u32)))
        }
    }
}

/// Writes the findings and annotations of a paragraph starting at `by`, from its facts and the
/// choices made for them.
fn write(
    registry: &Registry,
    by: usize,
    facts: &ParagraphFacts,
    choices: &[Choice],
) -> Option<Arc<Decided>> {
    let mut out = Output::default();
    let mut choices = choices.iter();
    for fact in &facts.facts {
        if let FactKind::Introduces(_) = fact.kind {
            continue;
        }
        let span = fact.span.start + by..fact.span.end + by;
        match (&fact.kind, choices.next()) {
            (FactKind::Latest(latest), Some(Choice::Introduced { candidate, at })) => {
                let chosen = &latest.candidates[*candidate as usize];
                let at = at.map(|(start, len)| {
                    let start = (by as isize + start) as usize;
                    start..start + len
                });
                let name = &registry.person(chosen.person).name;
                chosen.emit(
                    by,
                    &span,
                    at.as_ref().map(|at| (at, name.as_str())),
                    &mut out,
                );
            }
            (FactKind::Latest(latest), Some(Choice::Fallback(Some(k)))) => {
                latest.candidates[*k as usize].emit(by, &span, None, &mut out);
            }
            (FactKind::MisspeltIfIntroduced(candidates), Some(Choice::Meant(Some(k)))) => {
                out.push(candidates[*k as usize].finding.shifted(by));
            }
            _ => {}
        }
    }
    rules::decided(by, out)
}

/// The one person a misspelt family name points at, with the introductions so far: the index
/// of their candidate.
fn meant(candidates: &[NearCandidate], intros: &Introductions) -> Option<usize> {
    let evident = || {
        candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.by_title || intros.contains(c.person))
    };
    let person = single(evident().map(|(_, c)| c.person))?;
    evident().find(|(_, c)| c.person == person).map(|(k, _)| k)
}

/// The one person of `people`, named once or more, if there is one.
pub fn single(mut people: impl Iterator<Item = PersonId>) -> Option<PersonId> {
    let first = people.next()?;
    people.all(|p| p == first).then_some(first)
}
