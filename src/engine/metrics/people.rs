//! People: identities linked into persons (union-find over the HRIS and vendor links), and each
//! person's HR attributes. A person is one pseudonymous identity after linking (METRICS.md).

use crate::engine::facts::{Facts, IdentityId, PersonRecord};
use crate::engine::identity::{IdKind, Pseudonym};
use crate::engine::intern::Sym;

/// A person after linking: an index into [`People`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);

pub struct People {
    person_of_identity: Vec<PersonId>,
    /// Per person: the HRIS record, if one names them.
    records: Vec<Option<usize>>,
    /// Per person: the pseudonym shown for them (their email's, when they have one).
    pseudonyms: Vec<Pseudonym>,
}

impl People {
    pub fn resolve(facts: &Facts) -> People {
        let n = facts.identities.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn root(parent: &mut [u32], mut i: u32) -> u32 {
            while parent[i as usize] != i {
                let grand = parent[parent[i as usize] as usize];
                parent[i as usize] = grand;
                i = grand;
            }
            i
        }
        for (a, b) in &facts.links {
            let (ra, rb) = (root(&mut parent, a.0), root(&mut parent, b.0));
            if ra != rb {
                let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent[high as usize] = low;
            }
        }
        let mut person_index = vec![u32::MAX; n];
        let mut person_of_identity = Vec::with_capacity(n);
        let mut pseudonyms = Vec::new();
        for i in 0..n as u32 {
            let r = root(&mut parent, i) as usize;
            if person_index[r] == u32::MAX {
                person_index[r] = pseudonyms.len() as u32;
                pseudonyms.push(facts.identities.pseudonym(IdentityId(r as u32)));
            }
            let person = PersonId(person_index[r]);
            if facts.identities.kind(IdentityId(i)) == IdKind::Email {
                pseudonyms[person.0 as usize] = facts.identities.pseudonym(IdentityId(i));
            }
            person_of_identity.push(person);
        }
        let mut records = vec![None; pseudonyms.len()];
        for (index, record) in facts.people.iter().enumerate() {
            if let Some(identity) = record.identity {
                // A later HRIS row for the same person replaces an earlier one.
                records[person_of_identity[identity.0 as usize].0 as usize] = Some(index);
            }
        }
        People {
            person_of_identity,
            records,
            pseudonyms,
        }
    }

    pub fn person(&self, identity: IdentityId) -> PersonId {
        self.person_of_identity[identity.0 as usize]
    }

    pub fn count(&self) -> usize {
        self.pseudonyms.len()
    }

    pub fn pseudonym(&self, person: PersonId) -> Pseudonym {
        self.pseudonyms[person.0 as usize]
    }

    pub fn record<'f>(&self, facts: &'f Facts, person: PersonId) -> Option<&'f PersonRecord> {
        self.records[person.0 as usize].and_then(|i| facts.people.get(i))
    }

    /// Every person's department at once (one pass over the facts).
    pub fn departments(&self, facts: &Facts) -> Vec<Option<Sym>> {
        let mut vendor: Vec<Option<(crate::engine::date::Day, Sym)>> = vec![None; self.count()];
        for row in &facts.periods {
            if let Some(department) = row.department {
                let slot = &mut vendor[self.person(row.identity).0 as usize];
                if slot.is_none_or(|(day, _)| day <= row.period.last) {
                    *slot = Some((row.period.last, department));
                }
            }
        }
        (0..self.count())
            .map(|p| {
                let hris = self.records[p]
                    .and_then(|i| facts.people.get(i))
                    .and_then(|r| r.department);
                hris.or(vendor[p].map(|(_, d)| d))
            })
            .collect()
    }
}
