//! Labels: declarations, unused labels, and the targets of break, continue and goto (jumps
//! over variable declarations, into blocks).

use super::Checker;

impl Checker<'_> {}
