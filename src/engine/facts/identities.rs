//! The table of hashed identifiers: each distinct pseudonym once, with its kind.

use crate::engine::fast_hash::FastMap as HashMap;
use crate::engine::identity::{IdKind, Pseudonym};
use serde::{Deserialize, Serialize};

/// One hashed identifier (an email, a login, an employee id…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityId(pub u32);

/// The table of hashed identifiers seen so far.
#[derive(Clone, Debug, Default)]
pub struct Identities {
    pseudonyms: Vec<Pseudonym>,
    kinds: Vec<IdKind>,
    index: HashMap<Pseudonym, IdentityId>,
}

impl Identities {
    pub fn intern(&mut self, pseudonym: Pseudonym, kind: IdKind) -> IdentityId {
        if let Some(id) = self.index.get(&pseudonym) {
            return *id;
        }
        let id = IdentityId(self.pseudonyms.len() as u32);
        self.pseudonyms.push(pseudonym);
        self.kinds.push(kind);
        self.index.insert(pseudonym, id);
        id
    }
    pub fn pseudonym(&self, id: IdentityId) -> Pseudonym {
        self.pseudonyms[id.0 as usize]
    }
    pub fn kind(&self, id: IdentityId) -> IdKind {
        self.kinds[id.0 as usize]
    }
    pub fn len(&self) -> usize {
        self.pseudonyms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.pseudonyms.is_empty()
    }
}

/// Serialised as the list of (pseudonym, kind); the index is rebuilt when read back.
impl Serialize for Identities {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.pseudonyms.iter().zip(&self.kinds))
    }
}

impl<'de> Deserialize<'de> for Identities {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rows: Vec<(Pseudonym, IdKind)> = Vec::deserialize(d)?;
        let mut identities = Identities::default();
        for (pseudonym, kind) in &rows {
            identities.intern(*pseudonym, *kind);
        }
        if identities.len() != rows.len() {
            return Err(serde::de::Error::custom("repeated identity"));
        }
        Ok(identities)
    }
}
