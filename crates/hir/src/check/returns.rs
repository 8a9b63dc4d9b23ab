//! Terminating statements (the spec's definition), for `missing return`.

use super::Checker;

impl Checker<'_> {}
