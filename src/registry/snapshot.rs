//! The embedded registry files, parsed at build time and stored in a compact binary form.
//!
//! Parsing half a megabyte of TOML took most of diplint's start-up; the build script
//! (`build.rs`, which includes this file and `file.rs`) parses the embedded files once and
//! writes what they hold, spans included, so that at run time reading them is a walk over bytes.
//! The merge and the checks that follow are the same as for files read as TOML, so errors and
//! results do not depend on the path taken (a test compares the two).
//!
//! The format is private to one build: a magic number, then every file's entries field by field
//! in declaration order. Each struct is written through an exhaustive destructuring, so a field
//! added to `file.rs` and forgotten here does not compile.

use super::file::*;
use toml::Spanned;

const MAGIC: &[u8; 8] = b"DIPREG01";

/// Writes values to a snapshot.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

/// Reads values back; `None` on any inconsistency (the caller then parses the TOML).
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl Writer {
    fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("registry snapshot: length over u32"));
    }
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }
}

/// A value that goes into a snapshot and comes back out unchanged.
pub trait Snap: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader) -> Option<Self>;
}

impl Snap for u32 {
    fn put(&self, w: &mut Writer) {
        w.u32(*self);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        r.u32()
    }
}

impl Snap for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.take(1)?[0] {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Snap for String {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        w.bytes.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.len()?;
        std::str::from_utf8(r.take(n)?).ok().map(str::to_owned)
    }
}

impl<T: Snap> Snap for Option<T> {
    fn put(&self, w: &mut Writer) {
        self.is_some().put(w);
        if let Some(v) = self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        if bool::get(r)? {
            T::get(r).map(Some)
        } else {
            Some(None)
        }
    }
}

impl<T: Snap> Snap for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.len()?;
        // Every value takes at least one byte: a corrupt length cannot reserve much.
        let mut out = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Some(out)
    }
}

impl<T: Snap> Snap for Spanned<T> {
    fn put(&self, w: &mut Writer) {
        let span = self.span();
        w.len(span.start);
        w.len(span.end);
        self.get_ref().put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let start = r.len()?;
        let end = r.len()?;
        Some(Spanned::new(start..end, T::get(r)?))
    }
}

impl<A: Snap, B: Snap> Snap for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

/// `Snap` for a struct, field by field; the destructuring is exhaustive on purpose.
macro_rules! snap_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl Snap for $name {
            fn put(&self, w: &mut Writer) {
                let $name { $($field),* } = self;
                $($field.put(w);)*
            }
            fn get(r: &mut Reader) -> Option<Self> {
                Some($name { $($field: Snap::get(r)?),* })
            }
        }
    };
}

snap_struct!(RegistryFile {
    valid_from,
    valid_through,
    country,
    organisation,
    office,
    title,
    person,
    series,
    acronym,
    style,
});
snap_struct!(CountryEntry {
    code,
    alpha3,
    status,
    short,
    official,
    un,
    adjectives,
    demonyms,
    variants,
    official_variants,
    political,
    misspellings,
    wrong_adjectives,
    wrong_official,
    former,
    style,
});
snap_struct!(FormerEntry {
    name,
    until,
    adjectives
});
snap_struct!(StylePrefEntry {
    profile,
    prefer,
    over,
    since
});
snap_struct!(OrganisationEntry { code, name, short });
snap_struct!(OfficeEntry {
    id,
    country,
    org,
    kinds,
    name,
    titles,
    complete_from,
});
snap_struct!(TitleEntry {
    form,
    kinds,
    abbreviation,
    ambiguous
});
snap_struct!(PersonEntry {
    id,
    name,
    family,
    variants,
    wikidata,
    term
});
snap_struct!(TermEntry {
    office,
    start,
    end,
    acting,
    source
});
snap_struct!(SeriesEntry {
    id,
    name,
    aliases,
    kind,
    item
});
snap_struct!(SeriesItemEntry {
    number,
    start,
    end,
    place,
    country
});
snap_struct!(AcronymEntry {
    short,
    expansions,
    known
});
snap_struct!(StyleEntry { name, description });

/// The snapshot of parsed files, each with its path.
pub fn encode(files: &[(String, RegistryFile)]) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.len(files.len());
    for pair in files {
        pair.put(&mut w);
    }
    w.bytes
}

/// The files of a snapshot, or `None` if it is not one this build wrote.
pub fn decode(bytes: &[u8]) -> Option<Vec<(String, RegistryFile)>> {
    let mut r = Reader { bytes };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let files = Vec::<(String, RegistryFile)>::get(&mut r)?;
    r.bytes.is_empty().then_some(files)
}
