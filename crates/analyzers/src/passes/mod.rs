//! The analyzers, one module each, named as go vet and gopls name them.

use crate::Analyzer;

pub mod assign;
pub mod bools;
pub mod composites;
pub mod copylocks;
pub mod nilfunc;
pub mod structtag;

/// Every analyzer, in name order.
pub fn all() -> &'static [&'static Analyzer] {
    static ALL: &[&Analyzer] = &[
        &assign::ANALYZER,
        &bools::ANALYZER,
        &composites::ANALYZER,
        &copylocks::ANALYZER,
        &nilfunc::ANALYZER,
        &structtag::ANALYZER,
    ];
    ALL
}
