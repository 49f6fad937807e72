//! Finding mentions of people as reports write them: a title (with the country that owns it,
//! modifiers that move it in time, compound parts and abbreviations in brackets), honorifics,
//! and the name — a listed form, a family name alone, or capitalised words the registry does
//! not know. "Yoshihide Suga, Prime Minister of Japan" carries its title after the name.

use super::lexicon::{Lexicon, Modifier};
use super::names::{FormRef, NameIndex};
use super::vocabulary::{Vocabulary, WordKind};
use super::words::{Words, gap_fits, is_space, trim};
use crate::registry::{Owner, PersonId};
use std::ops::Range;

/// One part of a title ("Deputy PM" and "Minister of Foreign Affairs" in "Deputy PM and
/// Minister of Foreign Affairs").
#[derive(Debug, Clone)]
pub struct TitlePart {
    pub span: Range<usize>,
    /// Index into the lexicon's title forms.
    pub form: usize,
}

/// A title phrase with what stands around it.
#[derive(Debug, Clone)]
pub struct TitleChain {
    pub parts: Vec<TitlePart>,
    /// The countries or organisations made explicit: "Japanese", "Japan's", "UN", "of Japan".
    pub owners: Vec<Owner>,
    /// The strongest modifier around the title ("former" wins over "acting").
    pub modifier: Option<Modifier>,
    /// Written with a capital: a title, not a lower-case description ("the foreign minister").
    pub capitalized: bool,
    /// Part of a longer title the lexicon does not know ("Senior Vice Minister for Foreign
    /// Affairs"): not checked.
    pub rejected: bool,
    /// Followed by "of" and something that is no country ("President of the company").
    pub of_other: bool,
    /// Word indices: from the first modifier or owner word to the last word of the chain.
    lead: usize,
    end: usize,
}

/// What the name of a mention was recognised as.
#[derive(Debug, Clone)]
pub enum Name {
    /// A listed full form (several when people share it), or a listed form with middle names
    /// the registry does not list.
    Known(Vec<FormRef>),
    /// The family name in capitals, then the given names ("MODI Narendra").
    FamilyFirst(PersonId),
    /// A family name alone; whose it is depends on the title and on earlier mentions.
    Family(Vec<PersonId>),
    /// Capitalised words the registry does not know: maybe a misspelling.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// The name as written.
    pub span: Range<usize>,
    /// Word indices of the name (inclusive).
    pub first: usize,
    pub last: usize,
    pub name: Name,
    /// Index into [`Found::chains`].
    pub title: Option<usize>,
    /// An honorific stands right before the name ("Mr.", "H.E.", "Sheikh").
    pub honorific: bool,
    /// The title is not claimed for the date: a year follows the name ("Suga (2020–2021)",
    /// "Abe's 2013 visit"), or the name is part of a place's or a prize's ("Sultan Qaboos
    /// University", "Queen Elizabeth II Conference Centre").
    pub dated: bool,
}

#[derive(Debug, Default)]
pub struct Found {
    pub chains: Vec<TitleChain>,
    pub mentions: Vec<Mention>,
}

/// What each word of the text was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Free,
    Title(usize),
    Honorific,
    Owner(usize),
    Name,
}

/// A title phrase at a word, with the country that may follow it ("of Japan"): its owners (in
/// the lexicon, copied only for the title chosen) and its last word.
struct TitleAt<'a> {
    len: usize,
    form: usize,
    of: Option<(&'a [Owner], usize)>,
    of_other: bool,
}

/// The indexes a text is read with.
#[derive(Clone, Copy)]
pub struct Indexes<'a> {
    pub vocabulary: &'a Vocabulary,
    pub lex: &'a Lexicon,
    pub names: &'a NameIndex,
}

struct Finder<'a> {
    vocabulary: &'a Vocabulary,
    lex: &'a Lexicon,
    names: &'a NameIndex,
    /// Read with `vocabulary` ([`Words::known`]).
    words: &'a Words<'a>,
    slots: Vec<Slot>,
    /// The owners of each owner phrase found, by [`Slot::Owner`].
    owners: Vec<&'a [Owner]>,
    found: Found,
}

