//! The analyzers, one module each, named as go vet and gopls name them.

use crate::Analyzer;

pub mod appends;
pub mod assign;
pub mod atomic;
pub mod bools;
pub mod buildtag;
pub mod cgocall;
pub mod composites;
pub mod copylocks;
pub mod defers;
pub mod deprecated;
pub mod directive;
pub mod errorsas;
pub mod fillreturns;
pub mod hostport;
pub mod httpresponse;
pub mod ifaceassert;
pub mod infertypeargs;
pub mod loopclosure;
pub mod lostcancel;
pub mod nilfunc;
pub mod nonewvars;
pub mod noresultvalues;
pub mod printf;
pub mod shift;
pub mod sigchanyzer;
pub mod simplifycompositelit;
pub mod simplifyrange;
pub mod simplifyslice;
pub mod slog;
pub mod stdmethods;
pub mod stdversion;
pub mod stringintconv;
pub mod structtag;
pub mod testinggoroutine;
pub mod tests;
pub mod timeformat;
pub mod unmarshal;
pub mod unreachable;
pub mod unsafeptr;
pub mod unusedfunc;
pub mod unusedparams;
pub mod unusedresult;
pub mod unusedvariable;
pub mod waitgroup;

/// Every analyzer, in name order.
pub fn all() -> &'static [&'static Analyzer] {
    static ALL: &[&Analyzer] = &[
        &appends::ANALYZER,
        &assign::ANALYZER,
        &atomic::ANALYZER,
        &bools::ANALYZER,
        &buildtag::ANALYZER,
        &cgocall::ANALYZER,
        &composites::ANALYZER,
        &copylocks::ANALYZER,
        &defers::ANALYZER,
        &deprecated::ANALYZER,
        &directive::ANALYZER,
        &errorsas::ANALYZER,
        &fillreturns::ANALYZER,
        &hostport::ANALYZER,
        &httpresponse::ANALYZER,
        &ifaceassert::ANALYZER,
        &infertypeargs::ANALYZER,
        &loopclosure::ANALYZER,
        &lostcancel::ANALYZER,
        &nilfunc::ANALYZER,
        &nonewvars::ANALYZER,
        &noresultvalues::ANALYZER,
        &printf::ANALYZER,
        &shift::ANALYZER,
        &sigchanyzer::ANALYZER,
        &simplifycompositelit::ANALYZER,
        &simplifyrange::ANALYZER,
        &simplifyslice::ANALYZER,
        &slog::ANALYZER,
        &stdmethods::ANALYZER,
        &stdversion::ANALYZER,
        &stringintconv::ANALYZER,
        &structtag::ANALYZER,
        &testinggoroutine::ANALYZER,
        &tests::ANALYZER,
        &timeformat::ANALYZER,
        &unmarshal::ANALYZER,
        &unreachable::ANALYZER,
        &unsafeptr::ANALYZER,
        &unusedfunc::ANALYZER,
        &unusedparams::ANALYZER,
        &unusedresult::ANALYZER,
        &unusedvariable::ANALYZER,
        &waitgroup::ANALYZER,
    ];
    ALL
}
