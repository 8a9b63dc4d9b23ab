//! Facts analyzers export about a package's objects for the packages analyzed after it (go
//! vet's "facts"): that `a.Logf` forwards to `fmt.Sprintf`, say.
//!
//! A fact is keyed by the analyzer, and by the object's full name ([`crate::Pass::full_name`]:
//! `fmt.Printf`, `(*log.Logger).Printf`), not by its id: a package can be checked more than
//! once in one run (with and without its test files), and its importers may see another
//! check of it than the one analyzed. Values are short strings each analyzer defines.

use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct Facts {
    map: HashMap<(&'static str, String), String>,
}

impl Facts {
    pub fn get(&self, analyzer: &'static str, object: &str) -> Option<&str> {
        self.map
            .get(&(analyzer, object.to_string()))
            .map(String::as_str)
    }

    pub(crate) fn insert(&mut self, analyzer: &'static str, object: String, value: String) {
        self.map.insert((analyzer, object), value);
    }

    pub(crate) fn merge(&mut self, other: Facts) {
        self.map.extend(other.map);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
