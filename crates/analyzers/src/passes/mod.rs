//! The analyzers, one module each, named as go vet and gopls name them.

use crate::Analyzer;

pub mod copylocks;
pub mod nilfunc;

/// Every analyzer, in name order.
pub fn all() -> &'static [&'static Analyzer] {
    static ALL: &[&Analyzer] = &[&copylocks::ANALYZER, &nilfunc::ANALYZER];
    ALL
}