/// Every title and every mention of a person in the text, whose words were read with the
/// indexes' vocabulary ([`Words::known`]).
#[cfg(test)]
pub fn find(indexes: Indexes, words: &Words) -> Found {
    let mut found = Found::default();
    find_into(indexes, words, &mut found, &mut Vec::new());
    found
}

/// [`find`] into `found` (emptied first), with `slots` as the room to mark what each word was
/// taken for: a paragraph read in the buffers of the last allocates only for what it finds.
pub fn find_into(indexes: Indexes, words: &Words, found: &mut Found, slots: &mut Vec<Slot>) {
    found.chains.clear();
    found.mentions.clear();
    slots.clear();
    slots.resize(words.len(), Slot::Free);
    let mut finder = Finder {
        vocabulary: indexes.vocabulary,
        lex: indexes.lex,
        names: indexes.names,
        words,
        slots: std::mem::take(slots),
        owners: Vec::new(),
        found: std::mem::take(found),
    };
    finder.classify();
    finder.collect_runs();
    finder.found.mentions.sort_by_key(|m| m.first);
    finder.attach_titles();
    *found = finder.found;
    *slots = finder.slots;
}

impl<'a> Finder<'a> {
    /// One pass, left to right: known full names, titles, honorifics and owners, the longest
    /// phrase winning where they compete.
    fn classify(&mut self) {
        let mut i = 0;
        while i < self.words.len() {
            // Each index is asked only where one of its phrases may start.
            let kind = self.words.kind(i);
            if !kind.has_any(WordKind::STARTS_PHRASE) {
                i += 1;
                continue;
            }
            let person = if kind.has(WordKind::STARTS_NAME) {
                self.full_name_at(i)
            } else {
                None
            };
            let title = if kind.has(WordKind::STARTS_TITLE) {
                self.title_at(i)
            } else {
                None
            };
            let title_len = title.as_ref().map_or(0, |t| t.len);
            let honorific = match kind.has(WordKind::STARTS_HONORIFIC) {
                true => self
                    .lex
                    .honorifics
                    .longest_at(self.words, i)
                    .map_or(0, |h| h.0),
                false => 0,
            };
            i = match (person, title) {
                (Some((n, forms)), _) if n > title_len && n > honorific => {
                    self.push_mention(i, i + n - 1, Name::Known(forms))
                }
                (_, Some(t)) if t.len >= honorific => self.push_chain(i, t),
                _ if honorific > 0 => {
                    self.fill(i, i + honorific, Slot::Honorific);
                    i + honorific
                }
                _ => self.owner_at(i).unwrap_or(i + 1),
            };
        }
    }

    /// A listed full name at word `i`, unless `i` continues a longer name ("Liaquat Ali Khan"
    /// is not "Ali Khan").
    fn full_name_at(&self, i: usize) -> Option<(usize, Vec<FormRef>)> {
        if i > 0 && self.continues_name(i) {
            return None;
        }
        let mut matches = self.names.full.matches_at(self.words, i);
        let (n, first) = matches.next()?;
        let mut forms = vec![*first];
        forms.extend(matches.take_while(|(m, _)| *m == n).map(|(_, f)| *f));
        Some((n, forms))
    }

    /// Whether word `i` follows a capitalised word that would make one name with it.
    fn continues_name(&self, i: usize) -> bool {
        let prev = i - 1;
        self.slots[prev] == Slot::Free
            && self.is_name_word(prev)
            && gap_fits(self.words.gap_before(i), "'", self.words.is_initial(prev))
            && !self.is_lead_word(prev)
    }

    /// A capitalised word, an initial, or a particle ("bin", "al", "de").
    fn is_name_word(&self, i: usize) -> bool {
        self.words.is_capitalized(i) || self.words.kind(i).has(WordKind::PARTICLE)
    }

    /// A capitalised word that begins a run of capitals without being a name: a weekday or
    /// month, or an ordinary word opening a sentence ("Then Motegi said").
    fn is_lead_word(&self, i: usize) -> bool {
        let kind = self.words.kind(i);
        kind.has(WordKind::CALENDAR)
            || (self.words.starts_sentence(i)
                && !kind.has(WordKind::NAME_WORD)
                && self.lex.is_english_at(self.vocabulary, self.words, i))
    }

