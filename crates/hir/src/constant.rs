//! Exact constant values and operations on them, as go/constant defines them.
