//! What the whole-document decision of the person check needs of each paragraph, and that
//! decision: which person a family name alone stands for once earlier paragraphs have
//! introduced people ("Toshimitsu Motegi arrived. ... Later Motegi spoke").
//!
//! A paragraph's scan resolves every mention it can alone and records, in order, the people
//! those mentions introduce. A mention whose person depends on who was introduced before it
//! keeps its candidates, each with the findings it would draw, worked out in the scan:
//! [`decide`] only picks among them, in time proportional to the facts.

use crate::registry::{PersonId, Registry};
use crate::rules::{Finding, Output, Scanned, Subject};
use std::ops::Range;

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

    /// The candidate of `pool` introduced last, and where.
    fn latest<'a>(&'a self, pool: &'a [Outcome]) -> Option<(&'a Outcome, &'a Range<usize>)> {
        pool.iter()
            .filter_map(|c| self.get(c.person).map(|i| (c, i)))
            .max_by_key(|(_, (order, _))| *order)
            .map(|(c, (_, span))| (c, span))
    }
}

/// Walks every paragraph's facts in order: resolves what depends on introductions and writes
/// its findings and annotations, in document offsets.
pub fn decide(registry: &Registry, paragraphs: &[Scanned<'_>], out: &mut Output) {
    let mut intros = Introductions::new(registry.people.len());
    for paragraph in paragraphs {
        let Some(facts) = paragraph.facts::<ParagraphFacts>() else {
            continue;
        };
        let by = paragraph.start;
        for fact in &facts.facts {
            let span = fact.span.start + by..fact.span.end + by;
            match &fact.kind {
                FactKind::Introduces(person) => intros.introduce(*person, span),
                FactKind::Latest(latest) => {
                    let pool = &latest.candidates[..latest.pool];
                    if let Some((chosen, at)) = intros.latest(pool) {
                        let name = &registry.person(chosen.person).name;
                        chosen.emit(by, &span, Some((at, name)), out);
                    } else if let Some(k) = latest.fallback {
                        let chosen = &latest.candidates[k];
                        chosen.emit(by, &span, None, out);
                        intros.introduce(chosen.person, span);
                    }
                }
                FactKind::MisspeltIfIntroduced(candidates) => {
                    if let Some(meant) = meant(candidates, &intros) {
                        out.push(meant.finding.shifted(by));
                        intros.introduce(meant.person, span);
                    }
                }
            }
        }
    }
}

/// The one person a misspelt family name points at, with the introductions so far.
fn meant<'a>(candidates: &'a [NearCandidate], intros: &Introductions) -> Option<&'a NearCandidate> {
    let evident = candidates
        .iter()
        .filter(|c| c.by_title || intros.contains(c.person));
    let person = single(evident.clone().map(|c| c.person))?;
    evident.clone().find(|c| c.person == person)
}

/// The one person of `people`, named once or more, if there is one.
pub fn single(mut people: impl Iterator<Item = PersonId>) -> Option<PersonId> {
    let first = people.next()?;
    people.all(|p| p == first).then_some(first)
}
