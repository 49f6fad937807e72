//! What the whole-document decision of the person check needs of each paragraph, and that
//! decision: which person a family name alone stands for once earlier paragraphs have
//! introduced people ("Toshimitsu Motegi arrived. ... Later Motegi spoke").
//!
//! A paragraph's scan resolves every mention it can alone and records, in order, the people
//! those mentions introduce. A mention whose person depends on who was introduced before it
//! keeps its candidates, each with the findings it would draw, worked out in the scan:
//! [`decide_paragraphs`] only picks among them, in time proportional to the facts.
//!
//! After an edit the decision is made again over the whole document, but from a compact copy
//! of every paragraph's facts kept with the last decision ([`Steps`]): only the paragraphs the
//! edit changed are read. What it picked for each paragraph is kept too: a paragraph whose
//! facts and picks are as they were keeps what was written about it, and only the others are
//! written again.

use crate::registry::{PersonId, Registry};
use crate::rules::by_paragraph::{self, ByParagraph, Copies};
use crate::rules::{self, Decided, Decision, Finding, Last, Output, Paragraphs, Subject};
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

    /// The index in `pool` of the person introduced last, and where.
    fn latest<'a>(&'a self, pool: &[Person]) -> Option<(usize, &'a Range<usize>)> {
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

/// A fact as the decision reads it: where it is (relative to its paragraph) and what it asks.
#[derive(Debug, Clone, Copy)]
struct Step {
    start: u32,
    len: u32,
    kind: StepKind,
}

#[derive(Debug, Clone, Copy)]
enum StepKind {
    Introduces(PersonId),
    /// The next `count` people are the candidates, the first `pool` those an introduction
    /// decides between; `fallback` indexes them.
    Latest {
        pool: u16,
        count: u16,
        fallback: Option<u16>,
    },
    /// The next `count` people are the candidates.
    MisspeltIfIntroduced {
        count: u16,
    },
}

/// A candidate of a step: the person, and for `Latest` whether naming them draws findings
/// (which point at the introduction), for `MisspeltIfIntroduced` whether a title or country
/// is evidence for them.
#[derive(Debug, Clone, Copy)]
struct Person {
    person: PersonId,
    flag: bool,
}

/// Every paragraph's facts as steps, in one contiguous list: the walk after an edit reads
/// this, and only the changed paragraphs' facts.
#[derive(Default)]
struct Steps {
    steps: ByParagraph<Step>,
    /// The candidates of each paragraph's steps, in order.
    people: ByParagraph<Person>,
}

impl Steps {
    fn with_capacity(paragraphs: usize) -> Steps {
        Steps {
            steps: ByParagraph::with_capacity(paragraphs),
            people: ByParagraph::with_capacity(paragraphs),
        }
    }

    /// Adds the next paragraph's steps, read from its facts.
    fn push_read(&mut self, facts: Option<&ParagraphFacts>) {
        self.steps.start_paragraph();
        self.people.start_paragraph();
        for fact in facts.map_or(&[][..], |f| &f.facts[..]) {
            let kind = match &fact.kind {
                FactKind::Introduces(person) => StepKind::Introduces(*person),
                FactKind::Latest(latest) => {
                    let people = latest.candidates.iter().map(|c| Person {
                        person: c.person,
                        flag: !c.findings.is_empty(),
                    });
                    self.people.extend(people);
                    StepKind::Latest {
                        pool: small(latest.pool),
                        count: small(latest.candidates.len()),
                        fallback: latest.fallback.map(small),
                    }
                }
                FactKind::MisspeltIfIntroduced(candidates) => {
                    let people = candidates.iter().map(|c| Person {
                        person: c.person,
                        flag: c.by_title,
                    });
                    self.people.extend(people);
                    StepKind::MisspeltIfIntroduced {
                        count: small(candidates.len()),
                    }
                }
            };
            self.steps.push(Step {
                start: offset(fact.span.start),
                len: offset(fact.span.len()),
                kind,
            });
        }
    }
}

impl Copies for Steps {
    fn push_kept(&mut self, last: &Steps, was: usize) -> bool {
        self.steps.push_kept(&last.steps, was) && self.people.push_kept(&last.people, was)
    }
}

/// A count of candidates, which the scan keeps to a handful.
fn small(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// An offset in a paragraph: paragraphs of 4 GiB are beyond what a document holds.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every paragraph's choices, kept with the steps as the basis of a decision.
#[derive(Default)]
struct Basis {
    steps: Steps,
    choices: ByParagraph<Choice>,
}

/// Walks every paragraph's facts in order, choosing for each fact that depends on
/// introductions; writes its findings and annotations paragraph by paragraph, in document
/// offsets, taking over what `last` wrote about a paragraph whose facts and choices are as
/// they were there.
pub fn decide_paragraphs(
    registry: &Registry,
    paragraphs: &Paragraphs<'_>,
    mut last: Option<Last<'_>>,
) -> Decision {
    let n = paragraphs.len();
    let steps = steps(paragraphs, last.as_ref().and_then(|l| l.basis::<Basis>()));
    let mut intros = Introductions::new(registry.people.len());
    let mut choices = ByParagraph::with_capacity(n);
    let mut decision = Decision::with_capacity(n);
    for i in 0..n {
        choices.start_paragraph();
        let start = paragraphs.start(i);
        let people = steps.people.of(i);
        let mut next = 0;
        for step in steps.steps.of(i) {
            let count = match step.kind {
                StepKind::Introduces(_) => 0,
                StepKind::Latest { count, .. } | StepKind::MisspeltIfIntroduced { count } => {
                    count as usize
                }
            };
            let candidates = people.get(next..next + count).unwrap_or_default();
            next += count;
            if let Some(choice) = choose(&mut intros, start, step, candidates) {
                choices.push(choice);
            }
        }
        let chosen = choices.current();
        let was = paragraphs.was(i).filter(|&was| {
            let before = last.as_ref().and_then(|l| l.basis::<Basis>());
            before.is_some_and(|before| before.choices.of(was) == chosen)
        });
        match (was, last.as_mut()) {
            (Some(was), Some(last)) => decision.keep(last, was),
            _ => {
                let facts = paragraphs.facts::<ParagraphFacts>(i);
                decision.write(facts.and_then(|f| write(registry, start, f, chosen)));
            }
        }
    }
    decision.basis = Some(Box::new(Basis { steps, choices }));
    decision
}

/// Every paragraph's steps: `last`'s for the paragraphs as they were, read from the facts of
/// the others.
fn steps(paragraphs: &Paragraphs<'_>, last: Option<&Basis>) -> Steps {
    let mut steps = Steps::with_capacity(paragraphs.len());
    let last = last.map(|last| &last.steps);
    by_paragraph::keep_or_read(paragraphs, &mut steps, last, |steps, i| {
        steps.push_read(paragraphs.facts::<ParagraphFacts>(i));
    });
    steps
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

/// What `step`, of a paragraph starting at `by`, comes to with the introductions so far (which
/// it may add to); `None` for a fact that introduces someone and is all it does.
fn choose(
    intros: &mut Introductions,
    by: usize,
    step: &Step,
    candidates: &[Person],
) -> Option<Choice> {
    let start = by + step.start as usize;
    let span = start..start + step.len as usize;
    match step.kind {
        StepKind::Introduces(person) => {
            intros.introduce(person, span);
            None
        }
        StepKind::Latest { pool, fallback, .. } => {
            let pool = &candidates[..(pool as usize).min(candidates.len())];
            if let Some((k, at)) = intros.latest(pool) {
                let relative = (at.start as isize - by as isize, at.len());
                return Some(Choice::Introduced {
                    candidate: k as u32,
                    at: pool[k].flag.then_some(relative),
                });
            }
            let fallback = fallback.filter(|&k| (k as usize) < candidates.len());
            if let Some(k) = fallback {
                intros.introduce(candidates[k as usize].person, span);
            }
            Some(Choice::Fallback(fallback.map(u32::from)))
        }
        StepKind::MisspeltIfIntroduced { .. } => {
            let meant = meant(candidates, intros);
            if let Some(k) = meant {
                intros.introduce(candidates[k].person, span);
            }
            Some(Choice::Meant(meant.map(|k| k as u32)))
        }
    }
}

/// The one person a misspelt family name points at, with the introductions so far: the index
/// of their candidate.
fn meant(candidates: &[Person], intros: &Introductions) -> Option<usize> {
    let evident = || {
        candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.flag || intros.contains(c.person))
    };
    let person = single(evident().map(|(_, c)| c.person))?;
    evident().find(|(_, c)| c.person == person).map(|(k, _)| k)
}

/// The one person of `people`, named once or more, if there is one.
pub fn single(mut people: impl Iterator<Item = PersonId>) -> Option<PersonId> {
    let first = people.next()?;
    people.all(|p| p == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::document::DocKind;
    use crate::engine::Report;
    use crate::rules::testing::assert_rechecks_alike;

    /// Where the report's wrong-office findings are, and the introductions they point at.
    fn wrong_offices(report: &Report) -> Vec<(usize, Vec<usize>)> {
        let wrong = report
            .diagnostics
            .iter()
            .filter(|d| d.finding.rule.id == super::super::WRONG_OFFICE.id);
        wrong
            .map(|d| {
                let related = d.finding.related.iter().map(|r| r.span.start).collect();
                (d.finding.span.start, related)
            })
            .collect()
    }

    #[test]
    fn an_introduction_decides_a_later_family_name_and_an_edit_after_it_leaves_that() {
        let start = "Toshimitsu Motegi arrived in Delhi.\n\nOfficials met.\n\nLater Prime \
Minister Motegi spoke.\n";
        let date = Some("2021-09-24".parse().unwrap());
        let edits = [
            // The full mention goes: the family name no longer points at it.
            ("Toshimitsu Motegi arrived", "He arrived"),
            // And comes back.
            ("He arrived", "Toshimitsu Motegi arrived"),
            // Edits after it: between it and the family name, then after the family name.
            ("Officials met.", "Officials met in the morning."),
            ("spoke.", "spoke briefly."),
        ];
        let reports =
            assert_rechecks_alike(start, DocKind::Plain, &Settings::default(), date, &edits);
        let seen: Vec<_> = reports.iter().map(wrong_offices).collect();
        let motegi = start.rfind("Motegi").unwrap();
        assert_eq!(seen[0], [(motegi, vec![0])]);
        // Without the introduction the title alone names him: nothing to point at.
        let without = motegi - "Toshimitsu Motegi".len() + "He".len();
        assert_eq!(seen[1], [(without, vec![])]);
        assert_eq!(seen[2], seen[0]);
        let moved = motegi + " in the morning".len();
        assert_eq!(seen[3], [(moved, vec![0])]);
        assert_eq!(seen[4], seen[3]);
    }
}
