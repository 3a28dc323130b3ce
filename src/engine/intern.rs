//! Interned strings: labels that repeat (models, departments, teams) are stored once and
//! referred to by a small integer.

use super::fast_hash::FastMap as HashMap;
use serde::{Deserialize, Serialize};

/// An interned string: an index into an [`Interner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sym(pub u32);

#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(sym) = self.index.get(text) {
            return *sym;
        }
        let sym = Sym(self.strings.len() as u32);
        self.strings.push(Box::from(text));
        self.index.insert(Box::from(text), sym);
        sym
    }

    pub fn get(&self, text: &str) -> Option<Sym> {
        self.index.get(text).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        self.strings.get(sym.0 as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

/// Serialised as the list of strings; the index is rebuilt when read back.
impl Serialize for Interner {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.strings.iter().map(|b| &**b))
    }
}

impl<'de> Deserialize<'de> for Interner {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let strings: Vec<String> = Vec::deserialize(d)?;
        let mut interner = Interner::default();
        for s in &strings {
            interner.intern(s);
        }
        if interner.len() != strings.len() {
            return Err(serde::de::Error::custom("repeated interned string"));
        }
        Ok(interner)
    }
}