    fn push_mention(&mut self, first: usize, last: usize, name: Name) -> usize {
        self.found.mentions.push(Mention {
            span: self.words.span_of(first, last),
            first,
            last,
            name,
            title: None,
            honorific: false,
            dated: false,
        });
        self.fill(first, last + 1, Slot::Name);
        last + 1
    }

    fn fill(&mut self, from: usize, to: usize, slot: Slot) {
        for s in &mut self.slots[from..to] {
            *s = slot;
        }
    }

    fn owner_at(&mut self, i: usize) -> Option<usize> {
        if !self.words.is_capitalized(i) {
            return None;
        }
        let (n, owners) = self.lex.owners.longest_at(self.words, i)?;
        let id = self.owners.len();
        self.owners.push(owners);
        self.fill(i, i + n, Slot::Owner(id));
        Some(i + n)
    }

    /// The title at word `i`. Where a shorter title followed by "of <country>" reaches as far
    /// as a longer one, the shorter wins: "President of the Republic of Korea" is the
    /// President of Korea, not a "President of the Republic".
    fn title_at(&self, i: usize) -> Option<TitleAt<'a>> {
        let mut best: Option<(usize, TitleAt)> = None;
        for (len, &form) in self.lex.titles.matches_at(self.words, i) {
            if !self.title_case_fits(i, len) {
                continue;
            }
            let of = self.of_owner(i + len);
            let of_other = of.is_none()
                && i + len < self.words.len()
                && self.words.raw(i + len) == "of"
                && is_space(self.words.gap_before(i + len));
            let reach = of.as_ref().map_or(i + len, |(_, last)| last + 1);
            let candidate = TitleAt {
                len,
                form,
                of,
                of_other,
            };
            if best.as_ref().is_none_or(|(r, _)| reach >= *r) {
                best = Some((reach, candidate));
            }
        }
        best.map(|(_, t)| t)
    }

    /// A title is written with a capital, or wholly in lower case ("the prime minister").
    fn title_case_fits(&self, i: usize, len: usize) -> bool {
        self.words.is_capitalized(i) || (i..i + len).all(|w| self.words.is_lowercase(w))
    }

    /// "of [the] <country or organisation>" starting at word `i`: the owners and the last word.
    fn of_owner(&self, i: usize) -> Option<(&'a [Owner], usize)> {
        if i + 1 >= self.words.len()
            || self.words.raw(i) != "of"
            || !is_space(self.words.gap_before(i))
        {
            return None;
        }
        let mut start = i + 1;
        if self.words.folded(start) == "the" && start + 1 < self.words.len() {
            start += 1;
        }
        if !self.words.is_capitalized(start) {
            return None;
        }
        let (n, owners) = self.lex.owners.longest_at(self.words, start)?;
        Some((owners, start + n - 1))
    }

    /// Records the title chain that starts at word `i` and returns the word after it.
    fn push_chain(&mut self, i: usize, first: TitleAt) -> usize {
        let capitalized = self.words.is_capitalized(i);
        let mut parts = vec![self.part(i, &first)];
        let mut owners = Vec::new();
        let mut of_other = first.of_other;
        let mut end = i + first.len;
        if let Some((o, last)) = first.of {
            owners = o.to_vec();
            end = last + 1;
        }
        let mut modifier = None;
        loop {
            end = self.skip_abbreviation(end);
            let Some((next, t)) = self.compound_part(end) else {
                break;
            };
            parts.push(self.part(next, &t));
            of_other |= t.of_other;
            end = next + t.len;
            if let Some((o, last)) = t.of {
                owners = o.to_vec();
                end = last + 1;
            }
        }
        if end < self.words.len()
            && matches!(self.words.folded(end), "elect" | "designate")
            && gap_fits(self.words.gap_before(end), " ", false)
        {
            modifier = Some(Modifier::NotNow);
            end += 1;
        }
        end = self.skip_abbreviation(end);
        let (lead, before_owners, before_modifier) = self.walk_back(i);
        if owners.is_empty() {
            owners = before_owners;
        }
        modifier = strongest(modifier, before_modifier);
        let rejected = self.inside_longer_title(lead);
        let id = self.found.chains.len();
        self.found.chains.push(TitleChain {
            parts,
            owners,
            modifier,
            capitalized,
            rejected,
            of_other,
            lead,
            end: end - 1,
        });
        self.fill(lead, end, Slot::Title(id));
        end
    }

    fn part(&self, i: usize, t: &TitleAt) -> TitlePart {
        TitlePart {
            span: self.words.span_of(i, i + t.len - 1),
            form: t.form,
        }
    }

    /// "(PM)" after a title: the word after the brackets.
    fn skip_abbreviation(&self, i: usize) -> usize {
        if i >= self.words.len() || !self.words.is_all_caps(i) {
            return i;
        }
        let before = trim(self.words.gap_before(i));
        let after = self.words.gap_after(i).trim_start();
        if before == "(" && after.starts_with(')') {
            i + 1
        } else {
            i
        }
    }

    /// A second title joined by "and", "&" or "/" at word `i`, and where it starts.
    fn compound_part(&self, i: usize) -> Option<(usize, TitleAt<'a>)> {
        if i >= self.words.len() {
            return None;
        }
        let gap = trim(self.words.gap_before(i));
        let next = if gap == "/" || gap == "&" {
            i
        } else if gap.is_empty() && self.words.raw(i) == "and" {
            i + 1
        } else {
            return None;
        };
        if next >= self.words.len()
            || !self.words.is_capitalized(next)
            || !is_space_or_slash(self.words.gap_before(next))
        {
            return None;
        }
        Some((next, self.title_at(next)?))
    }

    /// Modifiers and owners before the title at word `i`: "the then Japanese", "Japan's
    /// former", "ex-". Returns the first word of the chain, the owners and the modifier.
    fn walk_back(&self, i: usize) -> (usize, Vec<Owner>, Option<Modifier>) {
        let mut lead = i;
        let mut owners = Vec::new();
        let mut modifier = None;
        while lead > 0 {
            let k = lead - 1;
            let gap = self.words.gap_after(k);
            if !is_space(gap) && trim(gap) != "-" {
                break;
            }
            if let Slot::Owner(o) = self.slots[k] {
                if owners.is_empty() {
                    owners = self.owners[o].to_vec();
                }
                lead = self.slot_start(k);
                continue;
            }
            if self.slots[k] != Slot::Free {
                break;
            }
            let folded = self.words.folded(k);
            if let Some(m) = Lexicon::modifier(folded) {
                modifier = strongest(modifier, Some(m));
                lead = k;
            } else if folded == "s" && k > 0 && self.is_possessive_owner(k) {
                if let Slot::Owner(o) = self.slots[k - 1]
                    && owners.is_empty()
                {
                    owners = self.owners[o].to_vec();
                }
                lead = self.slot_start(k - 1);
            } else {
                break;
            }
        }
        (lead, owners, modifier)
    }

    /// "Japan's": an owner, an apostrophe, "s".
    fn is_possessive_owner(&self, s: usize) -> bool {
        matches!(self.slots[s - 1], Slot::Owner(_)) && matches!(self.words.gap_before(s), "'" | "’")
    }

    fn slot_start(&self, k: usize) -> usize {
        let slot = self.slots[k];
        let mut start = k;
        while start > 0 && self.slots[start - 1] == slot {
            start -= 1;
        }
        start
    }

    /// A capitalised word right before the chain that is neither owner, modifier nor
    /// honorific makes it part of a longer title the lexicon does not know ("Senior Vice
    /// Minister for Foreign Affairs"), unless it is an ordinary word opening the sentence
    /// ("Later Prime Minister Motegi") that is no usual start of a title.
    fn inside_longer_title(&self, lead: usize) -> bool {
        if lead == 0 || self.words.starts_sentence(lead) {
            return false;
        }
        let prev = lead - 1;
        is_space(self.words.gap_before(lead))
            && self.words.is_capitalized(prev)
            && self.slots[prev] == Slot::Free
            && self.words.folded(prev) != "the"
            && (!self.is_lead_word(prev) || self.words.kind(prev).has(WordKind::TITLE_START))
    }

    /// Groups the words no phrase took into runs of capitalised words and resolves each.
    fn collect_runs(&mut self) {
        let mut i = 0;
        while i < self.words.len() {
            if self.slots[i] != Slot::Free || !self.starts_run(i) {
                i += 1;
                continue;
            }
            let mut last = i;
            while last + 1 < self.words.len() && self.extends_run(last + 1) {
                last += 1;
            }
            while last > i && self.words.kind(last).has(WordKind::PARTICLE) {
                last -= 1;
            }
            let mut first = i;
            while first < last && self.is_lead_word(first) {
                first += 1;
            }
            if !self.is_lead_word(first) || first < last {
                let (first, name) = self.resolve_run_or_tail(first, last);
                self.push_mention(first, last, name);
            }
            i = last + 1;
        }
    }

    fn starts_run(&self, i: usize) -> bool {
        self.words.is_capitalized(i)
            || (self.words.kind(i).has(WordKind::PARTICLE)
                && i + 1 < self.words.len()
                && self.slots[i + 1] == Slot::Free
                && self.words.is_capitalized(i + 1)
                && gap_fits(self.words.gap_after(i), " ", false))
    }

    fn extends_run(&self, i: usize) -> bool {
        if self.slots[i] != Slot::Free || !self.is_name_word(i) {
            return false;
        }
        let gap = self.words.gap_before(i);
        if gap_fits(gap, "'", self.words.is_initial(i - 1)) {
            return true;
        }
        // "Biden, Jr."
        trim(gap) == "," && matches!(self.words.folded(i), "jr" | "sr")
    }

    /// The run resolved as a whole, or, when the registry does not know it, without the
    /// ordinary words in front: "met Minister Lavrov" names Lavrov.
    fn resolve_run_or_tail(&self, first: usize, last: usize) -> (usize, Name) {
        let name = self.resolve_run(first, last);
        if !matches!(name, Name::Unknown) {
            return (first, name);
        }
        let mut tail = first;
        while tail < last && self.is_ordinary_capital(tail) {
            tail += 1;
        }
        if tail > first {
            let rest = self.resolve_run(tail, last);
            if !matches!(rest, Name::Unknown) {
                return (tail, rest);
            }
        }
        (first, name)
    }

    /// A capitalised ordinary English word that is no part of a registry name ("Minister").
    fn is_ordinary_capital(&self, i: usize) -> bool {
        self.words.is_capitalized(i)
            && !self.words.kind(i).has(WordKind::NAME_WORD)
            && self.lex.is_english_at(self.vocabulary, self.words, i)
    }

    fn resolve_run(&self, first: usize, last: usize) -> Name {
        let family = self.names.family(self.words, first, last);
        if !family.is_empty() {
            return Name::Family(family.to_vec());
        }
        if let Some(form) = self
            .names
            .with_middle_names(self.vocabulary, self.words, first, last)
        {
            return Name::Known(vec![form]);
        }
        if let Some(p) = self.names.family_first_in_capitals(self.words, first, last) {
            return Name::FamilyFirst(p);
        }
        Name::Unknown
    }

    /// Gives each mention the title before it ("Prime Minister Suga", "PM Suga"), or after it
    /// ("Suga, Prime Minister of Japan"), and the country after it ("President Rivlin of
    /// Israel").
    fn attach_titles(&mut self) {
        let mut taken = vec![false; self.found.chains.len()];
        for m in 0..self.found.mentions.len() {
            let (chain, honorific) = self.title_before(m);
            let mention = &mut self.found.mentions[m];
            mention.honorific = honorific;
            if let Some(c) = chain {
                mention.title = Some(c);
                taken[c] = true;
            }
        }
        for m in 0..self.found.mentions.len() {
            let last = self.found.mentions[m].last;
            self.found.mentions[m].dated = self.dated_after(last) || self.names_a_thing(last);
            match self.found.mentions[m].title {
                Some(c) => {
                    if self.found.chains[c].owners.is_empty()
                        && let Some((owners, _)) = self.of_owner(last + 1)
                    {
                        self.found.chains[c].owners = owners.to_vec();
                    }
                }
                None => {
                    if let Some(c) = self.title_after(last).filter(|&c| !taken[c]) {
                        self.found.mentions[m].title = Some(c);
                        taken[c] = true;
                    }
                }
            }
        }
    }

    /// The chain right before mention `m` (honorifics between them skipped), and whether an
    /// honorific stands before the name.
    ///
    /// A comma may stand between them where the title names its country and a full name
    /// stands in apposition, closed by punctuation: "the Prime Minister of Japan, Mr. SUGA
    /// Yoshihide." — not "With the Indian Prime Minister, Yoshihide Suga discussed ...".
    fn title_before(&self, m: usize) -> (Option<usize>, bool) {
        let mention = &self.found.mentions[m];
        let full_name = !matches!(mention.name, Name::Family(_) | Name::Unknown)
            && self.closed_after(mention.last);
        let mut k = mention.first;
        let mut honorific = false;
        while k > 0 {
            let gap = self.words.gap_before(k);
            let trimmed = trim(gap);
            let comma = trimmed == "," && !gap.contains('\n');
            // "Prime Minister (PM) Yoshihide Suga": the chain ends in the bracket.
            let bracket = trimmed == ")" && matches!(self.slots[k - 1], Slot::Title(_));
            // "Mr. Suga"
            let dot = trimmed == "." && self.slots[k - 1] == Slot::Honorific;
            if !is_space(gap) && !comma && !bracket && !dot {
                break;
            }
            match self.slots[k - 1] {
                Slot::Honorific if !comma => {
                    honorific = true;
                    k = self.slot_start(k - 1);
                }
                Slot::Title(c)
                    if !comma || (full_name && !self.found.chains[c].owners.is_empty()) =>
                {
                    return (Some(c), honorific);
                }
                _ => break,
            }
        }
        (None, honorific)
    }

    /// ", [the] [former] [Japan's] Prime Minister [of Japan]" after word `last`, closed by
    /// punctuation or the end of the clause.
    fn title_after(&self, last: usize) -> Option<usize> {
        let next = last + 1;
        if next >= self.words.len() || trim(self.words.gap_after(last)) != "," {
            return None;
        }
        let start = if self.words.folded(next) == "the" && self.slots[next] == Slot::Free {
            next + 1
        } else {
            next
        };
        let Some(&Slot::Title(c)) = self.slots.get(start) else {
            return None;
        };
        let chain = &self.found.chains[c];
        (chain.lead == start && self.closes_clause(chain.end)).then_some(c)
    }

    /// Whether punctuation, a line break or the end of the text follows word `last`.
    fn closed_after(&self, last: usize) -> bool {
        let gap = self.words.gap_after(last);
        last + 1 >= self.words.len()
            || gap.contains('\n')
            || gap
                .trim_start()
                .starts_with([',', '.', ';', ':', ')', '!', '?'])
    }

    /// Whether the text after word `end` closes the apposition: punctuation, the end, or a
    /// word that is not a preposition dating the title ("from 2020 to 2021").
    fn closes_clause(&self, end: usize) -> bool {
        if self.closed_after(end) {
            return true;
        }
        let gap = self.words.gap_after(end);
        let next = end + 1;
        is_space(gap)
            && self.words.is_lowercase(next)
            && !matches!(
                self.words.folded(next),
                "from"
                    | "until"
                    | "till"
                    | "between"
                    | "in"
                    | "since"
                    | "during"
                    | "at"
                    | "of"
                    | "for"
                    | "to"
                    | "before"
                    | "after"
                    | "and"
                    | "s"
            )
    }

    /// Whether the name is followed by a capitalised noun that makes it the name of a place,
    /// an institution or a prize.
    fn names_a_thing(&self, last: usize) -> bool {
        let next = last + 1;
        next < self.words.len()
            && is_space(self.words.gap_after(last))
            && self.words.is_capitalized(next)
            && self.words.kind(next).has(WordKind::NAMED_THING)
    }

    /// Whether a year right after the name dates the title: "Suga (2020–2021)", "Abe's 2013
    /// visit", "Abe in 2013".
    fn dated_after(&self, last: usize) -> bool {
        let n = self.words.len();
        let is_year = |i: usize| {
            i < n && {
                let raw = self.words.raw(i);
                raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit())
            }
        };
        if last + 1 >= n {
            return false;
        }
        let next = last + 1;
        if trim(self.words.gap_after(last)).ends_with('(') {
            return (next..n.min(last + 5))
                .take_while(|&i| i == next || !self.words.gap_before(i).contains(')'))
                .any(is_year);
        }
        let possessive =
            self.words.raw(next) == "s" && matches!(self.words.gap_before(next), "'" | "’");
        let preposition = matches!(self.words.raw(next), "in" | "during")
            && is_space(self.words.gap_before(next));
        (possessive || preposition) && is_year(next + 1)
    }
}

