//! The analyzers, one module each, named as go vet and gopls name them.

use crate::Analyzer;

pub mod assign;
pub mod bools;
pub mod composites;
pub mod copylocks;
pub mod lostcancel;
pub mod nilfunc;
pub mod printf;
pub mod structtag;
pub mod unreachable;

/// Every analyzer, in name order.
pub fn all() -> &'static [&'static Analyzer] {
    static ALL: &[&Analyzer] = &[
        &assign::ANALYZER,
        &bools::ANALYZER,
        &composites::ANALYZER,
        &copylocks::ANALYZER,
        &lostcancel::ANALYZER,
        &nilfunc::ANALYZER,
        &printf::ANALYZER,
        &structtag::ANALYZER,
        &unreachable::ANALYZER,
    ];
    ALL
}