fn is_space_or_slash(gap: &str) -> bool {
    is_space(gap) || matches!(trim(gap), "/" | "&")
}

fn strongest(a: Option<Modifier>, b: Option<Modifier>) -> Option<Modifier> {
    match (a, b) {
        (Some(Modifier::NotNow), _) | (_, Some(Modifier::NotNow)) => Some(Modifier::NotNow),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::person::built;
    use crate::rules::testing::registry;

    /// Each mention as "name [title parts | owners | modifier]".
    fn describe(text: &str) -> Vec<String> {
        let (check, reg) = (built(), registry());
        let words = Words::known(text, &check.vocabulary);
        let found = find(check.indexes(), &words);
        found
            .mentions
            .iter()
            .map(|m| {
                let name = match &m.name {
                    Name::Known(f) => format!("={}", reg.person(f[0].person).name),
                    Name::FamilyFirst(p) => format!("={}", reg.person(*p).name),
                    Name::Family(p) => format!("~{}", p.len()),
                    Name::Unknown => "?".into(),
                };
                let title = m.title.map(|c| {
                    let c = &found.chains[c];
                    let parts: Vec<&str> = c.parts.iter().map(|p| &text[p.span.clone()]).collect();
                    let owners: Vec<String> = c
                        .owners
                        .iter()
                        .map(|o| match o {
                            Owner::Country(id) => reg.country(*id).code.to_string(),
                            Owner::Organisation(code) => code.to_string(),
                        })
                        .collect();
                    format!(
                        " [{}|{}|{:?}{}{}]",
                        parts.join("+"),
                        owners.join(","),
                        c.modifier,
                        if c.rejected { "|rejected" } else { "" },
                        if c.capitalized { "" } else { "|lower" },
                    )
                });
                format!(
                    "{}{}{}",
                    &text[m.span.clone()],
                    name,
                    title.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn titles_before_names_in_every_shape() {
        assert_eq!(
            describe("Japanese Prime Minister (PM) Yoshihide Suga met"),
            ["Yoshihide Suga=Yoshihide Suga [Prime Minister|JP|None]"]
        );
        assert_eq!(describe("PM Suga said"), ["Suga~1 [PM||None]"]);
        assert_eq!(
            describe("Russian FM Sergey Viktorovich Lavrov and the Japanese FM"),
            ["Sergey Viktorovich Lavrov=Sergey Lavrov [FM|RU|None]"]
        );
        assert_eq!(
            describe(
                "with Qatari Deputy PM and Minister of Foreign Affairs Sheikh Mohammed bin \
                 Abdulrahman bin Jassim Al-Thani, Motegi"
            ),
            [
                "Mohammed bin Abdulrahman bin Jassim Al-Thani=Mohammed bin Abdulrahman Al Thani \
                 [Deputy PM+Minister of Foreign Affairs|QA|None]",
                "Motegi~1"
            ]
        );
        assert_eq!(
            describe("UN Secretary-General António Guterres spoke"),
            ["António Guterres=António Guterres [Secretary-General|UN|None]"]
        );
        assert_eq!(
            describe("the Prime Minister of Japan, Mr. SUGA Yoshihide"),
            ["SUGA Yoshihide=Yoshihide Suga [Prime Minister|JP|None]"]
        );
        assert_eq!(
            describe("Prime Minister of the Kingdom of Thailand Srettha Thavisin and"),
            ["Srettha Thavisin=Srettha Thavisin [Prime Minister|TH|None]"]
        );
        assert_eq!(
            describe("Deputy Prime Minister/Foreign Minister Parnpree Bahiddha-Nukara."),
            [
                "Parnpree Bahiddha-Nukara=Parnpree Bahiddha-Nukara [Deputy Prime Minister+Foreign Minister||None]"
            ]
        );
    }

    #[test]
    fn titles_after_names_and_countries_after_names() {
        assert_eq!(
            describe("H.E. Mr. Narendra Modi, Prime Minister of India, said"),
            ["Narendra Modi=Narendra Modi [Prime Minister|IN|None]"]
        );
        assert_eq!(
            describe("Yoshihide Suga, Prime Minister of Japan"),
            ["Yoshihide Suga=Yoshihide Suga [Prime Minister|JP|None]"]
        );
        assert_eq!(
            describe("President Reuven Rivlin of Israel"),
            ["Reuven Rivlin=Reuven Rivlin [President|IL|None]"]
        );
        assert_eq!(
            describe("Adel al-Jubeir, Minister of State for Foreign Affairs, said"),
            ["Adel al-Jubeir=Adel al-Jubeir [Minister of State for Foreign Affairs||None]"]
        );
        assert_eq!(
            describe("Suga, Prime Minister of Japan from 2020 to 2021"),
            ["Suga~1"],
            "a dated apposition is not taken"
        );
    }

    #[test]
    fn modifiers_move_titles_in_time() {
        assert_eq!(
            describe("former Prime Minister Suga"),
            ["Suga~1 [Prime Minister||Some(NotNow)]"]
        );
        assert_eq!(
            describe("then-Prime Minister Abe"),
            ["Abe~1 [Prime Minister||Some(NotNow)]"]
        );
        assert_eq!(
            describe("Japan's former Foreign Minister Motegi"),
            ["Motegi~1 [Foreign Minister|JP|Some(NotNow)]"]
        );
        assert_eq!(
            describe("Prime Minister-designate Kishida"),
            ["Kishida~1 [Prime Minister||Some(NotNow)]"]
        );
        assert_eq!(
            describe("Acting President Han Duck-soo"),
            ["Han Duck-soo=Han Duck-soo [President||Some(Acting)]"]
        );
    }

    #[test]
    fn names_inside_longer_names_are_not_mentions() {
        assert_eq!(
            describe("President George H. W. Bush"),
            ["George H. W. Bush? [President||None]"]
        );
        assert_eq!(describe("in Costa Rica today"), Vec::<String>::new());
        assert_eq!(
            describe("President Rodrigo Chaves Robles of Costa Rica"),
            ["Rodrigo Chaves Robles=Rodrigo Chaves Robles [President|CR|None]"]
        );
        assert_eq!(
            describe("National Security Advisor Jake Sullivan"),
            ["Jake Sullivan? [National Security Advisor||None]"]
        );
        assert_eq!(describe("On Thursday Motegi met"), ["Motegi~1"]);
        assert_eq!(describe("Then Motegi met"), ["Motegi~1"]);
        assert_eq!(describe("he met Minister Lavrov"), ["Lavrov~1"]);
        assert_eq!(describe("he met Grant Shapps"), ["Grant Shapps?"]);
    }

    #[test]
    fn unknown_longer_titles_are_rejected() {
        let d = describe("Senior Vice Minister for Foreign Affairs Toshimitsu Motegi");
        assert!(d.last().unwrap().contains("rejected"), "{d:?}");
        let d = describe("He left. Vice Minister for Foreign Affairs Toshimitsu Motegi");
        assert!(d.last().unwrap().contains("rejected"), "{d:?}");
        let d = describe("He left. Later Prime Minister Motegi spoke.");
        assert!(!d.last().unwrap().contains("rejected"), "{d:?}");
        let d = describe("the foreign minister Toshimitsu Motegi");
        assert!(d[0].contains("lower"), "{d:?}");
    }
}
